"""At the lectern: the laser, the pen's ink and the zoom, as data.

Where something is on what the audience sees is given by its surface and a
point on it: on the slide, in the slide's own canvas (1600 × 900, whatever
size it is drawn at, so the console's small slide and the projector's big
one agree); on the map, as a fraction of the map pane (the laser, a zoom
box) or as latitude and longitude (ink, which stays on its places when the
map moves); anywhere else on the audience view, as a fraction of it.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import Enum

SLIDE_WIDTH, SLIDE_HEIGHT = 1600.0, 900.0  # the slide's canvas (kzviewer.qt.slides lays slides out on it)


class Pointer(Enum):
    """What the mouse does on the audience view: the usual, the laser, or the pen (L, D)."""

    NONE = "none"
    LASER = "laser"
    PEN = "pen"


class Surface(Enum):
    SLIDE = "slide"  # points in the slide's canvas
    MAP = "map"  # points as fractions of the map pane; ink as (lat, lon)
    VIEW = "view"  # points as fractions of the whole audience view


@dataclass(frozen=True)
class Spot:
    """Where the laser is."""

    surface: Surface
    x: float
    y: float


@dataclass(frozen=True)
class Stroke:
    """A line of ink: on the slide, canvas points; on the map, (lat, lon) points."""

    surface: Surface
    points: tuple[tuple[float, float], ...]


@dataclass(frozen=True)
class Box:
    """A part of the slide or the map to enlarge: left, top, right, bottom in
    the surface's coordinates (the slide's canvas; fractions of the map pane)."""

    surface: Surface
    left: float
    top: float
    right: float
    bottom: float

    @property
    def width(self) -> float:
        return self.right - self.left

    @property
    def height(self) -> float:
        return self.bottom - self.top
