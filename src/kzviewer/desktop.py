"""The application menu's entry for kzviewer on Linux (and other freedesktop systems).

``kzviewer --install-desktop-entry`` writes ``kzviewer.desktop`` and the icon
under ``$XDG_DATA_HOME`` (``~/.local/share``), for the user alone and with no
root rights, so that kzviewer appears among the applications and opens decks
(Markdown files) from a file manager.  Removing the two files removes it.
"""

from __future__ import annotations

import os
import re
import sys
from pathlib import Path

from kzviewer import resources
from kzviewer.errors import KzError
from kzviewer.files import write_atomic
from kzviewer.i18n import FALLBACK, LANGUAGES, N_, _, catalogue


def data_home() -> Path:
    return Path(os.environ.get("XDG_DATA_HOME") or Path.home() / ".local" / "share")


def launcher() -> list[str]:
    """The command that starts this kzviewer: its own script where there is one
    (a virtual environment's bin/kzviewer), else this Python with -m."""
    # absolute(), not resolve(): a virtual environment's python is a link to
    # the base interpreter, which would not find kzviewer.
    script = Path(sys.argv[0]).absolute() if sys.argv and sys.argv[0] else None
    if script and script.name == "kzviewer" and script.is_file():
        return [str(script)]
    return [str(Path(sys.executable).absolute()), "-m", "kzviewer"]


GENERIC_NAME = N_("Lecture slides with a live map")
COMMENT = N_("Slides beside an offline map that follows them")


def entry(command: list[str]) -> str:
    """The desktop entry, its words in every language kzviewer speaks."""
    exec_line = " ".join(_quote(part) for part in command) + " %f"
    words = []
    for key, message in (("GenericName", GENERIC_NAME), ("Comment", COMMENT)):
        words.append(f"{key}={message}")
        words += [f"{key}[{code}]={catalogue(code).gettext(message)}" for code in LANGUAGES if code != FALLBACK]
    return "\n".join(
        [
            "[Desktop Entry]",
            "Type=Application",
            "Name=kzviewer",
            *words,
            f"Exec={exec_line}",
            "Icon=kzviewer",
            "Terminal=false",
            "Categories=Education;Geography;",
            "MimeType=text/markdown;",
            "StartupWMClass=kzviewer",
            "",
        ]
    )


def _quote(part: str) -> str:
    """An argument of Exec=, quoted as the desktop entry specification asks:
    in double quotes with ", `, $ and \\ escaped, then \\ and % escaped again
    as any value's are."""
    if not (part and all(c.isalnum() or c in "/._-+" for c in part)):
        part = '"' + re.sub(r'(["`$\\])', r"\\\1", part) + '"'
    return part.replace("\\", "\\\\").replace("%", "%%")


def install(command: list[str] | None = None) -> list[Path]:
    """Write the entry and the icon; the files written."""
    if sys.platform in ("win32", "darwin"):
        raise KzError(_("an application menu entry is for Linux; on Windows and macOS start .venv's kzviewer"))
    home = data_home()
    desktop = home / "applications" / "kzviewer.desktop"
    icon = home / "icons" / "hicolor" / "scalable" / "apps" / "kzviewer.svg"
    for path in (desktop, icon):
        path.parent.mkdir(parents=True, exist_ok=True)
    write_atomic(desktop, entry(command or launcher()))
    write_atomic(icon, resources.icon_file().read_text(encoding="utf-8"))
    return [desktop, icon]
