"""Who appears with whom: which entities an entity's network shows, how they
are joined, where they go, and that the same content gives the same picture."""

from __future__ import annotations

import re
import shutil
from dataclasses import replace
from pathlib import Path

import pytest

from dossier.config import site_path
from dossier.makers.network import Links, lay_out, network_svg, shape_of, wrap
from dossier.relate import Archive, relate
from dossier.resolve import resolve
from dossier.urls import Urls

from .helpers import ROOT, Build, build_site
from .model_helpers import actor, briefing, corpus, place

ACTORS = [
    replace(actor("haftar", "Khalifa Haftar"), kind="person"),
    replace(actor("lna", "Libyan National Army", "LNA"), kind="military"),
    replace(actor("gna", "Government of National Accord", "GNA"), kind="government"),
    replace(actor("bm", "Bunyan al-Marsus", "BM"), kind="group"),
    replace(actor("kobler", "Martin Kobler"), kind="person"),
]
PLACES = [place("sirte", "Sirte"), place("misrata", "Misrata")]

# Haftar is with the LNA in four briefings, Sirte in three, the GNA in two,
# Kobler in one; BM and Misrata never with him. BM and Misrata are with the
# GNA and Sirte. (Dates differ so that the order of briefings is fixed.)
BRIEFINGS = [
    briefing("a", 1, actors=["Khalifa Haftar", "Libyan National Army"], places=["Sirte"]),
    briefing("b", 2, actors=["Khalifa Haftar", "Libyan National Army"], places=["Sirte"]),
    briefing(
        "c",
        3,
        actors=["Khalifa Haftar", "Libyan National Army", "Government of National Accord"],
        places=["Sirte"],
    ),
    briefing(
        "d",
        4,
        actors=[
            "Khalifa Haftar",
            "Libyan National Army",
            "Government of National Accord",
            "Martin Kobler",
        ],
    ),
    briefing(
        "e",
        5,
        actors=["Government of National Accord", "Bunyan al-Marsus"],
        places=["Sirte", "Misrata"],
    ),
]


def archive_of(briefings: list = BRIEFINGS) -> Archive:  # type: ignore[type-arg]
    return relate(resolve(corpus(briefings, ACTORS, PLACES)))


URLS = Urls.from_settings({}, "", site_path(""))


def test_the_ring_holds_who_is_listed_with_the_entity_most_often() -> None:
    archive = archive_of()
    laid = lay_out(archive.actors["haftar"], Links(archive))
    assert laid is not None
    assert laid.centre.entity.name == "Khalifa Haftar"
    shared = {n.entity.name: n.shared for n in laid.ring}
    assert shared == {"Libyan National Army": 4, "Sirte": 3,
                      "Government of National Accord": 2, "Martin Kobler": 1}  # fmt: skip
    # The strongest first, at the top; then each next to the one it shares most with.
    assert [n.entity.name for n in laid.ring] == [
        "Libyan National Army", "Sirte", "Government of National Accord", "Martin Kobler",
    ]  # fmt: skip
    assert laid.ring[0].x == 200
    assert laid.ring[0].y < laid.centre.y


def test_lines_join_the_centre_to_each_and_each_to_its_two_strongest() -> None:
    archive = archive_of()
    laid = lay_out(archive.actors["haftar"], Links(archive))
    assert laid is not None
    lines = {frozenset((e.a.entity.name, e.b.entity.name)): e.shared for e in laid.edges}
    assert lines == {
        frozenset(("Khalifa Haftar", "Libyan National Army")): 4,
        frozenset(("Khalifa Haftar", "Sirte")): 3,
        frozenset(("Khalifa Haftar", "Government of National Accord")): 2,
        frozenset(("Khalifa Haftar", "Martin Kobler")): 1,
        frozenset(("Libyan National Army", "Sirte")): 3,
        frozenset(("Libyan National Army", "Government of National Accord")): 2,
        frozenset(("Government of National Accord", "Sirte")): 2,  # GNA's second strongest
        frozenset(("Martin Kobler", "Libyan National Army")): 1,
        frozenset(("Martin Kobler", "Government of National Accord")): 1,
    }


def test_an_entity_seen_with_fewer_than_two_others_has_no_picture() -> None:
    archive = archive_of([briefing("a", 1, actors=["Khalifa Haftar", "Martin Kobler"])])
    assert network_svg(URLS, archive.actors["haftar"], Links(archive)) == ""


