"""Data-driven cases for the read stage: front-matter and body to Briefing."""

from __future__ import annotations

import datetime as dt
import re

import pytest

from dossier.errors import ContentError
from dossier.read import read_briefing

GOOD = """---
title: "BM splits the enclave"
date: 2016-10-07
summary: "One line."
actors: [Bunyan al-Marsus, Haftar]
places: [Sirte]
tags: [security]
sources:
  - title: UNSMIL
    url: https://unsmil.unmissions.org/
  - https://www.africom.mil/
---

First paragraph with *emphasis*.

Second paragraph.
"""


def test_good_briefing() -> None:
    briefing, warnings = read_briefing(GOOD, "b.md", "2016-10-07-bm-splits")
    assert briefing.title == "BM splits the enclave"
    assert briefing.slug == "bm-splits"
    assert briefing.date == dt.datetime(2016, 10, 7, tzinfo=dt.UTC)
    assert briefing.actors == ("Bunyan al-Marsus", "Haftar")
    assert briefing.places == ("Sirte",)
    assert briefing.summary == "One line."
    assert [s.url for s in briefing.sources] == [
        "https://unsmil.unmissions.org/", "https://www.africom.mil/"
    ]  # fmt: skip
    assert "<em>emphasis</em>" in briefing.body_html
    assert warnings == []


@pytest.mark.parametrize(
    ("name", "text", "expected"),
    [
        ("missing title", "---\ndate: 2016-10-07\n---\nBody\n",
         "p.md:1: error: missing required key 'title'"),
        ("missing date", "---\ntitle: T\n---\nBody\n",
         "p.md:1: error: missing required key 'date'"),
        ("bad YAML names the line of the unclosed list", "---\ntitle: T\ndate: 2016-10-07\nactors: [a, b\nplaces: x\n---\n",
         "p.md:4: error: invalid YAML: a list opened with '[' on this line is not closed with ']', or misses a comma …"),
        ("an unclosed quote is reported where it opens", '---\ntitle: "Haftar\ndate: 2016-10-07\nactors: [a]\n---\nBody\n',
         "p.md:2: error: invalid YAML: a quote opened on this line is never closed …"),
        ("a tab is reported where it is", "---\ntitle: A\n\tdate: 2016\n---\n",
         "p.md:3: error: invalid YAML: found a tab character that violates indentation …"),
        ("impossible date", "---\ntitle: T\ndate: 2016-02-30\n---\nBody\n",
         "p.md:3: error: '2016-02-30' is not a real date"),
        ("not a date", "---\ntitle: T\ndate: last tuesday\n---\nBody\n",
         "p.md:3: error: 'last tuesday' is not a date: use YYYY-MM-DD or an ISO datetime"),
        ("title is a list", "---\ntitle: [a, b]\ndate: 2016-10-07\n---\nBody\n",
         "p.md:2: error: 'title' must be text, not a list: quote it"),
        ("title is a number", "---\ntitle: 1984\ndate: 2016-10-07\n---\nBody\n",
         "p.md:2: error: 'title' must be text, not a number: quote it"),
        ("missing closing ---", "---\ntitle: T\ndate: 2016-10-07\n\nBody\n",
         "p.md:1: error: front-matter is not closed: add a '---' line after it"),
        ("no front-matter", "Just text\n",
         "p.md:1: error: no front-matter: the file must start with a '---' line"),
        ("front-matter is a list", "---\n- a\n- b\n---\nBody\n",
         "p.md:2: error: front-matter must be a mapping of keys to values"),
        ("bad status", "---\ntitle: T\ndate: 2016-10-07\nstatus: maybe\n---\nBody\n",
         "p.md:4: error: 'status' must be 'draft' or 'published', not 'maybe'"),
        ("bad source", "---\ntitle: T\ndate: 2016-10-07\nsources: [{title: [1]}]\n---\nB\n",
         "p.md:4: error: each source must be a URL or a {title, url} mapping"),
        ("actors a mapping", "---\ntitle: T\ndate: 2016-10-07\nactors: {a: 1}\n---\nB\n",
         "p.md:4: error: 'actors' must be a name or a list of names"),
        ("takeaways a mapping", "---\ntitle: T\ndate: 2016-10-07\ntakeaways: {a: 1}\n---\nB\n",
         "p.md:4: error: 'takeaways' must be a list of short lines"),
        ("a takeaway a number", "---\ntitle: T\ndate: 2016-10-07\ntakeaways:\n  - Fine.\n  - 42\n---\nB\n",
         "p.md:4: error: 'takeaways' must list lines of text, not a number: quote it"),
        ("cutoff not a date", "---\ntitle: T\ndate: 2016-10-07\ncutoff: soon\n---\nB\n",
         "p.md:4: error: 'soon' is not a date: use YYYY-MM-DD or an ISO datetime"),
    ],
    ids=lambda v: v if isinstance(v, str) and len(v) < 30 else None,
)  # fmt: skip
def test_errors_name_file_and_line(name: str, text: str, expected: str) -> None:
    with pytest.raises(ContentError) as caught:
        read_briefing(text, "p.md", "p")
    headline = str(caught.value).splitlines()[0]
    # "…" stands for parser wording, which differs between libyaml and PyYAML.
    pattern = ".*".join(re.escape(part) for part in expected.split("…")) + "$"
    assert re.match(pattern, headline), (name, headline)


