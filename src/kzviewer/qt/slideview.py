"""The slide pane: the current slide as a 16:9 picture that scales with the window."""

from __future__ import annotations

from collections import OrderedDict

from PySide6.QtCore import QRectF, QSize, Qt, QTimer, QUrl
from PySide6.QtGui import QColor, QDesktopServices, QMouseEvent, QPainter, QPaintEvent
from PySide6.QtWidgets import QSizePolicy, QWidget

from kzviewer.deck.model import Deck, Slide
from kzviewer.qt.slides import SlideLayout, letterbox

SAFE_SCHEMES = ("http", "https", "mailto")
SURROUND = "#dfe3e8"  # around the 16:9 slide; white while presenting, for the back of the room


class LayoutCache:
    """Laid-out slides of one deck, so that moving between them costs a paint."""

    def __init__(self, size: int = 12) -> None:
        self._size = size
        self._layouts: OrderedDict[tuple[int, int], SlideLayout] = OrderedDict()

    def get(self, deck: Deck, slide: Slide) -> SlideLayout:
        key = (id(deck), slide.number)
        layout = self._layouts.get(key)
        if layout is None or layout.slide is not slide:
            layout = self._layouts[key] = SlideLayout(slide, deck)
        self._layouts.move_to_end(key)
        while len(self._layouts) > self._size:
            self._layouts.popitem(last=False)
        return layout


class SlideView(QWidget):
    """Paints one slide of a deck, letterboxed to 16:9; links open in the system browser."""

    def __init__(self, parent: QWidget | None = None, footer: bool = True) -> None:
        super().__init__(parent)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.setMouseTracking(True)
        self.setMinimumSize(160, 90)
        self.footer = footer
        self.cache = LayoutCache()
        self.deck: Deck | None = None
        self.slide: Slide | None = None
        self.placeholder = ""
        self.surround = SURROUND

    def sizeHint(self) -> QSize:
        return QSize(800, 450)

    def show_slide(self, deck: Deck, slide: Slide | None) -> None:
        self.deck, self.slide = deck, slide
        self.update()

    def prepare(self, deck: Deck, numbers: list[int]) -> None:
        """Lay out these slides ahead of time (the next ones), when idle."""

        def work() -> None:
            for n in numbers:
                if 1 <= n <= len(deck.slides):
                    self.cache.get(deck, deck.slide(n))

        QTimer.singleShot(0, work)

    @property
    def layout_now(self) -> SlideLayout | None:
        if self.deck is None or self.slide is None:
            return None
        return self.cache.get(self.deck, self.slide)

    def slide_rect(self) -> QRectF:
        """Where the 16:9 slide sits in the widget."""
        return letterbox(QRectF(self.rect()))

    def set_presenting(self, on: bool) -> None:
        self.surround = "white" if on else SURROUND
        self.update()

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.fillRect(self.rect(), QColor(self.surround))
        layout = self.layout_now
        if layout is not None:
            layout.paint(painter, self.slide_rect(), footer=self.footer)
        elif self.placeholder:
            painter.setPen(QColor("#1d2733"))
            painter.drawText(self.rect(), Qt.AlignmentFlag.AlignCenter | Qt.TextFlag.TextWordWrap, self.placeholder)
        painter.end()

    def _anchor(self, event: QMouseEvent) -> str:
        layout = self.layout_now
        return layout.anchor_at(self.slide_rect(), event.position()) if layout else ""

    def mouseMoveEvent(self, event: QMouseEvent) -> None:
        shape = Qt.CursorShape.PointingHandCursor if self._anchor(event) else Qt.CursorShape.ArrowCursor
        self.setCursor(shape)

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        anchor = self._anchor(event)
        if anchor and event.button() == Qt.MouseButton.LeftButton:
            url = QUrl(anchor)
            if url.scheme() in SAFE_SCHEMES:
                QDesktopServices.openUrl(url)  # never inside the app
