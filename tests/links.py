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
            if name in ("href", "src") and tag in ("a", "link", "script", "img"):
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
