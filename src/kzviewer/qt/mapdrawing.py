"""Paint a map drawing (web/drawing.js) with a QPainter: vector paths and real text.

The map page describes what it shows — the canvas's paths in drawing order,
then boxes and lines of text for the names, the legend, the scale and the
credit — in CSS pixels of its pane.  Painted into a PDF page, the map stays
sharp at any zoom, weighs little, and its names can be searched.

A :class:`MapPicture` reads a drawing once and paints it as often as it is
needed (slides that keep their map).  What arrives is checked as it is read:
a drawing is data from a web page, and anything malformed in it is left out.
"""

from __future__ import annotations

import functools
import logging
import math
import re
import struct
from collections.abc import Callable, Mapping
from typing import Any

from PySide6.QtCore import QByteArray, QDataStream, QPointF, QRectF, Qt
from PySide6.QtGui import QBrush, QColor, QFont, QFontMetricsF, QPainter, QPainterPath, QPen

from kzviewer.qt.slides import FONT_FAMILIES, NO_LIGATURES

log = logging.getLogger(__name__)

_RGB = re.compile(r"rgba?\(\s*([\d.]+)[,\s]+([\d.]+)[,\s]+([\d.]+)(?:[,/\s]+([\d.]+%?))?\s*\)")
STEPS = 4  # paths come in quarter pixels, as whole numbers (web/drawing.js), and go so to the PDF
MOVE_TO, LINE_TO = 0, 1  # QPainterPath.ElementType's values
OPAQUE = 0.9  # a stroke at least this opaque is drawn opaque
HALO_PX = 4.0  # the pen round a country's name: a white edge 2 px wide (its text-shadow in map.css)
CAPS = {"round": Qt.PenCapStyle.RoundCap, "square": Qt.PenCapStyle.SquareCap, "butt": Qt.PenCapStyle.FlatCap}
JOINS = {"round": Qt.PenJoinStyle.RoundJoin, "bevel": Qt.PenJoinStyle.BevelJoin, "miter": Qt.PenJoinStyle.MiterJoin}

Paint = Callable[[QPainter], None]


class MapPicture:
    """A map drawing, read once, painted into any box any number of times."""

    def __init__(self, drawing: Mapping[str, Any]) -> None:
        self.width = _number(drawing.get("width"), 0)
        self.height = _number(drawing.get("height"), 0)
        self.background = css_colour(drawing.get("background"))
        self._steps: list[Paint] = []
        items = drawing.get("items")
        for item in items if isinstance(items, list) else []:
            read = READERS.get(str(item.get("k"))) if isinstance(item, dict) else None
            if read is None:
                continue
            try:
                self._steps.append(read(item))
            except (TypeError, ValueError, KeyError, IndexError, struct.error) as err:  # malformed: left out
                log.debug("map drawing: item %r left out (%s)", str(item)[:80], err)

    def paint(self, painter: QPainter, box: QRectF) -> None:
        """Paint the map into ``box``, scaled to fill it."""
        if self.width <= 0 or self.height <= 0:
            return
        painter.save()
        painter.setClipRect(box)
        painter.translate(box.topLeft())
        painter.scale(box.width() / self.width, box.height() / self.height)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        if self.background is not None:
            painter.fillRect(QRectF(0, 0, self.width, self.height), self.background)
        for step in self._steps:
            step(painter)
        painter.restore()


def css_colour(value: Any, opacity: Any = 1.0) -> QColor | None:
    """A CSS colour as the page gives it (``#rrggbb``, ``rgb()``, ``rgba()``, a
    name), times ``opacity``; None if it is none of those or fully transparent."""
    if not isinstance(value, str):
        return None
    colour = _css_colour(value, _number(opacity, 1.0))
    return QColor(colour) if colour is not None else None


@functools.lru_cache(maxsize=256)  # a map has a few colours, drawn thousands of times
def _css_colour(value: str, opacity: float) -> QColor | None:
    match = _RGB.fullmatch(value.strip())
    if match:
        red, green, blue, alpha = match.groups()
        colour = QColor(*(min(255, round(float(c))) for c in (red, green, blue)))
        if alpha is not None:
            colour.setAlphaF(float(alpha[:-1]) / 100 if alpha.endswith("%") else min(1.0, float(alpha)))
    else:
        colour = QColor(value.strip())
    if not colour.isValid():
        return None
    colour.setAlphaF(colour.alphaF() * opacity)
    return colour if colour.alpha() > 0 else None


def polygon_path(parts: list[list[float]], closed: bool) -> QPainterPath:
    """A path of polylines (``[x, y, x, y, …]`` each), closed or not, filled
    even-odd (holes, as Leaflet's canvas fills them).

    Read from Qt's documented serialisation of a QPainterPath (the number of
    elements; each element's type, x and y; the current subpath's start; the
    fill rule): made with ``struct`` in one go, it is ten times faster than a
    QPointF per point, and a map has thousands of points.
    """
    records, count = [], 0
    for part in parts:
        n = len(part) // 2
        if n < 2:
            continue
        fields: list[float] = [LINE_TO] * (3 * n)  # type, x, y for each point
        fields[0] = MOVE_TO
        fields[1::3], fields[2::3] = part[0 : 2 * n : 2], part[1 : 2 * n : 2]
        if closed:  # back to the start, as closeSubpath() would
            fields += (LINE_TO, part[0], part[1])
            n += 1
        records.append(struct.pack(f">{'idd' * n}", *fields))
        count += n
    path = QPainterPath()
    data = struct.pack(">i", count) + b"".join(records) + struct.pack(">ii", 0, Qt.FillRule.OddEvenFill.value)
    QDataStream(QByteArray(data)) >> path
    return path


