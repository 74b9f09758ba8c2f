"""Decks that name FIFOs, devices, huge files and files outside their folder.

Each command is run as a user would, in a process of its own with a timeout:
nothing may hang, flood memory or end in a traceback; each file is refused
with a ``path:line: message`` problem, before a byte of it is read.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

PNG_START = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x08\x00\x00\x00\x08\x08\x02\x00\x00\x00"
TIMEOUT = 60


def run(*args: str | Path, cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if k not in ("DISPLAY", "WAYLAND_DISPLAY")}
    return subprocess.run(
        [sys.executable, "-m", "kzviewer", *map(str, args)],
        capture_output=True,
        text=True,
        timeout=TIMEOUT,
        cwd=cwd,
        env=env,
    )


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    """A deck's folder holding one of each kind of file a deck must not read."""
    deck = tmp_path / "deck"
    deck.mkdir()
    return _pool(deck)


def write(folder: Path, text: str, name: str = "deck.md") -> Path:
    path = folder / name
    path.write_text(text, encoding="utf-8")
    return path


def test_a_fifo_as_the_deck_is_refused_by_every_command(folder):
    os.mkfifo(folder / "pipe.md")
    for command in (["check"], ["map", "-o", folder / "out.html"], ["export", "-o", folder / "out.pdf"]):
        result = run(command[0], folder / "pipe.md", *command[1:])
        assert result.returncode == 1, command
        assert f"{folder / 'pipe.md'}:1: the deck is not a regular file" in result.stdout + result.stderr
        assert "Traceback" not in result.stderr
    assert not (folder / "out.html").exists() and not (folder / "out.pdf").exists()


@pytest.mark.parametrize(
    "countries,message",
    [
        (
            "pipe.png",
            "the countries file 'pipe.png' is not a regular file (a device, a pipe or a socket), so it is not read",
        ),
        ("zero.png", "the countries file 'zero.png' is outside the deck's folder"),
        ("/dev/zero", "the countries file 'zero' is outside the deck's folder"),
        ("../secret.png", "the countries file 'secret.png' is outside the deck's folder"),
        ("huge.png", "the countries file 'huge.png' is 6,000 MB; at most 50 MB is read"),
    ],
)
def test_a_countries_file_that_is_no_file_of_the_deck(folder, countries, message):
    deck = write(folder, f"---\ntitle: T\ncountries: {countries}\n---\n# S\n")
    result = run("check", deck)
    assert result.returncode == 1
    assert result.stdout.splitlines() == [f"{deck}:3: {message}"]


def test_images_in_slides_and_notes_are_checked_alike(folder):
    deck = write(
        folder,
        "---\ntitle: T\n---\n# S\n\n![a](pipe.png)\n![b](zero.png)\n![c](huge.png)\n\n"
        "Note:\n![d](pipe.png) ![e](/dev/zero)\n![f](outside.png)\n![g](folder.png)\n![h](fine.png)\n",
    )
    result = run("check", deck)
    assert result.returncode == 1 and "Traceback" not in result.stderr
    assert result.stdout.splitlines() == [
        f"{deck}:6: image 'pipe.png' is not a regular file (a device, a pipe or a socket), so it is not read",
        f"{deck}:7: image 'zero.png' is outside the deck's folder",
        f"{deck}:8: image 'huge.png' is 6,000 MB; at most 50 MB is read",
        f"{deck}:11: image '/dev/zero' is outside the deck's folder",
        f"{deck}:11: image 'pipe.png' is not a regular file (a device, a pipe or a socket), so it is not read",
        f"{deck}:12: image 'outside.png' is outside the deck's folder",
        f"{deck}:13: image 'folder.png' is a folder, not a file",
    ]


def test_an_svg_that_refers_to_other_files_is_refused_and_export_does_not_hang(folder):
    (folder / "drawing.svg").write_text(
        '<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" width="80" '
        'height="40"><image xlink:href="pipe.png" width="80" height="40"/></svg>'
    )
    (folder / "entities.svg").write_text(
        '<?xml version="1.0"?><!DOCTYPE svg [<!ENTITY e SYSTEM "file:///dev/zero">]>'
        '<svg xmlns="http://www.w3.org/2000/svg"><text>&e;</text></svg>'
    )
    (folder / "fine.svg").write_text(
        '<svg xmlns="http://www.w3.org/2000/svg" width="80" height="40"><rect width="80" height="40" '
        'fill="url(#g)"/><image href="data:image/png;base64,iVBORw0KGgo=" width="1" height="1"/></svg>'
    )
    deck = write(folder, "---\ntitle: T\n---\n# S\n\n![a](drawing.svg)\n![b](entities.svg)\n![c](fine.svg)\n")
    result = run("check", deck)
    assert result.stdout.splitlines() == [
        f"{deck}:6: image 'drawing.svg' refers to another file ('pipe.png'); kzviewer shows an SVG only when "
        "its pictures are embedded in it",
        f"{deck}:7: image 'entities.svg' declares entities; kzviewer shows SVGs without them",
    ]
    exported = run("export", deck, "-o", folder / "out.pdf")
    assert exported.returncode == 1 and f"{deck}:6: image 'drawing.svg' refers" in exported.stderr
    assert not (folder / "out.pdf").exists()


