"""A deck's own data (design.md, "Data layers"), read with geopandas and pyogrio.

Two kinds of layer:

- **features** from any vector file GDAL reads (GeoJSON, GeoPackage and one
  of its layers, Shapefile or a zipped one, FlatGeobuf, KML), or from a CSV
  with ``lat``/``lon`` (or ``latitude``/``longitude``) columns: lines,
  polygons and points, reprojected to longitude/latitude (WGS84) and
  simplified for the map's scale (:data:`TOLERANCE`);
- a **table** keyed by country (ISO3 codes in a column): a value per
  country, for a choropleth.

What is read is kept in the user's cache folder under the digest of the
file's bytes and of what was asked of it, so a deck opens the second time
without geopandas.  geopandas is imported only to read a file the cache
lacks: a deck without layers never imports it.

Problems are :class:`DataError`: with ``line`` None they belong to the line of
the deck that declares the layer (a missing column); with a line, to that
line of the data file (a bad value in a CSV row).
"""

from __future__ import annotations

import contextlib
import csv
import glob
import hashlib
import io
import json
import logging
import os
import pickle
import zipfile
from collections import OrderedDict
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from kzviewer.files import MB, FileRefused, cache_dir, read_inside, trim_folder, write_atomic
from kzviewer.i18n import _, ngettext

log = logging.getLogger(__name__)

DATA_CAP = 200 * MB  # a data file, read whole to know its digest
TOLERANCE = 0.005  # degrees (about 500 m): the largest error simplification makes; a pixel is ~0.02° on a region's map
DIGITS = 5  # coordinates kept to 1e-5 degree (about 1 m)
LAT, LON = ("lat", "latitude"), ("lon", "lng", "long", "longitude")
VERSION = 2  # of what the cache keeps
CACHE_CAP = 500 * MB  # the layers' cache folder, the least lately used going first


