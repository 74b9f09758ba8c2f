"""At the lectern, in the model: laser, pen, zoom, pacing and rehearsal (no Qt, no display)."""

from __future__ import annotations

from pathlib import Path

import pytest

from kzviewer.deck.mapstate import MapState
from kzviewer.deck.model import Deck, Slide
from kzviewer.mapping.snapshot import View
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


def test_escape_peels_what_is_on_top_first():
    p = Presentation(deck())
    p.set_presenting(True)
    p.toggle_pen()
    p.toggle_zoom()
    p.toggle_blank(Blank.BLACK)
    p.set_overview(True)
    assert p.step_back() and not p.overview and p.blank is Blank.BLACK
    assert p.step_back() and p.blank is Blank.NONE and p.picking
    assert p.step_back() and not p.picking and p.pointer is Pointer.PEN
    assert p.step_back() and p.pointer is Pointer.NONE and p.presenting
    assert p.step_back() and not p.presenting
    assert not p.step_back()


def test_a_blank_screen_or_the_overview_lifts_the_pen():
    p = Presentation(deck())
    p.toggle_pen()
    p.draw((200.0, 200.0))
    p.toggle_blank(Blank.BLACK)  # the hand that drew cannot be seen any more
    p.toggle_blank(Blank.BLACK)
    p.draw((600.0, 700.0))
    p.set_overview(True)
    assert [s.points for s in p.ink()] == [((200.0, 200.0),), ((600.0, 700.0),)], "two strokes, not one"


def test_a_stroke_converted_late_joins_the_slide_it_was_drawn_on():
    p = Presentation(deck())
    p.next()
    p.add_stroke(ON_MAP, 1)  # drawn on slide 1's map, its latitudes known once on slide 2
    assert p.ink(1) == (ON_MAP,) and p.ink() == () and p.map_snapshot().ink == ()
    p.add_stroke(ON_MAP, 9)  # no such slide
    assert p.ink(9) == ()


def test_the_map_zoom_ends_when_the_lecturer_moves_the_map_or_resets_it():
    p = Presentation(deck())
    snapshots = []
    p.map_changed.connect(snapshots.append)
    p.zoom_to(Box(Surface.MAP, 0.2, 0.2, 0.6, 0.5))
    p.select_country("KAZ")  # a click while enlarged keeps it enlarged
    assert p.zoom is not None and snapshots[-1].zoom == (0.2, 0.2, 0.6, 0.5)
    p.explore(View((48.0, 67.0), 5))
    assert p.zoom is None and snapshots[-1].zoom is None and snapshots[-1].view == View((48.0, 67.0), 5)
    p.zoom_to(Box(Surface.MAP, 0.2, 0.2, 0.6, 0.5))
    p.reset_map()
    assert p.zoom is None and snapshots[-1] == p.map_snapshot() and snapshots[-1].view is None


def test_reloading_keeps_ink_and_times_with_their_slides_and_ends_a_zoom():
    tick = Clock()
    p = Presentation(deck(notes=("", "", "")), clock=tick)
    p.set_rehearsal({1: 60.0, 2: 120.0, 3: 90.0})
    p.go(3)
    p.add_stroke(ON_SLIDE)
    p.zoom_to(Box(Surface.SLIDE, 0, 0, 800, 450))
    p.toggle_pen()
    p.draw((5.0, 5.0))  # half a stroke when the file is saved
    inserted = Slide(2, "New", "", "", KAZ, 2)
    old = p.deck.slides
    moved = tuple(Slide(n, s.title, "", "", KAZ, n) for n, s in ((4, old[2]), (3, old[1])))
    p.reload(Deck(p.deck.path, "A deck", slides=(old[0], inserted, *sorted(moved, key=lambda s: s.number))))
    assert p.ink(4) == (ON_SLIDE, Stroke(Surface.SLIDE, ((5.0, 5.0),))) and p.ink(3) == ()
    assert p.rehearsal == {1: 60.0, 3: 120.0, 4: 90.0}
    assert p.zoom is None and p.drawing is None


