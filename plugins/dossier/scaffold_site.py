"""``init``: the files of a new archive, from the starter kit in ``starter/``.

The kit is an archive in miniature (one briefing, actor, place and page, a
settings file, a README for its authors and a GitHub Pages workflow). Names
starting ``dot-`` become dot files; ``__SITENAME__``, ``__REQUIREMENT__`` and
``__PRECOMMIT__`` are filled in.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from importlib import metadata, resources
from importlib.resources.abc import Traversable

FILLED = frozenset({"pelicanconf.py", "README.md", "requirements.txt", ".pre-commit-config.yaml"})


def site_name(folder: str) -> str:
    """A site name from a folder name: 'sahel-briefings' -> 'Sahel Briefings'."""
    words = folder.replace("_", " ").replace("-", " ").split()
    return " ".join(w[:1].upper() + w[1:] for w in words) or "Briefings"


def _installed() -> tuple[str, str, str | None] | None:
    """This Dossier's version, the URL it was installed from ('' if none) and
    the commit, when that URL is a repository."""
    try:
        dist = metadata.distribution("dossier")
    except metadata.PackageNotFoundError:
        return None
    origin = json.loads(dist.read_text("direct_url.json") or "{}")
    vcs = origin.get("vcs_info") or {}
    return dist.version, str(origin.get("url", "")), vcs.get("commit_id")


def requirement() -> str:
    """How a CI machine installs this Dossier: the place it was installed from
    when that is a repository or an archive on the web, else its version."""
    found = _installed()
    if found is None:
        return "dossier"
    version, url, commit = found
    if commit and url.startswith("https://"):
        return f"dossier @ git+{url}@{commit}"
    if url.startswith("https://"):
        return f"dossier @ {url}"
    return (
        "# Dossier was installed here from a local folder; say where CI gets it,\n"
        "# for instance: dossier @ git+https://github.com/<owner>/<repo>@<tag>\n"
        f"dossier=={version}"
    )


def precommit_repos() -> str:
    """The ``repos`` entry of the archive's pre-commit config: Dossier's own
    hook (``.pre-commit-hooks.yaml``) at the commit it was installed from,
    when that is a repository on the web; else a local hook running the
    ``dossier`` installed beside the archive."""
    _, url, commit = _installed() or ("", "", None)
    if commit and url.startswith("https://"):
        return f"  - repo: {url}\n    rev: {commit}\n    hooks:\n      - id: dossier-check\n"
    return (
        "  # Dossier was installed from a local folder or a package index: this\n"
        "  # runs the `dossier` installed here. Once Dossier's repository is on\n"
        "  # the web, its own hook does the same in an environment of its own:\n"
        "  #   - repo: https://github.com/<owner>/<dossier repository>\n"
        "  #     rev: <tag>\n"
        "  #     hooks:\n"
        "  #       - id: dossier-check\n"
        "  - repo: local\n"
        "    hooks:\n"
        "      - id: dossier-check\n"
        "        name: dossier check\n"
        "        entry: dossier check\n"
        "        language: system\n"
        "        pass_filenames: false\n"
        "        files: \\.(md|markdown)$|(^|/)pelicanconf\\.py$\n"
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
            text = text.replace("__PRECOMMIT__\n", precommit_repos())
            payload = text.encode("utf-8")
        yield target, payload
