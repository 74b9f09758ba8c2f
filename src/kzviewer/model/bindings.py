"""The keys, as data: one table from which the shortcuts, the ? help, the
overview's hints and the README's key table are all made.

Keys are named as Qt's ``QKeySequence`` reads them ("PgDown", "Esc", "?");
the Qt layer turns the names into shortcuts, and the help shows them as a
lecturer knows them ("PageDown", "→").
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import Enum


class Context(Enum):
    """Where a key acts: on the slides, or in the overview while it is open."""

    SLIDES = "slides"
    OVERVIEW = "overview"


@dataclass(frozen=True)
class Binding:
    action: str  # the name the window's table of actions knows it by
    keys: tuple[str, ...]
    does: str  # what the help says it does
    context: Context = Context.SLIDES
    repeats: bool = False  # held down, the key acts again and again
    shown: str = ""  # how the help writes the keys, where their names would not do


OVERVIEW = Context.OVERVIEW
DIGITS = tuple(str(d) for d in range(1, 10))

BINDINGS: tuple[Binding, ...] = (
    Binding("next", ("Right", "Down", "PgDown", "Space", "N", "Return", "Enter"), "next slide", repeats=True),
    Binding("previous", ("Left", "Up", "PgUp", "Backspace", "P"), "previous slide", repeats=True),
    Binding("first", ("Home",), "first slide"),
    Binding("last", ("End",), "last slide"),
    Binding("present", ("F5",), "start presenting (full screen)"),
    Binding(
        "step-back",
        ("Esc",),
        "step back, one at a time: the overview, a black or white screen, the zoom, the laser or the pen, "
        "presenting, full screen",
    ),
    Binding("full-screen", ("F", "F11"), "full screen on or off"),
    Binding("black", ("B", ".", "/"), "black screen (again to return)"),
    Binding("white", ("W", ","), "white screen (again to return)"),
    Binding("go-to", ("G",), "go to a slide by its number"),
    Binding("number", DIGITS, "go to that slide", shown="digits, then Enter"),
    Binding("overview", ("O", "Tab"), "overview of all slides"),
    Binding("console", ("S",), "presenter console (notes, timer, clock, next slide with its map)"),
    Binding("pause-timer", ("T",), "pause or restart the timer"),
    Binding("reset-timer", ("R",), "reset the timer"),
    Binding("reset-map", ("0",), "put the map back to the slide's own view after exploring"),
    Binding("laser", ("L",), "laser pointer: a red dot follows the mouse on the slide and the map (again to stop)"),
    Binding("pen", ("D",), "draw on the slide and the map; the ink stays with its slide (again to stop)"),
    Binding("clear-ink", ("C",), "clear this slide's ink"),
    Binding("zoom", ("Z",), "zoom: drag a box to enlarge that part of the slide or the map (Z or Esc returns)"),
    Binding("keys", ("?", "F1"), "this list of keys"),
    Binding("overview-next", ("Right", "PgDown", "Space"), "next slide", OVERVIEW, repeats=True),
    Binding("overview-previous", ("Left", "PgUp", "Backspace"), "previous slide", OVERVIEW, repeats=True),
    Binding("overview-down", ("Down",), "a row down", OVERVIEW, repeats=True),
    Binding("overview-up", ("Up",), "a row up", OVERVIEW, repeats=True),
    Binding("overview-first", ("Home",), "first slide", OVERVIEW),
    Binding("overview-last", ("End",), "last slide", OVERVIEW),
    Binding("overview-pick", ("Return", "Enter"), "go to the slide chosen", OVERVIEW),
    Binding("overview-close", ("Esc", "O", "Tab"), "close the overview", OVERVIEW),
)

# How the help writes keys whose Qt names a lecturer would not recognise.
_SHOWN = {
    "Right": "→",
    "Left": "←",
    "Down": "↓",
    "Up": "↑",
    "PgDown": "PageDown",
    "PgUp": "PageUp",
    "Return": "Enter",
}


def bindings(context: Context = Context.SLIDES) -> tuple[Binding, ...]:
    return tuple(b for b in BINDINGS if b.context is context)


def binding(action: str) -> Binding:
    return next(b for b in BINDINGS if b.action == action)


def keys_text(binding: Binding, separator: str = " ") -> str:
    """The keys of a binding as the help writes them: ``→ ↓ PageDown Space N Enter``."""
    if binding.shown:
        return binding.shown
    names: list[str] = []
    for key in binding.keys:
        name = _SHOWN.get(key, key)
        if name not in names:  # Return and Enter are both Enter
            names.append(name)
    return separator.join(names)


def keys_of(action: str) -> str:
    """The keys of an action for a menu or a hint: ``O or Tab``."""
    return keys_text(binding(action), " or ")


def markdown_table(context: Context = Context.SLIDES) -> str:
    """The README's key table."""
    rows = [f"| {keys_text(b)} | {b.does} |" for b in bindings(context)]
    return "\n".join(["| keys | action |", "|---|---|", *rows])


def help_html() -> str:
    """The ? help: every key, those of the overview after."""
    from html import escape  # not needed until asked for (html.entities is big)

    parts = []
    for context, heading in ((Context.SLIDES, ""), (Context.OVERVIEW, "In the overview")):
        if heading:
            parts.append(f"<p><b>{heading}</b></p>")
        rows = "".join(
            f"<tr><td><b>{escape(keys_text(b))}</b></td><td>{escape(b.does)}</td></tr>" for b in bindings(context)
        )
        parts.append(f'<table cellpadding="3">{rows}</table>')
    return "".join(parts)


def hint(context: Context) -> str:
    """One line of what the keys do, for a view that wants to remind the lecturer."""
    return "  ·  ".join(f"{keys_text(b)}: {b.does}" for b in bindings(context))


if __name__ == "__main__":  # the README's key table, to paste
    print(markdown_table())
