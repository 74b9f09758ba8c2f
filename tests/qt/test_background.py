"""The start's worker thread: its result, however its timing, with Qt served meanwhile."""

from __future__ import annotations

import threading
import time

import pytest
from PySide6.QtCore import QTimer

from kzviewer.qt.app import Background


def test_a_result_waited_for_keeps_qt_serving_until_it_comes(qapp):
    release = threading.Event()
    served: list[str] = []
    QTimer.singleShot(0, lambda: served.append("event"))  # the web engine's work, say
    QTimer.singleShot(50, release.set)  # runs only if Qt's loop runs while result() waits
    work = Background(lambda: release.wait(5) and "deck")
    assert work.result() == "deck" and served == ["event"]


def test_a_result_already_there_is_returned_at_once(qapp):
    work = Background(lambda: "deck")
    time.sleep(0.05)  # done, and its wake-up queued, before anyone asks
    qapp.processEvents()  # the wake-up spent before result() is called: a loop started now would never end
    stuck: list[bool] = []
    QTimer.singleShot(2000, lambda: (stuck.append(True), work._loop.quit()))  # so that a failure fails, not hangs
    assert work.result() == "deck" and not stuck


def test_an_error_in_the_work_is_raised_where_the_result_is_asked_for(qapp):
    def fail() -> None:
        raise ValueError("damaged deck")

    with pytest.raises(ValueError, match="damaged deck"):
        Background(fail).result()
