"""After the map's render process dies, the map and the panel show exactly what they showed.

The map view keeps one snapshot of the presentation and sends it again to the
page it loads anew; the panel shows the presentation's selection.  Each way a
lecturer changes what the map shows is tried, alone and followed by a slide
change (which puts the map back to the slide).
"""

from __future__ import annotations

import os
import signal

import pytest
from PySide6.QtCore import Qt, QUrl
from PySide6.QtTest import QTest

from tests.qt.helpers import click, drag, evaluate, explore, line, on_map
from tests.qt.test_presenting import arrived, go_and_wait

SHOWN = ("fills", "borders", "places", "legend", "labels", "links", "selected", "ink")


def settled(qtbot, view):
    """What the map shows, once two looks a moment apart agree."""
    looks = [evaluate(qtbot, view, "kz.describe()")]

    def still() -> bool:
        qtbot.wait(80)
        looks.append(evaluate(qtbot, view, "kz.describe()"))
        return looks[-1] == looks[-2]

    qtbot.waitUntil(still, timeout=5000)
    return looks[-1]


def select_on_the_map(qtbot, window):
    click(qtbot, window.map_view, "KAZ")
    qtbot.waitUntil(lambda: evaluate(qtbot, window.map_view, "kz.describe().selected") == "KAZ", timeout=5000)


def select_in_the_panel(qtbot, window):
    select_on_the_map(qtbot, window)
    window.panel.anchorClicked.emit(QUrl("country:UZB"))  # a neighbour in Kazakhstan's list of borders
    qtbot.waitUntil(lambda: evaluate(qtbot, window.map_view, "kz.describe().selected") == "UZB", timeout=5000)


def explore_the_map(qtbot, window):
    explore(qtbot, window.map_view, "KAZ")


def draw_on_the_map(qtbot, window):
    QTest.keyClick(window, Qt.Key.Key_D)
    drag(window, line(on_map(window, 0.3, 0.5), on_map(window, 0.7, 0.45)))
    qtbot.waitUntil(lambda: len(evaluate(qtbot, window.map_view, "kz.describe().ink")) == 1, timeout=5000)


def enlarge_a_part_of_the_map(qtbot, window):
    QTest.keyClick(window, Qt.Key.Key_Z)
    with qtbot.waitSignal(**arrived(window)):
        drag(window, line(on_map(window, 0.4, 0.4), on_map(window, 0.6, 0.6), 8))


@pytest.mark.parametrize("then_next_slide", [False, True], ids=["", "then-next-slide"])
@pytest.mark.parametrize(
    "change",
    [select_on_the_map, select_in_the_panel, explore_the_map, draw_on_the_map, enlarge_a_part_of_the_map],
    ids=["map-click", "panel-selection", "explored-view", "ink", "zoom"],
)
def test_the_map_and_the_panel_come_back_as_they_were(qtbot, window, change, then_next_slide):
    view = window.map_view
    go_and_wait(qtbot, window, 3)
    change(qtbot, window)
    if then_next_slide:
        go_and_wait(qtbot, window, 4)
    before, panel = settled(qtbot, view), window.panel.toPlainText()
    assert (before["selected"] is None) == (then_next_slide or change not in (select_on_the_map, select_in_the_panel))
    assert bool(before["ink"]) == (change is draw_on_the_map and not then_next_slide), "ink stays with its slide"

    with qtbot.waitSignal(view.recovered, timeout=5000):
        os.kill(view.page().renderProcessPid(), signal.SIGKILL)
    after = settled(qtbot, view)
    assert {k: after[k] for k in SHOWN} == {k: before[k] for k in SHOWN}
    assert after["center"] == pytest.approx(before["center"], abs=1e-6)
    assert after["zoom"] == pytest.approx(before["zoom"], abs=1e-9)  # a fit's zoom is any real number
    assert window.panel.toPlainText() == panel
    assert window.presentation.number == (4 if then_next_slide else 3)
    view.map_page.console_errors.clear()  # the dying page may log nothing useful
