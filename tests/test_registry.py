"""Data-driven cases for the registries and front-matter name resolution."""

from __future__ import annotations

from pathlib import Path

import pytest

from dossier.registry import Registry, load_registry, read_entity, shared_names

ACTORS = {
    "khalifa-haftar.md": "---\nname: Khalifa Haftar\nkind: person\naliases: [Haftar, Hifter, خليفة حفتر]\n---\nProfile.\n",
    "bunyan-al-marsus.md": "---\nname: Bunyan al-Marsus\nkind: military\naliases: [BM]\n---\n",
    "government-of-national-accord.md": "---\nname: Government of National Accord\nkind: government\naliases: [GNA]\n---\n",
}  # fmt: skip


def _write(folder: Path, files: dict[str, str]) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    for name, text in files.items():
        (folder / name).write_text(text, encoding="utf-8")
    return folder


@pytest.fixture
def actors(tmp_path: Path) -> Registry:
    return load_registry(_write(tmp_path / "actors", ACTORS), "actors")


@pytest.mark.parametrize(
    ("name", "slug"),
    [
        ("Khalifa Haftar", "khalifa-haftar"),
        ("Haftar", "khalifa-haftar"),
        ("haftar", "khalifa-haftar"),
        ("Khalifa  Haftar", "khalifa-haftar"),
        ("خليفة حفتر", "khalifa-haftar"),
        ("BM", "bunyan-al-marsus"),
        ("GNA", "government-of-national-accord"),
        ("government of national accord", "government-of-national-accord"),
    ],
)
def test_names_and_aliases_resolve(actors: Registry, name: str, slug: str) -> None:
    entity = actors.resolve(name, "b.md", 4)
    assert entity.slug == slug
    assert entity.in_registry
    assert actors.problems == []


@pytest.mark.parametrize(
    ("name", "slug", "message"),
    [
        ("Khalifa Hafter", "khalifa-hafter",
         "b.md:4: warning: actor 'Khalifa Hafter' is not in the registry; did you mean 'Khalifa Haftar'?"),
        ("Jeff Davies", "jeff-davies", "b.md:4: warning: actor 'Jeff Davies' is not in the registry"),
        ("علي المبروك", "ly-lmbrwk", "b.md:4: warning: actor 'علي المبروك' is not in the registry"),
        ("🦅", None, "b.md:4: warning: actor '🦅' is not in the registry"),
    ],
)  # fmt: skip
def test_unknown_names_get_an_entity_and_a_warning(
    actors: Registry, name: str, slug: str | None, message: str
) -> None:
    entity = actors.resolve(name, "b.md", 4)
    assert not entity.in_registry
    assert entity.name == name
    if slug is not None:
        assert entity.slug == slug
    else:
        assert entity.slug.startswith("x-")
    assert [str(p) for p in actors.problems] == [message]
    # The same unknown name again is the same entity, warned about once.
    assert actors.resolve(name, "c.md", 2) is entity
    assert len(actors.problems) == 1


def test_an_alias_claimed_twice_names_both_files(tmp_path: Path) -> None:
    files = {**ACTORS, "bm-other.md": "---\nname: Brigade of Martyrs\naliases: [BM]\n---\n"}
    registry = load_registry(_write(tmp_path / "actors", files), "actors")
    assert [str(p) for p in registry.problems] == [
        f"{tmp_path}/actors/bunyan-al-marsus.md:1: error: alias 'BM' is also claimed by "
        f"{tmp_path}/actors/bm-other.md"
    ]


def test_an_actor_and_a_place_may_not_share_a_name(tmp_path: Path) -> None:
    actors = load_registry(_write(tmp_path / "actors", ACTORS), "actors")
    places = load_registry(
        _write(tmp_path / "places", {"gna.md": "---\nname: GNA\nkind: city\n---\n"}), "places"
    )
    assert [str(p) for p in shared_names(actors, places)] == [
        f"{tmp_path}/places/gna.md:1: error: name 'gna' is also claimed by "
        f"{tmp_path}/actors/government-of-national-accord.md"
    ]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("---\nkind: city\n---\n", ["p.md:1: error: a registry entry needs a 'name' (text)"]),
        ("---\nname: X\ncoordinates: [91, 10]\n---\n",
         ["p.md:3: error: 'coordinates' must be [latitude, longitude] in degrees"]),
        ("---\nname: X\ncoordinates: [north, east]\n---\n",
         ["p.md:3: error: 'coordinates' must be [latitude, longitude] in degrees"]),
        ("---\nname: X\naliases: {a: b}\n---\n", ["p.md:3: error: 'aliases' must be a list of names"]),
        ("---\nname: X\nwithin: [a, b]\n---\n", ["p.md:3: error: 'within' must name one place"]),
    ],
)  # fmt: skip
def test_malformed_registry_entries(tmp_path: Path, text: str, expected: list[str]) -> None:
    registry = load_registry(_write(tmp_path / "places", {"p.md": text}), "places")
    shown = [str(p).replace(f"{tmp_path}/places/", "") for p in registry.problems]
    assert shown == expected
    assert registry.entities == {}


def test_place_record(tmp_path: Path) -> None:
    text = "---\nname: Sirte\nkind: City\naliases: [Surt, سرت]\ncoordinates: [31.2, 16.5]\nwithin: Libya\n---\nA city.\n"
    place, warnings = read_entity(text, "sirte.md", "places", "sirte")
    assert warnings == []
    assert place.name == "Sirte"
    assert place.kind == "city"
    assert place.aliases == ("Surt", "سرت")
    assert getattr(place, "coordinates", None) == (31.2, 16.5)
    assert getattr(place, "within", None) == "Libya"
    assert place.profile_html == "<p>A city.</p>\n"


def test_unknown_registry_keys_warn(tmp_path: Path) -> None:
    _, warnings = read_entity("---\nname: X\ncolour: red\n---\n", "x.md", "actors", "x")
    assert [str(w) for w in warnings] == ["x.md:3: warning: unknown registry key 'colour'"]


def test_an_unknown_name_never_takes_a_registry_slug(tmp_path: Path) -> None:
    files = {
        "sirte.md": "---\nname: Sirte\n---\n",
        "sirte-2.md": "---\nname: Sirte Port\n---\n",
    }
    places = load_registry(_write(tmp_path / "places", files), "places")
    entity = places.resolve("Sirte!", "b.md", 5)
    assert entity.slug == "sirte-3"
    assert places.entities["sirte-2"].name == "Sirte Port"
