"""What the country panel says about a country or a border: pure data and its HTML.

Links in the HTML are ``slide:N`` (go to a slide) and ``country:ISO`` (show
another country); the panel handles them itself and follows nothing else.
"""

from __future__ import annotations

from dataclasses import dataclass
from html import escape

from kzviewer.deck.countries import CountriesFile
from kzviewer.deck.model import Deck
from kzviewer.geo.data import Border, GeoData
from kzviewer.i18n import N_, _, format_number

NOT_DISCUSSED = N_("The argument of this deck does not discuss {name}.")
LENGTH_NOTE = N_(
    "Official lengths: CIA World Factbook (— where it gives none: Hong Kong, Macao, the Siachen Glacier and "
    "Somaliland). As drawn: measured on the map's generalised Natural Earth 1:10m lines; most come out "
    "shorter than the official figure, a few short ones longer."
)


@dataclass(frozen=True)
class BorderLine:
    neighbour: str  # its name
    iso3: str
    official_km: float | None
    drawn_km: float
    source: str | None
    official_km_b: float | None = None  # the neighbour's record's figure, where it differs

    @property
    def official(self) -> str:
        return _official(self.official_km, self.official_km_b)


@dataclass(frozen=True)
class CountryReport:
    iso3: str
    name: str
    group: str | None  # the group's label
    color: str | None
    role: str
    slides: tuple[tuple[int, str], ...]  # (number, title) where the deck discusses it
    borders: tuple[BorderLine, ...]
    focus: tuple[str, str] | None = None  # (iso3, name) of the deck's main country, if another
    values: tuple[tuple[str, str], ...] = ()  # (a choropleth's label, the country's value) on the slide

    def to_html(self) -> str:
        parts = [f"<h2>{escape(self.name)}</h2>"]
        if self.group:
            swatch = f'<span style="color:{escape(self.color or "#000")}">&#9632;</span> '
            parts.append(f"<p>{swatch}{escape(self.group)}</p>")
        for label, shown in self.values:
            parts.append(f"<p><b>{escape(label)}:</b> {escape(shown)}</p>")
        if self.role:
            parts.append(f"<p>{escape(self.role)}</p>")
        else:
            parts.append(f"<p><i>{escape(_(NOT_DISCUSSED).format(name=self.name))}</i></p>")
        if self.focus:
            shared = next((b for b in self.borders if b.iso3 == self.focus[0]), None)
            parts.append(f"<p>{_focus_line(self.name, self.focus[1], shared)}</p>")
        # TRANSLATORS: heading over the links to the slides that discuss the country
        in_the_slides = _("In the slides")
        if len(self.slides) > 6:  # a long list: the numbers alone
            links = " · ".join(f"<a href='slide:{n}'>{n}</a>" for n, _title in self.slides)
            parts.append(f"<h3>{in_the_slides}</h3><p>{links}</p>")
        elif self.slides:
            links = "<br>".join(f"<a href='slide:{n}'>{n}. {escape(title)}</a>" for n, title in self.slides)
            parts.append(f"<h3>{in_the_slides}</h3><p>{links}</p>")
        if self.borders:
            rows = "".join(
                f"<tr><td><a href='country:{b.iso3}'>{escape(b.neighbour)}</a></td>"
                f"<td align='right'>{b.official}</td>"
                f"<td align='right'>{_km(b.drawn_km)}</td></tr>"
                for b in self.borders
            )
            differ = "".join(
                f"<br>{escape(self.name)}–{escape(b.neighbour)}: {_differ(self.name, b.neighbour, b)}"
                for b in self.borders
                if b.official_km_b is not None
            )
            # TRANSLATORS: column heading: the neighbouring country
            neighbour = _("Neighbour")
            # TRANSLATORS: column heading: the border's length as the CIA World Factbook gives it
            official = _("Official")
            # TRANSLATORS: column heading: the border's length measured on the lines the map draws
            drawn = _("As drawn")
            heading = _("Land borders")
            parts.append(
                f"<h3>{heading}</h3>"
                "<table cellspacing='0' cellpadding='3' width='100%'>"
                f"<tr><th align='left'>{neighbour}</th><th align='right'>{official}</th>"
                f"<th align='right'>{drawn}</th></tr>"
                f"{rows}</table>"
                f"<p style='color:#555;font-size:small'>{_(LENGTH_NOTE)}{differ}</p>"
            )
        else:
            parts.append("<p>" + _("No land borders in the map data.") + "</p>")
        return "\n".join(parts)


