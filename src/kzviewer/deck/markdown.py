"""Slide Markdown to HTML: CommonMark with tables, raw HTML shown as text."""

from __future__ import annotations

import functools
from typing import Any


@functools.lru_cache(maxsize=1)
def _parser() -> Any:
    from markdown_it import MarkdownIt

    # "html": False makes raw HTML in a deck plain text; markdown-it also
    # refuses javascript:, vbscript:, file: and data: links (but for images).
    return MarkdownIt("commonmark", {"html": False}).enable(["table", "strikethrough"])


def render(text: str) -> str:
    return str(_parser().render(text))


def images(text: str) -> list[str]:
    """The source of every image of ``text``, in order."""
    return [str(child.attrs.get("src", "")) for token in _parser().parse(text) if token.type == "inline"
            for child in token.children or [] if child.type == "image"]


def first_heading(text: str) -> tuple[str, int, int] | None:
    """The first heading of ``text``: its plain text and its first and last
    line (0-based, end exclusive), or None."""
    tokens = _parser().parse(text)
    for i, token in enumerate(tokens):
        if token.type == "heading_open" and token.map:
            inline = tokens[i + 1]
            plain = "".join(child.content for child in (inline.children or [])
                            if child.type in ("text", "code_inline"))
            return plain.strip() or inline.content.strip(), token.map[0], token.map[1]
    return None
