"""Search in a real browser: the sample archive, served under a project subpath."""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from urllib.parse import quote

import pytest
from playwright.sync_api import Locator, Page, expect

from .browser_helpers import Pages, serve
from .helpers import ROOT, Build, build_site

pytestmark = pytest.mark.browser
SUB = "/repo"


@pytest.fixture(scope="module")
def search_site(tmp_path_factory: pytest.TempPathFactory) -> Build:
    """The sample archive, built for a GitHub Pages project subpath."""
    out = tmp_path_factory.mktemp("search") / "output"
    built = build_site(ROOT / "content", out, "--site-url", f"https://org.github.io{SUB}")
    assert built.returncode == 0, built.stderr
    return built


@pytest.fixture(scope="module")
def search_url(search_site: Build) -> Iterator[str]:
    """The sample archive served under /repo/, as GitHub Pages serves a project."""
    with serve(search_site.output, prefix=SUB) as url:
        yield url


@pytest.fixture
def page(pages: Pages) -> Page:
    """A taller desktop page than the default, watched for problems."""
    return pages.open(height=1000)


def titles(page: Page) -> list[str]:
    return page.locator(".result-title").all_inner_texts()


def result_count(page: Page) -> int:
    """How many results the status line announces (once it announces any)."""
    status = page.locator("#search-status")
    expect(status).to_have_text(re.compile(r"^\d+ results? "))
    found = re.match(r"\d+", status.inner_text())
    assert found is not None
    return int(found.group(0))


def top(locator: Locator) -> float:
    """The y coordinate of a visible element's top edge."""
    expect(locator).to_be_visible()
    box = locator.bounding_box()
    assert box is not None
    return box["y"]


def test_typing_a_query_finds_the_briefing(page: Page, search_url: str) -> None:
    page.goto(f"{search_url}/search/")
    page.locator("#q").fill("Gwarsha")
    expect(page.locator("#search-status")).to_have_text(
        re.compile(r"^\d+ results? for “Gwarsha”\.$")
    )
    first = page.locator(".result-title a").first
    expect(first).to_have_text(
        "LNA claims gains around Gwarsha as the US election adds a new uncertainty"
    )
    expect(first).to_have_attribute("href", f"{SUB}/briefings/lna-pushes-into-gwarsha/")
    expect(page.locator(".result-excerpt mark").first).to_have_text("Gwarsha")
    expect(page).to_have_url(f"{search_url}/search/?q=Gwarsha")


def test_a_shared_url_with_a_query_and_an_actor_filters(page: Page, search_url: str) -> None:
    page.goto(f"{search_url}/search/?q=oil&actor={quote('Ibrahim Jadhran')}")
    expect(page.locator("#search-status")).to_contain_text("for “oil” with the chosen filters")
    expect(page.locator("#q")).to_have_value("oil")
    box = page.locator('input[data-facet="actor"][value="Ibrahim Jadhran"]')
    expect(box).to_be_checked()
    # The status is announced in the same task that shows the results.
    found = titles(page)
    assert found
    expect(page.locator(".result .kind")).to_have_text(["briefing"] * len(found))
    page.goto(f"{search_url}/search/?q=oil")
    expect(page.locator("#search-status")).to_contain_text("for “oil”.")
    assert len(titles(page)) >= len(found)


def test_the_actor_facet_can_be_searched_within(page: Page, search_url: str) -> None:
    page.goto(f"{search_url}/search/?q=oil")
    expect(page.locator(".result").first).to_be_visible()
    expect(page.locator("#facets")).to_have_attribute("aria-busy", "false")  # final counts
    facet = page.locator('fieldset[data-facet="actor"]')
    facet.get_by_label("Find actors").fill("haf")
    values = facet.locator(".facet-name")
    expect(values).to_have_text(["Khalifa Haftar"])
    facet.get_by_label("Find actors").fill("hifter")  # an alias finds the name
    expect(values).to_have_text(["Khalifa Haftar"])
    facet.get_by_label("Khalifa Haftar").check()
    expect(page.locator("#search-status")).to_contain_text("with the chosen filters")
    expect(page).to_have_url(f"{search_url}/search/?q=oil&actor=Khalifa+Haftar")


