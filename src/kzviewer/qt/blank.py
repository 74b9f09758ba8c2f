"""Black and white screens: a cover over the audience view."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject
from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import QWidget


class BlankCover(QWidget):
    """A plain black or white sheet over a widget, following its size."""

    @classmethod
    def cover(cls, widget: QWidget, kind: str) -> None:
        sheet = widget.findChild(BlankCover)
        if sheet is None:
            sheet = cls(widget)
        sheet.set_kind(kind)

    def __init__(self, parent: QWidget) -> None:
        super().__init__(parent)
        self._covered = parent
        self.kind = ""
        self.setAutoFillBackground(True)
        parent.installEventFilter(self)
        self.hide()

    def set_kind(self, kind: str) -> None:
        self.kind = kind
        if not kind:
            self.hide()
            return
        palette = self.palette()
        palette.setColor(QPalette.ColorRole.Window, QColor("black" if kind == "black" else "white"))
        self.setPalette(palette)
        self.setGeometry(self._covered.rect())
        self.show()
        self.raise_()

    def eventFilter(self, target: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Resize and self.kind:
            self.setGeometry(self._covered.rect())
        return False
