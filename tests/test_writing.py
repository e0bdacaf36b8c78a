"""Names in every script: Arabic proclitics, scripts without word spaces,
sentences and cuts in those scripts, and a briefing's own language.

How names render is in tests/fixture/scripts.md (run by test_link.py); these
are the rules underneath, and what a real text of each script gives.
"""

from __future__ import annotations

import re
import unicodedata
from pathlib import Path

import pytest
import regex
from hypothesis import given, settings
from hypothesis import strategies as st

from dossier.errors import ContentErrors
from dossier.link import Linker, sentence_around
from dossier.model import Actor, Place
from dossier.read import read_briefing
from dossier.writing import (
    PROCLITICS,
    SPACELESS_RANGES,
    SPACELESS_SCRIPTS,
    attached_forms,
    cluster_floor,
    direction,
    is_arabic,
    is_spaceless,
)

from .test_link import WORLD, WORLD_LINKER


@pytest.mark.parametrize(
    ("name", "form", "lead"),
    [
        ("حفتر", "وحفتر", 1),
        ("حفتر", "فحفتر", 1),
        ("حفتر", "بحفتر", 1),
        ("حفتر", "لحفتر", 1),
        ("حفتر", "كحفتر", 1),
        ("حفتر", "ولحفتر", 2),
        ("الخرطوم", "بالخرطوم", 1),
        ("الخرطوم", "والخرطوم", 1),
        ("الخرطوم", "وبالخرطوم", 2),
        ("الخرطوم", "فبالخرطوم", 2),
        ("الخرطوم", "كالخرطوم", 1),
        ("الخرطوم", "للخرطوم", 1),  # the alif of the article drops after lam
        ("الخرطوم", "وللخرطوم", 2),
        ("الخرطوم", "فللخرطوم", 2),
        ("اللاذقية", "للاذقية", 1),  # and the article's lam merges with the noun's
        ("خليفة حفتر", "وخليفة حفتر", 1),
    ],
)  # fmt: skip
def test_each_proclitic_form(name: str, form: str, lead: int) -> None:
    assert (form, lead) in set(attached_forms(name))


@pytest.mark.parametrize(
    ("name", "never"),
    [
        ("الخرطوم", "لالخرطوم"),  # li never takes the article with its alif
        ("الخرطوم", "بخرطوم"),  # the article is never dropped
        ("بنغازي", "البنغازي"),  # nor added: al-Benghazi is a surname
        ("بنغازي", "وبالبنغازي"),
    ],
)  # fmt: skip
def test_forms_the_rules_never_make(name: str, never: str) -> None:
    assert never not in {form for form, _ in attached_forms(name)}


def test_only_arabic_names_take_proclitics() -> None:
    assert list(attached_forms("Haftar")) == []
    assert list(attached_forms("ရန်ကုန်")) == []
    assert len(list(attached_forms("حفتر"))) == len(PROCLITICS)
    assert is_arabic("حفتر")
    assert not is_arabic("Haftar")


@pytest.mark.parametrize(
    ("name", "expected"),
    [("ရန်ကုန်", True), ("กรุงเทพ", True), ("東京都", True), ("ミャンマー", True),
     ("ພະຈຳປາ", True), ("ភ្នំពេញ", True), ("Yangon", False), ("حفتر", False),
     ("Rangoon ရန်ကုန်", False)],
)  # fmt: skip
def test_which_names_are_matched_at_cluster_boundaries(name: str, expected: bool) -> None:
    assert is_spaceless(name) is expected


@pytest.mark.parametrize(
    ("lang", "expected"),
    [("ar", "rtl"), ("ar-LY", "rtl"), ("fa", "rtl"), ("ur", "rtl"), ("he", "rtl"),
     ("ku-Arab", "rtl"), ("ku-Arab-IQ", "rtl"), ("prs", "rtl"), ("az-Arab", "rtl"),
     ("fa-Latn", "ltr"), ("sd-Deva", "ltr"), ("my", "ltr"), ("th", "ltr"), ("en", "ltr"), ("", "ltr")],
)  # fmt: skip
def test_direction_of_a_language(lang: str, expected: str) -> None:
    assert direction(lang) == expected


def test_the_ranges_re_uses_hold_every_letter_of_the_spaceless_scripts() -> None:
    inside = re.compile(f"[{SPACELESS_RANGES}]")
    spaceless = regex.compile("|".join(rf"\p{{scx={name}}}" for name in SPACELESS_SCRIPTS))
    missing = [
        f"U+{code:04X}"
        for code in range(0x110000)
        if unicodedata.category(chr(code)).startswith("L")
        and code != 0x02BC  # the modifier apostrophe, shared with Latin orthographies
        and spaceless.match(chr(code))
        and not inside.match(chr(code))
    ]
    assert missing == []


# --- clusters ---------------------------------------------------------------

