"""``serve``'s quick paths: edits to briefings applied to the site in place.

A briefing whose prose alone changed is rewritten (its page and the
full-text feed) in milliseconds. Any other edit of briefings that keeps the
site's pages is applied by resolving and relating again (keeping the
listings it cannot touch) and writing only the pages and files whose inputs
changed, through the last run's Pelican generators and context: about a
second at 10,000 briefings. The search index catches up in the background,
swapped in whole.

A :class:`Live` session is made after each good full build, from what that
build's Pelican run kept (the briefings' generator and ours, their context,
the pipeline's result); any edit it cannot take (see
:mod:`dossier.incremental`) falls back to a whole build, which starts a new
session.
"""

from __future__ import annotations

import copy
import gc
import shutil
import threading
from collections.abc import Callable, Iterable, Mapping
from dataclasses import replace
from pathlib import Path
from typing import Any

from pelican import signals
from pelican.contents import Article

from .. import stamps
from ..config import display_path
from ..errors import DossierError
from ..incremental import prose_only, same_shape
from ..index import make_shards, place_shards
from ..lazyfile import Memo
from ..link import Linker
from ..load import Corpus, make_linker, read_all
from ..makers import feeds
from ..makers.placemap import Maps
from ..model import Briefing, Diagnostic
from ..outputs import PageJob, PageKey, page_jobs, site_maps
from ..pipeline import Result, assemble
from ..plan import Plan, holding, stale_shards
from ..read import read_briefing
from ..report import report
from ..write import emit, write_file
from . import run as runs
from .generator import DossierGenerator


