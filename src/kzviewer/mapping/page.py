"""Build the map page, once per deck, and cache it.

The page is self-contained: Leaflet (from xstatic-leaflet), the page's
scripts and styles (``web/``) and the geodata are inlined, so it needs no
network and no other file.  The app's variant adds
``qrc:///qtwebchannel/qwebchannel.js`` to talk to Python (and ``web/channel.js``,
which opens the channel before anything else runs); the standalone
variant (``kzviewer map``) works in any browser.

The page is folium's (its frame, ``web/page.html``, written by
``scripts/page_frame.py``) filled with its parts here: no start imports
folium, and a start-up with a fresh cache needs only ``mapping.cache``.
"""

from __future__ import annotations

import base64
import dataclasses
import hashlib
import html
import json
import math
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
from kzviewer.mapping.cache import CHANNEL, SCRIPTS, STYLES, leaflet_dir, page_path, remember
from kzviewer.mapping.layers import layers_data

QWEBCHANNEL = "qrc:///qtwebchannel/qwebchannel.js"

# Where build_page writes a page's own parts into folium's frame (web/page.html).
TITLE = "@kz-title@"
HEAD = "<!--kz-head-->"  # the styles, the QWebChannel link (in the app) and the scripts
DATA = "@kz-data@"
SCRIPT_HASHES = "@kz-script-hashes@"  # in the page's CSP: the digest of each of its inline scripts
INLINE_SCRIPT = re.compile(r"<script>(.*?)</script>", re.DOTALL)  # the page's own: data's has a type


