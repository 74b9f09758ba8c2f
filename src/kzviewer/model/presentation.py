"""The presentation: everything the audience can see, as one model with a signal per change.

Besides the deck and the map it holds the lectern: the laser (L), the pen's
ink on each slide (D, C), the zoom (Z), and how long each slide took while
presenting (the rehearsal), with the talk's duration for pacing.

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
from kzviewer.mapping.snapshot import MapSnapshot, SelectedBorder, SelectedCountry, SelectedFeature, Selection, View
from kzviewer.model.lectern import Box, Pointer, Spot, Stroke, Surface
from kzviewer.model.pacing import PASSED_OVER, Pace, pace, weights
from kzviewer.model.signal import Signal


class Blank(Enum):
    """The screen the audience sees instead of the slides (B and W)."""

    NONE = "none"
    BLACK = "black"
    WHITE = "white"


class Presentation:
    """Which deck and slide, presenting or not, a blank screen, the overview,
    the country or border selected on the map, the view the lecturer explored
    to, the laser, ink and zoom, and the talk's timer.

    ``clock`` gives seconds from any fixed point (``time.monotonic``); tests
    hand it a clock of their own.  ``duration`` (minutes) overrides the deck's.
    """

    def __init__(self, deck: Deck, clock: Callable[[], float] = time.monotonic, duration: float | None = None) -> None:
        self.deck_changed: Signal[[Deck]] = Signal()  # another deck, or this one read again
        self.slide_changed: Signal[[int]] = Signal()  # the new slide's number, from 1
        self.presenting_changed: Signal[[bool]] = Signal()
        self.blank_changed: Signal[[Blank]] = Signal()
        self.overview_changed: Signal[[bool]] = Signal()
        self.selection_changed: Signal[[Selection | None]] = Signal()
        self.view_changed: Signal[[View | None]] = Signal()  # None: the slide's own view
        self.map_changed: Signal[[MapSnapshot]] = Signal()  # once per change of what the map shows
        self.timer_changed: Signal[[]] = Signal()
        self.pointer_changed: Signal[[Pointer]] = Signal()
        self.laser_moved: Signal[[Spot | None]] = Signal()
        self.ink_changed: Signal[[int]] = Signal()  # the number of the slide whose ink changed
        self.drawing_changed: Signal[[]] = Signal()  # the stroke being drawn on the slide grew or ended
        self.picking_changed: Signal[[bool]] = Signal()  # Z: a box to enlarge is being drawn
        self.zoom_changed: Signal[[Box | None]] = Signal()
        self.rehearsed: Signal[[dict[int, float]]] = Signal()  # seconds per slide, when presenting stops
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
        self._pointer = Pointer.NONE
        self._laser: Spot | None = None
        self._ink: dict[int, tuple[Stroke, ...]] = {}
        self._drawing: list[tuple[float, float]] = []  # on the slide, while the pen is down
        self._picking = False
        self._zoom: Box | None = None
        self._duration = duration
        self._rehearsal: dict[int, float] = {}  # the last rehearsal's seconds per slide
        self._times: dict[int, float] = {}  # seconds per slide while presenting now
        self._shown_since: float | None = None  # when the current slide began to count

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
        ink = tuple(stroke.points for stroke in self.ink() if stroke.surface is Surface.MAP)
        box = self._zoom
        zoom = (box.left, box.top, box.right, box.bottom) if box is not None and box.surface is Surface.MAP else None
        return MapSnapshot(self.map_state, self._selection, self._view, ink, zoom)

    # -- the deck ----------------------------------------------------------------

    def open(self, deck: Deck) -> None:
        """Another deck, from its first slide, with nothing selected, explored or drawn."""
        if self._drawing:
            self._drawing = []
            self.drawing_changed.emit()
        self._finish_run()  # the times so far are the old deck's
        self._rehearsal = {}
        self._deck = deck
        self._number = 1
        self._ink = {}
        self.set_overview(False)
        self._set_blank(Blank.NONE)
        self._set_zoom(None, picking=False, tell_map=False)
        self.deck_changed.emit(deck)
        self.slide_changed.emit(self._number)
        self._count_time()
        self._set_map(None, None, always=True)

    def reload(self, deck: Deck) -> None:
        """A new version of the same deck, kept on the same slide where it still exists.

        The selection stays (the panel shows the country's new text); the
        explored view stays unless the slide's own map changed.
        """
        before = self.map_state
        self.lift_pen()
        self._bank_time()
        # Ink and times stay with their slides, found again by their titles.
        moved = deck.renumbering({s.number: s.title for s in self._deck.slides})
        self._ink = {moved[n]: ink for n, ink in self._ink.items() if n in moved}
        self._times = {moved[n]: t for n, t in self._times.items() if n in moved}
        self._rehearsal = {moved[n]: t for n, t in self._rehearsal.items() if n in moved}
        self._deck = deck
        self._number = max(1, min(self._number, len(deck.slides)))
        self._set_zoom(None, picking=False, tell_map=False)
        self._count_time()
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
        self.lift_pen()
        self._bank_time()
        self._number = number
        self._set_zoom(None, picking=False, tell_map=False)
        self.start_timer_once()
        self._count_time()
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
            self._count_time()
        else:
            self._finish_run()
        self.presenting_changed.emit(on)

    def toggle_blank(self, kind: Blank) -> None:
        """Black or white screen; the same key again returns."""
        self._set_blank(Blank.NONE if self._blank is kind else kind)

    def _set_blank(self, kind: Blank) -> None:
        if kind is not self._blank:
            self.lift_pen()  # the pen cannot be seen, nor lifted by hand, under the cover
            self._blank = kind
            self.blank_changed.emit(kind)

    def set_overview(self, on: bool) -> None:
        if on != self._overview:
            self.lift_pen()
            self._overview = on
            self.overview_changed.emit(on)

    def toggle_overview(self) -> None:
        self.set_overview(not self._overview)

    def step_back(self) -> bool:
        """Esc, one layer at a time, the one on top first: the overview, a
        blank screen, the zoom, the laser or the pen, presenting.  False when
        there was none of these to leave."""
        if self._overview:
            self.set_overview(False)
        elif self._blank is not Blank.NONE:
            self._set_blank(Blank.NONE)
        elif self._picking or self._zoom is not None:
            self._set_zoom(None, picking=False)
        elif self._pointer is not Pointer.NONE:
            self._set_pointer(Pointer.NONE)
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

    def select_feature(self, layer: str, index: int) -> None:
        """A feature of one of the deck's data layers clicked on the map: its label and fields are shown."""
        self._set_map(SelectedFeature(layer, index), self._view)

    def explore(self, view: View) -> None:
        """The lecturer moved the map away from the slide's own view (and out of a zoom)."""
        self._end_map_zoom()
        self._set_map(self._selection, view)

    def reset_map(self) -> None:
        """Back to the slide's own view, nothing selected nor zoomed (the 0 key)."""
        zoomed = self._end_map_zoom()
        self._set_map(None, None, always=zoomed)

    def _end_map_zoom(self) -> bool:
        if self._zoom is None or self._zoom.surface is not Surface.MAP:
            return False
        self._set_zoom(None, picking=self._picking, tell_map=False)
        return True

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
        self._bank_time()
        if self._started_at is not None:
            self._banked += self._clock() - self._started_at
            self._started_at = None
        else:
            self._started_at = self._clock()
            self._count_time()
        self.timer_changed.emit()

    def reset_timer(self) -> None:
        self._banked = 0.0
        self._started_at = None
        self.timer_changed.emit()

    # -- pacing and rehearsal ------------------------------------------------------------

    @property
    def duration_s(self) -> float | None:
        """The talk's length in seconds: given on the command line, else by the deck."""
        minutes = self._duration if self._duration is not None else self._deck.duration
        return minutes * 60 if minutes else None

    @property
    def rehearsal(self) -> dict[int, float]:
        """How long each slide took the last time it was presented, in seconds."""
        return dict(self._rehearsal)

    def set_rehearsal(self, times: dict[int, float]) -> None:
        """What an earlier run of presenting recorded (read from the user's state folder)."""
        self._rehearsal = dict(times)

    def pace(self) -> Pace | None:
        """Time left, and how far ahead or behind the plan; None without a duration."""
        duration = self.duration_s
        if duration is None or not self.count:
            return None
        return pace(duration, self.elapsed_ms() / 1000, self._number, weights(self._deck, self._rehearsal))

    def _finish_run(self) -> None:
        """Presenting stopped (or the deck changed): the slides shown long
        enough become the rehearsal, and those who keep it are told."""
        self._bank_time()
        times = {n: t for n, t in self._times.items() if t >= PASSED_OVER}
        self._times = {}
        if times:
            self._rehearsal.update(times)
            self.rehearsed.emit(times)
        self._count_time()  # still presenting: a new run, of this deck or the next

    def _bank_time(self) -> None:
        """Add the time the current slide has been shown, presenting with the timer running."""
        if self._shown_since is not None:
            spent = self._clock() - self._shown_since
            self._times[self._number] = self._times.get(self._number, 0.0) + spent
            self._shown_since = None

    def _count_time(self) -> None:
        if self._presenting and self.running and self.count:
            self._shown_since = self._clock()

    # -- at the lectern: laser, pen, zoom --------------------------------------------------

    @property
    def pointer(self) -> Pointer:
        return self._pointer

    @property
    def laser(self) -> Spot | None:
        return self._laser

    @property
    def picking(self) -> bool:
        return self._picking

    @property
    def zoom(self) -> Box | None:
        return self._zoom

    def ink(self, number: int | None = None) -> tuple[Stroke, ...]:
        """The strokes drawn on a slide (default: the current one)."""
        return self._ink.get(self._number if number is None else number, ())

    def toggle_laser(self) -> None:
        self._set_pointer(Pointer.NONE if self._pointer is Pointer.LASER else Pointer.LASER)

    def toggle_pen(self) -> None:
        self._set_pointer(Pointer.NONE if self._pointer is Pointer.PEN else Pointer.PEN)

    def _set_pointer(self, pointer: Pointer) -> None:
        if pointer is self._pointer:
            return
        self.lift_pen()
        self._pointer = pointer
        if pointer is not Pointer.LASER:
            self.point(None)
        self.pointer_changed.emit(pointer)

    def point(self, spot: Spot | None) -> None:
        """The laser is here (None: off the audience view)."""
        if self._pointer is not Pointer.LASER:
            spot = None
        if spot != self._laser:
            self._laser = spot
            self.laser_moved.emit(spot)

    def add_stroke(self, stroke: Stroke, number: int | None = None) -> None:
        """A stroke of the pen on slide ``number`` (default: the current one),
        or on its map; it stays with the slide."""
        number = self._number if number is None else number
        if not 1 <= number <= self.count or not stroke.points:
            return
        self._ink[number] = self.ink(number) + (stroke,)
        self.ink_changed.emit(number)
        if stroke.surface is Surface.MAP and number == self._number:
            self.map_changed.emit(self.map_snapshot())

    @property
    def drawing(self) -> Stroke | None:
        """The stroke being drawn on the slide, shown live wherever the slide is."""
        return Stroke(Surface.SLIDE, tuple(self._drawing)) if self._drawing else None

    def draw(self, point: tuple[float, float]) -> None:
        """The pen, down on the slide, is at ``point`` (canvas coordinates)."""
        if self._pointer is Pointer.PEN:
            self._drawing.append(point)
            self.drawing_changed.emit()

    def lift_pen(self) -> None:
        """The pen is lifted: the stroke being drawn joins the slide's ink."""
        stroke = self.drawing
        self._drawing = []
        if stroke is not None:
            self.add_stroke(stroke)
            self.drawing_changed.emit()

    def clear_ink(self) -> None:
        """C: wipe the current slide's ink."""
        strokes = self.ink()
        if not strokes:
            return
        self._ink.pop(self._number, None)
        self.ink_changed.emit(self._number)
        if any(stroke.surface is Surface.MAP for stroke in strokes):
            self.map_changed.emit(self.map_snapshot())

    def toggle_zoom(self) -> None:
        """Z: start drawing a box to enlarge; again (or Esc) to return."""
        if self._picking or self._zoom is not None:
            self._set_zoom(None, picking=False)
        else:
            self._set_zoom(None, picking=True)

    def zoom_to(self, box: Box) -> None:
        """Enlarge this part of the slide or the map."""
        if box.width > 0 and box.height > 0:
            self._set_zoom(box, picking=False)

    def _set_zoom(self, box: Box | None, picking: bool, tell_map: bool = True) -> None:
        if picking != self._picking:
            self._picking = picking
            self.picking_changed.emit(picking)
        if box != self._zoom:
            was = self._zoom
            self._zoom = box
            self.zoom_changed.emit(box)
            on_map = any(z is not None and z.surface is Surface.MAP for z in (was, box))
            if tell_map and on_map:
                self.map_changed.emit(self.map_snapshot())