class DataError(Exception):
    """What is wrong with a data file: at ``line`` of it, or (None) of the deck."""

    def __init__(self, message: str, line: int | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.line = line


@dataclass(frozen=True)
class Features:
    """A layer of features, as GeoJSON features in longitude/latitude.

    Each feature's properties hold the asked ``fields`` as text (missing
    values as ""); ``kinds`` is the set of "point", "line" and "polygon".
    """

    features: list[dict[str, Any]]
    kinds: frozenset[str]
    bounds: tuple[float, float, float, float] | None  # west, south, east, north
    vertices: int  # as read
    kept: int  # after simplification
    columns: tuple[str, ...] = ()


@dataclass(frozen=True)
class Table:
    """A value per country (ISO3 code), as the file writes it."""

    values: dict[str, str]  # as written in the file
    numeric: bool  # every value is a number
    columns: tuple[str, ...] = ()
    lines: dict[str, int] = field(default_factory=dict)  # the data file's line of each country


def read_features(path: Path, folder: Path, layer: str | None = None, fields: tuple[str, ...] = ()) -> Features:
    """The features of a vector file (or of a CSV of points) inside ``folder``."""
    memo = ("features", _stamp([path, *sidecars_of(path)]), layer, fields)
    found = _recent.get(memo)
    if isinstance(found, Features):
        return found
    found = _read_features(path, folder, layer, fields)
    _remember(memo, found)
    return found


def _read_features(path: Path, folder: Path, layer: str | None, fields: tuple[str, ...]) -> Features:
    data = _read(path, folder)
    # A Shapefile is several files: an edit to its table (.dbf) alone is an edit too.
    sidecars = [_read(p, folder) for p in sidecars_of(path)]
    key = _digest("features", data, *sidecars, path.suffix.lower(), layer or "", *fields)
    cached = _cached(key)
    if isinstance(cached, Features):
        return cached
    if path.suffix.lower() in (".csv", ".tsv", ".txt"):
        found = _csv_points(data, path, fields)
    else:
        found = _vector(path, folder, layer, fields)
    _keep(key, found)
    return found


def read_table(path: Path, folder: Path, key: str, column: str, countries: set[str]) -> Table:
    """A table's ``column`` by the ISO3 code in its ``key`` column (a CSV, or
    any table GDAL reads); ``countries`` are the codes the map knows."""
    memo = ("table", _stamp([path]), key, column, frozenset(countries))
    found = _recent.get(memo)
    if isinstance(found, Table):
        return found
    table = _read_table(path, folder, key, column, countries)
    _remember(memo, table)
    return table


def _read_table(path: Path, folder: Path, key: str, column: str, countries: set[str]) -> Table:
    data = _read(path, folder)
    digest = _digest("table", data, path.suffix.lower(), key, column, *sorted(countries))
    cached = _cached(digest)
    if isinstance(cached, Table):
        return cached
    columns, rows = _rows(data, path)
    for wanted in (key, column):
        if wanted not in columns:
            raise DataError(_no_column(wanted, path, columns))
    values: dict[str, str] = {}
    lines: dict[str, int] = {}
    for line, row in rows:
        code, value = row[key].strip().upper(), row[column]
        if not code:
            continue
        if code not in countries:
            raise DataError(_("unknown country code {code!r}").format(code=code), line)
        if code in values:
            message = _("{code} is given twice (first on line {line})").format(code=code, line=lines[code])
            raise DataError(message, line)
        text = str(value).strip()
        if text:
            values[code], lines[code] = text, line
    numeric = bool(values) and all(_is_number(v) for v in values.values())
    table = Table(values, numeric, columns, lines)
    _keep(digest, table)
    return table


# -- reading -------------------------------------------------------------------


def _read(path: Path, folder: Path) -> bytes:
    # TRANSLATORS: names a data file in messages: "the data file is a folder, not a file"
    try:
        return read_inside(path, folder, DATA_CAP, _("the data file"))
    except FileRefused as refused:
        raise DataError(str(refused)) from None


def _rows(data: bytes, path: Path) -> tuple[tuple[str, ...], list[tuple[int, dict[str, str]]]]:
    """A table's columns, and its rows as text with the line each starts on
    (a CSV by Python's csv module, anything else by GDAL: no pandas for a CSV)."""
    if path.suffix.lower() in (".csv", ".tsv", ".txt"):
        try:
            text = data.decode("utf-8-sig")
            dialect = csv.Sniffer().sniff(text[:4096], delimiters=",;\t") if text.strip() else csv.excel
        except UnicodeDecodeError:
            raise DataError(_("cannot read the table: {why}").format(why=_("it is not UTF-8 text"))) from None
        except csv.Error:
            dialect = csv.excel
        reader = csv.DictReader(io.StringIO(text, newline=""), dialect=dialect, restval="")
        columns = tuple(reader.fieldnames or ())
        rows = []
        try:
            for row in reader:
                if any((v or "").strip() for v in row.values() if isinstance(v, str)):
                    rows.append((reader.line_num, {k: v if isinstance(v, str) else "" for k, v in row.items()}))
        except csv.Error as err:
            raise DataError(_("cannot read the table: {why}").format(why=err), reader.line_num) from None
        return columns, rows
    import pyogrio

    try:
        frame = pyogrio.read_dataframe(path, read_geometry=False)
    except (pyogrio.errors.DataSourceError, pyogrio.errors.DataLayerError) as err:
        raise DataError(_("cannot read the table: {why}").format(why=str(err).splitlines()[0])) from None
    columns = tuple(str(c) for c in frame.columns)
    return columns, [
        (i + 2, {c: str(v) for c, v in zip(columns, values, strict=True)})
        for i, values in enumerate(frame.itertuples(index=False))
    ]


def _csv_points(data: bytes, path: Path, fields: tuple[str, ...]) -> Features:
    columns, rows = _rows(data, path)
    lower = {c.lower(): c for c in columns}
    lat = next((lower[n] for n in LAT if n in lower), None)
    lon = next((lower[n] for n in LON if n in lower), None)
    if lat is None or lon is None:
        message = _("a CSV of points needs lat and lon columns (columns: {columns})")
        raise DataError(message.format(columns=", ".join(columns)))
    _check_fields(fields, path, columns)
    features: list[dict[str, Any]] = []
    xs: list[float] = []
    ys: list[float] = []
    for line, row in rows:
        try:
            y, x = float(row[lat]), float(row[lon])
        except ValueError:
            message = _("latitude and longitude must be numbers, not {lat!r} and {lon!r}")
            raise DataError(message.format(lat=row[lat], lon=row[lon]), line) from None
        if not (-90 <= y <= 90 and -180 <= x <= 180):
            raise DataError(_("{lat}, {lon} is not a latitude and a longitude").format(lat=y, lon=x), line)
        properties = {f: row[f] for f in fields}
        xs.append(round(x, DIGITS))
        ys.append(round(y, DIGITS))
        geometry = {"type": "Point", "coordinates": [xs[-1], ys[-1]]}
        features.append({"type": "Feature", "geometry": geometry, "properties": properties})
    bounds = (min(xs), min(ys), max(xs), max(ys)) if features else None
    return Features(
        features, frozenset({"point"}) if features else frozenset(), bounds, len(features), len(features), columns
    )


def _vector(path: Path, folder: Path, layer: str | None, fields: tuple[str, ...]) -> Features:
    if path.suffix.lower() in (".geojson", ".json") and layer is None:
        light = _geojson(path, fields)
        if light is not None:
            return light
    import pyogrio

    _check_sidecars(path, folder)
    source = f"/vsizip/{path}" if path.suffix.lower() == ".zip" else str(path)
    try:
        layers = [str(name) for name, _kind in pyogrio.list_layers(source)]
    except (pyogrio.errors.DataSourceError, OSError) as err:
        raise DataError(_("cannot read the data: {why}").format(why=str(err).splitlines()[0])) from None
    if layer is not None and layer not in layers:
        message = _("no layer {layer!r} in {file} (layers: {layers})")
        raise DataError(message.format(layer=layer, file=path.name, layers=", ".join(layers)))
    if layer is None and len(layers) > 1:
        message = ngettext(
            "{file} has {n} layer ({layers}): say which with layer:",
            "{file} has {n} layers ({layers}): say which with layer:",
            len(layers),
        )
        raise DataError(message.format(file=path.name, n=len(layers), layers=", ".join(layers)))
    import geopandas

    try:
        frame = geopandas.read_file(source, layer=layer, engine="pyogrio")
    except Exception as err:  # GDAL's many errors: the message says what it could not read
        raise DataError(_("cannot read the data: {why}").format(why=str(err).splitlines()[0])) from None
    columns = tuple(str(c) for c in frame.columns if c != frame.geometry.name)
    _check_fields(fields, path, columns)
    frame = frame[~frame.geometry.is_empty & frame.geometry.notna()]
    if frame.crs is None:
        if len(frame):
            west, south, east, north = frame.total_bounds
            if not (west >= -180 and east <= 360 and south >= -90 and north <= 90):
                message = _(
                    "{file} has no coordinate system, and its coordinates are not longitude and latitude "
                    "(they reach {x:.0f}, {y:.0f}): save it with its CRS (a .prj beside a Shapefile)"
                )
                raise DataError(
                    message.format(file=path.name, x=max(abs(west), abs(east)), y=max(abs(south), abs(north)))
                )
        frame = frame.set_crs(4326)
    elif not frame.crs.equals(4326):
        frame = frame.to_crs(4326)
    properties = [{f: "" if _missing(row[f]) else str(row[f]) for f in fields} for _i, row in frame.iterrows()]
    return _features(frame.geometry.values, properties, columns)


def _geojson(path: Path, fields: tuple[str, ...]) -> Features | None:
    """A GeoJSON file read without GDAL or geopandas (RFC 7946: longitude and
    latitude, WGS84); None for one that says it is in another CRS (GDAL then
    reprojects it)."""
    import shapely

    try:
        document = json.loads(path.read_bytes())
    except (OSError, ValueError) as err:
        raise DataError(_("cannot read the data: {why}").format(why=err)) from None
    crs = document.get("crs") if isinstance(document, dict) else None
    named = str(((crs or {}).get("properties") or {}).get("name", "")) if isinstance(crs, dict) else ""
    if crs is not None and not named.endswith(("CRS84", ":4326", "::4326")):
        return None
    items = document.get("features") if isinstance(document, dict) else None
    if document.get("type") == "Feature":
        items = [document]
    if not isinstance(items, list):
        raise DataError(_("cannot read the data: {why}").format(why=_("no features in it")))
    geometries, properties, columns = [], [], {}
    for item in items:
        try:
            geometry = shapely.geometry.shape(item["geometry"])
        except (KeyError, TypeError, ValueError, AttributeError, shapely.errors.GEOSException):
            continue  # a feature without a geometry (or a broken one): not drawn
        values = item.get("properties") or {}
        columns.update(dict.fromkeys(str(k) for k in values))
        geometries.append(geometry)
        properties.append({f: "" if _missing(values.get(f)) else str(values.get(f)) for f in fields})
    names = tuple(columns)
    _check_fields(fields, path, names)
    return _features(geometries, properties, names)


def _features(geometries: Any, properties: list[dict[str, str]], columns: tuple[str, ...]) -> Features:
    """Features simplified within TOLERANCE, their coordinates rounded to DIGITS."""
    import shapely

    geometries = list(geometries)
    vertices = int(shapely.get_num_coordinates(geometries).sum()) if geometries else 0
    simple = shapely.set_precision(shapely.simplify(geometries, TOLERANCE, preserve_topology=True), 10**-DIGITS)
    features = []
    kinds: set[str] = set()
    for geometry, values in zip(simple, properties, strict=True):
        if geometry is None or geometry.is_empty:
            continue
        kinds.add(_kind(geometry.geom_type))
        features.append({"type": "Feature", "geometry": shapely.geometry.mapping(geometry), "properties": values})
    kept = int(shapely.get_num_coordinates(simple).sum()) if geometries else 0
    bounds = None
    if features:
        west, south, east, north = (float(v) for v in shapely.total_bounds(simple))
        bounds = (west, south, east, north)
    return Features(features, frozenset(kinds), bounds, vertices, kept, columns)


def sidecars_of(path: Path) -> list[Path]:
    """The other files of a Shapefile (.shx, .dbf, .prj, .cpg, …), in name order; none for other formats."""
    if path.suffix.lower() != ".shp":
        return []
    return sorted(p for p in path.parent.glob(glob.escape(path.stem) + ".*") if p != path)


def _check_sidecars(path: Path, folder: Path) -> None:
    """A Shapefile's other files (.shx, .dbf, .prj, …) are read too: inside the folder, regular files."""
    if path.suffix.lower() == ".zip":
        try:
            with zipfile.ZipFile(path) as archive:
                if sum(i.file_size for i in archive.infolist()) > DATA_CAP * 5:
                    raise DataError(_("the archive unpacks to more than {mb} MB").format(mb=DATA_CAP * 5 // MB))
        except zipfile.BadZipFile as err:
            raise DataError(_("cannot read the data: {why}").format(why=err)) from None
        return
    for sibling in sidecars_of(path):
        _read_head(sibling, folder)


def _read_head(path: Path, folder: Path) -> None:
    try:
        read_inside(path, folder, DATA_CAP, _("the data file"), head=16)
    except FileRefused as refused:
        raise DataError(str(refused)) from None


def _check_fields(fields: tuple[str, ...], path: Path, columns: tuple[str, ...]) -> None:
    for wanted in fields:
        if wanted not in columns:
            raise DataError(_no_column(wanted, path, columns))


def _no_column(column: str, path: Path, columns: tuple[str, ...]) -> str:
    return _("no column {column!r} in {file} (columns: {columns})").format(
        column=column, file=path.name, columns=", ".join(columns)
    )


def _kind(geom_type: str) -> str:
    if "Point" in geom_type:
        return "point"
    return "line" if "LineString" in geom_type else "polygon"


def _missing(value: Any) -> bool:
    return value is None or (isinstance(value, float) and value != value)


def _is_number(text: str) -> bool:
    try:
        float(text)
    except ValueError:
        return False
    return True


# -- the cache ------------------------------------------------------------------
#
# On disk, by the digest of the bytes (a second start reads no GDAL); in this
# process, by the files' size and time, for as long as they stay so: a click on
# a feature, the page being built and the deck being checked read a 30 MB
# file once, not each time.

_recent: OrderedDict[tuple[Any, ...], Features | Table] = OrderedDict()
RECENT = 8  # layers kept in memory


def _stamp(paths: list[Path]) -> tuple[tuple[str, int, int], ...] | None:
    try:
        return tuple((str(p), st.st_size, st.st_mtime_ns) for p in paths for st in [p.stat()])
    except OSError:  # reading it will say why
        return None


def _remember(memo: tuple[Any, ...], value: Features | Table) -> None:
    if memo[1] is None:
        return
    _recent[memo] = value
    while len(_recent) > RECENT:
        _recent.popitem(last=False)


def _digest(*parts: bytes | str) -> str:
    h = hashlib.blake2b(digest_size=16)
    h.update(f"kzviewer-layers-{VERSION}".encode())
    for part in parts:
        h.update(part if isinstance(part, bytes) else part.encode())
        h.update(b"\0")
    return h.hexdigest()


def _cached(key: str) -> object:
    path = cache_dir() / "layers" / f"{key}.pickle"
    try:
        with open(path, "rb") as handle:
            value = pickle.load(handle)  # written by this module only, in the user's own cache
    except (OSError, pickle.PickleError, EOFError, AttributeError, ImportError, TypeError):
        return None
    with contextlib.suppress(OSError):
        os.utime(path)  # used now: the cache trims the least lately used first
    return value


def _keep(key: str, value: object) -> None:
    folder = cache_dir() / "layers"
    try:
        folder.mkdir(parents=True, exist_ok=True)
        write_atomic(folder / f"{key}.pickle", pickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL))
    except OSError as err:  # read again next time
        log.warning("could not keep a layer's data in the cache: %s", err)
        return
    # Each version of a lecturer's file is a new entry: the cache would grow with every edit.
    trim_folder(folder, "*.pickle", CACHE_CAP, keep={f"{key}.pickle"})