def test_an_arabic_query_finds_the_actor(page: Page, search_url: str) -> None:
    page.goto(f"{search_url}/search/?q={quote('حفتر')}")
    expect(page.locator(".result-title").first).to_have_text("Khalifa Haftar")
    expect(page.locator(".result .kind").first).to_have_text("actor")
    expect(page.locator(".result-title a").first).to_have_attribute(
        "href", f"{SUB}/actors/khalifa-haftar/"
    )


def test_back_restores_the_previous_search(page: Page, search_url: str) -> None:
    page.goto(f"{search_url}/search/")
    page.locator("#q").fill("Sirte")
    expect(page.locator("#search-status")).to_contain_text("for “Sirte”")
    page.locator("#q").press("Enter")
    page.locator("#q").fill("Tobruk")
    expect(page.locator("#search-status")).to_contain_text("for “Tobruk”")
    page.locator('input[data-facet="year"][value="2016"]').check()
    expect(page.locator("#search-status")).to_contain_text("with the chosen filters")
    page.go_back()
    expect(page.locator("#search-status")).to_have_text(
        re.compile(r"^\d+ results? for “Tobruk”\.$")
    )
    expect(page.locator('input[data-facet="year"][value="2016"]')).not_to_be_checked()
    expect(page.locator("#q")).to_have_value("Tobruk")
    page.go_back()
    expect(page.locator("#q")).to_have_value("Sirte")
    expect(page.locator("#search-status")).to_contain_text("for “Sirte”")


def test_filters_without_a_query_browse_without_the_word_index(
    page: Page, search_site: Build, search_url: str
) -> None:
    # Every sample briefing is from 2016: the year filter keeps all of Jadhran's.
    actors = json.loads(search_site.data("actors.json"))["actors"]
    jadhran = len(next(a for a in actors if a["slug"] == "ibrahim-jadhran")["briefings"])
    fetched: list[str] = []
    page.on("request", lambda r: fetched.append(r.url))
    page.goto(f"{search_url}/search/?actor={quote('Ibrahim Jadhran')}&year=2016")
    expect(page.locator("#search-status")).to_have_text(
        f"{jadhran} results with the chosen filters."
    )
    expect(page.locator(".result-title").first).to_be_visible()
    expect(page.locator("#facets")).not_to_have_attribute("aria-busy", "true")
    assert not [url for url in fetched if "/pagefind/" in url]  # our lists alone
    assert any(url.endswith("/search/lists/actor/ibrahim-jadhran.json") for url in fetched)
    expect(page.locator(".result")).to_have_count(jadhran)
    # Without the year the status reads the same, so mark the results shown
    # now: the new search replaces them all.
    page.locator(".result").evaluate_all("els => els.forEach(e => e.dataset.stale = '1')")
    page.locator('input[data-facet="year"][value="2016"]').uncheck()
    expect(page).to_have_url(f"{search_url}/search/?actor=Ibrahim+Jadhran")
    expect(page.locator(".result[data-stale]")).to_have_count(0)
    expect(page.locator(".result")).to_have_count(jadhran)
    expect(page.locator("#search-status")).to_have_text(
        f"{jadhran} results with the chosen filters."
    )


def test_sort_newest_first_orders_by_date(page: Page, search_url: str) -> None:
    page.goto(f"{search_url}/search/?q=Sirte&sort=date")
    expect(page.locator("#search-status")).to_have_text(re.compile(r"^\d+ results for “Sirte”\.$"))
    dates = page.locator(".result time").evaluate_all(
        "els => els.map(e => e.getAttribute('datetime'))"
    )
    assert len(dates) > 1
    assert dates == sorted(dates, reverse=True)


def test_more_results_pages_through(page: Page, search_url: str) -> None:
    page.goto(f"{search_url}/search/?q=Libya")
    expect(page.locator(".result")).to_have_count(10)
    page.get_by_role("button", name="More results").click()
    expect(page.locator(".result")).not_to_have_count(10)


