"""The window in Russian and Kazakh, and a check that every word it shows was marked for translation."""

from __future__ import annotations

import gettext
import re

import pytest
from PySide6.QtCore import QCoreApplication, QUrl
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QAbstractButton, QLabel, QMenu, QWidget

from kzviewer import i18n, resources
from kzviewer.deck.language import front_matter_language
from kzviewer.qt.app import speak
from tests.qt.conftest import open_window
from tests.qt.helpers import evaluate

RUSSIAN_DECK = resources.slides_dir() / "kazakhstan.ru.md"


@pytest.fixture
def language(qapp, monkeypatch, tmp_path):
    """Run in a language (and Qt with its translations) for one test; English after it.
    The map pages of this test are cached apart: their words are in the language."""
    monkeypatch.setenv("KZVIEWER_CACHE_DIR", str(tmp_path / "cache"))
    installed = []

    def use(code: str) -> None:
        i18n.set_language(code)
        installed.extend(speak(qapp))

    yield use
    for translator in installed:
        qapp.removeTranslator(translator)
    i18n.set_language("en")
    speak(qapp)


def menu_titles(window) -> list[str]:
    return [action.text().replace("&", "") for action in window.menuBar().actions()]


def legend_and_labels(qtbot, window) -> dict:
    return evaluate(qtbot, window.map_view, "kz.describe()")


def test_a_russian_deck_is_presented_in_russian(qtbot, language):
    language(i18n.choose(None, front_matter_language(RUSSIAN_DECK), {}))
    assert i18n.language() == "ru"
    window = open_window(qtbot, RUSSIAN_DECK)
    assert menu_titles(window) == ["Файл", "Вид", "Справка"]

    shown = legend_and_labels(qtbot, window)
    assert {"Казахстан", "Россия", "Китай", "Узбекистан"} <= set(shown["labels"])
    # The deck's own name (its countries file's name:) over CLDR's «Киргизия», wherever the map names it.
    assert evaluate(qtbot, window.map_view, "kz.util.nameOf('KGZ')") == "Кыргызстан"
    assert shown["legend"][-1] == "Общая сухопутная граница"

    window.presentation.select_country("KAZ")
    panel = window.panel.toPlainText()
    assert panel.startswith("Казахстан")
    assert "Сухопутные границы" in panel and "Россия" in panel and "7 644 км" in panel
    assert "Кыргызстан" in panel and "Киргизия" not in panel

    # A countries file changed while presenting renames on the map at once.
    renamed = "Object.assign({}, kz.page.data, {deckNames: {KAZ: 'Qazaqstan'}})"
    evaluate(qtbot, window.map_view, f"kz.configure({renamed})")
    assert "Qazaqstan" in legend_and_labels(qtbot, window)["labels"]

    # Qt's own words too: its file dialog's buttons, from Qt's shipped translations.
    assert QCoreApplication.translate("QPlatformTheme", "Cancel") == "Отмена"
    assert window.map_view.map_page.console_errors == []


def test_kazakh_asked_for_gives_a_kazakh_interface_and_map(qtbot, language):
    language(i18n.choose("kk", front_matter_language(resources.bundled_deck()), {"LANG": "ru_RU.UTF-8"}))
    window = open_window(qtbot, resources.bundled_deck())
    assert menu_titles(window) == ["Файл", "Көрініс", "Анықтама"]
    shown = legend_and_labels(qtbot, window)
    assert {"Қазақстан", "Ресей", "Қытай"} <= set(shown["labels"])
    window.presentation.select_country("CHN")
    assert window.panel.toPlainText().startswith("Қытай")
    tips = evaluate(qtbot, window.map_view, "kz.page.map.zoomControl._zoomInButton.title")
    assert tips == i18n._("Zoom in") != "Zoom in"


# -- every word shown is marked ------------------------------------------------------------------

OPEN, CLOSE = "⟦", "⟧"


class Marked(gettext.NullTranslations):
    """A catalogue that brackets every message: what the window shows outside
    brackets was never marked for translation."""

    def gettext(self, message: str) -> str:
        return OPEN + message + CLOSE

    def ngettext(self, singular: str, plural: str, n: int) -> str:
        return OPEN + (singular if n == 1 else plural) + CLOSE