# Burmese and Thai letters, and their marks (vowel signs, asat, the
# stacker, tone marks), in any order: names must still match between clusters.
_BURMESE_THAI = st.text(
    alphabet=st.sampled_from(
        [*"ကခဂငစဆဇညတထဒနပဖဗမယရလဝသဟအ",
         *"\u102c\u102d\u102f\u1031\u1036\u1037\u1038\u1039\u103a\u103b\u103c\u103d",
         *"กขคงจชซดตทนบปพมยรลวสหอ",
         *"\u0e31\u0e34\u0e35\u0e38\u0e48\u0e49\u0e4c\u0e33 "]
    ),
    max_size=60,
)  # fmt: skip
_NAMES = ["မင်းအောင်လှိုင်", "ရန်ကုန်", "မန္တလေး", "တလေး", "နေပြည်", "နေပြည်တော်", "ကို",
          "ခ", "မ", "กรุงเทพ", "กร", "ก"]  # fmt: skip
_SPACELESS_LINKER = Linker(
    [Place("places", f"p{i}", f"P{i}", aliases=(name,)) for i, name in enumerate(_NAMES)],
    lambda e: "/",
)


def _boundaries(text: str) -> set[int]:
    # Extended grapheme clusters (regex's \X), and no cut before any mark
    # of a letter or after a stacker: Burmese ာ and း are kept with theirs.
    ends = {0}
    for found in regex.finditer(r"\X", text):
        ends.add(found.end())
    return {
        i for i in ends
        if i in (0, len(text)) or (
            not regex.match(r"\p{M}", text[i])
            and not regex.match(r"[\p{InSC=Invisible_Stacker}\p{InCB=Linker}]", text[i - 1])
        )
    }  # fmt: skip


@settings(max_examples=300, deadline=None)
@given(_BURMESE_THAI)
def test_a_match_never_splits_a_cluster(text: str) -> None:
    cuts = _boundaries(text)
    for mention in _SPACELESS_LINKER.mentions(text):
        assert mention.start in cuts, (text, mention)
        assert mention.end in cuts, (text, mention)


@settings(max_examples=300, deadline=None)
@given(_BURMESE_THAI, st.integers(min_value=0, max_value=60))
def test_a_cut_never_splits_a_cluster(text: str, at: int) -> None:
    cut = cluster_floor(text, min(at, len(text)))
    assert cut <= at
    assert cut in _boundaries(text)


# --- sentences --------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "name", "expected"),
    [
        # Arabic: ؟ ends a sentence, the Arabic comma does not.
        ("هل يقبل حفتر بالهدنة؟ قال المجلس الرئاسي، في بيان طويل صدر مساء الأحد، إنه يرحب بوحدة الجيش.",
         "المجلس الرئاسي",
         ("قال ", "المجلس الرئاسي", "، في بيان طويل صدر مساء الأحد، إنه يرحب بوحدة الجيش.")),
        # Burmese: ။ ends a sentence, with no space after it.
        ("နေပြည်တော်တွင် အစည်းအဝေး ကျင်းပသည်။ရန်ကုန်ကို စစ်တပ်က ထိန်းချုပ်ထားဆဲဖြစ်ပြီး လမ်းများ ပိတ်ထားသည်။နောက်တစ်နေ့",
         "ရန်ကုန်",
         ("", "ရန်ကုန်", "ကို စစ်တပ်က ထိန်းချုပ်ထားဆဲဖြစ်ပြီး လမ်းများ ပိတ်ထားသည်။")),
        # Thai: a space between Thai words ends a sentence.
        ("ฝนตกหนักทั้งคืน ทหารเดินทางไปกรุงเทพมหานครเมื่อวานนี้เพื่อประชุมกับรัฐบาลชุดใหม่ในเรื่องความมั่นคง ประชาชนรอฟังข่าว",
         "กรุงเทพมหานคร",
         ("ทหารเดินทางไป", "กรุงเทพมหานคร", "เมื่อวานนี้เพื่อประชุมกับรัฐบาลชุดใหม่ในเรื่องความมั่นคง")),
    ],
)  # fmt: skip
def test_the_sentence_around_a_name_in_each_script(
    text: str, name: str, expected: tuple[str, str, str]
) -> None:
    start = text.index(name)
    assert sentence_around(text, start, start + len(name)) == expected


def test_a_long_sentence_without_spaces_is_cut_between_clusters() -> None:
    sentence = "ကခဂ" * 40 + "ရန်ကုန်" + "ကိုမြို့" * 60
    start = sentence.index("ရန်ကုန်")
    before, name, after = sentence_around(sentence, start, start + len("ရန်ကုန်"))
    assert name == "ရန်ကုန်"
    assert before.startswith("…")
    assert after.endswith("…")
    # Where it was cut, in the sentence, splits no letter from its marks.
    cut_start = start - len(before[1:])
    cut_end = start + len(name) + len(after[:-1])
    assert sentence[cut_start:cut_end] == before[1:] + name + after[:-1]
    cuts = _boundaries(sentence)
    assert cut_start in cuts
    assert cut_end in cuts


# --- the whole path ---------------------------------------------------------

_ARABIC_BODY = """قال المجلس الرئاسي إن قوات حفتر تقدمت. وبالخرطوم انقطعت
الكهرباء، ووصل وفد للمجلس الرئاسي إلى طرابلس؟ وحفتر لم يرد."""


