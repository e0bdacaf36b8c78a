"""The land under the maps: frames, the vendored atlas, and the base drawing."""

from __future__ import annotations

import gzip
import re

import pytest

from dossier.makers.basemap import ATLAS, Frame, atlas, base_svg, frame_for

LIBYA = [(32.9, 13.2), (31.2, 16.6), (32.1, 20.1), (27.0, 14.4), (24.2, 23.3), (32.4, 15.1)]
# A country with a long coast and an inland capital: Rakhine's coast, Naypyidaw, Myitkyina.
MYANMAR = [(20.15, 92.9), (19.75, 96.1), (16.8, 96.15), (21.97, 96.08), (25.38, 97.4)]


@pytest.mark.parametrize(
    "points", [LIBYA, MYANMAR, [(31.2, 16.6)], [(-33.9, 151.2), (-37.8, 145.0)]]
)
def test_a_frame_holds_its_points_clear_of_the_edges(points: list[tuple[float, float]]) -> None:
    frame = frame_for(points)
    for lat, lon in points:
        x, y = frame.project(lat, lon)
        assert 0.1 * frame.width <= x <= 0.9 * frame.width
        assert 0.1 * frame.height <= y <= 0.9 * frame.height


def test_a_frame_is_decided_by_its_points_alone() -> None:
    around_sirte = [(31.2, 16.6), (30.6, 18.3), (32.1, 20.1)]
    assert frame_for(around_sirte, height=360) == frame_for(
        list(reversed(around_sirte)), height=360
    )
    assert frame_for(around_sirte).key == "720x480_5.657_31.114_18.385"  # file names stay put


def test_a_frame_is_the_smallest_that_fits() -> None:
    frame = frame_for(LIBYA)
    half = Frame(frame.lat, frame.lon, frame.span / 2**0.5)
    inside = [
        0.1 * half.width <= x <= 0.9 * half.width and 0.1 * half.height <= y <= 0.9 * half.height
        for x, y in (half.project(lat, lon) for lat, lon in LIBYA)
    ]
    assert not all(inside)


def test_projection_keeps_shapes_at_the_frame_s_latitude() -> None:
    frame = Frame(60.0, 10.0, 8.0)
    x0, y0 = frame.project(60.0, 10.0)
    x1, _ = frame.project(60.0, 11.0)
    _, y1 = frame.project(61.0, 10.0)
    assert (x0, y0) == pytest.approx((frame.width / 2, frame.height / 2))
    assert (x1 - x0) / (y0 - y1) == pytest.approx(0.5, rel=1e-6)  # cos 60°


def test_the_atlas_is_natural_earth_countries_vendored() -> None:
    data = atlas(ATLAS)
    names = {c.name for c in data.countries}
    assert {"Libya", "Myanmar", "Egypt", "Bangladesh", "Thailand"} <= names
    libya = next(c for c in data.countries if c.name == "Libya")
    west, south, east, north = libya.box
    assert (west, south, east, north) == pytest.approx((9.3, 19.5, 25.2, 33.2), abs=0.3)
    # Coasts are arcs one country uses; borders, arcs two share.
    assert set(data.uses.values()) <= {1, 2}


def _drawing(points: list[tuple[float, float]]) -> str:
    return base_svg(frame_for(points)).decode()


def test_the_base_drawing_has_sea_land_coast_borders_and_names() -> None:
    svg = _drawing(LIBYA)
    for part in ('class="sea"', 'class="land"', 'class="coast"', 'class="border"'):
        assert part in svg
    names = re.findall(r"<text[^>]*>([^<]+)</text>", svg)
    assert "LIBYA" in names
    assert "EGYPT" in names
    coast = re.search(r'class="coast" d="([^"]*)"', svg)
    assert coast is not None
    assert len(coast.group(1)) > 200  # the Gulf of Sirte is drawn


def test_a_name_that_would_be_cut_by_the_edge_is_left_off() -> None:
    svg = _drawing(LIBYA)
    width = int(re.search(r'viewBox="0 0 (\d+)', svg).group(1))  # type: ignore[union-attr]
    for x, name in re.findall(r'<text[^>]* x="(\d+)" y="\d+">([^<]+)<', svg):
        half = len(name) * 0.78 * 26 / 2
        wide = 'class="wide"' in svg.split(f">{name}<")[0].rsplit("<text", 1)[1]
        if not wide:
            assert half <= int(x) <= width - half, name


def test_the_drawing_is_the_same_every_time_and_small() -> None:
    for points in (LIBYA, MYANMAR):
        frame = frame_for(points)
        first, again = base_svg(frame), base_svg(frame)
        assert first == again
        assert len(gzip.compress(first)) <= 60_000
    # A whole continent at this detail still fits the budget.
    assert len(gzip.compress(base_svg(Frame(0.0, 20.0, 90.5)))) <= 60_000
