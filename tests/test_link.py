"""Data-driven cases for resolving and linking entity mentions in prose.

Input-to-HTML cases live in tests/fixture/links.md; adding one is adding three
blocks of text there.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from markdown_it.utils import read_fixture_file

from dossier.link import Linker, is_acronym, trie_pattern
from dossier.model import Actor, Place
from dossier.read import read_briefing
from dossier.urls import Urls

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
LINKER = Linker(ENTITIES, lambda e: f"/{e.section}/{e.slug}/")

FIXTURES = Path(__file__).parent / "fixture" / "links.md"
# [line of the title (1-based), title, Markdown, expected HTML], one per case
CASES = read_fixture_file(FIXTURES)


def body_html(markdown: str) -> str:
    """The rendered body of a briefing whose body is ``markdown``."""
    text = f"---\ntitle: T\ndate: 2016-10-07\n---\n\n{markdown}"
    briefing, _ = read_briefing(text, "p.md", "p", linker=LINKER)
    return briefing.body_html


@pytest.mark.parametrize(
    ("line", "title", "markdown", "expected"), CASES, ids=[f"{c[0]}-{c[1]}" for c in CASES]
)
def test_links_render_as_the_fixture_says(
    line: int, title: str, markdown: str, expected: str
) -> None:
    assert body_html(markdown) == expected, f"{FIXTURES.name}:{line}: {title}"


def test_mentions_list_every_entity_named_in_prose() -> None:
    text = "---\ntitle: T\ndate: 2016-10-07\n---\n\nBM took Sirte; Haftar's BM rivals.\n"
    briefing, _ = read_briefing(text, "p.md", "p", linker=LINKER)
    assert briefing.mentions == (
        "actors/bunyan-al-marsus", "actors/khalifa-haftar", "places/sirte",
    )  # fmt: skip


def test_links_carry_the_site_path() -> None:
    linker = Linker(ENTITIES, Urls.from_settings({}, "https://org.github.io/repo", "/repo").href)
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
    linker = Linker(entities, lambda e: f"/{e.slug}/")
    found = list(linker.mentions("Then Name1999 Surname59 met Name7 Surname7."))
    assert [m.entity.slug for m in found] == ["a1999", "a7"]
