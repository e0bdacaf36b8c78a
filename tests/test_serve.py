"""`dossier serve` end to end: a real server, a real browser, a file edited."""

from __future__ import annotations

import re
import shutil
import subprocess
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import expect

from .browser_helpers import Pages
from .helpers import DOSSIER, FIXTURE, ROOT, SETTINGS

pytestmark = pytest.mark.browser


class Server:
    def __init__(self, process: subprocess.Popen[str], url: str, log: list[str]) -> None:
        self.process, self.url, self.log = process, url, log


@pytest.fixture
def served(tmp_path: Path) -> Iterator[tuple[Server, Path]]:
    content = tmp_path / "content"
    shutil.copytree(FIXTURE, content)
    process = subprocess.Popen(
        [str(DOSSIER), "serve", "--port", "0", "--content", str(content),
         "--output", str(tmp_path / "output"), "--settings", str(SETTINGS)],
        cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True,
    )  # fmt: skip
    log: list[str] = []
    assert process.stderr is not None
    deadline = time.monotonic() + 30
    url = ""
    while time.monotonic() < deadline and not url:
        line = process.stderr.readline()
        log.append(line)
        found = re.search(r"at (http://127\.0\.0\.1:\d+/)", line)
        url = found.group(1) if found else ""
    assert url, "".join(log)
    server = Server(process, url, log)
    yield server, content
    process.terminate()
    process.wait(timeout=10)


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
    assert _get(server.url + "no/such/page/")[0] == 404

    page = pages.open()
    page.goto(server.url + "briefings/fixed-slug/")
    assert page.locator("h1").inner_text() == "Outlook for the new year"
    source = content / "briefings" / "2017" / "2017-01-05-new-year-outlook.md"
    source.write_text(source.read_text().replace("Outlook for the new year", "Outlook for 2017"))
    # The open tab reloads by itself once the rebuild is in.
    expect(page.locator("h1")).to_have_text("Outlook for 2017", timeout=20000)

    broken = content / "briefings" / "2016" / "2016-12-09-broken.md"
    broken.write_text("---\ntitle: x\n")
    deadline = time.monotonic() + 20
    while time.monotonic() < deadline and not any("still serving" in x.lower() for x in server.log):
        assert server.process.stderr is not None
        server.log.append(server.process.stderr.readline())
    log = "".join(server.log)
    assert "2016-12-09-broken.md:1: error: front-matter is not closed" in log
    assert "Still serving the last good build." in log
    assert "Outlook for 2017" in _get(server.url + "briefings/fixed-slug/")[1]
