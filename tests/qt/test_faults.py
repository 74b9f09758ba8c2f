"""Faults a lecture must survive: the map's web process dying, bad files, hostile decks."""

from __future__ import annotations

import os
import signal
import sys
import time

import pytest
from PySide6.QtCore import QPointF, Qt, QTimer, QUrl
from PySide6.QtGui import QDesktopServices, QTextDocument
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication

from kzviewer.logs import log_file, set_up_logging
from kzviewer.qt.app import install_error_handler
from kzviewer.qt.export import PdfExport
from tests.bundled import COUNT, copy_lecture, number
from tests.qt.helpers import evaluate
from tests.qt.test_presenting import go_and_wait


def test_a_killed_render_process_comes_back_on_the_same_slide(qtbot, window):
    go_and_wait(qtbot, window, number("China's security turn"))
    before = evaluate(qtbot, window.map_view, "kz.describe()")
    pid = window.map_view.page().renderProcessPid()
    assert pid > 0
    start = time.monotonic()
    with qtbot.waitSignal(window.map_view.recovered, timeout=3000):
        os.kill(pid, signal.SIGKILL)
    recovery = time.monotonic() - start
    after = evaluate(qtbot, window.map_view, "kz.describe()")
    assert window.map_view.page().renderProcessPid() not in (0, pid)
    for key in ("fills", "borders", "places", "legend"):
        assert after[key] == before[key], key
    assert after["zoom"] == pytest.approx(before["zoom"], abs=1e-9)
    assert window.presentation.number == number("China's security turn")
    assert recovery < 3.0
    assert "restarted on the same slide" in window.statusBar().currentMessage()
    window.map_view.map_page.console_errors.clear()  # the dying page may log nothing useful


def test_a_map_that_dies_again_and_again_is_let_be_and_the_slides_go_on(qtbot, window):
    from kzviewer.qt.mapview import MAX_RESTARTS

    view = window.map_view
    for _ in range(MAX_RESTARTS):
        with qtbot.waitSignal(view.recovered, timeout=5000):
            os.kill(view.page().renderProcessPid(), signal.SIGKILL)
    with qtbot.waitSignal(view.failed, timeout=5000):
        os.kill(view.page().renderProcessPid(), signal.SIGKILL)
    qtbot.wait(500)
    assert view.page().renderProcessPid() in (0, -1) or not view.is_ready, "no page loaded again"
    assert not view.isVisible()
    assert "stopped again and again" in window.splitter.widget(1).text()
    QTest.keyClick(window, Qt.Key.Key_Right)
    assert window.presentation.number == 2 and window.slide_view.slide.number == 2
    view.map_page.console_errors.clear()


@pytest.mark.qt_no_exception_capture
def test_an_unexpected_error_is_logged_and_shown_and_the_app_goes_on(qtbot, window, monkeypatch, messages):
    shown = messages
    monkeypatch.setattr(sys, "excepthook", sys.excepthook)  # put back afterwards
    set_up_logging(verbose=False)
    install_error_handler(window)

    def broken_slot():
        raise RuntimeError("a bug in a slot")

    QTimer.singleShot(0, broken_slot)
    qtbot.waitUntil(lambda: bool(shown), timeout=3000)
    assert shown[0].startswith("Something went wrong: a bug in a slot")
    assert str(log_file()) in shown[0]
    logged = log_file().read_text(encoding="utf-8")
    assert "unexpected error" in logged and "RuntimeError: a bug in a slot" in logged and "Traceback" in logged
    QTest.keyClick(window, Qt.Key.Key_Right)  # still presenting
    assert window.presentation.number == 2


HOSTILE = """\
---
title: "<script>alert('title')</script>"
countries: c.yaml
---

# <img src=x onerror=alert(1)> Hostile

<script>alert(1)</script>
<iframe src="https://example.org"></iframe>
<div style="position:fixed;top:0;left:0;width:9999px">cover</div>
[js](javascript:alert(1)) [data](data:text/html,<script>alert(1)</script>) [file](file:///etc/passwd)
[web](https://example.org/page)
![outside](../outside.png) ![remote](https://example.org/x.png) ![inline](data:image/png;base64,iVBORw0KGgo=)
![inside](inside.png)
{long}
{nested}x

```map
highlight: [KAZ]
places: [evil]
```

Note:
<script>alert('notes')</script> <b onmouseover=alert(1)>notes</b>
"""

HOSTILE_COUNTRIES = """\
groups:
  g: {label: "<img src=x onerror=alert(1)>", color: "#123456"}
countries:
  KAZ: {group: g, role: "<script>alert('role')</script> and <a href='javascript:alert(1)'>x</a>"}
places:
  evil: {name: "<img src=https://example.org/p.png onerror=alert(1)>", lat: 51, lon: 71,
         note: "<script>alert('note')</script>"}
"""


