"""The weekly update against a clean build, change by change.

A desk's week is more than new briefings and corrected prose: a briefing
moves to another year, gains an actor, is taken back as a draft, gets a new
slug; a new year starts; the last trend call goes. For each such change the
fixture archive is built, changed, updated in place, and the output must be
the clean build's, byte for byte (Pagefind's own files aside: its bundle is
not byte-stable), and the search index must hold the parts the clean build
holds.
"""

from __future__ import annotations

import json
import re
import shutil
from collections.abc import Callable
from pathlib import Path

import pytest

from .helpers import FIXTURE, build_in_process, build_site, in_two_processes, site_tree

BRIEFINGS = Path("briefings")
OUTLOOK = BRIEFINGS / "2017" / "2017-01-05-new-year-outlook.md"
SIRTE = BRIEFINGS / "2016" / "2016-10-07-sirte-bm-splits-enclave.md"
TANKS = BRIEFINGS / "2016" / "2016-10-14-tanks-and-quotes.md"
UNFINISHED = BRIEFINGS / "2016" / "2016-11-02-unfinished.md"


def _edit(content: Path, name: Path, old: str, new: str) -> None:
    path = content / name
    text = path.read_text("utf-8")
    assert old in text, f"{name} no longer holds {old!r}: the case needs updating"
    path.write_text(text.replace(old, new, 1), "utf-8")


def _add(content: Path, name: str, text: str) -> None:
    path = content / BRIEFINGS / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, "utf-8")


def new_year(content: Path) -> None:
    # The first briefing of a year the archive has not had: a new year in the
    # archive's pages, in the filters and in the search index's parts.
    _add(content, "2018/2018-03-01-ceasefire.md", (
        '---\ntitle: "Ceasefire holds in Sirte"\ndate: 2018-03-01\n'
        "actors: [Bunyan al-Marsus]\nplaces: [Sirte]\ntags: [security]\n---\n\n"
        "The ceasefire around Sirte held for a second week; BM kept its lines.\n"
    ))  # fmt: skip


def moved_to_another_year(content: Path) -> None:
    _edit(content, SIRTE, "date: 2016-10-07", "date: 2017-02-10")


def actor_added(content: Path) -> None:
    _edit(content, TANKS, "actors: [خليفة حفتر, Jeff Davies]",
          "actors: [خليفة حفتر, Jeff Davies, Bunyan al-Marsus]")  # fmt: skip


def named_in_prose(content: Path) -> None:
    # An alias in the prose only: a new mention link, not a listed entity.
    path = content / OUTLOOK
    path.write_text(path.read_text("utf-8") + "\nIn Sirte, البنيان المرصوص held its ground.\n")


def theme_added(content: Path) -> None:
    _edit(content, OUTLOOK, "tags: [politics]", "tags: [politics, security]")


def taken_back_as_draft(content: Path) -> None:
    _edit(content, TANKS, "tags: security\n", "tags: security\nstatus: draft\n")


def draft_published(content: Path) -> None:
    _edit(content, UNFINISHED, "status: draft\n", "")


def new_slug(content: Path) -> None:
    # Its old address must keep working: a redirect page where it was.
    _edit(content, OUTLOOK, "slug: fixed-slug", "slug: outlook-2017")
    _edit(content, OUTLOOK, "redirect_from: [", "redirect_from: [/briefings/fixed-slug/, ")


def last_trend_calls_removed(content: Path) -> None:
    # With no call left in the archive, the Trends page and its link go.
    for name in (OUTLOOK, SIRTE, TANKS):
        path = content / name
        text = path.read_text("utf-8")
        text = re.sub(r"^trends:(?: \{.*\}\n|\n(?:  .*\n)+)", "", text, count=1, flags=re.M)
        path.write_text(text, "utf-8")
    assert not any("trends:" in (content / n).read_text("utf-8") for n in (OUTLOOK, SIRTE, TANKS))


def scheduled(content: Path) -> None:
    # Dated after the build: left out until its day.
    _add(content, "2099/2099-01-01-later.md", (
        '---\ntitle: "Not yet"\ndate: 2099-01-01\nactors: [Haftar]\n---\n\nLater.\n'
    ))  # fmt: skip


def last_of_its_year_removed(content: Path) -> None:
    # 2017 loses its only briefing: the year goes from the archive and the index.
    (content / OUTLOOK).unlink()


def summary_and_update_date(content: Path) -> None:
    _edit(content, OUTLOOK, "cutoff: 2017-01-03\n",
          'cutoff: 2017-01-03\nsummary: "Both sides gain."\nupdated: 2017-02-01\n')  # fmt: skip


def page_edited(content: Path) -> None:
    path = content / "pages" / "about.md"
    path.write_text(path.read_text("utf-8") + "\nCorrections are noted at the foot.\n", "utf-8")


