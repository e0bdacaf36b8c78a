"""Building a site and reading what it wrote: shared by the fixtures and the tests."""

from __future__ import annotations

import gzip
import os
import subprocess
import sys
from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
FIXTURE = ROOT / "tests" / "fixture" / "content"
SETTINGS = ROOT / "pelicanconf.py"
DOSSIER = Path(sys.executable).parent / "dossier"


@dataclass(frozen=True)
class Build:
    """A finished build: where it went and what it printed."""

    output: Path
    returncode: int
    stdout: str
    stderr: str

    def page(self, url: str) -> str:
        """The HTML written for a site URL such as ``/actors/khalifa-haftar/``."""
        path = self.output / url.strip("/")
        if url.endswith("/") or url == "":
            path = path / "index.html"
        return path.read_text(encoding="utf-8")

    def data(self, name: str, folder: str = "data") -> str:
        """An open data file's text, such as ``briefings.json`` (written gzipped)."""
        return gzip.decompress((self.output / folder / f"{name}.gz").read_bytes()).decode("utf-8")


# Pagefind 1.5.2 writes its filter files, its metadata and the entry file that
# names them in a varying order (fixed upstream, not yet released). Their
# content is compared through the fragments (every page's text, filters and
# metadata) and the word index, which are stable; of the rest, only how many.
# Each part of the index is a bundle of its own: pagefind/<part>/….
UNSTABLE = ("filter/", "pagefind-entry.json", "pagefind.")


def _unstable(name: str) -> bool:
    parts = name.split("/", 2)
    return (
        len(parts) == 3 and parts[0] == "pagefind" and parts[2].startswith(UNSTABLE)
        and not name.endswith(".js")
    )  # fmt: skip


def mention(key: str, text: str) -> str:
    """A linked mention as the linker writes it in a default-settings site:
    ``mention("actors/khalifa-haftar", "Haftar")``."""
    from dossier.urls import card_bucket

    section, slug = key.split("/")
    card = f"/cards/{section}/{card_bucket(slug)}.json"
    return f'<a href="/{key}/" data-card="{card}">{text}</a>'


def site_tree(root: Path) -> dict[str, bytes]:
    """Every output file's bytes, with Pagefind's unstable files counted instead."""
    tree: dict[str, bytes] = {}
    unstable = 0
    for path in sorted(root.rglob("*")):
        if not path.is_file():
            continue
        name = path.relative_to(root).as_posix()
        if _unstable(name):
            unstable += 1
        else:
            tree[name] = path.read_bytes()
    tree["<pagefind unstable files>"] = str(unstable).encode()
    return tree


def project_settings(folder: Path, extra: str, name: str = "conf.py") -> Path:
    """A settings file in ``folder``: the project's own, then ``extra`` lines."""
    path = folder / name
    header = f"import sys\nsys.path.insert(0, {str(ROOT)!r})\nfrom pelicanconf import *\n"
    path.write_text(header + extra, encoding="utf-8")
    return path


def run_dossier(*args: str, cwd: Path = ROOT) -> subprocess.CompletedProcess[str]:
    """Run the installed ``dossier`` command and capture what it prints."""
    return subprocess.run(
        [str(DOSSIER), *args], cwd=cwd, capture_output=True, text=True,
        env={**os.environ, "PYTHONHASHSEED": "0"}, check=False,
    )  # fmt: skip


def build_site(content: Path, output: Path, *extra: str) -> Build:
    """Build ``content`` into ``output`` with the project's settings."""
    result = run_dossier(
        "build", "--content", str(content), "--output", str(output),
        "--settings", str(SETTINGS), *extra,
    )  # fmt: skip
    return Build(output, result.returncode, result.stdout, result.stderr)


@dataclass(frozen=True)
class Outline:
    """What a page says it is: its ``<title>``, its ``<h1>`` headings (as text),
    and the briefings its ``<main>`` links to, in order, each once."""

    title: str
    h1: tuple[str, ...]
    briefings: tuple[str, ...]


class _OutlineParser(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.title: list[str] = []
        self.h1: list[list[str]] = []
        self.briefings: list[str] = []
        self.open: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "h1":
            self.h1.append([])
        href = dict(attrs).get("href") or ""
        in_main = "main" in self.open
        if tag == "a" and in_main and href.startswith("/briefings/") and href not in self.briefings:
            self.briefings.append(href)
        if tag not in VOID:
            self.open.append(tag)

    def handle_endtag(self, tag: str) -> None:
        if tag in self.open:
            while self.open.pop() != tag:
                pass

    def handle_data(self, data: str) -> None:
        if self.open[-2:] == ["head", "title"]:
            self.title.append(data)
        if "h1" in self.open:
            self.h1[-1].append(data)


VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source",
        "track", "wbr"}  # fmt: skip


def outline(html: str) -> Outline:
    """The outline of one HTML page."""
    parser = _OutlineParser()
    parser.feed(html)
    parser.close()
    return Outline(
        title=" ".join("".join(parser.title).split()),
        h1=tuple(" ".join("".join(texts).split()) for texts in parser.h1),
        briefings=tuple(parser.briefings),
    )


def build_in_process(content: Path, output: Path, *, search: bool = True, **build: Any) -> int:
    """``dossier build`` of ``content`` into ``output`` with the project's
    settings, in this process (so tests can patch it); ``build`` goes to
    :func:`dossier.cli.build.build` (``on_built``, ``carry_bundle``)."""
    import argparse

    from dossier.cli import build as cli_build

    args = argparse.Namespace(
        content=str(content), output=str(output), settings=str(SETTINGS),
        site_url=None, keep_going=False, strict=False, search=search, force=False,
    )  # fmt: skip
    assert cli_build.usable(args)
    code: int = cli_build.build(cli_build.pelican_settings(args), args.settings, **build)
    return code


def maps_drawn(monkeypatch: Any) -> list[str]:
    """The titles of the maps drawn from now on (``placemap.render_map`` counted)."""
    from dossier.makers import placemap

    titles: list[str] = []
    real = placemap.render_map

    def counted(*args: Any, **kwargs: Any) -> str:
        titles.append(args[1])
        return str(real(*args, **kwargs))

    monkeypatch.setattr(placemap, "render_map", counted)
    return titles


def in_two_processes(monkeypatch: Any, method: str) -> list[bool]:
    """Let the generator fork at any size on two CPUs, and record what its
    ``method`` (``start_in_background``, ``_update_in_halves``) returns:
    whether a child process was started."""
    from dossier.glue import generator

    started: list[bool] = []
    real = getattr(generator.DossierGenerator, method)

    def spy(self: Any) -> bool:
        started.append(real(self))
        return started[-1]

    monkeypatch.setattr(generator, "PARALLEL_FROM", 1)
    monkeypatch.setattr(generator, "cpus", lambda: 2)
    monkeypatch.setattr(generator.DossierGenerator, method, spy)
    return started


def sample_result(content: Path = ROOT / "content") -> Any:
    """The pipeline's result for the sample archive (``content/``), or
    another, uncached."""
    from pelican.settings import read_settings

    from dossier.config import Config
    from dossier.pipeline import run

    settings = read_settings(
        str(SETTINGS), override={"PATH": str(content), "DOSSIER_CACHE_PATH": ""}
    )
    return run(Config.from_settings(settings))
