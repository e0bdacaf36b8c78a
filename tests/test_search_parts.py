"""The search index in parts (a bundle per year of briefings, one for the
actor and place pages) finds what one index of the whole site finds: the
same pages, the same facet counts, the same best result."""

from __future__ import annotations

import shutil
import subprocess
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urlencode

import pytest
from playwright.sync_api import Page, expect

from dossier.index import pagefind_binary

from .browser_helpers import Pages, serve
from .helpers import FIXTURE, ROOT, Build, build_site, site_tree

# For each archive, searches (words, filters) that find pages in several
# parts, and words some parts lack ("leverage" is in 2017's part alone).
SEARCHES: dict[str, list[tuple[str, dict[str, str]]]] = {
    "sample": [("Sirte", {}), ("Haftar", {}), ("oil", {}), ("Misrata council", {}),
               ("ceasefire talks", {}), ("حفتر", {}), ("BM", {}),
               ("Sirte", {"actor": "Bunyan al-Marsus"}),
               # A word one part lacks, which starts with a word that part
               # holds ("a"): Pagefind's fallback for a missing word.
               ("abroad", {}),
               # Words being typed, which no part holds as they are: the
               # start of longer words in one part, and of a shorter word
               # ("a", "to") in others.
               ("abroa", {}), ("Tobr", {})],
    "fixture": [("Haftar", {}), ("Misrata", {}), ("BM", {}), ("Sirte", {}), ("حفتر", {}),
                ("Misrata leverage", {}), ("leverage", {"year": "2016"}),
                ("Haftar", {"year": "2016"})],
}  # fmt: skip

# One index of the whole site: what it finds, its facet counts, in order.
SINGLE = """async ([query, filters]) => {
  const one = await import("/single/pagefind.js?one");
  await one.options({ bundlePath: "/single/", baseUrl: "/" });
  await one.init();
  await one.filters(); // loaded, so that a search counts every facet
  const shaped = Object.fromEntries(Object.entries(filters).map(([k, v]) => [k, { any: [v] }]));
  const found = await one.search(query, { filters: shaped });
  const urls = await Promise.all(found.results.map(async (r) => (await r.data()).url));
  return { urls, filters: found.filters };
}"""


