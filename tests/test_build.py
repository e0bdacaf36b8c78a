"""The fixture archive, built once, asserted on."""

from __future__ import annotations

import difflib
import gzip
import hashlib
import itertools
import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from .helpers import (
    FIXTURE,
    ROOT,
    SETTINGS,
    Build,
    build_in_process,
    build_site,
    in_two_processes,
    mention,
    outline,
    project_settings,
    site_tree,
)
from .links import broken_links

GOLDEN_SITE = ROOT / "tests" / "golden" / "site"


NEWEST_FIRST = (
    "/briefings/fixed-slug/", "/briefings/tanks-and-quotes/", "/briefings/sirte-bm-splits-enclave/",
)  # fmt: skip


@pytest.mark.parametrize(
    ("url", "h1", "title"),
    [
        ("/", "Latest briefings", "Libya Briefings"),
        ("/404.html", "Page not found", "Page not found · Libya Briefings"),
        ("/about/", "About the fixture", "About the fixture · Libya Briefings"),
        ("/archive/", "Archive", "Archive · Libya Briefings"),
        ("/tags/", "Themes", "Themes · Libya Briefings"),
        ("/tags/security/", "Security", "Security · Libya Briefings"),
        ("/briefings/sirte-bm-splits-enclave/", "BM splits the ISIS enclave in Sirte", "BM splits the ISIS enclave in Sirte · Libya Briefings"),
        ("/briefings/tanks-and-quotes/", 'Tanks <b>& "quotes"</b> in <Sirte>', 'Tanks <b>& "quotes"</b> in <Sirte> · Libya Briefings'),
        ("/briefings/fixed-slug/", "Outlook for the new year", "Outlook for the new year · Libya Briefings"),
        ("/actors/", "Actors", "Actors · Libya Briefings"),
        ("/actors/khalifa-haftar/", "Khalifa Haftar", "Khalifa Haftar · Libya Briefings"),
        ("/actors/jeff-davies/", "Jeff Davies", "Jeff Davies · Libya Briefings"),
        ("/places/", "Places", "Places · Libya Briefings"),
        ("/places/sirte/", "Sirte", "Sirte · Libya Briefings"),
        ("/places/libya/", "Libya", "Libya · Libya Briefings"),
        ("/search/", "Search the archive", "Search · Libya Briefings"),
    ],
)  # fmt: skip
def test_each_page_says_what_it_is(site: Build, url: str, h1: str, title: str) -> None:
    page = outline(site.page(url))
    assert page.h1 == (h1,)
    assert page.title == title


@pytest.mark.parametrize(
    ("url", "briefings"),
    [
        ("/", NEWEST_FIRST),
        ("/archive/", NEWEST_FIRST),
        ("/tags/security/", ("/briefings/tanks-and-quotes/", "/briefings/sirte-bm-splits-enclave/")),
        ("/tags/politics/", ("/briefings/fixed-slug/",)),
        ("/actors/khalifa-haftar/", NEWEST_FIRST),
        ("/actors/jeff-davies/", ("/briefings/tanks-and-quotes/",)),
        ("/places/sirte/", ("/briefings/tanks-and-quotes/", "/briefings/sirte-bm-splits-enclave/")),
    ],
)  # fmt: skip
def test_list_pages_link_their_briefings(site: Build, url: str, briefings: tuple[str, ...]) -> None:
    assert outline(site.page(url)).briefings == briefings


def test_the_404_page_says_not_found_and_offers_a_way_on(site: Build) -> None:
    html = site.page("/404.html")
    assert "No page lives at this address." in html
    for href in ("/", "/archive/", "/actors/", "/places/"):
        assert f'<a href="{href}">' in html


def test_the_stylesheet_is_the_themes(site: Build) -> None:
    (linked,) = re.findall(r'<link rel="stylesheet" href="/(theme/css/[^"]+)">', site.page("/"))
    css = (site.output / linked).read_text(encoding="utf-8")
    assert css == (ROOT / "theme" / "static" / "css" / "dossier.css").read_text(encoding="utf-8")
    assert css.count("{") == css.count("}") > 50
    assert re.search(r"^body \{", css, re.MULTILINE)


def test_no_broken_internal_link(site: Build) -> None:
    assert broken_links(site.output) == []


