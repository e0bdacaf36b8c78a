"""Measure search: indexing cost, index size, and what the browser fetches and waits.

    python scripts/bench_search.py CONTENT_DIR [--query WORD] [--actor NAME]
                                   [--hugo PUBLIC_DIR] [--runs 5]

Builds CONTENT_DIR without the index, then times Pagefind over the output
(wall time and peak memory of the indexer), and in headless Chromium records
the bytes fetched (raw and gzipped, as a static host would serve them) for a
first query, for opening the facets, and for a filter-only browse, and the
time to the first result, cold (from opening the page) and warm (typing on a
loaded page).

With --hugo (Hugo's build of the same corpus, indexed by Pagefind: `make
bench` leaves one in .bench/<size>/hugo/public), it then compares Dossier's
search page with Pagefind's own default UI on Hugo's site, both waiting 120 ms
after typing: for a word in every briefing, a common word, a rare name and two
words typed on a loaded page, the milliseconds until the first result's link
is on the page (median of --runs, each on a fresh page, the two sites
alternating), and for a shared link (search/?q=...) opened cold, the time and
the bytes fetched until the network is quiet.
"""

from __future__ import annotations

import argparse
import functools
import gzip
import http.server
import itertools
import re
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import quote

from bench import timed  # scripts/bench.py: same measurement
from playwright.sync_api import Page, Response, ViewportSize, sync_playwright

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


# Pagefind's default UI as its documentation shows it, with the same wait
# after typing as ours (its default is 300 ms), and a shared ?q= link run.
PAGEFIND_UI_PAGE = b"""<!doctype html><html lang="en"><head><meta charset="utf-8">
<title>Search</title><link href="/pagefind/pagefind-ui.css" rel="stylesheet">
<script src="/pagefind/pagefind-ui.js"></script></head><body><main><div id="search"></div></main>
<script>window.addEventListener("DOMContentLoaded", () => {
  const ui = new PagefindUI({ element: "#search", debounceTimeoutMs: 120 });
  const q = new URLSearchParams(location.search).get("q");
  if (q) ui.triggerSearch(q);
});</script></body></html>"""
UI_PATH = "/bench-pagefind-ui/"
# A shared link is opened at both widths: on a phone Dossier's filters are
# folded, and their counts (every part's filter index) wait until opened.
SCREENS: dict[str, ViewportSize] = {
    "desktop": {"width": 1280, "height": 720},
    "phone": {"width": 390, "height": 844},
}


@dataclass(frozen=True)
class Site:
    """One search page to time: where it is and what shows a result on it."""

    name: str
    base: str
    page: str
    input: str
    result: str


DOSSIER_RESULT = ".result .result-title a"

# Set the input's value and send the event a keystroke sends; resolve with the
# milliseconds until a result's link is on the page (timed in the page, so no
# polling by the driver adds to it).
TYPE_AND_WAIT = """([input, result, q]) => new Promise((resolve) => {
  const box = document.querySelector(input);
  const started = performance.now();
  const seen = () => {
    if (!document.querySelector(result)) return;
    observer.disconnect();
    resolve(performance.now() - started);
  };
  const observer = new MutationObserver(seen);
  observer.observe(document.body, { childList: true, subtree: true });
  box.value = q;
  box.dispatchEvent(new Event("input", { bubbles: true }));
})"""

# Installed before a page's own script: when the first result's link appears,
# counted from the start of navigation.
FIRST_RESULT = """(result) => {
  new MutationObserver((_, observer) => {
    if (!document.querySelector(result)) return;
    window.__firstResult = performance.now();
    observer.disconnect();
  }).observe(document, { childList: true, subtree: true });
}"""


