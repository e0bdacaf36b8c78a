"""The land under the maps: Natural Earth's coasts, borders and country names,
drawn at build time for a frame and shared by every map of that frame.

The data is Natural Earth's 1:50m countries (public domain) as TopoJSON from
the ``world-atlas`` package, vendored in ``dossier/atlas/`` (its README says
where from; ``make atlas`` refreshes it): nothing is fetched at build or read
time. TopoJSON keeps each stretch of border once, shared by the two countries
it divides, so a stretch used by one country is coast and one used by two is
a border; each stretch is simplified once, so neighbours still meet.

Frames are snapped to a ladder of sizes and a grid of centres (:func:`frame_for`),
so the place pages of one area share a few base drawings, each written once
(``maps/<key>.svg``) and shown under the page's own SVG of places, which
carries only its dots and labels. Projection is equirectangular, scaled by the
cosine of the frame's middle latitude: at a country's scale shapes keep their
proportions, and the page's dots use the same :meth:`Frame.project`.
"""

from __future__ import annotations

import functools
import gzip
import json
import math
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from importlib import resources

import numpy as np
import numpy.typing as npt
import shapely
import shapely.ops
from markupsafe import escape
from shapely.geometry import LineString, MultiPolygon, Polygon
from shapely.geometry.base import BaseGeometry

ATLAS = "countries-50m.json.gz"
COARSE_ATLAS = "countries-110m.json.gz"  # for insets: a continent at a glance
ATLAS_VERSION = "world-atlas 2.0.2; drawing 3"  # what a base drawing is made from and how
Ring = list[int]  # TopoJSON arc indices; ~i is arc i backwards
Coordinates = npt.NDArray[np.float64]  # points, one (x, y) row each


@dataclass(frozen=True)
class Country:
    """A country of the atlas: its name, its polygons as arc indices, its box."""

    name: str
    polygons: tuple[tuple[Ring, ...], ...]
    box: tuple[float, float, float, float]  # west, south, east, north


@dataclass(frozen=True)
class Atlas:
    """The decoded atlas: arcs in degrees, countries, and how many use each arc."""

    arcs: tuple[tuple[tuple[float, float], ...], ...]
    countries: tuple[Country, ...]
    uses: Counter[int]


@functools.cache
def atlas(name: str = ATLAS) -> Atlas:
    """The vendored atlas ``name``, decoded once per process."""
    raw = resources.files("dossier.atlas").joinpath(name).read_bytes()
    topology = json.loads(gzip.decompress(raw))
    (sx, sy), (tx, ty) = topology["transform"]["scale"], topology["transform"]["translate"]
    arcs = []
    for arc in topology["arcs"]:
        x = y = 0
        points = []
        for dx, dy in arc:  # quantized and delta-encoded
            x, y = x + dx, y + dy
            points.append((x * sx + tx, y * sy + ty))
        arcs.append(tuple(points))
    countries = []
    uses: Counter[int] = Counter()
    for geometry in topology["objects"]["countries"]["geometries"]:
        kind = geometry.get("type")
        if kind == "Polygon":
            polygons = [geometry["arcs"]]
        elif kind == "MultiPolygon":
            polygons = geometry["arcs"]
        else:
            continue
        used = {_index(i) for polygon in polygons for ring in polygon for i in ring}
        uses.update(used)
        lons = [p[0] for i in used for p in arcs[i]]
        lats = [p[1] for i in used for p in arcs[i]]
        countries.append(
            Country(
                str(geometry.get("properties", {}).get("name", "")),
                tuple(tuple(ring for ring in polygon) for polygon in polygons),
                (min(lons), min(lats), max(lons), max(lats)),
            )
        )
    return Atlas(tuple(arcs), tuple(countries), uses)


def _index(i: int) -> int:
    return i if i >= 0 else ~i


# The sizes a frame may have, in degrees of longitude across: each √2 times the last.
SPANS = tuple(round(0.25 * 2 ** (k / 2), 3) for k in range(21))  # 0.25° … 256°