@pytest.fixture
def hostile_deck(tmp_path):
    folder = tmp_path / "deck"
    folder.mkdir()
    (tmp_path / "outside.png").write_bytes(_png())
    (folder / "inside.png").write_bytes(_png())
    (folder / "c.yaml").write_text(HOSTILE_COUNTRIES)
    text = HOSTILE.replace("{long}", "W" * 5000).replace("{nested}", "> " * 200 + "- " * 100)
    (folder / "deck.md").write_text(text)
    return folder / "deck.md"


def _png() -> bytes:
    from PySide6.QtCore import QBuffer, QIODevice
    from PySide6.QtGui import QImage

    image = QImage(8, 8, QImage.Format.Format_RGB32)
    image.fill(0x336699)
    buffer = QBuffer()
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    image.save(buffer, "PNG")
    return bytes(buffer.data())


def test_a_hostile_deck_runs_nothing_and_breaks_no_layout(qtbot, requests, hostile_deck, monkeypatch):
    from kzviewer.qt.slides import HEIGHT, SlideLayout
    from tests.qt.conftest import open_window

    opened = []
    monkeypatch.setattr(QDesktopServices, "openUrl", lambda url: opened.append(url.toString()))
    window = open_window(qtbot, hostile_deck)
    deck = window.deck
    slide = deck.slides[0]
    html = slide.body_html + slide.notes_html
    for raw in (
        "<script",
        "<iframe",
        "<div style",
        "<img src=x",
        "<b onmouseover",
        'href="javascript',
        'href="data:',
        'href="file:',
    ):
        assert raw not in html, raw
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html

    layout = SlideLayout(slide, deck)
    box = layout.body_box
    assert layout.body.idealWidth() <= box.width() + 1, "a 5,000-letter word wraps"
    assert layout.body.size().height() * layout.body_scale <= box.height() + 1, "the body fits the slide"
    assert box.bottom() <= HEIGHT

    # Images: only the one in the deck's folder is read.
    assert (
        layout.body.resource(
            QTextDocument.ResourceType.ImageResource.value, QUrl.fromLocalFile(str(hostile_deck.parent / "inside.png"))
        )
        is not None
    )
    document = layout.body
    for name in ("../outside.png", "https://example.org/x.png"):
        assert (
            document.loadResource(
                QTextDocument.ResourceType.ImageResource.value,
                QUrl(name) if "://" in name else document.baseUrl().resolved(QUrl(name)),
            )
            is None
        )

    # Links: the web one opens in the system browser, the others nowhere.
    view = window.slide_view
    view.resize(1600, 900)
    for target in _anchor_points(view):
        QTest.mouseClick(view, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, target)
    assert opened == ["https://example.org/page"]

    # The page shows the hostile names as text, loads nothing for them, runs nothing.
    shown = evaluate(
        qtbot,
        window.map_view,
        "Array.from(document.querySelectorAll('.kz-place, .kz-legend'), e => e.innerHTML).join(' ')",
    )
    assert "&lt;img src=https://example.org/p.png" in shown and "<img" not in shown
    window.presentation.select_country("KAZ")
    assert "<script" not in window.panel.toHtml() and "alert('role')" in window.panel.toPlainText()
    assert not [u for u in requests.urls if "example.org" in u]
    assert window.map_view.map_page.console_errors == []


def _anchor_points(view):
    """Widget points over the middle of each link of the current slide's body."""
    layout = view.layout_now
    rect = view.slide_rect()
    scale = rect.width() / 1600
    points = []
    block = layout.body.begin()
    while block.isValid():
        it = block.begin()
        while not it.atEnd():
            fragment = it.fragment()
            if fragment.charFormat().isAnchor():
                middle = fragment.position() - block.position() + fragment.length() // 2
                line = block.layout().lineForTextPosition(middle)
                x = line.cursorToX(middle)
                x = x[0] if isinstance(x, tuple) else x
                top = layout.body.documentLayout().blockBoundingRect(block).topLeft()
                point = QPointF(top.x() + x, top.y() + line.y() + line.height() / 2)
                canvas = layout.body_box.topLeft() + point * layout.body_scale
                points.append((rect.topLeft() + canvas * scale).toPoint())
            it += 1
        block = block.next()
    return points


def test_the_map_page_cannot_navigate_away(qtbot, window, requests):
    own = window.map_view.url()
    for script in (
        "location.href = 'https://example.org/'",
        "location.href = 'file:///etc/passwd'",
        "window.open('https://example.org/popup')",
        "location.href = 'data:text/html,<b>x</b>'",
    ):
        window.map_view.run(script)
        qtbot.wait(200)
        assert window.map_view.url() == own, script
    assert evaluate(qtbot, window.map_view, "!!window.kz && kz.ready") is True
    assert not [u for u in requests.urls if "example.org" in u or "passwd" in u]
    # Chromium itself refuses the data: URL, and says so in the console.
    errors = window.map_view.map_page.console_errors
    assert all("Not allowed to navigate top frame to data URL" in e for e in errors)
    errors.clear()


