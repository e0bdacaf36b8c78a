"""Property-based tests (Hypothesis) for front-matter parsing and slugs."""

from __future__ import annotations

import datetime as dt

import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from dossier.errors import ContentError
from dossier.read import read_briefing
from dossier.slugs import SLUG_PATTERN, slugify

names = st.text(
    alphabet=st.characters(blacklist_categories=("Cs", "Cc", "Zl", "Zp")), min_size=1, max_size=40
).filter(lambda s: s.strip() != "")


@given(st.text())
def test_slugs_are_always_one_safe_url_segment(text: str) -> None:
    slug = slugify(text)
    if text.strip() == "":
        assert slug == ""
    else:
        assert slug != ""  # text that transliterates to nothing still gets a hashed slug
        assert SLUG_PATTERN.match(slug)
        assert "/" not in slug
        assert ".." not in slug


@given(st.text(alphabet="abcdefghijklmnopqrstuvwxyz0123456789- ", min_size=1))
def test_slugify_is_idempotent_on_ascii(text: str) -> None:
    once = slugify(text)
    if once:
        assert slugify(once) == once


@given(st.text(max_size=300))
@settings(max_examples=300)
def test_any_text_either_reads_or_fails_with_a_located_error(text: str) -> None:
    try:
        read_briefing(text, "p.md", "2016-10-07-p")
    except ContentError as exc:
        lines = text.count("\n") + text.count("\r") + 2
        for problem in exc.diagnostics():
            assert problem.path == "p.md"
            assert 1 <= problem.line <= lines


@given(
    title=names,
    date=st.dates(min_value=dt.date(1900, 1, 1), max_value=dt.date(2100, 12, 31)),
    actors=st.lists(names, max_size=5),
    places=st.lists(names, max_size=3),
    tags=st.lists(names, max_size=3),
)
@settings(max_examples=200)
def test_front_matter_round_trips(
    title: str, date: dt.date, actors: list[str], places: list[str], tags: list[str]
) -> None:
    front = yaml.safe_dump(
        {
            "title": title,
            "date": date.isoformat(),
            "actors": actors,
            "places": places,
            "tags": tags,
        },
        allow_unicode=True,
    )
    briefing, _ = read_briefing(f"---\n{front}---\n\nBody.\n", "p.md", "2016-10-07-p")

    def clean(values: list[str]) -> tuple[str, ...]:
        out: list[str] = []
        for value in values:
            value = " ".join(value.split())
            if value and value not in out:
                out.append(value)
        return tuple(out)

    assert briefing.title == title.strip()
    assert briefing.date.date() == date
    assert briefing.actors == clean(actors)
    assert briefing.places == clean(places)
    assert briefing.tags == clean(tags)
