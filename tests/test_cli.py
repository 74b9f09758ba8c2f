"""The command line: exit codes, messages, and files written whole or not at all."""

from __future__ import annotations

import subprocess
import sys

import pytest

from kzviewer.cli import main
from tests.bundled import COUNT, copy_lecture, number


def test_map_writes_a_standalone_page(tmp_path, capsys):
    out = tmp_path / "map.html"
    assert main(["map", "-o", str(out)]) == 0
    html = out.read_text(encoding="utf-8")
    assert html.startswith("<!DOCTYPE html>")
    assert "kz.start(" in html and "qwebchannel" not in html
    assert list(tmp_path.iterdir()) == [out], "no temporary file left beside it"
    assert str(out) in capsys.readouterr().err


def test_map_to_an_unwritable_place_exits_1_and_leaves_nothing(tmp_path, capsys):
    out = tmp_path / "missing-folder" / "map.html"
    (tmp_path / "missing-folder").write_text("a file, not a folder")
    assert main(["map", "-o", str(out)]) == 1
    err = capsys.readouterr().err
    assert err.startswith(f"kzviewer: {out}: cannot write the page")
    assert "Traceback" not in err
    assert sorted(p.name for p in tmp_path.iterdir()) == ["missing-folder"]


def test_bad_usage_exits_2():
    result = subprocess.run([sys.executable, "-m", "kzviewer", "map"], capture_output=True, text=True)
    assert result.returncode == 2
    assert "-o/--output" in result.stderr


@pytest.mark.parametrize("minutes", ["0", "601", "forty"])
def test_a_talks_duration_is_checked_before_any_window_opens(minutes):
    result = subprocess.run(
        [sys.executable, "-m", "kzviewer", "--duration", minutes], capture_output=True, text=True, timeout=60
    )
    assert result.returncode == 2
    assert "--duration" in result.stderr and "minutes" in result.stderr and "Traceback" not in result.stderr


def test_version():
    result = subprocess.run([sys.executable, "-m", "kzviewer", "--version"], capture_output=True, text=True)
    assert result.returncode == 0 and result.stdout.startswith("kzviewer ")


def test_check_passes_the_bundled_deck(capsys):
    assert main(["check"]) == 0
    out, err = capsys.readouterr()
    assert out == "" and err.endswith(f"{COUNT} slides, no problems\n")


def test_check_reports_every_problem_and_exits_1(tmp_path, capsys):
    deck = tmp_path / "deck.md"
    deck.write_text("---\ntitle: T\nsubtitel: x\n---\n# S\n```map\nfit: [KAX]\n```\n")
    assert main(["check", str(deck)]) == 1
    out, err = capsys.readouterr()
    assert out.splitlines()[0] == f"{deck}:3: unknown key 'subtitel' in the front matter (did you mean 'subtitle'?)"
    assert out.splitlines()[1].startswith(f"{deck}:7: unknown country code 'KAX' (did you mean 'KAZ'?)")
    assert err == f"{deck}: 2 problems\n"


def test_check_imports_no_qt_folium_or_geopandas():
    code = (
        "import sys\nfrom kzviewer.cli import main\nassert main(['check']) == 0\n"
        "print(sorted(m for m in ('PySide6', 'folium', 'geopandas', 'shapely', 'branca') if m in sys.modules))"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert result.stdout.strip() == "[]"


def test_opening_a_deck_that_is_not_there_exits_1(tmp_path, capsys):
    assert main([str(tmp_path / "nope.md")]) == 1
    assert capsys.readouterr().err == f"kzviewer: {tmp_path / 'nope.md'}: no such file\n"


def test_map_of_one_slide(tmp_path, capsys):
    out = tmp_path / "slide.html"
    assert main(["map", "--slide", str(number("China's security turn")), "-o", str(out)]) == 0
    html = out.read_text(encoding="utf-8")
    assert '"highlight":["CHN","TJK","AFG","PAK"]' in html and '"borders":["AFG-TJK"]' in html
    assert main(["map", "--slide", "99", "-o", str(tmp_path / "x.html")]) == 1
    assert f"--slide 99: the deck has slides 1 to {COUNT}" in capsys.readouterr().err
    assert not (tmp_path / "x.html").exists()


@pytest.fixture
def own_log(monkeypatch, tmp_path):
    """kzviewer's logging set up into this test's folder, and taken down after it."""
    import logging

    from kzviewer import logs

    monkeypatch.setattr(logs, "log_file", lambda: tmp_path / "kzviewer.log")
    levels = {logger: logger.level for logger in (logging.getLogger(), logging.getLogger("kzviewer"))}
    yield tmp_path / "kzviewer.log"
    for handler in [h for h in logging.getLogger().handlers if h.get_name() == "kzviewer"]:
        logging.getLogger().removeHandler(handler)
        handler.close()
    for logger, level in levels.items():
        logger.setLevel(level)


def test_a_grown_log_is_set_aside_at_start_up(own_log, tmp_path):
    import logging

    from kzviewer import logs

    (tmp_path / "kzviewer.log").write_text("x" * (logs.LOG_BYTES + 1), encoding="utf-8")
    (tmp_path / "kzviewer.log.1").write_text("older", encoding="utf-8")
    (tmp_path / "kzviewer.log.2").write_text("oldest", encoding="utf-8")
    logs.set_up_logging(verbose=False)
    logging.getLogger("kzviewer.test").warning("after the start")
    assert "after the start" in (tmp_path / "kzviewer.log").read_text(encoding="utf-8")
    assert (tmp_path / "kzviewer.log").stat().st_size < 1000
    assert (tmp_path / "kzviewer.log.1").stat().st_size == logs.LOG_BYTES + 1
    assert (tmp_path / "kzviewer.log.2").read_text(encoding="utf-8") == "older"  # the oldest is gone


def test_verbose_shows_kzviewers_own_debugging_and_not_its_libraries(own_log, tmp_path, capsys):
    import logging

    from kzviewer.deck.parser import load_deck

    deck = copy_lecture(tmp_path)
    assert main(["check", "-v", str(deck)]) == 0
    load_deck(deck).slides[0].body_html  # noqa: B018 (Markdown made HTML, as the window does)
    logging.getLogger("kzviewer.test").debug("kzviewer's own")
    logging.getLogger("markdown_it.test").info("a library's news")
    err = capsys.readouterr().err
    assert "kzviewer's own" in err and "a library's news" in err
    assert "DEBUG markdown_it" not in err, "the Markdown parser's debugging, a line per block"
