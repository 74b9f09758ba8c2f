"""The command line: ``kzviewer [DECK]``, ``check``, ``export`` and ``map``.

Qt is imported only by the commands that need it.
"""

from __future__ import annotations

import argparse
import signal
import sys
from pathlib import Path

from kzviewer import __version__, i18n, resources
from kzviewer.deck.language import front_matter_language
from kzviewer.errors import KzError
from kzviewer.i18n import N_, _, ngettext
from kzviewer.logs import set_up_logging

COMMANDS = ("check", "export", "map")
DESCRIPTIONS = {
    None: N_("Lecture slides beside a live, offline map."),
    "check": N_("Check a deck and its countries file; print every problem as path:line: message."),
    "export": N_(
        "Export the slides to PDF, one 16:9 page per slide with its map, or, with OUT.html, to one "
        "self-contained HTML handout (slides, maps, clickable countries) for any browser. Needs no display."
    ),
    "map": N_("Write one slide's map as a standalone page that works offline in any browser."),
}


def _parser(command: str | None) -> argparse.ArgumentParser:
    """The parser of ``kzviewer [DECK]`` (command None) or of one of COMMANDS."""
    parser = argparse.ArgumentParser(
        prog=f"kzviewer {command}" if command else "kzviewer",
        description=_(DESCRIPTIONS[command]),
        epilog=None if command else _("Commands: kzviewer check|export|map --help"),
    )
    parser.add_argument("deck", nargs="?", type=Path, metavar="DECK", help=_("a deck (default: the bundled lecture)"))
    parser.add_argument("-v", "--verbose", action="store_true", help=_("log to stderr"))
    parser.add_argument(
        "--lang",
        choices=list(i18n.LANGUAGES),
        help=_(
            "the language of the interface, the map's names and the export "
            "(default: the deck's lang:, else the system's)"
        ),
    )
    if command is None:
        parser.add_argument("--version", action="version", version=f"kzviewer {__version__}")
        parser.add_argument(
            "--install-desktop-entry",
            action="store_true",
            help=_("add kzviewer to the application menu (Linux: a desktop entry and an icon, for this user)"),
        )
        # For the benchmark and smoke tests: print "map-ready" and quit once the map is drawn.
        parser.add_argument("--exit-when-ready", action="store_true", help=argparse.SUPPRESS)
        parser.add_argument(
            "--duration",
            type=_minutes,
            metavar="MIN",
            help=_("the talk's length in minutes, for the console's pacing (default: the deck's duration:)"),
        )
    if command == "map":
        parser.add_argument("--slide", type=int, default=1, metavar="N", help=_("show slide N's map (default: 1)"))
    if command in ("export", "map"):
        suffix = "pdf|OUT.html" if command == "export" else "html"
        parser.add_argument("-o", "--output", type=Path, required=True, metavar=f"OUT.{suffix}")
    if command == "export":
        parser.add_argument(
            "--notes",
            action="store_true",
            help=_(
                "add a page of speaker notes after each slide (PDF); put the notes in the handout, "
                "shown when its address ends in ?notes (HTML)"
            ),
        )
    return parser


def _asked_language(argv: list[str]) -> str | None:
    """``--lang xx`` or ``--lang=xx`` in ``argv``, before it is parsed."""
    for i, arg in enumerate(argv):
        if arg == "--lang" and i + 1 < len(argv):
            return argv[i + 1]
        if arg.startswith("--lang="):
            return arg.partition("=")[2]
    return None


def _minutes(text: str) -> float:
    # Here, not at the top: the deck's model is read on a worker thread at start-up.
    from kzviewer.deck.model import MAX_DURATION, MIN_DURATION

    try:
        minutes = float(text)
    except ValueError:
        raise argparse.ArgumentTypeError(_("{text!r} is not a number of minutes").format(text=text)) from None
    if not MIN_DURATION <= minutes <= MAX_DURATION:
        raise argparse.ArgumentTypeError(
            _("a talk lasts from {low} to {high} minutes, not {text}").format(
                low=MIN_DURATION, high=MAX_DURATION, text=text
            )
        )
    return minutes


