"""Data-driven cases for resolving and linking entity mentions in prose."""

from __future__ import annotations

import re

import pytest

from dossier.link import Linker, is_acronym, trie_pattern
from dossier.model import Actor, Place
from dossier.read import read_briefing

ENTITIES = [
    Actor("actors", "khalifa-haftar", "Khalifa Haftar", aliases=("Haftar", "Hifter", "خليفة حفتر")),
    Actor("actors", "bunyan-al-marsus", "Bunyan al-Marsus", aliases=("BM", "البنيان المرصوص")),
    Actor("actors", "islamic-state", "Islamic State", aliases=("ISIS", "IS", "Daesh")),
    Actor("actors", "house-of-representatives", "House of Representatives", aliases=("HoR",)),
    Actor("actors", "presidential-council", "Presidential Council", aliases=("PC",)),
    Actor("actors", "jean-yves-le-drian", "Jean-Yves Le Drian", aliases=("Le Drian",)),
    Actor("actors", "misratan-military-council", "Misratan Military Council", aliases=("MMC",)),
    Place("places", "misrata", "Misrata", aliases=("Misurata", "مصراتة")),
    Place("places", "sirte", "Sirte", aliases=("Surt", "سرت")),
]  # fmt: skip
LINKER = Linker(ENTITIES)


def linked(markdown: str) -> list[tuple[str, str]]:
    """(link text, href) of every mention link in the rendered body."""
    text = f"---\ntitle: T\ndate: 2016-10-07\n---\n\n{markdown}\n"
    briefing, _ = read_briefing(text, "p.md", "p", linker=LINKER)
    return re.findall(r'<a href="([^"]+)" class="mention">([^<]+)</a>', briefing.body_html)


@pytest.mark.parametrize(
    ("markdown", "expected"),
    [
        ("Haftar said so.", [("/actors/khalifa-haftar/", "Haftar")]),
        ("Haftar's envoys.", [("/actors/khalifa-haftar/", "Haftar")]),
        ("Haftar’s envoys.", [("/actors/khalifa-haftar/", "Haftar")]),
        ("BM forces advanced.", [("/actors/bunyan-al-marsus/", "BM")]),
        ("bm is lower case, and this is IS.", [("/actors/islamic-state/", "IS")]),
        ("the hor met; then the HoR voted.", [("/actors/house-of-representatives/", "HoR")]),
        ("Misratan forces, not Misrata.", [("/places/misrata/", "Misrata")]),
        ("Misratan Military Council (MMC).", [("/actors/misratan-military-council/", "Misratan Military Council")]),
        ("Jean-Yves Le Drian, then Le Drian.", [("/actors/jean-yves-le-drian/", "Jean-Yves Le Drian")]),
        ("Le Drian first, Jean-Yves Le Drian later.", [("/actors/jean-yves-le-drian/", "Le Drian")]),
        ("قال خليفة حفتر في سرت", [("/actors/khalifa-haftar/", "خليفة حفتر"), ("/places/sirte/", "سرت")]),
        ("Haftar and Hifter and Khalifa Haftar.", [("/actors/khalifa-haftar/", "Haftar")]),
        ("In Sirte, ISIS and Daesh.", [("/places/sirte/", "Sirte"), ("/actors/islamic-state/", "ISIS")]),
        ("PCs and PC.", [("/actors/presidential-council/", "PC")]),
        ("Superhaftar and Haftarism.", []),
    ],
)  # fmt: skip
def test_first_mention_of_each_entity_is_linked(
    markdown: str, expected: list[tuple[str, str]]
) -> None:
    assert linked(markdown) == expected


@pytest.mark.parametrize(
    ("markdown", "expected"),
    [
        ("## Haftar in a heading\n\nHaftar in prose.", [("/actors/khalifa-haftar/", "Haftar")]),
        ("`Haftar` in code, then Haftar.", [("/actors/khalifa-haftar/", "Haftar")]),
        ("    Haftar in a code block\n\nSirte.", [("/places/sirte/", "Sirte")]),
        ("[Haftar](https://example.org/) linked, then Haftar.", [("/actors/khalifa-haftar/", "Haftar")]),
        ('<a href="https://example.org/">Haftar</a> raw link, then Haftar.', [("/actors/khalifa-haftar/", "Haftar")]),
        ("![Haftar](x.png) an image, then Haftar.", [("/actors/khalifa-haftar/", "Haftar")]),
        ("| Who | Where |\n|---|---|\n| Haftar | Sirte |", [("/actors/khalifa-haftar/", "Haftar"), ("/places/sirte/", "Sirte")]),
        ("*Haftar* in emphasis.", [("/actors/khalifa-haftar/", "Haftar")]),
    ],
)  # fmt: skip
def test_headings_code_and_links_are_left_alone(
    markdown: str, expected: list[tuple[str, str]]
) -> None:
    assert linked(markdown) == expected


def test_code_and_heading_text_is_unchanged() -> None:
    text = "---\ntitle: T\ndate: 2016-10-07\n---\n\n## Haftar\n\n`Haftar` and ```BM```\n"
    briefing, _ = read_briefing(text, "p.md", "p", linker=LINKER)
    assert '<h2 id="haftar">Haftar</h2>' in briefing.body_html
    assert "<code>Haftar</code>" in briefing.body_html
    assert "mention" not in briefing.body_html


def test_mentions_list_every_entity_named_in_prose() -> None:
    text = "---\ntitle: T\ndate: 2016-10-07\n---\n\nBM took Sirte; Haftar's BM rivals.\n"
    briefing, _ = read_briefing(text, "p.md", "p", linker=LINKER)
    assert briefing.mentions == (
        "actors/bunyan-al-marsus", "actors/khalifa-haftar", "places/sirte",
    )  # fmt: skip


def test_links_carry_the_site_path() -> None:
    linker = Linker(ENTITIES, "/repo")
    text = "---\ntitle: T\ndate: 2016-10-07\n---\n\nHaftar.\n"
    briefing, _ = read_briefing(text, "p.md", "p", linker=linker)
    assert 'href="/repo/actors/khalifa-haftar/"' in briefing.body_html


@pytest.mark.parametrize(
    ("alias", "expected"),
    [("BM", True), ("HoR", True), ("AFRICOM", True), ("IS", True), ("Haftar", False),
     ("US AFRICOM", False), ("Daesh", False), ("خليفة حفتر", False)],
)  # fmt: skip
def test_acronyms(alias: str, expected: bool) -> None:
    assert is_acronym(alias) is expected


def test_trie_pattern_prefers_the_longest_name() -> None:
    pattern = re.compile(trie_pattern(["le drian", "le", "jean-yves le drian"]))

    def matched(text: str) -> str | None:
        found = pattern.match(text)
        return found.group(0) if found else None

    assert matched("jean-yves le drian") == "jean-yves le drian"
    assert matched("le drian") == "le drian"
    assert matched("le monde") == "le"


def test_many_names_compile_to_one_pattern() -> None:
    entities = [Actor("actors", f"a{i}", f"Name{i} Surname{i % 97}") for i in range(2000)]
    linker = Linker(entities)
    found = list(linker.mentions("Then Name1999 Surname59 met Name7 Surname7."))
    assert [m.entity.slug for m in found] == ["a1999", "a7"]
