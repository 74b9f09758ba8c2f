"""Which screen the audience sees and which the presenter, and putting a window there.

With two screens the audience view (slide and map) goes full screen on the
screen the window is not on (the projector) and the console fills the other;
with one screen the window goes full screen and the console is a window the
presenter can raise with S.
"""

from __future__ import annotations

from PySide6.QtGui import QScreen
from PySide6.QtWidgets import QWidget


def audience_and_presenter(here: QScreen, screens: list[QScreen]) -> tuple[QScreen, QScreen | None]:
    """(audience, presenter): the presenter keeps ``here``, the screen the window is on."""
    others = [s for s in screens if s is not here]
    if not others:
        return here, None
    return others[0], here


def put_on(widget: QWidget, screen: QScreen) -> None:
    """Move a top-level widget onto ``screen`` (to be shown full screen there)."""
    # setScreen alone leaves a full-screen window on the first screen: place
    # the window inside the target screen's geometry first.
    widget.showNormal()
    widget.setGeometry(screen.availableGeometry())
    handle = widget.windowHandle()
    if handle is not None:
        handle.setScreen(screen)
    widget.move(screen.geometry().topLeft())
