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
from kzviewer.deck.mapstate import Link, MapState
from kzviewer.deck.model import MAX_DURATION, MAX_SLIDE_CHARS, MIN_DURATION, Deck, Slide
from kzviewer.deck.yamlnodes import Source, suggest, value
from kzviewer.errors import DeckError, GeoDataError, Problem
from kzviewer.files import FileRefused
from kzviewer.geo.data import GeoData, load_geodata, split_border_key

FRONT_KEYS = ("title", "subtitle", "author", "date", "source", "countries", "map", "duration")
MAP_KEYS = ("fit", "center", "zoom", "highlight", "borders", "places", "links")
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
        text = read_text(self.path, self.problems, "the deck", (self.name, 1), self.path.parent, self.name)
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
            self.report(max(len(lines), 1), "the deck has no slides: add one after the front matter")
        self.check_country_slides(len(slides))
        deck = Deck(
            self.path, slides=tuple(slides), countries=self.countries, initial=initial, duration=self.duration, **meta
        )
        return deck, sorted(self.problems)

    def front_matter(self, lines: list[str]) -> tuple[dict[str, str], MapState, int]:
        if not lines or lines[0].strip() != "---":
            self.report(
                1, "a deck starts with front matter: a line holding only ---, then 'title: ...', then --- again"
            )
            return {"title": ""}, MapState(), 0
        end = next((i for i in range(1, len(lines)) if lines[i].strip() in ("---", "...")), None)
        if end is None:
            self.report(1, "the front matter never ends: close it with a line holding only ---")
            return {"title": ""}, MapState(), len(lines)
        src = Source(self.name, 2, self.problems)
        root = src.compose("\n".join(lines[1:end]), "the front matter")
        meta = {"title": ""}
        initial = MapState()
        title_line = 1
        for key, key_node, node in src.mapping(root, "the front matter", FRONT_KEYS):
            if key == "map":
                initial = self.map_state(src, node, "the front matter's map")
            elif key == "duration":
                self.duration = src.number(node, "duration (the talk's length in minutes)", MIN_DURATION, MAX_DURATION)
            elif key == "countries":
                file = src.string(node, "countries")
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
                    src.report(node, f"{key} must be text")
                    continue
                meta[key] = str(text).strip()
            if key == "title":
                title_line = src.line(key_node)
        if root is not None and not meta["title"]:
            self.report(title_line, "the front matter needs a title: 'title: ...'")
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
            self.report(block[0] - 1, "the map block that starts here is never closed (add a line ```)")
            map_blocks.append(block)

        text = "\n".join(body)
        first = next((chunk.first_line + i for i, ln in enumerate(chunk.lines) if ln.strip()), chunk.first_line)
        heading = markdown.first_heading(text)
        if heading is None or not heading[0]:
            self.report(first, f"slide {number} has no title: start it with a heading such as '# Title'")
            title = ""
        else:
            title, top, bottom = heading
            text = "\n".join(body[:top] + body[bottom:])

        self.check_images(body, notes, chunk)
        if len(text.strip()) > MAX_SLIDE_CHARS:
            self.report(
                first,
                f"slide {number} is too long to show ({len(text.strip()):,} characters; "
                f"a slide holds at most {MAX_SLIDE_CHARS:,})",
            )
        state, map_line = inherited, 0
        for i, (first_line, yaml_lines) in enumerate(map_blocks):
            if i > 0:
                self.report(first_line - 1, f"slide {number} has a second map block; a slide has at most one")
                continue
            src = Source(self.name, first_line, self.problems)
            root = src.compose("\n".join(yaml_lines), "the map block")
            map_line = first_line - 1
            state = self.map_state(src, root, "the map block") if root is not None else inherited
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
                self.report(line, f"image {source[:80]!r}: images come from the deck's folder, not from URLs")
                continue
            path = folder / unquote(source)
            if not path.resolve().is_relative_to(folder):
                self.report(line, f"image {source!r} is outside the deck's folder")
                continue
            if not path.exists():
                self.report(line, f"image {source!r} not found in {folder}")
                continue
            try:
                read_image(path, folder, whole=False)
            except FileRefused as refused:
                self.report(line, f"image {source!r}{str(refused).removeprefix('the image')}")

    # -- map states ----------------------------------------------------------

    def map_state(self, src: Source, node: Node | None, what: str) -> MapState:
        fields = {key: (key_node, value_node) for key, key_node, value_node in src.mapping(node, what, MAP_KEYS)}
        get = {key: v for key, (_, v) in fields.items()}
        center = None
        if "center" in get:
            pair = src.sequence(get["center"], "center")
            if len(pair) == 2:
                lat = src.number(pair[0], "the center's latitude", -90, 90)
                lon = src.number(pair[1], "the center's longitude", -180, 360)
                center = (lat, lon) if lat is not None and lon is not None else None
            elif pair:
                src.report(get["center"], "center must be [latitude, longitude]")
        zoom = src.number(get["zoom"], "zoom", 0, 18) if "zoom" in get else None
        if "fit" in get and "center" in get:
            src.report(fields["center"][0], "use either fit or center, not both")
        if "zoom" in get and "center" not in get:
            src.report(fields["zoom"][0], "zoom goes with center: add center: [latitude, longitude]")
        borders = []
        for item in src.sequence(get["borders"], "borders") if "borders" in get else []:
            pair_text = src.string(item, "a border")
            if pair_text is None:
                continue
            border = split_border_key(pair_text)
            if border is None:
                src.report(item, f"a border is written AAA-BBB, like KAZ-RUS, not {pair_text!r}")
                continue
            if all(self.known(src, item, code) for code in border):
                if self.can_check_countries and self.geo.border(*border) is None:
                    a, b = (self.geo.name(code) for code in pair_text.upper().split("-"))
                    src.report(item, f"{a} and {b} share no land border in the map data")
                else:
                    borders.append(border)
        places = []
        for item in src.sequence(get["places"], "places") if "places" in get else []:
            key = src.string(item, "a place")
            if key is None:
                continue
            if key not in self.countries.places:
                src.report(
                    item,
                    f"unknown place {key!r}"
                    + suggest(key, self.countries.places)
                    + ("" if self.countries.places else " (the countries file lists no places)"),
                )
            else:
                places.append(key)
        links = []
        for item in src.sequence(get["links"], "links") if "links" in get else []:
            parts = src.sequence(item, "a link, written [FROM, TO, label],")
            if parts and len(parts) not in (2, 3):
                src.report(item, "a link is written [FROM, TO, label], like [RUS, KAZ, security]")
            if len(parts) not in (2, 3):
                continue
            ends = [src.string(p, "a link's country") for p in parts[:2]]
            label = src.string(parts[2], "a link's label") if len(parts) == 3 else ""
            if all(e and self.known(src, p, e) for e, p in zip(ends, parts[:2], strict=True)):
                links.append(Link(ends[0], ends[1], label or ""))  # type: ignore[arg-type]
        return MapState(
            fit=self.codes(src, get.get("fit"), "fit"),
            center=center,
            zoom=zoom,
            highlight=self.codes(src, get.get("highlight"), "highlight"),
            borders=tuple(borders),
            places=tuple(places),
            links=tuple(links),
        )

    def codes(self, src: Source, node: Node | None, what: str) -> tuple[str, ...]:
        found: list[str] = []
        for item in src.sequence(node, what) if node is not None else []:
            code = src.string(item, f"a country in {what}")
            if code and self.known(src, item, code) and code not in found:
                found.append(code)
        return tuple(found)

    def known(self, src: Source, node: Node, code: str) -> bool:
        if code in self.geo.countries or not self.can_check_countries:
            return True
        src.report(
            node,
            f"unknown country code {code!r}"
            + suggest(code, self.geo.countries)
            + " (countries are named by ISO 3166-1 alpha-3 codes, like KAZ)",
        )
        return False

    def check_country_slides(self, count: int) -> None:
        for country in self.countries.countries.values():
            for number in country.slides:
                if number > count:
                    message = f"{country.iso3} lists slide {number}, but the deck has {count} slides"
                    self.problems.append(Problem(self.countries_name, country.line, message))


def split_lines(text: str) -> list[str]:
    """The lines of a text as an editor numbers them: split at \\n (and \\r\\n)
    only, not at the form feeds and Unicode separators ``str.splitlines`` knows."""
    lines = text.split("\n")
    if lines and lines[-1] == "":
        lines.pop()
    return [line[:-1] if line.endswith("\r") else line for line in lines]
