"""Property test: whatever snapshot reaches the page, map.js shows it or ignores it, never fails.

Decks are validated in Python first; this holds the page's own defence, for
states that did not come from a deck (and for map.js's own mistakes).
"""

from __future__ import annotations

import json
import os

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from kzviewer.qt.mapview import js_call
from tests.qt.helpers import evaluate

CODES = st.sampled_from(["KAZ", "RUS", "CHN", "MNG", "XXX", "", "kaz", "KAZ-RUS", "CHN-KAZ", "RUS-CHN"])
JUNK = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(-(10**6), 10**6),
    st.floats(allow_nan=True, allow_infinity=True),
    st.text(max_size=20),
    CODES,
)
LISTS = st.lists(st.one_of(CODES, JUNK, st.lists(st.one_of(CODES, JUNK), max_size=4)), max_size=6)
NUMBERS = st.floats(allow_nan=True, allow_infinity=True)
STATES = st.fixed_dictionaries(
    {},
    optional={
        "fit": st.one_of(JUNK, LISTS),
        "center": st.one_of(JUNK, st.lists(NUMBERS, min_size=2, max_size=2), LISTS),
        "zoom": st.one_of(JUNK, NUMBERS),
        "highlight": st.one_of(JUNK, LISTS),
        "borders": st.one_of(JUNK, LISTS),
        "places": st.one_of(JUNK, LISTS, st.lists(st.sampled_from(["astana", "urumqi", "nowhere"]), max_size=3)),
        "links": st.one_of(JUNK, LISTS, st.lists(st.lists(CODES, min_size=2, max_size=3), max_size=3)),
        "other": JUNK,
    },
)
SELECTED = st.one_of(
    JUNK, st.fixed_dictionaries({}, optional={"country": st.one_of(CODES, JUNK), "border": st.one_of(CODES, JUNK)})
)
VIEWS = st.one_of(
    JUNK,
    st.fixed_dictionaries(
        {},
        optional={
            "center": st.one_of(JUNK, st.lists(NUMBERS, min_size=2, max_size=2), LISTS),
            "zoom": st.one_of(JUNK, NUMBERS),
        },
    ),
)
POINTS = st.one_of(JUNK, st.lists(NUMBERS, min_size=2, max_size=2), st.tuples(st.floats(-90, 90), st.floats(-180, 180)))
INK = st.one_of(JUNK, LISTS, st.lists(st.one_of(JUNK, st.lists(POINTS, max_size=5)), max_size=4))
ZOOMS = st.one_of(
    JUNK, LISTS, st.lists(NUMBERS, min_size=4, max_size=4), st.lists(st.floats(0, 1), min_size=4, max_size=4)
)
SNAPSHOTS = st.one_of(
    JUNK,
    st.fixed_dictionaries(
        {},
        optional={
            "state": st.one_of(JUNK, STATES),
            "selected": SELECTED,
            "view": VIEWS,
            "ink": INK,
            "zoom": ZOOMS,
        },
    ),
)
OPTIONS = st.one_of(JUNK, st.fixed_dictionaries({}, optional={"animate": JUNK, "transition": JUNK, "tag": JUNK}))


@settings(
    max_examples=int(os.environ.get("KZVIEWER_FUZZ_EXAMPLES", "60")),
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture],
)
@given(snapshot=SNAPSHOTS, options=OPTIONS)
def test_any_snapshot_sent_to_the_page(qtbot, window, snapshot, options):
    errors = window.map_view.map_page.console_errors
    errors.clear()
    window.map_view.run(js_call("kz.show", snapshot, options))
    shown = evaluate(qtbot, window.map_view, "kz.describe()")
    assert isinstance(shown["fills"], dict)
    assert all(isinstance(c, (int, float)) for c in shown["center"]) and shown["zoom"] is not None, (
        "the map keeps a real view"
    )
    assert errors == [], (json.dumps(snapshot), json.dumps(options), errors)
