"""Drawing a slide: laid out once at a reference size, painted at any size.

A slide is laid out on a 1600 x 900 canvas (16:9) with Qt's rich text engine
and painted scaled into whatever rectangle it is given: the slide pane, the
presenter console, an overview thumbnail or a PDF page.  Text that would not
fit is made smaller until it does, so nothing ever overflows or clips.
"""

from __future__ import annotations

import hashlib
import logging
from collections import OrderedDict
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QObject, QPointF, QRectF, Qt, QUrl
from PySide6.QtGui import (
    QAbstractTextDocumentLayout,
    QColor,
    QFont,
    QImage,
    QImageReader,
    QPainter,
    QTextDocument,
    QTextOption,
)

from kzviewer.deck.images import MAX_PIXELS, read_image
from kzviewer.deck.model import Deck, Slide
from kzviewer.files import FileRefused

log = logging.getLogger(__name__)
MapPainter = Callable[[QPainter, QRectF], None]  # paints a map into a box
DECODED_MB = MAX_PIXELS * 4 // 1_000_000 + 50  # the largest picture allowed, as 32-bit pixels

WIDTH, HEIGHT = 1600.0, 900.0
MARGIN = 84.0
FOOTER = 64.0
FONT_FAMILIES = ["Noto Sans", "DejaVu Sans", "Segoe UI", "Helvetica Neue", "Arial", "sans-serif"]
INK = "#1d2733"
ACCENT = "#0072B2"
MUTED = "#6b7280"
BODY_PX = 42.0
TITLE_PX = 62.0
SMALLEST = 0.45  # of the normal text size, before the whole body is scaled down
MAP_LEFT = 820.0  # where the map column starts, on pages that have one
GUTTER = 36.0
NO_LIGATURES = ("liga", "clig")  # OpenType features turned off

STYLE = """
body {{ color: {ink}; }}
p {{ margin-top: 0px; margin-bottom: {gap}px; }}
ul, ol {{ margin-top: 0px; margin-bottom: {gap}px; -qt-list-indent: 1; }}
ul ul, ol ul, ul ol, ol ol {{ -qt-list-indent: 2; margin-bottom: 0px; }}
ul ul ul, ol ul ul, ul ol ul, ul ul ol {{ -qt-list-indent: 3; }}
li {{ margin-bottom: {half}px; }}
h1, h2, h3, h4 {{ color: {ink}; margin-top: {half}px; margin-bottom: {half}px; }}
a {{ color: #0b5ea8; text-decoration: underline; }}
code, pre {{ font-family: "DejaVu Sans Mono", "Noto Sans Mono", monospace; }}
pre {{ background-color: #f1f3f5; }}
table {{ border-collapse: collapse; margin-bottom: {gap}px; }}
th {{ background-color: #e8eef4; font-weight: bold; }}
th, td {{ border: 1px solid #9aa5b1; padding: 6px 14px; }}
blockquote {{ color: #374151; margin-left: 24px; font-style: italic; }}
"""


def letterbox(outer: QRectF) -> QRectF:
    """Where a slide goes in ``outer``: the largest 16:9 rectangle, centred."""
    scale = min(outer.width() / WIDTH, outer.height() / HEIGHT)
    width, height = WIDTH * scale, HEIGHT * scale
    return QRectF(outer.center().x() - width / 2, outer.center().y() - height / 2, width, height)


def slide_font(pixels: float, bold: bool = False) -> QFont:
    """The slides' type, with no ligatures: in a PDF, an "ﬂ" or an "ﬁ" in
    the text is not found by a search for "fl" or "fi", nor copied as them."""
    font = QFont()
    font.setFamilies(FONT_FAMILIES)
    font.setPixelSize(max(1, round(pixels)))
    font.setBold(bold)
    for feature in NO_LIGATURES:
        font.setFeature(QFont.Tag(feature), 0)
    return font


_refused: set[QUrl] = set()


def load_image(url: QUrl, folder: Path | None) -> QImage | None:
    """A picture a slide or its notes show, or None.

    Read only through ``deck.images.read_image``: a regular file inside the
    deck's folder, under the size caps, an SVG only if it refers to no other
    file; anything else is refused (and logged), never opened.
    """
    if folder is None:
        return None
    if url.isRelative():
        url = QUrl.fromLocalFile(str(folder) + "/").resolved(url)
    if not url.isLocalFile():
        return None
    try:
        data = read_image(Path(url.toLocalFile()), folder)
    except FileRefused as refused:
        if url not in _refused:  # Qt asks again at each layout
            _refused.add(url)
            log.warning("%s: %s", url.toLocalFile(), refused)
        return None
    return _decoded(data)


