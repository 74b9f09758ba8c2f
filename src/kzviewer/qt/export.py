"""Export a deck to PDF: one 16:9 page per slide with its map, optional notes pages
(and the window's way to the HTML handout, kzviewer.handout).

Each page is drawn with the same SlideLayout as the slide pane, so its text
is real, selectable text; the map beside it is vector drawing: the map page,
in a web view that is never shown on screen, is set to exactly that slide's
state and describes what it shows (web/drawing.js), which is painted beside
the text (qt/mapdrawing.py).  pypdf then adds the bookmarks and the metadata.  The file appears
only when it is complete: everything is written to temporary files beside it,
and renamed at the end.
"""

from __future__ import annotations

import errno
import importlib
import logging
import os
import shutil
import threading
from pathlib import Path
from typing import Any

from PySide6.QtCore import (
    QMarginsF,
    QObject,
    QPointF,
    QRectF,
    QSize,
    QSizeF,
    Qt,
    QTimer,
    QUrl,
    Signal,
)
from PySide6.QtGui import QColor, QPageSize, QPainter, QPdfWriter
from PySide6.QtWidgets import QFileDialog, QMainWindow, QProgressDialog

from kzviewer.deck.model import Deck, Slide
from kzviewer.errors import ExportError, KzError
from kzviewer.files import FileRefused, check_output, temporary_beside
from kzviewer.i18n import _, ngettext
from kzviewer.mapping.page import PageSpec, cached_page
from kzviewer.mapping.snapshot import MapSnapshot
from kzviewer.qt.dialogs import plain_label, warn
from kzviewer.qt.mapdrawing import MapPicture
from kzviewer.qt.mapview import MapMode, MapView, js_call
from kzviewer.qt.slides import HEIGHT, MARGIN, WIDTH, MapPainter, SlideDocument, SlideLayout, draw_document, fit_html

log = logging.getLogger(__name__)

PAGE = QPageSize(QSizeF(254.0, 142.875), QPageSize.Unit.Millimeter, "16:9")  # 10 in by 5.625 in
RESOLUTION = 300
ANSWER_WAIT_MS = 30_000  # for a slide's map: the page computes one in tens of milliseconds
FULL = 1_000_000  # free bytes under which a write that failed is put down to a full disk
NOTES_PX = 26.0  # speaker notes on their page, before they are made to fit


