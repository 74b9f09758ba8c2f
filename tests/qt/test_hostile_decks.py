"""Hostile and careless decks in the window: special files and text that looks like HTML."""

from __future__ import annotations

import os
import sys

import pytest
from PySide6.QtCore import Qt, QTimer, QUrl
from PySide6.QtGui import QTextDocument
from PySide6.QtWidgets import QLabel, QProgressDialog

from kzviewer.errors import KzError
from kzviewer.qt.app import install_error_handler
from kzviewer.qt.slides import load_image
from tests.qt.conftest import open_window
from tests.qt.test_faults import _png
from tests.test_special_files import PNG_START

IMAGE = QTextDocument.ResourceType.ImageResource.value
FAKE = '<img src="pipe.png"><h1 style="font-size:80px">FAKE</h1>'


@pytest.fixture
def folder(tmp_path):
    deck = tmp_path / "deck"
    deck.mkdir()
    os.mkfifo(deck / "pipe.png")
    (tmp_path / "outside.png").write_bytes(PNG_START)
    (deck / "fine.png").write_bytes(_png())
    return deck


def test_fifos_and_devices_among_a_decks_pictures_hang_nothing(qtbot, requests, folder):
    deck = folder / "deck.md"
    outside = folder.parent / "outside.png"
    deck.write_text(
        "---\ntitle: T\n---\n# A slide\n\n![a](pipe.png)\n\nNote:\n"
        f"![b](pipe.png) ![c](/dev/zero) ![d]({outside})\n\n---\n# Two\n"
    )
    window = open_window(qtbot, deck)  # the slide's FIFO does not keep the map from being ready
    assert "image 'pipe.png' is not a regular file" in window.banner.text()
    console = window.show_console()  # nor the notes' pictures the console from opening
    qtbot.addWidget(console)
    assert console.isVisible() and console.notes.document().baseUrl() == QUrl.fromLocalFile(f"{folder.resolve()}/")
    for url in ("pipe.png", "/dev/zero", str(outside)):
        assert load_image(QUrl(url), folder.resolve()) is None, url
    assert load_image(QUrl("fine.png"), folder.resolve()) is not None
    QTimer.singleShot(0, lambda: None)
    qtbot.wait(50)
    assert window.presentation.number == 1


def test_deck_text_reaches_every_label_and_dialog_as_plain_text(qtbot, requests, folder, messages, monkeypatch):
    deck = folder / "deck.md"
    deck.write_text(f"---\ntitle: '{FAKE}'\n'{FAKE}': 1\n---\n# A slide\n")
    window = open_window(qtbot, deck)

    banner = window.banner
    assert banner.isVisible() and banner.textFormat() == Qt.TextFormat.PlainText
    assert f"unknown key '{FAKE}' in the front matter" in banner.text()
    assert banner.height() < 120, "the problem is one line of text, not an 80 px heading"
    assert window.windowTitle() == f"{FAKE} — kzviewer"

    window.show_error(KzError(FAKE, deck, 3))
    assert messages[-1] == f"{deck}:3: {FAKE}" and messages.formats[-1] == Qt.TextFormat.PlainText

    empty = folder / "<b>empty.md"
    empty.write_text(f"---\ntitle: '{FAKE}'\n---\n")
    assert not window.open_deck(empty)
    assert f"{empty}:3: the deck has no slides" in messages[-1] and messages.formats[-1] == Qt.TextFormat.PlainText

    monkeypatch.setattr(sys, "excepthook", sys.excepthook)  # put back afterwards
    install_error_handler(window)
    sys.excepthook(RuntimeError, RuntimeError(FAKE), None)
    assert FAKE in messages[-1] and messages.formats[-1] == Qt.TextFormat.PlainText

    from PySide6.QtWidgets import QFileDialog

    out = folder / "<b>out.pdf"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *args: (str(out), "PDF (*.pdf)"))
    window.export_pdf(notes=False)
    dialog = window.findChild(QProgressDialog)
    labels = [label for label in dialog.findChildren(QLabel) if "Exporting" in label.text()]
    assert labels and labels[0].textFormat() == Qt.TextFormat.PlainText and "<b>out.pdf" in labels[0].text()
    window.export_job.cancel()
    qtbot.waitUntil(lambda: window.export_job.done, timeout=60_000)


def test_a_crowded_slide_shows_every_place_and_arrow(qtbot, requests, tmp_path):
    from tests.qt.helpers import evaluate

    places = "\n".join(f"  p{i}: {{name: Place {i}, lat: {30 + i % 30}.5, lon: {40 + i // 30}.5}}" for i in range(1000))
    (tmp_path / "c.yaml").write_text(f"groups: {{}}\ncountries: {{}}\nplaces:\n{places}\n")
    keys = ", ".join(f"p{i}" for i in range(1000))
    arrows = "\n".join(f"  - [{a}, {b}, arrow {i}]" for i, (a, b) in enumerate([("KAZ", "RUS"), ("CHN", "KAZ")] * 150))
    deck = tmp_path / "deck.md"
    block = f"```map\nfit: [KAZ]\nplaces: [{keys}]\nlinks:\n{arrows}\n```\n"
    deck.write_text(f"---\ntitle: T\ncountries: c.yaml\n---\n# Crowded\n{block}")
    window = open_window(qtbot, deck)
    shown = evaluate(qtbot, window.map_view, "kz.describe()")
    assert len(shown["places"]) == 1000 and shown["places"][:2] == ["Place 0", "Place 1"]
    assert shown["links"] == 300 * 3  # each arrow's line, head and label
