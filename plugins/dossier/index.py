"""Stage 5, index: the Pagefind search index over the finished site, in one pass.

Pagefind's command-line binary (from the ``pagefind[bin]`` package) indexes the
written output in one run, never page by page. It is run as a command, not
through the Python API's service: Pagefind 1.5.2's service acknowledges a write
before its files are on disk, and closing it then kills the process, so under
load a build could end with an empty ``pagefind-entry.json`` (Pagefind issue
1271). The command exits only when every file is written. Which pages are
indexed, with what filters, sort keys and metadata, is decided by the theme's
``data-pagefind-*`` attributes.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import time
from dataclasses import dataclass

from .errors import SearchIndexError

BUNDLE = "pagefind"
_INDEXED = re.compile(r"Indexed (\d+) pages?")


@dataclass(frozen=True, slots=True)
class IndexReport:
    """What the indexer did."""

    pages: int
    seconds: float


def pagefind_binary() -> str:
    """The Pagefind executable: ``PAGEFIND_BINARY_PATH``, else pagefind-bin's."""
    from pagefind.service import get_executable

    found = get_executable()
    if found is None:
        raise SearchIndexError(
            "the search index failed: no Pagefind binary (pip install 'pagefind[bin]')"
        )
    return str(found)


def build_index(
    site_dir: str, bundle_dir: str | None = None, background: bool = False, fresh: bool = False
) -> IndexReport:
    """Index every page of ``site_dir`` into ``site_dir/pagefind`` (or into
    ``bundle_dir``, to be swapped in later). ``background``: at a low
    priority, so that work someone waits for (serve's next edit) goes first.
    ``fresh``: into a new bundle beside the old, then swapped in whole."""
    if fresh and bundle_dir is None:
        staging = fresh_bundle(site_dir)
        try:
            made = build_index(site_dir, staging, background)
            swap_bundle(staging, site_dir)
        finally:
            shutil.rmtree(staging, ignore_errors=True)
        return made
    site = os.path.abspath(site_dir)
    started = time.perf_counter()
    where = ["--output-subdir", BUNDLE]
    if bundle_dir:
        where = ["--output-path", os.path.abspath(bundle_dir)]
    command = [pagefind_binary(), "--site", site, *where]
    nice = shutil.which("nice") if background else None
    if nice:
        command = [nice, "-n", "10", *command]
    try:
        done = subprocess.run(command, capture_output=True, text=True, check=False)
    except OSError as exc:
        raise SearchIndexError(f"the search index failed (Pagefind): {exc}") from None
    if done.returncode != 0:
        last = (done.stderr.strip() or done.stdout.strip() or "no message").splitlines()[-1]
        raise SearchIndexError(f"the search index failed (Pagefind exit {done.returncode}): {last}")
    found = _INDEXED.search(done.stdout)
    return IndexReport(int(found.group(1)) if found else 0, time.perf_counter() - started)


def fresh_bundle(site_dir: str) -> str:
    """An empty place beside the site for a new bundle (of this process)."""
    site = os.path.abspath(site_dir)
    name = f".{os.path.basename(site)}.{BUNDLE}-{os.getpid()}"
    staging = os.path.join(os.path.dirname(site), name)
    shutil.rmtree(staging, ignore_errors=True)
    return staging


def swap_bundle(new: str, site_dir: str) -> None:
    """Put the bundle at ``new`` in place of the site's (two renames: a
    reader sees the old or the new one), and remove the old."""
    bundle = os.path.join(site_dir, BUNDLE)
    retired = f"{new}-old"
    shutil.rmtree(retired, ignore_errors=True)
    if os.path.isdir(bundle):
        os.rename(bundle, retired)
    os.rename(new, bundle)
    shutil.rmtree(retired, ignore_errors=True)