def test_every_error_of_a_file_is_reported_at_once() -> None:
    text = "---\ntitle: [x]\ndate: 2016-13-01\nstatus: nope\n---\nBody\n"
    with pytest.raises(ContentError) as caught:
        read_briefing(text, "p.md", "p")
    assert [(d.line, d.message) for d in caught.value.diagnostics()] == [
        (2, "'title' must be text, not a list: quote it"),
        (3, "'2016-13-01' is not a real date"),
        (4, "'status' must be 'draft' or 'published', not 'nope'"),
    ]


@pytest.mark.parametrize(
    ("front", "field", "expected"),
    [
        ("actors: Haftar", "actors", ("Haftar",)),
        ("places: Sirte", "places", ("Sirte",)),
        ("tags: oil", "tags", ("oil",)),
        ("actors: [BM, BM, ' GNA ']", "actors", ("BM", "GNA")),
        ("actors: []", "actors", ()),
        ("actors: [خليفة حفتر, فايز السراج]", "actors", ("خليفة حفتر", "فايز السراج")),
    ],
)
def test_names_accept_a_list_or_one_string(
    front: str, field: str, expected: tuple[str, ...]
) -> None:
    text = f"---\ntitle: T\ndate: 2016-10-07\n{front}\n---\nBody\n"
    briefing, _ = read_briefing(text, "p.md", "p")
    assert getattr(briefing, field) == expected


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("2016-10-07", dt.datetime(2016, 10, 7, tzinfo=dt.UTC)),
        ("2016-10-07T09:30:00", dt.datetime(2016, 10, 7, 9, 30, tzinfo=dt.UTC)),
        ("2016-10-07T09:30:00+02:00",
         dt.datetime(2016, 10, 7, 9, 30, tzinfo=dt.timezone(dt.timedelta(hours=2)))),
        ("2016-10-07T07:30:00Z", dt.datetime(2016, 10, 7, 7, 30, tzinfo=dt.UTC)),
    ],
)  # fmt: skip
def test_dates(value: str, expected: dt.datetime) -> None:
    briefing, _ = read_briefing(f"---\ntitle: T\ndate: {value}\n---\nB\n", "p.md", "p")
    assert briefing.date == expected


def test_bom_and_crlf() -> None:
    text = "\ufeff" + GOOD.replace("\n", "\r\n")
    briefing, warnings = read_briefing(text, "b.md", "2016-10-07-bm-splits")
    assert briefing.title == "BM splits the enclave"
    assert "\r" not in briefing.body_html
    assert warnings == []


def test_arabic_title_and_names() -> None:
    text = (
        "---\ntitle: حفتر يسيطر على الهلال النفطي\ndate: 2016-09-11\n"
        "actors: [خليفة حفتر]\nplaces: [رأس لانوف]\n---\n\nنص الإحاطة.\n"
    )
    briefing, _ = read_briefing(text, "a.md", "2016-09-11-oil-crescent")
    assert briefing.title == "حفتر يسيطر على الهلال النفطي"
    assert briefing.actors == ("خليفة حفتر",)
    assert briefing.slug == "oil-crescent"
    assert briefing.summary == "نص الإحاطة."