# A deck in Cyrillic only: a Latin word on screen is the app's own.
DECK = """---
title: Лекция
countries: страны.yaml
lang: ru
map:
  fit: [KAZ]
  highlight: [KAZ, RUS]
  borders: [KAZ-RUS]
---

# Первый слайд

Текст слайда.

```map
fit: [KAZ, UZB]
highlight: [KAZ, RUS, UZB]
borders: [KAZ-RUS]
places: [астана]
```

Note:
Заметки.

---

# Второй слайд

Ещё текст.
"""

COUNTRIES = """groups:
  центр: {label: Центр, color: "#0072B2"}
  соседи: {label: Соседи, color: "#D55E00"}
countries:
  KAZ: {group: центр, role: Главная страна., slides: [1, 2]}
  RUS: {group: соседи, role: Сосед., slides: [1]}
  UZB: {group: соседи, role: Сосед., slides: [1]}
places:
  астана: {name: Астана, lat: 51.17, lon: 71.45}
"""

LATIN = re.compile(r"[A-Za-z]{2,}")
# Words that are names, not language: the app's, and keys as their caps print them.
NAMES = {
    "kzviewer",
    "OK",
    "CIA",
    "World",
    "Factbook",
    "Esc",
    "Tab",
    "Space",
    "PageDown",
    "PageUp",
    "Enter",
    "Backspace",
    "Home",
    "End",
    "PDF",
}


def unmarked(text: str, paths: list[str]) -> list[str]:
    for path in paths:
        text = text.replace(path, "")
    text = re.sub(r"<[^>]*>", " ", text)  # markup, of a rich text label
    while True:  # a message may hold another (a length in a sentence): innermost first
        text, found = re.subn(f"{OPEN}[^{OPEN}{CLOSE}]*{CLOSE}", "", text)
        if not found:
            break
    return [word for word in LATIN.findall(text) if word not in NAMES]


def test_every_word_the_window_shows_is_marked_for_translation(qtbot, tmp_path, language, messages):
    language("ru")  # country names in Cyrillic, from CLDR
    i18n._catalogue = Marked()  # (the fixture puts English back)
    folder = tmp_path / "лекция"
    folder.mkdir()
    (folder / "страны.yaml").write_text(COUNTRIES, encoding="utf-8")
    deck = folder / "лекция.md"
    deck.write_text(DECK, encoding="utf-8")
    window = open_window(qtbot, deck)
    paths = [str(deck), str(folder / "страны.yaml"), str(folder), deck.name]
    seen: dict[str, list[str]] = {}

    def look(where: str, text: str) -> None:
        if words := unmarked(text, paths):
            seen[f"{where}: {text!r}"] = words

    def look_at_widgets(top: QWidget) -> None:
        look("title", top.windowTitle())
        for action in top.findChildren(QAction):
            look("action", action.text())
            look("tooltip", action.toolTip() if action.toolTip() != action.text().replace("&", "") else "")
            look("status tip", action.statusTip())
        for menu in top.findChildren(QMenu):
            look("menu", menu.title())
        for label in top.findChildren(QLabel):
            look(f"label {label.objectName() or type(label).__name__}", label.text())
            look("tooltip", label.toolTip())
        for button in top.findChildren(QAbstractButton):
            look("button", button.text())
            look("tooltip", button.toolTip())

    look("status bar", window.statusBar().currentMessage())
    look_at_widgets(window)
    window.presentation.select_country("KAZ")
    look("panel", window.panel.toPlainText())
    window.panel.anchorClicked.emit(QUrl("country:RUS"))
    look("panel", window.panel.toPlainText())
    window.presentation.select_border("KAZ", "RUS")
    look("panel", window.panel.toPlainText())
    window.presentation.select_country("FRA")  # one the deck does not discuss
    look("panel", window.panel.toPlainText())

    shown = legend_and_labels(qtbot, window)
    for text in shown["legend"] + shown["labels"]:
        look("map", text)

    window.show_keys()
    window.show_about()
    for text in messages:
        look("message box", text)
    console = window.show_console()
    qtbot.addWidget(console)
    qtbot.waitUntil(lambda: console.next_map.is_ready, timeout=30_000)  # its page loaded within this test
    look_at_widgets(console)
    window.presentation.set_presenting(True)
    qtbot.wait(50)
    look_at_widgets(console)
    window.presentation.set_presenting(False)
    window.presentation.toggle_overview()
    look_at_widgets(window)
    window.presentation.toggle_overview()

    assert seen == {}
