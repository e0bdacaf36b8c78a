"""The resolve stage on hand-made corpora: names, unknown names, slugs, themes, nesting."""

from __future__ import annotations

import pytest

from dossier.model import Actor, Briefing, Place
from dossier.resolve import resolve

from .model_helpers import actor, briefing, corpus, place

ACTORS = [
    actor("khalifa-haftar", "Khalifa Haftar", "Haftar", "خليفة حفتر"),
    actor("bunyan-al-marsus", "Bunyan al-Marsus", "BM"),
]
PLACES = [
    place("libya", "Libya"),
    place("sirte", "Sirte", "Surt", within="Libya"),
    place("sirte-2", "Sirte Port"),
]


@pytest.mark.parametrize(
    ("names", "slugs"),
    [
        (["Khalifa Haftar"], ["khalifa-haftar"]),
        (["haftar", "BM"], ["khalifa-haftar", "bunyan-al-marsus"]),
        (["خليفة حفتر", "Haftar"], ["khalifa-haftar"]),  # one entity, listed once
        (["Bunyan  al-Marsus"], ["bunyan-al-marsus"]),
    ],
)
def test_front_matter_names_resolve_to_registry_entities(
    names: list[str], slugs: list[str]
) -> None:
    resolved = resolve(corpus([briefing("a", 1, actors=names)], ACTORS, PLACES))
    assert [e.slug for e in resolved.actors_of["a"]] == slugs
    assert resolved.diagnostics == ()


@pytest.mark.parametrize(
    ("section", "name", "slug", "message"),
    [
        ("actors", "Khalifa Hafter", "khalifa-hafter",
         "b.md:3: warning: actor 'Khalifa Hafter' is not in the registry; did you mean 'Khalifa Haftar'?"),
        ("actors", "Jeff Davies", "jeff-davies", "b.md:3: warning: actor 'Jeff Davies' is not in the registry"),
        ("places", "Sirte!", "sirte-3", "b.md:4: warning: place 'Sirte!' is not in the registry; did you mean 'Sirte'?"),
        ("actors", "علي المبروك", "ly-lmbrwk", "b.md:3: warning: actor 'علي المبروك' is not in the registry"),
    ],
)  # fmt: skip
def test_an_unknown_name_gets_an_entity_of_its_own_and_one_warning(
    section: str, name: str, slug: str, message: str
) -> None:
    actors, places = ([name], []) if section == "actors" else ([], [name])
    given = corpus(
        [briefing(s, day, actors=actors, places=places) for s, day in (("b", 1), ("c", 2))],
        ACTORS,
        PLACES,
    )
    resolved = resolve(given)
    registry = resolved.actors if section == "actors" else resolved.places
    entity = registry.entities[slug]
    assert not entity.in_registry
    assert entity.name == name
    of = resolved.actors_of if section == "actors" else resolved.places_of
    assert of["b"] == of["c"] == (entity,)
    # Reported once, where it was first used; the corpus's registry is untouched.
    assert [str(d) for d in resolved.diagnostics] == [message]
    original = given.actors if section == "actors" else given.places
    assert slug not in original.entities


def test_resolving_twice_gives_the_same_result() -> None:
    given = corpus([briefing("a", 1, actors=["Nobody"], tags=["oil"])], ACTORS, PLACES)
    assert resolve(given) == resolve(given)


@pytest.mark.parametrize(
    ("briefings", "kept", "messages"),
    [
        ([briefing("a", 1, path="1.md"), briefing("a", 2, path="2.md")], [],
         ["1.md:1: error: slug 'a' is also used by 2.md", "2.md:1: error: slug 'a' is also used by 1.md"]),
        ([briefing("a", 1, path="1.md"), briefing("a", 2, path="2.md", status="draft")], ["a"],
         ["1.md:1: warning: slug 'a' is also used by 2.md", "2.md:1: warning: slug 'a' is also used by 1.md"]),
        ([briefing("a", 1), briefing("b", 1), briefing("c", 2)], ["c", "b", "a"], []),
    ],
)  # fmt: skip
def test_published_briefings_need_a_slug_of_their_own(
    briefings: list[Briefing], kept: list[str], messages: list[str]
) -> None:
    resolved = resolve(corpus(briefings))
    assert [b.slug for b in resolved.briefings] == kept
    assert [str(d) for d in resolved.diagnostics] == messages


