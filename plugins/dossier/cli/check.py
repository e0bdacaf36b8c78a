"""``dossier check``: every problem in the content, one per line; exit 1 on errors."""

from __future__ import annotations

import argparse
import sys
from typing import Any

from ..check import check_content
from ..report import as_json, github_command, tally
from .build import add_content_options, load_config


def add_parser(subparsers: Any) -> None:
    """Declare the ``check`` sub-command."""
    parser = subparsers.add_parser("check", help="report every problem in the content")
    add_content_options(parser)
    parser.add_argument("--strict", action="store_true", help="exit 1 on warnings too")
    parser.add_argument(
        "--format", choices=("text", "github", "json"), default="text",
        help="text: path:line: error: message (default); github: annotations on a pull "
        "request's lines; json: one record per problem, with its code",
    )  # fmt: skip
    parser.set_defaults(run=run, output=None, site_url=None)


def run(args: argparse.Namespace) -> int:
    """Print ``path:line: error|warning: message`` lines and a count."""
    config = load_config(args)
    if config is None:
        return 2
    problems = check_content(config)
    if args.format == "json":
        print(as_json(problems))
    else:
        for problem in problems:
            print(github_command(problem) if args.format == "github" else problem)
    print(tally(problems), file=sys.stderr)
    errors = any(p.severity == "error" for p in problems)
    return 1 if errors or (args.strict and problems) else 0