def test_titles_are_escaped_everywhere(site: Build) -> None:
    raw = '<b>& "quotes"</b> in <Sirte>'
    for html in (site.page("/briefings/tanks-and-quotes/"), site.page("/"),
                 site.page("/archive/"), site.page("/actors/khalifa-haftar/")):  # fmt: skip
        assert raw not in html
        assert "Tanks &lt;b&gt;&amp; &#34;quotes&#34;&lt;/b&gt; in &lt;Sirte&gt;" in html


def test_body_is_sanitised_and_template_syntax_stays_text(site: Build) -> None:
    html = site.page("/briefings/tanks-and-quotes/")
    assert "<script>alert" not in html
    assert "onclick" not in html
    assert 'href="javascript' not in html
    assert "{{ 7*7 }}" in html


def test_drafts_never_reach_the_output(site: Build) -> None:
    assert not (site.output / "briefings" / "unfinished").exists()
    for path in site.output.rglob("*"):
        if path.is_file():
            text = path.read_bytes()
            assert b"DRAFT-MARKER-TEXT" not in text, path
            assert b"unfinished" not in text, path


def test_front_matter_slug_sets_the_url(site: Build) -> None:
    assert "Outlook for the new year" in site.page("/briefings/fixed-slug/")


def test_briefing_links_its_entities_and_tags(site: Build) -> None:
    html = site.page("/briefings/sirte-bm-splits-enclave/")
    for href in ["/actors/bunyan-al-marsus/", "/actors/islamic-state/",
                 "/actors/khalifa-haftar/", "/places/sirte/", "/places/misrata/",
                 "/tags/security/", "/tags/counter-terrorism/"]:  # fmt: skip
        assert f'href="{href}"' in html
    # Aliases in front-matter (ISIS, Haftar) resolve to the registry entity.
    assert ">Islamic State</a>" in html
    assert ">Khalifa Haftar</a>" in html


def test_the_lede_is_a_written_summary_never_the_first_paragraph_again(site: Build) -> None:
    written = site.page("/briefings/sirte-bm-splits-enclave/")
    assert '<p class="lede">Bunyan al-Marsus cut the last ISIS-held district in two.</p>' in written
    derived = site.page("/briefings/tanks-and-quotes/")  # no summary: lists use the first paragraph
    assert 'class="lede"' not in derived
    assert '<meta name="description" content="Text with raw' in derived


def test_key_takeaways_come_first_wherever_the_briefing_is_shown(site: Build) -> None:
    import json

    page = site.page("/briefings/fixed-slug/")
    start = page.index('<section class="takeaways"')
    box = page[start : page.index("</section>", start)]
    assert box.index("Key takeaways") < box.index("<li><a href=") < len(box)
    assert page.index("</section>", start) < page.index("both enter 2017 with more", start)
    # Names in takeaways link, and the body still links its own first mentions.
    haftar = mention("actors/khalifa-haftar", "Haftar")
    assert f"{haftar} and <em><a" in box
    assert f"<p>{haftar} and" in page
    assert 'Information as of <time datetime="2017-01-03">3 January 2017</time>' in box
    gist = "Haftar and BM both gain leverage going into 2017. · Misrata&#39;s council stays neutral, for now."
    assert f'<meta name="dossier:summary" content="{gist}" data-pagefind-meta' in page
    home = site.page("/")
    assert home.index("<h1") < home.index('id="dossier_latest_takeaways"') < home.index("feed-list")
    assert ">Outlook for the new year</a>" in home[home.index("takeaways-from") :]
    feed = (site.output / "feeds/all.atom.xml").read_text(encoding="utf-8")
    assert "<summary>Haftar and BM both gain leverage going into 2017. · Misrata" in feed
    assert "&lt;p&gt;&lt;strong&gt;Key takeaways&lt;/strong&gt;" in feed
    record = next(b for b in json.loads(site.data("briefings.json"))[
        "briefings"] if b["slug"] == "fixed-slug")  # fmt: skip
    assert record["takeaways"][1] == "Misrata's council stays neutral, for now."
    assert record["cutoff"].startswith("2017-01-03")
    without = site.page("/briefings/tanks-and-quotes/")
    assert 'class="takeaways"' not in without
    assert "Information as of" not in without


