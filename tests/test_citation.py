"""How to cite a briefing: Highwire meta tags, the cite block, BibTeX and RIS."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

import pytest
from playwright.sync_api import expect

from dossier.makers.citation import bibtex, ris
from dossier.model import Briefing
from dossier.urls import Urls

from .browser_helpers import Pages
from .helpers import FIXTURE, ROOT, Build, sample_result

if TYPE_CHECKING:
    from pathlib import Path

    from playwright.sync_api import Page

TRICKY = Briefing(
    path="b.md", slug="cash-and-100-percent", title="Cash & 100% {queues} in $Tripoli_#1",
    date=dt.datetime(2016, 9, 2, tzinfo=dt.UTC), body_html="", summary="A ~ summary ^ here\\.",
    authors=("Libya Desk", "Jane Roe"),
)  # fmt: skip
URLS = Urls.from_settings({}, "https://org.github.io/repo", "/repo")


def test_bibtex_escapes_what_latex_would_read_as_commands() -> None:
    entry = bibtex(TRICKY, URLS, "Libya Briefings")
    assert entry.startswith("@online{cash_and_100_percent,\n")
    assert r"title = {{Cash \& 100\% \{queues\} in \$Tripoli\_\#1}}," in entry
    assert "author = {{Libya Desk} and {Jane Roe}}," in entry  # names whole, never split
    assert "date = {2016-09-02}," in entry
    assert "url = {https://org.github.io/repo/briefings/cash-and-100-percent/}" in entry
    assert r"A \textasciitilde{} summary \textasciicircum{} here\textbackslash{}." in entry
    assert entry.count("{") == entry.count("}")


def test_ris_is_one_record_with_crlf_lines() -> None:
    record = ris(TRICKY, URLS, "Libya Briefings")
    lines = record.split("\r\n")
    assert lines[0] == "TY  - ELEC"
    assert "AU  - Libya Desk" in lines
    assert "AU  - Jane Roe" in lines
    assert "PY  - 2016/09/02/" in lines
    assert "UR  - https://org.github.io/repo/briefings/cash-and-100-percent/" in lines
    assert lines[-2:] == ["ER  - ", ""]


def test_a_briefing_page_says_how_to_cite_it(subpath_site: Build) -> None:
    page = subpath_site.page("/briefings/sirte-bm-splits-enclave/")
    url = "https://org.github.io/repo/briefings/sirte-bm-splits-enclave/"
    for tag in (
        '<meta name="citation_title" content="BM splits the ISIS enclave in Sirte">',
        '<meta name="citation_author" content="Libya Desk">',
        '<meta name="citation_publication_date" content="2016/10/07">',
        '<meta name="citation_publisher" content="Libya Briefings">',
        f'<meta name="citation_public_url" content="{url}">',
    ):
        assert tag in page
    assert (
        f"Libya Desk. “BM splits the ISIS enclave in Sirte.” <cite>Libya Briefings</cite>, "
        f'7 October 2016. <a href="{url}">{url}</a>.'
    ) in page
    # The records are made in the browser from the tags: no file, and not in the page.
    assert 'data-cite-key="sirte-bm-splits-enclave"' in page
    assert "@online" not in page
    assert "TY  - ELEC" not in page
    assert not (subpath_site.output / "cite").exists()


@pytest.mark.parametrize("archive", ["fixture", "sample"])
def test_the_browser_makes_the_records_citation_py_makes(
    archive: str, page: Page, request: pytest.FixtureRequest
) -> None:
    """cite.js makes each briefing's BibTeX and RIS from its page's citation_*
    tags: the very records of dossier.makers.citation, for every briefing of
    the fixture archive (TeX's special characters, several authors, none)
    and of the sample."""
    content = FIXTURE if archive == "fixture" else ROOT / "content"
    url = request.getfixturevalue("base_url" if archive == "fixture" else "sample_url")
    result = sample_result(content)
    urls, name = result.config.urls, result.config.site_name
    if archive == "fixture":  # what BibTeX must escape
        assert any("&" in b.title for b in result.archive.briefings)
    for b in result.archive.briefings:
        page.goto(f"{url}/{urls.url(b)}")
        shown = page.locator("pre[data-cite-file]")
        expect(shown).to_have_count(2)
        assert shown.nth(0).text_content() == bibtex(b, urls, name), b.slug
        assert shown.nth(1).text_content() == ris(b, urls, name).replace("\r\n", "\n"), b.slug


def test_the_records_download_as_files(page: Page, base_url: str, tmp_path: Path) -> None:
    page.goto(f"{base_url}/briefings/sirte-bm-splits-enclave/")
    page.get_by_text("BibTeX", exact=True).click()  # open the record
    with page.expect_download() as bib:
        page.get_by_role("button", name="Download sirte-bm-splits-enclave.bib").click()
    assert bib.value.suggested_filename == "sirte-bm-splits-enclave.bib"
    saved = tmp_path / "b.bib"
    bib.value.save_as(saved)
    assert saved.read_text(encoding="utf-8").startswith("@online{sirte_bm_splits_enclave,\n")
    page.get_by_text("RIS", exact=True).click()
    with page.expect_download() as ris_file:
        page.get_by_role("button", name="Download sirte-bm-splits-enclave.ris").click()
    ris_file.value.save_as(tmp_path / "b.ris")
    data = (tmp_path / "b.ris").read_bytes()
    assert data.startswith(b"TY  - ELEC\r\n")
    assert b"\n" not in data.replace(b"\r\n", b"")  # every line ends CR LF, as RIS asks


def test_an_open_record_scrolls_inside_its_box_on_a_phone(pages: Pages, base_url: str) -> None:
    """A BibTeX line is longer than a phone is wide: the record scrolls in its
    own box, never the page (found on a held-out archive: the page widened
    to 632 px on a 390 px screen)."""
    page = pages.open(width=390, height=844)
    page.goto(f"{base_url}/briefings/sirte-bm-splits-enclave/")
    for label in ("BibTeX", "RIS"):
        page.get_by_text(label, exact=True).click()
        overflow = page.evaluate(
            "document.documentElement.scrollWidth - document.documentElement.clientWidth"
        )
        assert overflow <= 0, label
