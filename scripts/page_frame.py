#!/usr/bin/env python3
"""Write the map page's frame, ``src/kzviewer/web/page.html``, with folium.

    python3 scripts/page_frame.py          # write it
    python3 scripts/page_frame.py --check  # exit 1 if the shipped one differs

The frame is folium's page for kzviewer's map, with marks where each page's
title, head (styles, scripts) and data go (``kzviewer.mapping._folium``).
Shipping it spares every start the import of folium (about a second); run
this after changing the map's options in ``_folium.py``.  A test checks that
the shipped frame is what folium writes.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

FRAME = Path(__file__).resolve().parent.parent / "src" / "kzviewer" / "web" / "page.html"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="compare only")
    args = parser.parse_args()
    from kzviewer.mapping._folium import render_frame

    frame = render_frame()
    if args.check:
        same = FRAME.is_file() and FRAME.read_text(encoding="utf-8") == frame
        print(f"{FRAME}: {'up to date' if same else 'differs from what folium writes; run scripts/page_frame.py'}")
        return 0 if same else 1
    FRAME.write_text(frame, encoding="utf-8")
    print(f"wrote {FRAME} ({len(frame)} characters)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
