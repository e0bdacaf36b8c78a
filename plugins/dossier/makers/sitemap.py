"""``sitemap.xml`` and ``robots.txt``: where search engines find every page.

Both need the public address of the site, so they are written only when the
build knows it (``--site-url`` or ``SITEURL``). The sitemap lists the pages
that carry content: the home page, every briefing, page, actor, place and
theme, and the indexes; a briefing's ``lastmod`` is its revision date.
"""

from __future__ import annotations

import datetime as dt
import xml.etree.ElementTree as ET
from collections.abc import Iterable

from ..model import SECTIONS, Page
from ..relate import Archive
from ..urls import Urls

SITEMAPS = "http://www.sitemaps.org/schemas/sitemap/0.9"


def documents(archive: Archive, pages: Iterable[Page], urls: Urls) -> dict[str, bytes]:
    """``sitemap.xml`` and ``robots.txt`` by path, or nothing without a site URL."""
    if not urls.site_url:
        return {}
    entries: list[tuple[str, dt.datetime | None]] = [
        (urls.url(route), archive.briefings[0].date if archive.briefings else None)
        for route in ("index", "archive", "actors", "places", "tags")
    ]
    if archive.trends_of:  # the Trends page exists once a briefing makes a call
        entries.append((urls.url("trends"), archive.briefings[0].date))
    entries += [(urls.url(b), b.updated or b.date) for b in archive.briefings]
    entries += [(urls.page_url(p.slug), None) for p in pages if p.status == "published"]
    for section in SECTIONS:
        for listing in archive.listings(section).values():
            entries.append((urls.url(listing.entity), listing.last_seen))
    entries += [(urls.url(t.tag), t.last_seen) for t in archive.tags.values()]
    root = ET.Element("urlset", xmlns=SITEMAPS)
    for path, modified in entries:
        item = ET.SubElement(root, "url")
        ET.SubElement(item, "loc").text = urls.absolute(path=path)
        if modified is not None:
            ET.SubElement(item, "lastmod").text = f"{modified:%Y-%m-%d}"
    ET.indent(root)
    sitemap = ET.tostring(root, encoding="utf-8", xml_declaration=True) + b"\n"
    robots = f"User-agent: *\nAllow: /\n\nSitemap: {urls.absolute(path='sitemap.xml')}\n"
    return {"sitemap.xml": sitemap, "robots.txt": robots.encode("utf-8")}
