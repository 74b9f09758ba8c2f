"""Where kzviewer logs, and how: a rotating file in the user's state folder, stderr on request."""

from __future__ import annotations

import logging
import sys
from pathlib import Path

from kzviewer.i18n import _


def log_file() -> Path:
    """Where kzviewer keeps its log: the user's state folder."""
    import platformdirs

    return Path(platformdirs.user_state_dir("kzviewer")) / "kzviewer.log"


LOG_BYTES = 1_000_000  # a log this big is set aside at the next start
LOG_KEPT = 2  # logs set aside and kept: kzviewer.log.1, kzviewer.log.2


def set_up_logging(verbose: bool) -> None:
    """Warnings and errors to the log file; with --verbose, kzviewer's debugging
    and the libraries' news and warnings to stderr too.

    The log is set aside when it has grown past LOG_BYTES, at start-up only
    (logging.handlers' rotating handler would cost every start its import)."""
    root = logging.getLogger()
    root.setLevel(logging.INFO)
    # kzviewer's own debugging with --verbose; the libraries' (Markdown's parser
    # writes lines by the thousand) would bury it.
    logging.getLogger("kzviewer").setLevel(logging.DEBUG if verbose else logging.NOTSET)
    for old in [h for h in root.handlers if h.get_name() == "kzviewer"]:  # called again in one process
        root.removeHandler(old)
        old.close()
    path = log_file()
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        if path.exists() and path.stat().st_size > LOG_BYTES:
            _set_aside(path)
    except OSError:
        pass  # the log grows on: not set aside (another kzviewer holds it, say)
    try:
        handler: logging.Handler = logging.FileHandler(path, encoding="utf-8")
        handler.set_name("kzviewer")
        handler.setLevel(logging.WARNING)
        handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
        root.addHandler(handler)
    except OSError:
        pass  # no log file is no reason not to lecture
    if verbose:
        stderr = logging.StreamHandler()
        stderr.set_name("kzviewer")
        stderr.setFormatter(logging.Formatter("%(levelname)s %(name)s: %(message)s"))
        root.addHandler(stderr)


def _set_aside(path: Path) -> None:
    """kzviewer.log.1 to .2, and so on up to LOG_KEPT; then the log to .1."""
    for n in range(LOG_KEPT - 1, 0, -1):
        older = path.with_name(f"{path.name}.{n}")
        if older.exists():
            older.replace(path.with_name(f"{path.name}.{n + 1}"))
    path.replace(path.with_name(f"{path.name}.1"))


def print_progress(done: int, total: int) -> None:
    """An export's progress on stderr: one line rewritten in a terminal, a line
    per slide otherwise (a log, CI); a line break once it is done."""
    line = _("kzviewer: exporting slide {done} of {total}").format(done=done, total=total)
    if sys.stderr.isatty():
        print(f"\r{line}", end="\n" if done == total else "", file=sys.stderr, flush=True)
    else:
        print(line, file=sys.stderr, flush=True)
