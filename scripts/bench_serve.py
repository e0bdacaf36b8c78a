"""`serve`'s prose path at scale: from saving a briefing to its page rewritten.

    python scripts/bench_serve.py CONTENT_DIR [--edits 5]

Builds CONTENT_DIR whole (as `dossier serve` does first), keeps the session
serve keeps, then edits the prose of --edits different briefings one after
another (a sentence added to their last paragraph) and times each `Live.apply`; each
file is restored afterwards. The file watcher's debounce (200 ms) comes on
top in `serve`. Prints each time, the median, and how long the search index
took to catch up in the background.
"""

from __future__ import annotations

import argparse
import statistics
import tempfile
import threading
import time
from pathlib import Path

from dossier.cli import build as cli_build
from dossier.glue.live import Live

ROOT = Path(__file__).resolve().parent.parent


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("content", type=Path)
    parser.add_argument("--edits", type=int, default=5)
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
    times: list[float] = []
    caught_up = threading.Event()
    for path in files[::step][: args.edits]:
        text = path.read_text(encoding="utf-8")
        # A sentence of prose at the end: no new name, the summary unchanged.
        path.write_text(text.rstrip("\n") + " That much is clear.\n", encoding="utf-8")
        try:
            started = time.perf_counter()
            written = live.apply([str(path)], caught_up.set)
            times.append(time.perf_counter() - started)
        finally:
            path.write_text(text, encoding="utf-8")
        print(f"{path.name}: {times[-1] * 1000:.0f} ms, wrote {written}")
    print(f"median: {statistics.median(times) * 1000:.0f} ms over {len(times)} edits")
    started = time.perf_counter()
    caught_up.wait(600)
    print(f"search index caught up {time.perf_counter() - started:.1f} s after the last edit")


if __name__ == "__main__":
    main()
