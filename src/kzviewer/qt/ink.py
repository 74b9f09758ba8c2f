"""Painting the lectern's marks: the laser dot and the pen's strokes."""

from __future__ import annotations

from PySide6.QtCore import QPointF, Qt
from PySide6.QtGui import QBrush, QColor, QPainter, QPainterPath, QPen, QRadialGradient, QTransform
from PySide6.QtWidgets import QWidget

from kzviewer.model.lectern import Stroke

LASER = QColor(255, 24, 24)
INK = QColor("#e4002b")  # as the map draws it (web/ink.js)
INK_WIDTH = 6.0  # in the slide's canvas, 1600 wide


def laser_radius(widget: QWidget) -> float:
    """A dot the back of a hall can see: about 1.5% of the view's height."""
    return max(9.0, widget.height() * 0.015)


def paint_laser(painter: QPainter, centre: QPointF, radius: float) -> None:
    painter.save()
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    glow = QRadialGradient(centre, radius * 2.2)
    glow.setColorAt(0.0, QColor(255, 40, 40, 200))
    glow.setColorAt(0.45, QColor(255, 40, 40, 90))
    glow.setColorAt(1.0, QColor(255, 40, 40, 0))
    painter.setPen(Qt.PenStyle.NoPen)
    painter.setBrush(QBrush(glow))
    painter.drawEllipse(centre, radius * 2.2, radius * 2.2)
    painter.setBrush(LASER)
    painter.setPen(QPen(QColor(255, 255, 255, 220), max(1.5, radius * 0.18)))
    painter.drawEllipse(centre, radius, radius)
    painter.restore()


def paint_strokes(painter: QPainter, transform: QTransform, strokes: list[Stroke], width: float) -> None:
    """Strokes whose points are in the coordinates ``transform`` maps to the painter's."""
    if not strokes:
        return
    painter.save()
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    pen = QPen(INK, width, Qt.PenStyle.SolidLine, Qt.PenCapStyle.RoundCap, Qt.PenJoinStyle.RoundJoin)
    painter.setPen(pen)
    painter.setBrush(Qt.BrushStyle.NoBrush)
    for stroke in strokes:
        points = [transform.map(QPointF(x, y)) for x, y in stroke.points]
        if len(points) == 1:
            painter.drawPoint(points[0])
            continue
        path = QPainterPath(points[0])
        for point in points[1:]:
            path.lineTo(point)
        painter.drawPath(path)
    painter.restore()
