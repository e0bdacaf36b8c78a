"""Editorial trends (#16 item 2): front-matter calls, their checks, and where
a reader sees them: the briefing, the entity's timeline, the Trends page,
the home page and the data files."""

from __future__ import annotations

import csv
import datetime as dt
import io
import re
from html import unescape

import pytest

from dossier.errors import ContentErrors
from dossier.link import Linker
from dossier.model import Actor, Place, Trend
from dossier.read import read_briefing

from .helpers import Build

HAFTAR = Actor("actors", "khalifa-haftar", "Khalifa Haftar", aliases=("Haftar", "خليفة حفتر"))
SIRTE = Place("places", "sirte", "Sirte", aliases=("سرت",))
LINKER = Linker([HAFTAR, SIRTE], lambda e: f"/{e.section}/{e.slug}/")


def _briefing(trends: str) -> str:
    return (
        "---\ntitle: T\ndate: 2016-10-07\nactors: [خليفة حفتر, Jeff Davies]\n"
        f"places: [Sirte]\n{trends}\n---\n\nText.\n"
    )


@pytest.mark.parametrize(
    ("trends", "expected"),
    [
        ("trends: {Sirte: deteriorated}", [Trend("Sirte", "deteriorated", line=6)]),
        ("trends:\n  Sirte: Improved, alert", [Trend("Sirte", "improved", True, line=7)]),
        ("trends:\n  Sirte: unchanged + alert + opportunity",
         [Trend("Sirte", "unchanged", True, True, line=7)]),
        ("trends:\n  Sirte: {trend: improved, opportunity: true}",
         [Trend("Sirte", "improved", False, True, line=7)]),
        # An alias of a listed entity (the list wrote the Arabic name), and a
        # listed name no registry knows.
        ("trends:\n  Haftar: deteriorated\n  Jeff Davies: unchanged",
         [Trend("Haftar", "deteriorated", line=7), Trend("Jeff Davies", "unchanged", line=8)]),
        ("trends:\n  سرت: improved", [Trend("سرت", "improved", line=7)]),
        ("trends: {}", []),
    ],
)  # fmt: skip
def test_trend_calls_are_read_in_every_form(trends: str, expected: list[Trend]) -> None:
    briefing, warnings = read_briefing(_briefing(trends), "t.md", "t", linker=LINKER)
    assert list(briefing.trends) == expected
    assert warnings == []


@pytest.mark.parametrize(
    ("trends", "message"),
    [
        ("trends: [Sirte]", "t.md:6: error: 'trends' maps actors and places to a trend"),
        ("trends:\n  Sirte: worse", "t.md:7: error: 'worse' is not a trend (of 'Sirte'): write one"),
        ("trends:\n  x: 1\n  Sirte: deteriorate",
         "t.md:8: error: 'deteriorate' is not a trend (of 'Sirte'): did you mean 'deteriorated'?"),
        ("trends:\n  Sirte: alert",
         "t.md:7: error: the trend of 'Sirte' has no direction: write one of"),
        ("trends:\n  Sirte: improved, deteriorated",
         "t.md:7: error: the trend of 'Sirte' has two directions"),
        ("trends:\n  Sirte: {trend: improved, risk: true}",
         "t.md:7: error: unknown key 'risk' in the trend of 'Sirte'"),
        ("trends:\n  Sirte: {trend: improved, alert: yes please}",
         "t.md:7: error: 'alert' and 'opportunity' are true or false"),
        ("trends:\n  Sirte: [improved]", "t.md:7: error: the trend of 'Sirte' must be a word"),
        ("trends:\n  Misrata: improved",
         "t.md:7: error: 'Misrata' has a trend but is not among this briefing's actors or places"),
    ],
)  # fmt: skip
def test_bad_trend_calls_are_located_errors(trends: str, message: str) -> None:
    with pytest.raises(ContentErrors) as caught:
        read_briefing(_briefing(trends), "t.md", "t", linker=LINKER)
    shown = [str(p) for p in caught.value.diagnostics()]
    assert any(s.startswith(message) for s in shown), shown


def test_a_name_given_two_trends_is_an_error_not_a_silent_pick() -> None:
    text = _briefing("trends:\n  Sirte: deteriorated\n  Sirte: improved")
    with pytest.raises(ContentErrors) as caught:
        read_briefing(text, "t.md", "t", linker=LINKER)
    assert [str(p) for p in caught.value.diagnostics()] == [
        "t.md:8: error: 'Sirte' has two trends: keep one"
    ]


