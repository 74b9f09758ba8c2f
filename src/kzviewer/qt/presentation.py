"""The presentation state shared by the audience window and the presenter console."""

from __future__ import annotations

from PySide6.QtCore import QElapsedTimer, QObject, Signal

from kzviewer.deck.model import Deck, Slide


class Presentation(QObject):
    """Which deck, which slide, whether the screen is blanked, and the talk's timer.

    Views are handed this object and listen to its signals; whatever the
    presenter does in one window therefore shows in every other.
    """

    deckChanged = Signal()
    slideChanged = Signal(int)  # the new slide's number, from 1
    blankChanged = Signal(str)  # "", "black" or "white"
    timerChanged = Signal()

    def __init__(self, deck: Deck, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.deck = deck
        self.number = 1
        self.blank = ""
        self._clock = QElapsedTimer()
        self._banked_ms = 0  # time counted before the last pause
        self.running = False

    # -- the deck and the slide -------------------------------------------------

    @property
    def slide(self) -> Slide | None:
        return self.deck.slide(self.number) if self.deck.slides else None

    @property
    def count(self) -> int:
        return len(self.deck.slides)

    def set_deck(self, deck: Deck) -> None:
        """Show another version of the deck, staying on the same slide where it still exists."""
        self.deck = deck
        self.number = max(1, min(self.number, len(deck.slides)))
        self.deckChanged.emit()
        self.slideChanged.emit(self.number)

    def go(self, number: int) -> None:
        number = max(1, min(number, self.count))
        if self.blank:
            self.set_blank("")
        if number != self.number and self.count:
            self.number = number
            self.start_timer_once()
            self.slideChanged.emit(number)

    def next(self) -> None:
        self.go(self.number + 1)

    def previous(self) -> None:
        self.go(self.number - 1)

    # -- black and white screens ---------------------------------------------

    def set_blank(self, kind: str) -> None:
        if kind != self.blank:
            self.blank = kind
            self.blankChanged.emit(kind)

    def toggle_blank(self, kind: str) -> None:
        self.set_blank("" if self.blank == kind else kind)

    # -- the timer ---------------------------------------------------------------

    def elapsed_ms(self) -> int:
        return self._banked_ms + (self._clock.elapsed() if self.running else 0)

    def start_timer_once(self) -> None:
        """The timer starts by itself on the first move through the deck."""
        if not self.running and self._banked_ms == 0:
            self.toggle_timer()

    def toggle_timer(self) -> None:
        if self.running:
            self._banked_ms += self._clock.elapsed()
            self.running = False
        else:
            self._clock.start()
            self.running = True
        self.timerChanged.emit()

    def reset_timer(self) -> None:
        self._banked_ms = 0
        self.running = False
        self.timerChanged.emit()
