"""How to cite a briefing: Highwire meta tags, the cite block, BibTeX and RIS."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from dossier.makers.citation import bibtex, ris
from dossier.model import Briefing
from dossier.urls import Urls

from .helpers import Build

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
    # The records are on the page, to copy (and to download, with script): no file each.
    bib = page.split('<pre data-cite-file="sirte-bm-splits-enclave.bib">', 1)[1].split("</pre>")[0]
    assert f"url = {{{url}}}" in bib
    ris_text = page.split('<pre data-cite-file="sirte-bm-splits-enclave.ris">', 1)[1]
    assert ris_text.startswith("TY  - ELEC\nTI  - BM splits the ISIS enclave in Sirte\n")
    assert not (subpath_site.output / "cite").exists()


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
