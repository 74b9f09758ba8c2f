"""The standalone page, handed on and opened as a browser would: from a web server.

A page loaded from file:// cannot reach remote URLs at all, so loading it from
a file proves nothing about a CDN reference.  Served over loopback HTTP, any
reference to another host shows up as a request for it.
"""

from __future__ import annotations

import functools
import http.server
import threading

import pytest
from PySide6.QtCore import QUrl

from kzviewer.cli import main
from tests.qt.helpers import evaluate


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args) -> None:  # type: ignore[no-untyped-def]
        pass


@pytest.fixture
def served_map(tmp_path):
    assert main(["map", "-o", str(tmp_path / "map.html")]) == 0
    handler = functools.partial(_Quiet, directory=str(tmp_path))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}/"
    server.shutdown()
    server.server_close()


def test_served_standalone_page_asks_only_its_own_server(qtbot, requests, browser, served_map):
    view, page = browser
    with qtbot.waitSignal(view.loadFinished, timeout=30_000) as loaded:
        view.load(QUrl(served_map + "map.html"))
    assert loaded.args == [True]
    qtbot.waitUntil(lambda: evaluate(qtbot, view, "!!(window.kz && kz.ready)") is True, timeout=10_000)
    shown = evaluate(qtbot, view, "kz.describe()")
    assert "KAZ" in shown["fills"] and len(shown["borders"]) == 2
    foreign = [u for u in requests.urls if not u.startswith((served_map, "data:"))]
    assert requests.urls and foreign == []
    assert page.errors == []
