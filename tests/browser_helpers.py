"""What the browser tests share: Chromium's flags, a static server, pages that report problems."""

from __future__ import annotations

import functools
import http.server
import sys
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any, Literal

from playwright.sync_api import (
    Browser,
    BrowserContext,
    ConsoleMessage,
    Error,
    Page,
    Request,
    Response,
)

CHROMIUM = Path("/usr/bin/chromium")
FLAGS = [
    "--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking",
    "--disable-component-update", "--disable-sync",
]  # fmt: skip


class _Handler(http.server.SimpleHTTPRequestHandler):
    """Serves a folder, quietly; with a prefix, only under it (as GitHub Pages serves a project)."""

    def __init__(self, *args: Any, directory: str, prefix: str, **kwargs: Any) -> None:
        self.prefix = prefix
        super().__init__(*args, directory=directory, **kwargs)

    def log_message(self, format: str, *args: object) -> None:
        pass

    def translate_path(self, path: str) -> str:
        if not self.prefix:
            return super().translate_path(path)
        bare = path.split("?", 1)[0].split("#", 1)[0]
        if bare == self.prefix or bare.startswith(self.prefix + "/"):
            return super().translate_path(path[len(self.prefix) :] or "/")
        return str(Path(self.directory) / "__nowhere__")

    def send_error(self, code: int, message: str | None = None, explain: str | None = None) -> None:
        # As GitHub Pages does: a missing file is answered with the site's 404 page.
        page = Path(self.directory) / "404.html"
        if code != 404 or not page.is_file():
            super().send_error(code, message, explain)
            return
        body = page.read_bytes()
        self.send_response(404)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)


class _Server(http.server.ThreadingHTTPServer):
    daemon_threads = True

    def handle_error(self, request: Any, client_address: Any) -> None:
        # A navigation cancels requests in flight; the browser hanging up
        # mid-response is no error of ours.
        if not isinstance(sys.exc_info()[1], ConnectionError):
            super().handle_error(request, client_address)


@contextmanager
def serve(directory: Path, prefix: str = "") -> Iterator[str]:
    """Serve ``directory`` on 127.0.0.1 at ``prefix``; yields the base URL (no trailing slash)."""
    handler = functools.partial(_Handler, directory=str(directory), prefix=prefix)
    server = _Server(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}{prefix}"
    finally:
        server.shutdown()
        server.server_close()
        thread.join()


class Problems:
    """What the watched pages got wrong: console errors and warnings, uncaught
    exceptions, failed requests and error statuses."""

    def __init__(self) -> None:
        self.found: list[str] = []

    def watch(self, page: Page) -> Page:
        page.on("console", self._console)
        page.on("pageerror", self._page_error)
        page.on("requestfailed", self._request_failed)
        page.on("response", self._response)
        return page

    def _console(self, message: ConsoleMessage) -> None:
        if message.type in ("error", "warning"):
            self.found.append(f"console {message.type}: {message.text}")

    def _page_error(self, error: Error) -> None:
        self.found.append(f"uncaught: {error}")

    def _request_failed(self, request: Request) -> None:
        # A navigation cancels requests still in flight (the favicon, say):
        # only real failures count.
        failure = request.failure or ""
        if "ERR_ABORTED" not in failure:
            self.found.append(f"request failed: {request.url} {failure}")

    def _response(self, response: Response) -> None:
        if response.status >= 400:
            self.found.append(f"{response.status} {response.url}")


class Pages:
    """Opens each page in a fresh browser context, watched for problems; ``close`` ends them all."""

    def __init__(self, browser: Browser) -> None:
        self.browser = browser
        self.problems = Problems()
        self.contexts: list[BrowserContext] = []

    def open(
        self,
        *,
        width: int = 1280,
        height: int = 900,
        color_scheme: Literal["light", "dark"] | None = None,
        java_script_enabled: bool = True,
        bypass_csp: bool = False,
    ) -> Page:
        context = self.browser.new_context(
            viewport={"width": width, "height": height},
            color_scheme=color_scheme,
            java_script_enabled=java_script_enabled,
            bypass_csp=bypass_csp,
        )
        self.contexts.append(context)
        return self.problems.watch(context.new_page())

    def close(self) -> None:
        for context in self.contexts:
            context.close()
        self.contexts.clear()
