"""The weekly update: a build where the last one left its stamps writes only
what changed, in place, and its output is the clean build's, byte for byte."""

from __future__ import annotations

import logging
import os
import shutil
import subprocess
from pathlib import Path

import pytest

from .helpers import (
    DOSSIER,
    FIXTURE,
    ROOT,
    SETTINGS,
    build_in_process,
    build_site,
    in_two_processes,
    project_settings,
    sample_result,
    site_tree,
)

NEW = """---
title: "Talks resume in Misrata"
date: 2017-02-01
actors: [Khalifa Haftar, BM]
places: [Misrata]
tags: [politics]
---

Envoys met in Misrata; BM said little, and Haftar's side sent a letter.
"""


@pytest.fixture
def archive(tmp_path: Path) -> Path:
    """A copy of the fixture archive's content, to change."""
    content = tmp_path / "archive" / "content"
    shutil.copytree(FIXTURE, content)
    return content


def week(content: Path) -> None:
    """A week's change: one briefing added, one corrected in its prose, one
    given another title, one removed."""
    (content / "briefings" / "2017" / "2017-02-01-talks-resume.md").write_text(NEW, "utf-8")
    outlook = content / "briefings" / "2017" / "2017-01-05-new-year-outlook.md"
    outlook.write_text(outlook.read_text("utf-8") + "\nA late correction.\n", "utf-8")
    sirte = content / "briefings" / "2016" / "2016-10-07-sirte-bm-splits-enclave.md"
    text = sirte.read_text("utf-8")
    sirte.write_text(text.replace('title: "', 'title: "Corrected: ', 1), "utf-8")
    (content / "briefings" / "2016" / "2016-10-14-tanks-and-quotes.md").unlink()


def test_an_update_writes_what_changed_and_equals_a_clean_build(archive: Path) -> None:
    out = archive.parent / "output"
    first = build_site(archive, out)
    assert first.returncode == 0, first.stderr
    assert "rendered" in first.stderr
    kept = out / "404.html"
    before = kept.stat().st_ino
    week(archive)
    update = build_site(archive, out)
    assert update.returncode == 0, update.stderr
    assert "updated " in update.stderr, update.stderr
    assert "removed " in update.stderr  # the deleted briefing's page, among others
    clean = build_site(archive, archive.parent / "clean")
    assert clean.returncode == 0, clean.stderr
    assert site_tree(out) == site_tree(clean.output)
    # A page the week did not touch is the same file, never written again.
    assert kept.stat().st_ino == before
    assert not (out / "briefings" / "tanks-and-quotes").exists()


def test_an_unchanged_archive_writes_nothing(archive: Path) -> None:
    out = archive.parent / "output"
    assert build_site(archive, out, "--no-search").returncode == 0
    again = build_site(archive, out, "--no-search")
    assert again.returncode == 0, again.stderr
    assert "updated 0 of " in again.stderr, again.stderr


@pytest.mark.parametrize("how", ["--clean", "settings", "registry", "no stamps", "output"])
def test_what_asks_for_a_clean_build(archive: Path, how: str) -> None:
    out = archive.parent / "output"
    settings = project_settings(archive.parent, "")
    assert build_site(archive, out, "--no-search", "--settings", str(settings)).returncode == 0
    extra = ["--settings", str(settings)]
    if how == "--clean":
        extra.append("--clean")
    elif how == "settings":
        project_settings(archive.parent, "DEFAULT_PAGINATION = 1\n")
    elif how == "registry":
        actors = archive / "actors"
        first = sorted(actors.iterdir())[0]
        first.write_text(first.read_text("utf-8") + "\n", "utf-8")
    elif how == "no stamps":
        shutil.rmtree(archive.parent / ".dossier-cache" / "plans")
    else:  # the output changed hands: no marker, then it is not ours to update
        (out / ".dossier-output").unlink()
        extra.append("--force")
    again = build_site(archive, out, "--no-search", *extra)
    assert again.returncode == 0, again.stderr
    assert "rendered " in again.stderr, again.stderr
    assert "updated" not in again.stderr


def test_a_failed_update_leaves_the_output_and_the_next_one_updates(archive: Path) -> None:
    out = archive.parent / "output"
    assert build_site(archive, out, "--no-search").returncode == 0
    before = site_tree(out)
    broken = archive / "briefings" / "2017" / "2017-03-01-broken.md"
    broken.write_text("---\ntitle: [unclosed\n---\n\nText.\n", "utf-8")
    failed = build_site(archive, out, "--no-search")
    assert failed.returncode == 1
    assert "2017-03-01-broken.md:" in failed.stderr
    assert site_tree(out) == before
    broken.unlink()
    week(archive)
    fixed = build_site(archive, out, "--no-search")
    assert fixed.returncode == 0, fixed.stderr
    assert "updated " in fixed.stderr


def test_the_sample_archive_updates_in_place_too(tmp_path: Path) -> None:
    content = tmp_path / "content"
    shutil.copytree(ROOT / "content", content)
    out = tmp_path / "output"
    assert build_site(content, out, "--no-search").returncode == 0
    newest = sorted((content / "briefings").rglob("*.md"))[-1]
    added = newest.with_name("2099-01-01-added.md")
    text = newest.read_text("utf-8")
    added.write_text(text.replace("\ndate:", "\nslug: added-later\ndate:", 1), "utf-8")
    update = build_site(content, out, "--no-search")
    assert update.returncode == 0, update.stderr
    assert "updated " in update.stderr
    clean = build_site(content, tmp_path / "clean", "--no-search")
    assert site_tree(out) == site_tree(clean.output)


