"""The language kzviewer speaks: English, Russian or Kazakh.

Every word the app shows is marked where it is written: ``_("Open…")`` is
translated at once, ``N_("Open…")`` marks a message kept in a constant and
translated where it is shown (``_(MESSAGE)``).  Placeholders are named
(``_("{path} was not written").format(path=...)``), so that a translation
may put them in its own order.  The catalogues are gettext's: sources in
``locale/kzviewer.pot`` and ``locale/<lang>/LC_MESSAGES/kzviewer.po``, compiled
to ``.mo`` beside them (``scripts/translations``); a message not translated
is shown in English.

Country names come from CLDR through Babel, by two-letter code; the few
territories CLDR has no code for are named in ``UNNAMED``.

The language is one per run, chosen once at start-up (``choose``) before
anything is shown; log messages stay in English, for whoever reads the log.
"""

from __future__ import annotations

import functools
import gettext
import locale
import os
from collections.abc import Mapping
from pathlib import Path

DOMAIN = "kzviewer"
LOCALE_DIR = Path(__file__).with_name("locale")

# The languages kzviewer speaks, each named in itself.
LANGUAGES = {"en": "English", "ru": "Русский", "kk": "Қазақша"}
FALLBACK = "en"

# Territories kzviewer's geodata gives user-assigned codes (ISO 3166-1 X..)
# that CLDR does not name.  (Kosovo, XKX, is CLDR's XK.)
UNNAMED: dict[str, dict[str, str]] = {
    "XSL": {"en": "Somaliland", "ru": "Сомалиленд", "kk": "Сомалиленд"},
    "XNC": {"en": "Northern Cyprus", "ru": "Северный Кипр", "kk": "Солтүстік Кипр"},
    "XSG": {"en": "Siachen Glacier (disputed)", "ru": "ледник Сиачен (спорный)", "kk": "Сиачен мұздығы (даулы)"},
}

_language = FALLBACK
_catalogue: gettext.NullTranslations = gettext.NullTranslations()


def _(message: str) -> str:
    """``message`` in the language of this run."""
    return _catalogue.gettext(message)


def ngettext(singular: str, plural: str, n: int) -> str:
    """The form of a message for ``n`` (Russian and Kazakh count differently)."""
    return _catalogue.ngettext(singular, plural, n)


def N_(message: str) -> str:
    """Mark ``message`` for translation where it is shown, not here."""
    return message


def language() -> str:
    return _language


def set_language(code: str) -> None:
    """Speak ``code`` (one of LANGUAGES) from now on."""
    global _language, _catalogue
    if code not in LANGUAGES:
        raise ValueError(f"kzviewer does not speak {code!r}")
    _language = code
    _catalogue = catalogue(code)


@functools.cache
def catalogue(code: str) -> gettext.NullTranslations:
    if code == FALLBACK:
        return gettext.NullTranslations()
    return gettext.translation(DOMAIN, LOCALE_DIR, languages=[code], fallback=True)


def system_language(environ: Mapping[str, str] = os.environ, system: str | None = None) -> str | None:
    """The language the system asks for, if kzviewer speaks it, as gettext
    reads it: LANGUAGE (a list), then LC_ALL, LC_MESSAGES and LANG; where
    none is set (Windows, macOS), the locale Python finds (``system``)."""
    for variable in ("LANGUAGE", "LC_ALL", "LC_MESSAGES", "LANG"):
        value = environ.get(variable, "")
        if value:
            found = [_code(entry) for entry in value.split(":")]
            if any(found) or variable != "LANGUAGE":  # the first of the others set decides
                return next((code for code in found if code), None)
    if system is None:
        system = locale.getlocale()[0] or ""
    return _code(system)


def _code(name: str) -> str | None:
    """``ru_RU.UTF-8``, ``kk_KZ``, ``Russian_Russia`` (Windows): the language, if kzviewer speaks it."""
    first = name.split(".")[0].split("@")[0].split("_")[0].lower()
    return first if first in LANGUAGES else _WINDOWS_NAMES.get(first)


_WINDOWS_NAMES = {"english": "en", "russian": "ru", "kazakh": "kk"}


def choose(asked: str | None, deck: str | None, environ: Mapping[str, str] = os.environ) -> str:
    """The language of a run: ``--lang``, else the deck's ``lang:``, else the
    system's, else English."""
    for code in (asked, deck, system_language(environ)):
        if code in LANGUAGES:
            return code
    return FALLBACK


def format_number(value: float, digits: int = 0) -> str:
    """A number as the run's language writes it: 13,364.5 in English,
    13 364,5 in Russian and Kazakh."""
    if _language == FALLBACK:
        return f"{value:,.{digits}f}"
    from babel.numbers import format_decimal

    pattern = "#,##0" + ("." + "0" * digits if digits else "")
    return format_decimal(round(value, digits), format=pattern, locale=_language)


def country_name(iso3: str, a2: str | None, english: str, code: str | None = None) -> str:
    """A country's name in ``code`` (default: this run's language), from CLDR;
    ``english`` (the geodata's name) where CLDR has none."""
    code = code or _language
    if iso3 in UNNAMED:
        return UNNAMED[iso3].get(code, english)
    if code == FALLBACK or a2 is None:
        return english
    return _territories(code).get(a2, english)


@functools.cache
def _territories(code: str) -> Mapping[str, str]:
    from babel import Locale  # its data load only for a language other than English

    return Locale.parse(code).territories
