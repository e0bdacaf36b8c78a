"""URLs come from one object, built from the *_URL / *_SAVE_AS settings."""

from __future__ import annotations

from pathlib import Path

import pytest

from dossier.errors import SettingsError
from dossier.urls import Urls

from .helpers import FIXTURE, ROOT, build_site, project_settings, run_dossier
from .links import broken_file_links, broken_links
from .model_helpers import actor, briefing, place

MOVED = """
ARTICLE_URL = "{date:%Y}/{slug}/"
ARTICLE_SAVE_AS = "{date:%Y}/{slug}/index.html"
PAGE_URL = "pages/{slug}.html"
PAGE_SAVE_AS = "pages/{slug}.html"
DOSSIER_ACTOR_URL = "who/{slug}/"
DOSSIER_ACTOR_SAVE_AS = "who/{slug}/index.html"
DOSSIER_ACTORS_URL = "who/"
DOSSIER_ACTORS_SAVE_AS = "who/index.html"
DOSSIER_PLACE_URL = "where/{slug}.html"
DOSSIER_PLACE_SAVE_AS = "where/{slug}.html"
DOSSIER_PLACES_URL = "where/"
DOSSIER_PLACES_SAVE_AS = "where/index.html"
DOSSIER_TAG_URL = "themes/{slug}/"
DOSSIER_TAG_SAVE_AS = "themes/{slug}/index.html"
DOSSIER_TAGS_URL = "themes/"
DOSSIER_TAGS_SAVE_AS = "themes/index.html"
DOSSIER_ARCHIVE_URL = "by-month/"
DOSSIER_ARCHIVE_SAVE_AS = "by-month/index.html"
SEARCH_URL = "find/"
SEARCH_SAVE_AS = "find/index.html"
DOSSIER_FEED_ALL_ATOM = "atom.xml"
DOSSIER_ACTOR_FEED_ATOM = "who/{slug}.atom.xml"
DOSSIER_PLACE_FEED_ATOM = "where/{slug}.atom.xml"
DOSSIER_DATA_URL = "open-data/"
DOSSIER_BROWSE_URL = "find/browse/"
"""
DEFAULT_FOLDERS = ["briefings", "actors", "places", "tags", "archive", "search", "feeds", "data"]


@pytest.mark.parametrize("site_url", ["", "https://org.github.io/repo"])
def test_the_fixture_builds_with_other_url_settings_and_no_broken_link(
    tmp_path: Path, site_url: str
) -> None:
    settings = project_settings(tmp_path, MOVED, "moved.py")
    extra = ["--site-url", site_url] if site_url else []
    built = build_site(FIXTURE, tmp_path / "out", "--settings", str(settings), *extra)
    assert built.returncode == 0, built.stderr
    site_path = "/repo" if site_url else ""
    assert broken_links(built.output, site_path=site_path) == []
    assert broken_file_links(built.output, site_path=site_path, site_url=site_url) == []
    # Every page is where the settings say, and nothing is where it used to be.
    html = built.page("/2016/sirte-bm-splits-enclave/")
    assert f'href="{site_path}/who/khalifa-haftar/"' in html  # a mention in the body
    assert f'href="{site_path}/where/sirte.html"' in html
    assert f'href="{site_path}/themes/security/"' in html
    assert f'href="{site_path}/by-month/#y2016-10"' in html
    assert "Khalifa Haftar" in built.page("/who/khalifa-haftar/")
    assert "Sirte" in (built.output / "where" / "sirte.html").read_text(encoding="utf-8")
    assert (built.output / "who" / "khalifa-haftar.atom.xml").is_file()
    assert (built.output / "open-data" / "briefings.json.gz").is_file()
    assert (built.output / "find" / "browse" / "facets.json").is_file()
    assert (built.output / "pages" / "about.html").is_file()
    for folder in DEFAULT_FOLDERS:
        assert not (built.output / folder).exists(), folder


def test_urls_of_every_kind() -> None:
    urls = Urls.from_settings({}, "https://org.github.io/repo", "/repo")
    haftar = actor("khalifa-haftar", "Khalifa Haftar")
    assert urls.url(briefing("sirte-falls", 7)) == "briefings/sirte-falls/"
    assert urls.save_as(haftar) == "actors/khalifa-haftar/index.html"
    assert urls.href(place("sirte", "Sirte")) == "/repo/places/sirte/"
    assert urls.absolute(haftar) == "https://org.github.io/repo/actors/khalifa-haftar/"
    assert urls.href("archive") == "/repo/archive/"
    assert urls.feed_href(haftar) == "/repo/feeds/actors/khalifa-haftar.atom.xml"
    assert urls.feed() == "feeds/all.atom.xml"
    assert urls.static_href("css/dossier.css") == "/repo/theme/css/dossier.css"
    local = Urls.from_settings({"ARTICLE_URL": "{date:%Y/%m}/{slug}.html"}, "", "")
    assert local.url(briefing("sirte-falls", 7)) == "2016/10/sirte-falls.html"
    assert local.absolute("index") == "/"


