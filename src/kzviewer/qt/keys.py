"""The presenter's keys, whichever pane (the map included) has the focus.

The bindings are data (``kzviewer.model.bindings``); a KeyRouter makes each
key a window-wide QShortcut, which Qt offers the window before the focused
widget sees the key, so the map's web view cannot swallow it, and calls the
action the key is bound to in the context of the moment (the slides, or the
overview while it is open).  Lecturers bring clickers that send
PageUp/PageDown, F5/Esc and "." or "B"; they all work.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping

from PySide6.QtCore import QKeyCombination, QObject, Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import QWidget

from kzviewer.model.bindings import BINDINGS, Context

Actions = Mapping[str, Callable[[], object]]
DIGIT_KEYS = {getattr(Qt.Key, f"Key_{d}"): str(d) for d in range(10)}
ENTER_KEYS = (Qt.Key.Key_Return, Qt.Key.Key_Enter)


def qt_key(name: str) -> Qt.Key:
    """The key a binding names, as QKeySequence reads it ("PgDown", "?")."""
    sequence = QKeySequence.fromString(name, QKeySequence.SequenceFormat.PortableText)
    combination: QKeyCombination = sequence[0] if sequence.count() == 1 else QKeyCombination()  # type: ignore[index]
    if (
        combination.key() in (Qt.Key(0), Qt.Key.Key_unknown)
        or combination.keyboardModifiers() != Qt.KeyboardModifier.NoModifier
    ):
        raise ValueError(f"{name!r} names no single key")
    return combination.key()


class KeyRouter(QObject):
    """Turns key presses in the presentation's windows into actions.

    ``actions`` maps each binding's action to what it does; ``context`` says
    which bindings apply now.  Digits then Enter go to a slide through
    ``go``; ``typing`` shows the number typed so far ("" when done).
    """

    def __init__(
        self,
        actions: Actions,
        context: Callable[[], Context],
        go: Callable[[int], None],
        typing: Callable[[str], None],
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._actions = actions
        self._context = context
        self._go = go
        self._typing = typing
        self._table = {(b.context, qt_key(key)): b.action for b in BINDINGS for key in b.keys}
        self._repeats = {qt_key(key) for b in BINDINGS if b.repeats for key in b.keys}
        self.digits = ""

    def attach(self, widget: QWidget) -> None:
        """Make the keys work in ``widget``'s window (the main window, the console)."""
        for key in sorted({key for _, key in self._table}, key=int):
            shortcut = QShortcut(QKeySequence(key), widget)
            shortcut.setContext(Qt.ShortcutContext.WindowShortcut)
            shortcut.setAutoRepeat(key in self._repeats)
            shortcut.activated.connect(lambda k=key: self.press(k))

    def press(self, key: Qt.Key) -> bool:
        """Act on one key; True when it meant something here."""
        context = self._context()
        if context is Context.SLIDES and self._number(key):
            return True
        action = self._actions.get(self._table.get((context, key), ""))
        if action is None:
            return False
        action()
        return True

    def _number(self, key: Qt.Key) -> bool:
        """Digits, then Enter: go to that slide.  0 alone is no digit (it puts the map back)."""
        digit = DIGIT_KEYS.get(key)
        if digit is not None and (self.digits or digit != "0"):
            self.digits += digit
            self._typing(self.digits)
            return True
        if self.digits:
            number, self.digits = self.digits, ""
            self._typing("")
            if key in ENTER_KEYS:
                self._go(int(number))
                return True
        return False
