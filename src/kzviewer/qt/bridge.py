"""The one object the map page can reach: a QWebChannel bridge with a few typed slots."""

from __future__ import annotations

import re

from PySide6.QtCore import QObject, Signal, Slot

_ISO3 = re.compile(r"[A-Z]{3}")


class MapBridge(QObject):
    """Turns calls from map.js into Qt signals.

    The slots are what the page may call; they accept only well-formed values
    (ISO3 codes) and ignore anything else.
    """

    ready = Signal()
    countrySelected = Signal(str)
    borderSelected = Signal(str, str)
    transitionDone = Signal(int)  # the number MapView.apply_state gave the move

    @Slot()
    def mapReady(self) -> None:
        self.ready.emit()

    @Slot(str)
    def countryClicked(self, iso3: str) -> None:
        if _ISO3.fullmatch(iso3):
            self.countrySelected.emit(iso3)

    @Slot(str, str)
    def borderClicked(self, a: str, b: str) -> None:
        if _ISO3.fullmatch(a) and _ISO3.fullmatch(b):
            self.borderSelected.emit(a, b)

    @Slot(int)
    def transitionFinished(self, transition: int) -> None:
        self.transitionDone.emit(transition)
