"""Check every internal link and fragment of a built site."""

from __future__ import annotations

from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlsplit


class _Collector(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.links: list[str] = []
        self.ids: set[str] = set()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        for name, value in attrs:
            if value is None:
                continue
            if name in ("href", "src", "data-card") and tag in ("a", "link", "script", "img"):
                self.links.append(value)
            if name == "id":
                self.ids.add(value)


def _parse(path: Path) -> _Collector:
    collector = _Collector()
    collector.feed(path.read_text(encoding="utf-8"))
    return collector


def broken_links(output: Path, site_path: str = "") -> list[str]:
    """Every internal link (and #fragment) in ``output`` that leads nowhere."""
    pages = {p: _parse(p) for p in output.rglob("*.html")}
    broken: list[str] = []
    for page, parsed in sorted(pages.items()):
        for link in parsed.links:
            parts = urlsplit(link)
            if link.startswith("//") and not parts.netloc:
                broken.append(f"{page.relative_to(output)}: {link} (empty host)")
                continue
            if parts.scheme or parts.netloc:
                continue
            if parts.path == "":
                target = page
            elif parts.path.startswith("/"):
                if not parts.path.startswith(site_path + "/"):
                    broken.append(f"{page.relative_to(output)}: {link} (outside site)")
                    continue
                target = output / unquote(parts.path[len(site_path) + 1 :])
            else:
                target = (page.parent / unquote(parts.path)).resolve()
            if target.is_dir():
                target = target / "index.html"
            if not target.is_file():
                broken.append(f"{page.relative_to(output)}: {link}")
                continue
            if parts.fragment and target.suffix == ".html":
                ids = pages[target].ids if target in pages else _parse(target).ids
                if unquote(parts.fragment) not in ids:
                    broken.append(f"{page.relative_to(output)}: {link} (no such id)")
    return broken


def _target(output: Path, url: str, site_path: str, site_url: str) -> Path | None:
    """The file a site URL leads to, or None when the URL is not the site's."""
    if site_url and url.startswith(site_url + "/"):
        url = site_path + url[len(site_url) :]
    parts = urlsplit(url)
    if parts.scheme or parts.netloc or not parts.path.startswith(site_path + "/"):
        return None
    target = output / unquote(parts.path[len(site_path) + 1 :])
    return target / "index.html" if target.is_dir() else target


def broken_file_links(output: Path, site_path: str = "", site_url: str = "") -> list[str]:
    """Every URL in the feeds, the open data and the search browse files that
    leads nowhere in ``output`` (HTML pages are :func:`broken_links`'s)."""
    import json
    import xml.etree.ElementTree as ET

    broken: list[str] = []

    def check(where: Path, url: str) -> None:
        target = _target(output, url, site_path, site_url)
        if target is None and not url.startswith(("urn:", "http://", "https://", "mailto:")):
            broken.append(f"{where.relative_to(output)}: {url} (not a site URL)")
        elif target is not None and not target.is_file():
            broken.append(f"{where.relative_to(output)}: {url}")

    for feed in sorted(output.rglob("*.xml")):
        for link in ET.parse(feed).getroot().iter("{http://www.w3.org/2005/Atom}link"):
            check(feed, link.attrib["href"])
    for data in sorted(output.rglob("*.json")):
        if "pagefind" in data.relative_to(output).parts:
            continue
        document = json.loads(data.read_text(encoding="utf-8"))
        if isinstance(document, dict) and "url" in document:  # a hover card
            check(data, document["url"])
        elif isinstance(document, dict):  # open data: records with a "url"
            for key in ("briefings", "actors", "places"):
                for record in document.get(key, []):
                    check(data, record["url"])
        else:  # a browse chunk: [url, title, date] rows
            for row in document:
                if isinstance(row, list) and row and isinstance(row[0], str):
                    check(data, f"{site_path}/{row[0]}")
    for page in output.rglob("*.html"):
        html = page.read_text(encoding="utf-8")
        marker = '<meta name="dossier:browse" content="'
        if marker in html:
            browse = html.split(marker, 1)[1].split('"', 1)[0]
            check(page, f"{browse}facets.json")
            found = _target(output, f"{browse}facets.json", site_path, "")
            if found is None or not found.is_file():
                continue
            facets = json.loads(found.read_text(encoding="utf-8"))
            for facet in ("actor", "place", "tag", "year"):
                for value in facets[facet]:
                    check(page, f"{browse}lists/{facet}/{value['slug']}.json")
    return broken
