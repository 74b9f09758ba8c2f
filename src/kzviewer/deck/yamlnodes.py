"""YAML with line numbers: parse to nodes, report problems where they are.

PyYAML's composer keeps the position of every node; validating the node tree
instead of the plain Python value lets every message name its line.
"""

from __future__ import annotations

import bisect
import difflib
import os
import re
from collections.abc import Iterable, Iterator
from typing import Any

import yaml
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from kzviewer.errors import Problem
from kzviewer.i18n import _, ngettext

# libyaml's parser when PyYAML was built with it: ten times faster, same nodes.
_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
_YAML_BREAK = re.compile("[\x85\u2028\u2029]")
_CONSTRUCTOR = yaml.constructor.SafeConstructor()


class Source:
    """A piece of YAML text inside a file, starting at ``first_line``, and the
    list its problems go to."""

    def __init__(self, path: str, first_line: int, problems: list[Problem]) -> None:
        self.path = path
        self.first_line = first_line
        self.problems = problems
        self._breaks: list[int] = []  # where YAML ends a line and the text does not (U+0085, U+2028, U+2029)

    def line(self, node: Node | None) -> int:
        return self._line_of(node.start_mark if node is not None else None)

    def _line_of(self, mark: yaml.Mark | None) -> int:
        if mark is None:
            return self.first_line
        # YAML also ends lines at U+0085, U+2028 and U+2029, where the file's lines go on.
        return self.first_line + mark.line - bisect.bisect_left(self._breaks, mark.index)

    def report(self, node: Node | None, message: str) -> None:
        self.problems.append(Problem(self.path, self.line(node), message))

    def compose(self, text: str, what: str) -> Node | None:
        """The node tree of ``text``, or None after reporting bad YAML.

        ``what`` (here and below) names the part in messages, translated:
        "the front matter", "group 'asia'"; a key's own name ("zoom") as it is.
        """
        self._breaks = [found.start() for found in _YAML_BREAK.finditer(text)]
        try:
            return yaml.compose(text, Loader=_LOADER)
        except RecursionError:
            # TRANSLATORS: {what}: "the front matter", "the map block" or "the countries file"
            message = _("bad YAML in {what}: nested too deeply").format(what=what)
            self.problems.append(Problem(self.path, self.first_line, message))
        except yaml.MarkedYAMLError as err:
            line = self._line_of(err.problem_mark or err.context_mark)
            # TRANSLATORS: when PyYAML says no more: "bad YAML in the front matter: cannot be read"
            detail = err.problem or err.context or _("cannot be read")
            self.problems.append(Problem(self.path, line, _bad_yaml(what, detail)))
        except yaml.YAMLError as err:
            self.problems.append(Problem(self.path, self.first_line, _bad_yaml(what, err)))
        return None

    def mapping(
        self, node: Node | None, what: str, allowed: Iterable[str] | None = None
    ) -> Iterator[tuple[str, Node, Node]]:
        """(key, key node, value node) of a mapping; reports a non-mapping and,
        given ``allowed``, unknown keys with a suggestion."""
        if node is None or (isinstance(node, ScalarNode) and node.value == "" and node.tag.endswith("null")):
            return
        if not isinstance(node, MappingNode):
            # TRANSLATORS: {what}: a part of the file, e.g. "the front matter", "group 'asia'", "the role of KAZ"
            self.report(node, _("{what} must be a mapping of keys to values").format(what=what))
            return
        allowed = list(allowed) if allowed is not None else None
        seen: set[str] = set()
        for key_node, value_node in node.value:
            key = str(key_node.value) if isinstance(key_node, ScalarNode) else ""
            if allowed is not None and key not in allowed:
                # TRANSLATORS: {what}: a part of the file, e.g. "the front matter", "group 'asia'", "the role of KAZ"
                message = _("unknown key {key!r} in {what}").format(key=key, what=what)
                self.report(key_node, message + suggest(key, allowed))
                continue
            if key in seen:
                # TRANSLATORS: {what}: a part of the file, e.g. "the front matter", "group 'asia'", "the role of KAZ"
                message = _("{key!r} is given twice in {what}; the second is ignored")
                self.report(key_node, message.format(key=key, what=what))
                continue
            seen.add(key)
            yield key, key_node, value_node

    def sequence(self, node: Node, what: str) -> list[Node]:
        if isinstance(node, SequenceNode):
            return list(node.value)
        # TRANSLATORS: {what}: a part of the file, e.g. "the front matter", "group 'asia'", "the role of KAZ"
        self.report(node, _("{what} must be a list, like [KAZ, RUS]").format(what=what))
        return []

    def string(self, node: Node, what: str) -> str | None:
        if isinstance(node, ScalarNode) and value(node) is not None and not isinstance(value(node), bool):
            return str(node.value)
        # TRANSLATORS: {what}: a part of the file, e.g. "the front matter", "group 'asia'", "the role of KAZ"
        self.report(node, _("{what} must be text").format(what=what))
        return None

    def number(self, node: Node, what: str, low: float, high: float) -> float | None:
        number = value(node) if isinstance(node, ScalarNode) else None
        if isinstance(number, bool) or not isinstance(number, (int, float)):
            # TRANSLATORS: {what}: a part of the file, e.g. "the front matter", "group 'asia'", "the role of KAZ"
            self.report(node, _("{what} must be a number").format(what=what))
            return None
        if not low <= number <= high:
            # TRANSLATORS: {what}: a part of the file, e.g. "the front matter", "group 'asia'", "the role of KAZ"
            message = _("{what} must be between {low} and {high}, not {value}")
            self.report(node, message.format(what=what, low=f"{low:g}", high=f"{high:g}", value=_shown(number)))
            return None
        return float(number)


