"""A deck: its front matter, its countries file and its slides (pure data)."""

from __future__ import annotations

import functools
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import unquote

from kzviewer.deck import markdown
from kzviewer.deck.countries import CountriesFile
from kzviewer.deck.mapstate import MapState
from kzviewer.i18n import format_number, ngettext

MIN_DURATION, MAX_DURATION = 1, 600  # a talk's length, in minutes

# More text than this is no slide; it is shown cut short (and check says so).
MAX_SLIDE_CHARS = 20_000


def _shown(text: str) -> str:
    if len(text) <= MAX_SLIDE_CHARS:
        return text
    more = len(text) - MAX_SLIDE_CHARS
    message = ngettext(
        "… and {n} more character, too many for a slide.",
        "… and {n} more characters, too many for a slide.",
        more,
    ).format(n=format_number(more))
    return text[:MAX_SLIDE_CHARS] + f"\n\n*{message}*"


DEFAULT_COLOR = "#cc79a7"  # a data layer's, unless it says: Okabe–Ito's reddish purple


@dataclass(frozen=True)
class Slide:
    number: int  # from 1
    title: str
    body: str  # Markdown, without the title, the map block and the notes
    notes: str  # Markdown
    map: MapState  # the state in force on this slide, inherited or its own
    line: int  # its first line with text in the deck file
    map_line: int = 0  # where its map block is, 0 if it inherits

    @functools.cached_property
    def body_html(self) -> str:
        return markdown.render(_shown(self.body))

    @functools.cached_property
    def notes_html(self) -> str:
        return markdown.render(_shown(self.notes))


@dataclass(frozen=True)
class LayerSpec:
    """One data layer the front matter declares (read by kzviewer.deck.layers).

    ``path`` is its file (features) or its table (a choropleth)."""

    id: str
    path: Path
    line: int
    choropleth: bool = False
    label: str = ""
    layer: str | None = None
    color: str = DEFAULT_COLOR
    width: float = 3.0
    label_field: str | None = None
    fields: tuple[str, ...] = ()
    key: str = "iso3"
    column: str = ""
    colors: tuple[tuple[str, str], ...] = ()  # (a value as text, its colour), in the order given
    scheme: str | None = None
    classes: int = 5
    unit: str = ""
    source: str = ""

    @property
    def read_fields(self) -> tuple[str, ...]:
        """The columns a feature keeps: its label's and the panel's."""
        wanted = ((self.label_field,) if self.label_field else ()) + self.fields
        return tuple(dict.fromkeys(wanted))


@dataclass(frozen=True)
class Deck:
    path: Path
    title: str
    subtitle: str = ""
    author: str = ""
    date: str = ""
    source: str = ""
    countries: CountriesFile = field(default_factory=lambda: CountriesFile(Path()))
    initial: MapState = field(default_factory=MapState)
    slides: tuple[Slide, ...] = ()
    duration: float | None = None  # the talk's length in minutes, if the deck gives one
    lang: str | None = None  # the language the deck is written in (front matter ``lang:``), if it says
    layers: dict[str, LayerSpec] = field(default_factory=dict)  # its own data, by id (front matter ``layers:``)

    def slide(self, number: int) -> Slide:
        return self.slides[number - 1]

    def renumbering(self, titles: Mapping[int, str]) -> dict[int, int]:
        """Where slides known by number and title (an earlier version of this
        deck) are now: at the same number if the title there is the same,
        else at the one slide with that title; slides not found are left out."""
        numbers: dict[str, list[int]] = {}
        for slide in self.slides:
            numbers.setdefault(slide.title, []).append(slide.number)
        moved: dict[int, int] = {}
        for number, title in titles.items():
            if 1 <= number <= len(self.slides) and self.slide(number).title == title:
                moved[number] = number
            elif len(numbers.get(title, ())) == 1:
                moved[number] = numbers[title][0]
        taken: set[int] = set()
        for number, now in sorted(moved.items(), key=lambda item: item[0] != item[1]):  # unmoved slides first
            if now in taken:
                del moved[number]
            taken.add(now)
        return moved

    def inputs(self) -> list[Path]:
        """Every file the deck reads, there or not: itself, its countries file,
        the pictures of its slides and notes (as they name them, in its folder),
        its layers' data files."""
        folder = self.path.parent
        pictures = [
            folder / unquote(source)
            for slide in self.slides
            for text in (slide.body, slide.notes)
            for source in markdown.images(text)
            if ":" not in source.split("/")[0]  # URLs are never read
        ]
        return [self.path, self.countries.path, *pictures, *self.layer_files()]

    def layer_files(self) -> list[Path]:
        """The files of its layers' data: each file, and a Shapefile's other files (.dbf, .prj, …)."""
        from kzviewer.geo.layers import sidecars_of

        return [path for spec in self.layers.values() for path in (spec.path, *sidecars_of(spec.path))]

    def files(self) -> list[Path]:
        """Every file there is that the deck reads."""
        return [path for path in self.inputs() if path.exists()]
