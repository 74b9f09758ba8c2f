"""Where kzviewer's own files are: package resources, never the checkout.

An installed wheel carries ``assets/geo`` and ``slides`` inside the package
(see ``force-include`` in pyproject.toml).  An editable install of a checkout
has them at the top of the repository instead; that is the only fallback.
"""

from __future__ import annotations

import functools
from importlib.resources import files
from pathlib import Path

_PACKAGE = Path(str(files("kzviewer")))


@functools.cache
def _data_dir(name: str) -> Path:
    inside = _PACKAGE / name
    if inside.is_dir():
        return inside
    checkout = _PACKAGE.parent.parent / name  # src/kzviewer -> repository top
    return checkout if checkout.is_dir() else inside


def geo_dir() -> Path:
    """The folder holding world.geojson, region.geojson and borders.geojson."""
    return _data_dir("assets") / "geo"


def slides_dir() -> Path:
    return _data_dir("slides")


def bundled_deck(language: str = "en") -> Path:
    """The bundled lecture, in ``language`` where it has an edition in it (Russian), else in English."""
    edition = slides_dir() / f"kazakhstan.{language}.md"
    return edition if language != "en" and edition.is_file() else slides_dir() / "kazakhstan.md"


def web_file(name: str) -> Path:
    """A file of the map page (JavaScript, CSS) shipped in kzviewer/web."""
    return _PACKAGE / "web" / name


def icon_file() -> Path:
    """kzviewer's icon (SVG): the window's, and the application menu's."""
    return _PACKAGE / "icons" / "kzviewer.svg"
