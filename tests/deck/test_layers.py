"""A deck's data layers in its front matter and map blocks: read, checked, with the line of each problem."""

from __future__ import annotations

import subprocess
import sys

import pytest

from kzviewer.deck.parser import parse_deck

geopandas = pytest.importorskip("geopandas")
shapely_geometry = pytest.importorskip("shapely.geometry")

FRONT = """---
title: Routes and members
layers:
  corridor:
    file: data/corridor.gpkg
    label: Middle Corridor (schematic)
    color: "#cc79a7"
    width: 4
    label_field: name
    fields: [name, opened]
    source: Own sketch from hub coordinates
  sco:
    data: data/members.csv
    column: joined
    colors: {"2001": "#0072b2", "2017": "#e69f00"}
    label: SCO members, by year joined
    source: SCO
---
"""
SLIDES = """# One

```map
fit: [KAZ]
layers: [corridor, sco]
```

---

# Two, inheriting
"""


pytestmark = pytest.mark.usefixtures("own_cache")


@pytest.fixture
def deck(tmp_path):
    folder = tmp_path / "lecture"
    (folder / "data").mkdir(parents=True)
    line = shapely_geometry.LineString([(51.17, 43.65), (49.87, 40.41)])
    geopandas.GeoDataFrame({"name": ["Aktau–Baku"], "opened": [2017]}, geometry=[line], crs=4326).to_file(
        folder / "data" / "corridor.gpkg"
    )
    (folder / "data" / "members.csv").write_text("iso3,joined\nKAZ,2001\nCHN,2001\nIND,2017\n")
    path = folder / "deck.md"
    path.write_text(FRONT + SLIDES)
    return path


def problems(path):
    return [str(p) for p in parse_deck(path)[1]]


def test_declared_layers_are_read_and_shown_by_the_map_blocks_that_list_them(deck):
    parsed, found = parse_deck(deck)
    assert found == []
    corridor, sco = parsed.layers["corridor"], parsed.layers["sco"]
    assert (corridor.label, corridor.width, corridor.read_fields) == (
        "Middle Corridor (schematic)",
        4,
        ("name", "opened"),
    )
    assert sco.choropleth and sco.colors == (("2001", "#0072b2"), ("2017", "#e69f00")) and sco.key == "iso3"
    assert parsed.slide(1).map.layers == ("corridor", "sco")
    assert parsed.slide(2).map.layers == ("corridor", "sco"), "a slide without a map block inherits them"
    assert parsed.slide(1).map.to_json()["layers"] == ["corridor", "sco"]
    assert {p.name for p in parsed.inputs()} >= {"corridor.gpkg", "members.csv"}


def test_problems_name_the_line_of_the_deck_or_of_the_data_file(deck):
    text = deck.read_text()
    deck.write_text(
        text.replace("label_field: name", "label_field: nmae")
        .replace('"2017": "#e69f00"', '"2017": "orange"')
        .replace("layers: [corridor, sco]", "layers: [corridor, sco, corridr]")
    )
    (deck.parent / "data" / "members.csv").write_text("iso3,joined\nKAZ,2001\nXYZ,2001\n")
    found = problems(deck)
    assert f"{deck}:4: layer 'corridor': no column 'nmae' in corridor.gpkg (columns: name, opened)" in found
    assert f"{deck}:15: layer 'sco' needs a color like \"#1a2b3c\" for '2017', not 'orange'" in found
    assert f"{deck.parent / 'data' / 'members.csv'}:3: unknown country code 'XYZ'" in found
    assert f"{deck}:23: unknown layer 'corridr' (did you mean 'corridor'?)" in found
    assert len(found) == 4, found


def test_a_value_without_a_colour_and_a_declaration_without_data(deck):
    (deck.parent / "data" / "members.csv").write_text("iso3,joined\nKAZ,2001\nIRN,2023\n")
    text = deck.read_text().replace("    source: SCO\n", "    source: SCO\n  empty:\n    label: nothing\n")
    deck.write_text(text)
    found = problems(deck)
    assert f"{deck.parent / 'data' / 'members.csv'}:3: '2023' has no colour in layer 'sco''s colors:" in found
    assert (
        f"{deck}:18: layer 'empty' needs either file: (features to draw) or data: (a table by country), not both"
        in found
    )


def test_files_outside_the_folder_or_missing(deck):
    text = deck.read_text().replace("data/corridor.gpkg", "../corridor.gpkg").replace("data/members.csv", "data/m.csv")
    deck.write_text(text)
    found = problems(deck)
    assert f"{deck}:5: '../corridor.gpkg' is outside the deck's folder" in found
    assert f"{deck}:13: 'data/m.csv' not found" in found


def test_a_deck_without_layers_imports_no_geodata_library(tmp_path):
    deck = tmp_path / "plain.md"
    deck.write_text("---\ntitle: Plain\n---\n# One\n\n```map\nfit: [KAZ]\n```\n")
    script = (
        "import sys; from pathlib import Path; from kzviewer.deck.parser import load_deck; "
        f"load_deck(Path({str(deck)!r})); "
        "print(sorted(m for m in ('geopandas', 'pyogrio', 'pandas', 'shapely') if m in sys.modules))"
    )
    result = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, check=True)
    assert result.stdout.strip() == "[]"


def test_every_scheme_a_deck_may_name_has_its_colours():
    """The deck's check knows the schemes' names; the page, their colours."""
    from kzviewer.deck.layers import SCHEMES as NAMES
    from kzviewer.mapping.layers import SCHEMES as COLOURS

    assert set(NAMES) == set(COLOURS)
    assert all(len(stops) == 9 for stops in COLOURS.values())
