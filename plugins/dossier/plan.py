"""Stage 'plan': the files Dossier writes beside Pelican's, as a value.

A plan maps each output path to a :class:`~dossier.lazyfile.LazyFile`: what
the file depends on (equal inputs make equal bytes) and how to make it. A
clean build writes a plan into an empty folder; ``serve`` writes the new
plan against the last one, and a later build against the last build's
stamps, so that only what changed is made and written again, by the same
code (:mod:`dossier.write`).

:func:`site_plan` holds every entity, theme and archive page (made by the
caller's ``render``, which knows the theme) and every feed, data, card,
citation, redirect and theme file; the generator adds the briefing pages,
the home list, the free-standing, search and 404 pages, rendered with the
objects Pelican read (:meth:`dossier.glue.generator.DossierGenerator.plan`).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import replace
from functools import partial

from .lazyfile import LazyFile, Memo
from .makers.placemap import Maps
from .model import SECTIONS
from .outputs import PageJob, PageKey, lazy_data_files
from .pipeline import Result
from .stamps import Last, members

Plan = dict[str, LazyFile]
# The search index's part for actor and place pages no briefing names yet.
ENTITY_SHARD = "entities"


def chrome(result: Result) -> tuple[object, ...]:
    """What the header and footer of every page show that the content
    decides: whether the Trends page exists (once a briefing makes a call)
    and where the About page is, if there is one."""
    urls = result.config.urls
    about = next(
        (urls.url(p) for p in result.corpus.pages if p.slug == "about" and p.status != "draft"),
        None,
    )
    return (bool(result.archive.trends_of), about)


def with_chrome(plan: Plan, shown: tuple[object, ...]) -> Plan:
    """``plan`` with :func:`chrome` (``shown``) among the inputs of every page,
    so that the last trend call removed or an About page added rewrites every
    page, as a clean build would write them."""
    return {
        path: replace(entry, inputs=(shown, entry.inputs)) if path.endswith(".html") else entry
        for path, entry in plan.items()
    }


def search_shards(result: Result) -> dict[str, tuple[str, ...]]:
    """The pages each part of the search index holds, by the part's name:
    one part per year (newest first) holding that year's briefings and the
    actor and place pages last seen that year, then the actor and place
    pages no briefing names (:data:`ENTITY_SHARD`).

    A part is a year by the date pages sort on, so "newest first" reads the
    parts one after the other; and each part holds briefings and entity
    pages alike, as the whole site does, so that scores, which each part
    weighs by its own pages, stay comparable. A week's briefings change the
    current year's part (and that of an entity they bring back)."""
    archive, urls = result.archive, result.config.urls
    shards: dict[str, list[str]] = {str(year.year): [] for year in archive.years}
    for briefing in archive.briefings:
        shards.setdefault(str(briefing.date.year), []).append(urls.save_as(briefing))
    for section in SECTIONS:
        for listing in archive.listings(section).values():
            seen = listing.last_seen
            part = str(seen.year) if seen is not None else ENTITY_SHARD
            shards.setdefault(part, []).append(urls.save_as(listing.entity))
    return {name: tuple(paths) for name, paths in shards.items() if paths}


def holding(shards: Mapping[str, Sequence[str]], pages: Iterable[str]) -> set[str]:
    """The parts of the search index that hold any of ``pages``."""
    pages = set(pages)
    return {name for name, paths in shards.items() if not pages.isdisjoint(paths)}


def stale_shards(
    shards: Mapping[str, Sequence[str]], searched: Mapping[str, str | None], last: Last | None
) -> set[str] | None:
    """The parts of the search index to make again after the ``last`` build
    (None: every part, there being none to compare with): those holding a
    page whose indexed content changed (``searched``: each page's digest of
    it, from :func:`~dossier.stamps.stamp`; a page with none counts as
    changed), and those whose pages are not the ones they held then."""
    if last is None:
        return None
    changed = (
        path for path, now in searched.items() if now is None or last.searched.get(path) != now
    )
    now = members(shards)
    moved = {name for name in shards if now[name] != last.shards.get(name)}
    return holding(shards, changed) | moved


def site_plan(
    result: Result,
    jobs: Mapping[PageKey, PageJob],
    render: Callable[[PageJob], bytes],
    memo: Memo | None = None,
    maps: Maps | None = None,
) -> Plan:
    """Every page of ``jobs`` (from :func:`~dossier.outputs.page_jobs`) and
    every data file of ``result`` (with the base drawings of ``maps``, the
    maps the jobs show), by output path. A page's inputs are its
    job: its target, template and the template's own variables."""
    urls = result.config.urls
    entries: Plan = {
        urls.save_as(job.target): LazyFile(job, partial(render, job), job.indexed)
        for job in jobs.values()
    }
    entries.update(lazy_data_files(result, memo, maps))
    return entries
