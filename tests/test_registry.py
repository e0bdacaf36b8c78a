"""Data-driven cases for the registries and front-matter name resolution."""

from __future__ import annotations

from pathlib import Path

import pytest

from dossier.model import Section
from dossier.registry import Registry, load_registry, read_entity

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


def registry(folder: Path, section: Section = "actors") -> Registry:
    """A registry read from ``folder``, which must hold no problem."""
    loaded, problems = load_registry(folder, section)
    assert problems == []
    return loaded


@pytest.fixture
def actors(tmp_path: Path) -> Registry:
    return registry(_write(tmp_path / "actors", ACTORS))


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
def test_names_and_aliases_look_up(actors: Registry, name: str, slug: str) -> None:
    entity = actors.lookup(name)
    assert entity is not None
    assert entity.slug == slug
    assert entity.in_registry


@pytest.mark.parametrize(
    ("name", "message"),
    [
        ("Khalifa Hafter", "actor 'Khalifa Hafter' is not in the registry; did you mean 'Khalifa Haftar'?"),
        ("Jeff Davies", "actor 'Jeff Davies' is not in the registry"),
        ("Bunyan al Marsous", "actor 'Bunyan al Marsous' is not in the registry; did you mean 'Bunyan al-Marsus'?"),
    ],
)  # fmt: skip
def test_not_found_suggests_the_closest_name(actors: Registry, name: str, message: str) -> None:
    assert actors.lookup(name) is None
    assert actors.not_found(name) == message


def test_an_alias_claimed_twice_names_both_files(tmp_path: Path) -> None:
    files = {**ACTORS, "bm-other.md": "---\nname: Brigade of Martyrs\naliases: [BM]\n---\n"}
    _, problems = load_registry(_write(tmp_path / "actors", files), "actors")
    assert [str(p) for p in problems] == [
        f"{tmp_path}/actors/bunyan-al-marsus.md:4: error: alias 'BM' is also claimed by "
        f"{tmp_path}/actors/bm-other.md; if both mean it, list it under 'ambiguous' in both"
    ]


@pytest.mark.parametrize(
    ("first", "second", "errors"),
    [
        ("ambiguous: [Hassan]", "ambiguous: [Hassan]", 0),
        ("ambiguous: [Hassan]", "", 1),  # both files must say so
        ("", "", 1),
    ],
)
def test_an_alias_both_entries_declare_ambiguous_is_shared(
    tmp_path: Path, first: str, second: str, errors: int
) -> None:
    files = {
        "hassan-ali.md": f"---\nname: Hassan Ali\naliases: [Hassan]\n{first}\n---\n",
        "hassan-bakr.md": f"---\nname: Hassan Bakr\naliases: [Hassan]\n{second}\n---\n",
    }
    actors, problems = load_registry(_write(tmp_path / "actors", files), "actors")
    assert len([p for p in problems if p.severity == "error"]) == errors
    if not errors:
        assert actors.lookup("Hassan") is None
        assert [e.slug for e in actors.candidates("hassan")] == ["hassan-ali", "hassan-bakr"]
        assert actors.ambiguity("Hassan") == (
            f"actor 'Hassan' is ambiguous: 'Hassan Ali' ({tmp_path}/actors/hassan-ali.md) or "
            f"'Hassan Bakr' ({tmp_path}/actors/hassan-bakr.md); write the full name"
        )


def test_an_actor_and_a_place_may_share_a_name(tmp_path: Path) -> None:
    actors = registry(
        _write(tmp_path / "actors", {"chad.md": "---\nname: Chad\nkind: state\n---\n"})
    )
    places = registry(
        _write(tmp_path / "places", {"chad.md": "---\nname: Chad\nkind: country\n---\n"}), "places"
    )
    actor, place = actors.lookup("Chad"), places.lookup("chad")
    assert actor is not None
    assert actor.key == "actors/chad"
    assert place is not None
    assert place.key == "places/chad"
    # A name missing from one registry says where it is.
    empty = registry(_write(tmp_path / "none", {}), "places")
    assert empty.not_found("Chad", actors) == (
        f"place 'Chad' is not in the registry; 'Chad' is an actor ({tmp_path}/actors/chad.md): "
        "list it under 'actors', or add a place entry"
    )


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("---\nkind: city\n---\n", ["p.md:1: error: a registry entry needs a 'name' (text)"]),
        ("---\nname: X\ncoordinates: [91, 10]\n---\n",
         ["p.md:3: error: 'coordinates' must be [latitude, longitude] in degrees"]),
        ("---\nname: X\ncoordinates: [north, east]\n---\n",
         ["p.md:3: error: 'coordinates' must be [latitude, longitude] in degrees"]),
        ("---\nname: X\naliases: {a: b}\n---\n", ["p.md:3: error: 'aliases' must be a name or a list of names"]),
        ("---\nname: X\nwithin: [a, b]\n---\n", ["p.md:3: error: 'within' must name one place"]),
    ],
)  # fmt: skip
def test_malformed_registry_entries(tmp_path: Path, text: str, expected: list[str]) -> None:
    places, problems = load_registry(_write(tmp_path / "places", {"p.md": text}), "places")
    shown = [str(p).replace(f"{tmp_path}/places/", "") for p in problems]
    assert shown == expected
    assert places.entities == {}


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


@pytest.mark.parametrize("section", ["actors", "places"])
def test_every_registry_key_reaches_the_entity(section: Section) -> None:
    text = (
        "---\nname: Libya\nkind: country\naliases: [ليبيا, Lib]\nnot: [Libya Herald]\n"
        "ambiguous: [Lib]\nbackground: true\n---\nThe country.\n"
    )
    entity, warnings = read_entity(text, "libya.md", section, "libya")
    assert warnings == []
    assert entity.suppress == ("Libya Herald",)
    assert entity.ambiguous == ("Lib",)
    assert entity.background is True
    assert entity.profile_source.strip() == "The country."
    assert entity.line_of("aliases") == 4
    assert entity.line_of("background") == 7


def test_an_alias_claimed_twice_is_reported_at_its_aliases_line(tmp_path: Path) -> None:
    files = {
        **ACTORS,
        "bm-other.md": "---\nname: Brigade of Martyrs\nkind: group\naliases: [BM]\n---\n",
    }
    _, problems = load_registry(_write(tmp_path / "actors", files), "actors")
    assert [(p.path.rsplit("/", 1)[-1], p.line) for p in problems] == [("bunyan-al-marsus.md", 4)]