def test_an_arabic_briefing_counts_every_prefixed_mention() -> None:
    text = f"---\ntitle: T\ndate: 2016-10-07\nlang: ar\nactors: [حفتر]\n---\n\n{_ARABIC_BODY}\n"
    briefing, _ = read_briefing(text, "p.md", "p", linker=WORLD_LINKER)
    counts = dict(briefing.mention_counts)
    assert counts == {
        "actors/khalifa-haftar": 2,
        "actors/presidential-council": 2,
        "places/khartoum": 1,
        "places/tripoli": 1,
    }
    assert briefing.mention_lines == (
        ("actors/khalifa-haftar", 8),
        ("actors/presidential-council", 8),
        ("places/khartoum", 8),
        ("places/tripoli", 9),
    )
    context = briefing.context_of("places/khartoum")
    assert context is not None
    assert context[1] == "الخرطوم"
    assert context[0] == "وب"
    assert briefing.lang == "ar"
    assert briefing.direction == "rtl"


@pytest.mark.parametrize(
    ("value", "message"),
    [("arabic", "'lang' must be a language tag"), ("a r", "'lang' must be a language tag"),
     ("[ar]", "'lang' must be text")],
)  # fmt: skip
def test_lang_must_be_a_language_tag(value: str, message: str) -> None:
    text = f"---\ntitle: T\ndate: 2016-10-07\nlang: {value}\n---\n\nText.\n"
    with pytest.raises(ContentErrors) as caught:
        read_briefing(text, "p.md", "p")
    (problem,) = caught.value.diagnostics()
    assert problem.line == 4
    assert message in problem.message


def test_an_author_s_raw_html_never_carries_search_words() -> None:
    """Only the linker gives a name its search word: in raw HTML the same
    attributes could hide text from search or plant words the page never
    shows (and Pagefind's weight markers), so they go, with a warning."""
    text = (
        "---\ntitle: T\ndate: 2016-10-07\n---\n\n"
        'See <span data-pagefind-ignore data-pagefind-index-attrs="data-term" '
        'data-term="___PAGEFIND_WEIGHT___10 casino">this</span> وحفتر.\n'
    )
    briefing, warnings = read_briefing(text, "p.md", "p", linker=WORLD_LINKER)
    assert "<span>this</span>" in briefing.body_html
    assert 'data-term="حفتر\u200b"' in briefing.body_html  # the linker's own
    assert [(w.line, w.message) for w in warnings] == [
        (6, f"attribute '{name}' is Dossier's own and is removed")
        for name in ("data-pagefind-ignore", "data-pagefind-index-attrs", "data-term")
    ]


# --- measured on prose written as desks write ----------------------------------

PROSE = Path(__file__).parent / "fixture" / "prose"
_MARKED = re.compile(r"\[\[([^|\]]+)\|([^\]]+)\]\]")


def _expected_and_plain(annotated: str) -> tuple[list[tuple[int, int, str]], str]:
    expected: list[tuple[int, int, str]] = []
    plain: list[str] = []
    at = 0
    cursor = 0
    for found in _MARKED.finditer(annotated):
        plain.append(annotated[cursor : found.start()])
        at += found.start() - cursor
        name, slug = found.group(1), found.group(2)
        expected.append((at, at + len(name), slug))
        plain.append(name)
        at += len(name)
        cursor = found.end()
    plain.append(annotated[cursor:])
    return expected, "".join(plain)


@pytest.mark.parametrize("path", sorted(PROSE.glob("*.md")), ids=lambda p: p.stem)
def test_every_name_in_real_prose_is_found_and_nothing_else(path: Path) -> None:
    """Prose in Arabic and Burmese, every mention of a WORLD entity marked
    [[name|slug]] by hand: the linker finds each, and finds nothing more."""
    expected, plain = _expected_and_plain(path.read_text(encoding="utf-8"))
    found = [
        (m.start, m.end, m.key.split("/", 1)[1])
        for m in WORLD_LINKER.mentions(" ".join(plain.split("\n")))
        if m.entity is not None
    ]
    missed = sorted(set(expected) - set(found))
    false = sorted(set(found) - set(expected))
    assert (missed, false) == ([], []), f"{path.name}: missed {missed}, false {false}"
    assert len(expected) >= 10


def test_world_registry_is_what_the_prose_names() -> None:
    slugs = {e.slug for e in WORLD}
    for path in PROSE.glob("*.md"):
        for found in _MARKED.finditer(path.read_text(encoding="utf-8")):
            assert found.group(2) in slugs, (path.name, found.group(0))


def test_actor_and_place_sharing_an_arabic_name_keep_the_proclitic_rule() -> None:
    linker = Linker(
        [Actor("actors", "misrata-brigades", "Misrata Brigades", aliases=("مصراتة",)),
         Place("places", "misrata", "Misrata", aliases=("مصراتة",))],
        lambda e: "/",
    )  # fmt: skip
    (mention,) = linker.mentions("وصل إلى بمصراتة", prefer={"actors/misrata-brigades"})
    assert mention.key == "actors/misrata-brigades"
    assert mention.start == 9
