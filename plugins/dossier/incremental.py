"""Which pages an edit changes: the rules, apart from any machinery.

An edit to a briefing's prose alone (its front-matter, summary and the
entities it names, in the same order, all as before) changes only its own
page, the archive's full-text feed and the search index (:func:`prose_only`).

Any other edit to briefings that keeps the site's shape (the same published
briefings, entities and themes; see :func:`same_shape`) is applied by
relating the archive again and writing the new plan against the last
(:mod:`dossier.write`): a briefing page's inputs are its
:func:`briefing_view`, every other page's its job, a page of the home list's
its slice of the briefings. Only pages whose inputs differ are rendered
again. This holds while the registries and settings are the same in both
runs; a change to those is a whole build.
"""

from __future__ import annotations

from dataclasses import replace

from .makers import browse
from .model import Briefing
from .relate import Archive


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


def briefing_indexed(archive: Archive, briefing: Briefing) -> tuple[object, ...]:
    """What of a briefing's page the search index reads and may change with
    the content: the briefing, what it lists, the places holding them (its
    filters) and its trend calls; not its neighbours nor its related
    briefings (marked ``data-pagefind-ignore`` in the theme)."""
    slug = briefing.slug
    return (
        briefing,
        archive.actors_of.get(slug), archive.places_of.get(slug), archive.tags_of.get(slug),
        archive.within_of.get(slug), archive.trends_of.get(slug),
    )  # fmt: skip


def briefing_view(archive: Archive, briefing: Briefing) -> tuple[object, ...]:
    """Everything a briefing's page shows that may change with the content:
    the briefing, what it lists, the places holding them, its trend calls,
    its neighbours and its related briefings (its mentions name registry
    entities, which stay the same). Two views compare cheaply: mostly by
    identity, parts kept from the last run being the same objects."""
    slug = briefing.slug
    return (
        *briefing_indexed(archive, briefing),
        _shown(archive.older.get(slug)), _shown(archive.newer.get(slug)),
        tuple((_shown(r.briefing), r.shared) for r in archive.related.get(slug, ())),
    )  # fmt: skip
