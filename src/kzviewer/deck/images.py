"""A deck's pictures: what kind they are, how big they decode, and what an SVG refers to.

Both ``kzviewer check`` (the deck parser) and the slides' documents in the
window and the PDF read pictures only through :func:`read_image`, so what
check accepts is what the app shows, and what it refuses is never opened.
"""

from __future__ import annotations

import re
import struct
from pathlib import Path

from kzviewer.files import IMAGE_CAP, FileRefused, read_inside
from kzviewer.i18n import _, format_number

MAX_PIXELS = 100_000_000
HEAD = 256_000  # enough of a picture to find its size (a JPEG's may follow a large EXIF block)

_SVG_START = re.compile(
    rb"^\s*(<\?xml[^>]*>\s*)?(<!--.*?-->\s*)*(<!DOCTYPE[^>\[]*(\[.*?\])?\s*>\s*)?(<!--.*?-->\s*)*<svg[\s>]", re.DOTALL
)
# An attribute naming another resource, or a CSS url() or @import.
_SVG_REFERENCE = re.compile(r"""(?:href\s*=\s*["']([^"']*)["'])|(?:url\(\s*["']?([^"')]*))|(@import)""", re.I)


def read_image(path: Path, folder: Path, whole: bool = True, what: str | None = None) -> bytes:
    """The bytes of a picture inside ``folder`` that kzviewer can show safely;
    FileRefused (why not) for anything else.  Unless ``whole``, only as much of
    a raster picture as it takes to check it (an SVG is always read whole).

    ``what`` names the picture in messages, translated (default: "the image").
    """
    # TRANSLATORS: names a picture in messages: "the image is a folder, not a file"
    what = what or _("the image")
    data = read_inside(path, folder, IMAGE_CAP, what, None if whole else HEAD)
    kind = kind_of(data)
    if kind == "svg" and not whole:
        data = read_inside(path, folder, IMAGE_CAP, what)
    if kind is None:
        raise FileRefused(
            # TRANSLATORS: {what} names the picture: "image 'a.png'" (or "the image")
            _("{what} is not a picture kzviewer can show (PNG, JPEG, GIF, WebP, BMP or SVG)").format(what=what)
        )
    if kind == "svg":
        _check_svg(data, what)
        return data
    size = pixel_size(kind, data)
    if size is not None and size[0] * size[1] > MAX_PIXELS:
        raise FileRefused(
            # TRANSLATORS: {what} names the picture: "image 'a.png'" (or "the image")
            _("{what} is {width} × {height} pixels; a picture may have at most {most} megapixels").format(
                what=what, width=format_number(size[0]), height=format_number(size[1]), most=MAX_PIXELS // 1_000_000
            )
        )
    return data


def kind_of(data: bytes) -> str | None:
    """ "png", "jpeg", "gif", "webp", "bmp" or "svg" by the file's first bytes, else None."""
    if data.startswith(b"\x89PNG\r\n\x1a\n"):
        return "png"
    if data.startswith(b"\xff\xd8\xff"):
        return "jpeg"
    if data.startswith((b"GIF87a", b"GIF89a")):
        return "gif"
    if data[:4] == b"RIFF" and data[8:12] == b"WEBP":
        return "webp"
    if data.startswith(b"BM"):
        return "bmp"
    if _SVG_START.match(data[:4096].lstrip(b"\xef\xbb\xbf")):
        return "svg"
    return None


def pixel_size(kind: str, data: bytes) -> tuple[int, int] | None:
    """(width, height) from a picture's header, or None where it cannot be read."""
    try:
        if kind == "png" and data[12:16] == b"IHDR":
            width, height = struct.unpack(">II", data[16:24])
            return width, height
        if kind == "gif":
            width, height = struct.unpack("<HH", data[6:10])
            return width, height
        if kind == "bmp":
            width, height = struct.unpack("<ii", data[18:26])
            return abs(width), abs(height)
        if kind == "webp":
            return _webp_size(data)
        if kind == "jpeg":
            return _jpeg_size(data)
    except struct.error:
        return None
    return None


def _webp_size(data: bytes) -> tuple[int, int] | None:
    chunk = data[12:16]
    if chunk == b"VP8X":
        width = int.from_bytes(data[24:27], "little") + 1
        height = int.from_bytes(data[27:30], "little") + 1
        return width, height
    if chunk == b"VP8L":
        bits = int.from_bytes(data[21:25], "little")
        return (bits & 0x3FFF) + 1, ((bits >> 14) & 0x3FFF) + 1
    if chunk == b"VP8 ":
        width, height = struct.unpack("<HH", data[26:30])
        return width & 0x3FFF, height & 0x3FFF
    return None


def _jpeg_size(data: bytes) -> tuple[int, int] | None:
    """The frame size from the first start-of-frame marker."""
    at = 2
    while at + 9 < len(data):
        if data[at] != 0xFF:
            return None
        marker = data[at + 1]
        if marker in (0xD8, 0x01) or 0xD0 <= marker <= 0xD7:  # no length
            at += 2
            continue
        (length,) = struct.unpack(">H", data[at + 2 : at + 4])
        if 0xC0 <= marker <= 0xCF and marker not in (0xC4, 0xC8, 0xCC):
            height, width = struct.unpack(">HH", data[at + 5 : at + 9])
            return width, height
        at += 2 + length
    return None


def _check_svg(data: bytes, what: str) -> None:
    """An SVG is shown only if everything it draws is inside it: references to
    other files (which could be a FIFO, a device or a file outside the deck's
    folder) and entity declarations are refused."""
    text = data.decode("utf-8", errors="replace")
    if "<!ENTITY" in text:
        # TRANSLATORS: {what} names the picture: "image 'a.png'" (or "the image")
        raise FileRefused(_("{what} declares entities; kzviewer shows SVGs without them").format(what=what))
    for match in _SVG_REFERENCE.finditer(text):
        href, url, imported = match.groups()
        target = (href if href is not None else url or "").strip()
        if imported or not (target.startswith("#") or target.startswith("data:")):
            shown = "@import" if imported else target[:80]
            raise FileRefused(
                # TRANSLATORS: {what} names the picture: "image 'a.png'" (or "the image")
                _(
                    "{what} refers to another file ({reference!r}); kzviewer shows an SVG only "
                    "when its pictures are embedded in it"
                ).format(what=what, reference=shown)
            )
