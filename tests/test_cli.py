"""The command line end to end: check, build's atomic swap, --keep-going, --strict."""

from __future__ import annotations

import os
import re
import shutil
import time
from collections.abc import Callable
from pathlib import Path

import pytest

from .helpers import FIXTURE, ROOT, SETTINGS, build_site, outline, run_dossier
from .links import broken_links


@pytest.fixture
def content(tmp_path: Path) -> Path:
    """A writable copy of the fixture archive."""
    copy = tmp_path / "content"
    shutil.copytree(FIXTURE, copy)
    return copy


def _tree(root: Path) -> dict[str, bytes]:
    return {
        str(p.relative_to(root)): p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file()
    }


def _shown(path: Path) -> str:
    return str(path.relative_to(ROOT)) if path.is_relative_to(ROOT) else str(path)


def test_check_reports_every_problem_sorted(content: Path) -> None:
    briefings = content / "briefings" / "2016"
    (briefings / "2016-12-01-dup.md").write_text(
        "---\ntitle: Dup\ndate: 2016-12-01\nslug: sirte-bm-splits-enclave\n---\nB\n"
    )
    (briefings / "2016-12-02-bad.md").write_text("---\ntitle: [x]\ndate: 2016-02-30\n---\nB\n")
    (content / "actors" / "other.md").write_text("---\nname: Other\naliases: [BM]\n---\n")
    result = run_dossier("check", "--content", str(content), "--settings", str(SETTINGS))
    assert result.returncode == 1
    c = _shown(content)
    assert result.stdout.splitlines() == [
        f"{c}/actors/other.md:3: error: alias 'BM' is also claimed by {c}/actors/bunyan-al-marsus.md; if both mean it, list it under 'ambiguous' in both",
        f"{c}/briefings/2016/2016-10-07-sirte-bm-splits-enclave.md:1: error: slug 'sirte-bm-splits-enclave' is also used by {c}/briefings/2016/2016-12-01-dup.md",
        f"{c}/briefings/2016/2016-10-14-tanks-and-quotes.md:4: warning: actor 'Jeff Davies' is not in the registry",
        f"{c}/briefings/2016/2016-10-14-tanks-and-quotes.md:10: warning: attribute 'onclick' on <b> is removed",
        f"{c}/briefings/2016/2016-10-14-tanks-and-quotes.md:10: warning: raw HTML <script> is removed: the archive does not allow it",
        f"{c}/briefings/2016/2016-10-14-tanks-and-quotes.md:12: warning: mentioned but not listed in 'places': Misrata (line 12)",
        f"{c}/briefings/2016/2016-12-01-dup.md:4: error: slug 'sirte-bm-splits-enclave' is also used by {c}/briefings/2016/2016-10-07-sirte-bm-splits-enclave.md",
        f"{c}/briefings/2016/2016-12-02-bad.md:2: error: 'title' must be text, not a list: quote it",
        f"{c}/briefings/2016/2016-12-02-bad.md:3: error: '2016-02-30' is not a real date",
    ]
    assert result.stderr.strip() == "5 error(s), 4 warning(s)"


def test_check_passes_on_the_sample_archive() -> None:
    result = run_dossier("check")
    assert result.returncode == 0, result.stdout
    assert result.stdout == ""
    assert result.stderr.strip() == "0 error(s), 0 warning(s)"


def test_check_strict_fails_on_warnings() -> None:
    result = run_dossier(
        "check", "--content", str(FIXTURE), "--settings", str(SETTINGS), "--strict"
    )
    assert result.returncode == 1
    assert "warning: actor 'Jeff Davies' is not in the registry" in result.stdout


def test_a_failed_build_leaves_the_previous_output_untouched(content: Path, tmp_path: Path) -> None:
    output = tmp_path / "output"
    assert build_site(content, output).returncode == 0
    before = _tree(output)
    (content / "briefings" / "2016" / "2016-12-02-bad.md").write_text("---\ntitle: x\n")
    failed = build_site(content, output)
    assert failed.returncode == 1
    assert "front-matter is not closed" in failed.stderr
    assert "is unchanged" in failed.stderr
    assert _tree(output) == before
    assert sorted(p.name for p in tmp_path.iterdir()) == [".dossier-cache", "content", "output"]