def test_slash_focuses_search_and_the_header_box_leads_there(page: Page, search_url: str) -> None:
    page.goto(f"{search_url}/briefings/bm-splits-isis-enclave/")
    page.keyboard.press("/")
    expect(page.locator("#site_q")).to_be_focused()
    page.keyboard.type("Kobler")
    page.keyboard.press("Enter")
    page.wait_for_url(f"{search_url}/search/?q=Kobler")
    expect(page.locator(".result-title").first).to_have_text("Martin Kobler")


def test_without_javascript_the_page_says_so(pages: Pages, search_url: str) -> None:
    page = pages.open(java_script_enabled=False)
    page.goto(f"{search_url}/search/")
    expect(page.get_by_text("Search runs in your browser and needs JavaScript.")).to_be_visible()
    expect(page.locator("#search")).to_be_hidden()
    expect(page.get_by_role("link", name="the archive by month")).to_have_attribute(
        "href", f"{SUB}/archive/"
    )


def test_with_javascript_the_note_is_never_shown(page: Page, search_url: str) -> None:
    # Hidden before the first paint, not when the script runs: held back
    # here, the script cannot be what hides it. (Shown, it flashed and made
    # the browser fetch the italic font, 52 kB.)
    held: list[object] = []
    page.route(re.compile(r".*/js/search\.[0-9a-f]+\.js$"), lambda route: held.append(route))
    page.goto(f"{search_url}/search/", wait_until="commit")
    note = page.locator("#search-needs-js")
    expect(note).to_be_attached()
    expect(note).to_be_hidden()
    expect(page.locator("#search-status")).to_be_attached()  # the page is all there
    assert held, "the search script was not held back"
    fetched = page.evaluate("performance.getEntriesByType('resource').map(e => e.name)")
    assert not [name for name in fetched if "italic" in name]


def test_facet_counts_follow_the_query(page: Page, search_url: str) -> None:
    page.goto(f"{search_url}/search/?q=Gwarsha")
    expect(page.locator("#search-status")).to_contain_text("for “Gwarsha”")
    briefings = [
        k for k in page.locator(".result .kind").all_inner_texts() if k.lower() == "briefing"
    ]
    assert 0 < len(briefings) < 10
    year = page.locator('fieldset[data-facet="year"] .count').first
    expect(year).to_have_text(str(len(briefings)))


def test_on_a_phone_the_filters_fold_above_the_results(pages: Pages, search_url: str) -> None:
    page = pages.open(width=390, height=844)
    page.goto(f"{search_url}/search/?q=oil")
    expect(page.locator(".result").first).to_be_visible()
    summary = page.locator("#facets-box > summary")
    expect(summary).to_have_text("Filters")
    expect(page.locator('fieldset[data-facet="actor"]')).to_be_hidden()
    summary.click()
    page.locator('fieldset[data-facet="year"] input[value="2016"]').check()
    expect(summary).to_have_text("Filters (1)")
    # The filter starts a new search: measure once its results are shown.
    expect(page.locator("#search-status")).to_contain_text("with the chosen filters")
    assert top(page.locator("#facets-box")) < top(page.locator(".result").first)


def test_on_a_phone_the_counts_wait_until_the_filters_open(pages: Pages, search_url: str) -> None:
    # Counting needs every part's filter index, the largest part of what a
    # shared link fetches; folded filters show no counts, so none is fetched.
    page = pages.open(width=390, height=844)
    fetched: list[str] = []
    page.on("request", lambda request: fetched.append(request.url))
    page.goto(f"{search_url}/search/?q=Gwarsha")
    expect(page.locator("#facets")).to_have_attribute("aria-busy", "false")
    briefings = [
        k for k in page.locator(".result .kind").all_inner_texts() if k.lower() == "briefing"
    ]
    assert 0 < len(briefings) < 10
    assert not [url for url in fetched if "/filter/" in url]
    page.locator("#facets-box > summary").click()
    expect(page.locator("#facets")).to_have_attribute("aria-busy", "false")
    expect(page.locator('fieldset[data-facet="year"] .count').first).to_have_text(
        str(len(briefings))
    )
    assert [url for url in fetched if "/filter/" in url]


