#!/usr/bin/env python3
"""Export benchmark: PDF and HTML handout, against the goals of issue 11 and against Marp CLI.

    python bench/export.py --runs 3
    python bench/export.py --marp /path/to/node_modules/.bin/marp   # Marp CLI elsewhere than on PATH

Each export runs as a user runs it (``kzviewer export``, a new process, no
display), from process start to the file in place.  Measured:

- the bundled lecture to PDF (warm and cold map-page cache, and --notes), and
  to the HTML handout; sizes; the PDF's text (no ligature characters, the map's
  names searchable) and its pictures (none: the maps are vector drawing);
- the lecture's slides repeated to 200, to PDF: the cost of each added slide;
- a deck of 30 slides showing one picture: the PDF stores it once;
- Marp CLI on the same text (the map blocks taken out, notes as comments),
  when it is installed (``npm install @marp-team/marp-cli``; it prints with
  the Chromium in CHROME_PATH, else Debian's ``chromium``).  Without it the
  benchmark says so and compares nothing.
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from big_decks import write_deck  # noqa: E402  (a bench script beside this one)

# Goals (issue 11).
PDF_MB, HANDOUT_MB = 1.5, 5.0
VS_MARP, VS_MARP_200, PER_SLIDE_MS = 1.2, 2.0, 30.0


def timed(command: list[str], env: dict[str, str], runs: int, before: Callable[[], None] | None = None) -> float:
    """The median seconds ``command`` takes, over ``runs`` runs."""
    times = []
    for _ in range(runs):
        if before is not None:
            before()
        start = time.perf_counter()
        result = subprocess.run(command, env=env, capture_output=True, text=True)
        times.append(time.perf_counter() - start)
        if result.returncode != 0:
            raise SystemExit(f"{' '.join(command)} failed:\n{result.stderr[-2000:]}")
    return statistics.median(times)


def marp_text(deck: Path) -> str:
    """The deck's text as Marp reads it: its slides, without the map blocks, notes as comments."""
    lines = deck.read_text(encoding="utf-8").split("\n")
    end = [i for i, line in enumerate(lines) if line == "---"][1]
    slides = []
    for slide in "\n".join(lines[end + 1 :]).split("\n---\n"):
        slide = re.sub(r"```map\n.*?```\n?", "", slide, flags=re.S)
        body, *notes = re.split(r"^Note:\s*$", slide, maxsplit=1, flags=re.M)
        comment = "\n\n<!--\n" + notes[0].strip().replace("--", "–") + "\n-->\n" if notes else "\n"
        slides.append(body.rstrip() + comment)
    return "---\nmarp: true\n---\n" + "\n---\n".join(slides)


def find_marp(given: str | None) -> tuple[list[str], dict[str, str]] | None:
    marp = given or shutil.which("marp")
    chrome = os.environ.get("CHROME_PATH") or shutil.which("chromium")
    if not marp or not chrome:
        return None
    return [marp, "--pdf", "--allow-local-files"], {"CHROME_PATH": chrome}


def pdf_facts(path: Path) -> dict[str, object]:
    from pypdf import PdfReader

    reader = PdfReader(str(path))
    text = re.sub(r"\s+", " ", " ".join(page.extract_text() for page in reader.pages))  # words, however spaced
    pictures = set()
    for page in reader.pages:
        for ref in (page["/Resources"].get("/XObject") or {}).values():
            if ref.get_object().get("/Subtype") == "/Image":
                pictures.add(ref.idnum)
    return {
        "pages": len(reader.pages),
        "ligatures": sorted({c for c in text if "\ufb00" <= c <= "\ufb06"}),
        "pictures": len(pictures),
        "text": text,
    }


