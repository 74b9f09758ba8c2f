"""One test per validation rule: the message, and the line it names."""

from __future__ import annotations

import os

import pytest

from kzviewer.deck.parser import parse_deck
from kzviewer.errors import Problem


def problems(path) -> list[str]:
    return [f"{p.line}: {p.message}" for p in parse_deck(path)[1]]


def test_bad_yaml_in_front_matter(write_deck):
    path = write_deck("---\ntitle: T\ncountries: [c.yaml\n---\n# S\n")
    assert problems(path) == ["4: bad YAML in the front matter: did not find expected ',' or ']'"]


def test_bad_yaml_in_a_map_block(write_deck):
    path = write_deck("---\ntitle: T\n---\n# S\n\n```map\nfit: [KAZ\nhighlight: x\n```\n")
    assert problems(path) == ["8: bad YAML in the map block: did not find expected ',' or ']'"]


def test_yamls_other_line_breaks_do_not_move_a_problem_down_the_file(write_deck):
    # YAML ends lines at U+0085, U+2028 and U+2029 too; the file's lines go on
    # (found by the fuzz test: the problem was named three lines too far down).
    path = write_deck("---\ntitle: T\n---\n# S\n\n```map\nfit: ['\x85', '\u2028', '\u2029']\ncentre: 1\n```\n")
    assert [p.split(":")[0] for p in problems(path)] == ["7", "7", "7", "8"]  # three unknown codes, a bad key


def test_bad_yaml_in_the_countries_file(write_deck, tmp_path):
    path = write_deck("---\ntitle: T\ncountries: c.yaml\n---\n# S\n", countries="groups:\n  a: {label: x\n")
    [problem] = parse_deck(path)[1]
    assert problem.path == str(tmp_path / "c.yaml")
    assert problem.line == 3 and problem.message.startswith("bad YAML in the countries file")


def test_unknown_front_matter_key_suggests(write_deck):
    path = write_deck("---\ntitle: T\nsubtitel: oops\n---\n# S\n")
    assert problems(path) == ["3: unknown key 'subtitel' in the front matter (did you mean 'subtitle'?)"]


def test_unknown_map_key_suggests(write_deck):
    path = write_deck("---\ntitle: T\n---\n# S\n```map\nhighlite: [KAZ]\n```\n")
    assert problems(path) == ["6: unknown key 'highlite' in the map block (did you mean 'highlight'?)"]


def test_unknown_countries_file_keys_suggest(write_deck, tmp_path):
    countries = "groups:\n  g: {label: G, colour: '#123456'}\ncountries:\n  KAZ: {group: g, rol: x}\nplaeces: {}\n"
    path = write_deck("---\ntitle: T\ncountries: c.yaml\n---\n# S\n", countries)
    found = [(p.line, p.message) for p in parse_deck(path)[1]]
    assert (2, "unknown key 'colour' in group 'g' (did you mean 'color'?)") in found
    assert (4, "unknown key 'rol' in country KAZ (did you mean 'role'?)") in found
    assert (5, "unknown key 'plaeces' in the countries file (did you mean 'places'?)") in found


def test_unknown_country_code(write_deck):
    path = write_deck("---\ntitle: T\n---\n# S\n```map\nhighlight: [KAZ, KAX]\nfit: [XYZW]\n```\n")
    found = problems(path)
    assert found[0].startswith("6: unknown country code 'KAX' (did you mean 'KAZ'?)")
    assert found[1].startswith("7: unknown country code 'XYZW'")


def test_unknown_country_code_in_the_countries_file(write_deck):
    path = write_deck(
        "---\ntitle: T\ncountries: c.yaml\n---\n# S\n",
        "groups: {g: {label: G, color: '#123456'}}\ncountries:\n  KAZ: {group: g}\n  RUZ: {group: g}\n",
    )
    [problem] = parse_deck(path)[1]
    assert (problem.line, problem.message) == (4, "unknown country code 'RUZ' (did you mean 'RUS'?)")


def test_unknown_place(write_deck):
    path = write_deck("---\ntitle: T\ncountries: c.yaml\n---\n# S\n```map\nplaces: [astna]\n```\n")
    assert problems(path) == ["7: unknown place 'astna' (did you mean 'astana'?)"]


def test_border_between_countries_that_share_none(write_deck):
    path = write_deck("---\ntitle: T\n---\n# S\n```map\nborders:\n  - KAZ-RUS\n  - KAZ-MNG\n```\n")
    assert problems(path) == ["8: Kazakhstan and Mongolia share no land border in the map data"]


def test_malformed_border(write_deck):
    path = write_deck("---\ntitle: T\n---\n# S\n```map\nborders: [KAZRUS]\n```\n")
    assert problems(path) == ["6: a border is written AAA-BBB, like KAZ-RUS, not 'KAZRUS'"]


