"""A small static map of places as inline SVG: no tiles, no script, no requests.

Points are placed with an equirectangular projection scaled by the cosine of
the middle latitude (so shapes are not stretched at these latitudes), over a
graticule that says where the reader is. Labels are placed greedily, busiest
places first, and skipped where they would collide.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

from markupsafe import escape

from .model import Place, name_key
from .relate import Archive, ancestors
from .urls import Urls

Box = tuple[float, float, float, float]
WIDTH = 720
MAX_HEIGHT = 540
PAD = 28


@dataclass(frozen=True, slots=True)
class Point:
    """A place to draw: name, link, coordinates and how much it matters."""

    name: str
    href: str
    lat: float
    lon: float
    weight: int = 0


@dataclass(frozen=True, slots=True)
class Candidate:
    """A place that could go on the map, with its kind and outermost parent."""

    point: Point
    kind: str
    root: str


AREAS = frozenset({"country", "region", "province", "governorate"})


def choose(candidates: Sequence[Candidate], region: str = "") -> tuple[list[Point], list[str]]:
    """The points to draw, and the names of the places left off.

    The map shows the places under ``region`` if it holds any, else under
    the outermost place that holds the most of them (Libya, say), so that one
    mention of Paris does not shrink the whole country to a corner; areas are
    left off, since a dot at a country's centroid says nothing. Everything
    not drawn is named in the caption.
    """
    roots: dict[str, int] = {}
    for c in candidates:
        if c.kind not in AREAS:
            roots[c.root] = roots.get(c.root, 0) + 1
    if not roots:
        return [], []
    best = region if region in roots else min(roots, key=lambda r: (-roots[r], r))
    drawn = [c.point for c in candidates if c.root == best and c.kind not in AREAS]
    left = sorted(c.point.name for c in candidates if c.root != best and c.kind not in AREAS)
    return drawn, left


def _step(span: float) -> float:
    for step in (0.5, 1, 2, 5, 10, 20, 30):
        if span / step <= 8:
            return step
    return 45


def _fmt(value: float, positive: str, negative: str) -> str:
    hemisphere = positive if value >= 0 else negative
    return f"{abs(value):g}°{hemisphere}"


def render_map(points: Sequence[Point], title: str) -> str:
    """SVG markup for ``points``; an empty string when there is nothing to draw."""
    if not points:
        return ""
    lats = [p.lat for p in points]
    lons = [p.lon for p in points]
    south, north = min(lats) - 0.5, max(lats) + 0.5
    west, east = min(lons) - 0.5, max(lons) + 0.5
    x_scale = math.cos(math.radians((south + north) / 2))
    span_x, span_y = (east - west) * x_scale, north - south
    scale = min((WIDTH - 2 * PAD) / span_x, (MAX_HEIGHT - 2 * PAD) / span_y)
    height = round(span_y * scale + 2 * PAD)
    width = round(span_x * scale + 2 * PAD)

    def project(lat: float, lon: float) -> tuple[float, float]:
        return (PAD + (lon - west) * x_scale * scale, PAD + (north - lat) * scale)

    parts = [
        f'<svg class="place-map" viewBox="0 0 {width} {height}" '
        f'aria-label="{escape(title)}" xmlns="http://www.w3.org/2000/svg">',
        f'<rect class="map-bg" x="0" y="0" width="{width}" height="{height}" rx="6"/>',
    ]
    step = _step(max(east - west, north - south))
    lat = math.ceil(south / step) * step
    while lat <= north:
        _, y = project(lat, west)
        label = _fmt(lat, "N", "S")
        parts.append(f'<line class="grid" x1="0" y1="{y:.1f}" x2="{width}" y2="{y:.1f}"/>')
        parts.append(f'<text class="grid-label" x="4" y="{y - 3:.1f}">{label}</text>')
        lat += step
    lon = math.ceil(west / step) * step
    while lon <= east:
        x, _ = project(south, lon)
        label = _fmt(lon, "E", "W")
        parts.append(f'<line class="grid" x1="{x:.1f}" y1="0" x2="{x:.1f}" y2="{height}"/>')
        parts.append(f'<text class="grid-label" x="{x + 3:.1f}" y="{height - 5}">{label}</text>')
        lon += step
    ordered = sorted(points, key=lambda p: (-p.weight, p.name))
    dots = {p.href: (*project(p.lat, p.lon), 4 + min(p.weight, 25) ** 0.5) for p in ordered}
    dot_boxes = {href: (x - r, y - r, x + r, y + r) for href, (x, y, r) in dots.items()}
    labels: list[Box] = []
    for point in ordered:
        x, y, radius = dots[point.href]
        label = escape(point.name)
        # A label must clear every other dot and every label already placed:
        # try right of the dot, then left, above and below.
        obstacles = [b for href, b in dot_boxes.items() if href != point.href] + labels
        text = ""
        for box, anchor_x, baseline in _label_spots(x, y, radius, 7.2 * len(point.name)):
            inside = box[0] >= 0 and box[2] <= width and box[1] >= 0 and box[3] <= height
            if inside and not any(_overlaps(box, b) for b in obstacles):
                labels.append(box)
                text = (
                    f'<text class="dot-label" x="{anchor_x:.1f}" y="{baseline:.1f}">{label}</text>'
                )
                break
        parts.append(
            f'<a href="{escape(point.href)}" aria-label="{label}"><title>{label}</title>'
            f'<circle class="dot" cx="{x:.1f}" cy="{y:.1f}" r="{radius:.1f}"/>{text}</a>'
        )
    parts.append("</svg>")
    return "\n".join(parts)


def _label_spots(
    x: float, y: float, radius: float, length: float
) -> list[tuple[Box, float, float]]:
    """Candidate label boxes (with the text's start and baseline) around a dot."""
    right = x + radius + 3
    left = x - radius - 3 - length
    centre = x - length / 2
    return [
        ((right, y - 8, right + length, y + 5), right, y + 4),
        ((left, y - 8, left + length, y + 5), left, y + 4),
        ((centre, y - radius - 15, centre + length, y - radius - 2), centre, y - radius - 4),
        ((centre, y + radius + 2, centre + length, y + radius + 15), centre, y + radius + 13),
    ]


def _overlaps(a: Box, b: Box) -> bool:
    return not (a[2] < b[0] or b[2] < a[0] or a[3] < b[1] or b[3] < a[1])


@dataclass(frozen=True, slots=True)
class PlaceMap:
    """The places index's map: SVG markup and the places it leaves off."""

    svg: str
    left_off: list[str]


def find_region(archive: Archive, name: str) -> Place | None:
    """The place ``DOSSIER_MAP_REGION`` names, by name, alias or slug."""
    wanted = name_key(name)
    for listing in archive.places.values():
        place = listing.entity
        names = (place.name, place.slug, *place.aliases)
        if isinstance(place, Place) and wanted in {name_key(n) for n in names}:
            return place
    return None


def archive_map(archive: Archive, urls: Urls, region: str = "") -> PlaceMap:
    """The map of an archive's located places: those within ``region`` (a
    place's name, alias or slug) if it names one, else those under their
    busiest outermost place."""
    chosen = find_region(archive, region) if region else None
    candidates = []
    for listing in archive.places.values():
        entity = listing.entity
        if not isinstance(entity, Place) or entity.coordinates is None:
            continue
        chain = (entity, *ancestors(entity, archive.parents))
        outermost = chosen if chosen in chain else chain[-1]
        point = Point(
            entity.name, urls.href(entity), *entity.coordinates, weight=len(listing.briefings)
        )
        candidates.append(Candidate(point, entity.kind, outermost.name))
    drawn, left_off = choose(candidates, chosen.name if chosen else "")
    return PlaceMap(render_map(drawn, "Map of the places in the archive"), left_off)
