"""The countries file: groups with colours, each country's group and role, places."""

from __future__ import annotations

import re
from collections.abc import Collection
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from kzviewer.errors import Problem
from kzviewer.files import DECK_CAP, FileRefused, read_inside

_COLOR = re.compile(r"^#[0-9a-fA-F]{6}$")
_ISO3 = re.compile(r"^[A-Z]{3}$")

TOP_KEYS = ("groups", "countries", "places")
GROUP_KEYS = ("label", "color")
COUNTRY_KEYS = ("group", "role", "slides")
PLACE_KEYS = ("name", "lat", "lon", "note")


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
    line: int = field(default=0, compare=False)


@dataclass(frozen=True)
class Place:
    key: str
    name: str
    lat: float
    lon: float
    note: str = ""
    line: int = field(default=0, compare=False)


@dataclass(frozen=True)
class CountriesFile:
    path: Path
    groups: dict[str, Group] = field(default_factory=dict)
    countries: dict[str, CountryRole] = field(default_factory=dict)
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
            "places": {k: {"name": p.name, "lat": p.lat, "lon": p.lon, "note": p.note} for k, p in self.places.items()},
        }


def read_countries(
    path: Path,
    problems: list[Problem],
    known: Collection[str] | None = None,
    shown_as: str | None = None,
    *,
    folder: Path | None = None,
    named_at: tuple[str, int] | None = None,
) -> CountriesFile:
    """Read a countries file, adding every problem to ``problems``.

    ``known`` is the set of ISO3 codes of the map data; ``shown_as`` the path
    as messages should name it.  The file must be in ``folder`` (the deck's;
    by default its own).  A file that cannot be read at all is reported at
    ``named_at``, the deck's line that names it.  Whatever is valid is kept.
    """
    from kzviewer.deck.yamlnodes import Source, value

    name = shown_as or str(path)
    empty = CountriesFile(path)
    what = f"the countries file {path.name!r}" if named_at else "the countries file"
    text = read_text(path, problems, what, named_at or (name, 1), folder or path.parent, name)
    if text is None:
        return empty
    src = Source(name, 1, problems)
    root = src.compose(text, "the countries file")
    if root is None:
        return empty

    parts = {key: node for key, _, node in src.mapping(root, "the countries file", TOP_KEYS)}
    groups: dict[str, Group] = {}
    for key, key_node, spec in src.mapping(parts.get("groups"), "groups"):
        fields = {k: v for k, _, v in src.mapping(spec, f"group {key!r}", GROUP_KEYS)}
        label = src.string(fields["label"], f"the label of group {key!r}") if "label" in fields else key
        given = value(fields["color"]) if "color" in fields else ""
        color = given if isinstance(given, str) else ""
        if not _COLOR.match(color):
            src.report(
                fields.get("color", key_node),
                f'group {key!r} needs a color like "#1a2b3c"' + (f", not {color!r}" if color else ""),
            )
            continue
        groups[key] = Group(key, label or key, color)

    countries: dict[str, CountryRole] = {}
    for iso3, key_node, spec in src.mapping(parts.get("countries"), "countries"):
        if not _ISO3.match(iso3) or (known is not None and iso3 not in known):
            src.report(key_node, f"unknown country code {iso3!r}" + _suggest(iso3, known))
            continue
        fields = {k: v for k, _, v in src.mapping(spec, f"country {iso3}", COUNTRY_KEYS)}
        group = src.string(fields["group"], f"the group of {iso3}") if "group" in fields else None
        if group is None:
            if "group" not in fields:
                src.report(key_node, f"country {iso3} needs a group")
            continue
        if group not in groups:
            src.report(fields["group"], f"country {iso3}: unknown group {group!r}" + _suggest(group, groups))
            continue
        role = src.string(fields["role"], f"the role of {iso3}") if "role" in fields else ""
        slides: list[int] = []
        for node in src.sequence(fields["slides"], f"the slides of {iso3}") if "slides" in fields else []:
            number = src.number(node, f"a slide number of {iso3}", 1, 10_000)
            if number is not None:
                slides.append(int(number))
        countries[iso3] = CountryRole(iso3, group, (role or "").strip(), tuple(slides), src.line(key_node))

    places: dict[str, Place] = {}
    for key, key_node, spec in src.mapping(parts.get("places"), "places"):
        fields = {k: v for k, _, v in src.mapping(spec, f"place {key!r}", PLACE_KEYS)}
        missing = [k for k in ("lat", "lon") if k not in fields]
        if missing:
            src.report(key_node, f"place {key!r} needs {' and '.join(missing)}")
            continue
        lat = src.number(fields["lat"], f"the latitude of {key!r}", -90, 90)
        lon = src.number(fields["lon"], f"the longitude of {key!r}", -180, 360)
        if lat is None or lon is None:
            continue
        place_name = src.string(fields["name"], f"the name of {key!r}") if "name" in fields else key
        note = src.string(fields["note"], f"the note of {key!r}") if "note" in fields else ""
        places[key] = Place(key, place_name or key, lat, lon, (note or "").strip(), src.line(key_node))
    return CountriesFile(path, groups, countries, places)


def read_text(
    path: Path, problems: list[Problem], what: str, where: tuple[str, int], folder: Path, name: str
) -> str | None:
    """The UTF-8 text of a file inside ``folder`` (a byte-order mark is
    allowed), or None after reporting why it cannot be had.

    ``what`` names the file in messages ("the deck"); a file that cannot be
    read is reported at ``where``, a file that is no text at its own ``name``
    and the line where the trouble is.
    """
    try:
        data = read_inside(path, folder, DECK_CAP, what)
    except FileRefused as refused:
        problems.append(Problem(where[0], where[1], str(refused)))
        return None
    if b"\0" in data:
        line = data[: data.index(b"\0")].count(b"\n") + 1
        problems.append(Problem(name, line, f"{what} is not a text file (it holds binary data)"))
        return None
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as err:
        line = data[: err.start].count(b"\n") + 1
        problems.append(Problem(name, line, f"{what} is not UTF-8 text (byte {err.start + 1} cannot be read)"))
        return None


def _suggest(word: str, choices: Collection[str] | None) -> str:
    from kzviewer.deck.yamlnodes import suggest

    return suggest(word, choices) if choices else ""
