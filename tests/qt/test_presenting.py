"""Presenting: keys and clicker, slides driving the map, console, blank screens, reload."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt, QUrl
from PySide6.QtTest import QTest

from kzviewer import resources
from kzviewer.model.presentation import Blank
from kzviewer.qt.blank import BlankCover
from kzviewer.qt.overview import Overview
from tests.bundled import COUNT, DECK, copy_lecture, number
from tests.qt.conftest import open_window
from tests.qt.helpers import click, evaluate, explore

K = Qt.Key


def press(window, *keys, target=None):
    for key in keys:
        QTest.keyClick(target or window, key)


def shown(qtbot, window):
    return evaluate(qtbot, window.map_view, "kz.describe()")


def arrived(window):
    """Wait for the map's latest move to finish (an earlier one's end does not count)."""
    view = window.map_view
    return dict(signal=view.bridge.transitionDone, timeout=10_000, check_params_cb=lambda n: n == view.transitions)


def go_and_wait(qtbot, window, number):
    with qtbot.waitSignal(**arrived(window)):
        window.presentation.go(number)


@pytest.mark.parametrize("key", [K.Key_Right, K.Key_Down, K.Key_PageDown, K.Key_Space, K.Key_N, K.Key_Return])
def test_next_slide_keys(window, key):
    press(window, key)
    assert window.presentation.number == 2
    assert window.position.text() == f"Slide 2 / {COUNT}"


@pytest.mark.parametrize("key", [K.Key_Left, K.Key_Up, K.Key_PageUp, K.Key_Backspace, K.Key_P])
def test_previous_slide_keys(window, key):
    window.presentation.go(5)
    press(window, key)
    assert window.presentation.number == 4


def test_keys_work_while_the_map_has_focus(qtbot, window):
    proxy = window.map_view.focusProxy()
    proxy.setFocus()
    press(window, K.Key_PageDown, K.Key_PageDown, K.Key_End, target=proxy)
    assert window.presentation.number == COUNT
    press(window, K.Key_Home, target=proxy)
    assert window.presentation.number == 1


def test_digits_then_enter_go_to_a_slide(window):
    press(window, K.Key_1, K.Key_2, K.Key_Enter)
    assert window.presentation.number == 12
    press(window, K.Key_0)  # alone, 0 resets the map and is no digit
    press(window, K.Key_Enter)
    assert window.presentation.number == 13


def test_the_map_follows_the_slide(qtbot, window):
    go_and_wait(qtbot, window, number("One of three"))
    state = shown(qtbot, window)
    assert set(state["fills"]) == {"KAZ", "MNG", "PRK", "RUS", "CHN"}
    assert sorted(b["key"] for b in state["borders"]) == sorted(
        ["KAZ-RUS", "CHN-KAZ", "MNG-RUS", "CHN-MNG", "CHN-PRK", "PRK-RUS"]
    )
    go_and_wait(qtbot, window, number("China's security turn"))
    state = shown(qtbot, window)
    assert set(state["fills"]) == {"CHN", "TJK", "AFG", "PAK"}
    assert state["places"] == ["Urumqi", "Dushanbe"]
    assert [b["key"] for b in state["borders"]] == ["AFG-TJK"]


def test_going_back_restores_exactly_the_earlier_map(qtbot, window):
    go_and_wait(qtbot, window, number("One of three") - 1)
    before = shown(qtbot, window)
    go_and_wait(qtbot, window, number("One of three"))
    assert shown(qtbot, window)["fills"] != before["fills"]
    with qtbot.waitSignal(**arrived(window)):
        press(window, K.Key_Left)
    after = shown(qtbot, window)
    assert {k: after[k] for k in ("fills", "borders", "places", "links", "legend")} == {
        k: before[k] for k in ("fills", "borders", "places", "links", "legend")
    }
    assert after["center"] == pytest.approx(before["center"], abs=1e-6)
    assert after["zoom"] == pytest.approx(before["zoom"], abs=1e-9)  # a fit's zoom is any real number
    assert before["links"] == 6  # two arrows (line, head, label each)


def test_a_walk_through_the_deck_never_reloads_the_page(qtbot, window):
    for _ in range(COUNT - 1):
        press(window, K.Key_Right)
        qtbot.wait(20)
    qtbot.waitUntil(lambda: window.map_view.is_ready, timeout=1000)
    with qtbot.waitSignal(**arrived(window)):
        pass  # the last slide's flight
    assert window.presentation.number == COUNT
    assert window.map_view.load_count == 1
    assert set(shown(qtbot, window)["fills"]) == set(window.deck.slide(COUNT).map.highlight)


def test_the_legend_shows_the_groups_in_view(qtbot, window):
    go_and_wait(qtbot, window, number('The "Asian Geneva"'))  # Switzerland, Kazakhstan, Turkmenistan
    legend = shown(qtbot, window)["legend"]
    assert legend == ["Kazakhstan", "Other Central Asian states", "Other states in the argument"]


def test_clicking_a_slide_in_the_panel_goes_there(qtbot, window):
    window.presentation.select_country("AFG")
    turn = number("China's security turn")
    assert f"{turn}. China's security turn" in window.panel.toPlainText()
    window.panel.anchorClicked.emit(QUrl("slide:14"))
    assert window.presentation.number == 14


def test_a_country_the_argument_skips_says_so(window):
    window.presentation.select_country("BRA")
    text = window.panel.toPlainText()
    assert "Brazil" in text and "The argument of this deck does not discuss Brazil." in text
    assert "Brazil shares no land border with Kazakhstan." in text


def test_clicking_a_border_shows_it(qtbot, window):
    window.map_view.bridge.borderClicked("KAZ", "RUS")
    text = window.panel.toPlainText()
    assert text.startswith("Kazakhstan – Russia") and "7,644 km" in text and "6,661 km" in text


def test_zero_puts_the_map_back_after_exploring(qtbot, window):
    go_and_wait(qtbot, window, 2)
    before = shown(qtbot, window)
    explore(qtbot, window.map_view, "KAZ")
    click(qtbot, window.map_view, "KAZ")
    qtbot.waitUntil(lambda: shown(qtbot, window)["selected"] == "KAZ", timeout=5000)
    assert shown(qtbot, window)["zoom"] > before["zoom"] and window.presentation.view is not None
    with qtbot.waitSignal(**arrived(window)):
        press(window, K.Key_0)
    after = shown(qtbot, window)
    assert after["fills"] == before["fills"] and after["selected"] is None
    assert after["zoom"] == pytest.approx(before["zoom"], abs=1e-9)
    assert after["center"] == pytest.approx(before["center"], abs=1e-6)


@pytest.mark.parametrize(
    "key,colour",
    [(K.Key_B, "black"), (K.Key_Period, "black"), (K.Key_Slash, "black"), (K.Key_W, "white"), (K.Key_Comma, "white")],
)
def test_blank_screens(qtbot, window, key, colour):
    press(window, key)
    cover = window.centralWidget().findChild(BlankCover)
    assert cover.isVisible() and cover.kind.value == colour
    image = window.centralWidget().grab().toImage()
    centre = image.pixelColor(image.width() // 2, image.height() // 2)
    assert centre.name() == ("#000000" if colour == "black" else "#ffffff")
    press(window, key)  # again to return
    assert not cover.isVisible()


def test_moving_on_lifts_a_black_screen(window):
    press(window, K.Key_B, K.Key_Right)
    assert window.presentation.blank is Blank.NONE and window.presentation.number == 2


def test_overview_picks_a_slide(qtbot, window):
    press(window, K.Key_O)
    overview = window.findChild(Overview)
    assert overview.isVisible() and overview.count() == COUNT
    press(window, K.Key_Right, K.Key_Right, K.Key_Return, target=overview)
    assert window.presentation.number == 3 and not overview.isVisible()
    press(window, K.Key_Tab)
    assert overview.isVisible()
    press(window, K.Key_Escape)
    assert not overview.isVisible() and window.presentation.number == 3


def test_presenter_console_shows_notes_and_next_slide(qtbot, window):
    press(window, K.Key_S)
    console = window.console
    assert console is not None and console.isVisible()
    qtbot.addWidget(console)
    press(window, K.Key_Right)
    assert '"Multi-vector"' in console.notes.toPlainText()  # slide 2's notes
    assert console.current.slide.number == 2 and console.next_slide.slide.number == 3
    assert console.position.text() == f"Slide 2 / {COUNT}"
    press(console, K.Key_Right)  # keys work in the console too, and show in both windows
    assert window.presentation.number == 3 and console.current.slide.number == 3
    qtbot.waitUntil(lambda: console.next_map.is_ready, timeout=30_000)
    qtbot.waitUntil(
        lambda: set(evaluate(qtbot, console.next_map, "kz.describe().fills")) == set(DECK.slide(4).map.highlight),
        timeout=5000,
    )


def test_timer_pauses_and_resets(qtbot, window):
    p = window.presentation
    press(window, K.Key_Right)  # the timer starts on the first move
    assert p.running
    press(window, K.Key_T)
    assert not p.running
    frozen = p.elapsed_ms()
    qtbot.wait(50)
    assert p.elapsed_ms() == frozen
    press(window, K.Key_R)
    assert p.elapsed_ms() == 0 and not p.running


def test_f5_presents_full_screen_and_escape_leaves(qtbot, window):
    press(window, K.Key_F5)
    assert window.presentation.presenting and window.isFullScreen() and not window.menuBar().isVisible()
    window.presentation.select_country("KAZ")
    assert window.panel.isVisible(), "a clicked country's role is shown to the audience"
    press(window, K.Key_Right)
    assert not window.panel.isVisible(), "moving on returns to the deck"
    press(window, K.Key_Escape)
    assert not window.presentation.presenting and not window.isFullScreen() and window.menuBar().isVisible()


@pytest.fixture
def deck_copy(tmp_path):
    return copy_lecture(tmp_path)


def test_live_reload_of_a_good_and_a_broken_save(qtbot, requests, deck_copy):
    window = open_window(qtbot, deck_copy)
    n = number("The argument in brief")
    window.presentation.go(n)
    text = deck_copy.read_text(encoding="utf-8")
    deck_copy.write_text(text.replace("# The argument in brief", "# The argument, briefly"), encoding="utf-8")
    qtbot.waitUntil(lambda: window.deck.slide(n).title == "The argument, briefly", timeout=3000)
    assert window.presentation.number == n
    assert window.slide_view.slide.title == "The argument, briefly"
    assert not window.banner.isVisible()

    deck_copy.write_text(text.replace("# The argument in brief", "The argument lost its heading"), encoding="utf-8")
    qtbot.waitUntil(window.banner.isVisible, timeout=3000)
    assert f"{deck_copy}:" in window.banner.text() and f"slide {n} has no title" in window.banner.text()
    assert window.deck.slide(n).title == "The argument, briefly", "the last good version stays"
    assert window.presentation.number == n

    deck_copy.write_text(text, encoding="utf-8")  # mended
    qtbot.waitUntil(lambda: not window.banner.isVisible(), timeout=3000)
    assert window.deck.slide(n).title == "The argument in brief"


def test_a_deck_with_problems_opens_with_its_messages(qtbot, requests, deck_copy):
    text = deck_copy.read_text(encoding="utf-8")
    deck_copy.write_text(text.replace("places: [urumqi, dushanbe]", "places: [urumchi, dushanbe]"), encoding="utf-8")
    window = open_window(qtbot, deck_copy)
    assert window.banner.isVisible()
    assert "unknown place 'urumchi' (did you mean 'urumqi'?)" in window.banner.text()
    assert window.presentation.count == COUNT


def test_dropping_a_deck_opens_it_and_remembers_it(qtbot, window, tmp_path):
    from PySide6.QtCore import QMimeData, QPointF, QSettings
    from PySide6.QtGui import QDropEvent

    deck = tmp_path / "other.md"
    deck.write_text(
        "---\ntitle: Another lecture\n---\n# Mongolia's third neighbours\n\n"
        "```map\nfit: [MNG]\nhighlight: [MNG]\n```\n---\n# Second\n"
    )
    data = QMimeData()
    data.setUrls([QUrl.fromLocalFile(str(deck))])
    event = QDropEvent(
        QPointF(10, 10), Qt.DropAction.CopyAction, data, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier
    )
    window.dropEvent(event)
    assert window.deck.title == "Another lecture" and window.presentation.number == 1
    assert window.slide_view.slide.title == "Mongolia's third neighbours"
    assert window.windowTitle() == "Another lecture — kzviewer"
    assert QSettings().value("recent")[0] == str(deck.resolve())
    qtbot.waitUntil(lambda: set(shown(qtbot, window)["fills"]) == {"MNG"}, timeout=5000)
    window._fill_recent()
    assert [a.text() for a in window.recent_menu.actions()][:2] == [
        str(deck.resolve()),
        str(resources.bundled_deck().resolve()),
    ]


def test_a_recent_list_of_one_deck_comes_back_as_one_deck(qapp):
    from PySide6.QtCore import QSettings

    from kzviewer.qt.decks import recent

    settings = QSettings()
    settings.setValue("recent", "/lectures/kazakhstan.md")  # a list of one, as the settings file gives it back
    try:
        assert recent() == ["/lectures/kazakhstan.md"]  # not "/", "l", "e", … in the Open recent menu
    finally:
        settings.remove("recent")


def test_notes_can_be_made_larger_and_smaller(qtbot, window):
    press(window, K.Key_S)
    console = window.console
    qtbot.addWidget(console)
    before = console.notes.font().pointSize()
    console.set_notes_size(console._notes_size + 2)
    assert console.notes.font().pointSize() > before
    console.set_notes_size(0)
    assert console.notes.font().pointSize() == 12
    console.set_notes_size(99)  # clamped
    assert console.notes.font().pointSize() == 32


def test_the_consoles_map_takes_the_colours_of_another_deck(qtbot, window, tmp_path):
    (tmp_path / "c.yaml").write_text("groups: {g: {label: Steppe, color: '#123456'}}\ncountries: {MNG: {group: g}}\n")
    deck = tmp_path / "other.md"
    deck.write_text(
        "---\ntitle: Other\ncountries: c.yaml\n---\n# One\n```map\nfit: [KAZ]\nhighlight: [KAZ]\n```\n"
        "---\n# Two\n```map\nfit: [MNG]\nhighlight: [MNG]\n```\n"
    )
    press(window, K.Key_S)
    console = window.console
    qtbot.addWidget(console)
    qtbot.waitUntil(lambda: console.next_map.is_ready, timeout=30_000)
    assert window.open_deck(deck)
    qtbot.waitUntil(
        lambda: evaluate(qtbot, console.next_map, "kz.describe().fills") == {"MNG": "#123456"}, timeout=5000
    )


def test_the_zoom_buttons_are_hidden_from_the_audience_while_presenting(qtbot, window):
    shown = "getComputedStyle(document.querySelector('.leaflet-control-zoom')).display"
    assert evaluate(qtbot, window.map_view, shown) != "none"
    window.presentation.set_presenting(True)
    qtbot.waitUntil(lambda: evaluate(qtbot, window.map_view, shown) == "none", timeout=5000)
    window.presentation.set_presenting(False)
    qtbot.waitUntil(lambda: evaluate(qtbot, window.map_view, shown) != "none", timeout=5000)
