"""Every URL the site has, from Pelican-style ``*_URL`` / ``*_SAVE_AS`` settings.

One :class:`Urls` object is built from the settings once, at the boundary;
pages, feeds, open data, search files and the mention linker all ask it, so
that no module joins URL strings by hand and a changed setting moves every
link with the page.
"""

from __future__ import annotations

import datetime as dt
import zlib
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from .errors import SettingsError
from .model import Briefing, Entity, Page, Section, Tag

# Route name -> (URL setting, SAVE_AS setting, default URL, default SAVE_AS).
# ARTICLE_*, PAGE_*, INDEX_* and SEARCH_* are Pelican's own settings (Pelican
# writes those pages); the DOSSIER_* ones are the pages our generator writes.
ROUTES: dict[str, tuple[str, str, str, str]] = {
    "briefing": ("ARTICLE_URL", "ARTICLE_SAVE_AS",
                 "briefings/{slug}/", "briefings/{slug}/index.html"),
    "page": ("PAGE_URL", "PAGE_SAVE_AS", "{slug}/", "{slug}/index.html"),
    "index": ("INDEX_URL", "INDEX_SAVE_AS", "", "index.html"),
    "search": ("SEARCH_URL", "SEARCH_SAVE_AS", "search/", "search/index.html"),
    "actor": ("DOSSIER_ACTOR_URL", "DOSSIER_ACTOR_SAVE_AS",
              "actors/{slug}/", "actors/{slug}/index.html"),
    "actors": ("DOSSIER_ACTORS_URL", "DOSSIER_ACTORS_SAVE_AS", "actors/", "actors/index.html"),
    "place": ("DOSSIER_PLACE_URL", "DOSSIER_PLACE_SAVE_AS",
              "places/{slug}/", "places/{slug}/index.html"),
    "places": ("DOSSIER_PLACES_URL", "DOSSIER_PLACES_SAVE_AS", "places/", "places/index.html"),
    # A year of a long timeline (dossier.makers.timeline); by default under
    # the entity's page, wherever its settings put it (_under_page).
    "actor_year": ("DOSSIER_ACTOR_YEAR_URL", "DOSSIER_ACTOR_YEAR_SAVE_AS", "", ""),
    "place_year": ("DOSSIER_PLACE_YEAR_URL", "DOSSIER_PLACE_YEAR_SAVE_AS", "", ""),
    "tag": ("DOSSIER_TAG_URL", "DOSSIER_TAG_SAVE_AS", "tags/{slug}/", "tags/{slug}/index.html"),
    "tag_year": ("DOSSIER_TAG_YEAR_URL", "DOSSIER_TAG_YEAR_SAVE_AS", "", ""),
    "tags": ("DOSSIER_TAGS_URL", "DOSSIER_TAGS_SAVE_AS", "tags/", "tags/index.html"),
    "archive": ("DOSSIER_ARCHIVE_URL", "DOSSIER_ARCHIVE_SAVE_AS",
                "archive/", "archive/index.html"),
    # A year of a long archive (dossier.makers.timeline): under the archive's page.
    "archive_year": ("DOSSIER_ARCHIVE_YEAR_URL", "DOSSIER_ARCHIVE_YEAR_SAVE_AS", "", ""),
    "trends": ("DOSSIER_TRENDS_URL", "DOSSIER_TRENDS_SAVE_AS", "trends/", "trends/index.html"),
    # Files: the URL is the path.
    "feed": ("DOSSIER_FEED_ALL_ATOM", "DOSSIER_FEED_ALL_ATOM",
             "feeds/all.atom.xml", "feeds/all.atom.xml"),
    "actor_feed": ("DOSSIER_ACTOR_FEED_ATOM", "DOSSIER_ACTOR_FEED_ATOM",
                   "feeds/actors/{slug}.atom.xml", "feeds/actors/{slug}.atom.xml"),
    "place_feed": ("DOSSIER_PLACE_FEED_ATOM", "DOSSIER_PLACE_FEED_ATOM",
                   "feeds/places/{slug}.atom.xml", "feeds/places/{slug}.atom.xml"),
    "actor_card": ("DOSSIER_ACTOR_CARD_URL", "DOSSIER_ACTOR_CARD_URL",
                   "cards/actors/{bucket}.json", "cards/actors/{bucket}.json"),
    "place_card": ("DOSSIER_PLACE_CARD_URL", "DOSSIER_PLACE_CARD_URL",
                   "cards/places/{bucket}.json", "cards/places/{bucket}.json"),
    "data": ("DOSSIER_DATA_URL", "DOSSIER_DATA_URL", "data/", "data/"),
    "browse": ("DOSSIER_BROWSE_URL", "DOSSIER_BROWSE_URL", "search/", "search/"),
    "schema": ("DOSSIER_SCHEMA_URL", "DOSSIER_SCHEMA_URL", "schema/", "schema/"),
    # The maps' base drawings, one per frame (dossier.makers.basemap).
    "maps": ("DOSSIER_MAPS_URL", "DOSSIER_MAPS_URL", "maps/", "maps/"),
}  # fmt: skip
ENTITY_ROUTE: dict[Section, str] = {"actors": "actor", "places": "place"}
FEED_ROUTE: dict[Section, str] = {"actors": "actor_feed", "places": "place_feed"}
CARD_ROUTE: dict[Section, str] = {"actors": "actor_card", "places": "place_card"}
YEAR_ROUTE: dict[Section, str] = {"actors": "actor_year", "places": "place_year"}
# What a pattern may use: the fields Pelican gives an article's URL, too.
_SAMPLE = {
    "slug": "x",
    "bucket": "00",
    "year": 2016,
    "date": dt.datetime(2016, 10, 7, tzinfo=dt.UTC),
    "lang": "en",
    "category": "briefings",
}


