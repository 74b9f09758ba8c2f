"""A slide's map state: what its ``map`` block asks the map to show."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from kzviewer.geo.data import border_key


@dataclass(frozen=True)
class Link:
    source: str
    target: str
    label: str = ""


@dataclass(frozen=True)
class MapState:
    """The view and the drawing of the map, as a slide's ``map`` block gives them.

    ``fit`` names countries to fit the view to; otherwise ``center`` and
    ``zoom`` set it.  ``borders`` holds pairs sorted so that ``a`` < ``b``.
    """

    fit: tuple[str, ...] = ()
    center: tuple[float, float] | None = None
    zoom: float | None = None
    highlight: tuple[str, ...] = ()
    borders: tuple[tuple[str, str], ...] = ()
    places: tuple[str, ...] = ()
    links: tuple[Link, ...] = ()
    layers: tuple[str, ...] = ()  # the deck's data layers shown, by id

    def to_json(self) -> dict[str, Any]:
        return {
            "fit": list(self.fit),
            "center": list(self.center) if self.center else None,
            "zoom": self.zoom,
            "highlight": list(self.highlight),
            "borders": [border_key(a, b) for a, b in self.borders],
            "places": list(self.places),
            "links": [[k.source, k.target, k.label] for k in self.links],
            "layers": list(self.layers),
        }
