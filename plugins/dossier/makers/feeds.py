"""Atom feeds (RFC 4287): the archive's, and one per actor and place.

Feeds are written from the related archive with ElementTree, so they are
well-formed by construction and byte-identical from one build to the next.
"""

from __future__ import annotations

import datetime as dt
import xml.etree.ElementTree as ET
from collections.abc import Iterable
from dataclasses import dataclass
from functools import partial

from ..lazyfile import LazyFile
from ..model import SECTIONS, Briefing
from ..relate import Archive
from ..urls import Urls

ATOM = "http://www.w3.org/2005/Atom"
ET.register_namespace("", ATOM)


@dataclass(frozen=True, slots=True)
class FeedSpec:
    """What a feed is about: its path in the site, title and web page (site-relative)."""

    path: str
    title: str
    page_url: str
    full_content: bool = False


def _q(tag: str) -> str:
    return f"{{{ATOM}}}{tag}"


def _stamp(value: dt.datetime) -> str:
    if value.tzinfo is None:
        value = value.replace(tzinfo=dt.UTC)
    return value.isoformat()


def _sub(parent: ET.Element, tag: str, text: str | None = None, **attrs: str) -> ET.Element:
    element = ET.SubElement(parent, _q(tag), attrs)
    if text is not None:
        element.text = text
    return element


def _site_spec(urls: Urls, site_name: str) -> FeedSpec:
    return FeedSpec(urls.feed(), site_name, urls.url("index"), full_content=True)


def site_feed(archive: Archive, urls: Urls, site_name: str, limit: int) -> tuple[str, bytes]:
    """The whole archive's feed (full text, the latest ``limit`` briefings):
    its path in the site and its bytes."""
    spec = _site_spec(urls, site_name)
    return spec.path, atom(spec, archive.briefings[:limit], urls, site_name)


def lazy_documents(archive: Archive, urls: Urls, site_name: str, limit: int) -> dict[str, LazyFile]:
    """Every feed of the archive, by its path in the site: the whole archive's
    (full text) and one per actor and place (summaries), ``limit`` entries
    each; each made on demand (a feed's inputs are its entries)."""
    files: dict[str, LazyFile] = {}
    site = _site_spec(urls, site_name)
    feeds: list[tuple[FeedSpec, tuple[Briefing, ...]]] = [(site, archive.briefings[:limit])]
    for section in SECTIONS:
        for listing in archive.listings(section).values():
            entity = listing.entity
            spec = FeedSpec(urls.feed(entity), f"{entity.name} · {site_name}", urls.url(entity))
            feeds.append((spec, listing.briefings[:limit]))
    for spec, items in feeds:
        files[spec.path] = LazyFile((spec, items), partial(atom, spec, items, urls, site_name))
    return files


def atom(spec: FeedSpec, briefings: Iterable[Briefing], urls: Urls, site_name: str) -> bytes:
    """The Atom document for ``briefings`` (newest first)."""
    items = list(briefings)
    feed = ET.Element(_q("feed"))
    if urls.site_url:
        # Bodies link with root-relative URLs; xml:base resolves them.
        feed.set("{http://www.w3.org/XML/1998/namespace}base", f"{urls.site_url}/")
    _sub(feed, "id", urls.absolute(path=spec.path) if urls.site_url else f"urn:dossier:{spec.path}")
    _sub(feed, "title", spec.title)
    updated = max((b.updated or b.date for b in items), default=None)
    _sub(feed, "updated", _stamp(updated or dt.datetime(1970, 1, 1, tzinfo=dt.UTC)))
    _sub(feed, "link", rel="self", href=urls.absolute(path=spec.path))
    _sub(feed, "link", rel="alternate", type="text/html", href=urls.absolute(path=spec.page_url))
    author = _sub(feed, "author")
    _sub(author, "name", site_name)
    _sub(feed, "generator", "Dossier")
    for briefing in items:
        entry = _sub(feed, "entry")
        page = urls.url(briefing)
        _sub(entry, "id", urls.absolute(briefing) if urls.site_url else f"urn:dossier:{page}")
        _sub(entry, "title", briefing.title)
        _sub(entry, "link", rel="alternate", type="text/html", href=urls.absolute(briefing))
        _sub(entry, "published", _stamp(briefing.date))
        _sub(entry, "updated", _stamp(briefing.updated or briefing.date))
        for name in briefing.authors:
            _sub(_sub(entry, "author"), "name", name)
        if briefing.gist:
            _sub(entry, "summary", briefing.gist)
        if spec.full_content:
            _sub(entry, "content", _takeaways_html(briefing) + briefing.body_html, type="html")
    ET.indent(feed)
    document: bytes = ET.tostring(feed, encoding="utf-8", xml_declaration=True)
    return document + b"\n"


def _takeaways_html(briefing: Briefing) -> str:
    if not briefing.takeaways:
        return ""
    items = "".join(f"<li>{t.html}</li>" for t in briefing.takeaways)
    cutoff = (
        f"<p><em>Information as of {briefing.cutoff.day} {briefing.cutoff:%B %Y}.</em></p>"
        if briefing.cutoff
        else ""
    )
    return f"<p><strong>Key takeaways</strong></p><ul>{items}</ul>{cutoff}"
