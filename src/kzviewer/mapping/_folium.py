"""The folium side of the map page: a Map that loads nothing from a CDN.

folium writes the page's frame once, at development time (``web/page.html``,
rendered by ``scripts/page_frame.py`` and checked by a test against this
module): importing folium takes about a second, which a first start cannot
spare.
"""

from __future__ import annotations

import folium
from branca.element import Element, Figure, MacroElement
from jinja2 import Template

from kzviewer.mapping.page import DATA, HEAD, SCRIPT_HASHES, TITLE


class OfflineMap(folium.Map):
    """A folium Map without tiles, CDN links, jQuery, Bootstrap or icon fonts."""

    default_js: list[tuple[str, str]] = []
    default_css: list[tuple[str, str]] = []


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

    def __init__(self, data: str) -> None:
        super().__init__()  # type: ignore[no-untyped-call]
        self._name = "KzController"
        self._id = "kz"
        self.data = data


def render_frame() -> str:
    """The map page as folium writes it, with marks where each page's own
    title, head and data go (mapping/page.py fills them).  Shipped as
    ``web/page.html`` (``python3 scripts/page_frame.py`` writes it, a test
    checks it), so that no start-up imports folium."""
    m = OfflineMap(
        location=[45.0, 65.0],
        zoom_start=3,
        tiles=None,
        prefer_canvas=True,
        control_scale=False,  # the page adds its own, in the lecture's language (web/map.js)
        zoom_snap=0,  # fits are exact (web/frame.js); the buttons step by zoom_delta
        zoom_delta=0.5,
        min_zoom=1,
        max_zoom=9,
        world_copy_jump=False,
        keyboard=False,  # the app's keys drive the slides, not the map
    )
    m._id = "kz"  # the same page every time (folium names a map by a random id)
    root = m.get_root()
    assert isinstance(root, Figure)
    root.title = TITLE
    root._id = "kz"
    # The page may load nothing but itself and, in the app, the QWebChannel
    # script; of inline scripts, only its own run (build_page lists their hashes).
    root.header.add_child(
        Element(
            '<meta http-equiv="Content-Security-Policy" content="default-src \'none\'; '
            f"script-src {SCRIPT_HASHES} qrc:; style-src 'unsafe-inline'; img-src data:\">"
        ),
        name="kz_csp",
    )
    root.header.add_child(Element(HEAD), name="kz_head")
    m.add_child(Controller(DATA))
    return root.render()
