"""A small static map of places as inline SVG: no tiles, no script, no requests.

Points are placed in a frame of :mod:`dossier.makers.basemap` (an
equirectangular projection scaled by the cosine of the middle latitude, so
shapes are not stretched at these latitudes), over that frame's base drawing
of land, coasts, borders and country names (a file shared by every map of the
frame, shown under this SVG) and a faint graticule. Labels are placed
greedily, busiest places first, and skipped where they would collide.
"""

from __future__ import annotations

import hashlib
import math
from collections import defaultdict
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from functools import cached_property, partial
from typing import Literal

from markupsafe import escape

from ..lazyfile import LazyFile
from ..model import Entity, Place, name_key
from ..relate import Archive, EntityListing, ancestors
from ..urls import Urls
from .basemap import (
    ATLAS_VERSION,
    INSET,
    INSET_GAP,
    WIDE_FROM,
    Frame,
    base_svg,
    country_area,
    frame_for,
)
from .basemap import names as base_names

Box = tuple[float, float, float, float]
WIDTH = 720
MAX_HEIGHT = 480


@dataclass(frozen=True, slots=True)
class Point:
    """A place to draw: name, link, coordinates and how much it matters."""

    name: str
    href: str
    lat: float
    lon: float
    weight: int = 0
    near: bool = False  # on a place's page, a neighbour in the archive: drawn grey


@dataclass(frozen=True, slots=True)
class Candidate:
    """A place that could go on the map, with its kind and outermost parent."""

    point: Point
    kind: str
    root: str


AREAS = frozenset({"country", "region", "state", "province", "governorate", "division"})


def choose_points(
    candidates: Sequence[Candidate], region: str = ""
) -> tuple[list[Point], list[Point]]:
    """The points to draw, and the places left off the frame.

    The map shows the places under ``region`` if it holds any, else under
    the outermost place that holds the most of them (Libya, say), so that one
    mention of Paris does not shrink the whole country to a corner; a place
    under another root that lies inside the area drawn (a border town across
    the frontier) is drawn too. Areas are left off, since a dot at a
    country's centroid says nothing. The places left off go on the map's
    inset (:func:`inset_for`), or, where it has none, into its caption.
    """
    roots: dict[str, int] = {}
    for c in candidates:
        if c.kind not in AREAS:
            roots[c.root] = roots.get(c.root, 0) + 1
    if not roots:
        return [], []
    best = region if region in roots else min(roots, key=lambda r: (-roots[r], r))
    drawn = [c.point for c in candidates if c.root == best and c.kind not in AREAS]
    south, north, west, east = bounds(drawn)
    others = [c.point for c in candidates if c.root != best and c.kind not in AREAS]
    inside = [p for p in others if south <= p.lat <= north and west <= p.lon <= east]
    shown = {p.href for p in inside}
    left = sorted((p for p in others if p.href not in shown), key=lambda p: p.name)
    return drawn + inside, left


MARGIN = 0.5  # degrees of map around the outermost places


def bounds(points: Sequence[Point]) -> tuple[float, float, float, float]:
    """South, north, west and east edges of the area drawn around ``points``."""
    lats = [p.lat for p in points]
    lons = [p.lon for p in points]
    return min(lats) - MARGIN, max(lats) + MARGIN, min(lons) - MARGIN, max(lons) + MARGIN


def _step(span: float) -> float:
    for step in (0.5, 1, 2, 5, 10, 20, 30):
        if span / step <= 8:
            return step
    return 45


def _fmt(value: float, positive: str, negative: str) -> str:
    hemisphere = positive if value >= 0 else negative
    return f"{abs(value):g}°{hemisphere}"


# One set of labels per width (CSS px) the map may be shown at: the theme
# shows the set of the widest of these its box reaches (a container query),
# each sized to read at least LABEL_PX there. A narrow map shows fewer
# labels, never smaller ones. Each width maps to how much the theme enlarges
# the dots there, so that a dot stays a target a finger or a pointer can
# find (dossier.css mirrors it).
DOT_GROWTH = {760: 1.0, 600: 1.1, 480: 1.35, 340: 1.9, 280: 2.3}
LABEL_WIDTHS = tuple(DOT_GROWTH)
LABEL_PX = 12.5
_NARROW = frozenset("iIl.,:;'’!|")
_THIN = frozenset("fjrt()-/ ")
_WIDE = frozenset("mwMW")


