"""PDF export: pages, text, bookmarks, maps really drawn, and nothing half-written."""

from __future__ import annotations

import errno
import os
import re
import signal
import subprocess
import sys
import time
import unicodedata

import pytest
from pypdf import PdfReader
from PySide6.QtCore import QSize
from PySide6.QtGui import QColor

from kzviewer.qt import export as export_module
from kzviewer.qt.export import PdfExport
from tests.bundled import COUNT, DECK, number

TITLES = [s.title for s in DECK.slides]


def words(text: str) -> str:
    """Text as a reader's search sees it: ligatures (ﬁ) undone, spacing folded."""
    return re.sub(r"\s+", " ", unicodedata.normalize("NFKC", text)).strip()


@pytest.fixture(scope="module")
def exported(tmp_path_factory):
    """The bundled deck exported by the real command, with no display."""
    out = tmp_path_factory.mktemp("export") / "lecture.pdf"
    env = {k: v for k, v in os.environ.items() if k not in ("DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM")}
    result = subprocess.run(
        [sys.executable, "-m", "kzviewer", "export", "-o", str(out)],
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.returncode == 0, result.stderr[-3000:]
    return out, result.stderr


def run_export(qtbot, output, notes=False, on_progress=None, deck=DECK):
    """Export in this process (as the window does); returns how it ended."""
    job = PdfExport(deck, output, notes)
    outcome = {}
    job.finished.connect(lambda path: outcome.setdefault("finished", path))
    job.failed.connect(lambda message: outcome.setdefault("failed", message))
    if on_progress:
        job.progress.connect(lambda done, total: on_progress(job, done))
    job.start()
    qtbot.waitUntil(lambda: bool(outcome), timeout=120_000)
    return outcome


@pytest.fixture(scope="module")
def with_notes(tmp_path_factory):
    return tmp_path_factory.mktemp("export-notes") / "lecture-notes.pdf"


def test_one_16_9_page_per_slide_with_titles_metadata_and_progress(exported):
    path, stderr = exported
    reader = PdfReader(str(path))
    assert len(reader.pages) == len(DECK.slides) == COUNT
    for page_number, page in enumerate(reader.pages, 1):
        box = page.mediabox
        assert float(box.width) / float(box.height) == pytest.approx(16 / 9, abs=0.005)
        assert words(TITLES[page_number - 1]) in words(page.extract_text()), f"page {page_number}"
    assert reader.metadata.title == DECK.title
    assert reader.metadata.author == DECK.author
    assert f"kzviewer: exporting slide 1 of {COUNT}" in stderr and f"exporting slide {COUNT} of {COUNT}" in stderr
    assert stderr.strip().endswith(f"kzviewer: wrote {path} ({COUNT} pages)")


def test_one_bookmark_per_slide_named_by_its_title(exported):
    reader = PdfReader(str(exported[0]))
    outline = reader.outline
    assert [item.title for item in outline] == TITLES
    assert [reader.get_destination_page_number(item) for item in outline] == list(range(COUNT))


def _render(path, page, width=1600):
    from PySide6.QtPdf import QPdfDocument

    document = QPdfDocument()
    document.load(str(path))
    size = document.pagePointSize(page)
    return document.render(page, QSize(width, round(width * size.height() / size.width())))


def _count_colour(image, colour, region):
    target = QColor(colour)
    x0, y0, x1, y1 = region
    found = 0
    for x in range(x0, x1, 4):
        for y in range(y0, y1, 4):
            c = image.pixelColor(x, y)
            if abs(c.red() - target.red()) + abs(c.green() - target.green()) + abs(c.blue() - target.blue()) < 40:
                found += 1
    return found


@pytest.mark.parametrize(
    "page,country",
    [
        (1, "KAZ"),
        (number("One of three"), "MNG"),
        (number("China's security turn"), "AFG"),
        (number("A Central Asian format"), "UZB"),
    ],
)
def test_the_map_is_really_drawn_in_the_slides_state(qapp, exported, page, country):
    image = _render(exported[0], page - 1)
    w, h = image.width(), image.height()
    map_area = (int(w * 0.53), int(h * 0.08), int(w * 0.97), int(h * 0.9))
    text_area = (int(w * 0.03), int(h * 0.3), int(w * 0.48), int(h * 0.9))
    # A highlighted country is filled with its group's colour at 85% opacity.
    colour = DECK.countries.color(country)
    shade = QColor(colour)
    muted = QColor("#e4e0d6").getRgbF()[:3]
    mixed = QColor.fromRgbF(*(0.85 * c + 0.15 * m for c, m in zip(shade.getRgbF()[:3], muted, strict=True)))
    assert _count_colour(image, mixed.name(), map_area) > 50, f"{country} is filled in the map on page {page}"
    assert _count_colour(image, mixed.name(), text_area) == 0


def images(reader):
    """The pictures a PDF holds (its image objects), each counted once however often it is shown."""
    found = set()
    for page in reader.pages:
        for ref in (page["/Resources"].get("/XObject") or {}).values():
            if ref.get_object().get("/Subtype") == "/Image":
                found.add(ref.idnum)
    return found


def test_the_maps_are_vector_drawing_whose_words_are_text(exported):
    reader = PdfReader(str(exported[0]))
    assert images(reader) == set(), "no picture in the lecture's PDF: every map is drawn as paths and text"
    # Words only the map of "China's security turn" has: a place's name, the legend's, the credit's.
    text = words(reader.pages[number("China's security turn") - 1].extract_text())
    for name in ("Dushanbe", "Tajikistan", "Afghanistan", "Pakistan", "Shared land border", "Natural Earth"):
        assert name in text
    assert exported[0].stat().st_size <= 1_500_000, "the bundled lecture's handout is small"


def test_the_text_has_plain_letters_where_fonts_have_ligatures(exported):
    text = "".join(page.extract_text() for page in PdfReader(str(exported[0])).pages)
    assert [c for c in text if "\ufb00" <= c <= "\ufb06"] == []  # ﬀ ﬁ ﬂ ﬃ ﬄ ﬅ ﬆ
    assert "flexible" in text and "flour" in text and "Afghan" in text


def test_a_picture_on_many_slides_is_stored_once(qtbot, tmp_path):
    from PySide6.QtGui import QImage

    from kzviewer.deck.parser import load_deck

    picture = QImage(400, 300, QImage.Format.Format_RGB32)
    for y in range(300):
        for x in range(400):
            picture.setPixel(x, y, (x * 7919 + y * 104729) % 0xFFFFFF)  # noise: it does not compress away
    picture.save(str(tmp_path / "map.png"))
    size = (tmp_path / "map.png").stat().st_size
    slides = "\n---\n".join(f"# Slide {n}\n\n![The region]({'map.png'})\n" for n in range(1, 13))
    (tmp_path / "deck.md").write_text(f"---\ntitle: Pictures\n---\n{slides}")
    out = tmp_path / "out.pdf"
    assert run_export(qtbot, out, deck=load_deck(tmp_path / "deck.md")) == {"finished": str(out)}
    reader = PdfReader(str(out))
    assert len(reader.pages) == 12 and len(images(reader)) == 1
    assert out.stat().st_size < 3 * size + 1_000_000


def test_notes_pages_follow_each_slide(qtbot, with_notes):
    outcome = run_export(qtbot, with_notes, notes=True)
    assert outcome == {"finished": str(with_notes)}
    reader = PdfReader(str(with_notes))
    assert len(reader.pages) == 2 * COUNT
    for slide in DECK.slides:
        slide_page, notes_page = reader.pages[2 * slide.number - 2], reader.pages[2 * slide.number - 1]
        assert words(slide.title) in words(slide_page.extract_text())
        first_sentence = words(slide.notes).split(". ")[0][:60]
        assert first_sentence in words(notes_page.extract_text()), slide.number
    assert [reader.get_destination_page_number(i) for i in reader.outline] == list(range(0, 2 * COUNT, 2))


def test_an_unwritable_place_exits_1_and_leaves_nothing(tmp_path):
    blocked = tmp_path / "blocked"
    blocked.write_text("a file where the folder should be")
    out = blocked / "lecture.pdf"
    result = subprocess.run(
        [sys.executable, "-m", "kzviewer", "export", "-o", str(out)], capture_output=True, text=True, timeout=120
    )
    assert result.returncode == 1
    assert f"kzviewer: {out}: cannot write the PDF" in result.stderr
    assert "Traceback" not in result.stderr
    assert sorted(p.name for p in tmp_path.iterdir()) == ["blocked"]


def test_a_deck_with_problems_is_not_exported(tmp_path):
    deck = tmp_path / "deck.md"
    deck.write_text("---\ntitle: T\n---\n# S\n```map\nfit: [KAX]\n```\n")
    out = tmp_path / "out.pdf"
    result = subprocess.run(
        [sys.executable, "-m", "kzviewer", "export", str(deck), "-o", str(out)],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 1
    assert f"{deck}:6: unknown country code 'KAX'" in result.stderr
    assert not out.exists()


def test_cancelling_leaves_nothing(qtbot, tmp_path):
    out = tmp_path / "lecture.pdf"
    outcome = run_export(qtbot, out, on_progress=lambda job, done: job.cancel() if done == 3 else None)
    assert outcome == {"failed": f"{out}: the export was cancelled; no file was written"}
    assert list(tmp_path.iterdir()) == []


def test_a_cancelled_exports_map_is_let_go_not_loaded_again(qtbot, tmp_path, caplog):
    loads = []

    def cancel(job, done):
        if done == 3:
            job._view.loadStarted.connect(lambda: loads.append("again"))
            job.cancel()

    run_export(qtbot, tmp_path / "lecture.pdf", on_progress=cancel)
    qtbot.wait(1500)  # its render process ends as its page goes
    assert loads == [] and "loading the map again" not in caplog.text


def test_a_map_page_that_dies_mid_export_is_loaded_again_and_the_export_goes_on(qtbot, tmp_path):
    killed = []

    def kill(job, done):
        if done == 3 and not killed:
            killed.append(job._view.page().renderProcessPid())
            os.kill(killed[0], signal.SIGKILL)

    out = tmp_path / "lecture.pdf"
    assert run_export(qtbot, out, on_progress=kill) == {"finished": str(out)}
    reader = PdfReader(str(out))
    assert killed and len(reader.pages) == COUNT
    for page_number, page in enumerate(reader.pages, 1):
        assert words(TITLES[page_number - 1]) in words(page.extract_text()), f"page {page_number}"


def test_a_full_disk_while_writing_leaves_nothing(qtbot, tmp_path, monkeypatch):
    def disk_full(drawn, output, deck, notes):
        output.write_bytes(b"%PDF-1.7 half")
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    monkeypatch.setattr(export_module, "add_outline_and_metadata", disk_full)
    out = tmp_path / "lecture.pdf"
    outcome = run_export(qtbot, out)
    assert outcome == {"failed": f"{out}: cannot write the PDF (the disk holding {tmp_path} is full)"}
    assert list(tmp_path.iterdir()) == []


def test_file_export_pdf_in_the_window(qtbot, window, tmp_path, monkeypatch):
    from PySide6.QtWidgets import QFileDialog, QProgressDialog

    out = tmp_path / "from-the-window"  # the .pdf is added
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *args: (str(out), "PDF (*.pdf)"))
    window.export_pdf(notes=False)
    job = window.export_job
    dialog = window.findChild(QProgressDialog)
    assert dialog is not None and dialog.maximum() == COUNT
    qtbot.waitUntil(lambda: job.done, timeout=120_000)
    assert (tmp_path / "from-the-window.pdf").exists()
    assert len(PdfReader(str(tmp_path / "from-the-window.pdf")).pages) == COUNT
    assert window.statusBar().currentMessage() == f"Exported {tmp_path / 'from-the-window.pdf'}"


def test_closing_the_window_mid_export_leaves_nothing(qtbot, window, tmp_path, monkeypatch):
    from PySide6.QtWidgets import QFileDialog

    out = tmp_path / "lecture.pdf"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *args: (str(out), "PDF (*.pdf)"))
    window.export_pdf(notes=False)
    job, pages = window.export_job, []
    job.progress.connect(lambda done, total: pages.append(done))
    qtbot.waitUntil(lambda: len(pages) >= 2, timeout=60_000)
    assert list(tmp_path.iterdir()), "the export's files, being written beside the PDF"
    window.close()
    assert job.done and job.cancelled
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize("signum", [signal.SIGINT, signal.SIGTERM])
def test_ctrl_c_or_sigterm_stops_an_export_and_leaves_nothing(tmp_path, signum):
    out_dir, temp = tmp_path / "out", tmp_path / "tmp"
    out_dir.mkdir()
    temp.mkdir()
    env = {k: v for k, v in os.environ.items() if k not in ("DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM")}
    env["TMPDIR"] = str(temp)
    proc = subprocess.Popen(
        [sys.executable, "-m", "kzviewer", "export", "-o", str(out_dir / "lecture.pdf")],
        env=env,
        stderr=subprocess.PIPE,
        text=True,
    )
    assert proc.stderr is not None
    for line in proc.stderr:
        if "exporting slide 2 of" in line:
            break
    started = time.monotonic()
    proc.send_signal(signum)
    rest = proc.communicate(timeout=30)[1]
    assert time.monotonic() - started < 5, "stopped within seconds"
    assert proc.returncode == 128 + signum
    assert "the export was stopped; no file was written" in rest and "Traceback" not in rest
    assert list(out_dir.iterdir()) == []
    assert [p.name for p in temp.iterdir() if p.name.startswith("kzviewer-export-")] == []