@dataclass(frozen=True, slots=True)
class Frame:
    """An area of the Earth drawn ``width`` by ``height`` units: ``span``
    degrees of longitude across, centred on (``lat``, ``lon``)."""

    lat: float
    lon: float
    span: float
    width: int = 720
    height: int = 480
    coarse: bool = False  # an inset's: the 1:110m atlas, no names
    # project's terms (west, north, cos of the middle latitude, scale), worked
    # out once: every dot, label and arc of a map goes through them.
    _terms: tuple[float, float, float, float] = field(
        init=False, repr=False, compare=False, default=(0.0, 0.0, 0.0, 0.0)
    )

    def __post_init__(self) -> None:
        cos = math.cos(math.radians(self.lat))
        scale = self.width / (self.span * cos)
        half_lat = self.height / scale / 2
        west, north = self.lon - self.span / 2, self.lat + half_lat
        object.__setattr__(self, "_terms", (west, north, cos, scale))

    @property
    def scale(self) -> float:
        """Units per degree of latitude (a degree of longitude is cos(lat) of it)."""
        return self._terms[3]

    @property
    def box(self) -> tuple[float, float, float, float]:
        """West, south, east and north edges, in degrees."""
        half_lat = self.height / self.scale / 2
        return (self.lon - self.span / 2, self.lat - half_lat,
                self.lon + self.span / 2, self.lat + half_lat)  # fmt: skip

    def project(self, lat: float, lon: float) -> tuple[float, float]:
        """Where (lat, lon) is drawn, in units from the top left corner."""
        west, north, cos, scale = self._terms
        return (lon - west) * cos * scale, (north - lat) * scale

    @property
    def key(self) -> str:
        """A name for the frame's base drawing, the same for the same frame."""
        name = f"{self.width}x{self.height}_{self.span:g}_{self.lat:g}_{self.lon:g}"
        return ("inset-" if self.coarse else "") + name.replace("-", "m")


def frame_for(
    points: Iterable[tuple[float, float]],
    width: int = 720,
    height: int = 480,
    margin: float = 0.1,
    least: float = 0.0,
    coarse: bool = False,
) -> Frame:
    """The smallest frame of the ladder, at least ``least`` degrees across,
    that holds ``points`` (lat, lon) with ``margin`` of its size clear on
    every side, centred on a grid of a quarter of its span (or, where that
    misses, an eighth, a sixteenth, or the points' own middle): nearby places
    get the same frame, and so share its drawing."""
    found = list(points)
    lats = [p[0] for p in found] or [0.0]
    lons = [p[1] for p in found] or [0.0]
    mid_lat, mid_lon = (min(lats) + max(lats)) / 2, (min(lons) + max(lons)) / 2
    for span in SPANS:
        if span < least:
            continue
        # The coarsest grid of centres that fits; the points' own middle last.
        for step in (span / 4, span / 8, span / 16, 0.001):
            frame = Frame(
                round(max(-80.0, min(80.0, round(mid_lat / step) * step)), 3),
                round(round(mid_lon / step) * step, 3),
                span,
                width,
                height,
                coarse,
            )
            west, south, east, north = frame.box
            pad_x, pad_y = (east - west) * margin, (north - south) * margin
            if (
                min(lons) >= west + pad_x
                and max(lons) <= east - pad_x
                and min(lats) >= south + pad_y
                and max(lats) <= north - pad_y
            ):
                return frame
    return Frame(0.0, 0.0, 360.0, width, height, coarse)


# A map's inset (dossier.makers.placemap) goes in its bottom left corner
# where it can: no country name is put there, to be half hidden by it.
INSET = (216, 144)  # units
INSET_GAP = 8

# Country names: one size readable on a phone (where the map is about 343 px
# wide, 12 px needs 26 units of 720), one for wider maps, where more fit.
NAME_UNITS = {"narrow": 26.0, "wide": 15.0}
WIDE_FROM = 560  # px: the map's width from which the smaller names are used
SIMPLIFY = 0.6  # units: finer detail than this is not drawn

