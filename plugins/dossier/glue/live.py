"""``serve``'s quick path: a briefing whose prose alone changed is rewritten
in place (its page and the full-text feed) in a fraction of a second, and the
search index catches up in the background, swapped in whole.

A :class:`Live` session is made after each good full build, from what that
build's Pelican run kept (the briefings' generator, its context, the
pipeline's result); any edit it cannot take (see :mod:`dossier.incremental`)
falls back to a whole build, which starts a new session.
"""

from __future__ import annotations

import copy
import os
import shutil
import threading
from collections.abc import Callable, Iterable
from dataclasses import replace
from pathlib import Path
from typing import Any

from pelican.writers import Writer

from .. import feeds
from ..config import display_path
from ..errors import DossierError
from ..incremental import prose_only
from ..index import BUNDLE, build_index
from ..link import Linker
from ..load import read_all
from ..model import Briefing
from ..pipeline import Result
from ..read import read_briefing
from ..report import report
from .result import CURRENT

# Where a run's settings keep Pelican's briefings generator for serve.
ARTICLES = "DOSSIER_ARTICLES_GENERATOR"


class Live:
    """The last full build, kept to apply prose edits to it directly."""

    def __init__(self, result: Result, articles: Any, output: Path, search: bool) -> None:
        self.result = result
        self.search = search
        self.articles = articles
        self.output = output
        self.archive = result.archive
        self.current: dict[str, Briefing] = {
            path: record for path, record in result.corpus.files.items()
            if isinstance(record, Briefing)
        }  # fmt: skip
        self._linker: Linker | None = None
        self._closed = False
        self._lock = threading.Lock()
        self._indexing: threading.Thread | None = None
        self._again = False
        self._reindexed: Callable[[], None] = lambda: None

    @classmethod
    def after(cls, run_settings: dict[str, Any], output: Path, search: bool = True) -> Live | None:
        """The session of a finished run, or None if that run kept nothing.
        ``search``: whether the site has a search index to keep up to date."""
        result, articles = run_settings.get(CURRENT), run_settings.get(ARTICLES)
        if not isinstance(result, Result) or articles is None:
            return None
        return cls(result, articles, output, search)

    def close(self) -> None:
        """A whole build replaced the output: never touch it again."""
        with self._lock:
            self._closed = True

    def apply(self, paths: Iterable[str], reindexed: Callable[[], None]) -> list[str] | None:
        """Rewrite what prose edits to ``paths`` change; the pages written (none
        when the changes were only an editor's passing files), or None when the
        edit needs a whole build. ``reindexed`` is called once the search index
        has caught up."""
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
        if set(records) != set(olds) or not all(
            prose_only(olds[shown][1], new) for shown, new in records.items()
        ):
            return None
        published = {a.slug: a for a in self.articles.articles}
        if not all(published.get(new.slug) is not None for new in records.values()):
            return None  # a draft, or a briefing left out: nothing of it is on the site
        report(problems)
        written = [self._write_page(new, published[new.slug]) for new in records.values()]
        self.current.update(records)
        bodies = {new.slug: new for new in records.values()}
        self.archive = replace(
            self.archive, briefings=tuple(bodies.get(b.slug, b) for b in self.archive.briefings)
        )
        feed_path, feed = feeds.site_feed(self.archive, config.urls, config.site_name,
                                          config.feed_max_items)  # fmt: skip
        _write_atomically(self.output / feed_path, feed)
        written.append(feed_path)
        if self.search:
            self.reindex(reindexed)
        return written

    def linker(self) -> Linker:
        """The mention linker of the last full build's registries."""
        if self._linker is None:
            corpus = self.result.corpus
            entities = [*corpus.actors.entities.values(), *corpus.places.entities.values()]
            self._linker = Linker(entities, self.result.config.urls.href)
        return self._linker

    def _write_page(self, new: Briefing, old: Any) -> str:
        generator = self.articles
        article = copy.copy(old)  # Pelican memoizes content per object
        article._content = new.body_html
        article.briefing = new
        article.metadata = {**old.metadata, "briefing": new}
        target = self.output / old.save_as
        staging = Path(f"{target}.{os.getpid()}.new")
        writer = Writer(str(staging.parent), settings=generator.settings)
        writer.write_file(
            staging.name, generator.get_template(article.template), generator.context,
            article=article, category=getattr(article, "category", None),
            override_output=True, url=article.url, blog=True,
        )  # fmt: skip
        staging.replace(target)
        return str(old.save_as)

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
            fresh = self.output.parent / f".{self.output.name}.{BUNDLE}-{os.getpid()}"
            shutil.rmtree(fresh, ignore_errors=True)
            try:
                build_index(str(self.output), str(fresh))
            except DossierError:
                shutil.rmtree(fresh, ignore_errors=True)
                return  # the next whole build indexes again
            with self._lock:
                if self._closed:
                    shutil.rmtree(fresh, ignore_errors=True)
                    return
                bundle = self.output / BUNDLE
                retired = self.output.parent / f".{self.output.name}.{BUNDLE}-old-{os.getpid()}"
                shutil.rmtree(retired, ignore_errors=True)
                if bundle.exists():
                    bundle.rename(retired)
                fresh.rename(bundle)
                shutil.rmtree(retired, ignore_errors=True)
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


def _write_atomically(target: Path, payload: bytes) -> None:
    staging = Path(f"{target}.{os.getpid()}.new")
    staging.write_bytes(payload)
    staging.replace(target)
