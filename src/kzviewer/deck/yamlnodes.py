"""YAML with line numbers: parse to nodes, report problems where they are.

PyYAML's composer keeps the position of every node; validating the node tree
instead of the plain Python value lets every message name its line.
"""

from __future__ import annotations

import difflib
import os
from collections.abc import Iterable, Iterator
from typing import Any

import yaml
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from kzviewer.errors import Problem

# libyaml's parser when PyYAML was built with it: ten times faster, same nodes.
_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
_CONSTRUCTOR = yaml.constructor.SafeConstructor()


class Source:
    """A piece of YAML text inside a file, starting at ``first_line``, and the
    list its problems go to."""

    def __init__(self, path: str, first_line: int, problems: list[Problem]) -> None:
        self.path = path
        self.first_line = first_line
        self.problems = problems

    def line(self, node: Node | None) -> int:
        return self.first_line + (node.start_mark.line if node is not None else 0)

    def report(self, node: Node | None, message: str) -> None:
        self.problems.append(Problem(self.path, self.line(node), message))

    def compose(self, text: str, what: str) -> Node | None:
        """The node tree of ``text``, or None after reporting bad YAML."""
        try:
            return yaml.compose(text, Loader=_LOADER)
        except RecursionError:
            self.problems.append(Problem(self.path, self.first_line, f"bad YAML in {what}: nested too deeply"))
        except yaml.MarkedYAMLError as err:
            mark = err.problem_mark or err.context_mark
            line = self.first_line + (mark.line if mark else 0)
            detail = err.problem or err.context or "cannot be read"
            self.problems.append(Problem(self.path, line, f"bad YAML in {what}: {detail}"))
        except yaml.YAMLError as err:
            self.problems.append(Problem(self.path, self.first_line, f"bad YAML in {what}: {err}"))
        return None

    def mapping(
        self, node: Node | None, what: str, allowed: Iterable[str] | None = None
    ) -> Iterator[tuple[str, Node, Node]]:
        """(key, key node, value node) of a mapping; reports a non-mapping and,
        given ``allowed``, unknown keys with a suggestion."""
        if node is None or (isinstance(node, ScalarNode) and node.value == "" and node.tag.endswith("null")):
            return
        if not isinstance(node, MappingNode):
            self.report(node, f"{what} must be a mapping of keys to values")
            return
        allowed = list(allowed) if allowed is not None else None
        seen: set[str] = set()
        for key_node, value_node in node.value:
            key = str(key_node.value) if isinstance(key_node, ScalarNode) else ""
            if allowed is not None and key not in allowed:
                self.report(key_node, f"unknown key {key!r} in {what}{suggest(key, allowed)}")
                continue
            if key in seen:
                self.report(key_node, f"{key!r} is given twice in {what}; the second is ignored")
                continue
            seen.add(key)
            yield key, key_node, value_node

    def sequence(self, node: Node, what: str) -> list[Node]:
        if isinstance(node, SequenceNode):
            return list(node.value)
        self.report(node, f"{what} must be a list, like [KAZ, RUS]")
        return []

    def string(self, node: Node, what: str) -> str | None:
        if isinstance(node, ScalarNode) and value(node) is not None and not isinstance(value(node), bool):
            return str(node.value)
        self.report(node, f"{what} must be text")
        return None

    def number(self, node: Node, what: str, low: float, high: float) -> float | None:
        number = value(node) if isinstance(node, ScalarNode) else None
        if isinstance(number, bool) or not isinstance(number, (int, float)):
            self.report(node, f"{what} must be a number")
            return None
        if not low <= number <= high:
            self.report(node, f"{what} must be between {low:g} and {high:g}, not {_shown(number)}")
            return None
        return float(number)


def _shown(number: float) -> str:
    """A number for a message; one with hundreds of digits is not written out."""
    if isinstance(number, int) and abs(number) >= 10**15:
        return f"a number of {len(str(abs(number)))} digits"
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
    return f" (did you mean {close[0]!r}?)" if close else ""