def test_more_results_never_repeats_a_result(page: Page, search_url: str) -> None:
    page.goto(f"{search_url}/search/?q=Libya")
    expect(page.locator(".result")).to_have_count(10)
    total = result_count(page)
    assert total > 20, "needs a third page of results for the second click to show"
    page.get_by_role("button", name="More results").dblclick()
    # Each click shows the next ten; a click that showed the same ten again
    # would still reach the count, with repeats.
    expect(page.locator(".result")).to_have_count(min(total, 30))
    hrefs = page.locator(".result-title a").evaluate_all(
        "els => els.map(e => e.getAttribute('href'))"
    )
    assert len(hrefs) == len(set(hrefs))


def test_a_keyboard_user_keeps_their_place_in_the_facets(page: Page, search_url: str) -> None:
    page.goto(f"{search_url}/search/?q=oil")
    expect(page.locator(".result").first).to_be_visible()
    box = page.locator('input[data-facet="year"][value="2016"]')
    box.focus()
    page.keyboard.press("Space")
    expect(page.locator("#search-status")).to_contain_text("with the chosen filters")
    expect(page.locator('input[data-facet="year"][value="2016"]')).to_be_focused()
    page.locator("#facets-clear").focus()
    page.keyboard.press("Enter")
    expect(page.locator("#search-status")).not_to_contain_text("with the chosen filters")
    expect(page.locator("#q")).to_be_focused()


def test_a_place_filter_takes_in_the_places_within_it(
    page: Page, search_site: Build, search_url: str
) -> None:
    # The tanker briefing tags Ras Lanuf and Es Sider, not the Oil Crescent
    # that holds them: the Oil Crescent filter still finds it.
    page.goto(f"{search_url}/search/?q=tanker&place={quote('Oil Crescent')}")
    expect(page.locator(".result-title").first).to_have_text(
        "First tanker loads at Ras Lanuf as Jadhran's counter-attack fails"
    )
    # Browsing by the filter alone lists as many briefings as the place's page.
    places = json.loads(search_site.data("places.json"))["places"]
    crescent = len(next(p for p in places if p["slug"] == "oil-crescent")["briefings"])
    page.goto(f"{search_url}/search/?place={quote('Oil Crescent')}")
    expect(page.locator("#search-status")).to_have_text(
        f"{crescent} results with the chosen filters."
    )


def test_an_alias_in_any_script_offers_the_entity_and_finds_its_briefings(
    page: Page, search_site: Build, search_url: str
) -> None:
    actors = json.loads(search_site.data("actors.json"))["actors"]
    jadhran = next(a for a in actors if a["slug"] == "ibrahim-jadhran")
    tagged = len(jadhran["briefings"])
    named = tagged + len(jadhran["mentioned_in"])
    page.goto(f"{search_url}/search/?q={quote('إبراهيم الجضران')}")
    offer = page.locator("#entity-offer .offer")
    expect(offer).to_have_count(1)
    expect(offer.locator(".offer-title")).to_have_text(f"Ibrahim Jadhran — {tagged} briefings")
    expect(offer.locator(".offer-meta")).to_have_text("actor · person")
    # The Arabic name is in no briefing's text, yet every briefing that lists
    # or names him is found, besides his own page.
    expect(page.locator("#search-status")).to_have_text(re.compile(rf"^{named + 1} results "))
    expect(page.locator(".result-title a").first).to_have_attribute(
        "href", f"{SUB}/actors/ibrahim-jadhran/"
    )
    offer.get_by_role("button", name=f"Show its {tagged} briefings").click()
    expect(page).to_have_url(f"{search_url}/search/?actor=Ibrahim+Jadhran")
    expect(page.locator("#search-status")).to_have_text(
        f"{tagged} results with the chosen filters."
    )
    expect(page.locator("#search-status")).to_be_focused()
    expect(page.locator("#entity-offer")).to_be_hidden()


