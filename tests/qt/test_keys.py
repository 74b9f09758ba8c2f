"""The keys in the window: made from the bindings table, every one bound to an action."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtTest import QTest

from kzviewer.model.bindings import BINDINGS, Context, help_html, hint
from kzviewer.qt.keys import qt_key


def test_every_key_named_is_a_key():
    for binding in BINDINGS:
        for name in binding.keys:
            assert qt_key(name) not in (Qt.Key(0), Qt.Key.Key_unknown), name


def test_every_action_of_the_table_does_something(window):
    actions = window._key_actions()
    assert {b.action for b in BINDINGS} - set(actions) == {"number"}  # digits are typed, then Enter


def test_question_mark_shows_the_keys_of_the_table(window, messages):
    QTest.keyClick(window, Qt.Key.Key_Question)
    QTest.keyClick(window, Qt.Key.Key_F1)
    assert list(messages) == [help_html()] * 2
    assert messages.formats == [Qt.TextFormat.RichText] * 2


def test_the_overview_shows_its_keys(qtbot, window):
    QTest.keyClick(window, Qt.Key.Key_O)
    assert window.presentation.overview and window.overview.isVisible()
    assert window.overview.hint.isVisible() and window.overview.hint.text() == hint(Context.OVERVIEW)
    QTest.keyClick(window, Qt.Key.Key_Escape)
    assert not window.presentation.overview and not window.overview.isVisible()
