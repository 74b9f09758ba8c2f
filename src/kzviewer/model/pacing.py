"""Pacing a talk: how much time is left, and whether the lecturer is ahead or behind.

The plan gives each slide its share of the talk's duration: as long as it
took in the last rehearsal, and a slide not rehearsed yet in proportion to
its speaker notes (at the rehearsed slides' seconds per word, or with no
rehearsal at all, simply by the notes; a slide with few notes still takes a
little while).  At slide *n* the lecturer should have used the shares of the
slides before it; the difference from the time actually used is how far
ahead or behind they are.
"""

from __future__ import annotations

import math
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from kzviewer.deck.model import Deck

LATE_SHARE = 0.10  # behind by more than this share of the duration: shown in red
SHORT_NOTES = 30  # words: the least a slide is planned at
PASSED_OVER = 3.0  # seconds: a slide shown for less was passed over, not rehearsed


@dataclass(frozen=True)
class Pace:
    left_s: float  # time left of the duration (negative: over time)
    behind_s: float  # time used beyond the plan at this slide (negative: ahead)
    duration_s: float

    @property
    def late(self) -> bool:
        """Behind by more than a tenth of the talk."""
        return self.behind_s > LATE_SHARE * self.duration_s


def weights(deck: Deck, rehearsal: Mapping[int, float]) -> list[float]:
    """Each slide's share of the talk, unnormalised: its rehearsal seconds,
    else its words of notes at the rehearsed slides' seconds per word."""
    words = [float(max(SHORT_NOTES, len(re.findall(r"\w+", s.notes)))) for s in deck.slides]
    timed = [(w, rehearsal[s.number]) for s, w in zip(deck.slides, words, strict=True) if s.number in rehearsal]
    seconds = sum(t for _, t in timed)
    if not timed or not 0 < seconds < math.inf:
        return words
    per_word = seconds / sum(w for w, _ in timed)
    return [rehearsal.get(s.number, w * per_word) for s, w in zip(deck.slides, words, strict=True)]


def pace(duration_s: float, elapsed_s: float, number: int, shares: Sequence[float]) -> Pace:
    """The pace on slide ``number`` (from 1) after ``elapsed_s`` seconds."""
    total = sum(shares) or 1.0
    planned = duration_s * sum(shares[: max(0, number - 1)]) / total
    return Pace(duration_s - elapsed_s, elapsed_s - planned, duration_s)


def clock(seconds: float) -> str:
    """``12:05``, ``1:02:05``, or ``-0:40`` when over."""
    sign = "-" if seconds < 0 else ""
    whole = int(abs(seconds))
    hours, rest = divmod(whole, 3600)
    minutes, secs = divmod(rest, 60)
    return f"{sign}{hours}:{minutes:02d}:{secs:02d}" if hours else f"{sign}{minutes}:{secs:02d}"
