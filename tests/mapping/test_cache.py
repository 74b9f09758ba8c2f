"""What names a cached map page: everything it is made from."""

from __future__ import annotations


def test_the_python_that_writes_the_page_is_one_of_its_inputs():
    """A new map option (in the page's frame) or a change to the Python that fills
    it makes a new page, whatever the version number says."""
    from pathlib import Path

    from kzviewer import resources
    from kzviewer.mapping import page
    from kzviewer.mapping.cache import own_inputs

    inputs = set(own_inputs())
    assert {resources.web_file("page.html"), Path(page.__file__)} <= inputs


def _copy_lecture(tmp_path):
    import shutil

    from kzviewer import resources

    folder = tmp_path / "slides"
    shutil.copytree(resources.bundled_deck().parent, folder)
    return folder / resources.bundled_deck().name


def test_a_warm_start_reads_the_deck_back_without_parsers(tmp_path):
    """The deck as the last start read it comes back with no YAML or Markdown parser imported."""
    import os
    import subprocess
    import sys

    deck = _copy_lecture(tmp_path)
    env = dict(os.environ, KZVIEWER_CACHE_DIR=str(tmp_path / "cache"))
    store = (
        "import sys\n"
        "from pathlib import Path\n"
        "from kzviewer.deck.parser import parse_deck\n"
        "from kzviewer.mapping.cache import store_deck\n"
        f"deck, problems = parse_deck(Path({str(deck)!r}))\n"
        "deck.slides[0].body_html\n"
        "store_deck(deck, problems)\n"
    )
    subprocess.run([sys.executable, "-c", store], env=env, check=True)
    read = (
        "import sys\n"
        "from pathlib import Path\n"
        "from kzviewer.mapping.cache import read_stored_deck\n"
        f"deck, problems = read_stored_deck(Path({str(deck)!r}))\n"
        "print(len(deck.slides), problems, 'body_html' in vars(deck.slides[0]), len(deck.slides[0].body_html) > 0)\n"
        "names = ('yaml', 'markdown_it', 'kzviewer.deck.parser')\n"
        "print(sorted(m for m in names if m in sys.modules))\n"
    )
    out = subprocess.run([sys.executable, "-c", read], env=env, capture_output=True, text=True, check=True)
    assert out.stdout.split("\n")[:2] == ["30 [] True True", "[]"]


def test_the_stored_deck_is_not_served_once_anything_it_was_read_from_changes(tmp_path, monkeypatch):
    import os

    from kzviewer import i18n
    from kzviewer.deck.parser import parse_deck
    from kzviewer.mapping.cache import read_stored_deck, store_deck

    monkeypatch.setenv("KZVIEWER_CACHE_DIR", str(tmp_path / "cache"))
    deck_path = _copy_lecture(tmp_path)
    countries = deck_path.parent / "kazakhstan.countries.yaml"
    picture = deck_path.parent / "figure.png"

    def stored_after(change) -> bool:
        deck, problems = parse_deck(deck_path)
        store_deck(deck, problems)
        assert read_stored_deck(deck_path) is not None
        change()
        return read_stored_deck(deck_path) is not None

    def bump(path):  # the same size, a later time
        stat = path.stat()
        os.utime(path, ns=(stat.st_atime_ns, stat.st_mtime_ns + 1_000_000))

    assert not stored_after(lambda: deck_path.write_text(deck_path.read_text() + "\n", encoding="utf-8"))
    assert not stored_after(lambda: bump(countries))
    # A picture named but missing, then there: the deck's problems change with it.
    deck_path.write_text(deck_path.read_text() + "\n---\n\n# A figure\n\n![a figure](figure.png)\n", encoding="utf-8")
    assert not stored_after(lambda: picture.write_bytes(b"\x89PNG\r\n\x1a\n"))
    assert not stored_after(lambda: i18n.set_language("ru"))
    i18n.set_language("en")
    assert stored_after(lambda: None)