def text_width(text: str, size: float) -> float:
    """A generous guess of the width of ``text`` set at ``size`` in a sans
    serif (wide fonts such as DejaVu Sans included), with no font at hand."""
    ems = 0.0
    for char in text:
        if char in _NARROW:
            ems += 0.32
        elif char in _THIN:
            ems += 0.42
        elif char in _WIDE:
            ems += 0.98
        elif char.isupper():
            ems += 0.74
        else:
            ems += 0.63
    return ems * size


def render_map(
    points: Sequence[Point],
    title: str,
    here: str = "",
    max_height: int = MAX_HEIGHT,
    urls: Urls | None = None,
    abroad: Sequence[Point] = (),
    frame: Frame | None = None,
    area: str = "",
    inset: Inset | Literal["find"] | None = "find",
) -> str:
    """SVG markup for ``points``; an empty string when there is nothing to draw.
    The point whose link is ``here`` (the page's own place) is ringed and
    labelled first. With ``urls``, the frame's base drawing (:func:`base_maps`
    writes it) is shown under the SVG; without, a plain background. Places
    ``abroad``, outside the frame, go on an inset that shows where the frame
    is (see :func:`inset_for`; ``inset``, if the caller has found it already).

    Dots are drawn first and every label after them, so no dot ever covers a
    label, and no label is placed over any dot, another label or the edge.
    """
    if not points:
        return ""
    frame = frame or frame_of(points, max_height)
    width, height = frame.width, frame.height
    west, south, east, north = frame.box
    project = frame.project
    parts = [
        f'<svg class="place-map" viewBox="0 0 {width} {height}" '
        f'aria-label="{escape(title)}" xmlns="http://www.w3.org/2000/svg">',
    ]
    if urls is None:
        parts.append(f'<rect class="map-bg" x="0" y="0" width="{width}" height="{height}" rx="6"/>')
    step = _step(max(east - west, north - south))
    # Graticule: (y of a parallel, its label), (x of a meridian, its label).
    parallels: list[tuple[float, str]] = []
    lat = math.ceil(south / step) * step
    while lat <= north:
        parallels.append((project(lat, west)[1], _fmt(lat, "N", "S")))
        lat += step
    meridians: list[tuple[float, str]] = []
    lon = math.ceil(west / step) * step
    while lon <= east:
        meridians.append((project(south, lon)[0], _fmt(lon, "E", "W")))
        lon += step
    for y, _ in parallels:
        parts.append(f'<line class="grid" x1="0" y1="{y:.1f}" x2="{width}" y2="{y:.1f}"/>')
    for x, _ in meridians:
        parts.append(f'<line class="grid" x1="{x:.1f}" y1="0" x2="{x:.1f}" y2="{height}"/>')
    if area:  # the country the page's place is in, outlined over the base
        parts.append(f'<path class="map-area" d="{area}"/>')
    every = sorted(points, key=lambda p: (p.href != here, -p.weight, p.name))
    if urls is None:
        inset = None
    elif inset == "find":
        inset = inset_for(frame, every, abroad)
    blocked: list[Box] = [inset.box] if inset else []
    groups = group_overlapping(every, project)
    # A group is drawn as its first place, named with how many more it holds.
    ordered = [
        replace(first, name=f"{first.name} +{len(rest)}") if rest else first
        for first, rest in groups
    ]
    dots = {
        p.href: (*project(p.lat, p.lon), _radius(p.weight + sum(r.weight for r in rest)))
        for p, (_, rest) in zip(ordered, groups, strict=True)
    }
    for point, (first, rest) in zip(ordered, groups, strict=True):
        # the busiest first, so smaller dots stay on top
        x, y, radius = dots[point.href]
        label = escape(first.name)
        if rest:
            names = ", ".join(r.name for r in rest)
            label = escape(f"{first.name} and {len(rest)} beside it: {names}")
        kind = "dot dot-group" if rest else "dot"
        if first.near:
            kind += " dot-near"
        mark = (f' class="{kind} dot-here"', ' aria-current="page"') if point.href == here else (
            f' class="{kind}"', "")  # fmt: skip
        parts.append(
            f'<a href="{escape(point.href)}" aria-label="{label}"{mark[1]}><title>{label}</title>'
            f'<circle{mark[0]} cx="{x:.1f}" cy="{y:.1f}" r="{radius:.1f}"/></a>'
        )
    if inset is not None and urls is not None:
        parts.append(inset.svg(urls))
    # The base drawing's country names, where they show at each label
    # set's widths: labels keep clear of them.
    named = base_names(frame) if urls is not None else ()
    for shown_from, upto in zip(LABEL_WIDTHS, (math.inf, *LABEL_WIDTHS[:-1]), strict=True):
        size = LABEL_PX * width / shown_from
        parts.append(
            f'<g class="map-labels map-labels-{shown_from}" font-size="{size:.1f}" '
            'aria-hidden="true">'
        )
        grown = {href: (x, y, r * DOT_GROWTH[shown_from]) for href, (x, y, r) in dots.items()}
        modes = {shown_from >= WIDE_FROM, upto > WIDE_FROM}
        clear = [box for n in named for wide in modes if (box := n.box(wide)) is not None]
        parts.extend(
            _labels(ordered, grown, parallels, meridians, width, height, size, [*blocked, *clear])
        )
        if inset is not None:
            parts.extend(inset.labels(size, DOT_GROWTH[shown_from]))
        parts.append("</g>")
    parts.append("</svg>")
    svg = "\n".join(parts)
    if urls is None:
        return svg
    # The base is an image of its own, so its country names can follow the
    # width it is shown at (media queries inside it) and every map of the
    # frame shares one file; alt is empty: the SVG above says what it shows.
    return (
        f'<div class="map-frame"><img class="map-base" src="{escape(base_href(urls, frame))}" '
        f'alt="" width="{width}" height="{height}" loading="lazy" decoding="async">{svg}</div>'
    )