def test_a_briefing_ends_with_related_briefings_and_why(site: Build) -> None:
    page = site.page("/briefings/sirte-bm-splits-enclave/")
    start = page.index('<section class="related"')
    section = page[start : page.index("</section>", start)]
    assert section.index('href="/briefings/fixed-slug/"') < section.index(
        'href="/briefings/tanks-and-quotes/"'
    )  # three entities shared against two
    assert "also on Bunyan al-Marsus, Khalifa Haftar, Misrata" in section  # as rare, A–Z
    assert page.index('<section class="related"') < page.index('class="neighbours"')


def test_arabic_alias_resolves_to_its_actor(site: Build) -> None:
    html = site.page("/actors/khalifa-haftar/")
    assert "Tanks &lt;b&gt;" in html  # tagged with the Arabic alias خليفة حفتر
    assert "Outlook for the new year" in html
    assert "<bdi>خليفة حفتر</bdi>" in html


def test_unknown_actor_gets_a_page_and_a_warning(site: Build) -> None:
    assert "Jeff Davies" in site.page("/actors/jeff-davies/")
    warning = (
        "tests/fixture/content/briefings/2016/2016-10-14-tanks-and-quotes.md:4: "
        "warning: actor 'Jeff Davies' is not in the registry"
    )
    assert warning in site.stderr.splitlines()


def test_previous_and_next_briefing(site: Build) -> None:
    html = site.page("/briefings/tanks-and-quotes/")
    assert re.search(r'rel="prev" href="/briefings/sirte-bm-splits-enclave/"', html)
    assert re.search(r'rel="next" class="next" href="/briefings/fixed-slug/"', html)


def test_archive_groups_by_year_and_month(site: Build) -> None:
    html = site.page("/archive/")
    assert html.index('id="y2017"') < html.index('id="y2016"')
    assert 'id="y2016-10"' in html
    assert 'id="y2017-01"' in html
    assert "All 3 briefings" in html


def test_autoescape_is_on_even_if_settings_turn_it_off(tmp_path: Path) -> None:
    settings = project_settings(tmp_path, "JINJA_ENVIRONMENT = {'autoescape': False}\n")
    built = build_site(FIXTURE, tmp_path / "out", "--settings", str(settings))
    assert built.returncode == 0, built.stderr
    assert "<Sirte>" not in built.page("/briefings/tanks-and-quotes/")


# Files kept whole in tests/golden/site/, so a change shows as a diff; every
# other file (the theme's fonts, images, stylesheets and scripts, copied under
# fingerprinted names) is held by its digest in the manifest.
GOLDEN_TEXT = {".html", ".xml", ".json", ".csv", ".svg", ".txt", ".bib", ".ris", ""}
GOLDEN_MANIFEST = ROOT / "tests" / "golden" / "site.sha256"


def output_tree(root: Path) -> dict[str, bytes]:
    """Every file a build wrote under ``root``, by its path: all but
    Pagefind's bundle, which Pagefind 1.5.2 does not write deterministically
    (the search tests check it by its results). A gzipped file is taken
    uncompressed, so that a change in it shows as a diff (two builds writing
    the same compressed bytes is the determinism tests' to check)."""
    return {
        path.relative_to(root).as_posix(): (
            gzip.decompress(path.read_bytes()) if path.suffix == ".gz" else path.read_bytes()
        )
        for path in sorted(root.rglob("*"))
        if path.is_file() and not path.relative_to(root).as_posix().startswith("pagefind/")
    }


def golden_file(name: str) -> Path:
    """Where the golden tree keeps a text file whole: a gzipped one uncompressed,
    under its name without ``.gz``."""
    return GOLDEN_SITE / name.removesuffix(".gz")


def is_text(name: str) -> bool:
    """Whether the golden tree keeps this file whole (else by digest only)."""
    return not name.startswith("theme/") and Path(name.removesuffix(".gz")).suffix in GOLDEN_TEXT


def normalised(payload: bytes) -> str:
    """A text file as the golden tree keeps it: builds are byte-identical
    (see the determinism tests), so the only normalisation is trailing
    whitespace, which editors and patch tools strip from golden files."""
    lines = payload.decode("utf-8").splitlines()
    return "".join(line.rstrip() + "\n" for line in lines)


