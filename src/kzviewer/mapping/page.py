"""Build the map page, once per deck, and cache it.

The page is self-contained: Leaflet (from xstatic-leaflet), the page's
scripts and styles (``web/``) and the geodata are inlined, so it needs no
network and no other file.  The app's variant adds
``qrc:///qtwebchannel/qwebchannel.js`` to talk to Python; the standalone
variant (``kzviewer map``) works in any browser.

The page is folium's (its frame, ``web/page.html``, written by
``scripts/page_frame.py``) filled with its parts here: no start imports
folium, and a start-up with a fresh cache needs only ``mapping.cache``.
"""

from __future__ import annotations

import dataclasses
import html
import json
import re
from pathlib import Path
from typing import Any

from kzviewer import i18n, resources
from kzviewer.deck.countries import CountriesFile, read_countries
from kzviewer.deck.mapstate import MapState
from kzviewer.deck.model import Deck, LayerSpec
from kzviewer.files import write_atomic
from kzviewer.geo.data import CREDIT, load_geodata, read_layer
from kzviewer.i18n import _
from kzviewer.mapping.cache import SCRIPTS, STYLES, leaflet_dir, page_path, remember
from kzviewer.mapping.layers import layers_data

QWEBCHANNEL = "qrc:///qtwebchannel/qwebchannel.js"

# Where build_page writes a page's own parts into folium's frame (web/page.html).
TITLE = "@kz-title@"
HEAD = "<!--kz-head-->"  # the styles, the QWebChannel link (in the app) and the scripts
DATA = "@kz-data@"


@dataclasses.dataclass(frozen=True)
class PageSpec:
    """Everything the page depends on; its digest names the cached file.

    ``sources`` are the files it was made from (a deck, its countries file,
    its layers' data); ``layers`` the deck's data layers.
    """

    countries_path: Path | None
    initial: MapState
    title: str = "kzviewer map"
    sources: tuple[Path, ...] = ()
    layers: tuple[LayerSpec, ...] = ()

    @classmethod
    def for_deck(cls, deck: Deck, slide: int = 1) -> PageSpec:
        """The page of a deck, starting on ``slide``'s map."""
        countries = deck.countries.path if deck.countries.path.is_file() else None
        initial = deck.slide(slide).map if deck.slides else deck.initial
        layers = tuple(deck.layers.values())
        sources = (deck.path,) + ((countries,) if countries else ()) + tuple(spec.path for spec in layers)
        return cls(countries, initial, deck.title or deck.path.name, sources, layers)

    def to_json(self) -> dict[str, Any]:
        return {
            "countries": str(self.countries_path) if self.countries_path else None,
            "initial": self.initial.to_json(),
            "title": self.title,
            "sources": [str(p) for p in self.sources],
            "layers": [{**dataclasses.asdict(spec), "path": str(spec.path)} for spec in self.layers],
        }


def cached_page(spec: PageSpec) -> Path:
    """The app's map page for ``spec``, built only when the cache lacks it.

    The spec is remembered under its first source (the deck), so that the
    next start finds the page with ``find_cached_page`` before parsing.
    """
    path = page_path(spec.to_json())
    path.parent.mkdir(parents=True, exist_ok=True)
    if not path.exists():
        write_atomic(path, build_page(spec, app=True))
    if spec.sources:
        remember(spec.sources[0], spec.to_json(), path)
    return path


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
    codes = in_region | {f["properties"]["iso3"] for f in world["features"]}
    return {
        "layers": {
            "world": _packed(world, WORLD_SCALE),
            "region": _packed(region, FINE_SCALE),
            "borders": _packed(borders, FINE_SCALE),
        },
        **countries.to_json(),
        "dataLayers": layers_data(spec.layers, spec.sources[0].parent, codes) if spec.layers else {},
        "state": spec.initial.to_json(),
        "names": country_names(),
        "words": page_words(),
    }


def country_names() -> dict[str, str]:
    """Every country's name in the language of this run (none in English:
    the layers carry those)."""
    if i18n.language() == i18n.FALLBACK:
        return {}
    geo = load_geodata()
    return {iso3: geo.name(iso3) for iso3 in geo.countries}


def page_words() -> dict[str, str]:
    """The few words the page writes itself (the legend's, Leaflet's controls')."""
    return {
        # TRANSLATORS: the map legend's entry for the bold lines drawn on land borders
        "border": _("Shared land border"),
        "zoomIn": _("Zoom in"),
        "zoomOut": _("Zoom out"),
        # TRANSLATORS: the map's scale bar: kilometres, metres, miles, feet
        "km": _("km"),
        "m": _("m"),
        "mi": _("mi"),
        "ft": _("ft"),
    }


def build_page(spec: PageSpec, app: bool, handout: dict[str, Any] | None = None) -> str:
    """The page as HTML; ``app`` adds the QWebChannel script, ``handout`` the
    slides beside the map (kzviewer.handout: its data, and web/handout.js)."""
    styles, scripts = _styles(), _scripts()
    if handout is not None:
        styles.append(resources.web_file("handout.css").read_text(encoding="utf-8"))
        scripts.append(resources.web_file("handout.js").read_text(encoding="utf-8"))
    head = [f"<style>{_inline(text, 'style')}</style>" for text in styles]
    if app:
        head.append(f'<script src="{QWEBCHANNEL}"></script>')
    head += [f"<script>{_inline(text, 'script')}</script>" for text in scripts]
    data = dict(page_data(spec), credit=_(CREDIT))
    if handout is not None:
        data["handout"] = handout
    parts = {
        TITLE: html.escape(spec.title, quote=False),
        HEAD: "\n".join(head),
        # "<" escaped so that no text in the data can close the script element.
        DATA: json.dumps(data, ensure_ascii=False, separators=(",", ":")).replace("<", "\\u003c"),
    }
    frame = resources.web_file("page.html").read_text(encoding="utf-8")
    return re.sub("|".join(re.escape(mark) for mark in parts), lambda m: parts[m.group()], frame)


def _styles() -> list[str]:
    return [(leaflet_dir() / "leaflet.css").read_text(encoding="utf-8")] + [
        resources.web_file(name).read_text(encoding="utf-8") for name in STYLES
    ]


def _scripts() -> list[str]:
    return [(leaflet_dir() / "leaflet.js").read_text(encoding="utf-8")] + [
        resources.web_file(name).read_text(encoding="utf-8") for name in SCRIPTS
    ]


def _inline(text: str, tag: str) -> str:
    """A script or a style sheet to write into the page: a closing tag inside it would end it early."""
    return text.replace(f"</{tag}", f"<\\/{tag}")
