"""Write small decks and countries files for the parser tests."""

from __future__ import annotations

import textwrap
from pathlib import Path

import pytest

COUNTRIES = """\
groups:
  focus: {label: Kazakhstan, color: "#0072B2"}
  big:   {label: Great powers, color: "#D55E00"}
countries:
  KAZ: {group: focus, role: The subject., slides: [1]}
  RUS: {group: big, role: A neighbour.}
places:
  astana: {name: Astana, lat: 51.17, lon: 71.45}
"""


@pytest.fixture
def write_deck(tmp_path):
    """write_deck(text, countries=COUNTRIES) -> the deck's path; text is dedented."""

    def write(text: str, countries: str | None = COUNTRIES) -> Path:
        if countries is not None:
            (tmp_path / "c.yaml").write_text(countries, encoding="utf-8")
        path = tmp_path / "deck.md"
        path.write_text(textwrap.dedent(text), encoding="utf-8")
        return path

    return write