def test_a_picture_too_large_to_decode_is_refused(folder):
    (folder / "wide.png").write_bytes(PNG_START[:16] + (50_000).to_bytes(4, "big") + (50_000).to_bytes(4, "big"))
    deck = write(folder, "---\ntitle: T\n---\n# S\n\n![a](wide.png)\n")
    assert run("check", deck).stdout.splitlines() == [
        f"{deck}:6: image 'wide.png' is 50,000 × 50,000 pixels; a picture may have at most 100 megapixels"
    ]


def test_an_output_that_would_destroy_an_input_or_a_special_file_is_refused(folder):
    deck = write(folder, "---\ntitle: T\ncountries: c.yaml\n---\n# S\n\n![a](fine.png)\n")
    (folder / "c.yaml").write_text("groups: {}\n")
    (folder / "elsewhere.html").write_text("kept")
    (folder / "link.html").symlink_to(folder / "elsewhere.html")
    before = {p: p.read_bytes() for p in (deck, folder / "c.yaml", folder / "fine.png")}
    cases = [
        (["map", deck, "-o", deck], "cannot write the page: is one of the files this command reads"),
        (["map", deck, "-o", folder / "c.yaml"], "cannot write the page: is one of the files this command reads"),
        (["map", deck, "-o", folder / "link.html"], "cannot write the page: is not a regular file"),
        (["map", deck, "-o", "/dev/null"], "cannot write the page: is not a regular file"),
        (["map", deck, "-o", folder / "no" / "such" / "out.html"], "the folder"),
        (["export", deck, "-o", folder / "c.yaml"], "cannot write the PDF: is one of the files this command reads"),
        (["export", deck, "-o", folder / "fine.png"], "cannot write the PDF: is one of the files this command reads"),
        (["export", deck, "-o", "/dev/null"], "cannot write the PDF: is not a regular file"),
    ]
    for args, message in cases:
        result = run(*args)
        assert result.returncode == 1, args
        assert message in result.stderr and "Traceback" not in result.stderr, (args, result.stderr)
    assert {p: p.read_bytes() for p in before} == before
    assert (folder / "link.html").is_symlink() and (folder / "elsewhere.html").read_text() == "kept"
    assert Path("/dev/null").is_char_device()
    assert not (folder / "no").exists()


POOL = ["pipe.png", "zero.png", "huge.png", "outside.png", "folder.png", "missing.png", "fine.png", "/dev/zero"]


@settings(
    max_examples=int(os.environ.get("KZVIEWER_FUZZ_FILES", "6")),
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture],
)
@given(
    slide=st.sampled_from(POOL),
    notes=st.sampled_from(POOL),
    drawn=st.sampled_from(POOL),  # what an SVG in the deck refers to
    countries=st.sampled_from([*POOL, "c.yaml"]),
)
def test_any_mix_of_special_files_ends_in_time_without_a_traceback(tmp_path_factory, slide, notes, drawn, countries):
    folder = _pool(tmp_path_factory.mktemp("fuzz"))
    (folder / "c.yaml").write_text("groups: {g: {label: G, color: '#123456'}}\ncountries: {KAZ: {group: g}}\n")
    (folder / "drawing.svg").write_text(
        f'<svg xmlns="http://www.w3.org/2000/svg" width="9" height="9"><image href="{drawn}" width="9"/></svg>'
    )
    deck = write(
        folder,
        f"---\ntitle: T\ncountries: {countries}\n---\n# S\n\n![a]({slide}) ![b](drawing.svg)\n\nNote:\n![c]({notes})\n",
    )
    for args in (["check", deck], ["map", deck, "-o", folder / "out.html"], ["export", deck, "-o", folder / "out.pdf"]):
        result = run(*args)  # a hang fails with TimeoutExpired
        assert result.returncode in (0, 1), (args, result.stderr[-2000:])
        assert "Traceback" not in result.stderr, result.stderr[-2000:]
        if args[0] == "check":  # every problem as path:line: message
            assert all(re.match(r"^/\S+:\d+: \S", line) for line in result.stdout.splitlines()), result.stdout


def _pool(deck: Path) -> Path:
    """In the folder ``deck``: a FIFO, a link to /dev/zero, a link out of the
    folder, a 6 GB sparse file (it takes no room on the disk) that starts
    like a PNG, a folder, and a fine (if tiny) PNG."""
    os.mkfifo(deck / "pipe.png")
    (deck / "zero.png").symlink_to("/dev/zero")
    (deck.parent / "secret.png").write_bytes(PNG_START)
    (deck / "outside.png").symlink_to(deck.parent / "secret.png")
    with open(deck / "huge.png", "wb") as handle:
        handle.write(PNG_START)
        handle.truncate(6_000_000_000)
    (deck / "folder.png").mkdir()
    (deck / "fine.png").write_bytes(PNG_START)
    return deck