class PdfExport(QObject):
    """Renders a deck to ``output`` slide by slide, without blocking the event loop."""

    progress = Signal(int, int)  # slides done, slides in all
    finished = Signal(str)  # the PDF written
    failed = Signal(str)  # why nothing was written

    def __init__(self, deck: Deck, output: Path, notes: bool = False, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.deck = deck
        self.output = output
        self.notes = notes
        self.index = 0
        self.cancelled = False
        self.done = False
        self._painter: QPainter | None = None
        self._writer: QPdfWriter | None = None
        self._view: MapView | None = None
        self._drawn_pdf: Path | None = None
        self._final_part: Path | None = None
        self._maps: dict[str, MapPicture] = {}  # by the map's snapshot: slides that keep their map
        self._pending: int | None = None  # the slide whose map was asked for and not yet drawn
        self._generation = 0  # of the map page: a page that died owes answers that never count
        self._waiting = QTimer(self, singleShot=True, interval=ANSWER_WAIT_MS)
        self._waiting.timeout.connect(self._timed_out)

    # -- the steps ---------------------------------------------------------------

    def start(self) -> None:
        # pypdf (for the bookmarks, at the end) is imported while the map page loads.  Not a
        # daemon thread: an export that fails at once would exit with the import half done
        # (a crash in one exit of six, measured), where Python now waits for it to end.
        threading.Thread(target=importlib.import_module, args=("pypdf",)).start()
        try:
            self._prepare_files()
            layout = SlideLayout(self.deck.slides[0], self.deck, with_map=True)
            assert layout.map_box is not None
            view = self._view = MapView(mode=MapMode.PRINT)
            view.setAttribute(Qt.WidgetAttribute.WA_DontShowOnScreen)
            # One CSS pixel of the map per unit of the slide's canvas: the
            # names are as big beside the text as on the screen beside the slide.
            view.resize(QSize(round(layout.map_box.width()), round(layout.map_box.height())))
            view.bridge.ready.connect(self._resume)
            view.failed.connect(self._map_failed)
            view.show()
            view.load_page(QUrl.fromLocalFile(str(cached_page(PageSpec.for_deck(self.deck)))))
        except (OSError, KzError) as err:
            self._fail(err)

    def cancel(self) -> None:
        """Stop at once: nothing is left behind (failed says so)."""
        self.cancelled = True
        if self._painter is not None or self._view is not None:  # started
            self._fail(ExportError(_("the export was cancelled; no file was written"), self.output))

    def _prepare_files(self) -> None:
        if not self.deck.slides:
            raise ExportError(_("the deck has no slides to export"), self.deck.path)
        try:
            check_output(self.output, self.deck.files())
        except FileRefused as refused:
            raise ExportError(_("cannot write the PDF: {why}").format(why=refused), self.output) from None
        try:
            self._final_part = temporary_beside(self.output)
        except OSError as err:
            raise ExportError(_("cannot write the PDF ({why})").format(why=err.strerror), self.output) from None
        # Drawn beside the output too, not in $TMPDIR: one disk to fill, and
        # to tell of when it is full.
        self._drawn_pdf = temporary_beside(self.output)
        writer = self._writer = QPdfWriter(str(self._drawn_pdf))
        writer.setPageSize(PAGE)
        writer.setPageMargins(QMarginsF(0, 0, 0, 0))
        writer.setResolution(RESOLUTION)
        writer.setTitle(self.deck.title)
        writer.setCreator(f"kzviewer, from {self.deck.path.name}")
        self._painter = QPainter()
        if not self._painter.begin(writer):
            raise ExportError(_("cannot start drawing the PDF"), self.output)

    def _resume(self) -> None:
        """The map page is ready: the first time (ask for slide 1's map), or
        again after its render process died (ask again for the map owed)."""
        if self.done:
            return
        self._generation += 1
        self._ask(self._pending if self._pending is not None else 0)

    def _ask(self, index: int) -> None:
        """Ask the map page for slide ``index``'s map.  The answer comes while
        the slide before is being drawn: the page works on one map while
        Python draws the other (two processes, two cores)."""
        assert self._view is not None
        self._pending = index
        generation = self._generation
        call = js_call("kz.print.draw", MapSnapshot(self.deck.slides[index].map).to_json())
        if call in self._maps:  # drawn for an earlier slide: no need to ask
            QTimer.singleShot(0, lambda: self._drawn(index, call, None, generation))
        else:
            self._waiting.start()
            self._view.evaluate(call, lambda drawing: self._drawn(index, call, drawing, generation))

    def _drawn(self, index: int, call: str, drawing: Any, generation: int) -> None:
        if self.done or generation != self._generation:
            return
        self._waiting.stop()
        if self.cancelled:
            self._fail(ExportError(_("the export was cancelled; no file was written"), self.output))
            return
        try:
            if call not in self._maps:
                if not isinstance(drawing, dict):
                    self._timed_out()
                    return
                self._maps[call] = MapPicture(drawing)
            self._pending = None
            if index + 1 < len(self.deck.slides):
                self._ask(index + 1)
            self.index = index
            self._draw_pages(self.deck.slides[index], self._maps[call])
        except (OSError, ExportError) as err:
            self._fail(err)
            return
        except Exception as err:  # a bug must not leave the export hanging, nor files behind
            log.exception("drawing slide %s failed", index + 1)
            self._fail(ExportError(_("cannot write the PDF ({why})").format(why=err), self.output))
            return
        self.progress.emit(index + 1, len(self.deck.slides))
        if index + 1 == len(self.deck.slides) and not self.done:
            self._finish()

    def _timed_out(self) -> None:
        number = (self._pending or 0) + 1
        self._fail(ExportError(_("the map of slide {number} did not draw").format(number=number), self.output))

    def _map_failed(self) -> None:
        self._fail(ExportError(_("the map stopped working; no file was written"), self.output))

    def _draw_pages(self, slide: Slide, picture: MapPicture) -> None:
        assert self._painter is not None and self._writer is not None
        painter, page = self._painter, QRectF(self._painter.viewport())
        layout = SlideLayout(slide, self.deck, with_map=True)
        draw_map = picture.paint
        if self.index > 0 and not self._writer.newPage():
            raise self._not_written(None)
        layout.paint(painter, page, draw_map=draw_map)
        if self.notes:
            if not self._writer.newPage():
                raise self._not_written(None)
            _paint_notes_page(painter, page, layout, draw_map, slide)

    def _finish(self) -> None:
        assert self._painter is not None and self._drawn_pdf is not None and self._final_part is not None
        drawn = self._painter.end() and _complete(self._drawn_pdf)
        self._writer = None
        try:
            if not drawn:  # Qt does not say why a PDF it wrote is cut short: a full disk, mostly
                raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))
            add_outline_and_metadata(self._drawn_pdf, self._final_part, self.deck, self.notes)
            os.replace(self._final_part, self.output)
        except OSError as err:
            self._fail(self._not_written(err))
            return
        except Exception as err:  # pypdf's own errors: the drawn PDF was damaged
            log.exception("finishing the PDF failed")
            self._fail(ExportError(_("cannot finish the PDF ({why})").format(why=err), self.output))
            return
        self._cleanup()
        self.done = True
        self.finished.emit(str(self.output))

    def _not_written(self, err: OSError | None) -> ExportError:
        """Why the PDF could not be written: ``err``, or a failure Qt gives no
        reason for (None: a page it could not add), which is a full disk mostly."""
        if (err is not None and err.errno == errno.ENOSPC) or shutil.disk_usage(self.output.parent).free < FULL:
            why = _("the disk holding {folder} is full").format(folder=self.output.parent)
        elif err is None:
            return ExportError(_("cannot add a page to the PDF (is the disk full?)"), self.output)
        else:
            why = err.strerror or str(err)
        return ExportError(_("cannot write the PDF ({why})").format(why=why), self.output)

    def _fail(self, err: Exception) -> None:
        if self.done:
            return
        self.done = True
        self._waiting.stop()
        if self._painter is not None and self._painter.isActive():
            self._painter.end()
        self._writer = None
        if self._final_part is not None:
            self._final_part.unlink(missing_ok=True)
        self._cleanup()
        self.failed.emit(str(err))

    def _cleanup(self) -> None:
        if self._drawn_pdf is not None:
            self._drawn_pdf.unlink(missing_ok=True)
        if self._view is not None:
            self._view.close()
            self._view.deleteLater()
            self._view = None


