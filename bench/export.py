#!/usr/bin/env python3
"""Export benchmark: the bundled deck to PDF, from process start to the file in place.

    python bench/export.py --runs 3

Runs ``kzviewer export`` as a user would (a new process, no display), with a
warm and with a cold map-page cache, and reports the time per slide.
Target (issue 5): at most 0.5 s per slide, the cold start included.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()

    import compileall

    import kzviewer
    from kzviewer import resources
    from kzviewer.deck.parser import load_deck

    compileall.compile_dir(str(Path(kzviewer.__file__).parent), quiet=1)  # as pip installs it
    slides = len(load_deck(resources.bundled_deck()).slides)
    out_dir = Path(tempfile.mkdtemp(prefix="kzviewer-bench-export-"))
    warm_cache = tempfile.mkdtemp(prefix="kzviewer-bench-cache-")
    env = {k: v for k, v in os.environ.items() if k not in ("DISPLAY", "WAYLAND_DISPLAY")}

    def once(cache: str, notes: bool) -> float:
        out = out_dir / ("notes.pdf" if notes else "slides.pdf")
        out.unlink(missing_ok=True)
        command = [sys.executable, "-m", "kzviewer", "export", "-o", str(out)] + (["--notes"] if notes else [])
        start = time.perf_counter()
        subprocess.run(
            command,
            env=dict(env, KZVIEWER_CACHE_DIR=cache),
            check=True,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        elapsed = time.perf_counter() - start
        assert out.exists()
        return elapsed

    once(warm_cache, False)  # fill the page cache
    results = {"warm cache": [], "cold cache": [], "warm, --notes": []}
    for _ in range(args.runs):
        results["warm cache"].append(once(warm_cache, False))
        results["cold cache"].append(once(tempfile.mkdtemp(prefix="kzviewer-bench-cold-"), False))
        results["warm, --notes"].append(once(warm_cache, True))
    print(f"{slides} slides; process start to PDF in place, median of {args.runs}:")
    for name, times in results.items():
        total = statistics.median(times)
        print(f"  {name:14} {total:6.2f} s   {total / slides:5.3f} s per slide   (min {min(times):.2f} s)")
    print("target: at most 0.5 s per slide, cold start included")
    return 0


if __name__ == "__main__":
    sys.exit(main())
