"""Reading decks: slides, titles, notes, map blocks and inheritance."""

from __future__ import annotations

from kzviewer.deck.mapstate import Link, MapState
from kzviewer.deck.parser import load_deck, parse_deck

DECK = """\
---
title: A test deck
subtitle: Sub
author: Someone
countries: c.yaml
map:
  fit: [KAZ]
---

# First slide

- point one

```map
fit: [KAZ, RUS]
highlight: [KAZ, RUS]
borders: [RUS-KAZ]
places: [astana]
links:
  - [RUS, KAZ, security]
```

Note:
Say this.
And this.

---

## Second slide

Text with <script>alert(1)</script> and a [link](https://example.org)
and a [bad one](javascript:alert(1)).

```python
# a code block: the --- below does not split the slide
---
```

---

# Third slide

```map
center: [45, 68]
zoom: 5
```
"""


def test_front_matter_and_slides(write_deck):
    deck = load_deck(write_deck(DECK))
    assert (deck.title, deck.subtitle, deck.author) == ("A test deck", "Sub", "Someone")
    assert deck.initial == MapState(fit=("KAZ",))
    assert [s.title for s in deck.slides] == ["First slide", "Second slide", "Third slide"]
    assert [s.line for s in deck.slides] == [10, 29, 41]  # each slide's first line with text


def test_map_block_becomes_a_state(write_deck):
    first = load_deck(write_deck(DECK)).slides[0]
    assert first.map == MapState(
        fit=("KAZ", "RUS"),
        highlight=("KAZ", "RUS"),
        borders=(("KAZ", "RUS"),),
        places=("astana",),
        links=(Link("RUS", "KAZ", "security"),),
    )
    assert first.map_line == 14
    assert "```" not in first.body and "map" not in first.body


def test_slide_without_map_block_inherits(write_deck):
    deck = load_deck(write_deck(DECK))
    assert deck.slides[1].map == deck.slides[0].map and deck.slides[1].map_line == 0
    assert deck.slides[2].map == MapState(center=(45.0, 68.0), zoom=5.0)


def test_notes_run_to_the_end_of_the_slide(write_deck):
    first = load_deck(write_deck(DECK)).slides[0]
    assert first.notes == "Say this.\nAnd this."
    assert "Say this" not in first.body
    assert "<p>Say this.\nAnd this.</p>" in first.notes_html


def test_body_is_commonmark_with_raw_html_shown_as_text(write_deck):
    second = load_deck(write_deck(DECK)).slides[1]
    html = second.body_html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html and "<script" not in html
    assert '<a href="https://example.org">link</a>' in html
    assert 'href="javascript' not in html
    assert "Second slide" not in html, "the title is shown apart from the body"
    assert "---" in second.body, "a --- inside a code block does not split the slide"


def test_tables_render(write_deck):
    deck = load_deck(write_deck("---\ntitle: T\n---\n# S\n\n| a | b |\n|---|---|\n| 1 | 2 |\n", None))
    assert "<table>" in deck.slides[0].body_html and "<td>2</td>" in deck.slides[0].body_html


def test_byte_order_mark_and_mixed_line_endings_are_read(tmp_path):
    path = tmp_path / "deck.md"
    path.write_bytes(b"\xef\xbb\xbf---\r\ntitle: T\n---\r\n# One\r\n---\n# Two\r\n")
    deck, problems = parse_deck(path)
    assert problems == []
    assert [s.title for s in deck.slides] == ["One", "Two"]


def test_closing_separator_adds_no_empty_slide(write_deck):
    deck = load_deck(write_deck("---\ntitle: T\n---\n# One\n---\n", None))
    assert len(deck.slides) == 1


def test_every_parsed_object_knows_its_line(write_deck):
    deck = load_deck(write_deck(DECK))
    assert deck.countries.countries["KAZ"].line == 5
    assert deck.countries.places["astana"].line == 8


def test_titles_read_quickly_agree_with_markdown_it():
    from kzviewer.deck.markdown import _first_heading_parsed, first_heading

    for text in [
        "# Title",
        "\n\n## Two #",
        "```\n# no\n```\n# Yes",
        "Para\n===\n",
        "# The **bold** one",
        "Text\n# later",
        "    # code\n# real",
        "#NoSpace",
        "- item\n# after",
        "> # quoted",
        "~~~\n# no\n~~~\n## Yes ##",
        "# `code` title",
        "# A [link](https://x.org)",
    ]:
        assert first_heading(text) == _first_heading_parsed(text), text


def test_an_empty_heading_is_no_title(write_deck):
    from kzviewer.deck.parser import parse_deck

    _, problems = parse_deck(write_deck("---\ntitle: T\n---\n# \n\ntext\n", None))
    assert [p.message for p in problems] == ["slide 1 has no title: start it with a heading such as '# Title'"]


def test_checking_a_deck_without_images_needs_no_markdown_parser():
    import subprocess
    import sys

    code = "import sys\nfrom kzviewer.cli import main\nassert main(['check']) == 0\nprint('markdown_it' in sys.modules)"
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert result.stdout.strip() == "False"
