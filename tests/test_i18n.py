"""The language kzviewer speaks: how it is chosen, the catalogues, country names."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

import pytest

from kzviewer import i18n
from kzviewer.geo.data import load_geodata

ROOT = Path(__file__).resolve().parents[1]


def _translations():
    """scripts/translations.py, the catalogues' tool, as a module."""
    spec = importlib.util.spec_from_file_location("translations", ROOT / "scripts" / "translations.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    sys.modules.setdefault("translations", module)
    spec.loader.exec_module(module)
    return module


translations = _translations()


@pytest.fixture
def speak():
    """Switch the run's language for one test, and back to English after it."""
    yield i18n.set_language
    i18n.set_language("en")


# -- which language ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("asked", "deck", "environ", "expected"),
    [
        ("kk", "ru", {"LANG": "en_GB.UTF-8"}, "kk"),  # --lang wins
        (None, "ru", {"LANG": "kk_KZ.UTF-8"}, "ru"),  # then the deck's lang:
        (None, None, {"LANG": "kk_KZ.UTF-8"}, "kk"),  # then the system's
        (None, None, {"LANGUAGE": "de:ru", "LANG": "de_DE.UTF-8"}, "ru"),  # LANGUAGE is a list of choices
        (None, None, {"LC_ALL": "ru_RU.UTF-8", "LANG": "kk_KZ.UTF-8"}, "ru"),  # LC_ALL over LANG
        (None, None, {"LC_ALL": "de_DE.UTF-8", "LANG": "ru_RU.UTF-8"}, "en"),  # the first one set decides
        (None, None, {"LANG": "fr_FR.UTF-8"}, "en"),  # a language kzviewer does not speak: English
        (None, "fr", {"LANG": "C.UTF-8"}, "en"),
    ],
)
def test_the_language_is_asked_for_then_the_decks_then_the_systems(asked, deck, environ, expected):
    assert i18n.choose(asked, deck, environ) == expected


def test_windows_names_its_locales_in_words():
    assert i18n.system_language({}, system="Russian_Russia") == "ru"
    assert i18n.system_language({}, system="Kazakh_Kazakhstan") == "kk"
    assert i18n.system_language({}, system="German_Germany") is None


# -- the catalogues --------------------------------------------------------------------------


def test_every_marked_string_is_in_the_template_and_every_language():
    """A string marked in the code but not extracted would never be translated."""
    marked = {m.id for m in translations.template() if m.id}
    assert len(marked) > 200  # the extractor found the marks (it skips any inside an f-string)
    assert marked == {m.id for m in translations.read(translations.TEMPLATE) if m.id}, (
        "run: python scripts/translations.py extract && python scripts/translations.py update"
    )
    for code, po in translations.po_files():
        assert marked <= {m.id for m in translations.read(po, code) if m.id}, f"{code}: run 'update'"


@pytest.mark.parametrize("code", ["ru", "kk"])
def test_each_language_is_translated_whole_and_compiled(code):
    po = i18n.LOCALE_DIR / code / "LC_MESSAGES" / "kzviewer.po"
    catalog = translations.read(po, code)
    missing = [m.id for m in catalog if m.id and (m.fuzzy or not all(m.string if m.pluralizable else [m.string]))]
    assert missing == []
    assert po.with_suffix(".mo").read_bytes() == translations.compiled(po, code), "run: scripts/translations.py compile"


@pytest.mark.parametrize("code", ["ru", "kk"])
def test_translations_keep_the_placeholders(code):
    """A translation that drops or renames {name} would fail when shown."""
    import string

    def fields(text: str) -> set[str]:
        return {f for _, f, _, _ in string.Formatter().parse(text) if f is not None}

    po = i18n.LOCALE_DIR / code / "LC_MESSAGES" / "kzviewer.po"
    for message in translations.read(po, code):
        if not message.id:
            continue
        ids = message.id if isinstance(message.id, tuple) else (message.id,)
        strings = message.string if isinstance(message.string, tuple) else (message.string,)
        for text in strings:
            assert fields(text) <= fields(ids[-1]) | fields(ids[0]), (message.id, text)
            assert fields(ids[0]) - {"n"} <= fields(text), (message.id, text)


def test_plurals_follow_each_languages_rules(speak):
    speak("ru")
    one, other = "{path}: {n} slide, no problems", "{path}: {n} slides, no problems"

    def said(n: int) -> str:
        return i18n.ngettext(one, other, n).format(path="d.md", n=n)

    assert [said(n) for n in (1, 3, 5, 21)] == [
        "d.md: 1 слайд, проблем нет",
        "d.md: 3 слайда, проблем нет",
        "d.md: 5 слайдов, проблем нет",
        "d.md: 21 слайд, проблем нет",
    ]


def test_english_is_the_fallback_for_anything_untranslated(speak):
    speak("ru")
    assert i18n._("a message nobody translated") == "a message nobody translated"


# -- country names ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("code", "names"),
    [
        ("en", ["Kazakhstan", "Russia", "China", "Kosovo", "Somaliland"]),
        ("ru", ["Казахстан", "Россия", "Китай", "Косово", "Сомалиленд"]),
        ("kk", ["Қазақстан", "Ресей", "Қытай", "Косово", "Сомалиленд"]),
    ],
)
def test_countries_are_named_in_the_language_from_cldr(speak, code, names):
    speak(code)
    geo = load_geodata()
    assert [geo.name(iso3) for iso3 in ("KAZ", "RUS", "CHN", "XKX", "XSL")] == names


