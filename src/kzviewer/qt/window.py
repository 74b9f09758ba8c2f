"""The main window: the slide pane's place, the map, and the country panel."""

from __future__ import annotations

import logging
from pathlib import Path

from PySide6.QtCore import QSettings, Qt, QTimer
from PySide6.QtGui import QAction, QCloseEvent, QKeySequence
from PySide6.QtWidgets import QMainWindow, QMessageBox, QSplitter, QWidget

from kzviewer import __version__
from kzviewer.deck.countries import CountriesFile, load_countries
from kzviewer.errors import KzError
from kzviewer.geo.data import CREDIT, GeoData, load_geodata
from kzviewer.qt.mapview import MapView
from kzviewer.qt.panel import CountryPanel
from kzviewer.report import country_report

log = logging.getLogger(__name__)

ABOUT = f"""<h3>kzviewer {__version__}</h3>
<p>Lecture slides beside a live map, made for the argument of
<i>What Kazakhstan Can Teach About Medium-State Diplomacy</i>
(Iskander Akylbayev and Brian Y. S. Wong, <i>Foreign Policy</i>, 4 May 2021).</p>
<p><b>Map data.</b> {CREDIT}</p>
<p>Natural Earth draws Crimea as part of Russia; kzviewer draws it as part of
Ukraine, as most audiences and UN General Assembly resolution 68/262 do.
Baikonur, leased to Russia, is shown as the Kazakh territory it is.</p>
<p>The map works offline: it loads nothing from the network.</p>"""


class MainWindow(QMainWindow):
    """Map and country panel side by side; the slide pane joins them at the left."""

    def __init__(self, map_view: MapView, countries_path: Path, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("kzviewer")
        self._countries_path = countries_path
        self._countries: CountriesFile | None = None
        self._geo: GeoData | None = None

        self.map_view = map_view  # already loading its page
        self.panel = CountryPanel(self)
        self.splitter = QSplitter(Qt.Orientation.Horizontal, self)
        self.splitter.setChildrenCollapsible(False)
        self.splitter.addWidget(self.map_view)
        self.splitter.addWidget(self.panel)
        self.splitter.setStretchFactor(0, 4)
        self.splitter.setStretchFactor(1, 1)
        self.setCentralWidget(self.splitter)
        self.resize(1280, 760)
        self.splitter.setSizes([960, 320])
        self._restore_layout()

        self._make_menus()
        self.statusBar().showMessage("Loading the map…")
        self.map_view.bridge.ready.connect(self._on_map_ready)
        self.map_view.bridge.countrySelected.connect(self.show_country)

    def _make_menus(self) -> None:
        file_menu = self.menuBar().addMenu("&File")
        quit_action = QAction("&Quit", self)
        quit_action.setShortcut(QKeySequence.StandardKey.Quit)
        quit_action.triggered.connect(self.close)
        file_menu.addAction(quit_action)
        help_menu = self.menuBar().addMenu("&Help")
        about = QAction("&About kzviewer", self)
        about.triggered.connect(self.show_about)
        help_menu.addAction(about)

    @property
    def countries(self) -> CountriesFile:
        """The groups and roles the panel tells about (the map page has its own copy)."""
        if self._countries is None:
            self._countries = load_countries(self._countries_path)
        return self._countries

    @property
    def geo(self) -> GeoData:
        if self._geo is None:
            self._geo = load_geodata()
        return self._geo

    def _on_map_ready(self) -> None:
        self.statusBar().showMessage("Point at a country to see its name; click it to read about it.")
        # Read the countries and borders now, while the lecturer looks, not
        # on the first click (nor before the map is up).
        QTimer.singleShot(0, self._warm_up)

    def _warm_up(self) -> None:
        try:
            self.countries  # noqa: B018 - loads and caches
            self.geo  # noqa: B018
        except KzError as err:
            self.show_error(err)

    def show_country(self, iso3: str) -> None:
        try:
            report = country_report(iso3, self.geo, self.countries)
        except KzError as err:
            self.show_error(err)
            return
        self.panel.show_report(report)

    def show_error(self, err: KzError) -> None:
        log.error("%s", err)
        self.statusBar().showMessage(str(err))
        QMessageBox.warning(self, "kzviewer", str(err))

    def show_about(self) -> None:
        QMessageBox.about(self, "About kzviewer", ABOUT)

    def _restore_layout(self) -> None:
        settings = QSettings()
        geometry = settings.value("window/geometry")
        if geometry is not None:
            self.restoreGeometry(geometry)
        splitter = settings.value("window/splitter")
        if splitter is not None:
            self.splitter.restoreState(splitter)

    def closeEvent(self, event: QCloseEvent) -> None:
        settings = QSettings()
        settings.setValue("window/geometry", self.saveGeometry())
        settings.setValue("window/splitter", self.splitter.saveState())
        super().closeEvent(event)