class Live:
    """The last full build, kept to apply edits of its briefings to it in place."""

    def __init__(
        self,
        result: Result,
        articles: Any,
        pages: DossierGenerator,
        output: Path,
        search: bool,
        shards: Mapping[str, tuple[str, ...]] | None = None,
        stale: set[str] | None = None,
        drawn: Mapping[str, str] | None = None,
    ) -> None:
        self.result = result
        # The entity maps last drawn, by spec key: an edit draws again only
        # the maps whose spec it changes (placemap.Maps.kept); then the maps
        # of the last plan, which draw as its pages are written.
        self._drawn: Mapping[str, str] = drawn or {}
        self._maps: Maps | None = None
        # The search index's parts, and those to index again (None: all).
        self.shards = dict(shards or {})
        self._stale_shards = stale
        self.corpus = result.corpus  # as edited since: the prose path keeps no Result
        self.search = search
        self.articles = articles
        self.pages = pages
        self._plan: Plan | None = None
        self._records: Memo = {}  # open data records, made once per briefing or listing
        self._stale: set[str] = set()  # files the prose path rewrote since
        self._prose_edited: set[str] = set()  # and the briefings it changed (paths)
        self.output = output
        self.archive = result.archive
        self.current: dict[str, Briefing] = {
            path: record for path, record in result.corpus.files.items()
            if isinstance(record, Briefing)
        }  # fmt: skip
        self._linker: Linker | None = None
        self._closed = False
        self._lock = threading.Lock()
        self._ready = threading.Lock()  # held while warming up, and while applying
        self._indexing: threading.Thread | None = None
        self._again = False
        self._reindexed: Callable[[], None] = lambda: None

    @classmethod
    def after(cls, run: runs.Run, output: Path, search: bool = True) -> Live | None:
        """The session of a finished run, or None if that run kept nothing.
        ``search``: whether the site has a search index to keep up to date."""
        result, articles, pages = run.result, run.articles, run.pages
        if result is None or articles is None or not isinstance(pages, DossierGenerator):
            return None
        # After a clean build (no last one), every part of the index is made again.
        stale = stale_shards(run.shards, run.searched, run.last)
        drawn = run.maps.pictures() if run.maps is not None else None
        return cls(result, articles, pages, output, search, run.shards, stale, drawn)

    def close(self) -> None:
        """A whole build replaced the output: never touch it again (and let
        the run it kept go)."""
        with self._lock:
            self._closed = True
        runs.end(self.pages.settings)

    def warm(self) -> None:
        """Make, in a background thread, what the first edit would otherwise
        wait for: the linker, the pages' and files' inputs, the open data
        records. :meth:`apply` waits for it to end."""

        def work() -> None:
            with self._ready:
                self.linker()
                folder = self.result.config.urls.url("data")
                for path, file in self.plan().items():
                    if path.startswith(folder):
                        file.make()  # fills the open data records memo

        threading.Thread(target=work, daemon=True).start()

    def apply(self, paths: Iterable[str], reindexed: Callable[[], None]) -> list[str] | None:
        """Rewrite what edits to the briefings at ``paths`` change; the files
        written (none when the changes were only an editor's passing files),
        or None when the edit needs a whole build (see
        :mod:`dossier.incremental`). ``reindexed`` is called once the search
        index has caught up."""
        with self._ready:
            # The site's state is large and long-lived: a cyclic collection in
            # the middle of an edit walks all of it (a third of a second at
            # 10,000 briefings); it runs after the edit instead.
            gc.disable()
            try:
                return self._apply(paths, reindexed)
            finally:
                gc.enable()

    def _apply(self, paths: Iterable[str], reindexed: Callable[[], None]) -> list[str] | None:
        config = self.result.config
        root = Path(config.content_path)
        # An editor's passing files (a swap file, sed's temporary copy) are
        # no edit: hidden ones, and ones already gone that no build ever read.
        changed = [
            p for p in map(Path, paths)
            if not p.name.startswith(".") and (p.exists() or _shown_key(p, self.current))
        ]  # fmt: skip
        if not changed:
            return []
        if not all(p.suffix == ".md" and p.is_file() for p in changed):
            return None
        olds = {}
        for path in changed:
            shown = _shown_key(path, self.current)
            if shown is None:
                return None  # a new file, a page, a registry: not ours to patch
            olds[shown] = (path, self.current[shown])
        linker = self.linker()
        records, problems = read_all(
            [path for path, _ in olds.values()],
            lambda text, shown, stem: read_briefing(text, shown, stem, config.timezone, linker),
            root,
        )
        if any(d.severity == "error" for d in problems):
            return None  # the whole build reports them, and keeps the last good site
        if set(records) != set(olds) or any(
            new.slug != olds[shown][1].slug or new.status != olds[shown][1].status
            for shown, new in records.items()
        ):
            return None  # a page moves, appears or goes: the whole build removes the old one
        # The output now moves away from what the last build stamped: the
        # next `dossier build` is a clean one (serve's own rebuilds stamp again).
        stamps.forget(config.cache_dir, str(self.output))
        if all(prose_only(olds[shown][1], new) for shown, new in records.items()):
            written = self._apply_prose(records, problems)
        else:
            written = self._apply_fields(records, problems)
        if written is not None and self.search:
            with self._lock:
                if self._stale_shards is not None:
                    self._stale_shards |= holding(self.shards, written)
            self.reindex(reindexed)
        return written

    def _apply_prose(
        self, records: dict[str, Briefing], problems: list[Diagnostic]
    ) -> list[str] | None:
        config = self.result.config
        published = {a.slug: a for a in self.articles.articles}
        if not all(published.get(new.slug) is not None for new in records.values()):
            return None  # a draft, or a briefing left out: nothing of it is on the site
        report(problems)
        written = []
        for new in records.values():
            article = copy.copy(published[new.slug])  # Pelican memoizes content per object
            article._content = new.body_html
            article.briefing = new
            article.metadata = {**article.metadata, "briefing": new}
            self._swap_article(article)
            name = config.urls.save_as(new)
            write_file(self.output, name, self.pages.render_article(article, name))
            written.append(name)
        self._take(records, self._with(records))
        bodies = {new.slug: new for new in records.values()}
        self.archive = replace(
            self.archive, briefings=tuple(bodies.get(b.slug, b) for b in self.archive.briefings)
        )
        feed_path, feed = feeds.site_feed(self.archive, config.urls, config.site_name,
                                          config.feed_max_items)  # fmt: skip
        write_file(self.output, feed_path, feed)
        written.append(feed_path)
        self._stale.add(feed_path)
        self._prose_edited.update(records)
        return written

    def _apply_fields(
        self, records: dict[str, Briefing], problems: list[Diagnostic]
    ) -> list[str] | None:
        """Relate the archive again with the edited briefings, and rewrite the
        pages and files whose inputs changed; None if the site's shape did."""
        config = self.result.config
        edited = set(records)
        corpus = replace(
            self._with(records),
            diagnostics=(*(d for d in self.corpus.diagnostics if d.path not in edited), *problems),
        )
        # Briefings the prose path changed since are edited too: the listings
        # of their entities still hold their previous versions.
        edited_too = [
            b for b in corpus.briefings if b.path in self._prose_edited or b.path in edited
        ]
        result = assemble(config, corpus, self.archive, edited_too)
        archive = result.archive
        if result.failing(config.strict) or not same_shape(self.archive, archive):
            return None  # new or vanished pages, or errors: the whole build handles them
        report([d for d in result.diagnostics if d.path in edited])
        before = self.plan()  # made, if not yet, from the context as it still is
        generator = self.articles
        runs.of(generator.settings).result = result
        maps, jobs = self._jobs(result)
        places_index = jobs.get(("entities", "places"))
        self.pages.share(result, places_index.kwargs["place_map"] if places_index else None)
        published_slugs = {b.slug for b in archive.briefings}
        for shown in edited:
            if records[shown].slug in published_slugs:  # not a draft
                self._swap_article(self._pelican_article(shown))
        # The new plan written against the last: only what changed is made.
        plan = self.pages.plan(result, jobs, self._records, maps)
        written = list(emit(plan, self.output, previous=before, stale=self._stale).written)
        self._stale.clear()
        self._prose_edited.clear()
        self._plan = plan
        self.result, self.archive = result, archive
        self._take(records, corpus)
        return written

    def linker(self) -> Linker:
        """The mention linker of the last full build's registries."""
        if self._linker is None:
            corpus = self.result.corpus
            entities = [*corpus.actors.entities.values(), *corpus.places.entities.values()]
            self._linker = make_linker(self.result.config, entities)
        return self._linker

    def plan(self) -> Plan:
        """The plan the site as it stands was written from (made once, then kept)."""
        if self._plan is None:
            maps, jobs = self._jobs(self.result)
            self._plan = self.pages.plan(self.result, jobs, self._records, maps)
        return self._plan

    def _jobs(self, result: Result) -> tuple[Maps, dict[PageKey, PageJob]]:
        # The site's maps and page jobs, each map taken from the last ones
        # drawn here where its spec is unchanged.
        maps = site_maps(result, self._maps.pictures() if self._maps else self._drawn)
        jobs = page_jobs(result, maps)
        self._maps = maps
        return maps, jobs

    def _with(self, records: dict[str, Briefing]) -> Corpus:
        # The corpus as it stands, with these briefings as edited.
        return replace(
            self.corpus,
            briefings=tuple(records.get(b.path, b) for b in self.corpus.briefings),
            files={**self.corpus.files, **records},
        )

    def _take(self, records: dict[str, Briefing], corpus: Corpus) -> None:
        self.current.update(records)
        self.corpus = corpus

    def _pelican_article(self, shown: str) -> Any:
        # As Pelican's generator reads it: our reader takes the record from
        # the result now in the settings, and Pelican adds its own fields.
        generator = self.articles
        root = Path(generator.path).resolve()
        source = Path(shown).resolve()
        return generator.readers.read_file(
            base_path=str(root),
            path=str(source.relative_to(root)),
            content_class=Article,
            context=generator.context,
            preread_signal=signals.article_generator_preread,
            preread_sender=generator,
            context_signal=signals.article_generator_context,
            context_sender=generator,
        )

    def _swap_article(self, article: Any) -> None:
        # The generator's lists are the context's too: swap in place.
        generator = self.articles
        for listed in (generator.articles, generator.dates):
            for i, known in enumerate(listed):
                if known.slug == article.slug:
                    listed[i] = article

    def reindex(self, reindexed: Callable[[], None]) -> None:
        """Rebuild the search index in the background and swap it in whole;
        ``reindexed`` is called when the latest request is served."""
        with self._lock:
            self._reindexed = reindexed  # the latest caller hears when it is done
            if self._indexing is not None and self._indexing.is_alive():
                self._again = True  # the running pass restarts when it ends
                return
            self._indexing = threading.Thread(target=self._index_loop, daemon=True)
            self._indexing.start()

    def _index_loop(self) -> None:
        while True:
            with self._lock:
                stale = None if self._stale_shards is None else set(self._stale_shards)
                self._stale_shards = set()
            try:
                made = make_shards(str(self.output), self.shards, stale, background=True)
            except (DossierError, OSError):
                return  # the next whole build indexes again
            with self._lock:
                try:
                    if not self._closed:
                        place_shards(str(self.output), made.bundles, self.shards)
                except OSError:
                    pass  # the output was replaced meanwhile: its build indexes it
                finally:
                    shutil.rmtree(made.work, ignore_errors=True)
                if self._closed:
                    return
                again, self._again = self._again, False
                reindexed = self._reindexed
            if not again:
                reindexed()
                return


def _shown_key(path: Path, known: dict[str, Briefing]) -> str | None:
    # The corpus knows files by the path shown to the user (relative to the
    # working directory when inside it).
    shown = display_path(str(path))
    return shown if shown in known else None
