"""The built map page: offline, self-contained, cached."""

from __future__ import annotations

import dataclasses
import json
import os
import re
import shutil
import subprocess
import sys

import pytest

from kzviewer import resources
from kzviewer.deck.mapstate import MapState
from kzviewer.deck.parser import load_deck
from kzviewer.mapping.cache import find_cached_page, page_path
from kzviewer.mapping.page import (
    DIGITS,
    SCRIPT_HASHES,
    PageSpec,
    build_page,
    cached_page,
    digits,
    mercator,
    script_hashes,
)
from tests.bundled import copy_lecture


@pytest.fixture(scope="module")
def spec():
    return PageSpec.for_deck(load_deck(resources.bundled_deck()))


@pytest.fixture(scope="module")
def standalone(spec):
    return build_page(spec, app=False)


def _loaded_urls(html: str) -> list[str]:
    """What the page's own elements would load: script src, link href, img src."""
    tags = re.findall(r"<(?:script|link|img|iframe)\b[^>]*>", html)
    return [m for tag in tags for m in re.findall(r'(?:src|href)\s*=\s*"([^"]*)"', tag)]


def test_standalone_page_loads_nothing(standalone):
    assert _loaded_urls(standalone) == []
    assert "cdn." not in standalone and "code.jquery" not in standalone
    assert "<script src" not in standalone


def test_app_page_loads_only_the_qwebchannel_script(spec):
    assert _loaded_urls(build_page(spec, app=True)) == ["qrc:///qtwebchannel/qwebchannel.js"]


def test_app_page_opens_its_channel_before_leaflet_runs(spec, standalone):
    # Its handshake with Python then travels while Leaflet and the data are
    # read, rather than waiting behind the map's first drawing.
    app = build_page(spec, app=True)
    opened = app.index("kz.channel = new Promise")
    assert app.index("qwebchannel.js") < opened < app.index("Leaflet 1.9") < app.index("kz.start(")
    assert "kz.channel = new Promise" not in standalone  # a browser has no Python to talk to


def test_page_forbids_loading_anything_else(standalone):
    assert "Content-Security-Policy" in standalone
    assert "default-src 'none'" in standalone


def test_page_carries_the_first_slides_state_and_the_data(standalone):
    assert '"highlight":["KAZ","RUS","CHN","UZB","KGZ","TJK","TKM"]' in standalone
    assert '"borders":["KAZ-RUS","CHN-KAZ"]' in standalone
    assert '"name":"Kazakhstan"' in standalone
    assert "kz.start(" in standalone


def test_text_cannot_close_the_data_script(tmp_path):
    countries_file = tmp_path / "c.yaml"
    countries_file.write_text(
        'groups: {g: {label: "</script><script>alert(1)</script>", color: "#123456"}}\ncountries: {KAZ: {group: g}}\n'
    )
    html = build_page(PageSpec(countries_file, MapState(highlight=("KAZ",))), app=False)
    assert "<script>alert(1)" not in html
    assert "\\u003c/script>\\u003cscript>alert(1)" in html


def test_cache_is_reused_and_follows_its_inputs(spec, tmp_path, monkeypatch):
    monkeypatch.setenv("KZVIEWER_CACHE_DIR", str(tmp_path))
    first = cached_page(spec)
    mtime = first.stat().st_mtime_ns
    assert cached_page(spec) == first and first.stat().st_mtime_ns == mtime
    other = cached_page(PageSpec(spec.countries_path, MapState(fit=("KAZ",))))
    assert other != first
    pages = sorted(p.name for p in (tmp_path / "pages").iterdir() if p.suffix == ".html")
    assert pages == sorted([first.name, other.name])


def test_the_shipped_page_frame_is_what_folium_writes():
    """web/page.html is folium's page with marks for each page's parts (scripts/page_frame.py)."""
    from kzviewer.mapping._folium import render_frame

    assert resources.web_file("page.html").read_text(encoding="utf-8") == render_frame(), (
        "run python3 scripts/page_frame.py"
    )


