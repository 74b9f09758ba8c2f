"""Loading geodata: look-ups, and clear messages for damaged files."""

from __future__ import annotations

import shutil

import pytest

from kzviewer import resources
from kzviewer.errors import GeoDataError
from kzviewer.geo.data import load_geodata, read_layer


@pytest.fixture
def geo_copy(tmp_path):
    for path in resources.geo_dir().iterdir():
        shutil.copy(path, tmp_path)
    return tmp_path


def test_borders_of_kazakhstan_longest_first():
    geo = load_geodata()
    assert [b.other("KAZ") for b in geo.borders_of("KAZ")] == ["RUS", "UZB", "CHN", "KGZ", "TKM"]
    assert geo.name("KAZ") == "Kazakhstan"
    assert geo.border("RUS", "KAZ") is geo.border("KAZ", "RUS")


def test_missing_index_names_the_file(geo_copy):
    (geo_copy / "index.json").unlink()
    with pytest.raises(GeoDataError) as err:
        load_geodata(geo_copy)
    assert str(err.value).startswith(str(geo_copy / "index.json") + ": the file is missing")


def test_index_of_another_shape_is_refused(geo_copy):
    (geo_copy / "index.json").write_text('{"countries": [1, 2]}')
    with pytest.raises(GeoDataError, match="index.json: is not a kzviewer geodata index"):
        load_geodata(geo_copy)


@pytest.mark.parametrize("name", ["world.geojson", "region.geojson", "borders.geojson"])
def test_corrupt_layer_names_the_file_and_the_fault(geo_copy, name):
    path = geo_copy / name
    path.write_bytes(path.read_bytes()[:5000])  # cut short, as a failed copy would
    with pytest.raises(GeoDataError) as err:
        read_layer(path)
    assert str(err.value).startswith(f"{path}: is not valid JSON")


def test_features_without_codes_are_refused(geo_copy):
    path = geo_copy / "world.geojson"
    path.write_text(
        '{"type": "FeatureCollection", "features": [{"type": "Feature", '
        '"properties": {"name": "X"}, "geometry": {"type": "Point", "coordinates": [0, 0]}}]}'
    )
    with pytest.raises(GeoDataError, match="feature 1 lacks a geometry or one of iso3, name"):
        read_layer(path)
