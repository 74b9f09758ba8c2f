#!/usr/bin/env python3
"""kzviewer's message catalogues: gather the marked strings, merge them into
each language's .po, compile the .mo files the app reads.

    python scripts/translations.py extract          # src -> locale/kzviewer.pot
    python scripts/translations.py update           # .pot -> every <lang>/LC_MESSAGES/kzviewer.po
    python scripts/translations.py compile          # every .po -> .mo (committed beside it)
    python scripts/translations.py add xx           # a new language's .po, from the .pot
    python scripts/translations.py status           # per language: translated, fuzzy, missing

``extract`` then ``update`` after changing a marked string; translate in the
.po (any PO editor: Poedit, Lokalize, or a text editor); then ``compile``.
The tests fail when the .pot misses a marked string or a .mo is older than
its .po (tests/test_i18n.py).  Needs Babel (a dependency of kzviewer).
"""

from __future__ import annotations

import argparse
import io
import sys
from collections.abc import Iterator
from pathlib import Path

from babel.messages.catalog import Catalog
from babel.messages.extract import extract_from_dir
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po, write_po

ROOT = Path(__file__).resolve().parents[1]
SOURCE = ROOT / "src" / "kzviewer"
LOCALE = SOURCE / "locale"
TEMPLATE = LOCALE / "kzviewer.pot"
KEYWORDS = {"_": None, "N_": None, "ngettext": (1, 2)}
METHODS = [("**.py", "python")]


def template() -> Catalog:
    """Every marked string in the source, with where it is."""
    catalog = Catalog(project="kzviewer", copyright_holder="kzviewer developers", fuzzy=False)
    for filename, lineno, message, comments, context in extract_from_dir(
        str(SOURCE), METHODS, keywords=KEYWORDS, comment_tags=("TRANSLATORS:",), strip_comment_tags=True
    ):
        path = (Path("src/kzviewer") / filename).as_posix()
        catalog.add(message, None, [(path, lineno)], auto_comments=comments, context=context)
    return catalog


def po_files() -> Iterator[tuple[str, Path]]:
    for po in sorted(LOCALE.glob("*/LC_MESSAGES/kzviewer.po")):
        yield po.parent.parent.name, po


def read(path: Path, locale: str | None = None) -> Catalog:
    with path.open("rb") as f:
        return read_po(f, locale=locale)


def write(path: Path, catalog: Catalog) -> None:
    buffer = io.BytesIO()
    write_po(buffer, catalog, width=100, omit_header=False, sort_output=False)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(buffer.getvalue())


def compiled(po: Path, code: str) -> bytes:
    """The .mo of a .po, as the app would read it (fuzzy entries left out)."""
    buffer = io.BytesIO()
    write_mo(buffer, read(po, code), use_fuzzy=False)
    return buffer.getvalue()


def extract() -> None:
    catalog = template()
    write(TEMPLATE, catalog)
    print(f"{TEMPLATE.relative_to(ROOT)}: {len(catalog)} messages", file=sys.stderr)


def update() -> None:
    pot = read(TEMPLATE)
    for code, po in po_files():
        catalog = read(po, code)
        catalog.update(pot, no_fuzzy_matching=False)
        write(po, catalog)
        print(f"{po.relative_to(ROOT)}: merged", file=sys.stderr)


def add(code: str) -> None:
    po = LOCALE / code / "LC_MESSAGES" / "kzviewer.po"
    if po.exists():
        sys.exit(f"{po.relative_to(ROOT)} exists already: run 'update'")
    catalog = Catalog(locale=code, project="kzviewer", copyright_holder="kzviewer developers", fuzzy=False)
    catalog.update(read(TEMPLATE))
    write(po, catalog)
    print(f"{po.relative_to(ROOT)}: created; add {code!r} to LANGUAGES in src/kzviewer/i18n.py", file=sys.stderr)


def compile_all() -> None:
    for code, po in po_files():
        po.with_suffix(".mo").write_bytes(compiled(po, code))
        print(f"{po.with_suffix('.mo').relative_to(ROOT)}: written", file=sys.stderr)


def status() -> None:
    for code, po in po_files():
        catalog = read(po, code)
        messages = [m for m in catalog if m.id]
        done = sum(1 for m in messages if not m.fuzzy and all(m.string if isinstance(m.string, tuple) else [m.string]))
        fuzzy = sum(1 for m in messages if m.fuzzy)
        print(f"{code}: {done} of {len(messages)} translated, {fuzzy} fuzzy")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("command", choices=["extract", "update", "compile", "add", "status"])
    parser.add_argument("language", nargs="?", help="for 'add': the new language's code (e.g. uz)")
    args = parser.parse_args()
    if args.command == "add":
        if not args.language:
            parser.error("'add' needs the language's code")
        add(args.language)
    else:
        {"extract": extract, "update": update, "compile": compile_all, "status": status}[args.command]()


if __name__ == "__main__":
    main()