def test_after_stock_pelican_wrote_the_output_the_next_build_is_clean(archive: Path) -> None:
    out = archive.parent / "output"
    assert build_site(archive, out, "--no-search").returncode == 0
    pelican = subprocess.run(
        [str(DOSSIER.parent / "pelican"), str(archive), "-s", str(SETTINGS), "-o", str(out)],
        capture_output=True, text=True, check=False,
        env={**os.environ, "DOSSIER_SEARCH": ""},
    )  # fmt: skip
    assert pelican.returncode == 0, pelican.stderr
    again = build_site(archive, out, "--no-search")
    assert again.returncode == 0, again.stderr
    assert "rendered " in again.stderr


def test_a_new_briefing_rewrites_the_home_list_not_its_older_pages(archive: Path) -> None:
    out = archive.parent / "output"
    settings = project_settings(archive.parent, "DEFAULT_PAGINATION = 1\n")
    assert build_site(archive, out, "--no-search", "--settings", str(settings)).returncode == 0
    oldest = out / "page" / "2" / "index.html"
    text, inode = oldest.read_text("utf-8"), oldest.stat().st_ino
    (archive / "briefings" / "2017" / "2017-02-01-talks-resume.md").write_text(NEW, "utf-8")
    update = build_site(archive, out, "--no-search", "--settings", str(settings))
    assert update.returncode == 0, update.stderr
    assert oldest.stat().st_ino == inode  # the oldest briefing's page, never written again
    assert oldest.read_text("utf-8") == text
    assert (out / "page" / "4" / "index.html").is_file()  # one more page, below the home page


def _pictures(content: Path, output: Path | None = None) -> dict[str, str]:
    # The entity maps the last build (into ``output``) kept with its stamps
    # (.dossier-cache/plans/, a file per output folder).
    import json

    kept = [
        json.loads(path.read_text("utf-8"))
        for path in (content.parent / ".dossier-cache" / "plans").glob("*.json")
    ]
    if output is not None:
        kept = [k for k in kept if k["output"] == os.path.abspath(output)]
    (one,) = kept
    pictures: dict[str, str] = one["pictures"]
    return pictures


def test_an_update_draws_again_only_the_maps_that_changed(archive: Path) -> None:
    """Drawing maps is most of making the entity pages: the last build's are
    kept with its stamps by what each is drawn from, and an update takes those
    whose spec is unchanged (the keys are the same in another process)."""
    out = archive.parent / "output"
    assert build_site(archive, out, "--no-search").returncode == 0
    first = _pictures(archive)
    assert first
    assert all("<svg" in markup for markup in first.values())
    week(archive)
    assert build_site(archive, out, "--no-search").returncode == 0
    second = _pictures(archive)
    assert second.keys() & first.keys()  # kept: the maps the week left alone
    assert second.keys() != first.keys()  # Misrata's map gains a briefing
    for key in second.keys() & first.keys():
        assert second[key] == first[key]


def test_a_kept_map_is_used_as_it_is() -> None:
    """What the cache holds for a spec is what the page shows; a spec that
    differs in anything has another key."""
    from dataclasses import replace

    from dossier.outputs import site_maps

    result = sample_result()
    maps = site_maps(result)
    listing = next(
        listing
        for listing in result.archive.listings("places").values()
        if maps.of_entity(listing) is not None
    )
    spec = maps.of_entity(listing)
    assert spec is not None
    shown = maps.entity_map(listing)
    assert maps.drawn == {}  # a page's input: drawn when the page is rendered
    drawn = str(shown)
    assert maps.drawn == {spec.key: drawn}
    assert maps.pictures() == {spec.key: drawn}
    again = site_maps(result, {spec.key: "<svg>kept</svg>"})
    kept = again.entity_map(listing)
    assert kept == shown  # as inputs: the same spec
    assert str(kept) == "<svg>kept</svg>"
    moved = replace(spec, frame=replace(spec.frame, lat=spec.frame.lat + 1e-9))
    assert moved.key != spec.key
    assert replace(spec, title=spec.title + ".").key != spec.key


def test_an_update_in_two_processes_equals_a_clean_build(
    archive: Path, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    # At scale an update digests and writes half its plan in a forked child:
    # the output, and the stamps it leaves (an unchanged archive then writes
    # nothing), are those of one process.
    started = in_two_processes(monkeypatch, "_update_in_halves")
    alone = archive.parent / "alone"
    assert build_site(archive, alone, "--no-search").returncode == 0
    one = _pictures(archive, alone)
    assert one
    out = archive.parent / "output"
    assert build_in_process(archive, out, search=False) == 0
    assert started == []  # a clean build: no update
    # The maps drawn by the child are kept too (drawn as its pages were).
    assert _pictures(archive, out) == one
    week(archive)
    caplog.clear()
    caplog.set_level(logging.INFO)
    assert build_in_process(archive, out, search=False) == 0
    assert started == [True]
    said = caplog.text
    assert "updated " in said, said
    assert "removed " in said, said
    clean = build_site(archive, archive.parent / "clean", "--no-search")
    assert clean.returncode == 0, clean.stderr
    assert site_tree(out) == site_tree(clean.output)
    caplog.clear()
    assert build_in_process(archive, out, search=False) == 0
    assert "updated 0 of " in caplog.text, caplog.text
    assert _pictures(archive, out) == _pictures(archive, clean.output)