def manifest(files: dict[str, bytes]) -> str:
    """One line per file: its SHA-256 and its path (as ``sha256sum`` writes them)."""
    return "".join(f"{hashlib.sha256(data).hexdigest()}  {name}\n" for name, data in files.items())


def write_golden(files: dict[str, bytes]) -> None:
    """Replace the golden tree and manifest with ``files``: stale golden files go."""
    shutil.rmtree(GOLDEN_SITE, ignore_errors=True)
    for name, data in files.items():
        if is_text(name):
            path = golden_file(name)
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(normalised(data), encoding="utf-8")
    GOLDEN_MANIFEST.write_text(manifest(files), encoding="utf-8")


def first_difference(name: str, golden: str, actual: str, lines: int = 40) -> str:
    """The start of a unified diff between a golden file and the built one."""
    diff = difflib.unified_diff(
        golden.splitlines(), actual.splitlines(),
        f"tests/golden/site/{name.removesuffix('.gz')}", f"built/{name}", lineterm="", n=2,
    )  # fmt: skip
    shown = list(itertools.islice(diff, lines + 1))
    more = "\n…" if len(shown) > lines else ""
    return "\n".join(shown[:lines]) + more


def test_golden_site(site: Build) -> None:
    """Every file of the fixture build (Pagefind's bundle aside), as in
    tests/golden/: text files whole under site/, every file's digest in
    site.sha256. `make golden` rewrites them and then fails, so that no run
    that rewrote them passes: review `git diff tests/golden`, then test again."""
    actual = output_tree(site.output)
    if os.environ.get("DOSSIER_UPDATE_GOLDEN"):
        write_golden(actual)
        pytest.fail(
            "tests/golden/ rewritten from this build: review `git diff tests/golden`, "
            "then run the tests again without DOSSIER_UPDATE_GOLDEN",
            pytrace=False,
        )
    listed = {
        line.split("  ", 1)[1]: line.split("  ", 1)[0]
        for line in GOLDEN_MANIFEST.read_text(encoding="utf-8").splitlines()
    }
    missing = sorted(listed.keys() - actual.keys())
    new = sorted(actual.keys() - listed.keys())
    assert (missing, new) == ([], []), (
        f"files no longer built: {missing}; files without a golden entry: {new}"
    )
    kept = sorted(
        path.relative_to(GOLDEN_SITE).as_posix()
        for path in GOLDEN_SITE.rglob("*")
        if path.is_file()
    )
    assert kept == sorted(
        golden_file(name).relative_to(GOLDEN_SITE).as_posix() for name in actual if is_text(name)
    ), "tests/golden/site/ and site.sha256 disagree: run `make golden`"
    changed = [
        name
        for name, data in actual.items()
        if (is_text(name) and normalised(data) != golden_file(name).read_text(encoding="utf-8"))
        or hashlib.sha256(data).hexdigest() != listed[name]
    ]
    if changed:
        name = changed[0]
        shown = (
            first_difference(
                name, golden_file(name).read_text(encoding="utf-8"), normalised(actual[name])
            )
            if is_text(name)
            else "(compared by digest)"
        )
        pytest.fail(
            f"{len(changed)} file(s) differ from tests/golden/: {', '.join(changed)}\n"
            f"first: {name}\n{shown}",
            pytrace=False,
        )


def test_bad_content_fails_the_build_with_every_error(tmp_path: Path) -> None:
    content = tmp_path / "content"
    shutil.copytree(FIXTURE, content)
    bad = content / "briefings" / "2016"
    (bad / "2016-12-01-bad-date.md").write_text(
        "---\ntitle: Bad\ndate: 2016-02-30\n---\nB\n", encoding="utf-8"
    )
    (bad / "2016-12-02-bad-yaml.md").write_text(
        "---\ntitle: Bad\ndate: 2016-12-02\nactors: [a, b\n---\nB\n", encoding="utf-8"
    )
    (bad / "2016-12-03-binary.md").write_bytes(b"---\ntitle: \xff\xfe\n---\n")
    built = build_site(content, tmp_path / "out")
    assert built.returncode == 1
    errors = [line for line in built.stderr.splitlines() if ": error: " in line]
    shown = str(content.relative_to(ROOT)) if content.is_relative_to(ROOT) else str(content)
    assert errors == [
        f"{shown}/briefings/2016/2016-12-01-bad-date.md:3: error: '2016-02-30' is not a real date",
        f"{shown}/briefings/2016/2016-12-02-bad-yaml.md:4: error: invalid YAML: a list opened "
        "with '[' on this line is not closed with ']', or misses a comma (did not find expected "
        "',' or ']')",
        f"{shown}/briefings/2016/2016-12-03-binary.md:2: error: not UTF-8 text: byte 0xff cannot be decoded",
    ]  # fmt: skip
    assert "Could not process" not in built.stderr


