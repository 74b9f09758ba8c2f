"""Build the map page with folium, once per deck, and cache it.

The page is self-contained: Leaflet (from xstatic-leaflet), map.js, map.css
and the geodata are inlined, so it needs no network and no other file.  The
app's variant adds ``qrc:///qtwebchannel/qwebchannel.js`` to talk to Python;
the standalone variant (``kzviewer map``) works in any browser.

folium is imported only when a page is built.  :func:`cached_page` checks the
cache first, so a start-up with a fresh cache imports neither folium nor
geopandas.
"""

from __future__ import annotations

import hashlib
import json
import os
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import platformdirs

from kzviewer import __version__, resources
from kzviewer.deck.countries import CountriesFile, read_countries
from kzviewer.deck.mapstate import MapState
from kzviewer.deck.model import Deck
from kzviewer.files import write_atomic
from kzviewer.geo.data import CREDIT, read_layer

# The page's controller, by concern, in the order the page runs them (see kz.js).
SCRIPTS = ("kz.js", "camera.js", "selection.js", "labels.js", "overlays.js", "print.js", "map.js")
STYLES = ("map.css",)
GEO_FILES = ("world.geojson", "region.geojson", "borders.geojson")
QWEBCHANNEL = "qrc:///qtwebchannel/qwebchannel.js"


@dataclass(frozen=True)
class PageSpec:
    """Everything the page depends on; its digest names the cached file.

    ``sources`` are the files it was made from (a deck and its countries
    file).  The digest reads files as bytes and parses nothing.
    """

    countries_path: Path | None
    initial: MapState
    title: str = "kzviewer map"
    sources: tuple[Path, ...] = ()

    @classmethod
    def for_deck(cls, deck: Deck, slide: int = 1) -> PageSpec:
        """The page of a deck, starting on ``slide``'s map."""
        countries = deck.countries.path if deck.countries.path.is_file() else None
        initial = deck.slide(slide).map if deck.slides else deck.initial
        sources = (deck.path,) + ((countries,) if countries else ())
        return cls(countries, initial, deck.title or deck.path.name, sources)

    def to_json(self) -> dict[str, Any]:
        return {
            "countries": str(self.countries_path) if self.countries_path else None,
            "initial": self.initial.to_json(),
            "title": self.title,
            "sources": [str(p) for p in self.sources],
        }

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> PageSpec:
        return cls(
            Path(data["countries"]) if data["countries"] else None,
            MapState.from_json(data["initial"]),
            str(data["title"]),
            tuple(Path(p) for p in data["sources"]),
        )

    def inputs(self) -> Iterable[Path]:
        yield from self.sources
        yield from (resources.web_file(name) for name in SCRIPTS + STYLES)
        yield from (resources.geo_dir() / name for name in GEO_FILES)
        yield leaflet_dir() / "leaflet.js"
        yield leaflet_dir() / "leaflet.css"

    def digest(self) -> str:
        h = hashlib.sha256(__version__.encode())
        h.update(json.dumps(self.to_json(), sort_keys=True).encode())
        for path in self.inputs():
            h.update(path.name.encode())
            try:
                h.update(path.read_bytes())
            except OSError:
                h.update(b"unreadable")  # build_page will say what is wrong
        return h.hexdigest()[:20]


def leaflet_dir() -> Path:
    # xstatic.pkg.leaflet imports nothing heavy; its BASE_DIR is the data folder.
    import xstatic.pkg.leaflet

    return Path(xstatic.pkg.leaflet.BASE_DIR)


def cache_dir() -> Path:
    return Path(os.environ.get("KZVIEWER_CACHE_DIR") or platformdirs.user_cache_dir("kzviewer"))


def cached_page(spec: PageSpec) -> Path:
    """The app's map page for ``spec``, built only when the cache lacks it.

    The spec is remembered under its first source (the deck), so that the
    next start finds the page with :func:`find_cached_page` before parsing.
    """
    path = _page_path(spec)
    if not path.exists():
        write_atomic(path, build_page(spec, app=True))
    if spec.sources:
        write_atomic(_spec_path(spec.sources[0]), json.dumps(spec.to_json()))
    return path


