"""The slide pane: the current slide as a 16:9 picture that scales with the window.

It also shows the lectern's work on the slide: the pen's ink, the stroke
being drawn, and a part of the slide enlarged (Z), drawn again at that size
so that it is sharp.  The slide with its ink is kept as a picture, and the
pictures of the slides either side are painted while the lecturer talks, so
that moving to a slide, pointing and drawing cost a copy of a picture.
"""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Callable

from PySide6.QtCore import QPoint, QPointF, QRectF, QSize, Qt, QTimer, QUrl
from PySide6.QtGui import (
    QColor,
    QDesktopServices,
    QMouseEvent,
    QPainter,
    QPaintEvent,
    QPixmap,
    QTransform,
)
from PySide6.QtWidgets import QSizePolicy, QWidget

from kzviewer.deck.model import Deck, Slide
from kzviewer.model.lectern import SLIDE_HEIGHT, SLIDE_WIDTH, Box, Stroke, Surface
from kzviewer.qt.ink import INK_WIDTH, paint_strokes
from kzviewer.qt.slides import SlideLayout, letterbox

SAFE_SCHEMES = ("http", "https", "mailto")
WHOLE_SLIDE = Box(Surface.SLIDE, 0, 0, SLIDE_WIDTH, SLIDE_HEIGHT)
PICTURES = 3  # the current slide's and its neighbours'
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
        self._ink: tuple[Stroke, ...] = ()
        self._drawing: Stroke | None = None
        self._zoom: Box | None = None
        # The last few slides painted, each as it was last painted (and how).
        self._pictures: OrderedDict[SlideLayout, tuple[tuple[object, ...], QPixmap]] = OrderedDict()

    def sizeHint(self) -> QSize:
        return QSize(800, 450)

    def show_slide(self, deck: Deck, slide: Slide | None) -> None:
        self.deck, self.slide = deck, slide
        self.update()

    def show_ink(self, strokes: tuple[Stroke, ...]) -> None:
        """The slide's ink (those of its strokes that are on the slide, not its map)."""
        on_slide = _slide_strokes(strokes)
        if on_slide != self._ink:
            self._ink = on_slide
            self.update()

    def show_drawing(self, stroke: Stroke | None) -> None:
        """The stroke being drawn: only its newest piece is painted again."""
        before, self._drawing = self._drawing, stroke
        if stroke is None or before is None or len(stroke.points) < 2:
            self.update()
            return
        transform = self.canvas_transform()
        a, b = (transform.map(QPointF(*point)) for point in stroke.points[-2:])
        margin = INK_WIDTH * transform.m11() + 2
        self.update(QRectF(a, b).normalized().adjusted(-margin, -margin, margin, margin).toAlignedRect())

    def show_zoom(self, box: Box | None) -> None:
        """Enlarge this part of the slide's canvas (None: the whole slide)."""
        if box != self._zoom:
            self._zoom = box
            self.update()

    def prepare(self, deck: Deck, numbers: list[int], ink: Callable[[int], tuple[Stroke, ...]] = lambda _: ()) -> None:
        """Paint these slides (the next ones) with their ink ahead of time, when idle."""

        def work() -> None:
            for n in numbers:
                if deck is self.deck and 1 <= n <= len(deck.slides) and self.isVisible():
                    self._picture(self.cache.get(deck, deck.slide(n)), _slide_strokes(ink(n)), None)

        QTimer.singleShot(0, work)

    @property
    def layout_now(self) -> SlideLayout | None:
        if self.deck is None or self.slide is None:
            return None
        return self.cache.get(self.deck, self.slide)

    def slide_rect(self) -> QRectF:
        """Where the 16:9 slide sits in the widget."""
        return letterbox(QRectF(self.rect()))

    def canvas_transform(self, zoom: Box | None | bool = True) -> QTransform:
        """From the slide's canvas (1600 × 900) to this widget: the whole slide
        letterboxed, or the zoomed part as large as fits, centred (``zoom``:
        that part instead of the one shown)."""
        rect = self.slide_rect()
        box = (self._zoom if zoom is True else zoom) or WHOLE_SLIDE
        scale = min(rect.width() / box.width, rect.height() / box.height)
        transform = QTransform()
        transform.translate(rect.center().x(), rect.center().y())
        transform.scale(scale, scale)
        transform.translate(-(box.left + box.right) / 2, -(box.top + box.bottom) / 2)
        return transform

    def to_canvas(self, point: QPointF | QPoint) -> QPointF:
        """Where a point of this widget is on the slide's canvas."""
        inverse, _ = self.canvas_transform().inverted()
        return inverse.map(QPointF(point))

    def set_presenting(self, on: bool) -> None:
        self.surround = "white" if on else SURROUND
        self.update()

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        layout = self.layout_now
        if layout is not None:
            painter.drawPixmap(0, 0, self._picture(layout, self._ink, self._zoom))
        else:
            painter.fillRect(self.rect(), QColor(self.surround))
            painter.setPen(QColor("#1d2733"))
            painter.drawText(self.rect(), Qt.AlignmentFlag.AlignCenter | Qt.TextFlag.TextWordWrap, self.placeholder)
        if self._drawing is not None:
            painter.setClipRect(self.slide_rect())
            paint_strokes(painter, self.canvas_transform(), [self._drawing], INK_WIDTH)
        painter.end()

    def _picture(self, layout: SlideLayout, ink: tuple[Stroke, ...], zoom: Box | None) -> QPixmap:
        """The surround, the slide (or a part of it) and its ink, as painted
        at this size: from the last few pictures, or painted now."""
        ratio = self.devicePixelRatioF()
        how = (ink, zoom, self.size(), ratio, self.surround, self.footer)
        kept = self._pictures.get(layout)
        if kept is not None and kept[0] == how:
            picture = kept[1]
        else:
            picture = QPixmap(self.size() * ratio)
            picture.setDevicePixelRatio(ratio)
            picture.fill(QColor(self.surround))
            painter = QPainter(picture)
            transform = self.canvas_transform(zoom)
            painter.setClipRect(self.slide_rect())
            layout.paint(painter, transform.mapRect(QRectF(0, 0, SLIDE_WIDTH, SLIDE_HEIGHT)), footer=self.footer)
            paint_strokes(painter, transform, list(ink), INK_WIDTH)
            painter.end()
            self._pictures[layout] = (how, picture)
        self._pictures.move_to_end(layout)
        while len(self._pictures) > PICTURES:
            self._pictures.popitem(last=False)
        return picture

    def _anchor(self, event: QMouseEvent) -> str:
        layout = self.layout_now
        if layout is None:
            return ""
        whole = self.canvas_transform().mapRect(QRectF(0, 0, SLIDE_WIDTH, SLIDE_HEIGHT))
        return layout.anchor_at(whole, event.position())

    def mouseMoveEvent(self, event: QMouseEvent) -> None:
        shape = Qt.CursorShape.PointingHandCursor if self._anchor(event) else Qt.CursorShape.ArrowCursor
        self.setCursor(shape)

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        anchor = self._anchor(event)
        if anchor and event.button() == Qt.MouseButton.LeftButton:
            url = QUrl(anchor)
            if url.scheme() in SAFE_SCHEMES:
                QDesktopServices.openUrl(url)  # never inside the app


def _slide_strokes(strokes: tuple[Stroke, ...]) -> tuple[Stroke, ...]:
    return tuple(stroke for stroke in strokes if stroke.surface is Surface.SLIDE)
