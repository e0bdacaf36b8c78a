"""The relate stage's passes, each on small hand-made values."""

from __future__ import annotations

import datetime as dt
from collections import Counter

import pytest

from dossier.model import Entity
from dossier.relate import (
    ancestors,
    children,
    co_occurrence,
    group_by_month,
    mentioned_only,
    neighbours,
    ranked,
    relate,
    tag_listings,
    tagged_in,
)
from dossier.resolve import newest_first, resolve

from .helpers import sample_result
from .model_helpers import actor, briefing, corpus, place, registry

HAFTAR = actor("haftar", "Khalifa Haftar", "Haftar")
BM = actor("bm", "Bunyan al-Marsus", "BM")
GNA = actor("gna", "Government of National Accord")
SIRTE = place("sirte", "Sirte")
LIBYA = place("libya", "Libya")

A = briefing("a", 1)
B = briefing("b", 2)
C = briefing("c", 3)
NEWEST_FIRST = (C, B, A)
ACTORS_OF = {"a": (HAFTAR, BM), "b": (HAFTAR,), "c": (BM, GNA)}
PLACES_OF = {"a": (SIRTE,), "c": (SIRTE,)}


def test_newest_first_breaks_ties_by_slug() -> None:
    same_day = [briefing("x", 5), briefing("z", 5), briefing("y", 5), briefing("w", 4)]
    assert [b.slug for b in newest_first(same_day)] == ["z", "y", "x", "w"]


def test_tagged_in_keeps_the_briefings_order() -> None:
    found = tagged_in(NEWEST_FIRST, ACTORS_OF, PLACES_OF)
    assert {k: [b.slug for b in v] for k, v in found.items()} == {
        "actors/haftar": ["b", "a"],
        "actors/bm": ["c", "a"],
        "actors/gna": ["c"],
        "places/sirte": ["c", "a"],
    }


@pytest.mark.parametrize(
    ("mentions", "expected"),
    [
        ({"a": ["actors/gna"]}, {"actors/gna": ["a"]}),  # named, not listed
        ({"c": ["actors/gna"]}, {}),  # named and listed: not "mentioned only"
        ({"a": ["places/libya"], "b": ["places/libya"]}, {"places/libya": ["b", "a"]}),
    ],
)
def test_mentioned_only(mentions: dict[str, list[str]], expected: dict[str, list[str]]) -> None:
    briefings = tuple(
        briefing(b.slug, b.date.day, mentions=mentions.get(b.slug, ())) for b in NEWEST_FIRST
    )
    tagged = tagged_in(briefings, ACTORS_OF, PLACES_OF)
    found = mentioned_only(briefings, tagged)
    assert {k: [b.slug for b in v] for k, v in found.items()} == expected


def test_co_occurrence_counts_briefings_listed_together() -> None:
    counts = co_occurrence(NEWEST_FIRST, ACTORS_OF, PLACES_OF)
    assert counts["actors/bm"] == Counter({"places/sirte": 2, "actors/haftar": 1, "actors/gna": 1})
    assert counts["places/sirte"] == Counter({"actors/bm": 2, "actors/haftar": 1, "actors/gna": 1})
    assert "actors/haftar" not in counts["actors/haftar"]


def test_ranked_most_first_then_a_to_z_within_a_section() -> None:
    everyone: dict[str, Entity] = {e.key: e for e in (HAFTAR, BM, GNA, SIRTE)}
    counts = Counter({"actors/gna": 1, "actors/haftar": 1, "actors/bm": 2, "places/sirte": 5})
    assert [(c.entity.slug, c.count) for c in ranked(counts, everyone, "actors")] == [
        ("bm", 2), ("gna", 1), ("haftar", 1),
    ]  # fmt: skip
    assert [c.entity.slug for c in ranked(counts, everyone, "places")] == ["sirte"]