STYLE = f"""
.sea{{fill:#e8eef2}}.land{{fill:#f6f3ec}}
.coast{{fill:none;stroke:#9fb3c2;stroke-width:1.1;stroke-linejoin:round}}
.border{{fill:none;stroke:#b9ad98;stroke-width:0.9;stroke-dasharray:4 2;stroke-linejoin:round}}
.names{{font-family:system-ui,-apple-system,"Segoe UI",Roboto,"Noto Sans","DejaVu Sans",sans-serif;
fill:#8a8170;letter-spacing:0.08em;text-anchor:middle;font-size:{NAME_UNITS["narrow"]:g}px}}
.wide{{display:none}}
@media (min-width:{WIDE_FROM}px){{.names{{font-size:{NAME_UNITS["wide"]:g}px}}
.wide{{display:inline}}}}
"""
# One palette, light: the theme darkens the image for a dark page with a CSS
# filter and leaves it as it is in print, which a style inside the image
# cannot do (an image knows the reader's colour scheme but not that the page
# is being printed).


def _path(coords: Iterable[Sequence[float]], close: bool) -> str:
    """Compact path data: whole units, relative moves after the first point."""
    out: list[str] = []
    last: tuple[int, int] | None = None
    for x, y, *_ in coords:
        point = (round(x), round(y))
        if last is None:
            out.append(f"M{point[0]} {point[1]}")
        elif point != last:
            out.append(f"l{point[0] - last[0]} {point[1] - last[1]}")
        last = point
    if close and out:
        out.append("z")
    return "".join(out) if len(out) > 1 else ""


def _parts(geometry: BaseGeometry) -> list[BaseGeometry]:
    if geometry.is_empty:
        return []
    if hasattr(geometry, "geoms"):
        return [g for part in geometry.geoms for g in _parts(part)]
    return [geometry]


def text_width(text: str, size: float) -> float:
    """A generous width of ``text`` in capitals spaced 0.08 em, at ``size``."""
    return len(text) * 0.78 * size


def base_svg(frame: Frame) -> bytes:
    """The base drawing of ``frame``: sea, land, coasts, borders, country
    names (an inset's, ``frame.coarse``: from the coarser atlas, unnamed)."""
    drawer = _drawer(frame)
    data = drawer.data
    near, land, names = _land(frame)
    coast: list[str] = []
    border: list[str] = []
    used = sorted({_index(i) for c in near for p in c.polygons for r in p for i in r})
    drawer.prepare(used)
    # Every arc clipped to the frame in one call (most fall outside it).
    lines = [LineString(drawer.arc(index)) for index in used]
    for index, inside in zip(used, shapely.clip_by_rect(lines, *drawer.clip), strict=True):
        paths = [_path(part.coords, False) for part in _parts(inside)]
        (border if data.uses[index] > 1 else coast).extend(p for p in paths if p)
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {frame.width} {frame.height}" '
        f'width="{frame.width}" height="{frame.height}">',
        f"<style>{STYLE.strip()}</style>",
        f'<rect class="sea" width="{frame.width}" height="{frame.height}"/>',
        f'<path class="land" fill-rule="evenodd" d="{"".join(land.values())}"/>',
        f'<path class="border" d="{"".join(border)}"/>',
        f'<path class="coast" d="{"".join(coast)}"/>',
        f'<g class="names">{"".join(n.svg() for n in names)}</g>',
        "</svg>",
    ]
    return ("\n".join(parts) + "\n").encode("utf-8")


