"""The read cache: briefings as read last time, kept beside the content.

Reading and linking is most of the Python side of a build (about 0.9 ms a
briefing). A briefing whose text is unchanged is taken from the cache
instead, when everything else reading depends on is unchanged too: the
registries' names and links, the time zone, Dossier's own code and the
versions of the libraries that parse and sanitise. Any of those changing
changes the cache's key, and the whole cache is set aside.

The cache is JSON (never pickle: a cache restored in CI must not be able to
run code), in ``.dossier-cache/`` beside the content folder, marked with a
standard ``CACHEDIR.TAG``; deleting the folder is always safe.
"""

from __future__ import annotations

import atexit
import contextlib
import datetime as dt
import hashlib
import json
import logging
import os
import re
import shutil
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from functools import cache, partial
from importlib import metadata
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

from .model import Briefing, Diagnostic, Entity, Source, Takeaway, Trend
from .processes import forked

# The entries, in 256 files by the first two hex digits of their path's hash:
# at 10,000 briefings about 40 entries (160 kB) a file. One file per
# briefing made a clean build create 10,000 files, which on ext4 cost more
# than writing them.
ENTRIES = "briefings"
_BUCKET = re.compile(r"[0-9a-f]{2}\.jsonl")
TAG = "CACHEDIR.TAG"
TAG_TEXT = (
    "Signature: 8a477f597d28d172789f06886806bc55\n"
    "# Dossier's read cache: briefings as read by the last build. Safe to delete.\n"
)
LIBRARIES = (
    "markdown-it-py", "mdit-py-plugins", "nh3", "pyyaml", "python-frontmatter", "unidecode",
    "regex",
)  # fmt: skip
_PACKAGE = Path(__file__).resolve().parent


def digest(text: str) -> str:
    """The fingerprint of a file's text."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


@cache
def source_digest() -> str:
    """This Dossier's code (every module of the package), even between releases."""
    h = hashlib.sha256()
    for path in sorted(_PACKAGE.rglob("*.py")):
        h.update(path.read_bytes())
    return h.hexdigest()


@cache
def library_version(library: str) -> str:
    """An installed library's version, or 'none'."""
    try:
        return metadata.version(library)
    except metadata.PackageNotFoundError:
        return "none"


def tag(folder: Path) -> None:
    """Mark ``folder`` as a cache (a standard ``CACHEDIR.TAG``), once."""
    marker = folder / TAG
    if not marker.exists():
        marker.write_text(TAG_TEXT, encoding="utf-8")


def cache_key(
    entities: list[Entity], link_attrs: Callable[[Entity], Mapping[str, str]], timezone: str
) -> str:
    """Everything reading a briefing depends on, besides its own text."""
    h = hashlib.sha256(source_digest().encode())
    for library in LIBRARIES:
        h.update(f"{library}={library_version(library)}".encode())
    h.update(timezone.encode())
    for e in sorted(entities, key=lambda e: e.key):
        fields = [e.key, e.name, *e.aliases, "|", *e.suppress, "|", *e.ambiguous,
                  *sorted(link_attrs(e).items())]  # fmt: skip
        h.update(json.dumps(fields, ensure_ascii=False).encode())
    return h.hexdigest()


