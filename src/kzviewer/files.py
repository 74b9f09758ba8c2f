"""Writing files whole or not at all."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path


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


def write_atomic(path: Path, text: str) -> None:
    """Write ``text`` to ``path`` so that the file appears only when complete."""
    path.parent.mkdir(parents=True, exist_ok=True)
    part = temporary_beside(path)
    try:
        part.write_text(text, encoding="utf-8")
        os.replace(part, path)
    except BaseException:
        part.unlink(missing_ok=True)
        raise
