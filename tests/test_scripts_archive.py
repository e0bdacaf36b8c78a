"""A small archive in Arabic, Burmese, Thai and English, built once: names
written with a proclitic or a particle count everywhere a mention counts.

tests/fixture/scripts-archive/ is its own archive so that the main fixture
(and every test written against it) stays as it is.
"""

from __future__ import annotations

import csv
import io
import json
import re
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import quote

import pytest
from playwright.sync_api import Page, expect

from .browser_helpers import Pages, serve
from .helpers import Build, build_site, run_dossier

ARCHIVE = Path(__file__).parent / "fixture" / "scripts-archive" / "content"


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Build:
    """The archive, built at the root of a site."""
    done = build_site(ARCHIVE, tmp_path_factory.mktemp("scripts") / "output")
    assert done.returncode == 0, done.stderr
    return done


def test_an_arabic_briefing_reads_right_to_left_and_links_inside_prefixed_words(
    built: Build,
) -> None:
    page = built.page("/briefings/tripoli-talks/")
    assert '<h1 lang="ar" dir="rtl">محادثات طرابلس تتعثر</h1>' in page
    assert '<div class="body" lang="ar" dir="rtl">' in page
    # The takeaway links its own first mentions; the body links its own.
    assert re.search(
        r'<li>وفد ل<a href="/actors/khalifa-haftar/"[^>]*>حفتر</a> يصل ب<a href="/places/tripoli/"',
        page,
    )
    assert re.search(
        r'مسؤولون ب<a href="/places/tripoli/"[^>]*data-term="طرابلس\u200b"[^>]*>طرابلس</a>', page
    )
    assert re.search(
        r'رسالة ل<a href="/actors/presidential-council/"[^>]*data-term="المجلس الرئاسي\u200b"[^>]*>لمجلس الرئاسي</a>',
        page,
    )


def test_check_reports_prefixed_and_particle_names_not_listed() -> None:
    done = run_dossier("check", "--content", str(ARCHIVE))
    assert done.returncode == 0, done.stderr
    lines = (done.stdout + done.stderr).splitlines()
    assert any(
        line.endswith("2024-01-05-tripoli-talks.md:13: warning: mentioned but not listed in "
                      "'actors': Presidential Council (line 13); in 'places': Misrata (line 14)")
        for line in lines
    ), done.stderr  # fmt: skip
    assert any(
        line.endswith("2024-01-12-naypyidaw-meeting.md:10: warning: mentioned but not listed in "
                      "'actors': Tatmadaw (line 10); in 'places': Yangon (line 10)")
        for line in lines
    ), done.stderr  # fmt: skip


def test_mentions_csv_counts_every_form(built: Build) -> None:
    text = built.data("mentions.csv")
    rows = {(r["briefing"], r["entity"]): r for r in csv.DictReader(io.StringIO(text))}
    # حفتر in the takeaway (لحفتر), then حفتر and وحفتر in the body
    assert rows[("tripoli-talks", "khalifa-haftar")]["mentions"] == "3"
    assert rows[("tripoli-talks", "presidential-council")]["tagged"] == "0"
    assert rows[("naypyidaw-meeting", "yangon")]["mentions"] == "1"
    assert rows[("misrata-forces", "khalifa-haftar")]["mentions"] == "1"


def test_open_data_says_each_briefing_s_language(built: Build) -> None:
    records = json.loads(built.data("briefings.json"))
    langs = {r["slug"]: r["lang"] for r in records["briefings"]}
    assert langs == {
        "two-desks": None,
        "misrata-forces": "th",
        "naypyidaw-meeting": "my",
        "tripoli-talks": "ar",
    }
    text = built.data("briefings.csv")
    assert [(r["slug"], r["lang"]) for r in csv.DictReader(io.StringIO(text))] == [
        ("two-desks", ""), ("misrata-forces", "th"), ("naypyidaw-meeting", "my"), ("tripoli-talks", "ar"),
    ]  # fmt: skip


def test_entity_pages_show_the_sentence_around_an_attached_name(built: Build) -> None:
    yangon = built.page("/places/yangon/")
    # (an archive of one month: its activity caption says so, in the singular)
    assert "<figcaption>1 briefing lists Yangon and 1 more names it, in January 2024. <" in yangon
    # named only (ရန်ကုန်ကို), in its Burmese sentence, which ends at ။
    assert (
        '<p class="context" lang="my" dir="ltr">တပ်မတော်က <mark>ရန်ကုန်</mark>ကို '
        "ထိန်းချုပ်ထားဆဲဖြစ်သည်ဟု ဆိုသည်။</p>"
    ) in yangon
    haftar = built.page("/actors/khalifa-haftar/")
    assert (
        '<p class="context" lang="th" dir="ltr">นักการทูตหลายคนมองว่า<mark>ฮัฟตาร์</mark>'
        "จะมีอำนาจต่อรองมากขึ้นในปีหน้า</p>"
    ) in haftar
    assert (
        '<p class="context" lang="ar" dir="rtl">وفد ل<mark>حفتر</mark> يصل بطرابلس دون اتفاق.</p>'
        in haftar
    )


def test_attached_names_count_for_company_and_likeness(built: Build) -> None:
    naypyidaw = built.page("/places/naypyidaw/")
    seen_with = naypyidaw[naypyidaw.index("<h2>Actors here</h2>") :]
    assert (
        '<a href="/actors/min-aung-hlaing/">Min Aung Hlaing</a> <span class="count" title="briefings together">2</span>'
        in seen_with
    )
    two_desks = built.page("/briefings/two-desks/")
    related = two_desks[two_desks.index('<section class="related"') :]
    assert (
        '<a href="/briefings/naypyidaw-meeting/" lang="my" dir="ltr">နေပြည်တော် အစည်းအဝေး</a>'
        in related
    )


# --- search, in a browser -------------------------------------------------------


@pytest.fixture(scope="module")
def url(built: Build) -> Iterator[str]:
    """The archive, served."""
    with serve(built.output) as base:
        yield base


@pytest.mark.browser
@pytest.mark.parametrize(
    ("query", "title"),
    # names the briefing writes only onto other letters (للمجلس, ရန်ကုန်ကို, ฮัฟตาร์จะ)
    [("المجلس الرئاسي", "محادثات طرابلس تتعثر"),
     ("ရန်ကုန်", "နေပြည်တော် အစည်းအဝေး"), ("ฮัฟตาร์", "กองกำลังมิสราตาเตรียมกลับบ้าน")],
)  # fmt: skip
def test_search_finds_a_name_inside_an_attached_word_and_marks_it(
    pages: Pages, url: str, query: str, title: str
) -> None:
    page: Page = pages.open(height=1000)
    page.goto(f"{url}/search/?q={quote(query)}")
    result = page.locator(".result").filter(has=page.locator(".result-title", has_text=title))
    expect(result).to_have_count(1)
    # Pagefind marks each word of the query: the name's first word comes first.
    expect(result.locator(".result-excerpt mark").first).to_have_text(query.split()[0])
