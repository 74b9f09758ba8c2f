"""Text from a deck reaches Qt widgets as plain text, never as rich text.

Qt guesses whether a label's or a message box's text is HTML; a deck's title,
a file's name or a problem message holding ``<img src=…>`` would then be
drawn as HTML (and the picture loaded).  Everything that shows such text goes
through these helpers.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QWidget

# QMessageBox is imported where a box is shown: its class and its enums are
# made at import, which every start would pay for a box it seldom shows.


def warn(parent: QWidget | None, title: str, text: str) -> None:
    """A warning whose text is shown exactly as it is."""
    from PySide6.QtWidgets import QMessageBox

    box = QMessageBox(QMessageBox.Icon.Warning, title, text, QMessageBox.StandardButton.Ok, parent)
    box.setTextFormat(Qt.TextFormat.PlainText)
    box.exec()


def inform(parent: QWidget | None, title: str, html: str) -> None:
    """A message of kzviewer's own, in rich text (never a deck's text)."""
    from PySide6.QtWidgets import QMessageBox

    box = QMessageBox(QMessageBox.Icon.Information, title, html, QMessageBox.StandardButton.Ok, parent)
    box.setTextFormat(Qt.TextFormat.RichText)
    box.exec()


def plain_label(text: str = "", parent: QWidget | None = None) -> QLabel:
    label = QLabel(parent)
    label.setTextFormat(Qt.TextFormat.PlainText)
    label.setText(text)
    return label


def menu_text(text: str) -> str:
    """Text for a menu entry: an & is a character, not a keyboard accelerator."""
    return text.replace("&", "&&")
