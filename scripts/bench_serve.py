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
import html
import queue
import re
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from dossier.cli import build as cli_build
from dossier.glue.live import Live
from dossier.slugs import slugify

ROOT = Path(__file__).resolve().parent.parent


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("content", type=Path)
    parser.add_argument("--edits", type=int, default=5)
    parser.add_argument("--profile", action="store_true",
                        help="print pyinstrument's profile of each kind's second edit")  # fmt: skip
    parser.add_argument("--through-serve", action="store_true",
                        help="time each edit in a running `dossier serve`, from the file's "
                        "write to the new page being served (title edits)")  # fmt: skip
    parser.add_argument("--kind", nargs="+", default=["prose", "title", "place"],
                        choices=["prose", "title", "place"])  # fmt: skip
    args = parser.parse_args()
    output = Path(tempfile.mkdtemp(prefix="dossier-serve-")) / "output"
    if args.through_serve:
        through_serve(args.content, output, args.edits)
        return
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
            profiler = profiler_if(args.profile and len(times) == 1)
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


def profiler_if(wanted: bool) -> Any:
    """pyinstrument's profiler (the ``bench`` extra) when wanted, else None."""
    if not wanted:
        return None
    from pyinstrument import Profiler

    return Profiler()


def through_serve(content: Path, output: Path, edits: int) -> None:
    """Start `dossier serve`, then for each edit time the write of the file
    until the briefing's page, and the page of its first actor, serve the new
    title (polled every 10 ms)."""
    port = free_port()
    server = subprocess.Popen(
        [str(Path(sys.executable).parent / "dossier"), "serve", "--content", str(content),
         "--output", str(output), "--settings", str(ROOT / "pelicanconf.py"),
         "--port", str(port)],
        stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
    )  # fmt: skip
    try:
        started = time.perf_counter()
        said = wait_for_line(server, "Serving")
        print(f"first build: {time.perf_counter() - started:.1f} s")
        files = sorted((content / "briefings").rglob("*.md"))
        step = max(1, len(files) // edits)
        times, done = [], []
        for n, (path, text, changed) in enumerate(
            candidates(files[kind_offset("title") :: step], files, "title")
        ):
            if n == edits:
                break
            slug = slug_of(path, text)
            actor = actor_of(text)
            title = re.search(r"^title: *\"?(.*?)\"?$", changed, re.M)
            assert title is not None
            wanted = html.escape(title.group(1), quote=False).encode()
            while not said.empty():  # what the restoring edit said
                said.get()
            started = time.perf_counter()
            path.write_text(changed, encoding="utf-8")
            for page in (f"/briefings/{slug}/", f"/actors/{slugify(actor)}/"):
                while wanted not in fetch(port, page):
                    if time.perf_counter() - started > 120:
                        raise SystemExit(f"{page} never showed {wanted!r}")
                    time.sleep(0.01)
            times.append(time.perf_counter() - started)
            line = said.get(timeout=60)
            while not line[1].startswith("Updated"):
                line = said.get(timeout=60)
            done.append(line[0] - started)
            print(f"{path.name}: both pages served in {times[-1] * 1000:.0f} ms, every file "
                  f"in {done[-1] * 1000:.0f} ms ({line[1].strip()})")  # fmt: skip
            path.write_text(text, encoding="utf-8")
            time.sleep(3)  # the restoring edit applied before the next
        print(f"through serve, median of {len(times)}: both pages served "
              f"{statistics.median(times) * 1000:.0f} ms, every file and the tab's reload "
              f"{statistics.median(done) * 1000:.0f} ms")  # fmt: skip
    finally:
        server.terminate()
        server.wait(30)


def free_port() -> int:
    """A port nothing listens on now."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
        return port


def wait_for_line(process: subprocess.Popen[str], start: str) -> queue.Queue[tuple[float, str]]:
    """Read the process's output until a line starts with ``start``; then
    every later line, with the time it came, goes to the queue returned."""
    assert process.stdout is not None
    stream = process.stdout
    for line in stream:
        if line.startswith(start):
            said: queue.Queue[tuple[float, str]] = queue.Queue()

            def drain(said: queue.Queue[tuple[float, str]] = said) -> None:
                for later in stream:
                    said.put((time.perf_counter(), later))

            threading.Thread(target=drain, daemon=True).start()
            return said
    raise SystemExit(f"`dossier serve` ended before saying {start!r}")


def fetch(port: int, page: str) -> bytes:
    """A page as served now (empty while it cannot be fetched)."""
    try:
        with urllib.request.urlopen(f"http://127.0.0.1:{port}{page}", timeout=5) as response:
            body: bytes = response.read()
            return body
    except OSError:
        return b""


def slug_of(path: Path, text: str) -> str:
    """The briefing's slug as the corpus writes it: its file name without the date."""
    found = re.search(r"^slug: *(.+)$", text, re.M)
    return found.group(1).strip() if found else re.sub(r"^\d{4}-\d{2}-\d{2}-", "", path.stem)


def actor_of(text: str) -> str:
    """The first actor the briefing lists."""
    found = re.search(r'^actors: *\[\"?([^",\]]+)', text, re.M)
    assert found is not None
    return found.group(1)


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
