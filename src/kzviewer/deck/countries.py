"""The countries file: groups with colours, each country's group and role, places."""

from __future__ import annotations

import re
from collections.abc import Collection
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from kzviewer.errors import Problem
from kzviewer.files import DECK_CAP, FileRefused, read_inside
from kzviewer.i18n import _

if TYPE_CHECKING:
    from kzviewer.geo.data import GeoData

COLOR = re.compile(r"^#[0-9a-fA-F]{6}$")  # as a deck writes a colour
_ISO3 = re.compile(r"^[A-Z]{3}$")

TOP_KEYS = ("groups", "countries", "places")
GROUP_KEYS = ("label", "color")
COUNTRY_KEYS = ("group", "role", "slides", "name")
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
    name: str = ""  # the deck's own name for it, where it differs from CLDR's (Кыргызстан, not Киргизия)


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

    def name(self, iso3: str, geo: GeoData) -> str:
        """A country's name as this deck calls it: its own ``name:``, else the map's (CLDR's)."""
        country = self.countries.get(iso3)
        return country.name if country and country.name else geo.name(iso3)

    def to_json(self) -> dict[str, Any]:
        """What the map page needs: colours by group, groups by country, places, the deck's own names."""
        return {
            "groups": {k: {"label": g.label, "color": g.color} for k, g in self.groups.items()},
            "countries": {k: c.group for k, c in self.countries.items()},
            "deckNames": {k: c.name for k, c in self.countries.items() if c.name},
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
    if named_at:
        # TRANSLATORS: names the file in messages: "the countries file 'c.yaml' is missing"
        what = _("the countries file {name!r}").format(name=path.name)
    else:
        what = _("the countries file")
    text = read_text(path, problems, what, named_at or (name, 1), folder or path.parent, name)
    if text is None:
        return empty
    src = Source(name, 1, problems)
    root = src.compose(text, _("the countries file"))
    if root is None:
        return empty

    # "groups", "countries" and "places" name themselves in messages: they are keys, written as they are.
    parts = {key: node for key, _n, node in src.mapping(root, _("the countries file"), TOP_KEYS)}
    groups: dict[str, Group] = {}
    for key, key_node, spec in src.mapping(parts.get("groups"), "groups"):
        fields = {k: v for k, _n, v in src.mapping(spec, _("group {group!r}").format(group=key), GROUP_KEYS)}
        if "label" in fields:
            label = src.string(fields["label"], _("the label of group {group!r}").format(group=key))
        else:
            label = key
        given = value(fields["color"]) if "color" in fields else ""
        color = given if isinstance(given, str) else ""
        if not COLOR.match(color):
            if color:
                message = _('group {group!r} needs a color like "#1a2b3c", not {color!r}').format(
                    group=key, color=color
                )
            else:
                message = _('group {group!r} needs a color like "#1a2b3c"').format(group=key)
            src.report(fields.get("color", key_node), message)
            continue
        groups[key] = Group(key, label or key, color)

    countries: dict[str, CountryRole] = {}
    for iso3, key_node, spec in src.mapping(parts.get("countries"), "countries"):
        if not _ISO3.match(iso3) or (known is not None and iso3 not in known):
            src.report(key_node, _("unknown country code {code!r}").format(code=iso3) + _suggest(iso3, known))
            continue
        fields = {k: v for k, _n, v in src.mapping(spec, _("country {code}").format(code=iso3), COUNTRY_KEYS)}
        if "group" in fields:
            group = src.string(fields["group"], _("the group of {code}").format(code=iso3))
        else:
            group = None
        if group is None:
            if "group" not in fields:
                src.report(key_node, _("country {code} needs a group").format(code=iso3))
            continue
        if group not in groups:
            message = _("country {code}: unknown group {group!r}").format(code=iso3, group=group)
            src.report(fields["group"], message + _suggest(group, groups))
            continue
        role = src.string(fields["role"], _("the role of {code}").format(code=iso3)) if "role" in fields else ""
        slides: list[int] = []
        listed = (
            src.sequence(fields["slides"], _("the slides of {code}").format(code=iso3)) if "slides" in fields else []
        )
        for node in listed:
            number = src.number(node, _("a slide number of {code}").format(code=iso3), 1, 10_000)
            if number is not None:
                slides.append(int(number))
        own = src.string(fields["name"], _("the name of {code}").format(code=iso3)) if "name" in fields else ""
        countries[iso3] = CountryRole(
            iso3, group, (role or "").strip(), tuple(slides), src.line(key_node), (own or "").strip()
        )

    places: dict[str, Place] = {}
    for key, key_node, spec in src.mapping(parts.get("places"), "places"):
        fields = {k: v for k, _n, v in src.mapping(spec, _("place {place!r}").format(place=key), PLACE_KEYS)}
        missing = [k for k in ("lat", "lon") if k not in fields]
        if missing:
            # "lat" and "lon" are keys, written as they are.
            if len(missing) == 2:
                message = _("place {place!r} needs lat and lon").format(place=key)
            else:
                message = _("place {place!r} needs {key}").format(place=key, key=missing[0])
            src.report(key_node, message)
            continue
        lat = src.number(fields["lat"], _("the latitude of {place!r}").format(place=key), -90, 90)
        lon = src.number(fields["lon"], _("the longitude of {place!r}").format(place=key), -180, 360)
        if lat is None or lon is None:
            continue
        if "name" in fields:
            place_name = src.string(fields["name"], _("the name of {place!r}").format(place=key))
        else:
            place_name = key
        note = src.string(fields["note"], _("the note of {place!r}").format(place=key)) if "note" in fields else ""
        places[key] = Place(key, place_name or key, lat, lon, (note or "").strip(), src.line(key_node))
    return CountriesFile(path, groups, countries, places)


def read_text(
    path: Path, problems: list[Problem], what: str, where: tuple[str, int], folder: Path, name: str
) -> str | None:
    """The UTF-8 text of a file inside ``folder`` (a byte-order mark is
    allowed), or None after reporting why it cannot be had.

    ``what`` names the file in messages, translated ("the deck"); a file that cannot be
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
        # TRANSLATORS: {what}: "the deck", "the countries file" or "the countries file 'c.yaml'"
        problems.append(Problem(name, line, _("{what} is not a text file (it holds binary data)").format(what=what)))
        return None
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as err:
        line = data[: err.start].count(b"\n") + 1
        # TRANSLATORS: {what}: "the deck", "the countries file" or "the countries file 'c.yaml'"
        message = _("{what} is not UTF-8 text (byte {byte} cannot be read)").format(what=what, byte=err.start + 1)
        problems.append(Problem(name, line, message))
        return None


def _suggest(word: str, choices: Collection[str] | None) -> str:
    from kzviewer.deck.yamlnodes import suggest

    return suggest(word, choices) if choices else ""
