"""``dossier init DIR``: start a new archive; never writes into a folder in use."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from ..config import display_path
from ..scaffold_site import files, site_name


def add_parser(subparsers: Any) -> None:
    """Declare the ``init`` sub-command."""
    parser = subparsers.add_parser(
        "init", help="start a new archive in a new folder (like `hugo new site`)"
    )
    parser.add_argument("folder", help="the folder to create, e.g. my-archive")
    parser.add_argument("--name", help="the site's name (default: from the folder's name)")
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    """Write the starter archive into a new or empty folder; exit 1 otherwise."""
    target = Path(args.folder)
    shown = display_path(str(target))
    if target.exists() and not target.is_dir():
        print(f"dossier: error: {shown} is a file; choose a new folder", file=sys.stderr)
        return 1
    if target.is_dir() and any(target.iterdir()):
        print(
            f"dossier: error: {shown} is not empty; `dossier init` writes only into a new "
            "or empty folder, so that it never overwrites anything",
            file=sys.stderr,
        )
        return 1
    name = args.name or site_name(target.resolve().name)
    try:
        for path, payload in files(name):
            destination = target / path
            destination.parent.mkdir(parents=True, exist_ok=True)
            with open(destination, "xb") as handle:
                handle.write(payload)
    except OSError as exc:
        print(f"dossier: error: cannot write {shown}: {exc.strerror or exc}", file=sys.stderr)
        return 1
    print(f"Started the archive {name!r} in {shown}. Next:")
    print(f"  cd {shown}")
    print("  dossier serve          # preview at http://127.0.0.1:8000/")
    print('  dossier new "Title"    # write a briefing')
    print("Edit pelicanconf.py for the site's name, subtitle, language and map;")
    print("README.md says how to publish on GitHub Pages.")
    return 0
