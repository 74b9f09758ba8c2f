"""The key bindings as data: one table for the shortcuts, the help and the README."""

from __future__ import annotations

import re
from pathlib import Path

from kzviewer.model.bindings import BINDINGS, Context, bindings, help_html, hint, keys_of, markdown_table

README = Path(__file__).parents[2] / "README.md"


def test_the_readme_key_table_is_the_bindings_table():
    readme = README.read_text(encoding="utf-8")
    tables = re.findall(r"^\| keys \| action \|\n(?:\|.*\|\n)+", readme, flags=re.MULTILINE)
    assert [t.strip() for t in tables] == [markdown_table()], "regenerate it: python -m kzviewer.model.bindings"


def test_a_key_means_one_thing_where_it_acts():
    for context in Context:
        keys = [key for b in bindings(context) for key in b.keys]
        assert len(keys) == len(set(keys)), context


def test_every_action_is_named_once_and_said():
    actions = [b.action for b in BINDINGS]
    assert len(actions) == len(set(actions))
    assert all(b.does and b.keys for b in BINDINGS)


def test_the_help_lists_every_key_as_a_lecturer_knows_it():
    text = help_html()
    for expected in (
        "→ ↓ PageDown Space N Enter",
        "← ↑ PageUp Backspace P",
        "B . /",
        "? F1",
        "digits, then Enter",
        "In the overview",
        "close the overview",
    ):
        assert expected in text
    assert "Return" not in text and "PgDown" not in text
    assert keys_of("overview") == "O or Tab"
    assert hint(Context.OVERVIEW).startswith("→ PageDown Space: next slide")
