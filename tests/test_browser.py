"""What a reader clicks, in a real browser: Debian's Chromium through Playwright."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Locator, Page, expect

from .browser_helpers import Pages

pytestmark = pytest.mark.browser


def test_reader_follows_a_briefing_to_an_actor_and_back(page: Page, base_url: str) -> None:
    page.goto(base_url + "/")
    expect(page).to_have_title("Libya Briefings")
    page.get_by_role("link", name="BM splits the ISIS enclave in Sirte").click()
    page.wait_for_url("**/briefings/sirte-bm-splits-enclave/")
    expect(page.locator("h1")).to_have_text("BM splits the ISIS enclave in Sirte")
    facts = page.get_by_role("complementary", name="In this briefing")
    facts.get_by_role("link", name="Khalifa Haftar").click()
    page.wait_for_url("**/actors/khalifa-haftar/")
    expect(page.locator("h1")).to_have_text("Khalifa Haftar")
    page.get_by_role("link", name="BM splits the ISIS enclave in Sirte").click()
    page.wait_for_url("**/briefings/sirte-bm-splits-enclave/")


def test_previous_and_next_links_walk_the_archive(page: Page, base_url: str) -> None:
    page.goto(base_url + "/briefings/sirte-bm-splits-enclave/")
    page.locator("a[rel=next]").click()
    page.wait_for_url("**/briefings/tanks-and-quotes/")
    page.locator("a[rel=next]").click()
    page.wait_for_url("**/briefings/fixed-slug/")
    expect(page.locator("h1")).to_have_text("Outlook for the new year")
    expect(page.locator("a[rel=prev]")).to_have_count(1)
    expect(page.locator("a[rel=next]")).to_have_count(0)


def test_nav_marks_the_current_section(page: Page, base_url: str) -> None:
    page.goto(base_url + "/actors/khalifa-haftar/")
    nav = page.get_by_role("navigation", name="Sections")
    expect(nav.get_by_role("link", name="Actors")).to_have_attribute("aria-current", "true")
    page.goto(base_url + "/archive/")
    expect(nav.get_by_role("link", name="Archive")).to_have_attribute("aria-current", "page")
    expect(nav.get_by_role("link", name="Actors")).not_to_have_attribute(
        "aria-current", re.compile(".*")
    )


def test_skip_link_is_first_and_reaches_main(page: Page, base_url: str) -> None:
    page.goto(base_url + "/")
    page.keyboard.press("Tab")
    expect(page.get_by_role("link", name="Skip to content")).to_be_focused()
    page.keyboard.press("Enter")
    expect(page).to_have_url(re.compile(r"#dossier_main$"))


def test_phone_width_has_no_horizontal_scroll(pages: Pages, base_url: str) -> None:
    opened = pages.open(width=390, height=844)
    for url in ["/", "/briefings/sirte-bm-splits-enclave/", "/actors/", "/archive/"]:
        opened.goto(base_url + url)
        overflow = opened.evaluate(
            "document.documentElement.scrollWidth - document.documentElement.clientWidth"
        )
        assert overflow <= 0, url


def test_every_kind_of_page_honours_the_content_security_policy(page: Page, base_url: str) -> None:
    violations: list[str] = []
    page.expose_function("reportViolation", lambda text: violations.append(text))
    page.add_init_script(
        "document.addEventListener('securitypolicyviolation',"
        " e => window.reportViolation(e.violatedDirective + ' ' + e.blockedURI))"
    )
    for url in ["/", "/briefings/sirte-bm-splits-enclave/", "/actors/khalifa-haftar/",
                "/places/", "/places/sirte/", "/tags/", "/archive/", "/trends/", "/about/", "/404.html"]:  # fmt: skip
        page.goto(base_url + url)
        csp = page.locator('meta[http-equiv="Content-Security-Policy"]')
        expect(csp).to_have_attribute("content", re.compile(r"(^|; )style-src 'self'(;|$)"))
    page.goto(base_url + "/briefings/sirte-bm-splits-enclave/")
    expect(page.locator("th.align-right").first).to_have_css("text-align", "right")
    assert violations == []


def _mention(page: Page, name: str) -> Locator:
    return page.locator(".prose a[data-card]", has_text=name).first


def test_hovering_a_mention_shows_its_card_until_the_pointer_leaves(
    page: Page, base_url: str
) -> None:
    page.goto(base_url + "/briefings/sirte-bm-splits-enclave/")
    card = page.locator("#dossier_card")
    link = _mention(page, "Haftar")
    link.hover()
    expect(card).to_be_visible()
    expect(card.locator(".card-name")).to_have_text("Khalifa Haftar")
    expect(card.locator(".card-kind")).to_have_text("person")
    expect(card.locator(".card-stats")).to_have_text("3 briefings · October 2016 to January 2017")
    expect(link).to_have_attribute("aria-describedby", "dossier_card")
    # The card can be reached and stays while the pointer is over it.
    card.hover()
    page.wait_for_timeout(400)
    expect(card).to_be_visible()
    page.mouse.move(5, 5)
    expect(card).to_be_hidden()
    expect(link).not_to_have_attribute("aria-describedby", re.compile(".*"))
    # Another mention, another card: the trend of its latest call is on it.
    _mention(page, "Sirte").hover()
    expect(card.locator(".card-name")).to_have_text("Sirte")
    expect(card.locator(".card-trend")).to_have_text("Latest trend: deteriorated (October 2016)")
    page.keyboard.press("Escape")
    expect(card).to_be_hidden()


def test_a_mention_s_card_opens_on_keyboard_focus_and_closes_with_escape(
    page: Page, base_url: str
) -> None:
    page.goto(base_url + "/briefings/sirte-bm-splits-enclave/")
    card = page.locator("#dossier_card")
    link = _mention(page, "Bunyan al-Marsus")
    # Tab to it, as a keyboard reader would.
    for _ in range(60):
        page.keyboard.press("Tab")
        if link.evaluate("a => a === document.activeElement"):
            break
    expect(link).to_be_focused()
    expect(card).to_be_visible()
    expect(card.locator(".card-name")).to_have_text("Bunyan al-Marsus")
    page.keyboard.press("Escape")
    expect(card).to_be_hidden()
    expect(link).to_be_focused()  # Esc dismisses the card, never the reader's place
    page.keyboard.press("Tab")
    # Moving on never brings back the dismissed card: the card is gone, or,
    # if the next link is a mention too, it is that mention's card.
    following = page.evaluate("document.activeElement.matches('a[data-card]') && "
                              "document.activeElement.textContent")  # fmt: skip
    if following:
        expect(card).to_be_visible()
        expect(card.locator(".card-name")).not_to_have_text("Bunyan al-Marsus")
    else:
        expect(card).to_be_hidden()


def test_touch_only_screens_get_no_cards_and_links_still_work(pages: Pages, base_url: str) -> None:
    context = pages.browser.new_context(
        viewport={"width": 390, "height": 844}, has_touch=True, is_mobile=True
    )
    pages.contexts.append(context)
    phone = pages.problems.watch(context.new_page())
    phone.goto(base_url + "/briefings/sirte-bm-splits-enclave/")
    assert phone.evaluate("matchMedia('(any-hover: hover)').matches") is False
    link = _mention(phone, "Haftar")
    link.tap()
    phone.wait_for_url("**/actors/khalifa-haftar/")
    expect(phone.locator("#dossier_card")).to_have_count(0)


_MAP_CHECK = """() => {
  const svg = document.querySelector('svg.place-map');
  const boxes = (sel) => [...svg.querySelectorAll(sel)]
    .filter((e) => e.getClientRects().length && getComputedStyle(e.closest('g') ?? e).display !== 'none')
    .map((e) => ({name: e.textContent, box: e.getBoundingClientRect(),
                  px: parseFloat(getComputedStyle(e).fontSize) * e.getScreenCTM().a}));
  const labels = boxes('.dot-label');
  const dots = boxes('.dot');
  const mapBox = svg.getBoundingClientRect();
  const hit = (a, b) => a.left < b.right && b.left < a.right && a.top < b.bottom && b.top < a.bottom;
  const problems = [];
  for (const l of labels) {
    if (l.px < 12) problems.push(`${l.name}: ${l.px.toFixed(1)} px`);
    for (const d of dots) if (hit(l.box, d.box)) problems.push(`${l.name} under a dot`);
    for (const m of labels) if (m !== l && hit(l.box, m.box)) problems.push(`${l.name} on ${m.name}`);
    if (l.box.left < mapBox.left || l.box.right > mapBox.right) problems.push(`${l.name} cut`);
  }
  return {shown: labels.map((l) => l.name), problems};
}"""


@pytest.mark.parametrize("width", [1280, 768, 390, 320])
def test_map_labels_stay_readable_and_clear_of_every_dot(
    pages: Pages, sample_url: str, width: int
) -> None:
    page = pages.open(width=width, height=900)
    page.goto(sample_url + "/places/")
    found = page.evaluate(_MAP_CHECK)
    assert found["problems"] == []
    # Fewer labels on a narrow screen, never none.
    assert len(found["shown"]) >= (12 if width >= 768 else 6 if width >= 390 else 4)


_NETWORK_CHECK = """() => {
  const svg = document.querySelector('svg.network');
  const box = svg.getBoundingClientRect();
  const labels = [...svg.querySelectorAll('.node-label')].map((e) => ({
    name: e.textContent, box: e.getBoundingClientRect(),
    px: parseFloat(getComputedStyle(e).fontSize) * e.getScreenCTM().a}));
  const hit = (a, b) => a.left < b.right && b.left < a.right && a.top < b.bottom && b.top < a.bottom;
  const problems = [];
  for (const l of labels) {
    if (l.px < 12) problems.push(`${l.name}: ${l.px.toFixed(1)} px`);
    for (const m of labels) if (m !== l && hit(l.box, m.box)) problems.push(`${l.name} on ${m.name}`);
    if (l.box.left < box.left - 1 || l.box.right > box.right + 1 || l.box.top < box.top - 1 || l.box.bottom > box.bottom + 1) problems.push(`${l.name} cut`);
  }
  return {links: svg.querySelectorAll('a[href]').length, problems};
}"""


@pytest.mark.parametrize("width", [1280, 390])
@pytest.mark.parametrize("path", ["/actors/khalifa-haftar/", "/places/sirte/"])
def test_who_appears_with_whom_is_readable_and_each_a_link(
    pages: Pages, sample_url: str, width: int, path: str
) -> None:
    page = pages.open(width=width, height=900)
    page.goto(sample_url + path)
    found = page.evaluate(_NETWORK_CHECK)
    assert found["problems"] == []
    assert found["links"] == 12
    first = page.locator("svg.network a").first
    name = (first.locator("title").text_content() or "").split(":")[0]
    first.click()
    expect(page.locator("h1")).to_contain_text(name)


def test_no_sample_page_scrolls_sideways_on_a_phone(pages: Pages, sample_url: str) -> None:
    # A wide table scrolls inside its own box, never the page.
    opened = pages.open(width=390, height=844)
    for url in [
        "/",
        "/trends/",
        "/places/",
        "/places/sirte/",
        "/briefings/bm-splits-isis-enclave/",
    ]:
        opened.goto(sample_url + url)
        overflow = opened.evaluate(
            "document.documentElement.scrollWidth - document.documentElement.clientWidth"
        )
        assert overflow <= 0, url
    opened.goto(sample_url + "/trends/")
    scroller = opened.locator(".table-scroll").first
    assert scroller.evaluate("e => e.scrollWidth > e.clientWidth")  # the months are all there


def test_an_old_link_to_the_data_reaches_its_gzipped_file(pages: Pages, base_url: str) -> None:
    """The open data files were gzipped in December 2026: GitHub Pages answers
    a link to an old file with the 404 page, which sends the browser on.
    (Not a watched page: the 404s are the point.)"""
    context = pages.browser.new_context()
    page = context.new_page()
    for name in ("mentions.csv", "briefings.json"):
        with page.expect_download() as download:
            page.goto(f"{base_url}/data/{name}", wait_until="commit")
        assert download.value.url == f"{base_url}/data/{name}.gz"
    # Any other missing file stays on the 404 page, which names the new files.
    page.goto(f"{base_url}/data/nothing.json")
    expect(page.locator("h1")).to_have_text("Page not found")
    expect(page.get_by_role("link", name="mentions.csv.gz")).to_have_attribute(
        "href", "/data/mentions.csv.gz"
    )
    context.close()