_images: OrderedDict[bytes, QImage] = OrderedDict()  # by the digest of their bytes, the latest used last
IMAGES_KEPT_MB = 256


def _decoded(data: bytes) -> QImage | None:
    """The picture in ``data``, decoded once for as long as it is kept.

    The same bytes give back the very same QImage: a picture on many slides is
    decoded once, and stored once in a PDF (Qt's PDF writer keeps one copy of
    each QImage it is given, however often it is drawn).
    """
    key = hashlib.blake2b(data, digest_size=16).digest()
    image = _images.get(key)
    if image is not None:
        _images.move_to_end(key)
        return image
    if QImageReader.allocationLimit() < DECODED_MB:  # Qt's own default would refuse some allowed pictures
        QImageReader.setAllocationLimit(DECODED_MB)
    image = QImage.fromData(data)
    if image.isNull():
        return None
    _images[key] = image
    while sum(kept.sizeInBytes() for kept in _images.values()) > IMAGES_KEPT_MB * 1_000_000 and len(_images) > 1:
        _images.popitem(last=False)
    return image


class SlideDocument(QTextDocument):
    """A QTextDocument that shows pictures only as :func:`load_image` reads them.

    Its loadResource replaces QTextDocument's whole: Qt's own would read any
    local file a picture names (``/dev/zero`` included) when ours declines.
    """

    def __init__(self, folder: Path | None, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._folder: Path | None = None
        self.set_folder(folder)

    def set_folder(self, folder: Path | None) -> None:
        """The deck's folder, where its pictures are (None: no pictures)."""
        self._folder = folder.resolve() if folder else None
        self.setBaseUrl(QUrl.fromLocalFile(str(self._folder) + "/") if self._folder else QUrl())

    def loadResource(self, kind: int, url: QUrl | str) -> object:
        if kind in (QTextDocument.ResourceType.ImageResource.value, QTextDocument.ResourceType.ImageResource):
            return load_image(QUrl(url), self._folder)
        return None  # style sheets and the like: a slide has none of its own


class SlideLayout:
    """One slide laid out on the reference canvas, ready to paint at any size.

    With ``with_map`` the text keeps to the left column and the right column
    is left for a picture of the slide's map (the PDF pages).
    """

    def __init__(self, slide: Slide, deck: Deck, with_map: bool = False) -> None:
        self.slide = slide
        self.deck = deck
        self.title_slide = slide.number == 1
        self.text_width = (MAP_LEFT - GUTTER - MARGIN) if with_map else WIDTH - 2 * MARGIN
        self.map_box = (
            QRectF(MAP_LEFT, MARGIN * 0.6, WIDTH - MAP_LEFT - MARGIN * 0.5, HEIGHT - FOOTER - MARGIN * 0.6 - 8)
            if with_map
            else None
        )
        folder = deck.path.parent if deck.path.name else None
        self.title = self._document(folder, TITLE_PX * (1.12 if self.title_slide else 1.0), bold=True)
        self.title.setPlainText(slide.title)
        self._fit_title()
        self.body = self._document(folder, BODY_PX)
        self.body_scale = 1.0
        self._fit_body()

    # -- layout ---------------------------------------------------------------

    def _document(self, folder: Path | None, pixels: float, bold: bool = False) -> SlideDocument:
        doc = SlideDocument(folder)
        doc.setDocumentMargin(0)
        doc.setDefaultFont(slide_font(pixels, bold))
        doc.setTextWidth(self.text_width)
        doc.setDefaultTextOption(_text_option(centred=self.title_slide))
        return doc

    def _fit_title(self) -> None:
        pixels = self.title.defaultFont().pixelSize()
        # At most two lines of title: a longer one gets smaller.
        while self.title.size().height() > 2.5 * pixels * 1.2 and pixels > 30:
            pixels = int(pixels * 0.9)
            self.title.setDefaultFont(slide_font(pixels, bold=True))

    @property
    def title_height(self) -> float:
        return float(self.title.size().height())

    @property
    def body_box(self) -> QRectF:
        """Where the body goes on the reference canvas."""
        if self.title_slide:
            top = HEIGHT * 0.30 + self.title_height + 56
        else:
            top = MARGIN * 0.8 + self.title_height + 48
        return QRectF(MARGIN, top, self.text_width, HEIGHT - FOOTER - 24 - top)

    def _fit_body(self) -> None:
        self.body_scale = fit_html(self.body, self.slide.body_html, BODY_PX, self.body_box.height())

    # -- painting -------------------------------------------------------------

    def paint(self, painter: QPainter, target: QRectF, footer: bool = True, draw_map: MapPainter | None = None) -> None:
        """Paint the slide into ``target`` (any size; 16:9 fills it exactly),
        with ``draw_map`` painting the map into the map column if the layout has one."""
        painter.save()
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setRenderHint(QPainter.RenderHint.TextAntialiasing)
        painter.fillRect(target, QColor("white"))
        box = letterbox(target)
        painter.translate(box.topLeft())
        painter.scale(box.width() / WIDTH, box.width() / WIDTH)
        painter.setClipRect(QRectF(0, 0, WIDTH, HEIGHT))

        title_top = HEIGHT * 0.30 if self.title_slide else MARGIN * 0.8
        draw_document(painter, self.title, QPointF(MARGIN, title_top))
        rule_y = title_top + self.title_height + 18
        rule_x = MARGIN + (self.text_width - 160) / 2 if self.title_slide else MARGIN
        painter.fillRect(QRectF(rule_x, rule_y, 160, 7), QColor(ACCENT))

        box = self.body_box
        painter.save()
        painter.translate(box.topLeft())
        painter.scale(self.body_scale, self.body_scale)
        draw_document(painter, self.body, QPointF(0, 0))
        painter.restore()

        if self.map_box is not None and draw_map is not None:
            draw_map(painter, self.map_box)
            painter.setPen(QColor("#9aa5b1"))
            painter.drawRect(self.map_box)

        if footer:
            painter.setPen(QColor(MUTED))
            painter.setFont(slide_font(22))
            line = QRectF(MARGIN, HEIGHT - FOOTER, WIDTH - 2 * MARGIN, FOOTER - 20)
            painter.drawText(line, Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter, self.deck.title)
            painter.setFont(slide_font(24, bold=True))
            painter.drawText(
                line,
                Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter,
                f"{self.slide.number} / {len(self.deck.slides)}",
            )
        painter.restore()

    def anchor_at(self, target: QRectF, point: QPointF) -> str:
        """The link under ``point`` (widget coordinates) when painted into ``target``."""
        box = letterbox(target)
        canvas = (point - box.topLeft()) / (box.width() / WIDTH)
        box = self.body_box
        inside = (canvas - box.topLeft()) / self.body_scale
        return str(self.body.documentLayout().anchorAt(inside))


def fit_html(doc: QTextDocument, html: str, pixels: float, height: float) -> float:
    """Lay ``html`` out in ``doc`` in slide style, its text a tenth smaller at
    each try until it fits ``height`` or reaches SMALLEST of ``pixels``.

    Returns the scale at which to draw the document: 1, or less where even the
    smallest text is too tall (a very long slide is drawn smaller as a whole
    rather than cut).
    """
    size = pixels
    while True:
        doc.setDefaultFont(slide_font(size))
        doc.setDefaultStyleSheet(STYLE.format(ink=INK, gap=round(size * 0.45), half=round(size * 0.25)))
        doc.setHtml(html)
        if doc.size().height() <= height or size <= pixels * SMALLEST:
            break
        size *= 0.9
    laid_out = doc.size().height()
    return min(1.0, height / laid_out) if laid_out else 1.0


def draw_document(painter: QPainter, doc: QTextDocument, at: QPointF) -> None:
    painter.save()
    painter.translate(at)
    context = QAbstractTextDocumentLayout.PaintContext()
    context.palette.setColor(context.palette.ColorRole.Text, QColor(INK))
    doc.documentLayout().draw(painter, context)
    painter.restore()


def _text_option(centred: bool) -> QTextOption:
    option = QTextOption()
    if centred:
        option.setAlignment(Qt.AlignmentFlag.AlignHCenter)
    # A word longer than the line (a pasted URL, a prank) breaks rather than overflows.
    option.setWrapMode(QTextOption.WrapMode.WrapAtWordBoundaryOrAnywhere)
    return option
