"""The read cache: unchanged briefings are not read again, and the site is the same."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
from pelican.settings import read_settings

from dossier.cache import ENTRIES, TAG, ReadCache
from dossier.config import Config
from dossier.load import load

from .helpers import FIXTURE, SETTINGS, build_site, project_settings, site_tree


@pytest.fixture
def archive(tmp_path: Path) -> Path:
    """A writable copy of the fixture archive; its cache goes beside the content."""
    shutil.copytree(FIXTURE, tmp_path / "content")
    return tmp_path


def _read_line(stderr: str) -> str:
    return next(line for line in stderr.splitlines() if line.startswith("read "))


def test_a_second_build_takes_unchanged_briefings_from_the_cache(archive: Path) -> None:
    content = archive / "content"
    first = build_site(content, archive / "one")
    assert "from the cache" not in _read_line(first.stderr)
    entries = archive / ".dossier-cache" / ENTRIES
    # an entry per published or draft briefing read, a line each in a few files
    lines = [line for f in entries.iterdir() for line in f.read_text().splitlines()]
    assert len(lines) == 4
    assert len(list(entries.iterdir())) <= 4
    assert (
        (archive / ".dossier-cache" / TAG)
        .read_text()
        .startswith("Signature: 8a477f597d28d172789f06886806bc55")
    )
    second = build_site(content, archive / "two")
    assert re.match(
        r"read 4 briefings \(4 unchanged, from the cache; 1 draft left out\)",
        _read_line(second.stderr),
    )
    assert site_tree(archive / "two") == site_tree(archive / "one")
    # One edit: that briefing alone is read again.
    edited = content / "briefings" / "2016" / "2016-10-07-sirte-bm-splits-enclave.md"
    edited.write_text(edited.read_text().replace("At least 8", "At least 9"))
    third = build_site(content, archive / "three")
    assert "(3 unchanged, from the cache" in _read_line(third.stderr)
    assert "At least 9" in third.page("/briefings/sirte-bm-splits-enclave/")


def test_a_briefing_with_unusual_line_ends_is_taken_from_the_cache(archive: Path) -> None:
    # Entries are lines of a file: a paragraph or line separator in the
    # text (U+2029, U+2028, NEL) must not end one.
    content = archive / "content"
    edited = content / "briefings" / "2016" / "2016-10-07-sirte-bm-splits-enclave.md"
    edited.write_text(edited.read_text().replace("At least 8", "At\u2028least\u2029 8\x85"))
    build_site(content, archive / "one")
    again = build_site(content, archive / "two")
    assert "(4 unchanged, from the cache" in _read_line(again.stderr)
    assert site_tree(archive / "two") == site_tree(archive / "one")


def test_a_changed_registry_sets_the_whole_cache_aside(archive: Path) -> None:
    content = archive / "content"
    build_site(content, archive / "one")
    haftar = content / "actors" / "khalifa-haftar.md"
    haftar.write_text(haftar.read_text().replace("aliases: [", "aliases: [Field Marshal, ", 1))
    again = build_site(content, archive / "two")
    assert again.returncode == 0, again.stderr
    assert "from the cache" not in _read_line(again.stderr)


def test_cached_briefings_equal_freshly_read_ones(archive: Path) -> None:
    settings = read_settings(str(SETTINGS), override={"PATH": str(archive / "content")})
    config = Config.from_settings(settings)
    fresh = load(config)
    cached = load(config)
    assert cached.cached == len(fresh.briefings)
    assert cached.briefings == fresh.briefings
    # Equal instants are not enough: the same offsets and zones, printed alike.
    for a, b in zip(cached.briefings, fresh.briefings, strict=True):
        assert (a.date.isoformat(), a.date.tzname()) == (b.date.isoformat(), b.date.tzname())
    assert cached.diagnostics == fresh.diagnostics


@pytest.mark.parametrize("damage", ["{not json", '{"key": "other"}', "[]", ""])
def test_a_damaged_or_foreign_entry_is_read_past(archive: Path, damage: str) -> None:
    build_site(archive / "content", archive / "one")
    entries = sorted((archive / ".dossier-cache" / ENTRIES).iterdir())
    entries[0].write_text(damage)
    (entries[0].parent / "stray.json").write_text("{}")  # not a briefing of this archive
    built = build_site(archive / "content", archive / "two")
    assert built.returncode == 0, built.stderr
    assert "(3 unchanged, from the cache" in _read_line(built.stderr)
    assert site_tree(archive / "two") == site_tree(archive / "one")
    # Rewritten, and the stray entry dropped.
    assert sorted(entries[0].parent.iterdir()) == entries
    assert ReadCache.open(archive / ".dossier-cache", "another key").hits == 0


def test_one_damaged_entry_leaves_the_others_of_its_file(
    archive: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from dossier import cache

    monkeypatch.setattr(cache, "_bucket_of", lambda name: "00.jsonl")  # all in one file
    settings = read_settings(str(SETTINGS), override={"PATH": str(archive / "content")})
    config = Config.from_settings(settings)
    fresh = load(config)
    (bucket,) = (archive / ".dossier-cache" / ENTRIES).iterdir()
    lines = bucket.read_text().splitlines()
    assert len(lines) == 4
    name, _, entry = lines[1].partition(" ")
    bucket.write_text("\n".join([*lines[:1], f"{name} {entry[:40]}", *lines[2:]]) + "\n")
    again = load(config)
    assert again.cached == 3
    assert again.briefings == fresh.briefings
    assert bucket.read_text().splitlines() == lines  # the damaged entry written again
    assert load(config).cached == 4


def test_the_cache_can_be_turned_off(archive: Path) -> None:
    settings = project_settings(archive, 'DOSSIER_CACHE_PATH = ""\n')
    built = build_site(archive / "content", archive / "out", "--settings", str(settings))
    assert built.returncode == 0, built.stderr
    assert not (archive / ".dossier-cache").exists()


def test_a_cache_that_cannot_be_written_is_one_warning(archive: Path) -> None:
    (archive / ".dossier-cache").write_text("in the way")  # a file where the folder goes
    built = build_site(archive / "content", archive / "out", "--no-search")
    assert built.returncode == 0, built.stderr
    said = [line for line in built.stderr.splitlines() if "cannot be written" in line]
    assert len(said) == 1, built.stderr
    assert said[0].startswith("dossier: warning: the cache folder ")
    again = build_site(archive / "content", archive / "out", "--no-search")
    assert again.returncode == 0  # every build is whole, and right
    assert "rendered " in again.stderr


def test_many_entries_are_written_in_the_background(
    archive: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # At scale the entries are written by a forked process while the build
    # goes on; reading the cache again waits for it, so nothing is missed.
    import os

    import dossier.load
    from dossier import cache

    forked: list[int] = []
    real = os.fork

    def fork() -> int:
        pid = real()
        if pid:
            forked.append(pid)
        return pid

    monkeypatch.setattr(cache, "BACKGROUND_FROM", 1)
    monkeypatch.setattr(cache, "_can_fork", lambda: True)
    monkeypatch.setattr(dossier.load, "cpus", lambda: 2)
    monkeypatch.setattr(os, "fork", fork)
    settings = read_settings(str(SETTINGS), override={"PATH": str(archive / "content")})
    config = Config.from_settings(settings)
    fresh = load(config)
    assert len(forked) == 1
    again = load(config)  # waits for the writer first
    assert again.cached == len(fresh.briefings) == 4
    assert again.briefings == fresh.briefings


def test_a_process_with_threads_writes_the_cache_itself() -> None:
    import threading

    from dossier.cache import _can_fork

    stop = threading.Event()
    other = threading.Thread(target=stop.wait)
    other.start()
    try:
        assert not _can_fork()
    finally:
        stop.set()
        other.join()
