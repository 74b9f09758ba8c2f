"""Official land border lengths from the CIA World Factbook, by ISO3 pair.

Reads ``data/factbook-land-boundaries.csv`` (see ``data/README.md``): every
land boundary as each country's record gives it.  Names become ISO 3166-1
alpha-3 codes; the parts a qualifier adds are added ("China (southeast) 4,133
km and China (south) 46 km" is one border of 4,179 km); and the two sides of
each border are compared.  Where they disagree both figures are kept, rather
than one picked silently.
"""

from __future__ import annotations

import csv
import re
from collections import defaultdict
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path

FACTBOOK_CSV = Path(__file__).resolve().parent / "data" / "factbook-land-boundaries.csv"
SOURCE = "CIA World Factbook"

# The Factbook's own spellings, and entities the map data does not have.
ALIASES: dict[str, str | None] = {
    "Burma": "MMR",
    "Cote d'Ivoire": "CIV",
    "C&ocirc;te d'Ivoire": "CIV",
    "DRC": "COD",
    "Democratic Republic of the Congo": "COD",
    "Republic of the Congo": "COG",
    "Gaza Strip": "PSE",
    "Gaza, Gaza Strip": "PSE",
    "West Bank": "PSE",
    "Holy See": "VAT",
    "Holy See (Vatican City)": "VAT",
    "Macedonia": "MKD",
    "North Macedonia": "MKD",
    "Saint Martin": "MAF",
    "Saint Martin (France)": "MAF",
    "Sint Maarten": "SXM",
    "The Dominican": "DOM",
    "The Gambia": "GMB",
    "UAE": "ARE",
    "UK": "GBR",
    "US": "USA",
    "United States": "USA",
    "Kosovo": "XKX",
    "Western Sahara": "ESH",
    "Akrotiri": None,  # British bases on Cyprus: not in the map data
    "Dhekelia": None,
    "US Naval Base at Guantanamo Bay": None,
    "none": None,  # an island's record: no land boundary
    "French Guiana": "FRA",  # Natural Earth draws it as part of France
}
# Records whose country name is missing, by their Factbook code; None: not a country.
BY_FIPS: dict[str, str | None] = {"ct": "CAF", "ee": None}  # the Central African Republic; the European Union

_PART = re.compile(r"(?:^|,|\band\b)\s*([A-Z][^,()\d]*?)\s*(?:\([^)]*\))?\s+([\d,]+(?:\.\d+)?)\s*km")


@dataclass(frozen=True)
class Official:
    km: float  # as the first country's record (in ISO3 order) gives it
    km_b: float | None = None  # as the second's gives it, where the two disagree


def read(names: Mapping[str, str], path: Path = FACTBOOK_CSV) -> tuple[dict[tuple[str, str], Official], list[str]]:
    """The official length of every border, by sorted ISO3 pair, and the
    names that could not be matched.  ``names`` maps country names (the
    geodata's) to ISO3 codes."""
    code = _coder(names)
    sides: dict[tuple[str, str], float] = defaultdict(float)  # (country, neighbour) -> km, from the country's record
    unknown: set[str] = set()
    with path.open(encoding="utf-8") as handle:
        for row in csv.DictReader(handle):
            country = BY_FIPS[row["fips"]] if row["fips"] in BY_FIPS else code(row["country"], unknown)
            if country is None:
                continue
            parts = [(row["neighbour"], float(row["km"]))]
            parts += [(name, float(km.replace(",", ""))) for name, km in _PART.findall(row["qualifier"] or "")]
            for name, km in parts:
                neighbour = code(name, unknown)
                if neighbour is not None and neighbour != country:
                    sides[(country, neighbour)] += km
    official: dict[tuple[str, str], Official] = {}
    for country, neighbour in list(sides):
        a, b = sorted((country, neighbour))
        if (a, b) in official:
            continue
        mine, theirs = sides.get((a, b)), sides.get((b, a))
        given = [k for k in (mine, theirs) if k is not None]
        disagree = len(given) == 2 and abs(given[0] - given[1]) > 0.5
        official[(a, b)] = Official(given[0], given[1] if disagree else None)
    return official, sorted(unknown)


def _coder(names: Mapping[str, str]) -> Callable[[str, set[str]], str | None]:
    import pycountry

    def code(name: str, unknown: set[str]) -> str | None:
        name = name.strip()
        bare = re.sub(r"\s*\([^)]*\)$", "", name)
        for key in (name, bare):
            if key in ALIASES:
                return ALIASES[key]
            if key in names:
                return names[key]
        try:
            return str(pycountry.countries.lookup(bare).alpha_3)
        except LookupError:
            unknown.add(name)
            return None

    return code
