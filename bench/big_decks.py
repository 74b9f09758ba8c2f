#!/usr/bin/env python3
"""Large decks: a 2,000-slide deck opened and walked, a 200-slide deck exported.

The decks are the bundled lecture's slides repeated, written to a temporary
folder beside a copy of its countries file.

    python bench/big_decks.py
"""

from __future__ import annotations

import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("KZVIEWER_CACHE_DIR", tempfile.mkdtemp(prefix="kzviewer-bench-"))
os.environ["XDG_CONFIG_HOME"] = tempfile.mkdtemp(prefix="kzviewer-bench-config-")


def write_deck(folder: Path, slides: int) -> Path:
    from kzviewer import resources

    text = resources.bundled_deck().read_text(encoding="utf-8")
    lines = text.split("\n")
    end = [i for i, line in enumerate(lines) if line == "---"][1]
    front, body = "\n".join(lines[: end + 1]), "\n".join(lines[end + 1 :])
    parts = body.split("\n---\n")
    shutil.copy(resources.slides_dir() / "kazakhstan.countries.yaml", folder)
    path = folder / f"deck-{slides}.md"
    path.write_text(front + "\n" + "\n---\n".join(parts[i % len(parts)] for i in range(slides)) + "\n")
    return path


def main() -> int:
    folder = Path(tempfile.mkdtemp(prefix="kzviewer-big-"))
    big, export_deck = write_deck(folder, 2000), write_deck(folder, 200)

    start = time.perf_counter()
    subprocess.run([sys.executable, "-m", "kzviewer", "check", str(big)], check=True, capture_output=True)
    print(f"kzviewer check, 2,000 slides: {time.perf_counter() - start:.2f} s")

    from kzviewer.qt.app import prepare_environment

    prepare_environment()
    from PySide6.QtCore import QEventLoop, Qt
    from PySide6.QtTest import QTest
    from PySide6.QtWidgets import QApplication

    from kzviewer.qt.app import build_window
    from kzviewer.qt.mapview import release_profile

    app = QApplication(sys.argv[:1])
    start = time.perf_counter()
    window = build_window(big)
    window.show()
    loop = QEventLoop()
    window.map_view.bridge.ready.connect(loop.quit)
    loop.exec()
    print(f"window on 2,000 slides, to map ready (cold page cache): {time.perf_counter() - start:.2f} s")
    presses = []
    for _ in range(300):
        tick = time.perf_counter()
        QTest.keyClick(window, Qt.Key.Key_Right)
        window.slide_view.repaint()
        presses.append((time.perf_counter() - tick) * 1000)
        app.processEvents()
    presses.sort()
    print(
        f"300 key presses: median {statistics.median(presses):.1f} ms, p95 {presses[284]:.1f} ms, "
        f"max {presses[-1]:.1f} ms"
    )
    tick = time.perf_counter()
    QTest.keyClick(window, Qt.Key.Key_End)
    window.slide_view.repaint()
    print(f"End (to slide {window.presentation.number}): {(time.perf_counter() - tick) * 1000:.1f} ms")
    tick = time.perf_counter()
    QTest.keyClick(window, Qt.Key.Key_O)
    app.processEvents()
    print(
        f"overview of {window.overview.count()} slides opens in "
        f"{(time.perf_counter() - tick) * 1000:.0f} ms (thumbnails drawn as they come into view)"
    )
    import shiboken6

    shiboken6.delete(window)
    release_profile()

    out = folder / "deck-200.pdf"
    start = time.perf_counter()
    subprocess.run(
        [sys.executable, "-m", "kzviewer", "export", str(export_deck), "-o", str(out)], check=True, capture_output=True
    )
    elapsed = time.perf_counter() - start
    print(f"export of 200 slides: {elapsed:.1f} s ({elapsed / 200:.3f} s per slide), {out.stat().st_size / 1e6:.0f} MB")
    return 0


if __name__ == "__main__":
    sys.exit(main())
