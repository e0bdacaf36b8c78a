"""Authoring hints across files, which ``dossier check`` adds to the build's problems."""

from __future__ import annotations

import datetime as dt
import difflib
from collections import Counter
from collections.abc import Iterable

from . import gazetteer
from .makers.placemap import find_region
from .makers.structured import ACTOR_TYPES, PLACE_TYPES
from .model import NOUN, SECTIONS, Briefing, Diagnostic, Entity, Section
from .relate import Archive
from .scaffold import PLACEHOLDER

# The kinds the README suggests: a kind close to one of these (or to one
# other entries use) but used by no other entry is likely a typo.
KNOWN_KINDS = {
    "actors": {*ACTOR_TYPES, "group", "military", "organisation", "state", "party", "militia"},
    "places": {*PLACE_TYPES, "port", "oil-terminal", "oil-field", "camp", "crossing", "village"},
}


def unusual_kinds(archive: Archive) -> list[Diagnostic]:
    """A warning for a registry ``kind`` no other entry of its section uses
    that is close to one that is used or usual ('twon' for 'town')."""
    problems: list[Diagnostic] = []
    for section in SECTIONS:
        entities = [x.entity for x in archive.listings(section).values() if x.entity.in_registry]
        used = Counter(e.kind.casefold() for e in entities if e.kind)
        for entity in entities:
            kind = entity.kind.casefold()
            if not kind or used[kind] > 1 or kind in KNOWN_KINDS[section]:
                continue
            others = sorted((KNOWN_KINDS[section] | set(used)) - {kind})
            close = difflib.get_close_matches(kind, others, n=1, cutoff=0.75)
            if close:
                problems.append(Diagnostic(entity.path, entity.line_of("kind"), "warning",
                    f"kind '{entity.kind}' is used by no other {NOUN[section]}: "
                    f"did you mean '{close[0]}'?", "D502"))  # fmt: skip
    return problems


def template_text(archive: Archive) -> list[Diagnostic]:
    """A warning for a published briefing whose body still has the text
    ``dossier new`` wrote into the draft."""
    return [
        Diagnostic(
            b.path,
            b.line_of("title"),
            "warning",
            "the body still has the text 'dossier new' wrote: write the briefing, or "
            "keep it a draft (status: draft)",
            "D503",
        )
        for b in archive.briefings
        if PLACEHOLDER in b.body_html
    ]


# A date further ahead than this is more likely a typo in the year than a plan.
FAR_AHEAD = dt.timedelta(days=366)


def future_dates(scheduled: Iterable[Briefing], today: dt.date) -> list[Diagnostic]:
    """A warning for each scheduled briefing (published, dated after the
    build) dated more than a year after ``today``: usually a typo in the
    year, and the site would leave it out until then."""
    return [
        Diagnostic(
            b.path,
            b.line_of("date"),
            "warning",
            f"'date' {b.date:%Y-%m-%d} is more than a year ahead, so the site leaves "
            "this briefing out until then; is the year a typo?",
            "D504",
        )
        for b in scheduled
        if b.date.date() > today + FAR_AHEAD
    ]


def missing_coordinates(places: Iterable[Entity]) -> list[Diagnostic]:
    """A warning for each registry place without coordinates (it is left off
    the maps), with coordinates from the offline gazetteer when it knows it."""
    problems = []
    for found in gazetteer.suggest(places):
        place = found.place
        if not found.found:
            advice = "the gazetteer does not know it: add 'coordinates: [latitude, longitude]'"
        else:
            doubt = ""
            if not found.sure:
                why = (
                    f"{found.others} other places of that name"
                    if found.others
                    else ("far from the archive's other places")
                )
                doubt = f" (unsure: {why})"
            advice = f"GeoNames has {found.found}{doubt}: add 'coordinates: {found.coordinates()}'"
        message = f"place '{place.name}' has no coordinates, so no map shows it; {advice}"
        problems.append(Diagnostic(place.path, place.line_of("name"), "warning", message, "D506"))
    return problems


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
            "D505",
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
            problems.append(Diagnostic(briefing.path, first, "warning", message, "D501"))
    return problems