@dataclass(frozen=True)
class BorderReport:
    a: tuple[str, str]  # (iso3, name)
    b: tuple[str, str]
    official_km: float | None
    drawn_km: float
    source: str | None
    official_km_b: float | None = None

    def to_html(self) -> str:
        (a, a_name), (b, b_name) = self.a, self.b
        # TRANSLATORS: the official length of a border the CIA World Factbook gives none for
        official = _("not given")
        if self.official_km is not None:
            official = f"{_official(self.official_km, self.official_km_b)} ({escape(self.source or '')})"
        differ = ""
        if self.official_km_b is not None:
            line = BorderLine(b_name, b, self.official_km, self.drawn_km, self.source, self.official_km_b)
            text = _differ(a_name, b_name, line)
            differ = f"<p>{text[0].upper()}{text[1:]}</p>"
        official_length, as_drawn = _("Official length"), _("As drawn on this map")
        return (
            f"<h2>{escape(a_name)} – {escape(b_name)}</h2>"
            "<table cellspacing='0' cellpadding='3'>"
            f"<tr><td>{official_length}</td><td align='right'>{official}</td></tr>"
            f"<tr><td>{as_drawn}</td><td align='right'>{_km(self.drawn_km)}</td></tr></table>"
            f"{differ}"
            f"<p><a href='country:{a}'>{escape(a_name)}</a> · <a href='country:{b}'>{escape(b_name)}</a></p>"
            f"<p style='color:#555;font-size:small'>{_(LENGTH_NOTE)}</p>"
        )


def _km(value: float | None) -> str:
    """A length for the HTML of a report."""
    if value is None:
        return "—"
    if value < 1:
        # TRANSLATORS: the length of a border shorter than a kilometre
        return escape(_("< 1 km"))
    # TRANSLATORS: a length in kilometres; {km} is the number, as "1,504"
    return _("{km} km").format(km=format_number(value))


def _official(km: float | None, km_b: float | None) -> str:
    """An official length; where the two countries' records differ, both, lower first."""
    if km is None or km_b is None:
        return _km(km)
    low, high = sorted((km, km_b))
    # TRANSLATORS: a border's official length where the two countries' records differ, as "1,765–1,783 km"
    return _("{low}–{high} km").format(low=format_number(low), high=format_number(high))


def _differ(name: str, neighbour: str, line: BorderLine) -> str:
    """Which record gives which figure, where a border's two records differ."""
    # TRANSLATORS: follows "Kazakhstan–Russia: " (and starts a sentence of its own, capitalised, elsewhere)
    return _("the Factbook's record of {name} gives {length}, that of {neighbour} {other_length}.").format(
        name=escape(name),
        length=_km(line.official_km),
        neighbour=escape(neighbour),
        other_length=_km(line.official_km_b),
    )


def _focus_line(name: str, focus: str, shared: BorderLine | None) -> str:
    if shared is None:
        return _("{name} shares no land border with {focus}.").format(name=escape(name), focus=escape(focus))
    if shared.official_km:
        return _("{name} borders {focus}: {official} officially, {drawn} as drawn.").format(
            name=escape(name), focus=escape(focus), official=shared.official, drawn=_km(shared.drawn_km)
        )
    return _("{name} borders {focus}: {drawn} as drawn.").format(
        name=escape(name), focus=escape(focus), drawn=_km(shared.drawn_km)
    )


def focus_country(countries: CountriesFile) -> str | None:
    """The deck's main country: the only member of the first group, if it has one member."""
    if not countries.groups:
        return None
    first = next(iter(countries.groups))
    members = [c.iso3 for c in countries.countries.values() if c.group == first]
    return members[0] if len(members) == 1 else None