@dataclass
class ReadCache:
    """Briefings by shown path and text digest, in 256 files by a hash of the
    path (:data:`ENTRIES`), so that a rebuild after one edit writes one small
    file and a build at scale makes a few hundred files, not one per briefing."""

    folder: Path | None
    key: str
    # entry name -> what to write: the file, its text's digest, the briefing and its warnings
    fresh: dict[str, tuple[str, str, Briefing, list[Diagnostic]]] = field(default_factory=dict)
    seen: set[str] = field(default_factory=set)
    hits: int = 0
    # bucket file name -> its entries as written (entry name -> JSON), once read
    buckets: dict[str, dict[str, str]] = field(default_factory=dict)

    @classmethod
    def open(cls, folder: Path | None, key: str) -> ReadCache:
        """The cache in ``folder``; entries written under another key are misses."""
        wait_for_writers()  # what this process wrote last is all there
        return cls(folder, key)

    def _bucket(self, bucket: str) -> dict[str, str]:
        # A bucket's entries, read once: a line each, its name, a space, its JSON.
        found = self.buckets.get(bucket)
        if found is None:
            found = {}
            if self.folder is not None:
                with contextlib.suppress(OSError, UnicodeDecodeError):
                    text = (self.folder / ENTRIES / bucket).read_text(encoding="utf-8")
                    # split at "\n" alone: JSON escapes it in strings, not
                    # the other line ends splitlines knows (U+2028, U+0085)
                    for line in text.split("\n"):
                        name, _, entry = line.partition(" ")
                        if entry:
                            found[name] = entry
            self.buckets[bucket] = found
        return found

    def has(self, shown: str) -> bool:
        """Whether an entry for this file may be there (its text is not checked)."""
        name = _name(shown)
        return self.folder is not None and name in self._bucket(_bucket_of(name))

    def get(self, shown: str, text_digest: str) -> tuple[Briefing, list[Diagnostic]] | None:
        """The briefing read from this very text last time, under this key, if any."""
        if self.folder is None:
            return None
        name = _name(shown)
        try:
            entry = json.loads(self._bucket(_bucket_of(name))[name])
            if (entry["key"], entry["shown"], entry["digest"]) != (self.key, shown, text_digest):
                return None
            return _briefing(entry["briefing"]), [Diagnostic(**d) for d in entry["warnings"]]
        except (KeyError, TypeError, ValueError):
            return None  # none, damaged or foreign: read the file again

    def keep(self, shown: str, text_digest: str, briefing: Briefing,
             warnings: list[Diagnostic], hit: bool) -> None:  # fmt: skip
        """Record this run's reading of a file, for the next run."""
        name = _name(shown)
        self.seen.add(name)
        if hit:
            self.hits += 1
            return
        self.fresh[name] = (shown, text_digest, briefing, warnings)

    def _entry(self, shown: str, text_digest: str, briefing: Briefing,
               warnings: list[Diagnostic]) -> dict[str, Any]:  # fmt: skip
        return {
            "key": self.key,
            "shown": shown,
            "digest": text_digest,
            "briefing": _record(briefing),
            "warnings": [
                {
                    "path": d.path,
                    "line": d.line,
                    "severity": d.severity,
                    "message": d.message,
                    "code": d.code,
                }
                for d in warnings
            ],
        }

    def save(self, background: bool = False) -> None:
        """Write the buckets this run changed (new entries, and entries of
        files no longer read dropped), and remove any other file the entries'
        folder holds. ``background`` (the caller has a CPU to spare and can
        fork): in a forked process, where there are many to write and this
        process has no other thread (it carries on; :func:`wait_for_writers`
        waits for the writer, and does so at exit)."""
        if self.folder is None:
            return
        entries = self.folder / ENTRIES
        try:  # here, so that a folder that cannot be written is said in turn
            found = sorted(p.name for p in entries.iterdir()) if entries.is_dir() else []
            buckets: list[str] = []
            strays: list[str] = []
            for name in found:
                (buckets if _BUCKET.fullmatch(name) else strays).append(name)
            changed = {_bucket_of(name) for name in self.fresh}
            changed.update(b for b in buckets if not self.seen.issuperset(self._bucket(b)))
            if not changed and not strays:
                return
            entries.mkdir(parents=True, exist_ok=True)
            tag(self.folder)
        except OSError as exc:
            unwritable(self.folder, exc)  # a cache that cannot be written only costs time
            return
        write = partial(self._write, self.folder, sorted(changed), strays)
        many = background and len(self.fresh) >= BACKGROUND_FROM
        if not (many and _can_fork() and _fork_writer(write)):
            write()

    def _write(self, folder: Path, changed: list[str], strays: list[str]) -> None:
        entries = folder / ENTRIES
        kept: dict[str, list[str]] = {bucket: [] for bucket in changed}
        for name in sorted(self.seen):
            bucket = _bucket_of(name)
            lines = kept.get(bucket)
            if lines is None:
                continue
            fresh = self.fresh.get(name)
            entry = (
                json.dumps(self._entry(*fresh), ensure_ascii=False)
                if fresh is not None
                else self._bucket(bucket).get(name)
            )
            if entry is not None:
                lines.append(f"{name} {entry}\n")
        try:
            for bucket, lines in kept.items():
                target = entries / bucket
                if not lines:
                    target.unlink(missing_ok=True)
                    continue
                staging = entries / f".{bucket}.{os.getpid()}"
                staging.write_text("".join(lines), encoding="utf-8")
                staging.replace(target)
            for name in strays:
                stray = entries / name
                if stray.is_dir() and not stray.is_symlink():
                    shutil.rmtree(stray, ignore_errors=True)
                else:
                    stray.unlink(missing_ok=True)
        except OSError as exc:
            unwritable(folder, exc)


# Below this many new entries a process of its own costs more than it saves.
BACKGROUND_FROM = 500
# The processes writing the cache in the background, not yet waited for.
_WRITERS: list[int] = []
_AT_EXIT = False  # wait_for_writers is registered to run at exit


