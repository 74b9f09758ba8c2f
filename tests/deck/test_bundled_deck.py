"""The bundled lecture: clean, complete, and true to the checked facts."""

from __future__ import annotations

import pytest

from kzviewer import resources
from kzviewer.deck.parser import load_deck

# Every country the article names (and the EU, by its members).
NAMED = [
    "KAZ",
    "RUS",
    "CHN",
    "USA",
    "UZB",
    "KGZ",
    "TJK",
    "TKM",
    "AFG",
    "PAK",
    "MNG",
    "PRK",
    "AZE",
    "TUR",
    "SYR",
    "IRN",
    "UKR",
    "CHE",
    "SGP",
]
EU = [
    "AUT",
    "BEL",
    "BGR",
    "HRV",
    "CYP",
    "CZE",
    "DNK",
    "EST",
    "FIN",
    "FRA",
    "DEU",
    "GRC",
    "HUN",
    "IRL",
    "ITA",
    "LVA",
    "LTU",
    "LUX",
    "MLT",
    "NLD",
    "POL",
    "PRT",
    "ROU",
    "SVK",
    "SVN",
    "ESP",
    "SWE",
]


@pytest.fixture(scope="module")
def deck():
    return load_deck(resources.bundled_deck())  # raises DeckError on any problem


def test_has_the_shape_of_a_lecture(deck):
    assert 16 <= len(deck.slides) <= 24
    assert all(s.title for s in deck.slides)
    assert all(len(s.notes) > 80 for s in deck.slides), "every slide has notes the presenter can use"
    assert all(s.map_line or s.number > 1 for s in deck.slides)
    assert all(s.map.highlight for s in deck.slides), "the map always shows what the slide is about"


def test_title_slide_credits_the_article(deck):
    first = deck.slides[0]
    text = first.title + first.body
    assert first.title == deck.title == "What Kazakhstan Can Teach About Medium-State Diplomacy"
    for part in ["Iskander Akylbayev", "Brian Y. S. Wong", "Foreign Policy", "4 May 2021"]:
        assert part in text


def test_closes_with_sources(deck):
    assert deck.slides[-1].title == "Sources"
    assert "CIA World Factbook" in deck.slides[-1].body and "Natural Earth" in deck.slides[-1].body


def test_follows_the_article_in_order(deck):
    titles = [s.title for s in deck.slides]
    order = [
        "An interesting neighbourhood",
        "One of three",
        "A division of labour",
        "China's security turn",
        "Russia's institution: the Eurasian Economic Union",
        "Hedging: keeping the West close",
        "Useful to all, allied to none",
        'The "Asian Geneva"',
        "Mediation on the record",
        'Tokayev\'s "hearing state"',
        "Challengers",
        "Vaccine diplomacy",
        "A C5 of its own",
        "Middle powers elsewhere",
        "Lessons",
    ]
    assert [t for t in titles if t in order] == order


def test_uses_the_checked_figures(deck):
    text = "\n".join(s.body + "\n" + s.notes for s in deck.slides)
    for figure in ["7,644", "1,765", "4,630", "3,452", "1,352", "18 km", "1,357", "984", "13,364", "2,724,900"]:
        assert figure in text
    for stale in ["6,846", "1,533", "12,012"]:  # the 1994 Factbook's figures
        assert stale not in text or "do not" in text
    assert "Russia, Turkey and Iran" in text, "the Astana talks' real guarantors"
    assert "15 March 2018" in text and "29 November 2019" in text


def test_maps_show_the_slides_subjects(deck):
    by_title = {s.title: s.map for s in deck.slides}
    assert set(by_title["One of three"].highlight) >= {"KAZ", "MNG", "PRK", "RUS", "CHN"}
    assert ("AFG", "TJK") in by_title["China's security turn"].borders
    assert "urumqi" in by_title["China's security turn"].places
    assert set(by_title["Russia's institution: the Eurasian Economic Union"].highlight) == {
        "RUS",
        "BLR",
        "KAZ",
        "ARM",
        "KGZ",
    }
    assert set(by_title["A C5 of its own"].places) >= {"astana", "tashkent", "bishkek"}


def test_every_country_on_a_map_has_a_role_or_is_plainly_not_discussed(deck):
    on_maps = {c for s in deck.slides for c in s.map.highlight + s.map.fit}
    on_maps |= {c for s in deck.slides for link in s.map.links for c in (link.source, link.target)}
    roles = deck.countries.countries
    assert on_maps <= set(roles)
    named_on_maps = on_maps - {"BLR", "ARM", "IND"}  # members of blocs, not discussed by the article
    assert all(roles[c].role for c in named_on_maps)


def test_every_country_the_article_names_has_a_role(deck):
    roles = deck.countries.countries
    for iso3 in NAMED + EU:
        assert roles[iso3].role, iso3
    assert len({roles[c].role for c in EU}) == 1, "the EU members share the EU's role"


def test_group_colours_are_distinct(deck):
    colours = [g.color.lower() for g in deck.countries.groups.values()]
    assert len(colours) == len(set(colours))
