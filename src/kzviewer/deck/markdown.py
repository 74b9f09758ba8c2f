"""Slide Markdown to HTML: CommonMark with tables, raw HTML shown as text."""

from __future__ import annotations

import functools
import re
from typing import Any


@functools.lru_cache(maxsize=1)
def _parser() -> Any:
    from markdown_it import MarkdownIt

    # "html": False makes raw HTML in a deck plain text; markdown-it also
    # refuses javascript:, vbscript:, file: and data: links (but for images).
    return MarkdownIt("commonmark", {"html": False}).enable(["table", "strikethrough"])


# The only links a slide keeps: everything else (smb:, file paths, relative
# paths) is shown as its text, so neither the app nor a handout's reader
# follows it.
SAFE_SCHEMES = ("http", "https", "mailto")


def safe_link(href: str) -> bool:
    return href.split(":", 1)[0].lower() in SAFE_SCHEMES if ":" in href else False


def render(text: str) -> str:
    """A slide's Markdown as HTML: raw HTML as text, links only to the web and to mail."""
    parser = _parser()
    tokens = parser.parse(text)
    for token in tokens:
        if token.type == "inline" and token.children:
            token.children = _without_unsafe_links(token.children)
    return str(parser.renderer.render(tokens, parser.options, {}))


def _without_unsafe_links(children: list[Any]) -> list[Any]:
    """The inline tokens with every link that goes elsewhere than the web
    unwrapped: its text stays, the link goes."""
    kept: list[Any] = []
    unwrapped: list[bool] = []  # for each open link: was it dropped?
    for child in children:
        if child.type == "link_open":
            drop = not safe_link(str(child.attrs.get("href", "")))
            unwrapped.append(drop)
            if drop:
                continue
        elif child.type == "link_close" and unwrapped and unwrapped.pop():
            continue
        kept.append(child)
    return kept


def images(text: str) -> list[str]:
    """The source of every image of ``text``, in order."""
    if "![" not in text:  # no image: no need to parse (and to import markdown-it)
        return []
    return [
        str(child.attrs.get("src", ""))
        for token in _parser().parse(text)
        if token.type == "inline"
        for child in token.children or []
        if child.type == "image"
    ]


_ATX = re.compile(r"^ {0,3}#{1,6}(?:[ \t]+(.*?))?(?:[ \t]+#+)?[ \t]*$")
_SETEXT = re.compile(r"^ {0,3}=+[ \t]*$")
_FENCE = re.compile(r"^ {0,3}(`{3,}|~{3,})\s*([^`\s]*)")
_MARKUP = re.compile(r"[*_`\[\]<>&\\!]")


def first_heading(text: str) -> tuple[str, int, int] | None:
    """The first heading of ``text``: its plain text and its first and last
    line (0-based, end exclusive), or None.

    The common slide, which opens with "# A title" outside any code block, is
    read with two regular expressions; anything else goes to markdown-it.
    Checking a deck thus seldom needs markdown-it at all.
    """
    lines = text.split("\n")
    fence = None
    for number, line in enumerate(lines):
        was_in_code = fence is not None
        fence = fence_after(line, fence)
        if was_in_code or fence is not None:
            continue
        if not line.strip() or line.startswith(("    ", "\t")):
            continue
        atx = _ATX.match(line)
        title, end = (atx.group(1) or "", number + 1) if atx else (None, 0)
        if title is None and number + 1 < len(lines) and _SETEXT.match(lines[number + 1]):
            title, end = line.strip(), number + 2
        if title is not None and not _MARKUP.search(title):
            return title.strip(), number, end
        break  # a paragraph, a list, a quote or a heading with markup first: ask markdown-it
    return _first_heading_parsed(text)


def fence_after(line: str, fence: str | None) -> str | None:
    """The code fence open after ``line``: None outside code, else its marker.

    ``fence`` is the one open before the line.  A fence closes with a line of
    the same character, at least as long, with no info string (CommonMark).
    """
    match = _FENCE.match(line)
    if fence is None:
        return match.group(1) if match else None
    if match and match.group(1)[0] == fence[0] and len(match.group(1)) >= len(fence) and not match.group(2):
        return None
    return fence


def fence_info(line: str) -> str:
    """The info string of a line that opens a fence (``map`` in a map block), else \"\"."""
    match = _FENCE.match(line)
    return match.group(2) if match else ""


def _first_heading_parsed(text: str) -> tuple[str, int, int] | None:
    tokens = _parser().parse(text)
    for i, token in enumerate(tokens):
        if token.type == "heading_open" and token.map:
            inline = tokens[i + 1]
            plain = "".join(child.content for child in (inline.children or []) if child.type in ("text", "code_inline"))
            return plain.strip() or inline.content.strip(), token.map[0], token.map[1]
    return None
