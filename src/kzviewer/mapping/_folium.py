"""The folium side of the map page: a Map that loads nothing from a CDN.

Kept apart from page.py so that importing folium (about 0.8 s) happens only
when a page is really built.
"""

from __future__ import annotations

import json
from typing import Any

import folium
from branca.element import Element, Figure, JavascriptLink, MacroElement
from jinja2 import Template


class OfflineMap(folium.Map):
    """A folium Map without tiles, CDN links, jQuery, Bootstrap or icon fonts."""

    default_js: list[tuple[str, str]] = []
    default_css: list[tuple[str, str]] = []


class Inline(Element):
    """A script or a style sheet written into the page itself."""

    def __init__(self, tag: str, text: str) -> None:
        super().__init__()
        # A closing tag inside the text would end the element early.
        self._text = text.replace(f"</{tag}", f"<\\/{tag}")
        self._tag = tag

    def render(self, **kwargs: Any) -> str:
        return f"<{self._tag}>{self._text}</{self._tag}>"


class Controller(MacroElement):
    """Hands the map, its data and its first state to ``kz.start`` (map.js)."""

    _template = Template("""
        {% macro html(this, kwargs) %}
            <script type="application/json" id="kz-data">{{ this.data }}</script>
        {% endmacro %}
        {% macro script(this, kwargs) %}
            kz.start({{ this._parent.get_name() }},
                     JSON.parse(document.getElementById("kz-data").textContent));
        {% endmacro %}
    """)

    def __init__(self, data: dict[str, Any]) -> None:
        super().__init__()  # type: ignore[no-untyped-call]
        self._name = "KzController"
        # "<" escaped so that no text in the data can close the script element.
        self.data = json.dumps(data, ensure_ascii=False, separators=(",", ":")).replace("<", "\\u003c")


def render_page(
    *, title: str, data: dict[str, Any], scripts: list[str], styles: list[str], links: list[str], credit: str
) -> str:
    m = OfflineMap(
        location=[45.0, 65.0],
        zoom_start=3,
        tiles=None,
        prefer_canvas=True,
        control_scale=False,  # the page adds its own, in the lecture's language (web/map.js)
        zoom_snap=0,  # fits are exact (web/camera.js); the buttons step by zoom_delta
        zoom_delta=0.5,
        min_zoom=1,
        max_zoom=9,
        world_copy_jump=False,
        keyboard=False,  # the app's keys drive the slides, not the map
    )
    root = m.get_root()
    assert isinstance(root, Figure)
    root.title = _escape(title)  # branca writes it into <title> as it is
    # The page may load nothing but itself and, in the app, the QWebChannel script.
    root.header.add_child(
        Element(
            '<meta http-equiv="Content-Security-Policy" content="default-src \'none\'; '
            "script-src 'unsafe-inline' qrc:; style-src 'unsafe-inline'; img-src data:\">"
        ),
        name="kz_csp",
    )
    for i, text in enumerate(styles):
        root.header.add_child(Inline("style", text), name=f"kz_style_{i}")
    for i, url in enumerate(links):
        root.header.add_child(JavascriptLink(url), name=f"kz_link_{i}")
    for i, text in enumerate(scripts):
        root.header.add_child(Inline("script", text), name=f"kz_script_{i}")
    data = dict(data, credit=credit)
    m.add_child(Controller(data))
    return root.render()


def _escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
