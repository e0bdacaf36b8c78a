"""Signal handlers: what Dossier adds to a Pelican run, each step small."""

from __future__ import annotations

import datetime as dt
import logging
from typing import Any

from ..config import site_path
from ..errors import BuildFailed
from ..index import SearchIndexError, build_index
from .diagnostics import QuietSkips, log
from .generator import DossierGenerator
from .reader import DossierReader
from .state import BuildState, reset, state


def _long_date(value: dt.date) -> str:
    return f"{value.day} {value:%B %Y}"


def _iso_date(value: dt.date) -> str:
    return f"{value:%Y-%m-%d}"


def _month(value: dt.date) -> str:
    return f"{value:%B %Y}"


def _capfirst(value: str) -> str:
    # Jinja's capitalize lowercases the rest: "R&D" would become "R&d".
    return value[:1].upper() + value[1:]


def initialized(pelican: Any) -> None:
    """Settle settings the theme relies on, and start a fresh problem list."""
    settings = pelican.settings
    jinja = dict(settings.get("JINJA_ENVIRONMENT") or {})
    # Titles, names and summaries are text; only the rendered body is marked
    # safe, in the templates. Pelican leaves autoescape off by default.
    jinja["autoescape"] = True
    settings["JINJA_ENVIRONMENT"] = jinja
    filters = dict(settings.get("JINJA_FILTERS") or {})
    filters.update(longdate=_long_date, isodate=_iso_date, month=_month, capfirst=_capfirst)
    settings["JINJA_FILTERS"] = filters
    settings["SITEPATH"] = site_path(str(settings.get("SITEURL") or ""))
    build = reset(settings)
    generators_log = logging.getLogger("pelican.generators")
    for old in [f for f in generators_log.filters if isinstance(f, QuietSkips)]:
        generators_log.removeFilter(old)
    generators_log.addFilter(
        QuietSkips(build.config.content_path, lambda: state(settings).diagnostics)
    )


def readers_init(readers: Any) -> None:
    """Read ``.md`` files with our reader, and nothing else as content.

    Pelican's own HTML, reStructuredText and Markdown readers would turn a
    stray ``notes.html`` into an article without a ``Briefing``.
    """
    for ext in list(readers.reader_classes):
        readers.reader_classes[ext] = None
    for ext in DossierReader.file_extensions:
        readers.reader_classes[ext] = DossierReader


def generator_init(generator: Any) -> None:
    """Forget Pelican's disabled Markdown reader for the extensions we read.

    Without python-markdown installed, Pelican would otherwise warn about
    every ``.md`` file although our reader handles them.
    """
    readers = getattr(generator, "readers", None)
    if readers is not None:
        for ext in DossierReader.file_extensions:
            readers.disabled_readers.pop(ext, None)


def get_generators(_pelican: Any) -> type[DossierGenerator]:
    """Add the generator for entity, tag and archive pages."""
    return DossierGenerator


def all_generators_finalized(generators: list[Any]) -> None:
    """Stop before anything is written if the content has errors.

    Every file has been read by now, so the report is complete; with
    ``--keep-going`` the bad files are skipped instead and the build goes on.
    """
    if not generators:
        return
    build = state(generators[0].settings)
    if _failing(build) and not build.config.keep_going:
        _report(build)
        raise BuildFailed(build.diagnostics.sorted())


def finalized(pelican: Any) -> None:
    """Report every problem; fail the build on errors, or index the finished site."""
    build = state(pelican.settings)
    _report(build)
    if build.config.keep_going:
        pelican.dossier_skipped = sorted(build.diagnostics.failed_paths())
    elif _failing(build):
        raise BuildFailed(build.diagnostics.sorted())
    if build.config.search:
        try:
            report = build_index(build.config.output_path)
        except SearchIndexError as exc:
            log.error("%s", exc)
            raise BuildFailed([exc.diagnostic()]) from exc
        log.info("indexed %d pages for search in %.2f s", report.pages, report.seconds)


def _failing(build: BuildState) -> bool:
    found = build.diagnostics.sorted()
    if build.config.strict:
        return bool(found)
    return any(d.severity == "error" for d in found)


def _report(build: BuildState) -> None:
    if build.reported:
        return
    build.reported = True
    for item in build.diagnostics.sorted():
        (log.error if item.severity == "error" else log.warning)("%s", item)
