"""Authoring hints across files, which ``dossier check`` adds to the build's problems."""

from __future__ import annotations

import datetime as dt

from .model import SECTIONS, Diagnostic, Section
from .placemap import find_region
from .relate import Archive


def future_dates(archive: Archive, today: dt.date) -> list[Diagnostic]:
    """A warning for each published briefing dated after ``today``: usually a
    typo in the year; a briefing meant for later should be a draft until then."""
    return [
        Diagnostic(
            b.path,
            b.line_of("date"),
            "warning",
            f"'date' {b.date:%Y-%m-%d} is in the future; if it is not a typo, "
            "keep it a draft (status: draft) until then",
        )
        for b in archive.briefings
        if b.date.date() > today
    ]


def map_region(archive: Archive, region: str, settings_file: str) -> list[Diagnostic]:
    """A warning when ``DOSSIER_MAP_REGION`` names no place of the registry."""
    if not region or find_region(archive, region) is not None:
        return []
    return [
        Diagnostic(
            settings_file,
            0,
            "warning",
            f"DOSSIER_MAP_REGION = {region!r} is not a place in the places registry; "
            "the map shows the region with the most places instead",
        )
    ]


def untagged_mentions(archive: Archive) -> list[Diagnostic]:
    """One warning per briefing that names registry entities without listing
    them, at the first such mention; background entities never count."""
    problems: list[Diagnostic] = []
    for briefing in archive.briefings:
        listed = {
            e.key for e in (*archive.actors_of[briefing.slug], *archive.places_of[briefing.slug])
        }
        unlisted: dict[Section, list[str]] = {section: [] for section in SECTIONS}
        first = 0
        for key, line in sorted(briefing.mention_lines, key=lambda kl: (kl[1], kl[0])):
            entity = archive.entity(key)
            if entity is None or key in listed or entity.background:
                continue
            first = first or line
            unlisted[entity.section].append(f"{entity.name} (line {line})")
        found = [f"in '{name}': {', '.join(items)}" for name, items in unlisted.items() if items]
        if found:
            message = "mentioned but not listed " + "; ".join(found)
            problems.append(Diagnostic(briefing.path, first, "warning", message))
    return problems
