"""Activity charts: briefings per month, drawn as SVG and said as text."""

from __future__ import annotations

import datetime as dt

from dossier.makers.activity import chart, months
from dossier.relate import EntityListing

from .helpers import Build
from .model_helpers import actor, briefing


def test_months_run_from_the_first_to_the_last() -> None:
    assert months((dt.date(2016, 11, 1), dt.date(2017, 2, 1))) == [
        dt.date(2016, 11, 1), dt.date(2016, 12, 1), dt.date(2017, 1, 1), dt.date(2017, 2, 1),
    ]  # fmt: skip


def test_a_chart_counts_listing_and_naming_briefings_by_month() -> None:
    haftar = actor("haftar", "Khalifa Haftar")
    listed = (briefing("c", 20, month=12), briefing("b", 3, month=12), briefing("a", 9, month=10))
    named = (briefing("d", 2, month=11),)
    drawn = chart(
        EntityListing(briefings=listed, entity=haftar, mentioned_only=named),
        (dt.date(2016, 9, 1), dt.date(2016, 12, 1)),
    )
    assert drawn is not None
    assert [(m.start.month, m.listed, m.named) for m in drawn.months] == [
        (10, 1, 0), (11, 0, 1), (12, 2, 0)
    ]  # fmt: skip
    assert drawn.caption == (
        "3 briefings list Khalifa Haftar and 1 more names it, September 2016 to December 2016; "
        "the busiest month was December 2016 (2)."
    )
    svg = str(drawn.svg)
    assert svg.startswith('<svg class="activity-chart" viewBox="0 0 4 40"')
    assert svg.count('class="bar-listed"') == 2
    assert svg.count('class="bar-named"') == 1
    assert 'x="3.1" y="0.00" width="0.8" height="40.00"' in svg  # December: the tallest
    empty = EntityListing(briefings=(), entity=haftar)
    assert chart(empty, (dt.date(2016, 9, 1), dt.date(2016, 12, 1))) is None


def test_a_caption_names_a_busiest_month_only_when_there_is_one() -> None:
    from .model_helpers import place

    span = (dt.date(2016, 9, 1), dt.date(2016, 12, 1))
    haftar = actor("haftar", "Khalifa Haftar")
    tied = (briefing("c", 20, month=12), briefing("b", 3, month=11), briefing("a", 9, month=10))
    drawn = chart(EntityListing(briefings=tied, entity=haftar), span)
    assert drawn is not None
    assert drawn.caption == "3 briefings list Khalifa Haftar, September 2016 to December 2016."
    # A place's timeline takes in the places within it, and says so.
    libya, sirte = place("libya", "Libya"), place("sirte", "Sirte")
    rolled = EntityListing(briefings=tied[:2], entity=libya, via={"c": (sirte,)})
    drawn = chart(rolled, span)
    assert drawn is not None
    assert drawn.caption.startswith("2 briefings list Libya or a place within it,")


def test_an_entity_page_shows_its_activity_as_a_chart_and_as_text(site: Build) -> None:
    page = site.page("/actors/khalifa-haftar/")
    start = page.index('<div class="activity">')
    figure = page[start : page.index("</details>", start)]
    assert '<svg class="activity-chart"' in figure
    assert 'aria-hidden="true"' in figure
    assert "<figcaption>3 briefings list Khalifa Haftar, October 2016 to January 2017" in figure
    assert "<tr><td>October 2016</td><td>2</td><td>0</td></tr>" in figure


def test_a_sparkline_follows_the_listing_briefings_over_the_span() -> None:
    from dossier.makers.activity import sparkline

    haftar = actor("haftar", "Khalifa Haftar")
    listed = (briefing("c", 20, month=12), briefing("b", 3, month=12), briefing("a", 9, month=10))
    span = (dt.date(2016, 9, 1), dt.date(2016, 12, 1))
    line = str(sparkline(EntityListing(briefings=listed, entity=haftar), span))
    assert 'viewBox="0 0 3 11"' in line
    assert 'points="0 10 1 6 2 10 3 1"' in line  # Sep 0, Oct 1, Nov 0, Dec 2 (the top)
    assert 'aria-hidden="true"' in line
    none = str(sparkline(EntityListing(briefings=(), entity=haftar), span))
    assert none == '<span class="spark"></span>'


def test_index_pages_show_a_sparkline_beside_each_count(site: Build) -> None:
    page = site.page("/actors/")
    assert page.count('<svg class="spark"') + page.count('<span class="spark">') == page.count(
        '<span class="count">'
    )
