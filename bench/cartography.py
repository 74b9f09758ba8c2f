#!/usr/bin/env python3
"""Cartography check: on every slide of a deck, which names the map misses and which overlap.

Opens the real window offscreen at a given size, goes to each slide, waits for
the map to arrive, and reads the page:

    missed    a highlighted country whose box on screen is at least 40 x 14 px
              (design.md, "Cartography") and whose name is hidden
    overlaps  pairs of visible names whose boxes (as laid out) overlap
    fill      on a slide that fits countries: how much of the pane's width or
              height (the larger share) their boxes and places span; the rule
              asks at least 85%

    python bench/cartography.py [DECK] [--lang ru] [--size 1440x810]

Prints one line per slide with a miss or an overlap, then the totals.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import tempfile
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("KZVIEWER_CACHE_DIR", tempfile.mkdtemp(prefix="kzviewer-bench-"))
os.environ["XDG_CONFIG_HOME"] = tempfile.mkdtemp(prefix="kzviewer-bench-config-")

MIN_BOX = (40, 14)  # px: a country at least this big on screen has its name shown
MIN_FILL = 0.85

# The share of the pane the fitted countries' boxes (and the slide's places) span.
FILL = """(function (fit, places) {
    const map = kz.page.map, size = map.getSize();
    let bounds = null;
    for (const iso3 of fit) {
        const info = kz.page.countries[iso3];
        if (!info) continue;
        const [s, w, n, e] = info.bbox, box = L.latLngBounds([s, w], [n, e]);
        bounds = bounds ? bounds.extend(box) : box;
    }
    if (!bounds) return null;
    for (const p of places) bounds.extend(p);
    const a = map.latLngToContainerPoint(bounds.getNorthWest()), b = map.latLngToContainerPoint(bounds.getSouthEast());
    return Math.max((b.x - a.x) / size.x, (b.y - a.y) / size.y);
})"""

MEASURE = """JSON.stringify((function () {
    const map = kz.page.map, size = map.getSize(), missed = [], boxes = [];
    for (const el of document.querySelectorAll('.kz-label')) {
        const iso3 = el.dataset.iso3, [s, w, n, e] = kz.page.countries[iso3].bbox;
        const a = map.latLngToContainerPoint([n, w]), b = map.latLngToContainerPoint([s, e]);
        const width = Math.min(b.x, size.x) - Math.max(a.x, 0), height = Math.min(b.y, size.y) - Math.max(a.y, 0);
        if (el.style.visibility === 'hidden') {
            if (width >= MIN_W && height >= MIN_H) missed.push(iso3);
        } else {
            const r = el.getBoundingClientRect();
            boxes.push([iso3, r.left, r.top, r.right, r.bottom]);
        }
    }
    const overlaps = [];
    boxes.forEach((p, i) => boxes.slice(0, i).forEach((q) => {
        if (p[1] < q[3] && q[1] < p[3] && p[2] < q[4] && q[2] < p[4]) overlaps.push(q[0] + '/' + p[0]);
    }));
    return {missed: missed, overlaps: overlaps};
})())""".replace("MIN_W", str(MIN_BOX[0])).replace("MIN_H", str(MIN_BOX[1]))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("deck", nargs="?", type=Path)
    parser.add_argument("--lang", default=None)
    parser.add_argument("--size", default="1440x810", help="the window's size (default: 1440x810)")
    args = parser.parse_args()

    from kzviewer import i18n, resources
    from kzviewer.deck.language import front_matter_language

    deck = args.deck or resources.bundled_deck()
    i18n.set_language(i18n.choose(args.lang, front_matter_language(deck), {}))

    from kzviewer.qt.app import prepare_environment

    prepare_environment()
    import shiboken6
    from PySide6.QtCore import QEventLoop, QTimer
    from PySide6.QtWidgets import QApplication

    from kzviewer.qt.app import build_window
    from kzviewer.qt.mapview import release_profile

    app = QApplication(sys.argv[:1])
    window = build_window(deck)
    width, height = (int(x) for x in args.size.split("x"))
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
    missed = overlaps = 0
    fills: list[float] = []
    places = window.presentation.deck.countries.places
    for number in range(1, len(window.presentation.deck.slides) + 1):
        if number != window.presentation.number:
            window.presentation.go(number)
            wait_for(window.map_view.bridge.transitionDone, 5000)
        pause(300)  # the names are laid out after the last frame
        found = json.loads(str(evaluate(MEASURE)))
        missed += len(found["missed"])
        overlaps += len(found["overlaps"])
        if found["missed"] or found["overlaps"]:
            print(f"slide {number}: names missed {found['missed']}, overlapping {found['overlaps']}")
        state = window.presentation.deck.slide(number).map
        if state.fit:
            where = [[places[k].lat, places[k].lon] for k in state.places if k in places]
            fill = evaluate(f"{FILL}({json.dumps(list(state.fit))}, {json.dumps(where)})")
            if isinstance(fill, float):
                fills.append(fill)
                if fill < MIN_FILL:
                    print(f"slide {number}: the fitted countries span {fill:.0%} of the pane")
    slides = len(window.presentation.deck.slides)
    print(f"{deck.name} at {args.size}, {i18n.language()}: {slides} slides, {missed} names missed, {overlaps} overlaps")
    if fills:
        short = sum(f < MIN_FILL for f in fills)
        print(f"fits: {len(fills)} slides, {short} under {MIN_FILL:.0%}, least {min(fills):.0%}")
    # QtWebEngine wants its page gone before its profile, and both before the application.
    shiboken6.delete(window)
    release_profile()
    del app
    return 0


if __name__ == "__main__":
    sys.exit(main())
