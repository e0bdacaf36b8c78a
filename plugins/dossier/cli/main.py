"""Dossier: a briefing archive (Markdown briefings, actor and place registries)
built into a cross-linked static site with search."""

from __future__ import annotations

import argparse
import logging
import sys

from ..errors import DossierError
from . import build, candidates, check, diff, init, new, serve


def _logging(verbose: bool) -> None:
    # Diagnostics print as bare `path:line: severity: message` lines, which
    # editors and CI annotate; Pelican's own messages keep their level name.
    plain = logging.StreamHandler(sys.stderr)
    plain.setFormatter(logging.Formatter("%(message)s"))
    ours = logging.getLogger("dossier")
    ours.handlers[:] = [plain]
    ours.propagate = False
    ours.setLevel(logging.INFO)
    logging.basicConfig(
        level=logging.INFO if verbose else logging.WARNING,
        format="%(levelname)s: %(message)s",
    )


def main(argv: list[str] | None = None) -> int:
    """Run the command line; return the process exit code."""
    parser = argparse.ArgumentParser(prog="dossier", description=__doc__)
    parser.add_argument("-v", "--verbose", action="store_true")
    commands = parser.add_subparsers(dest="command", required=True)
    build.add_parser(commands)
    candidates.add_parser(commands)
    check.add_parser(commands)
    diff.add_parser(commands)
    init.add_parser(commands)
    new.add_parser(commands)
    serve.add_parser(commands)
    args = parser.parse_args(argv)
    _logging(args.verbose)
    try:
        code: int = args.run(args)
    except DossierError as exc:
        # Settings that cannot work, a tool that failed: one line, no traceback.
        print(f"dossier: error: {exc}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        # The build removed its half-written folder; the output is as it was.
        print("dossier: interrupted; the output folder is unchanged", file=sys.stderr)
        return 130
    return code


if __name__ == "__main__":
    sys.exit(main())
