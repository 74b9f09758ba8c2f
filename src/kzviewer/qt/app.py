"""Start the Qt application and open the main window."""

from __future__ import annotations

import os
import sys
from pathlib import Path

from kzviewer import resources
from kzviewer.deck.countries import load_countries
from kzviewer.mapping.page import PageSpec, cached_page
from kzviewer.mapping.state import DEFAULT_STATE


def prepare_environment() -> None:
    """QtWebEngine refuses to run as root with Chromium's sandbox on."""
    if hasattr(os, "geteuid") and os.geteuid() == 0:
        os.environ.setdefault("QTWEBENGINE_DISABLE_SANDBOX", "1")


def run(deck: Path | None = None) -> int:
    prepare_environment()
    from PySide6.QtCore import QCoreApplication, Qt, QUrl
    from PySide6.QtWidgets import QApplication

    from kzviewer.qt.window import MainWindow

    QCoreApplication.setAttribute(Qt.ApplicationAttribute.AA_ShareOpenGLContexts)
    app = QApplication.instance() or QApplication(sys.argv[:1])
    app.setApplicationName("kzviewer")
    app.setOrganizationName("kzviewer")

    countries = load_countries(resources.bundled_countries())
    page = cached_page(PageSpec(countries, DEFAULT_STATE, title="kzviewer"))
    window = MainWindow(countries, QUrl.fromLocalFile(str(page)))
    window.show()
    return app.exec()
