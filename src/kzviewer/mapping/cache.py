"""The cache of built map pages, and finding a deck's page before anything is parsed.

A page is named by the digest of its spec (``PageSpec.to_json``) and of every
file it is made from: the deck and its countries file, the page's own
scripts and styles, the geodata and Leaflet.  The spec is remembered under
the deck's path, so that a start with a fresh cache finds the page by
reading bytes alone: this module imports nothing of the deck, the geodata or
folium, and is all that start-up needs before the map starts loading.
"""

from __future__ import annotations

import hashlib
import json
import os
from collections.abc import Iterable
from pathlib import Path
from typing import Any

import platformdirs

from kzviewer import __version__, resources
from kzviewer.files import DECK_CAP, FileRefused, read_inside

# The page's controller, by concern, in the order the page runs them (see web/kz.js).
SCRIPTS = ("kz.js", "camera.js", "selection.js", "labels.js", "overlays.js", "print.js", "map.js")
STYLES = ("map.css",)
GEO_FILES = ("world.geojson", "region.geojson", "borders.geojson")


def leaflet_dir() -> Path:
    # xstatic.pkg.leaflet imports nothing heavy; its BASE_DIR is the data folder.
    import xstatic.pkg.leaflet

    return Path(xstatic.pkg.leaflet.BASE_DIR)


def cache_dir() -> Path:
    return Path(os.environ.get("KZVIEWER_CACHE_DIR") or platformdirs.user_cache_dir("kzviewer"))


def page_inputs(sources: Iterable[Path]) -> Iterable[Path]:
    """Every file a page is made from: ``sources`` (a deck, its countries file) and kzviewer's own."""
    yield from sources
    yield from (resources.web_file(name) for name in SCRIPTS + STYLES)
    yield from (resources.geo_dir() / name for name in GEO_FILES)
    yield leaflet_dir() / "leaflet.js"
    yield leaflet_dir() / "leaflet.css"


def page_path(spec: dict[str, Any]) -> Path:
    """Where the page of a spec (as ``PageSpec.to_json`` gives it) is cached.

    Its name is a digest of the spec and of the bytes of every input; a file
    that cannot be read counts as such (building the page will say why).
    """
    h = hashlib.sha256(__version__.encode())
    h.update(json.dumps(spec, sort_keys=True).encode())
    for path in page_inputs(Path(p) for p in spec["sources"]):
        h.update(path.name.encode())
        try:  # a deck's file may have become a FIFO or a device: nothing that would hang is read
            h.update(read_inside(path, None, DECK_CAP, "a file of the map page"))
        except FileRefused:
            h.update(b"unreadable")
    return cache_dir() / "pages" / f"map-{h.hexdigest()[:20]}.html"


def spec_path(deck: Path) -> Path:
    """Where the spec of a deck's page is remembered."""
    key = hashlib.sha256(str(deck.resolve()).encode()).hexdigest()[:20]
    return cache_dir() / "pages" / f"deck-{key}.json"


def find_cached_page(deck: Path) -> Path | None:
    """The cached page of ``deck`` if none of its inputs changed, else None."""
    try:
        path = page_path(json.loads(spec_path(deck).read_text(encoding="utf-8")))
    except (OSError, ValueError, KeyError, TypeError):
        return None
    return path if path.exists() else None
