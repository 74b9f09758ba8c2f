"""The presenter console: current and next slide, the next map, notes, timer,
pace and clock.  The laser and the pen work on its current slide as on the
audience's."""

from __future__ import annotations

import time
from pathlib import Path

from PySide6.QtCore import Qt, QTimer, QUrl
from PySide6.QtGui import QCloseEvent, QFont
from PySide6.QtWidgets import (
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from kzviewer.deck.model import Deck
from kzviewer.i18n import _
from kzviewer.mapping.snapshot import MapSnapshot
from kzviewer.model.bindings import keys_of
from kzviewer.model.pacing import clock
from kzviewer.model.presentation import Presentation
from kzviewer.qt.lectern import LecternOverlay
from kzviewer.qt.mapview import MapMode, MapView
from kzviewer.qt.slides import SlideDocument
from kzviewer.qt.slideview import SlideView
from kzviewer.qt.subscribe import subscribe

NOTES_PT = (12, 14, 16, 18, 22, 26, 32)
GREEN, AMBER, RED = "#1a7f37", "#9a6700", "#cf222e"  # the pace: on time or ahead, behind, late


class NotesView(QTextBrowser):
    """The speaker notes, in a SlideDocument: pictures in them are read as a slide's are."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setOpenLinks(False)
        self._document = SlideDocument(None, self)
        self.setDocument(self._document)

    def set_folder(self, folder: Path) -> None:
        """The deck's folder, where the pictures are."""
        self._document.set_folder(folder)


class PresenterConsole(QWidget):
    """The presenter's window; it shares the presentation with the audience view."""

    def __init__(self, presentation: Presentation, map_page: QUrl, parent: QWidget | None = None) -> None:
        super().__init__(parent, Qt.WindowType.Window)
        self.setWindowTitle(_("Presenter console — kzviewer"))
        self.presentation = presentation
        self.current = SlideView(self)
        self.next_slide = SlideView(self)
        self.next_map = MapView(self, MapMode.PREVIEW)  # the next slide's map, drawn at once
        self.next_map.setMinimumHeight(160)
        self.notes = NotesView(self)
        self._notes_size = 2
        self.lectern = LecternOverlay(presentation, self.current, self.current)
        self.position = QLabel(self)
        self.elapsed = QLabel(self)
        self.pace = QLabel(self)
        self.clock = QLabel(self)
        for label in (self.position, self.elapsed, self.pace, self.clock):
            label.setFont(_big())
        self.pace.setToolTip(
            _(
                "Time left of the talk's duration, and how far ahead or behind the plan"
                " (from the last rehearsal's times, or else from the length of each slide's notes)"
            )
        )
        # TRANSLATORS: a button: stop or start the talk's timer
        pause = QPushButton(_("Pause / go ({keys})").format(keys=keys_of("pause-timer")), self)
        pause.clicked.connect(presentation.toggle_timer)
        # TRANSLATORS: a button: set the talk's timer back to 0:00
        reset = QPushButton(_("Reset ({keys})").format(keys=keys_of("reset-timer")), self)
        reset.clicked.connect(presentation.reset_timer)
        self.present = QPushButton(self)
        self.present.clicked.connect(lambda: presentation.set_presenting(not presentation.presenting))
        smaller = QPushButton("A−", self)
        smaller.setToolTip(_("Smaller notes"))
        smaller.clicked.connect(lambda: self.set_notes_size(self._notes_size - 1))
        larger = QPushButton("A+", self)
        larger.setToolTip(_("Larger notes"))
        larger.clicked.connect(lambda: self.set_notes_size(self._notes_size + 1))

        top = QHBoxLayout()
        top.addWidget(self.position)
        top.addWidget(self.present)
        top.addStretch(1)
        top.addWidget(self.elapsed)
        top.addWidget(pause)
        top.addWidget(reset)
        top.addStretch(1)
        top.addWidget(self.pace)
        top.addStretch(1)
        top.addWidget(self.clock)

        right = QVBoxLayout()
        # TRANSLATORS: heading over the preview of the next slide and its map
        right.addWidget(QLabel(_("Next"), self))
        right.addWidget(self.next_slide, 1)
        right.addWidget(self.next_map, 1)

        notes_bar = QHBoxLayout()
        # TRANSLATORS: heading over the speaker notes of the current slide
        notes_bar.addWidget(QLabel(_("Notes"), self))
        notes_bar.addStretch(1)
        notes_bar.addWidget(smaller)
        notes_bar.addWidget(larger)

        grid = QGridLayout(self)
        grid.addLayout(top, 0, 0, 1, 2)
        grid.addWidget(self.current, 1, 0)
        grid.addLayout(right, 1, 1)
        grid.addLayout(notes_bar, 2, 0, 1, 2)
        grid.addWidget(self.notes, 3, 0, 1, 2)
        grid.setColumnStretch(0, 3)
        grid.setColumnStretch(1, 2)
        grid.setRowStretch(1, 3)
        grid.setRowStretch(3, 2)
        self.resize(1280, 800)

        self.next_map.load_page(map_page)
        self.next_map.configure(presentation.deck.countries)  # the page may have been built for another deck
        subscribe(self, presentation.slide_changed, lambda _number: self.refresh())
        subscribe(self, presentation.deck_changed, self._deck_changed)
        subscribe(self, presentation.timer_changed, self._tick)
        subscribe(self, presentation.presenting_changed, self._presenting_changed)
        self._ticker = QTimer(self, interval=500)
        self._ticker.timeout.connect(self._tick)
        self._ticker.start()
        self.set_notes_size(self._notes_size)
        self._presenting_changed(presentation.presenting)
        self.refresh()

    def refresh(self) -> None:
        p = self.presentation
        deck, slide = p.deck, p.slide
        self.current.show_slide(deck, slide)
        following = deck.slide(p.number + 1) if p.number < p.count else None
        self.next_slide.show_slide(deck, following)
        self.next_slide.placeholder = "" if following else _("End of the deck")
        self.notes.set_folder(deck.path.parent)
        no_notes = "<p><i>" + _("No notes for this slide.") + "</i></p>"
        self.notes.setHtml(slide.notes_html if slide and slide.notes else no_notes)
        self.position.setText(_("Slide {number} / {count}").format(number=p.number, count=p.count))
        if following is not None:
            self.next_map.show_map(MapSnapshot(following.map), animate=False)
        self._tick()

    def _deck_changed(self, deck: Deck) -> None:
        """Another deck, or this one reloaded: its colours and places too."""
        self.next_map.configure(deck.countries)
        self.refresh()

    def _presenting_changed(self, on: bool) -> None:
        if on:
            self.present.setText(_("Stop presenting ({keys})").format(keys=keys_of("step-back")))
        else:
            # TRANSLATORS: a button: start presenting, full screen
            self.present.setText(_("Present ({keys})").format(keys=keys_of("present")))

    def _tick(self) -> None:
        p = self.presentation
        elapsed = clock(p.elapsed_ms() / 1000)
        # TRANSLATORS: the talk's timer while it is paused, as "12:03  (paused)"
        self.elapsed.setText(elapsed if p.running else _("{time}  (paused)").format(time=elapsed))
        self.clock.setText(time.strftime("%H:%M"))
        self._show_pace()

    def _show_pace(self) -> None:
        """``32:10 left · 2:05 behind``, red once behind by a tenth of the talk."""
        pace = self.presentation.pace()
        self.pace.setVisible(pace is not None)
        if pace is None:
            return
        if pace.left_s >= 0:
            # TRANSLATORS: the time left of the talk's planned duration, as "32:10 left"
            left = _("{time} left").format(time=clock(pace.left_s))
        else:
            # TRANSLATORS: the time the talk has run over its planned duration, as "2:10 over"
            left = _("{time} over").format(time=clock(-pace.left_s))
        if abs(pace.behind_s) < 30:
            # TRANSLATORS: the talk's pace: as far as the plan says it should be
            where, colour = _("on time"), GREEN
        elif pace.behind_s > 0:
            # TRANSLATORS: the talk's pace, as "2:05 behind" (the plan)
            where, colour = _("{time} behind").format(time=clock(pace.behind_s)), RED if pace.late else AMBER
        else:
            # TRANSLATORS: the talk's pace, as "1:30 ahead" (of the plan)
            where, colour = _("{time} ahead").format(time=clock(-pace.behind_s)), GREEN
        self.pace.setText(f"{left} · {where}")
        self.pace.setStyleSheet(f"QLabel {{ color: {colour}; }}")

    def set_notes_size(self, step: int) -> None:
        self._notes_size = max(0, min(step, len(NOTES_PT) - 1))
        font = self.notes.font()
        font.setPointSize(NOTES_PT[self._notes_size])
        self.notes.setFont(font)
        self.notes.document().setDefaultFont(font)

    def closeEvent(self, event: QCloseEvent) -> None:
        self._ticker.stop()
        super().closeEvent(event)


def _big() -> QFont:
    font = QFont()
    font.setPointSize(18)
    font.setBold(True)
    return font