@pytest.mark.parametrize("code", ["ru", "kk"])
def test_every_country_on_the_map_has_a_name_in_each_language(speak, code):
    speak(code)
    geo = load_geodata()
    english = {iso3: c.name for iso3, c in geo.countries.items()}
    local = {iso3: geo.name(iso3) for iso3 in geo.countries}
    untranslated = sorted(iso3 for iso3 in local if local[iso3] == english[iso3] and iso3 not in SAME_IN_ALL)
    assert untranslated == []


# Names spelt the same in English, Russian and Kazakh by CLDR: none (they are
# in different scripts); kept as a set should a Latin-script language come.
SAME_IN_ALL: set[str] = set()


# -- the command line ------------------------------------------------------------------------


def _kzviewer(*args: str, env: dict[str, str] | None = None):
    import os
    import subprocess

    environ = {k: v for k, v in os.environ.items() if k not in ("LANGUAGE", "LC_ALL", "LC_MESSAGES", "LANG")}
    environ.update(env or {})
    return subprocess.run(
        [sys.executable, "-m", "kzviewer", *args], capture_output=True, text=True, timeout=120, env=environ
    )


BROKEN = "---\ntitle: Лекция\nmap:\n  fitt: [KAZ]\n---\n\n# Слайд\n\nТекст.\n"


@pytest.mark.parametrize(
    ("args", "env", "expected"),
    [
        (["--lang", "ru"], {}, ":4: map в блоке метаданных: неизвестный ключ 'fitt' (вы имели в виду 'fit'?)"),
        (["--lang=kk"], {"LANG": "ru_RU.UTF-8"}, ":4: "),
        ([], {"LANG": "ru_RU.UTF-8"}, ":4: map в блоке метаданных: неизвестный ключ 'fitt'"),
        ([], {"LANG": "C.UTF-8"}, ":4: unknown key 'fitt' in the front matter's map (did you mean 'fit'?)"),
    ],
    ids=["asked", "asked-over-system", "system", "english"],
)
def test_check_speaks_the_language_asked_for(tmp_path, args, env, expected):
    deck = tmp_path / "d.md"
    deck.write_text(BROKEN, encoding="utf-8")
    result = _kzviewer("check", *args, str(deck), env=env)
    assert result.returncode == 1
    first = result.stdout.splitlines()[0]
    assert first.startswith(f"{deck}:4: ") and expected in first
    if "kk" in "".join(args):
        assert "белгісіз кілт 'fitt'" in first


def test_a_decks_lang_chooses_the_language_of_check(tmp_path):
    deck = tmp_path / "d.md"
    deck.write_text(BROKEN.replace("title:", "lang: kk\ntitle:"), encoding="utf-8")
    result = _kzviewer("check", str(deck), env={"LANG": "ru_RU.UTF-8"})
    assert "белгісіз кілт 'fitt'" in result.stdout.splitlines()[0]
    assert (
        _kzviewer("check", "--lang", "en", str(deck))
        .stdout.splitlines()[0]
        .endswith("unknown key 'fitt' in the front matter's map (did you mean 'fit'?)")
    )


def test_a_lang_kzviewer_does_not_speak_is_a_problem_of_the_deck(tmp_path):
    deck = tmp_path / "d.md"
    deck.write_text("---\ntitle: T\nlang: fr\n---\n\n# S\n\nText.\n", encoding="utf-8")
    result = _kzviewer("check", str(deck))
    assert result.stdout.splitlines() == [f"{deck}:3: lang must be one of en, ru, kk, not 'fr'"]


@pytest.mark.parametrize(
    ("front", "expected"),
    [
        ("---\ntitle: T\nlang: ru\n---\n", "ru"),
        ("\ufeff---\nlang: 'kk'  # Kazakh\ntitle: T\n---\n", "kk"),
        ('---\nlang: "en"\n---\n', "en"),
        ("---\nmap:\n  lang: ru\n---\n", None),  # not the front matter's own key
        ("---\ntitle: T\n---\nlang: ru\n", None),  # after the front matter
        ("---\nlang: fr\n---\n", None),
        ("# no front matter\nlang: ru\n", None),
    ],
)
def test_the_decks_language_is_read_from_its_front_matter_alone(tmp_path, front, expected):
    from kzviewer.deck.language import front_matter_language

    deck = tmp_path / "d.md"
    deck.write_text(front, encoding="utf-8")
    assert front_matter_language(deck) == expected


def test_with_no_deck_named_the_lecture_comes_in_the_systems_language_where_it_has_an_edition():
    russian = _kzviewer("check", env={"LANG": "ru_RU.UTF-8"})
    assert russian.returncode == 0
    assert russian.stderr.strip().endswith("kazakhstan.ru.md: 30 слайдов, проблем нет")
    kazakh = _kzviewer("check", env={"LANG": "kk_KZ.UTF-8"})  # no Kazakh edition: the English one, in Kazakh
    assert kazakh.returncode == 0
    assert "kazakhstan.md: 30 слайд" in kazakh.stderr
    english = _kzviewer("check", "--lang", "en", env={"LANG": "ru_RU.UTF-8"})
    assert english.stderr.strip().endswith("kazakhstan.md: 30 slides, no problems")
