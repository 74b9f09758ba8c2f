"""Names on the map: none overlaps another, and a highlighted country's name moves aside before it gives way."""

from __future__ import annotations

import json

from tests.bundled import COUNT
from tests.qt.helpers import evaluate, point_of
from tests.qt.test_presenting import go_and_wait

# The visible names' boxes, as the page lays them out (transforms included).
NAMES = """JSON.stringify([...document.querySelectorAll('.kz-label')]
    .filter((el) => el.style.visibility !== 'hidden')
    .map((el) => {
        const r = el.getBoundingClientRect();
        return [el.dataset.iso3, r.left, r.top, r.right, r.bottom];
    }))"""


def overlapping(names: list) -> list[tuple[str, str]]:
    return [
        (a[0], b[0])
        for i, a in enumerate(names)
        for b in names[:i]
        if a[1] < b[3] and b[1] < a[3] and a[2] < b[4] and b[2] < a[4]
    ]


def test_no_two_names_overlap_on_any_slide(qtbot, window):
    found = {}
    for number in range(1, COUNT + 1):
        if number != window.presentation.number:
            go_and_wait(qtbot, window, number)
        pairs = overlapping(json.loads(evaluate(qtbot, window.map_view, NAMES)))
        if pairs:
            found[number] = pairs
    assert found == {}


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
        return [el.dataset.iso3, kz.labels.inside(el.dataset.iso3, middle)];
    })"""