def main(argv: list[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    command = argv[0] if argv and argv[0] in COMMANDS else None
    i18n.set_language(i18n.choose(_asked_language(argv), None))  # for --help, before the deck is known
    args = _parser(command).parse_args(argv[1:] if command else argv)
    set_up_logging(args.verbose)
    if args.deck is None:  # the bundled lecture, in the run's language where it has an edition in it
        i18n.set_language(i18n.choose(args.lang, None))
        deck = resources.bundled_deck(i18n.language())
    else:
        i18n.set_language(i18n.choose(args.lang, front_matter_language(args.deck)))
        deck = args.deck
    try:
        if command == "check":
            return check(deck, shown_as=str(args.deck) if args.deck else None)
        if command == "map":
            return write_map(deck, args.slide, args.output)
        if command == "export" and args.output.suffix.lower() in (".html", ".htm"):
            return write_handout(deck, args.output, args.notes)
        if command == "export":
            from kzviewer.qt.app import export

            return export(deck, args.output, args.notes)
        if args.install_desktop_entry:
            from kzviewer.desktop import install

            for path in install():
                print(_("wrote {path}").format(path=path), file=sys.stderr)
            return 0
        from kzviewer.qt.app import run

        if args.deck is not None and not args.deck.exists():
            raise KzError(_("no such file"), args.deck)
        return run(deck, args.duration, exit_when_ready=args.exit_when_ready)
    except KzError as err:
        print(f"kzviewer: {err}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:  # Ctrl-C before the work had begun: nothing was written
        print(_("kzviewer: interrupted"), file=sys.stderr)
        return 130


def check(path: Path, shown_as: str | None = None) -> int:
    """Print every problem of a deck; 0 when there is none, else 1."""
    from kzviewer.deck.parser import parse_deck

    parsed, problems = parse_deck(path, shown_as=shown_as)
    for problem in problems:
        print(problem)
    if problems:
        count = len(problems)
        print(
            ngettext("{path}: {n} problem", "{path}: {n} problems", count).format(path=path, n=count), file=sys.stderr
        )
        return 1
    count = len(parsed.slides)
    print(
        ngettext("{path}: {n} slide, no problems", "{path}: {n} slides, no problems", count).format(path=path, n=count),
        file=sys.stderr,
    )
    return 0


class _Stopped(Exception):
    """SIGTERM during an export."""


def write_handout(deck_path: Path, output: Path, notes: bool) -> int:
    """``kzviewer export DECK -o OUT.html``: the handout, which needs no Qt at all.

    Ctrl-C (SIGINT) or SIGTERM stop it: nothing is written, and the exit code
    is 128 plus the signal's number.
    """
    from kzviewer.deck.parser import load_deck
    from kzviewer.handout import export_handout
    from kzviewer.logs import print_progress

    deck = load_deck(deck_path)  # a deck with problems is not exported: they are listed

    def stop(signum: int, frame: object) -> None:
        raise _Stopped()

    previous = signal.signal(signal.SIGTERM, stop)
    try:
        export_handout(deck, output, notes, print_progress)
    except (KeyboardInterrupt, _Stopped) as stopped:
        signum = signal.SIGTERM if isinstance(stopped, _Stopped) else signal.SIGINT
        print(file=sys.stderr)
        message = _("kzviewer: {signal}: the export was stopped; no file was written")
        print(message.format(signal=signum.name), file=sys.stderr)
        return 128 + signum
    finally:
        signal.signal(signal.SIGTERM, previous)
    count = len(deck.slides)
    print(
        ngettext("kzviewer: wrote {path} ({n} slide)", "kzviewer: wrote {path} ({n} slides)", count).format(
            path=output, n=count
        ),
        file=sys.stderr,
    )
    return 0


def write_map(deck_path: Path, slide: int, output: Path) -> int:
    """The map of one slide as a page that works offline in any browser."""
    from kzviewer.deck.parser import load_deck
    from kzviewer.files import FileRefused, check_output, write_atomic
    from kzviewer.mapping.page import PageSpec, build_page

    deck = load_deck(deck_path)
    if not 1 <= slide <= len(deck.slides):
        raise KzError(
            _("--slide {slide}: the deck has slides 1 to {last}").format(slide=slide, last=len(deck.slides)), deck.path
        )
    try:
        check_output(output, deck.files())
    except FileRefused as refused:
        raise KzError(_("cannot write the page: {why}").format(why=refused), output) from None
    html = build_page(PageSpec.for_deck(deck, slide), app=False)
    try:
        write_atomic(output, html)
    except OSError as err:
        raise KzError(_("cannot write the page ({why})").format(why=err.strerror), output) from None
    print(_("wrote {path}").format(path=output), file=sys.stderr)
    return 0
