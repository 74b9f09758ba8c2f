"""A typed signal for pure models: Qt's connect and emit, without Qt.

Views made with Qt subscribe through ``kzviewer.qt.subscribe``, which also
disconnects them when their widget is destroyed.
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from typing import Generic, ParamSpec

P = ParamSpec("P")


class Signal(Generic[P]):
    """Calls every connected callable, in the order connected, with what is emitted.

    As with a Qt signal, a callable that fails does not keep the others from
    hearing: its error goes to ``sys.excepthook`` (which the app logs and
    shows, and which fails a test under pytest-qt).
    """

    def __init__(self) -> None:
        self._slots: list[Callable[P, object]] = []

    def connect(self, slot: Callable[P, object]) -> None:
        self._slots.append(slot)

    def disconnect(self, slot: Callable[P, object]) -> None:
        """Forget ``slot`` (a bound method compares equal to itself made again)."""
        if slot in self._slots:
            self._slots.remove(slot)

    def emit(self, *args: P.args, **kwargs: P.kwargs) -> None:
        for slot in list(self._slots):
            try:
                slot(*args, **kwargs)
            except Exception:
                sys.excepthook(*sys.exc_info())
