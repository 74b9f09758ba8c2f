"""Rehearsal times: how long each slide took the last time the deck was presented.

Kept per deck in the user's state folder, never beside the deck (a deck may
be on a read-only share, or a colleague's).  A slide's time is remembered
with its title, so that an edit that moves slides does not give one slide
another's time.
"""

from __future__ import annotations

import hashlib
import json
import logging
from collections.abc import Mapping
from pathlib import Path
from typing import Any

import platformdirs

from kzviewer.deck.model import Deck
from kzviewer.files import write_atomic

log = logging.getLogger(__name__)


def path_for(deck: Path) -> Path:
    key = hashlib.sha256(str(deck.resolve()).encode()).hexdigest()[:20]
    return Path(platformdirs.user_state_dir("kzviewer")) / "rehearsals" / f"{key}.json"


def load(deck: Deck) -> dict[int, float]:
    """Seconds per slide number, for the slides whose titles still match."""
    titles = {s.number: s.title for s in deck.slides}
    times: dict[int, float] = {}
    for key, entry in _read(path_for(deck.path)).items():
        try:
            number, seconds = int(key), float(entry["seconds"])
        except (ValueError, TypeError, KeyError):
            continue
        if titles.get(number) == entry.get("title") and seconds >= 0:
            times[number] = seconds
    return times


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
    except (OSError, ValueError, KeyError, TypeError):
        return {}
    return slides if isinstance(slides, dict) else {}
