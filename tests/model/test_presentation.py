"""The presentation model on its own: no Qt, no display."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from kzviewer.deck.mapstate import MapState
from kzviewer.deck.model import Deck, Slide
from kzviewer.mapping.snapshot import MapSnapshot, SelectedBorder, SelectedCountry, View
from kzviewer.model.presentation import Blank, Presentation
from kzviewer.model.signal import Signal

KAZ = MapState(fit=("KAZ",), highlight=("KAZ",))
RUS = MapState(fit=("RUS",), highlight=("RUS",))
ASTANA = View((51.17, 71.45), 6.0)


def deck(*states: MapState, path: str = "deck.md") -> Deck:
    slides = tuple(Slide(n, f"Slide {n}", "", "", state, n) for n, state in enumerate(states, 1))
    return Deck(Path(path), "A deck", slides=slides)


class Heard:
    """Every signal of a presentation, recorded in order as (name, args)."""

    def __init__(self, p: Presentation) -> None:
        self.events: list[tuple[str, tuple[object, ...]]] = []
        for name, signal in vars(p).items():
            if isinstance(signal, Signal):
                signal.connect(lambda *args, name=name: self.events.append((name, args)))

    def names(self) -> list[str]:
        names = [name for name, _ in self.events]
        self.events.clear()
        return names


class Clock:
    def __init__(self) -> None:
        self.now = 100.0

    def __call__(self) -> float:
        return self.now


@pytest.fixture
def p() -> Presentation:
    return Presentation(deck(KAZ, KAZ, RUS))


def test_moving_through_the_deck(p):
    heard = Heard(p)
    p.next()
    assert p.number == 2 and p.slide.number == 2
    assert heard.names() == ["timer_changed", "slide_changed", "map_changed"]
    p.last()
    p.next()  # past the end: nothing
    assert p.number == 3 and heard.names() == ["slide_changed", "map_changed"]
    p.go(99)
    p.first()
    p.previous()
    assert p.number == 1
    p.go(-5)
    assert p.number == 1


def test_a_slide_change_puts_the_map_back_to_the_slide(p):
    p.select_country("KAZ")
    p.explore(ASTANA)
    assert p.map_snapshot() == MapSnapshot(KAZ, SelectedCountry("KAZ"), ASTANA)
    heard = Heard(p)
    p.next()  # the same map state on slide 2: still a change of what the map shows
    assert heard.names() == ["timer_changed", "slide_changed", "selection_changed", "view_changed", "map_changed"]
    assert p.map_snapshot() == MapSnapshot(KAZ)


def test_what_the_map_shows_changes_once_per_change(p):
    snapshots: list[MapSnapshot] = []
    p.map_changed.connect(snapshots.append)
    p.select_country("UZB")
    p.select_country("UZB")  # again: no change
    p.select_border("RUS", "KAZ")
    p.explore(ASTANA)
    p.reset_map()
    p.reset_map()
    assert snapshots == [
        MapSnapshot(KAZ, SelectedCountry("UZB")),
        MapSnapshot(KAZ, SelectedBorder("KAZ", "RUS")),
        MapSnapshot(KAZ, SelectedBorder("KAZ", "RUS"), ASTANA),
        MapSnapshot(KAZ),
    ]


def test_selection_and_view_signals_carry_the_new_value(p):
    heard = Heard(p)
    p.select_border("RUS", "KAZ")
    p.explore(ASTANA)
    assert heard.events == [
        ("selection_changed", (SelectedBorder("KAZ", "RUS"),)),
        ("map_changed", (MapSnapshot(KAZ, SelectedBorder("KAZ", "RUS")),)),
        ("view_changed", (ASTANA,)),
        ("map_changed", (MapSnapshot(KAZ, SelectedBorder("KAZ", "RUS"), ASTANA),)),
    ]


def test_blank_screens_toggle_and_moving_on_lifts_them(p):
    p.toggle_blank(Blank.BLACK)
    assert p.blank is Blank.BLACK
    p.toggle_blank(Blank.WHITE)
    assert p.blank is Blank.WHITE
    p.toggle_blank(Blank.WHITE)
    assert p.blank is Blank.NONE
    p.toggle_blank(Blank.BLACK)
    p.go(1)  # even to the same slide
    assert p.blank is Blank.NONE


def test_escape_peels_one_layer_at_a_time(p):
    p.set_presenting(True)
    p.toggle_blank(Blank.BLACK)
    p.set_overview(True)
    assert p.step_back() and not p.overview and p.blank is Blank.BLACK
    assert p.step_back() and p.blank is Blank.NONE and p.presenting
    assert p.step_back() and not p.presenting
    assert not p.step_back()


def test_presenting_starts_the_timer_and_is_told_once(p):
    heard = Heard(p)
    p.set_presenting(True)
    p.set_presenting(True)
    assert p.presenting and p.running
    assert heard.names() == ["timer_changed", "presenting_changed"]


def test_opening_another_deck_starts_it_afresh(p):
    p.go(3)
    p.select_country("RUS")
    p.set_overview(True)
    p.toggle_blank(Blank.WHITE)
    other = deck(RUS, path="other.md")
    p.open(other)
    assert p.deck is other and p.number == 1
    assert (p.selection, p.view, p.overview, p.blank) == (None, None, False, Blank.NONE)
    assert p.map_snapshot() == MapSnapshot(RUS)


def test_reloading_keeps_the_place_the_selection_and_an_explored_view(p):
    p.go(2)
    p.select_country("KAZ")
    p.explore(ASTANA)
    heard = Heard(p)
    p.reload(deck(KAZ, KAZ, RUS))
    assert p.number == 2 and p.map_snapshot() == MapSnapshot(KAZ, SelectedCountry("KAZ"), ASTANA)
    assert heard.names() == ["deck_changed", "slide_changed", "map_changed"]
    p.reload(deck(KAZ, RUS))  # the slide's own map changed: back to its view
    assert p.map_snapshot() == MapSnapshot(RUS, SelectedCountry("KAZ"))
    p.reload(deck(KAZ))  # the slide is gone: the last one there is
    assert p.number == 1


def test_a_deck_without_slides_shows_its_first_map_state():
    empty = Presentation(Deck(Path("empty.md"), "Empty", initial=RUS))
    assert empty.slide is None and empty.count == 0
    empty.next()
    assert empty.number == 1 and empty.map_snapshot() == MapSnapshot(RUS)


def test_the_timer_runs_pauses_and_resets():
    clock = Clock()
    p = Presentation(deck(KAZ, RUS), clock=clock)
    assert p.elapsed_ms() == 0 and not p.running
    p.next()  # the first move starts it
    clock.now += 61.5
    assert p.elapsed_ms() == 61_500
    p.toggle_timer()
    clock.now += 100
    assert p.elapsed_ms() == 61_500 and not p.running
    p.toggle_timer()
    clock.now += 1
    assert p.elapsed_ms() == 62_500
    p.previous()  # no restart once it has run
    assert p.elapsed_ms() == 62_500
    p.reset_timer()
    assert p.elapsed_ms() == 0 and not p.running


def test_a_failing_listener_does_not_silence_the_others(p, monkeypatch):
    caught: list[BaseException] = []
    monkeypatch.setattr(sys, "excepthook", lambda kind, error, trace: caught.append(error))
    heard: list[int] = []

    def broken(number: int) -> None:
        raise RuntimeError("a broken view")

    p.slide_changed.connect(broken)
    p.slide_changed.connect(heard.append)
    p.next()
    assert heard == [2] and [str(e) for e in caught] == ["a broken view"]
    p.slide_changed.disconnect(broken)
    p.next()
    assert heard == [2, 3] and len(caught) == 1