def test_every_bad_call_of_a_file_is_reported_at_once() -> None:
    text = _briefing("trends:\n  Sirte: worse\n  Nowhere: improved\n  Haftar: up")
    with pytest.raises(ContentErrors) as caught:
        read_briefing(text, "t.md", "t", linker=LINKER)
    assert [p.line for p in caught.value.diagnostics()] == [7, 8, 9]


def test_two_names_of_one_entity_are_one_call_too_many(tmp_path: object) -> None:
    from dossier.resolve import resolve_trends

    text = _briefing("trends:\n  Haftar: improved\n  Khalifa Haftar: deteriorated")
    text = text.replace("actors: [خليفة حفتر, Jeff Davies]", "actors: [Khalifa Haftar]")
    briefing, _ = read_briefing(text, "t.md", "t", linker=LINKER)
    from dossier.registry import make_registry

    actors, _ = make_registry("actors", [HAFTAR])
    places, _ = make_registry("places", [SIRTE])
    found, problems = resolve_trends((briefing,), actors, places, {"t": (HAFTAR,)}, {"t": (SIRTE,)})
    assert found == {"t": {"actors/khalifa-haftar": Trend("Haftar", "improved", line=7)}}
    assert [str(p) for p in problems] == [
        "t.md:8: error: 'Khalifa Haftar' is another name of Khalifa Haftar, which already has a "
        "trend here: keep one"
    ]


# The fixture's calls: the Sirte briefing (7 October 2016) says Sirte improved
# and ISIS deteriorated with an alert; the tanks briefing (14 October) that
# Sirte deteriorated and Haftar (listed in Arabic) is unchanged; the outlook
# (5 January 2017) that Misrata is unchanged with an alert, and BM improved
# with an opportunity.


def _text(html: str) -> str:
    return unescape(" ".join(re.sub(r"<[^>]+>", " ", html).split()))


def test_the_briefing_shows_its_calls_first_and_beside_each_name(site: Build) -> None:
    page = site.page("/briefings/sirte-bm-splits-enclave/")
    calls = page.split('<section class="trend-calls"', 1)[1].split(">", 1)[1]
    calls = calls.split("</section>", 1)[0]
    assert _text(calls).startswith(
        "Trends in this briefing Sirte improved Islamic State deteriorated risk alert"
    )
    aside = page.split('class="facts"', 1)[1].split("</aside>", 1)[0]
    assert re.search(r'/places/sirte/"[^>]*>Sirte</a> <span class="trend trend-improved"', aside)
    # Never colour alone: the direction is in words for screen readers too.
    assert '<span class="visually-hidden">improved</span>' in aside
    assert 'class="trend-flag trend-flag-alert">risk alert</span>' in aside
    plain = site.page("/briefings/fixed-slug/")
    assert "trend-opportunity" not in plain
    assert 'trend-flag-opportunity">opportunity</span>' in plain


def test_an_entity_timeline_marks_each_call(site: Build) -> None:
    page = site.page("/places/sirte/")
    timeline = page.split('id="dossier_timeline"', 1)[1].split("</section>", 1)[0]
    rows = [re.sub(r'<p class="context">.*?</p>', "", r, flags=re.S)
            for r in re.findall(r"<li>.*?</li>", timeline, re.S)]  # fmt: skip
    assert [_text(r) for r in rows] == [
        '14 October 2016 Tanks <b>& "quotes"</b> in <Sirte> deteriorated',
        "7 October 2016 BM splits the ISIS enclave in Sirte improved",
    ]
    stats = page.split('class="stats"', 1)[1].split("</dl>", 1)[0]
    assert "Latest trend deteriorated in October 2016" in _text(stats)
    # Haftar's call was made under his Arabic name.
    assert "unchanged" in site.page("/actors/khalifa-haftar/").split('id="dossier_timeline"')[1]


def test_the_trends_page_tables_the_latest_call_of_each_month(site: Build) -> None:
    page = site.page("/trends/")
    tables = re.findall(r"<table.*?</table>", page, re.S)
    assert len(tables) == 2  # 2017, then 2016
    heads = [re.findall(r'<th scope="col">(.*?)</th>', t) for t in tables]
    assert [[_text(h) for h in row] for row in heads] == [
        ["Actor or place", "Jan"], ["Actor or place", "Oct"],
    ]  # fmt: skip
    rows_2016 = [
        _text(r) for r in re.findall(r"<tr>\s*<th scope=\"row\">.*?</tr>", tables[1], re.S)
    ]
    # Places first, then actors; Sirte's October is the 14th's call, not the 7th's.
    assert rows_2016 == [
        "Sirte place deteriorated",
        "Islamic State actor deteriorated risk alert",
        "Khalifa Haftar actor unchanged",
    ]
    assert (
        'href="/briefings/tanks-and-quotes/"' in tables[1].split("Sirte</a>")[1].split("</tr>")[0]
    )
    assert '<a href="/trends/" aria-current="page">Trends</a>' in page
    assert '<a href="/trends/">Trends</a>' in site.page("/")


