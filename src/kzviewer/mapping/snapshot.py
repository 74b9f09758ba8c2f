"""What the map shows at one moment: the slide's map state, the selection and the view.

The presentation model makes one :class:`MapSnapshot` from its state; the map
view sends it to the page whole (``kz.show`` in ``web/map.js``), and sends it
again, the same, when the page has to be loaded anew.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from kzviewer.deck.mapstate import MapState
from kzviewer.geo.data import border_key, border_pair


@dataclass(frozen=True)
class View:
    """Where the lecturer has moved the map: its centre (lat, lon) and zoom."""

    center: tuple[float, float]
    zoom: float


@dataclass(frozen=True)
class SelectedCountry:
    iso3: str


@dataclass(frozen=True)
class SelectedBorder:
    a: str
    b: str

    @classmethod
    def of(cls, a: str, b: str) -> SelectedBorder:
        return cls(*border_pair(a, b))


@dataclass(frozen=True)
class SelectedFeature:
    """A feature of one of the deck's data layers: the layer's id and the feature's place in it."""

    layer: str
    index: int


Selection = SelectedCountry | SelectedBorder | SelectedFeature


Point = tuple[float, float]


@dataclass(frozen=True)
class MapSnapshot:
    """The slide's map state; the country or border selected, if any; the
    view the lecturer explored to, or None for the slide's own view; the
    pen's strokes on the map (lists of (lat, lon)); and the part of the pane
    enlarged with Z, as (left, top, right, bottom) fractions of it."""

    state: MapState
    selected: Selection | None = None
    view: View | None = None
    ink: tuple[tuple[Point, ...], ...] = ()
    zoom: tuple[float, float, float, float] | None = None

    def to_json(self) -> dict[str, Any]:
        selected: dict[str, Any] | None = None
        if isinstance(self.selected, SelectedCountry):
            selected = {"country": self.selected.iso3}
        elif isinstance(self.selected, SelectedBorder):
            selected = {"border": border_key(self.selected.a, self.selected.b)}
        elif isinstance(self.selected, SelectedFeature):
            selected = {"feature": [self.selected.layer, self.selected.index]}
        view = {"center": list(self.view.center), "zoom": self.view.zoom} if self.view else None
        return {
            "state": self.state.to_json(),
            "selected": selected,
            "view": view,
            "ink": [[list(point) for point in stroke] for stroke in self.ink],
            "zoom": list(self.zoom) if self.zoom else None,
        }
