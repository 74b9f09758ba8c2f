"""Presenting: the audience view full screen, the presenter console beside it.

With two screens the audience view (slide and map) goes full screen on the
screen the window is not on (the projector) and the console fills the other;
with one screen the window goes full screen and the console is a window the
presenter can raise with S.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtGui import QGuiApplication, QScreen

from kzviewer.qt.slideview import LETTERBOX

if TYPE_CHECKING:
    from kzviewer.qt.window import MainWindow

PRESENTING_MAP_ZOOM = 1.35


def audience_and_presenter_screens(window: MainWindow) -> tuple[QScreen, QScreen | None]:
    """(audience, presenter): the presenter keeps the screen the window is on."""
    screens = QGuiApplication.screens()
    here = window.screen()
    others = [s for s in screens if s is not here]
    if not others:
        return here, None
    return others[0], here


def _put_on(widget, screen: QScreen) -> None:  # type: ignore[no-untyped-def]
    # setScreen alone leaves a full-screen window on the first screen: place
    # the window inside the target screen's geometry first.
    widget.showNormal()
    widget.setGeometry(screen.availableGeometry())
    handle = widget.windowHandle()
    if handle is not None:
        handle.setScreen(screen)
    widget.move(screen.geometry().topLeft())


def start_presenting(window: MainWindow) -> None:
    if window.presenting:
        return
    window.presenting = True
    window._before_presenting = (window.saveGeometry(), window.isFullScreen())
    window.menuBar().hide()
    window.statusBar().hide()
    window.banner.hide()
    # For the back of the room: the slide's pane all white, the map's names larger.
    window.slide_view.letterbox = "white"
    window.map_view.setZoomFactor(PRESENTING_MAP_ZOOM)
    window.panel.hide()  # shown to the audience when a country is clicked
    audience, presenter = audience_and_presenter_screens(window)
    _put_on(window, audience)
    window.showFullScreen()
    if presenter is not None:
        window.show_console()
        console = window.console
        assert console is not None
        _put_on(console, presenter)
        console.showFullScreen()
        window.raise_()
    window.presentation.start_timer_once()
    window.activateWindow()


def stop_presenting(window: MainWindow) -> None:
    if not window.presenting:
        return
    window.presenting = False
    assert window._before_presenting is not None
    geometry, was_full = window._before_presenting
    window.menuBar().show()
    window.statusBar().show()
    window.slide_view.letterbox = LETTERBOX
    window.map_view.setZoomFactor(1.0)
    window.banner.setVisible(bool(window.banner.problems))
    window.panel.show()
    window.showNormal()
    window.restoreGeometry(geometry)
    if was_full:
        window.showFullScreen()
    if window.console is not None and window.console.isFullScreen():
        window.console.showNormal()


def screen_removed(window: MainWindow, screen: QScreen) -> None:
    """A screen was unplugged: bring the presentation back to what remains.

    The audience view moves to the remaining screen, full screen; the console
    becomes an ordinary window there, which the presenter can raise with S.
    """
    if not window.presenting:
        return
    remaining = [s for s in QGuiApplication.screens() if s is not screen]
    if not remaining:
        return
    if window.screen() is screen or window.screen() not in remaining:
        _put_on(window, remaining[0])
        window.showFullScreen()
    console = window.console
    if console is not None and console.isVisible() and (console.screen() is screen or len(remaining) == 1):
        console.showNormal()
        console.setGeometry(remaining[0].availableGeometry().adjusted(40, 40, -40, -40))
    window.raise_()
    window.statusBar().showMessage("A screen was unplugged; presenting on the one that remains.", 8000)
