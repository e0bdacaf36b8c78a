"""``dossier build``: the whole site, exit 1 with every problem on any error."""

from __future__ import annotations

import argparse
import logging
import os
import sys
import time
from typing import Any

from ..errors import BuildFailed


def add_parser(subparsers: Any) -> None:
    """Declare the ``build`` sub-command."""
    parser = subparsers.add_parser("build", help="build the whole site")
    parser.add_argument("--content", help="content folder (default: from settings)")
    parser.add_argument("--output", help="output folder (default: from settings)")
    parser.add_argument(
        "--settings",
        default="pelicanconf.py",
        help="Pelican settings file (default: pelicanconf.py)",
    )
    parser.add_argument(
        "--site-url",
        dest="site_url",
        help="public URL, e.g. https://org.github.io/repo",
    )
    parser.set_defaults(run=run)


def pelican_settings(args: argparse.Namespace) -> dict[str, Any]:
    """Pelican settings from the settings file and the command-line overrides."""
    from pelican.settings import read_settings

    override: dict[str, Any] = {}
    if args.content:
        override["PATH"] = os.path.abspath(args.content)
    if args.output:
        override["OUTPUT_PATH"] = os.path.abspath(args.output)
    if args.site_url is not None:
        override["SITEURL"] = args.site_url.rstrip("/")
    settings: dict[str, Any] = read_settings(args.settings, override=override)
    return settings


def run(args: argparse.Namespace) -> int:
    """Build the site; print ``path:line: error: message`` lines on failure."""
    from pelican import Pelican

    if not os.path.isfile(args.settings):
        print(f"{args.settings}: error: settings file not found", file=sys.stderr)
        return 2
    started = time.perf_counter()
    settings = pelican_settings(args)
    try:
        Pelican(settings).run()
    except BuildFailed as failed:
        errors = sum(1 for d in failed.diagnostics if d.severity == "error")
        print(f"build failed: {errors} error(s)", file=sys.stderr)
        return 1
    logging.getLogger("dossier").info(
        "built %s in %.2f s", settings["OUTPUT_PATH"], time.perf_counter() - started
    )
    return 0
