"""Read a deck file: front matter, slides, map blocks, notes; report every problem.

The format (see the README): YAML front matter between two ``---`` lines;
slides separated by lines holding only ``---``; a slide's first heading is its
title; at most one fenced ``map`` block of YAML per slide; a line ``Note:``
starts the speaker notes.  Every problem is reported as ``path:line: message``
with the line where it is, and parsing goes on, keeping what is valid.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import unquote

from yaml.nodes import Node

from kzviewer.deck import markdown
from kzviewer.deck.countries import CountriesFile, read_countries, read_text
from kzviewer.deck.images import read_image
from kzviewer.deck.layers import read_layers
from kzviewer.deck.mapstate import Link, MapState
from kzviewer.deck.model import MAX_DURATION, MAX_SLIDE_CHARS, MIN_DURATION, Deck, LayerSpec, Slide
from kzviewer.deck.yamlnodes import Source, suggest, value
from kzviewer.errors import DeckError, GeoDataError, Problem
from kzviewer.files import FileRefused, split_lines
from kzviewer.geo.data import GeoData, load_geodata, split_border_key
from kzviewer.i18n import LANGUAGES, _, format_number, ngettext

FRONT_KEYS = ("title", "subtitle", "author", "date", "source", "countries", "map", "duration", "lang", "layers")
MAP_KEYS = ("fit", "center", "zoom", "highlight", "borders", "places", "links", "layers")
_NOTES = re.compile(r"^\s*Notes?:\s?(.*)$")


@dataclass
class _Chunk:
    """The lines of one slide and the number of its first line."""

    first_line: int
    lines: list[str] = field(default_factory=list)


def parse_deck(path: Path, geo: GeoData | None = None, shown_as: str | None = None) -> tuple[Deck, list[Problem]]:
    """The deck in ``path`` as far as it is valid, and every problem found."""
    return _DeckReader(path, geo, shown_as).read()


def load_deck(path: Path, geo: GeoData | None = None) -> Deck:
    """The deck in ``path``; raises DeckError listing every problem."""
    deck, problems = parse_deck(path, geo)
    if problems:
        raise DeckError(problems)
    return deck


class _DeckReader:
    def __init__(self, path: Path, geo: GeoData | None, shown_as: str | None) -> None:
        self.path = path
        self.name = shown_as or str(path)
        self.problems: list[Problem] = []
        self._geo = geo
        self.countries = CountriesFile(path.parent / "countries.yaml")
        self.countries_name = ""
        self.duration: float | None = None
        self.lang: str | None = None
        self.layers: dict[str, LayerSpec] = {}
        self.declared_layers: set[str] = set()  # the broken ones too

    @property
    def geo(self) -> GeoData:
        if self._geo is None:
            try:
                self._geo = load_geodata()
            except GeoDataError as err:
                # Without the map data, countries and borders cannot be
                # checked; say so once and read the rest of the deck.
                self.problems.append(Problem(err.path or "assets/geo", 1, err.message))
                self._geo = GeoData({}, {})
        return self._geo

    @property
    def can_check_countries(self) -> bool:
        return bool(self.geo.countries)

    def report(self, line: int, message: str) -> None:
        self.problems.append(Problem(self.name, line, message))

    # -- the whole file ----------------------------------------------------

    def read(self) -> tuple[Deck, list[Problem]]:
        # TRANSLATORS: names the deck's file in messages: "the deck is missing", "the deck is not UTF-8 text"
        text = read_text(self.path, self.problems, _("the deck"), (self.name, 1), self.path.parent, self.name)
        if text is None:
            return Deck(self.path, title=""), self.problems
        lines = split_lines(text)
        meta, initial, body_start = self.front_matter(lines)
        slides: list[Slide] = []
        state = initial
        chunks = self.split(lines, body_start)
        for index, chunk in enumerate(chunks):
            if not any(line.strip() for line in chunk.lines) and index == len(chunks) - 1:
                continue  # nothing after the front matter, or a closing --- with nothing after it
            slide = self.slide(chunk, len(slides) + 1, state)
            slides.append(slide)
            state = slide.map
        if not slides:
            self.report(max(len(lines), 1), _("the deck has no slides: add one after the front matter"))
        self.check_country_slides(len(slides))
        deck = Deck(
            self.path,
            slides=tuple(slides),
            countries=self.countries,
            initial=initial,
            duration=self.duration,
            lang=self.lang,
            layers=self.layers,
            **meta,
        )
        return deck, sorted(self.problems)

    def front_matter(self, lines: list[str]) -> tuple[dict[str, str], MapState, int]:
        if not lines or lines[0].strip() != "---":
            self.report(
                1, _("a deck starts with front matter: a line holding only ---, then 'title: ...', then --- again")
            )
            return {"title": ""}, MapState(), 0
        end = next((i for i in range(1, len(lines)) if lines[i].strip() in ("---", "...")), None)
        if end is None:
            self.report(1, _("the front matter never ends: close it with a line holding only ---"))
            return {"title": ""}, MapState(), len(lines)
        src = Source(self.name, 2, self.problems)
        root = src.compose("\n".join(lines[1:end]), _("the front matter"))
        meta = {"title": ""}
        initial = MapState()
        title_line = 1
        entries = list(src.mapping(root, _("the front matter"), FRONT_KEYS))
        # The layers first: the front matter's map may show them, wherever they are declared.
        for key, _key_node, node in entries:
            if key == "layers":
                self.layers, self.declared_layers = read_layers(src, node, self.path.parent, set(self.geo.countries))
        for key, key_node, node in entries:
            if key == "layers":
                continue
            if key == "map":
                initial = self.map_state(src, node, _("the front matter's map"))
            elif key == "duration":
                # TRANSLATORS: "duration" is the key, written as it is
                what = _("duration (the talk's length in minutes)")
                self.duration = src.number(node, what, MIN_DURATION, MAX_DURATION)
            elif key == "lang":
                code = src.string(node, "lang")
                if code in LANGUAGES:
                    self.lang = code
                elif code is not None:
                    message = _("lang must be one of {codes}, not {code!r}")
                    src.report(node, message.format(codes=", ".join(LANGUAGES), code=code))
            elif key == "countries":
                file = src.string(node, "countries")  # a key names itself, as it is written
                if file:
                    self.countries_name = self._shown(file)
                    self.countries = read_countries(
                        self.path.parent / file,
                        self.problems,
                        self.geo.countries or None,
                        self.countries_name,
                        folder=self.path.parent,
                        named_at=(self.name, src.line(node)),
                    )
            else:
                text = value(node)
                if text is None or isinstance(text, (dict, list)):
                    # TRANSLATORS: {what}: a part of the file; here a key, as it is written: "subtitle"
                    src.report(node, _("{what} must be text").format(what=key))
                    continue
                meta[key] = str(text).strip()
            if key == "title":
                title_line = src.line(key_node)
        if root is not None and not meta["title"]:
            self.report(title_line, _("the front matter needs a title: 'title: ...'"))
        return meta, initial, end + 1

    def _shown(self, file: str) -> str:
        """A file beside the deck, named as the deck was named."""
        parent = Path(self.name).parent
        return str(parent / file) if str(parent) != "." else file

    def split(self, lines: list[str], start: int) -> list[_Chunk]:
        """The slides' lines: split on lines holding only ---, outside fences."""
        chunks = [_Chunk(start + 1)]
        fence: str | None = None
        for number, line in enumerate(lines[start:], start + 1):
            fence = markdown.fence_after(line, fence)
            if fence is None and line.strip() == "---":
                chunks.append(_Chunk(number + 1))
            else:
                chunks[-1].lines.append(line)
        return chunks

    # -- one slide ---------------------------------------------------------

    def slide(self, chunk: _Chunk, number: int, inherited: MapState) -> Slide:
        body: list[str] = []
        notes: list[str] = []
        map_blocks: list[tuple[int, list[str]]] = []
        fence: str | None = None
        block: tuple[int, list[str]] | None = None
        in_notes = False
        for offset, line in enumerate(chunk.lines):
            line_no = chunk.first_line + offset
            was_in_fence = fence is not None
            fence = markdown.fence_after(line, fence)
            if block is not None:  # inside a map block
                if fence is None:
                    map_blocks.append(block)
                    block = None
                else:
                    block[1].append(line)
                continue
            if not was_in_fence and fence is not None and markdown.fence_info(line) == "map" and not in_notes:
                block = (line_no + 1, [])
                continue
            if not was_in_fence and fence is None and not in_notes and _NOTES.match(line):
                in_notes = True
                notes.append(_NOTES.match(line).group(1))  # type: ignore[union-attr]
                continue
            (notes if in_notes else body).append(line)
        if block is not None:
            self.report(block[0] - 1, _("the map block that starts here is never closed (add a line ```)"))
            map_blocks.append(block)

        text = "\n".join(body)
        first = next((chunk.first_line + i for i, ln in enumerate(chunk.lines) if ln.strip()), chunk.first_line)
        heading = markdown.first_heading(text)
        if heading is None or not heading[0]:
            self.report(
                first, _("slide {number} has no title: start it with a heading such as '# Title'").format(number=number)
            )
            title = ""
        else:
            title, top, bottom = heading
            text = "\n".join(body[:top] + body[bottom:])

        self.check_images(body, notes, chunk)
        length = len(text.strip())
        if length > MAX_SLIDE_CHARS:
            message = ngettext(
                "slide {number} is too long to show ({n} character; a slide holds at most {most})",
                "slide {number} is too long to show ({n} characters; a slide holds at most {most})",
                length,
            )
            self.report(
                first, message.format(number=number, n=format_number(length), most=format_number(MAX_SLIDE_CHARS))
            )
        state, map_line = inherited, 0
        for i, (first_line, yaml_lines) in enumerate(map_blocks):
            if i > 0:
                message = _("slide {number} has a second map block; a slide has at most one")
                self.report(first_line - 1, message.format(number=number))
                continue
            src = Source(self.name, first_line, self.problems)
            root = src.compose("\n".join(yaml_lines), _("the map block"))
            map_line = first_line - 1
            state = self.map_state(src, root, _("the map block")) if root is not None else inherited
        return Slide(number, title, text.strip("\n"), "\n".join(notes).strip(), state, first, map_line)

    def check_images(self, body: list[str], notes: list[str], chunk: _Chunk) -> None:
        """Images, in the slide and in its notes, come from the deck's own
        folder, must be there, and must be pictures kzviewer can show safely."""
        folder = self.path.parent.resolve()
        searched_from: dict[str, int] = {}
        for source in markdown.images("\n".join(body)) + markdown.images("\n".join(notes)):
            # The line that names this image (the next one, if it is named twice).
            start = searched_from.get(source, 0)
            index = next((i for i in range(start, len(chunk.lines)) if f"]({source}" in chunk.lines[i]), start)
            searched_from[source] = index + 1
            line = chunk.first_line + index
            if re.match(r"^[a-zA-Z][a-zA-Z0-9+.-]*:", source):
                message = _("image {source!r}: images come from the deck's folder, not from URLs")
                self.report(line, message.format(source=source[:80]))
                continue
            path = folder / unquote(source)
            if not path.resolve().is_relative_to(folder):
                self.report(line, _("image {source!r} is outside the deck's folder").format(source=source))
                continue
            if not path.exists():
                self.report(line, _("image {source!r} not found in {folder}").format(source=source, folder=folder))
                continue
            try:
                # TRANSLATORS: names a picture in messages: "image 'a.png' is a folder, not a file"
                read_image(path, folder, whole=False, what=_("image {source!r}").format(source=source))
            except FileRefused as refused:
                self.report(line, str(refused))

    # -- map states ----------------------------------------------------------

    def map_state(self, src: Source, node: Node | None, what: str) -> MapState:
        fields = {key: (key_node, value_node) for key, key_node, value_node in src.mapping(node, what, MAP_KEYS)}
        get = {key: v for key, (_key_node, v) in fields.items()}
        center = None
        if "center" in get:
            # Keys ("center", "zoom", "borders", ...) name themselves in messages, as they are written.
            pair = src.sequence(get["center"], "center")
            if len(pair) == 2:
                lat = src.number(pair[0], _("the center's latitude"), -90, 90)
                lon = src.number(pair[1], _("the center's longitude"), -180, 360)
                center = (lat, lon) if lat is not None and lon is not None else None
            elif pair:
                # TRANSLATORS: "center" is a key, written as it is
                src.report(get["center"], _("center must be [latitude, longitude]"))
        zoom = src.number(get["zoom"], "zoom", 0, 18) if "zoom" in get else None
        if "fit" in get and "center" in get:
            # TRANSLATORS: "fit" and "center" are keys, written as they are
            src.report(fields["center"][0], _("use either fit or center, not both"))
        if "zoom" in get and "center" not in get:
            # TRANSLATORS: "zoom" and "center" are keys, written as they are
            src.report(fields["zoom"][0], _("zoom goes with center: add center: [latitude, longitude]"))
        borders = []
        for item in src.sequence(get["borders"], "borders") if "borders" in get else []:
            # TRANSLATORS: as in "a border must be text"
            pair_text = src.string(item, _("a border"))
            if pair_text is None:
                continue
            border = split_border_key(pair_text)
            if border is None:
                src.report(item, _("a border is written AAA-BBB, like KAZ-RUS, not {text!r}").format(text=pair_text))
                continue
            if all(self.known(src, item, code) for code in border):
                if self.can_check_countries and self.geo.border(*border) is None:
                    a, b = (self.geo.name(code) for code in pair_text.upper().split("-"))
                    # TRANSLATORS: {a} and {b} are the names of two countries
                    src.report(item, _("{a} and {b} share no land border in the map data").format(a=a, b=b))
                else:
                    borders.append(border)
        places = []
        for item in src.sequence(get["places"], "places") if "places" in get else []:
            # TRANSLATORS: as in "a place must be text"
            key = src.string(item, _("a place"))
            if key is None:
                continue
            if key not in self.countries.places:
                if self.countries.places:
                    message = _("unknown place {place!r}").format(place=key) + suggest(key, self.countries.places)
                else:
                    message = _("unknown place {place!r} (the countries file lists no places)").format(place=key)
                src.report(item, message)
            else:
                places.append(key)
        links = []
        for item in src.sequence(get["links"], "links") if "links" in get else []:
            # TRANSLATORS: followed by "must be a list, like [KAZ, RUS]"; FROM, TO and label stay as they are
            parts = src.sequence(item, _("a link, written [FROM, TO, label],"))
            if parts and len(parts) not in (2, 3):
                # TRANSLATORS: FROM, TO and label stay as they are; "security" is an example of a label
                src.report(item, _("a link is written [FROM, TO, label], like [RUS, KAZ, security]"))
            if len(parts) not in (2, 3):
                continue
            ends = [src.string(p, _("a link's country")) for p in parts[:2]]
            label = src.string(parts[2], _("a link's label")) if len(parts) == 3 else ""
            if all(e and self.known(src, p, e) for e, p in zip(ends, parts[:2], strict=True)):
                links.append(Link(ends[0], ends[1], label or ""))  # type: ignore[arg-type]
        layers = []
        for item in src.sequence(get["layers"], "layers") if "layers" in get else []:
            # TRANSLATORS: as in "a layer must be text"
            layer_id = src.string(item, _("a layer"))
            if layer_id is None or layer_id in layers:
                continue
            if layer_id in self.layers:
                layers.append(layer_id)
            elif layer_id in self.declared_layers:
                continue  # broken, and reported where it is declared
            elif self.declared_layers:
                message = _("unknown layer {id!r}").format(id=layer_id) + suggest(layer_id, self.declared_layers)
                src.report(item, message)
            else:
                message = _("unknown layer {id!r} (the front matter declares no layers: add layers:)")
                src.report(item, message.format(id=layer_id))
        return MapState(
            fit=self.codes(src, get.get("fit"), "fit"),
            center=center,
            zoom=zoom,
            highlight=self.codes(src, get.get("highlight"), "highlight"),
            borders=tuple(borders),
            places=tuple(places),
            links=tuple(links),
            layers=tuple(layers),
        )

    def codes(self, src: Source, node: Node | None, what: str) -> tuple[str, ...]:
        found: list[str] = []
        for item in src.sequence(node, what) if node is not None else []:
            # TRANSLATORS: {key} is "fit" or "highlight", a key written as it is
            code = src.string(item, _("a country in {key}").format(key=what))
            if code and self.known(src, item, code) and code not in found:
                found.append(code)
        return tuple(found)

    def known(self, src: Source, node: Node, code: str) -> bool:
        if code in self.geo.countries or not self.can_check_countries:
            return True
        message = _("unknown country code {code!r}").format(code=code) + suggest(code, self.geo.countries)
        src.report(node, message + " " + _("(countries are named by ISO 3166-1 alpha-3 codes, like KAZ)"))
        return False

    def check_country_slides(self, count: int) -> None:
        for country in self.countries.countries.values():
            for number in country.slides:
                if number > count:
                    message = ngettext(
                        "{code} lists slide {number}, but the deck has {n} slide",
                        "{code} lists slide {number}, but the deck has {n} slides",
                        count,
                    ).format(code=country.iso3, number=number, n=count)
                    self.problems.append(Problem(self.countries_name, country.line, message))
