"""The front page says what changed: the last four weeks against the four before."""

from __future__ import annotations

import datetime as dt

import pytest

from dossier.makers.home import home_pages, neighbours, recent_activity
from dossier.relate import relate
from dossier.resolve import resolve

from .helpers import Build
from .model_helpers import actor, briefing, corpus, place


def test_the_most_active_entities_of_the_last_four_weeks_against_the_four_before() -> None:
    haftar = actor("haftar", "Khalifa Haftar", "Haftar")
    bm = actor("bm", "Bunyan al-Marsus", "BM")
    libya = place("libya", "Libya")
    sirte = place("sirte", "Sirte", within="Libya")
    briefings = [
        briefing("old", 1, month=9, actors=["Haftar"], places=["Sirte"]),  # before both windows
        briefing("before", 10, month=11, actors=["Haftar", "BM"], places=["Sirte"]),
        briefing("recent1", 1, month=12, actors=["Haftar"], places=["Sirte"]),
        briefing("recent2", 20, month=12, actors=["Haftar", "BM"]),
        briefing("newest", 28, month=12, actors=["Haftar"]),
    ]
    archive = relate(resolve(corpus(briefings, [haftar, bm], [libya, sirte])))
    recent = recent_activity(archive)
    assert recent is not None
    assert (recent.since, recent.until) == (dt.date(2016, 12, 1), dt.date(2016, 12, 28))
    assert [(m.entity.slug, m.recent, m.before) for m in recent.actors] == [
        ("haftar", 3, 1), ("bm", 1, 1)
    ]  # fmt: skip
    assert [(m.entity.slug, m.recent, m.change) for m in recent.places] == [("sirte", 1, 0)]


def test_the_first_home_page_shows_the_last_four_weeks_and_the_map(site: Build) -> None:
    home = site.page("/")
    section = home[
        home.index('<section class="recent"') : home.index(
            "</section>", home.index('<section class="recent"')
        )
    ]
    assert "Briefings from <time" in section
    assert (
        '<a href="/actors/khalifa-haftar/">Khalifa Haftar</a> <span class="mover-count">1</span>'
        in section
    )
    assert "new" in section
    assert '<section class="home-map"' in home
    assert (
        home.index('class="recent"')
        < home.index('class="feed-list"')
        < home.index('class="home-map"')
    )


@pytest.mark.parametrize(
    ("count", "per_page", "pages"),
    [
        (0, 10, [(0, 0)]),
        (7, 10, [(0, 7)]),
        (10, 10, [(0, 10)]),
        (11, 10, [(0, 10), (10, 11)]),
        (25, 10, [(0, 10), (15, 25), (10, 15)]),  # page 2: the oldest ten; page 3: five
        (30, 10, [(0, 10), (20, 30), (10, 20)]),
        (25, 0, [(0, 25)]),  # no pagination
    ],
)
def test_the_home_list_pages_count_from_the_oldest(
    count: int, per_page: int, pages: list[tuple[int, int]]
) -> None:
    layout = home_pages(count, per_page)
    assert [(r.start, r.stop) for r in layout] == pages
    assert sorted(i for r in layout for i in r) == list(range(count))  # each once


def test_a_new_briefing_leaves_the_older_pages_as_they_were() -> None:
    before, after = home_pages(25, 10), home_pages(26, 10)
    # Position i in 25 briefings is position i + 1 in 26 (the new one is first).
    assert [i + 1 for i in before[1]] == list(after[1])  # the oldest page: the same briefings
    assert len(after) == len(before)


@pytest.mark.parametrize(
    ("number", "count", "newer", "older"),
    [(1, 1, None, None), (1, 4, None, 4), (4, 4, 1, 3), (3, 4, 4, 2), (2, 4, 3, None),
     (2, 2, 1, None), (1, 2, None, 2)],
)  # fmt: skip
def test_each_page_links_the_newer_and_the_older(
    number: int, count: int, newer: int | None, older: int | None
) -> None:
    assert neighbours(number, count) == (newer, older)
