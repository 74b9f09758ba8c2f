"""The architecture's one hard line: only kzviewer.qt imports Qt."""

from __future__ import annotations

import ast
from pathlib import Path

import kzviewer

PACKAGE = Path(kzviewer.__file__).parent


def _imports(path: Path, module_level: bool = False) -> set[str]:
    """The top-level packages a module imports: anywhere in it, or only at its module level."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    names = set()
    for node in tree.body if module_level else ast.walk(tree):
        if isinstance(node, ast.Import):
            names.update(alias.name.split(".")[0] for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.add(node.module.split(".")[0])
    return names


def test_only_the_qt_package_imports_pyside6():
    offenders = [
        str(p.relative_to(PACKAGE))
        for p in PACKAGE.rglob("*.py")
        if "PySide6" in _imports(p) and p.relative_to(PACKAGE).parts[0] != "qt"
    ]
    assert offenders == []
    assert any("PySide6" in _imports(p) for p in (PACKAGE / "qt").glob("*.py"))


def test_pure_packages_import_no_heavy_libraries_at_module_level():
    """Imported by the functions that need them (a deck's own data, a page being built), not on import."""
    heavy = {"PySide6", "folium", "geopandas", "shapely", "branca", "pyogrio", "pandas"}
    for sub in ("deck", "geo", "mapping"):
        for path in (PACKAGE / sub).glob("*.py"):
            if path.name.startswith("_folium"):
                continue  # imported only when a page is built
            assert not (_imports(path, module_level=True) & heavy), path.name