ABROAD_DOT = 4.5  # a place abroad's dot, in units (the theme enlarges it on narrow maps)


@dataclass(frozen=True, slots=True)
class Inset:
    """A small map in a corner of a larger one: where the larger map's frame
    lies, and the places outside it, each a link."""

    frame: Frame  # the inset's own frame, drawn from the coarser atlas
    x: float  # its top left corner in the larger map
    y: float
    outer: Frame
    abroad: tuple[Point, ...]

    @property
    def box(self) -> Box:
        """Where the inset sits in the larger map."""
        return (self.x, self.y, self.x + self.frame.width, self.y + self.frame.height)

    def _at(self, point: Point) -> tuple[float, float]:
        px, py = self.frame.project(point.lat, point.lon)
        return self.x + px, self.y + py

    def svg(self, urls: Urls) -> str:
        """The inset: its base drawing, the larger map's frame, the places abroad."""
        w, h = self.frame.width, self.frame.height
        west, south, east, north = self.outer.box
        (x0, y0), (x1, y1) = self.frame.project(north, west), self.frame.project(south, east)
        parts = [
            f'<g class="inset" transform="translate({self.x:.0f} {self.y:.0f})">',
            f'<rect class="inset-bg" width="{w}" height="{h}"/>',
            f'<image href="{escape(base_href(urls, self.frame))}" width="{w}" height="{h}"/>',
            f'<rect class="inset-here" x="{x0:.1f}" y="{y0:.1f}" width="{x1 - x0:.1f}" '
            f'height="{y1 - y0:.1f}"/>',
        ]
        for point in self.abroad:
            x, y = self.frame.project(point.lat, point.lon)
            label = escape(point.name)
            parts.append(
                f'<a href="{escape(point.href)}" aria-label="{label}"><title>{label}</title>'
                f'<circle class="dot dot-abroad" cx="{x:.1f}" cy="{y:.1f}" r="{ABROAD_DOT:g}"/></a>'
            )
        parts.append("</g>")
        return "".join(parts)

    def labels(self, size: float, grow: float = 1.0) -> list[str]:
        """One size's labels of the places abroad, where they fit in the inset
        clear of every dot (``grow``: how much the theme enlarges them there)."""
        out: list[str] = []
        radius = ABROAD_DOT * grow
        halo = 0.12 * size
        spots = [self._at(point) for point in self.abroad]
        taken: list[Box] = [
            (x - radius - halo, y - radius - halo, x + radius + halo, y + radius + halo)
            for x, y in spots
        ]
        left, top, right, bottom = self.box
        for point, (x, y) in zip(self.abroad, spots, strict=True):
            length = text_width(point.name, size)
            for box, start, baseline in _label_spots(x, y, radius, length, size):
                inside = box[0] >= left and box[2] <= right and box[1] >= top and box[3] <= bottom
                if inside and not any(_overlaps(box, b) for b in taken):
                    taken.append(box)
                    out.append(_label_markup(point, start, baseline))
                    break
        return out


