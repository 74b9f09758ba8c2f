"""Helpers for tests that talk to a map page."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import QPoint, QPointF, Qt
from PySide6.QtGui import QWheelEvent
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QWidget

from kzviewer.qt.mapview import evaluate as evaluate_in

# The test probes (kz.describe, kz.pointOf, kz.labelOf): put into the page
# by the tests, never shipped in it.  A page loaded anew (after its render
# process died) gets them again on the next question.
PROBE = (Path(__file__).with_name("probe.js")).read_text(encoding="utf-8")
WITH_PROBE = f"(window.kz && !kz.describe && kz.page && (function () {{ {PROBE} }})(), 0)"


def evaluate(qtbot, view, expression: str) -> Any:
    """The value of a JavaScript expression in the view's page, through JSON."""
    with qtbot.waitCallback(timeout=10_000) as callback:
        evaluate_in(view.page(), f"({WITH_PROBE}, {expression})", callback)
    return callback.args[0]


def tooltip(qtbot, view) -> str:
    """The text of the name shown under the mouse ("" if none is)."""
    return evaluate(qtbot, view, "(document.querySelector('.kz-tip') || {}).textContent || ''")


def settle(qtbot, view) -> None:
    """Wait until the map holds still (offscreen, a flight may need a call into the page to go on)."""

    def settled():
        first = evaluate(qtbot, view, "kz.describe()")
        qtbot.wait(60)
        second = evaluate(qtbot, view, "kz.describe()")
        return all(first[k] == second[k] for k in ("center", "zoom", "size"))

    qtbot.waitUntil(settled, timeout=5000)


def point_of(qtbot, view, iso3: str) -> QPoint:
    """Where a country's label point is on screen, once the view has settled."""
    settle(qtbot, view)
    lat, lon = evaluate(qtbot, view, f"kz.labelOf({iso3!r})")
    x, y = evaluate(qtbot, view, f"kz.pointOf({lat}, {lon})")
    return QPoint(round(x), round(y))


def click(qtbot, view, iso3: str) -> None:
    """A real click on a country's label point."""
    point = point_of(qtbot, view, iso3)
    QTest.mouseClick(view.focusProxy(), Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, point)


def explore(qtbot, view, iso3: str, notches: int = 2) -> None:
    """Zoom the map in over a country with the mouse wheel, as a lecturer explores it."""
    point = QPointF(point_of(qtbot, view, iso3))
    with qtbot.waitSignal(view.bridge.viewExplored, timeout=5000):
        for _ in range(notches):
            event = QWheelEvent(
                point,
                QPointF(view.mapToGlobal(point)),
                QPoint(0, 0),
                QPoint(0, 120),
                Qt.MouseButton.NoButton,
                Qt.KeyboardModifier.NoModifier,
                Qt.ScrollPhase.NoScrollPhase,
                False,
            )
            QApplication.sendEvent(view.focusProxy(), event)


# -- the mouse, through the window as a hand moves it (Qt finds the widget under it) --------

LEFT = Qt.MouseButton.LeftButton
NONE = Qt.KeyboardModifier.NoModifier


def on_window(window, widget: QWidget, point: QPointF | QPoint) -> QPoint:
    return widget.mapTo(window, QPointF(point)).toPoint()


def on_slide(window, x: float, y: float) -> QPoint:
    """Where a point of the slide's canvas (1600 × 900) is, in the window."""
    view = window.slide_view
    return on_window(window, view, view.canvas_transform().map(QPointF(x, y)))


def on_map(window, fx: float, fy: float) -> QPoint:
    """A point of the map pane, as fractions of it, in the window."""
    view = window.map_view
    return on_window(window, view, QPointF(fx * view.width(), fy * view.height()))


def move(window, point: QPoint) -> None:
    QTest.mouseMove(window.windowHandle(), point)


def drag(window, points: list[QPoint]) -> None:
    """Press, move through ``points``, release: through the window, as a hand would."""
    handle = window.windowHandle()
    QTest.mousePress(handle, LEFT, NONE, points[0])
    for point in points[1:]:
        QTest.mouseMove(handle, point)
    QTest.mouseRelease(handle, LEFT, NONE, points[-1])


def line(a: QPoint, b: QPoint, steps: int = 20) -> list[QPoint]:
    return [a + (b - a) * i / steps for i in range(steps + 1)]
