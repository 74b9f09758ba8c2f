"""The cache of built map pages, and finding a deck's page before anything is parsed;
and the deck as the last start read it.

A page is named by the digest of its spec (``PageSpec.to_json``) and of every
file it is made from: the bytes of the deck and its countries file, the size
and time of the rest (the page's own scripts and styles, the geodata,
Leaflet, the deck's layer files).  The spec is remembered under the deck's
path, so that a start with a fresh cache finds the page by reading files
alone: this module imports nothing of the deck, the geodata or
folium, and is all that start-up needs before the map starts loading.
"""

from __future__ import annotations

import hashlib
import json
import pickle
from collections.abc import Iterable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from kzviewer import __version__, i18n, resources
from kzviewer.files import DECK_CAP, MB, FileRefused, cache_dir, path_key, read_inside, trim_folder, write_atomic

if TYPE_CHECKING:
    from kzviewer.deck.model import Deck
    from kzviewer.errors import Problem

# The page's controller, by concern, in the order the page runs them (see web/kz.js).
SCRIPTS = (
    "kz.js",
    "shapes.js",
    "frame.js",
    "camera.js",
    "selection.js",
    "datalayers.js",
    "labels.js",
    "overlays.js",
    "ink.js",
    "drawing.js",
    "print.js",
    "snapshot.js",
    "map.js",
)
STYLES = ("map.css",)
CHANNEL = "channel.js"  # the app's page alone opens a channel to Python, before Leaflet
GEO_FILES = ("world.geojson", "region.geojson", "borders.geojson")
PAGES_PER_DECK = 2  # the page of the deck as it is, and as it was before the last edit
CACHE_CAP = 200 * MB


def leaflet_dir() -> Path:
    # xstatic.pkg.leaflet imports nothing heavy; its BASE_DIR is the data folder.
    import xstatic.pkg.leaflet

    return Path(xstatic.pkg.leaflet.BASE_DIR)


def own_inputs() -> Iterable[Path]:
    """kzviewer's own files a page is made from: its scripts and styles, the geodata, Leaflet."""
    yield from (resources.web_file(name) for name in (*SCRIPTS, *STYLES, CHANNEL, "page.html"))
    yield from (resources.geo_dir() / name for name in GEO_FILES)
    yield leaflet_dir() / "leaflet.js"
    yield leaflet_dir() / "leaflet.css"
    # The Python that writes the page: a change to it (a map option) is a new page
    # even where the version number stayed the same (a checkout, a patched install).
    yield Path(__file__).with_name("page.py")
    yield Path(__file__).with_name("layers.py")  # a deck's own data as the page gets it
    if i18n.language() != i18n.FALLBACK:  # the page's words and credit
        yield i18n.LOCALE_DIR / i18n.language() / "LC_MESSAGES" / f"{i18n.DOMAIN}.mo"


def page_path(spec: dict[str, Any]) -> Path:
    """Where the page of a spec (as ``PageSpec.to_json`` gives it) is cached.

    Its name is a digest of the spec, of the run's language (the page's words
    are in it), of the bytes of the deck's own files (a file that cannot be
    read counts as such: building the page will say why), and of the size and
    time of every other input.
    """
    h = hashlib.sha256(__version__.encode())
    h.update(i18n.language().encode())
    h.update(json.dumps(spec, sort_keys=True).encode())
    for path in (Path(p) for p in spec["sources"]):
        h.update(path.name.encode())
        try:  # a deck's file may have become a FIFO or a device: nothing that would hang is read
            h.update(read_inside(path, None, DECK_CAP, "a file of the map page"))
        except FileRefused:
            h.update(b"unreadable")
    # kzviewer's own files (1.3 MB) and the layers' data (tens of MB), known by
    # size and time as the stored deck knows them, not read at every start.
    h.update(json.dumps(_stamp([*own_inputs(), *(Path(p) for p in spec.get("data", []))])).encode())
    return cache_dir() / "pages" / f"map-{h.hexdigest()[:20]}.html"


def spec_path(deck: Path) -> Path:
    """Where the spec of a deck's page is remembered."""
    return cache_dir() / "pages" / f"deck-{path_key(deck)}.json"


def find_cached_page(deck: Path) -> Path | None:
    """The cached page of ``deck`` if none of its inputs changed, else None."""
    try:
        path = page_path(_record(spec_path(deck))["spec"])
    except (OSError, ValueError, KeyError, TypeError):
        return None
    return path if path.exists() else None


def remember(deck: Path, spec: dict[str, Any], page: Path) -> None:
    """Remember ``page`` as the deck's, keeping the one before it (a lecturer
    undoing an edit); delete its older pages, and the oldest pages no deck
    remembers while the cache holds more than CACHE_CAP bytes."""
    record = spec_path(deck)
    try:
        before = [str(name) for name in _record(record)["pages"]]
    except (OSError, ValueError, KeyError, TypeError):
        before = []
    pages = [page.name, *[name for name in before if name != page.name][: PAGES_PER_DECK - 1]]
    write_atomic(record, json.dumps({"spec": spec, "pages": pages}))
    in_use = _pages_in_use(record.parent)
    for name in set(before) - in_use:
        (record.parent / name).unlink(missing_ok=True)
    trim_folder(record.parent, "map-*.html", CACHE_CAP, keep=in_use)


def _record(path: Path) -> Any:
    return json.loads(path.read_text(encoding="utf-8"))


def _pages_in_use(folder: Path) -> set[str]:
    """The pages some deck's record still names."""
    names: set[str] = set()
    for record in folder.glob("deck-*.json"):
        try:
            names.update(str(name) for name in _record(record)["pages"])
        except (OSError, ValueError, KeyError, TypeError):
            continue
    return names


# -- the deck as the last start read it ------------------------------------------
#
# A warm start reads it back instead of parsing (no YAML or Markdown parser to
# import, the first slides' HTML made) when no file it was read from has
# changed: the deck, its countries file, its pictures (there or not), the
# parser's own sources and the geodata it checks codes against; nor the
# language its messages are in, nor kzviewer's version.


def stored_deck_path(deck: Path) -> Path:
    return cache_dir() / "pages" / f"parsed-{path_key(deck)}.pickle"


def read_stored_deck(deck: Path) -> tuple[Deck, list[Problem]] | None:
    """The deck and its problems as the last start read them, if nothing they came from changed."""
    try:
        record = pickle.loads(stored_deck_path(deck).read_bytes())
        if record["stamp"] != _stamp([Path(p) for p in record["inputs"]]) or record["deck"].path != deck:
            return None
        return record["deck"], record["problems"]
    except Exception:  # none kept, or kept by another version of kzviewer: the deck is parsed
        return None


def store_deck(deck: Deck, problems: list[Problem]) -> None:
    """Keep the deck as read (with the slides' HTML made so far) for the next start."""
    from kzviewer.deck import parser

    own = sorted(Path(parser.__file__).parent.glob("*.py"))
    inputs = [*deck.inputs(), *own, resources.geo_dir() / "index.json"]
    record = {"inputs": [str(p) for p in inputs], "stamp": _stamp(inputs), "deck": deck, "problems": problems}
    path = stored_deck_path(deck.path)
    path.parent.mkdir(parents=True, exist_ok=True)
    write_atomic(path, pickle.dumps(record, protocol=pickle.HIGHEST_PROTOCOL))


def _stamp(inputs: list[Path]) -> list[Any]:
    stamp: list[Any] = [__version__, i18n.language()]
    for path in inputs:
        try:
            st = path.stat()
            stamp.append([str(path), st.st_size, st.st_mtime_ns])
        except OSError:
            stamp.append([str(path), None, None])
    return stamp
