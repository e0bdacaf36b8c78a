"""``new``: the text of a fresh briefing, its path, and hints about its names."""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass
from pathlib import Path

from .model import Diagnostic
from .registry import Registry
from .slugs import slugify

# The draft's closing line: ``check`` warns of a briefing that still has it.
PLACEHOLDER = "The first paragraph is the summary in lists and feeds"


@dataclass(frozen=True, slots=True)
class Draft:
    """A briefing to write: where, what, and any warnings about its names."""

    path: Path
    text: str
    problems: tuple[Diagnostic, ...]


def _list(values: list[str]) -> str:
    return "[" + ", ".join(json.dumps(v, ensure_ascii=False) for v in values) + "]"


def scaffold(
    title: str,
    date: dt.date,
    folder: Path,
    *,
    actors: list[str],
    places: list[str],
    tags: list[str],
    registries: tuple[Registry, Registry],
) -> Draft:
    """A new briefing with complete front-matter, checked against the registries."""
    slug = slugify(title)
    path = folder / f"{date.year}" / f"{date:%Y-%m-%d}-{slug}.md"
    problems: list[Diagnostic] = []
    for registry, names in zip(registries, (actors, places), strict=True):
        for name in names:
            if registry.lookup(name) is None:
                problems.append(
                    Diagnostic(str(path), 0, "warning", registry.not_found(name), "D401")
                )
    text = (
        "---\n"
        f"title: {json.dumps(title, ensure_ascii=False)}\n"
        f"date: {date:%Y-%m-%d}\n"
        'summary: ""\n'
        "takeaways: []    # what to take away first: a few short lines\n"
        "# cutoff: YYYY-MM-DD    # the date the information runs to\n"
        f"actors: {_list(actors)}\n"
        f"places: {_list(places)}\n"
        f"tags: {_list([t.lower() for t in tags])}\n"
        "# trends: {Place: deteriorated}    # or improved, unchanged; then ', alert' or "
        "', opportunity'\n"
        "authors: []\n"
        "sources: []\n"
        "# lang: ar    # the language it is written in, when not the site's (ar, my, th, fa …)\n"
        "status: draft    # to publish: delete this line, then run `dossier check`\n"
        "---\n\n"
        f"On {date.day} {date:%B}, ...\n\n"
        f"{PLACEHOLDER} unless `summary` is set.\n"
    )
    return Draft(path, text, tuple(problems))