def _can_fork() -> bool:
    # A process with threads (serve) is not forked: only the forking thread
    # would go on in the child, and a lock another one held stays held.
    import threading

    return threading.active_count() == 1


def _fork_writer(write: Callable[[], None]) -> bool:
    # ``write`` in a forked child; False (nothing started) where none can be forked.
    global _AT_EXIT
    if not _AT_EXIT:
        atexit.register(wait_for_writers)
        _AT_EXIT = True

    def child() -> int:
        write()  # one that fails (a cache not written) only costs the next build time
        return 0

    pid = forked(child)
    if pid is None:
        return False
    _WRITERS.append(pid)
    return True


def wait_for_writers() -> None:
    """Wait until the cache's background writers are done (before this
    process reads the cache again or exits)."""
    while _WRITERS:
        pid = _WRITERS.pop()
        with contextlib.suppress(ChildProcessError):
            os.waitpid(pid, 0)


_SAID: set[str] = set()


def unwritable(folder: Path | str, exc: OSError) -> None:
    """Say once per run that the cache folder cannot be written: builds stay
    right, but read every briefing again and rebuild the whole site."""
    shown = str(folder)
    if shown not in _SAID:
        _SAID.add(shown)
        logging.getLogger("dossier").warning(
            "dossier: warning: the cache folder %s cannot be written (%s): every build "
            "reads and writes everything again", shown, exc.strerror or exc,
        )  # fmt: skip


def _name(shown: str) -> str:
    return hashlib.sha1(shown.encode("utf-8"), usedforsecurity=False).hexdigest()


def _bucket_of(name: str) -> str:
    # The file an entry is kept in: the first two hex digits of its name.
    return f"{name[:2]}.jsonl"


def _when(value: dt.datetime | None) -> dict[str, str] | None:
    if value is None:
        return None
    zone = value.tzinfo.key if isinstance(value.tzinfo, ZoneInfo) else ""
    return {"iso": value.isoformat(), "zone": zone}


def _at(value: dict[str, str] | None) -> dt.datetime | None:
    if value is None:
        return None
    moment = dt.datetime.fromisoformat(value["iso"])
    return moment.astimezone(ZoneInfo(value["zone"])) if value["zone"] else moment


def _record(b: Briefing) -> dict[str, Any]:
    return {
        "path": b.path, "slug": b.slug, "title": b.title, "date": _when(b.date),
        "body_html": b.body_html, "summary": b.summary, "actors": b.actors,
        "places": b.places, "tags": b.tags, "authors": b.authors,
        "sources": [[s.title, s.url] for s in b.sources], "updated": _when(b.updated),
        "status": b.status, "field_lines": b.field_lines, "mentions": b.mentions,
        "mention_lines": b.mention_lines, "summary_given": b.summary_given,
        "takeaways": [[t.html, t.text] for t in b.takeaways], "cutoff": _when(b.cutoff),
        "mention_counts": b.mention_counts, "redirect_from": b.redirect_from,
        "trends": [[t.name, t.direction, t.alert, t.opportunity, t.line] for t in b.trends],
        "contexts": [[k, *c] for k, c in b.contexts], "lang": b.lang,
    }  # fmt: skip


def _briefing(r: dict[str, Any]) -> Briefing:
    date = _at(r["date"])
    if date is None:
        raise ValueError("a briefing without a date")
    return Briefing(
        path=r["path"], slug=r["slug"], title=r["title"], date=date,
        body_html=r["body_html"], summary=r["summary"], actors=tuple(r["actors"]),
        places=tuple(r["places"]), tags=tuple(r["tags"]), authors=tuple(r["authors"]),
        sources=tuple(Source(t, u) for t, u in r["sources"]), updated=_at(r["updated"]),
        status=r["status"], field_lines=tuple((k, n) for k, n in r["field_lines"]),
        mentions=tuple(r["mentions"]),
        mention_lines=tuple((k, n) for k, n in r["mention_lines"]),
        summary_given=bool(r["summary_given"]),
        takeaways=tuple(Takeaway(h, t) for h, t in r["takeaways"]), cutoff=_at(r["cutoff"]),
        mention_counts=tuple((k, n) for k, n in r["mention_counts"]),
        redirect_from=tuple(r["redirect_from"]),
        trends=tuple(Trend(n, d, bool(a), bool(o), int(line)) for n, d, a, o, line in r["trends"]),
        contexts=tuple((k, (b, n, a)) for k, b, n, a in r["contexts"]), lang=r["lang"],
    )  # fmt: skip
