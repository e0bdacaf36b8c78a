"""Stage 5, index: the Pagefind search index over the finished site, in parts.

The index is cut in parts (shards) that change rarely: one per year of
briefings and one for the actor and place pages (:func:`dossier.plan.search_shards`),
each its own Pagefind bundle in ``pagefind/<part>/``, merged in the reader's
browser (Pagefind's ``mergeIndex``; the search page names the parts). A
build indexes every part; an update only the parts whose pages it wrote,
removed or moved, keeping the others as the last build left them. Each part
is indexed from a folder holding its pages at their own paths (so its URLs
are the site's): hard links, or for a page mostly made of what search never
reads (an entity page's timeline, map and network), a copy without it
(:func:`search_copy`); into a new bundle beside the site, then swapped in
whole: a reader sees the old part or the new one.

Pagefind's command-line binary (from the ``pagefind[bin]`` package) indexes a
part in one run, never page by page. It is run as a command, not through the
Python API's service: Pagefind 1.5.2's service acknowledges a write before
its files are on disk, and closing it then kills the process, so under load a
build could end with an empty ``pagefind-entry.json`` (Pagefind issue 1271).
The command exits only when every file is written. Two parts are indexed at
a time (one per core here), each a fraction of the site: the largest process
stays small. Which pages are indexed, with what filters, sort keys and
metadata, is decided by the theme's ``data-pagefind-*`` attributes.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import time
from collections.abc import Collection, Mapping, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

from .errors import SearchIndexError
from .processes import cpus
from .write import write_file

BUNDLE = "pagefind"
# Pagefind's ready-made interfaces, written into every bundle: the theme has
# its own (search.js, on Pagefind's JS API), so each part drops them.
# The parts' names, in order, for pages that warm the search up before the
# search page (which names them itself) is open.
PARTS = "parts.json"
UNUSED = ("pagefind-ui.", "pagefind-modular-ui.", "pagefind-component-ui.", "pagefind-highlight.")
_INDEXED = re.compile(r"Indexed (\d+) pages?")


@dataclass(frozen=True, slots=True)
class IndexReport:
    """What the indexer did."""

    pages: int
    seconds: float
    parts: int = 1  # how many parts were indexed
    of: int = 1  # of how many


def pagefind_binary() -> str:
    """The Pagefind executable: ``PAGEFIND_BINARY_PATH``, else pagefind-bin's."""
    from pagefind.service import get_executable

    found = get_executable()
    if found is None:
        raise SearchIndexError(
            "the search index failed: no Pagefind binary (pip install 'pagefind[bin]')"
        )
    return str(found)


def index_shards(
    site_dir: str,
    shards: Mapping[str, Sequence[str]],
    stale: Collection[str] | None = None,
    background: bool = False,
) -> IndexReport:
    """Index the parts of ``shards`` (name -> pages) that are ``stale`` (None:
    all) or have no bundle yet into ``site_dir/pagefind/<name>/``, and remove
    the bundles of parts that are gone. ``background``: at a low priority,
    so that work someone waits for (serve's next edit) goes first."""
    made = make_shards(site_dir, shards, stale, background)
    try:
        place_shards(site_dir, made.bundles, shards)
    finally:
        shutil.rmtree(made.work, ignore_errors=True)
    return made.report


@dataclass(frozen=True)
class Made:
    """New bundles, indexed beside the site, not yet in place."""

    work: str  # the folder holding them, removed once they are placed
    bundles: dict[str, str]  # part -> its new bundle
    report: IndexReport


def make_shards(
    site_dir: str,
    shards: Mapping[str, Sequence[str]],
    stale: Collection[str] | None = None,
    background: bool = False,
) -> Made:
    """The new bundles of the parts to index (see :func:`index_shards`)."""
    site = os.path.abspath(site_dir)
    bundle = os.path.join(site, BUNDLE)
    todo = [
        name for name in shards
        if stale is None or name in stale
        or not os.path.isfile(os.path.join(bundle, name, "pagefind-entry.json"))
    ]  # fmt: skip
    work = os.path.join(os.path.dirname(site), f".{os.path.basename(site)}.{BUNDLE}-{os.getpid()}")
    shutil.rmtree(work, ignore_errors=True)
    started = time.perf_counter()

    def one(name: str) -> int:
        pages = os.path.join(work, "pages", name)
        _link_pages(site, shards[name], pages)
        try:
            return _pagefind(pages, os.path.join(work, "made", name), background)
        finally:
            shutil.rmtree(pages, ignore_errors=True)

    try:
        with ThreadPoolExecutor(max_workers=max(1, min(cpus(), len(todo)))) as pool:
            counts = list(pool.map(one, todo))
    except BaseException:
        shutil.rmtree(work, ignore_errors=True)
        raise
    bundles = {name: os.path.join(work, "made", name) for name in todo}
    report = IndexReport(sum(counts), time.perf_counter() - started, len(todo), len(shards))
    return Made(work, bundles, report)