@dataclasses.dataclass(frozen=True)
class PageSpec:
    """Everything the page depends on; its digest names the cached file.

    ``sources`` are the files it was made from (a deck, its countries file);
    ``layers`` the deck's data layers, and ``data`` their files (a
    Shapefile's .dbf, .prj, … too).
    """

    countries_path: Path | None
    initial: MapState
    title: str = "kzviewer map"
    sources: tuple[Path, ...] = ()
    layers: tuple[LayerSpec, ...] = ()
    data: tuple[Path, ...] = ()

    @classmethod
    def for_deck(cls, deck: Deck, slide: int = 1) -> PageSpec:
        """The page of a deck, starting on ``slide``'s map."""
        countries = deck.countries.path if deck.countries.path.is_file() else None
        initial = deck.slide(slide).map if deck.slides else deck.initial
        layers = tuple(deck.layers.values())
        sources = (deck.path,) + ((countries,) if countries else ())
        return cls(countries, initial, deck.title or deck.path.name, sources, layers, tuple(deck.layer_files()))

    def to_json(self) -> dict[str, Any]:
        return {
            "countries": str(self.countries_path) if self.countries_path else None,
            "initial": self.initial.to_json(),
            "title": self.title,
            "sources": [str(p) for p in self.sources],
            "data": [str(p) for p in self.data],
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


# Outlines (countries, borders) reach the page in Leaflet's Web Mercator
# pixels at zoom 0 (the world 256 across), in steps of 1/K of a pixel: the
# world's to about 0.005 degree (its outlines are simplified to 0.04 anyway),
# the region's and the borders' to 0.0007.
WORLD_STEPS = 256
FINE_STEPS = 2048
MAX_LATITUDE = 85.0511287798  # where Leaflet's Web Mercator stops


def mercator(lon: float, lat: float) -> tuple[float, float]:
    """A point in Leaflet's pixels at zoom 0 (``L.CRS.EPSG3857.latLngToPoint(latLng, 0)``)."""
    lat = max(-MAX_LATITUDE, min(MAX_LATITUDE, lat))
    y = math.log(math.tan(math.pi / 4 + math.radians(lat) / 2))
    return 128 + lon * 256 / 360, 128 - 128 / math.pi * y


def pack_shape(geometry: dict[str, Any], steps: int) -> dict[str, Any]:
    """A country's or a border's outlines as the page draws them (web/shapes.js):
    each ring or line (a country's holes are rings too, filled even-odd) one
    string of whole steps in Web Mercator pixels at zoom 0: x0, y0, then the
    differences, written as ``digits`` writes them.  The page then projects
    nothing: a point on screen is a multiply and an add, with no object made
    for it; and reading the page's data is reading a few strings, not
    hundreds of thousands of numbers."""
    kind, coords = geometry["type"], geometry["coordinates"]
    if kind == "MultiPolygon":
        lines = [ring for polygon in coords for ring in polygon]
    elif kind in ("Polygon", "MultiLineString"):
        lines = coords
    elif kind == "LineString":
        lines = [coords]
    else:
        raise ValueError(f"not an outline: {kind}")
    packed: list[str] = []
    for line in lines:
        flat: list[int] = []
        x0 = y0 = 0
        for lon, lat in line:
            mx, my = mercator(lon, lat)
            x, y = round(mx * steps), round(my * steps)
            flat += (x - x0, y - y0)
            x0, y0 = x, y
        packed.append(digits(flat))
    return {"k": steps, "r": packed}


# Base64's letters, nothing a JSON string or an HTML script escapes.
DIGITS = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/"


def digits(numbers: list[int]) -> str:
    """Whole numbers as text, as web/shapes.js reads them back: each number
    zigzagged (0, -1, 1, -2 … as 0, 1, 2, 3 …), then written five bits to a
    letter, lowest first, every letter but a number's last with 32 added.
    A step of less than 16 takes one letter, of less than 512 two (the
    encoding of Google's polylines, in other letters)."""
    out: list[str] = []
    for n in numbers:
        z = n * 2 if n >= 0 else -n * 2 - 1
        while z >= 32:
            out.append(DIGITS[32 | (z & 31)])
            z >>= 5
        out.append(DIGITS[z])
    return "".join(out)


def _shapes(collection: dict[str, Any], steps: int) -> dict[str, Any]:
    return {
        "features": [
            {"properties": f["properties"], "shape": pack_shape(f["geometry"], steps)} for f in collection["features"]
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
            "world": _shapes(world, WORLD_STEPS),
            "region": _shapes(region, FINE_STEPS),
            "borders": _shapes(borders, FINE_STEPS),
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
        # Not async, and the channel opened at once (web/channel.js): its handshake with
        # Python then travels while Leaflet and the data are read (an async script ran
        # after the map was drawn; opened by map.js, its answer waited behind the drawing).
        head.append(f'<script src="{QWEBCHANNEL}"></script>')
        head.append(f"<script>{_inline(resources.web_file(CHANNEL).read_text(encoding='utf-8'), 'script')}</script>")
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
    marks = re.compile("|".join(re.escape(mark) for mark in parts))
    # Split at the policy's mark first: a title may hold the mark's text too.
    before, after = (
        marks.sub(lambda m: parts[m.group()], half)
        for half in resources.web_file("page.html").read_text(encoding="utf-8").split(SCRIPT_HASHES)
    )
    return before + script_hashes(before + after) + after


def script_hashes(page: str) -> str:
    """The CSP's sources for the inline scripts of ``page``: their SHA-256
    digests, and so nothing else inline runs — not a script or an ``onerror``
    that a slide's HTML brought into a handout past the sanitiser.  A digest is
    of the text as the browser reads it, its line ends LF."""
    digests = []
    for text in dict.fromkeys(INLINE_SCRIPT.findall(page)):
        digest = hashlib.sha256(text.replace("\r\n", "\n").replace("\r", "\n").encode("utf-8")).digest()
        digests.append(f"'sha256-{base64.b64encode(digest).decode('ascii')}'")
    return " ".join(digests)


def _styles() -> list[str]:
    return [(leaflet_dir() / "leaflet.css").read_text(encoding="utf-8")] + [
        resources.web_file(name).read_text(encoding="utf-8") for name in STYLES
    ]


def _scripts() -> list[str]:
    return [(leaflet_dir() / "leaflet.js").read_text(encoding="utf-8")] + [
        resources.web_file(name).read_text(encoding="utf-8") for name in SCRIPTS
    ]


def _inline(text: str, tag: str) -> str:
    """A script or a style sheet to write into the page: a closing tag inside
    it (in any case, as HTML reads tags) would end it early."""
    return re.sub(f"</({tag})", r"<\\/\1", text, flags=re.IGNORECASE)
