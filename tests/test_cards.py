"""Hover cards (#16 item 5): the per-entity card files and the links that
point at them (the browser tests cover what a reader sees)."""

from __future__ import annotations

import json

import pytest

from dossier.makers.cards import LINE_CHARS, profile_line
from dossier.markup import parse, render

from .helpers import Build


def test_each_entity_has_a_small_card(site: Build) -> None:
    haftar = json.loads((site.output / "cards/actors/khalifa-haftar.json").read_text())
    assert haftar == {
        "name": "Khalifa Haftar",
        "kind": "person",
        "line": haftar["line"],
        "url": "/actors/khalifa-haftar/",
        "briefings": 3,
        "mentioned": 0,
        "first": "October 2016",
        "last": "January 2017",
        "trend": {"direction": "unchanged", "flags": [], "when": "October 2016"},
    }
    assert haftar["line"]
    assert "<" not in haftar["line"]
    # An entity no registry defines has a card too: no profile, its noun for a kind.
    jeff = json.loads((site.output / "cards/actors/jeff-davies.json").read_text())
    assert (jeff["kind"], jeff["line"], jeff["trend"]) == ("actor", "", None)
    sizes = [p.stat().st_size for p in (site.output / "cards").rglob("*.json")]
    assert max(sizes) < 1024


def test_mention_links_name_their_card(site: Build) -> None:
    page = site.page("/briefings/sirte-bm-splits-enclave/")
    assert (
        '<a href="/actors/khalifa-haftar/" class="mention" '
        'data-card="/cards/actors/khalifa-haftar.json">'
    ) in page


@pytest.mark.parametrize(
    ("raw", "kept"),
    [
        ('<a href="/x/" data-card="/cards/actors/x.json">x</a>', True),
        ('<a href="/x/" data-card="javascript:alert(1)">x</a>', False),
        ('<a href="/x/" data-card="https://evil.example/x.json">x</a>', False),
        ('<a href="/x/" data-card="//evil.example/x.json">x</a>', False),
        # Any path of this site: a site under /my+site/, or a card route of one's own.
        ('<a href="/x/" data-card="/my+site/cards/actors/x.json">x</a>', True),
        ('<a href="/x/" data-card="/cards/actors/x">x</a>', True),
    ],
)  # fmt: skip
def test_an_author_s_data_card_is_kept_only_as_a_site_path(raw: str, kept: bool) -> None:
    html = render(parse(raw))
    assert ("data-card" in html) is kept


def test_a_profile_line_is_its_first_sentence_as_text() -> None:
    html = "<p>The <a href='/x/'>LNA</a>’s commander &amp; its chief of staff. Born in 1943.</p>"
    assert profile_line(html) == "The LNA’s commander & its chief of staff."
    # An abbreviation's full stop is no sentence's end.
    rsf = "<p>Lt. Gen. Mohamed Hamdan Dagalo commands the Rapid Support Forces. He was…</p>"
    assert profile_line(rsf) == "Lt. Gen. Mohamed Hamdan Dagalo commands the Rapid Support Forces."
    assert profile_line("<p>The U.N. mission left Darfur at the end of 2023. Then</p>") == (
        "The U.N. mission left Darfur at the end of 2023."
    )
    long = "<p>" + "word " * 80 + "end.</p>"
    line = profile_line(long)
    assert len(line) <= LINE_CHARS
    assert line.endswith("…")
