"""Who appears with whom: an entity's network as inline SVG, laid out at build time.

The entity sits in the middle; the dozen entities listed with it most often
sit on a ring around it, each a link to its page; lines join every two of
them that share the most briefings (each one's two strongest links, so a
busy archive shows its backbone, not a tangle), thicker the more they share. Shape and colour say
the kind (a person, another actor, a place), so colour is never alone. The
ring's order puts entities that share the most briefings side by side, so
their lines stay short and cross little. Everything is decided from the
counts alone, ties by name: the same content always gives the same picture.
The page's "Often seen with" list is its text equivalent.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import partial

from markupsafe import escape

from ..model import Actor, Entity, Place
from ..relate import Archive, Count, EntityListing
from ..urls import Urls

MOST = 12
STRONGEST = 2  # lines drawn from each entity of the ring to others of it
WIDTH = 400
HEIGHT = 340
RING_X, RING_Y = 90, 112  # an upright ring: the sides are the labels' room
FONT = 14.0  # 12 CSS px when 400 units are drawn on a 343 px column (a 390 px phone)
CHAR = 0.6 * FONT  # a generous width of one character of a label
LINE_CHARS = 16  # characters on a label's line at most
NODE = 7.0
CENTRE = 11.0


@dataclass(frozen=True, slots=True)
class Node:
    """An entity on the picture: where, what shape, how many briefings it shares."""

    entity: Entity
    shape: str  # "person", "actor" or "place"
    x: int  # whole units of the 400-unit-wide drawing: finer would only add bytes
    y: int
    shared: int  # briefings shared with the page's entity (0 for itself)


@dataclass(frozen=True, slots=True)
class Edge:
    """Two entities on the picture and the briefings they share."""

    a: Node
    b: Node
    shared: int


@dataclass(frozen=True, slots=True)
class Network:
    """An entity's network, laid out."""

    centre: Node
    ring: tuple[Node, ...]
    edges: tuple[Edge, ...]


def shape_of(entity: Entity) -> str:
    """How an entity is drawn: a person, another actor, or a place."""
    if isinstance(entity, Place) or entity.section == "places":
        return "place"
    if isinstance(entity, Actor) and entity.kind.casefold() == "person":
        return "person"
    return "actor"


def neighbours(listing: EntityListing, most: int = MOST) -> list[Count]:
    """The entities listed with ``listing``'s most often, actors and places
    together, most briefings first, ties A–Z."""
    merged = sorted((*listing.actors, *listing.places), key=lambda c: (-c.count, c.entity.name))
    return merged[:most]


class Links:
    """Briefings shared by two entities, read from their listings' ranked
    lists; each listing's counts are looked up once, however many pictures
    need them."""

    def __init__(self, archive: Archive) -> None:
        self.archive = archive
        self._counts: dict[str, dict[str, int]] = {}
        self._pairs: dict[tuple[str, str], int] = {}

    def _of(self, entity: Entity) -> dict[str, int]:
        found = self._counts.get(entity.key)
        if found is None:
            listing = self.archive.listings(entity.section).get(entity.slug)
            found = {}
            if listing is not None:
                found = {c.entity.key: c.count for c in (*listing.actors, *listing.places)}
            self._counts[entity.key] = found
        return found

    def shared(self, a: Entity, b: Entity) -> int:
        """Briefings listing both ``a`` and ``b``. A place's counts include the
        briefings of the places within it, so the two sides can differ: the
        larger is taken."""
        pair = (a.key, b.key) if a.key < b.key else (b.key, a.key)
        found = self._pairs.get(pair)
        if found is None:  # the same pairs recur in many pictures
            found = self._pairs[pair] = max(self._of(a).get(b.key, 0), self._of(b).get(a.key, 0))
        return found


def ring_order(around: Sequence[Count], links: Links) -> list[Count]:
    """The entities in the order they go round the ring: each next to the one
    it shares most with, starting from the one closest to the centre."""
    if not around:
        return []
    left = list(around)
    order = [left.pop(0)]
    while left:
        last = order[-1].entity
        # The strongest link to the last one placed; ties go to the one
        # closer to the centre (earlier in ``around``), so the order is fixed.
        best = max(range(len(left)), key=lambda i: (links.shared(last, left[i].entity), -i))
        order.append(left.pop(best))
    return order


