"""Fixtures that drive the real window and its map page, offscreen."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QEvent, QSettings, Qt
from PySide6.QtWebEngineCore import QWebEnginePage, QWebEngineUrlRequestInterceptor
from PySide6.QtWebEngineWidgets import QWebEngineView
from PySide6.QtWidgets import QMessageBox

from kzviewer import resources
from kzviewer.qt.app import build_window
from kzviewer.qt.mapview import map_profile, release_profile

READY_MS = 30_000


class RequestRecorder(QWebEngineUrlRequestInterceptor):
    """Records every URL a page asks for, whatever its scheme."""

    def __init__(self) -> None:
        super().__init__()
        self.urls: list[str] = []

    def interceptRequest(self, info) -> None:  # type: ignore[no-untyped-def]
        self.urls.append(info.requestUrl().toString())


@pytest.fixture(scope="session", autouse=True)
def _release_web_engine(qapp):
    """Delete every page, then the profile, before the application goes
    (QtWebEngine crashes at exit otherwise)."""
    yield
    qapp.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    release_profile()


@pytest.fixture
def requests(qapp):
    recorder = RequestRecorder()
    profile = map_profile()
    profile.setUrlRequestInterceptor(recorder)
    yield recorder
    profile.setUrlRequestInterceptor(None)


def open_window(qtbot, deck_path):
    """The main window on a deck, shown, with its map ready, in the default layout."""
    QSettings().clear()  # no geometry left behind by an earlier test
    win = build_window(deck_path)
    qtbot.addWidget(win)
    with qtbot.waitSignal(win.map_view.bridge.ready, timeout=READY_MS):
        win.show()
    return win


@pytest.fixture
def window(qtbot, requests):
    """The main window on the bundled lecture; fails the test on a JavaScript error."""
    win = open_window(qtbot, resources.bundled_deck())
    yield win
    assert win.map_view.map_page.console_errors == []


class Shown(list):
    """The message boxes a test made appear: their texts, in order."""

    def __init__(self) -> None:
        super().__init__()
        self.formats: list[Qt.TextFormat] = []


@pytest.fixture
def messages(monkeypatch):
    """Message boxes shown (without waiting for anyone to close them): their
    texts, and in ``formats`` how Qt was told to read them."""
    shown = Shown()

    def exec_(box) -> int:  # type: ignore[no-untyped-def]
        shown.append(box.text())
        shown.formats.append(box.textFormat())
        return int(QMessageBox.StandardButton.Ok.value)

    monkeypatch.setattr(QMessageBox, "exec", exec_)
    return shown


class ConsolePage(QWebEnginePage):
    """A page that keeps the JavaScript errors its console reports."""

    def __init__(self, profile) -> None:  # type: ignore[no-untyped-def]
        super().__init__(profile)
        self.errors: list[str] = []

    def javaScriptConsoleMessage(self, level, message, line, source) -> None:  # type: ignore[no-untyped-def]
        if level == QWebEnginePage.JavaScriptConsoleMessageLevel.ErrorMessageLevel:
            self.errors.append(message)


@pytest.fixture
def browser(qtbot, requests):
    """A bare web view on the map's profile, as a browser opens a page: (view, its ConsolePage)."""
    view = QWebEngineView()
    qtbot.addWidget(view)
    page = ConsolePage(map_profile())
    view.setPage(page)
    view.resize(1280, 720)
    view.show()
    yield view, page
    view.setPage(None)
    page.deleteLater()