@dataclass(frozen=True)
class FeatureReport:
    """A feature of one of the deck's data layers: its layer, its label, its fields."""

    layer: str  # the layer's label
    label: str  # the feature's (its label_field's value), or ""
    fields: tuple[tuple[str, str], ...]
    source: str

    def to_html(self) -> str:
        parts = [f"<h2>{escape(self.label or self.layer)}</h2>", f"<p><i>{escape(self.layer)}</i></p>"]
        if self.fields:
            rows = "".join(f"<tr><td>{escape(k)}</td><td>{escape(v)}</td></tr>" for k, v in self.fields)
            parts.append(f"<table cellspacing='0' cellpadding='3'>{rows}</table>")
        if self.source:
            # TRANSLATORS: before a data layer's source, in the panel: "Source: Own sketch from …"
            source = _("Source: {source}").format(source=escape(self.source))
            parts.append(f"<p style='color:#555;font-size:small'>{source}</p>")
        return "\n".join(parts)


def feature_report(deck: Deck, layer: str, index: int) -> FeatureReport | None:
    """The report of feature ``index`` of the deck's layer ``layer`` (None if there is no such feature)."""
    from kzviewer.geo.layers import read_features

    spec = deck.layers.get(layer)
    if spec is None or spec.choropleth:
        return None
    features = read_features(spec.path, deck.path.parent, spec.layer, spec.read_fields).features
    if not 0 <= index < len(features):
        return None
    properties = features[index]["properties"]
    label = properties.get(spec.label_field, "") if spec.label_field else ""
    fields = tuple((name, str(properties.get(name, ""))) for name in spec.fields)
    return FeatureReport(spec.label, label, fields, spec.source)


def layer_values(deck: Deck, layers: tuple[str, ...], iso3: str, countries: set[str]) -> tuple[tuple[str, str], ...]:
    """A country's values in the choropleths among ``layers`` (a slide's)."""
    from kzviewer.geo.layers import read_table

    found = []
    for layer in layers:
        spec = deck.layers.get(layer)
        if spec is None or not spec.choropleth:
            continue
        value = read_table(spec.path, deck.path.parent, spec.key, spec.column, countries).values.get(iso3)
        if value is not None:
            found.append((spec.label, f"{value} {spec.unit}".strip()))
    return tuple(found)


def country_report(iso3: str, geo: GeoData, deck: Deck, layers: tuple[str, ...] = ()) -> CountryReport:
    countries = deck.countries
    entry = countries.countries.get(iso3)
    group = countries.groups.get(entry.group) if entry else None
    slides = tuple((n, deck.slide(n).title) for n in (entry.slides if entry else ()) if n <= len(deck.slides))
    focus = focus_country(countries)
    return CountryReport(
        iso3=iso3,
        name=countries.name(iso3, geo),
        group=group.label if group else None,
        color=group.color if group else None,
        role=entry.role if entry else "",
        slides=slides,
        borders=tuple(_line(iso3, b, geo, countries) for b in geo.borders_of(iso3)),
        focus=(focus, countries.name(focus, geo)) if focus and focus != iso3 else None,
        values=layer_values(deck, layers, iso3, set(geo.countries)) if layers else (),
    )


def border_report(a: str, b: str, geo: GeoData, countries: CountriesFile) -> BorderReport | None:
    border = geo.border(a, b)
    if border is None:
        return None
    return BorderReport(
        (border.a, countries.name(border.a, geo)),
        (border.b, countries.name(border.b, geo)),
        border.official_km,
        border.length_km,
        border.source,
        border.official_km_b,
    )


def _line(iso3: str, border: Border, geo: GeoData, countries: CountriesFile) -> BorderLine:
    """A border as one country lists it: its own record's figure first."""
    other = border.other(iso3)
    km, km_b = border.official_km, border.official_km_b
    if km_b is not None and iso3 == border.b:
        km, km_b = km_b, km
    return BorderLine(countries.name(other, geo), other, km, border.length_km, border.source, km_b)
