"""The bundled lecture as the tests know it: its slides found by title, not by number.

A new edition of the lecture may add or move slides; tests that need a
particular slide ask for it by its title.
"""

from __future__ import annotations

from kzviewer import resources
from kzviewer.deck.parser import load_deck

DECK = load_deck(resources.bundled_deck())
COUNT = len(DECK.slides)


def number(title: str) -> int:
    """The number (from 1) of the bundled lecture's slide with this title."""
    return next(s.number for s in DECK.slides if s.title == title)
