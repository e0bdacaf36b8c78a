"""Drafts and scheduled briefings (#24 item 1): the published site leaves
them out of everything; the preview (``dossier serve``, a build with
``DOSSIER_PREVIEW``) shows them where they would be published, marked."""

from __future__ import annotations

import gzip
import shutil
from pathlib import Path

import pytest

from .helpers import FIXTURE, Build, build_site, project_settings

SCHEDULED = """---
title: "A plan for later"
date: 2999-01-01
actors: [Khalifa Haftar]
places: [Sirte]
---

SCHEDULED-MARKER-TEXT is for the next millennium.
"""


@pytest.fixture(scope="module")
def content(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("drafts") / "content"
    shutil.copytree(FIXTURE, folder)
    (folder / "briefings" / "2017" / "2999-01-01-later.md").write_text(SCHEDULED, "utf-8")
    return folder


def _texts(root: Path) -> dict[str, str]:
    """Every output file as text, Pagefind's compressed files unpacked."""
    found: dict[str, str] = {}
    for path in root.rglob("*"):
        if not path.is_file():
            continue
        data = path.read_bytes()
        if data[:2] == b"\x1f\x8b":  # gzip's magic number
            data = gzip.decompress(data)
        found[path.relative_to(root).as_posix()] = data.decode("utf-8", "replace")
    return found


def test_the_published_site_leaves_drafts_and_scheduled_briefings_out(content: Path) -> None:
    built = build_site(content, content.parent / "site")
    assert built.returncode == 0, built.stderr
    assert "2017/2999-01-01-later.md: scheduled for 2999-01-01 00:00\n" in built.stderr
    assert "(1 draft and 1 scheduled left out)" in built.stderr
    texts = _texts(built.output)
    assert any(name.startswith("pagefind/") for name in texts)
    for marker in ("DRAFT-MARKER-TEXT", "An unfinished draft", "SCHEDULED-MARKER-TEXT",
                   "A plan for later", "<p class=\"preview-banner\""):  # fmt: skip
        assert not [name for name, text in texts.items() if marker in text], marker


@pytest.fixture(scope="module")
def preview(content: Path) -> Build:
    settings = project_settings(content.parent, "DOSSIER_PREVIEW = True\n")
    built = build_site(content, content.parent / "preview", "--settings", str(settings))
    assert built.returncode == 0, built.stderr
    return built


def test_a_preview_shows_a_draft_with_its_banner_and_lists_it_marked(preview: Build) -> None:
    page = preview.page("/briefings/unfinished/")
    assert "DRAFT-MARKER-TEXT" in page
    assert (
        '<p class="preview-banner" role="note" data-pagefind-ignore><strong>Draft</strong>' in page
    )
    mark = '<span class="unpublished unpublished-draft">Draft</span>'
    for listing in ("/", "/archive/", "/actors/islamic-state/", "/places/sirte/"):
        html = preview.page(listing)
        assert f'/briefings/unfinished/">An unfinished draft</a> {mark}' in html, listing
    # A published briefing has no banner, and its own title no mark.
    published = preview.page("/briefings/tanks-and-quotes/")
    assert "preview-banner" not in published


def test_a_preview_shows_a_scheduled_briefing_with_its_own_marker(preview: Build) -> None:
    slug = next(p.parent.name for p in (preview.output / "briefings").glob("*later*/index.html"))
    page = preview.page(f"/briefings/{slug}/")
    assert "<strong>Scheduled</strong> Dated after today" in page
    mark = '<span class="unpublished unpublished-scheduled">Scheduled</span>'
    assert f'">A plan for later</a> {mark}' in preview.page("/actors/khalifa-haftar/")
    assert "left out" not in preview.stderr
    assert "1 draft and 1 scheduled shown, marked)" in preview.stderr
