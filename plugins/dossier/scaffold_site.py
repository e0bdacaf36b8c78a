"""``init``: the files of a new archive, from the starter kit in ``starter/``.

The kit is an archive in miniature (one briefing, actor, place and page, a
settings file, a README for its authors and a GitHub Pages workflow). Names
starting ``dot-`` become dot files; ``__SITENAME__`` and ``__REQUIREMENT__``
are filled in.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from importlib import metadata, resources
from importlib.resources.abc import Traversable

FILLED = frozenset({"pelicanconf.py", "README.md", "requirements.txt"})


def site_name(folder: str) -> str:
    """A site name from a folder name: 'sahel-briefings' -> 'Sahel Briefings'."""
    words = folder.replace("_", " ").replace("-", " ").split()
    return " ".join(w[:1].upper() + w[1:] for w in words) or "Briefings"


def requirement() -> str:
    """How a CI machine installs this Dossier: the place it was installed from
    when that is a repository or an archive on the web, else its version."""
    try:
        dist = metadata.distribution("dossier")
    except metadata.PackageNotFoundError:
        return "dossier"
    origin = json.loads(dist.read_text("direct_url.json") or "{}")
    url = str(origin.get("url", ""))
    vcs = origin.get("vcs_info")
    if vcs and url.startswith("https://"):
        return f"dossier @ git+{url}@{vcs.get('commit_id', '')}".rstrip("@")
    if url.startswith("https://"):
        return f"dossier @ {url}"
    return (
        "# Dossier was installed here from a local folder; say where CI gets it,\n"
        "# for instance: dossier @ git+https://github.com/<owner>/<repo>@<tag>\n"
        f"dossier=={dist.version}"
    )


def files(name: str) -> Iterator[tuple[str, bytes]]:
    """Every file of the starter kit: its path in the new archive, its bytes."""
    yield from _walk(resources.files("dossier.starter"), "", name)


def _walk(folder: Traversable, prefix: str, name: str) -> Iterator[tuple[str, bytes]]:
    for entry in sorted(folder.iterdir(), key=lambda e: e.name):
        if entry.name in {"__init__.py", "__pycache__"} or entry.name.endswith(".pyc"):
            continue
        target = prefix + ("." + entry.name[4:] if entry.name.startswith("dot-") else entry.name)
        if entry.is_dir():
            yield from _walk(entry, target + "/", name)
            continue
        payload = entry.read_bytes()
        if target in FILLED:
            text = payload.decode("utf-8")
            text = text.replace("__SITENAME__", name).replace("__REQUIREMENT__", requirement())
            payload = text.encode("utf-8")
        yield target, payload
