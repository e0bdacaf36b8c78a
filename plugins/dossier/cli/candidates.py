"""``dossier candidates``: names several briefings use that no registry holds,
and, with ``--write``, registry entries for the ones chosen."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from .. import candidates, gazetteer
from ..config import display_path
from ..model import Place
from ..pipeline import run as run_pipeline
from ..registry import Registry, load_registries
from ..slugs import slugify
from .build import add_content_options, load_config


def add_parser(subparsers: Any) -> None:
    """Declare the ``candidates`` sub-command."""
    parser = subparsers.add_parser(
        "candidates", help="names several briefings use that no registry holds"
    )
    add_content_options(parser)
    parser.add_argument("--least", type=int, default=2, help="in at least this many briefings (2)")
    parser.add_argument("--limit", type=int, default=20, help="how many to list (20)")
    parser.add_argument(
        "--write", action="store_true",
        help="write a registry entry for each candidate named by --only",
    )  # fmt: skip
    parser.add_argument(
        "--only", action="append", default=[], metavar="NAME",
        help="a candidate to write (repeatable; as listed)",
    )  # fmt: skip
    parser.set_defaults(run=run, output=None, site_url=None)


def _entry(candidate: candidates.Candidate, places: Registry) -> str:
    kinds = "person, group, government…" if candidate.section == "actors" else "city, region, camp…"
    lines = ["---", f'name: "{candidate.name}"', f"# kind: {kinds}", "aliases: []"]
    if candidate.section == "places":
        lines += [_coordinates(candidate.name, places), "# within: the place it is in"]
    lines += ["---", "", f"Who or what {candidate.name} is, in a sentence or two.", ""]
    return "\n".join(lines)


def _coordinates(name: str, places: Registry) -> str:
    """The entry's coordinates line: filled in from the gazetteer when it is
    sure, offered in a comment when it is not."""
    new = Place("places", slugify(name), name, path="")
    found = next(iter(gazetteer.suggest([new, *places.entities.values()])), None)
    if found is None or not found.found:
        return "# coordinates: [latitude, longitude]"
    if found.sure:
        return f"coordinates: {found.coordinates()}  # GeoNames: {found.found}"
    return f"# coordinates: {found.coordinates()}  # GeoNames, unsure: {found.found}"


def run(args: argparse.Namespace) -> int:
    """List the candidates; with --write, scaffold the ones --only names."""
    config = load_config(args)
    if config is None:
        return 2
    if args.write and not args.only:
        print('dossier: error: --write needs --only "Name" for each entry to write',
              file=sys.stderr)  # fmt: skip
        return 2
    result = run_pipeline(config)
    actors, places, _ = load_registries(config)
    found = candidates.find(result.corpus.briefings, actors, places, args.least)
    if not args.write:
        if not found:
            print(f"No name is used in {args.least} or more briefings without a registry entry.")
        for candidate in found[: args.limit]:
            hint = f"; closest entry: {candidate.closest}" if candidate.closest else ""
            seen = f"{candidate.briefings} briefings, {candidate.mentions} mentions{hint}"
            print(f"{candidate.name}  ({candidate.section[:-1]}?, {seen})")
            for path, sentence in candidate.examples:
                print(f"    {display_path(path)}: {sentence}")
        return 0
    by_name = {c.name.casefold(): c for c in found}
    status = 0
    for name in args.only:
        chosen = by_name.get(name.casefold())
        entry = actors.lookup(name) or places.lookup(name)
        if chosen is None and entry is not None:
            print(f"{display_path(entry.path)}: error: {name!r} is in the registry already",
                  file=sys.stderr)  # fmt: skip
            status = 1
            continue
        if chosen is None:
            print(f"dossier: error: {name!r} is not among the candidates", file=sys.stderr)
            status = 1
            continue
        folder = config.actors_dir if chosen.section == "actors" else config.places_dir
        target = Path(config.content_path) / folder / f"{slugify(chosen.name)}.md"
        shown = display_path(str(target))
        try:
            target.parent.mkdir(parents=True, exist_ok=True)
            with open(target, "x", encoding="utf-8") as handle:
                handle.write(_entry(chosen, places))
        except FileExistsError:
            print(f"{shown}: error: already exists; not overwritten", file=sys.stderr)
            status = 1
            continue
        print(shown)
    return status