def lay_out(listing: EntityListing, links: Links, most: int = MOST) -> Network | None:
    """The laid-out network of ``listing``'s entity; None with fewer than two others."""
    around = neighbours(listing, most)
    if len(around) < 2:
        return None
    cx, cy = WIDTH // 2, HEIGHT // 2 + 4  # a little low: the top label may take three lines
    centre = Node(listing.entity, shape_of(listing.entity), cx, cy, 0)
    ring: list[Node] = []
    order = ring_order(around, links)
    for i, count in enumerate(order):
        angle = -math.pi / 2 + 2 * math.pi * i / len(order)
        ring.append(
            Node(
                count.entity,
                shape_of(count.entity),
                round(cx + RING_X * math.cos(angle)),
                round(cy + RING_Y * math.sin(angle)),
                count.count,
            )
        )
    edges = [Edge(centre, node, node.shared) for node in ring]
    return Network(centre, tuple(ring), tuple(edges + strongest(ring, links)))


def strongest(ring: Sequence[Node], links: Links, each: int = STRONGEST) -> list[Edge]:
    """The lines among the ring: each entity's ``each`` strongest links to
    the others (ties by name), so a busy archive, where nearly everyone has
    met everyone, draws its backbone rather than every pair."""
    weight: dict[tuple[str, str], Edge] = {}
    mine: dict[str, list[Edge]] = {node.entity.key: [] for node in ring}
    for i, a in enumerate(ring):
        for b in ring[i + 1 :]:
            n = links.shared(a.entity, b.entity)
            if n:
                edge = weight[(a.entity.key, b.entity.key)] = Edge(a, b, n)
                mine[a.entity.key].append(edge)
                mine[b.entity.key].append(edge)
    kept: set[tuple[str, str]] = set()
    for edges in mine.values():
        edges.sort(key=lambda e: (-e.shared, e.a.entity.name, e.b.entity.name))
        kept.update((e.a.entity.key, e.b.entity.key) for e in edges[:each])
    return [weight[k] for k in weight if k in kept]


def _mark(node: Node, radius: float) -> str:
    x, y, r = node.x, node.y, radius
    if node.shape == "person":
        return f'<circle class="node" cx="{x}" cy="{y}" r="{r:g}"/>'
    if node.shape == "actor":
        s = r * 0.9
        box = f'x="{x - s:g}" y="{y - s:g}" width="{2 * s:g}" height="{2 * s:g}"'
        return f'<rect class="node" {box}/>'
    d = r * 1.25  # a diamond as wide as the square's diagonal looks as big
    return f'<path class="node" d="M{x} {y - d:g}l{d:g} {d:g}l-{d:g} {d:g}l-{d:g}-{d:g}z"/>'


def wrap(name: str, chars: int = LINE_CHARS, most: int = 2) -> list[str]:
    """A label in at most ``most`` lines of at most ``chars`` characters,
    cut with an ellipsis beyond (the full name is the link's title)."""
    lines: list[str] = []
    line = ""
    for word in name.split():
        if line and len(line) + 1 + len(word) > chars:
            lines.append(line)
            line = word
        else:
            line = f"{line} {word}".strip()
    lines.append(line)
    if len(lines) > most:
        lines = [*lines[: most - 1], " ".join(lines[most - 1 :])]
    return [ln if len(ln) <= chars else ln[: chars - 1].rstrip() + "…" for ln in lines]


