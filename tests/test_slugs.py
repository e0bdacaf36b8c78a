"""Data-driven cases for slugs: ASCII unchanged, other letters transliterated."""

from __future__ import annotations

import re
import unicodedata

import pytest
from hypothesis import given
from hypothesis import strategies as st

from dossier.read import read_briefing
from dossier.slugs import SLUG_PATTERN, ascii_slug, slug_from_filename, slugify

HASHED = re.compile(r"^x-[0-9a-f]{10}$")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # ASCII: exactly as before transliteration
        ("Khalifa Haftar", "khalifa-haftar"),
        ("BM", "bm"),
        ("Sirte 2016", "sirte-2016"),
        ("Bunyan al-Marsus", "bunyan-al-marsus"),
        ("Haftar's envoys", "haftar-s-envoys"),
        ("  --Misrata--  ", "misrata"),
        ("X-Ray Report", "x-ray-report"),
        ("GNA / HoR talks", "gna-hor-talks"),
        # Latin letters with diacritics, as before
        ("Ça déjà vu", "ca-deja-vu"),
        ("Müller Grüße", "muller-grusse"),
        # letters that do not decompose: transliterated, no longer dropped
        ("Łódź", "lodz"),
        ("Straße", "strasse"),
        ("Gdańsk Wałęsa", "gdansk-walesa"),
        ("Œuvre", "oeuvre"),
        ("İstanbul ığdır", "istanbul-igdir"),
        ("Şanlıurfa Çorum Gümüşhane", "sanliurfa-corum-gumushane"),
        ("Søren Ærø", "soren-aero"),
        # Arabic and mixed
        ("خليفة حفتر", "khlyf-hftr"),
        ("سرت", "srt"),
        ("Dagalo (حميدتي)", "dagalo-hmydty"),
        ("Haftar حفتر 2016", "haftar-hftr-2016"),
        # typographic punctuation is dropped, as before
        ("Haftar’s envoys", "haftars-envoys"),
        ("Maʿiteeq", "maiteeq"),
        ("“Quoted” title", "quoted-title"),
        ("Khalifa\u00a0Haftar", "khalifa-haftar"),
        # nothing to slug
        ("", ""),
        ("   ", ""),
        ("\t\n", ""),
    ],
)  # fmt: skip
def test_slugify(text: str, expected: str) -> None:
    assert slugify(text) == expected
    assert ascii_slug(text) == expected
    if expected:
        assert SLUG_PATTERN.match(expected)


@pytest.mark.parametrize("text", ["😀", "🇱🇾 🛢️", "—", "…", "‘’"])
def test_text_with_nothing_to_transliterate_gets_a_stable_hash(text: str) -> None:
    assert ascii_slug(text) == ""
    slug = slugify(text)
    assert HASHED.match(slug)
    assert slugify(text) == slug
    assert slugify(text + text) != slug


@pytest.mark.parametrize(
    ("stem", "expected"),
    [
        ("2016-10-07-bm-splits", "bm-splits"),
        ("2016-10-07-Łódź-talks", "lodz-talks"),
        ("2016-10-07-straße", "strasse"),
        ("2016-10-07-حفتر", "hftr"),
        ("bm-splits", "bm-splits"),
        ("2016-10-07-😀", ""),
    ],
)  # fmt: skip
def test_slug_from_filename(stem: str, expected: str) -> None:
    assert slug_from_filename(stem) == expected


@pytest.mark.parametrize(
    ("heading", "expected"),
    [
        ("Haftar in Sirte", "haftar-in-sirte"),
        ("Łódź talks", "lodz-talks"),
        ("Straße und Platz", "strasse-und-platz"),
        ("خليفة حفتر", "khlyf-hftr"),
    ],
)
def test_heading_ids_are_transliterated(heading: str, expected: str) -> None:
    text = f"---\ntitle: T\ndate: 2016-10-07\n---\n\n## {heading}\n"
    briefing, _ = read_briefing(text, "p.md", "p")
    assert f'<h2 id="{expected}">{heading}</h2>' in briefing.body_html


@pytest.mark.parametrize(
    ("given", "expected"),
    [("Kept URL", "kept-url"), ("Łódź talks", "lodz-talks"), ("حفتر", "hftr")],
)
def test_front_matter_slugs_are_transliterated(given: str, expected: str) -> None:
    text = f"---\ntitle: T\ndate: 2016-10-07\nslug: {given}\n---\nB\n"
    briefing, _ = read_briefing(text, "p.md", "2016-10-07-p")
    assert briefing.slug == expected


def _nfkd_slug(text: str) -> str:
    """The slug before transliteration: NFKD, then drop what is not ASCII."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    return re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")


@given(st.text(alphabet=st.characters(max_codepoint=127)))
def test_ascii_slugs_are_what_they_were(text: str) -> None:
    assert ascii_slug(text) == _nfkd_slug(text)


@given(st.text())
def test_transliteration_only_adds_letters(text: str) -> None:
    # Every letter or digit the old slug had is still there, in order.
    old = _nfkd_slug(text).replace("-", "")
    new = iter(ascii_slug(text).replace("-", ""))
    assert all(char in new for char in old)
