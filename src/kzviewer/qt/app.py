"""Start the Qt application and open the main window on a deck."""

from __future__ import annotations

import logging
import os
import signal
import sys
import threading
from collections.abc import Callable
from pathlib import Path
from types import TracebackType
from typing import TYPE_CHECKING, Any

from kzviewer import i18n, resources
from kzviewer.errors import DeckError, KzError
from kzviewer.i18n import _
from kzviewer.logs import print_progress
from kzviewer.mapping.cache import find_cached_page, read_stored_deck, store_deck

if TYPE_CHECKING:
    from PySide6.QtCore import QCoreApplication, QTranslator
    from PySide6.QtWidgets import QWidget

    from kzviewer.deck.model import Deck
    from kzviewer.errors import Problem
    from kzviewer.qt.window import MainWindow

log = logging.getLogger(__name__)


def prepare_environment() -> None:
    """QtWebEngine refuses to run as root with Chromium's sandbox on."""
    if hasattr(os, "geteuid") and os.geteuid() == 0:
        os.environ.setdefault("QTWEBENGINE_DISABLE_SANDBOX", "1")


def has_display() -> bool:
    """False where Qt would abort for want of a screen (Linux with no X or Wayland)."""
    if not sys.platform.startswith("linux") or os.environ.get("QT_QPA_PLATFORM"):
        return True
    return bool(os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY"))


class Background:
    """Pure-Python work on a worker thread, started at once; ``result`` waits
    for it while the GUI thread goes on serving Qt's event loop (and so the
    web engine)."""

    def __init__(self, work: Callable[[], Any]) -> None:
        from PySide6.QtCore import QEventLoop, QMetaObject, Qt

        self._box: dict[str, Any] = {}
        self._done = threading.Event()
        self._loop = QEventLoop()

        def target() -> None:
            try:
                self._box["value"] = work()
            except BaseException as err:  # handed to the GUI thread in result()
                self._box["error"] = err
            finally:
                self._done.set()
                # Wakes result()'s loop with no Python run on the GUI thread:
                # a timer looking every few milliseconds made it wait for the
                # worker's hold on the interpreter each time, and the web
                # engine's work, done on that thread, with it.
                QMetaObject.invokeMethod(self._loop, "quit", Qt.ConnectionType.QueuedConnection)

        threading.Thread(target=target, name="kzviewer-read", daemon=True).start()

    def result(self) -> Any:
        if not self._done.is_set():  # else its "quit" came before the loop, which would never end
            self._loop.exec()
        if "error" in self._box:
            raise self._box["error"]
        return self._box["value"]


def export(deck_path: Path, output: Path, notes: bool) -> int:
    """``kzviewer export``: the deck to PDF, with no window and no display needed.

    Ctrl-C (SIGINT) or SIGTERM cancel it: no file is left behind, and the
    exit code is 128 plus the signal's number.
    """
    deck, problems = stored_or_parsed(deck_path)
    if problems:  # a deck with problems is not exported: they are listed
        raise DeckError(problems)
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    prepare_environment()
    from PySide6.QtCore import QCoreApplication, Qt, QTimer
    from PySide6.QtWidgets import QApplication

    from kzviewer.qt.export import PdfExport
    from kzviewer.qt.mapview import release_profile

    QCoreApplication.setAttribute(Qt.ApplicationAttribute.AA_ShareOpenGLContexts)
    app = QApplication.instance() or QApplication(sys.argv[:1])
    speak(app)
    job = PdfExport(deck, output, notes)
    outcome: dict[str, str] = {}
    job.progress.connect(print_progress)
    job.finished.connect(lambda path: (outcome.setdefault("done", path), app.quit()))
    job.failed.connect(lambda message: (outcome.setdefault("failed", message), app.quit()))
    stopped: list[int] = []
    running = [job]  # emptied before the job is let go

    def stop(signum: int, frame: object) -> None:
        stopped.append(signum)
        for each in running:
            each.cancel()

    previous = {signum: signal.signal(signum, stop) for signum in (signal.SIGINT, signal.SIGTERM)}
    # Python runs a signal handler only when it has control: give it control
    # now and then while Qt's event loop runs.
    heartbeat = QTimer(interval=100)
    heartbeat.timeout.connect(lambda: None)
    heartbeat.start()
    try:
        job.start()
        if not job.done:
            app.exec()
    finally:
        heartbeat.stop()
        for signum, handler in previous.items():
            signal.signal(signum, handler)
    if sys.stderr.isatty() and "done" not in outcome:  # the progress line, left unfinished
        print(file=sys.stderr)
    running.clear()
    del job
    release_profile()
    if stopped:
        print(
            _("kzviewer: {signal}: the export was stopped; no file was written").format(
                signal=signal.Signals(stopped[0]).name
            ),
            file=sys.stderr,
        )
        return 128 + stopped[0]
    if "failed" in outcome:
        print(f"kzviewer: {outcome['failed']}", file=sys.stderr)
        return 1
    pages = len(deck.slides) * (2 if notes else 1)
    print(
        i18n.ngettext("kzviewer: wrote {path} ({n} page)", "kzviewer: wrote {path} ({n} pages)", pages).format(
            path=output, n=pages
        ),
        file=sys.stderr,
    )
    return 0


def stored_or_parsed(deck_path: Path, first_slides: int = 0) -> tuple[Deck, list[Problem]]:
    """The deck and its problems as the last start or export read them, if
    none of its files changed (no parser imported); else parsed, its
    ``first_slides`` turned into HTML, and kept for the next time."""
    stored = read_stored_deck(deck_path)
    if stored is not None:
        return stored
    from kzviewer.deck.parser import parse_deck

    deck, problems = parse_deck(deck_path)
    for slide in deck.slides[:first_slides]:  # Markdown to HTML here, on the thread that reads
        slide.body_html  # noqa: B018 (cached on the slide)
    try:
        store_deck(deck, problems)
    except OSError as err:  # the next start parses it again
        log.warning("could not keep the parsed deck: %s", err)
    return deck, problems


def speak(app: QCoreApplication) -> list[QTranslator]:
    """Qt's own words (file dialogs, buttons, the web engine's menus) and its
    number and date formats in the language of this run; the translators
    installed."""
    from PySide6.QtCore import QLibraryInfo, QLocale, QTranslator

    code = i18n.language()
    QLocale.setDefault(QLocale(code))
    installed: list[QTranslator] = []
    if code == i18n.FALLBACK:
        return installed
    directory = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
    for catalogue in ("qtbase", "qtwebengine"):
        translator = QTranslator(app)
        if translator.load(f"{catalogue}_{code}", directory) and app.installTranslator(translator):
            installed.append(translator)
        else:
            log.info("Qt has no %s translation into %s", catalogue, code)
    return installed


def install_error_handler(window: QWidget) -> None:
    """An error nobody caught is logged with its traceback and shown; the app goes on."""
    from kzviewer.logs import log_file
    from kzviewer.qt.dialogs import warn

    def report(kind: type[BaseException], error: BaseException, trace: TracebackType | None) -> None:
        if issubclass(kind, KeyboardInterrupt):
            sys.__excepthook__(kind, error, trace)
            return
        log.critical("unexpected error", exc_info=(kind, error, trace))
        warn(
            window,
            "kzviewer",
            _("Something went wrong: {error}\n\nkzviewer goes on. The details are in {log}.").format(
                error=error, log=log_file()
            ),
        )

    sys.excepthook = report


def build_window(deck_path: Path, duration: float | None = None) -> MainWindow:
    """The main window on a deck, its map loading (QApplication must exist)."""
    from PySide6.QtCore import QSize, QUrl

    from kzviewer.qt.mapview import MapView, last_map_size

    # Start loading the map before anything else: with a fresh cache the page
    # is found without parsing the deck, which is read on a worker thread
    # while this one makes the map view, starts its page and serves the web
    # engine, which lays the map out.
    page = find_cached_page(deck_path)
    reading = None
    if page is not None:

        def read_deck():  # type: ignore[no-untyped-def]
            # Imported here too, off the GUI thread's path.
            import kzviewer.qt.window  # noqa: F401

            return stored_or_parsed(deck_path, first_slides=2)  # the first slides shown, not on the GUI thread

        reading = Background(read_deck)  # while the map view is made and starts loading
    parsed = None
    map_error = None
    if page is None:
        from kzviewer.deck.parser import parse_deck
        from kzviewer.mapping.page import PageSpec, cached_page

        parsed = parse_deck(deck_path)
        try:
            page = cached_page(PageSpec.for_deck(parsed[0]))
        except KzError as err:  # damaged geodata: lecture from the slides alone
            map_error = err
    map_view = MapView()
    # Shown, the view first has the size it had before its window was laid
    # out, and the page frames the first slide for it: the map's size when the
    # window was last closed (most likely its size in the pane), or none the
    # first time (Qt's 640 x 480 would have the slide framed for it, then again).
    map_view.resize(last_map_size() or QSize(0, 0))
    if page is not None:
        map_view.load_page(QUrl.fromLocalFile(str(page)))
    if parsed is None:
        assert reading is not None  # a page found, so the deck is being read
        parsed = reading.result()
    deck, problems = parsed
    from kzviewer.model.presentation import Presentation
    from kzviewer.qt.window import MainWindow

    return MainWindow(Presentation(deck, duration=duration), map_view, problems, map_error)


def run(deck_path: Path, duration: float | None = None, exit_when_ready: bool = False) -> int:
    if not has_display():
        raise KzError(
            _(
                "no display to open the window on (DISPLAY and WAYLAND_DISPLAY are unset); "
                "the check, export and map commands work without one"
            )
        )
    prepare_environment()
    from PySide6.QtCore import QCoreApplication, Qt
    from PySide6.QtGui import QIcon
    from PySide6.QtWidgets import QApplication

    QCoreApplication.setAttribute(Qt.ApplicationAttribute.AA_ShareOpenGLContexts)
    app = QApplication.instance() or QApplication(sys.argv[:1])
    app.setApplicationName("kzviewer")
    app.setOrganizationName("kzviewer")
    QApplication.setDesktopFileName("kzviewer")  # the desktop entry --install-desktop-entry writes
    QApplication.setWindowIcon(QIcon(str(resources.icon_file())))
    speak(app)

    window = build_window(deck_path, duration)
    install_error_handler(window)
    if exit_when_ready:

        def report_and_quit() -> None:
            print("map-ready", flush=True)
            app.quit()

        window.map_view.bridge.ready.connect(report_and_quit)
    window.show()
    code = app.exec()
    close_down(window)
    return code


def close_down(window: MainWindow) -> None:
    """Delete the presenter console and the window (and so their map views),
    and the map views let go of (an export's, cancelled as the window
    closed), then the maps' profile: QtWebEngine wants its pages gone before
    their profile, and the profile before the application (left to the
    interpreter's exit, it crashes)."""
    import shiboken6
    from PySide6.QtCore import QCoreApplication, QEvent

    from kzviewer.qt.mapview import release_profile

    if window.console is not None:
        shiboken6.delete(window.console)
    shiboken6.delete(window)
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    release_profile()
