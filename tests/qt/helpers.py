"""Helpers for tests that talk to a map page."""

from __future__ import annotations

from typing import Any

from kzviewer.qt.mapview import evaluate as evaluate_in


def evaluate(qtbot, view, expression: str) -> Any:
    """The value of a JavaScript expression in the view's page, through JSON."""
    with qtbot.waitCallback(timeout=10_000) as callback:
        evaluate_in(view.page(), expression, callback)
    return callback.args[0]
