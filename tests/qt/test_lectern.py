"""At the lectern, in the real window: the laser, the pen, the zoom, and the console's pace.

The mouse goes through the window as a lecturer's would (Qt finds the widget
under it), so that what takes the mouse while a tool is on is what is tested.
What the audience sees is read off the widgets' pictures and the map's layers.
"""

from __future__ import annotations

import numpy as np
import pytest
from PySide6.QtCore import QPoint, QPointF, Qt
from PySide6.QtGui import QImage
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QWidget

from kzviewer.model import rehearsals
from kzviewer.model.lectern import Pointer, Spot, Surface
from kzviewer.model.pacing import clock
from kzviewer.model.presentation import Presentation
from kzviewer.qt.console import GREEN, RED, PresenterConsole
from tests.qt.helpers import LEFT, NONE, drag, evaluate, line, move, on_map, on_slide, on_window
from tests.qt.test_presenting import arrived, go_and_wait

K = Qt.Key


# -- the mouse and the eye ------------------------------------------------------------------


def under_mouse(window, point: QPoint) -> QWidget | None:
    return window.childAt(point)


def red(image: QImage, at: QPoint, reach: int = 3) -> bool:
    """Ink or the laser near ``at``: a strong red no colour of the map or slide has."""
    for dx in range(-reach, reach + 1):
        for dy in range(-reach, reach + 1):
            colour = image.pixelColor(at.x() + dx, at.y() + dy)
            if colour.red() > 190 and colour.green() < 60 and colour.blue() < 80:
                return True
    return False


def picture(widget: QWidget) -> QImage:
    return widget.grab().toImage()


def grey(image: QImage) -> np.ndarray:
    image = image.convertToFormat(QImage.Format.Format_Grayscale8)
    rows = np.frombuffer(image.constBits(), np.uint8).reshape(image.height(), image.bytesPerLine())
    return rows[:, : image.width()].astype(float)


def sharpness(pixels: np.ndarray) -> float:
    """Mean squared step between neighbours: high for crisp edges, low for blurred ones."""
    return float((np.diff(pixels, axis=1) ** 2).mean())


# -- the keys -------------------------------------------------------------------------------


def test_l_d_and_z_each_toggle_their_mode_and_the_lectern_takes_the_mouse_only_then(window):
    p, slide_point = window.presentation, on_slide(window, 800, 450)
    assert under_mouse(window, slide_point) is window.slide_view, "no tool: links on the slide work"
    for key, on in ((K.Key_L, lambda: p.pointer is Pointer.LASER), (K.Key_D, lambda: p.pointer is Pointer.PEN)):
        QTest.keyClick(window, key)
        assert on()
        assert under_mouse(window, slide_point) is window.lectern
        assert under_mouse(window, on_map(window, 0.5, 0.5)) is window.lectern
        QTest.keyClick(window, key)
        assert p.pointer is Pointer.NONE
        assert under_mouse(window, slide_point) is window.slide_view
    QTest.keyClick(window, K.Key_Z)
    assert p.picking and under_mouse(window, slide_point) is window.lectern
    QTest.keyClick(window, K.Key_Z)
    assert not p.picking and under_mouse(window, slide_point) is window.slide_view
    # Esc peels one layer at a time: the zoom, then the laser, then presenting.
    QTest.keyClick(window, K.Key_F5)
    QTest.keyClick(window, K.Key_L)
    QTest.keyClick(window, K.Key_Z)
    QTest.keyClick(window, K.Key_Escape)
    assert (p.picking, p.pointer, p.presenting) == (False, Pointer.LASER, True)
    QTest.keyClick(window, K.Key_Escape)
    assert (p.pointer, p.presenting) == (Pointer.NONE, True)
    QTest.keyClick(window, K.Key_Escape)
    assert not p.presenting


# -- the laser ----------------------------------------------------------------------------


def test_the_laser_follows_the_mouse_over_slide_and_map(qtbot, window):
    p = window.presentation
    QTest.keyClick(window, K.Key_L)
    on_the_slide = on_slide(window, 400, 300)
    move(window, on_the_slide)
    assert p.laser is not None and p.laser.surface is Surface.SLIDE
    assert (p.laser.x, p.laser.y) == pytest.approx((400, 300), abs=3)
    assert red(picture(window), on_the_slide)

    on_the_map = on_map(window, 0.5, 0.4)
    move(window, on_the_map)
    assert p.laser == Spot(Surface.MAP, pytest.approx(0.5, abs=0.01), pytest.approx(0.4, abs=0.01))
    shown = picture(window)
    assert red(shown, on_the_map) and not red(shown, on_the_slide), "one dot, where the mouse is"

    QTest.keyClick(window, K.Key_L)
    assert p.laser is None
    assert not red(picture(window), on_the_map)


# -- the pen ------------------------------------------------------------------------------


