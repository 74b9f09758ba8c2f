"""Qt views listening to the pure model: connections that end with the widget."""

from __future__ import annotations

from collections.abc import Callable
from typing import ParamSpec

from PySide6.QtCore import QObject

from kzviewer.model.signal import Signal

P = ParamSpec("P")


def subscribe(owner: QObject, signal: Signal[P], slot: Callable[P, object]) -> None:
    """Connect ``slot`` to a model signal for as long as ``owner`` lives.

    A model outlives many of its views (the presenter console closes, the
    export's map goes): once Qt has destroyed ``owner``, ``slot`` is no longer
    called.
    """
    signal.connect(slot)
    owner.destroyed.connect(lambda: signal.disconnect(slot))
