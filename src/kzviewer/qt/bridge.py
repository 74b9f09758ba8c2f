"""The one object the map page can reach: a QWebChannel bridge with a few typed slots."""

from __future__ import annotations

import math
import re

from PySide6.QtCore import QObject, Signal, Slot

_ISO3 = re.compile(r"[A-Z]{3}")
# A data layer's id, as kzviewer.deck.layers checks it: written here again, because
# the bridge is made before the page loads and importing the deck's modules then
# would delay every start.
_LAYER = re.compile(r"[A-Za-z][A-Za-z0-9_-]{0,39}")
MAX_FEATURES = 10_000_000
MAX_ZOOM = 18
MAX_PIXELS = 100_000


class MapBridge(QObject):
    """Turns calls from the page's controller (web/map.js) into Qt signals.

    The slots are what the page may call; they accept only well-formed values
    (ISO3 codes, a real view) and ignore anything else.
    """

    ready = Signal()  # the map is drawn at its view's size (MapView says when: it knows that size)
    drawn = Signal(int, int)  # the page has painted its map, this size in CSS pixels
    countrySelected = Signal(str)
    borderSelected = Signal(str, str)
    featureSelected = Signal(str, int)  # a data layer's id, the feature's index in it
    viewExplored = Signal(float, float, float)  # latitude, longitude, zoom: the lecturer moved the map
    transitionDone = Signal(int)  # the number MapView.show_map gave the move

    @Slot(int, int)
    def mapReady(self, width: int, height: int) -> None:
        if 0 <= width <= MAX_PIXELS and 0 <= height <= MAX_PIXELS:
            self.drawn.emit(width, height)

    @Slot(str)
    def countryClicked(self, iso3: str) -> None:
        if _ISO3.fullmatch(iso3):
            self.countrySelected.emit(iso3)

    @Slot(str, str)
    def borderClicked(self, a: str, b: str) -> None:
        if _ISO3.fullmatch(a) and _ISO3.fullmatch(b):
            self.borderSelected.emit(a, b)

    @Slot(str, int)
    def featureClicked(self, layer: str, index: int) -> None:
        if _LAYER.fullmatch(layer) and 0 <= index < MAX_FEATURES:
            self.featureSelected.emit(layer, index)

    @Slot(float, float, float)
    def mapExplored(self, lat: float, lon: float, zoom: float) -> None:
        # Longitude is not wrapped: a map panned past 180° has its centre there.
        if (
            all(math.isfinite(x) for x in (lat, lon, zoom))
            and -90 <= lat <= 90
            and abs(lon) <= 720
            and 0 <= zoom <= MAX_ZOOM
        ):
            self.viewExplored.emit(lat, lon, zoom)

    @Slot(int)
    def transitionFinished(self, transition: int) -> None:
        self.transitionDone.emit(transition)