def test_opening_another_deck_drops_the_stroke_and_keeps_the_old_decks_times():
    tick = Clock()
    p = Presentation(deck(), clock=tick)
    recorded = []
    p.rehearsed.connect(lambda times: recorded.append((p.deck.path.name, times)))
    p.set_presenting(True)
    tick.now += 50
    p.toggle_pen()
    p.draw((1.0, 1.0))
    p.open(deck(path="other.md"))
    assert recorded == [("deck.md", {1: 50.0})], "told while the deck is still the old one"
    assert p.drawing is None and p.ink() == () and p.rehearsal == {}


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
    p.previous()
    tick.now += 1  # a slide's visits add up
    p.go(1)
    tick.now += 2  # slide 1, passed over: not a rehearsal of it
    p.set_presenting(False)
    assert recorded == [{2: 41.0, 3: 15.0}] and p.rehearsal == {2: 41.0, 3: 15.0}
    p.set_presenting(True)  # F5 and Esc, to try the projector: nothing recorded
    tick.now += 1
    p.set_presenting(False)
    assert recorded == [{2: 41.0, 3: 15.0}]


def test_pacing_from_the_notes_then_from_a_rehearsal():
    long_notes = " ".join(["word"] * 120)
    talk = deck(notes=("", long_notes, long_notes), duration=10)
    shares = weights(talk, {})
    assert shares == [30.0, 120.0, 120.0]  # a slide with few notes is still planned at 30 words
    at_three = pace(600, 400, 3, shares)  # planned: 600 s x 150 / 270 = 333.3 s at slide 3
    assert at_three.left_s == 200 and at_three.behind_s == pytest.approx(66.67, abs=0.01)
    assert at_three.late  # more than 60 s, a tenth of the talk
    assert not pace(600, 390, 3, shares).late
    assert weights(talk, {1: 60, 2: 300, 3: 240}) == [60.0, 300.0, 240.0]
    # A slide not rehearsed is planned at the rehearsed slides' pace: 360 s for 150 words.
    assert weights(talk, {1: 60, 2: 300}) == [60.0, 300.0, 288.0]

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
    pushed_down = (Slide(s.number + 1, s.title, "", "", KAZ, s.number + 1) for s in talk.slides)
    later = Deck(talk.path, "A deck", slides=(Slide(1, "New", "", "", KAZ, 1), *pushed_down))
    assert rehearsals.load(later) == {2: 30.0, 4: 75.5}, "a slide moved by an edit keeps its time"


@pytest.mark.parametrize(
    "text",
    [
        '{"slides": {"1": {"title": "Slide 1", "seconds": Infinity}}}',
        '{"slides": {"1": {"title": "Slide 1", "seconds": 1e999}}}',
        '{"slides": {"1": {"title": "Slide 1", "seconds": "12"}}}',
        '{"slides": {"1": {"title": "Slide 1", "seconds": -5}}}',
        '{"slides": {"1": {"title": "Slide 1", "seconds": 1e12}}}',
        '{"slides": {"one": {"title": "Slide 1", "seconds": 5}, "1": ["Slide 1", 5]}}',
        '{"slides": [1, 2]}',
        "[" * 200_000,
        "\x00\xff not json",
    ],
)
def test_a_damaged_rehearsal_file_gives_no_times_and_no_error(tmp_path, monkeypatch, text):
    monkeypatch.setenv("XDG_STATE_HOME", str(tmp_path / "state"))
    talk = deck(path=str(tmp_path / "talk.md"), duration=10)
    path = rehearsals.path_for(talk.path)
    path.parent.mkdir(parents=True)
    path.write_text(text, encoding="utf-8")
    times = rehearsals.load(talk)
    assert times == {}
    p = Presentation(talk)
    p.set_rehearsal(times)
    assert p.pace() is not None and clock(p.pace().behind_s)


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