def test_fresh_cache_finds_the_page_without_folium_geopandas_or_parsing(tmp_path):
    env = dict(os.environ, KZVIEWER_CACHE_DIR=str(tmp_path))
    code = (
        "import sys\n"
        "from kzviewer import resources\n"
        "from kzviewer.mapping.cache import find_cached_page\n"
        "page = find_cached_page(resources.bundled_deck())\n"
        "if page is None:\n"
        "    from kzviewer.deck.parser import load_deck\n"
        "    from kzviewer.mapping.page import PageSpec, cached_page\n"
        "    page = cached_page(PageSpec.for_deck(load_deck(resources.bundled_deck())))\n"
        "names = ('folium', 'geopandas', 'shapely', 'yaml', 'markdown_it', 'kzviewer.deck.model')\n"
        "print(sorted(m for m in names if m in sys.modules))\n"
    )
    cold = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True, check=True)
    # shapely: the lecture's own data layers, read (without geopandas) and simplified once.
    assert cold.stdout.strip() == "['kzviewer.deck.model', 'shapely', 'yaml']", "a first start builds it without folium"
    warm = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True, check=True)
    assert warm.stdout.strip() == "[]", "a warm start parses nothing before the page loads"


def test_an_edited_deck_is_not_served_a_stale_page(tmp_path, monkeypatch):
    monkeypatch.setenv("KZVIEWER_CACHE_DIR", str(tmp_path / "cache"))
    deck = copy_lecture(tmp_path)
    page = cached_page(PageSpec.for_deck(load_deck(deck)))
    assert find_cached_page(deck) == page
    countries = tmp_path / "kazakhstan.countries.yaml"
    countries.write_text(countries.read_text().replace("#0072B2", "#123456"))
    assert find_cached_page(deck) is None


def test_one_credit_line_on_the_map_in_the_about_box_and_the_readme(standalone):
    from pathlib import Path

    from kzviewer.geo.data import CREDIT

    assert f'"credit":{json.dumps(CREDIT, ensure_ascii=False)}' in standalone
    readme = Path(__file__).parents[2] / "README.md"
    assert CREDIT in " ".join(readme.read_text(encoding="utf-8").split())


def test_the_cache_keeps_two_pages_per_deck_and_stays_under_its_cap(tmp_path, monkeypatch):
    from kzviewer.mapping import cache

    monkeypatch.setenv("KZVIEWER_CACHE_DIR", str(tmp_path / "cache"))
    deck = copy_lecture(tmp_path)
    text = deck.read_text(encoding="utf-8")
    made = []
    for edit in range(5):
        deck.write_text(text.replace("# The argument in brief", f"# The argument, edit {edit}"), encoding="utf-8")
        made.append(cached_page(PageSpec.for_deck(load_deck(deck))))
    pages = sorted((tmp_path / "cache" / "pages").glob("map-*.html"))
    assert pages == sorted(made[-2:]), "the deck as it is and as it was before the last edit"
    assert find_cached_page(deck) == made[-1]

    other = tmp_path / "other"
    other.mkdir()
    copy_lecture(other)
    shutil.copy(deck, other / "kazakhstan.md")
    (tmp_path / "cache" / "pages" / "map-0000000000orphan.html").write_bytes(b"x" * 1000)
    monkeypatch.setattr(cache, "CACHE_CAP", 1)  # everything no deck remembers goes
    kept = cached_page(PageSpec.for_deck(load_deck(other / "kazakhstan.md")))
    names = {p.name for p in (tmp_path / "cache" / "pages").glob("map-*.html")}
    assert "map-0000000000orphan.html" not in names and kept.name in names and made[-1].name in names


def undigits(text):
    """Numbers back from page.digits, as web/shapes.js reads them."""
    numbers, z, shift = [], 0, 0
    for letter in text:
        value = DIGITS.index(letter)
        z |= (value & 31) << shift
        shift += 5
        if not value & 32:
            numbers.append(z >> 1 if z % 2 == 0 else -(z >> 1) - 1)
            z = shift = 0
    return numbers