def test_missing_countries_file(write_deck, tmp_path):
    path = write_deck("---\ntitle: T\ncountries: missing.yaml\n---\n# S\n", countries=None)
    [problem] = parse_deck(path)[1]
    assert str(problem) == f"{path}:3: the countries file 'missing.yaml' is missing"  # where the deck names it


def test_unreadable_countries_file(write_deck, tmp_path):
    (tmp_path / "folder.yaml").mkdir()
    path = write_deck("---\ntitle: T\ncountries: folder.yaml\n---\n# S\n", countries=None)
    [problem] = parse_deck(path)[1]
    assert problem.message == "the countries file 'folder.yaml' is a folder, not a file"


@pytest.mark.skipif(os.geteuid() == 0, reason="root reads files whatever their mode")
def test_countries_file_without_permission(write_deck, tmp_path):  # pragma: no cover - not as root
    path = write_deck("---\ntitle: T\ncountries: c.yaml\n---\n# S\n")
    (tmp_path / "c.yaml").chmod(0)
    [problem] = parse_deck(path)[1]
    assert problem.message.startswith("the countries file 'c.yaml' cannot be read")


def test_slide_with_no_title(write_deck):
    path = write_deck("---\ntitle: T\n---\n# One\n---\n\nJust text.\n---\n# Three\n")
    assert problems(path) == ["7: slide 2 has no title: start it with a heading such as '# Title'"]


def test_empty_deck(write_deck):
    path = write_deck("---\ntitle: T\n---\n")
    assert problems(path) == ["3: the deck has no slides: add one after the front matter"]


def test_file_that_is_not_utf8(tmp_path):
    path = tmp_path / "deck.md"
    path.write_bytes("---\ntitle: T\n---\n# Caf\u00e9\n".encode("latin-1"))
    [problem] = parse_deck(path)[1]
    assert (problem.line, problem.message) == (4, "the deck is not UTF-8 text (byte 23 cannot be read)")


def test_binary_file(tmp_path):
    path = tmp_path / "deck.md"
    path.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR")
    assert problems(path) == ["3: the deck is not a text file (it holds binary data)"]


def test_missing_deck(tmp_path):
    assert problems(tmp_path / "nope.md") == ["1: the deck is missing"]


def test_front_matter_rules(write_deck):
    assert problems(write_deck("# No front matter\n"))[0].startswith("1: a deck starts with front matter")
    assert problems(write_deck("---\ntitle: T\n# S\n")) == [
        "1: the front matter never ends: close it with a line holding only ---",
        "3: the deck has no slides: add one after the front matter",
    ]
    assert problems(write_deck("---\nauthor: A\n---\n# S\n")) == ["1: the front matter needs a title: 'title: ...'"]


def test_the_talks_duration(write_deck):
    deck, found = parse_deck(write_deck("---\ntitle: T\nduration: 45\n---\n# S\n"))
    assert found == [] and deck.duration == 45
    for bad in ("0", "601", "forty"):
        (problem,) = problems(write_deck(f"---\ntitle: T\nduration: {bad}\n---\n# S\n"))
        assert problem.startswith("3: duration (the talk's length in minutes)"), problem


def test_one_map_block_per_slide(write_deck):
    path = write_deck("---\ntitle: T\n---\n# S\n```map\nfit: [KAZ]\n```\n```map\nfit: [RUS]\n```\n")
    assert problems(path) == ["8: slide 1 has a second map block; a slide has at most one"]


def test_unclosed_map_block(write_deck):
    path = write_deck("---\ntitle: T\n---\n# S\n```map\nfit: [KAZ]\n")
    assert problems(path) == ["5: the map block that starts here is never closed (add a line ```)"]


def test_view_rules(write_deck):
    path = write_deck("---\ntitle: T\n---\n# S\n```map\nfit: [KAZ]\ncenter: [45, 300]\nzoom: 40\n```\n")
    assert problems(path) == ["7: use either fit or center, not both", "8: zoom must be between 0 and 18, not 40"]
    path = write_deck("---\ntitle: T\n---\n# S\n```map\ncenter: [95, 10]\n```\n---\n# S2\n```map\nzoom: 3\n```\n")
    assert problems(path) == [
        "6: the center's latitude must be between -90 and 90, not 95",
        "11: zoom goes with center: add center: [latitude, longitude]",
    ]


def test_bad_link(write_deck):
    path = write_deck("---\ntitle: T\n---\n# S\n```map\nlinks:\n  - [KAZ]\n  - [KAZ, RUS, a, b]\n```\n")
    assert problems(path) == [
        "7: a link is written [FROM, TO, label], like [RUS, KAZ, security]",
        "8: a link is written [FROM, TO, label], like [RUS, KAZ, security]",
    ]


