"""A deck's own data on the map in the window, in the PDF and in the handout: a line, points with
names, a categorical choropleth and a numeric one, shown by the slides that list them."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtTest import QTest

from kzviewer.deck.parser import load_deck
from tests.qt.conftest import open_window
from tests.qt.helpers import click, evaluate, settle, tooltip

geopandas = pytest.importorskip("geopandas")
shapely_geometry = pytest.importorskip("shapely.geometry")

CORRIDOR = [(51.17, 43.65), (49.87, 40.41), (44.8, 41.7), (41.67, 42.15)]  # Aktau, Baku, Tbilisi, Poti
DECK = """---
title: Routes west
layers:
  corridor:
    file: data/corridor.gpkg
    label: Middle Corridor (schematic)
    color: "#cc79a7"
    width: 5
    label_field: name
    fields: [name, opened]
    source: Own sketch from hub coordinates
  ports:
    file: data/ports.csv
    label: Ports
    color: "#e69f00"
    label_field: name
    fields: [name]
  sco:
    data: data/sco.csv
    column: joined
    colors: {"2001": "#0072b2", "2017": "#009e73", "2023": "#d55e00"}
    label: SCO members, by year joined
    source: SCO
  people:
    data: data/people.csv
    column: millions
    scheme: viridis
    classes: 3
    label: Population
    unit: million
---
# The route

```map
fit: [KAZ, AZE, GEO]
highlight: [KAZ, AZE]
layers: [corridor, ports, sco]
```

---

# No data

```map
fit: [KAZ]
highlight: [KAZ]
```

---

# People

```map
fit: [KAZ, UZB, TKM, KGZ, TJK]
layers: [people]
```
"""


@pytest.fixture(scope="module")
def deck_path(tmp_path_factory):
    folder = tmp_path_factory.mktemp("data-layers")
    (folder / "data").mkdir()
    line = shapely_geometry.LineString(CORRIDOR)
    geopandas.GeoDataFrame({"name": ["Middle Corridor"], "opened": ["2017"]}, geometry=[line], crs=4326).to_file(
        folder / "data" / "corridor.gpkg"
    )
    (folder / "data" / "ports.csv").write_text(
        "name,lat,lon\nAktau,43.65,51.17\nBaku,40.41,49.87\nTurkmenbashi,40.02,52.97\n"
    )
    (folder / "data" / "sco.csv").write_text("iso3,joined\nKAZ,2001\nCHN,2001\nRUS,2001\nIND,2017\nIRN,2023\n")
    (folder / "data" / "people.csv").write_text("iso3,millions\nKAZ,20.3\nUZB,36.8\nTKM,7.4\nKGZ,7.2\nTJK,10.6\n")
    (folder / "deck.md").write_text(DECK)
    return folder / "deck.md"


@pytest.fixture
def window(qtbot, requests, deck_path, tmp_path, monkeypatch):
    monkeypatch.setenv("KZVIEWER_CACHE_DIR", str(tmp_path / "cache"))
    win = open_window(qtbot, deck_path)
    yield win
    assert win.map_view.map_page.console_errors == []


def shown(qtbot, window):
    settle(qtbot, window.map_view)
    return evaluate(
        qtbot,
        window.map_view,
        "({d: kz.describe(), credit: document.querySelector('.leaflet-control-attribution').textContent})",
    )


def test_the_slides_layers_are_drawn_with_their_legend_and_source(qtbot, window):
    now = shown(qtbot, window)
    fills, legend = now["d"]["fills"], now["d"]["legend"]
    assert fills["KAZ"] == "#0072b2" and fills["RUS"] == "#0072b2" and fills["IRN"] == "#d55e00"
    assert "AZE" in fills, "a highlighted country without data keeps its colour"
    assert "Middle Corridor (schematic)" in legend and "Ports" in legend
    assert "SCO members, by year joined" in legend and "2001" in legend and "2023" in legend
    assert "Own sketch from hub coordinates" in now["credit"] and "SCO" in now["credit"]
    assert {"Middle Corridor", "Aktau", "Baku"} <= set(now["d"]["places"]), "label_field names on the map"

    window.presentation.go(2)
    now = shown(qtbot, window)
    assert "Middle Corridor (schematic)" not in now["d"]["legend"] and "Own sketch" not in now["credit"]
    assert now["d"]["fills"]["KAZ"] != "#0072b2"

    window.presentation.go(3)
    now = shown(qtbot, window)
    assert now["d"]["legend"][0] == "Population (million)" and len(now["d"]["legend"]) == 4  # three classes
    assert now["d"]["fills"]["UZB"] == "#fde725" and now["d"]["fills"]["KGZ"] == "#440154"  # viridis' ends


def test_hovering_a_feature_shows_its_name(qtbot, window):
    view = window.map_view
    settle(qtbot, view)
    for (lon, lat), name in ((CORRIDOR[2], "Middle Corridor"), ((52.97, 40.02), "Turkmenbashi")):  # a vertex, a port
        x, y = evaluate(qtbot, view, f"kz.pointOf({lat}, {lon})")
        QTest.mouseMove(view.focusProxy(), QPoint(round(x), round(y)))

        def tip_shows(name=name):
            assert tooltip(qtbot, view) == name

        qtbot.waitUntil(tip_shows, timeout=5000)


def test_a_click_on_a_feature_or_a_coloured_country_fills_the_panel(qtbot, window):
    view = window.map_view
    settle(qtbot, view)
    lon, lat = CORRIDOR[2]  # Tbilisi, a vertex of the line (no port there)
    x, y = evaluate(qtbot, view, f"kz.pointOf({lat}, {lon})")
    QTest.mouseClick(
        view.focusProxy(), Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, QPoint(round(x), round(y))
    )
    qtbot.waitUntil(lambda: "Middle Corridor (schematic)" in window.panel.toPlainText(), timeout=5000)
    text = window.panel.toPlainText()
    assert "opened" in text and "2017" in text and "Own sketch from hub coordinates" in text

    # A port: one of a layer's points, drawn as one canvas path and found under the mouse through its grid.
    x, y = evaluate(qtbot, view, "kz.pointOf(43.65, 51.17)")  # Aktau
    QTest.mouseClick(
        view.focusProxy(), Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, QPoint(round(x), round(y))
    )
    qtbot.waitUntil(lambda: window.panel.toPlainText().startswith("Aktau"), timeout=5000)
    assert "Ports" in window.panel.toPlainText()

    click(qtbot, view, "KAZ")
    qtbot.waitUntil(lambda: "SCO members, by year joined: 2001" in window.panel.toPlainText(), timeout=5000)


def test_the_layers_are_in_the_pdf_and_the_handout(qtbot, deck_path, tmp_path, monkeypatch):
    from pypdf import PdfReader

    from kzviewer.handout import build_handout
    from tests.qt.test_export import run_export

    monkeypatch.setenv("KZVIEWER_CACHE_DIR", str(tmp_path / "cache"))
    deck = load_deck(deck_path)
    out = tmp_path / "routes.pdf"
    assert run_export(qtbot, out, deck=deck) == {"finished": str(out)}
    first = PdfReader(str(out)).pages[0].extract_text()
    for words in ("Middle Corridor", "Aktau", "SCO members", "Own sketch from hub coordinates"):
        assert words in " ".join(first.split()), words
    page = build_handout(deck)
    assert "Middle Corridor (schematic)" in page and '"fills"' in page
