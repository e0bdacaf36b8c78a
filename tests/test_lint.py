"""check's hints: entities named in the text but not listed, one line per briefing."""

from __future__ import annotations

from dataclasses import replace

import pytest

from dossier.lint import untagged_mentions
from dossier.relate import relate
from dossier.resolve import resolve

from .model_helpers import actor, briefing, corpus, place

HAFTAR = actor("haftar", "Khalifa Haftar")
BM = actor("bm", "Bunyan al-Marsus")
SIRTE = place("sirte", "Sirte")
LIBYA = replace(place("libya", "Libya"), background=True)


@pytest.mark.parametrize(
    ("listed", "mention_lines", "expected"),
    [
        ([], [("actors/haftar", 9), ("places/sirte", 7), ("actors/bm", 12)],
         ["a.md:7: warning: mentioned but not listed in 'actors': Khalifa Haftar (line 9), "
          "Bunyan al-Marsus (line 12); in 'places': Sirte (line 7)"]),
        (["Khalifa Haftar"], [("actors/haftar", 9), ("actors/bm", 12)],
         ["a.md:12: warning: mentioned but not listed in 'actors': Bunyan al-Marsus (line 12)"]),
        ([], [("places/libya", 6)], []),  # background: never a warning
        (["Khalifa Haftar"], [("actors/haftar", 9)], []),
    ],
)  # fmt: skip
def test_one_line_per_briefing(
    listed: list[str], mention_lines: list[tuple[str, int]], expected: list[str]
) -> None:
    text = briefing("a", 1, actors=listed)
    text = replace(
        text, mentions=tuple(k for k, _ in mention_lines), mention_lines=tuple(mention_lines)
    )
    archive = relate(resolve(corpus([text], [HAFTAR, BM], [SIRTE, LIBYA])))
    assert [str(d) for d in untagged_mentions(archive)] == expected


def test_a_briefing_scheduled_more_than_a_year_ahead_warns() -> None:
    import datetime as dt

    from dossier.lint import future_dates

    briefings = [briefing("soon", 20), briefing("past", 1), briefing("later", 25, status="draft")]
    # Built on 10 October 2016: "soon" is scheduled, "later" a draft.
    resolved = resolve(corpus(briefings), now=dt.datetime(2016, 10, 10, tzinfo=dt.UTC))
    assert [b.slug for b in resolved.scheduled] == ["soon"]
    assert [b.slug for b in resolved.briefings] == ["past"]
    assert future_dates(resolved.scheduled, dt.date(2016, 10, 10)) == []
    # A year and more ahead: a typo in the year, most likely.
    assert [str(d) for d in future_dates(resolved.scheduled, dt.date(2015, 10, 10))] == [
        "soon.md:1: warning: 'date' 2016-10-20 is more than a year ahead, so the site "
        "leaves this briefing out until then; is the year a typo?"
    ]


def test_a_map_region_the_registry_does_not_have_warns() -> None:
    from dossier.lint import map_region

    archive = relate(resolve(corpus([briefing("a", 1)], [], [SIRTE, LIBYA])))
    assert map_region(archive, "libya", "conf.py") == []  # by slug, name or alias
    assert map_region(archive, "", "conf.py") == []  # not set: nothing to say
    assert [str(d) for d in map_region(archive, "Lybia", "conf.py")] == [
        "conf.py: warning: DOSSIER_MAP_REGION = 'Lybia' is not a place in the places "
        "registry; the map shows the region with the most places instead"
    ]


@pytest.mark.parametrize(
    ("kinds", "expected"),
    [
        (["twon", "town", "town"], ["places/p0.md:1: warning: kind 'twon' is used by no other "
                                     "place: did you mean 'town'?"]),
        (["citty"], ["places/p0.md:1: warning: kind 'citty' is used by no other place: "
                     "did you mean 'city'?"]),
        (["wadi", "city"], []),  # unusual but no near miss: the author's own word
        (["town", "town"], []),
    ],
)  # fmt: skip
def test_a_kind_close_to_another_but_used_once_is_a_likely_typo(
    kinds: list[str], expected: list[str]
) -> None:
    from dossier.lint import unusual_kinds

    places = [replace(place(f"p{n}", f"P{n}"), kind=k) for n, k in enumerate(kinds)]
    archive = relate(resolve(corpus([briefing("a", 1)], [], places)))
    assert [str(d) for d in unusual_kinds(archive)] == expected


def test_a_briefing_published_with_the_draft_s_text_is_flagged() -> None:
    from dossier.lint import template_text
    from dossier.scaffold import PLACEHOLDER

    written = briefing("a", 1)
    left = replace(briefing("b", 2), body_html=f"<p>On 2 October, ...</p><p>{PLACEHOLDER} …</p>")
    archive = relate(resolve(corpus([written, left])))
    assert [str(d) for d in template_text(archive)] == [
        "b.md:1: warning: the body still has the text 'dossier new' wrote: write the briefing, "
        "or keep it a draft (status: draft)"
    ]
