"""The last build's plan, kept: each output path's digest, for the next build.

A build leaves in the cache folder, per output folder, the digest of every
file it planned (:mod:`dossier.fingerprint`) under a key of everything the
digests leave out: Dossier's code, the libraries that render, the settings,
the theme and the registries. The next ``dossier build`` into the same
folder, under the same key, writes only the files whose digest changed and
removes those no longer planned (:func:`dossier.write.emit`): the weekly
update. Any change to the key, a missing or damaged file, or a build that
did not finish (the file is removed before an update starts writing) means
a clean build. The file is JSON, never pickle.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .cache import LIBRARIES, library_version, source_digest, tag, unwritable
from .fingerprint import Digester, Unknown
from .lazyfile import LazyFile
from .load import Corpus
from .write import write_file

FOLDER = "plans"
# What renders besides the read cache's libraries.
RENDERING = ("pelican", "jinja2", "markupsafe", "feedgenerator")
# Settings that say where, not what (the same site built elsewhere), or how a
# build goes, not what it writes (with or without the search index, strict).
_WHERE = frozenset({"OUTPUT_PATH", "PATH", "CACHE_PATH", "DOSSIER_SEARCH", "DOSSIER_STRICT",
                    "DOSSIER_KEEP_GOING"})  # fmt: skip

Stamps = dict[str, "str | None"]


@dataclass(frozen=True)
class Last:
    """What the last build into an output folder left: each planned file's
    digest, and each search shard's membership (a digest of its pages)."""

    files: Stamps
    shards: Mapping[str, str] = field(default_factory=dict)
    # Each page the search index reads: the digest of what it reads of it.
    searched: Mapping[str, str | None] = field(default_factory=dict)
    # The entity pages' maps, by spec key (placemap.Maps.kept): drawing them
    # is most of making the pages' jobs, and a week changes few of them.
    pictures: Mapping[str, str] = field(default_factory=dict)


def members(shards: Mapping[str, Sequence[str]]) -> dict[str, str]:
    """Each shard's membership as a digest of its pages' paths."""
    return {
        name: hashlib.sha256("\n".join(sorted(paths)).encode()).hexdigest()
        for name, paths in shards.items()
    }


def site_key(
    settings: Mapping[str, Any], settings_file: str | None, theme: str, registries: tuple[str, ...]
) -> str:
    """Everything a build's output depends on besides the briefings and pages
    (each planned file's own inputs): Dossier's code, library versions, the
    settings (and the file they come from: a function's body is not in its
    name), the theme's files and the registries' files."""
    h = hashlib.sha256(source_digest().encode())
    if settings_file and os.path.isfile(settings_file):
        h.update(Path(settings_file).read_bytes())
    for library in (*LIBRARIES, *RENDERING):
        h.update(f"{library}={library_version(library)}\0".encode())
    for name in sorted(settings):
        if name not in _WHERE:
            h.update(f"{name}={_stable(settings[name])}\0".encode())
    for folder in (theme, *registries):
        h.update(f"[{folder}]".encode())
        root = Path(folder)
        for path in sorted(root.rglob("*")) if folder and root.is_dir() else ():
            if path.is_file():
                h.update(f"{path.relative_to(root)}\0".encode())
                h.update(hashlib.sha256(path.read_bytes()).digest())
    return h.hexdigest()


def stamp(
    plan: Mapping[str, LazyFile], corpus: Corpus, shards: Mapping[str, Sequence[str]] = {}
) -> tuple[Stamps, Stamps]:
    """Each entry's digest, and each page of ``shards``' digest of what the
    search index reads of it (its ``indexed`` inputs, else all of them);
    None where the inputs hold a value with none (the entry is then written,
    and its part indexed, by every build)."""
    texts = corpus.texts
    digester = Digester((b, texts[b.path]) for b in corpus.briefings if b.path in texts)

    def digest(value: object) -> str | None:
        try:
            return digester.digest(value)
        except Unknown:
            return None

    files: Stamps = {path: digest(entry.inputs) for path, entry in plan.items()}
    searched: Stamps = {}
    for paths in shards.values():
        for path in paths:
            entry = plan.get(path)
            if entry is not None:
                searched[path] = files[path] if entry.indexed is None else digest(entry.indexed)
    return files, searched


def load(cache_dir: str, output: str, key: str) -> Last | None:
    """What the last build into ``output`` left under ``key``, or None."""
    if not cache_dir:
        return None
    try:
        kept = json.loads(_file(cache_dir, output).read_text(encoding="utf-8"))
        if kept["key"] != key or kept["output"] != os.path.abspath(output):
            return None
        files, shards, searched = kept["files"], kept["shards"], kept["searched"]
        pictures = kept.get("pictures", {})
        if not all(isinstance(d, dict) for d in (files, shards, searched, pictures)):
            return None
        return Last(
            {str(k): (str(v) if v is not None else None) for k, v in files.items()},
            {str(k): str(v) for k, v in shards.items()},
            {str(k): (str(v) if v is not None else None) for k, v in searched.items()},
            {str(k): v for k, v in pictures.items() if isinstance(v, str)},
        )
    except (OSError, KeyError, TypeError, ValueError):
        return None  # none, damaged or foreign: a clean build


def save(cache_dir: str, output: str, key: str, last: Last) -> None:
    """Keep ``last`` for the next build into ``output``."""
    if not cache_dir:
        return
    record = {"key": key, "output": os.path.abspath(output), "files": last.files,
              "shards": dict(last.shards), "searched": dict(last.searched),
              "pictures": dict(last.pictures)}  # fmt: skip
    payload = json.dumps(record, separators=(",", ":")).encode("utf-8")
    try:
        write_file(Path(cache_dir), _name(output), payload)
        tag(Path(cache_dir))
    except OSError as exc:  # without stamps the next build is a clean one: slower, never wrong
        unwritable(cache_dir, exc)


def forget(cache_dir: str, output: str) -> None:
    """Remove the stamps of ``output``: it is about to change."""
    if cache_dir:
        with contextlib.suppress(OSError):
            _file(cache_dir, output).unlink(missing_ok=True)


def _name(output: str) -> str:
    # Where the stamps of ``output`` are, in the cache folder.
    return f"{FOLDER}/{hashlib.sha256(os.path.abspath(output).encode()).hexdigest()[:16]}.json"


def _file(cache_dir: str, output: str) -> Path:
    return Path(cache_dir, _name(output))


def _stable(value: object) -> str:
    """A setting's value as text that is the same in every process: a
    function by its name, containers item by item; a value whose text holds
    a memory address is unique to this process, so no later key matches it."""
    if isinstance(value, Mapping):
        return "{" + ",".join(f"{_stable(k)}:{_stable(v)}" for k, v in
                              sorted(value.items(), key=lambda kv: repr(kv[0]))) + "}"  # fmt: skip
    if isinstance(value, (list, tuple, set, frozenset)):
        items = [_stable(v) for v in value]
        return "[" + ",".join(sorted(items) if isinstance(value, (set, frozenset)) else items) + "]"
    if callable(value) and hasattr(value, "__qualname__"):
        return f"<{getattr(value, '__module__', '')}.{value.__qualname__}>"
    return repr(value)