def test_countries_slides_beyond_the_deck(write_deck, tmp_path):
    countries = "groups: {g: {label: G, color: '#123456'}}\ncountries:\n  KAZ: {group: g, slides: [1, 3]}\n"
    path = write_deck("---\ntitle: T\ncountries: c.yaml\n---\n# S\n", countries)
    [problem] = parse_deck(path)[1]
    assert str(problem) == f"{tmp_path / 'c.yaml'}:3: KAZ lists slide 3, but the deck has 1 slide"


def test_bad_group_colour(write_deck):
    path = write_deck("---\ntitle: T\ncountries: c.yaml\n---\n# S\n", "groups:\n  g: {label: G, color: red}\n")
    [problem] = parse_deck(path)[1]
    assert (problem.line, problem.message) == (2, "group 'g' needs a color like \"#1a2b3c\", not 'red'")


def test_every_problem_is_reported_at_once_in_order(write_deck):
    path = write_deck("---\ntitle: T\nsubtitel: x\n---\n# S\n```map\nfit: [KAX]\n```\n---\nno title\n")
    found = parse_deck(path)[1]
    assert [p.line for p in found] == [3, 7, 10]
    assert found == sorted(found)
    assert all(isinstance(p, Problem) for p in found)


def test_images_come_from_the_decks_folder(write_deck, tmp_path):
    (tmp_path / "here.png").write_bytes(b"\x89PNG\r\n\x1a\n and the rest")
    (tmp_path / "broken.png").write_bytes(b"not a picture at all")
    path = write_deck(
        "---\ntitle: T\n---\n# S\n\n![ok](here.png)\n![gone](missing.png)\n"
        "![out](../secret.png)\n\n![web](https://example.org/x.png) ![bad](broken.png)\n"
    )
    assert problems(path) == [
        f"7: image 'missing.png' not found in {tmp_path}",
        "8: image '../secret.png' is outside the deck's folder",
        "10: image 'broken.png' is not a picture kzviewer can show (PNG, JPEG, GIF, WebP, BMP or SVG)",
        "10: image 'https://example.org/x.png': images come from the deck's folder, not from URLs",
    ]


def test_a_slide_too_long_to_show(write_deck):
    path = write_deck("---\ntitle: T\n---\n# S\n\n" + "word " * 5000 + "\n")
    assert problems(path) == ["4: slide 1 is too long to show (24,999 characters; a slide holds at most 20,000)"]


def test_numbers_too_big_and_yaml_nested_too_deeply_are_problems_not_crashes(write_deck):
    deep = "[" * 400 + "]" * 400
    huge = "9" * 400
    path = write_deck(
        f"---\ntitle: {deep}\ncountries: c.yaml\n---\n# S\n```map\ncenter: [45, 60]\nzoom: {huge}\n```\n",
        f"groups: {{g: {{label: G, color: {deep}}}}}\ncountries: {{}}\n"
        f"places:\n  a: {{name: A, lat: {huge}, lon: 3}}\n",
    )
    assert [f"{p.line}: {p.message}" for p in parse_deck(path)[1] if p.path.endswith("deck.md")] == [
        "1: the front matter needs a title: 'title: ...'",
        "2: title must be text",
        "8: zoom must be between 0 and 18, not a number of 400 digits",
    ]
    assert [p.message for p in parse_deck(path)[1] if p.path.endswith("c.yaml")] == [
        "group 'g' needs a color like \"#1a2b3c\"",
        "the latitude of 'a' must be between -90 and 90, not a number of 400 digits",
    ]


def test_a_key_given_twice_is_reported_at_the_second(write_deck):
    path = write_deck("---\ntitle: T\n---\n# S\n```map\nhighlight: [KAZ]\nfit: [KAZ]\nhighlight: [RUS]\n```\n")
    assert problems(path) == ["8: 'highlight' is given twice in the map block; the second is ignored"]
    assert parse_deck(path)[0].slides[0].map.highlight == ("KAZ",)


def test_lines_are_counted_as_an_editor_counts_them(write_deck):
    # A form feed and a Unicode line separator are characters, not line ends.
    path = write_deck("---\ntitle: T\n---\n# S \x0c and \u2028 more\n\n```map\nfit: [KAX]\n```\n")
    assert [p.line for p in parse_deck(path)[1]] == [7]


def test_a_country_may_have_the_decks_own_name(write_deck, tmp_path):
    countries = "groups: {g: {label: G, color: '#123456'}}\ncountries:\n  KGZ: {group: g, name: Кыргызстан}\n"
    path = write_deck("---\ntitle: T\ncountries: c.yaml\n---\n# S\n", countries)
    deck, found = parse_deck(path)
    assert found == [] and deck.countries.countries["KGZ"].name == "Кыргызстан"
    assert deck.countries.to_json()["deckNames"] == {"KGZ": "Кыргызстан"}
    path = write_deck("---\ntitle: T\ncountries: c.yaml\n---\n# S\n", countries.replace("Кыргызстан", "[a, b]"))
    assert problems(path) == ["3: the name of KGZ must be text"]
