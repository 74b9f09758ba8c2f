#!/usr/bin/env python3
"""Cartography check: on every slide of a deck, which names the map misses and which overlap.

Opens the real window offscreen at a given size, goes to each slide, waits for
the map to arrive, and reads the page:

    missed    a highlighted country whose box on screen is at least 40 x 14 px
              (design.md, "Cartography") and whose name is hidden
    hidden    names of places and arrows hidden (to keep clear of others)
    overlaps  pairs of visible names (countries', places', arrows') whose
              boxes (as laid out) overlap
    fill      on a slide that fits countries: how much of the pane's width or
              height (the larger share) what it frames spans (the countries'
              boxes, its places, its arrows' names); the rule asks at least 85%
    legend    fitted countries the legend lies over (the rule: none)

    python bench/cartography.py [DECK] [--lang ru] [--size 1440x810] [--present] [--shots DIR]

Prints one line per slide with a miss or an overlap, then the totals.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import tempfile
from pathlib import Path

os.environ.setdefault("KZVIEWER_CACHE_DIR", tempfile.mkdtemp(prefix="kzviewer-bench-"))
os.environ["XDG_CONFIG_HOME"] = tempfile.mkdtemp(prefix="kzviewer-bench-config-")

MIN_FILL = 0.85
# The measures (kz.cartography): the tests' probes, put into the page here as the tests do.
PROBE = (Path(__file__).resolve().parent.parent / "tests" / "qt" / "probe.js").read_text(encoding="utf-8")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("deck", nargs="?", type=Path)
    parser.add_argument("--lang", default=None)
    parser.add_argument("--size", default="1440x810", help="the window's size (default: 1440x810)")
    parser.add_argument("--shots", type=Path, help="save a picture of the map on every slide into this folder")
    parser.add_argument(
        "--present", action="store_true", help="present full screen on one screen of --size (the audience's view)"
    )
    args = parser.parse_args()
    width, height = (int(x) for x in args.size.split("x"))
    if args.present:
        # One virtual screen of that size: presenting fills it.
        screen = {"name": "projector", "x": 0, "y": 0, "width": width, "height": height, "logicalDpi": 96, "dpr": 1}
        config = Path(tempfile.mkdtemp(prefix="kzviewer-bench-screen-")) / "screens.json"
        config.write_text(json.dumps({"screens": [screen]}), encoding="utf-8")
        os.environ["QT_QPA_PLATFORM"] = f"offscreen:configfile={config}"
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

    from kzviewer import i18n, resources
    from kzviewer.deck.language import front_matter_language

    deck = args.deck or resources.bundled_deck()
    i18n.set_language(i18n.choose(args.lang, front_matter_language(deck), {}))

    from kzviewer.qt.app import prepare_environment

    prepare_environment()
    from PySide6.QtCore import QEventLoop, QTimer
    from PySide6.QtWidgets import QApplication

    from kzviewer.qt.app import build_window, close_down

    app = QApplication(sys.argv[:1])
    window = build_window(deck)
    window.resize(width, height)

    def wait_for(signal, timeout_ms: int) -> None:
        loop = QEventLoop()
        signal.connect(loop.quit)
        QTimer.singleShot(timeout_ms, loop.quit)
        loop.exec()
        signal.disconnect(loop.quit)

    def pause(ms: int) -> None:
        loop = QEventLoop()
        QTimer.singleShot(ms, loop.quit)
        loop.exec()

    def evaluate(script: str) -> object:
        box: dict[str, object] = {}
        loop = QEventLoop()
        window.map_view.page().runJavaScript(script, 0, lambda result: (box.setdefault("r", result), loop.quit()))
        loop.exec()
        return box["r"]

    window.show()
    wait_for(window.map_view.bridge.ready, 30_000)
    if args.present:
        window.presentation.set_presenting(True)
        pause(1500)
        size = window.map_view.size()
        print(f"presenting: the audience's map is {size.width()} x {size.height()}")
    missed = hidden = overlaps = covered = 0
    fills: list[float] = []
    evaluate(f"(function () {{ {PROBE} }})(), 0")
    for number in range(1, len(window.presentation.deck.slides) + 1):
        if number != window.presentation.number:
            window.presentation.go(number)
            wait_for(window.map_view.bridge.transitionDone, 5000)
        # Until the view holds still (offscreen, a flight can wait for the next
        # call into the page to draw its next frame), then the names' layout.
        view = None
        while view != (view := evaluate("JSON.stringify([kz.page.map.getZoom(), kz.page.map.getCenter()])")):
            pause(150)
        pause(300)
        state = window.presentation.deck.slide(number).map
        found = json.loads(str(evaluate(f"JSON.stringify(kz.cartography({json.dumps(state.to_json())}))")))
        if args.shots:
            args.shots.mkdir(parents=True, exist_ok=True)
            window.map_view.grab().save(str(args.shots / f"slide-{number:02}.png"))
        missed += len(found["missed"])
        hidden += len(found["hidden"])
        overlaps += len(found["overlaps"])
        if found["missed"] or found["hidden"] or found["overlaps"]:
            print(
                f"slide {number}: names missed {found['missed']}, place or arrow names hidden {found['hidden']}, "
                f"overlapping {found['overlaps']}"
            )
        if found["fill"] is not None:
            fills.append(found["fill"])
            if found["fill"] < MIN_FILL:
                why = " (the legend lay over it in every corner: room kept for it)" if found["cramped"] else ""
                print(f"slide {number}: what the slide frames spans {found['fill']:.0%} of the pane{why}")
        if found["under"]:
            covered += 1
            print(f"slide {number}: the legend lies over {found['under']}")
    slides = len(window.presentation.deck.slides)
    where = f"{args.size} presenting" if args.present else args.size
    print(
        f"{deck.name} at {where}, {i18n.language()}: {slides} slides, {missed} names missed, "
        f"{hidden} place or arrow names hidden, {overlaps} overlaps"
    )
    if fills:
        short = sum(f < MIN_FILL for f in fills)
        print(
            f"fits: {len(fills)} slides, {short} under {MIN_FILL:.0%}, least {min(fills):.0%}; "
            f"the legend over fitted countries on {covered}"
        )
    close_down(window)
    del app
    return 0


if __name__ == "__main__":
    sys.exit(main())
