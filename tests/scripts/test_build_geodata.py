"""The geodata build script refuses input it cannot make the map from."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

SCRIPT = Path(__file__).resolve().parents[2] / "scripts" / "build_geodata.py"


def _topology(countries: dict[str, str]) -> dict:
    """A world-atlas-shaped TopoJSON with one unit square per country."""
    arcs, geometries = [], []
    for i, (code, name) in enumerate(countries.items()):
        arcs.append([[i * 2, 0], [1, 0], [0, 1], [-1, 0], [0, -1]])
        geometries.append({"type": "Polygon", "arcs": [[i]], "id": code, "properties": {"name": name}})
    return {
        "type": "Topology",
        "transform": {"scale": [1, 1], "translate": [0, 0]},
        "objects": {"countries": {"type": "GeometryCollection", "geometries": geometries}},
        "arcs": arcs,
    }


def _run(source: Path, out: Path) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, str(SCRIPT), "--source", str(source), "--out", str(out)], capture_output=True, text=True
    )


def test_source_without_the_needed_countries_is_refused(tmp_path):
    (tmp_path / "countries-10m.json").write_text(json.dumps(_topology({"398": "Kazakhstan", "643": "Russia"})))
    result = _run(tmp_path, tmp_path / "out")
    assert result.returncode == 1
    assert result.stderr.startswith("build_geodata: the source lacks countries kzviewer needs: ")
    assert "CHN" in result.stderr and "KAZ" not in result.stderr.split("needs:")[1]
    assert not (tmp_path / "out" / "borders.geojson").exists()


def test_source_that_is_not_topojson_is_refused(tmp_path):
    (tmp_path / "countries-10m.json").write_text("<html>not found</html>")
    result = _run(tmp_path, tmp_path / "out")
    assert result.returncode == 1
    assert "countries-10m.json: not a world-atlas countries TopoJSON" in result.stderr
    assert "Traceback" not in result.stderr
