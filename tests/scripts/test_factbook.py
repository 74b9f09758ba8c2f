"""Reading the Factbook's land boundaries into ISO3 pairs (scripts/factbook.py)."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "scripts"))
import factbook  # noqa: E402

pytest.importorskip("pycountry")

HEADER = "fips,file,country,neighbour,km,qualifier\n"


@pytest.fixture
def read(tmp_path):
    def read(rows: str):
        path = tmp_path / "borders.csv"
        path.write_text(HEADER + rows, encoding="utf-8")
        return factbook.read({"Russia": "RUS", "China": "CHN", "Kazakhstan": "KAZ"}, path)

    return read


def test_a_border_in_two_parts_is_one_border_and_both_sides_agree(read):
    official, unknown = read(
        "rs,x,Russia,China (southeast),4133.0,and China (south) 46 km\n"
        "ch,x,China,Russia (northeast),4133.0,and Russia (northwest) 46 km\n"
    )
    assert official == {("CHN", "RUS"): factbook.Official(4179.0)} and unknown == []


def test_a_qualifier_can_name_another_neighbour(read):
    official, _ = read('up,x,Ukraine,Russia,1944.0,", Slovakia 97 km"\n')
    assert official[("RUS", "UKR")].km == 1944 and official[("SVK", "UKR")].km == 97


def test_sides_that_disagree_keep_both_figures(read):
    official, _ = read("gm,x,Germany,Poland,447.0,\npl,x,Poland,Germany,467.0,\n")
    assert official == {("DEU", "POL"): factbook.Official(447.0, 467.0)}


def test_the_factbooks_own_names_and_records_without_a_country(read):
    official, unknown = read(
        "bm,x,Burma,China,2129.0,\n"
        "ct,x,none,Republic of the Congo,487.0,\n"
        "ee,x,,Russia,2435.0,\n"  # the European Union: not a country
        "cy,x,Cyprus,Akrotiri,48.0,\n"  # a base the map data leaves out
        "zz,x,Nowhere Land,China,1.0,\n"
    )
    assert set(official) == {("CHN", "MMR"), ("CAF", "COG")}
    assert unknown == ["Nowhere Land"]


def test_the_real_file_leaves_no_name_unmatched():
    import json

    from kzviewer import resources

    index = json.loads((resources.geo_dir() / "index.json").read_text(encoding="utf-8"))
    official, unknown = factbook.read({c["name"]: iso3 for iso3, c in index["countries"].items()})
    assert unknown == []
    assert official[("KAZ", "RUS")] == factbook.Official(7644.0)