def test_slug_from_front_matter_wins_over_file_name() -> None:
    text = "---\ntitle: T\ndate: 2016-10-07\nslug: Kept URL\n---\nB\n"
    briefing, _ = read_briefing(text, "p.md", "2016-10-07-renamed-title")
    assert briefing.slug == "kept-url"


def test_summary_defaults_to_first_paragraph() -> None:
    text = (
        "---\ntitle: T\ndate: 2016-10-07\n---\n\n## Heading\n\nThe *first*\nparagraph.\n\nMore.\n"
    )
    briefing, _ = read_briefing(text, "p.md", "p")
    assert briefing.summary == "The first paragraph."


def test_unknown_keys_and_empty_body_warn() -> None:
    text = "---\ntitle: T\ndate: 2016-10-07\ncolour: red\n---\n"
    _, warnings = read_briefing(text, "p.md", "p")
    assert [str(w) for w in warnings] == [
        "p.md:4: warning: unknown front-matter key 'colour'",
        "p.md:2: warning: the briefing has no body text",
    ]


def test_raw_html_is_sanitised() -> None:
    text = (
        "---\ntitle: T\ndate: 2016-10-07\n---\n\n<script>alert(1)</script>"
        '<b onclick="x()">b</b> [l](javascript:alert(1)) <a href="javascript:x">a</a>\n'
    )
    briefing, _ = read_briefing(text, "p.md", "p")
    html = briefing.body_html
    assert "<script" not in html
    assert "onclick" not in html
    assert 'href="javascript' not in html
    assert "<b>b</b>" in html


def test_tables_footnotes_and_heading_ids() -> None:
    text = (
        "---\ntitle: T\ndate: 2016-10-07\n---\n\n## Oil output\n\n"
        "| a | b |\n|---|--:|\n| 1 | 2 |\n\nNote.[^1]\n\n[^1]: The note.\n"
    )
    briefing, _ = read_briefing(text, "p.md", "p")
    html = briefing.body_html
    assert '<h2 id="oil-output">Oil output</h2>' in html
    assert "<table>" in html
    assert '<th class="align-right">b</th>' in html
    assert "style=" not in html
    assert 'class="footnotes"' in html
    assert 'href="#fn1"' in html


def test_control_characters_are_removed_with_a_warning() -> None:
    text = "---\ntitle: T\ndate: 2016-10-07\n---\n\nPasted\x0c from a word\x0bprocessor.\x1b\n"
    briefing, warnings = read_briefing(text, "p.md", "p")
    assert "\x0c" not in briefing.body_html
    assert "\x1b" not in briefing.body_html
    assert [str(w) for w in warnings] == [
        "p.md:6: warning: control character U+000C removed (and any others)"
    ]


def test_zoned_dates_are_shown_in_the_site_time_zone() -> None:
    text = "---\ntitle: T\ndate: 2016-12-31T23:30:00-05:00\n---\nB\n"
    briefing, _ = read_briefing(text, "p.md", "p")
    assert briefing.date == dt.datetime(2017, 1, 1, 4, 30, tzinfo=dt.UTC)
    assert briefing.date.tzinfo == dt.UTC


def test_slugs_may_start_with_x() -> None:
    briefing, _ = read_briefing(
        "---\ntitle: T\ndate: 2016-10-09\n---\nB\n", "p.md", "2016-10-09-x-ray-report"
    )
    assert briefing.slug == "x-ray-report"


def test_yaml_lines_count_blank_lines_after_the_opening_rule() -> None:
    text = "---\n\ntitle: T\ndate: 2016-02-30\n---\nB\n"
    with pytest.raises(ContentError) as caught:
        read_briefing(text, "p.md", "p")
    assert str(caught.value) == "p.md:4: error: '2016-02-30' is not a real date"


def test_warnings_are_kept_alongside_errors() -> None:
    text = "---\ntitle: T\ndate: 2016-02-30\nbogus: 1\n---\nB\n"
    with pytest.raises(ContentError) as caught:
        read_briefing(text, "p.md", "p")
    assert [str(d) for d in caught.value.diagnostics()] == [
        "p.md:4: warning: unknown front-matter key 'bogus'",
        "p.md:3: error: '2016-02-30' is not a real date",
    ]