def test_a_good_build_replaces_the_output_whole(content: Path, tmp_path: Path) -> None:
    output = tmp_path / "output"
    assert build_site(content, output, "--no-search").returncode == 0
    (output / "stale.html").write_text("old")  # an earlier output: replaced whole
    # A later build updates the output in place, writing and removing only
    # what it planned: a file it did not make stays, until a clean build.
    assert build_site(content, output).returncode == 0
    assert (output / "stale.html").exists()
    assert build_site(content, output, "--clean").returncode == 0
    assert not (output / "stale.html").exists()
    assert (output / ".dossier-output").is_file()
    assert outline((output / "index.html").read_text(encoding="utf-8")).h1 == ("Latest briefings",)
    # The old output is removed by a process of its own, after the command ends.
    beside = [".dossier-cache", "content", "output"]  # the read cache lives beside the content
    assert _eventually(lambda: sorted(p.name for p in tmp_path.iterdir()) == beside)


def _eventually(condition: Callable[[], bool], seconds: float = 30) -> bool:
    deadline = time.monotonic() + seconds
    while not condition():
        if time.monotonic() > deadline:
            return False
        time.sleep(0.05)
    return True


def test_a_build_sweeps_what_dead_builds_left_beside_the_output(
    content: Path, tmp_path: Path
) -> None:
    dead = 999_999_999  # above any pid_max: never a live process
    leftovers = [tmp_path / f".output.old-{dead}-1", tmp_path / f".output.building-{dead}"]
    live = tmp_path / f".output.building-{os.getpid()}"  # a build still running: kept
    for folder in (*leftovers, live):
        folder.mkdir()
        (folder / "index.html").write_text("half-written")
    assert build_site(content, tmp_path / "output", "--no-search").returncode == 0
    assert _eventually(lambda: not any(folder.exists() for folder in leftovers))
    assert live.exists()


def test_keep_going_builds_the_good_briefings_and_lists_the_bad(
    content: Path, tmp_path: Path
) -> None:
    bad = content / "briefings" / "2016" / "2016-12-02-bad.md"
    bad.write_text("---\ntitle: Bad\ndate: 2016-02-30\n---\nB\n")
    dup = content / "briefings" / "2016" / "2016-12-03-dup.md"
    dup.write_text("---\ntitle: Dup\ndate: 2016-12-03\nslug: fixed-slug\n---\nB\n")
    built = build_site(content, tmp_path / "output", "--keep-going")
    assert built.returncode == 1
    assert outline(built.page("/briefings/sirte-bm-splits-enclave/")).h1 == (
        "BM splits the ISIS enclave in Sirte",
    )
    assert not (built.output / "briefings" / "fixed-slug").exists()
    lines = built.stderr.splitlines()
    assert any("skipping 3 file(s) with errors" in line for line in lines)
    assert f"  {_shown(bad)}" in lines
    assert f"  {_shown(dup)}" in lines


def test_strict_build_fails_on_warnings(tmp_path: Path) -> None:
    built = build_site(FIXTURE, tmp_path / "output", "--strict")
    assert built.returncode == 1
    assert "warning: actor 'Jeff Davies' is not in the registry" in built.stderr
    assert not (tmp_path / "output").exists()


def test_new_scaffolds_a_briefing_that_checks_clean(content: Path) -> None:
    result = run_dossier(
        "new", "Haftar’s envoys in Rome", "--actor", "Khalifa Haftar", "--actor", "BM",
        "--place", "Sirte", "--tag", "Diplomacy", "--date", "2016-10-05",
        "--content", str(content), "--settings", str(SETTINGS),
    )  # fmt: skip
    path = content / "briefings" / "2016" / "2016-10-05-haftars-envoys-in-rome.md"
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == _shown(path)
    assert result.stderr == ""
    text = path.read_text(encoding="utf-8")
    assert text.startswith('---\ntitle: "Haftar’s envoys in Rome"\ndate: 2016-10-05\n')
    # A draft until its author says otherwise, as `hugo new` does.
    assert "\nstatus: draft    # to publish: delete this line, then run `dossier check`\n" in text
    assert 'actors: ["Khalifa Haftar", "BM"]\nplaces: ["Sirte"]\ntags: ["diplomacy"]\n' in text
    checked = run_dossier("check", "--content", str(content), "--settings", str(SETTINGS))
    assert checked.returncode == 0
    assert [line for line in checked.stdout.splitlines() if line.startswith(_shown(path))] == []