@dataclass(frozen=True, slots=True)
class Name:
    """A country's name on a base drawing: its text, where its middle is,
    and whether it shows only on a wide map (else at every width)."""

    text: str
    x: float
    y: float
    wide_only: bool

    def box(self, wide: bool) -> tuple[float, float, float, float] | None:
        """Where it is drawn on a map at least :data:`WIDE_FROM` px wide
        (``wide``) or narrower, in units (None: not drawn there)."""
        if self.wide_only and not wide:
            return None
        size = NAME_UNITS["wide" if wide else "narrow"]  # the style's size at that width
        half_w, baseline = text_width(self.text, size) / 2, self._baseline()
        return (self.x - half_w, baseline - 0.8 * size, self.x + half_w, baseline + 0.3 * size)

    def _baseline(self) -> float:
        # Set once, for the size the name was placed at, and kept at the other.
        return round(self.y + NAME_UNITS["wide" if self.wide_only else "narrow"] * 0.35)

    def svg(self) -> str:
        """The name's markup (its size comes from the drawing's style)."""
        css = ' class="wide"' if self.wide_only else ""
        return f'<text{css} x="{self.x:.0f}" y="{self._baseline()}">{escape(self.text)}</text>'


def names(frame: Frame) -> tuple[Name, ...]:
    """The country names ``frame``'s base drawing shows (a map's labels keep
    clear of them)."""
    return _land(frame)[2]


@functools.cache
def _land(frame: Frame) -> tuple[tuple[Country, ...], dict[str, str], tuple[Name, ...]]:
    # The countries near the frame, each one's land in it as path data (by
    # the country's name), and the names placed on them: worked out once per
    # frame, for the drawing, the outlines over it and the pages' labels
    # (which keep clear of the names).
    drawer = _drawer(frame)
    west, south, east, north = frame.box
    wide_x, wide_y = (east - west) * 0.1, (north - south) * 0.1
    near = tuple(
        c
        for c in drawer.data.countries
        if c.box[0] <= east + wide_x
        and c.box[2] >= west - wide_x
        and c.box[1] <= north + wide_y
        and c.box[3] >= south - wide_y
    )
    land: dict[str, str] = {}
    found: list[Name] = []
    for country in near:
        inside = drawer.country(country)
        if inside is None:
            continue
        land[country.name] = _area_path(inside)
        name = None if frame.coarse else _name(country.name, inside, frame)
        if name is not None:
            found.append(name)
    return near, land, tuple(found)


class _Drawer:
    """A frame's arcs, projected and simplified once each, and countries
    made of them, clipped to the frame."""

    def __init__(self, frame: Frame, data: Atlas, arrays: Sequence[Coordinates]) -> None:
        self.frame, self.data, self._raw = frame, data, arrays
        self.clip = (-2.0, -2.0, frame.width + 2.0, frame.height + 2.0)
        self._arcs: dict[int, Coordinates] = {}
        # Frame.project's terms, for whole arcs at once (numpy does each
        # point's arithmetic in the same order, so the same numbers come out).
        self._terms = frame._terms

    def prepare(self, indices: Iterable[int]) -> None:
        """Project and simplify the arcs ``indices`` not done yet, all at once
        (shapely and numpy take whole arrays: one call, not one per arc)."""
        todo = sorted({i for i in indices if i not in self._arcs})
        if not todo:
            return
        raw = np.concatenate([self._raw[i] for i in todo])
        west, north, cos, scale = self._terms
        xs, ys = (raw[:, 0] - west) * cos * scale, (north - raw[:, 1]) * scale
        which = np.repeat(np.arange(len(todo)), [len(self._raw[i]) for i in todo])
        lines = shapely.linestrings(np.column_stack((xs, ys)), indices=which)
        # Douglas-Peucker keeps both ends, so neighbouring arcs still meet.
        simple = shapely.simplify(lines, SIMPLIFY, preserve_topology=False)
        points, owner = shapely.get_coordinates(simple, return_index=True)
        cuts = np.searchsorted(owner, np.arange(1, len(todo)))
        self._arcs.update(zip(todo, np.split(points, cuts), strict=True))

    def arc(self, index: int) -> Coordinates:
        """Arc ``index`` in the frame's units, simplified to its scale."""
        if index not in self._arcs:
            self.prepare((index,))
        return self._arcs[index]

    def _ring(self, indices: Ring) -> Coordinates:
        stretches: list[Coordinates] = []
        for i in indices:
            stretch = self.arc(_index(i))
            stretch = stretch if i >= 0 else stretch[::-1]
            stretches.append(stretch[1:] if stretches else stretch)
        return np.concatenate(stretches) if stretches else np.empty((0, 2))

    def country(self, country: Country) -> BaseGeometry | None:
        """The country's land within the frame, or None if it has none there."""
        self.prepare(_index(i) for polygon in country.polygons for ring in polygon for i in ring)
        shapes = []
        left, top, right, bottom = self.clip
        for polygon in country.polygons:
            shell = self._ring(polygon[0])
            if len(shell) < 4:
                continue
            (x0, y0), (x1, y1) = shell.min(axis=0), shell.max(axis=0)
            if x0 > right or x1 < left or y0 > bottom or y1 < top:
                continue  # an island wholly outside the frame: clipping would drop it
            holes = (self._ring(r) for r in polygon[1:])
            shapes.append(Polygon(shell, [h for h in holes if len(h) >= 4]))
        if not shapes:
            return None
        geometry: BaseGeometry = MultiPolygon(shapes)
        if not geometry.is_valid:
            geometry = shapely.make_valid(geometry)
        inside = shapely.clip_by_rect(geometry, *self.clip)
        return None if inside.is_empty else inside


