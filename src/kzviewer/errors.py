"""The one family of errors kzviewer reports to people.

Pure code raises these with the file (and line) at fault; the Qt layer shows
them in the window and the CLI prints them and exits 1.
"""

from __future__ import annotations

from dataclasses import dataclass
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


@dataclass(frozen=True, order=True)
class Problem:
    """One thing wrong in a deck or countries file, where it is."""

    path: str
    line: int
    message: str

    def __str__(self) -> str:
        return f"{self.path}:{self.line}: {self.message}"


class DeckError(KzError):
    """A deck or countries file is wrong: every problem found, in order."""

    def __init__(self, problems: list[Problem]) -> None:
        first = problems[0]
        super().__init__(first.message, first.path, first.line)
        self.problems = sorted(problems)

    def __str__(self) -> str:
        return "\n".join(str(p) for p in self.problems)


class ExportError(KzError):
    """An export could not be written."""
