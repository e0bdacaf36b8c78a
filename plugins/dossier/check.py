"""``check``: read the whole content folder and report every problem at once.

The same read, resolve and relate stages as the build, without Pelican and
without writing anything, plus the authoring hints only ``check`` gives.
"""

from __future__ import annotations

from pathlib import Path

from .config import Config, display_path
from .errors import DossierError
from .link import Linker
from .lint import duplicate_slugs, untagged_mentions
from .model import Briefing, Diagnostic
from .read import load_text, read_briefing, read_page
from .registry import load_registries
from .relate import relate


def _files(root: str, folders: tuple[str, ...]) -> list[Path]:
    found: set[Path] = set()
    for folder in folders:
        found.update(Path(root, folder).rglob("*.md"))
    return sorted(found)


def _strays(root: str, folders: tuple[str, ...]) -> list[Diagnostic]:
    """Files the build will not read: anything but Markdown in a content folder."""
    problems = []
    for folder in folders:
        for path in sorted(Path(root, folder).rglob("*")):
            if path.is_file() and path.suffix != ".md" and not path.name.startswith("."):
                problems.append(Diagnostic(display_path(str(path)), 0, "warning",
                                           "not a .md file: the build ignores it"))  # fmt: skip
    return problems


def check_content(config: Config) -> list[Diagnostic]:
    """Every problem in the content folder, sorted by file and line."""
    root = config.content_path
    actors, places, problems = load_registries(config)
    linker = Linker([*actors.entities.values(), *places.entities.values()], config.site_path)
    briefings: list[Briefing] = []
    for file in _files(root, config.briefing_dirs):
        shown = display_path(str(file))
        try:
            text = load_text(file, shown)
            briefing, warnings = read_briefing(text, shown, file.stem, config.timezone, linker)
        except DossierError as exc:
            problems += exc.diagnostics()
            continue
        briefings.append(briefing)
        problems += warnings
    for file in _files(root, config.page_dirs):
        shown = display_path(str(file))
        try:
            _, warnings = read_page(load_text(file, shown), shown, file.stem)
        except DossierError as exc:
            problems += exc.diagnostics()
            continue
        problems += warnings
    problems += _strays(root, (*config.briefing_dirs, *config.page_dirs,
                               config.actors_dir, config.places_dir))  # fmt: skip
    duplicates = duplicate_slugs([b for b in briefings if b.status == "published"])
    problems += duplicate_slugs(briefings, severity="warning", only_with_drafts=True)
    problems += duplicates
    # Relations are keyed by slug: briefings that share one are left out.
    clashing = {d.path for d in duplicates}
    archive = relate([b for b in briefings if b.path not in clashing], actors, places)
    problems += archive.problems
    problems += untagged_mentions(archive)
    return sorted(set(problems), key=lambda d: (d.path, d.line, d.severity, d.message))
