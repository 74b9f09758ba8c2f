"""The overview: every slide as a thumbnail, with its last rehearsal time; pick one to go there."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, QRectF, QSize, Qt, QTimer
from PySide6.QtGui import QColor, QIcon, QPainter, QPixmap
from PySide6.QtWidgets import QLabel, QListView, QListWidget, QListWidgetItem, QWidget

from kzviewer.deck.model import Deck
from kzviewer.model.bindings import Context, hint
from kzviewer.model.pacing import clock
from kzviewer.model.presentation import Presentation
from kzviewer.qt.keys import Actions
from kzviewer.qt.slides import SlideLayout
from kzviewer.qt.subscribe import subscribe

THUMB = QSize(320, 180)
BATCH = 6  # thumbnails drawn per turn of the event loop


def thumbnail(layout: SlideLayout, size: QSize = THUMB) -> QPixmap:
    pixmap = QPixmap(size)
    pixmap.fill(QColor("white"))
    painter = QPainter(pixmap)
    layout.paint(painter, QRectF(0, 0, size.width(), size.height()))
    painter.end()
    return pixmap


class Overview(QListWidget):
    """A grid of slide thumbnails over ``covered`` while the presentation's
    overview is open (the window opens and closes it: it makes it when the
    overview first opens); Enter or a click goes to a slide."""

    def __init__(self, presentation: Presentation, covered: QWidget) -> None:
        super().__init__(covered)
        self.presentation = presentation
        self._covered = covered
        self.setViewMode(QListView.ViewMode.IconMode)
        self.setIconSize(THUMB)
        self.setResizeMode(QListView.ResizeMode.Adjust)
        self.setMovement(QListView.Movement.Static)
        self.setSpacing(12)
        self.setWordWrap(True)
        self.setStyleSheet(
            "QListWidget { background: #2b2f36; color: white; font-size: 13px; }"
            "QListWidget::item:selected { background: #0072B2; }"
        )
        self.hint = QLabel(hint(Context.OVERVIEW), self)
        self.hint.setWordWrap(True)
        self.hint.setStyleSheet("QLabel { color: #d0d5dc; background: #2b2f36; padding: 8px 14px; }")
        self._waiting: list[int] = []
        self._drawn: set[int] = set()
        self._painter_timer = QTimer(self, interval=0)
        self._painter_timer.timeout.connect(self._draw_some)
        self.verticalScrollBar().valueChanged.connect(lambda _: self._painter_timer.start())
        self.itemActivated.connect(self._go)
        self.itemClicked.connect(self._go)
        covered.installEventFilter(self)
        subscribe(self, presentation.deck_changed, self._deck_changed)
        self.hide()

    def key_actions(self) -> Actions:
        """What the overview's keys do (the bindings' overview context)."""
        return {
            "overview-next": lambda: self._move(1),
            "overview-previous": lambda: self._move(-1),
            "overview-down": lambda: self._move(self._columns()),
            "overview-up": lambda: self._move(-self._columns()),
            "overview-first": lambda: self.setCurrentRow(0),
            "overview-last": lambda: self.setCurrentRow(self.count() - 1),
            "overview-pick": lambda: self._go(self.currentItem()) if self.currentItem() else None,
            "overview-close": lambda: self.presentation.set_overview(False),
        }

    def open_or_close(self, open_: bool) -> None:
        if not open_:
            self.hide()
            return
        self._fill(self.presentation.deck)
        self._cover()
        self.show()
        self.raise_()
        self.setFocus()

    def _deck_changed(self, deck: Deck) -> None:
        if self.isVisible():
            self._fill(deck)

    def _cover(self) -> None:
        """Lie over the covered view, the keys' hint above the thumbnails."""
        self.setGeometry(self._covered.rect())
        height = self.hint.heightForWidth(self.width())
        self.hint.setGeometry(0, 0, self.width(), height)
        self.setViewportMargins(0, height, 0, 0)

    def _fill(self, deck: Deck) -> None:
        """One item per slide at once; the thumbnails are drawn a few at a time,
        those in view first, so that a deck of thousands of slides opens at once."""
        self.clear()
        blank = QPixmap(THUMB)
        blank.fill(QColor("#f1f3f5"))
        rehearsal = self.presentation.rehearsal
        for slide in deck.slides:
            label = f"{slide.number}. {slide.title}"
            if slide.number in rehearsal:
                label += f"  ({clock(rehearsal[slide.number])})"
            item = QListWidgetItem(QIcon(blank), label)
            item.setData(Qt.ItemDataRole.UserRole, slide.number)
            item.setSizeHint(QSize(THUMB.width() + 16, THUMB.height() + 48))
            self.addItem(item)
        current = self.presentation.number - 1
        self.setCurrentRow(current)
        self._waiting = sorted(range(len(deck.slides)), key=lambda row: abs(row - current))
        self._drawn = set()
        self._painter_timer.start()

    def _draw_some(self) -> None:
        """Draw the next few thumbnails, preferring the rows in view."""
        if not self.isVisible() or not self._waiting:
            self._painter_timer.stop()
            return
        deck = self.presentation.deck
        top = self.indexAt(self.viewport().rect().topLeft()).row()
        bottom = self.indexAt(self.viewport().rect().bottomRight()).row()
        in_view = [
            r
            for r in range(max(0, top), (bottom if bottom >= 0 else top + 12) + 1)
            if r not in self._drawn and r < self.count()
        ]
        batch = (in_view + [r for r in self._waiting[:BATCH] if r not in self._drawn])[:BATCH]
        for row in batch:
            layout = SlideLayout(deck.slides[row], deck)
            self.item(row).setIcon(QIcon(thumbnail(layout)))
            self._drawn.add(row)
        self._waiting = [r for r in self._waiting if r not in self._drawn]

    def _go(self, item: QListWidgetItem) -> None:
        self.presentation.set_overview(False)
        self.presentation.go(int(item.data(Qt.ItemDataRole.UserRole)))

    def _move(self, rows: int) -> None:
        self.setCurrentRow(max(0, min(self.count() - 1, self.currentRow() + rows)))

    def _columns(self) -> int:
        item = self.item(0)
        width = self.visualItemRect(item).width() + 2 * self.spacing() if item else 0
        return max(1, self.viewport().width() // width) if width else 1

    def eventFilter(self, target: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Resize and self.isVisible():
            self._cover()
        return False