def test_stock_pelican_builds_the_same_site(site: Build, tmp_path: Path) -> None:
    pelican = Path(sys.executable).parent / "pelican"
    out = tmp_path / "stock"
    result = subprocess.run(
        [str(pelican), str(FIXTURE), "-s", str(SETTINGS), "-o", str(out)],
        cwd=ROOT, capture_output=True, text=True, check=False,
    )  # fmt: skip
    assert result.returncode == 0, result.stdout + result.stderr
    assert site_tree(out) == site_tree(site.output)


def test_two_builds_are_byte_identical(site: Build, tmp_path: Path) -> None:
    again = build_site(FIXTURE, tmp_path / "again")
    assert again.returncode == 0
    assert site_tree(again.output) == site_tree(site.output)


def test_links_work_under_a_project_subpath(subpath_site: Build) -> None:
    assert broken_links(subpath_site.output, site_path="/repo") == []
    html = subpath_site.page("/briefings/sirte-bm-splits-enclave/")
    assert 'href="/repo/actors/khalifa-haftar/"' in html
    assert re.search(r'href="/repo/theme/css/dossier\.[0-9a-f]{10}\.css"', html)
    assert (
        '<link rel="canonical" href="https://org.github.io/repo/briefings/sirte-bm-splits-enclave/">'
        in html
    )


def _listed(page: str) -> list[str]:
    """The briefings of a page of the home list, in its order."""
    items = page.split('<div class="feed-list">', 1)[1].split("</div>", 1)[0]
    return re.findall(r'class="item-title"><a href="([^"]+)"', items)


def test_sample_archive_builds_cleanly(sample: Build) -> None:
    built = sample
    assert ": warning: " not in built.stderr, built.stderr
    briefings = sorted(
        f"/{p.parent.relative_to(built.output).as_posix()}/"
        for p in (built.output / "briefings").glob("*/index.html")
    )
    assert len(briefings) >= 12
    first, second = outline(built.page("/")), outline(built.page("/page/2/"))
    assert second.h1 == ("Earlier briefings",)
    assert second.title == "Libya Briefings · page 2"
    # The two pages of the home list show every briefing once (the first page
    # also links briefings from its takeaways and trends, above the list).
    listed = [_listed(built.page(p)) for p in ("/", "/page/2/")]
    assert len(listed[0]) == 10
    assert sorted(listed[0] + listed[1]) == briefings
    assert set(first.briefings) >= set(listed[0])
    assert broken_links(built.output) == []


def test_the_search_bundle_is_complete(site: Build) -> None:
    import json

    bundle = site.output / "pagefind"
    # One part per year, newest first: its briefings, and the actors and places last seen then.
    parts = json.loads((bundle / "parts.json").read_text(encoding="utf-8"))["parts"]
    assert parts == ["2017", "2016"]
    search = site.page("/search/")
    assert '<meta name="dossier:search-parts" content="2017 2016">' in search
    assert sorted(p.name for p in bundle.iterdir()) == sorted([*parts, "parts.json"])
    for part in parts:
        entry = json.loads((bundle / part / "pagefind-entry.json").read_text(encoding="utf-8"))
        assert entry["languages"], entry
        # Pagefind's ready-made interfaces are not used (the theme has its own).
        assert not list((bundle / part).glob("pagefind-ui*"))
    files = [p for p in bundle.rglob("*") if p.is_file()]
    assert files
    assert [p.relative_to(bundle).as_posix() for p in files if p.stat().st_size == 0] == []


