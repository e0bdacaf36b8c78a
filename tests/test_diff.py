"""``dossier diff`` (#24 item 5): what a change does to the site, between two
outputs or two git revisions, as text or as a pull request's summary."""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest

from dossier.sitediff import compare

from .helpers import FIXTURE, Build, build_site, run_dossier

NEW = """---
title: "A new briefing on Sirte"
date: 2017-01-20
actors: [Khalifa Haftar]
places: [Sirte]
---

Haftar spoke of Sirte again.
"""


@pytest.fixture(scope="module")
def sides(tmp_path_factory: pytest.TempPathFactory) -> tuple[Build, Build]:
    root = tmp_path_factory.mktemp("diff")
    before = build_site(FIXTURE, root / "before", "--no-search")
    content = root / "content"
    shutil.copytree(FIXTURE, content)
    (content / "briefings" / "2017" / "2017-01-20-new.md").write_text(NEW, "utf-8")
    fixed = next((content / "briefings").rglob("*tanks-and-quotes.md"))
    fixed.write_text(fixed.read_text("utf-8").replace("watched.", "watched closely."), "utf-8")
    after = build_site(content, root / "after", "--no-search")
    assert before.returncode == after.returncode == 0, before.stderr + after.stderr
    return before, after


def test_diff_names_each_page_added_and_changed_by_kind(sides: tuple[Build, Build]) -> None:
    before, after = sides
    result = run_dossier("diff", str(before.output), str(after.output))
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert lines[0].startswith("briefings: 1 added, ")
    assert "  + /briefings/new/  A new briefing on Sirte" in lines
    assert any(x.startswith("  ~ /briefings/tanks-and-quotes/  Tanks") for x in lines)
    assert "  ~ /actors/khalifa-haftar/  Khalifa Haftar" in lines
    kinds = [x.split(":")[0] for x in lines if not x.startswith(" ")]
    assert kinds == [k for k in ("briefings", "actors", "places", "lists", "feeds", "data",
                                 "other") if k in kinds]  # fmt: skip
    # Every change found is real, and nothing else differs.
    for change in compare(before.output, after.output):
        old, new = before.output / change.path, after.output / change.path
        assert not (old.exists() and new.exists()) or old.read_bytes() != new.read_bytes()


def test_diff_as_markdown_is_a_short_summary(sides: tuple[Build, Build]) -> None:
    before, after = sides
    result = run_dossier("diff", "--format", "markdown", "--limit", "1",
                         str(before.output), str(after.output))  # fmt: skip
    text = result.stdout
    assert text.startswith("### What this change does to the site\n")
    assert "| | added | changed | removed |" in text
    assert "| briefings | 1 | " in text
    assert "<details><summary>briefings (" in text
    assert "- … and " in text
    same = run_dossier("diff", str(before.output), str(before.output))
    assert same.stdout.strip() == "No page or file of the site changes."


def _git(cwd: Path, *args: str) -> None:
    env = {**os.environ, "GIT_AUTHOR_NAME": "Desk", "GIT_AUTHOR_EMAIL": "desk@example.org",
           "GIT_COMMITTER_NAME": "Desk", "GIT_COMMITTER_EMAIL": "desk@example.org"}  # fmt: skip
    subprocess.run(["git", *args], cwd=cwd, check=True, capture_output=True, env=env)


def test_diff_builds_two_git_revisions(tmp_path: Path) -> None:
    archive = tmp_path / "desk"
    assert run_dossier("init", str(archive)).returncode == 0
    _git(archive, "init", "-q")
    _git(archive, "add", "-A")
    _git(archive, "commit", "-q", "-m", "start")
    briefing = next((archive / "content" / "briefings").rglob("*.md"))
    briefing.write_text(briefing.read_text("utf-8") + "\nOne more line.\n", "utf-8")
    _git(archive, "commit", "-q", "-am", "a correction")
    result = run_dossier("diff", "HEAD~1", "HEAD", cwd=archive)
    assert result.returncode == 0, result.stderr
    page = f"/briefings/{briefing.stem.split('-', 3)[3]}/"
    assert any(x.startswith(f"  ~ {page}") for x in result.stdout.splitlines()), result.stdout
    assert "briefings: 1 changed" in result.stdout
    # The working folder is as it was: the revisions were built elsewhere.
    assert not (archive / "output").exists()
    wrong = run_dossier("diff", "no-such-branch", "HEAD", cwd=archive)
    assert wrong.returncode == 1
    assert wrong.stderr.strip().splitlines()[-1] == (
        "dossier: error: 'no-such-branch' is neither a folder nor a git revision here"
    )
