"""Signal handlers: what Dossier adds to a Pelican run, each step small."""

from __future__ import annotations

import datetime as dt
import time
from collections.abc import Mapping
from typing import Any

from markupsafe import Markup

from .. import stamps
from ..config import Config
from ..errors import BuildFailed
from ..index import index_shards
from ..makers import citation
from ..pipeline import run
from ..plan import stale_shards
from ..progress import plural
from ..report import report
from ..urls import Urls
from .generator import DossierGenerator
from .reader import DossierReader
from .run import Run, current, end, of, progress_of


def _long_date(value: dt.date) -> str:
    return f"{value.day} {value:%B %Y}"


def _iso_date(value: dt.date) -> str:
    return f"{value:%Y-%m-%d}"


def _month(value: dt.date) -> str:
    return f"{value:%B %Y}"


def _in_quotes(value: str) -> Markup:
    # Text for a double-quoted attribute, its single quotes kept as they are
    # (a policy's 'self' reads better, and weighs less, than &#39;self&#39;).
    escaped = value.replace("&", "&amp;").replace('"', "&quot;")
    return Markup(escaped.replace("<", "&lt;").replace(">", "&gt;"))


def _capfirst(value: str) -> str:
    # Jinja's capitalize lowercases the rest: "R&D" would become "R&d".
    return value[:1].upper() + value[1:]


def initialized(pelican: Any) -> None:
    """Settle the settings the theme relies on: autoescape, filters, URLs."""
    settings = pelican.settings
    config = Config.from_settings(settings)
    jinja = dict(settings.get("JINJA_ENVIRONMENT") or {})
    # Titles, names and summaries are text; only the rendered body is marked
    # safe, in the templates. Pelican leaves autoescape off by default.
    jinja["autoescape"] = True
    settings["JINJA_ENVIRONMENT"] = jinja
    filters = dict(settings.get("JINJA_FILTERS") or {})
    filters.update(longdate=_long_date, isodate=_iso_date, month=_month, capfirst=_capfirst,
                   in_quotes=_in_quotes,
                   **_url_filters(config.urls, config.assets),
                   **_citation_filters(config.urls, config.site_name))  # fmt: skip
    settings["JINJA_FILTERS"] = filters
    settings["SITEPATH"] = config.site_path


def _url_filters(urls: Urls, assets: Mapping[str, str]) -> dict[str, Any]:
    # `{{ entity|href }}`, `{{ 'archive'|href }}`, `{{ page.url|path_href }}`
    # (a URL Pelican computed), `{{ briefing|absolute }}`, `{{ 'css/x.css'|static }}`.
    return {
        "href": urls.href,
        "path_href": lambda path: urls.href(path=path),
        "absolute": urls.absolute,
        "static": lambda path: urls.static_href(assets.get(path, path)),
    }


def _citation_filters(urls: Urls, site_name: str) -> dict[str, Any]:
    # `{{ b|bibtex }}`, `{{ b|ris }}`: a briefing's reference records, for a
    # theme that writes them into the page (Dossier's own makes them in the
    # browser from the citation_* tags, cite.js, tested against these).
    return {
        "bibtex": lambda b: citation.bibtex(b, urls, site_name),
        # HTML reads CR LF as LF.
        "ris": lambda b: citation.ris(b, urls, site_name).replace("\r\n", "\n"),
    }


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


def get_generators(pelican: Any) -> type[DossierGenerator]:
    """Run the pipeline for this Pelican run (or take the caller's result).

    This fires at the start of every run, before any file is read or
    written: a build with errors stops here, having written nothing.
    """
    settings = pelican.settings
    this = of(settings)
    # ``dossier build`` opened the run with the result it computed; stock
    # ``pelican`` (autoreload included) computes it at the start of every run.
    if not this.held or this.result is None:
        config = Config.from_settings(settings)
        # Stock pelican writes the output without stamping it: the next
        # `dossier build` into it must not trust the last build's stamps.
        stamps.forget(config.cache_dir, str(settings.get("OUTPUT_PATH") or config.output_path))
        result = run(config)
        report(result.diagnostics)
        if result.failing(config.strict) and not config.keep_going:
            raise BuildFailed(result.diagnostics)
        this.result = result
    this.render_started = time.perf_counter()
    return DossierGenerator


def article_generator_finalized(generator: Any) -> None:
    """Keep Pelican's briefings generator with the run, for ``serve``'s quick path."""
    of(generator.settings).articles = generator


def all_generators_finalized(generators: list[Any]) -> None:
    """Every context is complete: start writing our pages beside Pelican's."""
    for generator in generators:
        if isinstance(generator, DossierGenerator):
            of(generator.settings).pages = generator  # for serve's quick path
            generator.start_in_background()


def finalized(pelican: Any) -> None:
    """Say what was written; index the finished site for search."""
    settings = pelican.settings
    this = of(settings)
    progress = progress_of(settings)
    seconds = time.perf_counter() - (this.render_started or time.perf_counter())
    progress.done(_written(this, seconds))
    if current(settings).config.search:
        progress.stage("Indexing for search")
        stale = stale_shards(this.shards, this.searched, this.last)  # None: every part
        indexed = index_shards(pelican.output_path, this.shards, stale)
        parts = f" ({indexed.parts} of {indexed.of} parts)" if stale is not None else ""
        progress.done(f"indexed {plural(indexed.pages, 'page')}{parts} for search "
                      f"in {indexed.seconds:.2f} s")  # fmt: skip
    if not this.held:  # stock pelican: nobody else closes the run
        end(settings)


def _written(run: Run, seconds: float) -> str:
    """'rendered 120 pages in 1.20 s', or for an update 'updated 7 of 120 pages …'."""
    done = run.emitted
    if run.last is None or done is None:
        return f"rendered {plural(run.planned, 'page')} in {seconds:.2f} s"
    pages = sum(1 for path in done.written if path.endswith(".html"))
    others = len(done.written) - pages
    more = f" and {plural(others, 'other file')}" if others else ""
    gone = f", removed {plural(len(done.removed), 'file')}" if done.removed else ""
    return f"updated {pages} of {plural(run.planned, 'page')}{more}{gone} in {seconds:.2f} s"
