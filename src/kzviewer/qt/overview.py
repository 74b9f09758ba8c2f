"""The overview: every slide as a thumbnail; pick one to go there."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, QRectF, QSize, Qt, QTimer
from PySide6.QtGui import QColor, QIcon, QPainter, QPixmap
from PySide6.QtWidgets import QListView, QListWidget, QListWidgetItem, QMainWindow

from kzviewer.qt.presentation import Presentation
from kzviewer.qt.slides import SlideLayout

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
    """A grid of slide thumbnails over the window; Enter or a click goes to a slide."""

    @classmethod
    def open(cls, window: QMainWindow, presentation: Presentation) -> Overview:
        overview = window.findChild(Overview)
        if overview is None:
            overview = cls(window, presentation)
        overview.fill()
        overview.cover_window()
        overview.show()
        overview.raise_()
        overview.setFocus()
        return overview

    def __init__(self, parent: QMainWindow, presentation: Presentation) -> None:
        super().__init__(parent)
        self._window = parent
        self.presentation = presentation
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
        self._waiting: list[int] = []
        self._drawn: set[int] = set()
        self._painter_timer = QTimer(self, interval=0)
        self._painter_timer.timeout.connect(self._draw_some)
        self.verticalScrollBar().valueChanged.connect(lambda _: self._painter_timer.start())
        self.itemActivated.connect(self._go)
        self.itemClicked.connect(self._go)
        parent.installEventFilter(self)

    def cover_window(self) -> None:
        """Lie over the window's slides, map and panel (not its menus)."""
        central = self._window.centralWidget()
        self.setGeometry(central.geometry() if central is not None else self._window.rect())

    def fill(self) -> None:
        """One item per slide at once; the thumbnails are drawn a few at a time,
        those in view first, so that a deck of thousands of slides opens at once."""
        self.clear()
        deck = self.presentation.deck
        blank = QPixmap(THUMB)
        blank.fill(QColor("#f1f3f5"))
        for slide in deck.slides:
            item = QListWidgetItem(QIcon(blank), f"{slide.number}. {slide.title}")
            item.setData(Qt.ItemDataRole.UserRole, slide.number)
            item.setSizeHint(QSize(THUMB.width() + 16, THUMB.height() + 48))
            self.addItem(item)
        self.setCurrentRow(self.presentation.number - 1)
        current = self.presentation.number - 1
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
        self.hide()
        self.presentation.go(int(item.data(Qt.ItemDataRole.UserRole)))

    def handle_key(self, key: Qt.Key) -> bool:
        """The presenter's keys while the overview is open (they reach it as shortcuts)."""
        row, columns = self.currentRow(), self._columns()
        moves = {
            Qt.Key.Key_Right: 1,
            Qt.Key.Key_Left: -1,
            Qt.Key.Key_Down: columns,
            Qt.Key.Key_Up: -columns,
            Qt.Key.Key_PageDown: 1,
            Qt.Key.Key_PageUp: -1,
            Qt.Key.Key_Space: 1,
            Qt.Key.Key_Backspace: -1,
        }
        if key in (Qt.Key.Key_Escape, Qt.Key.Key_O, Qt.Key.Key_Tab):
            self.hide()
        elif key in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and self.currentItem():
            self._go(self.currentItem())
        elif key in moves:
            self.setCurrentRow(max(0, min(self.count() - 1, row + moves[key])))
        elif key == Qt.Key.Key_Home:
            self.setCurrentRow(0)
        elif key == Qt.Key.Key_End:
            self.setCurrentRow(self.count() - 1)
        else:
            return False
        return True

    def _columns(self) -> int:
        item = self.item(0)
        width = self.visualItemRect(item).width() + 2 * self.spacing() if item else 0
        return max(1, self.viewport().width() // width) if width else 1

    def eventFilter(self, target: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Resize and self.isVisible():
            self.cover_window()
        return False
