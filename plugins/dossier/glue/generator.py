"""Pelican generator for the pages Pelican does not know: entities, themes, archive."""

from __future__ import annotations

import contextlib
import multiprocessing as mp
import os
import sys
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from jinja2 import TemplateError
from markupsafe import Markup
from pelican import signals
from pelican.generators import Generator

from .. import activity, home, placemap, trends
from ..config import Config
from ..errors import RenderError
from ..load import cpus
from ..outputs import PageJob, page_jobs
from ..pipeline import Result
from ..plan import site_plan
from ..relate import Archive
from ..structured import StructuredData
from ..write import emit
from .run import current

FAILED = "writing the actor, place and theme pages failed"
# Below this many briefings a second process costs more than it saves.
PARALLEL_FROM = 500


# What the first home page shows besides Pelican's list, in the shared context.
FRONT_PAGE = ("recent", "home_map", "trend_changes")


def front_page(archive: Archive, config: Config, drawn: Markup | None = None) -> dict[str, Any]:
    """The :data:`FRONT_PAGE` values: the last four weeks' most active
    entities and trend changes, and the places map (``drawn``, if the caller has it already)."""
    if drawn is None:
        drawn = Markup(placemap.archive_map(archive, config.urls, config.site.map_region).svg)
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
        self.context.update(front_page(archive, config, drawn))
        self.context["jsonld"] = StructuredData(archive, config.urls, config.site)
        # Pelican orders by date alone, so briefings of the same day would come
        # out in file-system order; the home page follows the archive's order.
        # (Sorted in place: Pelican's article generator holds the same list.)
        position = {b.slug: i for i, b in enumerate(archive.briefings)}
        self.context.get("articles", []).sort(key=lambda a: position.get(a.slug, len(position)))

    # A child process writing our pages while Pelican writes the briefings.
    _child: int | None = None
    _failure: int | None = None  # the read end of the child's report pipe

    def start_in_background(self) -> bool:
        """Write our pages in a forked process, beside Pelican's own writing
        of the briefings; False (nothing started) where that cannot help.

        Called once every generator's context is complete. The child gets a
        plain Pelican writer of its own; signals it fires stay in the child.
        """
        archive = current(self.settings).archive
        if (
            len(archive.briefings) < PARALLEL_FROM
            or "fork" not in mp.get_all_start_methods()
            or cpus() < 2
        ):
            return False
        read_end, write_end = os.pipe()
        try:
            pid = os.fork()
        except OSError:  # no process to spare: write here, one after the other
            os.close(read_end)
            os.close(write_end)
            return False
        if pid == 0:  # the child: write, report, and leave without cleanup
            os.close(read_end)
            code = 0
            try:
                self._write_all()
            except BaseException as exc:  # reported to the parent, which raises
                os.write(write_end, f"{type(exc).__name__}: {exc}".encode()[:4000])
                code = 1
            for stream in (sys.stdout, sys.stderr):  # _exit skips the usual flush
                with contextlib.suppress(Exception):
                    stream.flush()
            os._exit(code)
        os.close(write_end)
        self._child, self._failure = pid, read_end
        return True

    def generate_output(self, writer: Any) -> None:
        """Write entity, theme and archive pages, feeds and data files (or
        wait for the child writing them)."""
        if self._child is None or self._failure is None:
            try:
                self._write_all()
            except (TemplateError, OSError) as exc:  # as the child reports them
                raise RenderError(f"{FAILED}: {type(exc).__name__}: {exc}") from exc
            return
        child, failure = self._child, self._failure
        self._child = self._failure = None
        with os.fdopen(failure, "rb") as report:
            why = report.read().decode("utf-8", "replace")
        _, status = os.waitpid(child, 0)
        if os.waitstatus_to_exitcode(status) != 0:
            raise RenderError(f"{FAILED}: {why or status}")

    def _write_all(self) -> None:
        result = current(self.settings)
        emit(site_plan(result, page_jobs(result), self.render), Path(self.output_path))

    def render(self, job: PageJob) -> bytes:
        """One of our pages, as Pelican's writer would render it with this run's context."""
        name = current(self.settings).config.urls.save_as(job.target)
        where = os.path.join(self.output_path, name)
        return render(self.get_template(job.template), self.context, name, job.kwargs, where)


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
