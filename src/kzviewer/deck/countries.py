"""The countries file: groups with colours, each country's group and role, places."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from kzviewer.errors import DeckError

_COLOR = re.compile(r"^#[0-9a-fA-F]{6}$")


@dataclass(frozen=True)
class Group:
    key: str
    label: str
    color: str


@dataclass(frozen=True)
class CountryRole:
    iso3: str
    group: str
    role: str = ""
    slides: tuple[int, ...] = ()


@dataclass(frozen=True)
class Place:
    key: str
    name: str
    lat: float
    lon: float
    note: str = ""


@dataclass(frozen=True)
class CountriesFile:
    path: Path
    groups: dict[str, Group]
    countries: dict[str, CountryRole]
    places: dict[str, Place] = field(default_factory=dict)

    def color(self, iso3: str) -> str | None:
        country = self.countries.get(iso3)
        group = self.groups.get(country.group) if country else None
        return group.color if group else None

    def to_json(self) -> dict[str, Any]:
        """What the map page needs: colours by group, groups by country, places."""
        return {
            "groups": {k: {"label": g.label, "color": g.color} for k, g in self.groups.items()},
            "countries": {k: c.group for k, c in self.countries.items()},
            "places": {k: {"name": p.name, "lat": p.lat, "lon": p.lon, "note": p.note}
                       for k, p in self.places.items()},
        }


def _mapping(value: Any, path: Path, what: str) -> dict[str, Any]:
    if value is None:
        return {}
    if not isinstance(value, dict):
        raise DeckError(f"{what} must be a mapping", path)
    return value


def load_countries(path: Path) -> CountriesFile:
    """Read a countries file, raising DeckError on anything wrong."""
    import yaml  # not at module level: the window's start-up path needs none of it

    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise DeckError("the countries file is missing", path) from None
    except (OSError, UnicodeDecodeError) as err:
        raise DeckError(f"the countries file cannot be read ({err})", path) from None
    try:
        data = _mapping(yaml.safe_load(text), path, "the countries file")
    except yaml.YAMLError as err:
        mark = getattr(err, "problem_mark", None)
        raise DeckError(f"bad YAML: {getattr(err, 'problem', err)}", path,
                        mark.line + 1 if mark else None) from None

    groups = {}
    for key, spec in _mapping(data.get("groups"), path, "groups").items():
        spec = _mapping(spec, path, f"group {key}")
        color = str(spec.get("color", ""))
        if not _COLOR.match(color):
            raise DeckError(f"group {key}: color must look like #1a2b3c, not {color!r}", path)
        groups[str(key)] = Group(str(key), str(spec.get("label", key)), color)

    countries = {}
    for iso3, spec in _mapping(data.get("countries"), path, "countries").items():
        spec = _mapping(spec, path, f"country {iso3}")
        group = str(spec.get("group", ""))
        if group not in groups:
            raise DeckError(f"country {iso3}: unknown group {group!r}", path)
        slides = tuple(int(s) for s in spec.get("slides") or ())
        countries[str(iso3)] = CountryRole(str(iso3), group, str(spec.get("role") or "").strip(), slides)

    places = {}
    for key, spec in _mapping(data.get("places"), path, "places").items():
        spec = _mapping(spec, path, f"place {key}")
        try:
            places[str(key)] = Place(str(key), str(spec.get("name", key)), float(spec["lat"]),
                                     float(spec["lon"]), str(spec.get("note") or ""))
        except (KeyError, TypeError, ValueError):
            raise DeckError(f"place {key}: needs numeric lat and lon", path) from None
    return CountriesFile(path, groups, countries, places)
