"""The country panel: the part in the argument of the country or border selected."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QUrl, Signal
from PySide6.QtWidgets import QTextBrowser, QWidget

from kzviewer.errors import KzError
from kzviewer.geo.data import load_geodata
from kzviewer.i18n import _
from kzviewer.mapping.snapshot import SelectedBorder, SelectedCountry, SelectedFeature, Selection
from kzviewer.model.bindings import keys_of
from kzviewer.model.presentation import Presentation
from kzviewer.qt.subscribe import subscribe

if TYPE_CHECKING:  # the reports (and the layers they read) are imported at the first selection, not at start-up
    from kzviewer.report import BorderReport, CountryReport, FeatureReport


def hint() -> str:
    # TRANSLATORS: the country panel's heading before a country is chosen
    heading = _("Countries")
    point = _("Point at a country on the map to see its name; click it to read its part in the argument here.")
    press = _("Press <b>{keys}</b> to put the map back to the slide's own view.").format(keys=keys_of("reset-map"))
    return f"<h2>{heading}</h2><p>{point}</p><p>{press}</p>"


class CountryPanel(QTextBrowser):
    """Shows the report of the presentation's selection; its links go to a
    slide or select another country, never to the web."""

    failed = Signal(object)  # a KzError: the map data needed for the report is damaged

    def __init__(self, presentation: Presentation, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.presentation = presentation
        self.setOpenLinks(False)
        self.setMinimumWidth(240)
        self.report: CountryReport | BorderReport | FeatureReport | None = None
        self.anchorClicked.connect(self._follow)
        subscribe(self, presentation.selection_changed, self._show)
        subscribe(self, presentation.deck_changed, lambda _deck: self._show(presentation.selection))
        self._show(presentation.selection)

    def _show(self, selection: Selection | None) -> None:
        self.report = None
        if selection is not None:
            from kzviewer.geo.layers import DataError  # imported with the reports, at the first selection

            try:
                self.report = self._report(selection)
            except KzError as err:
                self.failed.emit(err)
            except DataError:  # a layer's data changed since the deck was read: the next check says how
                pass
        self.setHtml(self.report.to_html() if self.report is not None else hint())

    def _report(self, selection: Selection) -> CountryReport | BorderReport | FeatureReport | None:
        from kzviewer.report import border_report, country_report, feature_report

        deck = self.presentation.deck
        if isinstance(selection, SelectedCountry):
            layers = self.presentation.map_state.layers
            return country_report(selection.iso3, load_geodata(), deck, layers)
        if isinstance(selection, SelectedFeature):
            return feature_report(deck, selection.layer, selection.index)
        if isinstance(selection, SelectedBorder):
            return border_report(selection.a, selection.b, load_geodata(), self.presentation.deck.countries)
        return None

    def _follow(self, url: QUrl) -> None:
        kind, _, value = url.toString().partition(":")
        if kind == "slide" and value.isdigit():
            self.presentation.go(int(value))
        elif kind == "country" and len(value) == 3 and value.isalpha():
            self.presentation.select_country(value)
