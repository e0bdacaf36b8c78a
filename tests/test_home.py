"""The front page says what changed: the last four weeks against the four before."""

from __future__ import annotations

import datetime as dt

from dossier.makers.home import recent_activity
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