def test_children_and_ancestors_walk_within_once() -> None:
    fezzan = place("fezzan", "Fezzan")
    sabha = place("sabha", "Sabha")
    ubari = place("ubari", "Ubari")
    parents: dict[str, Entity] = {
        "places/sabha": fezzan, "places/ubari": fezzan, "places/fezzan": LIBYA,
    }  # fmt: skip
    places = registry(LIBYA, fezzan, sabha, ubari)
    assert {k: [e.slug for e in v] for k, v in children(parents, places).items()} == {
        "places/fezzan": ["sabha", "ubari"],
        "places/libya": ["fezzan"],
    }
    assert [e.slug for e in ancestors(sabha, parents)] == ["fezzan", "libya"]
    assert ancestors(LIBYA, parents) == ()
    # A cycle (an author's mistake) ends the walk instead of looping.
    looped: dict[str, Entity] = {"places/sabha": fezzan, "places/fezzan": sabha}
    assert [e.slug for e in ancestors(sabha, looped)] == ["fezzan"]


def test_neighbours() -> None:
    older, newer = neighbours(NEWEST_FIRST)
    assert {k: v.slug for k, v in older.items()} == {"c": "b", "b": "a"}
    assert {k: v.slug for k, v in newer.items()} == {"a": "b", "b": "c"}


def test_tag_listings() -> None:
    resolved = resolve(
        corpus([briefing("a", 1, tags=["oil"]), briefing("b", 2, tags=["oil", "UN"])])
    )
    listings = tag_listings(resolved.briefings, resolved.tags, resolved.tags_of)
    assert {k: [b.slug for b in v.briefings] for k, v in listings.items()} == {
        "oil": ["b", "a"], "un": ["b"],
    }  # fmt: skip


def test_group_by_month_newest_first() -> None:
    briefings = newest_first(
        [briefing("a", 1, month=10), briefing("b", 9, month=10), briefing("c", 1, month=12)]
    )
    years = group_by_month(briefings)
    assert [
        (y.year, [(m.start, [b.slug for b in m.briefings]) for m in y.months]) for y in years
    ] == [
        (2016, [(dt.date(2016, 12, 1), ["c"]), (dt.date(2016, 10, 1), ["b", "a"])]),
    ]
    assert years[0].count == 3


def test_relate_puts_the_passes_together() -> None:
    briefings = [
        briefing("a", 1, actors=["Khalifa Haftar"], places=["Sirte"]),
        briefing("b", 2, actors=["Haftar", "BM"], mentions=["places/sirte"]),
    ]
    archive = relate(resolve(corpus(briefings, [HAFTAR, BM], [SIRTE, LIBYA])))
    haftar = archive.actors["haftar"]
    assert [b.slug for b in haftar.briefings] == ["b", "a"]
    assert haftar.first_seen == dt.datetime(2016, 10, 1, tzinfo=dt.UTC)
    assert [(c.entity.slug, c.count) for c in haftar.actors] == [("bm", 1)]
    sirte = archive.places["sirte"]
    assert [b.slug for b in sirte.mentioned_only] == ["b"]
    assert sirte.last_seen == dt.datetime(2016, 10, 2, tzinfo=dt.UTC)
    assert archive.places["libya"].briefings == ()


def test_an_empty_archive_relates_to_nothing() -> None:
    archive = relate(resolve(corpus([])))
    assert archive.briefings == ()
    assert archive.years == ()
    assert archive.tags == {}


def test_a_background_entity_is_counted_for_nobody() -> None:
    from dataclasses import replace

    country = replace(LIBYA, background=True)
    places_of = {"a": (SIRTE, country), "c": (SIRTE, country)}
    counts = co_occurrence(NEWEST_FIRST, ACTORS_OF, places_of)
    assert "places/libya" not in counts["places/sirte"]
    assert "places/libya" not in counts["actors/bm"]
    assert counts["places/libya"]["places/sirte"] == 2  # its own page still shows who is there


