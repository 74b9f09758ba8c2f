"""The presenter's keys, whichever pane (the map included) has the focus.

Lecturers bring habits from PowerPoint, Keynote, pympress, pdfpc and
reveal.js, and clickers that send PageUp/PageDown, F5/Esc and "." or "B".
Every key is a window-wide shortcut, offered to the window before the focused
widget sees it, so the map's web view cannot swallow them.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import QInputDialog, QWidget

from kzviewer.qt.overview import Overview

if TYPE_CHECKING:
    from kzviewer.qt.window import MainWindow

K = Qt.Key
NEXT = {K.Key_Right, K.Key_Down, K.Key_PageDown, K.Key_Space, K.Key_N}
PREVIOUS = {K.Key_Left, K.Key_Up, K.Key_PageUp, K.Key_Backspace, K.Key_P}
ENTER = {K.Key_Return, K.Key_Enter}
BLACK = {K.Key_B, K.Key_Period, K.Key_Slash}
WHITE = {K.Key_W, K.Key_Comma}

KEYS_HTML = """<table cellpadding="3">
<tr><td><b>→ ↓ PageDown Space N Enter</b></td><td>next slide</td></tr>
<tr><td><b>← ↑ PageUp Backspace P</b></td><td>previous slide</td></tr>
<tr><td><b>Home / End</b></td><td>first / last slide</td></tr>
<tr><td><b>F5</b></td><td>start presenting (full screen); <b>Esc</b> leaves</td></tr>
<tr><td><b>F</b> or <b>F11</b></td><td>full screen on or off</td></tr>
<tr><td><b>B . /</b></td><td>black screen (again to return)</td></tr>
<tr><td><b>W ,</b></td><td>white screen (again to return)</td></tr>
<tr><td><b>G</b>, or digits then <b>Enter</b></td><td>go to a slide</td></tr>
<tr><td><b>O</b> or <b>Tab</b></td><td>overview of all slides</td></tr>
<tr><td><b>S</b></td><td>presenter console: notes, timer, clock, next slide</td></tr>
<tr><td><b>T</b> / <b>R</b></td><td>pause / reset the timer</td></tr>
<tr><td><b>0</b></td><td>put the map back to the slide's own view</td></tr>
<tr><td><b>?</b> or <b>F1</b></td><td>this list</td></tr>
</table>"""


class KeyRouter(QObject):
    """Turns key presses in the presentation's windows into presentation actions.

    Each key is a window-wide QShortcut, which Qt offers the window before the
    focused widget (the map's web view included) sees the key.
    """

    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self.window = window
        self.digits = ""
        self.attach(window)

    def attach(self, widget: QWidget) -> None:
        """Make the keys work in ``widget``'s window (the main window, the console)."""
        for key in SHORTCUT_KEYS:
            shortcut = QShortcut(QKeySequence(key), widget)
            shortcut.setContext(Qt.ShortcutContext.WindowShortcut)
            shortcut.setAutoRepeat(key in NEXT or key in PREVIOUS)
            shortcut.activated.connect(lambda k=key: self.press(k, _text(k)))

    def press(self, key: Qt.Key, text: str = "") -> bool:
        """Act on one key; True when it meant something here."""
        w, p = self.window, self.window.presentation
        overview = w.findChild(Overview)
        if overview is not None and overview.isVisible():
            return overview.handle_key(key)
        if text.isdigit() and (self.digits or text != "0"):
            self.digits += text
            w.statusBar().showMessage(f"Go to slide {self.digits}… (Enter)")
            return True
        if key in ENTER and self.digits:
            number, self.digits = int(self.digits), ""
            w.statusBar().clearMessage()
            p.go(number)
            return True
        self.digits = ""
        if key in NEXT or key in ENTER:
            p.next()
        elif key in PREVIOUS:
            p.previous()
        elif key == K.Key_Home:
            p.go(1)
        elif key == K.Key_End:
            p.go(p.count)
        elif key == K.Key_F5:
            w.start_presenting()
        elif key == K.Key_Escape:
            if p.blank:
                p.set_blank("")
            elif w.presenting:
                w.stop_presenting()
            elif w.isFullScreen():
                w.showNormal()
            else:
                return False
        elif key in (K.Key_F, K.Key_F11):
            w.toggle_full_screen()
        elif key in BLACK:
            p.toggle_blank("black")
        elif key in WHITE:
            p.toggle_blank("white")
        elif key == K.Key_G:
            number, ok = QInputDialog.getInt(w, "Go to slide", f"Slide (1–{p.count}):", p.number, 1, max(1, p.count))
            if ok:
                p.go(number)
        elif key in (K.Key_O, K.Key_Tab):
            w.show_overview()
        elif key == K.Key_S:
            w.show_console()
        elif key == K.Key_T:
            p.toggle_timer()
        elif key == K.Key_R:
            p.reset_timer()
        elif key == K.Key_0:
            w.reset_map()
        elif key in (K.Key_Question, K.Key_F1):
            w.show_keys()
        else:
            return False
        return True


DIGITS = [getattr(K, f"Key_{d}") for d in range(10)]
SHORTCUT_KEYS = sorted(
    NEXT
    | PREVIOUS
    | ENTER
    | BLACK
    | WHITE
    | set(DIGITS)
    | {
        K.Key_Home,
        K.Key_End,
        K.Key_F5,
        K.Key_Escape,
        K.Key_F,
        K.Key_F11,
        K.Key_G,
        K.Key_O,
        K.Key_Tab,
        K.Key_S,
        K.Key_T,
        K.Key_R,
        K.Key_Question,
        K.Key_F1,
    },
    key=int,
)


def _text(key: Qt.Key) -> str:
    return chr(int(key)) if key in DIGITS else ""