def _bad_yaml(what: str, detail: object) -> str:
    """The message for YAML that cannot be read; ``detail`` is PyYAML's (in English)."""
    # TRANSLATORS: {what}: "the front matter", "the map block" or "the countries file"; {detail} is in English
    return _("bad YAML in {what}: {detail}").format(what=what, detail=detail)


def _shown(number: float) -> str:
    """A number for a message; one with hundreds of digits is not written out."""
    if isinstance(number, int) and abs(number) >= 10**15:
        digits = len(str(abs(number)))
        # TRANSLATORS: shown instead of a huge number: "zoom must be between 0 and 18, not a number of 400 digits"
        return ngettext("a number of {n} digit", "a number of {n} digits", digits).format(n=digits)
    return f"{number:g}"


def value(node: Node) -> Any:
    """The plain Python value of a node, as yaml.safe_load would give it
    (None for one that cannot be made, or is nested too deeply)."""
    try:
        return _CONSTRUCTOR.construct_object(node, deep=True)
    except (yaml.YAMLError, TypeError, ValueError, RecursionError):
        return None
    finally:
        _CONSTRUCTOR.constructed_objects.clear()
        _CONSTRUCTOR.recursive_objects.clear()


def suggest(word: str, choices: Iterable[str]) -> str:
    """' (did you mean 'x'?)' for the closest choice, or nothing."""
    choices = list(choices)
    close = difflib.get_close_matches(word, choices, n=4, cutoff=0.6)
    if not close and word.upper() != word:
        close = difflib.get_close_matches(word.upper(), choices, n=4, cutoff=0.6)
    # Among close codes (RUZ: UZB or RUS? KAX: KNA or KAZ?) a typo more often
    # keeps the beginning of the word.
    close.sort(key=lambda c: -len(os.path.commonprefix([c.upper(), word.upper()])))
    # TRANSLATORS: added after a message naming something unknown: "unknown group 'asai' (did you mean 'asia'?)"
    return " " + _("(did you mean {choice!r}?)").format(choice=close[0]) if close else ""
