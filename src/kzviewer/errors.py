"""The one family of errors kzviewer reports to people.

Pure code raises these with the file (and line) at fault; the Qt layer shows
them in the window and the CLI prints them and exits 1.
"""

from __future__ import annotations

from pathlib import Path


class KzError(Exception):
    """A problem a lecturer can fix, phrased for them."""

    def __init__(self, message: str, path: str | Path | None = None, line: int | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.path = str(path) if path is not None else None
        self.line = line

    def __str__(self) -> str:
        if self.path and self.line:
            return f"{self.path}:{self.line}: {self.message}"
        if self.path:
            return f"{self.path}: {self.message}"
        return self.message


class GeoDataError(KzError):
    """A file under assets/geo is missing or damaged."""


class DeckError(KzError):
    """A deck or countries file is wrong."""


class ExportError(KzError):
    """An export could not be written."""
