"""`dossier serve` end to end: a real server, a real browser, a file edited."""

from __future__ import annotations

import re
import shutil
import subprocess
import threading
import urllib.error
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import expect

from .browser_helpers import Pages
from .helpers import DOSSIER, FIXTURE, ROOT, SETTINGS, build_site

pytestmark = pytest.mark.browser


class Server:
    """A running ``dossier serve`` and every line it has printed so far."""

    def __init__(self, process: subprocess.Popen[str]) -> None:
        self.process = process
        self.lines: list[str] = []
        self.ended = False
        self._printed = threading.Condition()
        self._reader = threading.Thread(target=self._read, daemon=True)
        self._reader.start()
        self.url = self.wait_for(r"at (http://127\.0\.0\.1:\d+/)", timeout=30).group(1)

    def _read(self) -> None:
        assert self.process.stderr is not None
        for line in self.process.stderr:
            with self._printed:
                self.lines.append(line)
                self._printed.notify_all()
        with self._printed:
            self.ended = True
            self._printed.notify_all()

    @property
    def log(self) -> str:
        with self._printed:
            return "".join(self.lines)

    def wait_for(self, pattern: str, timeout: float) -> re.Match[str]:
        """The first printed line matching ``pattern``, waiting up to ``timeout`` s for it."""
        regex = re.compile(pattern)

        def found() -> re.Match[str] | None:
            return next((m for line in self.lines if (m := regex.search(line))), None)

        with self._printed:
            self._printed.wait_for(lambda: found() is not None or self.ended, timeout=timeout)
            match = found()
        assert match is not None, f"dossier serve did not print {pattern!r}:\n{self.log}"
        return match

    def stop(self) -> None:
        self.process.terminate()
        self.process.wait(timeout=10)
        self._reader.join(timeout=10)


def _serve(content: Path, output: Path, *extra: str) -> Server:
    process = subprocess.Popen(
        [str(DOSSIER), "serve", "--port", "0", "--content", str(content),
         "--output", str(output), "--settings", str(SETTINGS), *extra],
        cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True,
    )  # fmt: skip
    try:
        return Server(process)
    except BaseException:
        process.kill()
        process.wait(timeout=10)
        raise


@pytest.fixture
def served(tmp_path: Path) -> Iterator[tuple[Server, Path]]:
    content = tmp_path / "content"
    shutil.copytree(FIXTURE, content)
    server = _serve(content, tmp_path / "output")
    yield server, content
    server.stop()


def _get(url: str) -> tuple[int, str]:
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return response.status, response.read().decode("utf-8")
    except urllib.error.HTTPError as error:
        return error.code, error.read().decode("utf-8")


