"""Old addresses that still work: a page at each, sending the reader on.

A registry entry's ``formerly`` lists the slugs it had (renamed, or merged
into it); a briefing's ``redirect_from`` lists the addresses it was published
at (as in jekyll-redirect-from; ``aliases`` already means other names). Each
gets a small page: an immediate refresh, a canonical link and a plain link,
so that shared links and bookmarks never break. A redirect that would take
the place of a real page, or that two entries claim, is an error where it is
declared, and is never written.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, replace

from markupsafe import escape

from ..model import SECTIONS, Briefing, Diagnostic, Entity, Page
from ..relate import Archive
from ..urls import Urls


@dataclass(frozen=True, slots=True)
class Redirect:
    """An old page's file in the site, where it now lives, and where it was declared."""

    path: str
    target: Briefing | Entity
    source: str
    line: int

    @property
    def name(self) -> str:
        """The title or name of the page it leads to."""
        return self.target.title if isinstance(self.target, Briefing) else self.target.name


def file_of(address: str) -> str:
    """The file a site-relative address is served from (``a/b/`` -> ``a/b/index.html``)."""
    return address if address.endswith(".html") else f"{address.rstrip('/')}/index.html"


def declared(archive: Archive, urls: Urls) -> list[Redirect]:
    """Every redirect the briefings and registries declare, in that order."""
    found = [
        Redirect(file_of(address), b, b.path, b.line_of("redirect_from"))
        for b in archive.briefings
        for address in b.redirect_from
    ]
    for section in SECTIONS:
        for listing in archive.listings(section).values():
            entity = listing.entity
            for old in entity.formerly:
                found.append(Redirect(urls.save_as(replace(entity, slug=old)), entity,
                                      entity.path, entity.line_of("formerly")))  # fmt: skip
    return found


def real_pages(archive: Archive, pages: Iterable[Page], urls: Urls) -> set[str]:
    """The files of the site's own pages, which no redirect may take."""
    found = {urls.save_as(route) for route in ("index", "archive", "actors", "places", "tags",
                                               "search")}  # fmt: skip
    found.add("404.html")
    found.update(urls.save_as(b) for b in archive.briefings)
    found.update(urls.save_as(t.tag) for t in archive.tags.values())
    for section in SECTIONS:
        found.update(urls.save_as(x.entity) for x in archive.listings(section).values())
    found.update(urls.routes["page"].save_as.format(slug=p.slug, lang=urls.lang) for p in pages)
    return found


def check(
    archive: Archive, pages: Iterable[Page], urls: Urls
) -> tuple[list[Redirect], list[Diagnostic]]:
    """The redirects to write, and an error for each that would take a real
    page's place or that another redirect claims first."""
    taken = real_pages(archive, pages, urls)
    kept: dict[str, Redirect] = {}
    problems = []
    for redirect in declared(archive, urls):
        if redirect.path in taken:
            why = f"'{redirect.path}' is a page of the site: a redirect cannot replace it"
        elif redirect.path in kept:
            why = f"'{redirect.path}' already redirects, from {kept[redirect.path].source}"
        else:
            kept[redirect.path] = redirect
            continue
        problems.append(Diagnostic(redirect.source, redirect.line, "error", why, "D601"))
    return list(kept.values()), problems


def page(redirect: Redirect, urls: Urls, lang: str) -> bytes:
    """The redirect page: refresh at once, canonical link, and a link to follow."""
    target = escape(urls.absolute(redirect.target))
    name = escape(redirect.name)
    return (
        f'<!doctype html>\n<html lang="{escape(lang)}">\n<head>\n<meta charset="utf-8">\n'
        f"<title>Moved: {name}</title>\n"
        f'<meta name="robots" content="noindex">\n'
        f'<link rel="canonical" href="{target}">\n'
        f'<meta http-equiv="refresh" content="0; url={target}">\n'
        f"</head>\n<body>\n"
        f'<p>This page has moved to <a href="{target}">{name}</a>.</p>\n'
        f"</body>\n</html>\n"
    ).encode()
