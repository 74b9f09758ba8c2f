"""Reading only what a deck may touch, and writing files whole or not at all.

A deck can be anything: its files are opened only if they are regular files
inside the deck's folder (after resolving links) and under a size cap, so a
FIFO, a device, ``/dev/zero`` or a huge sparse file is refused before a byte
of it is read, never hangs or floods the app.
"""

from __future__ import annotations

import hashlib
import os
import stat
import tempfile
from collections.abc import Collection, Iterable
from pathlib import Path

from kzviewer.i18n import _, format_number

MB = 1_000_000
DECK_CAP = 50 * MB  # a deck, and its countries file
IMAGE_CAP = 50 * MB


class FileRefused(Exception):
    """A file a deck names that kzviewer will not read; the message says why."""


# Never wait on a FIFO (Unix); no newline translation (Windows, which has no O_NONBLOCK).
_READ_FLAGS = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_CLOEXEC", 0) | getattr(os, "O_BINARY", 0)


def read_inside(path: Path, folder: Path | None, cap: int, what: str, head: int | None = None) -> bytes:
    """The bytes of ``path`` if it is a regular file inside ``folder`` (any
    folder if None) of at most ``cap`` bytes; else FileRefused saying why.
    With ``head``, only that many bytes from its start.

    ``what`` names the file in messages, translated: "the deck", "image 'a.png'".  The file is
    opened without blocking and checked before anything is read: a FIFO does
    not hang, a device does not stream, a file larger than the cap is not read.
    """
    try:
        resolved = path.resolve()
    except (OSError, RuntimeError) as err:  # a loop of links
        # TRANSLATORS: {what} names the file: "the deck", "the countries file 'c.yaml'", "image 'a.png'"
        raise FileRefused(_("{what} cannot be found ({why})").format(what=what, why=err)) from None
    if folder is not None and not resolved.is_relative_to(folder.resolve()):
        # TRANSLATORS: {what} names the file: "the deck", "the countries file 'c.yaml'", "image 'a.png'"
        raise FileRefused(_("{what} is outside the deck's folder").format(what=what))
    try:
        fd = os.open(resolved, _READ_FLAGS)
    except FileNotFoundError:
        # TRANSLATORS: {what} names the file: "the deck", "the countries file 'c.yaml'", "image 'a.png'"
        raise FileRefused(_("{what} is missing").format(what=what)) from None
    except IsADirectoryError:
        # TRANSLATORS: {what} names the file: "the deck", "the countries file 'c.yaml'", "image 'a.png'"
        raise FileRefused(_("{what} is a folder, not a file").format(what=what)) from None
    except OSError as err:
        # TRANSLATORS: {what} names the file: "the deck", "the countries file 'c.yaml'", "image 'a.png'"
        raise FileRefused(_("{what} cannot be read ({why})").format(what=what, why=err.strerror)) from None
    try:
        mode = os.fstat(fd)
        if stat.S_ISDIR(mode.st_mode):
            raise FileRefused(_("{what} is a folder, not a file").format(what=what))
        if not stat.S_ISREG(mode.st_mode):
            raise FileRefused(
                _("{what} is not a regular file (a device, a pipe or a socket), so it is not read").format(what=what)
            )
        if mode.st_size > cap:
            raise FileRefused(
                _("{what} is {size} MB; at most {cap} MB is read").format(
                    what=what, size=format_number(mode.st_size / MB), cap=format_number(cap // MB)
                )
            )
        with os.fdopen(os.dup(fd), "rb") as handle:
            data = handle.read(cap + 1 if head is None else min(head, cap))
    except OSError as err:
        raise FileRefused(_("{what} cannot be read ({why})").format(what=what, why=err.strerror)) from None
    finally:
        os.close(fd)
    if len(data) > cap:  # it grew while being read
        raise FileRefused(
            # TRANSLATORS: {what} names the file: "the deck", "the countries file 'c.yaml'", "image 'a.png'"
            _("{what} is larger than {cap} MB; at most that is read").format(what=what, cap=format_number(cap // MB))
        )
    return data


def check_output(output: Path, inputs: Iterable[Path]) -> None:
    """Refuse (FileRefused) an output that would destroy something: one in a
    folder that is not there, one that exists but is no regular file (a
    device, a link, a folder), or one of the command's own ``inputs``."""
    if not output.parent.is_dir():
        raise FileRefused(_("the folder {folder} does not exist").format(folder=output.parent))
    if output.is_symlink() or (output.exists() and not output.is_file()):
        # TRANSLATORS: said of the output, named before: "out.pdf: cannot write the PDF: is not a regular file; …"
        raise FileRefused(_("is not a regular file; kzviewer writes only to a regular file or a new path"))
    target = output.resolve()
    if any(target == path.resolve() for path in inputs):
        # TRANSLATORS: said of the output, named before: "out.pdf: cannot write the PDF: is one of the files …"
        raise FileRefused(_("is one of the files this command reads; choose another name for what it writes"))


def temporary_beside(path: Path) -> Path:
    """A new empty file next to ``path``, to be renamed over it when complete.

    It gets the permissions a plain new file would (mkstemp's are private).
    """
    fd, name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".part", dir=path.parent)
    os.close(fd)
    mask = os.umask(0)
    os.umask(mask)
    os.chmod(name, 0o666 & ~mask)
    return Path(name)


def write_atomic(path: Path, data: str | bytes) -> None:
    """Write ``data`` (text as UTF-8) to ``path`` (in a folder that exists)
    so that the file appears only when complete."""
    part = temporary_beside(path)
    try:
        if isinstance(data, bytes):
            part.write_bytes(data)
        else:
            part.write_text(data, encoding="utf-8")
        os.replace(part, path)
    except BaseException:
        part.unlink(missing_ok=True)
        raise


def state_dir() -> Path:
    """The user's state folder for kzviewer (the log, in kzviewer.logs, is kept there too)."""
    import platformdirs

    return Path(platformdirs.user_state_dir("kzviewer"))


def path_key(path: Path) -> str:
    """A short name for a file's place, to name what is kept about it elsewhere."""
    return hashlib.sha256(str(path.resolve()).encode()).hexdigest()[:20]


def split_lines(text: str) -> list[str]:
    """The lines of a text as an editor numbers them: split at \\n (and \\r\\n)
    only, not at the form feeds and Unicode separators ``str.splitlines`` knows."""
    lines = text.split("\n")
    if lines and lines[-1] == "":
        lines.pop()
    return [line[:-1] if line.endswith("\r") else line for line in lines]


def trim_folder(folder: Path, pattern: str, cap: int, keep: Collection[str] = ()) -> None:
    """Delete the files of ``folder`` matching ``pattern``, the least lately
    written (or touched) first, until they hold at most ``cap`` bytes; the
    files named in ``keep`` stay."""
    files = []
    for path in folder.glob(pattern):
        try:
            status = path.stat()
        except OSError:
            continue
        files.append((status.st_mtime, status.st_size, path))
    total = sum(size for _mtime, size, _path in files)
    for _mtime, size, path in sorted(files):
        if total <= cap:
            break
        if path.name in keep:
            continue
        try:
            path.unlink(missing_ok=True)
        except OSError:  # another process's, or not ours to delete: the next trim tries again
            continue
        total -= size


def cache_dir() -> Path:
    """kzviewer's cache folder: KZVIEWER_CACHE_DIR, else the user's (~/.cache/kzviewer on Linux)."""
    import platformdirs

    return Path(os.environ.get("KZVIEWER_CACHE_DIR") or platformdirs.user_cache_dir("kzviewer"))