def verdict(ok: bool) -> str:
    return "met" if ok else "NOT met"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--marp", help="Marp CLI's command (default: marp on PATH)")
    args = parser.parse_args()

    import compileall

    import kzviewer
    from kzviewer import resources

    compileall.compile_dir(str(Path(kzviewer.__file__).parent), quiet=1)  # as pip installs it
    work = Path(tempfile.mkdtemp(prefix="kzviewer-bench-export-"))
    warm = str(work / "cache")
    env = {k: v for k, v in os.environ.items() if k not in ("DISPLAY", "WAYLAND_DISPLAY")}
    env["KZVIEWER_CACHE_DIR"] = warm
    lecture = resources.bundled_deck()
    big = write_deck(work, 200)
    pictures = work / "pictures"
    pictures.mkdir()
    picture = pictures / "region.png"
    _noise_png(picture)
    (pictures / "deck.md").write_text(
        "---\ntitle: One picture\n---\n"
        + "\n---\n".join(f"# Slide {n}\n\n![The region](region.png)\n" for n in range(1, 31))
    )

    def kz(deck: Path, out: Path, *more: str) -> list[str]:
        return [sys.executable, "-m", "kzviewer", "export", str(deck), "-o", str(out), *more]

    subprocess.run(kz(lecture, work / "warm-up.pdf"), env=env, check=True, capture_output=True)
    subprocess.run(kz(big, work / "warm-up.pdf"), env=env, check=True, capture_output=True)
    rows: list[tuple[str, float, Path]] = []

    def run(
        name: str, command: list[str], out: Path, env: dict[str, str] = env, before: Callable[[], None] | None = None
    ) -> float:
        seconds = timed(command, env, args.runs, before)
        rows.append((name, seconds, out))
        return seconds

    def cold() -> None:
        shutil.rmtree(work / "cold", ignore_errors=True)

    pdf = run("lecture → PDF", kz(lecture, work / "lecture.pdf"), work / "lecture.pdf")
    cold_env = dict(env, KZVIEWER_CACHE_DIR=str(work / "cold"))
    run("  cold cache", kz(lecture, work / "cold.pdf"), work / "cold.pdf", env=cold_env, before=cold)
    run("  --notes", kz(lecture, work / "notes.pdf", "--notes"), work / "notes.pdf")
    html = run("lecture → HTML", kz(lecture, work / "lecture.html"), work / "lecture.html")
    pdf200 = run("200 slides → PDF", kz(big, work / "big.pdf"), work / "big.pdf")
    run("30 × one picture → PDF", kz(pictures / "deck.md", work / "pictures.pdf"), work / "pictures.pdf")

    from kzviewer.deck.parser import load_deck

    slides = len(load_deck(lecture).slides)
    print(f"kzviewer, median of {args.runs} runs, process start to the file in place:")
    for name, seconds, out in rows:
        print(f"  {name:24} {seconds:6.2f} s  {out.stat().st_size / 1e6:6.2f} MB")
    facts = pdf_facts(work / "lecture.pdf")
    per_slide = (pdf200 - pdf) / (200 - slides) * 1000
    print()
    print("goals (issue 11):")
    size = (work / "lecture.pdf").stat().st_size / 1e6
    print(f"  lecture's PDF ≤ {PDF_MB} MB: {size:.2f} MB, {verdict(size <= PDF_MB)}")
    print(f"  each added slide ≤ {PER_SLIDE_MS:.0f} ms: {per_slide:.1f} ms, {verdict(per_slide <= PER_SLIDE_MS)}")
    picture_mb, pictures_pdf = picture.stat().st_size / 1e6, (work / "pictures.pdf").stat().st_size / 1e6
    stored = pdf_facts(work / "pictures.pdf")["pictures"]
    print(
        f"  30 pages of one {picture_mb:.2f} MB picture ≤ 3 × it + 1 MB: {pictures_pdf:.2f} MB, "
        f"the picture stored {stored} time(s), {verdict(pictures_pdf <= 3 * picture_mb + 1)}"
    )
    names = [w for w in ("Dushanbe", "Shared land border", "Natural Earth") if w in str(facts["text"])]
    print(f"  no ligature characters: {facts['ligatures'] or 'none'}, {verdict(not facts['ligatures'])}")
    print(f"  the maps' words are text (found {', '.join(names)}); pictures in the lecture's PDF: {facts['pictures']}")
    handout = (work / "lecture.html").stat().st_size / 1e6
    print(f"  lecture's handout ≤ {HANDOUT_MB:.0f} MB: {handout:.2f} MB, {verdict(handout <= HANDOUT_MB)}")

    marp = find_marp(args.marp)
    print()
    if marp is None:
        print("Marp CLI: not found (npm install @marp-team/marp-cli, and a Chromium: CHROME_PATH or chromium);")
        print("          nothing compared with it")
        return 0
    command, marp_env = marp
    (work / "lecture.marp.md").write_text(marp_text(lecture))
    (work / "big.marp.md").write_text(marp_text(big))
    env_marp = dict(env, **marp_env)
    m30 = timed([*command, str(work / "lecture.marp.md"), "-o", str(work / "m30.pdf")], env_marp, args.runs)
    m200 = timed([*command, str(work / "big.marp.md"), "-o", str(work / "m200.pdf")], env_marp, args.runs)
    print(f"Marp CLI ({command[0]}), same text without the maps, median of {args.runs}:")
    print(f"  lecture → PDF   {m30:6.2f} s  {(work / 'm30.pdf').stat().st_size / 1e6:6.2f} MB")
    print(f"  200 slides → PDF{m200:6.2f} s  {(work / 'm200.pdf').stat().st_size / 1e6:6.2f} MB")
    print(f"  kzviewer / Marp, lecture: {pdf / m30:.2f} (goal ≤ {VS_MARP}), {verdict(pdf / m30 <= VS_MARP)}")
    ratio = pdf200 / m200
    print(f"  kzviewer / Marp, 200 slides: {ratio:.2f} (goal ≤ {VS_MARP_200}), {verdict(ratio <= VS_MARP_200)}")
    print(f"  kzviewer's handout / Marp's PDF, lecture: {html / m30:.2f}")
    return 0


def _noise_png(path: Path) -> None:
    """A 600 × 400 picture of noise (it does not compress away), without Pillow."""
    import random
    import struct
    import zlib

    rng = random.Random(11)
    rows = b"".join(b"\x00" + bytes(rng.getrandbits(8) for _ in range(600 * 3)) for _ in range(400))

    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    header = struct.pack(">IIBBBBB", 600, 400, 8, 2, 0, 0, 0)
    path.write_bytes(
        b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", zlib.compress(rows)) + chunk(b"IEND", b"")
    )


if __name__ == "__main__":
    sys.exit(main())
