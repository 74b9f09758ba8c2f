"""The main window: the audience view (slide, map, country panel) and its menus.

The window is a view of the presentation model: it subscribes to the model's
signals and changes the model only through its methods.  What it shows while
presenting, on which screen, and with the console beside it, follows the
model's ``presenting``.
"""

from __future__ import annotations

import gc
import logging
from collections.abc import Callable
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QByteArray, QSettings, Qt, QTimer
from PySide6.QtGui import QAction, QCloseEvent, QDragEnterEvent, QDropEvent, QGuiApplication, QKeySequence, QScreen
from PySide6.QtWidgets import (  # QFileDialog, QInputDialog: where they are shown (their enums cost every start)
    QLabel,
    QMainWindow,
    QMenu,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from kzviewer import __version__
from kzviewer.deck.countries import CountriesFile
from kzviewer.deck.model import Deck
from kzviewer.errors import KzError, Problem
from kzviewer.geo.data import CREDIT, load_geodata
from kzviewer.i18n import _, ngettext
from kzviewer.mapping.snapshot import Selection, View
from kzviewer.model import rehearsals
from kzviewer.model.bindings import BINDINGS, Context, help_html, keys_of
from kzviewer.model.presentation import Blank, Presentation
from kzviewer.qt.blank import BlankCover
from kzviewer.qt.decks import DeckFiles, recent, remember
from kzviewer.qt.dialogs import inform, menu_text, plain_label, warn
from kzviewer.qt.keys import Actions, KeyRouter
from kzviewer.qt.lectern import LecternOverlay
from kzviewer.qt.mapview import MAP_SIZE_KEY, MapView
from kzviewer.qt.panel import CountryPanel
from kzviewer.qt.screens import audience_and_presenter, put_on
from kzviewer.qt.slideview import SlideView
from kzviewer.qt.subscribe import subscribe

if TYPE_CHECKING:  # made when first wanted, so not imported at start-up
    from kzviewer.qt.console import PresenterConsole
    from kzviewer.qt.export import PdfExport
    from kzviewer.qt.overview import Overview

log = logging.getLogger(__name__)


def about() -> str:
    """The About box's text, in the language of the run."""
    made_for = _(
        "Lecture slides beside a live map, made for the argument of "
        "<i>What Kazakhstan Can Teach About Medium-State Diplomacy</i> "
        "(Iskander Akylbayev and Brian Y. S. Wong, <i>Foreign Policy</i>, 4 May 2021)."
    )
    crimea = _(
        "Natural Earth draws Crimea as part of Russia; kzviewer draws it as part of "
        "Ukraine, as most audiences and UN General Assembly resolution 68/262 do. "
        "Baikonur, leased to Russia, is shown as the Kazakh territory it is."
    )
    # TRANSLATORS: in the About box, before the credit of the map's data
    map_data = _("Map data.")
    offline = _("The map works offline: it loads nothing from the network.")
    return (
        f"<h3>kzviewer {__version__}</h3>\n"
        f"<p>{made_for}</p>\n"
        f"<p><b>{map_data}</b> {_(CREDIT)}</p>\n"
        f"<p>{crimea}</p>\n"
        f"<p>{offline}</p>"
    )


SPLITTER_KEY = "window/splitter-3"  # slide | map | panel; older layouts had other panes
PRESENTING_MAP_ZOOM = 1.35  # the map's names larger for the back of the room


class ProblemBanner(QLabel):
    """The deck's problems, as ``path:line: message`` lines, above the slides."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setTextFormat(Qt.TextFormat.PlainText)  # deck text, never HTML
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
            more = len(problems) - 8
            shown.append(
                ngettext(
                    "… and {n} more (kzviewer check lists them all)",
                    "… and {n} more (kzviewer check lists them all)",
                    more,
                ).format(n=more)
            )
        if kept_last_good:
            shown.insert(0, _("The deck has problems; still showing its last good version:"))
        self.setText("\n".join(shown))
        self.show()


class MainWindow(QMainWindow):
    """Slide and map side by side in a splitter, the country panel beside the map."""

    def __init__(
        self,
        presentation: Presentation,
        map_view: MapView,
        problems: list[Problem],
        map_error: KzError | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.presentation = p = presentation
        self.console: PresenterConsole | None = None  # made when first wanted
        self.export_job: PdfExport | None = None
        self._before_presenting: tuple[QByteArray, bool] | None = None  # geometry, full screen

        self.map_view = map_view  # already loading its page
        self.slide_view = SlideView(self)
        self.panel = CountryPanel(p, self)
        self.banner = ProblemBanner(self)
        self.splitter = QSplitter(Qt.Orientation.Horizontal, self)
        self.splitter.setChildrenCollapsible(False)
        self.map_error = map_error
        map_pane: QWidget = self.map_view
        if map_error is not None:
            # The map cannot be drawn: say why where it would be, and go on with the slides.
            log.error("no map: %s", map_error)
            map_view.hide()
            map_pane = self._no_map(str(map_error))
        for widget, stretch in ((self.slide_view, 5), (map_pane, 5), (self.panel, 2)):
            self.splitter.addWidget(widget)
            self.splitter.setStretchFactor(self.splitter.count() - 1, stretch)
        # What the audience sees: banner, slide, map and panel, under the blank cover and the overview.
        self.audience_view = QWidget(self)
        column = QVBoxLayout(self.audience_view)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(0)
        column.addWidget(self.banner)
        column.addWidget(self.splitter, 1)
        self.setCentralWidget(self.audience_view)
        self.blank_cover = BlankCover(self.audience_view)
        self.overview: Overview | None = None  # made when first opened
        self.lectern = LecternOverlay(p, self.audience_view, self.slide_view, map_view)
        self.position = QLabel(self)
        self.statusBar().addPermanentWidget(self.position)
        self.resize(1440, 810)
        self.splitter.setSizes([720, 500, 220])
        self.setAcceptDrops(True)

        self.files = DeckFiles(p, self)
        self.files.problemsFound.connect(self.banner.show_problems)
        self.files.reloaded.connect(
            lambda name: self.statusBar().showMessage(_("Reloaded {name}").format(name=name), 3000)
        )
        self._countries_on_map: CountriesFile = p.deck.countries  # the page was built with them
        self._rehearsed: Path | None = None  # the deck whose rehearsal times the presentation has
        self.keys = KeyRouter(self._key_actions(), self._key_context, p.go, self._typing, self)
        self.keys.attach(self)
        self._make_menus()
        app = QGuiApplication.instance()
        if isinstance(app, QGuiApplication):
            app.screenRemoved.connect(self.screen_removed)
        self._restore_layout()

        subscribe(self, p.deck_changed, self._deck_changed)
        subscribe(self, p.slide_changed, self._slide_changed)
        subscribe(self, p.map_changed, self.map_view.show_map)
        subscribe(self, p.blank_changed, self.blank_cover.set_kind)
        subscribe(self, p.presenting_changed, self._presenting_changed)
        subscribe(self, p.overview_changed, self._overview_changed)
        subscribe(self, p.selection_changed, self._selection_changed)
        subscribe(self, p.rehearsed, lambda times: rehearsals.save(p.deck, times))
        bridge = self.map_view.bridge
        bridge.countrySelected.connect(p.select_country)
        bridge.borderSelected.connect(p.select_border)
        bridge.featureSelected.connect(p.select_feature)
        bridge.viewExplored.connect(lambda lat, lon, zoom: p.explore(View((lat, lon), zoom)))
        bridge.ready.connect(self._on_map_ready)
        self.map_view.failed.connect(self._map_failed)
        self.map_view.recovered.connect(
            lambda: self.statusBar().showMessage(_("The map stopped and was restarted on the same slide."), 8000)
        )
        self.panel.failed.connect(self.show_error)
        self.statusBar().showMessage(str(map_error) if map_error else _("Loading the map…"))

        self._deck_changed(p.deck)
        self._slide_changed(p.number)
        self.map_view.show_map(p.map_snapshot(), animate=False)
        self.banner.show_problems(problems, kept_last_good=False)
        remember(p.deck.path)

    # -- keys and menus ------------------------------------------------------------

    def _key_actions(self) -> Actions:
        p = self.presentation
        return {
            "next": p.next,
            "previous": p.previous,
            "first": p.first,
            "last": p.last,
            "present": lambda: p.set_presenting(True),
            "step-back": self.step_back,
            "full-screen": self.toggle_full_screen,
            "black": lambda: p.toggle_blank(Blank.BLACK),
            "white": lambda: p.toggle_blank(Blank.WHITE),
            "go-to": self.ask_for_slide,
            "overview": p.toggle_overview,
            "console": self.show_console,
            "pause-timer": p.toggle_timer,
            "reset-timer": p.reset_timer,
            "reset-map": p.reset_map,
            "laser": p.toggle_laser,
            "pen": p.toggle_pen,
            "clear-ink": p.clear_ink,
            "zoom": p.toggle_zoom,
            "keys": self.show_keys,
            **{b.action: partial(self._in_overview, b.action) for b in BINDINGS if b.context is Context.OVERVIEW},
        }

    def _in_overview(self, action: str) -> None:
        if self.overview is not None:  # its keys apply only while it is open, and so made
            self.overview.key_actions()[action]()

    def _overview_changed(self, open_: bool) -> None:
        """The overview is made the first time it opens: its module, and Qt's
        list views, are not imported at start-up."""
        if open_ and self.overview is None:
            from kzviewer.qt.overview import Overview

            self.overview = Overview(self.presentation, self.audience_view)
        if self.overview is not None:
            self.overview.open_or_close(open_)

    def _key_context(self) -> Context:
        return Context.OVERVIEW if self.presentation.overview else Context.SLIDES

    def _typing(self, digits: str) -> None:
        if digits:
            self.statusBar().showMessage(_("Go to slide {number}… (Enter)").format(number=digits))
        else:
            self.statusBar().clearMessage()

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
        bar, p = self.menuBar(), self.presentation
        # TRANSLATORS: a menu; in menus, "&" marks the letter that opens the menu or picks the entry with Alt
        file_menu = bar.addMenu(_("&File"))
        self._action(file_menu, _("&Open deck…"), self.choose_deck, QKeySequence.StandardKey.Open)
        self.recent_menu = file_menu.addMenu(_("Open &recent"))
        self.recent_menu.aboutToShow.connect(self._fill_recent)
        self._action(file_menu, _("Re&load deck"), self.files.reload, "Ctrl+R")
        self._action(file_menu, _("&Export PDF…"), lambda: self.export_pdf(notes=False), "Ctrl+E")
        self._action(file_menu, _("Export PDF with &notes…"), lambda: self.export_pdf(notes=True))
        self._action(file_menu, _("Export &HTML handout…"), lambda: self.export_handout(notes=False))
        self._action(file_menu, _("Export HTML handout with notes…"), lambda: self.export_handout(notes=True))
        file_menu.addSeparator()
        self._action(file_menu, _("&Quit"), self.close, QKeySequence.StandardKey.Quit)

        # The keys are the bindings' (the menus only name them, so they are not bound twice).
        view = bar.addMenu(_("&View"))
        present = _("&Present ({keys})").format(keys=keys_of("present"))
        self._action(view, present, lambda: p.set_presenting(True))
        full_screen = _("&Full screen ({keys})").format(keys=keys_of("full-screen"))
        self._action(view, full_screen, self.toggle_full_screen)
        self._action(view, _("Presenter &console ({keys})").format(keys=keys_of("console")), self.show_console)
        overview = _("&Overview of slides ({keys})").format(keys=keys_of("overview"))
        self._action(view, overview, lambda: p.set_overview(True))
        self._action(view, _("Map back to the &slide ({keys})").format(keys=keys_of("reset-map")), p.reset_map)

        help_menu = bar.addMenu(_("&Help"))
        self._action(help_menu, _("&Keys ({keys})").format(keys=keys_of("keys")), self.show_keys)
        self._action(help_menu, _("&About kzviewer"), self.show_about)

    # -- the deck ----------------------------------------------------------------

    @property
    def deck(self) -> Deck:
        return self.presentation.deck

    def _deck_changed(self, deck: Deck) -> None:
        self.setWindowTitle(f"{deck.title or deck.path.name} — kzviewer")
        if deck.path != self._rehearsed or not self.presentation.rehearsal:  # another deck, or opened again
            self._rehearsed = deck.path
            self.presentation.set_rehearsal(rehearsals.load(deck))
        self.slide_view.placeholder = "" if deck.slides else _("This deck has no slides to show yet.")
        if deck.countries != self._countries_on_map:
            self._countries_on_map = deck.countries
            self.map_view.configure(deck.countries)

    def open_deck(self, path: Path) -> bool:
        """Open another deck; a deck with problems opens as far as it is valid."""
        if self.files.open(path):
            return True
        problems = "\n".join(str(p) for p in self.banner.problems[:12])
        warn(self, "kzviewer", _("This deck cannot be shown:") + "\n\n" + problems)
        return False

    def choose_deck(self) -> None:
        from PySide6.QtWidgets import QFileDialog

        start = str(self.deck.path.parent)
        # TRANSLATORS: a kind of file in the Open dialog: lecture decks (Markdown files)
        decks = _("Decks")
        # TRANSLATORS: a kind of file in the Open dialog
        every = _("All files")
        name, _filter = QFileDialog.getOpenFileName(self, _("Open deck"), start, f"{decks} (*.md);;{every} (*)")
        if name:
            self.open_deck(Path(name))

    def _fill_recent(self) -> None:
        self.recent_menu.clear()
        for name in recent():
            action = self.recent_menu.addAction(menu_text(name))
            action.triggered.connect(lambda _=False, n=name: self.open_deck(Path(n)))
        if self.recent_menu.isEmpty():
            # TRANSLATORS: the Open recent menu when no deck has been opened yet
            self.recent_menu.addAction(_("(none yet)")).setEnabled(False)

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        if any(u.toLocalFile().endswith(".md") for u in event.mimeData().urls()):
            event.acceptProposedAction()

    def dropEvent(self, event: QDropEvent) -> None:
        decks = [u.toLocalFile() for u in event.mimeData().urls() if u.toLocalFile().endswith(".md")]
        if decks:
            self.open_deck(Path(decks[0]))
            event.acceptProposedAction()

    # -- the slide, the map and the panel ------------------------------------------

    def _slide_changed(self, number: int) -> None:
        p = self.presentation
        self.slide_view.show_slide(p.deck, p.slide)
        self.slide_view.prepare(p.deck, [number + 1, number - 1], p.ink)
        self.position.setText(
            _("Slide {number} / {count}").format(number=number, count=p.count) if p.slide else _("No slides")
        )

    def _selection_changed(self, selection: Selection | None) -> None:
        if self.presentation.presenting:
            self.panel.setVisible(selection is not None)  # a country's role is shown to the audience too

    def _on_map_ready(self) -> None:
        self.statusBar().showMessage(
            _("Point at a country to see its name; click it to read its part in the argument."), 8000
        )
        # Read the borders now, while the lecturer looks, not on the first click.
        QTimer.singleShot(0, self._warm_up)

    def _no_map(self, why: str) -> QWidget:
        """What stands where the map would be when it cannot be shown."""
        pane = plain_label(_("The map cannot be shown.") + "\n\n" + why, self)
        pane.setWordWrap(True)
        pane.setAlignment(Qt.AlignmentFlag.AlignCenter)
        pane.setStyleSheet("QLabel { background: #fff4ce; color: #3d2f00; padding: 24px; }")
        return pane

    def _map_failed(self) -> None:
        """The map's web process died again and again: lecture from the slides alone."""
        sizes = self.splitter.sizes()
        self.map_view.hide()
        why = _("Its web process stopped again and again (out of memory?); the slides go on. Details are in the log.")
        self.splitter.insertWidget(1, self._no_map(why))
        self.splitter.setSizes(sizes)
        self.statusBar().showMessage(_("The map stopped again and again and is not restarted."), 8000)

    def _warm_up(self) -> None:
        try:
            load_geodata()
        except KzError as err:
            self.show_error(err)
        # What start-up made lives as long as the app: Python's full garbage
        # collections need not walk it (they froze a stroke of the pen for 0.1 s).
        gc.freeze()

    def ask_for_slide(self) -> None:
        from PySide6.QtWidgets import QInputDialog

        p = self.presentation
        label = _("Slide (1–{count}):").format(count=p.count)
        number, ok = QInputDialog.getInt(self, _("Go to slide"), label, p.number, 1, max(1, p.count))
        if ok:
            p.go(number)

    # -- presenting ----------------------------------------------------------------------

    def step_back(self) -> None:
        """Esc: the presentation's layers first, then full screen."""
        if not self.presentation.step_back() and self.isFullScreen():
            self.showNormal()

    def toggle_full_screen(self) -> None:
        if self.isFullScreen():
            self.showNormal()
        else:
            self.showFullScreen()

    def _presenting_changed(self, on: bool) -> None:
        """Full screen for the audience, on the projector if there is one,
        and the console on the laptop's screen; or back as before."""
        for widget in (self.menuBar(), self.statusBar()):
            widget.setVisible(not on)
        self.banner.setVisible(not on and bool(self.banner.problems))
        self.panel.setVisible(not on or self.presentation.selection is not None)
        self.slide_view.set_presenting(on)
        self.map_view.setZoomFactor(PRESENTING_MAP_ZOOM if on else 1.0)
        self.map_view.set_presenting(on)
        if on:
            self._before_presenting = (self.saveGeometry(), self.isFullScreen())
            audience, presenter = audience_and_presenter(self.screen(), QGuiApplication.screens())
            put_on(self, audience)
            self.showFullScreen()
            if presenter is not None:
                console = self.show_console()
                put_on(console, presenter)
                console.showFullScreen()
                self.raise_()
            self.activateWindow()
            return
        self.showNormal()
        if self._before_presenting is not None:
            geometry, was_full = self._before_presenting
            self.restoreGeometry(geometry)
            if was_full:
                self.showFullScreen()
        if self.console is not None and self.console.isFullScreen():
            self.console.showNormal()

    def screen_removed(self, screen: QScreen) -> None:
        """A screen was unplugged: bring the presentation back to what remains.

        The audience view moves to the remaining screen, full screen; the console
        becomes an ordinary window there, which the presenter can raise with S.
        """
        remaining = [s for s in QGuiApplication.screens() if s is not screen]
        if not self.presentation.presenting or not remaining:
            return
        if self.screen() is screen or self.screen() not in remaining:
            put_on(self, remaining[0])
            self.showFullScreen()
        console = self.console
        if console is not None and console.isVisible() and (console.screen() is screen or len(remaining) == 1):
            console.showNormal()
            console.setGeometry(remaining[0].availableGeometry().adjusted(40, 40, -40, -40))
        self.raise_()
        self.statusBar().showMessage(_("A screen was unplugged; presenting on the one that remains."), 8000)

    def show_console(self) -> PresenterConsole:
        from kzviewer.qt.console import PresenterConsole

        if self.console is None:
            self.console = PresenterConsole(self.presentation, self.map_view.url())
            self.keys.attach(self.console)
        self.console.show()
        self.console.raise_()
        self.console.activateWindow()
        return self.console

    # -- dialogs -------------------------------------------------------------------------

    def show_keys(self) -> None:
        # TRANSLATORS: the title of the ? help: the list of keys and what they do
        inform(self, _("Keys"), help_html())

    def export_handout(self, notes: bool) -> None:
        from kzviewer.qt.export import export_handout_from_window

        export_handout_from_window(self, self.deck, notes)

    def export_pdf(self, notes: bool) -> None:
        from kzviewer.qt.export import export_from_window

        self.export_job = export_from_window(self, self.deck, notes)

    def show_error(self, err: KzError) -> None:
        log.error("%s", err)
        self.statusBar().showMessage(str(err))
        warn(self, "kzviewer", str(err))

    def show_about(self) -> None:
        inform(self, _("About kzviewer"), about())

    def _restore_layout(self) -> None:
        settings = QSettings()
        geometry = settings.value("window/geometry")
        if geometry is not None:
            self.restoreGeometry(geometry)
        splitter = settings.value(SPLITTER_KEY)
        if splitter is not None:
            self.splitter.restoreState(splitter)

    def closeEvent(self, event: QCloseEvent) -> None:
        if self.export_job is not None and not self.export_job.done:  # its files go with it
            self.export_job.cancel()
        settings = QSettings()
        if not self.presentation.presenting:  # the map's size in the layout the next start restores
            settings.setValue(MAP_SIZE_KEY, self.map_view.size())
        self.presentation.set_presenting(False)
        settings.setValue("window/geometry", self.saveGeometry())
        settings.setValue(SPLITTER_KEY, self.splitter.saveState())
        if self.console is not None:
            self.console.close()
        super().closeEvent(event)
