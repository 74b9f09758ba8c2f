"""The HTML handout (kzviewer export DECK -o OUT.html), written by the real
command and opened in a real browser engine, served over loopback as the
offline test serves the map: any reference to another host would show up
as a request for it."""

from __future__ import annotations

import functools
import http.server
import os
import re
import subprocess
import sys
import threading

import pytest
from PySide6.QtCore import QPoint, Qt, QUrl
from PySide6.QtTest import QTest

from kzviewer.handout import build_handout, export_handout
from tests.bundled import COUNT, DECK
from tests.qt.helpers import evaluate, settle
from tests.qt.test_offline import _Quiet

ENV = {k: v for k, v in os.environ.items() if k not in ("DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM")}


def export(*args, timeout=120):
    return subprocess.run(
        [sys.executable, "-m", "kzviewer", "export", *map(str, args)],
        env=ENV,
        capture_output=True,
        text=True,
        timeout=timeout,
    )


@pytest.fixture(scope="module")
def served(tmp_path_factory):
    """The bundled lecture's handout, with its notes, on a loopback web server."""
    folder = tmp_path_factory.mktemp("handout")
    result = export("-o", folder / "lecture.html", "--notes")
    assert result.returncode == 0, result.stderr[-2000:]
    handler = functools.partial(_Quiet, directory=str(folder))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_address[1]}/lecture.html", result.stderr, folder
    server.shutdown()
    server.server_close()


def open_handout(qtbot, view, url):
    with qtbot.waitSignal(view.loadFinished, timeout=30_000) as loaded:
        view.load(QUrl(url))
    assert loaded.args == [True]
    qtbot.waitUntil(lambda: evaluate(qtbot, view, "!!(window.kz && kz.ready)") is True, timeout=10_000)


def shown(qtbot, view):
    return evaluate(
        qtbot,
        view,
        "({title: document.querySelector('.kz-title').textContent, hash: location.hash,"
        " panel: document.querySelector('.kz-panel').textContent,"
        " notes: document.querySelector('.kz-notes') && document.querySelector('.kz-notes').textContent})",
    )


def test_the_command_writes_one_small_file_with_progress(served):
    url, stderr, folder = served
    assert f"kzviewer: exporting slide {COUNT} of {COUNT}" in stderr
    assert re.search(rf"kzviewer: wrote .*lecture\.html \({COUNT} slides\)", stderr)
    assert [p.name for p in folder.iterdir()] == ["lecture.html"], "one file, nothing beside it"
    page = (folder / "lecture.html").read_text(encoding="utf-8")
    assert len(page.encode()) <= 5_000_000
    assert "<script src=" not in page and "<link" not in page


def test_opens_on_the_slide_in_its_address_moves_with_the_keys_and_keeps_the_address(qtbot, requests, browser, served):
    view, page = browser
    url = served[0]
    open_handout(qtbot, view, url + "#/5")
    assert shown(qtbot, view)["title"] == DECK.slides[4].title
    settle(qtbot, view)
    fills = evaluate(qtbot, view, "kz.describe().fills")
    assert set(fills) == set(DECK.slides[4].map.highlight), "the map shows slide 5's state"

    view.setFocus()
    QTest.keyClick(view.focusProxy(), Qt.Key.Key_Right)
    qtbot.waitUntil(lambda: shown(qtbot, view)["title"] == DECK.slides[5].title, timeout=5000)
    assert shown(qtbot, view)["hash"] == "#/6"
    QTest.keyClick(view.focusProxy(), Qt.Key.Key_End)
    qtbot.waitUntil(lambda: shown(qtbot, view)["hash"] == f"#/{COUNT}", timeout=5000)
    QTest.keyClick(view.focusProxy(), Qt.Key.Key_Home)
    qtbot.waitUntil(lambda: shown(qtbot, view)["title"] == DECK.slides[0].title, timeout=5000)
    QTest.keyClick(view.focusProxy(), Qt.Key.Key_PageDown)  # a clicker's "next"
    qtbot.waitUntil(lambda: shown(qtbot, view)["hash"] == "#/2", timeout=5000)
    evaluate(qtbot, view, "location.hash = '#/3', 0")  # the reader edits the address
    qtbot.waitUntil(lambda: shown(qtbot, view)["title"] == DECK.slides[2].title, timeout=5000)

    assert shown(qtbot, view)["notes"] is None, "notes only when the address asks for them"
    foreign = [u for u in requests.urls if not u.startswith((url, "data:"))]
    assert requests.urls and foreign == []
    assert page.errors == []


def test_a_click_on_a_country_shows_its_part_in_the_argument(qtbot, browser, served):
    view, page = browser
    open_handout(qtbot, view, served[0] + "#/1")
    settle(qtbot, view)
    lat, lon = evaluate(qtbot, view, "kz.labelOf('KAZ')")
    x, y = evaluate(qtbot, view, f"kz.pointOf({lat}, {lon})")
    left, top = evaluate(
        qtbot,
        view,
        "[kz.page.map.getContainer().getBoundingClientRect().left,"
        " kz.page.map.getContainer().getBoundingClientRect().top]",
    )
    point = QPoint(round(x + left), round(y + top))
    QTest.mouseClick(view.focusProxy(), Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, point)
    role = DECK.countries.countries["KAZ"].role
    qtbot.waitUntil(lambda: role[:60] in shown(qtbot, view)["panel"], timeout=5000)
    assert evaluate(qtbot, view, "kz.describe().selected") == "KAZ"
    # A link in the report to a slide that discusses it.
    evaluate(qtbot, view, "document.querySelector('.kz-panel a[href^=\"slide:\"]').click(), 0")
    qtbot.waitUntil(lambda: "Countries" in shown(qtbot, view)["panel"], timeout=5000)
    assert page.errors == []


