"""At the lectern, in the model: laser, pen, zoom, pacing and rehearsal (no Qt, no display)."""

from __future__ import annotations

from pathlib import Path

import pytest

from kzviewer.deck.mapstate import MapState
from kzviewer.deck.model import Deck, Slide
from kzviewer.model import rehearsals
from kzviewer.model.lectern import Box, Pointer, Spot, Stroke, Surface
from kzviewer.model.pacing import clock, pace, weights
from kzviewer.model.presentation import Blank, Presentation
from tests.model.test_presentation import Clock, Heard

KAZ = MapState(fit=("KAZ",), highlight=("KAZ",))


def deck(notes: tuple[str, ...] = ("", "", ""), duration: float | None = None, path: str = "deck.md") -> Deck:
    slides = tuple(Slide(n, f"Slide {n}", "", text, KAZ, n) for n, text in enumerate(notes, 1))
    return Deck(Path(path), "A deck", slides=slides, duration=duration)


ON_SLIDE = Stroke(Surface.SLIDE, ((100.0, 100.0), (200.0, 150.0)))
ON_MAP = Stroke(Surface.MAP, ((48.0, 67.0), (50.0, 70.0)))


def test_laser_and_pen_toggle_and_exclude_each_other():
    p = Presentation(deck())
    heard = Heard(p)
    p.toggle_laser()
    assert p.pointer is Pointer.LASER
    p.point(Spot(Surface.SLIDE, 800, 450))
    assert p.laser == Spot(Surface.SLIDE, 800, 450)
    p.toggle_pen()  # the pen replaces the laser, and the dot goes
    assert p.pointer is Pointer.PEN and p.laser is None
    p.point(Spot(Surface.MAP, 0.5, 0.5))  # no laser while drawing
    assert p.laser is None
    p.toggle_pen()
    assert p.pointer is Pointer.NONE
    assert heard.names() == ["pointer_changed", "laser_moved", "laser_moved", "pointer_changed", "pointer_changed"]


def test_ink_stays_with_its_slide_and_c_clears_only_it():
    p = Presentation(deck())
    p.add_stroke(ON_SLIDE)
    p.next()
    assert p.ink() == ()
    p.add_stroke(ON_MAP)
    assert p.map_snapshot().ink == (ON_MAP.points,)
    p.previous()
    assert p.ink() == (ON_SLIDE,) and p.map_snapshot().ink == ()
    p.clear_ink()
    assert p.ink() == () and p.ink(2) == (ON_MAP,)


def test_ink_on_the_map_is_what_the_map_shows():
    p = Presentation(deck())
    snapshots = []
    p.map_changed.connect(snapshots.append)
    p.add_stroke(ON_SLIDE)  # the map has nothing new to show
    p.add_stroke(ON_MAP)
    p.clear_ink()
    assert [s.ink for s in snapshots] == [(ON_MAP.points,), ()]


def test_zoom_is_picked_then_shown_and_z_or_a_slide_change_returns():
    p = Presentation(deck())
    p.toggle_zoom()
    assert p.picking and p.zoom is None
    box = Box(Surface.MAP, 0.2, 0.2, 0.6, 0.5)
    p.zoom_to(box)
    assert not p.picking and p.zoom == box and p.map_snapshot().zoom == (0.2, 0.2, 0.6, 0.5)
    p.toggle_zoom()
    assert p.zoom is None and not p.picking
    p.zoom_to(Box(Surface.SLIDE, 0, 0, 800, 450))
    p.next()
    assert p.zoom is None
    p.zoom_to(Box(Surface.SLIDE, 10, 10, 10, 50))  # no area: nothing to enlarge
    assert p.zoom is None


def test_escape_peels_zoom_then_pointer_then_the_rest():
    p = Presentation(deck())
    p.set_presenting(True)
    p.toggle_blank(Blank.BLACK)
    p.toggle_pen()
    p.toggle_zoom()
    assert p.step_back() and not p.picking and p.pointer is Pointer.PEN
    assert p.step_back() and p.pointer is Pointer.NONE and p.blank is Blank.BLACK
    assert p.step_back() and p.blank is Blank.NONE
    assert p.step_back() and not p.presenting


