"""Shared fixtures: the fixture and sample archives built once per session,
one Chromium for every browser test, and static servers for the built sites."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from playwright.sync_api import Browser, Page, sync_playwright

from .browser_helpers import CHROMIUM, FLAGS, Pages, serve
from .helpers import FIXTURE, ROOT, Build, build_site


@pytest.fixture(scope="session")
def site(tmp_path_factory: pytest.TempPathFactory) -> Build:
    """The fixture archive, built at the root of a site."""
    built = build_site(FIXTURE, tmp_path_factory.mktemp("site") / "output")
    assert built.returncode == 0, built.stderr
    return built


@pytest.fixture(scope="session")
def subpath_site(tmp_path_factory: pytest.TempPathFactory) -> Build:
    """The fixture archive, built for a GitHub Pages project subpath."""
    out = tmp_path_factory.mktemp("subpath") / "output"
    built = build_site(FIXTURE, out, "--site-url", "https://org.github.io/repo")
    assert built.returncode == 0, built.stderr
    return built


@pytest.fixture(scope="session")
def sample(tmp_path_factory: pytest.TempPathFactory) -> Build:
    """The sample archive in content/, built at the root of a site."""
    built = build_site(ROOT / "content", tmp_path_factory.mktemp("sample") / "output")
    assert built.returncode == 0, built.stderr
    return built


@pytest.fixture(scope="session")
def browser() -> Iterator[Browser]:
    """Debian's Chromium, launched once for the whole session."""
    assert CHROMIUM.exists(), "install Debian's chromium package (see .ci/run)"
    with sync_playwright() as pw:
        launched = pw.chromium.launch(executable_path=str(CHROMIUM), args=FLAGS)
        yield launched
        launched.close()


@pytest.fixture
def pages(browser: Browser) -> Iterator[Pages]:
    """Opens pages for one test; any console error, uncaught exception, failed
    request or error status on them fails the test."""
    opened = Pages(browser)
    yield opened
    opened.close()
    assert opened.problems.found == []


@pytest.fixture
def page(pages: Pages) -> Page:
    """A desktop-width page, watched for problems."""
    return pages.open()


@pytest.fixture(scope="session")
def base_url(site: Build) -> Iterator[str]:
    """The fixture archive, served at the root of a site."""
    with serve(site.output) as url:
        yield url


@pytest.fixture(scope="session")
def sample_url(sample: Build) -> Iterator[str]:
    """The sample archive, served at the root of a site."""
    with serve(sample.output) as url:
        yield url
