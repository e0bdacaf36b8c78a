"""Checks across files: what no single file can tell about itself."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from typing import Literal

from .model import Briefing, Diagnostic
from .relate import Archive


def duplicate_slugs(
    briefings: Iterable[Briefing],
    *,
    severity: Literal["error", "warning"] = "error",
    only_with_drafts: bool = False,
) -> list[Diagnostic]:
    """A problem on each briefing whose slug (so URL) another briefing also has.

    Published briefings that clash are errors. With ``only_with_drafts``,
    only groups that include a draft are reported: a draft that shares a
    published briefing's slug would replace it the day it is published.
    """
    by_slug: dict[str, list[Briefing]] = defaultdict(list)
    for briefing in briefings:
        by_slug[briefing.slug].append(briefing)
    problems: list[Diagnostic] = []
    for slug, group in sorted(by_slug.items()):
        if len(group) < 2:
            continue
        if only_with_drafts and all(b.status == "published" for b in group):
            continue
        paths = sorted(b.path for b in group)
        for briefing in group:
            others = ", ".join(p for p in paths if p != briefing.path)
            problems.append(
                Diagnostic(
                    briefing.path,
                    briefing.line_of("slug"),
                    severity,
                    f"slug '{slug}' is also used by {others}",
                    related=tuple(p for p in paths if p != briefing.path),
                )
            )
    return problems


def untagged_mentions(archive: Archive) -> list[Diagnostic]:
    """A warning for each registry entity a briefing names but does not tag."""
    problems: list[Diagnostic] = []
    for briefing in archive.briefings:
        tagged = {
            e.key for e in (*archive.actors_of[briefing.slug], *archive.places_of[briefing.slug])
        }
        for key, line in briefing.mention_lines:
            if key in tagged:
                continue
            section, slug = key.split("/", 1)
            entity = archive.listings(section)[slug].entity
            noun = "actor" if section == "actors" else "place"
            problems.append(
                Diagnostic(
                    briefing.path,
                    line,
                    "warning",
                    f"{noun} '{entity.name}' is mentioned but not listed in '{section}'",
                )
            )
    return problems