def test_new_suggests_registry_names_and_never_overwrites(content: Path) -> None:
    args = ("new", "Outlook", "--actor", "Hafter", "--place", "Sirt", "--date", "2017-02-01",
            "--content", str(content), "--settings", str(SETTINGS))  # fmt: skip
    first = run_dossier(*args)
    path = content / "briefings" / "2017" / "2017-02-01-outlook.md"
    assert first.returncode == 0
    assert first.stderr.splitlines() == [
        f"{_shown(path)}: warning: actor 'Hafter' is not in the registry; did you mean 'Khalifa Haftar'?",
        f"{_shown(path)}: warning: place 'Sirt' is not in the registry; did you mean 'Sirte'?",
    ]
    path.write_text("edited by hand", encoding="utf-8")
    second = run_dossier(*args)
    assert second.returncode == 1
    assert second.stderr.strip() == f"{_shown(path)}: error: already exists; not overwritten"
    assert path.read_text(encoding="utf-8") == "edited by hand"


def test_unreadable_files_are_located_errors_not_crashes(content: Path, tmp_path: Path) -> None:
    link = content / "briefings" / "2016" / "2016-12-05-dangling.md"
    link.symlink_to(content / "nowhere.md")  # inside the content folder, but missing
    checked = run_dossier("check", "--content", str(content), "--settings", str(SETTINGS))
    assert checked.returncode == 1
    assert (
        f"{_shown(link)}: error: cannot read the file: No such file or directory" in checked.stdout
    )
    built = build_site(content, tmp_path / "output")
    assert built.returncode == 1
    assert f"{_shown(link)}: error: cannot read the file: No such file or directory" in built.stderr
    assert "Traceback" not in built.stderr


@pytest.mark.parametrize("where", ["content", "cwd", "parent"])
def test_build_refuses_an_output_folder_holding_precious_things(
    content: Path, tmp_path: Path, where: str
) -> None:
    target = {"content": content, "cwd": ROOT, "parent": tmp_path}[where]
    archive, settings = _tree(content), (ROOT / "pelicanconf.py").read_bytes()
    built = build_site(content, target)
    assert built.returncode == 2
    assert re.search(r"dossier: error: the output folder \S+ holds ", built.stderr), built.stderr
    assert _tree(content) == archive
    assert (ROOT / "pelicanconf.py").read_bytes() == settings


def test_files_other_than_markdown_are_ignored_and_named_by_check(
    content: Path, tmp_path: Path
) -> None:
    stray = content / "briefings" / "2016" / "notes.html"
    stray.write_text("<p>not a briefing</p>", encoding="utf-8")
    (content / "briefings" / "2016" / "2016-12-09-copy.markdown").write_text("# no front-matter\n")
    built = build_site(content, tmp_path / "output")
    assert built.returncode == 0, built.stderr
    assert "Traceback" not in built.stderr
    checked = run_dossier("check", "--content", str(content), "--settings", str(SETTINGS))
    assert f"{_shown(stray)}: warning: not a .md file: the build ignores it" in checked.stdout


def test_an_empty_archive_builds_without_broken_links(tmp_path: Path) -> None:
    content = tmp_path / "content"
    for folder in ("briefings", "actors", "places", "pages"):
        (content / folder).mkdir(parents=True)
    built = build_site(content, tmp_path / "output")
    assert built.returncode == 0, built.stderr
    assert broken_links(built.output) == []
    assert "No briefings yet." in built.page("/")


def test_a_missing_content_folder_is_one_clean_error(tmp_path: Path) -> None:
    built = build_site(tmp_path / "nowhere", tmp_path / "output")
    assert built.returncode == 2
    assert built.stderr.strip() == f"{tmp_path / 'nowhere'}: error: content folder not found"


def test_a_folder_dossier_did_not_write_is_never_replaced(content: Path, tmp_path: Path) -> None:
    other = tmp_path / "other"
    (other / ".git").mkdir(parents=True)
    (other / ".git" / "HEAD").write_text("ref: refs/heads/main\n")
    (other / "notes.txt").write_text("mine")
    before = _tree(other)
    refused = build_site(content, other)
    assert refused.returncode == 2
    assert refused.stderr.strip().splitlines()[-1] == (
        f"dossier: error: the output folder {other} is not an earlier Dossier output (it has no "
        ".dossier-output file) and a build would replace everything in it; choose a new or "
        "empty folder, or pass --force to replace it"
    )
    assert _tree(other) == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["content", "other"]
    # An empty folder is fine; --force replaces a foreign one on purpose.
    empty = tmp_path / "empty"
    empty.mkdir()
    assert build_site(content, empty, "--no-search").returncode == 0
    forced = build_site(content, other, "--no-search", "--force")
    assert forced.returncode == 0
    assert not (other / "notes.txt").exists()
    assert (other / ".dossier-output").is_file()


