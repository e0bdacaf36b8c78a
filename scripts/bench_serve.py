"""`serve`'s quick paths at scale: from saving a briefing to every page it changes rewritten.

    python scripts/bench_serve.py CONTENT_DIR [--edits 5] [--kind prose title place]

Builds CONTENT_DIR whole (as `dossier serve` does first), keeps the session
serve keeps, then makes --edits edits of each kind to different briefings,
one after another, and times each `Live.apply`:

- prose: a sentence added to the last paragraph (the page and the site feed);
- title: " (revised)" added to the title (its page, its neighbours', its
  entities' and themes' pages, the home and archive lists, feeds and data);
- place: its first place dropped from its places (and so on).

Each file is restored afterwards, and the restoring edit applied too, untimed.
The file watcher's debounce (200 ms) comes on top in `serve`. Prints each
time, the median per kind, and how long the search index took to catch up in
the background.
"""

from __future__ import annotations

import argparse
import statistics
import tempfile
import threading
import time
from collections.abc import Iterator
from pathlib import Path

from pyinstrument import Profiler

from dossier.cli import build as cli_build
from dossier.glue.live import Live

ROOT = Path(__file__).resolve().parent.parent


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("content", type=Path)
    parser.add_argument("--edits", type=int, default=5)
    parser.add_argument("--profile", action="store_true",
                        help="print pyinstrument's profile of each kind's second edit")  # fmt: skip
    parser.add_argument("--kind", nargs="+", default=["prose", "title", "place"],
                        choices=["prose", "title", "place"])  # fmt: skip
    args = parser.parse_args()
    output = Path(tempfile.mkdtemp(prefix="dossier-serve-")) / "output"
    build_args = argparse.Namespace(
        content=str(args.content), output=str(output), settings=str(ROOT / "pelicanconf.py"),
        site_url=None, keep_going=False, strict=False, search=True, force=False,
    )  # fmt: skip
    if not cli_build.usable(build_args):
        raise SystemExit(2)
    sessions: list[Live | None] = []
    started = time.perf_counter()
    code = cli_build.build(
        cli_build.pelican_settings(build_args), build_args.settings,
        on_built=lambda run: sessions.append(Live.after(run, output)),
    )  # fmt: skip
    live = sessions[0] if sessions else None
    if code != 0 or live is None:
        raise SystemExit("the whole build failed")
    print(f"whole build: {time.perf_counter() - started:.1f} s")
    files = sorted((args.content / "briefings").rglob("*.md"))
    step = max(1, len(files) // args.edits)
    caught_up = threading.Event()
    for kind in args.kind:
        times: list[float] = []
        for path, text, changed in candidates(files[kind_offset(kind) :: step], files, kind):
            if len(times) == args.edits:
                break
            path.write_text(changed, encoding="utf-8")
            profiler = Profiler() if args.profile and len(times) == 1 else None
            try:
                if profiler:
                    profiler.start()
                started = time.perf_counter()
                written = live.apply([str(path)], caught_up.set)
                times.append(time.perf_counter() - started)
                if profiler:
                    profiler.stop()
                    print(profiler.output_text(color=False, show_all=False))
            finally:
                path.write_text(text, encoding="utf-8")
                live.apply([str(path)], caught_up.set)
            if written is None:
                raise SystemExit(f"{path}: the {kind} edit needed a whole build")
            print(f"{kind} {path.name}: {times[-1] * 1000:.0f} ms, {len(written)} files")
        print(f"{kind}: median {statistics.median(times) * 1000:.0f} ms over {len(times)} edits")
    started = time.perf_counter()
    caught_up.wait(600)
    print(f"search index caught up {time.perf_counter() - started:.1f} s after the last edit")


def candidates(starts: list[Path], files: list[Path], kind: str) -> Iterator[tuple[Path, str, str]]:
    """From each start, the first briefing that can take an edit of ``kind``
    (say, one with a place to drop), its text and its edited text."""
    for start in starts:
        for path in files[files.index(start) :][:50]:
            text = path.read_text(encoding="utf-8")
            changed = edited(text, kind)
            if changed is not None:
                yield path, text, changed
                break


def kind_offset(kind: str) -> int:
    """Each kind edits other briefings than the others."""
    return ["prose", "title", "place"].index(kind) * 7


def edited(text: str, kind: str) -> str | None:
    """The briefing's text with one edit of ``kind`` (None if it has nothing to edit)."""
    if kind == "prose":  # no new name, the summary unchanged
        return text.rstrip("\n") + " That much is clear.\n"
    lines = text.split("\n")
    for i, line in enumerate(lines):
        if kind == "title" and line.startswith("title:"):
            value = line.removeprefix("title:").strip()
            quote = value[0] if value[:1] in "\"'" else ""
            lines[i] = (
                f"title: {value.rstrip(quote)} (revised){quote}" if quote else f"{line} (revised)"
            )
            return "\n".join(lines)
        if kind == "place" and line.startswith("places:"):
            names = [n.strip() for n in line.removeprefix("places:").strip(" []").split(",")]
            if len(names) > 1:
                lines[i] = f"places: [{', '.join(names[1:])}]"
                return "\n".join(lines)
    return None


if __name__ == "__main__":
    main()