def test_a_background_place_is_counted_for_nobody(sample: Build) -> None:
    # content/places/libya.md says `background: true`: the country every
    # briefing is about is never "where" an actor is seen.
    haftar = sample.page("/actors/khalifa-haftar/")
    where = haftar.split("<h2>Where</h2>", 1)[1].split("</ol>", 1)[0]
    assert 'href="/places/benghazi/"' in where
    assert 'href="/places/libya/"' not in where


def _sitemap_paths(output: Path, site_url: str) -> list[str]:
    import xml.etree.ElementTree as ET

    root = ET.parse(output / "sitemap.xml").getroot()
    locs = [e.text or "" for e in root.iter("{http://www.sitemaps.org/schemas/sitemap/0.9}loc")]
    assert all(loc.startswith(site_url + "/") for loc in locs), locs
    return [loc[len(site_url) + 1 :] for loc in locs]


def test_the_sitemap_lists_every_page_and_each_resolves(
    subpath_site: Build, tmp_path: Path
) -> None:
    paths = _sitemap_paths(subpath_site.output, "https://org.github.io/repo")
    for path in paths:
        target = subpath_site.output / path
        assert (target / "index.html" if path.endswith("/") or not path else target).is_file(), path
    assert "briefings/sirte-bm-splits-enclave/" in paths
    assert {"", "about/", "actors/khalifa-haftar/", "places/sirte/", "tags/security/",
            "trends/"} <= set(paths)  # fmt: skip
    assert "briefings/unfinished/" not in paths  # a draft
    robots = (subpath_site.output / "robots.txt").read_text(encoding="utf-8")
    assert "Sitemap: https://org.github.io/repo/sitemap.xml" in robots
    # At the root of a domain too.
    root = build_site(
        FIXTURE, tmp_path / "root", "--site-url", "https://briefings.example.org", "--no-search"
    )
    assert root.returncode == 0
    for path in _sitemap_paths(root.output, "https://briefings.example.org"):
        target = root.output / path
        assert (target / "index.html" if path.endswith("/") or not path else target).is_file(), path


def test_a_local_build_has_no_sitemap(site: Build) -> None:
    # Without the public address there is nothing absolute to list.
    assert not (site.output / "sitemap.xml").exists()
    assert not (site.output / "robots.txt").exists()


def test_pages_carry_open_graph_and_twitter_card_meta(subpath_site: Build) -> None:
    html = subpath_site.page("/briefings/sirte-bm-splits-enclave/")
    for tag in [
        '<meta property="og:site_name" content="Libya Briefings">',
        '<meta property="og:title" content="BM splits the ISIS enclave in Sirte">',
        '<meta property="og:type" content="article">',
        '<meta property="og:url" content="https://org.github.io/repo/briefings/sirte-bm-splits-enclave/">',
        '<meta property="article:published_time" content="2016-10-07" data-pagefind-sort="date[content]"',
        '<meta name="twitter:card" content="summary">',
    ]:
        assert tag in html, tag
    assert '<meta property="og:description" content="' in html
    entity = subpath_site.page("/actors/khalifa-haftar/")
    assert '<meta property="og:title" content="Khalifa Haftar">' in entity
    assert '<meta property="og:type" content="website">' in entity


def _json_ld(html: str) -> dict[str, object]:
    (block,) = re.findall(r'<script type="application/ld\+json">(.*?)</script>', html)
    data: dict[str, object] = json.loads(block)
    return data


def test_pages_carry_json_ld_for_search_engines(subpath_site: Build) -> None:
    base = "https://org.github.io/repo"
    article = _json_ld(subpath_site.page("/briefings/sirte-bm-splits-enclave/"))
    assert article["@context"] == "https://schema.org"
    assert article["@type"] == "NewsArticle"
    assert article["headline"] == "BM splits the ISIS enclave in Sirte"
    assert article["datePublished"] == "2016-10-07T00:00:00+00:00"
    assert article["url"] == f"{base}/briefings/sirte-bm-splits-enclave/"
    assert {
        "@type": "Person",
        "name": "Khalifa Haftar",
        "url": f"{base}/actors/khalifa-haftar/",
    } in article["about"]  # type: ignore[operator]
    assert article["publisher"] == {
        "@type": "Organization",
        "name": "Libya Briefings",
        "url": f"{base}/",
    }
    haftar = _json_ld(subpath_site.page("/actors/khalifa-haftar/"))
    assert (haftar["@type"], haftar["name"]) == ("Person", "Khalifa Haftar")
    assert "خليفة حفتر" in haftar["alternateName"]  # type: ignore[operator]
    sirte = _json_ld(subpath_site.page("/places/sirte/"))
    assert sirte["@type"] == "City"
    assert sirte["geo"] == {"@type": "GeoCoordinates", "latitude": 31.2089, "longitude": 16.5887}
    assert sirte["containedInPlace"] == {
        "@type": "Country",
        "name": "Libya",
        "url": f"{base}/places/libya/",
    }


