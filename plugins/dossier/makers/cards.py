"""Hover cards: what the theme's ``cards.js`` shows when a reader points at
or focuses a mention, to say who or what it is without leaving the page.

Cards travel in a few shared files (:func:`dossier.urls.card_bucket`), each
a JSON object from an entity page's link (as the mention's ``href`` has it)
to that entity's card; a mention's ``data-card`` is its file. A file is a
function of its entities' listings alone, so an update remakes only the files
holding a card that changed (:mod:`dossier.lazyfile`).
"""

from __future__ import annotations

import datetime as dt
from functools import partial
from typing import Any

from ..lazyfile import LazyFile
from ..markup import plain_text
from ..model import NOUN
from ..relate import Archive, EntityListing
from ..urls import Urls
from ..writing import cluster_floor, sentence_ends
from .opendata import dump_json

# The first sentence of a profile, shortened to this, is the card's line.
LINE_CHARS = 180
# A sentence end this early is an abbreviation's full stop ("Lt. Gen.", "The U.N.").
SHORTEST_LINE = 40


def profile_line(profile_html: str) -> str:
    """A profile's first sentence as plain text, at most :data:`LINE_CHARS` long."""
    text = plain_text(profile_html)
    ends = (m.start() + len(m.group().rstrip()) for m in sentence_ends(text).finditer(text))
    line = text[: next((end for end in ends if end >= SHORTEST_LINE), len(text))]
    if len(line) > LINE_CHARS:
        # at a space, or where a Burmese or Thai line splits no letter from its marks
        head = line[: cluster_floor(line, LINE_CHARS - 1)]
        line = (head.rsplit(" ", 1)[0] if " " in head else head) + "…"
    return line


def _month(value: dt.datetime | None) -> str | None:
    return f"{value:%B %Y}" if value is not None else None


def card(listing: EntityListing, urls: Urls) -> dict[str, Any]:
    """What a hover card shows of an actor or place."""
    e = listing.entity
    latest = listing.latest_trend
    return {
        "name": e.name,
        "kind": e.kind or NOUN[e.section],
        "line": profile_line(e.profile_html),
        "url": urls.href(e),
        "briefings": len(listing.briefings),
        "mentioned": len(listing.mentioned_only),
        "first": _month(listing.first_seen),
        "last": _month(listing.last_seen),
        "trend": (
            {
                "direction": latest[1].direction,
                "flags": list(latest[1].flags),
                "when": _month(latest[0].date),
            }
            if latest
            else None
        ),
    }


def _inputs(listing: EntityListing) -> tuple[object, ...]:
    # What a card is made of: cheap to compare, unlike the listing itself.
    return (
        listing.entity,
        len(listing.briefings),
        len(listing.mentioned_only),
        listing.first_seen,
        listing.last_seen,
        listing.latest_trend,
    )


def _make(listings: tuple[EntityListing, ...], urls: Urls) -> bytes:
    return dump_json({urls.href(x.entity): card(x, urls) for x in listings})


def lazy_documents(archive: Archive, urls: Urls) -> dict[str, LazyFile]:
    """Every card file by its path in the site, each made on demand."""
    files: dict[str, list[EntityListing]] = {}
    for section in ("actors", "places"):
        for listing in archive.listings(section).values():
            files.setdefault(urls.card(listing.entity), []).append(listing)
    return {
        path: LazyFile(tuple(_inputs(x) for x in group), partial(_make, tuple(group), urls))
        for path, group in files.items()
    }