def test_ink_on_the_slide_stays_with_its_slide_and_c_clears_it(qtbot, window):
    p = window.presentation
    QTest.keyClick(window, K.Key_D)
    drag(window, line(on_slide(window, 300, 700), on_slide(window, 1100, 700)))
    assert [s.surface for s in p.ink()] == [Surface.SLIDE]
    assert p.ink()[0].points[0] == pytest.approx((300, 700), abs=3)
    middle = window.slide_view.canvas_transform().map(QPointF(700, 700)).toPoint()
    assert red(picture(window.slide_view), middle)

    QTest.keyClick(window, K.Key_Right)
    assert not red(picture(window.slide_view), middle), "the next slide has no ink"
    assert p.pointer is Pointer.PEN, "the pen stays on across slides"
    QTest.keyClick(window, K.Key_Left)
    assert red(picture(window.slide_view), middle), "the ink came back with its slide"

    QTest.keyClick(window, K.Key_C)
    assert p.ink() == ()
    assert not red(picture(window.slide_view), middle)


def test_the_map_neither_pans_nor_clicks_under_a_stroke(qtbot, window):
    view, p = window.map_view, window.presentation
    go_and_wait(qtbot, window, 3)
    before = evaluate(qtbot, view, "kz.describe()")
    QTest.keyClick(window, K.Key_D)
    points = line(on_map(window, 0.3, 0.5), on_map(window, 0.7, 0.45))
    drag(window, points)
    qtbot.waitUntil(lambda: len(evaluate(qtbot, view, "kz.describe().ink")) == 1, timeout=5000)
    after = evaluate(qtbot, view, "kz.describe()")
    assert after["center"] == pytest.approx(before["center"], abs=1e-9)
    assert after["zoom"] == pytest.approx(before["zoom"], abs=1e-9) and after["selected"] is None
    # The stroke is where it was drawn: its first point is back under the pen.
    lat, lon = after["ink"][0][0]
    x, y = evaluate(qtbot, view, f"kz.pointOf({lat}, {lon})")
    back = on_window(window, view, QPointF(x, y))
    assert (back.x(), back.y()) == pytest.approx((points[0].x(), points[0].y()), abs=2)
    assert [s.surface for s in p.ink()] == [Surface.MAP]

    go_and_wait(qtbot, window, 4)
    assert evaluate(qtbot, view, "kz.describe().ink") == []
    go_and_wait(qtbot, window, 3)
    assert len(evaluate(qtbot, view, "kz.describe().ink")) == 1, "the map's ink came back with its slide"
    QTest.keyClick(window, K.Key_C)
    qtbot.waitUntil(lambda: evaluate(qtbot, view, "kz.describe().ink") == [], timeout=5000)

    # The same drag without the pen pans the map (so the stroke's test could fail).
    QTest.keyClick(window, K.Key_D)
    drag(window, points)
    qtbot.waitUntil(lambda: evaluate(qtbot, view, "kz.describe().center") != after["center"], timeout=5000)


def test_a_stroke_on_the_map_stays_on_its_slide_when_the_next_comes_at_once(qtbot, window):
    p = window.presentation
    go_and_wait(qtbot, window, 3)
    QTest.keyClick(window, K.Key_D)
    drag(window, line(on_map(window, 0.3, 0.5), on_map(window, 0.7, 0.45)))
    QTest.keyClick(window, K.Key_Right)  # before the page has said where the stroke is
    qtbot.waitUntil(lambda: len(p.ink(3)) == 1, timeout=5000)
    assert p.ink(4) == () and p.map_snapshot().ink == ()


def test_a_stroke_cut_short_by_a_black_screen_ends_there(qtbot, window):
    p = window.presentation
    QTest.keyClick(window, K.Key_D)
    handle = window.windowHandle()
    QTest.mousePress(handle, LEFT, NONE, on_slide(window, 200, 200))
    QTest.mouseMove(handle, on_slide(window, 300, 220))
    QTest.keyClick(window, K.Key_B)  # the release happens under the black screen, unseen
    QTest.mouseRelease(handle, LEFT, NONE, on_slide(window, 300, 220))
    QTest.keyClick(window, K.Key_B)
    drag(window, line(on_slide(window, 600, 700), on_slide(window, 900, 700), 4))
    assert [len(s.points) for s in p.ink()] == [2, 5], "two strokes, not one joined across the slide"