def _area_path(geometry: BaseGeometry) -> str:
    out = []
    for part in _parts(geometry):
        if isinstance(part, Polygon):
            out.append(_path(part.exterior.coords, True))
            out.extend(_path(r.coords, True) for r in part.interiors)
    return "".join(p for p in out if p)


@functools.lru_cache(maxsize=64)
def _drawer(frame: Frame) -> _Drawer:
    # One per frame: the base drawing and every outline drawn over it share
    # the frame's projected, simplified arcs.
    name = COARSE_ATLAS if frame.coarse else ATLAS
    return _Drawer(frame, atlas(name), _arc_arrays(name))


@functools.cache
def _arc_arrays(name: str) -> tuple[Coordinates, ...]:
    # The atlas's arcs as arrays of (lon, lat), made once per process.
    return tuple(np.asarray(arc, dtype=np.float64) for arc in atlas(name).arcs)


def _looked_up(name: str) -> str:
    return " ".join(name.casefold().split())


@functools.cache
def _countries(name: str) -> dict[str, Country]:
    return {_looked_up(c.name): c for c in atlas(name).countries}


def country_area(frame: Frame, names: Sequence[str]) -> str:
    """Path data of the first country of the atlas named one of ``names``
    (case and spacing aside), as the frame's base drawing draws it: for a
    page to outline a place's country over the shared drawing. '' if none."""
    countries = _countries(COARSE_ATLAS if frame.coarse else ATLAS)
    for name in names:
        country = countries.get(_looked_up(name))
        if country is not None:
            return _land(frame)[1].get(country.name, "")
    return ""


def _name(name: str, inside: BaseGeometry, frame: Frame) -> Name | None:
    """A country's name at the middle of its largest part in the frame, if it
    fits there: at every width, or only on a wide map."""
    polygons = [p for p in _parts(inside) if isinstance(p, Polygon)]
    if not name or not polygons:
        return None
    largest = max(polygons, key=lambda p: p.area)
    spot = shapely.ops.polylabel(largest, tolerance=2.0)
    upper = name.upper()
    for kind, size in NAME_UNITS.items():
        half_w, half_h = text_width(upper, size) / 2, size * 0.7
        left, top = spot.x - half_w, spot.y - half_h
        right, bottom = spot.x + half_w, spot.y + half_h
        within = left >= 4 and top >= 4 and right <= frame.width - 4 and bottom <= frame.height - 4
        corner = (
            left < INSET[0] + 2 * INSET_GAP and bottom > frame.height - INSET[1] - 2 * INSET_GAP
        )
        within = within and not corner
        if within and largest.buffer(size * 0.2).contains(shapely.box(left, top, right, bottom)):
            return Name(upper, spot.x, spot.y, kind != "narrow")
    return None
