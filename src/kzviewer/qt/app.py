"""Start the Qt application and open the main window."""

from __future__ import annotations

import os
import sys

from kzviewer import resources
from kzviewer.errors import KzError
from kzviewer.mapping.page import PageSpec, cached_page
from kzviewer.mapping.state import DEFAULT_STATE


def prepare_environment() -> None:
    """QtWebEngine refuses to run as root with Chromium's sandbox on."""
    if hasattr(os, "geteuid") and os.geteuid() == 0:
        os.environ.setdefault("QTWEBENGINE_DISABLE_SANDBOX", "1")


def has_display() -> bool:
    """False where Qt would abort for want of a screen (Linux with no X or Wayland)."""
    if not sys.platform.startswith("linux") or os.environ.get("QT_QPA_PLATFORM"):
        return True
    return bool(os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY"))


def run(exit_when_ready: bool = False) -> int:
    if not has_display():
        raise KzError("no display to open the window on (DISPLAY and WAYLAND_DISPLAY are unset); "
                      "the check, export and map commands work without one")
    prepare_environment()
    from PySide6.QtCore import QCoreApplication, Qt, QUrl
    from PySide6.QtWidgets import QApplication

    import shiboken6

    from kzviewer.qt.mapview import MapView, release_profile

    QCoreApplication.setAttribute(Qt.ApplicationAttribute.AA_ShareOpenGLContexts)
    app = QApplication.instance() or QApplication(sys.argv[:1])
    app.setApplicationName("kzviewer")
    app.setOrganizationName("kzviewer")

    # Start loading the map before anything else: the web engine lays it
    # out while the rest of the window is imported and built.
    countries_path = resources.bundled_countries()
    page = cached_page(PageSpec(countries_path, DEFAULT_STATE, title="kzviewer"))
    map_view = MapView()
    map_view.load_page(QUrl.fromLocalFile(str(page)))

    from kzviewer.qt.window import MainWindow

    window = MainWindow(map_view, countries_path)
    if exit_when_ready:
        def report_and_quit() -> None:
            print("map-ready", flush=True)
            app.quit()

        window.map_view.bridge.ready.connect(report_and_quit)
    window.show()
    code = app.exec()
    # QtWebEngine wants its pages gone before their profile, and the profile
    # before the application; left to the interpreter's exit, it crashes.
    shiboken6.delete(window)
    release_profile()
    return code
