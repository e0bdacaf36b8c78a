"""``dossier serve``: build, serve on 127.0.0.1, rebuild on change, reload the tab.

The server always serves the last good build: a build with errors writes
nothing (the first one into a fresh folder swapped in only when it succeeds,
later ones only once the content has been read and checked, each file
replaced whole), so a mistake in a briefing shows in the terminal while the
browser keeps the previous site. HTML responses get one
extra script tag (``/_dossier/reload.js``), added on the way out, never
written to the output; it listens for a server-sent event after each good
rebuild, and, while the last build failed, shows its problems over the page
(``/_dossier/problems``, and an event when a build fails).
"""

from __future__ import annotations

import argparse
import errno
import functools
import http.server
import json
import logging
import os
import sys
import threading
import time
from importlib import resources
from pathlib import Path
from typing import Any

from jinja2 import TemplateError

from ..config import display_path
from ..errors import DossierError
from ..glue.live import Live
from ..glue.run import Run
from ..progress import spinner
from .build import add_build_options, build, pelican_settings, usable

RELOAD_TAG = b'<script src="/_dossier/reload.js" defer></script>'


class Generation:
    """Counters of good and failed builds that server threads can wait on,
    and the problems of the last build if it failed (shown over the page)."""

    def __init__(self) -> None:
        self.number = 0
        self.failed = 0
        self.problems: list[str] = []
        self._changed = threading.Condition()

    def bump(self) -> None:
        """Record a good build (its problems gone) and wake every waiting browser."""
        with self._changed:
            self.number += 1
            self.problems = []
            self._changed.notify_all()

    def fail(self, problems: list[str]) -> None:
        """Record a failed build's problems and wake every waiting browser."""
        with self._changed:
            self.failed += 1
            self.problems = list(problems)
            self._changed.notify_all()

    def wait_past(self, number: int, timeout: float, failed: int | None = None) -> tuple[int, int]:
        """Wait until a good build passes ``number`` or a failed one passes
        ``failed`` (or time out); return both counters."""
        with self._changed:
            self._changed.wait_for(
                lambda: self.number > number or (failed is not None and self.failed > failed),
                timeout=timeout,
            )
            return self.number, self.failed


class Handler(http.server.SimpleHTTPRequestHandler):
    """Static files from the output folder, plus the live-reload endpoints.

    The preview is the author's alone: a request naming another host (a web
    page the author visits, reaching for the preview by DNS rebinding) is
    refused, nothing outside the output folder is served (a link in it to
    ``/etc/passwd`` is not followed), and every answer says ``nosniff`` and
    the site's own Content-Security-Policy."""

    generation: Generation
    policy: str = ""
    reload_js = resources.files("dossier").joinpath("static/reload.js").read_bytes()

    def log_message(self, format: str, *args: Any) -> None:
        pass

    def end_headers(self) -> None:
        self.send_header("X-Content-Type-Options", "nosniff")
        if self.policy:
            self.send_header("Content-Security-Policy", self.policy)
        super().end_headers()

    def _blocked(self) -> bool:
        # Refuse (403) a request naming a host other than the loopback names
        # and address the server listens on, with its port or without.
        port = getattr(self.server, "server_port", 0)
        host = (self.headers.get("Host") or "").strip().lower()
        names = ("127.0.0.1", "localhost", "[::1]")
        if host in names or host in {f"{name}:{port}" for name in names}:
            return False
        self._send(403, "text/plain; charset=utf-8", b"Blocked: not this server's host.\n")
        return True

    def do_HEAD(self) -> None:
        if not self._blocked():
            super().do_HEAD()

    def do_GET(self) -> None:
        if self._blocked():
            return
        if self.path == "/_dossier/reload.js":
            self._send(200, "text/javascript; charset=utf-8", self.reload_js)
        elif self.path == "/_dossier/events":
            self._events()
        elif self.path == "/_dossier/problems":
            body = json.dumps(self.generation.problems).encode("utf-8")
            self._send(200, "application/json; charset=utf-8", body)
        else:
            super().do_GET()

    def _send(self, status: int, content_type: str, body: bytes) -> None:
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Cache-Control", "no-store")
        self.end_headers()
        self.wfile.write(body)

    def _events(self) -> None:
        self.send_response(200)
        self.send_header("Content-Type", "text/event-stream")
        self.send_header("Cache-Control", "no-store")
        self.end_headers()
        seen, failed = self.generation.number, self.generation.failed
        try:
            while True:
                now, failures = self.generation.wait_past(seen, timeout=15, failed=failed)
                if now > seen:
                    message = b"event: reload\ndata: go\n\n"
                elif failures > failed:  # a build failed: its problems, over the page
                    failed = failures
                    data = json.dumps(self.generation.problems)
                    message = f"event: problems\ndata: {data}\n\n".encode()
                else:
                    message = b": keep-alive\n\n"
                self.wfile.write(message)
                self.wfile.flush()
                if now > seen:
                    return
        except (BrokenPipeError, ConnectionResetError):
            return

    def send_head(self) -> Any:
        # HTML pages get the reload script; a missing page gets the site's
        # own 404 page, as on a static host; everything else goes out as is.
        target = self.translate_path(self.path)
        root = os.path.realpath(str(self.directory))
        found = os.path.realpath(target)
        if found != root and not found.startswith(root + os.sep):
            target = os.path.join(root, "no such page")  # a link out of the output: not served
        if os.path.isdir(target):
            if not self.path.split("?", 1)[0].endswith("/"):
                return super().send_head()  # redirects to the slash form
            target = os.path.join(target, "index.html")
        status = 200
        if not os.path.exists(target):
            status, target = 404, os.path.join(str(self.directory), "404.html")
        if not target.endswith(".html") or not os.path.isfile(target):
            if status == 404:
                self.send_error(404)
                return None
            return super().send_head()
        body = Path(target).read_bytes().replace(b"</body>", RELOAD_TAG + b"\n</body>", 1)
        self._send(status, "text/html; charset=utf-8", body)
        return None


