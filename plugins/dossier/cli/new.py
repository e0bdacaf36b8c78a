"""``dossier new "Title"``: scaffold a briefing dated today; never overwrite."""

from __future__ import annotations

import argparse
import datetime as dt
import sys
from pathlib import Path
from typing import Any

from ..config import display_path
from ..registry import load_registries
from ..scaffold import scaffold
from .build import add_content_options, load_config


def _date(text: str) -> dt.date:
    """A ``--date`` value: a real calendar date, or argparse's usage error in plain words."""
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"'{text}' is not a date: use YYYY-MM-DD") from None


def add_parser(subparsers: Any) -> None:
    """Declare the ``new`` sub-command."""
    parser = subparsers.add_parser("new", help="scaffold a briefing dated today")
    parser.add_argument("title")
    parser.add_argument("--actor", action="append", default=[], help="an actor (repeatable)")
    parser.add_argument("--place", action="append", default=[], help="a place (repeatable)")
    parser.add_argument("--tag", action="append", default=[], help="a theme (repeatable)")
    parser.add_argument("--date", type=_date, help="YYYY-MM-DD (default: today)")
    add_content_options(parser)
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    """Write the briefing and print its path; exit 1 if it already exists."""
    if not args.title.strip():
        print('dossier: error: a briefing needs a title: dossier new "Title"', file=sys.stderr)
        return 2
    config = load_config(args)
    if config is None:
        return 2
    root = Path(config.content_path)
    actors, places, _ = load_registries(config)
    draft = scaffold(
        args.title,
        args.date or dt.datetime.now(config.timezone).date(),
        root / config.briefing_dirs[0],
        actors=args.actor,
        places=args.place,
        tags=args.tag,
        registries=(actors, places),
    )
    shown = display_path(str(draft.path))
    if draft.path.exists():
        print(f"{shown}: error: already exists; not overwritten", file=sys.stderr)
        return 1
    draft.path.parent.mkdir(parents=True, exist_ok=True)
    with open(draft.path, "x", encoding="utf-8") as handle:
        handle.write(draft.text)
    for problem in draft.problems:
        print(f"{shown}: warning: {problem.message}", file=sys.stderr)
    print(shown)
    return 0
