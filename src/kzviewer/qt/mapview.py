"""The map: a QWebEngineView on the cached map page, driven through map.js."""

from __future__ import annotations

import json
import logging
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

import shiboken6
from PySide6.QtCore import QCoreApplication, QTimer, QUrl, Signal
from PySide6.QtGui import QDesktopServices
from PySide6.QtWebChannel import QWebChannel
from PySide6.QtWebEngineCore import QWebEnginePage, QWebEngineProfile, QWebEngineSettings
from PySide6.QtWebEngineWidgets import QWebEngineView
from PySide6.QtWidgets import QWidget

from kzviewer.mapping.state import MapState
from kzviewer.qt.bridge import MapBridge

if TYPE_CHECKING:
    from kzviewer.deck.countries import CountriesFile

log = logging.getLogger(__name__)
# The calls a new page is given again, in this order.
REPLAYED = ("kz.configure", "kz.compact", "kz.printable", "kz.apply", "kz.select")
js_log = logging.getLogger("kzviewer.js")


def js_call(function: str, *args: Any) -> str:
    """JavaScript calling ``function`` with ``args`` encoded as JSON: the only
    way Python builds code for the page."""
    return f"{function}({', '.join(json.dumps(a) for a in args)})"


class MapPage(QWebEnginePage):
    """Logs the page's console and keeps it on its own page.

    Links the page asks to follow open in the system browser instead.
    """

    console_errors: list[str]

    def __init__(self, profile: QWebEngineProfile, parent: QWidget | None = None) -> None:
        super().__init__(profile, parent)
        self.console_errors = []
        self.own_url = QUrl()  # the one page this page may show

    def javaScriptConsoleMessage(
        self, level: QWebEnginePage.JavaScriptConsoleMessageLevel, message: str, line: int, source: str
    ) -> None:
        text = f"{source}:{line}: {message}"
        if level == QWebEnginePage.JavaScriptConsoleMessageLevel.ErrorMessageLevel:
            self.console_errors.append(text)
            js_log.error(text)
        else:
            js_log.debug(text)

    def acceptNavigationRequest(
        self, url: QUrl | str, kind: QWebEnginePage.NavigationType, is_main_frame: bool
    ) -> bool:
        url = QUrl(url)
        if kind == QWebEnginePage.NavigationType.NavigationTypeLinkClicked:
            if url.scheme() in ("http", "https", "mailto"):
                QDesktopServices.openUrl(url)
            return False
        # Only the map page itself (loaded by us) may be shown, in the main
        # frame and nowhere else.
        own = _without_fragment(url) == self.own_url
        if not own:
            log.warning("the map page tried to go to %s; refused", url.toString()[:200])
        return own and is_main_frame


def _without_fragment(url: QUrl) -> QUrl:
    bare = QUrl(url)
    bare.setFragment(None)  # type: ignore[arg-type]  # no fragment at all, not an empty one
    return bare


def evaluate(page: QWebEnginePage, expression: str, callback: Callable[[Any], None]) -> None:
    """Hand ``callback`` the value of a JavaScript expression, through JSON
    (Qt's own conversion of the result loses arrays and objects)."""
    page.runJavaScript(f"JSON.stringify({expression})", 0, lambda text: callback(json.loads(text or "null")))


def map_profile() -> QWebEngineProfile:
    """The profile every map page shares: off the record, so nothing of the
    page is written to disk.  It belongs to the application, which outlives
    every page (a profile must outlive its pages)."""
    app = QCoreApplication.instance()
    assert app is not None, "a QApplication comes first"
    profile = app.findChild(QWebEngineProfile, "kzviewer-map")
    if profile is None:
        profile = QWebEngineProfile(app)
        profile.setObjectName("kzviewer-map")
    return profile


def release_profile() -> None:
    """Delete the shared profile; call once every map view is gone."""
    app = QCoreApplication.instance()
    profile = app.findChild(QWebEngineProfile, "kzviewer-map") if app else None
    if profile is not None:
        shiboken6.delete(profile)


class MapView(QWebEngineView):
    """Shows the map page and applies map states to it without reloading.

    If the web engine's render process dies (killed, out of memory, a crash),
    the view loads its page again and puts back the last colours, state and
    selection it was given, without anyone doing anything.
    """

    recovered = Signal()  # the page came back after its render process died

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        page = MapPage(map_profile(), self)
        self.setPage(page)
        settings = page.settings()
        settings.setAttribute(QWebEngineSettings.WebAttribute.LocalContentCanAccessRemoteUrls, False)
        settings.setAttribute(QWebEngineSettings.WebAttribute.JavascriptCanOpenWindows, False)
        settings.setAttribute(QWebEngineSettings.WebAttribute.PluginsEnabled, False)
        self.bridge = MapBridge(self)
        self._channel = QWebChannel(self)
        self._channel.registerObject("bridge", self.bridge)
        page.setWebChannel(self._channel)
        self.is_ready = False
        # The latest call of each kind: made when the page comes up (calls
        # made before it wait here) and made again if its process dies.
        self._latest: dict[str, tuple[Any, ...]] = {}
        self._recovering = False
        self.bridge.ready.connect(self._on_ready)
        self.load_count = 0
        self.transitions = 0
        self.loadStarted.connect(self._count_load)
        page.renderProcessTerminated.connect(self._render_process_died)

    @property
    def map_page(self) -> MapPage:
        page = self.page()
        assert isinstance(page, MapPage)
        return page

    def load_page(self, url: QUrl) -> None:
        self.is_ready = False
        self.map_page.own_url = _without_fragment(url)
        self.load(url)

    def apply_state(self, state: MapState, animate: bool = True) -> int:
        """Show ``state``; returns the move's number, which transitionDone
        carries when the map has arrived (animated or not)."""
        self.transitions += 1
        self._call("kz.apply", state.to_json(), animate, self.transitions)
        return self.transitions

    def configure(self, countries: CountriesFile, state: MapState) -> None:
        """Another deck's (or a changed countries file's) colours and places."""
        self._call("kz.configure", countries.to_json(), state.to_json())

    def compact(self) -> None:
        """Drop the controls and the legend (a small preview)."""
        self._call("kz.compact")

    def printable(self) -> None:
        """Ready the map for pictures on printed pages (see kz.printable)."""
        self._call("kz.printable")

    def select_country(self, iso3: str | None) -> None:
        self._call("kz.select", iso3)

    def _call(self, function: str, *args: Any) -> None:
        self._latest[function] = args
        if self.is_ready:
            self.run(js_call(function, *args))

    def evaluate(self, expression: str, callback: Callable[[Any], None]) -> None:
        evaluate(self.page(), expression, callback)

    def run(self, script: str, callback: Callable[[Any], None] | None = None) -> None:
        if callback is None:
            self.page().runJavaScript(script)
        else:
            self.page().runJavaScript(script, 0, callback)

    def _render_process_died(self, status: QWebEnginePage.RenderProcessTerminationStatus, code: int) -> None:
        log.warning("the map's render process ended (%s, exit code %s); loading the map again", status, code)
        self.is_ready = False
        self._recovering = True
        self.load(self.url())

    def _on_ready(self) -> None:
        self.is_ready = True
        log.debug("map ready")
        for function in REPLAYED:
            args = self._latest.get(function)
            if args is None:
                continue
            if function == "kz.apply":  # straight to the state, no flight
                args = (args[0], False, args[2])
            self.run(js_call(function, *args))
        if self._recovering:
            self._recovering = False
            QTimer.singleShot(0, self.recovered.emit)

    def _count_load(self) -> None:
        self.load_count += 1
