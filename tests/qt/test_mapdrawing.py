"""A map drawing (web/drawing.js) painted by kzviewer.qt.mapdrawing: what it draws, and what it refuses."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QPointF, QRectF
from PySide6.QtGui import QColor, QImage, QPainter

from kzviewer.qt.mapdrawing import MapPicture, css_colour, polygon_path


def painted(drawing, size=(100, 100)):
    image = QImage(*size, QImage.Format.Format_ARGB32)
    image.fill(QColor("white"))
    painter = QPainter(image)
    MapPicture(drawing).paint(painter, QRectF(0, 0, *size))
    painter.end()
    return image


def square(x0, y0, x1, y1):
    """A ring in quarter pixels, as the page sends it."""
    return [v * 4 for v in (x0, y0, x1, y0, x1, y1, x0, y1)]


def test_paths_are_filled_even_odd_with_their_holes_and_scaled_to_the_box(qapp):
    drawing = {
        "width": 50,
        "height": 50,
        "background": "rgb(201, 219, 230)",
        "items": [
            {
                "k": "path",
                "closed": True,
                "parts": [square(5, 5, 45, 45), square(20, 20, 30, 30)],
                "fill": "#d55e00",
                "fillOpacity": 1,
                "stroke": None,
            },
        ],
    }
    image = painted(drawing)  # a 50-pixel map in a 100-pixel box: twice the size
    assert image.pixelColor(20, 20).name() == "#d55e00"
    assert image.pixelColor(50, 50).name() == "#c9dbe6", "the hole shows the sea"
    assert image.pixelColor(95, 95).name() == "#c9dbe6"


def test_malformed_items_are_left_out_and_the_rest_is_drawn(qapp):
    good = {"k": "path", "closed": True, "parts": [square(0, 0, 100, 100)], "fill": "#009e73", "fillOpacity": 1}
    drawing = {
        "width": 100,
        "height": 100,
        "items": [
            {"k": "path", "closed": True, "parts": [["x", "y", 1, 2]], "fill": "#000"},
            {"k": "path", "parts": "not a list"},
            {"k": "text"},  # no text
            {"k": "box", "x": "1", "y": None, "w": [], "h": {}},
            {"k": "script", "code": "alert(1)"},
            "not an item",
            good,
            {"k": "circle", "x": 50, "y": 50, "r": "big", "fill": "#fff"},
            {"k": "text", "text": "huge", "x": 1, "y": 1, "size": float("inf"), "weight": 1e300},
            {"k": "text", "text": "huger", "x": 1e308, "y": -1e308, "w": float("nan"), "size": 10**12},
        ],
    }
    image = painted(drawing)
    assert image.pixelColor(10, 10).name() == "#009e73"
    assert painted({"width": "wide", "items": None}).pixelColor(5, 5).name() == "#ffffff"


def test_text_is_drawn_with_a_halo_where_the_page_asks_for_one(qapp):
    dark = {"k": "box", "x": 0, "y": 0, "w": 200, "h": 40, "fill": "rgb(0, 0, 0)"}
    name = {
        "k": "text",
        "text": "Kazakhstan",
        "x": 10,
        "y": 10,
        "w": 90,
        "h": 18,
        "size": 15,
        "weight": 700,
        "color": "rgb(17, 17, 17)",
    }
    plain = painted({"width": 200, "height": 40, "items": [dark, name]}, (200, 40))
    haloed = painted({"width": 200, "height": 40, "items": [dark, dict(name, halo="rgb(255, 255, 255)")]}, (200, 40))

    def white(image):
        return sum(image.pixelColor(x, y).lightness() > 200 for x in range(200) for y in range(40))

    assert white(plain) == 0 and white(haloed) > 100


@pytest.mark.parametrize(
    "value,opacity,expected",
    [
        ("#0072b2", 1, (0, 114, 178, 255)),
        ("rgb(255, 255, 255)", 1, (255, 255, 255, 255)),
        ("rgba(255, 255, 255, 0.8)", 1, (255, 255, 255, 204)),
        ("#111111", 0.5, (17, 17, 17, 128)),
        ("rgba(0, 0, 0, 0)", 1, None),
        ("url(javascript:alert(1))", 1, None),
        (None, 1, None),
    ],
)
def test_css_colours(qapp, value, opacity, expected):
    colour = css_colour(value, opacity)
    assert (colour.getRgb() if colour else None) == expected


def test_a_polygon_path_is_the_points_it_was_given(qapp):
    path = polygon_path([[0, 0, 10, 0, 10, 10], [20, 20, 30, 20]], closed=False)
    points = [(path.elementAt(i).x, path.elementAt(i).y) for i in range(path.elementCount())]
    assert points == [(0, 0), (10, 0), (10, 10), (20, 20), (30, 20)]
    closed = polygon_path([[0, 0, 10, 0, 10, 10]], closed=True)
    assert closed.elementCount() == 4 and closed.contains(QPointF(8, 2)) and not closed.contains(QPointF(2, 8))