def find_cached_page(deck: Path) -> Path | None:
    """The cached page of ``deck`` if none of its inputs changed, else None."""
    try:
        spec = PageSpec.from_json(json.loads(_spec_path(deck).read_text(encoding="utf-8")))
    except (OSError, ValueError, KeyError, TypeError):
        return None
    path = _page_path(spec)
    return path if path.exists() else None


def _page_path(spec: PageSpec) -> Path:
    return cache_dir() / "pages" / f"map-{spec.digest()}.html"


def _spec_path(deck: Path) -> Path:
    key = hashlib.sha256(str(deck.resolve()).encode()).hexdigest()[:20]
    return cache_dir() / "pages" / f"deck-{key}.json"


# Coordinates sent to the page: the world to 0.01 degree (its outlines are
# simplified to 0.04 anyway), the region and the borders to 0.001.
WORLD_SCALE = 100
FINE_SCALE = 1000


def pack_geometry(geometry: dict[str, Any], scale: int) -> dict[str, Any]:
    """A GeoJSON geometry with each list of [lon, lat] pairs replaced by one
    flat list of integer steps: lon0*scale, lat0*scale, then the differences.

    Half the bytes of plain GeoJSON, so the page arrives and parses in half
    the time; map.js (unpack) turns it back into GeoJSON.
    """

    def line(points: list[list[float]]) -> list[int]:
        flat: list[int] = []
        x0 = y0 = 0
        for lon, lat in points:
            x, y = round(lon * scale), round(lat * scale)
            flat += (x - x0, y - y0)
            x0, y0 = x, y
        return flat

    def nested(coords: Any, depth: int) -> Any:
        return line(coords) if depth == 0 else [nested(c, depth - 1) for c in coords]

    depth = {"LineString": 0, "MultiLineString": 1, "Polygon": 1, "MultiPolygon": 2}[geometry["type"]]
    return {"type": geometry["type"], "k": scale, "p": nested(geometry["coordinates"], depth)}


def _packed(collection: dict[str, Any], scale: int) -> dict[str, Any]:
    return {
        "features": [
            {"properties": f["properties"], "geometry": pack_geometry(f["geometry"], scale)}
            for f in collection["features"]
        ]
    }


def page_data(spec: PageSpec) -> dict[str, Any]:
    """The JSON the page's controller starts from."""
    # A damaged countries file is the deck's problem to report; the map
    # shows what can be read of it.
    countries = read_countries(spec.countries_path, []) if spec.countries_path else CountriesFile(Path())
    geo = resources.geo_dir()
    region = read_layer(geo / "region.geojson")
    in_region = {f["properties"]["iso3"] for f in region["features"]}
    world = read_layer(geo / "world.geojson")
    world["features"] = [f for f in world["features"] if f["properties"]["iso3"] not in in_region]
    borders = read_layer(geo / "borders.geojson", ("a", "b"))
    return {
        "layers": {
            "world": _packed(world, WORLD_SCALE),
            "region": _packed(region, FINE_SCALE),
            "borders": _packed(borders, FINE_SCALE),
        },
        **countries.to_json(),
        "state": spec.initial.to_json(),
    }


def build_page(spec: PageSpec, app: bool) -> str:
    """The page as HTML; ``app`` adds the QWebChannel script."""
    from kzviewer.mapping._folium import render_page

    scripts = [(leaflet_dir() / "leaflet.js").read_text(encoding="utf-8")]
    scripts += [resources.web_file(name).read_text(encoding="utf-8") for name in SCRIPTS]
    styles = [(leaflet_dir() / "leaflet.css").read_text(encoding="utf-8")]
    styles += [resources.web_file(name).read_text(encoding="utf-8") for name in STYLES]
    return render_page(
        title=spec.title,
        data=page_data(spec),
        scripts=scripts,
        styles=styles,
        links=[QWEBCHANNEL] if app else [],
        credit=CREDIT,
    )
