"""Load assets/geo and answer questions about countries and their borders.

The files follow the contract in the README: every countries layer is a
GeoJSON FeatureCollection whose features carry ``iso3`` and ``name``;
``borders.geojson`` has one feature per pair with ``a`` < ``b``,
``length_km``, ``official_km``, ``official_km_b`` (where the two countries'
records differ) and ``source``.
"""

from __future__ import annotations

import functools
import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from kzviewer import resources
from kzviewer.errors import GeoDataError
from kzviewer.i18n import N_, _, country_name

# The data credit: the one text the map, the About box, exports and the README give.
CREDIT = N_(
    "Made with Natural Earth (v4.1.0, public domain). Boundaries are de facto and "
    "imply no endorsement; Crimea shown as part of Ukraine. Border lengths: CIA World Factbook."
)

LAYERS = ("world.geojson", "region.geojson")
BORDERS = "borders.geojson"
INDEX = "index.json"


@dataclass(frozen=True)
class Country:
    iso3: str
    name: str  # in English, as the geodata has it
    label: tuple[float, float]  # [lat, lon] well inside the country
    a2: str | None = None  # the two-letter code CLDR names it by

    @property
    def local_name(self) -> str:
        """Its name in the language of this run."""
        return country_name(self.iso3, self.a2, self.name)


@dataclass(frozen=True)
class Border:
    a: str
    b: str
    length_km: float  # measured on the drawn data
    official_km: float | None  # as the Factbook's record of ``a`` gives it
    source: str | None
    official_km_b: float | None = None  # as the record of ``b`` gives it, where the two differ

    @property
    def key(self) -> str:
        return border_key(self.a, self.b)

    def other(self, iso3: str) -> str:
        return self.b if iso3 == self.a else self.a


def border_pair(a: str, b: str) -> tuple[str, str]:
    """A border's two countries in the order the borders file uses (``a`` < ``b``)."""
    return (a, b) if a < b else (b, a)


def border_key(a: str, b: str) -> str:
    """A border as decks, the borders file and the map page name it: ``AAA-BBB``, ``a`` < ``b``."""
    return "-".join(border_pair(a, b))


def split_border_key(key: str) -> tuple[str, str] | None:
    """The pair a border key names (in either order, any case), or None if it is no ``AAA-BBB``."""
    codes = key.upper().split("-")
    if len(codes) != 2 or not all(len(code) == 3 for code in codes):
        return None
    return border_pair(codes[0], codes[1])


def read_json(path: Path) -> Any:
    """The JSON in one of the geodata files, or a GeoDataError naming it."""
    try:
        return json.loads(path.read_bytes())
    except FileNotFoundError:
        raise GeoDataError(
            _("the file is missing; reinstall kzviewer or rebuild it with scripts/build_geodata.py"), path
        ) from None
    except OSError as err:
        # TRANSLATORS: said of a map data file, named before: "assets/geo/index.json: cannot be read (…)"
        raise GeoDataError(_("cannot be read ({why})").format(why=err.strerror), path) from None
    except ValueError as err:
        # TRANSLATORS: said of a map data file, named before; {why} is in English
        raise GeoDataError(_("is not valid JSON ({why})").format(why=err), path) from None


def read_layer(path: Path, required: tuple[str, ...] = ("iso3", "name")) -> dict[str, Any]:
    """A GeoJSON FeatureCollection whose features all carry ``required``."""
    data = read_json(path)
    if (
        not isinstance(data, dict)
        or data.get("type") != "FeatureCollection"
        or not isinstance(data.get("features"), list)
    ):
        raise GeoDataError(_("is not a GeoJSON FeatureCollection"), path)
    for number, feature in enumerate(data["features"], 1):
        props = feature.get("properties") if isinstance(feature, dict) else None
        if (
            not isinstance(props, dict)
            or any(key not in props for key in required)
            or not isinstance(feature.get("geometry"), dict)
        ):
            message = _("feature {number} lacks a geometry or one of {keys}").format(
                number=number, keys=", ".join(required)
            )
            raise GeoDataError(message, path)
    return data


@dataclass(frozen=True)
class GeoData:
    """Countries by ISO3 code and the land borders between them."""

    countries: dict[str, Country]
    borders: dict[frozenset[str], Border]

    def name(self, iso3: str) -> str:
        """A country's name in the language of this run (its code if unknown)."""
        country = self.countries.get(iso3)
        return country.local_name if country else iso3

    def border(self, a: str, b: str) -> Border | None:
        return self.borders.get(frozenset((a, b)))

    def borders_of(self, iso3: str) -> list[Border]:
        """The land borders of a country, longest first."""
        return list(self._borders_by_country.get(iso3, ()))

    @functools.cached_property
    def _borders_by_country(self) -> dict[str, list[Border]]:
        index: dict[str, list[Border]] = {}
        for border in sorted(self.borders.values(), key=lambda b: -(b.official_km or b.length_km)):
            for iso3 in (border.a, border.b):
                index.setdefault(iso3, []).append(border)
        return index

    def neighbours(self, iso3: str) -> set[str]:
        return {b.other(iso3) for b in self.borders_of(iso3)}


def load_geodata(directory: Path | None = None) -> GeoData:
    """Read the countries and borders of ``directory`` (default: the bundled data)."""
    return _load(directory or resources.geo_dir())


@functools.lru_cache(maxsize=4)
def _load(directory: Path) -> GeoData:
    # index.json holds the layers' properties without their geometry: a tenth
    # of the bytes to parse (see scripts/build_geodata.py).
    path = directory / INDEX
    data = read_json(path)
    try:
        countries = {
            iso3: Country(iso3, c["name"], tuple(c["label"]), c.get("a2")) for iso3, c in data["countries"].items()
        }
        borders = {}
        for p in data["borders"]:
            border = Border(
                p["a"], p["b"], float(p["length_km"]), p["official_km"], p["source"], p.get("official_km_b")
            )
            borders[frozenset((border.a, border.b))] = border
    except (KeyError, TypeError, ValueError, AttributeError):
        message = _("is not a kzviewer geodata index; rebuild it with scripts/build_geodata.py")
        raise GeoDataError(message, path) from None
    return GeoData(countries, borders)
