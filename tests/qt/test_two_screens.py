"""Presenting with two screens, on Qt's offscreen platform given two virtual screens.

The screens are fixed when the application starts, so this runs in a process
of its own.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import textwrap

import pytest

SCREENS = {
    "screens": [
        {
            "name": "laptop",
            "x": 0,
            "y": 0,
            "width": 1600,
            "height": 900,
            "logicalDpi": 96,
            "logicalBaseDpi": 96,
            "dpr": 1,
        },
        {
            "name": "projector",
            "x": 1600,
            "y": 0,
            "width": 1920,
            "height": 1080,
            "logicalDpi": 96,
            "logicalBaseDpi": 96,
            "dpr": 1,
        },
    ]
}

SCRIPT = textwrap.dedent("""
    import json, sys
    from PySide6.QtCore import QPointF, QTimer, Qt, QUrl
    from PySide6.QtTest import QTest
    from PySide6.QtWidgets import QApplication
    from kzviewer import resources
    from kzviewer.qt.app import build_window, close_down, prepare_environment
    prepare_environment()
    app = QApplication([])
    window = build_window(resources.bundled_deck())
    view = window.map_view
    window.move(100, 100)
    window.show()
    report = {}

    def present():
        report["screens"] = [s.name() for s in app.screens()]
        QTest.keyClick(window, Qt.Key.Key_F5)
        QTimer.singleShot(300, look)

    def look():
        report["audience"] = [window.screen().name(), window.isFullScreen(), window.geometry().getRect()]
        console = window.console
        report["console"] = [console.screen().name(), console.isVisible()] if console else None
        QTest.keyClick(window, Qt.Key.Key_Right)
        report["console_slide"] = console.current.slide.number if console else None
        lectern(console)
        # The projector is unplugged (Qt says so just before it goes from the
        # list of screens): the audience view comes back to the laptop.
        window.screen_removed(app.screens()[1])
        report["unplugged"] = [window.screen().name(), window.isFullScreen(), window.presentation.presenting,
                               console.isFullScreen()]
        QTest.keyClick(window, Qt.Key.Key_Escape)
        report["after"] = [window.presentation.presenting, window.isFullScreen()]
        print(json.dumps(report))
        app.quit()

    def at(window, slide_view, x, y):
        # A point of the slide's canvas, in the window.
        return slide_view.mapTo(window, slide_view.canvas_transform().map(QPointF(x, y))).toPoint()

    def red(window, point):
        image = window.grab().toImage()
        return any(
            (c.red() > 190 and c.green() < 60 and c.blue() < 80)
            for c in (image.pixelColor(point.x() + dx, point.y() + dy) for dx in range(-3, 4) for dy in range(-3, 4))
        )

    def lectern(console):
        # Point, then draw, on the console's slide, through its window, as the presenter does.
        handle = console.windowHandle()
        QTest.keyClick(console, Qt.Key.Key_L)
        QTest.mouseMove(handle, at(console, console.current, 400, 300))
        spot = window.presentation.laser
        report["laser"] = [spot.surface.value, round(spot.x), round(spot.y)] if spot else None
        report["laser_shown"] = [red(window, at(window, window.slide_view, 400, 300)),
                                 red(console, at(console, console.current, 400, 300))]
        QTest.keyClick(console, Qt.Key.Key_D)
        points = [at(console, console.current, x, 700) for x in range(300, 1101, 40)]
        QTest.mousePress(handle, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, points[0])
        for point in points[1:]:
            QTest.mouseMove(handle, point)
        QTest.mouseRelease(handle, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, points[-1])
        report["ink_shown"] = [red(window, at(window, window.slide_view, 700, 700)),
                               red(console, at(console, console.current, 700, 700))]
        QTest.keyClick(console, Qt.Key.Key_D)

    view.bridge.ready.connect(present)
    QTimer.singleShot(30000, app.quit)
    app.exec()
    close_down(window)
""")


@pytest.fixture(scope="module")
def report(tmp_path_factory):
    """What the script saw, presenting on two virtual screens."""
    config = tmp_path_factory.mktemp("screens") / "screens.json"
    config.write_text(json.dumps(SCREENS))
    env = dict(os.environ, QT_QPA_PLATFORM=f"offscreen:configfile={config}")
    result = subprocess.run([sys.executable, "-c", SCRIPT], env=env, capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr[-2000:]
    return json.loads(result.stdout.strip().splitlines()[-1])


def test_f5_puts_the_audience_view_on_the_projector_and_the_console_on_the_laptop(report):
    assert report["screens"] == ["laptop", "projector"]
    assert report["audience"][:2] == ["projector", True]
    assert report["audience"][2] == [1600, 0, 1920, 1080]
    assert report["console"] == ["laptop", True]
    assert report["console_slide"] == 2, "what the presenter does shows in both windows"
    assert report["unplugged"] == ["laptop", True, True, False]
    assert report["after"] == [False, False]


def test_pointing_and_drawing_on_the_consoles_slide_shows_on_the_projector(report):
    assert report["laser"] == ["slide", pytest.approx(400, abs=3), pytest.approx(300, abs=3)]
    assert report["laser_shown"] == [True, True], "the dot on the projector, at the same place on the slide"
    assert report["ink_shown"] == [True, True], "the stroke on the projector as on the console"
