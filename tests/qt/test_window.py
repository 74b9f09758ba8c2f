"""The window a lecturer sees: the map of the neighbourhood and the country panel."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtTest import QTest

from kzviewer import resources
from kzviewer.mapping.page import mercator
from tests.qt.conftest import READY_MS
from tests.qt.helpers import evaluate, point_of, tooltip

C5_OTHERS = {"KGZ", "TJK", "TKM", "UZB"}
LOCAL_SCHEMES = {"file", "qrc", "data"}


def test_map_shows_the_neighbourhood_in_group_colours(qtbot, window):
    shown = evaluate(qtbot, window.map_view, "kz.describe()")
    fills = shown["fills"]
    assert set(fills) == {"KAZ", "RUS", "CHN"} | C5_OTHERS
    assert len({fills["KAZ"], fills["RUS"], fills["CHN"], fills["UZB"]}) == 4
    assert {fills[c] for c in C5_OTHERS} == {fills["UZB"]}
    assert fills == {c: window.deck.countries.color(c) for c in fills}
    assert shown["legend"] == [
        "Kazakhstan",
        "Russia and its blocs",
        "China and its initiatives",
        "Other Central Asian states",
        "Shared land border",
    ]
    # Names that would overlap give way to those named first; the focus and the powers stay.
    assert (
        {"Kazakhstan", "Russia", "China"}
        <= set(shown["labels"])
        <= {"Kazakhstan", "Russia", "China", "Kyrgyzstan", "Tajikistan", "Turkmenistan", "Uzbekistan"}
    )


def test_map_draws_the_two_great_power_borders_bold(qtbot, window):
    borders = evaluate(qtbot, window.map_view, "kz.describe().borders")
    assert sorted(b["key"] for b in borders) == ["CHN-KAZ", "KAZ-RUS"]
    assert all(b["weight"] >= 4 for b in borders)


def test_map_view_frames_central_asia(qtbot, window):
    shown = evaluate(qtbot, window.map_view, "kz.describe()")
    lat, lon = shown["center"]
    assert 38 < lat < 52 and 55 < lon < 85
    x, y = evaluate(qtbot, window.map_view, "kz.pointOf(51.17, 71.45)")  # Astana
    width, height = shown["size"]
    assert 0 < x < width and 0 < y < height


def test_clicking_kazakhstan_fills_the_panel(qtbot, window):
    view = window.map_view
    point = point_of(qtbot, view, "KAZ")
    with qtbot.waitSignal(view.bridge.countrySelected, timeout=5000) as clicked:
        QTest.mouseClick(view.focusProxy(), Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, point)
    assert clicked.args == ["KAZ"]
    report = window.panel.report
    assert report is not None and report.iso3 == "KAZ"
    text = window.panel.toPlainText()
    assert "Kazakhstan" in text
    for neighbour, official in [
        ("Russia", "7,644 km"),
        ("China", "1,765 km"),
        ("Uzbekistan", "2,330 km"),
        ("Kyrgyzstan", "1,212 km"),
        ("Turkmenistan", "413 km"),
    ]:
        assert neighbour in text and official in text
    assert "6,661 km" in text  # Kazakhstan-Russia as drawn
    assert evaluate(qtbot, view, "kz.describe().selected") == "KAZ"


def test_clicking_another_country_replaces_the_panel(qtbot, window):
    view = window.map_view
    for iso3, name in [("UZB", "Uzbekistan"), ("KGZ", "Kyrgyzstan")]:
        with qtbot.waitSignal(view.bridge.countrySelected, timeout=5000):
            QTest.mouseClick(
                view.focusProxy(),
                Qt.MouseButton.LeftButton,
                Qt.KeyboardModifier.NoModifier,
                point_of(qtbot, view, iso3),
            )
        assert window.panel.report.iso3 == iso3
        assert window.panel.toPlainText().startswith(name)


def test_hovering_a_country_shows_its_name(qtbot, window):
    view = window.map_view
    point = point_of(qtbot, view, "TKM")
    QTest.mouseMove(view.focusProxy(), point)

    def tooltip_shows_name():
        assert tooltip(qtbot, view) == "Turkmenistan"

    qtbot.waitUntil(tooltip_shows_name, timeout=5000)


def test_the_name_shown_is_of_the_country_the_mouse_stopped_on(qtbot, window):
    """Leaflet looks at most once in 32 ms at what is under the mouse: a mouse
    that stops within that time of its last look is looked at again then."""
    view = window.map_view
    tkm, uzb = point_of(qtbot, view, "TKM"), point_of(qtbot, view, "UZB")
    QTest.mouseMove(view.focusProxy(), QPoint(tkm.x() + 1, tkm.y()))  # Qt sends no move to where the mouse is
    for _ in range(3):
        QTest.mouseMove(view.focusProxy(), tkm)
        qtbot.waitUntil(lambda: tooltip(qtbot, view) == "Turkmenistan", timeout=5000)
        QTest.mouseMove(view.focusProxy(), uzb)  # at once: within Leaflet's 32 ms
        qtbot.wait(300)
        assert tooltip(qtbot, view) == "Uzbekistan"
    QTest.mouseMove(view.focusProxy(), tkm)
    qtbot.waitUntil(lambda: tooltip(qtbot, view) == "Turkmenistan", timeout=5000)
    QTest.mouseMove(view.focusProxy(), uzb)
    QTest.mouseMove(window.slide_view, QPoint(10, 10))  # off the map at once: no name comes back
    qtbot.wait(300)
    assert tooltip(qtbot, view) == ""


def test_no_request_leaves_the_machine(qtbot, window, requests):
    # Exercise the page: a click, a flight to another view, then look at every request.
    view = window.map_view
    with qtbot.waitSignal(view.bridge.countrySelected, timeout=5000):
        QTest.mouseClick(
            view.focusProxy(), Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, point_of(qtbot, view, "KAZ")
        )
    assert requests.urls, "the recorder saw the page load"
    schemes = {url.split(":", 1)[0] for url in requests.urls}
    assert schemes <= LOCAL_SCHEMES, [u for u in requests.urls if u.split(":", 1)[0] not in LOCAL_SCHEMES]


def test_a_javascript_error_is_caught(qtbot, window):
    """The guard the window fixture relies on: a console error is recorded."""
    page = window.map_view.map_page
    evaluate(qtbot, window.map_view, "setTimeout(function () { null.boom(); }, 0) && 1")
    qtbot.waitUntil(lambda: bool(page.console_errors), timeout=5000)
    assert "boom" in page.console_errors[0]
    page.console_errors.clear()  # this test put it there


def test_about_box_credits_the_data():
    from kzviewer.qt.window import about

    assert (
        "Made with Natural Earth (v4.1.0, public domain). Boundaries are de facto and imply no "
        "endorsement; Crimea shown as part of Ukraine. Border lengths: CIA World Factbook."
    ) in about()


def test_the_page_draws_countries_where_leaflet_projects_them(qtbot, window):
    """The outlines Python projects (mapping.page.mercator) and Leaflet's own projection agree,
    and a country holds the points inside it and not those outside."""
    view = window.map_view
    for lat, lon in [(51.17, 71.45), (-33.9, 151.2), (64.1, -21.9), (0.0, 0.0)]:
        x, y = evaluate(qtbot, view, f"(function (p) {{ return [p.x, p.y]; }})(kz.page.map.project([{lat}, {lon}], 0))")
        assert (x, y) == pytest.approx(mercator(lon, lat), abs=1e-9)
    assert evaluate(qtbot, view, "kz.selection.contains('KAZ', [51.17, 71.45])") is True  # Astana
    assert evaluate(qtbot, view, "kz.selection.contains('KAZ', [55.75, 37.62])") is False  # Moscow
    assert evaluate(qtbot, view, "kz.selection.contains('RUS', [55.75, 37.62])") is True


def test_clicking_a_bold_border_reports_it(qtbot, window):
    view = window.map_view
    # A point halfway along the Kazakhstan–Russia border as drawn, in the view.
    x, y = evaluate(
        qtbot,
        view,
        """(function () {
            const line = kz.overlays.groups().borders.getLayers().find((l) => l.kzKey === "KAZ-RUS");
            const ring = line.outlines()[0], i = 2 * Math.floor(ring.length / 4);
            const p = kz.page.map.layerPointToContainerPoint(line._layerPoint(ring[i], ring[i + 1]));
            return [p.x, p.y];
        })()""",
    )
    with qtbot.waitSignal(view.bridge.borderSelected, timeout=5000) as heard:
        QTest.mouseClick(
            view.focusProxy(), Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, QPoint(round(x), round(y))
        )
    assert sorted(heard.args) == ["KAZ", "RUS"]
    assert window.panel.toPlainText().startswith("Kazakhstan – Russia")


def test_ready_is_said_once_per_load(qtbot, window):
    # The page may paint at its view's size again after "ready" (a kz.readyAt
    # still waiting, after the 2 s it was given): nothing is sent again.
    view, size = window.map_view, window.map_view.size()
    again: list[bool] = []
    view.bridge.ready.connect(lambda: again.append(True))
    view.bridge.mapReady(size.width(), size.height())
    qtbot.wait(50)
    assert not again


def test_a_map_that_never_reaches_its_panes_size_is_ready_all_the_same(qtbot, window, monkeypatch):
    from kzviewer.qt.mapview import MapView

    view = window.map_view
    asked: list[str] = []
    monkeypatch.setattr(MapView, "run", lambda self, script, callback=None: asked.append(script))
    with qtbot.waitSignal(view.bridge.ready, timeout=5_000):
        view.is_ready = False  # as after a reload
        view.bridge.mapReady(640, 480)  # and the page never answers kz.readyAt
    assert asked and asked[0].startswith("kz.readyAt(")


def _start(qtbot, last_map_size):
    """A start as the app makes it, the last start's map size (or none)
    remembered: the window with its map ready, and the sizes the page said
    it painted its map at."""
    from PySide6.QtCore import QSettings

    from kzviewer.qt.app import Background, build_window
    from kzviewer.qt.mapview import MAP_SIZE_KEY, MapView

    QSettings().clear()
    if last_map_size is not None:
        QSettings().setValue(MAP_SIZE_KEY, last_map_size)
    # As at a real start, the page is under way, in its view not yet in a
    # window, while the deck is read and the window made.
    views: list[MapView] = []
    load_page, result = MapView.load_page, Background.result

    def loading(view: MapView, url) -> None:  # type: ignore[no-untyped-def]
        views.append(view)
        load_page(view, url)

    def reading(work: Background):  # type: ignore[no-untyped-def]
        qtbot.waitUntil(lambda: evaluate(qtbot, views[0], "!!(window.kz && kz.page && kz.page.map)"))
        return result(work)

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(MapView, "load_page", loading)
        patch.setattr(Background, "result", reading)
        win = build_window(resources.bundled_deck())
    qtbot.addWidget(win)
    painted: list[tuple[int, int]] = []
    win.map_view.bridge.drawn.connect(lambda w, h: painted.append((w, h)))
    with qtbot.waitSignal(win.map_view.bridge.ready, timeout=READY_MS):
        win.show()
    return win, painted


def test_a_map_painted_at_another_size_than_its_panes_is_not_ready(qtbot, window):
    # Made before its window is laid out, a view has Qt's 640 x 480 (or the size
    # it was given) for a while, and the page may frame the first slide for
    # that: it says so, and "ready"
    # waits until it has framed and painted the slide for its pane.
    view, size = window.map_view, window.map_view.size()
    ready: list[bool] = []
    painted: list[tuple[int, int]] = []
    view.bridge.ready.connect(lambda: ready.append(True))
    view.bridge.drawn.connect(lambda w, h: painted.append((w, h)))
    with qtbot.waitSignal(view.bridge.ready, timeout=10_000):
        view.is_ready = False  # as while it loads
        view.bridge.mapReady(640, 480)  # what the page says then
        assert not ready
    assert painted == [(640, 480), (size.width(), size.height())]


def test_a_start_frames_the_map_once_for_its_pane(qtbot):
    from PySide6.QtCore import QSettings

    from kzviewer.qt.mapview import MAP_SIZE_KEY

    first, painted = _start(qtbot, None)  # the first start: no size kept
    size = first.map_view.size()
    assert painted == [(size.width(), size.height())]
    first.close()
    assert QSettings().value(MAP_SIZE_KEY) == size  # kept for the next start
    again, painted = _start(qtbot, size)
    assert again.map_view.size() == size
    assert evaluate(qtbot, again.map_view, "kz.describe()")["size"] == [size.width(), size.height()]
    # The view given the size it will have (the page learns it once shown), or
    # none the first time: the page frames the slide once, for its pane, not
    # first for Qt's 640 x 480.
    assert painted == [(size.width(), size.height())]
