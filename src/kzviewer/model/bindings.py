"""The keys, as data: one table from which the shortcuts, the ? help, the
overview's hints and the README's key table are all made.

Keys are named as Qt's ``QKeySequence`` reads them ("PgDown", "Esc", "?");
the Qt layer turns the names into shortcuts, and the help shows them as a
lecturer knows them ("PageDown", "→").
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import Enum

from kzviewer.i18n import N_, _


class Context(Enum):
    """Where a key acts: on the slides, or in the overview while it is open."""

    SLIDES = "slides"
    OVERVIEW = "overview"


@dataclass(frozen=True)
class Binding:
    action: str  # the name the window's table of actions knows it by
    keys: tuple[str, ...]
    does: str  # what the help says it does (marked with N_, translated where shown)
    context: Context = Context.SLIDES
    repeats: bool = False  # held down, the key acts again and again
    shown: str = ""  # how the help writes the keys, where their names would not do (N_, as ``does``)


OVERVIEW = Context.OVERVIEW
DIGITS = tuple(str(d) for d in range(1, 10))

BINDINGS: tuple[Binding, ...] = (
    Binding("next", ("Right", "Down", "PgDown", "Space", "N", "Return", "Enter"), N_("next slide"), repeats=True),
    Binding("previous", ("Left", "Up", "PgUp", "Backspace", "P"), N_("previous slide"), repeats=True),
    Binding("first", ("Home",), N_("first slide")),
    Binding("last", ("End",), N_("last slide")),
    Binding("present", ("F5",), N_("start presenting (full screen)")),
    Binding(
        "step-back",
        ("Esc",),
        N_(
            "step back, one at a time: the overview, a black or white screen, the zoom, the laser or the pen, "
            "presenting, full screen"
        ),
    ),
    Binding("full-screen", ("F", "F11"), N_("full screen on or off")),
    Binding("black", ("B", ".", "/"), N_("black screen (again to return)")),
    Binding("white", ("W", ","), N_("white screen (again to return)")),
    Binding("go-to", ("G",), N_("go to a slide by its number")),
    Binding("number", DIGITS, N_("go to that slide"), shown=N_("digits, then Enter")),
    Binding("overview", ("O", "Tab"), N_("overview of all slides")),
    Binding("console", ("S",), N_("presenter console (notes, timer, clock, next slide with its map)")),
    Binding("pause-timer", ("T",), N_("pause or resume the timer")),
    Binding("reset-timer", ("R",), N_("reset the timer")),
    Binding("reset-map", ("0",), N_("put the map back to the slide's own view after exploring")),
    Binding("laser", ("L",), N_("laser pointer: a red dot follows the mouse on the slide and the map (again to stop)")),
    Binding("pen", ("D",), N_("draw on the slide and the map; the ink stays with its slide (again to stop)")),
    Binding("clear-ink", ("C",), N_("clear this slide's ink")),
    Binding("zoom", ("Z",), N_("zoom: drag a box to enlarge that part of the slide or the map (Z or Esc returns)")),
    Binding("keys", ("?", "F1"), N_("this list of keys")),
    Binding("overview-next", ("Right", "PgDown", "Space"), N_("next slide"), OVERVIEW, repeats=True),
    Binding("overview-previous", ("Left", "PgUp", "Backspace"), N_("previous slide"), OVERVIEW, repeats=True),
    Binding("overview-down", ("Down",), N_("a row down"), OVERVIEW, repeats=True),
    Binding("overview-up", ("Up",), N_("a row up"), OVERVIEW, repeats=True),
    Binding("overview-first", ("Home",), N_("first slide"), OVERVIEW),
    Binding("overview-last", ("End",), N_("last slide"), OVERVIEW),
    Binding("overview-pick", ("Return", "Enter"), N_("go to the slide chosen"), OVERVIEW),
    Binding("overview-close", ("Esc", "O", "Tab"), N_("close the overview"), OVERVIEW),
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


def _key_names(binding: Binding) -> list[str]:
    names: list[str] = []
    for key in binding.keys:
        name = _SHOWN.get(key, key)
        if name not in names:  # Return and Enter are both Enter
            names.append(name)
    return names


def keys_text(binding: Binding, translated: bool = True) -> str:
    """The keys of a binding as the help writes them: ``→ ↓ PageDown Space N Enter``
    (in English where not ``translated``: the README)."""
    if binding.shown:
        return _(binding.shown) if translated else binding.shown
    return " ".join(_key_names(binding))


def keys_of(action: str) -> str:
    """The keys of an action for a menu or a hint: ``O or Tab``."""
    bound = binding(action)
    if bound.shown:
        return _(bound.shown)
    first, *others = _key_names(bound)
    text = first
    for name in others:
        # TRANSLATORS: keys that do the same, as a menu names them: "O or Tab" ({keys} may itself be "B or .")
        text = _("{keys} or {key}").format(keys=text, key=name)
    return text


def markdown_table(context: Context = Context.SLIDES) -> str:
    """The README's key table, in English."""
    rows = [f"| {keys_text(b, translated=False)} | {b.does} |" for b in bindings(context)]
    return "\n".join(["| keys | action |", "|---|---|", *rows])


def help_html() -> str:
    """The ? help: every key, those of the overview after."""
    from html import escape  # not needed until asked for (html.entities is big)

    parts = []
    for context, heading in ((Context.SLIDES, ""), (Context.OVERVIEW, _("In the overview"))):
        if heading:
            parts.append(f"<p><b>{escape(heading)}</b></p>")
        rows = "".join(
            f"<tr><td><b>{escape(keys_text(b))}</b></td><td>{escape(_(b.does))}</td></tr>" for b in bindings(context)
        )
        parts.append(f'<table cellpadding="3">{rows}</table>')
    return "".join(parts)


def hint(context: Context) -> str:
    """One line of what the keys do, for a view that wants to remind the lecturer."""
    return "  ·  ".join(f"{keys_text(b)}: {_(b.does)}" for b in bindings(context))


if __name__ == "__main__":  # the README's key table, to paste
    print(markdown_table())
