"""The Qt binding itself: a fault in it that would crash a lecture."""

from __future__ import annotations

import sys

import pytest
from PySide6.QtWidgets import QWidget


def _none_is_immortal() -> bool:
    """From Python 3.12 (PEP 683) None's count of references never changes."""
    before = sys.getrefcount(None)
    held = [None] * 100
    return sys.getrefcount(None) == before and bool(held)


@pytest.mark.skipif(_none_is_immortal(), reason="None is immortal on this Python: the fault cannot crash it")
def test_calls_returning_nothing_keep_none_alive(qapp):
    # PySide6 6.12.0 dropped a reference to None on each such call; on Python
    # before 3.12, None was then freed at exit and the interpreter crashed.
    widget = QWidget()
    before = sys.getrefcount(None)
    for _ in range(1000):
        widget.setVisible(False)
    assert sys.getrefcount(None) - before > -100