def test_body_ids_are_slugs_and_never_the_themes() -> None:
    text = '---\ntitle: T\ndate: 2016-10-07\n---\n\n## Main\n\n<h2 id="dossier_main">raw</h2>\n'
    briefing, _ = read_briefing(text, "p.md", "p")
    assert '<h2 id="main">Main</h2>' in briefing.body_html
    assert "dossier_main" not in briefing.body_html


@pytest.mark.parametrize(
    ("stem", "date", "warnings"),
    [
        ("2016-10-07-sirte", "2016-10-07", []),
        ("2016-10-07-sirte", "2016-10-08", ["p.md:3: warning: the file name says 2016-10-07 but 'date' is 2016-10-08"]),
        ("sirte", "2016-10-08", []),  # no date in the file name: nothing to compare
    ],
)  # fmt: skip
def test_the_file_name_date_and_the_front_matter_date_agree(
    stem: str, date: str, warnings: list[str]
) -> None:
    text = f"---\ntitle: T\ndate: {date}\n---\n\nBody.\n"
    _, found = read_briefing(text, "p.md", stem)
    assert [str(w) for w in found] == warnings


def test_raw_html_the_sanitiser_removes_is_named_with_its_line() -> None:
    text = (
        "---\ntitle: T\ndate: 2016-10-07\n---\n\n"  # the body starts on line 6
        'Intro <span onclick="x()">hi</span> and <a\nhref="javascript:alert(1)">x</a>.\n\n'
        "<script>alert(1)</script>\n\n<script>again()</script>\n\n"
        'Fine: <b>bold</b> <a href="https://ok.org" title="t">ok</a> <abbr>UN</abbr>.\n'
    )
    _, warnings = read_briefing(text, "p.md", "p")
    assert [str(w) for w in warnings] == [
        "p.md:6: warning: a javascript: link on <a> is removed",
        "p.md:6: warning: attribute 'onclick' on <span> is removed",
        "p.md:9: warning: raw HTML <script> is removed: the archive does not allow it (2 times in this file)",
    ]


TAKEAWAYS = """---
title: "Sirte"
date: 2016-10-07
cutoff: 2016-10-05
actors: [Haftar]
takeaways:
  - "**BM** holds the port;   Haftar waits."
  - "# not a heading, and <script>x</script> no script"
---

Haftar's envoys toured Europe.
"""


def test_takeaways_are_lines_of_inline_markdown_with_their_own_links() -> None:
    from dossier.link import Linker
    from dossier.model import Actor

    haftar = Actor("actors", "haftar", "Khalifa Haftar", aliases=("Haftar",))
    linker = Linker([haftar], lambda e: f"/actors/{e.slug}/")
    briefing, _ = read_briefing(TAKEAWAYS, "t.md", "2016-10-07-sirte", linker=linker)
    first, second = briefing.takeaways
    assert first.text == "BM holds the port; Haftar waits."
    assert first.html.startswith("<strong>BM</strong> holds the port; <a ")
    assert "/actors/haftar/" in first.html
    assert "/actors/haftar/" in briefing.body_html  # the body links its first mention too
    assert second.html.startswith("# not a heading")
    assert "<script" not in second.html
    assert briefing.cutoff == dt.datetime(2016, 10, 5, tzinfo=dt.UTC)
    assert briefing.gist == "BM holds the port; Haftar waits. · # not a heading, and x no script"
    assert dict(briefing.mention_lines)["actors/haftar"] == 6  # the takeaways key's line


def test_takeaways_warn_when_long_and_a_cutoff_after_the_date() -> None:
    text = TAKEAWAYS.replace("cutoff: 2016-10-05", "cutoff: 2016-10-09").replace(
        "Haftar waits.", "Haftar waits." + " and then" * 40
    )
    _, warnings = read_briefing(text, "t.md", "2016-10-07-sirte")
    assert sorted(str(w) for w in warnings) == [
        "t.md:4: warning: the information runs to after the briefing's date: is 'cutoff' right?",
        "t.md:6: warning: a takeaway of 396 characters: keep each to a line (under 300)",
    ]
