"""The presentation: everything the audience can see, as one model with a signal per change.

The window, the map view, the country panel, the presenter console, the
overview and the keys are views and controllers of one :class:`Presentation`:
they listen to its signals and change it only through its methods.  Its
logic needs no Qt and no display (tests/model).
"""

from __future__ import annotations

import time
from collections.abc import Callable
from enum import Enum

from kzviewer.deck.mapstate import MapState
from kzviewer.deck.model import Deck, Slide
from kzviewer.mapping.snapshot import MapSnapshot, SelectedBorder, SelectedCountry, Selection, View
from kzviewer.model.signal import Signal


class Blank(Enum):
    """The screen the audience sees instead of the slides (B and W)."""

    NONE = "none"
    BLACK = "black"
    WHITE = "white"


class Presentation:
    """Which deck and slide, presenting or not, a blank screen, the overview,
    the country or border selected on the map, the view the lecturer explored
    to, and the talk's timer.

    ``clock`` gives seconds from any fixed point (``time.monotonic``); tests
    hand it a clock of their own.
    """

    def __init__(self, deck: Deck, clock: Callable[[], float] = time.monotonic) -> None:
        self.deck_changed: Signal[[Deck]] = Signal()  # another deck, or this one read again
        self.slide_changed: Signal[[int]] = Signal()  # the new slide's number, from 1
        self.presenting_changed: Signal[[bool]] = Signal()
        self.blank_changed: Signal[[Blank]] = Signal()
        self.overview_changed: Signal[[bool]] = Signal()
        self.selection_changed: Signal[[Selection | None]] = Signal()
        self.view_changed: Signal[[View | None]] = Signal()  # None: the slide's own view
        self.map_changed: Signal[[MapSnapshot]] = Signal()  # once per change of what the map shows
        self.timer_changed: Signal[[]] = Signal()
        self._deck = deck
        self._number = 1
        self._presenting = False
        self._blank = Blank.NONE
        self._overview = False
        self._selection: Selection | None = None
        self._view: View | None = None
        self._clock = clock
        self._started_at: float | None = None  # while the timer runs
        self._banked = 0.0  # seconds counted before the last pause

    # -- what it is now ----------------------------------------------------------

    @property
    def deck(self) -> Deck:
        return self._deck

    @property
    def number(self) -> int:
        """The current slide's number, from 1."""
        return self._number

    @property
    def count(self) -> int:
        return len(self._deck.slides)

    @property
    def slide(self) -> Slide | None:
        return self._deck.slide(self._number) if self._deck.slides else None

    @property
    def presenting(self) -> bool:
        return self._presenting

    @property
    def blank(self) -> Blank:
        return self._blank

    @property
    def overview(self) -> bool:
        return self._overview

    @property
    def selection(self) -> Selection | None:
        return self._selection

    @property
    def view(self) -> View | None:
        return self._view

    @property
    def map_state(self) -> MapState:
        """The map state in force: the slide's, or the deck's first one."""
        slide = self.slide
        return slide.map if slide is not None else self._deck.initial

    def map_snapshot(self) -> MapSnapshot:
        return MapSnapshot(self.map_state, self._selection, self._view)

    # -- the deck ----------------------------------------------------------------

    def open(self, deck: Deck) -> None:
        """Another deck, from its first slide, with nothing selected or explored."""
        self._deck = deck
        self._number = 1
        self.set_overview(False)
        self._set_blank(Blank.NONE)
        self.deck_changed.emit(deck)
        self.slide_changed.emit(self._number)
        self._set_map(None, None, always=True)

    def reload(self, deck: Deck) -> None:
        """A new version of the same deck, kept on the same slide where it still exists.

        The selection stays (the panel shows the country's new text); the
        explored view stays unless the slide's own map changed.
        """
        before = self.map_state
        self._deck = deck
        self._number = max(1, min(self._number, len(deck.slides)))
        self.deck_changed.emit(deck)
        self.slide_changed.emit(self._number)
        self._set_map(self._selection, self._view if self.map_state == before else None, always=True)

    # -- moving through the slides -------------------------------------------------

    def go(self, number: int) -> None:
        """Slide ``number`` (clamped to the deck); lifts a blank screen and
        puts the map back to the slide's own state."""
        number = max(1, min(number, self.count))
        self._set_blank(Blank.NONE)
        if number == self._number or not self.count:
            return
        self._number = number
        self.start_timer_once()
        self.slide_changed.emit(number)
        self._set_map(None, None, always=True)

    def next(self) -> None:
        self.go(self._number + 1)

    def previous(self) -> None:
        self.go(self._number - 1)

    def first(self) -> None:
        self.go(1)

    def last(self) -> None:
        self.go(self.count)

    # -- presenting, blank screens and the overview ---------------------------------

    def set_presenting(self, on: bool) -> None:
        if on == self._presenting:
            return
        self._presenting = on
        if on:
            self.start_timer_once()
        self.presenting_changed.emit(on)

    def toggle_blank(self, kind: Blank) -> None:
        """Black or white screen; the same key again returns."""
        self._set_blank(Blank.NONE if self._blank is kind else kind)

    def _set_blank(self, kind: Blank) -> None:
        if kind is not self._blank:
            self._blank = kind
            self.blank_changed.emit(kind)

    def set_overview(self, on: bool) -> None:
        if on != self._overview:
            self._overview = on
            self.overview_changed.emit(on)

    def toggle_overview(self) -> None:
        self.set_overview(not self._overview)

    def step_back(self) -> bool:
        """Esc: close the overview, else lift a blank screen, else stop
        presenting.  False when there was none of these to leave."""
        if self._overview:
            self.set_overview(False)
        elif self._blank is not Blank.NONE:
            self._set_blank(Blank.NONE)
        elif self._presenting:
            self.set_presenting(False)
        else:
            return False
        return True

    # -- the map -------------------------------------------------------------------------

    def select_country(self, iso3: str) -> None:
        """A country clicked on the map or named in the panel: its role is shown."""
        self._set_map(SelectedCountry(iso3), self._view)

    def select_border(self, a: str, b: str) -> None:
        self._set_map(SelectedBorder.of(a, b), self._view)

    def explore(self, view: View) -> None:
        """The lecturer moved the map away from the slide's own view."""
        self._set_map(self._selection, view)

    def reset_map(self) -> None:
        """Back to the slide's own view, nothing selected (the 0 key)."""
        self._set_map(None, None)

    def _set_map(self, selection: Selection | None, view: View | None, always: bool = False) -> None:
        """Change the selection and the view; tell those who listen what changed,
        and the map once.  ``always``: the map's state changed in any case."""
        changed = always
        if selection != self._selection:
            self._selection = selection
            self.selection_changed.emit(selection)
            changed = True
        if view != self._view:
            self._view = view
            self.view_changed.emit(view)
            changed = True
        if changed:
            self.map_changed.emit(self.map_snapshot())

    # -- the timer -------------------------------------------------------------------------

    @property
    def running(self) -> bool:
        return self._started_at is not None

    def elapsed_ms(self) -> int:
        running = self._clock() - self._started_at if self._started_at is not None else 0.0
        return int((self._banked + running) * 1000)

    def start_timer_once(self) -> None:
        """The timer starts by itself on the first move through the deck."""
        if self._started_at is None and self._banked == 0:
            self.toggle_timer()

    def toggle_timer(self) -> None:
        if self._started_at is not None:
            self._banked += self._clock() - self._started_at
            self._started_at = None
        else:
            self._started_at = self._clock()
        self.timer_changed.emit()

    def reset_timer(self) -> None:
        self._banked = 0.0
        self._started_at = None
        self.timer_changed.emit()
