"""The country panel: the clicked country's part in the argument and its borders."""

from __future__ import annotations

from PySide6.QtCore import QUrl, Signal
from PySide6.QtWidgets import QTextBrowser, QWidget

from kzviewer.report import BorderReport, CountryReport

HINT = (
    "<h2>Countries</h2><p>Point at a country on the map to see its name; "
    "click it to read its part in the argument here.</p>"
    "<p>Press <b>0</b> to put the map back to the slide's own view.</p>"
)


class CountryPanel(QTextBrowser):
    """Shows a report; its links go to a slide or to another country, never to the web."""

    slideRequested = Signal(int)
    countryRequested = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setOpenLinks(False)
        self.setMinimumWidth(240)
        self.report: CountryReport | BorderReport | None = None
        self.anchorClicked.connect(self._follow)
        self.clear_report()

    def show_report(self, report: CountryReport | BorderReport) -> None:
        self.report = report
        self.setHtml(report.to_html())

    def clear_report(self) -> None:
        self.report = None
        self.setHtml(HINT)

    def _follow(self, url: QUrl) -> None:
        kind, _, value = url.toString().partition(":")
        if kind == "slide" and value.isdigit():
            self.slideRequested.emit(int(value))
        elif kind == "country" and len(value) == 3 and value.isalpha():
            self.countryRequested.emit(value)
