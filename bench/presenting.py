#!/usr/bin/env python3
"""Presenting benchmark: key press to slide, click to panel, and the map's frame rate.

Runs the real window offscreen on the bundled deck and measures, on the GUI
thread:

    key    from a key press to the new slide painted and the map's flight
           started (the JavaScript call issued), over a walk through the deck
           forwards and back; target: 95th percentile at most 16 ms
    click  from a click's arrival from the page to the country panel filled;
           target: at most 50 ms (and, for information, from the mouse click
           on the map to the panel filled, across the web engine's processes)
    fps    frames per second of the map's fly-to animation, counted inside the
           page with requestAnimationFrame

    python bench/presenting.py
"""

from __future__ import annotations

import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("KZVIEWER_CACHE_DIR", tempfile.mkdtemp(prefix="kzviewer-bench-"))
os.environ["XDG_CONFIG_HOME"] = tempfile.mkdtemp(prefix="kzviewer-bench-config-")

# The tests' probes (kz.labelOf, kz.pointOf), and a frame counter: put into the page here, not shipped in it.
PROBE = (Path(__file__).resolve().parents[1] / "tests" / "qt" / "probe.js").read_text(encoding="utf-8")
FPS_PROBE = """
(function () {
    const m = kz.page.map, probe = window.kzProbe = {frames: 0, ms: 0, flights: []};
    let counting = false, start = 0;
    function tick() { if (!counting) return; probe.frames++; requestAnimationFrame(tick); }
    m.on("movestart", function () { counting = true; start = performance.now(); probe.frames = 0;
                                    requestAnimationFrame(tick); });
    m.on("moveend", function () { if (!counting) return; counting = false;
                                  probe.flights.push([probe.frames, performance.now() - start]); });
})()
"""


def percentile(values: list[float], p: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(p / 100 * (len(ordered) - 1)))]


def main() -> int:
    from kzviewer.qt.app import prepare_environment

    prepare_environment()
    from PySide6.QtCore import QEventLoop, QPoint, Qt, QTimer
    from PySide6.QtTest import QTest
    from PySide6.QtWidgets import QApplication

    from kzviewer import resources
    from kzviewer.qt.app import build_window
    from kzviewer.qt.mapview import release_profile

    app = QApplication(sys.argv[:1])
    window = build_window(resources.bundled_deck())
    view, deck = window.map_view, window.deck
    window.resize(1600, 900)

    def wait(ms: int) -> None:
        loop = QEventLoop()
        QTimer.singleShot(ms, loop.quit)
        loop.exec()

    def wait_for(signal, ms: int = 10_000):  # type: ignore[no-untyped-def]
        loop = QEventLoop()
        got: list = []
        signal.connect(lambda *a: (got.append(a), loop.quit()))
        QTimer.singleShot(ms, loop.quit)
        loop.exec()
        return got

    def evaluate(expression: str):  # type: ignore[no-untyped-def]
        loop = QEventLoop()
        result: list = []
        view.evaluate(expression, lambda value: (result.append(value), loop.quit()))
        loop.exec()
        return result[0]

    window.show()
    wait_for(view.bridge.ready, 30_000)
    wait(500)
    view.run(PROBE)
    view.run(FPS_PROBE)

    # Key press to slide painted and flight started.
    key_ms = []
    for key in [Qt.Key.Key_Right] * (len(deck.slides) - 1) + [Qt.Key.Key_Left] * (len(deck.slides) - 1):
        start = time.perf_counter()
        QTest.keyClick(window, key)
        window.slide_view.repaint()
        key_ms.append((time.perf_counter() - start) * 1000)
        wait(1300)  # the flight (1 s) and the idle layout of the next slides
    print(
        f"key -> slide painted and flight started: median {statistics.median(key_ms):.1f} ms, "
        f"p95 {percentile(key_ms, 95):.1f} ms, max {max(key_ms):.1f} ms over {len(key_ms)} presses "
        f"(target p95 <= 16 ms)"
    )

    flights = evaluate("kzProbe.flights")
    rates = [frames / (ms / 1000) for frames, ms in flights if ms > 200]
    print(
        f"fly-to animation: median {statistics.median(rates):.0f} fps, min {min(rates):.0f} fps "
        f"over {len(rates)} flights (counted with requestAnimationFrame in the page)"
    )

    # Click to panel: the GUI thread's part, from the page's message to the panel filled.
    window.presentation.go(1)
    wait(1300)
    click_ms = []
    for iso3 in ["KAZ", "RUS", "CHN", "UZB", "KGZ", "TJK", "TKM", "AFG", "MNG", "BRA", "FRA", "USA"] * 3:
        start = time.perf_counter()
        view.bridge.countryClicked(iso3)  # the slot map.js calls
        click_ms.append((time.perf_counter() - start) * 1000)
        app.processEvents()
    print(
        f"click arrives -> panel filled: median {statistics.median(click_ms):.1f} ms, "
        f"max {max(click_ms):.1f} ms over {len(click_ms)} clicks (target <= 50 ms)"
    )

    # And end to end: a real mouse click on the map until the panel shows the country.
    lat, lon = evaluate('kz.labelOf("KAZ")')
    x, y = evaluate(f"kz.pointOf({lat}, {lon})")
    round_trip = []
    for _ in range(10):
        start = time.perf_counter()
        QTest.mouseClick(
            view.focusProxy(), Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, QPoint(round(x), round(y))
        )
        wait_for(view.bridge.countrySelected, 5000)
        round_trip.append((time.perf_counter() - start) * 1000)
        wait(100)
    print(
        f"mouse click on the map -> panel filled (through the web engine): median "
        f"{statistics.median(round_trip):.1f} ms, max {max(round_trip):.1f} ms"
    )

    import shiboken6

    shiboken6.delete(window)
    release_profile()
    return 0


if __name__ == "__main__":
    sys.exit(main())
