"""The map: a QWebEngineView on the cached map page, driven through web/map.js."""

from __future__ import annotations

import json
import logging
import time
from collections.abc import Callable
from enum import Enum
from typing import TYPE_CHECKING, Any

import shiboken6
from PySide6.QtCore import QCoreApplication, QSettings, QSize, QTimer, QUrl, Signal
from PySide6.QtGui import QDesktopServices
from PySide6.QtWebChannel import QWebChannel
from PySide6.QtWebEngineCore import QWebEnginePage, QWebEngineProfile, QWebEngineSettings
from PySide6.QtWebEngineWidgets import QWebEngineView
from PySide6.QtWidgets import QWidget

from kzviewer.qt.bridge import MapBridge

if TYPE_CHECKING:  # for annotations only: the map view starts loading before the deck is read
    from kzviewer.deck.countries import CountriesFile
    from kzviewer.mapping.snapshot import MapSnapshot

log = logging.getLogger(__name__)
js_log = logging.getLogger("kzviewer.js")
MAP_SIZE_KEY = "window/map-size"  # the main window's map, as it was when the window was last closed
READY_WAIT_MS = 2000  # a page asked to paint at its view's size is waited for this long at most
MAX_RESTARTS = 3  # within RESTART_WINDOW_S: a page that keeps dying (out of memory, say) is let be
RESTART_WINDOW_S = 60.0


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


def last_map_size() -> QSize | None:
    """The main window's map's size when it was last closed (None the first time)."""
    size = QSettings().value(MAP_SIZE_KEY)
    if isinstance(size, QSize) and 0 < size.width() <= 10_000 and 0 < size.height() <= 10_000:
        return size
    return None


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


class MapMode(Enum):
    """What a map view is for: the lecture's map, the console's preview, a printed page's map."""

    WINDOW = "window"
    PREVIEW = "preview"  # no controls, no legend
    PRINT = "print"  # no zoom buttons, larger names


class MapView(QWebEngineView):
    """Shows the map page and sends it snapshots of what to show, without reloading.

    The view keeps the latest snapshot and countries file it was given.  If
    the web engine's render process dies (killed, out of memory, a crash),
    the view loads its page again and sends them again, without anyone doing
    anything: the map shows exactly what it showed before.
    """

    recovered = Signal()  # the page came back after its render process died
    failed = Signal()  # it died again and again, and is not loaded any more

    def __init__(self, parent: QWidget | None = None, mode: MapMode = MapMode.WINDOW) -> None:
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
        self.mode = mode
        self.is_ready = False
        self._countries: dict[str, Any] | None = None  # sent when the deck's countries changed
        self._snapshot: MapSnapshot | None = None
        self._recovering = False
        self._presenting = False
        self._deaths: list[float] = []  # when the render process died, lately
        self.bridge.drawn.connect(self._drawn)
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

    def show_map(self, snapshot: MapSnapshot, animate: bool = True) -> int:
        """Show ``snapshot``, flying to a new view if ``animate``; returns the
        move's number, which transitionDone carries when the map has arrived."""
        self._snapshot = snapshot
        self.transitions += 1
        if self.is_ready:
            self._send_snapshot(animate)
        return self.transitions

    def set_presenting(self, on: bool) -> None:
        """Presenting: the page hides its zoom buttons (the audience needs none)."""
        self._presenting = on
        if self.is_ready:
            self.run(js_call("kz.present", on))

    def configure(self, countries: CountriesFile) -> None:
        """Another deck's (or a changed countries file's) colours and places."""
        self._countries = countries.to_json()
        if self.is_ready:
            self.run(js_call("kz.configure", self._countries))

    def _send_snapshot(self, animate: bool) -> None:
        assert self._snapshot is not None
        options = {"animate": animate, "transition": self.transitions}
        self.run(js_call("kz.show", self._snapshot.to_json(), options))

    def evaluate(self, expression: str, callback: Callable[[Any], None]) -> None:
        evaluate(self.page(), expression, callback)

    def run(self, script: str, callback: Callable[[Any], None] | None = None) -> None:
        if callback is None:
            self.page().runJavaScript(script)
        else:
            self.page().runJavaScript(script, 0, callback)

    def _render_process_died(self, status: QWebEnginePage.RenderProcessTerminationStatus, code: int) -> None:
        self.is_ready = False
        if status is QWebEnginePage.RenderProcessTerminationStatus.NormalTerminationStatus:
            return  # it ended because its page closed (the view going, an export's done): nothing to bring back
        now = time.monotonic()
        self._deaths = [t for t in self._deaths if now - t < RESTART_WINDOW_S] + [now]
        if len(self._deaths) > MAX_RESTARTS:  # it would die again: stop rather than loop
            log.error("the map's render process ended %s times within a minute; not restarted", len(self._deaths))
            self.failed.emit()
            return
        log.warning("the map's render process ended (%s, exit code %s); loading the map again", status, code)
        self._recovering = True
        self.load(self.url())

    def _drawn(self, width: int, height: int) -> None:
        """The page has painted its map: "ready" if at the view's own size.

        A view made before its window is laid out has the size it was given
        (kzviewer.qt.app gives it the map's when the window was last closed) or Qt's
        640 × 480, and the page may frame its first slide for it; shown at
        another size, the page is asked to say so again once it has framed
        the slide for the view's size, so that "ready" never means a map
        framed for a pane it is not in.  Said once per load: the page may
        paint at that size again after "ready" (it keeps waiting for it).
        """
        if self.is_ready:
            return
        zoom = self.zoomFactor()
        want = (round(self.width() / zoom), round(self.height() / zoom))
        if (
            self.mode is not MapMode.WINDOW
            or not self.isVisible()
            or (abs(width - want[0]) <= 1 and abs(height - want[1]) <= 1)
        ):
            self.bridge.ready.emit()
        else:
            self.run(js_call("kz.readyAt", *want))
            # Should the page never have that size (a rounding Qt and Chromium
            # do not share), the map is not left "loading" for ever.
            loads = self.load_count
            QTimer.singleShot(READY_WAIT_MS, lambda: self._ready_anyway(loads))

    def _ready_anyway(self, loads: int) -> None:
        if not self.is_ready and loads == self.load_count:
            log.warning("the map did not reach its view's size; shown as it is")
            self.bridge.ready.emit()

    def _on_ready(self) -> None:
        """The page is up (the first time, or again after a crash): give it
        its mode, the deck's colours and the latest snapshot, at once."""
        self.is_ready = True
        log.debug("map ready")
        if self.mode is not MapMode.WINDOW:
            self.run(js_call("kz.setup", {"mode": self.mode.value}))
        if self._countries is not None:
            self.run(js_call("kz.configure", self._countries))
        if self._presenting:
            self.run(js_call("kz.present", True))
        if self._snapshot is not None:
            self._send_snapshot(animate=False)
        if self._recovering:
            self._recovering = False
            QTimer.singleShot(0, self.recovered.emit)

    def _count_load(self) -> None:
        self.load_count += 1
