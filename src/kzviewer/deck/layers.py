"""A deck's data layers (design.md, "Data layers"): the front matter's ``layers:``, checked.

Each layer is declared once, by id, and shown by the map blocks that list it
(``layers: [corridor, sco]``).  A layer of features names a ``file`` (any
vector file GDAL reads, or a CSV of points); a choropleth names ``data``, a
table keyed by country.  The declaration is checked here, and the data with
it (kzviewer.geo.layers reads it, from its cache when it can): a problem in
the declaration, a missing column, is reported at the deck's line, a bad row
at the data file's.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from yaml.nodes import MappingNode, Node

from kzviewer.deck.countries import COLOR
from kzviewer.deck.model import LayerSpec
from kzviewer.deck.yamlnodes import Source, value
from kzviewer.errors import Problem
from kzviewer.i18n import _

LAYER_KEYS = (
    "file",
    "layer",
    "data",
    "key",
    "column",
    "colors",
    "scheme",
    "classes",
    "label",
    "color",
    "width",
    "label_field",
    "fields",
    "unit",
    "source",
)
SCHEMES = ("cividis", "viridis")  # colour-blind-safe sequential schemes
_ID = re.compile(r"^[A-Za-z][A-Za-z0-9_-]{0,39}$")


def read_layers(src: Source, node: Node, folder: Path, countries: set[str]) -> tuple[dict[str, LayerSpec], set[str]]:
    """The front matter's ``layers:``: the good ones, and the ids of all those
    declared (a map block naming a broken one is not told it is unknown).
    Every problem goes to ``src``'s list."""
    specs: dict[str, LayerSpec] = {}
    declared: set[str] = set()
    for layer_id, key_node, spec_node in src.mapping(node, "layers"):
        declared.add(layer_id)
        if not _ID.match(layer_id):
            message = _("a layer's id is a word of letters, digits, - and _ (like corridor), not {id!r}")
            src.report(key_node, message.format(id=layer_id))
            continue
        spec = _read_one(src, layer_id, key_node, spec_node, folder)
        if spec is not None and _check_data(src, spec, key_node, folder, countries):
            specs[layer_id] = spec
    return specs, declared


def _read_one(src: Source, layer_id: str, key_node: Node, node: Node, folder: Path) -> LayerSpec | None:
    what = _("layer {id!r}").format(id=layer_id)
    if not isinstance(node, MappingNode):
        src.report(node, _("{what} must be a mapping of keys to values").format(what=what))
        return None
    fields = {key: v for key, _k, v in src.mapping(node, what, LAYER_KEYS)}
    if ("file" in fields) == ("data" in fields):
        message = _("{what} needs either file: (features to draw) or data: (a table by country), not both")
        src.report(key_node, message.format(what=what))
        return None
    choropleth = "data" in fields
    name = src.string(fields["data" if choropleth else "file"], "data" if choropleth else "file")
    if not name:
        return None
    path = folder / name
    if not path.resolve().is_relative_to(folder.resolve()):
        src.report(
            fields["data" if choropleth else "file"], _("{file!r} is outside the deck's folder").format(file=name)
        )
        return None
    if not path.exists():
        src.report(fields["data" if choropleth else "file"], _("{file!r} not found").format(file=name))
        return None
    options: dict[str, Any] = {}
    for key in ("layer", "label", "label_field", "unit", "source", "key", "column", "scheme"):
        if key in fields:
            text = src.string(fields[key], key)
            if text is not None:
                options[key] = text.strip()
    if "color" in fields:
        colour = src.string(fields["color"], "color")
        if colour is not None and not COLOR.match(colour):
            src.report(
                fields["color"], _('{what} needs a color like "#1a2b3c", not {color!r}').format(what=what, color=colour)
            )
        elif colour:
            options["color"] = colour
    if "width" in fields:
        width = src.number(fields["width"], "width", 0.5, 40)
        if width is not None:
            options["width"] = width
    if "classes" in fields:
        classes = src.number(fields["classes"], "classes", 2, 9)
        if classes is not None:
            options["classes"] = int(classes)
    if "fields" in fields:
        names = [src.string(item, _("a field")) for item in src.sequence(fields["fields"], "fields")]
        options["fields"] = tuple(n for n in names if n)
    if "colors" in fields:
        options["colors"] = _colours(src, fields["colors"], what)
    if options.get("scheme") is not None and options["scheme"] not in SCHEMES:
        message = _("scheme must be one of {schemes}, not {scheme!r}")
        src.report(fields["scheme"], message.format(schemes=", ".join(SCHEMES), scheme=options["scheme"]))
        del options["scheme"]
    if choropleth and "column" not in options:
        src.report(key_node, _("{what} needs column: (the column to colour countries by)").format(what=what))
        return None
    if not choropleth:
        for key in ("key", "column", "colors", "scheme", "classes", "unit"):
            if key in fields:
                src.report(fields[key], _("{key} goes with data: (a table by country), not with file:").format(key=key))
                options.pop(key, None)
    options.setdefault("label", layer_id)
    return LayerSpec(layer_id, path, src.line(key_node), choropleth, **options)


def _colours(src: Source, node: Node, what: str) -> tuple[tuple[str, str], ...]:
    found: list[tuple[str, str]] = []
    for key, _key_node, colour_node in src.mapping(node, "colors"):
        colour = value(colour_node)
        if not isinstance(colour, str) or not COLOR.match(colour):
            message = _('{what} needs a color like "#1a2b3c" for {value!r}, not {color!r}')
            src.report(colour_node, message.format(what=what, value=key, color=colour))
            continue
        found.append((key, colour))
    return tuple(found)


def _check_data(src: Source, spec: LayerSpec, key_node: Node, folder: Path, countries: set[str]) -> bool:
    """Read the layer's data (kzviewer.geo.layers); report what is wrong with it."""
    from kzviewer.geo.layers import DataError, read_features, read_table

    try:
        if spec.choropleth:
            table = read_table(spec.path, folder, spec.key, spec.column, countries)
            if spec.colors:
                named = {v for v, _c in spec.colors}
                for code, text in table.values.items():
                    if text not in named:
                        message = _("{value!r} has no colour in layer {id!r}'s colors:").format(value=text, id=spec.id)
                        src.problems.append(Problem(_shown(spec.path, src, folder), table.lines[code], message))
                        return False
            elif not table.numeric:
                message = _("layer {id!r}: column {column!r} is not all numbers: give colors: for its values")
                src.report(key_node, message.format(id=spec.id, column=spec.column))
                return False
        else:
            read_features(spec.path, folder, spec.layer, spec.read_fields)
    except DataError as err:
        if err.line is None:
            src.report(key_node, _("layer {id!r}: {problem}").format(id=spec.id, problem=err.message))
        else:
            src.problems.append(Problem(_shown(spec.path, src, folder), err.line, err.message))
        return False
    return True


def _shown(path: Path, src: Source, folder: Path) -> str:
    """A data file named as the deck is named (``data/members.csv`` beside ``deck.md``)."""
    deck_folder = Path(src.path).parent
    relative = path.resolve().relative_to(folder.resolve())
    return str(deck_folder / relative) if str(deck_folder) != "." else str(relative)
