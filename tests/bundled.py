"""The bundled lecture as the tests know it: its slides found by title, not by number.

A new edition of the lecture may add or move slides; tests that need a
particular slide ask for it by its title.
"""

from __future__ import annotations

import shutil
from pathlib import Path

from kzviewer import resources
from kzviewer.deck.parser import load_deck

DECK = load_deck(resources.bundled_deck())
COUNT = len(DECK.slides)


def copy_lecture(folder: Path) -> Path:
    """A copy of the English lecture, its countries file and its data, in ``folder``; the deck's path."""
    for name in ("kazakhstan.md", "kazakhstan.countries.yaml"):
        shutil.copy(resources.slides_dir() / name, folder / name)
    shutil.copytree(resources.slides_dir() / "data", folder / "data", dirs_exist_ok=True)
    return folder / "kazakhstan.md"


def number(title: str) -> int:
    """The number (from 1) of the bundled lecture's slide with this title."""
    return next(s.number for s in DECK.slides if s.title == title)