def test_a_content_file_linking_outside_the_content_folder_is_never_read(
    content: Path, tmp_path: Path
) -> None:
    secret = tmp_path / "secret.md"
    secret.write_text("---\ntitle: SECRET-TITLE\ndate: 2016-10-07\n---\n\nSECRET-BODY\n")
    (content / "briefings" / "2016" / "2016-10-08-linked.md").symlink_to(secret)
    (content / "actors" / "linked.md").symlink_to(secret)
    elsewhere = tmp_path / "elsewhere"  # a folder of someone else's, linked in whole
    elsewhere.mkdir()
    (elsewhere / "2019-01-01-theirs.md").write_text(secret.read_text())
    (content / "briefings" / "2019").symlink_to(elsewhere, target_is_directory=True)
    built = build_site(content, tmp_path / "out")
    assert built.returncode == 1
    shown = os.path.relpath(content, ROOT) if content.is_relative_to(ROOT) else str(content)
    for path in ("briefings/2016/2016-10-08-linked.md", "actors/linked.md"):
        assert (
            f"{shown}/{path}: error: links to {secret}, outside the content folder: not read"
            in built.stderr.splitlines()
        )
    assert (
        f"{shown}/briefings/2019: error: links to {elsewhere}, outside the content folder: not read"
        in built.stderr.splitlines()
    )
    kept = build_site(content, tmp_path / "kept", "--keep-going", "--no-search")
    assert kept.returncode == 1
    for file in (tmp_path / "kept").rglob("*"):
        if file.is_file():
            assert b"SECRET" not in file.read_bytes(), file


