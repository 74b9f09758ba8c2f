"""The command line: exit codes, messages, and files written whole or not at all."""

from __future__ import annotations

import subprocess
import sys

from kzviewer.cli import main


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


def test_version():
    result = subprocess.run([sys.executable, "-m", "kzviewer", "--version"], capture_output=True, text=True)
    assert result.returncode == 0 and result.stdout.startswith("kzviewer ")
