"""The window a lecturer sees: the map of the neighbourhood and the country panel."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtTest import QTest

from kzviewer.mapping.page import mercator
from tests.qt.helpers import evaluate, point_of

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
        text = evaluate(qtbot, view, "(document.querySelector('.kz-tip') || {}).textContent || ''")
        assert text == "Turkmenistan"

    qtbot.waitUntil(tooltip_shows_name, timeout=5000)


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