def test_notes_show_when_the_address_asks_for_them(qtbot, browser, served):
    view, page = browser
    open_handout(qtbot, view, served[0] + "?notes#/2")
    first = re.sub(r"\s+", " ", DECK.slides[1].notes).split(". ")[0][:50]
    assert first in re.sub(r"\s+", " ", shown(qtbot, view)["notes"])
    assert page.errors == []


def test_only_the_handouts_own_scripts_run(qtbot, browser, served):
    """Its policy names a digest for each of its inline scripts and no
    'unsafe-inline': a script or an onerror that a slide's HTML slipped past
    the sanitiser would not run, and the handout works all the same."""
    view, page = browser
    url, _, folder = served
    handout = (folder / "lecture.html").read_text(encoding="utf-8")
    policy = re.search(r'Content-Security-Policy" content="([^"]*)"', handout).group(1)
    sources = re.search(r"script-src ([^;]*)", policy).group(1).split()
    assert "'unsafe-inline'" not in sources and "'unsafe-eval'" not in sources
    inline = set(re.findall(r"<script>(.*?)</script>", handout, re.S))
    assert sum(source.startswith("'sha256-") for source in sources) == len(inline)
    slipped = '<script>window.ran = "script"</script><img src="data:," onerror="window.ran = \'onerror\'">'
    (folder / "slipped.html").write_text(handout.replace("<body>", "<body>" + slipped, 1), encoding="utf-8")
    open_handout(qtbot, view, url.replace("lecture.html", "slipped.html") + "#/5")
    assert evaluate(qtbot, view, "window.ran || null") is None
    assert shown(qtbot, view)["title"] == DECK.slides[4].title
    assert any("Content Security Policy" in error for error in page.errors), "the browser refused them"


def test_speaker_notes_stay_out_unless_asked_for(tmp_path):
    note = re.sub(r"\s+", " ", DECK.slides[1].notes).split(". ")[0][:50]
    assert note not in re.sub(r"\s+", " ", build_handout(DECK))
    assert note in re.sub(r"\s+", " ", build_handout(DECK, notes=True))


def test_pictures_are_inlined_once_and_nothing_outside_the_deck_is_read(tmp_path):
    from kzviewer.deck.parser import parse_deck

    folder = tmp_path / "deck"
    folder.mkdir()
    png = bytes.fromhex(
        "89504e470d0a1a0a0000000d4948445200000001000000010806000000"
        "1f15c4890000000d4944415478da63f8cfc0f01f0005000201e0d9a0a80000000049454e44ae426082"
    )
    (folder / "dot.png").write_bytes(png)
    (folder / "карта 1.png").write_bytes(png)  # a name markdown-it percent-encodes
    (tmp_path / "secret.png").write_bytes(png)
    slides = [
        "# One\n\n![a dot](dot.png) ![карта](<карта 1.png>)\n",
        "# Two\n\n![the dot again](dot.png) [share](smb://127.0.0.1/x) [web](https://example.org/)\n",
        "# Three\n\n![outside](../secret.png) ![remote](https://example.org/a.png)\n",
    ]
    (folder / "deck.md").write_text("---\ntitle: Pictures\n---\n" + "\n---\n".join(slides))
    deck, problems = parse_deck(folder / "deck.md")
    assert len(problems) == 2  # the check refuses them; the handout does not trust the check alone
    page = build_handout(deck)
    assert page.count("data:image/png;base64,") == 1
    assert "secret" not in page and "example.org/a.png" not in page
    assert "smb:" not in page and "https://example.org/" in page
    assert "outside" in page and "remote" in page, "a picture not shown leaves its words"
    assert '<span class="kz-missing">карта</span>' not in page


def test_a_cancelled_or_failed_export_leaves_nothing(tmp_path):
    out = tmp_path / "lecture.html"

    def cancel(done, total):
        if done == 3:
            raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt):
        export_handout(DECK, out, progress=cancel)
    assert list(tmp_path.iterdir()) == []
    blocked = tmp_path / "blocked"
    blocked.write_text("a file where the folder should be")
    result = export("-o", blocked / "lecture.html")
    assert result.returncode == 1 and "cannot write the handout" in result.stderr
    assert "Traceback" not in result.stderr


def test_file_export_html_handout_in_the_window(qtbot, window, tmp_path, monkeypatch):
    from PySide6.QtWidgets import QFileDialog

    out = tmp_path / "for-students"  # .html is added
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *args: (str(out), "HTML (*.html)"))
    window.export_handout(notes=False)
    written = tmp_path / "for-students.html"
    assert written.exists() and DECK.slides[3].title in written.read_text(encoding="utf-8")
    assert window.statusBar().currentMessage() == f"Exported {written}"
