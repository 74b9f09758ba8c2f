#!/usr/bin/env python3
"""Large decks: a 2,000-slide deck opened and walked, a 200-slide deck exported,
and crowded slides: 10,000 places on one slide, 2,000 arrows on another.

The long decks are the bundled lecture's slides repeated, written to a
temporary folder beside a copy of its countries file.  A crowded slide is
timed from the process's start to the map ready and its first frame painted
(``--exit-when-ready`` would stop before the paint), and exported.

    python bench/big_decks.py
"""

from __future__ import annotations

import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("KZVIEWER_CACHE_DIR", tempfile.mkdtemp(prefix="kzviewer-bench-"))
os.environ["XDG_CONFIG_HOME"] = tempfile.mkdtemp(prefix="kzviewer-bench-config-")


def write_deck(folder: Path, slides: int) -> Path:
    from kzviewer import resources

    text = resources.bundled_deck().read_text(encoding="utf-8")
    lines = text.split("\n")
    end = [i for i, line in enumerate(lines) if line == "---"][1]
    front, body = "\n".join(lines[: end + 1]), "\n".join(lines[end + 1 :])
    parts = body.split("\n---\n")
    shutil.copy(resources.slides_dir() / "kazakhstan.countries.yaml", folder)
    shutil.copytree(resources.slides_dir() / "data", folder / "data", dirs_exist_ok=True)  # its layers' files
    path = folder / f"deck-{slides}.md"
    path.write_text(front + "\n" + "\n---\n".join(parts[i % len(parts)] for i in range(slides)) + "\n")
    return path


def write_crowded_decks(folder: Path) -> tuple[Path, Path]:
    """A deck whose first slide marks 10,000 places, and one whose first slide draws 2,000 arrows."""
    import random

    rng = random.Random(1)
    places = "\n".join(
        f"  p{i}: {{name: Place {i}, lat: {rng.uniform(30, 60):.3f}, lon: {rng.uniform(40, 100):.3f}}}"
        for i in range(10_000)
    )
    (folder / "crowded.yaml").write_text(
        "groups: {g: {label: G, color: '#123456'}}\ncountries: {KAZ: {group: g}}\nplaces:\n" + places + "\n"
    )
    front = "---\ntitle: Crowded\ncountries: crowded.yaml\n---\n"
    keys = ", ".join(f"p{i}" for i in range(10_000))
    marked = folder / "places.md"
    marked.write_text(f"{front}# Places\n```map\nfit: [KAZ]\nhighlight: [KAZ]\nplaces: [{keys}]\n```\n---\n# Two\n")
    codes = ["KAZ", "RUS", "CHN", "UZB", "KGZ", "TJK", "TKM", "MNG", "AFG", "IRN", "PAK", "IND"]
    arrows = "\n".join(f"  - [{rng.choice(codes)}, {rng.choice(codes)}, link {i}]" for i in range(2000))
    linked = folder / "links.md"
    linked.write_text(f"{front}# Arrows\n```map\nfit: [KAZ]\nhighlight: [KAZ]\nlinks:\n{arrows}\n```\n---\n# Two\n")
    return marked, linked


PAINTED = """
import sys, time
from pathlib import Path
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication
from kzviewer.qt.app import build_window, prepare_environment
prepare_environment()
app = QApplication([])
window = build_window(Path(sys.argv[1]))
window.show()
view = window.map_view

def painted(value):
    if value:
        print("painted", flush=True)
        app.quit()
    else:
        QTimer.singleShot(10, ask)

def ask():
    view.evaluate("window.kzPainted === true", painted)

def ready():
    print("ready", flush=True)
    view.run("requestAnimationFrame(() => requestAnimationFrame(() => { window.kzPainted = true; }))")
    ask()

view.bridge.ready.connect(ready)
app.exec()
"""


def time_to_painted(deck: Path) -> tuple[float, float]:
    """Seconds from spawning kzviewer on ``deck`` to its map ready, and to a frame
    painted after that (with a warm page cache)."""
    command = [sys.executable, "-c", PAINTED, str(deck)]
    subprocess.run(command, check=True, capture_output=True, timeout=300)  # builds the page
    start = time.perf_counter()
    times = []
    with subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True) as proc:
        assert proc.stdout is not None
        for _line in proc.stdout:
            times.append(time.perf_counter() - start)
    ready, painted = times
    return ready, painted


def main() -> int:
    folder = Path(tempfile.mkdtemp(prefix="kzviewer-big-"))
    big, export_deck = write_deck(folder, 2000), write_deck(folder, 200)

    start = time.perf_counter()
    subprocess.run([sys.executable, "-m", "kzviewer", "check", str(big)], check=True, capture_output=True)
    print(f"kzviewer check, 2,000 slides: {time.perf_counter() - start:.2f} s")

    from kzviewer.qt.app import prepare_environment

    prepare_environment()
    from PySide6.QtCore import QEventLoop, Qt
    from PySide6.QtTest import QTest
    from PySide6.QtWidgets import QApplication

    from kzviewer.qt.app import build_window, close_down

    app = QApplication(sys.argv[:1])
    start = time.perf_counter()
    window = build_window(big)
    window.show()
    loop = QEventLoop()
    window.map_view.bridge.ready.connect(loop.quit)
    loop.exec()
    print(f"window on 2,000 slides, to map ready (cold page cache): {time.perf_counter() - start:.2f} s")
    presses = []
    for _ in range(300):
        tick = time.perf_counter()
        QTest.keyClick(window, Qt.Key.Key_Right)
        window.slide_view.repaint()
        presses.append((time.perf_counter() - tick) * 1000)
        app.processEvents()
    presses.sort()
    print(
        f"300 key presses: median {statistics.median(presses):.1f} ms, p95 {presses[284]:.1f} ms, "
        f"max {presses[-1]:.1f} ms"
    )
    tick = time.perf_counter()
    QTest.keyClick(window, Qt.Key.Key_End)
    window.slide_view.repaint()
    print(f"End (to slide {window.presentation.number}): {(time.perf_counter() - tick) * 1000:.1f} ms")
    tick = time.perf_counter()
    QTest.keyClick(window, Qt.Key.Key_O)
    app.processEvents()
    print(
        f"overview of {window.overview.count()} slides opens in "
        f"{(time.perf_counter() - tick) * 1000:.0f} ms (thumbnails drawn as they come into view)"
    )
    close_down(window)

    out = folder / "deck-200.pdf"
    start = time.perf_counter()
    subprocess.run(
        [sys.executable, "-m", "kzviewer", "export", str(export_deck), "-o", str(out)], check=True, capture_output=True
    )
    elapsed = time.perf_counter() - start
    print(f"export of 200 slides: {elapsed:.1f} s ({elapsed / 200:.3f} s per slide), {out.stat().st_size / 1e6:.0f} MB")

    places, links = write_crowded_decks(folder)
    for deck, what, target in ((places, "10,000 places", 3), (links, "2,000 arrows", 2)):
        ready, painted = time_to_painted(deck)
        shown = f"map ready {ready:.2f} s after start (target < {target} s), a frame painted {painted:.2f} s"
        print(f"a slide with {what}: {shown}")
    start = time.perf_counter()
    subprocess.run(
        [sys.executable, "-m", "kzviewer", "export", str(places), "-o", str(folder / "places.pdf")],
        check=True,
        capture_output=True,
    )
    print(f"export of the slide with 10,000 places (and one more): {time.perf_counter() - start:.1f} s (target < 10 s)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
