"""A deck's data layers as the map page draws them (web/datalayers.js).

Features go as GeoJSON with their style; a choropleth goes as a colour per
country and its legend: categories in the colours the deck gives, or numbers
in quantile classes coloured from a colour-blind-safe scheme (cividis,
viridis).
"""

from __future__ import annotations

import logging
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from kzviewer.deck.model import LayerSpec
from kzviewer.geo.layers import DataError, read_features, read_table
from kzviewer.i18n import format_number

log = logging.getLogger(__name__)

# Colour-blind-safe sequential schemes, as matplotlib draws them, at nine even stops.
SCHEMES = {
    "cividis": ("#00224e", "#123570", "#3b496c", "#575d6d", "#707173", "#8a8678", "#a59c74", "#c3b369", "#fee838"),
    "viridis": ("#440154", "#482878", "#3e4989", "#31688e", "#26828e", "#1f9e89", "#35b779", "#6ece58", "#fde725"),
}


def layers_data(specs: Iterable[LayerSpec], folder: Path, countries: set[str]) -> dict[str, Any]:
    """The page's data of each layer, by id (the data read from the cache when it can)."""
    found: dict[str, Any] = {}
    for spec in specs:
        common = {"label": spec.label, "source": spec.source, "unit": spec.unit}
        try:
            if spec.choropleth:
                table = read_table(spec.path, folder, spec.key, spec.column, countries)
            else:
                features = read_features(spec.path, folder, spec.layer, spec.read_fields)
        except DataError as err:  # changed since the deck was checked: the next check says so
            log.warning("layer %s left off the map: %s", spec.id, err.message)
            continue
        if spec.choropleth:
            fills, legend = choropleth(spec, table.values, table.numeric)
            found[spec.id] = {"kind": "choropleth", "fills": fills, "values": table.values, "legend": legend, **common}
        else:
            found[spec.id] = {
                "kind": "features",
                "color": spec.color,
                "width": spec.width,
                "labelField": spec.label_field,
                "fields": list(spec.fields),
                "features": features.features,
                # How the legend draws it: points alone, lines alone, else areas.
                "shape": "point" if features.kinds == {"point"} else "line" if features.kinds == {"line"} else "area",
                **common,
            }
    return found


def choropleth(spec: LayerSpec, values: dict[str, str], numeric: bool) -> tuple[dict[str, str], list[list[str]]]:
    """Each country's colour, and the legend's rows ([colour, text])."""
    if spec.colors:
        colours = dict(spec.colors)
        fills = {code: colours[text] for code, text in values.items() if text in colours}
        shown = set(values.values())
        return fills, [[colour, text] for text, colour in spec.colors if text in shown]
    if not numeric or not values:
        return {}, []
    numbers = sorted(float(v) for v in values.values())
    breaks = quantile_breaks(numbers, spec.classes)
    palette = ramp(SCHEMES[spec.scheme or "cividis"], len(breaks) - 1)
    fills = {}
    for code, text in values.items():
        number = float(text)
        index = next(i for i in range(len(breaks) - 1) if number <= breaks[i + 1] or i == len(breaks) - 2)
        fills[code] = palette[index]
    unit = f" {spec.unit}" if spec.unit else ""
    legend = [[palette[i], f"{_number(breaks[i])} – {_number(breaks[i + 1])}{unit}"] for i in range(len(breaks) - 1)]
    return fills, legend


def quantile_breaks(numbers: list[float], classes: int) -> list[float]:
    """Class limits that put about as many values in each class (fewer classes where values repeat)."""
    limits = [numbers[0]]
    for k in range(1, classes + 1):
        position = k * (len(numbers) - 1) / classes
        low = int(position)
        high = min(low + 1, len(numbers) - 1)
        value = numbers[low] + (numbers[high] - numbers[low]) * (position - low)
        if value > limits[-1]:
            limits.append(value)
    if len(limits) == 1:  # every value the same: one class
        limits.append(numbers[0])
    return limits


def ramp(stops: tuple[str, ...], count: int) -> list[str]:
    """``count`` colours evenly along a scheme (its ends included)."""
    if count == 1:
        return [stops[len(stops) // 2]]
    colours = []
    for k in range(count):
        position = k / (count - 1) * (len(stops) - 1)
        low = min(int(position), len(stops) - 2)
        t = position - low
        a, b = (tuple(int(s[i : i + 2], 16) for i in (1, 3, 5)) for s in (stops[low], stops[low + 1]))
        colours.append("#" + "".join(f"{round(x + (y - x) * t):02x}" for x, y in zip(a, b, strict=True)))
    return colours


def _number(value: float) -> str:
    return format_number(int(value)) if value == int(value) else format_number(round(value, 2))