def test_the_home_page_lists_the_calls_of_the_last_four_weeks_that_moved(site: Build) -> None:
    page = site.page("/")
    moved = page.split('class="trend-changes"', 1)[1].split("</section>", 1)[0]
    items = [_text(li) for li in re.findall(r"<li>.*?</li>", moved, re.S)]
    # Only the outlook is in the four weeks to the newest briefing.
    assert items == [
        "Bunyan al-Marsus improved opportunity Outlook for the new year , 5 January 2017 . "
        "The first call on it.",
        "Misrata unchanged risk alert Outlook for the new year , 5 January 2017 . "
        "The first call on it.",
    ]


def test_mentions_csv_carries_each_call(site: Build) -> None:
    text = site.data("mentions.csv")
    rows = list(csv.DictReader(io.StringIO(text)))
    called = {
        (r["briefing"], r["entity"]): (r["trend"], r["alert"], r["opportunity"]) for r in rows
    }
    assert called[("sirte-bm-splits-enclave", "islamic-state")] == ("deteriorated", "1", "0")
    assert called[("tanks-and-quotes", "khalifa-haftar")] == ("unchanged", "0", "0")
    assert called[("fixed-slug", "bunyan-al-marsus")] == ("improved", "0", "1")
    assert called[("sirte-bm-splits-enclave", "misrata")] == ("", "", "")


def test_recent_changes_say_what_moved_and_what_it_was() -> None:
    from dossier.makers.trends import recent_changes
    from dossier.model import Briefing
    from dossier.relate import Archive, EntityListing

    def b(slug: str, day: int) -> Briefing:
        return Briefing("p.md", slug, slug, dt.datetime(2016, 10, day, tzinfo=dt.UTC), "", "")

    newest, older, oldest = b("c", 30), b("b", 20), b("a", 1)
    listing = EntityListing(
        briefings=(newest, older, oldest),
        entity=SIRTE,
        trends={"c": Trend("Sirte", "unchanged"), "a": Trend("Sirte", "deteriorated")},
    )
    steady = EntityListing(
        briefings=(newest, older),
        entity=HAFTAR,
        trends={"c": Trend("Haftar", "unchanged"), "b": Trend("Haftar", "unchanged")},
    )
    archive = Archive(
        briefings=(newest, older, oldest), actors={"khalifa-haftar": steady},
        places={"sirte": listing}, tags={}, actors_of={}, places_of={}, tags_of={},
        older={}, newer={}, years=(), parents={},
    )  # fmt: skip
    (change,) = recent_changes(archive)  # Haftar's unchanged twice is no change
    assert (change.entity, change.call.briefing.slug, change.call.trend.direction) == (
        SIRTE, "c", "unchanged",
    )  # fmt: skip
    assert change.before is not None
    assert change.before.briefing.slug == "a"


def test_a_year_s_table_has_every_month_from_its_first_call_to_its_last() -> None:
    from dossier.makers.trends import table
    from dossier.model import Briefing
    from dossier.relate import Archive, EntityListing

    def b(slug: str, month: int) -> Briefing:
        return Briefing("p.md", slug, slug, dt.datetime(2016, month, 5, tzinfo=dt.UTC), "", "")

    august, october = b("a", 8), b("c", 10)
    listing = EntityListing(
        briefings=(october, august),
        entity=SIRTE,
        trends={"c": Trend("Sirte", "improved"), "a": Trend("Sirte", "deteriorated")},
    )
    archive = Archive(
        briefings=(october, august), actors={}, places={"sirte": listing}, tags={},
        actors_of={}, places_of={}, tags_of={}, older={}, newer={}, years=(), parents={},
    )  # fmt: skip
    (year,) = table(archive)
    assert [m.month for m in year.months] == [8, 9, 10]
    (row,) = year.rows
    assert [c.trend.direction if c else None for c in row.cells] == [
        "deteriorated", None, "improved",
    ]  # fmt: skip


def test_index_pages_show_each_entity_s_latest_call(site: Build) -> None:
    places = site.page("/places/")
    row = places.split('href="/places/sirte/">Sirte</a>', 1)[1].split("</li>", 1)[0]
    assert '<span class="trend trend-deteriorated"' in row  # the 14 October call
    assert "trend-flag" not in row  # flags are for the entity's own page
    actors = site.page("/actors/")
    row = actors.split('href="/actors/islamic-state/">Islamic State</a>', 1)[1].split("</li>", 1)[0]
    assert 'title="Deteriorated; conflict risk alert"' in row
