"""Pelican generator for the pages Pelican does not know: entities, themes, archive."""

from __future__ import annotations

import contextlib
import json
import os
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from functools import partial
from pathlib import Path
from typing import Any

from jinja2 import TemplateError
from markupsafe import Markup
from pelican import signals
from pelican.generators import Generator
from pelican.paginator import Page

from ..errors import RenderError
from ..incremental import briefing_indexed, briefing_view
from ..lazyfile import LazyFile, Memo
from ..makers import activity, home, trends
from ..makers.placemap import Maps
from ..makers.structured import StructuredData
from ..outputs import PageJob, PageKey, page_jobs, site_maps
from ..pipeline import Result
from ..plan import Plan, chrome, search_shards, site_plan, with_chrome
from ..processes import can_fork, cpus, forked
from ..relate import Archive
from ..stamps import stamp
from ..write import Emitted, changes, emit, remove
from .run import Run, current, of

FAILED = "writing the actor, place and theme pages failed"
# Below this many briefings a second process costs more than it saves.
PARALLEL_FROM = 500
# A clean build's share of the entries the forked process writes: this one
# also stamps the plan for the next build while the child writes (at 10,000
# briefings about a twelfth of what rendering takes, the maps and networks
# being drawn by the writers), so the child takes more.
CHILD_SHARE_CLEAN = 0.54
# An update's share of the plan the forked process digests and writes: a
# child's first touches of the parent's memory copy it, so at 10,000
# briefings a half took it 2.35 s against this process's 1.88 s.
CHILD_SHARE_UPDATE = 0.44


def split(count: int, share: float) -> tuple[list[int], list[int]]:
    """Positions 0..count-1 dealt into two lists, the first holding about
    ``share`` of them, spread evenly (so each gets every kind of page)."""
    first: list[int] = []
    second: list[int] = []
    for i in range(count):
        (first if int((i + 1) * share) > int(i * share) else second).append(i)
    return first, second


# What the first home page shows besides Pelican's list, in the shared context.
FRONT_PAGE = ("recent", "home_map", "trend_changes")


def front_page(archive: Archive, drawn: Markup) -> dict[str, Any]:
    """The :data:`FRONT_PAGE` values: the last four weeks' most active
    entities and trend changes, and the places map (``drawn``)."""
    shown = (home.recent_activity(archive), drawn, trends.recent_changes(archive))
    return dict(zip(FRONT_PAGE, shown, strict=True))


