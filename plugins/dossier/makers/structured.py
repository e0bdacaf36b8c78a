"""JSON-LD for search engines: ``NewsArticle`` for a briefing, ``Person``,
``Organization`` or ``Place`` (and kinds of them) for an actor or a place.

The JSON goes into a ``<script type="application/ld+json">`` data block,
which browsers never run (so the Content-Security-Policy needs no change);
``<``, ``>`` and ``&`` are written as ``\\u`` escapes so that no text from a
briefing can close the block.
"""

from __future__ import annotations

import json
from typing import Any

from markupsafe import Markup

from ..config import Site
from ..model import Briefing, Entity, Place
from ..relate import Archive
from ..urls import Urls

ACTOR_TYPES = {"person": "Person", "government": "GovernmentOrganization"}
PLACE_TYPES = {
    "country": "Country",
    "state": "Country",
    "city": "City",
    "capital": "City",
    "town": "City",
    "region": "AdministrativeArea",
    "province": "AdministrativeArea",
    "governorate": "AdministrativeArea",
    "district": "AdministrativeArea",
}


def schema_type(entity: Entity) -> str:
    """The schema.org type of an actor or a place, from its ``kind``."""
    if entity.section == "places":
        return PLACE_TYPES.get(entity.kind.casefold(), "Place")
    return ACTOR_TYPES.get(entity.kind.casefold(), "Organization")


def _ref(entity: Entity, urls: Urls) -> dict[str, Any]:
    return {"@type": schema_type(entity), "name": entity.name, "url": urls.absolute(entity)}


def briefing_data(briefing: Briefing, archive: Archive, urls: Urls, site: Site) -> dict[str, Any]:
    """A briefing as a schema.org ``NewsArticle``."""
    listed = (*archive.actors_of.get(briefing.slug, ()), *archive.places_of.get(briefing.slug, ()))
    keys = {e.key for e in listed}
    mentioned = [archive.entity(k) for k in briefing.mentions if k not in keys]
    data: dict[str, Any] = {
        "@context": "https://schema.org",
        "@type": "NewsArticle",
        "headline": briefing.title,
        "datePublished": briefing.date.isoformat(),
        "dateModified": (briefing.updated or briefing.date).isoformat(),
        "url": urls.absolute(briefing),
        "mainEntityOfPage": urls.absolute(briefing),
        "description": briefing.summary,
        "author": [{"@type": "Person", "name": a} for a in briefing.authors]
        or {"@type": "Organization", "name": site.name},
        "publisher": {"@type": "Organization", "name": site.name, "url": urls.absolute("index")},
        "about": [_ref(e, urls) for e in listed],
        "mentions": [_ref(e, urls) for e in mentioned if e is not None],
        "keywords": [t.name for t in archive.tags_of.get(briefing.slug, ())],
        "citation": [
            {"@type": "CreativeWork", "name": s.title, **({"url": s.url} if s.url else {})}
            for s in briefing.sources
        ],
    }
    return {k: v for k, v in data.items() if v not in ("", [], None)}


def entity_data(entity: Entity, archive: Archive, urls: Urls) -> dict[str, Any]:
    """An actor or a place as a schema.org thing, with its aliases and, for a
    place, its coordinates and the place that holds it."""
    data: dict[str, Any] = {
        "@context": "https://schema.org",
        **_ref(entity, urls),
        "alternateName": list(entity.aliases),
    }
    if isinstance(entity, Place):
        if entity.coordinates is not None:
            lat, lon = entity.coordinates
            data["geo"] = {"@type": "GeoCoordinates", "latitude": lat, "longitude": lon}
        parent = archive.parents.get(entity.key)
        if parent is not None:
            data["containedInPlace"] = _ref(parent, urls)
    return {k: v for k, v in data.items() if v not in ("", [], None)}


def script(data: dict[str, Any]) -> Markup:
    """The JSON-LD data block for a page's ``<head>``."""
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    text = text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
    return Markup(f'<script type="application/ld+json">{text}</script>')


class StructuredData:
    """What templates call: ``{{ jsonld.briefing(b) }}``, ``{{ jsonld.entity(e) }}``."""

    def __init__(self, archive: Archive, urls: Urls, site: Site) -> None:
        self.archive, self.urls, self.site = archive, urls, site

    def briefing(self, briefing: Briefing) -> Markup:
        """The ``NewsArticle`` block of a briefing page."""
        return script(briefing_data(briefing, self.archive, self.urls, self.site))

    def entity(self, entity: Entity) -> Markup:
        """The block of an actor's or a place's page."""
        return script(entity_data(entity, self.archive, self.urls))
