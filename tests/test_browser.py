"""What a reader clicks, in a real browser: Debian's Chromium through Playwright."""

from __future__ import annotations

import functools
import http.server
import re
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser, ConsoleMessage, Page, expect, sync_playwright

from .conftest import Build

CHROMIUM = Path("/usr/bin/chromium")
FLAGS = [
    "--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking",
    "--disable-component-update", "--disable-sync",
]  # fmt: skip

pytestmark = pytest.mark.browser


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:
        pass


@pytest.fixture(scope="module")
def base_url(site: Build) -> Iterator[str]:
    handler = functools.partial(_Quiet, directory=str(site.output))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    assert CHROMIUM.exists(), "install Debian's chromium package (see .ci/run)"
    with sync_playwright() as pw:
        launched = pw.chromium.launch(executable_path=str(CHROMIUM), args=FLAGS)
        yield launched
        launched.close()


@pytest.fixture
def page(browser: Browser) -> Iterator[Page]:
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    opened = context.new_page()
    problems: list[str] = []
    opened.on("console", lambda m: _note(problems, m))
    opened.on("pageerror", lambda e: problems.append(str(e)))
    # A navigation cancels requests still in flight (the favicon, say): only
    # real failures and error statuses count.
    opened.on(
        "requestfailed",
        lambda r: None if "ERR_ABORTED" in (r.failure or "") else problems.append(r.url),
    )
    opened.on(
        "response",
        lambda r: problems.append(f"{r.status} {r.url}") if r.status >= 400 else None,
    )
    yield opened
    context.close()
    assert problems == []


def _note(problems: list[str], message: ConsoleMessage) -> None:
    if message.type in ("error", "warning"):
        problems.append(message.text)


def test_reader_follows_a_briefing_to_an_actor_and_back(page: Page, base_url: str) -> None:
    page.goto(base_url + "/")
    assert page.title() == "Libya Briefings"
    page.get_by_role("link", name="BM splits the ISIS enclave in Sirte").click()
    page.wait_for_url("**/briefings/sirte-bm-splits-enclave/")
    assert page.locator("h1").inner_text() == "BM splits the ISIS enclave in Sirte"
    facts = page.get_by_role("complementary", name="In this briefing")
    facts.get_by_role("link", name="Khalifa Haftar").click()
    page.wait_for_url("**/actors/khalifa-haftar/")
    assert page.locator("h1").inner_text() == "Khalifa Haftar"
    page.get_by_role("link", name="BM splits the ISIS enclave in Sirte").click()
    page.wait_for_url("**/briefings/sirte-bm-splits-enclave/")


def test_previous_and_next_links_walk_the_archive(page: Page, base_url: str) -> None:
    page.goto(base_url + "/briefings/sirte-bm-splits-enclave/")
    page.locator("a[rel=next]").click()
    page.wait_for_url("**/briefings/tanks-and-quotes/")
    page.locator("a[rel=next]").click()
    page.wait_for_url("**/briefings/fixed-slug/")
    assert page.locator("a[rel=next]").count() == 0


def test_nav_marks_the_current_section(page: Page, base_url: str) -> None:
    page.goto(base_url + "/actors/khalifa-haftar/")
    nav = page.get_by_role("navigation", name="Sections")
    assert nav.get_by_role("link", name="Actors").get_attribute("aria-current") == "true"
    page.goto(base_url + "/archive/")
    assert nav.get_by_role("link", name="Archive").get_attribute("aria-current") == "page"


def test_skip_link_is_first_and_reaches_main(page: Page, base_url: str) -> None:
    page.goto(base_url + "/")
    page.keyboard.press("Tab")
    focused = page.evaluate("document.activeElement.textContent")
    assert focused == "Skip to content"
    page.keyboard.press("Enter")
    expect(page).to_have_url(re.compile(r"#dossier_main$"))


def test_phone_width_has_no_horizontal_scroll(browser: Browser, base_url: str) -> None:
    context = browser.new_context(viewport={"width": 390, "height": 844})
    opened = context.new_page()
    for url in ["/", "/briefings/sirte-bm-splits-enclave/", "/actors/", "/archive/"]:
        opened.goto(base_url + url)
        overflow = opened.evaluate(
            "document.documentElement.scrollWidth - document.documentElement.clientWidth"
        )
        assert overflow <= 0, url
    context.close()


def test_every_kind_of_page_honours_the_content_security_policy(page: Page, base_url: str) -> None:
    violations: list[str] = []
    page.expose_function("reportViolation", lambda text: violations.append(text))
    page.add_init_script(
        "document.addEventListener('securitypolicyviolation',"
        " e => window.reportViolation(e.violatedDirective + ' ' + e.blockedURI))"
    )
    for url in ["/", "/briefings/sirte-bm-splits-enclave/", "/actors/khalifa-haftar/",
                "/places/", "/places/sirte/", "/tags/", "/archive/", "/about/", "/404.html"]:  # fmt: skip
        page.goto(base_url + url)
        csp = page.locator('meta[http-equiv="Content-Security-Policy"]').get_attribute("content")
        assert csp is not None
        assert "style-src 'self'" in csp
    assert violations == []
    page.goto(base_url + "/briefings/sirte-bm-splits-enclave/")
    align = page.locator("th.align-right").first.evaluate("e => getComputedStyle(e).textAlign")
    assert align == "right"
