"""``dossier init`` and running with no settings file: a new desk's first steps."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from .helpers import DOSSIER, ROOT, mention, run_dossier

STARTER_FILES = [
    ".github/workflows/pages.yml",
    ".gitignore",
    ".pre-commit-config.yaml",
    "README.md",
    "content/actors/alliance-of-sahel-states.md",
    "content/briefings/2024/2024-01-29-sahel-juntas-leave-ecowas.md",
    "content/pages/about.md",
    "content/places/niamey.md",
    "content/places/niger.md",
    "pelicanconf.py",
    "requirements.txt",
]


def _files(root: Path) -> list[str]:
    return sorted(p.relative_to(root).as_posix() for p in root.rglob("*") if p.is_file())


def _title(html: str) -> str:
    return html.split("<title>", 1)[1].split("</title>", 1)[0]


def test_init_starts_an_archive_that_checks_and_builds_as_it_is(tmp_path: Path) -> None:
    made = run_dossier("init", "sahel-briefings", cwd=tmp_path)
    assert made.returncode == 0, made.stderr
    archive = tmp_path / "sahel-briefings"
    assert _files(archive) == STARTER_FILES
    assert 'SITENAME = "Sahel Briefings"' in (archive / "pelicanconf.py").read_text()
    assert "__" not in (archive / "README.md").read_text()
    assert "dossier" in (archive / "requirements.txt").read_text()

    checked = run_dossier("check", cwd=archive)
    assert (checked.returncode, checked.stderr.strip()) == (0, "0 error(s), 0 warning(s)")
    built = run_dossier("build", "--no-search", cwd=archive)
    assert built.returncode == 0, built.stderr
    output = archive / "output"
    assert _title((output / "index.html").read_text()) == "Sahel Briefings"
    places = (output / "places" / "index.html").read_text()
    assert "Cities, regions and border areas in the archive" in places
    assert ">Niamey<" in places  # the map of the region the settings name
    briefing = (output / "briefings" / "sahel-juntas-leave-ecowas" / "index.html").read_text()
    assert mention("actors/alliance-of-sahel-states", "Alliance of Sahel States") in briefing


def test_the_site_identity_comes_from_the_settings_file(tmp_path: Path) -> None:
    run_dossier("init", "desk", "--name", "Desk Notes", cwd=tmp_path)
    archive = tmp_path / "desk"
    settings = archive / "pelicanconf.py"
    text = settings.read_text()
    assert 'SITENAME = "Desk Notes"' in text
    text = (
        text.replace('SITESUBTITLE = "A weekly archive of analysis"', 'SITESUBTITLE = "Le Sahel"')
        .replace('DOSSIER_PLACES_INTRO = "Cities, regions and border areas"',
                 'DOSSIER_PLACES_INTRO = "Villes et régions"')
        .replace('DEFAULT_LANG = "en"', 'DEFAULT_LANG = "fr"')
        .replace('DOSSIER_DESCRIPTION = ""', 'DOSSIER_DESCRIPTION = "Notes du desk."')
    )  # fmt: skip
    settings.write_text(text)
    assert run_dossier("build", "--no-search", cwd=archive).returncode == 0
    home = (archive / "output" / "index.html").read_text()
    assert '<html lang="fr">' in home
    assert '<span class="brand-sub">Le Sahel</span>' in home
    assert '<meta name="description" content="Notes du desk.">' in home
    assert "Villes et régions in the archive" in (archive / "output/places/index.html").read_text()


@pytest.mark.parametrize("kind", ["non-empty folder", "file"])
def test_init_never_writes_into_a_folder_in_use(tmp_path: Path, kind: str) -> None:
    target = tmp_path / "mine"
    if kind == "file":
        target.write_text("notes")
    else:
        target.mkdir()
        (target / "notes.md").write_text("my notes")
    before = {p: p.read_bytes() for p in tmp_path.rglob("*") if p.is_file()}
    result = run_dossier("init", "mine", cwd=tmp_path)
    assert result.returncode == 1
    assert result.stderr.startswith("dossier: error: mine is ")
    assert len(result.stderr.strip().splitlines()) == 1
    assert {p: p.read_bytes() for p in tmp_path.rglob("*") if p.is_file()} == before


def test_init_fills_an_empty_folder(tmp_path: Path) -> None:
    (tmp_path / "empty").mkdir()
    assert run_dossier("init", "empty", cwd=tmp_path).returncode == 0
    assert _files(tmp_path / "empty") == STARTER_FILES


def test_without_a_settings_file_the_built_in_settings_apply(tmp_path: Path) -> None:
    run_dossier("init", "a", cwd=tmp_path)
    (tmp_path / "a" / "pelicanconf.py").unlink()
    built = run_dossier("build", "--no-search", cwd=tmp_path / "a")
    assert built.returncode == 0, built.stderr
    assert _title((tmp_path / "a" / "output" / "index.html").read_text()) == "Briefings"


def test_nothing_to_build_here_says_how_to_start(tmp_path: Path) -> None:
    for command in ("check", "build"):
        result = run_dossier(command, cwd=tmp_path)
        assert result.returncode == 2
        assert result.stderr.strip() == (
            "dossier: error: no pelicanconf.py and no content/ folder here; run this in an "
            "archive's folder, pass --content, or start one with `dossier init my-archive`"
        )


@pytest.fixture(scope="module")
def installed(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The package as a wheel installs it (not this checkout): a folder to put
    first on PYTHONPATH."""
    wheels = tmp_path_factory.mktemp("wheel")
    subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--quiet", "--no-deps", "-w", str(wheels), str(ROOT)],
        check=True, capture_output=True,
    )  # fmt: skip
    target = tmp_path_factory.mktemp("site-packages")
    (wheel,) = wheels.glob("dossier-*.whl")
    subprocess.run(
        [sys.executable, "-m", "pip", "install", "--quiet", "--no-deps", "--target", str(target),
         str(wheel)],
        check=True, capture_output=True,
    )  # fmt: skip
    return target


