"""At the lectern, on screen: the laser dot, the pen's ink, the zoom box.

A transparent overlay lies over the audience view, and another over the
console's current slide.  While the laser, the pen or the zoom is on, it
takes the mouse from what is under it (so the map neither pans nor clicks
under a stroke) and tells the presentation where it points, what it draws
and what to enlarge; it paints the laser dot wherever the presentation says
it is, so pointing on the console shows on the projector too.  It also keeps
its slide view showing the slide's ink and zoom.  The map draws its own ink,
kept as latitude and longitude, from the map snapshot.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QEvent, QObject, QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QHideEvent, QMouseEvent, QPainter, QPaintEvent, QPen, QTransform
from PySide6.QtWidgets import QWidget

from kzviewer.model.lectern import SLIDE_HEIGHT, SLIDE_WIDTH, Box, Pointer, Spot, Stroke, Surface
from kzviewer.model.presentation import Blank, Presentation
from kzviewer.qt.ink import laser_radius, paint_laser, paint_strokes
from kzviewer.qt.mapview import js_call
from kzviewer.qt.subscribe import subscribe

if TYPE_CHECKING:
    from kzviewer.qt.mapview import MapView
    from kzviewer.qt.slideview import SlideView


BAND = QColor("#0072B2")
MAP_INK_WIDTH = 4.0  # CSS pixels, as the map draws it (web/ink.js)


class LecternOverlay(QWidget):
    """Over ``covered`` (the audience view, or the console's slide): the laser
    dot, a stroke on the map while it is drawn, the zoom box while it is
    dragged; and the mouse, while the laser, the pen or the zoom is on.

    ``slide_view`` is the slide under it, ``map_view`` the map (None on the
    console, where only the slide can be pointed at or drawn on).
    """

    def __init__(
        self, presentation: Presentation, covered: QWidget, slide_view: SlideView, map_view: MapView | None = None
    ) -> None:
        super().__init__(covered)
        self.presentation = p = presentation
        self._covered = covered  # this overlay fills it, so their coordinates are the same
        self.slide_view = slide_view
        self.map_view = map_view
        self._down: tuple[Surface, QPointF] | None = None  # where the button went down
        # Strokes on the map, in this widget's coordinates, until the map draws
        # them: the one being drawn, and those the page is making latitudes and
        # longitudes of.
        self._map_ink: list[list[QPointF]] = []
        self._drawing_on_map = False
        self._band: QRectF | None = None
        self.setAttribute(Qt.WidgetAttribute.WA_TranslucentBackground)
        self.setMouseTracking(True)
        covered.installEventFilter(self)
        for signal in (p.pointer_changed, p.picking_changed, p.blank_changed, p.overview_changed):
            subscribe(self, signal, lambda *_: self._sync())
        subscribe(self, p.laser_moved, self._laser_moved)
        # The slide view shows the slide's ink and zoom.
        for changed in (p.slide_changed, p.ink_changed, p.deck_changed):
            subscribe(self, changed, lambda *_: slide_view.show_ink(p.ink()))
        subscribe(self, p.drawing_changed, lambda: slide_view.show_drawing(p.drawing))
        subscribe(self, p.zoom_changed, lambda box: slide_view.show_zoom(box if _slide_box(box) else None))
        slide_view.show_ink(p.ink())
        slide_view.show_zoom(p.zoom if _slide_box(p.zoom) else None)
        self._dot = QRectF()  # where the laser dot was painted
        self._sync()

    # -- where things are -------------------------------------------------------------

    def _active(self) -> bool:
        p = self.presentation
        return p.pointer is not Pointer.NONE or p.picking

    def _sync(self) -> None:
        """Take the mouse while a tool is on; stand aside (and hide) otherwise."""
        p = self.presentation
        if self._active() and self.testAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents):
            self._leave_map()
        self.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents, not self._active())
        cursor = Qt.CursorShape.BlankCursor if p.pointer is Pointer.LASER else Qt.CursorShape.CrossCursor
        self.setCursor(cursor if self._active() else Qt.CursorShape.ArrowCursor)
        self.setGeometry(self._covered.rect())
        self.setVisible(p.blank is Blank.NONE and not p.overview)
        self.raise_()
        self.update()

    def _leave_map(self) -> None:
        """The map will not see the mouse for a while: let it close the name it shows under it."""
        if self.map_view is not None and self.map_view.is_ready:
            self.map_view.run(js_call("kz.closeTips"))

    @property
    def whole_view(self) -> bool:
        """Over the audience view (not the console's slide)."""
        return self.map_view is not None

    def surface_at(self, point: QPointF) -> tuple[Surface, QPointF] | None:
        """Which part of the view ``point`` (here) is on, and where on it."""
        on_slide = self.slide_view.mapFrom(self._covered, point)
        if self.slide_view.rect().contains(on_slide.toPoint()) and self.slide_view.slide_rect().contains(on_slide):
            return Surface.SLIDE, self.slide_view.to_canvas(on_slide)
        if self.map_view is not None and self.map_view.isVisible():
            on_map = self.map_view.mapFrom(self._covered, point)
            if self.map_view.rect().contains(on_map.toPoint()):
                size = self.map_view.size()
                return Surface.MAP, QPointF(on_map.x() / size.width(), on_map.y() / size.height())
        if not self.whole_view:
            return None
        return Surface.VIEW, QPointF(point.x() / max(1, self.width()), point.y() / max(1, self.height()))

    def point_of(self, spot: Spot) -> QPointF | None:
        """Where a spot is, here (None: not on what this overlay covers)."""
        if spot.surface is Surface.SLIDE:
            at = self.slide_view.canvas_transform().map(QPointF(spot.x, spot.y))
            if not self.slide_view.slide_rect().contains(at):
                return None  # on a part of the slide not shown while zoomed
            return self.slide_view.mapTo(self._covered, at)
        if spot.surface is Surface.MAP:
            if self.map_view is None or not self.map_view.isVisible():
                return None
            at = QPointF(spot.x * self.map_view.width(), spot.y * self.map_view.height())
            return self.map_view.mapTo(self._covered, at)
        if not self.whole_view:
            return None
        return QPointF(spot.x * self.width(), spot.y * self.height())

    def _laser_moved(self, spot: Spot | None) -> None:
        """Paint the dot again where it was and where it is: only there."""
        self.update(self._dot.toAlignedRect())
        at = self.point_of(spot) if spot is not None else None
        if at is None:
            self._dot = QRectF()
            return
        reach = laser_radius(self) * 2.3
        self._dot = QRectF(at.x() - reach, at.y() - reach, 2 * reach, 2 * reach)
        self.update(self._dot.toAlignedRect())

    # -- the mouse ----------------------------------------------------------------------------

    def mousePressEvent(self, event: QMouseEvent) -> None:
        if event.button() != Qt.MouseButton.LeftButton:
            return
        self._let_go()  # a release that never came (a tablet's, another window's)
        p, at = self.presentation, event.position()
        found = self.surface_at(at)
        if found is None:
            return
        surface, where = found
        self._down = (surface, at)
        if p.picking:
            self._band = QRectF(at, at)
        elif p.pointer is Pointer.PEN:
            if surface is Surface.SLIDE:
                p.draw((where.x(), where.y()))
            elif surface is Surface.MAP:
                self._map_ink.append([at])
                self._drawing_on_map = True
        self.update()

    def mouseMoveEvent(self, event: QMouseEvent) -> None:
        p, at = self.presentation, event.position()
        if p.pointer is Pointer.LASER and not p.picking:
            found = self.surface_at(at)
            p.point(Spot(found[0], found[1].x(), found[1].y()) if found else None)
            return
        if self._down is None or not event.buttons() & Qt.MouseButton.LeftButton:
            return
        if p.picking:
            self._band = QRectF(self._down[1], at).normalized()
            self.update()
        elif self._down[0] is Surface.SLIDE:
            where = self.slide_view.to_canvas(self.slide_view.mapFrom(self._covered, at))
            p.draw((where.x(), where.y()))
        elif self._drawing_on_map:
            stroke = self._map_ink[-1]
            before = stroke[-1]
            stroke.append(at)
            self.update(QRectF(before, at).normalized().adjusted(-8, -8, 8, 8).toAlignedRect())

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        if event.button() != Qt.MouseButton.LeftButton or self._down is None:
            return
        surface, band = self._down[0], self._band
        self._let_go()
        if band is not None:
            self._zoom_to(surface, band)

    def _let_go(self) -> None:
        """The button is up: a stroke ends, a box is dropped."""
        self.presentation.lift_pen()
        if self._drawing_on_map:
            self._drawing_on_map = False
            self._finish_map_stroke(self._map_ink[-1])
        self._down, self._band = None, None
        self.update()

    def leaveEvent(self, event: QEvent) -> None:
        self.presentation.point(None)

    def hideEvent(self, event: QHideEvent) -> None:
        """Covered by a blank screen or the overview, or the console closed: no
        button can be released here now."""
        self._let_go()
        super().hideEvent(event)

    def _zoom_to(self, surface: Surface, band: QRectF) -> None:
        if band.width() < 8 or band.height() < 8:
            return  # a click, not a box
        if surface is Surface.SLIDE:
            view, covered = self.slide_view, self._covered
            a, b = (view.to_canvas(view.mapFrom(covered, corner)) for corner in (band.topLeft(), band.bottomRight()))
            left, top = max(0.0, a.x()), max(0.0, a.y())
            right, bottom = min(SLIDE_WIDTH, b.x()), min(SLIDE_HEIGHT, b.y())
            self.presentation.zoom_to(Box(Surface.SLIDE, left, top, right, bottom))
        elif surface is Surface.MAP and self.map_view is not None:
            size = self.map_view.size()
            left_top = self.map_view.mapFrom(self._covered, band.topLeft())
            right_bottom = self.map_view.mapFrom(self._covered, band.bottomRight())
            self.presentation.zoom_to(
                Box(
                    Surface.MAP,
                    max(0.0, left_top.x() / size.width()),
                    max(0.0, left_top.y() / size.height()),
                    min(1.0, right_bottom.x() / size.width()),
                    min(1.0, right_bottom.y() / size.height()),
                )
            )

    def _finish_map_stroke(self, points: list[QPointF]) -> None:
        """A stroke on the map becomes latitudes and longitudes, which the page
        works out; it joins the ink of the slide it was drawn on."""
        view, p = self.map_view, self.presentation
        if view is None or not view.is_ready:
            self._map_ink.remove(points)
            return
        zoom = view.zoomFactor() or 1.0
        on_map = (view.mapFrom(self._covered, point) for point in points)
        css = [[round(q.x() / zoom, 1), round(q.y() / zoom, 1)] for q in on_map]
        deck, number = p.deck, p.number

        def done(latlngs: Any) -> None:
            if points in self._map_ink:
                self._map_ink.remove(points)
                self.update()
            if isinstance(latlngs, list) and latlngs and p.deck is deck:
                p.add_stroke(Stroke(Surface.MAP, tuple((float(a), float(b)) for a, b in latlngs)), number)

        view.evaluate(js_call("kz.ink.toLatLngs", css), done)

    # -- painting -------------------------------------------------------------------------------

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        if self._map_ink:
            strokes = [Stroke(Surface.MAP, tuple((q.x(), q.y()) for q in points)) for points in self._map_ink]
            paint_strokes(
                painter, QTransform(), strokes, MAP_INK_WIDTH * (self.map_view.zoomFactor() if self.map_view else 1)
            )
        if self._band is not None:
            painter.setPen(QPen(BAND, 2, Qt.PenStyle.DashLine))
            painter.setBrush(QColor(0, 114, 178, 40))
            painter.drawRect(self._band)
        spot = self.presentation.laser
        at = self.point_of(spot) if spot is not None else None
        if at is not None:
            paint_laser(painter, at, laser_radius(self))
        painter.end()

    def eventFilter(self, target: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Resize:
            self.setGeometry(self._covered.rect())
        return False


def _slide_box(box: Box | None) -> bool:
    return box is not None and box.surface is Surface.SLIDE
