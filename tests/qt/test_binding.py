"""The Qt binding itself: a fault in it that would crash a lecture."""

from __future__ import annotations

import sys

from PySide6.QtWidgets import QWidget


def test_calls_returning_nothing_keep_none_alive(qapp):
    # PySide6 6.12.0 dropped a reference to None on each such call; on Python
    # before 3.12, None was then freed at exit and the interpreter crashed.
    widget = QWidget()
    before = sys.getrefcount(None)
    for _ in range(1000):
        widget.setVisible(False)
    assert sys.getrefcount(None) - before > -100