def test_a_mode_stays_on_across_slides():
    p = Presentation(deck())
    p.toggle_laser()
    p.next()
    assert p.pointer is Pointer.LASER


def test_presenting_records_each_slides_time_while_the_timer_runs():
    tick = Clock()
    p = Presentation(deck(), clock=tick)
    recorded = []
    p.rehearsed.connect(recorded.append)
    p.next()  # not presenting: not recorded
    tick.now += 30
    p.set_presenting(True)
    tick.now += 40
    p.next()
    tick.now += 10
    p.toggle_timer()  # paused: not counted
    tick.now += 100
    p.toggle_timer()
    tick.now += 5
    p.set_presenting(False)
    assert recorded == [{2: 40.0, 3: 15.0}] and p.rehearsal == {2: 40.0, 3: 15.0}


def test_pacing_from_the_notes_then_from_a_rehearsal():
    long_notes = " ".join(["word"] * 120)
    talk = deck(notes=("", long_notes, long_notes), duration=10)
    shares = weights(talk, {})
    assert shares == [30.0, 120.0, 120.0]  # a slide with few notes is still planned at 30 words
    at_three = pace(600, 400, 3, shares)
    planned = 600 * 150 / 270
    assert at_three.left_s == 200 and at_three.behind_s == pytest.approx(400 - planned)
    assert at_three.late == (400 - planned > 60)
    assert weights(talk, {1: 60, 2: 300, 3: 240}) == [60.0, 300.0, 240.0]
    assert weights(talk, {1: 60, 2: 300}) == shares, "a rehearsal that missed a slide is not used"

    tick = Clock()
    p = Presentation(talk, clock=tick, duration=20)  # the command line wins over the deck
    assert p.duration_s == 1200
    p.next()
    tick.now += 100
    assert p.pace().left_s == 1100 and not p.pace().late  # planned: 1,200 s x 30 / 270 at slide 2
    tick.now += 400
    assert p.pace().behind_s == pytest.approx(500 - 1200 * 30 / 270) and p.pace().late
    assert Presentation(deck()).pace() is None
    assert clock(3725) == "1:02:05" and clock(65) == "1:05" and clock(-40) == "-0:40"


def test_rehearsal_times_are_kept_in_the_state_folder_by_title(tmp_path, monkeypatch):
    monkeypatch.setenv("XDG_STATE_HOME", str(tmp_path / "state"))
    talk = deck(path=str(tmp_path / "talk.md"))
    rehearsals.save(talk, {1: 30.0, 3: 75.5, 9: 1.0})
    assert rehearsals.load(talk) == {1: 30.0, 3: 75.5}
    assert rehearsals.path_for(talk.path).is_relative_to(tmp_path / "state")
    assert not list(tmp_path.glob("*.json")), "nothing beside the deck"
    moved = Deck(talk.path, "A deck", slides=(Slide(1, "Another title", "", "", KAZ, 1), *talk.slides[1:]))
    assert rehearsals.load(moved) == {3: 75.5}, "a slide whose title changed loses its time"


def test_a_stroke_is_drawn_live_then_joins_the_slides_ink():
    p = Presentation(deck())
    heard = Heard(p)
    p.draw((1.0, 1.0))  # the pen is not on: nothing
    assert p.drawing is None
    p.toggle_pen()
    for point in ((10.0, 10.0), (20.0, 15.0), (30.0, 30.0)):
        p.draw(point)
    assert p.drawing == Stroke(Surface.SLIDE, ((10.0, 10.0), (20.0, 15.0), (30.0, 30.0))) and p.ink() == ()
    p.lift_pen()
    assert p.drawing is None and p.ink() == (Stroke(Surface.SLIDE, ((10.0, 10.0), (20.0, 15.0), (30.0, 30.0))),)
    assert heard.names().count("drawing_changed") == 4
    p.draw((5.0, 5.0))
    p.next()  # moving on finishes the stroke on its own slide
    assert len(p.ink(1)) == 2 and p.ink(2) == ()
