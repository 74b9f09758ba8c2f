"""The committed geodata: what a lecturer's map and border figures rest on."""

from __future__ import annotations

import json

import pytest
import shapely
from shapely.geometry import Point, shape

from kzviewer import resources
from kzviewer.geo import load_geodata

C5 = {"KAZ", "KGZ", "TJK", "TKM", "UZB"}

# Official land border lengths checked for the lecture, km (CIA World Factbook, 2020 and 2023-24).
OFFICIAL = {
    ("KAZ", "RUS"): 7644,
    ("KAZ", "UZB"): 2330,
    ("CHN", "KAZ"): 1765,
    ("KAZ", "KGZ"): 1212,
    ("KAZ", "TKM"): 413,
    ("CHN", "MNG"): 4630,
    ("MNG", "RUS"): 3452,
    ("CHN", "PRK"): 1352,
    ("PRK", "RUS"): 18,
    ("AFG", "TJK"): 1357,
    ("KGZ", "TJK"): 984,
}

LAYERS = ["world.geojson", "region.geojson"]


def _collection(name: str) -> dict:
    return json.loads((resources.geo_dir() / name).read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def geo():
    return load_geodata()


@pytest.mark.parametrize("name", LAYERS)
def test_country_layers_follow_the_file_contract(name):
    data = _collection(name)
    assert data["type"] == "FeatureCollection"
    codes = [f["properties"]["iso3"] for f in data["features"]]
    assert len(codes) == len(set(codes)), "one feature per country"
    for feature in data["features"]:
        assert len(feature["properties"]["iso3"]) == 3 and feature["properties"]["iso3"].isupper()
        assert feature["properties"]["name"]
        assert feature["geometry"]["type"] in ("Polygon", "MultiPolygon")


def test_borders_follow_the_file_contract():
    features = _collection("borders.geojson")["features"]
    assert len(features) > 250, "every land border in the world, so any deck can draw any border"
    for feature in features:
        p = feature["properties"]
        assert p["a"] < p["b"]
        assert p["length_km"] > 0
        assert (p["official_km"] is None) == (p["source"] is None)
        assert feature["geometry"]["type"] in ("LineString", "MultiLineString")


def test_index_agrees_with_the_layers():
    index = json.loads((resources.geo_dir() / "index.json").read_text(encoding="utf-8"))
    layered = {}
    for name in LAYERS:  # region (finer) after world, as the index is built
        for f in _collection(name)["features"]:
            layered[f["properties"]["iso3"]] = {k: f["properties"][k] for k in ("name", "a2", "label", "bbox")}
    assert index["countries"] == layered
    assert index["borders"] == [f["properties"] for f in _collection("borders.geojson")["features"]]


def test_kazakhstan_borders_exactly_its_five_neighbours(geo):
    assert geo.neighbours("KAZ") == {"RUS", "CHN", "KGZ", "UZB", "TKM"}


def test_exactly_three_countries_border_both_russia_and_china(geo):
    assert geo.neighbours("RUS") & geo.neighbours("CHN") == {"KAZ", "MNG", "PRK"}


@pytest.mark.parametrize("pair,km", sorted(OFFICIAL.items()))
def test_official_lengths_are_the_checked_figures(geo, pair, km):
    border = geo.border(*pair)
    assert border is not None
    assert border.official_km == km
    assert border.source == "CIA World Factbook"


def test_every_border_the_factbook_gives_has_its_figure(geo):
    without = {(b.a, b.b) for b in geo.borders.values() if b.official_km is None}
    # Hong Kong and Macao have no land-boundary record of their own; the
    # Siachen Glacier and Somaliland are no countries of the Factbook's.
    assert without == {
        ("CHN", "HKG"),
        ("CHN", "MAC"),
        ("CHN", "XSG"),
        ("IND", "XSG"),
        ("PAK", "XSG"),
        ("DJI", "XSL"),
        ("ETH", "XSL"),
        ("SOM", "XSL"),
    }
    assert geo.border("CHN", "RUS").official_km == 4133 + 46
    assert geo.border("FRA", "BRA").official_km == 649, "French Guiana, drawn as part of France"
    differ = {(b.a, b.b): (b.official_km, b.official_km_b) for b in geo.borders.values() if b.official_km_b}
    assert differ == {("DEU", "POL"): (447, 467), ("ISR", "JOR"): (327, 307), ("MEX", "USA"): (3155, 3111)}


def test_measured_c5_borders_are_close_to_official(geo):
    checked = 0
    for (a, b), km in OFFICIAL.items():
        if {a, b} & C5:
            ratio = geo.border(a, b).length_km / km
            assert 0.7 <= ratio <= 1.05, f"{a}-{b}: measured {ratio:.2f} of official"
            checked += 1
    assert checked == 7


@pytest.mark.parametrize("name", LAYERS)
@pytest.mark.parametrize(
    "place,lon,lat,iso3",
    [
        ("Simferopol", 34.10, 44.95, "UKR"),
        ("Baikonur", 63.32, 45.62, "KAZ"),
        ("Astana", 71.45, 51.17, "KAZ"),
    ],
)
def test_a_point_lies_in_its_country(name, place, lon, lat, iso3):
    point = Point(lon, lat)
    features = _collection(name)["features"]
    holders = [f["properties"]["iso3"] for f in features if shape(f["geometry"]).contains(point)]
    # The regional layer has no Ukraine: there, Simferopol must lie in no country at all.
    expected = [iso3] if any(f["properties"]["iso3"] == iso3 for f in features) else []
    assert holders == expected, f"{place} lies in {holders}"


def test_russia_is_one_shape_across_the_antimeridian():
    russia = next(f for f in _collection("region.geojson")["features"] if f["properties"]["iso3"] == "RUS")
    south, west, north, east = russia["properties"]["bbox"]
    assert 19 < west < 30 and 180 < east < 195, "fitting Russia must not show the whole world"
    assert not any(p.bounds[2] - p.bounds[0] > 180 for p in shapely.get_parts(shape(russia["geometry"])))


def test_kazakhstan_has_no_hole_at_baikonur():
    kaz = next(f for f in _collection("region.geojson")["features"] if f["properties"]["iso3"] == "KAZ")
    polygons = shapely.get_parts(shape(kaz["geometry"]))
    assert all(len(p.interiors) == 0 for p in polygons if p.contains(Point(63.32, 45.62)))