def test_each_entity_is_a_link_named_with_its_count_and_drawn_by_its_kind() -> None:
    archive = archive_of()
    svg = network_svg(URLS, archive.actors["haftar"], Links(archive))
    links = re.findall(r"<a class=\"node-(\w+)\" href=\"([^\"]+)\"><title>([^<]+)</title>", svg)
    assert links == [
        ("actor", "/actors/lna/", "Libyan National Army: 4 briefings together"),
        ("place", "/places/sirte/", "Sirte: 3 briefings together"),
        ("actor", "/actors/gna/", "Government of National Accord: 2 briefings together"),
        ("person", "/actors/kobler/", "Martin Kobler: 1 briefing together"),
    ]
    assert 'aria-label="Khalifa Haftar and the entities' in svg
    assert "<circle" in svg
    assert "<rect" in svg
    assert "<path" in svg
    assert [shape_of(e) for e in (ACTORS[0], ACTORS[1], PLACES[0])] == ["person", "actor", "place"]


def test_the_same_content_gives_the_same_picture_in_any_order() -> None:
    first = archive_of()
    again = archive_of(list(reversed(BRIEFINGS)))
    for slug in ("haftar", "gna", "lna"):
        assert network_svg(URLS, first.actors[slug], Links(first)) == network_svg(
            URLS, again.actors[slug], Links(again)
        )
    assert network_svg(URLS, first.places["sirte"], Links(first)) != ""


@pytest.mark.parametrize(
    ("name", "chars", "most", "lines"),
    [
        ("Sirte", 12, 2, ["Sirte"]),
        ("Libyan National Army", 13, 2, ["Libyan", "National Army"]),
        ("Libyan National Army", 12, 2, ["Libyan", "National Ar…"]),
        ("Libyan National Army", 10, 2, ["Libyan", "National…"]),
        ("Libyan National Army", 10, 3, ["Libyan", "National", "Army"]),
        ("Government of National Accord", 16, 2, ["Government of", "National Accord"]),
        ("Kyaukphyu Special Economic Zone", 12, 2, ["Kyaukphyu", "Special Eco…"]),
        ("عبد الحكيم بلحاج", 12, 2, ["عبد الحكيم", "بلحاج"]),
    ],
)
def test_labels_wrap_and_are_cut_at_the_room_they_have(
    name: str, chars: int, most: int, lines: list[str]
) -> None:
    assert wrap(name, chars, most) == lines


def _pictures(root: Path) -> dict[str, str]:
    """Every map's base drawing, and every entity page's network and map."""
    found = {p.relative_to(root).as_posix(): p.read_text() for p in (root / "maps").glob("*.svg")}
    for section in ("actors", "places"):
        for page in sorted((root / section).glob("*/index.html")):
            html = page.read_text()
            for kind in ("network", "place-map"):
                for i, svg in enumerate(re.findall(rf'<svg class="{kind}".*?</svg>', html, re.S)):
                    found[f"{page.parent.name}/{kind}/{i}"] = svg
    return found


def test_the_pictures_are_the_same_across_two_builds(sample: Build, tmp_path: Path) -> None:
    # A second build of the sample archive, from a copy with its briefings
    # written in the opposite order (so the file system lists them otherwise).
    content = tmp_path / "content"
    shutil.copytree(ROOT / "content", content, ignore=shutil.ignore_patterns("briefings"))
    for path in sorted((ROOT / "content" / "briefings").rglob("*"), reverse=True):
        target = content / "briefings" / path.relative_to(ROOT / "content" / "briefings")
        if path.is_dir():
            target.mkdir(parents=True, exist_ok=True)
        else:
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(path, target)
    again = build_site(content, tmp_path / "out", "--no-search")
    assert again.returncode == 0, again.stderr
    first, second = _pictures(sample.output), _pictures(again.output)
    assert any(k.endswith("/network/0") for k in first)
    assert any(k.startswith("maps/inset-") for k in first)
    assert first == second


def test_a_network_is_drawn_when_first_asked_for() -> None:
    # The plan holds it undrawn; the process that shows or digests it draws it,
    # once, and it digests and compares as the markup it stands for.
    from markupsafe import Markup, escape

    from dossier.fingerprint import Digester
    from dossier.makers.network import Drawing

    calls: list[int] = []

    def draw() -> str:
        calls.append(1)
        return "<svg>web</svg>"

    web = Drawing(draw)
    assert calls == []
    assert Digester().digest(web) == Digester().digest(Markup("<svg>web</svg>"))
    assert str(web) == "<svg>web</svg>"
    assert escape(web) == Markup("<svg>web</svg>")  # shown as markup, as Jinja shows it
    assert calls == [1]
    assert web == Drawing(lambda: "<svg>web</svg>")
    assert not Drawing(lambda: "")
