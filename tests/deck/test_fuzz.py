"""Property tests: whatever a deck holds, reading it raises nothing but DeckError."""

from __future__ import annotations

import os

import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from kzviewer.deck.countries import read_countries
from kzviewer.deck.parser import load_deck, parse_deck
from kzviewer.errors import DeckError

# Bounded for CI; KZVIEWER_FUZZ_EXAMPLES=5000 runs a longer search.
EXAMPLES = int(os.environ.get("KZVIEWER_FUZZ_EXAMPLES", "150"))
FUZZ = settings(max_examples=EXAMPLES, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])

# Text that looks like decks often enough to reach deep into the parser.
deck_lines = st.lists(
    st.one_of(
        st.sampled_from(
            [
                "---",
                "```map",
                "```",
                "~~~",
                "Note:",
                "# Title",
                "## T",
                "title: x",
                "countries: c.yaml",
                "fit: [KAZ]",
                "highlight: [KAZ, RUS]",
                "borders: [KAZ-RUS]",
                "links:",
                "  - [RUS, KAZ, x]",
                "places: [astana]",
                "map:",
                "  fit: [RUS]",
                "| a | b |",
                "|---|---|",
                "",
            ]
        ),
        st.text(max_size=40),
    ),
    max_size=40,
).map("\n".join)

yaml_values = st.recursive(
    st.one_of(
        st.none(),
        st.booleans(),
        st.integers(),
        st.floats(allow_nan=True),
        st.text(max_size=12),
        st.sampled_from(["KAZ", "RUS", "KAZ-RUS", "astana", "CHN-MNG"]),
    ),
    lambda children: st.one_of(
        st.lists(children, max_size=5),
        st.dictionaries(
            st.one_of(
                st.sampled_from(["fit", "center", "zoom", "highlight", "borders", "places", "links"]),
                st.text(max_size=8),
            ),
            children,
            max_size=5,
        ),
    ),
    max_leaves=20,
)


def _read(path):
    try:
        load_deck(path)
    except DeckError as err:
        assert err.problems and all(p.line >= 1 for p in err.problems)


@FUZZ
@given(text=deck_lines)
def test_any_text(tmp_path, text):
    path = tmp_path / "deck.md"
    path.write_text(text, encoding="utf-8")
    _read(path)


@FUZZ
@given(block=yaml_values)
def test_any_yaml_in_a_map_block(tmp_path, block):
    path = tmp_path / "deck.md"
    body = yaml.safe_dump(block, allow_unicode=True)
    path.write_text(f"---\ntitle: T\nmap:\n  fit: [KAZ]\n---\n# S\n```map\n{body}```\n", encoding="utf-8")
    _read(path)
    _, problems = parse_deck(path)
    if problems:
        assert all(6 <= p.line <= 8 + body.count("\n") for p in problems), problems


@FUZZ
@given(data=st.binary(max_size=400))
def test_any_bytes(tmp_path, data):
    path = tmp_path / "deck.md"
    path.write_bytes(data)
    _read(path)


@FUZZ
@given(content=yaml_values)
def test_any_countries_file(tmp_path, content):
    path = tmp_path / "c.yaml"
    path.write_text(yaml.safe_dump({"groups": content, "countries": content, "places": content}), encoding="utf-8")
    problems = []
    read_countries(path, problems)
    assert all(p.path == str(path) and p.line >= 1 for p in problems)