def test_ctrl_c_leaves_the_output_and_no_staging_folder(
    content: Path,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    from pelican import Pelican

    from dossier.cli.main import main

    output = tmp_path / "output"
    assert build_site(content, output, "--no-search").returncode == 0
    before = _tree(output)

    def interrupted(self: Pelican) -> None:
        Path(self.output_path).mkdir(parents=True, exist_ok=True)
        (Path(self.output_path) / "half.html").write_text("half")
        raise KeyboardInterrupt

    monkeypatch.setattr(Pelican, "run", interrupted)
    code = main(["build", "--content", str(content), "--output", str(output), "--clean",
                 "--settings", str(ROOT / "pelicanconf.py")])  # fmt: skip
    assert code == 130
    assert "dossier: interrupted; the output folder is unchanged" in capsys.readouterr().err
    assert _tree(output) == before
    assert sorted(p.name for p in tmp_path.iterdir()) == [".dossier-cache", "content", "output"]
    # An update writes in place: interrupted, it says so, and the next build is a clean one.
    code = main(["build", "--content", str(content), "--output", str(output),
                 "--settings", str(ROOT / "pelicanconf.py")])  # fmt: skip
    assert code == 130
    assert "is partly updated, and the next build rebuilds it whole" in capsys.readouterr().err
    monkeypatch.undo()
    again = build_site(content, output, "--no-search")
    assert again.returncode == 0
    assert "rendered " in again.stderr
    assert not (output / "half.html").exists()


@pytest.mark.parametrize("title", ["", "   "])
def test_new_refuses_an_empty_title(content: Path, title: str) -> None:
    before = sorted(p.name for p in (content / "briefings").rglob("*"))
    result = run_dossier("new", title, "--content", str(content), "--settings", str(SETTINGS))
    assert result.returncode == 2
    assert result.stderr.strip() == 'dossier: error: a briefing needs a title: dossier new "Title"'
    assert sorted(p.name for p in (content / "briefings").rglob("*")) == before


@pytest.mark.parametrize(
    ("settings_text", "message"),
    [
        ("SITENAME = 'x\n", "not valid Python, line 1: "),
        ("raise RuntimeError('no network here')\n",
         "the settings could not be loaded: RuntimeError: no network here"),
        ("THEME = '/nonexistent/theme'\nPATH = 'content'\n", "Could not find the theme"),
        ("DIRECT_TEMPLATES = ['index', 'search', '404']\n",
         "DIRECT_TEMPLATES lists 'index', 'search', '404', but Dossier writes the home list, search and 404 pages itself"),
    ],
)  # fmt: skip
def test_a_settings_file_that_cannot_work_is_one_line(
    content: Path, tmp_path: Path, settings_text: str, message: str
) -> None:
    settings = tmp_path / "conf.py"
    settings.write_text(settings_text, encoding="utf-8")
    for command in ("build", "check"):
        result = run_dossier(command, "--content", str(content), "--settings", str(settings))
        assert result.returncode == 1, result.stderr
        assert "Traceback" not in result.stderr
        lines = result.stderr.strip().splitlines()
        assert len(lines) == 1, result.stderr
        assert lines[0].startswith(f"dossier: error: {settings}: "), lines[0]
        assert message in lines[0]


def test_an_output_that_cannot_be_written_is_one_line(content: Path, tmp_path: Path) -> None:
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder")
    built = build_site(content, blocker / "output")
    assert built.returncode == 1
    assert "Traceback" not in built.stderr
    assert (
        built.stderr.strip()
        .splitlines()[-1]
        .startswith(f"dossier: error: cannot write the output folder {blocker / 'output'}: ")
    )


def test_serve_on_a_busy_port_says_so(content: Path, tmp_path: Path) -> None:
    import socket

    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        result = run_dossier("serve", "--content", str(content), "--settings", str(SETTINGS),
                             "--output", str(tmp_path / "out"), "--port", str(port))  # fmt: skip
    assert result.returncode == 1
    assert result.stderr.strip() == f"dossier: error: port {port} is in use; try --port {port + 1}"
    assert not (tmp_path / "out").exists()  # said at once, before any build


def test_commands_find_the_settings_beside_the_content_folder(tmp_path: Path) -> None:
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    checked = run_dossier("check", "--content", str(ROOT / "content"), cwd=elsewhere)
    assert checked.returncode == 0, checked.stderr
    assert checked.stderr.strip() == "0 error(s), 0 warning(s)"
    # Nowhere to find them: the built-in settings.
    alone = tmp_path / "alone" / "content"
    alone.mkdir(parents=True)
    result = run_dossier("check", "--content", str(alone), cwd=elsewhere)
    assert (result.returncode, result.stderr.strip()) == (0, "0 error(s), 0 warning(s)")
    # A settings file named but missing: one line, exit 2.
    result = run_dossier("check", "--settings", "nowhere.py", cwd=elsewhere)
    assert result.returncode == 2
    assert result.stderr.strip() == "nowhere.py: error: settings file not found"


def test_a_build_says_each_stage_with_what_it_counted(content: Path, tmp_path: Path) -> None:
    built = build_site(content, tmp_path / "out")
    assert built.returncode == 0, built.stderr
    stages = [line for line in built.stderr.splitlines() if ":" not in line]
    patterns = [
        r"read 4 briefings \(1 draft left out\), \d+ actors, \d+ places and 1 page in [\d.]+ s",
        r"rendered \d+ pages in [\d.]+ s",
        r"indexed \d+ pages for search in [\d.]+ s",
        rf"built {re.escape(str(tmp_path / 'out'))} in [\d.]+ s",
    ]
    assert len(stages) == len(patterns), built.stderr
    for line, pattern in zip(stages, patterns, strict=True):
        assert re.fullmatch(pattern, line), line
    rendered = int(stages[1].split()[1])
    assert rendered == len(list((tmp_path / "out").rglob("*.html")))
    assert "Done: Processed" not in built.stderr + built.stdout  # Pelican's count of drafts


def test_in_a_terminal_the_stage_under_way_shows_beside_a_spinner(
    content: Path, tmp_path: Path
) -> None:
    import pty
    import subprocess

    from .helpers import DOSSIER, SETTINGS

    leader, follower = pty.openpty()
    command = [str(DOSSIER), "build", "--content", str(content), "--output",
               str(tmp_path / "out"), "--settings", str(SETTINGS)]  # fmt: skip
    env = {**os.environ, "TERM": "xterm-256color", "COLUMNS": "120"}
    env.pop("CI", None)  # rich writes plain lines when it sees CI
    with subprocess.Popen(
        command, stdin=follower, stdout=follower, stderr=follower, env=env
    ) as proc:
        os.close(follower)
        chunks = []
        while True:
            try:
                chunk = os.read(leader, 65536)
            except OSError:  # the pty closes when the command exits
                break
            if not chunk:
                break
            chunks.append(chunk)
        assert proc.wait() == 0
    os.close(leader)
    shown = b"".join(chunks).decode("utf-8", "replace")
    stages = ("Reading content…", "Rendering pages…", "Indexing for search…")
    assert any(stage in shown for stage in stages), shown  # the spinner's text
    for line in ("read 4 briefings (1 draft left out)", "rendered ", "indexed ", "built "):
        assert line in shown