def _label(node: Node, cx: float, cy: float, radius: float) -> str:
    """The node's name outside the ring, on the side it lies on."""
    dx, dy = node.x - cx, node.y - cy
    length = math.hypot(dx, dy) or 1.0
    ux, uy = dx / length, dy / length
    gap = radius + 5
    anchor = "start" if ux > 0.3 else "end" if ux < -0.3 else "middle"
    # Beside the node, a full gap across; above or below, a full gap down.
    x = node.x + (gap if anchor == "start" else -gap if anchor == "end" else 0)
    y = node.y + uy * gap
    # As many characters as fit between the label's start and the edge.
    # at the top and bottom, no wider than the gap to the next node.
    room = WIDTH - x if anchor == "start" else x if anchor == "end" else 2 * RING_X
    chars = max(6, min(LINE_CHARS, int((room - 4) / CHAR)))
    # Three lines wherever they fit: beside a node, or above the top one.
    lines = wrap(node.entity.name, chars, 2 if anchor == "middle" and uy > 0 else 3)
    step = FONT * 1.1
    if anchor != "middle":  # beside the node, centred on it
        first = node.y + FONT * 0.35 - (len(lines) - 1) * step / 2
    elif uy < 0:  # above the top node, its last line nearest
        first = y - (len(lines) - 1) * step
    else:
        first = y + FONT * 0.8
    at = "" if anchor == "start" else f' text-anchor="{anchor}"'
    if len(lines) == 1:
        return f'<text class="node-label" x="{x:.0f}" y="{first:.0f}"{at}>{escape(lines[0])}</text>'
    spans = "".join(
        f'<tspan x="{x:.0f}" y="{first + i * step:.0f}">{escape(line)}</tspan>'
        for i, line in enumerate(lines)
    )
    return f'<text class="node-label"{at}>{spans}</text>'


def render(network: Network, urls: Urls, title: str) -> str:
    """SVG markup for a laid-out network."""
    most = max((e.shared for e in network.edges), default=1) or 1
    cx, cy = network.centre.x, network.centre.y
    parts = [
        f'<svg class="network" viewBox="0 0 {WIDTH} {HEIGHT}" '
        f'aria-label="{escape(title)}" xmlns="http://www.w3.org/2000/svg">',
        '<g class="edges" aria-hidden="true">',
    ]
    # One path per kind and width, thinner first so the strongest lines are
    # drawn on top.
    paths: dict[tuple[float, str], list[str]] = {}
    for edge in sorted(network.edges, key=lambda e: (e.shared, e.a.entity.name, e.b.entity.name)):
        width = round(2 * (0.75 + 5.25 * math.sqrt(edge.shared / most))) / 2
        kind = "edge-centre" if edge.a is network.centre else "edge"
        paths.setdefault((width, kind), []).append(f"M{edge.a.x} {edge.a.y}L{edge.b.x} {edge.b.y}")
    for (width, kind), segments in sorted(paths.items()):
        parts.append(f'<path class="{kind}" stroke-width="{width:g}" d="{"".join(segments)}"/>')
    parts.append("</g>")
    for node in network.ring:
        name = escape(node.entity.name)
        shares = f"{node.shared} briefing{'s' if node.shared != 1 else ''} together"
        parts.append(
            f'<a class="node-{node.shape}" href="{escape(urls.href(node.entity))}">'
            f"<title>{name}: {shares}</title>"
            f"{_mark(node, NODE)}{_label(node, cx, cy, NODE)}</a>"
        )
    c = network.centre
    parts.append(
        f'<g class="node-{c.shape} node-here" aria-hidden="true">{_mark(c, CENTRE)}</g></svg>'
    )
    return "\n".join(parts)


class Drawing:
    """An entity page's network, drawn the first time it is asked for:
    shown by the page (``{{ network }}``), compared with the last plan's or
    digested for the stamps, by whichever process asks, so that drawing
    1,900 networks is shared by the processes writing the site instead of
    done by one before them. It stands for its markup: equal markup, equal
    drawings."""

    __slots__ = ("_draw", "_markup")

    def __init__(self, draw: Callable[[], str]) -> None:
        self._draw: Callable[[], str] | None = draw
        self._markup = ""

    @property
    def markup(self) -> str:
        """The network's SVG markup ('' when it has none)."""
        if self._draw is not None:
            self._markup, self._draw = self._draw(), None
        return self._markup

    def __html__(self) -> str:
        return self.markup

    def __str__(self) -> str:
        return self.markup

    def __bool__(self) -> bool:
        return bool(self.markup)

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Drawing) and self.markup == other.markup

    def __hash__(self) -> int:
        return hash(self.markup)


def drawing(urls: Urls, listing: EntityListing, links: Links) -> Drawing:
    """An entity page's network, drawn when first asked for (see :class:`Drawing`)."""
    return Drawing(partial(network_svg, urls, listing, links))


def network_svg(urls: Urls, listing: EntityListing, links: Links) -> str:
    """An entity page's network; '' when it is seen with fewer than two others."""
    laid = lay_out(listing, links)
    if laid is None:
        return ""
    return render(laid, urls, f"{listing.entity.name} and the entities most often with it")