def test_stylesheets_and_scripts_have_fingerprinted_names(site: Build, tmp_path: Path) -> None:
    html = site.page("/search/")
    linked = re.findall(r'(?:href|src)="/(theme/(?:css|js)/[^"]+)"', html)
    assert len(linked) == 4  # the stylesheet, the header's and cards' scripts, the search page's
    for path in linked:
        plain = re.sub(r"\.[0-9a-f]{10}(\.(?:css|js))$", r"\1", path)
        assert plain != path, path  # fingerprinted
        assert (site.output / path).read_bytes() == (site.output / plain).read_bytes()
    # A changed stylesheet gets a new name.
    theme = tmp_path / "theme"
    shutil.copytree(ROOT / "theme", theme)
    with open(theme / "static" / "css" / "dossier.css", "a", encoding="utf-8") as css:
        css.write("\n/* changed */\n")
    settings = project_settings(tmp_path, f"THEME = {str(theme)!r}\n")
    changed = build_site(FIXTURE, tmp_path / "out", "--settings", str(settings), "--no-search")
    assert changed.returncode == 0, changed.stderr
    (before,) = re.findall(r'href="/(theme/css/[^"]+)"', site.page("/"))
    (after,) = re.findall(r'href="/(theme/css/[^"]+)"', changed.page("/"))
    assert before != after


def test_writing_in_two_processes_gives_the_same_site(
    site: Build, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    started = in_two_processes(monkeypatch, "start_in_background")
    assert build_in_process(FIXTURE, tmp_path / "out") == 0
    assert started == [True]  # the archive's pages were written by a child process
    assert site_tree(tmp_path / "out") == site_tree(site.output)


@pytest.mark.parametrize("processes", [1, 2])
def test_a_template_error_in_the_archive_pages_is_one_line(
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    processes: int,
) -> None:
    from dossier.cli.main import main
    from dossier.glue import generator

    theme = tmp_path / "theme"
    shutil.copytree(ROOT / "theme", theme)
    entity = theme / "templates" / "entity.html"
    entity.write_text(
        entity.read_text().replace("{% block content %}", "{% block content %}{{ nothing() }}", 1)
    )
    settings = project_settings(tmp_path, f"THEME = {str(theme)!r}\n")
    monkeypatch.setattr(generator, "PARALLEL_FROM", 1)
    monkeypatch.setattr(generator, "cpus", lambda: processes)
    code = main(["build", "--content", str(FIXTURE), "--output", str(tmp_path / "out"),
                 "--settings", str(settings), "--no-search"])  # fmt: skip
    err = capsys.readouterr().err
    assert code == 1
    assert "Traceback" not in err
    assert (
        err.strip()
        .splitlines()[-1]
        .startswith(
            "dossier: error: writing the actor, place and theme pages failed: UndefinedError: "
        )
    )
    assert not (tmp_path / "out").exists()  # nothing half-written is swapped in


def test_without_a_process_to_spare_the_pages_are_written_in_turn(
    site: Build, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from dossier.glue import generator

    def no_fork() -> int:
        raise BlockingIOError(11, "Resource temporarily unavailable")

    monkeypatch.setattr(generator, "PARALLEL_FROM", 1)
    monkeypatch.setattr(generator, "cpus", lambda: 2)
    monkeypatch.setattr(os, "fork", no_fork)
    assert build_in_process(FIXTURE, tmp_path / "out") == 0
    assert site_tree(tmp_path / "out") == site_tree(site.output)
