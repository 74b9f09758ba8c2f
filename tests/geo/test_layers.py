"""A deck's own data read by kzviewer.geo.layers: files the tests make, in the formats lecturers bring."""

from __future__ import annotations

import os
import subprocess
import sys
import time
import zipfile

import pytest

from kzviewer.geo.layers import TOLERANCE, DataError, read_features, read_table

geopandas = pytest.importorskip("geopandas")
shapely_geometry = pytest.importorskip("shapely.geometry")

ROUTE = [(51.17, 43.65), (50.0, 42.0), (49.87, 40.41)]  # Aktau to Baku, roughly


pytestmark = pytest.mark.usefixtures("own_cache")


@pytest.fixture
def folder(tmp_path):
    deck = tmp_path / "deck"
    (deck / "data").mkdir(parents=True)
    return deck


def frame(crs=4326, geometry=None):
    geometry = geometry or [shapely_geometry.LineString(ROUTE)]
    return geopandas.GeoDataFrame({"name": ["Aktau–Baku"], "opened": [2017]}, geometry=geometry, crs=4326).to_crs(crs)


def test_a_geopackage_layer_with_its_fields(folder):
    path = folder / "data" / "corridor.gpkg"
    frame().to_file(path, layer="routes")
    geopandas.GeoDataFrame({"name": ["Aktau"]}, geometry=[shapely_geometry.Point(ROUTE[0])], crs=4326).to_file(
        path, layer="ports"
    )
    routes = read_features(path, folder, layer="routes", fields=("name", "opened"))
    assert routes.kinds == {"line"}
    assert routes.features[0]["properties"] == {"name": "Aktau–Baku", "opened": "2017"}
    assert routes.features[0]["geometry"]["coordinates"][0] == pytest.approx(ROUTE[0])
    ports = read_features(path, folder, layer="ports")
    assert ports.kinds == {"point"}
    with pytest.raises(DataError, match=r"corridor.gpkg has 2 layers \(routes, ports\): say which with layer:"):
        read_features(path, folder)
    with pytest.raises(DataError, match=r"no layer 'route' in corridor.gpkg \(layers: routes, ports\)"):
        read_features(path, folder, layer="route")
    with pytest.raises(DataError, match=r"no column 'nmae' in corridor.gpkg \(columns: name, opened\)") as err:
        read_features(path, folder, layer="routes", fields=("nmae",))
    assert err.value.line is None, "the deck's line: it names the column"


def test_a_projected_shapefile_plain_or_zipped_comes_back_in_longitude_and_latitude(folder):
    frame(crs=3857).to_file(folder / "data" / "route.shp")
    plain = read_features(folder / "data" / "route.shp", folder, fields=("name",))
    with zipfile.ZipFile(folder / "data" / "route.zip", "w") as archive:
        for part in (folder / "data").glob("route.*"):
            if part.suffix != ".zip":
                archive.write(part, part.name)
    zipped = read_features(folder / "data" / "route.zip", folder, fields=("name",))
    for found in (plain, zipped):
        assert found.features[0]["geometry"]["coordinates"][-1] == pytest.approx(ROUTE[-1], abs=1e-4)
        assert found.bounds == pytest.approx((49.87, 40.41, 51.17, 43.65), abs=1e-4)


@pytest.mark.filterwarnings("ignore:'crs' was not provided")
def test_a_file_without_a_crs_is_taken_as_longitude_latitude_only_if_it_is(folder):
    frame().set_crs(None, allow_override=True).to_file(folder / "data" / "plain.shp")
    (folder / "data" / "plain.prj").unlink(missing_ok=True)
    assert read_features(folder / "data" / "plain.shp", folder).kinds == {"line"}
    frame(crs=32640).set_crs(None, allow_override=True).to_file(folder / "data" / "utm.shp")
    (folder / "data" / "utm.prj").unlink(missing_ok=True)
    with pytest.raises(DataError, match="has no coordinate system, and its coordinates are not longitude and latitude"):
        read_features(folder / "data" / "utm.shp", folder)


def test_geojson_flatgeobuf_and_kml(folder):
    for name, driver in (("r.geojson", "GeoJSON"), ("r.fgb", "FlatGeobuf"), ("r.kml", "KML")):
        try:
            frame().to_file(folder / "data" / name, driver=driver)
        except Exception as err:  # a GDAL built without the driver
            pytest.skip(f"GDAL cannot write {driver} here: {err}")
        field = "Name" if driver == "KML" else "name"  # KML's own name for a placemark's name
        found = read_features(folder / "data" / name, folder, fields=(field,))
        assert found.kinds == {"line"} and found.features[0]["properties"][field] == "Aktau–Baku", name


def test_a_csv_of_points_and_its_bad_rows_by_line(folder):
    path = folder / "data" / "ports.csv"
    path.write_text("name,latitude,longitude\nAktau,43.65,51.17\nBaku,40.41,49.87\n")
    ports = read_features(path, folder, fields=("name",))
    assert [f["properties"]["name"] for f in ports.features] == ["Aktau", "Baku"]
    assert ports.features[1]["geometry"] == {"type": "Point", "coordinates": [49.87, 40.41]}
    path.write_text("name,lat,lon\nAktau,43.65,51.17\nPoti,north,41.67\n")
    with pytest.raises(DataError, match="latitude and longitude must be numbers") as err:
        read_features(path, folder)
    assert err.value.line == 3
    path.write_text("name,x,y\nAktau,51.17,43.65\n")
    with pytest.raises(DataError, match=r"needs lat and lon columns \(columns: name, x, y\)"):
        read_features(path, folder)