def export_from_window(window: QMainWindow, deck: Deck, notes: bool) -> PdfExport | None:
    """File → Export PDF: ask where, then export with a progress dialog that can cancel."""
    suggested = deck.path.with_suffix(".notes.pdf" if notes else ".pdf")
    title = _("Export PDF")
    name, _filter = QFileDialog.getSaveFileName(window, title, str(suggested), "PDF (*.pdf)")
    if not name:
        return None
    output = Path(name) if name.lower().endswith(".pdf") else Path(name + ".pdf")
    job = PdfExport(deck, output, notes, window)
    dialog = _progress_dialog(window, title, len(deck.slides), output)
    dialog.canceled.connect(job.cancel)
    job.progress.connect(lambda done, total: dialog.setValue(done))

    def finished(path: str) -> None:
        dialog.reset()
        window.statusBar().showMessage(_("Exported {path}").format(path=path), 8000)

    def failed(message: str) -> None:
        dialog.reset()
        if not job.cancelled:
            warn(window, title, message)
        else:
            window.statusBar().showMessage(_("Export cancelled; no file was written."), 8000)

    job.finished.connect(finished)
    job.failed.connect(failed)
    dialog.show()
    job.start()
    return job


def _progress_dialog(window: QMainWindow, title: str, count: int, output: Path) -> QProgressDialog:
    """An export's progress, slide by slide, with a Cancel button; shown at once."""
    dialog = QProgressDialog("", _("Cancel"), 0, count, window)
    # TRANSLATORS: an export's progress; {name} is the file's name (a PDF, or an HTML handout)
    exporting = ngettext("Exporting {n} slide to {name}…", "Exporting {n} slides to {name}…", count)
    dialog.setLabel(plain_label(exporting.format(n=count, name=output.name)))
    dialog.setWindowTitle(title)
    dialog.setWindowModality(Qt.WindowModality.WindowModal)
    dialog.setMinimumDuration(0)
    return dialog


