"""Long timelines cut by year (#23 item 3): an entity's page holds its latest
year, each earlier year a page of its own; a short timeline stays whole."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from playwright.sync_api import expect

from dossier.makers.timeline import timeline_pages
from dossier.model import Actor, Briefing
from dossier.relate import EntityListing
from dossier.urls import EntityYear

from .browser_helpers import Pages, serve
from .helpers import FIXTURE, Build, build_site, outline, project_settings

HAFTAR = Actor(section="actors", slug="haftar", name="Khalifa Haftar")


def _briefing(slug: str, day: str) -> Briefing:
    date = dt.datetime.fromisoformat(day).replace(tzinfo=dt.UTC)
    return Briefing(path=f"{slug}.md", slug=slug, title=slug, date=date, body_html="", summary="")


def _listing(listed: list[str], named: list[str]) -> EntityListing:
    def briefings(days: list[str], prefix: str) -> tuple[Briefing, ...]:
        found = [_briefing(f"{prefix}{n}", d) for n, d in enumerate(days)]
        return tuple(sorted(found, key=lambda b: b.date, reverse=True))

    return EntityListing(briefings(listed, "b"), entity=HAFTAR,
                         mentioned_only=briefings(named, "m"))  # fmt: skip


@pytest.mark.parametrize(
    ("listed", "named", "longest", "years"),
    [
        # short: whole, on the entity's page
        (["2016-01-02", "2017-03-04"], [], 2, [None]),
        # long but all in one year: whole
        (["2016-01-02", "2016-03-04", "2016-05-06"], [], 2, [None]),
        # long over three years: the latest first, then each earlier year
        (["2016-01-02", "2017-03-04", "2019-05-06"], [], 2, [2019, 2017, 2016]),
        # a year where it is only named has a page too
        (["2017-03-04", "2019-05-06"], ["2015-01-01"], 2, [2019, 2017, 2015]),
    ],
)  # fmt: skip
def test_a_timeline_is_cut_by_year_only_when_long(
    listed: list[str], named: list[str], longest: int, years: list[int | None]
) -> None:
    pages = timeline_pages(_listing(listed, named), longest)
    assert [p.year for p in pages] == years
    # Every briefing is on exactly one page.
    shown = [b.slug for p in pages for y in p.years for m in y.months for b in m.briefings]
    assert sorted(shown) == sorted(f"b{n}" for n in range(len(listed)))
    assert sorted(b.slug for p in pages for b in p.mentioned) == [
        f"m{n}" for n in range(len(named))
    ]
    if years != [None]:
        links = pages[0].links
        assert all(p.links == links for p in pages)
        assert [y.year for y in links] == years
        assert links[0].page == HAFTAR  # the latest year is the entity's own page
        assert [y.page for y in links[1:]] == [EntityYear(HAFTAR, y) for y in years[1:] if y]


@pytest.fixture(scope="module")
def cut(tmp_path_factory: pytest.TempPathFactory) -> Build:
    folder = tmp_path_factory.mktemp("timeline")
    settings = project_settings(folder, "DOSSIER_TIMELINE_PAGE = 2\n")
    built = build_site(FIXTURE, folder / "out", "--settings", str(settings))
    assert built.returncode == 0, built.stderr
    return built


def test_a_long_timeline_s_older_years_have_pages_of_their_own(cut: Build) -> None:
    # Haftar: two briefings of 2016, one of 2017 (tests/fixture).
    main = cut.page("/actors/khalifa-haftar/")
    older = cut.page("/actors/khalifa-haftar/2016/")
    timeline = main.split('<section class="timeline"')[1].split("</section>")[0]
    assert "/briefings/fixed-slug/" in timeline  # 2017
    assert "/briefings/sirte-bm-splits-enclave/" not in timeline  # 2016
    assert "/briefings/sirte-bm-splits-enclave/" in older
    assert "/briefings/fixed-slug/" not in older.split("<main")[1]
    assert outline(older).h1 == ("Khalifa Haftar in 2016",)
    # Each page links every year, the one shown marked; the latest is the entity's page.
    assert '<a href="/actors/khalifa-haftar/2016/">2016</a>' in main
    assert '<a href="/actors/khalifa-haftar/#dossier_timeline">2017</a>' in older
    assert '<a href="/actors/khalifa-haftar/2016/" aria-current="page">2016</a>' in older
    # The year's page is not a second search result for the entity.
    assert "data-pagefind-body" not in older
    # An entity whose timeline is short keeps one page.
    # (Sirte: two briefings, both of 2016.)
    assert not (cut.output / "places/sirte/2016").exists()
    years = [p.relative_to(cut.output).parent for s in ("actors", "places")
             for p in cut.output.glob(f"{s}/*/*/index.html")]  # fmt: skip
    assert sorted(p.as_posix() for p in years) == [
        "actors/khalifa-haftar/2016", "places/libya/2016", "places/misrata/2016",
    ]  # fmt: skip


def test_a_timeline_page_setting_that_is_no_count_is_one_error(tmp_path: Path) -> None:
    settings = project_settings(tmp_path, "DOSSIER_TIMELINE_PAGE = 'ten'\n")
    built = build_site(FIXTURE, tmp_path / "out", "--settings", str(settings))
    assert built.returncode != 0
    assert "DOSSIER_TIMELINE_PAGE = 'ten' is not a whole number of at least 1" in built.stderr
    assert "Traceback" not in built.stderr


def test_a_long_theme_s_older_years_have_pages_of_their_own(tmp_path: Path) -> None:
    import shutil

    content = tmp_path / "content"
    shutil.copytree(FIXTURE, content)
    (content / "briefings" / "2017" / "2017-01-20-later.md").write_text(
        "---\ntitle: Later\ndate: 2017-01-20\ntags: [security]\n---\nText.\n", "utf-8"
    )
    settings = project_settings(tmp_path, "DOSSIER_TIMELINE_PAGE = 2\n")
    built = build_site(content, tmp_path / "out", "--settings", str(settings), "--no-search")
    assert built.returncode == 0, built.stderr
    main, older = built.page("/tags/security/"), built.page("/tags/security/2016/")
    # The theme's page: its whole count, then its latest year; 2016 on its own page.
    assert "3 briefings" in main
    assert "/briefings/later/" in main
    assert "/briefings/sirte-bm-splits-enclave/" not in main
    assert outline(older).h1 == ("Security in 2016",)
    assert "/briefings/sirte-bm-splits-enclave/" in older
    assert "/briefings/later/" not in older.split("<main")[1]
    assert '<a href="/tags/security/2016/" aria-current="page">2016</a>' in older
    assert '<a href="/tags/security/">2017</a>' in older
    # A short theme keeps its one page.
    assert not list((built.output / "tags" / "politics").glob("*/index.html"))


def test_a_long_archive_is_cut_by_year_and_old_links_still_land(cut: Build, pages: Pages) -> None:
    main, older = cut.page("/archive/"), cut.page("/archive/2016/")
    assert 'id="y2017"' in main
    assert 'id="y2016"' not in main
    assert "All 3 briefings, newest first." in main
    assert "The 2 briefings of 2016, newest first." in older
    assert 'id="y2016-10"' in older
    assert '<a href="/archive/2016/" data-year="2016" aria-current="page">2016</a>' in older
    # A briefing's kicker still links /archive/#y2016-10: the archive sends it on.
    with serve(cut.output) as base:
        page = pages.open()
        page.goto(base + "/archive/#y2016-10")
        page.wait_for_url(base + "/archive/2016/#y2016-10")
        expect(page.locator("#y2016-10")).to_be_attached()
        page.goto(base + "/archive/#y2017-01")  # on the archive's own page: it stays
        expect(page.locator("#y2017-01")).to_be_attached()
        assert page.url == base + "/archive/#y2017-01"
