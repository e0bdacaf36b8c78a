"""Small model objects for the stage tests: briefings, registries, a corpus."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from dossier.load import Corpus
from dossier.model import Actor, Briefing, Entity, Place
from dossier.registry import Registry, make_registry


def briefing(
    slug: str,
    day: int,
    *,
    actors: Sequence[str] = (),
    places: Sequence[str] = (),
    tags: Sequence[str] = (),
    mentions: Sequence[str] = (),
    status: str = "published",
    month: int = 10,
    path: str = "",
) -> Briefing:
    """A briefing of 2016 named ``slug``, its front-matter lists on lines 3-5."""
    return Briefing(
        path=path or f"{slug}.md",
        slug=slug,
        title=slug.title(),
        date=dt.datetime(2016, month, day, tzinfo=dt.UTC),
        body_html="",
        summary="",
        actors=tuple(actors),
        places=tuple(places),
        tags=tuple(tags),
        status="draft" if status == "draft" else "published",
        field_lines=(("actors", 3), ("places", 4), ("tags", 5), ("slug", 1)),
        mentions=tuple(mentions),
    )


def actor(slug: str, name: str, *aliases: str) -> Actor:
    """A registry actor."""
    return Actor("actors", slug, name, aliases=aliases, path=f"actors/{slug}.md")


def place(slug: str, name: str, *aliases: str, within: str | None = None) -> Place:
    """A registry place."""
    return Place("places", slug, name, aliases=aliases, path=f"places/{slug}.md", within=within)


def registry(*entities: Entity) -> Registry:
    """A registry of ``entities`` (actors or places), which must not clash."""
    section = entities[0].section if entities else "actors"
    made, problems = make_registry(section, entities)
    assert problems == []
    return made


def corpus(
    briefings: Sequence[Briefing],
    actors: Sequence[Actor] = (),
    places: Sequence[Place] = (),
) -> Corpus:
    """A corpus as the read stage would make it."""
    actor_registry, _ = make_registry("actors", actors)
    place_registry, _ = make_registry("places", places)
    return Corpus(actor_registry, place_registry, tuple(briefings), (), ())
