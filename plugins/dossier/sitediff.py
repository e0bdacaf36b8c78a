"""What a change does to the site: two built outputs compared, file by file.

Pure functions over two folders: every file added, removed or changed
(Pagefind's bundle aside: it is not written byte for byte the same twice),
grouped by what it is (briefings, actors, places, lists, feeds, data, other)
and named by what it is of (a page's ``<title>``), for a reviewer's summary.
"""

from __future__ import annotations

import html
import os
import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

Kind = Literal["briefings", "actors", "places", "lists", "feeds", "data", "other"]
KINDS: tuple[Kind, ...] = ("briefings", "actors", "places", "lists", "feeds", "data", "other")
Status = Literal["added", "removed", "changed"]
# Not compared: Pagefind's bundle (not deterministic), Dossier's marker file.
SKIPPED = ("pagefind/", ".dossier-output")
_TITLE = re.compile(rb"<title>(.*?)</title>", re.DOTALL)


@dataclass(frozen=True, slots=True)
class Change:
    """One file of the site that a change adds, removes or changes."""

    path: str
    status: Status
    kind: Kind
    # What it is of: the page's title (without the site's name), else "".
    label: str = ""


def _files(root: Path) -> dict[str, tuple[int, Path]]:
    found: dict[str, tuple[int, Path]] = {}

    def walk(folder: str, prefix: str) -> None:
        with os.scandir(folder) as entries:
            for entry in entries:
                name = prefix + entry.name
                if entry.is_dir(follow_symlinks=False):
                    if not (name + "/").startswith(SKIPPED):
                        walk(entry.path, name + "/")
                elif entry.is_file(follow_symlinks=False) and not name.startswith(SKIPPED):
                    found[name] = (entry.stat().st_size, Path(entry.path))

    walk(str(root), "")
    return found


def _same(a: Path, b: Path) -> bool:
    with open(a, "rb") as x, open(b, "rb") as y:
        while True:
            chunk = x.read(1 << 16)
            if chunk != y.read(1 << 16):
                return False
            if not chunk:
                return True


def kind_of(path: str, folders: dict[str, Kind] | None = None) -> Kind:
    """What a file of the site is, by its folder (the default URLs, or ``folders``)."""
    top = path.split("/", 1)[0] if "/" in path else ""
    table: dict[str, Kind] = folders or {
        "briefings": "briefings", "actors": "actors", "places": "places", "feeds": "feeds",
        "data": "data", "cards": "data", "search": "lists", "archive": "lists",
        "page": "lists", "tags": "lists", "trends": "lists",
    }  # fmt: skip
    if top in table:
        return table[top]
    return "lists" if path in ("index.html",) else "other"


def label_of(path: Path) -> str:
    """A page's ``<title>`` as text, without the site's name after ' · '."""
    if path.suffix != ".html":
        return ""
    with open(path, "rb") as handle:
        head = handle.read(4096)
    found = _TITLE.search(head)
    if not found:
        return ""
    title = html.unescape(found.group(1).decode("utf-8", "replace")).strip()
    return title.rsplit(" · ", 1)[0] if " · " in title else title


def compare(old: Path, new: Path) -> list[Change]:
    """Every file that differs between two outputs, in path order."""
    before, after = _files(old), _files(new)
    changes: list[Change] = []
    for name in sorted(before.keys() | after.keys()):
        if name not in after:
            status: Status = "removed"
        elif name not in before:
            status = "added"
        elif before[name][0] != after[name][0] or not _same(before[name][1], after[name][1]):
            status = "changed"
        else:
            continue
        shown = after[name][1] if name in after else before[name][1]
        changes.append(Change(name, status, kind_of(name), label_of(shown)))
    return changes


def _page(path: str) -> str:
    # As a reader's address: /briefings/x/ for briefings/x/index.html.
    return "/" + (path[: -len("index.html")] if path.endswith("index.html") else path)


def counts(changes: list[Change]) -> dict[Kind, dict[Status, int]]:
    """How many files of each kind were added, removed and changed."""
    found: dict[Kind, dict[Status, int]] = {}
    for change in changes:
        per = found.setdefault(change.kind, {"added": 0, "removed": 0, "changed": 0})
        per[change.status] += 1
    return {k: found[k] for k in KINDS if k in found}


_MARK = {"added": "+", "removed": "-", "changed": "~"}


def _summary(per: dict[Status, int]) -> str:
    return ", ".join(f"{n} {status}" for status, n in per.items() if n)


def as_text(changes: list[Change], limit: int = 20) -> Iterator[str]:
    """The changes by kind, at most ``limit`` files named per kind."""
    if not changes:
        yield "No page or file of the site changes."
        return
    for kind, per in counts(changes).items():
        yield f"{kind}: {_summary(per)}"
        listed = [c for c in changes if c.kind == kind]
        for change in listed[:limit]:
            label = f"  {change.label}" if change.label else ""
            yield f"  {_MARK[change.status]} {_page(change.path)}{label}"
        if len(listed) > limit:
            yield f"  … and {len(listed) - limit} more"


def _cell(text: str) -> str:
    return " ".join(text.replace("|", "\\|").split())


def as_markdown(changes: list[Change], limit: int = 20) -> Iterator[str]:
    """A short summary for a pull request's job summary: a table of counts,
    then each kind's files (at most ``limit``) in a collapsed list."""
    yield "### What this change does to the site"
    yield ""
    if not changes:
        yield "No page or file of the site changes."
        return
    yield "| | added | changed | removed |"
    yield "|---|---:|---:|---:|"
    for kind, per in counts(changes).items():
        yield f"| {kind} | {per['added']} | {per['changed']} | {per['removed']} |"
    for kind in counts(changes):
        listed = [c for c in changes if c.kind == kind]
        yield ""
        yield f"<details><summary>{kind} ({len(listed)})</summary>"
        yield ""
        for change in listed[:limit]:
            label = f" {_cell(change.label)}" if change.label else ""
            yield f"- {change.status}: `{_page(change.path)}`{label}"
        if len(listed) > limit:
            yield f"- … and {len(listed) - limit} more"
        yield ""
        yield "</details>"