def test_browsing_by_one_filter_shows_counts_among_its_briefings(
    page: Page, search_site: Build, search_url: str
) -> None:
    actors = json.loads(search_site.data("actors.json"))["actors"]
    tagged = len(next(a for a in actors if a["slug"] == "ibrahim-jadhran")["briefings"])
    facets = json.loads((search_site.output / "search" / "facets.json").read_text())
    libya_everywhere = next(v for v in facets["place"] if v["slug"] == "libya")["count"]
    assert libya_everywhere > tagged
    page.goto(f"{search_url}/search/?actor={quote('Ibrahim Jadhran')}")
    expect(page.locator("#search-status")).to_have_text(
        f"{tagged} results with the chosen filters."
    )
    libya = page.locator('label[for="f-place-libya"] .count')
    expect(libya).to_have_text(str(tagged))  # every briefing of his is within Libya
    # The chosen facet keeps the archive's counts: values within it combine with OR.
    haftar = page.locator('label[for="f-actor-khalifa-haftar"] .count')
    expect(haftar).to_have_text(
        str(next(v for v in facets["actor"] if v["slug"] == "khalifa-haftar")["count"])
    )


def test_actor_and_place_results_show_kind_and_span_not_a_date(page: Page, search_url: str) -> None:
    page.goto(f"{search_url}/search/?q=Jadhran")
    entity = page.locator(".result", has=page.locator('a[href$="/actors/ibrahim-jadhran/"]'))
    expect(entity.locator(".result-meta")).to_have_text(re.compile(r"^actor · person · 2016–2016$"))
    expect(entity.locator("time")).to_have_count(0)


def test_browsing_by_several_filters_counts_among_the_briefings_they_leave(
    page: Page, search_site: Build, search_url: str
) -> None:
    briefings = json.loads(search_site.data("briefings.json"))
    both = [
        b for b in briefings["briefings"]
        if "ibrahim-jadhran" in b["actors"] and "oil" in b["tags"]
    ]  # fmt: skip
    es_sider = sum("es-sider" in b["places"] for b in both)
    assert es_sider > 0
    page.goto(f"{search_url}/search/?actor={quote('Ibrahim Jadhran')}&tag=oil")
    expect(page.locator("#search-status")).to_have_text(
        f"{len(both)} results with the chosen filters."
    )
    expect(page.locator("#facets")).to_have_attribute("aria-busy", "false")
    expect(page.locator('label[for="f-place-es-sider"] .count')).to_have_text(str(es_sider))
    # The tag facet counts among Jadhran's briefings (its own choice aside).
    jadhran = [b for b in briefings["briefings"] if "ibrahim-jadhran" in b["actors"]]
    expect(page.locator('label[for="f-tag-oil"] .count')).to_have_text(
        str(sum("oil" in b["tags"] for b in jadhran))
    )


def test_a_result_found_by_its_hidden_names_shows_its_summary(
    page: Page, search_url: str, search_site: Build
) -> None:
    # An Arabic briefing found by a Latin name that only its hidden list of
    # names holds shows its summary, not that list, as the excerpt.
    html = search_site.page("/briefings/sirte-after-liberation-jufra-next/")
    # What search keeps as its summary: the takeaways, where it has them.
    (summary,) = re.findall(r'<meta name="dossier:summary" content="([^"]+)"', html)
    page.goto(f"{search_url}/search/?q=Hifter")
    arabic = page.locator(
        ".result", has=page.locator('a[href$="/sirte-after-liberation-jufra-next/"]')
    )
    expect(arabic.locator(".result-excerpt")).to_have_text(summary)
    # Nor is it under the section heading before it ("Sources").
    expect(arabic.locator(".result-sections")).to_have_count(0)
    # A page found in its prose keeps Pagefind's excerpt there.
    page.goto(f"{search_url}/search/?q=Ganfouda")
    first = page.locator(".result").first
    expect(first.locator(".result-excerpt mark").first).to_be_visible()