def test_parent_places_gather_the_briefings_of_the_places_within_them() -> None:
    darfur = place("darfur", "Darfur")
    west = place("west-darfur", "West Darfur", within="Darfur")
    geneina = place("el-geneina", "El Geneina", within="West Darfur")
    rsf = actor("rsf", "Rapid Support Forces")
    briefings = [
        briefing("governor-killed", 15, actors=["Rapid Support Forces"], places=["El Geneina"]),
        briefing("darfur-overview", 10, places=["Darfur"]),
        briefing("west-darfur-aid", 5, places=["West Darfur", "El Geneina"]),
    ]
    archive = relate(resolve(corpus(briefings, [rsf], [darfur, west, geneina])))
    d = archive.places["darfur"]
    assert [b.slug for b in d.briefings] == [
        "governor-killed",
        "darfur-overview",
        "west-darfur-aid",
    ]
    assert {slug: [p.slug for p in ps] for slug, ps in d.via.items()} == {
        "governor-killed": ["el-geneina"],
        "west-darfur-aid": ["el-geneina", "west-darfur"],
    }
    w = archive.places["west-darfur"]
    assert [b.slug for b in w.briefings] == ["governor-killed", "west-darfur-aid"]
    assert {slug: [p.slug for p in ps] for slug, ps in w.via.items()} == {
        "governor-killed": ["el-geneina"],
    }
    # Who is seen there counts the gathered briefings, never the places it holds.
    assert [(c.entity.slug, c.count) for c in d.actors] == [("rsf", 1)]
    assert d.places == ()
    assert [b.slug for b in archive.places["el-geneina"].briefings] == [
        "governor-killed", "west-darfur-aid",
    ]  # fmt: skip
    assert archive.places["el-geneina"].via == {}
    assert [p.slug for p in archive.enclosing([geneina])] == ["darfur", "west-darfur"]
    assert [p.slug for p in archive.enclosing([geneina, west])] == ["darfur"]


@pytest.mark.parametrize("floor", [50, 3])  # 3: entities cross the "too common" line
def test_relating_an_edit_again_gives_the_archive_relating_everything_gives(
    floor: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    """serve relates an edited archive keeping the listings the edit cannot
    touch; random edits of the sample archive (lists, names, dates, places
    with parents) must give exactly what a whole relate gives."""
    import random
    from dataclasses import replace

    import dossier.relate

    monkeypatch.setattr(dossier.relate, "COMMON_FLOOR", floor)
    result = sample_result()
    corpus, archive = result.corpus, relate(result.resolved)
    actors = sorted(e.name for e in corpus.actors.entities.values())
    places = sorted(e.name for e in corpus.places.entities.values())
    keys = sorted(e.key for r in (corpus.actors, corpus.places) for e in r.entities.values())
    shuffle = random.Random(15)
    for _ in range(40):
        edited = []
        for old in shuffle.sample(list(archive.briefings), shuffle.choice([1, 1, 2])):
            edited.append(replace(
                old,
                title=old.title + " (revised)",
                date=old.date + dt.timedelta(days=shuffle.choice([0, 0, 3, -40])),
                actors=(*shuffle.sample(actors, shuffle.randint(0, 4)), "Someone New"),
                places=tuple(shuffle.sample(places, shuffle.randint(0, 3))),
                mentions=tuple(shuffle.sample(keys, shuffle.randint(0, 3))),
            ))  # fmt: skip
        new = {b.path: b for b in edited}
        changed = replace(corpus, briefings=tuple(new.get(b.path, b) for b in corpus.briefings))
        resolved = resolve(changed)
        again = relate(resolved, previous=archive, edited=edited)
        assert again == relate(resolved)
        corpus, archive = changed, again


def test_related_briefings_weigh_a_rare_shared_entity_above_a_common_one() -> None:
    from dossier.relate import related

    minor, big = actor("minor", "Minor Militia"), place("big", "Big Country")
    others = [briefing(f"x{n}", n, month=1) for n in range(1, 21)]  # "big" is common
    rare, common = briefing("rare", 5, month=11), briefing("common", 6, month=11)
    me, unrelated = briefing("me", 7, month=11), briefing("unrelated", 8, month=11)
    everything = newest_first([*others, rare, common, me, unrelated])
    actors_of = {"me": (minor,), "rare": (minor,)}
    places_of = {b.slug: (big,) for b in [*others, common, me]}
    found = related(everything, actors_of, places_of)
    # The rare actor first, then the common place's briefings, newest first.
    assert [r.briefing.slug for r in found["me"]] == ["rare", "common", "x20", "x19", "x18"]
    assert found["me"][0].shared == (minor,)
    assert found["unrelated"] == ()
    assert related(everything, actors_of, places_of, only={"me"}).keys() == {"me"}
    # In more than COMMON_FLOOR briefings (and 2 % of them), a place counts for nothing.
    many = [briefing(f"y{n}", 1 + n % 28, month=2 + n // 28) for n in range(60)]
    everything = newest_first([*many, rare, me])
    places_of = {b.slug: (big,) for b in [*many, me]}
    assert [r.briefing.slug for r in related(everything, actors_of, places_of)["me"]] == ["rare"]
