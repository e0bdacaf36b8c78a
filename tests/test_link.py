"""Data-driven cases for resolving and linking entity mentions in prose.

Input-to-HTML cases live in tests/fixture/links.md; adding one is adding three
blocks of text there.
"""

from __future__ import annotations

import re
import sys
import unicodedata
from pathlib import Path

import pytest
import regex
from markdown_it.utils import read_fixture_file

from dossier.link import Linker, _is_letter, _is_mark, is_acronym, trie_pattern
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
SUDAN = [
    Place("places", "sudan", "Sudan", aliases=("السودان",), suppress=("Port Sudan",)),
    Place("places", "port-sudan", "Port Sudan", aliases=("بورتسودان",)),
    Place("places", "khartoum", "Khartoum"),
    Place("places", "bahri", "Bahri", aliases=("Khartoum North",)),
    Place("places", "wad-madani", "Wad Madani", aliases=("Madani", "Wad Medani"), suppress=("Madani Abbas Madani",)),
    Actor("actors", "rapid-support-forces", "Rapid Support Forces", aliases=("RSF", "قوات الدعم السريع")),
    Actor("actors", "abdel-fattah-al-burhan", "Abdel Fattah al-Burhan", aliases=("Burhan", "al-Burhan")),
    Actor("actors", "sudanese-armed-forces", "Sudanese Armed Forces", aliases=("SAF", "Sudanese army")),
    Actor("actors", "wagner-group", "Wagner Group", aliases=("Wagner",), suppress=("Richard Wagner",)),
    Actor("actors", "malik-agar", "Malik Agar", aliases=("Agar",), suppress=("agar jelly",)),
    Actor("actors", "mohamed-hamdan-dagalo", "Mohamed Hamdan Dagalo", aliases=("Hemedti", "General Mohamed Hamdan")),
]  # fmt: skip
SUDAN_LINKER = Linker(SUDAN, lambda e: f"/{e.section}/{e.slug}/")
WORLD = [
    Actor("actors", "khalifa-haftar", "Khalifa Haftar", aliases=("Haftar", "حفتر", "خليفة حفتر")),
    Actor("actors", "fayez-al-sarraj", "Fayez al-Sarraj", aliases=("السراج",)),
    Actor("actors", "presidential-council", "Presidential Council", aliases=("المجلس الرئاسي",)),
    Actor("actors", "walid", "Walid", aliases=("وليد",)),
    Place("places", "lid", "Lid", aliases=("ليد",)),
    Place("places", "tripoli", "Tripoli", aliases=("طرابلس",)),
    Place("places", "khartoum", "Khartoum", aliases=("الخرطوم",)),
    Place("places", "darfur", "Darfur", aliases=("دارفور",)),
    Place("places", "latakia", "Latakia", aliases=("اللاذقية",)),
    Place("places", "benghazi", "Benghazi", aliases=("بنغازي",)),
    Place("places", "sirte", "Sirte", aliases=("سرت",)),
    Place("places", "raqqa", "Raqqa", aliases=("الرقة",)),
    Place("places", "sudan", "Sudan", aliases=("السودان", "سودان"), suppress=("بور سودان",)),
    Place("places", "misrata", "Misrata", aliases=("مصراتة",)),
    Actor("actors", "tatmadaw", "Tatmadaw", aliases=("တပ်မတော်",)),
    Actor("actors", "nug", "National Unity Government", aliases=("NUG",)),
    Actor("actors", "arakan-army", "Arakan Army", aliases=("AA",)),
    Place("places", "sagaing", "Sagaing", aliases=("စစ်ကိုင်း",)),
    Place("places", "lashio", "Lashio", aliases=("လားရှိုး",)),
    Actor("actors", "min-aung-hlaing", "Min Aung Hlaing", aliases=("မင်းအောင်လှိုင်",)),
    Place("places", "yangon", "Yangon", aliases=("ရန်ကုန်",)),
    Place("places", "mandalay", "Mandalay", aliases=("မန္တလေး",)),
    Place("places", "talay", "Talay", aliases=("တလေး",)),
    Place("places", "naypyidaw", "Naypyidaw", aliases=("နေပြည်", "နေပြည်တော်")),
    Place("places", "bangkok", "Bangkok", aliases=("กรุงเทพ", "กรุงเทพมหานคร")),
    Place("places", "tokyo", "Tokyo", aliases=("東京都",)),
    Place("places", "laos", "Laos", aliases=("ลาว",)),
    Place("places", "seoul", "Seoul", aliases=("서울",)),
    Place("places", "ram", "Ram", aliases=("राम",)),
]  # fmt: skip
WORLD_LINKER = Linker(WORLD, lambda e: f"/{e.section}/{e.slug}/")

