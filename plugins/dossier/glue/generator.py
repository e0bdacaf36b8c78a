"""Pelican generator for the pages Pelican does not know: entities, tags, archive."""

from __future__ import annotations

import os
from typing import Any

from markupsafe import Markup
from pelican.generators import Generator
from pelican.utils import sanitised_join

from ..browse import documents as browse_documents
from ..feeds import FeedSpec, atom
from ..lint import duplicate_slugs
from ..model import Place
from ..opendata import documents
from ..placemap import Candidate, Point, choose, render_map
from ..relate import Archive, relate
from .state import state


def feed_path(section: str, slug: str) -> str:
    """Where an entity's Atom feed lives in the site."""
    return f"feeds/{section}/{slug}.atom.xml"


def _drop(context: dict[str, Any], paths: set[str]) -> None:
    """Remove articles from Pelican's shared lists, in place (``--keep-going``)."""
    for name in ("articles", "dates"):
        kept = [a for a in context.get(name, []) if a.briefing.path not in paths]
        context[name][:] = kept


class DossierGenerator(Generator):  # type: ignore[misc]
    """Relates the briefings once, then writes every cross-linking page."""

    archive: Archive

    def generate_context(self) -> None:
        """Relate briefings to the registries; share the result as ``dossier``."""
        build = state(self.settings)
        actors, places = build.registries()
        articles = self.context.get("articles", [])
        duplicates = duplicate_slugs(a.briefing for a in articles)
        build.diagnostics.extend(duplicates)
        if duplicates and build.config.keep_going:
            _drop(self.context, {d.path for d in duplicates})
        briefings = [a.briefing for a in self.context.get("articles", [])]
        self.archive = relate(briefings, actors, places)
        build.diagnostics.extend(self.archive.problems)
        self.context["dossier"] = self.archive
        self.context["feed_path"] = feed_path

    def generate_output(self, writer: Any) -> None:
        """Write entity, tag and archive pages and every feed."""
        archive = self.archive

        def write(url: str, template: str, **kwargs: Any) -> None:
            writer.write_file(
                f"{url}index.html",
                self.get_template(template),
                self.context,
                url=url,
                template_name=template,
                **kwargs,
            )

        for section in ("actors", "places"):
            for listing in archive.listings(section).values():
                write(listing.entity.url, "entity", listing=listing, section=section)
            place_map, left_off = self._place_map() if section == "places" else ("", [])
            write(
                f"{section}/",
                "entities",
                section=section,
                groups=archive.entity_groups(section),
                place_map=Markup(place_map),
                left_off=left_off,
            )
        for tag_listing in archive.tags.values():
            write(tag_listing.tag.url, "tag", listing=tag_listing)
        write("tags/", "tags", tags=list(archive.tags.values()))
        write("archive/", "archive", years=archive.years)
        self._write_feeds()
        self._write_data()

    def _place_map(self) -> tuple[str, list[str]]:
        """The places map (SVG) and the names of places it leaves off."""
        site_path = state(self.settings).config.site_path
        places = self.archive.places
        candidates = []
        for listing in places.values():
            entity = listing.entity
            if not isinstance(entity, Place) or entity.coordinates is None:
                continue
            root, seen = listing, {entity.key}
            while root.within is not None and root.within.key not in seen:
                seen.add(root.within.key)
                root = places[root.within.slug]
            point = Point(
                entity.name,
                f"{site_path}/{entity.url}",
                *entity.coordinates,
                weight=len(listing.briefings),
            )
            candidates.append(Candidate(point, entity.kind, root.entity.name))
        drawn, left_off = choose(candidates)
        return render_map(drawn, "Map of the places in the archive"), left_off

    def _write_data(self) -> None:
        config = state(self.settings).config
        base = config.site_url or config.site_path
        for path, payload in documents(self.archive, config.site_name, base).items():
            self._write_bytes(path, payload)
        for path, payload in browse_documents(self.archive).items():
            self._write_bytes(path, payload)

    def _write_bytes(self, path: str, payload: bytes) -> None:
        target = sanitised_join(state(self.settings).config.output_path, path)
        os.makedirs(os.path.dirname(target), exist_ok=True)
        with open(target, "wb") as handle:
            handle.write(payload)

    def _write_feeds(self) -> None:
        config = state(self.settings).config
        limit = config.feed_max_items
        site = {
            "site_name": config.site_name,
            "site_url": config.site_url,
            "site_path": config.site_path,
        }
        feeds = [
            (
                FeedSpec("feeds/all.atom.xml", config.site_name, "", full_content=True),
                self.archive.briefings[:limit],
            ),
        ]
        for section in ("actors", "places"):
            for listing in self.archive.listings(section).values():
                entity = listing.entity
                spec = FeedSpec(
                    feed_path(section, entity.slug),
                    f"{entity.name} · {config.site_name}",
                    entity.url,
                )
                feeds.append((spec, listing.briefings[:limit]))
        for spec, briefings in feeds:
            self._write_bytes(spec.path, atom(spec, briefings, **site))
