"""Old addresses keep working: renamed entities and moved briefings redirect."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from dossier.errors import ContentError
from dossier.read import read_briefing

from .helpers import FIXTURE, ROOT, Build, build_site, run_dossier


def test_old_addresses_get_a_page_that_sends_the_reader_on(subpath_site: Build) -> None:
    moved = {
        "actors/al-bunyan-al-marsus/index.html": "actors/bunyan-al-marsus/",
        "2017/01/outlook/index.html": "briefings/fixed-slug/",
        "old/outlook.html": "briefings/fixed-slug/",
    }
    for old, new in moved.items():
        page = (subpath_site.output / old).read_text(encoding="utf-8")
        target = f"https://org.github.io/repo/{new}"
        assert f'<link rel="canonical" href="{target}">' in page
        assert f'<meta http-equiv="refresh" content="0; url={target}">' in page
        assert f'moved to <a href="{target}">' in page
        assert '<meta name="robots" content="noindex">' in page
    sitemap = (subpath_site.output / "sitemap.xml").read_text(encoding="utf-8")
    assert "al-bunyan-al-marsus" not in sitemap


@pytest.mark.parametrize(
    ("address", "message"),
    [
        ("https://example.org/x/", "'redirect_from' lists old addresses on this site, such as "
         "/2016/10/old-title/: 'https://example.org/x/' is not one"),
        ("/a/../b/", "'/a/../b/' cannot be redirected: name an old page"),
        ("/", "'/' cannot be redirected: name an old page"),
    ],
)  # fmt: skip
def test_a_redirect_from_must_be_an_old_address_on_this_site(address: str, message: str) -> None:
    text = f"---\ntitle: T\ndate: 2016-10-07\nredirect_from: [{address}]\n---\nBody\n"
    with pytest.raises(ContentError) as caught:
        read_briefing(text, "p.md", "p")
    assert str(caught.value).splitlines()[0] == f"p.md:4: error: {message}"


def test_addresses_are_kept_as_the_site_serves_them() -> None:
    text = "---\ntitle: T\ndate: 2016-10-07\nredirect_from: [/a/b, a/b/, /c.html]\n---\nBody\n"
    briefing, _ = read_briefing(text, "p.md", "p")
    assert briefing.redirect_from == ("a/b/", "c.html")


def test_a_redirect_may_never_take_a_real_page(tmp_path: Path) -> None:
    content = tmp_path / "content"
    shutil.copytree(FIXTURE, content)
    haftar = content / "actors" / "khalifa-haftar.md"
    haftar.write_text(
        haftar.read_text(encoding="utf-8").replace("---\n", "---\nformerly: [islamic-state]\n", 1),
        encoding="utf-8",
    )
    outlook = content / "briefings" / "2017" / "2017-01-05-new-year-outlook.md"
    outlook.write_text(
        outlook.read_text(encoding="utf-8").replace(
            "redirect_from: [/2017/01/outlook/, /old/outlook.html]",
            "redirect_from: [/briefings/tanks-and-quotes/, /2017/01/outlook/]",
        ),
        encoding="utf-8",
    )
    checked = run_dossier(
        "check", "--content", str(content), "--settings", str(ROOT / "pelicanconf.py")
    )
    assert checked.returncode == 1
    shown = str(content)
    assert (
        f"{shown}/actors/khalifa-haftar.md:2: error: 'actors/islamic-state/index.html' is a page "
        "of the site: a redirect cannot replace it"
    ) in checked.stdout + checked.stderr
    assert (
        f"{shown}/briefings/2017/2017-01-05-new-year-outlook.md:9: error: "
        "'briefings/tanks-and-quotes/index.html' is a page of the site: a redirect cannot replace it"
    ) in checked.stdout + checked.stderr
    built = build_site(content, tmp_path / "out")
    assert built.returncode == 1
    assert not (tmp_path / "out").exists()