@pytest.mark.parametrize("pattern", ["{slug}/{title}/", "{date:%Y/{slug}/", "{0}/"])
def test_a_url_pattern_that_cannot_be_filled_is_a_settings_error(pattern: str) -> None:
    with pytest.raises(SettingsError, match="DOSSIER_ACTOR_URL"):
        Urls.from_settings({"DOSSIER_ACTOR_URL": pattern}, "", "")


@pytest.mark.parametrize("command", ["build", "check"])
def test_a_bad_url_setting_is_one_line_not_a_traceback(tmp_path: Path, command: str) -> None:
    settings = project_settings(tmp_path, "DOSSIER_TAG_URL = 'tags/{name}/'\n")
    out = tmp_path / "out"
    result = run_dossier(command, "--content", str(FIXTURE), "--settings", str(settings),
                         *(["--output", str(out)] if command == "build" else []))  # fmt: skip
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    assert result.stderr.strip().splitlines() == [
        "dossier: error: DOSSIER_TAG_URL = 'tags/{name}/' cannot be formatted: 'name'"
    ]
    assert not out.exists()


def test_pages_may_not_take_the_archive_s_own_folders(tmp_path: Path) -> None:
    import runpy

    settings = project_settings(tmp_path, MOVED, "moved.py")
    moved = Urls.from_settings(runpy.run_path(str(settings)), "", "")
    assert sorted(moved.reserved) == [
        "by-month", "cards", "find", "maps", "open-data", "page", "pagefind", "schema", "theme", "themes",
        "trends", "where", "who",
    ]  # fmt: skip
    default = Urls.from_settings(runpy.run_path(str(ROOT / "pelicanconf.py")), "", "")
    assert {
        "actors",
        "places",
        "tags",
        "archive",
        "briefings",
        "search",
        "data",
    } <= default.reserved


@pytest.mark.parametrize(
    ("value", "written"),
    [("briefings.example.org", "briefings.example.org\n"), ("https://Briefings.Example.org/", "briefings.example.org\n"), ("", None)],
)  # fmt: skip
def test_a_custom_domain_is_written_as_cname(
    tmp_path: Path, value: str, written: str | None
) -> None:
    settings = project_settings(tmp_path, f"DOSSIER_CNAME = {value!r}\n")
    built = build_site(FIXTURE, tmp_path / "out", "--settings", str(settings), "--no-search")
    assert built.returncode == 0, built.stderr
    cname = built.output / "CNAME"
    assert (cname.read_text(encoding="utf-8") if cname.exists() else None) == written


def test_a_custom_domain_that_is_not_a_host_is_one_line(tmp_path: Path) -> None:
    settings = project_settings(tmp_path, "DOSSIER_CNAME = 'not a host'\n")
    result = run_dossier("build", "--content", str(FIXTURE), "--settings", str(settings),
                         "--output", str(tmp_path / "out"))  # fmt: skip
    assert result.returncode == 1
    assert result.stderr.strip().splitlines() == [
        "dossier: error: DOSSIER_CNAME = 'not a host' is not a host name such as briefings.example.org"
    ]


@pytest.mark.parametrize(
    "patterns",
    [
        {},
        {"ARTICLE_URL": "{date:%Y}/{slug}/", "PAGE_URL": "pages/{slug}.html"},
        {"ARTICLE_URL": "{date:%Y/%m/%d}/{slug}.html", "PAGE_URL": "{slug}/"},
    ],
)
def test_pelican_is_given_the_address_it_would_work_out(patterns: dict[str, str]) -> None:
    # The reader hands Pelican each file's address as its own override (so
    # Pelican does not format it again each time it is asked): it must be
    # the one Pelican makes from the same settings.
    import copy
    import datetime as dt

    from pelican.contents import Article
    from pelican.contents import Page as PelicanPage
    from pelican.settings import DEFAULT_CONFIG

    from dossier.model import Page

    settings = {**copy.deepcopy(DEFAULT_CONFIG), **patterns}
    urls = Urls.from_settings(settings, "", "")
    record = briefing("sirte-falls", 7)
    date = dt.datetime(2016, 10, 7, tzinfo=dt.UTC)
    made = Article("", {"title": "t", "slug": record.slug, "date": date}, settings=settings)
    assert urls.url(record) == made.url
    about = Page("pages/about.md", "about", "About", "")
    page = PelicanPage("", {"title": "About", "slug": "about"}, settings=settings)
    assert urls.url(about) == page.url
