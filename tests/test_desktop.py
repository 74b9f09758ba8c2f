"""The application menu's entry (Linux): written for the user, valid, and starting this kzviewer."""

from __future__ import annotations

import configparser
import os
import shlex
import subprocess
import sys
import xml.etree.ElementTree as ET

from kzviewer.desktop import entry


def _read(path):
    parser = configparser.ConfigParser(interpolation=None)
    parser.optionxform = str  # keys keep their case
    parser.read(path, encoding="utf-8")
    return parser["Desktop Entry"]


def test_the_command_writes_an_entry_and_an_icon_for_the_user(tmp_path):
    env = dict(os.environ, XDG_DATA_HOME=str(tmp_path))
    result = subprocess.run(
        [sys.executable, "-m", "kzviewer", "--install-desktop-entry"], env=env, capture_output=True, text=True
    )
    assert result.returncode == 0, result.stderr
    desktop = tmp_path / "applications" / "kzviewer.desktop"
    icon = tmp_path / "icons" / "hicolor" / "scalable" / "apps" / "kzviewer.svg"
    assert f"wrote {desktop}" in result.stderr and f"wrote {icon}" in result.stderr
    fields = _read(desktop)
    assert fields["Type"] == "Application" and fields["Icon"] == "kzviewer" and fields["Terminal"] == "false"
    command = shlex.split(fields["Exec"].removesuffix(" %f"))
    started = subprocess.run([*command, "--version"], capture_output=True, text=True, env=env)
    assert started.stdout.startswith("kzviewer "), "the entry starts this kzviewer"
    assert fields["GenericName[ru]"] == "Слайды лекции с живой картой"
    assert fields["MimeType"] == "text/markdown;"
    assert ET.parse(icon).getroot().tag.endswith("svg")


def test_exec_quotes_what_the_specification_asks_to():
    line = next(x for x in entry(["/home/a b/.venv/bin/kzviewer", '100%"$x']).splitlines() if x.startswith("Exec="))
    assert line == 'Exec="/home/a b/.venv/bin/kzviewer" "100%%\\\\"\\\\$x" %f'
