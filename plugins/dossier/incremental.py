"""Which pages an edit changes: the rules, apart from any machinery.

An edit to a briefing's prose alone (its front-matter, summary and the
entities it names, in the same order, all as before) changes only its own
page, the archive's full-text feed and the search index (:func:`prose_only`).

Any other edit to briefings that keeps the site's shape (the same published
briefings, entities and themes; see :func:`same_shape`) is applied by
relating the archive again and comparing the two runs: a briefing's page
shows what :func:`changed_briefings` compares, every other page its job's
variables, and a page of the home list its slice of the briefings. Only pages whose inputs
differ are rendered again. This holds while the registries and settings are
the same in both runs; a change to those is a whole build.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace

from . import browse
from .model import Briefing
from .relate import Archive, Related


def prose_only(old: Briefing, new: Briefing) -> bool:
    """True when ``new`` differs from ``old`` in its body alone (and in the
    lines its mentions are on, which only ``check`` reports)."""
    return replace(new, body_html=old.body_html, mention_lines=old.mention_lines) == old


def same_shape(old: Archive, new: Archive) -> bool:
    """True when both archives have the same briefings, entities and themes by
    slug, the same years and entities with briefings of their own, and the
    same redirects, so that the same pages and files exist (only their
    content may differ)."""
    return (
        {b.slug for b in old.briefings} == {b.slug for b in new.briefings}
        and old.actors.keys() == new.actors.keys()
        and old.places.keys() == new.places.keys()
        and old.tags.keys() == new.tags.keys()
        and browse.listed(old) == browse.listed(new)
        and {(b.slug, b.redirect_from) for b in old.briefings}
        == {(b.slug, b.redirect_from) for b in new.briefings}
        # The Trends page, and its link on every page, exist once a call is made.
        and bool(old.trends_of) == bool(new.trends_of)
    )


def _shown(neighbour: Briefing | None) -> tuple[str, str, object] | None:
    # What a page shows of its neighbour: a link (its URL may hold the date) and its title.
    return (neighbour.slug, neighbour.title, neighbour.date) if neighbour else None


def changed_briefings(old: Archive, new: Archive) -> list[str]:
    """Slugs of the briefings whose page differs between two archives of the
    same shape. A page shows what may change with the content: the briefing,
    what it lists, the places holding them, its neighbours and its related
    briefings (its mentions name registry entities, which stay the same).
    Each part is compared in turn, the cheap ones (mostly by identity) first."""
    before = {b.slug: b for b in old.briefings}
    lists = [
        (new.actors_of, old.actors_of), (new.places_of, old.places_of),
        (new.tags_of, old.tags_of), (new.within_of, old.within_of),
        (new.trends_of, old.trends_of),
    ]  # fmt: skip
    found = []
    for b in new.briefings:
        slug, was = b.slug, before[b.slug]
        if (
            b is not was
            or any(_differs(n.get(slug), o.get(slug)) for n, o in lists)
            or _shown(new.older.get(slug)) != _shown(old.older.get(slug))
            or _shown(new.newer.get(slug)) != _shown(old.newer.get(slug))
            or _related_differs(new.related.get(slug, ()), old.related.get(slug, ()))
        ):
            found.append(slug)
    return found


def _differs(new: object, old: object) -> bool:
    return new is not old and new != old


def _related_differs(new: tuple[Related, ...], old: tuple[Related, ...]) -> bool:
    return new is not old and [(_shown(r.briefing), r.shared) for r in new] != [
        (_shown(r.briefing), r.shared) for r in old
    ]


def changed_slices(old: Sequence[object], new: Sequence[object], per_page: int) -> list[int]:
    """Numbers (from 1) of the pages of a paginated list whose items differ."""
    pages = max(1, -(-max(len(old), len(new)) // per_page))
    return [
        n for n in range(1, pages + 1)
        if old[(n - 1) * per_page : n * per_page] != new[(n - 1) * per_page : n * per_page]
    ]  # fmt: skip
