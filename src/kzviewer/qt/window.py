"""The main window: the slide, the map and the country panel, and a deck's life in it."""

from __future__ import annotations

import logging
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QByteArray, QFileSystemWatcher, QSettings, Qt, QTimer
from PySide6.QtGui import (
    QAction,
    QCloseEvent,
    QDragEnterEvent,
    QDropEvent,
    QGuiApplication,
    QKeySequence,
    QScreen,
)
from PySide6.QtWidgets import (
    QFileDialog,
    QLabel,
    QMainWindow,
    QMenu,
    QMessageBox,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from kzviewer import __version__
from kzviewer.deck.model import Deck
from kzviewer.deck.parser import parse_deck
from kzviewer.errors import KzError, Problem
from kzviewer.geo.data import CREDIT, GeoData, load_geodata
from kzviewer.mapping.state import MapState
from kzviewer.qt.keys import KeyRouter
from kzviewer.qt.mapview import MapView
from kzviewer.qt.panel import CountryPanel
from kzviewer.qt.presentation import Presentation
from kzviewer.qt.slideview import SlideView
from kzviewer.report import BorderReport, CountryReport, border_report, country_report

if TYPE_CHECKING:
    from kzviewer.qt.console import PresenterConsole

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

RECENT_MAX = 8
SPLITTER_KEY = "window/splitter-3"  # slide | map | panel; older layouts had other panes
RELOAD_DELAY_MS = 150


class ProblemBanner(QLabel):
    """The deck's problems, as ``path:line: message`` lines, above the slides."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWordWrap(True)
        self.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.setStyleSheet(
            "QLabel { background: #fff4ce; color: #3d2f00; border-bottom: 1px solid #d6b656;"
            " padding: 6px 10px; font-family: monospace; }"
        )
        self.problems: list[Problem] = []
        self.hide()

    def show_problems(self, problems: list[Problem], kept_last_good: bool) -> None:
        self.problems = list(problems)
        if not problems:
            self.hide()
            return
        shown = [str(p) for p in problems[:8]]
        if len(problems) > 8:
            shown.append(f"… and {len(problems) - 8} more (kzviewer check lists them all)")
        if kept_last_good:
            shown.insert(0, "The deck has problems; still showing its last good version:")
        self.setText("\n".join(shown))
        self.show()


class MainWindow(QMainWindow):
    """Slide and map side by side in a splitter, the country panel beside the map."""

    def __init__(
        self,
        map_view: MapView,
        deck: Deck,
        problems: list[Problem],
        map_error: KzError | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._geo: GeoData | None = None
        self.presentation = Presentation(deck, self)
        self.presenting = False
        self.console: PresenterConsole | None = None  # made when first wanted
        self._before_presenting: tuple[QByteArray, bool] | None = None  # geometry, full screen

        self.map_view = map_view  # already loading its page
        self.slide_view = SlideView(self)
        self.panel = CountryPanel(self)
        self.banner = ProblemBanner(self)
        self.splitter = QSplitter(Qt.Orientation.Horizontal, self)
        self.splitter.setChildrenCollapsible(False)
        map_pane: QWidget = self.map_view
        if map_error is not None:
            # The map cannot be drawn: say why where it would be, and go on with the slides.
            log.error("no map: %s", map_error)
            map_view.hide()
            map_pane = QLabel(f"The map cannot be shown.\n\n{map_error}", self)
            map_pane.setWordWrap(True)
            map_pane.setAlignment(Qt.AlignmentFlag.AlignCenter)
            map_pane.setStyleSheet("QLabel { background: #fff4ce; color: #3d2f00; padding: 24px; }")
        self.map_error = map_error
        for widget, stretch in ((self.slide_view, 5), (map_pane, 5), (self.panel, 2)):
            self.splitter.addWidget(widget)
            self.splitter.setStretchFactor(self.splitter.count() - 1, stretch)
        central = self.audience_view = QWidget(self)  # what the audience sees: banner, slide, map, panel
        column = QVBoxLayout(central)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(0)
        column.addWidget(self.banner)
        column.addWidget(self.splitter, 1)
        self.setCentralWidget(central)
        self.position = QLabel(self)
        self.statusBar().addPermanentWidget(self.position)
        self.resize(1440, 810)
        self.splitter.setSizes([720, 500, 220])
        self.setAcceptDrops(True)

        self.watcher = QFileSystemWatcher(self)
        self.watcher.fileChanged.connect(self._file_changed)
        self._reload_timer = QTimer(self, singleShot=True, interval=RELOAD_DELAY_MS)
        self._reload_timer.timeout.connect(self.reload)

        self._make_menus()
        self.keys = KeyRouter(self)
        app = QGuiApplication.instance()
        if isinstance(app, QGuiApplication):
            app.screenRemoved.connect(self._screen_removed)
        self._restore_layout()

        self.presentation.slideChanged.connect(self._show_slide)
        self.presentation.deckChanged.connect(self._deck_changed)
        self.presentation.blankChanged.connect(self._blank_changed)
        self.map_view.bridge.ready.connect(self._on_map_ready)
        self.map_view.recovered.connect(
            lambda: self.statusBar().showMessage("The map stopped and was restarted on the same slide.", 8000)
        )
        self.map_view.bridge.countrySelected.connect(self.show_country)
        self.map_view.bridge.borderSelected.connect(self.show_border)
        self.panel.slideRequested.connect(self.presentation.go)
        self.panel.countryRequested.connect(self._select_from_panel)
        self.statusBar().showMessage(str(map_error) if map_error else "Loading the map…")

        self._deck_changed()
        self._show_slide(self.presentation.number, animate=False)
        self.banner.show_problems(problems, kept_last_good=False)
        self._remember_recent(deck.path)

    # -- menus -----------------------------------------------------------------

    def _action(
        self,
        menu: QMenu,
        text: str,
        slot: Callable[[], object],
        shortcut: QKeySequence | QKeySequence.StandardKey | str | None = None,
    ) -> QAction:
        action = QAction(text, self)
        if shortcut is not None:
            action.setShortcut(QKeySequence(shortcut))
            action.setShortcutContext(Qt.ShortcutContext.ApplicationShortcut)
        action.triggered.connect(slot)
        menu.addAction(action)
        return action

    def _make_menus(self) -> None:
        bar = self.menuBar()
        file_menu = bar.addMenu("&File")
        self._action(file_menu, "&Open deck…", self.choose_deck, QKeySequence.StandardKey.Open)
        self.recent_menu = file_menu.addMenu("Open &recent")
        self.recent_menu.aboutToShow.connect(self._fill_recent)
        self._action(file_menu, "Re&load deck", self.reload, "Ctrl+R")
        self._action(file_menu, "&Export PDF…", lambda: self.export_pdf(notes=False), "Ctrl+E")
        self._action(file_menu, "Export PDF with &notes…", lambda: self.export_pdf(notes=True))
        file_menu.addSeparator()
        self._action(file_menu, "&Quit", self.close, QKeySequence.StandardKey.Quit)

        view = bar.addMenu("&View")
        self._action(view, "&Present (F5)", self.start_presenting)
        self._action(view, "&Full screen (F11)", self.toggle_full_screen)
        self._action(view, "Presenter &console (S)", self.show_console)
        self._action(view, "&Overview of slides (O)", self.show_overview)
        self._action(view, "Map back to the &slide (0)", self.reset_map)

        help_menu = bar.addMenu("&Help")
        self._action(help_menu, "&Keys (?)", self.show_keys)
        self._action(help_menu, "&About kzviewer", self.show_about)

    # -- the deck ----------------------------------------------------------------

    @property
    def deck(self) -> Deck:
        return self.presentation.deck

    @property
    def geo(self) -> GeoData:
        if self._geo is None:
            self._geo = load_geodata()
        return self._geo

    def _deck_changed(self) -> None:
        deck = self.deck
        self.setWindowTitle(f"{deck.title or deck.path.name} — kzviewer")
        files = [str(p) for p in (deck.path, deck.countries.path) if p.is_file()]
        if self.watcher.files():
            self.watcher.removePaths(self.watcher.files())
        if files:
            self.watcher.addPaths(files)
        self.slide_view.placeholder = "" if deck.slides else "This deck has no slides to show yet."

    def open_deck(self, path: Path) -> bool:
        """Open another deck; a deck with problems opens as far as it is valid."""
        deck, problems = parse_deck(path)
        if not deck.slides:
            self.banner.show_problems(problems, kept_last_good=False)
            QMessageBox.warning(
                self, "kzviewer", "This deck cannot be shown:\n\n" + "\n".join(str(p) for p in problems[:12])
            )
            return False
        self.presentation.number = 1
        self.presentation.set_deck(deck)
        self.map_view.configure(deck.countries, deck.slide(1).map)
        self.banner.show_problems(problems, kept_last_good=False)
        self._remember_recent(path)
        return True

    def reload(self) -> None:
        """Read the open deck again; a broken save keeps the last good version."""
        deck, problems = parse_deck(self.deck.path)
        if not deck.slides or (problems and not self._usable(deck)):
            self.banner.show_problems(problems, kept_last_good=True)
            self._deck_changed()  # keep watching, even a file that was replaced
            return
        countries_changed = deck.countries != self.deck.countries
        self.presentation.set_deck(deck)
        if countries_changed:
            self.map_view.configure(deck.countries, self._current_map())
        self.banner.show_problems(problems, kept_last_good=False)
        self.statusBar().showMessage(f"Reloaded {deck.path.name}", 3000)

    def _usable(self, deck: Deck) -> bool:
        """A deck with problems replaces the shown one only if every slide kept a title."""
        return all(s.title for s in deck.slides)

    def _file_changed(self, path: str) -> None:
        # Editors save by writing a new file and renaming it: wait a moment,
        # then read whatever is there (and watch the new file).
        self._reload_timer.start()

    def choose_deck(self) -> None:
        start = str(self.deck.path.parent)
        name, _ = QFileDialog.getOpenFileName(self, "Open deck", start, "Decks (*.md);;All files (*)")
        if name:
            self.open_deck(Path(name))

    def _remember_recent(self, path: Path) -> None:
        if not path.is_file():
            return
        settings = QSettings()
        recent = [str(path.resolve())] + [p for p in (settings.value("recent") or []) if p != str(path.resolve())]
        settings.setValue("recent", recent[:RECENT_MAX])

    def _fill_recent(self) -> None:
        self.recent_menu.clear()
        for name in QSettings().value("recent") or []:
            action = self.recent_menu.addAction(name)
            action.triggered.connect(lambda _=False, n=name: self.open_deck(Path(n)))
        if self.recent_menu.isEmpty():
            self.recent_menu.addAction("(none yet)").setEnabled(False)

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        if any(u.toLocalFile().endswith(".md") for u in event.mimeData().urls()):
            event.acceptProposedAction()

    def dropEvent(self, event: QDropEvent) -> None:
        decks = [u.toLocalFile() for u in event.mimeData().urls() if u.toLocalFile().endswith(".md")]
        if decks:
            self.open_deck(Path(decks[0]))
            event.acceptProposedAction()

    # -- slides and the map --------------------------------------------------------

    def _current_map(self) -> MapState:
        slide = self.presentation.slide
        return slide.map if slide else self.deck.initial

    def _show_slide(self, number: int, animate: bool = True) -> None:
        slide = self.presentation.slide
        self.slide_view.show_slide(self.deck, slide)
        self.slide_view.prepare(self.deck, [number + 1, number - 1])
        self.position.setText(f"Slide {number} / {self.presentation.count}" if slide else "No slides")
        if slide is not None:
            self.map_view.apply_state(slide.map, animate=animate)
        if self.presenting and self.panel.isVisible():
            self.panel.hide()

    def reset_map(self) -> None:
        """Back to the slide's own view after exploring the map."""
        self.map_view.apply_state(self._current_map(), animate=True)
        self.panel.clear_report()
        if self.presenting:
            self.panel.hide()

    def _on_map_ready(self) -> None:
        self.statusBar().showMessage(
            "Point at a country to see its name; click it to read its part in the argument.", 8000
        )
        # Read the borders now, while the lecturer looks, not on the first click.
        QTimer.singleShot(0, self._warm_up)

    def _warm_up(self) -> None:
        try:
            self.geo  # noqa: B018 - loads and caches
        except KzError as err:
            self.show_error(err)

    def show_country(self, iso3: str) -> None:
        try:
            report = country_report(iso3, self.geo, self.deck)
        except KzError as err:
            self.show_error(err)
            return
        self._show_report(report)

    def _show_report(self, report: CountryReport | BorderReport) -> None:
        self.panel.show_report(report)
        if self.presenting:
            self.panel.show()  # the audience sees it too

    def _select_from_panel(self, iso3: str) -> None:
        self.map_view.select_country(iso3)
        self.show_country(iso3)

    def show_border(self, a: str, b: str) -> None:
        report = border_report(a, b, self.geo)
        if report is not None:
            self._show_report(report)

    # -- presenting -------------------------------------------------------------------

    def _blank_changed(self, kind: str) -> None:
        from kzviewer.qt.blank import BlankCover

        BlankCover.cover(self.audience_view, kind)

    def toggle_full_screen(self) -> None:
        if self.isFullScreen():
            self.showNormal()
        else:
            self.showFullScreen()

    def start_presenting(self) -> None:
        from kzviewer.qt.presenting import start_presenting

        start_presenting(self)

    def _screen_removed(self, screen: QScreen) -> None:
        from kzviewer.qt.presenting import screen_removed

        screen_removed(self, screen)

    def stop_presenting(self) -> None:
        from kzviewer.qt.presenting import stop_presenting

        stop_presenting(self)

    def show_console(self) -> None:
        from kzviewer.qt.console import PresenterConsole

        if self.console is None:
            self.console = PresenterConsole(self.presentation, self.map_view.url())
            self.keys.attach(self.console)
        self.console.show()
        self.console.raise_()
        self.console.activateWindow()

    def show_overview(self) -> None:
        from kzviewer.qt.overview import Overview

        Overview.open(self, self.presentation)

    def show_keys(self) -> None:
        from kzviewer.qt.keys import KEYS_HTML

        QMessageBox.information(self, "Keys", KEYS_HTML)

    def export_pdf(self, notes: bool) -> None:
        from kzviewer.qt.export import export_from_window

        self.export_job = export_from_window(self, self.deck, notes)

    # -- messages and settings -------------------------------------------------------------

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
        splitter = settings.value(SPLITTER_KEY)
        if splitter is not None:
            self.splitter.restoreState(splitter)

    def closeEvent(self, event: QCloseEvent) -> None:
        if self.presenting:
            self.stop_presenting()
        settings = QSettings()
        settings.setValue("window/geometry", self.saveGeometry())
        settings.setValue(SPLITTER_KEY, self.splitter.saveState())
        if self.console is not None:
            self.console.close()
        super().closeEvent(event)