class DossierGenerator(Generator):  # type: ignore[misc]
    """Writes every page, feed and data file that comes from the related archive."""

    def generate_context(self) -> None:
        """Share the run's archive and URLs with every template."""
        self.share(current(self.settings))

    def share(self, result: Result, drawn: Markup | None = None) -> None:
        """Put a result's values in the context every template shares (again,
        for serve's quick path, with the places map ``drawn`` if made already)."""
        archive, config = result.archive, result.config
        self.context["dossier"] = archive
        self.context["urls"] = config.urls
        self.context["site"] = config.site
        self.context["activity"] = activity.chart
        self.context["sparkline"] = activity.sparkline
        if drawn is None:
            drawn = Markup(self.maps(result).archive_map().svg)
        self.context.update(front_page(archive, drawn))
        self.context["jsonld"] = StructuredData(archive, config.urls, config.site)
        # Pelican orders by date alone, so briefings of the same day would come
        # out in file-system order; the home page follows the archive's order.
        # (Sorted in place: Pelican's article generator holds the same list.)
        position = {b.slug: i for i, b in enumerate(archive.briefings)}
        self.context.get("articles", []).sort(key=lambda a: position.get(a.slug, len(position)))

    # A child process writing half the plan while this one writes the other half.
    _child: int | None = None
    _report: int | None = None  # the read end of the child's report pipe
    _mine: Plan | None = None  # what this process writes
    _todo: tuple[Plan, Plan, tuple[str, ...]] | None = None  # plan, to write, to remove
    _plan: Plan | None = None
    _halves: bool = False  # an update stamped and written half here, half in the child

    def maps(self, result: Result) -> Maps:
        """The run's maps: each worked out once for the front page, the
        pages that show it and the base drawings under them."""
        run = of(self.settings)
        if run.maps is None or run.maps.archive is not result.archive:
            # Updating the output in place: the last build's maps, by spec.
            kept = run.last.pictures if run.last is not None else {}
            run.maps = site_maps(result, kept)
        return run.maps

    def plan(
        self,
        result: Result,
        jobs: Mapping[PageKey, PageJob],
        memo: Memo | None = None,
        maps: Maps | None = None,
    ) -> Plan:
        """Every file Dossier writes in a run: the briefing and free-standing
        pages (as Pelican's generators read them), the pages of the home list,
        the search and 404 pages, and every other page and file
        (:func:`~dossier.plan.site_plan`)."""
        entries = {
            **self._briefing_pages(result),
            **self._home_pages(result),
            **self._other_pages(result),
            **site_plan(result, jobs, self.render, memo, maps),
        }
        return with_chrome(entries, chrome(result))

    def _run_plan(self) -> Plan:
        # The run's plan, made once, with the search index's parts.
        if self._plan is None:
            run, result = of(self.settings), current(self.settings)
            maps = self.maps(result)
            self._plan = self.plan(result, page_jobs(result, maps), maps=maps)
            run.shards = search_shards(result)
            run.planned = sum(1 for path in self._plan if path.endswith(".html"))
        return self._plan

    def _changes(self) -> tuple[Plan, Plan, tuple[str, ...]]:
        # The run's plan, what of it to write and what to remove: all of it
        # and nothing into a fresh folder; against the last build's stamps,
        # only what changed (the weekly update).
        if self._todo is None:
            run, plan = of(self.settings), self._run_plan()
            if run.last is None:
                self._todo = (plan, plan, ())
            else:
                run.stamps, run.searched = stamp(plan, current(self.settings).corpus, run.shards)
                todo, gone = changes(plan, Path(self.output_path), run.stamps, run.last.files)
                self._todo = (plan, todo, gone)
        return self._todo

    def start_in_background(self) -> bool:
        """Write half of what is to be written in a forked process while this
        one writes the other half (in :meth:`generate_output`); False
        (nothing started) where that cannot help.

        An update in place splits the whole plan instead: each process
        digests its half (the digests are most of an update's work) and
        writes what of it changed.

        Called once every generator's context is complete; signals fired
        while writing the child's half stay in the child.
        """
        result, run = current(self.settings), of(self.settings)
        parallel = len(result.archive.briefings) >= PARALLEL_FROM and can_fork() and cpus() >= 2
        if parallel and run.last is not None:
            return self._update_in_halves()
        _, todo, _ = self._changes()
        entries = list(todo.items())
        self._mine = dict(entries)
        if not parallel or len(entries) < PARALLEL_FROM:
            return False
        # Balanced for what each process does besides writing (see CHILD_SHARE_CLEAN).
        stamping = run.stamps is None and run.held  # as generate_output decides
        theirs, ours = split(len(entries), CHILD_SHARE_CLEAN if stamping else 0.5)
        root, live = Path(self.output_path), run.last is not None

        def write_theirs() -> bytes:
            emit(dict(entries[i] for i in theirs), root, live=live)
            return json.dumps({"pictures": _drawn(run)}).encode("utf-8")

        if not self._fork(write_theirs):
            return False
        self._mine = dict(entries[i] for i in ours)
        return True

    def _update_in_halves(self) -> bool:
        # The child digests and writes one half of the plan, and reports its
        # digests and what it wrote; this process does the other half in
        # generate_output.
        run, plan = of(self.settings), self._run_plan()
        last, corpus, root = run.last, current(self.settings).corpus, Path(self.output_path)
        assert last is not None
        entries = list(plan.items())
        theirs, ours = split(len(entries), CHILD_SHARE_UPDATE)

        def update_theirs() -> bytes:
            half = dict(entries[i] for i in theirs)
            files, searched = stamp(half, corpus, run.shards)
            todo, _ = changes(half, root, files, last.files)
            emit(todo, root, live=True)
            report = {"files": files, "searched": searched, "written": list(todo),
                      "pictures": _drawn(run)}  # fmt: skip
            return json.dumps(report).encode("utf-8")

        if not self._fork(update_theirs):
            return False
        self._mine = dict(entries[i] for i in ours)
        self._halves = True
        return True

    def _fork(self, work: Callable[[], bytes]) -> bool:
        # Run ``work`` in a forked child, which reports what it returns (or
        # why it failed) through a pipe; False where no process is to spare.
        read_end, write_end = os.pipe()

        def child() -> int:  # do its half and report
            os.close(read_end)
            code = 0
            try:
                report = b"R" + work()
            except BaseException as exc:  # reported to the parent, which raises
                report = f"E{type(exc).__name__}: {exc}".encode()[:4000]
                code = 1
            with contextlib.suppress(OSError), os.fdopen(write_end, "wb") as pipe:
                pipe.write(report)
            return code

        pid = forked(child)
        os.close(write_end)
        if pid is None:  # no process to spare: write here, one after the other
            os.close(read_end)
            return False
        self._child, self._report = pid, read_end
        return True

    def _join(self) -> bytes:
        # Wait for the child; what it reported, or a RenderError saying why it failed.
        if self._child is None or self._report is None:
            return b""
        child, report = self._child, self._report
        self._child = self._report = None
        with os.fdopen(report, "rb") as pipe:
            said = pipe.read()
        _, status = os.waitpid(child, 0)
        if os.waitstatus_to_exitcode(status) != 0 or not said.startswith(b"R"):
            why = said[1:].decode("utf-8", "replace") if said.startswith(b"E") else ""
            raise RenderError(f"{FAILED}: {why or f'exit status {status}'}")
        return said[1:]

    def generate_output(self, writer: Any) -> None:
        """Write this process's part of the plan (all of it without a child),
        then wait for the child writing the rest; then remove what the last
        build planned and this one does not, and stamp the plan for the next
        build (``dossier build`` only: stock ``pelican`` keeps no stamps)."""
        if self._halves:
            self._halves = False
            self._finish_update_in_halves()
            return
        run = of(self.settings)
        plan, todo, gone = self._changes()
        mine, self._mine = self._mine, None
        if mine is None:  # all_generators_finalized did not run: all of it here
            mine = todo
        root = Path(self.output_path)
        _write_here(mine, root, live=run.last is not None)
        if run.stamps is None and run.held:  # a clean build: stamped while the child writes
            run.stamps, run.searched = stamp(plan, current(self.settings).corpus, run.shards)
        said = self._join()
        if said:
            _take_pictures(run, json.loads(said)["pictures"])
        remove(root, gone)
        run.emitted = Emitted(tuple(todo), gone)
        self._todo = self._plan = None

    def _finish_update_in_halves(self) -> None:
        # This process's half of an update, then the child's report merged in.
        run, plan = of(self.settings), self._run_plan()
        last, root = run.last, Path(self.output_path)
        assert last is not None
        mine, self._mine = self._mine or {}, None
        files, searched = stamp(mine, current(self.settings).corpus, run.shards)
        todo, _ = changes(mine, root, files, last.files)
        _write_here(todo, root, live=True)
        theirs = json.loads(self._join())
        _take_pictures(run, theirs["pictures"])
        files.update(theirs["files"])
        searched.update(theirs["searched"])
        written = set(todo).union(theirs["written"])
        # In the plan's order, as one process would have made them.
        run.stamps = {path: files[path] for path in plan}
        run.searched = {p: searched[p] for ps in run.shards.values() for p in ps if p in searched}
        gone = tuple(path for path in last.files if path not in plan)
        remove(root, gone)
        run.emitted = Emitted(tuple(path for path in plan if path in written), gone)
        self._todo = self._plan = None

    def _briefing_pages(self, result: Result) -> Plan:
        urls, archive = result.config.urls, result.archive
        read = {a.slug: a for a in self.context.get("articles", ())}
        entries: Plan = {}
        for briefing in archive.briefings:
            article = read.get(briefing.slug)
            if article is not None:
                name = urls.save_as(briefing)
                make = partial(self.render_article, article, name)
                view = briefing_view(archive, briefing)
                entries[name] = LazyFile(view, make, briefing_indexed(archive, briefing))
        return entries

    def _home_pages(self, result: Result) -> Plan:
        # The home list: the newest briefings, then pages that keep their
        # briefings as the archive grows (home.home_pages), at the addresses
        # Pelican's PAGINATION_PATTERNS give their numbers, with Pelican's
        # own page objects, so a theme's pager works as with Pelican's.
        settings = self.settings
        save_as, url = settings.get("INDEX_SAVE_AS", "index.html"), settings.get("INDEX_URL", "")
        if not save_as:
            return {}
        per_page = settings["PAGINATED_TEMPLATES"].get("index") or settings["DEFAULT_PAGINATION"]
        archive = result.archive
        articles = self.context.get("articles", [])
        layout = home.home_pages(len(articles), int(per_page or 0))
        shelf = _Shelf(len(layout), int(per_page or 0), len(articles))
        pages = [
            Page(save_as, url, [articles[i] for i in positions], number, shelf, settings)
            for number, positions in enumerate(layout, start=1)
        ]
        front = (archive.latest_with_takeaways, *(self.context.get(key) for key in FRONT_PAGE))
        entries: Plan = {}
        for number, positions in enumerate(layout, start=1):
            page = pages[number - 1]
            newer, older = (
                pages[n - 1] if n else None for n in home.neighbours(number, len(pages))
            )
            values = self._direct_values(save_as)
            for key in ("articles", "dates"):
                values.update({
                    f"{key}_paginator": shelf, f"{key}_page": page,
                    f"{key}_previous_page": newer, f"{key}_next_page": older,
                })  # fmt: skip
            name = page.save_as
            shown = tuple(archive.briefings[i] for i in positions)
            around = (newer.number if newer else None, older.number if older else None)
            inputs = ("index", number, around, shown, front if number == 1 else None)
            entries[name] = LazyFile(inputs, partial(self._render_values, "index", name, values))
        return entries

    def _other_pages(self, result: Result) -> Plan:
        # The free-standing pages (About), as Pelican's pages generator writes
        # them; an edit to one is a whole build, so a page's inputs are its record.
        urls, settings = result.config.urls, self.settings
        records = {page.slug: page for page in result.corpus.pages}
        entries: Plan = {}
        for page in self.context.get("pages", ()):
            record = records.get(page.slug)
            if record is not None:
                name = urls.save_as(record)
                make = partial(self._render_values, page.template, name, {"page": page})
                entries[name] = LazyFile(record, make)
        # The search and 404 pages, as Pelican writes its direct templates:
        # they show nothing that an edit of briefings changes.
        # The search page names the parts of the search index it merges.
        shards = tuple(search_shards(result))
        for template in ("search", "404"):
            name = settings.get(f"{template.upper()}_SAVE_AS", f"{template}.html")
            if name:
                values = {**self._direct_values(name), "search_shards": shards}
                make = partial(self._render_values, template, name, values)
                entries[name] = LazyFile((template, shards), make)
        return entries

    def _direct_values(self, name: str) -> dict[str, Any]:
        # What Pelican gives a direct template (index, search, 404) written at ``name``.
        return {
            "articles": self.context.get("articles", []),
            "dates": self.context.get("dates", []),
            "blog": True,
            "page_name": os.path.splitext(name)[0],
        }

    def render_article(self, article: Any, name: str) -> bytes:
        """A briefing's page, as Pelican's briefings generator renders it."""
        variables = {"article": article, "category": getattr(article, "category", None),
                     "blog": True}  # fmt: skip
        return self._render_values(article.template, name, variables)

    def _render_values(self, template: str, name: str, variables: Mapping[str, Any]) -> bytes:
        where = os.path.join(self.output_path, name)
        return render(self.get_template(template), self.context, name, variables, where)

    def render(self, job: PageJob) -> bytes:
        """One of our pages, as Pelican's writer would render it with this run's context."""
        name = current(self.settings).config.urls.save_as(job.target)
        return self._render_values(job.template, name, job.kwargs)


