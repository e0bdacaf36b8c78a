"""Every problem has a stable code (#24 item 2), documented in one table, and
`dossier check --format github|json` carries it where reviewers and editors look."""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import pytest

from dossier.codes import CODES
from dossier.errors import ContentError
from dossier.read import read_briefing

from .helpers import FIXTURE, ROOT, SETTINGS, run_dossier

PLUGIN = ROOT / "plugins" / "dossier"


def test_every_code_is_used_documented_and_known() -> None:
    used: set[str] = set()
    for path in PLUGIN.rglob("*.py"):
        if path.name != "codes.py":
            used.update(re.findall(r'"(D\d{3})"', path.read_text("utf-8")))
    assert used == set(CODES)  # none made up at a call site, none left unused
    table = (ROOT / "docs" / "problems.md").read_text("utf-8")
    for code, meaning in CODES.items():
        assert f"| `{code}` | {meaning} |" in table


@pytest.mark.parametrize(
    ("text", "codes"),
    [
        ("---\ndate: 2016-10-07\n---\nB\n", ["D102"]),
        ("---\ntitle: [a]\ndate: 2016-10-07\n---\nB\n", ["D103"]),
        ("---\ntitle: T\ndate: 2016-02-30\n---\nB\n", ["D201"]),
        ("---\ntitle: T\ndate: 2016-10-07\nstatus: maybe\n---\nB\n", ["D206"]),
        ("---\ntitle: T\ndate: 2016-10-07\nactors: [A]\ntrends:\n  A: worse\n---\nB\n", ["D212"]),
        ("---\ntitle: T\ndate: 2016-10-07\nactorz: [A]\ntakeaways: {a: 1}\n---\nB\n",
         ["D105", "D215"]),
        ("Just text\n", ["D101"]),
        ("---\ntitle: T\ndate: 2016-10-07\n---\n", ["D210"]),
    ],
)  # fmt: skip
def test_front_matter_problems_have_their_codes(text: str, codes: list[str]) -> None:
    try:
        _, problems = read_briefing(text, "p.md", "p")
    except ContentError as error:
        problems = error.diagnostics()
    assert sorted(d.code for d in problems) == codes


@pytest.fixture
def content(tmp_path: Path) -> Path:
    copy = tmp_path / "content"
    shutil.copytree(FIXTURE, copy)
    (copy / "briefings" / "2016" / "2016-12-03-worse.md").write_text(
        "---\ntitle: Worse\ndate: 2016-12-03\nactors: [Khalifa Haftar]\n"
        "trends:\n  Khalifa Haftar: worse\n---\nText.\n",
        "utf-8",
    )
    return copy


def test_check_as_json_gives_one_record_per_problem(content: Path) -> None:
    result = run_dossier("check", "--content", str(content), "--settings", str(SETTINGS),
                         "--format", "json")  # fmt: skip
    assert result.returncode == 1
    records = json.loads(result.stdout)
    assert all(set(r) == {"path", "line", "column", "severity", "code", "message", "suggestion"}
               for r in records)  # fmt: skip
    assert all(r["code"] in CODES for r in records)
    worse = next(r for r in records if r["path"].endswith("2016-12-03-worse.md"))
    assert (worse["line"], worse["severity"], worse["code"]) == (6, "error", "D212")
    assert "'worse' is not a trend" in worse["message"]
    assert result.stderr.strip().endswith("warning(s)")


def test_check_for_github_annotates_the_line(content: Path) -> None:
    result = run_dossier("check", "--content", str(content), "--settings", str(SETTINGS),
                         "--format", "github")  # fmt: skip
    assert result.returncode == 1
    lines = result.stdout.splitlines()
    assert all(
        re.match(r"::(error|warning) file=[^,]+(,line=\d+)?,title=D\d{3}%3A ", x) for x in lines
    )
    worse = next(x for x in lines if "2016-12-03-worse.md" in x)
    assert worse.startswith("::error file=")
    assert ",line=6,title=D212%3A 'trends' written wrongly%3A its shape%2C a key" in worse
    assert worse.split("::")[2].startswith("'worse' is not a trend")


def test_a_suggestion_is_its_own_field(tmp_path: Path) -> None:
    content = tmp_path / "content"
    shutil.copytree(FIXTURE, content)
    (content / "briefings" / "2016" / "2016-12-04-typo.md").write_text(
        "---\ntitle: Typo\ndate: 2016-12-04\nactors: [Khalifa Hafter]\n---\nText.\n", "utf-8"
    )
    result = run_dossier("check", "--content", str(content), "--settings", str(SETTINGS),
                         "--format", "json")  # fmt: skip
    typo = next(r for r in json.loads(result.stdout) if r["path"].endswith("typo.md"))
    assert (typo["code"], typo["suggestion"]) == ("D401", "Khalifa Haftar")
