"""What names a cached map page: everything it is made from."""

from __future__ import annotations


def test_the_python_that_writes_the_page_is_one_of_its_inputs():
    """A new map option (in the page's frame) or a change to the Python that fills
    it makes a new page, whatever the version number says."""
    from pathlib import Path

    from kzviewer import resources
    from kzviewer.mapping import page
    from kzviewer.mapping.cache import page_inputs

    inputs = set(page_inputs([]))
    assert {resources.web_file("page.html"), Path(page.__file__)} <= inputs