def test_drawing_on_an_enlarged_map_keeps_it_enlarged(qtbot, window):
    view = window.map_view
    go_and_wait(qtbot, window, 3)
    QTest.keyClick(window, K.Key_Z)
    with qtbot.waitSignal(**arrived(window)):
        drag(window, line(on_map(window, 0.4, 0.4), on_map(window, 0.6, 0.6), 8))
    enlarged = evaluate(qtbot, view, "kz.describe()")
    QTest.keyClick(window, K.Key_D)
    drag(window, line(on_map(window, 0.3, 0.5), on_map(window, 0.7, 0.45)))
    qtbot.waitUntil(lambda: len(evaluate(qtbot, view, "kz.describe().ink")) == 1, timeout=5000)
    qtbot.wait(300)
    after = evaluate(qtbot, view, "kz.describe()")
    assert after["zoom"] == pytest.approx(enlarged["zoom"], abs=1e-9)
    assert after["center"] == pytest.approx(enlarged["center"], abs=1e-6)


# -- the zoom -----------------------------------------------------------------------------


def test_z_enlarges_a_part_of_the_slide_drawn_sharp_and_z_returns(qtbot, window):
    p, view = window.presentation, window.slide_view
    whole = picture(view)
    scale = view.canvas_transform().m11()
    QTest.keyClick(window, K.Key_Z)
    drag(window, line(on_slide(window, 80, 120), on_slide(window, 480, 345), 8))  # a quarter of the slide
    assert p.zoom is not None and p.zoom.surface is Surface.SLIDE and not p.picking
    assert view.canvas_transform().m11() == pytest.approx(4 * scale, rel=0.05)

    # Drawn again at four times the size: crisper than the same part blown up.
    zoomed = picture(view)
    rect = view.slide_rect().toAlignedRect()
    small = whole.copy(
        rect.x() + rect.width() // 20, rect.y() + rect.height() * 2 // 15, rect.width() // 4, rect.height() // 4
    )
    blown_up = small.scaled(
        rect.size(), Qt.AspectRatioMode.IgnoreAspectRatio, Qt.TransformationMode.SmoothTransformation
    )
    crisp = grey(zoomed.copy(rect))
    assert sharpness(crisp) > 2 * sharpness(grey(blown_up))

    QTest.keyClick(window, K.Key_Z)
    assert p.zoom is None
    assert picture(view) == whole


def test_z_enlarges_a_part_of_the_map_and_esc_returns(qtbot, window):
    view = window.map_view
    go_and_wait(qtbot, window, 3)
    before = evaluate(qtbot, view, "kz.describe()")
    QTest.keyClick(window, K.Key_Z)
    with qtbot.waitSignal(**arrived(window)):
        drag(window, line(on_map(window, 0.4, 0.4), on_map(window, 0.6, 0.6), 8))
    enlarged = evaluate(qtbot, view, "kz.describe()")
    assert enlarged["zoom"] >= before["zoom"] + 2, "a fifth of the pane: four times larger or more"
    with qtbot.waitSignal(**arrived(window)):
        QTest.keyClick(window, K.Key_Escape)
    back = evaluate(qtbot, view, "kz.describe()")
    assert back["zoom"] == pytest.approx(before["zoom"], abs=1e-9)
    assert back["center"] == pytest.approx(before["center"], abs=1e-6)


# -- pacing -------------------------------------------------------------------------------


def test_the_console_shows_time_left_and_turns_red_when_a_tenth_behind(qtbot, window):
    now = [0.0]
    p = Presentation(window.presentation.deck, clock=lambda: now[0], duration=30)
    console = PresenterConsole(p, window.map_view.url())
    qtbot.addWidget(console)
    p.set_presenting(True)
    assert console.pace.text() == "30:00 left · on time"
    assert GREEN in console.pace.styleSheet()

    now[0] = 12 * 60.0  # twelve minutes on the first slide of thirty
    p.go(2)
    behind = p.pace()
    assert behind is not None and behind.late
    assert console.pace.text() == f"18:00 left · {clock(behind.behind_s)} behind"
    assert RED in console.pace.styleSheet()

    p.go(p.count)  # the last slide, with three minutes to go: ahead
    now[0] = 27 * 60.0
    console._tick()
    assert console.pace.text().startswith("3:00 left · ") and console.pace.text().endswith(" ahead")
    assert GREEN in console.pace.styleSheet()


def test_a_run_of_presenting_is_kept_as_the_rehearsal_and_shown_in_the_overview(qtbot, window, monkeypatch):
    monkeypatch.setattr("kzviewer.model.presentation.PASSED_OVER", 0.5)  # seconds, not three: a quick test
    p = window.presentation
    QTest.keyClick(window, K.Key_F5)
    qtbot.wait(1100)
    QTest.keyClick(window, K.Key_Right)
    QTest.keyClick(window, K.Key_Escape)
    kept = rehearsals.load(p.deck)
    assert kept[1] >= 1.0 and 2 not in kept, "slide 2 was passed over"
    assert rehearsals.path_for(p.deck.path).parent.parent != p.deck.path.parent, "never beside the deck"
    QTest.keyClick(window, K.Key_O)
    assert window.overview.item(0).text().endswith(f"({clock(kept[1])})")