def _write_here(todo: Plan, root: Path, live: bool) -> None:
    # This process's part of the plan; a failure said as a child reports one.
    try:
        emit(todo, root, live=live)
    except (TemplateError, OSError) as exc:
        raise RenderError(f"{FAILED}: {type(exc).__name__}: {exc}") from exc


def _drawn(run: Run) -> dict[str, str]:
    # The entity maps this process drew (a child reports them to the parent,
    # which keeps them for the next build).
    return dict(run.maps.drawn) if run.maps is not None else {}


def _take_pictures(run: Run, pictures: Mapping[str, str]) -> None:
    # The entity maps a child drew, as if drawn here.
    if run.maps is not None:
        run.maps.drawn.update(pictures)


@dataclass(frozen=True)
class _Shelf:
    """What a Pelican page object asks of its paginator, for the home list's
    pages: how many pages, of how many briefings each, out of how many."""

    num_pages: int
    per_page: int
    count: int


def render(
    template: Any,
    context: Mapping[str, Any],
    name: str,
    variables: Mapping[str, Any],
    where: str,
) -> bytes:
    """A page's bytes: ``template`` with the run's ``context``, the page's
    own ``variables`` and ``output_file`` (``name``), as Pelican's writer
    renders one (absolute URLs). Pelican's ``content_written`` signal fires
    for it, with the path it is written at (``where``), as for Pelican's own."""
    local = dict(context)
    local["localsiteurl"] = local.get("localsiteurl")
    local["output_file"] = name
    local.update(variables)
    html = template.render(local)
    signals.content_written.send(where, context=local)
    return str(html).encode("utf-8")