@pytest.fixture(scope="module", params=["sample", "fixture"])
def both(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[tuple[str, list[str], list[tuple[str, dict[str, str]]]]]:
    """An archive built (its index in parts), beside one index of the whole
    site in single/, served together; and the queries to compare."""
    out = tmp_path_factory.mktemp("parts") / "output"
    built: Build = build_site(ROOT / "content" if request.param == "sample" else FIXTURE, out)
    assert built.returncode == 0, built.stderr
    site = tmp_path_factory.mktemp("single") / "site"
    shutil.copytree(out, site, ignore=shutil.ignore_patterns("pagefind"))
    subprocess.run([pagefind_binary(), "--site", str(site), "--output-subdir", "single"],
                   check=True, capture_output=True)  # fmt: skip
    shutil.copytree(out / "pagefind", site / "pagefind")
    parts = (out / "search" / "index.html").read_text(encoding="utf-8")
    named = parts.split('<meta name="dossier:search-parts" content="', 1)[1].split('"', 1)[0]
    with serve(site) as url:
        yield url, named.split(), SEARCHES[request.param]


def shown_counts(page: Page, facet: str) -> dict[str, int]:
    """The counts the search page shows beside a facet's values."""
    found: dict[str, int] = {}
    for item in page.locator(f'#facets [data-facet="{facet}"] .facet-values li').all():
        name, count = item.locator(".facet-name"), item.locator(".count")
        if count.count():
            found[name.inner_text()] = int(count.inner_text())
    return found


def test_the_search_page_finds_what_one_index_finds(
    page: Page, both: tuple[str, list[str], list[tuple[str, dict[str, str]]]]
) -> None:
    url, parts, searches = both
    assert len(parts) >= 2, parts
    found = 0
    for query, filters in searches:
        page.goto(f"{url}/404.html")
        one = page.evaluate(SINGLE, [query, filters])
        params = urlencode({"q": query, **filters})
        page.goto(f"{url}/search/?{params}")
        expect(page.locator("#facets")).to_have_attribute("aria-busy", "false")
        n = len(one["urls"])
        if n == 0:  # a word the filtered pages lack: nothing, as with one index
            expect(page.locator("#search-status")).to_contain_text(f"No results for “{query}”")
            continue
        expect(page.locator("#search-status")).to_contain_text(
            f"{n} result{'' if n == 1 else 's'} for “{query}”"
        )
        # The best result is the same page.
        best = page.locator(".result .result-title a").first.get_attribute("href")
        assert best == one["urls"][0], (query, filters)
        for facet in ("year", "tag"):
            # A facet with a choice counts as if it had none (its values combine with OR).
            page.goto(f"{url}/404.html")
            others = {k: v for k, v in filters.items() if k != facet}
            basis = one if others == filters else page.evaluate(SINGLE, [query, others])
            expected = {k: v for k, v in basis["filters"].get(facet, {}).items() if v}
            page.goto(f"{url}/search/?{params}")
            expect(page.locator("#facets")).to_have_attribute("aria-busy", "false")
            shown = shown_counts(page, facet)
            assert {k: v for k, v in shown.items() if v} == expected, (query, filters, facet)
        found += 1
    assert found >= len(searches) - 1  # the comparisons are not all of empty results


def test_parts_are_indexed_again_only_when_their_pages_change(tmp_path: Path) -> None:
    content = tmp_path / "content"
    shutil.copytree(FIXTURE, content)
    out = tmp_path / "output"
    assert build_site(content, out).returncode == 0
    kept = out / "pagefind" / "2016" / "pagefind-entry.json"
    before = kept.stat().st_ino
    edited = content / "briefings" / "2017" / "2017-01-05-new-year-outlook.md"
    text = edited.read_text(encoding="utf-8")
    edited.write_text(text.rstrip("\n") + "\n\nA sentence added later.\n", encoding="utf-8")
    update = build_site(content, out)
    assert update.returncode == 0, update.stderr
    # 2017's part holds the page and the actors and places last seen in it;
    # 2016's part is kept as it was.
    assert "(1 of 2 parts)" in update.stderr, update.stderr
    assert kept.stat().st_ino == before


def test_what_search_does_not_read_of_an_entity_page_leaves_its_part(tmp_path: Path) -> None:
    """Retitling a 2016 briefing changes the timelines of its actors' pages,
    which search does not read (BM's page is in 2017's part: it was last
    seen then): only 2016's part is indexed again, and the index is a clean
    build's."""
    content = tmp_path / "content"
    shutil.copytree(FIXTURE, content)
    out = tmp_path / "output"
    assert build_site(content, out).returncode == 0
    bm = (out / "actors" / "bunyan-al-marsus" / "index.html").read_text(encoding="utf-8")
    kept = out / "pagefind" / "2017" / "pagefind-entry.json"
    before = kept.stat().st_ino
    edited = content / "briefings" / "2016" / "2016-10-07-sirte-bm-splits-enclave.md"
    text = edited.read_text(encoding="utf-8")
    edited.write_text(text.replace('title: "', 'title: "Retitled: ', 1), encoding="utf-8")
    update = build_site(content, out)
    assert update.returncode == 0, update.stderr
    assert (out / "actors" / "bunyan-al-marsus" / "index.html").read_text(encoding="utf-8") != bm
    assert "(1 of 2 parts)" in update.stderr, update.stderr
    assert kept.stat().st_ino == before
    clean = build_site(content, tmp_path / "clean")
    assert clean.returncode == 0, clean.stderr
    assert site_tree(out) == site_tree(clean.output)


def test_an_archive_with_nothing_to_find_says_no_results(pages: Pages, tmp_path: Path) -> None:
    content = tmp_path / "content"
    (content / "briefings").mkdir(parents=True)
    out = tmp_path / "output"
    built = build_site(content, out)
    assert built.returncode == 0, built.stderr
    with serve(out) as url:
        page = pages.open()
        page.goto(f"{url}/search/?q=Haftar")
        expect(page.locator("#search-status")).to_have_text("No results for “Haftar”.")
        page.goto(f"{url}/")
        page.locator("#site_q").focus()  # the header warms the search up: nothing to warm
        page.wait_for_timeout(300)