# Hover cards travel in this many files per section: one file per entity was
# 1,900 files at 10,000 briefings; 64 keep each a few kB.
CARD_BUCKETS = 64


def card_bucket(slug: str) -> str:
    """The card file an entity's card is in: a hash of its slug, as two hex
    digits, so a new entity changes one file and the files stay even."""
    return f"{zlib.crc32(slug.encode()) % CARD_BUCKETS:02x}"


@dataclass(frozen=True, slots=True)
class Route:
    """One kind of page: its URL and where it is saved, as format patterns."""

    url: str
    save_as: str


@dataclass(frozen=True, slots=True)
class EntityYear:
    """A year of an entity's timeline, on a page of its own."""

    entity: Entity
    year: int


@dataclass(frozen=True, slots=True)
class TagYear:
    """A year of a long theme's list of briefings, on a page of its own."""

    tag: Tag
    year: int


@dataclass(frozen=True, slots=True)
class ArchiveYear:
    """A year of a long archive, on a page of its own."""

    year: int


Target = Briefing | Entity | EntityYear | Page | Tag | TagYear | ArchiveYear | str


@dataclass(frozen=True, slots=True)
class Urls:
    """The site's URLs: site-relative, under the site's path, or absolute.

    ``site_url`` is the public URL ('' for a local build); ``site_path`` the
    path the site lives under ('' at a root, '/repo' on a project site).
    """

    routes: Mapping[str, Route]
    site_url: str = ""
    site_path: str = ""
    lang: str = "en"
    category: str = "briefings"
    theme_static: str = "theme"
    reserved: frozenset[str] = frozenset()

    @classmethod
    def from_settings(cls, settings: Mapping[str, Any], site_url: str, site_path: str) -> Urls:
        """The routes of a Pelican settings mapping; a bad pattern is a settings error."""
        routes: dict[str, Route] = {}
        for name, (url_key, save_key, url_default, save_default) in ROUTES.items():
            url = settings.get(url_key)
            save = settings.get(save_key)
            if name.endswith("_year"):  # under the page of what it is a year of
                url_default, save_default = _under_page(routes[name.removesuffix("_year")])
            route = Route(
                url_default if url is None else str(url),
                save_default if save is None else str(save),
            )
            for key, pattern in ((url_key, route.url), (save_key, route.save_as)):
                try:
                    pattern.format(**_SAMPLE)
                except (KeyError, IndexError, ValueError) as exc:
                    raise SettingsError(f"{key} = {pattern!r} cannot be formatted: {exc}") from None
            routes[name] = route
        category = str(settings.get("DEFAULT_CATEGORY") or "briefings")
        theme_static = str(settings.get("THEME_STATIC_DIR") or "theme").strip("/")
        return cls(
            routes,
            site_url,
            site_path,
            str(settings.get("DEFAULT_LANG") or "en"),
            category.lower().replace(" ", "-"),
            theme_static,
            _folders(routes, settings.get("PAGINATION_PATTERNS") or ())
            | {theme_static, "pagefind"},
        )

    def _fields(self, target: Target) -> tuple[str, dict[str, Any]]:
        if isinstance(target, Briefing):
            fields = {
                "slug": target.slug,
                "date": target.date,
                "lang": self.lang,
                "category": self.category,
            }
            return "briefing", fields
        if isinstance(target, Entity):
            return ENTITY_ROUTE[target.section], {"slug": target.slug}
        if isinstance(target, EntityYear):
            fields = {"slug": target.entity.slug, "year": target.year}
            return YEAR_ROUTE[target.entity.section], fields
        if isinstance(target, Tag):
            return "tag", {"slug": target.slug}
        if isinstance(target, TagYear):
            return "tag_year", {"slug": target.tag.slug, "year": target.year}
        if isinstance(target, ArchiveYear):
            return "archive_year", {"year": target.year}
        if isinstance(target, Page):
            return "page", {"slug": target.slug, "lang": self.lang}
        return target, {}

    def url(self, target: Target) -> str:
        """The site-relative URL (no leading slash) of a briefing, entity, tag or route."""
        name, fields = self._fields(target)
        return self.routes[name].url.format(**fields)

    def save_as(self, target: Target) -> str:
        """The file the page of ``target`` is written to, relative to the output."""
        name, fields = self._fields(target)
        return self.routes[name].save_as.format(**fields)

    def page_url(self, slug: str) -> str:
        """The site-relative URL of a free-standing page (About) by its slug."""
        return self.routes["page"].url.format(slug=slug, lang=self.lang)

    def feed(self, entity: Entity | None = None) -> str:
        """The Atom feed of an entity, or of the whole site: a path in the site."""
        if entity is None:
            return self.routes["feed"].url
        return self.routes[FEED_ROUTE[entity.section]].url.format(slug=entity.slug)

    def card(self, entity: Entity) -> str:
        """Where an entity's hover card data is (site-relative path): a file
        shared with the other entities of its :func:`card_bucket`, unless the
        pattern names each file by ``{slug}``."""
        return self.routes[CARD_ROUTE[entity.section]].url.format(
            slug=entity.slug, bucket=card_bucket(entity.slug)
        )

    def card_href(self, entity: Entity) -> str:
        """An entity's hover card data, as a link from any page."""
        return self.href(path=self.card(entity))

    def feed_href(self, entity: Entity | None = None) -> str:
        """A link to the Atom feed of an entity, or of the whole site."""
        return self.href(path=self.feed(entity))

    def static_href(self, path: str) -> str:
        """A link to a file of the theme's ``static`` folder (``css/dossier.css``)."""
        return self.href(path=f"{self.theme_static}/{path}")

    def href(self, target: Target | None = None, path: str | None = None) -> str:
        """A link that works from any page: the URL under the site's path.

        ``path`` is a site-relative URL computed elsewhere (Pelican's own
        pagination, say).
        """
        relative = path if path is not None else self.url(target) if target is not None else ""
        return f"{self.site_path}/{relative}"

    def absolute(self, target: Target | None = None, path: str | None = None) -> str:
        """The public URL when the site URL is known, else the same as :meth:`href`."""
        relative = path if path is not None else self.url(target) if target is not None else ""
        return f"{self.site_url}/{relative}" if self.site_url else self.href(path=relative)


def _under_page(page: Route) -> tuple[str, str]:
    """A year page's URL and file, in a folder under the page it is a year of
    (an entity's, a theme's, the archive's)."""
    url = page.url if page.url.endswith("/") else page.url.rsplit(".", 1)[0] + "/"
    save = (
        page.save_as.rsplit("/", 1)[0]
        if page.save_as.endswith("/index.html")
        else (page.save_as.rsplit(".", 1)[0])
    )
    return url + "{year}/", save + "/{year}/index.html"


def _folders(routes: Mapping[str, Route], pagination: Any) -> frozenset[str]:
    """The top-level folders the archive's own pages and files live in."""
    paths = [r.url for name, r in routes.items() if name not in ("page", "index")]
    for pattern in pagination:
        if isinstance(pattern, tuple | list) and len(pattern) == 3:
            try:
                paths.append(str(pattern[1]).format(base_name="", number=2, url="", save_as=""))
            except (KeyError, IndexError, ValueError):
                continue
    folders = {path.lstrip("/").split("/")[0] for path in paths if "/" in path.lstrip("/")}
    return frozenset(f for f in folders if f and "{" not in f)
