"""Black and white screens: a cover over the audience view."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject
from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import QWidget

from kzviewer.model.presentation import Blank


class BlankCover(QWidget):
    """A plain black or white sheet over a widget, following its size."""

    def __init__(self, parent: QWidget) -> None:
        super().__init__(parent)
        self._covered = parent
        self.kind = Blank.NONE
        self.setAutoFillBackground(True)
        parent.installEventFilter(self)
        self.hide()

    def set_kind(self, kind: Blank) -> None:
        self.kind = kind
        if kind is Blank.NONE:
            self.hide()
            return
        palette = self.palette()
        palette.setColor(QPalette.ColorRole.Window, QColor(kind.value))
        self.setPalette(palette)
        self.setGeometry(self._covered.rect())
        self.show()
        self.raise_()

    def eventFilter(self, target: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Resize and self.kind is not Blank.NONE:
            self.setGeometry(self._covered.rect())
        return False
