#!/usr/bin/env python3
"""Build kzviewer's geodata in assets/geo/ from Natural Earth admin-0 countries.

The source is the npm package world-atlas@2.0.2 (Natural Earth 4.1.0 as
TopoJSON).  By default the script fetches it with ``npm pack``; pass
``--source DIR`` to use an unpacked copy instead.  The output is committed, so
users never need npm or the network.

Output (see the file contract in the README):

    world.geojson    every country at 1:50m, the coarse world layer
    region.geojson   Central Asia and its neighbours at 1:10m
    borders.geojson  one line feature per pair of countries sharing a land
                     border (computed at 1:10m), with the geodesic length
                     measured on the data and the official one wherever the
                     CIA World Factbook gives it (scripts/factbook.py)
    index.json       the same names, two-letter codes (CLDR's names in other
                     languages go by them), label points, boxes and border
                     figures without geometry, for fast look-ups

Fixes applied to the source, each a deliberate choice:

    Crimea      drawn by Natural Earth as part of Russia; reassigned to
                Ukraine (UN General Assembly resolution 68/262).
    Baikonur    a separate feature without a code at 1:10m; merged back into
                Kazakhstan (Kazakh territory leased to Russia).
    no code     Kosovo, Somaliland, Northern Cyprus and the Siachen Glacier
                keep their de facto outline under user-assigned ISO 3166-1
                codes (X..); bases, buffer zones, reefs and uninhabited
                islands without a code are left out (see DROPPED).

Run:  python scripts/build_geodata.py [--source DIR] [--out assets/geo]
Needs geopandas, pyproj and pycountry (``pip install -e '.[geodata]'``).
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tarfile
import tempfile
from collections.abc import Iterable
from pathlib import Path
from typing import Any

import factbook  # scripts/factbook.py, beside this file
import geopandas as gpd
import numpy as np
import pycountry
import shapely
import shapely.affinity
import shapely.ops
from pyproj import Geod
from shapely.geometry import MultiPolygon, Point, Polygon, mapping

WORLD_ATLAS = "world-atlas@2.0.2"
ROOT = Path(__file__).resolve().parent.parent

# Countries drawn at 1:10m: the C5, the great powers around them, the other
# two states bordering both Russia and China, and the neighbours the argument
# turns on.
REGION = {
    "KAZ",
    "KGZ",
    "TJK",
    "TKM",
    "UZB",
    "RUS",
    "CHN",
    "MNG",
    "PRK",
    "AFG",
    "IRN",
    "PAK",
    "AZE",
}

# Features without an ISO code that keep their own outline.
# With the two-letter code CLDR names them by, where it has one (kzviewer's
# own table, kzviewer.i18n.UNNAMED, names the others in each language).
USER_ASSIGNED = {
    "Kosovo": ("XKX", "Kosovo", "XK"),
    "Somaliland": ("XSL", "Somaliland", None),
    "N. Cyprus": ("XNC", "Northern Cyprus", None),
    "Siachen Glacier": ("XSG", "Siachen Glacier (disputed)", None),
}
# Features without a code that are merged into the country they belong to.
MERGED = {"Baikonur": "KAZ", "Ashmore and Cartier Is.": "AUS"}
# Features without a code that are left out: military bases, a buffer zone,
# reefs and uninhabited islands.  None is a country the deck could discuss.
DROPPED = {
    "Antarctica",  # circles the pole: Web Mercator cannot draw it
    "Dhekelia",
    "Akrotiri",
    "Cyprus U.N. Buffer Zone",
    "USNB Guantanamo Bay",
    "Indian Ocean Ter.",
    "Coral Sea Is.",
    "Spratly Is.",
    "Clipperton I.",
    "Bajo Nuevo Bank",
    "Serranilla Bank",
    "Scarborough Reef",
}
# Natural Earth abbreviates names for its labels; show them in full.
FULL_NAMES = {
    "S. Sudan": "South Sudan",
    "W. Sahara": "Western Sahara",
    "Dem. Rep. Congo": "Democratic Republic of the Congo",
    "Central African Rep.": "Central African Republic",
    "Dominican Rep.": "Dominican Republic",
    "Bosnia and Herz.": "Bosnia and Herzegovina",
    "Eq. Guinea": "Equatorial Guinea",
    "Turks and Caicos Is.": "Turks and Caicos Islands",
    "St. Pierre and Miquelon": "Saint Pierre and Miquelon",
    "Pitcairn Is.": "Pitcairn Islands",
    "Fr. Polynesia": "French Polynesia",
    "Fr. S. Antarctic Lands": "French Southern and Antarctic Lands",
    "Marshall Is.": "Marshall Islands",
    "St. Vin. and Gren.": "Saint Vincent and the Grenadines",
    "U.S. Minor Outlying Is.": "U.S. Minor Outlying Islands",
    "Antigua and Barb.": "Antigua and Barbuda",
    "St. Kitts and Nevis": "Saint Kitts and Nevis",
    "U.S. Virgin Is.": "U.S. Virgin Islands",
    "British Virgin Is.": "British Virgin Islands",
    "Cayman Is.": "Cayman Islands",
    "Heard I. and McDonald Is.": "Heard Island and McDonald Islands",
    "Faeroe Is.": "Faroe Islands",
    "Br. Indian Ocean Ter.": "British Indian Ocean Territory",
    "Cook Is.": "Cook Islands",
    "Wallis and Futuna Is.": "Wallis and Futuna",
    "Solomon Is.": "Solomon Islands",
    "S. Geo. and the Is.": "South Georgia and the South Sandwich Islands",
    "Falkland Is.": "Falkland Islands",
    "N. Mariana Is.": "Northern Mariana Islands",
    "Dem. Rep. Korea": "North Korea",
    "Korea": "South Korea",
    "Bosnia and Herzegovina": "Bosnia and Herzegovina",
    "Macedonia": "North Macedonia",
    "eSwatini": "Eswatini",
    "Côte d'Ivoire": "Côte d'Ivoire",
    "Lao PDR": "Laos",
    "Timor-Leste": "Timor-Leste",
    "Vatican": "Vatican City",
}
# Countries the deck cannot do without: the build refuses input lacking any.
REQUIRED = {"KAZ", "RUS", "CHN", "KGZ", "TJK", "TKM", "UZB", "UKR", "MNG", "PRK", "AFG"}
SIMFEROPOL = Point(34.10, 44.95)

# Douglas-Peucker tolerance (degrees) applied to shared arcs before polygons
# are assembled, so neighbours keep identical edges; and output precision.
# The C5's own outlines keep the most detail (the Fergana Valley enclaves);
# everything else only needs to look right at the zooms the map flies to.
SIMPLIFY = {"10m": 0.03, "50m": 0.04}
SIMPLIFY_C5 = 0.01
SPECK = 0.02  # square degrees
C5_NUMERIC = {"398", "417", "762", "795", "860"}
DECIMALS = 3
GEOD = Geod(ellps="WGS84")


class BuildError(Exception):
    """The source data cannot produce the geodata kzviewer needs."""


# -- TopoJSON -----------------------------------------------------------------


def decode_arcs(topology: dict[str, Any], tolerance: float) -> list[np.ndarray]:
    """Absolute coordinates of every arc, optionally simplified.

    An arc on the outline of a C5 state is simplified with the finer
    SIMPLIFY_C5; an arc is shared by both its countries, so they still fit.
    """
    fine = {
        i if i >= 0 else ~i
        for g in topology["objects"]["countries"]["geometries"]
        if g.get("id") in C5_NUMERIC
        for i in _arc_indices(g)
    }
    scale = np.array(topology["transform"]["scale"])
    translate = np.array(topology["transform"]["translate"])
    arcs = []
    for number, arc in enumerate(topology["arcs"]):
        coords = np.cumsum(np.array(arc, dtype=float), axis=0) * scale + translate
        if tolerance and len(coords) > 2:
            limit = min(tolerance, SIMPLIFY_C5) if number in fine else tolerance
            line = shapely.simplify(shapely.LineString(coords), limit)
            coords = np.asarray(line.coords)
        arcs.append(coords)
    return arcs


def _arc_indices(geometry: dict[str, Any]) -> list[int]:
    arcs = geometry.get("arcs") or []
    if geometry["type"] == "Polygon":
        return [i for ring in arcs for i in ring]
    return [i for polygon in arcs for ring in polygon for i in ring]


def _ring(indices: Iterable[int], arcs: list[np.ndarray]) -> np.ndarray:
    parts = []
    for i, index in enumerate(indices):
        coords = arcs[index] if index >= 0 else arcs[~index][::-1]
        parts.append(coords if i == 0 else coords[1:])
    ring = np.concatenate(parts)
    # world-atlas is spherical: a ring may step across the antimeridian from
    # 179 to -179.  Make its longitudes continuous (179 to 181) instead.
    # (np.unwrap would nudge every vertex by rounding errors and break the
    # exact sharing of edges between neighbours; whole turns keep it.)
    lon = ring[:, 0].copy()
    lon[1:] -= 360 * np.cumsum(np.round(np.diff(lon) / 360))
    ring[:, 0] = lon - 360 * np.round(np.median(lon) / 360)
    return ring


def _polygon(rings: list[list[int]], arcs: list[np.ndarray]) -> Polygon | None:
    coords = [_ring(ring, arcs) for ring in rings]
    if len(coords[0]) < 4:  # simplified away
        return None
    holes = [c for c in coords[1:] if len(c) >= 4]
    return Polygon(coords[0], holes)


def decode_countries(topology: dict[str, Any], tolerance: float) -> list[dict[str, Any]]:
    """The countries object as a list of {id, name, geometry} records."""
    arcs = decode_arcs(topology, tolerance)
    raw = decode_arcs(topology, 0.0) if tolerance else arcs
    records = []
    for geometry in topology["objects"]["countries"]["geometries"]:
        if geometry["type"] == "Polygon":
            parts = [geometry["arcs"]]
        elif geometry["type"] == "MultiPolygon":
            parts = geometry["arcs"]
        else:
            continue
        # A country made only of specks (Monaco, Nauru) would be simplified
        # away: keep its full outline instead.
        polygons = [p for p in (_polygon(rings, arcs) for rings in parts) if p is not None]
        if not polygons:
            polygons = [p for p in (_polygon(rings, raw) for rings in parts) if p is not None]
        if not polygons:
            continue
        records.append(
            {
                "id": geometry.get("id"),
                "name": geometry["properties"]["name"],
                "geometry": polygonal(shapely.make_valid(MultiPolygon(polygons))),
            }
        )
    return records


def polygonal(geometry: Any) -> MultiPolygon:
    """The polygon parts of a geometry (make_valid may leave stray lines)."""
    parts = [g for g in shapely.get_parts(geometry) if g.geom_type == "Polygon"]
    parts += [p for g in shapely.get_parts(geometry) if g.geom_type == "MultiPolygon" for p in g.geoms]
    return MultiPolygon(parts)


# -- Fixes --------------------------------------------------------------------


def assign_codes(records: list[dict[str, Any]]) -> gpd.GeoDataFrame:
    """Give every kept feature an ISO3 code and a full name; merge and drop."""
    rows: dict[str, dict[str, Any]] = {}
    merges: list[tuple[str, Any]] = []
    for record in records:
        name = record["name"]
        if name in DROPPED:
            continue
        if name in MERGED:
            merges.append((MERGED[name], record["geometry"]))
            continue
        if name in USER_ASSIGNED:
            iso3, full, a2 = USER_ASSIGNED[name]
        elif record["id"] is None:
            raise BuildError(f"feature {name!r} has no code and no rule in the build script")
        else:
            country = pycountry.countries.get(numeric=record["id"])
            if country is None:
                raise BuildError(f"feature {name!r} has an unknown ISO numeric code {record['id']}")
            iso3, full, a2 = country.alpha_3, FULL_NAMES.get(name, name), country.alpha_2
        if iso3 in rows:
            merges.append((iso3, record["geometry"]))
        else:
            rows[iso3] = {"iso3": iso3, "name": full, "a2": a2, "geometry": record["geometry"]}
    for iso3, geometry in merges:
        if iso3 in rows:
            rows[iso3]["geometry"] = polygonal(shapely.union(rows[iso3]["geometry"], geometry))
    frame = gpd.GeoDataFrame(list(rows.values()), geometry="geometry", crs="EPSG:4326")
    frame["a2"] = frame["a2"].astype(object).where(frame["a2"].notna(), None)  # null in JSON, not NaN
    missing = REQUIRED - set(frame["iso3"])
    if missing:
        raise BuildError(f"the source lacks countries kzviewer needs: {', '.join(sorted(missing))}")
    return frame.set_index("iso3", drop=False)


def reassign_crimea(frame: gpd.GeoDataFrame) -> None:
    """Move the Russian polygon holding Simferopol to Ukraine."""
    russia = frame.at["RUS", "geometry"]
    parts = list(getattr(russia, "geoms", [russia]))
    crimea = [p for p in parts if p.contains(SIMFEROPOL)]
    if not crimea:
        if frame.at["UKR", "geometry"].contains(SIMFEROPOL):
            return
        raise BuildError("Crimea is in neither Russia nor Ukraine in the source")
    rest = [p for p in parts if not p.contains(SIMFEROPOL)]
    frame.at["RUS", "geometry"] = MultiPolygon(rest)
    frame.at["UKR", "geometry"] = polygonal(shapely.union(frame.at["UKR", "geometry"], crimea[0]))


def unwrap_chukotka(frame: gpd.GeoDataFrame) -> None:
    """Draw Russia's far east past 180 degrees so that Russia is one shape.

    Natural Earth cuts Chukotka at the antimeridian; left as it is, fitting
    the map to Russia would show the whole world.
    """
    parts = [
        shapely.affinity.translate(p, xoff=360) if p.bounds[2] < -160 else p for p in frame.at["RUS", "geometry"].geoms
    ]
    frame.at["RUS", "geometry"] = polygonal(shapely.union_all(parts))


def label_point(geometry: MultiPolygon) -> tuple[float, float]:
    """[lat, lon] well inside the largest part, for labels and arrows."""
    largest = max(geometry.geoms, key=lambda p: p.area)
    point = shapely.ops.polylabel(largest, tolerance=0.05)
    return (round(point.y, 3), round(point.x, 3))


def main_bbox(geometry: MultiPolygon) -> tuple[float, float, float, float]:
    """[south, west, north, east] of the parts that make a country's shape.

    Small far-off parts (the Aleutians past 180 degrees, overseas islands)
    are left out, so that fitting the map to a country shows the country.
    """
    largest = max(p.area for p in geometry.geoms)
    parts = [p for p in geometry.geoms if p.area >= 0.2 * largest]
    west, south, east, north = shapely.MultiPolygon(parts).bounds
    return (round(south, 2), round(west, 2), round(north, 2), round(east, 2))


# -- Borders ------------------------------------------------------------------


def _lines(geometry: Any) -> Any:
    """The line parts of a boundary intersection, merged; None if only points."""
    # An intersection may nest lines in a collection: take parts twice.
    parts = [g for g in shapely.get_parts(shapely.get_parts(geometry)) if g.geom_type == "LineString"]
    if not parts:
        return None
    return shapely.line_merge(shapely.MultiLineString(parts))


def compute_borders(
    frame: gpd.GeoDataFrame, official: dict[tuple[str, str], factbook.Official]
) -> list[dict[str, Any]]:
    """One record per pair of countries whose outlines share a line."""
    plain = frame[["iso3", "geometry"]].reset_index(drop=True)  # sjoin wants a plain index
    pairs = gpd.sjoin(plain, plain, predicate="intersects")
    pairs = pairs[pairs["iso3_left"] < pairs["iso3_right"]]
    borders = []
    for a, b in sorted(zip(pairs["iso3_left"], pairs["iso3_right"], strict=True)):
        # The part of a's outline that lies on b.  Neighbours share their
        # vertices exactly, but GEOS's overlay of two outlines (or of an outline
        # with the bare polygon) loses whole stretches to noding: measured,
        # Kazakhstan-Russia came out 3,145 or 4,627 km instead of 6,661.  A
        # tolerance far below the data's quantum (0.0017 degrees) keeps them.
        shared = _lines(shapely.intersection(frame.at[a, "geometry"].boundary, frame.at[b, "geometry"].buffer(1e-7)))
        if shared is None:
            continue
        length = GEOD.geometry_length(shared) / 1000.0
        if length < 0.05:  # a sliver where two outlines touch
            continue
        figure = official.get((a, b))
        borders.append(
            {
                "a": a,
                "b": b,
                "length_km": round(length, 1),
                "official_km": figure.km if figure else None,
                "source": factbook.SOURCE if figure else None,
                "official_km_b": figure.km_b if figure else None,
                "geometry": shared,
            }
        )
    return borders


def load_official(*layers: gpd.GeoDataFrame) -> dict[tuple[str, str], factbook.Official]:
    """The Factbook's figure for every border it gives, by the layers' names."""
    names = {row["name"]: row["iso3"] for frame in layers for row in frame[["name", "iso3"]].to_dict("records")}
    official, unknown = factbook.read(names)
    if unknown:
        raise BuildError(f"Factbook names not matched to a country: {unknown} (add them to scripts/factbook.py)")
    return official


# -- Output -------------------------------------------------------------------


def _rounded(geometry: Any) -> dict[str, Any]:
    return mapping(shapely.transform(geometry, lambda c: np.round(c, DECIMALS)))


def write_collection(path: Path, features: list[dict[str, Any]], about: str) -> None:
    collection = {
        "type": "FeatureCollection",
        "about": about,
        "features": [
            {
                "type": "Feature",
                "properties": {k: v for k, v in f.items() if k != "geometry"},
                "geometry": _rounded(f["geometry"]),
            }
            for f in features
        ],
    }
    write_json(path, collection, f"{len(features)} features")


def write_json(path: Path, data: dict[str, Any], what: str) -> None:
    tmp = path.with_suffix(".tmp")
    tmp.write_text(json.dumps(data, ensure_ascii=False, separators=(",", ":")), encoding="utf-8")
    tmp.replace(path)
    print(
        f"wrote {path.relative_to(ROOT) if path.is_relative_to(ROOT) else path}: "
        f"{what}, {path.stat().st_size // 1024} KiB",
        file=sys.stderr,
    )


def write_index(path: Path, layers: list[gpd.GeoDataFrame], borders: list[dict[str, Any]], about: str) -> None:
    """What look-ups need without the geometry: names, label points, boxes, borders."""
    countries: dict[str, Any] = {}
    for frame in layers:  # later layers (finer) win
        for row in frame.to_dict("records"):
            countries[row["iso3"]] = {k: row[k] for k in ("name", "a2", "label", "bbox")}
    index = {
        "about": about,
        "countries": dict(sorted(countries.items())),
        "borders": [{k: v for k, v in b.items() if k != "geometry"} for b in borders],
    }
    write_json(path, index, f"{len(countries)} countries, {len(borders)} borders")


def fetch_source(workdir: Path) -> Path:
    print(f"fetching {WORLD_ATLAS} with npm ...", file=sys.stderr)
    try:
        out = subprocess.run(
            ["npm", "pack", WORLD_ATLAS, "--silent"], cwd=workdir, check=True, capture_output=True, text=True
        ).stdout.split()[-1]
    except (OSError, subprocess.CalledProcessError) as err:
        raise BuildError(f"could not fetch {WORLD_ATLAS} with npm ({err}); pass --source DIR") from err
    with tarfile.open(workdir / out) as tar:
        tar.extractall(workdir, filter="data")
    return workdir / "package"


def load_topology(source: Path, scale: str) -> dict[str, Any]:
    path = source / f"countries-{scale}.json"
    try:
        topology = json.loads(path.read_text(encoding="utf-8"))
        topology["objects"]["countries"]["geometries"]
    except (OSError, ValueError, KeyError, TypeError) as err:
        raise BuildError(f"{path}: not a world-atlas countries TopoJSON ({err})") from err
    return topology


def drop_specks(frame: gpd.GeoDataFrame) -> None:
    """Leave out islets a few pixels wide at the map's zooms (under 0.02 square
    degrees, about 15 by 15 km) from countries far larger than them.

    Three quarters of the polygons of the drawn layers are such specks; each
    costs the page as much as a country.  The C5 keep every part: the Fergana
    Valley enclaves are part of the story.
    """
    c5 = {"KAZ", "KGZ", "TJK", "TKM", "UZB"}
    for iso3, geometry in zip(frame["iso3"], frame.geometry, strict=True):
        parts = list(geometry.geoms)
        if iso3 in c5 or max(p.area for p in parts) < 1:
            continue
        frame.at[iso3, "geometry"] = MultiPolygon([p for p in parts if p.area >= SPECK])


def layer(source: Path, scale: str, tolerance: float) -> gpd.GeoDataFrame:
    frame = assign_codes(decode_countries(load_topology(source, scale), tolerance))
    reassign_crimea(frame)
    unwrap_chukotka(frame)
    if tolerance:  # the drawn layers; borders are measured on everything
        drop_specks(frame)
    frame["label"] = [label_point(g) for g in frame.geometry]
    frame["bbox"] = [main_bbox(g) for g in frame.geometry]
    return frame


def build(source: Path, out: Path) -> None:
    out.mkdir(parents=True, exist_ok=True)
    credit = (
        "Made with Natural Earth (v4.1.0, public domain), via world-atlas 2.0.2. "
        "Boundaries are de facto; Crimea shown as part of Ukraine."
    )

    fine = layer(source, "10m", 0.0)
    world = layer(source, "50m", SIMPLIFY["50m"])
    official = load_official(fine, world)
    borders = compute_borders(fine, official)
    drawn = {(b["a"], b["b"]) for b in borders}
    print(
        f"official lengths: {sum(b['official_km'] is not None for b in borders)} of {len(borders)} borders; "
        f"none for {sorted(drawn - set(official))}; the Factbook's borders the map does not draw: "
        f"{sorted(set(official) - drawn)}; the two sides disagree on "
        f"{sorted(pair for pair, figure in official.items() if figure.km_b is not None)}",
        file=sys.stderr,
    )
    # Draw the borders simplified; their lengths above are measured unsimplified.
    # (as finely as the outlines they run along).
    c5 = {"KAZ", "KGZ", "TJK", "TKM", "UZB"}
    for border in borders:
        fine = border["a"] in c5 or border["b"] in c5
        border["geometry"] = shapely.simplify(border["geometry"], SIMPLIFY_C5 if fine else SIMPLIFY["10m"])
    write_collection(out / "borders.geojson", borders, credit + " Official lengths: CIA World Factbook.")

    region = layer(source, "10m", SIMPLIFY["10m"])
    region = region[region["iso3"].isin(REGION)]
    write_collection(out / "region.geojson", region.to_dict("records"), credit + " Scale 1:10m.")

    write_collection(out / "world.geojson", world.to_dict("records"), credit + " Scale 1:50m.")
    write_index(out / "index.json", [world, region], borders, credit)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--source", type=Path, help="an unpacked world-atlas package (default: fetch with npm)")
    parser.add_argument("--out", type=Path, default=ROOT / "assets" / "geo")
    args = parser.parse_args(argv)
    try:
        if args.source:
            build(args.source, args.out)
        else:
            with tempfile.TemporaryDirectory() as tmp:
                build(fetch_source(Path(tmp)), args.out)
    except BuildError as err:
        print(f"build_geodata: {err}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
