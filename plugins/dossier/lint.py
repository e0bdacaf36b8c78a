"""Authoring hints across files, which ``dossier check`` adds to the build's problems."""

from __future__ import annotations

from .model import SECTIONS, Diagnostic, Section
from .relate import Archive


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
            section = next(s for s in SECTIONS if key.startswith(f"{s}/"))
            entity = archive.listings(section)[key.removeprefix(f"{section}/")].entity
            if key in listed or entity.background:
                continue
            first = first or line
            unlisted[section].append(f"{entity.name} (line {line})")
        found = [f"in '{name}': {', '.join(items)}" for name, items in unlisted.items() if items]
        if found:
            message = "mentioned but not listed " + "; ".join(found)
            problems.append(Diagnostic(briefing.path, first, "warning", message))
    return problems
