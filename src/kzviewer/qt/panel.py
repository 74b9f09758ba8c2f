"""The country panel: what the map's clicked country is and whom it borders."""

from __future__ import annotations

from PySide6.QtWidgets import QTextBrowser, QWidget

from kzviewer.report import CountryReport

HINT = ("<h2>Countries</h2><p>Point at a country on the map to see its name; "
        "click it to read about it here.</p>")


class CountryPanel(QTextBrowser):
    """Shows a :class:`CountryReport`; never follows links itself."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setOpenLinks(False)
        self.setMinimumWidth(240)
        self.report: CountryReport | None = None
        self.setHtml(HINT)

    def show_report(self, report: CountryReport) -> None:
        self.report = report
        self.setHtml(report.to_html())