class _Heard(logging.Handler):
    """The error lines a build logs (``path:line: error: message``), kept
    while it runs, for the page's overlay."""

    def __init__(self) -> None:
        super().__init__(logging.ERROR)
        self.lines: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.lines.append(record.getMessage())

    def __enter__(self) -> _Heard:
        logging.getLogger("dossier").addHandler(self)
        return self

    def __exit__(self, *exc: object) -> None:
        logging.getLogger("dossier").removeHandler(self)


def add_parser(subparsers: Any) -> None:
    """Declare the ``serve`` sub-command."""
    parser = subparsers.add_parser("serve", help="build, serve and rebuild on change")
    add_build_options(parser)
    parser.add_argument("--port", type=int, default=8000, help="port on 127.0.0.1 (0: any free)")
    parser.add_argument(
        "--no-drafts", dest="drafts", action="store_false",
        help="leave drafts and scheduled briefings out, as the published site does",
    )  # fmt: skip
    parser.set_defaults(run=run)


def _watched(settings: dict[str, Any], settings_file: str | None) -> list[str]:
    paths = [settings["PATH"], settings["THEME"], settings_file or ""]
    return [p for p in paths if p and os.path.exists(p)]


def _indexed(console: Any) -> None:
    console.print("Search index updated.", highlight=False)


def _quick(live: Live, changes: Any, generation: Generation, console: Any) -> bool:
    """Apply a prose-only edit in place and reload the tab; False if the edit
    needs a whole build."""
    started = time.perf_counter()
    try:
        written = live.apply([path for _, path in changes], lambda: _indexed(console))
    except (DossierError, OSError, TemplateError) as exc:
        console.print(f"Rebuilding whole: {exc}", highlight=False, soft_wrap=True)
        return False
    if written is None:
        return False
    if not written:  # an editor's passing files: nothing to show
        return True
    generation.bump()
    console.print(
        f"Updated {len(written)} file(s) in {(time.perf_counter() - started) * 1000:.0f} ms; "
        "the search index follows.",
        highlight=False,
    )
    return True


def run(args: argparse.Namespace) -> int:
    """Serve until interrupted."""
    from rich.console import Console
    from watchfiles import watch

    console = Console(stderr=True)
    if not usable(args):
        return 2
    settings = pelican_settings(args)
    settings["SITEURL"] = ""
    # The preview shows what is being written: drafts and scheduled
    # briefings, each marked. `dossier build` never does.
    settings["DOSSIER_PREVIEW"] = args.drafts
    output = os.path.abspath(settings["OUTPUT_PATH"])
    generation = Generation()
    policy = str(settings.get("DOSSIER_CSP") or "")
    bound = {"generation": generation, "policy": policy}
    handler = functools.partial(type("BoundHandler", (Handler,), bound), directory=output)
    # The port first: a busy port is said at once, not after a long build.
    try:
        server = http.server.ThreadingHTTPServer(("127.0.0.1", args.port), handler)
    except OSError as exc:
        busy = exc.errno == errno.EADDRINUSE
        hint = f"; try --port {args.port + 1}" if busy else ""
        why = "is in use" if busy else f"cannot be opened: {exc.strerror or exc}"
        print(f"dossier: error: port {args.port} {why}{hint}", file=sys.stderr)
        return 1
    live: list[Live | None] = [None]  # the last good build, kept for prose edits
    # Pages first: the search index follows in the background (the previous
    # one serves meanwhile), so a change shows without waiting for Pagefind.
    search = bool(settings.get("DOSSIER_SEARCH", True))
    settings["DOSSIER_SEARCH"] = False

    def keep(run: Run) -> None:
        if live[0] is not None:
            live[0].close()
        live[0] = Live.after(run, Path(output), search)
        if live[0] is not None:
            live[0].warm()
            if search:
                live[0].reindex(lambda: _indexed(console))

    def rebuild(progress: Any) -> int:
        return build(dict(settings), args.settings, args.force, progress, keep, carry_bundle=True)

    with spinner(console, "Building") as progress:
        first = rebuild(progress)
    if not os.path.isdir(output):
        console.print("[red]The first build failed and there is no earlier one to serve.[/]")
        server.server_close()
        return first
    server.daemon_threads = True
    threading.Thread(target=server.serve_forever, daemon=True).start()
    console.print(
        f"Serving {output} at http://127.0.0.1:{server.server_port}/ (Ctrl-C to stop)",
        highlight=False,
        soft_wrap=True,
    )
    try:
        for changes in watch(*_watched(settings, args.settings), debounce=200, step=100):
            names = sorted({display_path(path) for _, path in changes})
            more = " …" if len(names) > 5 else ""
            console.print(f"Changed: {', '.join(names[:5])}{more}", soft_wrap=True)
            # After a failed build, any change is a whole build: only a build
            # can say the problems are gone (a broken file deleted, say).
            session = None if generation.problems else live[0]
            if session is not None and _quick(session, changes, generation, console):
                continue
            with spinner(console, "Rebuilding") as progress, _Heard() as heard:
                code = rebuild(progress)
            if code == 0:
                generation.bump()
            else:
                generation.fail(heard.lines)
                console.print("[yellow]Still serving the last good build.[/]")
    except KeyboardInterrupt:
        pass
    finally:
        server.shutdown()
    return 0