def inset_for(frame: Frame, dots: Sequence[Point], abroad: Sequence[Point]) -> Inset | None:
    """The inset of a map of ``dots`` in ``frame`` for the places ``abroad``:
    in the corner that covers none of the dots (bottom left, top left, bottom
    right, top right, the first that does); None when every corner would
    hide a dot. Its frame is at least four times as wide as the map's, so it
    shows where in the world the map is even with no place abroad."""
    west, south, east, north = frame.box
    corners = [(north, west), (north, east), (south, west), (south, east)]
    where = frame_for(
        [*corners, *((p.lat, p.lon) for p in abroad)],
        *INSET,
        margin=0.08,
        least=min(4 * frame.span, 256.0),
        coarse=True,
    )
    w, h = INSET
    spots = [
        (INSET_GAP, frame.height - h - INSET_GAP),
        (INSET_GAP, INSET_GAP),
        (frame.width - w - INSET_GAP, frame.height - h - INSET_GAP),
        (frame.width - w - INSET_GAP, INSET_GAP),
    ]
    projected = [frame.project(p.lat, p.lon) for p in dots]
    for x, y in spots:
        pad = 12  # a dot's radius, grown on a phone
        if not any(x - pad <= px <= x + w + pad and y - pad <= py <= y + h + pad
                   for px, py in projected):  # fmt: skip
            return Inset(where, x, y, frame, tuple(abroad))
    return None


OVERLAP = 0.9  # dots nearer than this share of their radii together are one


def _radius(weight: int) -> float:
    return 4.0 + math.sqrt(min(weight, 25))


def group_overlapping(
    ordered: Sequence[Point], project: Callable[[float, float], tuple[float, float]]
) -> list[tuple[Point, tuple[Point, ...]]]:
    """Places whose dots would lie on one another, as one dot each: the first
    of them in ``ordered`` (the page's own place, then the busiest) with the
    places it stands for."""
    groups: list[tuple[Point, float, float, float, list[Point]]] = []
    for point in ordered:
        x, y = project(point.lat, point.lon)
        radius = _radius(point.weight)
        for _, fx, fy, fr, rest in groups:
            if math.hypot(x - fx, y - fy) < (radius + fr) * OVERLAP:
                rest.append(point)
                break
        else:
            groups.append((point, x, y, radius, []))
    return [(first, tuple(rest)) for first, _, _, _, rest in groups]


def frame_of(points: Sequence[Point], max_height: int = MAX_HEIGHT) -> Frame:
    """The frame a map of ``points`` is drawn in: never less than a degree
    across, so a place page's map shows where it is, not only what is near."""
    return frame_for([(p.lat, p.lon) for p in points], WIDTH, max_height, least=1.0)


