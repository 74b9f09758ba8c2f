"""How a slide's text is laid out."""

from __future__ import annotations

from pathlib import Path

from kzviewer.deck.mapstate import MapState
from kzviewer.deck.model import Deck, Slide
from kzviewer.qt.slides import SlideLayout


def test_a_nested_list_is_indented_under_its_item(qapp):
    slide = Slide(2, "Nested", "- What each gets:\n    - Russia\n    - China\n- After", "", MapState(), 1)
    layout = SlideLayout(slide, Deck(Path("deck.md"), "Deck", slides=(slide,)))
    indents = {}
    block = layout.body.begin()
    while block.isValid():
        if block.textList() is not None:
            indents[block.text().strip()] = block.textList().format().indent()
        block = block.next()
    assert indents == {"What each gets:": 1, "Russia": 2, "China": 2, "After": 1}