class _Cancelled(Exception):
    """The export's progress dialog was cancelled."""


def export_handout_from_window(window: QMainWindow, deck: Deck, notes: bool) -> Path | None:
    """File → Export HTML handout: ask where, then write it with a progress
    dialog that can cancel (nothing is written then).  Returns what was written."""
    from kzviewer.handout import export_handout

    title = _("Export HTML handout")
    suggested = deck.path.with_suffix(".notes.html" if notes else ".html")
    name, _filter = QFileDialog.getSaveFileName(window, title, str(suggested), "HTML (*.html)")
    if not name:
        return None
    output = Path(name) if name.lower().endswith((".html", ".htm")) else Path(name + ".html")
    dialog = _progress_dialog(window, title, len(deck.slides), output)

    def progress(done: int, total: int) -> None:
        dialog.setValue(done)  # a modal dialog's setValue lets its Cancel button be pressed
        if dialog.wasCanceled():
            raise _Cancelled

    try:
        export_handout(deck, output, notes, progress)
    except _Cancelled:
        window.statusBar().showMessage(_("Export cancelled; no file was written."), 8000)
        return None
    except KzError as err:
        warn(window, title, str(err))
        return None
    finally:
        dialog.reset()
    window.statusBar().showMessage(_("Exported {path}").format(path=output), 8000)
    return output


def _complete(pdf: Path) -> bool:
    """Whether a PDF file ends as a PDF does (a write cut short does not)."""
    try:
        with pdf.open("rb") as handle:
            handle.seek(max(0, pdf.stat().st_size - 1024))
            return b"%%EOF" in handle.read()
    except OSError:
        return False


def _paint_notes_page(painter: QPainter, page: QRectF, layout: SlideLayout, draw_map: MapPainter, slide: Slide) -> None:
    """The slide above, its speaker notes below, on a 16:9 page."""
    painter.save()
    painter.fillRect(page, QColor("white"))
    scale = page.width() / WIDTH
    slide_rect = QRectF(
        page.left() + page.width() * 0.2,
        page.top() + MARGIN * 0.4 * scale,
        page.width() * 0.6,
        page.width() * 0.6 * 9 / 16,
    )
    layout.paint(painter, slide_rect, draw_map=draw_map)
    painter.setPen(QColor("#9aa5b1"))
    painter.drawRect(slide_rect)

    notes = SlideDocument(layout.deck.path.parent)
    notes.setDocumentMargin(0)
    notes.setTextWidth(WIDTH - 2 * MARGIN)
    box_top = (slide_rect.bottom() - page.top()) / scale + 36
    box_height = HEIGHT - box_top - 40
    html = slide.notes_html if slide.notes else "<p><i>" + _("No notes for this slide.") + "</i></p>"
    fit = fit_html(notes, html, NOTES_PX, box_height)
    painter.translate(page.topLeft())
    painter.scale(scale, scale)
    painter.translate(MARGIN, box_top)
    painter.scale(fit, fit)
    draw_document(painter, notes, QPointF(0, 0))
    painter.restore()


def add_outline_and_metadata(drawn: Path, output: Path, deck: Deck, notes: bool) -> None:
    """Copy the drawn PDF to ``output`` with a bookmark per slide and the deck's metadata."""
    from pypdf import PdfReader, PdfWriter

    writer = PdfWriter(clone_from=PdfReader(str(drawn)))
    pages_per_slide = 2 if notes else 1
    for slide in deck.slides:
        writer.add_outline_item(
            # TRANSLATORS: a PDF bookmark for a slide without a title
            title=slide.title or _("Slide {number}").format(number=slide.number),
            page_number=(slide.number - 1) * pages_per_slide,
        )
    metadata = {"/Title": deck.title, "/Creator": "kzviewer", "/Producer": "kzviewer with Qt and pypdf"}
    if deck.author:
        metadata["/Author"] = deck.author
    if deck.subtitle:
        metadata["/Subject"] = deck.subtitle
    writer.add_metadata(metadata)
    writer.page_mode = "/UseOutlines"
    with open(output, "wb") as handle:
        writer.write(handle)
