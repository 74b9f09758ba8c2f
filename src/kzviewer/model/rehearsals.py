"""Rehearsal times: how long each slide took the last time the deck was presented.

Kept per deck in the user's state folder, never beside the deck (a deck may
be on a read-only share, or a colleague's).  A slide's time is remembered
with its title, so that it follows its slide when an edit moves it, and is
forgotten when the slide's title changes.  A damaged file is read as far as
it makes sense, never trusted beyond that.
"""

from __future__ import annotations

import json
import logging
import math
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from kzviewer.deck.model import Deck
from kzviewer.files import path_key, state_dir, write_atomic

log = logging.getLogger(__name__)

LONGEST = 4 * 3600.0  # seconds: no slide is talked over for longer


def path_for(deck: Path) -> Path:
    return state_dir() / "rehearsals" / f"{path_key(deck)}.json"


def load(deck: Deck) -> dict[int, float]:
    """Seconds per slide number, for the slides still there under their titles."""
    titles: dict[int, str] = {}
    seconds: dict[int, float] = {}
    for key, entry in _read(path_for(deck.path)).items():
        if not (isinstance(entry, dict) and isinstance(entry.get("title"), str) and key.isdigit()):
            continue
        value = entry.get("seconds")
        if isinstance(value, (int, float)) and math.isfinite(value) and 0 <= value <= LONGEST:
            titles[int(key)], seconds[int(key)] = entry["title"], float(value)
    return {now: seconds[then] for then, now in deck.renumbering(titles).items()}


def save(deck: Deck, times: Mapping[int, float]) -> None:
    """Remember these slides' times (others keep theirs); a failure is logged, not raised."""
    path = path_for(deck.path)
    slides = _read(path)
    for number, seconds in times.items():
        if 1 <= number <= len(deck.slides):
            slides[str(number)] = {"title": deck.slide(number).title, "seconds": round(seconds, 1)}
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        write_atomic(path, json.dumps({"deck": str(deck.path), "slides": slides}, ensure_ascii=False, indent=1))
    except OSError as err:
        log.warning("cannot keep the rehearsal times in %s: %s", path, err)


def _read(path: Path) -> dict[str, Any]:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        slides = data["slides"]
    except (OSError, ValueError, KeyError, TypeError, RecursionError):
        return {}
    return slides if isinstance(slides, dict) else {}
