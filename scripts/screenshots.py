#!/usr/bin/env python3
"""Take the README's screenshots of the real window on a virtual X screen.

    xvfb-run -s "-screen 0 1440x810x24" python scripts/screenshots.py [--out assets/screenshots]

Runs kzviewer with Qt's xcb platform (a real window, not offscreen), waits for
the map, clicks Kazakhstan as a lecturer would, and grabs the whole screen.
"""

from __future__ import annotations

import argparse
import math
import os
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SIZE = (1440, 810)
# The tests' probes (where a country's label is on screen): not shipped in the page.
PROBE = (ROOT / "tests" / "qt" / "probe.js").read_text(encoding="utf-8")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=ROOT / "assets" / "screenshots")
    parser.add_argument("--deck", type=Path, help="a deck (default: the bundled lecture)")
    parser.add_argument("--lang", help="the interface's language (default: the deck's lang:, else English)")
    args = parser.parse_args()
    if not os.environ.get("DISPLAY"):
        print("screenshots: no DISPLAY; run under xvfb-run", file=sys.stderr)
        return 1
    os.environ["QT_QPA_PLATFORM"] = "xcb"
    # The window's default layout and no rehearsal times, not whatever this machine's user left.
    os.environ["XDG_CONFIG_HOME"] = tempfile.mkdtemp(prefix="kzviewer-shots-")
    os.environ["XDG_STATE_HOME"] = tempfile.mkdtemp(prefix="kzviewer-shots-state-")

    from kzviewer.qt.app import prepare_environment

    prepare_environment()
    from PySide6.QtCore import QCoreApplication, QPoint, QPointF, Qt, QTimer
    from PySide6.QtTest import QTest
    from PySide6.QtWidgets import QApplication, QWidget

    from kzviewer import i18n, resources
    from kzviewer.deck.language import front_matter_language
    from kzviewer.qt.app import build_window, close_down, speak

    deck = args.deck or resources.bundled_deck()
    i18n.set_language(i18n.choose(args.lang, front_matter_language(deck), {}))
    QCoreApplication.setAttribute(Qt.ApplicationAttribute.AA_ShareOpenGLContexts)
    app = QApplication(sys.argv[:1])
    speak(app)
    window = build_window(deck)
    view = window.map_view
    window.setGeometry(0, 0, SIZE[0], SIZE[1])
    args.out.mkdir(parents=True, exist_ok=True)

    def grab(name: str) -> None:
        path = args.out / name
        app.primaryScreen().grabWindow(0).save(str(path))
        print(f"wrote {path}", file=sys.stderr)

    def click_kazakhstan(label: list[float]) -> None:
        def at(point: list[float]) -> None:
            QTest.mouseClick(
                view.focusProxy(),
                Qt.MouseButton.LeftButton,
                Qt.KeyboardModifier.NoModifier,
                QPoint(round(point[0]), round(point[1])),
            )
            # Then rest the pointer on the legend, where it shows no tooltip.
            QTest.mouseMove(view.focusProxy(), QPoint(100, view.height() - 90))
            QTimer.singleShot(800, finish)

        view.evaluate(f"kz.pointOf({label[0]}, {label[1]})", at)

    def finish() -> None:
        grab("window.png")
        # A later slide, its map flown to.
        window.presentation.go(6)
        QTimer.singleShot(1800, later_slide)

    def later_slide() -> None:
        grab("slide-6.png")
        window.presentation.set_overview(True)
        QTimer.singleShot(600, overview)

    def overview() -> None:
        grab("overview.png")
        window.presentation.set_overview(False)
        window.show_console()
        window.console.setGeometry(0, 0, SIZE[0], SIZE[1])
        window.console.raise_()
        QTimer.singleShot(2500, console)

    def console() -> None:
        grab("console.png")
        window.console.close()
        # What the audience sees: presenting slide 5, Eurasia's three states between Russia and China
        # (the pointer off the map, where it left a country's name open).
        QTest.mouseMove(window.slide_view, QPoint(10, 10))
        view.page().runJavaScript("kz.closeTips()")
        window.presentation.go(5)
        window.presentation.set_presenting(True)
        QTimer.singleShot(2500, presenting)

    def presenting() -> None:
        grab("presenting.png")
        # At the lectern: presenting slide 6, a ring drawn round the Kazakh-Chinese
        # border on the map, a word underlined on the slide, the laser on Almaty.
        window.presentation.go(6)
        QTimer.singleShot(2500, lambda: view.evaluate("[kz.pointOf(44.2, 80.4), kz.pointOf(43.25, 76.9)]", lectern))

    def lectern(points: list[list[float]]) -> None:
        overlay, p = window.lectern, window.presentation
        zoom = view.zoomFactor()
        (ring_x, ring_y), (almaty_x, almaty_y) = (
            view.mapTo(window.audience_view, QPoint(round(x * zoom), round(y * zoom))).toTuple() for x, y in points
        )
        p.toggle_pen()
        ring = [
            QPoint(round(ring_x + 110 * math.cos(t / 40 * math.tau)), round(ring_y + 70 * math.sin(t / 40 * math.tau)))
            for t in range(42)
        ]
        stroke(overlay, ring)
        slide, audience = window.slide_view, window.audience_view
        under = [
            slide.mapTo(audience, slide.canvas_transform().map(QPointF(x, 352))).toPoint() for x in range(118, 640, 20)
        ]
        stroke(overlay, under)
        p.toggle_laser()
        QTest.mouseMove(overlay, QPoint(almaty_x, almaty_y))
        QTimer.singleShot(1500, lambda: (grab("lectern.png"), app.quit()))

    def stroke(widget: QWidget, points: list[QPoint]) -> None:
        QTest.mousePress(widget, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, points[0])
        for point in points[1:]:
            QTest.mouseMove(widget, point)
        QTest.mouseRelease(widget, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, points[-1])

    def ready() -> None:
        view.run(PROBE)  # kz.labelOf and kz.pointOf, as the tests have them
        QTimer.singleShot(500, lambda: view.evaluate('kz.labelOf("KAZ")', click_kazakhstan))

    view.bridge.ready.connect(ready)
    window.show()
    QTimer.singleShot(30_000, app.quit)
    app.exec()
    close_down(window)
    return 0


if __name__ == "__main__":
    sys.exit(main())