def _read_path(item: dict[str, Any]) -> Paint:
    closed = bool(item.get("closed"))
    return _filled_and_stroked(polygon_path(item["parts"], closed), item, closed)


def _read_circle(item: dict[str, Any]) -> Paint:
    path = QPainterPath()
    radius = _number(item["r"], 0) * STEPS
    path.addEllipse(QPointF(_number(item["x"], 0), _number(item["y"], 0)) * STEPS, radius, radius)
    return _filled_and_stroked(path, item, closed=True)


def _read_dots(item: dict[str, Any]) -> Paint:
    """Many points (a data layer's), circles of one radius, as one path."""
    path = QPainterPath()
    radius = _number(item["r"], 0, 0, 100) * STEPS
    points = item["points"]
    for i in range(0, len(points) - 1, 2):
        path.addEllipse(QPointF(float(points[i]), float(points[i + 1])), radius, radius)
    return _filled_and_stroked(path, item, closed=True)


def _filled_and_stroked(path: QPainterPath, item: dict[str, Any], closed: bool) -> Paint:
    """Fill and outline ``path`` (in STEPS of a pixel) in one drawing operation:
    the PDF then holds the path once, in short whole numbers."""
    fill = css_colour(item.get("fill"), item.get("fillOpacity", 0.2)) if closed else None
    opacity = _number(item.get("opacity"), 1.0)
    # Qt's PDF writer outlines a translucent stroke (three times the bytes, a
    # third of a page's time): a dark line nine tenths opaque is drawn whole.
    stroke = css_colour(item.get("stroke"), 1.0 if opacity >= OPAQUE else opacity)
    brush = QBrush(fill) if fill is not None else QBrush(Qt.BrushStyle.NoBrush)
    pen = QPen(Qt.PenStyle.NoPen)
    if stroke is not None:
        width = _number(item.get("width"), 1.0)
        pen = QPen(stroke, width * STEPS)
        pen.setCapStyle(CAPS.get(str(item.get("cap")), Qt.PenCapStyle.RoundCap))
        pen.setJoinStyle(JOINS.get(str(item.get("join")), Qt.PenJoinStyle.RoundJoin))
        dash = _dashes(item.get("dash"), width)
        if dash:
            pen.setDashPattern(dash)

    def paint(painter: QPainter) -> None:
        if fill is None and stroke is None:
            return
        painter.save()
        painter.scale(1 / STEPS, 1 / STEPS)
        painter.setBrush(brush)
        painter.setPen(pen)
        painter.drawPath(path)
        painter.restore()

    return paint


def _read_box(item: dict[str, Any]) -> Paint:
    """A name's, the legend's, the scale's or the credit's box: its background, rim and borders."""
    rect = QRectF(_number(item["x"], 0), _number(item["y"], 0), _number(item["w"], 0), _number(item["h"], 0))
    radius = min(_number(item.get("radius"), 0), rect.width() / 2, rect.height() / 2)
    shape = QPainterPath()
    shape.addRoundedRect(rect, radius, radius)
    fill = css_colour(item.get("fill"))
    shadow = bool(item.get("shadow"))
    sides = item.get("borders")
    sides = [b if isinstance(b, list) and len(b) == 2 else None for b in sides] if isinstance(sides, list) else []
    lines: list[tuple[QPen, QPointF, QPointF] | tuple[QPen, QPainterPath]] = []
    drawn = [b for b in sides if b is not None]
    if len(sides) == 4 and len(drawn) == 4 and len({(b[0], b[1]) for b in drawn}) == 1:  # one rounded border
        colour, width = css_colour(drawn[0][1]), _number(drawn[0][0], 1)
        if colour is not None:
            half = width / 2
            inset = QPainterPath()
            inset.addRoundedRect(
                rect.adjusted(half, half, -half, -half), max(0.0, radius - half), max(0.0, radius - half)
            )
            lines.append((QPen(colour, width), inset))
    elif len(sides) == 4:
        corners = (rect.topLeft(), rect.topRight(), rect.bottomRight(), rect.bottomLeft())
        inwards = ((0, 1), (-1, 0), (0, -1), (1, 0))
        for side, border in enumerate(sides):  # top, right, bottom, left: as CSS draws each side
            if border is None:
                continue
            colour, width = css_colour(border[1]), _number(border[0], 0)
            if colour is None or width <= 0:
                continue
            pen = QPen(colour, width)
            pen.setCapStyle(Qt.PenCapStyle.FlatCap)
            inward = QPointF(*inwards[side]) * (width / 2)
            lines.append((pen, corners[side] + inward, corners[(side + 1) % 4] + inward))

    def paint(painter: QPainter) -> None:
        if shadow:  # a soft shadow, drawn as a faint rim
            painter.strokePath(shape, QPen(QColor(0, 0, 0, 60), 1.2))
        if fill is not None:
            painter.fillPath(shape, fill)
        for line in lines:
            if len(line) == 2:
                painter.strokePath(line[1], line[0])
            else:
                painter.setPen(line[0])
                painter.drawLine(line[1], line[2])

    return paint


