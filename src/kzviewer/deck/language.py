"""A deck's language, read from its front matter before anything else is.

The language of a run is chosen before the window (or ``check``) starts, so
this reads only the front matter's ``lang:`` line, with no YAML parser: the
deck itself is parsed later, and its parser reports a ``lang:`` it does not
know.
"""

from __future__ import annotations

from pathlib import Path

from kzviewer.files import DECK_CAP, FileRefused, read_inside, split_lines
from kzviewer.i18n import LANGUAGES

_FRONT_MATTER_PEEK = 16_384  # bytes: a front matter is a few lines


def front_matter_language(path: Path) -> str | None:
    """The ``lang:`` a deck's front matter gives, if it is one kzviewer
    speaks; read before the deck is (the language is chosen first)."""
    try:  # a pipe or a device is not read, nor waited for (read_inside)
        head = read_inside(path, None, DECK_CAP, "", head=_FRONT_MATTER_PEEK)
    except FileRefused:
        return None  # the deck's own reading says why
    lines = split_lines(head.decode("utf-8-sig", errors="replace"))  # as the deck's parser finds them
    if not lines or lines[0].strip() != "---":
        return None
    for line in lines[1:]:
        if line.strip() in ("---", "..."):
            break
        key, colon, rest = line.partition(":")
        if colon and key.strip() == "lang" and not line[:1].isspace():
            code = rest.split("#")[0].strip().strip("'\"")
            return code if code in LANGUAGES else None
    return None
