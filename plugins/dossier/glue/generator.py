"""Pelican generator for the pages Pelican does not know: entities, tags, archive."""

from __future__ import annotations

from typing import Any

from pelican.generators import Generator

from ..relate import Archive, relate
from .state import state


class DossierGenerator(Generator):  # type: ignore[misc]
    """Relates the briefings once, then writes every cross-linking page."""

    archive: Archive

    def generate_context(self) -> None:
        """Load registries and relate briefings; share the result as ``dossier``."""
        build = state(self.settings)
        actors, places = build.registries()
        briefings = [a.briefing for a in self.context.get("articles", [])]
        self.archive = relate(briefings, actors, places)
        build.diagnostics.extend(self.archive.problems)
        self.context["dossier"] = self.archive

    def generate_output(self, writer: Any) -> None:
        """Write entity, tag and archive pages, each at its pretty URL."""
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
            listings = archive.actors if section == "actors" else archive.places
            for listing in listings.values():
                write(listing.entity.url, "entity", listing=listing, section=section)
            write(
                f"{section}/",
                "entities",
                section=section,
                groups=archive.entity_groups(section),
            )
        for tag_listing in archive.tags.values():
            write(tag_listing.tag.url, "tag", listing=tag_listing)
        write("tags/", "tags", tags=list(archive.tags.values()))
        write("archive/", "archive", years=archive.years)
