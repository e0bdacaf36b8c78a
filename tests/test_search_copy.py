"""What Pagefind is given of a page: the page without the elements search
never reads, so that a page's timeline, map and network cost the index
nothing, and everything it does read kept as it was."""

from __future__ import annotations

import gzip
import json
import subprocess
from pathlib import Path

import pytest

from dossier.index import pagefind_binary, search_copy

from .helpers import FIXTURE, build_site

BODY = '<article data-pagefind-body><h1 id="t">Title</h1>{}</article>'

# (what the body holds, what the copy holds of it)
CASES = [
    # An ignored element, and one inside it, go whole.
    ('<p>Kept.</p><section class="timeline" data-pagefind-ignore><h2>Timeline</h2>'
     "<section><p>inner</p></section><ol><li>x</li></ol></section><p>After.</p>",
     "<p>Kept.</p><p>After.</p>"),
    # Several, with markup that only looks like their tag (<a> and <abbr>, <svg> and <svgx>).
    ('<figure data-pagefind-ignore><svg viewBox="0 0 1 1"><a href="#"><text>A</text></a>'
     '</svg></figure><p><abbr>UN</abbr></p><nav data-pagefind-ignore><a href="/">x</a></nav>',
     "<p><abbr>UN</abbr></p>"),
    # Ignored content that still gives a filter or a meta is read: kept.
    ('<aside data-pagefind-ignore><a data-pagefind-filter="actor">Haftar</a></aside>',
     '<aside data-pagefind-ignore><a data-pagefind-filter="actor">Haftar</a></aside>'),
    ('<div data-pagefind-ignore><span data-pagefind-meta="kind:actor"></span></div>',
     '<div data-pagefind-ignore><span data-pagefind-meta="kind:actor"></span></div>'),
    # A name written onto other letters, indexed by an attribute: kept.
    ('<p>و<a data-pagefind-ignore data-pagefind-index-attrs="data-term" data-term="حفتر">'
     "حفتر</a></p>",
     '<p>و<a data-pagefind-ignore data-pagefind-index-attrs="data-term" data-term="حفتر">'
     "حفتر</a></p>"),
    # A tag whose end a page may leave out, one that closes itself, one never closed: kept.
    ('<p class="kicker" data-pagefind-ignore>Actors</p>',
     '<p class="kicker" data-pagefind-ignore>Actors</p>'),
    ('<svg data-pagefind-ignore/><p>x</p>', '<svg data-pagefind-ignore/><p>x</p>'),
    ('<div data-pagefind-ignore><p>never closed</p>', '<div data-pagefind-ignore><p>never closed</p>'),
    # The attribute's name in a value or in the text is not the attribute.
    ('<a title="see data-pagefind-ignore" href="/">Link</a><p>data-pagefind-ignore</p>',
     '<a title="see data-pagefind-ignore" href="/">Link</a><p>data-pagefind-ignore</p>'),
    ('<span data-pagefind-ignored>kept</span>', '<span data-pagefind-ignored>kept</span>'),
    # Nothing ignored.
    ("<p>Only prose.</p>", "<p>Only prose.</p>"),
]  # fmt: skip


@pytest.mark.parametrize(("body", "copy"), CASES)
def test_the_copy_leaves_out_what_search_never_reads(body: str, copy: str) -> None:
    page = BODY.format(body).encode()
    assert search_copy(page) == BODY.format(copy).encode()


def test_a_page_with_nothing_to_leave_out_is_given_as_it_is() -> None:
    page = BODY.format("<p>Only prose.</p>").encode()
    assert search_copy(page) is page


def _fragments(bundle: Path) -> dict[str, dict[str, object]]:
    found = {}
    for path in (bundle / "fragment").iterdir():
        raw = gzip.decompress(path.read_bytes())
        record = json.loads(raw[raw.index(b"{") :])
        # Pagefind takes a page's first image as its image, ignored or not:
        # the map's base drawing on an entity page, which search never shows.
        for key in ("image", "image_alt"):
            record["meta"].pop(key, None)
        found[record["url"]] = record
    return found


def test_pagefind_reads_the_same_of_the_copies(tmp_path: Path) -> None:
    # Every page of the fixture, indexed as it is and as its copy: the same
    # words, filters, metadata, anchors and sort keys, page by page.
    built = build_site(FIXTURE, tmp_path / "site", "--no-search")
    assert built.returncode == 0, built.stderr
    copies = tmp_path / "copies"
    left_out = 0
    for page in built.output.rglob("*.html"):
        html = page.read_bytes()
        copy = search_copy(html)
        left_out += len(html) - len(copy)
        target = copies / page.relative_to(built.output)
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(copy)
    assert left_out > 0
    for site, out in ((built.output, tmp_path / "whole"), (copies, tmp_path / "copied")):
        subprocess.run([pagefind_binary(), "--site", str(site), "--output-path", str(out)],
                       check=True, capture_output=True)  # fmt: skip
    whole, copied = _fragments(tmp_path / "whole"), _fragments(tmp_path / "copied")
    assert {"/places/sirte/", "/actors/khalifa-haftar/"} < whole.keys()  # entity pages
    assert any(url.startswith("/briefings/") for url in whole)
    assert copied == whole
