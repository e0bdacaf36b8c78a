"""Measure search: indexing cost, index size, and what the browser fetches and waits.

    python scripts/bench_search.py CONTENT_DIR [--query WORD] [--actor NAME]

Builds CONTENT_DIR without the index, then times Pagefind over the output
(wall time and peak memory of the indexer), and in headless Chromium records
the bytes fetched (raw and gzipped, as a static host would serve them) for a
first query, for opening the facets, and for a filter-only browse, and the
time to the first result, cold (from opening the page) and warm (typing on a
loaded page).
"""

from __future__ import annotations

import argparse
import functools
import gzip
import http.server
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path
from urllib.parse import quote

from bench import timed  # scripts/bench.py: same measurement
from playwright.sync_api import Page, Response, sync_playwright

ROOT = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent
FLAGS = ["--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking",
         "--disable-component-update", "--disable-sync"]  # fmt: skip


def size(folder: Path) -> tuple[int, int]:
    files = [p for p in folder.rglob("*") if p.is_file()]
    return len(files), sum(p.stat().st_size for p in files)


# Matched anywhere in a URL: Dossier's index is in parts (pagefind/<part>/index/…),
# Hugo's in one bundle (pagefind/index/…).
CATEGORIES = [
    ("/index/", "word index"),
    ("/filter/", "filter index"),
    ("/fragment/", "result fragments"),
    ("pagefind/", "pagefind core (js, worker, wasm, meta)"),
    ("search/lists/", "our browse lists"),
    ("search/briefings/", "our briefing chunks"),
    ("search/facets.json", "our facets.json"),
    ("", "page (html, css, fonts, theme js)"),
]


class Traffic:
    """Bytes the browser fetched, by kind, raw and as gzip would send them."""

    def __init__(self, page: Page) -> None:
        self.seen: dict[str, list[int]] = {}
        self.urls: set[str] = set()
        page.on("response", self._count)

    def _count(self, response: Response) -> None:
        # A URL fetched again in one page's life comes from the browser's
        # cache (the second Pagefind instance loads the same wasm and worker).
        if response.url in self.urls:
            return
        self.urls.add(response.url)
        try:
            body = response.body()
        except Exception:
            return
        label = next(name for prefix, name in CATEGORIES if prefix in response.url)
        entry = self.seen.setdefault(label, [0, 0, 0])
        entry[0] += len(body)
        entry[1] += len(gzip.compress(body, 6))
        entry[2] += 1

    def take(self) -> dict[str, list[int]]:
        out, self.seen = self.seen, {}
        return out

    def forget(self) -> None:
        """A new page load: nothing is cached any more."""
        self.urls = set()


class Quiet(http.server.SimpleHTTPRequestHandler):
    """Serves a folder without logging every request."""

    def log_message(self, format: str, *args: object) -> None:
        pass


def kb(seen: dict[str, list[int]]) -> str:
    if not seen:
        return "nothing fetched"
    raw = sum(v[0] for v in seen.values())
    gz = sum(v[1] for v in seen.values())
    lines = [f"{raw / 1024:.1f} kB raw, {gz / 1024:.1f} kB gzipped"]
    for label, (r, g, n) in sorted(seen.items(), key=lambda kv: -kv[1][1]):
        lines.append(f"    {label}: {r / 1024:.1f} kB raw, {g / 1024:.1f} kB gz, {n} files")
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("content")
    parser.add_argument("--query", default="oil")
    parser.add_argument("--warm-query", default="Sirte")
    parser.add_argument("--actor", default=None, help="actor for the filter-only browse")
    args = parser.parse_args()
    out = Path(tempfile.mkdtemp(prefix="dossier-search-")) / "output"
    subprocess.run(
        [str(BIN / "dossier"), "build", "--content", args.content, "--output", str(out),
         "--no-search"], cwd=ROOT, check=True, capture_output=True,
    )  # fmt: skip
    pages = sum(1 for _ in out.rglob("*.html"))
    # The pages are written: this build only indexes them (every part lacks its bundle).
    seconds, peak = timed(
        [str(BIN / "dossier"), "build", "--content", args.content, "--output", str(out)], ROOT
    )
    files, total = size(out / "pagefind")
    print(f"site: {pages} HTML pages")
    print(f"index (a build with nothing else to write): {seconds:.1f} s, {peak:.0f} MB peak, "
          f"{files} files, {total / 1e6:.1f} MB")  # fmt: skip

    handler = functools.partial(Quiet, directory=str(out))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    base = f"http://127.0.0.1:{server.server_address[1]}"
    actor = args.actor
    if actor is None:
        import json

        facets = json.loads((out / "search" / "facets.json").read_text())
        actor = facets["actor"][0]["name"]
    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path="/usr/bin/chromium", args=FLAGS)
        context = browser.new_context()
        page = context.new_page()
        traffic = Traffic(page)
        started = time.perf_counter()
        page.goto(f"{base}/search/?q={quote(args.query)}")
        page.wait_for_selector(".result")
        cold = time.perf_counter() - started
        first = traffic.take()
        page.locator("#q").fill("")
        page.locator("#q").fill(args.warm_query)
        started = time.perf_counter()
        page.wait_for_function(
            "q => document.getElementById('search-status').textContent.includes(q)",
            arg=args.warm_query,
        )
        warm = time.perf_counter() - started
        traffic.take()
        page.locator('fieldset[data-facet="actor"] .facet-more').click()
        page.wait_for_timeout(300)
        facets_open = traffic.take()
        context.close()
        context = browser.new_context()
        page = context.new_page()
        traffic = Traffic(page)
        started = time.perf_counter()
        page.goto(f"{base}/search/?actor={quote(actor)}")
        page.wait_for_selector(".result")
        browse_s = time.perf_counter() - started
        browse = traffic.take()
        browser.close()
    server.shutdown()
    print(f"first query '{args.query}', cold page: first result after {cold * 1000:.0f} ms")
    print(f"  fetched: {kb(first)}")
    print(f"warm query '{args.warm_query}': first result after {warm * 1000:.0f} ms")
    print(f"open the actor facet (show all): {kb(facets_open)}")
    print(f"filter-only browse '{actor}', cold page: results after {browse_s * 1000:.0f} ms")
    print(f"  fetched: {kb(browse)}")


if __name__ == "__main__":
    main()