def test_the_bridge_takes_only_what_it_expects(qtbot):
    from kzviewer.qt.bridge import MapBridge

    bridge = MapBridge()
    heard = []
    bridge.countrySelected.connect(heard.append)
    bridge.borderSelected.connect(lambda a, b: heard.append((a, b)))
    for value in ("<img src=x onerror=alert(1)>", "kaz", "KAZZ", "42", "", "KA", "K\u0410Z"):
        bridge.countryClicked(value)
    bridge.borderClicked("KAZ", "'; drop")
    bridge.borderClicked("KAZ\n", "RUS")
    assert heard == []
    bridge.countryClicked("KAZ")
    bridge.borderClicked("KAZ", "RUS")
    assert heard == ["KAZ", ("KAZ", "RUS")]


@pytest.fixture
def damaged_geo(tmp_path, monkeypatch):
    """A copy of assets/geo that the app uses instead, for damaging."""
    from kzviewer import resources
    from kzviewer.geo import data as geo_data

    folder = tmp_path / "geo"
    folder.mkdir()
    for path in resources.geo_dir().iterdir():
        (folder / path.name).write_bytes(path.read_bytes())
    monkeypatch.setattr(resources, "geo_dir", lambda: folder)
    monkeypatch.setenv("KZVIEWER_CACHE_DIR", str(tmp_path / "cache"))
    geo_data._load.cache_clear()
    yield folder
    geo_data._load.cache_clear()


def test_damaged_map_data_leaves_the_slides_usable(qtbot, damaged_geo):
    from kzviewer import resources
    from kzviewer.qt.app import build_window

    region = damaged_geo / "region.geojson"
    region.write_bytes(region.read_bytes()[:4000])
    window = build_window(resources.bundled_deck())
    qtbot.addWidget(window)
    window.show()
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window, timeout=3000)
    assert window.map_error is not None
    assert str(window.map_error).startswith(f"{region}: is not valid JSON")
    assert f"{region}: is not valid JSON" in window.statusBar().currentMessage()
    QTest.keyClick(window, Qt.Key.Key_Right)
    assert window.presentation.number == 2 and window.slide_view.slide.number == 2


def test_a_missing_index_is_reported_when_a_country_is_clicked(qtbot, damaged_geo, messages):
    from kzviewer import resources
    from tests.qt.conftest import open_window

    shown = messages
    (damaged_geo / "index.json").unlink()
    window = open_window(qtbot, resources.bundled_deck())
    assert f"{damaged_geo / 'index.json'}:1: the file is missing" in window.banner.text()
    qtbot.waitUntil(lambda: bool(shown), timeout=3000)  # found while warming up, after the map is ready
    assert (
        shown[0] == f"{damaged_geo / 'index.json'}: the file is missing; reinstall kzviewer or rebuild it "
        "with scripts/build_geodata.py"
    )
    window.presentation.select_country("KAZ")  # and again on a click, without a traceback
    assert len(shown) == 2
    QTest.keyClick(window, Qt.Key.Key_Right)
    assert window.presentation.number == 2


def test_export_with_damaged_map_data_fails_cleanly(qtbot, damaged_geo, tmp_path):
    from kzviewer import resources
    from kzviewer.deck.parser import load_deck

    (damaged_geo / "borders.geojson").write_text("[]")
    job = PdfExport(load_deck(resources.bundled_deck()), tmp_path / "out.pdf")
    outcome = []
    job.failed.connect(outcome.append)
    job.start()
    qtbot.waitUntil(lambda: bool(outcome), timeout=5000)
    assert outcome == [f"{damaged_geo / 'borders.geojson'}: is not a GeoJSON FeatureCollection"]
    assert not (tmp_path / "out.pdf").exists()
    assert [p.name for p in tmp_path.iterdir() if p.suffix in (".pdf", ".part")] == []


def test_a_deck_that_disappears_keeps_its_last_good_version(qtbot, requests, tmp_path):
    from tests.qt.conftest import open_window

    deck = copy_lecture(tmp_path)
    window = open_window(qtbot, deck)
    window.presentation.go(5)
    deck.unlink()
    qtbot.waitUntil(window.banner.isVisible, timeout=3000)
    assert f"{deck}:1: the deck is missing" in window.banner.text()
    assert window.presentation.count == COUNT and window.presentation.number == 5
    QTest.keyClick(window, Qt.Key.Key_Right)
    assert window.slide_view.slide.number == 6
