"""The one writer: a plan written into a folder, or against the last plan."""

from __future__ import annotations

from pathlib import Path

import pytest

from dossier.errors import DossierError
from dossier.lazyfile import LazyFile
from dossier.write import emit, write_file


def entry(inputs: str, made: list[str] | None = None) -> LazyFile:
    """A file whose bytes are its inputs; ``made`` records each making."""

    def make() -> bytes:
        if made is not None:
            made.append(inputs)
        return inputs.encode()

    return LazyFile(inputs, make)


def test_against_nothing_every_entry_is_written(tmp_path: Path) -> None:
    done = emit({"a/index.html": entry("A"), "data/x.json": entry("X")}, tmp_path)
    assert done.written == ("a/index.html", "data/x.json")
    assert (tmp_path / "a" / "index.html").read_text() == "A"
    assert (tmp_path / "data" / "x.json").read_text() == "X"


def test_against_the_last_plan_only_changed_entries_are_made_and_written(tmp_path: Path) -> None:
    last = {"same.html": entry("S"), "changed.html": entry("1"), "gone.html": entry("G"),
            "stale.html": entry("T")}  # fmt: skip
    emit(last, tmp_path)
    (tmp_path / "mine.txt").write_text("the user's")  # never planned: never touched
    made: list[str] = []
    plan = {"same.html": entry("S", made), "changed.html": entry("2", made),
            "new.html": entry("N", made), "stale.html": entry("T", made)}  # fmt: skip
    done = emit(plan, tmp_path, previous=last, stale={"stale.html"})
    assert done.written == ("changed.html", "new.html", "stale.html")
    assert done.removed == ("gone.html",)
    assert made == ["2", "N", "T"]
    assert sorted(p.name for p in tmp_path.iterdir()) == [
        "changed.html", "mine.txt", "new.html", "same.html", "stale.html",
    ]  # no temporary file left behind  # fmt: skip
    assert (tmp_path / "changed.html").read_text() == "2"
    assert (tmp_path / "mine.txt").read_text() == "the user's"


@pytest.mark.parametrize("path", ["../outside.html", "a/../../outside.html", "/etc/x"])
def test_never_writes_outside_the_folder(tmp_path: Path, path: str) -> None:
    root = tmp_path / "out"
    with pytest.raises(DossierError):
        write_file(root, path, b"x")
    assert not (tmp_path / "outside.html").exists()


def test_an_atomic_write_replaces_the_file_whole(tmp_path: Path) -> None:
    write_file(tmp_path, "f.txt", b"old")
    before = (tmp_path / "f.txt").stat().st_ino
    write_file(tmp_path, "f.txt", b"new")
    assert (tmp_path / "f.txt").read_bytes() == b"new"
    assert (tmp_path / "f.txt").stat().st_ino != before  # a new file renamed over it


@pytest.mark.parametrize(
    ("count", "share"), [(0, 0.5), (1, 0.5), (10, 0.5), (14328, 0.58), (7, 0.58)]
)
def test_a_build_split_deals_every_entry_once_in_the_share_asked(count: int, share: float) -> None:
    """A clean build's two writing processes: the forked one takes about
    ``share`` of the entries, spread through the plan, every entry once."""
    from dossier.glue.generator import split

    first, second = split(count, share)
    assert sorted(first + second) == list(range(count))
    assert abs(len(first) - count * share) <= 1
    if count >= 100:  # spread: each tenth of the plan is shared alike
        tenth = count // 10
        assert all(
            abs(sum(1 for i in first if k * tenth <= i < (k + 1) * tenth) - tenth * share) <= 1
            for k in range(10)
        )
