"""`make bench`: Dossier against stock Pelican on the same synthetic corpus.

    python scripts/bench.py [--briefings 10000] [--actors 1500] [--places 400]

Writes the corpus with ../shared/bench/make_corpus.py in our dialect and in
stock Pelican's (actors and places as tags), builds each once from a cold
output folder, and reports wall time, peak memory and the ratio. The
synthetic registry may give two people the same surname alias, which Dossier
rightly rejects; such aliases are dropped from the copy before timing, and
the script says how many.
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
MAKE_CORPUS = ROOT.parent / "shared" / "bench" / "make_corpus.py"
BIN = Path(sys.executable).parent
STOCK_SETTINGS = """
AUTHOR = "bench"
SITENAME = "bench"
SITEURL = ""
TIMEZONE = "UTC"
DEFAULT_LANG = "en"
FEED_ALL_ATOM = None
CATEGORY_FEED_ATOM = None
TRANSLATION_FEED_ATOM = None
AUTHOR_FEED_ATOM = None
AUTHOR_FEED_RSS = None
DEFAULT_PAGINATION = 10
"""


def corpus(out: Path, dialect: str, args: argparse.Namespace) -> Path:
    target = out / dialect
    if not target.exists():
        subprocess.run(
            [sys.executable, str(MAKE_CORPUS), str(target), "--briefings", str(args.briefings),
             "--actors", str(args.actors), "--places", str(args.places), "--dialect", dialect],
            check=True, stdout=subprocess.DEVNULL,
        )  # fmt: skip
        if dialect == "briefing":
            dropped = _drop_shared_aliases(target / "content" / "actors")
            print(f"corpus: dropped {dropped} alias(es) shared by two actors")
    return target


def _drop_shared_aliases(folder: Path) -> int:
    owners: dict[str, list[Path]] = {}
    pattern = re.compile(r"^aliases: \[(.*)\]$", re.MULTILINE)
    for path in sorted(folder.glob("*.md")):
        found = pattern.search(path.read_text(encoding="utf-8"))
        for alias in re.findall(r'"([^"]+)"', found.group(1)) if found else []:
            owners.setdefault(alias, []).append(path)
    dropped = 0
    for alias, paths in owners.items():
        if len(paths) > 1:
            for path in paths:
                text = path.read_text(encoding="utf-8").replace(f'"{alias}"', "")
                path.write_text(re.sub(r"\[, |, \]|, ,", lambda m: m.group(0)[0], text))
            dropped += 1
    return dropped


def timed(command: list[str], cwd: Path) -> tuple[float, float]:
    """Wall seconds and peak resident memory (MB) of one command."""
    with tempfile.TemporaryFile() as log:
        started = time.perf_counter()
        child = subprocess.Popen(command, cwd=cwd, stdout=log, stderr=log)
        _, status, usage = os.wait4(child.pid, 0)
        elapsed = time.perf_counter() - started
        if os.waitstatus_to_exitcode(status) != 0:
            log.seek(0)
            sys.exit(f"{command[0]} failed:\n{log.read()[-4000:].decode(errors='replace')}")
    return elapsed, usage.ru_maxrss / 1024


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--briefings", type=int, default=10000)
    parser.add_argument("--actors", type=int, default=1500)
    parser.add_argument("--places", type=int, default=400)
    args = parser.parse_args()
    out = ROOT / ".bench" / f"{args.briefings}-{args.actors}-{args.places}"
    ours = corpus(out, "briefing", args)
    stock = corpus(out, "pelican", args)
    (stock / "stockconf.py").write_text(STOCK_SETTINGS, encoding="utf-8")
    for folder in (ours / "output", stock / "output"):
        shutil.rmtree(folder, ignore_errors=True)

    build = [
        str(BIN / "dossier"), "build", "--content", str(ours / "content"),
        "--output", str(ours / "output"), "--settings", str(ROOT / "pelicanconf.py"),
    ]  # fmt: skip
    site_s, site_mb = timed([*build, "--no-search"], ROOT)
    pages = sum(1 for _ in (ours / "output").rglob("*.html"))
    shutil.rmtree(ours / "output", ignore_errors=True)
    full_s, full_mb = timed(build, ROOT)
    stock_s, stock_mb = timed(
        [str(BIN / "pelican"), "content", "-s", "stockconf.py", "-o", "output"], stock
    )
    stock_pages = sum(1 for _ in (stock / "output").rglob("*.html"))
    find_s, find_mb = timed(
        [sys.executable, "-m", "pagefind", "--site", "output", "--silent"], stock
    )
    print(f"corpus: {args.briefings} briefings, {args.actors} actors, {args.places} places")
    print(f"dossier, no search   : {site_s:6.1f} s {site_mb:6.0f} MB peak  {pages} pages")
    print(f"stock pelican        : {stock_s:6.1f} s {stock_mb:6.0f} MB peak  {stock_pages} pages")
    print(f"  ratio              : {site_s / stock_s:.2f} x stock Pelican")
    print(f"dossier, with search : {full_s:6.1f} s {full_mb:6.0f} MB peak")
    print(f"stock pelican + pagefind CLI: {stock_s + find_s:6.1f} s ({find_s:.1f} s, "
          f"{find_mb:.0f} MB peak for the index)")  # fmt: skip
    print(f"  ratio              : {full_s / (stock_s + find_s):.2f} x stock Pelican + Pagefind")


if __name__ == "__main__":
    main()
