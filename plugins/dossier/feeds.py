"""Atom feeds (RFC 4287): the archive's, and one per actor and place.

Feeds are written from the related archive with ElementTree, so they are
well-formed by construction and byte-identical from one build to the next.
"""

from __future__ import annotations

import datetime as dt
import xml.etree.ElementTree as ET
from collections.abc import Iterable
from dataclasses import dataclass

from .model import Briefing

ATOM = "http://www.w3.org/2005/Atom"
ET.register_namespace("", ATOM)


@dataclass(frozen=True, slots=True)
class FeedSpec:
    """What a feed is about: its path in the site, title and web page."""

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


def absolute(site_url: str, site_path: str, url: str) -> str:
    """A site-relative URL made absolute when the site URL is known."""
    return f"{site_url}/{url}" if site_url else f"{site_path}/{url}"


def entry_id(site_url: str, briefing: Briefing) -> str:
    """A briefing's permanent Atom id: its public URL, or a URN locally."""
    return f"{site_url}/{briefing.url}" if site_url else f"urn:dossier:{briefing.url}"


def atom(
    spec: FeedSpec,
    briefings: Iterable[Briefing],
    *,
    site_name: str,
    site_url: str,
    site_path: str,
) -> bytes:
    """The Atom document for ``briefings`` (newest first)."""
    items = list(briefings)
    feed = ET.Element(_q("feed"))
    if site_url:
        # Bodies link with root-relative URLs; xml:base resolves them.
        feed.set("{http://www.w3.org/XML/1998/namespace}base", f"{site_url}/")
    _sub(
        feed,
        "id",
        absolute(site_url, site_path, spec.path) if site_url else f"urn:dossier:{spec.path}",
    )
    _sub(feed, "title", spec.title)
    updated = max((b.updated or b.date for b in items), default=None)
    _sub(feed, "updated", _stamp(updated or dt.datetime(1970, 1, 1, tzinfo=dt.UTC)))
    _sub(feed, "link", rel="self", href=absolute(site_url, site_path, spec.path))
    _sub(
        feed,
        "link",
        rel="alternate",
        type="text/html",
        href=absolute(site_url, site_path, spec.page_url),
    )
    author = _sub(feed, "author")
    _sub(author, "name", site_name)
    _sub(feed, "generator", "Dossier")
    for briefing in items:
        entry = _sub(feed, "entry")
        _sub(entry, "id", entry_id(site_url, briefing))
        _sub(entry, "title", briefing.title)
        _sub(
            entry,
            "link",
            rel="alternate",
            type="text/html",
            href=absolute(site_url, site_path, briefing.url),
        )
        _sub(entry, "published", _stamp(briefing.date))
        _sub(entry, "updated", _stamp(briefing.updated or briefing.date))
        for name in briefing.authors:
            _sub(_sub(entry, "author"), "name", name)
        if briefing.summary:
            _sub(entry, "summary", briefing.summary)
        if spec.full_content:
            _sub(entry, "content", briefing.body_html, type="html")
    ET.indent(feed)
    document: bytes = ET.tostring(feed, encoding="utf-8", xml_declaration=True)
    return document + b"\n"
