"""Measured points for docs/scaling.md: one full Dossier build per corpus size.

    python scripts/bench_scaling.py [--sizes 1000 10000 30000] [--actors 1500] [--places 400]

For each size: a corpus from ../shared/bench/make_corpus.py, one `dossier
build` from a clean output (wall time, peak memory of the process tree, which
is Pagefind's), one `--no-search` build (the Python side alone), the size of
the output, of the search bundle and its file count; then a desk's week
(scripts/weekly.py: 5 new briefings, 3 edited) built where the clean build
ran, on a copy of the corpus; and a shared link search/?q=according opened
cold in headless Chromium (ms to the first result, kB fetched gzipped).
"""

from __future__ import annotations

import argparse
import shutil
import sys
from pathlib import Path

from bench import BIN, CACHE_FOLDER, ROOT, corpus, timed
from bench_search import cold_query
from weekly import apply_week


def folder_size(folder: Path) -> tuple[int, int]:
    """Files and bytes under ``folder``."""
    files = [p for p in folder.rglob("*") if p.is_file()]
    return len(files), sum(p.stat().st_size for p in files)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 10000, 30000])
    parser.add_argument("--actors", type=int, default=1500)
    parser.add_argument("--places", type=int, default=400)
    args = parser.parse_args()
    print("| briefings | build (s) | peak, with Pagefind (MB) | Python side: s, MB | "
          "weekly update: s, MB | output (files, MB) | search bundle (files, MB) | "
          "shared search link: ms, kB gz |")  # fmt: skip
    print("|---|---|---|---|---|---|---|---|")
    for size in args.sizes:
        shape = argparse.Namespace(briefings=size, actors=args.actors, places=args.places)
        out = ROOT / ".bench" / f"{size}-{args.actors}-{args.places}"
        corpus(out, "briefing", shape)
        # The week changes the content: it runs on a copy, the corpus stays as made.
        desk = out / "scaling"
        shutil.rmtree(desk, ignore_errors=True)
        shutil.copytree(out / "briefing" / "content", desk / "content")
        content = desk / "content"
        output = desk / "output"
        build = [str(BIN / "dossier"), "build", "--content", str(content), "--output",
                 str(output), "--settings", str(ROOT / "pelicanconf.py")]  # fmt: skip
        clean = (output, content.parent / CACHE_FOLDER)  # clean builds: no read cache
        for folder in clean:
            shutil.rmtree(folder, ignore_errors=True)
        python_s, python_mb = timed([*build, "--no-search"], ROOT)
        for folder in clean:
            shutil.rmtree(folder, ignore_errors=True)
        full_s, full_mb = timed(build, ROOT)
        files, total = folder_size(output)
        bundle_files, bundle = folder_size(output / "pagefind")
        search_ms, _, search_gz = cold_query(output, "according")
        apply_week(content)
        week_s, week_mb = timed(build, ROOT)
        print(f"| {size:,} | {full_s:.1f} | {full_mb:.0f} | {python_s:.1f} s, {python_mb:.0f} MB "
              f"| {week_s:.1f} s, {week_mb:.0f} MB | {files:,}, {total / 1e6:.0f} "
              f"| {bundle_files:,}, {bundle / 1e6:.0f} | {search_ms:.0f}, {search_gz / 1024:.0f} |",
              flush=True)  # fmt: skip
        shutil.rmtree(desk, ignore_errors=True)
    sys.exit(0)


if __name__ == "__main__":
    main()
