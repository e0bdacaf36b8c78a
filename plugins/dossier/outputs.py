"""What the generator writes beside Pelican's briefings, as values: one
:class:`PageJob` per entity, theme and archive page, and the data files
(each a :class:`~dossier.lazyfile.LazyFile`).

A page is a function of its template, the run's shared context and its job's
``kwargs``; ``serve`` compares two runs' jobs to rewrite only the pages whose
``kwargs`` changed (:mod:`dossier.incremental`).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import partial
from typing import Any

from markupsafe import Markup

from . import assets, schema
from .config import OUTPUT_MARKER, OUTPUT_MARKER_TEXT
from .lazyfile import LazyFile, Memo, ready
from .makers import (
    browse,
    cards,
    feeds,
    network,
    opendata,
    placemap,
    redirects,
    sitemap,
    tables,
    timeline,
    trends,
)
from .model import SECTIONS
from .pipeline import Result
from .relate import EntityListing
from .urls import ArchiveYear, EntityYear, TagYear

PageKey = tuple[str, ...]


@dataclass(frozen=True)
class PageJob:
    """One page to render: what it is of (a ``Urls`` target), its template,
    and the template's own variables."""

    target: Any
    template: str
    kwargs: Mapping[str, Any] = field(default_factory=dict)
    # For a page the search index reads: what of the inputs it reads, where
    # that is less than all of them (see LazyFile.indexed); not an input.
    indexed: Any = field(default=None, compare=False)


def page_jobs(result: Result, maps: placemap.Maps | None = None) -> dict[PageKey, PageJob]:
    """Every entity, entity index, theme, theme index and archive page, by key
    (``maps``: the site's maps, if the caller shares them with the base drawings)."""
    archive, urls = result.archive, result.config.urls
    maps = maps or site_maps(result)
    jobs: dict[PageKey, PageJob] = {}
    span = archive.span  # every activity chart spans the archive's months
    links = network.Links(archive)
    for section in SECTIONS:
        for slug, listing in archive.listings(section).items():
            drawn_here = maps.entity_map(listing)
            web = network.drawing(urls, listing, links)
            first, *older = timeline.timeline_pages(listing, result.config.timeline_page)
            jobs[("entity", section, slug)] = PageJob(
                listing.entity,
                "entity",
                {"listing": listing, "section": section, "span": span,
                 "place_map": drawn_here, "network": web, "timeline": first},
                entity_indexed(listing, section),
            )  # fmt: skip
            for page in older:
                # Only what the year's page shows: a briefing of another year
                # leaves it as it is.
                shown = {b.slug for b in page.briefings}
                jobs[("entity-year", section, slug, str(page.year))] = PageJob(
                    EntityYear(listing.entity, page.year or 0),
                    "entity_year",
                    {"entity": listing.entity, "section": section, "timeline": page,
                     "via": {k: v for k, v in listing.via.items() if k in shown},
                     "trends": {k: v for k, v in listing.trends.items() if k in shown}},
                )  # fmt: skip
        drawn = maps.archive_map() if section == "places" else None
        jobs[("entities", section)] = PageJob(
            section,
            "entities",
            {
                "section": section,
                "groups": archive.entity_groups(section),
                "place_map": Markup(drawn.svg) if drawn else "",
                "left_off": drawn.left_off if drawn else [],
                "span": span,
            },
        )
    for slug, tag_listing in archive.tags.items():
        first, *older = timeline.tag_pages(tag_listing, result.config.timeline_page)
        jobs[("tag", slug)] = PageJob(
            tag_listing.tag, "tag", {"listing": tag_listing, "timeline": first}
        )
        for page in older:  # only that year's briefings: another year's leave it as it is
            jobs[("tag-year", slug, str(page.year))] = PageJob(
                TagYear(tag_listing.tag, page.year or 0), "tag_year",
                {"tag": tag_listing.tag, "timeline": page},
            )  # fmt: skip
    jobs[("tags",)] = PageJob("tags", "tags", {"tags": list(archive.tags.values())})
    # The archive page also says how many briefings there are: the years add up to it.
    # A long archive is cut by year as timelines are: the latest year on its
    # page (with every year's count), each earlier year on one of its own.
    years = archive.years
    first, *older = timeline.archive_pages(archive.briefings, result.config.timeline_page)
    on_page = first.years if first.links else years
    jobs[("archive",)] = PageJob(
        "archive", "archive",
        {"years": years, "shown": on_page, "year": None, "year_pages": first.links},
    )  # fmt: skip
    for page in older:  # only that year's briefings
        jobs[("archive-year", str(page.year))] = PageJob(
            ArchiveYear(page.year or 0), "archive",
            {"years": (), "shown": page.years, "year": page.year, "year_pages": page.links},
        )  # fmt: skip
    if archive.trends_of:  # the page (and its link in the menu) once a briefing makes a call
        jobs[("trends",)] = PageJob("trends", "trends", {"years": trends.table(archive)})
    return jobs


def entity_indexed(listing: EntityListing, section: str) -> tuple[object, ...]:
    """What of an entity's page the search index reads: the entity (name,
    aliases, profile), its section, how many briefings list it and when it
    was first and last seen (its summary, span and date); not its timeline,
    map, network or lists (marked ``data-pagefind-ignore`` in the theme), so
    that a new month in the archive or a retitled briefing leaves its part
    of the index as it is."""
    return (listing.entity, section, len(listing.briefings), listing.first_seen, listing.last_seen)


def site_maps(result: Result, kept: Mapping[str, str] | None = None) -> placemap.Maps:
    """Every map of the site, each worked out once when first asked for
    (``kept``: maps drawn by the last build, by spec key)."""
    config = result.config
    return placemap.Maps(result.archive, config.urls, config.site.map_region, kept or {})


def lazy_data_files(
    result: Result, memo: Memo | None = None, maps: placemap.Maps | None = None
) -> dict[str, LazyFile]:
    """Every feed, data, browse, card, redirect, sitemap and theme
    file, by output path, each made on demand (``memo``: see
    :mod:`dossier.makers.opendata`; ``maps``: the maps the pages show, whose
    base drawings are written)."""
    archive, config = result.archive, result.config
    urls = config.urls
    files = {
        **feeds.lazy_documents(archive, urls, config.site_name, config.feed_max_items),
        **opendata.lazy_documents(archive, urls, config.site_name, memo),
        **tables.lazy_documents(archive, urls, memo),
        **browse.lazy_documents(archive, urls),
        **cards.lazy_documents(archive, urls),
        **{
            path: ready(payload)
            for path, payload in sitemap.documents(archive, result.corpus.pages, urls).items()
        },
    }
    files.update((maps or site_maps(result)).base_files())
    # The front-matter's JSON Schemas, for editors and scripts (docs/schemas.md).
    for name, payload in schema.documents().items():
        files[f"{urls.url('schema')}{name}"] = ready(payload)
    for redirect in result.redirects:
        shown = (urls.absolute(redirect.target), redirect.name)
        files[redirect.path] = LazyFile(shown, partial(redirects.page, redirect, urls, urls.lang))
    for path, payload in assets.copies(config.theme_static_dir, config.assets).items():
        files[f"{urls.theme_static}/{path}"] = ready(payload)
    files[OUTPUT_MARKER] = ready(OUTPUT_MARKER_TEXT.encode("utf-8"))
    if config.cname:  # GitHub Pages reads the custom domain from this file
        files["CNAME"] = ready(f"{config.cname}\n".encode())
    return files