def place_shards(site_dir: str, bundles: Mapping[str, str], shards: Collection[str]) -> None:
    """Put each new bundle in place of its part's (two renames each), list
    the parts in :data:`PARTS`, and remove what else the bundle folder holds
    (parts that are gone)."""
    root = os.path.join(os.path.abspath(site_dir), BUNDLE)
    write_file(Path(root), PARTS, json.dumps({"parts": list(shards)}).encode("utf-8"))
    for name, fresh in bundles.items():
        target = os.path.join(root, name)
        retired = f"{fresh}-old"
        if os.path.isdir(target):
            os.rename(target, retired)
        os.rename(fresh, target)
        shutil.rmtree(retired, ignore_errors=True)
    for entry in os.listdir(root):
        if entry not in shards and entry != PARTS:  # the folder is Dossier's own
            gone = os.path.join(root, entry)
            if os.path.isdir(gone) and not os.path.islink(gone):
                shutil.rmtree(gone, ignore_errors=True)
            else:
                os.unlink(gone)


# A page's copy for Pagefind is written where it leaves out this much of the
# page (an entity page, most of it); else the page is linked: writing a copy
# of every briefing page to save Pagefind a citation and a list costs more
# than it saves.
COPY_BELOW = 0.7


def _link_pages(site: str, pages: Sequence[str], into: str) -> None:
    # Each page at its own path under ``into``, so the part's URLs are the
    # site's: what Pagefind reads of it (search_copy) where that is much less
    # than the page, else a hard link (a copy where links are refused).
    for page in pages:
        source = os.path.join(site, page)
        target = os.path.join(into, page)
        os.makedirs(os.path.dirname(target), exist_ok=True)
        with open(source, "rb") as file:
            html = file.read()
        read = search_copy(html)
        if len(read) < COPY_BELOW * len(html):
            with open(target, "wb") as file:
                file.write(read)
            continue
        try:
            os.link(source, target)
        except OSError:
            shutil.copyfile(source, target)


# Tags an element marked data-pagefind-ignore is left out by: those always
# closed (not p or li, whose end a page may leave out).
_CLOSED = frozenset(
    b"section aside figure nav div details table ul ol dl header footer form span a svg".split()
)
_OPENING = re.compile(rb"<([a-z][a-z0-9]*)\b[^>]*>")
_IGNORE = b"data-pagefind-ignore"


def search_copy(html: bytes) -> bytes:
    """``html`` without the elements search never reads: those marked
    ``data-pagefind-ignore`` that hold no other ``data-pagefind-`` attribute
    (a filter, meta, sort key or indexed attribute inside ignored content
    still counts). Pagefind's time goes on a page's elements, read or not:
    an entity page's timeline, map and network are most of its elements,
    and indexed as this copy it takes a fifth of the time, with the same
    words, filters, metadata and anchors. ``html`` itself where nothing is
    left out."""
    kept: list[bytes] = []
    at = pos = 0
    while (pos := html.find(_IGNORE, pos)) >= 0:
        start = html.rfind(b"<", at, pos)
        opening = _OPENING.match(html, start) if start >= 0 else None
        after = html[pos + len(_IGNORE) : pos + len(_IGNORE) + 1]
        if (
            opening is None
            or opening.end() <= pos
            or opening.group(1) not in _CLOSED
            or not html[pos - 1 : pos].isspace()  # the attribute, not words in a value
            or after not in (b"=", b">", b"/", b" ", b"\t", b"\n")
        ):
            pos += len(_IGNORE)
            continue
        end = _element_end(html, opening.group(1), opening.end())
        if end is None or html.count(b"data-pagefind-", start, end) != html.count(
            _IGNORE, start, end
        ):
            pos = opening.end()
            continue
        kept.append(html[at:start])
        at = pos = end
    if not kept:
        return html
    kept.append(html[at:])
    return b"".join(kept)


def _element_end(html: bytes, tag: bytes, start: int) -> int | None:
    # Where the element whose opening tag ends at ``start`` ends: after its
    # closing tag, counting the elements of the same name opened inside it;
    # None for one that closes itself or never closes.
    if html[start - 2 : start] == b"/>":
        return None
    pattern = _TAG.get(tag)
    if pattern is None:
        pattern = _TAG[tag] = re.compile(rb"<(/?)" + tag + rb"\b[^>]*>")
    depth = 1
    for found in pattern.finditer(html, start):
        if found.group(1):
            depth -= 1
            if depth == 0:
                return found.end()
        elif not found.group(0).endswith(b"/>"):
            depth += 1
    return None


_TAG: dict[bytes, re.Pattern[bytes]] = {}


def _pagefind(site: str, bundle_dir: str, background: bool) -> int:
    # One Pagefind run over ``site`` into ``bundle_dir``: how many pages it indexed.
    command = [pagefind_binary(), "--site", site, "--output-path", bundle_dir]
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
    for name in os.listdir(bundle_dir):
        if name.startswith(UNUSED):
            os.unlink(os.path.join(bundle_dir, name))
    found = _INDEXED.search(done.stdout)
    return int(found.group(1)) if found else 0