FIXTURES = Path(__file__).parent / "fixture" / "links.md"
NAMES = Path(__file__).parent / "fixture" / "names.md"
SCRIPTS = Path(__file__).parent / "fixture" / "scripts.md"
# [fixture file, its linker, line of the title (1-based), title, Markdown, expected HTML]
CASES = [
    (path, linker, *case)
    for path, linker in ((FIXTURES, LINKER), (NAMES, SUDAN_LINKER), (SCRIPTS, WORLD_LINKER))
    for case in read_fixture_file(path)
]


def body_html(markdown: str, linker: Linker = LINKER) -> str:
    """The rendered body of a briefing whose body is ``markdown``."""
    text = f"---\ntitle: T\ndate: 2016-10-07\n---\n\n{markdown}"
    briefing, _ = read_briefing(text, "p.md", "p", linker=linker)
    return briefing.body_html


@pytest.mark.parametrize(
    ("path", "linker", "line", "title", "markdown", "expected"),
    CASES,
    ids=[f"{c[0].stem}:{c[2]}-{c[3]}" for c in CASES],
)
def test_links_render_as_the_fixtures_say(
    path: Path, linker: Linker, line: int, title: str, markdown: str, expected: str
) -> None:
    assert body_html(markdown, linker) == expected, f"{path.name}:{line}: {title}"


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
    assert [m.key for m in found] == ["actors/a1999", "actors/a7"]


def test_mentions_across_lines_are_found_on_the_line_they_start() -> None:
    text = (
        "---\ntitle: T\ndate: 2023-05-20\n---\n\n"  # body starts on line 6
        "Ministries left Port\nSudan; `code` and\nKhartoum\nNorth.\n\n"
        'A <a\nhref="https://example.org">raw link</a> then\nAbdel Fattah\nal-Burhan.\n'
    )
    briefing, _ = read_briefing(text, "p.md", "p", linker=SUDAN_LINKER)
    assert briefing.mention_lines == (
        ("actors/abdel-fattah-al-burhan", 13),
        ("places/bahri", 8),
        ("places/port-sudan", 6),
    )  # "Sudan" alone and "Khartoum" alone are not mentioned


@pytest.mark.parametrize(
    ("name", "forms"),
    [
        ("Sudanese army", ("Sudanese army", "Sudanese Army")),
        ("Rapid Support Forces", ("Rapid Support Forces", "Rapid support forces")),
        ("al-Burhan", ("al-Burhan", "Al-Burhan", "Al-burhan")),
        ("RSF", ("RSF",)),
        ("HoR", ("HoR",)),
        ("حميدتي", ("حميدتي",)),
    ],
)  # fmt: skip
def test_name_variants(name: str, forms: tuple[str, ...]) -> None:
    from dossier.link import variants

    assert variants(name) == forms


CHAD = [
    Actor("actors", "chad", "Chad", kind="state", aliases=("N'Djamena government",)),
    Place("places", "chad", "Chad", kind="country"),
    Actor("actors", "hassan-ali", "Hassan Ali", aliases=("Hassan",), ambiguous=("Hassan",)),
    Actor("actors", "hassan-bakr", "Hassan Bakr", aliases=("Hassan",), ambiguous=("Hassan",)),
]
CHAD_LINKER = Linker(CHAD, lambda e: f"/{e.section}/{e.slug}/")


@pytest.mark.parametrize(
    ("actors", "places", "href"),
    [
        (["Chad"], [], "/actors/chad/"),  # the briefing lists the state
        ([], ["Chad"], "/places/chad/"),
        (["Chad"], ["Chad"], "/places/chad/"),  # both: the place
        ([], [], "/places/chad/"),  # neither: the place
        (["N'Djamena government"], [], "/actors/chad/"),  # listed by an alias
    ],
)
def test_a_name_that_is_an_actor_and_a_place_links_to_the_one_the_briefing_lists(
    actors: list[str], places: list[str], href: str
) -> None:
    text = (
        f"---\ntitle: T\ndate: 2023-05-01\nactors: {actors}\nplaces: {places}\n---\n\n"
        "Chad closed its border.\n"
    )
    briefing, _ = read_briefing(text, "p.md", "p", linker=CHAD_LINKER)
    assert f'<a href="{href}" class="mention">Chad</a>' in briefing.body_html
    assert briefing.mentions == (href.strip("/"),)


