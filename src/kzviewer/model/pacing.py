"""Pacing a talk: how much time is left, and whether the lecturer is ahead or behind.

The plan gives each slide its share of the talk's duration: as long as it
took in the last rehearsal when every slide has a rehearsal time, else in
proportion to its speaker notes (a slide with few notes still takes a
little while).  At slide *n* the lecturer should have used the shares of the
slides before it; the difference from the time actually used is how far
ahead or behind they are.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from kzviewer.deck.model import Deck

LATE = 0.10  # behind by more than this share of the duration: shown in red
SHORT_NOTES = 30  # words: the least a slide is planned at


@dataclass(frozen=True)
class Pace:
    left_s: float  # time left of the duration (negative: over time)
    behind_s: float  # time used beyond the plan at this slide (negative: ahead)
    duration_s: float

    @property
    def late(self) -> bool:
        """Behind by more than a tenth of the talk."""
        return self.behind_s > LATE * self.duration_s


def weights(deck: Deck, rehearsal: Mapping[int, float]) -> list[float]:
    """Each slide's share of the talk, unnormalised: rehearsal seconds where
    every slide has them, else the number of words in its notes."""
    timed = [float(rehearsal[s.number]) for s in deck.slides if s.number in rehearsal]
    if timed and len(timed) == len(deck.slides) and sum(timed) > 0:
        return timed
    return [float(max(SHORT_NOTES, len(re.findall(r"\w+", s.notes)))) for s in deck.slides]


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