def test_an_installed_package_carries_the_theme_and_the_starter(
    installed: Path, tmp_path: Path
) -> None:
    env = {**os.environ, "PYTHONPATH": str(installed)}

    def dossier(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
        command = [sys.executable, "-m", "dossier.cli.main", *args]
        return subprocess.run(command, cwd=cwd, env=env, capture_output=True, text=True)

    where = subprocess.run(
        [sys.executable, "-c", "import dossier.defaults as d; print(d.__file__, d.THEME)"],
        cwd=tmp_path, env=env, capture_output=True, text=True, check=True,
    ).stdout.split()  # fmt: skip
    assert all(Path(p).is_relative_to(installed) for p in where), where
    assert dossier("init", "my-archive", cwd=tmp_path).returncode == 0
    archive = tmp_path / "my-archive"
    assert _files(archive) == STARTER_FILES
    assert dossier("check", cwd=archive).returncode == 0
    built = dossier("build", cwd=archive)
    assert built.returncode == 0, built.stderr
    assert (archive / "output" / "theme" / "css" / "dossier.css").is_file()
    assert list((archive / "output" / "pagefind").glob("*/pagefind.js"))  # a part per year
    assert _title((archive / "output" / "index.html").read_text()) == "My Archive"


def _precommit(archive: Path, *args: str) -> subprocess.CompletedProcess[str]:
    # The dossier command beside pre-commit's, as an archive's own environment has it.
    env = {**os.environ, "PATH": f"{DOSSIER.parent}{os.pathsep}{os.environ.get('PATH', '')}",
           "PRE_COMMIT_HOME": str(archive.parent / "pre-commit-home")}  # fmt: skip
    return subprocess.run([str(DOSSIER.parent / "pre-commit"), *args], cwd=archive,
                          capture_output=True, text=True, env=env, check=False)  # fmt: skip


def test_the_archive_s_pre_commit_hook_checks_the_content(tmp_path: Path) -> None:
    archive = tmp_path / "desk"
    assert run_dossier("init", str(archive)).returncode == 0
    subprocess.run(["git", "init", "-q"], cwd=archive, check=True)
    subprocess.run(["git", "add", "-A"], cwd=archive, check=True)
    assert _precommit(archive, "validate-config", ".pre-commit-config.yaml").returncode == 0
    clean = _precommit(archive, "run", "--all-files")
    assert clean.returncode == 0, clean.stdout + clean.stderr
    assert "dossier check" in clean.stdout
    assert "Passed" in clean.stdout
    briefing = next((archive / "content" / "briefings").rglob("*.md"))
    text = briefing.read_text("utf-8")
    briefing.write_text(re.sub(r"(?m)^date: .*$", "date: 2024-02-30", text), "utf-8")
    subprocess.run(["git", "add", "-A"], cwd=archive, check=True)
    broken = _precommit(archive, "run", "--all-files")
    assert broken.returncode == 1
    shown = briefing.relative_to(archive).as_posix()
    assert f"{shown}:3: error: '2024-02-30' is not a real date" in broken.stdout


def test_dossier_ships_a_hook_that_pre_commit_accepts() -> None:
    result = _precommit(ROOT, "validate-manifest", ".pre-commit-hooks.yaml")
    assert result.returncode == 0, result.stdout + result.stderr
    hook = (ROOT / ".pre-commit-hooks.yaml").read_text("utf-8")
    assert "- id: dossier-check\n" in hook
    assert "\n  entry: dossier check\n" in hook
