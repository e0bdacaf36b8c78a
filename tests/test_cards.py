"""Hover cards (#16 item 5): the per-entity card files and the links that
point at them (the browser tests cover what a reader sees)."""

from __future__ import annotations

import json
import re

import pytest

from dossier.makers.cards import LINE_CHARS, profile_line
from dossier.markup import parse, render
from dossier.model import Actor
from dossier.urls import CARD_BUCKETS, Urls, card_bucket

from .helpers import Build


def urls() -> Urls:
    return Urls.from_settings({}, "", "")


def actor(slug: str) -> Actor:
    return Actor(section="actors", slug=slug, name=slug)


def _card_of(site: Build, path: str, href: str) -> dict[str, object]:
    cards = json.loads((site.output / path).read_text())
    found: dict[str, object] = cards[href]
    return found


def test_each_entity_has_a_card_in_a_shared_file(site: Build) -> None:
    haftar = _card_of(site, urls().card(actor("khalifa-haftar")), "/actors/khalifa-haftar/")
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
    assert "<" not in str(haftar["line"])
    # An entity no registry defines has a card too: no profile, its noun for a kind.
    jeff = _card_of(site, urls().card(actor("jeff-davies")), "/actors/jeff-davies/")
    assert (jeff["kind"], jeff["line"], jeff["trend"]) == ("actor", "", None)
    files = sorted((site.output / "cards").rglob("*.json"))
    assert {p.parent.name for p in files} == {"actors", "places"}
    assert all(re.fullmatch(r"[0-9a-f]{2}\.json", p.name) for p in files)
    # Every entity page has its card, in exactly one file.
    held = [href for p in files for href in json.loads(p.read_text())]
    assert len(held) == len(set(held))
    pages = {
        f"/{p.parent.relative_to(site.output)}/"
        for section in ("actors", "places")
        for p in site.output.glob(f"{section}/*/index.html")
        if 'http-equiv="refresh"' not in p.read_text()  # a former slug's redirect
    }
    assert set(held) == pages
    assert max(p.stat().st_size for p in files) < 4096


def test_mention_links_name_their_card_file(site: Build) -> None:
    page = site.page("/briefings/sirte-bm-splits-enclave/")
    card = "/" + urls().card(actor("khalifa-haftar"))
    assert f'<a href="/actors/khalifa-haftar/" data-card="{card}">' in page
    assert 'class="mention"' not in page


def test_a_card_pattern_by_slug_gives_each_card_a_file() -> None:
    own = Urls.from_settings({"DOSSIER_ACTOR_CARD_URL": "cards/a/{slug}.json"}, "", "")
    assert own.card(actor("khalifa-haftar")) == "cards/a/khalifa-haftar.json"
    assert re.fullmatch(r"cards/actors/[0-9a-f]{2}\.json", urls().card(actor("x")))
    # The bucket is the slug's, whatever the run: pages and cards agree across builds.
    assert card_bucket("khalifa-haftar") == card_bucket("khalifa-haftar")
    assert len({card_bucket(f"actor-{n}") for n in range(2000)}) == CARD_BUCKETS


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