def test_a_table_by_country_for_a_choropleth(folder):
    path = folder / "data" / "members.csv"
    path.write_text("iso3,joined\nKAZ,2001\nchn,2001\nIND,2017\nIRN,2023\n\n")
    table = read_table(path, folder, "iso3", "joined", {"KAZ", "CHN", "IND", "IRN"})
    assert table.values == {"KAZ": "2001", "CHN": "2001", "IND": "2017", "IRN": "2023"} and table.numeric
    path.write_text("iso3,joined\nKAZ,2001\nXYZ,2024\n")
    with pytest.raises(DataError, match="unknown country code 'XYZ'") as err:
        read_table(path, folder, "iso3", "joined", {"KAZ"})
    assert err.value.line == 3
    path.write_text("iso3,joined\nKAZ,2001\nKAZ,2017\n")
    with pytest.raises(DataError, match=r"KAZ is given twice \(first on line 2\)"):
        read_table(path, folder, "iso3", "joined", {"KAZ"})
    with pytest.raises(DataError, match=r"no column 'year' in members.csv \(columns: iso3, joined\)"):
        read_table(path, folder, "iso3", "year", {"KAZ"})


def test_files_outside_the_deck_or_not_regular_are_refused(folder, tmp_path):
    (tmp_path / "secret.csv").write_text("name,lat,lon\nx,1,1\n")
    with pytest.raises(DataError, match="outside the deck's folder"):
        read_features(folder / ".." / "secret.csv", folder)
    (folder / "data" / "link.csv").symlink_to(tmp_path / "secret.csv")
    with pytest.raises(DataError):
        read_features(folder / "data" / "link.csv", folder)


def test_simplified_within_the_tolerance_and_read_from_the_cache_without_geopandas(folder):
    import math

    import shapely

    # A wiggly line of 20,000 vertices.
    points = [(50 + i / 2000, 42 + 0.001 * math.sin(i)) for i in range(20_000)]
    line = shapely_geometry.LineString(points)
    path = folder / "data" / "wiggle.gpkg"
    frame(geometry=[line]).to_file(path)
    first = read_features(path, folder)
    assert first.vertices == 20_000 and first.kept < 2_000
    simple = shapely_geometry.shape(first.features[0]["geometry"])
    assert shapely.hausdorff_distance(line, simple) <= TOLERANCE * 1.01

    # The second time comes from the cache, in a new process that imports neither geopandas nor pyogrio.
    script = (
        "import sys; from pathlib import Path; from kzviewer.geo.layers import read_features; "
        f"found = read_features(Path({str(path)!r}), Path({str(folder)!r})); "
        "print(found.kept, 'geopandas' in sys.modules or 'pyogrio' in sys.modules)"
    )
    result = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, check=True)
    assert result.stdout.split() == [str(first.kept), "False"]


def test_an_edit_to_a_shapefiles_table_alone_is_seen(folder):
    path = folder / "data" / "route.shp"
    frame().to_file(path)
    assert read_features(path, folder, fields=("name",)).features[0]["properties"]["name"] == "Aktau–Baku"
    renamed = frame()
    renamed["name"] = ["Aktau–Alat"]
    renamed.to_file(folder / "data" / "other.shp")
    (folder / "data" / "route.dbf").write_bytes((folder / "data" / "other.dbf").read_bytes())  # the .shp unchanged
    assert read_features(path, folder, fields=("name",)).features[0]["properties"]["name"] == "Aktau–Alat"


def test_the_cache_keeps_under_its_cap_the_least_lately_used_going_first(folder, tmp_path, monkeypatch):
    from kzviewer.geo import layers

    def read(name):
        path = folder / "data" / f"{name}.csv"
        path.write_text(f"name,lat,lon\n{name},43.65,51.17\n", encoding="utf-8")
        layers._recent.clear()  # as a new start would: from the disk cache, not this process's memory
        return read_features(path, folder, fields=("name",)).features[0]["properties"]["name"]

    def kept():
        return sorted((tmp_path / "cache" / "layers").glob("*.pickle"), key=lambda p: p.stat().st_mtime_ns)

    assert read("aktau") == "aktau"
    (first,) = kept()
    assert read("baku1") == "baku1"
    (second,) = set(kept()) - {first}
    # Written a while ago, in this order (a file system's clock may not tell two moments apart).
    for age, path in ((20, first), (10, second)):
        os.utime(path, ns=(time.time_ns() - age * 10**9,) * 2)
    monkeypatch.setattr(layers, "CACHE_CAP", first.stat().st_size + second.stat().st_size)
    assert read("aktau") == "aktau"  # read from the cache: used now
    assert kept()[-1] == first, "a layer read from the cache counts as used"
    assert read("turkm") == "turkm"  # one too many: the least lately used goes
    names = [p.name for p in kept()]
    assert second.name not in names and first.name in names and len(names) == 2

    monkeypatch.setattr(layers, "CACHE_CAP", 1)  # the layer just read stays, however large
    assert read("tbilisi") == "tbilisi"
    assert len(kept()) == 1