def unknown_names_listed(content: Path) -> None:
    # Names no registry holds: new actor and place pages, made up from the name.
    _edit(content, SIRTE, "places: [Sirte, Misrata]", "places: [Sirte, Misrata, Ajdabiya]")
    _edit(content, SIRTE, "actors: [Bunyan al-Marsus, ISIS, Haftar]",
          "actors: [Bunyan al-Marsus, ISIS, Haftar, Petroleum Facilities Guard]")  # fmt: skip


def twin_on_the_same_day(content: Path) -> None:
    # Briefings of one day are ordered by slug: neighbours and lists must agree.
    _add(content, "2016/2016-10-07-a-second-report.md", (
        '---\ntitle: "A second report from Sirte"\ndate: 2016-10-07\n'
        "actors: [ISIS]\nplaces: [Sirte]\n---\n\nA second desk filed from Sirte.\n"
    ))  # fmt: skip


def newest_removed_and_takeaways_moved(content: Path) -> None:
    # The front page's lead is the newest briefing with takeaways.
    (content / OUTLOOK).unlink()
    _edit(content, SIRTE, "tags: [security, counter-terrorism]\n",
          'tags: [security, counter-terrorism]\ntakeaways:\n  - "The enclave is split."\n')  # fmt: skip


def file_renamed(content: Path) -> None:
    # The same briefing at another path: same slug, same pages.
    (content / SIRTE).rename(content / BRIEFINGS / "2016" / "sirte-enclave.md")


def about_removed(content: Path) -> None:
    # Every page's menu and footer lose their link to it.
    (content / "pages" / "about.md").unlink()


def about_drafted(content: Path) -> None:
    path = content / "pages" / "about.md"
    path.write_text(
        path.read_text("utf-8").replace("slug: about\n", "slug: about\nstatus: draft\n")
    )


CASES: list[Callable[[Path], None]] = [
    new_year, moved_to_another_year, actor_added, named_in_prose, theme_added,
    taken_back_as_draft, draft_published, new_slug, last_trend_calls_removed, scheduled,
    last_of_its_year_removed, summary_and_update_date, page_edited, about_removed,
    about_drafted, unknown_names_listed, twin_on_the_same_day,
    newest_removed_and_takeaways_moved, file_renamed,
]  # fmt: skip


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    """The fixture archive built once (content, output and cache), kept aside,
    and the folder each case restores it into: the stamps name the output
    folder, so every case updates at the same path."""
    work = tmp_path_factory.mktemp("update") / "site"
    shutil.copytree(FIXTURE, work / "content")
    first = build_site(work / "content", work / "output")
    assert first.returncode == 0, first.stderr
    kept = work.parent / "kept"
    shutil.copytree(work, kept, symlinks=True)
    return work, kept


def _changed(built: tuple[Path, Path], change: Callable[[Path], None]) -> Path:
    # The built archive restored where it was built, then changed.
    work, kept = built
    shutil.rmtree(work)
    shutil.copytree(kept, work, symlinks=True)
    change(work / "content")
    return work


def _parts(output: Path) -> list[str]:
    return list(json.loads((output / "pagefind" / "parts.json").read_text("utf-8"))["parts"])


def _as_clean(output: Path, content: Path, tmp_path: Path) -> None:
    # ``output`` is a clean build's of ``content``: its files (Pagefind's
    # unstable ones aside) and its search index's parts.
    clean = build_site(content, tmp_path / "clean")
    assert clean.returncode == 0, clean.stderr
    assert site_tree(output) == site_tree(clean.output)
    assert _parts(output) == _parts(clean.output)
    assert sorted(p.name for p in (output / "pagefind").iterdir()) == sorted(
        p.name for p in (clean.output / "pagefind").iterdir()
    )


@pytest.mark.parametrize("change", CASES, ids=[c.__name__ for c in CASES])
def test_an_update_equals_a_clean_build(
    built: tuple[Path, Path], change: Callable[[Path], None], tmp_path: Path
) -> None:
    work = _changed(built, change)
    update = build_site(work / "content", work / "output")
    assert update.returncode == 0, update.stderr
    assert "updated " in update.stderr, update.stderr  # in place, not a clean build
    _as_clean(update.output, work / "content", tmp_path)


@pytest.mark.parametrize("change", CASES, ids=[c.__name__ for c in CASES])
def test_an_update_in_two_processes_equals_a_clean_build(
    built: tuple[Path, Path],
    change: Callable[[Path], None],
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # At scale an update digests and writes half its plan in a forked child,
    # which reports its digests and what it wrote: the same output.
    work = _changed(built, change)
    started = in_two_processes(monkeypatch, "_update_in_halves")
    assert build_in_process(work / "content", work / "output") == 0
    assert started == [True]
    _as_clean(work / "output", work / "content", tmp_path)
