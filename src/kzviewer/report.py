"""What the country panel says about a country: pure data and its HTML."""

from __future__ import annotations

from dataclasses import dataclass
from html import escape

from kzviewer.deck.countries import CountriesFile
from kzviewer.geo.data import Border, GeoData

NOT_DISCUSSED = "The argument of this deck does not discuss {name}."


@dataclass(frozen=True)
class BorderLine:
    neighbour: str  # its name
    iso3: str
    official_km: float | None
    drawn_km: float
    source: str | None


@dataclass(frozen=True)
class CountryReport:
    iso3: str
    name: str
    group: str | None  # the group's label
    color: str | None
    role: str
    borders: tuple[BorderLine, ...]

    def to_html(self) -> str:
        parts = [f"<h2>{escape(self.name)}</h2>"]
        if self.group:
            swatch = f'<span style="color:{escape(self.color or "#000")}">&#9632;</span> '
            parts.append(f"<p>{swatch}{escape(self.group)}</p>")
        if self.role:
            parts.append(f"<p>{escape(self.role)}</p>")
        elif self.group is None:
            parts.append(f"<p><i>{escape(NOT_DISCUSSED.format(name=self.name))}</i></p>")
        if self.borders:
            rows = "".join(
                f"<tr><td>{escape(b.neighbour)}</td>"
                f"<td align='right'>{_km(b.official_km)}</td>"
                f"<td align='right'>{_km(b.drawn_km)}</td></tr>"
                for b in self.borders
            )
            parts.append(
                "<h3>Land borders</h3>"
                "<table cellspacing='0' cellpadding='3' width='100%'>"
                "<tr><th align='left'>Neighbour</th><th align='right'>Official</th>"
                "<th align='right'>As drawn</th></tr>"
                f"{rows}</table>"
                "<p style='color:#555;font-size:small'>Official lengths: CIA World Factbook "
                "(where given). As drawn: measured on the map's Natural Earth 1:10m lines, "
                "which are generalised and so come out shorter.</p>"
            )
        else:
            parts.append("<p>No land borders in the map data.</p>")
        return "\n".join(parts)


def _km(value: float | None) -> str:
    return "—" if value is None else f"{value:,.0f} km"


def country_report(iso3: str, geo: GeoData, countries: CountriesFile) -> CountryReport:
    entry = countries.countries.get(iso3)
    group = countries.groups.get(entry.group) if entry else None
    return CountryReport(
        iso3=iso3,
        name=geo.name(iso3),
        group=group.label if group else None,
        color=group.color if group else None,
        role=entry.role if entry else "",
        borders=tuple(_line(iso3, b, geo) for b in geo.borders_of(iso3)),
    )


def _line(iso3: str, border: Border, geo: GeoData) -> BorderLine:
    other = border.other(iso3)
    return BorderLine(geo.name(other), other, border.official_km, border.length_km, border.source)
