"""The HTML handout: the whole deck as one self-contained page a student opens in any browser.

``kzviewer export DECK -o OUT.html`` writes it.  It is the map page
(``mapping.page``) with the slides, their maps, and what a click on a country
or a bold border tells (``report``) added as data, and ``web/handout.js`` to
show them: the slides beside the map, which follows them as in the app; the
keys ← → Home End and the address (``#/5``) to move; pictures inlined, each
once however many slides show it.  No other file, no network: the page's
Content-Security-Policy allows nothing but itself and ``data:`` pictures.

Speaker notes go in only when asked for (``--notes``: a student's handout
should not carry them by surprise), and then show under the slide when the
address asks for them (``OUT.html?notes``).
"""

from __future__ import annotations

import base64
import html
import re
from collections.abc import Callable
from pathlib import Path
from typing import Any
from urllib.parse import unquote

from kzviewer.deck.images import kind_of, read_image
from kzviewer.deck.model import Deck
from kzviewer.errors import KzError
from kzviewer.files import FileRefused, check_output, write_atomic
from kzviewer.geo.data import GeoData, border_key, load_geodata
from kzviewer.i18n import _
from kzviewer.mapping.page import PageSpec, build_page
from kzviewer.mapping.snapshot import MapSnapshot
from kzviewer.report import border_report, country_report

MIME = {"png": "image/png", "jpeg": "image/jpeg", "gif": "image/gif", "webp": "image/webp", "bmp": "image/bmp"}
MIME["svg"] = "image/svg+xml"  # shown by <img>: an SVG there runs no script and loads nothing
# A picture as markdown-it writes it (kzviewer.deck.markdown): src, alt, maybe a title.
_IMG = re.compile(r'<img src="([^"]*)" alt="([^"]*)"([^>]*)>')

Progress = Callable[[int, int], None]  # slides done, slides in all


def export_handout(deck: Deck, output: Path, notes: bool = False, progress: Progress | None = None) -> None:
    """Write the handout of ``deck`` to ``output``, whole or not at all.

    ``progress`` is told after each slide; an exception it raises (a
    cancel) stops the export, and nothing is written.
    """
    if not deck.slides:
        raise KzError(_("the deck has no slides to export"), deck.path)
    try:
        check_output(output, deck.files())
    except FileRefused as refused:
        raise KzError(_("cannot write the handout: {why}").format(why=refused), output) from None
    page = build_handout(deck, notes, progress)
    try:
        write_atomic(output, page)
    except OSError as err:
        raise KzError(_("cannot write the handout ({why})").format(why=err.strerror), output) from None


def build_handout(deck: Deck, notes: bool = False, progress: Progress | None = None) -> str:
    """The handout's HTML."""
    pictures = _Pictures(deck.path.parent)
    slides = []
    for slide in deck.slides:
        entry: dict[str, Any] = {
            "title": slide.title,
            "html": pictures.inline(slide.body_html),
            "map": MapSnapshot(slide.map).to_json(),
        }
        if notes:
            entry["notes"] = pictures.inline(slide.notes_html) if slide.notes.strip() else ""
        slides.append(entry)
        if progress is not None:
            progress(slide.number, len(deck.slides))
    geo = load_geodata()
    pairs = sorted({pair for slide in deck.slides for pair in slide.map.borders})
    data = {
        "title": deck.title,
        "slides": slides,
        "pictures": pictures.uris,
        "notes": notes,
        "reports": {iso3: country_report(iso3, geo, deck).to_html() for iso3 in sorted(geo.countries)},
        # What a click on a bold border shows: the borders the slides draw.
        "borders": {border_key(a, b): _border_html(a, b, geo, deck) for a, b in pairs},
        "words": _words(),
        # The slide's canvas as the app lays it out (kzviewer.qt.slides, which needs Qt): 1600 x 900,
        # 42-pixel text made smaller, a tenth at a time, down to 0.45 of it.
        "layout": {"width": 1600, "height": 900, "body": 42, "smallest": 0.45},
    }
    spec = PageSpec.for_deck(deck)
    return build_page(spec, app=False, handout=data)


def _border_html(a: str, b: str, geo: GeoData, deck: Deck) -> str:
    report = border_report(a, b, geo, deck.countries)
    return report.to_html() if report is not None else ""


class _Pictures:
    """The deck's pictures as data: URIs, each read once and kept once
    (however many slides, or names, show it), checked as the app checks them
    (inside the deck's folder, under the size caps)."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder.resolve()
        self.uris: list[str] = []
        self._index: dict[str, int] = {}  # by path
        self._by_content: dict[str, int] = {}

    def inline(self, body: str) -> str:
        """``body`` with each picture's source replaced by its number in
        ``uris`` (``data-kz-picture``); a picture that cannot be shown
        becomes its alternative text."""

        def replace(match: re.Match[str]) -> str:
            number = self._number(unquote(html.unescape(match.group(1))))  # markdown-it percent-encodes
            if number is None:
                return f'<span class="kz-missing">{match.group(2)}</span>'
            return f'<img data-kz-picture="{number}" alt="{match.group(2)}"{match.group(3)}>'

        return _IMG.sub(replace, body)

    def _number(self, source: str) -> int | None:
        if ":" in source.split("/", 1)[0]:  # a URL (http:, data:, file:): nothing from outside
            return None
        path = (self.folder / source).resolve()
        key = str(path)
        if key not in self._index:
            try:
                data = read_image(path, self.folder)
            except FileRefused:
                return None
            kind = kind_of(data)
            if kind not in MIME:
                return None
            uri = f"data:{MIME[kind]};base64,{base64.b64encode(data).decode('ascii')}"
            if uri not in self._by_content:
                self._by_content[uri] = len(self.uris)
                self.uris.append(uri)
            self._index[key] = self._by_content[uri]
        return self._index[key]


def _words() -> dict[str, str]:
    """The handout's own words, in the language of this run."""
    return {
        # TRANSLATORS: the handout's country panel before a country is chosen
        "hint": "<h2>{}</h2><p>{}</p>".format(
            _("Countries"), _("Click a country on the map to read its part in the argument.")
        ),
        # TRANSLATORS: the handout's slide counter, "5 / 30"
        "counter": _("{n} / {total}"),
        "previous": _("Previous slide"),
        "next": _("Next slide"),
        "notes": _("Speaker notes"),
        "noNotes": _("No notes for this slide."),
        # TRANSLATORS: the handout's help line about its keys and its address
        "keys": _(
            "← → (or Page Up, Page Down) move between slides, Home and End go to the first and the last, "
            "0 puts the map back to the slide's own view; #/5 in the address opens slide 5."
        ),
    }
