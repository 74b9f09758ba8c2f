"""The open deck's files: opening another, reading it again when it is saved,
the problems found in it, and the decks opened recently."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QFileSystemWatcher, QObject, QSettings, QTimer, Signal

from kzviewer.deck.model import Deck
from kzviewer.errors import Problem
from kzviewer.model.presentation import Presentation
from kzviewer.qt.subscribe import subscribe

RECENT_MAX = 8
RELOAD_DELAY_MS = 150


class DeckFiles(QObject):
    """Reads decks into the presentation; a deck with problems opens as far
    as it is valid, and a broken save keeps the last good version."""

    problemsFound = Signal(list, bool)  # the problems (a list of Problem), and whether the last good version stays
    reloaded = Signal(str)  # the deck's file name, read again after a save

    def __init__(self, presentation: Presentation, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.presentation = presentation
        self.watcher = QFileSystemWatcher(self)
        self.watcher.fileChanged.connect(self._file_changed)
        self._reload_timer = QTimer(self, singleShot=True, interval=RELOAD_DELAY_MS)
        self._reload_timer.timeout.connect(self.reload)
        subscribe(self, presentation.deck_changed, self._watch)
        self._watch(presentation.deck)

    def open(self, path: Path) -> bool:
        """Open another deck; False if it has no slide to show (its problems say why)."""
        deck, problems = _parse(path)
        self.problemsFound.emit(problems, False)
        if not deck.slides:
            return False
        self.presentation.open(deck)
        remember(path)
        return True

    def reload(self) -> None:
        """Read the open deck again."""
        deck, problems = _parse(self.presentation.deck.path)
        if not deck.slides or (problems and not all(s.title for s in deck.slides)):
            # Not good enough to replace the one shown: every slide must keep its title.
            self.problemsFound.emit(problems, True)
            self._watch(self.presentation.deck)  # keep watching, even a file that was replaced
            return
        self.presentation.reload(deck)
        self.problemsFound.emit(problems, False)
        self.reloaded.emit(deck.path.name)

    def _watch(self, deck: Deck) -> None:
        files = [str(p) for p in (deck.path, deck.countries.path) if p.is_file()]
        if self.watcher.files():
            self.watcher.removePaths(self.watcher.files())
        if files:
            self.watcher.addPaths(files)

    def _file_changed(self, path: str) -> None:
        # Editors save by writing a new file and renaming it: wait a moment,
        # then read whatever is there (and watch the new file).
        self._reload_timer.start()


def remember(path: Path) -> None:
    """Put a deck first in the recent list."""
    if not path.is_file():
        return
    settings = QSettings()
    name = str(path.resolve())
    settings.setValue("recent", [name, *[p for p in recent() if p != name]][:RECENT_MAX])


def recent() -> list[str]:
    # As a list: a list of one is read back from the settings file as a string,
    # which would be taken letter by letter.
    names = QSettings().value("recent", [], list)
    return [str(p) for p in names] if isinstance(names, list) else []


def _parse(path: Path) -> tuple[Deck, list[Problem]]:
    # The parser (and YAML) imported when a deck is first opened or edited: a
    # start reads its deck back from the cache (kzviewer.mapping.cache).
    from kzviewer.deck.parser import parse_deck

    return parse_deck(path)