def _read_text(item: dict[str, Any]) -> Paint:
    """A line of text where the page laid it out, written as text (not
    outlines), squeezed to the page's width where Qt's fonts set it wider;
    a halo round it (a country's name) is drawn as the text's outline."""
    text = str(item["text"])
    colour = css_colour(item.get("color")) or QColor("#111111")
    size, weight, italic = (
        round(_number(item.get("size"), 13, 1, 200)),
        round(_number(item.get("weight"), 400, 100, 900)),
        bool(item.get("italic")),
    )
    font = map_font(size, weight, italic)
    metrics = QFontMetricsF(font)
    x, y = _number(item["x"], 0), _number(item["y"], 0)
    width, height = _number(item.get("w"), 0), _number(item.get("h"), 0)
    natural = metrics.horizontalAdvance(text)
    stretch = min(max(width / natural, 0.7), 1.3) if natural > 0 and width > 0 else 1.0
    baseline = y + (height - metrics.ascent() - metrics.descent()) / 2 + metrics.ascent()
    halo_colour = css_colour(item.get("halo"))
    halo = _halo(text, size * STEPS, weight, italic) if halo_colour is not None else None
    halo_pen = QPen(halo_colour or Qt.GlobalColor.white, HALO_PX * STEPS)
    halo_pen.setJoinStyle(Qt.PenJoinStyle.RoundJoin)

    def paint(painter: QPainter) -> None:
        painter.save()
        painter.translate(x, baseline)
        if abs(stretch - 1) > 0.01:
            painter.scale(stretch, 1.0)
        if halo is not None:
            painter.save()
            painter.scale(1 / STEPS, 1 / STEPS)
            painter.strokePath(halo, halo_pen)
            painter.restore()
        painter.setFont(font)
        painter.setPen(colour)
        painter.drawText(QPointF(0, 0), text)
        painter.restore()

    return paint


@functools.lru_cache(maxsize=512)  # the same names come back slide after slide
def _halo(text: str, pixels: float, weight: int, italic: bool) -> QPainterPath:
    """The outline of ``text`` (in STEPS of a pixel: ``pixels`` big), its
    points rounded to whole numbers: in a PDF, half the bytes of the outline
    as Qt makes it."""
    outline = QPainterPath()
    outline.addText(0, 0, map_font(pixels, weight, italic), text)
    data = QByteArray()
    QDataStream(data, QDataStream.OpenModeFlag.WriteOnly) << outline
    raw = bytes(data.data())
    (count,) = struct.unpack_from(">i", raw)
    fields = list(struct.unpack_from(f">{'idd' * count}", raw, 4))
    fields[1::3] = [round(v) for v in fields[1::3]]
    fields[2::3] = [round(v) for v in fields[2::3]]
    rounded = QPainterPath()
    QDataStream(QByteArray(raw[:4] + struct.pack(f">{'idd' * count}", *fields) + raw[4 + 20 * count :])) >> rounded
    return rounded


def map_font(pixels: float, weight: int = 400, italic: bool = False) -> QFont:
    """The map's type: the slides' families, at a CSS size and weight, with no
    ligatures (a printed "ﬂ" is not found by a search for "fl")."""
    font = QFont()
    font.setFamilies(FONT_FAMILIES)
    font.setPixelSize(max(1, round(pixels)))
    font.setWeight(QFont.Weight(min(900, max(100, weight))))
    font.setItalic(italic)
    font.setHintingPreference(QFont.HintingPreference.PreferNoHinting)
    for feature in NO_LIGATURES:
        font.setFeature(QFont.Tag(feature), 0)
    return font


def _dashes(value: Any, width: float) -> list[float]:
    """A CSS dash array ("6 4", "6,4") as Qt's, which counts in pen widths."""
    if not isinstance(value, str) or width <= 0:
        return []
    try:
        lengths = [float(v) for v in re.split(r"[,\s]+", value.strip()) if v]
    except ValueError:
        return []
    if len(lengths) % 2:
        lengths *= 2
    return [max(0.01, v / width) for v in lengths] if lengths and all(v >= 0 for v in lengths) else []


def _number(value: Any, default: float, low: float = -1e7, high: float = 1e7) -> float:
    """A finite number within [low, high] (clamped), or ``default``: a drawing is data from a page."""
    if isinstance(value, bool) or not isinstance(value, (int, float)) or not math.isfinite(value):
        return default
    return min(max(float(value), low), high)


READERS: dict[str, Callable[[dict[str, Any]], Paint]] = {
    "path": _read_path,
    "circle": _read_circle,
    "dots": _read_dots,
    "box": _read_box,
    "text": _read_text,
}