def base_href(urls: Urls, frame: Frame) -> str:
    """The link to ``frame``'s base drawing."""
    return urls.href(path=base_path(urls, frame))


def base_path(urls: Urls, frame: Frame) -> str:
    """Where ``frame``'s base drawing is written, under the output."""
    return f"{urls.url('maps')}{frame.key}.svg"


def _labels(
    ordered: Sequence[Point],
    dots: dict[str, tuple[float, float, float]],
    parallels: Sequence[tuple[float, str]],
    meridians: Sequence[tuple[float, str]],
    width: int,
    height: int,
    size: float,
    blocked: Sequence[Box] = (),
) -> list[str]:
    """One size's labels: the graticule's, then as many places' as fit,
    busiest first, each beside its dot where it touches nothing else (nor
    any of the ``blocked`` boxes: the inset)."""
    out: list[str] = []
    taken: list[Box] = list(blocked)
    for y, text in parallels:
        box: Box = (2.0, y - 0.9 * size, 4 + text_width(text, size), y - 0.1 * size)
        if box[1] > 0 and not any(_overlaps(box, b) for b in blocked):
            taken.append(box)
            out.append(f'<text class="grid-label" x="4" y="{y - 0.2 * size:.1f}">{text}</text>')
    for x, text in meridians:
        box = (x + 2, height - 1.1 * size, x + 4 + text_width(text, size), float(height))
        if box[2] < width and not any(_overlaps(box, b) for b in taken):
            taken.append(box)
            out.append(
                f'<text class="grid-label" x="{x + 3:.1f}" y="{height - 0.3 * size:.1f}">'
                f"{text}</text>"
            )
    halo = 0.12 * size
    dot_boxes = [
        (x - r - halo, y - r - halo, x + r + halo, y + r + halo) for x, y, r in dots.values()
    ]
    # Dots by square of the map, to find a label's neighbours without a scan of all.
    cell = 6 * size
    grid: dict[tuple[int, int], list[tuple[str, float, float]]] = defaultdict(list)
    for href, (x, y, _) in dots.items():
        grid[(int(x // cell), int(y // cell))].append((href, x, y))

    def nearest_is_own(box: Box, href: str, x: float, y: float) -> bool:
        # A label must be nearer its own dot than any other, or a reader
        # cannot tell which of two close dots it names. Only the squares
        # within that distance of the label can hold a nearer dot; a dot at
        # the very same spot (two names for one point) does not count.
        own = _distance(box, x, y)
        first, last = (int((box[0] - own) // cell), int((box[1] - own) // cell)), (
            int((box[2] + own) // cell), int((box[3] + own) // cell))  # fmt: skip
        return all(
            _distance(box, ox, oy) > own or math.hypot(ox - x, oy - y) < 0.5
            for column in range(first[0], last[0] + 1)
            for row in range(first[1], last[1] + 1)
            for other, ox, oy in grid.get((column, row), ())
            if other != href
        )

    for point in ordered:
        x, y, radius = dots[point.href]
        length = text_width(point.name, size)
        for box, start, baseline in _label_spots(x, y, radius, length, size):
            inside = box[0] >= 0 and box[2] <= width and box[1] >= 0 and box[3] <= height
            if (
                inside
                and not any(_overlaps(box, b) for b in (*dot_boxes, *taken))
                and nearest_is_own(box, point.href, x, y)
            ):
                taken.append(box)
                out.append(_label_markup(point, start, baseline))
                break
    return out


def _label_markup(point: Point, start: float, baseline: float) -> str:
    """A dot's label: a link out of the tab order (the dot is the one a
    keyboard reaches), hidden from screen readers with its group."""
    return (
        f'<a href="{escape(point.href)}" tabindex="-1"><text class="dot-label" '
        f'x="{start:.1f}" y="{baseline:.1f}">{escape(point.name)}</text></a>'
    )


def _label_spots(
    x: float, y: float, radius: float, length: float, size: float
) -> list[tuple[Box, float, float]]:
    """Label boxes (with the text's start and baseline) around a dot: right,
    left, above, below. A box runs from 0.8 of the size above the baseline to
    0.25 below, with a little room for the halo."""
    gap = radius + 0.25 * size
    spots = [
        (x + gap, y + 0.3 * size),
        (x - gap - length, y + 0.3 * size),
        (x - length / 2, y - gap - 0.25 * size),
        (x - length / 2, y + gap + 0.8 * size),
    ]
    pad = 0.1 * size
    return [
        ((start - pad, base - 0.8 * size - pad, start + length + pad, base + 0.25 * size + pad),
         start, base)
        for start, base in spots
    ]  # fmt: skip


def _distance(box: Box, x: float, y: float) -> float:
    """How far the point (x, y) is from the box (0 inside it)."""
    dx = max(box[0] - x, 0.0, x - box[2])
    dy = max(box[1] - y, 0.0, y - box[3])
    return math.hypot(dx, dy)


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


NEARBY = 8  # places most often with a place that its page's map shows
MOST_POINTS = 40
PLACE_HEIGHT = 360  # a place page's map is a locator: lower than the index's


def place_points(archive: Archive, urls: Urls, listing: EntityListing) -> list[Point]:
    """What a place page's map draws: the place, the places within it and
    the places most often with it, all under its outermost place (so Paris
    never stretches a map of Sirte); none when fewer than two can be drawn."""
    place = listing.entity
    if not isinstance(place, Place):
        return []
    root = (place, *ancestors(place, archive.parents))[-1].key
    wanted: dict[str, Place] = {}

    def add(entity: Entity) -> None:
        if isinstance(entity, Place) and entity.key not in wanted and len(wanted) < MOST_POINTS:
            chain = (entity, *ancestors(entity, archive.parents))
            if (
                entity.coordinates is not None
                and entity.kind not in AREAS
                and chain[-1].key == root
            ):
                wanted[entity.key] = entity

    add(place)
    inner = list(listing.contains)
    seen = {place.key}
    while inner and len(wanted) < MOST_POINTS:  # the places within, level by level
        child = inner.pop(0)
        if child.key in seen:  # two places each 'within' the other
            continue
        seen.add(child.key)
        add(child)
        found = archive.places.get(child.slug)
        inner.extend(found.contains if found else ())
    own = set(wanted)  # the place and the places within it
    for count in listing.places[:NEARBY]:
        add(count.entity)
    if len(wanted) < 2:
        return []
    return [
        Point(
            p.name,
            urls.href(p),
            *p.coordinates,
            weight=len(archive.places[p.slug].briefings),
            near=p.key not in own,
        )
        for p in wanted.values()
        if p.coordinates is not None and p.slug in archive.places
    ]


def actor_points(
    archive: Archive, urls: Urls, listing: EntityListing
) -> tuple[list[Point], list[Point], Frame | None]:
    """What an actor page's map draws: the places listed with the actor,
    each sized by the briefings they share, under the outermost place that
    holds most of them, the others on the inset; no frame when fewer than
    two can be drawn."""
    candidates = []
    for count in listing.places[:MOST_POINTS]:
        place = count.entity
        if not isinstance(place, Place) or place.coordinates is None:
            continue
        chain = (place, *ancestors(place, archive.parents))
        point = Point(place.name, urls.href(place), *place.coordinates, weight=count.count)
        candidates.append(Candidate(point, place.kind, chain[-1].name))
    drawn, left = choose_points(candidates)
    if len(drawn) < 2:
        return [], [], None
    return drawn, left, frame_of(drawn, PLACE_HEIGHT)


def archive_points(
    archive: Archive, urls: Urls, region: str = ""
) -> tuple[list[Point], list[Point], Frame | None]:
    """The points :func:`archive_map` draws in its frame, those outside it
    (for the inset), and the frame: the one that holds the region's places,
    with any other place that falls inside it drawn too (Dhaka on a map of
    Myanmar, if the frame reaches it)."""
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
    drawn, left = choose_points(candidates, chosen.name if chosen else "")
    if not drawn:
        return [], left, None
    frame = frame_of(drawn)
    west, south, east, north = frame.box
    pad_x, pad_y = (east - west) * 0.03, (north - south) * 0.03
    inside = [
        p for p in left
        if west + pad_x <= p.lon <= east - pad_x and south + pad_y <= p.lat <= north - pad_y
    ]  # fmt: skip
    return drawn + inside, [p for p in left if p not in inside], frame


@dataclass(frozen=True)
class MapSpec:
    """One map to draw: its points in its frame, the places abroad (on the
    inset), its title, the page's own place (``here``), its height and the
    names of the page's country, outlined (``country``: see :attr:`area`).
    Everything the map's markup is made from, so that equal specs (as
    :attr:`key` says) draw equal maps."""

    points: tuple[Point, ...]
    frame: Frame
    title: str
    here: str = ""
    height: int = MAX_HEIGHT
    abroad: tuple[Point, ...] = ()
    country: tuple[str, ...] = ()

    @cached_property
    def inset(self) -> Inset | None:
        """The inset, found once for the page and for its base drawings."""
        return inset_for(self.frame, self.points, self.abroad)

    @cached_property
    def area(self) -> str:
        """The outline of the page's country in the frame (SVG path data), if any."""
        return country_area(self.frame, self.country) if self.country else ""

    @cached_property
    def key(self) -> str:
        """A digest of the spec: its fields' text, exact for floats, the same in any process."""
        return hashlib.blake2b(repr(self).encode("utf-8"), digest_size=16).hexdigest()

    def frames(self) -> tuple[Frame, ...]:
        """The frames whose base drawings this map shows: its own, and its inset's."""
        return (self.frame, self.inset.frame) if self.inset else (self.frame,)

    def svg(self, urls: Urls) -> str:
        """The map's markup (see :func:`render_map`)."""
        return render_map(self.points, self.title, self.here, self.height, urls, self.abroad,
                          self.frame, self.area, self.inset)  # fmt: skip


@dataclass(frozen=True)
class EntityMap:
    """An entity page's map as a page's input: its spec's key, which is all
    its markup depends on (equal specs draw equal maps), so a page can be
    compared and digested without drawing it. Drawn when the page is
    rendered, by the process that renders it (a template's
    ``{{ place_map }}``, or a test such as ``'dot-here' in place_map``)."""

    key: str
    spec: MapSpec = field(compare=False, repr=False)
    maps: Maps = field(compare=False, repr=False)

    def __html__(self) -> str:
        return self.maps.draw(self.spec)

    def __str__(self) -> str:
        return self.__html__()

    def __contains__(self, text: str) -> bool:
        return text in self.__html__()


@dataclass
class Maps:
    """Every map of a site, each worked out once: the places index's, and
    each place's and actor's. The pages draw them, and the base drawings
    written are those of exactly the frames they show (:meth:`base_files`)."""

    archive: Archive
    urls: Urls
    region: str = ""
    # Entity maps' markup drawn by the last build into the same output, by
    # spec key (kept with its stamps): a weekly update draws again only the
    # maps whose spec changed. ``drawn``: this run's (see pictures()).
    kept: Mapping[str, str] = field(default_factory=dict, repr=False)
    drawn: dict[str, str] = field(default_factory=dict, repr=False)
    _entities: dict[str, MapSpec | None] = field(default_factory=dict, repr=False)

    @cached_property
    def _archive_points(self) -> tuple[list[Point], list[Point], Frame | None]:
        return archive_points(self.archive, self.urls, self.region)

    @cached_property
    def of_archive(self) -> MapSpec | None:
        """The places index's map: the places within the region (a place's
        name, alias or slug) if it names one, else those under their
        busiest outermost place; None when no place has coordinates."""
        drawn, abroad, frame = self._archive_points
        if frame is None:
            return None
        title = "Map of the places in the archive"
        return MapSpec(tuple(drawn), frame, title, abroad=tuple(abroad))

    def archive_map(self) -> PlaceMap:
        """The places index's map and the places it cannot show: with an
        inset, they are on it; without one (every corner holds a dot), the
        caption names them. Drawn once: the front page and the places index
        both show it."""
        return self._archive_map

    @cached_property
    def _archive_map(self) -> PlaceMap:
        spec = self.of_archive
        if spec is None:
            return PlaceMap("", [p.name for p in self._archive_points[1]])
        return PlaceMap(spec.svg(self.urls), [] if spec.inset else [p.name for p in spec.abroad])

    def of_entity(self, listing: EntityListing) -> MapSpec | None:
        """A place page's map (:func:`place_points`, its country outlined) or
        an actor page's (:func:`actor_points`); None when it has none."""
        key = listing.entity.key
        if key not in self._entities:
            self._entities[key] = self._entity(listing)
        return self._entities[key]

    def _entity(self, listing: EntityListing) -> MapSpec | None:
        archive, urls, entity = self.archive, self.urls, listing.entity
        if isinstance(entity, Place):
            points = place_points(archive, urls, listing)
            if not points:
                return None
            frame = frame_of(points, PLACE_HEIGHT)
            # The place's own country, or the country it is within, outlined:
            # the atlas holds countries only, so a province's outline is not drawn.
            chain = (entity, *ancestors(entity, archive.parents))
            names = tuple(n for e in chain for n in (e.name, *e.aliases))
            title = f"Map of {entity.name} and the places near it"
            return MapSpec(tuple(points), frame, title, urls.href(entity), PLACE_HEIGHT,
                           country=names)  # fmt: skip
        drawn, abroad, found = actor_points(archive, urls, listing)
        if found is None:
            return None
        title = f"Map of the places {entity.name} is seen in"
        return MapSpec(tuple(drawn), found, title, "", PLACE_HEIGHT, tuple(abroad))

    def entity_map(self, listing: EntityListing) -> EntityMap | str:
        """An entity page's map, drawn when the page is (see :class:`EntityMap`);
        '' when it has none."""
        spec = self.of_entity(listing)
        return EntityMap(spec.key, spec, self) if spec is not None else ""

    def draw(self, spec: MapSpec) -> str:
        """``spec``'s markup: drawn once a run, or as the last build drew it."""
        svg = self._known(spec.key)
        if svg is None:
            svg = spec.svg(self.urls)
        self.drawn[spec.key] = svg
        return svg

    def _known(self, key: str) -> str | None:
        # A map's markup drawn in this run, or by the last build.
        return self.drawn.get(key) or self.kept.get(key)

    def pictures(self) -> dict[str, str]:
        """Every entity map of the site's markup known here (drawn in this
        run or by the last build), by spec key: what the next run may keep."""
        known: dict[str, str] = {}
        for spec in self._entities.values():
            if spec is not None and (svg := self._known(spec.key)) is not None:
                known[spec.key] = svg
        return known

    def base_files(self) -> dict[str, LazyFile]:
        """The base drawing of every frame a map of the site is drawn in, by path."""
        specs = [self.of_archive]
        for section in ("places", "actors"):
            listings = self.archive.listings(section).values()
            specs.extend(self.of_entity(listing) for listing in listings)
        frames = {frame for spec in specs if spec is not None for frame in spec.frames()}
        return {
            base_path(self.urls, frame): LazyFile((frame, ATLAS_VERSION), partial(base_svg, frame))
            for frame in sorted(frames, key=lambda f: f.key)
        }


def entity_map(archive: Archive, urls: Urls, listing: EntityListing) -> str:
    """A place's or an actor's page map (see :meth:`Maps.of_entity`); '' when it has none."""
    return str(Maps(archive, urls).entity_map(listing))


def archive_map(archive: Archive, urls: Urls, region: str = "") -> PlaceMap:
    """The places index's map (see :meth:`Maps.archive_map`)."""
    return Maps(archive, urls, region).archive_map()


def base_maps(archive: Archive, urls: Urls, region: str = "") -> dict[str, LazyFile]:
    """The base drawing of every frame a map of the site is drawn in, by path."""
    return Maps(archive, urls, region).base_files()