def test_numbers_written_as_letters_come_back():
    numbers = [0, 1, -1, 15, -16, 16, 511, -512, 512, 524_288, -524_288, 7, -3]
    text = digits(numbers)
    assert set(text) <= set(DIGITS) and '"' not in text and "<" not in text and "\\" not in text
    assert undigits(text) == numbers
    assert len(digits([15, -16])) == 2 and len(digits([16, 511, -512])) == 6  # one letter, then two


def test_outlines_reach_the_page_in_web_mercator_pixels(standalone):
    # Leaflet's L.CRS.EPSG3857.latLngToPoint(latLng, 0): the world 256 pixels across.
    assert mercator(0, 0) == pytest.approx((128, 128))
    assert mercator(180, 0) == pytest.approx((256, 128))
    assert mercator(-180, 90)[1] == pytest.approx(0, abs=1e-6)  # the poles where Web Mercator stops
    data = json.loads(re.search(r'id="kz-data">(.*?)</script>', standalone, re.S).group(1))
    kaz = next(f for f in data["layers"]["region"]["features"] if f["properties"]["iso3"] == "KAZ")
    packed = kaz["shape"]
    # Unpacked as the page does (web/shapes.js), the outline lies where the geodata has it.
    source = json.loads((resources.geo_dir() / "region.geojson").read_text(encoding="utf-8"))
    outline = next(f for f in source["features"] if f["properties"]["iso3"] == "KAZ")["geometry"]["coordinates"][0][0]
    steps, x, y, points = undigits(packed["r"][0]), 0, 0, []
    for dx, dy in zip(steps[::2], steps[1::2], strict=True):
        x, y = x + dx, y + dy
        points.append((x / packed["k"], y / packed["k"]))
    assert len(points) == len(outline)
    for (px, py), (lon, lat) in zip(points, outline, strict=True):
        mx, my = mercator(lon, lat)
        assert abs(px - mx) <= 0.5 / packed["k"] and abs(py - my) <= 0.5 / packed["k"]


def test_a_layers_files_are_the_pages_inputs_without_being_read_whole(spec, tmp_path, monkeypatch):
    monkeypatch.setenv("KZVIEWER_CACHE_DIR", str(tmp_path / "cache"))
    deck = tmp_path / "deck.md"
    deck.write_text("# A\n", encoding="utf-8")
    shp, dbf = tmp_path / "route.shp", tmp_path / "route.dbf"
    shp.write_bytes(b"shape")
    dbf.write_bytes(b"table")
    with_data = dataclasses.replace(spec, sources=(deck,), data=(shp, dbf))
    before = page_path(with_data.to_json())
    assert page_path(with_data.to_json()) == before
    dbf.write_bytes(b"another table")  # a Shapefile's table alone edited: a new page
    assert page_path(with_data.to_json()) != before


def test_a_title_holding_the_policys_mark_leaves_the_policy_whole(spec):
    page = build_page(dataclasses.replace(spec, title=f"Notes {SCRIPT_HASHES} </SCRIPT>"), app=False)
    assert f"<title>Notes {SCRIPT_HASHES} &lt;/SCRIPT&gt;</title>" in page
    assert f"script-src {script_hashes(page)} qrc:;" in page and "'sha256-" in script_hashes(page)


def test_the_policy_names_each_inline_script_as_the_browser_reads_it():
    import base64
    import hashlib

    def digest(text):
        return "'sha256-" + base64.b64encode(hashlib.sha256(text.encode()).digest()).decode() + "'"

    twice = "<script>a\r\nb\rc</script>"
    page = twice + '<script type="application/json">{}</script>' + twice + "<script>é</script>"
    assert script_hashes(page) == digest("a\nb\nc") + " " + digest("é"), "line ends as HTML reads them; once each"