def test_an_ambiguous_alias_is_never_linked_but_a_full_name_is() -> None:
    text = "---\ntitle: T\ndate: 2023-05-01\n---\n\nHassan spoke. Hassan Bakr replied.\n"
    briefing, _ = read_briefing(text, "p.md", "p", linker=CHAD_LINKER)
    assert briefing.body_html == (
        '<p>Hassan spoke. <a href="/actors/hassan-bakr/" class="mention">Hassan Bakr</a> replied.</p>\n'
    )
    assert briefing.mentions == ("actors/hassan-bakr",)


@pytest.mark.parametrize(
    ("text", "name", "expected"),
    [
        # The sentence holding the name, not its neighbours.
        ("Fighting went on. Then Haftar flew to Cairo for talks with officials there. Later, more.",
         "Haftar", ("Then ", "Haftar", " flew to Cairo for talks with officials there.")),
        # A short sentence takes the next one with it.
        ("Quiet week. Haftar spoke. He said little of note about the oil ports or Sirte.",
         "Haftar", ("", "Haftar", " spoke. He said little of note about the oil ports or Sirte.")),
        # Closing quotes stay with their sentence.
        ("He said “Haftar will not stop.” Nobody replied.", "Haftar",
         ("He said “", "Haftar", " will not stop.” Nobody replied.")),
    ],
)  # fmt: skip
def test_the_sentence_around_a_mention(
    text: str, name: str, expected: tuple[str, str, str]
) -> None:
    from dossier.link import sentence_around

    start = text.index(name)
    assert sentence_around(text, start, start + len(name)) == expected


def test_a_long_sentence_is_cut_around_the_name_at_word_boundaries() -> None:
    from dossier.link import CONTEXT_CHARS, sentence_around

    text = "word " * 100 + "Haftar" + " more" * 100 + "."
    start = text.index("Haftar")
    before, name, after = sentence_around(text, start, start + 6)
    assert name == "Haftar"
    assert before.startswith("…word")
    assert after.endswith("more…")
    assert len(before) + len(name) + len(after) <= CONTEXT_CHARS + 2


def test_a_briefing_keeps_the_sentence_around_each_first_mention() -> None:
    from dossier.link import Linker
    from dossier.model import Actor, Place

    haftar = Actor("actors", "haftar", "Khalifa Haftar", aliases=("Haftar",))
    sirte = Place("places", "sirte", "Sirte")
    misrata = Place("places", "misrata", "Misrata")
    linker = Linker([haftar, sirte, misrata], lambda e: f"/{e.section}/{e.slug}/")
    text = (
        "---\ntitle: T\ndate: 2016-10-07\ntakeaways: ['*Haftar* waits.']\n---\n\n"
        "Forces from [Misrata's brigades](https://x.example/) and `code` met\n"
        "outside Sirte on Friday. Haftar said nothing. Sirte again. Misrata too.\n"
    )
    briefing, _ = read_briefing(text, "p.md", "p", linker=linker)
    contexts = dict(briefing.contexts)
    # Link text and code read as text; a hard-wrapped line as one sentence.
    assert contexts["places/sirte"] == (
        "Forces from Misrata's brigades and code met outside ", "Sirte",
        " on Friday.",
    )  # fmt: skip
    # The takeaways come first: a name's first mention may be there.
    assert contexts["actors/haftar"] == ("", "Haftar", " waits.")
    # The author's own link is no mention: the first is the last sentence.
    assert contexts["places/misrata"][1:] == ("Misrata", " too.")
    assert briefing.context_of("places/sirte") == contexts["places/sirte"]
    assert briefing.context_of("actors/nobody") is None


def test_raw_html_between_words_reads_as_a_space_in_a_context() -> None:
    from dossier.link import Linker
    from dossier.model import Place

    fasher = Place("places", "el-fasher", "El Fasher")
    linker = Linker([fasher], lambda e: f"/{e.section}/{e.slug}/")
    text = "---\ntitle: T\ndate: 2016-10-07\n---\n\nShelling hit the market<br>El Fasher again.\n"
    briefing, _ = read_briefing(text, "p.md", "p", linker=linker)
    assert briefing.context_of("places/el-fasher") == ("Shelling hit the market ", "El Fasher",
                                                       " again.")  # fmt: skip


def test_the_fast_character_tests_agree_with_unicode() -> None:
    # _is_mark and _is_letter skip unicodedata and the regex engine for the
    # characters most text is made of: the answers must be the same for all.
    word = regex.compile(r"\w")
    for code in range(sys.maxunicode + 1):
        char = chr(code)
        assert _is_mark(char) == (unicodedata.category(char)[0] == "M"), hex(code)
        if code < 0x3000:
            assert _is_letter(char) == (word.match(char) is not None), hex(code)
