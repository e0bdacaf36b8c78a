"""The bench corpus's places nested as a desk's registry would nest them."""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "scripts"))

from bench import nest_places


def _place(folder: Path, slug: str, name: str, kind: str, lat: float, lon: float) -> Path:
    path = folder / f"{slug}.md"
    path.write_text(
        f'---\nname: "{name}"\nkind: {kind}\ncoordinates: [{lat}, {lon}]\n---\n', encoding="utf-8"
    )
    return path


def test_each_place_goes_within_its_nearest_region_once(tmp_path: Path) -> None:
    _place(tmp_path, "east", "East", "region", 32.0, 22.0)
    _place(tmp_path, "west", 'The "West"', "region", 32.0, 13.0)
    port = _place(tmp_path, "port", "Port", "port", 32.1, 20.1)
    town = _place(tmp_path, "town", "Town", "city", 31.0, 14.0)
    assert nest_places(tmp_path) == 2
    assert port.read_text(encoding="utf-8").endswith('within: "East"\n---\n')
    assert 'within: "The \\"West\\""\n---' in town.read_text(encoding="utf-8")
    assert "within" not in (tmp_path / "east.md").read_text(encoding="utf-8")
    before = town.read_text(encoding="utf-8")
    assert nest_places(tmp_path) == 0
    assert town.read_text(encoding="utf-8") == before
