"""``dossier diff OLD NEW``: what a change does to the site.

OLD and NEW are built output folders, or git revisions of the archive in the
working directory, each then built (without search) into a temporary folder.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tarfile
import tempfile
from pathlib import Path
from typing import Any

from .. import sitediff
from ..errors import DossierError


def add_parser(subparsers: Any) -> None:
    """Declare the ``diff`` sub-command."""
    parser = subparsers.add_parser(
        "diff", help="what a change does to the site: pages added, removed and changed"
    )
    parser.add_argument("old", help="a built output folder, or a git revision (main, HEAD~1)")
    parser.add_argument("new", help="a built output folder, or a git revision")
    parser.add_argument(
        "--format", choices=("text", "markdown"), default="text",
        help="markdown: a summary for a pull request ($GITHUB_STEP_SUMMARY)",
    )  # fmt: skip
    parser.add_argument("--limit", type=int, default=20, help="files named per kind (20)")
    parser.set_defaults(run=run)


def _git(*args: str) -> subprocess.CompletedProcess[bytes]:
    return subprocess.run(["git", *args], capture_output=True, check=False)


def _built(revision: str, work: Path) -> Path:
    """The archive at ``revision`` of the working directory's repository, built."""
    found = _git("rev-parse", "--verify", "--quiet", f"{revision}^{{commit}}")
    if found.returncode != 0:
        raise DossierError(f"{revision!r} is neither a folder nor a git revision here")
    top = _git("rev-parse", "--show-toplevel").stdout.decode().strip()
    # Where this folder sits in the repository: the archive may be in a subfolder.
    inside = os.path.relpath(os.getcwd(), top)
    tree = work / found.stdout.decode().strip()[:12]
    exported = _git("-C", top, "archive", "--format=tar", revision)
    if exported.returncode != 0:
        raise DossierError(f"git cannot export {revision!r}: {exported.stderr.decode().strip()}")
    tree.mkdir(parents=True)
    archive = tree.with_suffix(".tar")
    archive.write_bytes(exported.stdout)
    with tarfile.open(archive) as tar:
        tar.extractall(tree, filter="data")
    root = tree / inside if inside != "." else tree
    output = tree / "_site"
    command = [sys.executable, "-m", "dossier.cli.main", "build", "--no-search",
               "--output", str(output)]  # fmt: skip
    if (root / "pelicanconf.py").is_file():
        command += ["--settings", str(root / "pelicanconf.py")]
    else:
        command += ["--content", str(root / "content")]
    print(f"building {revision} …", file=sys.stderr)
    built = subprocess.run(command, cwd=root, capture_output=True, text=True, check=False)
    if built.returncode != 0:
        raise DossierError(f"the archive at {revision} does not build:\n{built.stderr.strip()}")
    return output


def run(args: argparse.Namespace) -> int:
    """Print the changes between two outputs (or two revisions, built)."""
    with tempfile.TemporaryDirectory(prefix="dossier-diff-") as scratch:
        sides = [
            Path(side) if os.path.isdir(side) else _built(side, Path(scratch))
            for side in (args.old, args.new)
        ]
        changes = sitediff.compare(*sides)
        render = sitediff.as_markdown if args.format == "markdown" else sitediff.as_text
        for line in render(changes, args.limit):
            print(line)
    return 0