def test_the_handout_keeps_only_links_to_the_web_and_to_mail(tmp_path):
    deck = tmp_path / "deck.md"
    links = "[a](smb://127.0.0.1/share) [b](../../../../etc/passwd) [c](/etc/passwd) [d](https://example.org/x)"
    deck.write_text(f"---\ntitle: T\n---\n# Links\n\n{links}\n\nNote:\n{links} [e](mailto:a@example.org)\n")
    out = tmp_path / "out.pdf"
    result = subprocess.run(
        [sys.executable, "-m", "kzviewer", "export", str(deck), "-o", str(out), "--notes"],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr[-2000:]
    targets = []
    for page in PdfReader(str(out)).pages:
        for annotation in page.get("/Annots") or []:
            action = annotation.get_object().get("/A") or {}
            targets.append(str(action.get("/URI") or action.get("/F") or action))
    # The slide's page, the slide again on its notes page, the notes themselves.
    assert sorted(targets) == ["https://example.org/x"] * 3 + ["mailto:a@example.org"]
    text = words(PdfReader(str(out)).pages[0].extract_text())
    assert "a b c d" in text, "the text of a refused link stays"


@pytest.fixture
def full_disk(tmp_path):
    """A folder on a 300 KB file system of its own (a tmpfs, if this machine lets us mount one)."""
    folder = tmp_path / "small"
    folder.mkdir()
    mounted = subprocess.run(["mount", "-t", "tmpfs", "-o", "size=300k", "tmpfs", str(folder)], capture_output=True)
    if mounted.returncode != 0:
        pytest.skip("cannot mount a small file system here")
    yield folder
    subprocess.run(["umount", str(folder)], check=False)


def test_a_disk_that_fills_up_is_named_and_left_clean(full_disk):
    out = full_disk / "lecture.pdf"
    result = subprocess.run(
        [sys.executable, "-m", "kzviewer", "export", "-o", str(out)], capture_output=True, text=True, timeout=300
    )
    assert result.returncode == 1
    assert result.stderr.strip().endswith(
        f"kzviewer: {out}: cannot write the PDF (the disk holding {full_disk} is full)"
    )
    assert list(full_disk.iterdir()) == []


def test_the_russian_lecture_exports_with_searchable_russian_text_and_its_fonts_embedded(tmp_path):
    """The deck's lang: ru chooses the language of the export's own words, too."""
    from kzviewer import resources

    out = tmp_path / "лекция.pdf"
    env = {k: v for k, v in os.environ.items() if k not in ("DISPLAY", "WAYLAND_DISPLAY", "LANGUAGE", "LANG")}
    result = subprocess.run(
        [sys.executable, "-m", "kzviewer", "export", "--notes", str(resources.slides_dir() / "kazakhstan.ru.md")]
        + ["-o", str(out)],
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.returncode == 0, result.stderr[-3000:]
    assert "записан файл" in result.stderr  # the command's own words in Russian
    reader = PdfReader(out)
    text = [words(page.extract_text()) for page in reader.pages]
    assert len(text) == 2 * COUNT
    assert "Чему Казахстан может научить" in text[0]
    assert any("«Тыңдау»" in page for page in text[1::2]), "the Kazakh letter ң in a note"
    for page in reader.pages[:2]:
        for font in page["/Resources"]["/Font"].values():
            font = font.get_object()
            descriptor = font.get("/FontDescriptor") or font["/DescendantFonts"][0].get_object()["/FontDescriptor"]
            assert {"/FontFile", "/FontFile2", "/FontFile3"} & set(descriptor.get_object()), font["/BaseFont"]
