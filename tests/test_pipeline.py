"""One pipeline for check, build and stock Pelican: each problem reported once."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from dossier.config import Config
from dossier.pipeline import run

from .helpers import FIXTURE, ROOT, SETTINGS, build_site, run_dossier

REPEATED = {
    # An unknown actor in two briefings, a place within an unknown place.
    "briefings/2016/2016-12-01-one.md": "---\ntitle: One\ndate: 2016-12-01\nactors: [Jane Roe]\n---\n\nText.\n",
    "briefings/2016/2016-12-02-two.md": "---\ntitle: Two\ndate: 2016-12-02\nactors: [Jane Roe]\n---\n\nText.\n",
    "places/ubari.md": "---\nname: Ubari\nwithin: Fezzan\n---\n",
}  # fmt: skip


@pytest.fixture
def content(tmp_path: Path) -> Path:
    copy = tmp_path / "content"
    shutil.copytree(FIXTURE, copy)
    for name, text in REPEATED.items():
        (copy / name).write_text(text, encoding="utf-8")
    return copy


def _problems(output: str) -> list[str]:
    return [line for line in output.splitlines() if ": warning: " in line or ": error: " in line]


def test_each_problem_is_reported_once_by_check_build_and_stock_pelican(
    content: Path, tmp_path: Path
) -> None:
    shown = str(content)
    expected = [
        f"{shown}/briefings/2016/2016-10-14-tanks-and-quotes.md:4: warning: actor 'Jeff Davies' is not in the registry",
        f"{shown}/briefings/2016/2016-10-14-tanks-and-quotes.md:10: warning: attribute 'onclick' on <b> is removed",
        f"{shown}/briefings/2016/2016-10-14-tanks-and-quotes.md:10: warning: raw HTML <script> is removed: the archive does not allow it",
        f"{shown}/briefings/2016/2016-12-01-one.md:4: warning: actor 'Jane Roe' is not in the registry",
        f"{shown}/places/ubari.md:3: warning: 'within' names no known place: 'Fezzan'",
    ]  # fmt: skip
    hint = f"{shown}/briefings/2016/2016-10-14-tanks-and-quotes.md:12: warning: mentioned but not listed in 'places': Misrata (line 12)"
    where = (
        f"{shown}/places/ubari.md:2: warning: place 'Ubari' has no coordinates, so no map "
        "shows it; GeoNames has Ubari, LY (population 33,569): add 'coordinates: [26.5903, 12.7751]'"
    )
    checked = run_dossier("check", "--content", str(content))
    # and its hints: a mention not listed, a place off the maps
    assert _problems(checked.stdout) == [*expected[:3], hint, expected[3], where, expected[4]]
    built = build_site(content, tmp_path / "out", "--no-search")
    assert built.returncode == 0
    assert _problems(built.stderr) == expected
    pelican = Path(sys.executable).parent / "pelican"
    stock = subprocess.run(
        [str(pelican), str(content), "-s", str(SETTINGS), "-o", str(tmp_path / "stock")],
        cwd=ROOT, capture_output=True, text=True, check=False,
        env={**os.environ, "COLUMNS": "400"},
    )  # fmt: skip
    assert stock.returncode == 0, stock.stdout + stock.stderr
    logged = stock.stdout + stock.stderr
    for line in expected:
        assert logged.count(line) == 1, logged


def test_stock_pelican_stops_on_errors_before_writing(content: Path, tmp_path: Path) -> None:
    (content / "briefings" / "2016" / "2016-12-03-bad.md").write_text(
        "---\ntitle: Bad\ndate: 2016-13-01\n---\n", encoding="utf-8"
    )
    pelican = Path(sys.executable).parent / "pelican"
    out = tmp_path / "stock"
    stock = subprocess.run(
        [str(pelican), str(content), "-s", str(SETTINGS), "-o", str(out)],
        cwd=ROOT, capture_output=True, text=True, check=False,
        env={**os.environ, "COLUMNS": "400"},
    )  # fmt: skip
    assert stock.returncode != 0
    assert (
        "2016-12-03-bad.md:3: error: '2016-13-01' is not a real date" in stock.stdout + stock.stderr
    )
    assert not any(out.rglob("*.html"))


def test_the_pipeline_is_a_function_of_the_content(content: Path) -> None:
    from pelican.settings import read_settings

    config = Config.from_settings(read_settings(str(SETTINGS), override={"PATH": str(content)}))
    first, second = run(config), run(config)
    assert first == second
    assert first.corpus.actors is not first.resolved.actors  # a new registry, not a changed one
    assert "jane-roe" not in first.corpus.actors.entities
    assert "jane-roe" in first.resolved.actors.entities


def test_a_search_index_failure_is_a_tool_error_and_keeps_the_old_output(tmp_path: Path) -> None:
    out = tmp_path / "out"
    assert build_site(FIXTURE, out, "--no-search").returncode == 0
    before = sorted(p.relative_to(out) for p in out.rglob("*"))
    result = subprocess.run(
        [str(Path(sys.executable).parent / "dossier"), "build", "--content", str(FIXTURE),
         "--output", str(out), "--settings", str(SETTINGS)],
        cwd=ROOT, capture_output=True, text=True, check=False,
        env={**os.environ, "PAGEFIND_BINARY_PATH": "/bin/false"},
    )  # fmt: skip
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    assert "dossier: error: the search index failed (Pagefind exit 1)" in result.stderr
    assert sorted(p.relative_to(out) for p in out.rglob("*")) == before
    assert not list(tmp_path.glob(".out.building-*"))


def test_reading_on_every_core_gives_the_same_corpus(
    content: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from pelican.settings import read_settings

    from dossier import load

    outside = tmp_path / "secret.md"
    outside.write_text("---\ntitle: Secret\ndate: 2016-01-01\n---\n\nNo.\n", encoding="utf-8")
    (content / "briefings" / "2016" / "2016-01-01-link.md").symlink_to(outside)
    (content / "briefings" / "2016" / "2016-01-02-bad.md").write_text("---\ntitle: [\n---\n")
    config = Config.from_settings(read_settings(str(SETTINGS), override={"PATH": str(content)}))
    alone = run(config)
    forked: list[int] = []
    real = load._read_in_workers

    def spy(*args: object) -> object:
        forked.append(1)
        return real(*args)  # type: ignore[arg-type]

    monkeypatch.setattr(load, "PARALLEL_FROM", 1)
    monkeypatch.setattr(load, "cpus", lambda: 2)
    monkeypatch.setattr(load, "_read_in_workers", spy)
    together = run(config)
    assert forked  # the workers did read
    assert together == alone
    assert any("2016-01-01-link.md" in d.path for d in together.diagnostics)
    assert any("2016-01-02-bad.md" in d.path for d in together.diagnostics)