def serve(folder: Path, extra: dict[str, bytes]) -> http.server.ThreadingHTTPServer:
    """Serve a folder on 127.0.0.1, with `extra` pages (path: HTML) beside it."""

    class Handler(Quiet):
        def do_GET(self) -> None:
            body = extra.get(self.path.split("?")[0])
            if body is None:
                return super().do_GET()
            self.send_response(200)
            self.send_header("Content-Type", "text/html; charset=utf-8")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

    server = _Server(("127.0.0.1", 0), functools.partial(Handler, directory=str(folder)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server


class _Server(http.server.ThreadingHTTPServer):
    def handle_error(self, request: Any, client_address: Any) -> None:
        # A page closed mid-download (the next query's fresh page) is not a
        # failure of the measurement: say nothing of a broken connection.
        if not isinstance(sys.exc_info()[1], ConnectionError):
            super().handle_error(request, client_address)


def rare_word(content: Path) -> str:
    """A name's word found in the fewest briefings (at least one)."""
    counts: dict[str, int] = {}
    for path in (content / "briefings").rglob("*.md"):
        words = set(re.findall(r"[A-Z][a-z]+(?:-[A-Z][a-z]+)+", path.read_text()))
        for word in words:
            counts[word] = counts.get(word, 0) + 1
    return min(sorted(counts), key=lambda w: counts[w])


def cold_query(site: Path, query: str) -> tuple[float, int, int]:
    """A shared link search/?q=QUERY opened cold on Dossier's built ``site``:
    milliseconds to the first result's link, and the bytes fetched (raw,
    gzipped) until the network is quiet."""
    server = serve(site, {})
    try:
        with sync_playwright() as pw:
            browser = pw.chromium.launch(executable_path="/usr/bin/chromium", args=FLAGS)
            context = browser.new_context()
            context.add_init_script(f"({FIRST_RESULT})({DOSSIER_RESULT!r})")
            page = context.new_page()
            traffic = Traffic(page)
            page.goto(f"http://127.0.0.1:{server.server_address[1]}/search/?q={quote(query)}")
            page.wait_for_function("() => window.__firstResult !== undefined", timeout=120_000)
            page.wait_for_load_state("networkidle")
            ms = page.evaluate("window.__firstResult")
            seen = traffic.take()
            browser.close()
    finally:
        server.shutdown()
    return ms, sum(v[0] for v in seen.values()), sum(v[1] for v in seen.values())


def compare(dossier: Path, hugo: Path, queries: list[tuple[str, str]], runs: int) -> None:
    """Dossier's search page against Pagefind's UI on Hugo's site, typed and shared."""
    servers = [serve(dossier, {}), serve(hugo, {UI_PATH: PAGEFIND_UI_PAGE})]
    dossier_base, hugo_base = (f"http://127.0.0.1:{s.server_address[1]}" for s in servers)
    sites = [
        Site("Dossier", dossier_base, "/search/", "#q", DOSSIER_RESULT),
        Site("Pagefind UI", hugo_base, UI_PATH, ".pagefind-ui__search-input",
             ".pagefind-ui__result-link"),
    ]  # fmt: skip
    typed: dict[tuple[str, str], list[float]] = {}
    shared: dict[tuple[str, str], list[float]] = {}
    shared_bytes: dict[tuple[str, str], tuple[int, int]] = {}
    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path="/usr/bin/chromium", args=FLAGS)
        for _ in range(runs):
            for _, q in queries:
                for site in sites:
                    context = browser.new_context()
                    page = context.new_page()
                    page.goto(site.base + site.page, wait_until="networkidle")
                    page.wait_for_selector(site.input)
                    ms = page.evaluate(TYPE_AND_WAIT, [site.input, site.result, q])
                    typed.setdefault((site.name, q), []).append(ms)
                    context.close()
            for (screen, viewport), site in itertools.product(SCREENS.items(), sites):
                context = browser.new_context(viewport=viewport)
                context.add_init_script(f"({FIRST_RESULT})({site.result!r})")
                page = context.new_page()
                traffic = Traffic(page)
                page.goto(f"{site.base}{site.page}?q={quote(queries[0][1])}")
                page.wait_for_function("() => window.__firstResult !== undefined")
                page.wait_for_load_state("networkidle")
                key = (site.name, screen)
                shared.setdefault(key, []).append(page.evaluate("window.__firstResult"))
                seen = traffic.take()
                shared_bytes[key] = (
                    sum(v[0] for v in seen.values()),
                    sum(v[1] for v in seen.values()),
                )
                context.close()
        browser.close()
    for server in servers:
        server.shutdown()
    print(f"\nsearch, Dossier against Pagefind's default UI on Hugo's site "
          f"(median of {runs}, ms to the first result's link):")  # fmt: skip
    print("| query | | Dossier | Pagefind UI | ratio |")
    print("|---|---|---|---|---|")
    ratios = []
    for kind, q in queries:
        ours = statistics.median(typed[("Dossier", q)])
        theirs = statistics.median(typed[("Pagefind UI", q)])
        ratios.append(ours / theirs)
        print(f"| typed: {kind} | {q} | {ours:.0f} | {theirs:.0f} | {ours / theirs:.2f}x |")
    for screen in SCREENS:
        ours = statistics.median(shared[("Dossier", screen)])
        theirs = statistics.median(shared[("Pagefind UI", screen)])
        print(f"| shared link, cold, {screen} | {queries[0][1]} | {ours:.0f} | {theirs:.0f} | "
              f"{ours / theirs:.2f}x |")  # fmt: skip
        our_gz, gz = (shared_bytes[(name, screen)][1] for name in ("Dossier", "Pagefind UI"))
        print(f"| shared link, fetched, {screen} (gzipped kB) | | {our_gz / 1024:.0f} | "
              f"{gz / 1024:.0f} | {our_gz / gz:.2f}x |")  # fmt: skip
    print(f"typed, median ratio {statistics.median(ratios):.2f}x")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("content")
    parser.add_argument("--query", default="according")
    parser.add_argument("--warm-query", default="witnesses")
    parser.add_argument("--actor", default=None, help="actor for the filter-only browse")
    parser.add_argument("--hugo", type=Path, help="Hugo's indexed build of the same corpus")
    parser.add_argument("--runs", type=int, default=5, help="runs of the comparison")
    parser.add_argument("--common", default="shelling", help="a common word")
    parser.add_argument("--everywhere", default="according", help="a word in every briefing")
    parser.add_argument("--rare", default=None, help="a rare name (default: the rarest)")
    parser.add_argument("--two", default="fuel medicine", help="two words")
    args = parser.parse_args()
    if args.hugo is not None and not (args.hugo / "pagefind" / "pagefind-ui.js").is_file():
        sys.exit(f"{args.hugo}: no Pagefind bundle there; run `make bench` first")
    scratch = tempfile.TemporaryDirectory(prefix="dossier-search-")
    out = Path(scratch.name) / "output"
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
        # The filters are drawn again when the query's counts arrive.
        page.wait_for_selector('#facets[aria-busy="false"]', state="attached")
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
    if args.hugo is not None:
        rare = args.rare or rare_word(Path(args.content))
        queries = [("in every briefing", args.everywhere), ("common word", args.common),
                   ("rare name", rare), ("two words", args.two)]  # fmt: skip
        compare(out, args.hugo, queries, args.runs)
    scratch.cleanup()


if __name__ == "__main__":
    main()
