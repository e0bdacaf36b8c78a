"""Screenshots of the built site, for looking at what we ship.

Serves ``output/`` on 127.0.0.1 and captures each page at desktop and phone
widths, light and dark, with Debian's Chromium driven by Playwright.

    python scripts/screenshots.py [--out DIR] [PATH ...]
"""

from __future__ import annotations

import argparse
import functools
import http.server
import threading
from pathlib import Path

from playwright.sync_api import sync_playwright

CHROMIUM = "/usr/bin/chromium"
FLAGS = ["--no-sandbox", "--disable-gpu", "--no-first-run",
         "--disable-background-networking", "--disable-component-update",
         "--disable-sync"]  # fmt: skip
DEFAULT_PATHS = ["/", "/briefings/bm-splits-isis-enclave/", "/actors/khalifa-haftar/",
                 "/actors/", "/archive/"]  # fmt: skip


class Quiet(http.server.SimpleHTTPRequestHandler):
    """Serves a folder without logging every request."""

    def log_message(self, format: str, *args: object) -> None:
        pass


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("paths", nargs="*", default=DEFAULT_PATHS)
    parser.add_argument("--site", default="output")
    parser.add_argument("--out", default="tmp/screenshots")
    parser.add_argument("--full", action="store_true", help="whole page, not the viewport")
    parser.add_argument("--element", help="only the first element matching this CSS selector")
    parser.add_argument("--print", action="store_true", help="also each page in print styles")
    args = parser.parse_args()
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    handler = functools.partial(Quiet, directory=args.site)
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    base = f"http://127.0.0.1:{server.server_address[1]}"
    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=CHROMIUM, args=FLAGS)
        for width, height, label in ((1280, 900, "desktop"), (390, 844, "phone")):
            for scheme in ("light", "dark"):
                page = browser.new_page(viewport={"width": width, "height": height},
                                        color_scheme=scheme)  # fmt: skip
                for path in args.paths:
                    page.goto(base + path)
                    if path.startswith("/search/?"):
                        page.wait_for_selector(".result", timeout=10000)
                    name = path.strip("/").replace("/", "_") or "home"
                    target = out / f"{name}-{label}-{scheme}.png"
                    if args.element:
                        page.locator(args.element).first.screenshot(path=str(target))
                    else:
                        page.screenshot(path=str(target), full_page=args.full)
                    print(target)
                    if args.print and label == "desktop" and scheme == "light":
                        # Print styles on screen, as a PNG one can look at.
                        page.emulate_media(media="print")
                        printed = target.with_name(f"{name}-print.png")
                        if args.element:
                            page.locator(args.element).first.screenshot(path=str(printed))
                        else:
                            page.screenshot(path=str(printed), full_page=args.full)
                        page.emulate_media(media="screen")
                        print(printed)
                page.close()
        browser.close()
    server.shutdown()


if __name__ == "__main__":
    main()