def test_serve_rebuilds_reloads_and_keeps_the_last_good_build(
    served: tuple[Server, Path], pages: Pages
) -> None:
    server, content = served
    status, html = _get(server.url)
    assert status == 200
    assert '<script src="/_dossier/reload.js" defer></script>' in html
    status, html = _get(server.url + "no/such/page/")
    assert status == 404
    assert "Page not found" in html

    page = pages.open()
    # The tab must be listening before the edit, or it would miss the reload.
    with page.expect_response(lambda r: r.url.endswith("/_dossier/events")):
        page.goto(server.url + "briefings/fixed-slug/")
    expect(page.locator("h1")).to_have_text("Outlook for the new year")
    source = content / "briefings" / "2017" / "2017-01-05-new-year-outlook.md"
    source.write_text(source.read_text().replace("Outlook for the new year", "Outlook for 2017"))
    # The open tab reloads by itself once the rebuild is in.
    expect(page.locator("h1")).to_have_text("Outlook for 2017", timeout=20000)

    # Prose alone: the page is rewritten in place, no whole build.
    with page.expect_response(lambda r: r.url.endswith("/_dossier/events")):
        page.goto(server.url + "briefings/sirte-bm-splits-enclave/")
    sirte = content / "briefings" / "2016" / "2016-10-07-sirte-bm-splits-enclave.md"
    sirte.write_text(sirte.read_text().replace("At least 8 BM fighters", "At least 9 BM fighters"))
    expect(page.locator("article")).to_contain_text("At least 9 BM fighters", timeout=20000)
    server.wait_for(r"Updated 2 file\(s\) in \d+ ms", timeout=20)
    page.goto(server.url + "briefings/fixed-slug/")
    server.wait_for("Search index updated.", timeout=60)

    broken = content / "briefings" / "2016" / "2016-12-09-broken.md"
    broken.write_text("---\ntitle: x\n")
    server.wait_for("Still serving the last good build.", timeout=20)
    assert "2016-12-09-broken.md:1: error: front-matter is not closed" in server.log
    assert "Outlook for 2017" in _get(server.url + "briefings/fixed-slug/")[1]
    expect(page.locator("h1")).to_have_text("Outlook for 2017")
    # The open page says so too, over the last good site: file, line and message.
    problems = page.locator("#dossier-problems")
    expect(problems).to_contain_text("2016-12-09-broken.md:1: error: front-matter is not closed")
    # A page opened meanwhile shows them at once; the next good build clears them.
    other = pages.open()
    other.goto(server.url + "briefings/sirte-bm-splits-enclave/")
    expect(other.locator("#dossier-problems")).to_contain_text("front-matter is not closed")
    broken.unlink()
    expect(other.locator("#dossier-problems")).to_have_count(0, timeout=20000)
    expect(other.locator("h1")).to_contain_text("BM splits")


def test_the_preview_answers_its_own_host_only_and_stays_in_the_output(
    served: tuple[Server, Path], tmp_path: Path
) -> None:
    server, _ = served
    status, html = _get(server.url)
    assert status == 200
    # Another host name (a page reaching for the preview by DNS rebinding): refused.
    request = urllib.request.Request(server.url, headers={"Host": "evil.example"})
    try:
        with urllib.request.urlopen(request, timeout=5) as response:
            refused = response.status
    except urllib.error.HTTPError as error:
        refused = error.code
    assert refused == 403
    # A link in the output to a file outside it is not followed.
    secret = tmp_path / "secret.txt"
    secret.write_text("not for the browser")
    (tmp_path / "output" / "leak.txt").symlink_to(secret)
    (tmp_path / "output" / "leak").symlink_to(tmp_path)
    for path in ("leak.txt", "leak/secret.txt"):
        status, body = _get(server.url + path)
        assert status == 404, path
        assert "not for the browser" not in body
    # Every answer says nosniff and the site's own policy.
    with urllib.request.urlopen(server.url + "theme/img/favicon.svg", timeout=5) as response:
        assert response.headers["X-Content-Type-Options"] == "nosniff"
        assert "default-src 'self'" in response.headers["Content-Security-Policy"]
    assert f'content="{response.headers["Content-Security-Policy"]}"' in html


def test_the_preview_shows_drafts_unless_told_not_to(tmp_path: Path) -> None:
    server = _serve(FIXTURE, tmp_path / "output")
    try:
        status, html = _get(server.url + "briefings/unfinished/")
        assert status == 200
        assert "<strong>Draft</strong> Not published" in html
        _, home = _get(server.url)
        assert '<span class="unpublished unpublished-draft">Draft</span>' in home
    finally:
        server.stop()
    # A build into the preview's folder is the published site: no draft.
    built = build_site(FIXTURE, tmp_path / "output")
    assert built.returncode == 0, built.stderr
    assert not (tmp_path / "output/briefings/unfinished").exists()
    assert "Draft</span>" not in built.page("/")
    # As the published site will be.
    server = _serve(FIXTURE, tmp_path / "output", "--no-drafts")
    try:
        assert _get(server.url + "briefings/unfinished/")[0] == 404
    finally:
        server.stop()