@pytest.mark.parametrize(
    ("tags", "themes", "messages"),
    [
        ([["C++"], ["C#"]], {"c": "C++"},
         ["b.md:5: warning: tag 'C#' shares its page with 'C++'; they are one theme"]),
        ([["Oil"], ["oil"]], {"oil": "Oil"}, []),
        ([["oil", "security", "oil"]], {"oil": "oil", "security": "security"}, []),
    ],
)  # fmt: skip
def test_themes(tags: list[list[str]], themes: dict[str, str], messages: list[str]) -> None:
    briefings = [
        briefing(slug, day, tags=t) for slug, day, t in zip("ab", (1, 2), tags, strict=False)
    ]
    resolved = resolve(corpus(briefings))
    assert {slug: t.name for slug, t in resolved.tags.items()} == themes
    assert [str(d) for d in resolved.diagnostics] == messages


@pytest.mark.parametrize(
    ("places", "parents", "messages"),
    [
        ([place("libya", "Libya"), place("sirte", "Sirte", within="libya")],
         {"places/sirte": "libya"}, []),
        ([place("sirte", "Sirte", within="Atlantis")], {},
         ["places/sirte.md:1: warning: 'within' names no known place: 'Atlantis'"]),
        ([place("sirte", "Sirte", within="Sirte")], {},
         ["places/sirte.md:1: warning: 'within' names no known place: 'Sirte'"]),
        ([place("darfur", "Darfur", within="North Darfur"),
          place("north-darfur", "North Darfur", within="Darfur")],
         {"places/darfur": "north-darfur", "places/north-darfur": "darfur"},
         ["places/darfur.md:1: warning: 'within' goes round in a circle: "
          "Darfur → North Darfur → Darfur"]),
        # The parent's file name (its slug) names it as well as its name does.
        ([place("burkina-faso", "Burkina Faso"), place("djibo", "Djibo", within="burkina-faso")],
         {"places/djibo": "burkina-faso"}, []),
        ([place("libya", "Libya"), place("sirte", "Sirte", within="Lybia")], {},
         ["places/sirte.md:1: warning: 'within' names no known place: 'Lybia'; "
          "did you mean 'Libya'?"]),
    ],
)  # fmt: skip
def test_nesting(places: list[Place], parents: dict[str, str], messages: list[str]) -> None:
    resolved = resolve(corpus([], places=places))
    assert {key: p.slug for key, p in resolved.parents.items()} == parents
    assert [str(d) for d in resolved.diagnostics] == messages


def test_affiliations_resolve_to_registry_entities_or_stay_names() -> None:
    bm = actor("bm", "Bunyan al-Marsus")
    gna = actor("gna", "Government of National Accord", "GNA")
    with_affiliations = Actor(
        "actors", "mmc", "Misratan Military Council", affiliations=("GNA", "Misrata", "Tripoli")
    )
    resolved = resolve(corpus([], [bm, gna, with_affiliations], [place("misrata", "Misrata")]))
    found = resolved.affiliations["actors/mmc"]
    assert [a if isinstance(a, str) else a.key for a in found] == [
        "actors/gna", "places/misrata", "Tripoli",
    ]  # fmt: skip
    assert "actors/bm" not in resolved.affiliations


def test_an_ambiguous_alias_in_front_matter_names_the_candidates() -> None:
    ali = Actor("actors", "hassan-ali", "Hassan Ali", aliases=("Hassan",), ambiguous=("Hassan",),
                path="actors/hassan-ali.md")  # fmt: skip
    bakr = Actor("actors", "hassan-bakr", "Hassan Bakr", aliases=("Hassan",), ambiguous=("Hassan",),
                 path="actors/hassan-bakr.md")  # fmt: skip
    resolved = resolve(corpus([briefing("a", 1, actors=["Hassan", "Hassan Bakr"])], [ali, bakr]))
    assert [e.slug for e in resolved.actors_of["a"]] == ["hassan-bakr"]
    assert [str(d) for d in resolved.diagnostics] == [
        "a.md:3: warning: actor 'Hassan' is ambiguous: 'Hassan Ali' (actors/hassan-ali.md) or "
        "'Hassan Bakr' (actors/hassan-bakr.md); write the full name"
    ]


def test_a_name_in_the_other_registry_says_so() -> None:
    egypt = actor("egypt", "Egypt")
    resolved = resolve(corpus([briefing("a", 1, places=["Egypt"])], [egypt], []))
    assert [str(d) for d in resolved.diagnostics] == [
        "a.md:4: warning: place 'Egypt' is not in the registry; 'Egypt' is an actor "
        "(actors/egypt.md): list it under 'actors', or add a place entry"
    ]
