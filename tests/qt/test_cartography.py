"""The map as a cartographer would check it (design.md, "Cartography"), on every slide of the
lecture and of two decks of other regions (tests/decks/): names, overlaps, fills, the legend."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from kzviewer import resources
from tests.qt.conftest import open_window
from tests.qt.helpers import evaluate, point_of, settle
from tests.qt.test_presenting import go_and_wait

DECKS = Path(__file__).resolve().parent.parent / "decks"


def measure(qtbot, window, number: int) -> dict:
    """The cartography rules measured on a slide's map (kz.cartography in probe.js)."""
    if number != window.presentation.number:
        go_and_wait(qtbot, window, number)
    settle(qtbot, window.map_view)
    qtbot.wait(50)  # the names are laid out after the last frame
    state = window.presentation.deck.slide(number).map.to_json()
    return json.loads(evaluate(qtbot, window.map_view, f"JSON.stringify(kz.cartography({json.dumps(state)}))"))


@pytest.mark.parametrize(
    "deck", [None, DECKS / "caucasus.md", DECKS / "east-asia.md"], ids=["lecture", "caucasus", "east-asia"]
)
def test_every_slide_keeps_the_rules_of_cartography(qtbot, deck):
    """design.md, "Cartography": every highlighted country with room on screen is named, no two
    names overlap (countries', places', arrows'), a fit fills 85% of the pane, the legend lies
    over no fitted country.  (Names of places and arrows may give way: bench/cartography.py
    counts them.)"""
    window = open_window(qtbot, deck or resources.bundled_deck())
    broken = {}
    for number in range(1, len(window.presentation.deck.slides) + 1):
        found = measure(qtbot, window, number)
        problems = {key: found[key] for key in ("missed", "overlaps", "under") if found[key]}
        # Where the legend would lie over the fitted countries in every corner, the
        # map leaves it room (above, below or beside it), and fills less.
        least = 0.75 if found["cramped"] else 0.85
        if found["fill"] is not None and found["fill"] < least:
            problems["fill"] = round(found["fill"], 3)
        if problems:
            broken[number] = problems
    assert broken == {}
    assert window.map_view.map_page.console_errors == []


def test_a_name_in_the_way_moves_aside_within_its_country(qtbot, window):
    """Names meet on the title slide (the C5 are small and close): a later one moves, and its
    middle stays inside its country."""
    point_of(qtbot, window.map_view, "KAZ")  # once the view has settled
    moved = evaluate(qtbot, window.map_view, MOVED)
    assert moved, "some name on the title slide had to move aside"
    assert all(inside for _, inside in moved), moved


# Each moved name, and whether the middle of its box lies inside its country.
MOVED = """[...document.querySelectorAll('.kz-label')]
    .filter((el) => el.style.transform && el.style.visibility !== 'hidden')
    .map((el) => {
        const r = el.getBoundingClientRect();
        const middle = kz.page.map.containerPointToLatLng([(r.left + r.right) / 2, (r.top + r.bottom) / 2]);
        return [el.dataset.iso3, kz.selection.contains(el.dataset.iso3, middle)];
    })"""


def test_a_printed_map_keeps_its_names_clear_of_the_legend(qtbot):
    """The map as the PDF export draws it (print mode, kz.print.draw), slide after slide: the
    legend takes its corner when the view is framed, and no name is left under it."""
    from PySide6.QtCore import QSize, Qt, QUrl

    from kzviewer.deck.parser import load_deck
    from kzviewer.mapping.page import PageSpec, cached_page
    from kzviewer.mapping.snapshot import MapSnapshot
    from kzviewer.qt.mapview import MapMode, MapView
    from kzviewer.qt.slides import SlideLayout

    deck = load_deck(resources.bundled_deck())
    box = SlideLayout(deck.slides[0], deck, with_map=True).map_box
    view = MapView(mode=MapMode.PRINT)
    qtbot.addWidget(view)
    view.setAttribute(Qt.WidgetAttribute.WA_DontShowOnScreen)
    view.resize(QSize(round(box.width()), round(box.height())))
    view.show()
    with qtbot.waitSignal(view.bridge.ready, timeout=20_000):
        view.load_page(QUrl.fromLocalFile(str(cached_page(PageSpec.for_deck(deck)))))
    broken = {}
    for slide in deck.slides[:8]:
        snapshot = json.dumps(MapSnapshot(slide.map).to_json())
        evaluate(qtbot, view, f"(kz.print.draw({snapshot}), 0)")
        found = evaluate(qtbot, view, f"kz.cartography({json.dumps(slide.map.to_json())})")
        if found["overlaps"]:
            broken[slide.number] = found["overlaps"]
    assert broken == {}
