"""Helpers for tests that talk to a map page."""

from __future__ import annotations

import json
from typing import Any


def evaluate(qtbot, view, expression: str) -> Any:
    """The value of a JavaScript expression in the view's page, through JSON."""
    with qtbot.waitCallback(timeout=10_000) as callback:
        view.page().runJavaScript(f"JSON.stringify({expression})", 0, callback)
    return json.loads(callback.args[0])
