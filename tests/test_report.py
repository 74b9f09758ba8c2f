"""What the country panel says, made without Qt or a display."""

from __future__ import annotations

from pathlib import Path

import pytest

from kzviewer import resources
from kzviewer.deck.countries import CountriesFile
from kzviewer.deck.parser import load_deck
from kzviewer.geo.data import load_geodata
from kzviewer.report import border_report, country_report


@pytest.fixture(scope="module")
def deck():
    return load_deck(resources.bundled_deck())


def test_kazakhstan_its_role_slides_and_borders_longest_first(deck):
    report = country_report("KAZ", load_geodata(), deck)
    assert report.name == "Kazakhstan" and report.group == "Kazakhstan" and report.role
    assert [b.neighbour for b in report.borders] == ["Russia", "Uzbekistan", "China", "Kyrgyzstan", "Turkmenistan"]
    assert (report.borders[0].official_km, round(report.borders[0].drawn_km)) == (7644, 6661)
    assert report.focus is None  # it is the deck's main country
    assert report.slides[0] == (2, deck.slide(2).title)  # the title slide is not "about" it


def test_a_country_the_argument_skips_says_so_and_how_it_touches_kazakhstan(deck):
    geo = load_geodata()
    brazil = country_report("BRA", geo, deck)
    assert brazil.role == "" and brazil.slides == ()
    html = brazil.to_html()
    assert "The argument of this deck does not discuss Brazil." in html
    assert "Brazil shares no land border with Kazakhstan." in html
    china = country_report("CHN", geo, deck).to_html()
    assert "China borders Kazakhstan: 1,765 km officially, 1,504 km as drawn." in china


def test_a_border_and_an_unknown_one(deck):
    geo = load_geodata()
    report = border_report("RUS", "KAZ", geo, CountriesFile(Path()))
    assert report is not None and report.a == ("KAZ", "Kazakhstan") and report.b == ("RUS", "Russia")
    assert "7,644 km" in report.to_html() and "6,661 km" in report.to_html()
    assert border_report("KAZ", "BRA", geo, CountriesFile(Path())) is None


def test_text_from_the_deck_is_escaped(deck):
    from dataclasses import replace

    from kzviewer.deck.countries import CountryRole

    countries = replace(deck.countries, countries={"KAZ": CountryRole("KAZ", "focus", "<script>x</script> & co")})
    html = country_report("KAZ", load_geodata(), replace(deck, countries=countries)).to_html()
    assert "<script>" not in html and "&lt;script&gt;x&lt;/script&gt; &amp; co" in html
