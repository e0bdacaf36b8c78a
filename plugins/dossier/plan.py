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

from collections.abc import Callable, Mapping
from functools import partial

from .lazyfile import LazyFile, Memo
from .outputs import PageJob, PageKey, lazy_data_files
from .pipeline import Result

Plan = dict[str, LazyFile]


def site_plan(
    result: Result,
    jobs: Mapping[PageKey, PageJob],
    render: Callable[[PageJob], bytes],
    memo: Memo | None = None,
) -> Plan:
    """Every page of ``jobs`` (from :func:`~dossier.outputs.page_jobs`) and
    every data file of ``result``, by output path. A page's inputs are its
    job: its target, template and the template's own variables."""
    urls = result.config.urls
    entries: Plan = {
        urls.save_as(job.target): LazyFile(job, partial(render, job)) for job in jobs.values()
    }
    entries.update(lazy_data_files(result, memo))
    return entries
