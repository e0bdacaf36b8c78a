"""serve's quick path: a prose edit rewrites its page, and the site then equals
a clean build of the edited content (the search index included)."""

from __future__ import annotations

import shutil
import threading
from pathlib import Path

import pytest

from dossier.glue.live import Live

from .helpers import FIXTURE, build_in_process, maps_drawn, site_tree

BRIEFING = Path("briefings/2016/2016-10-07-sirte-bm-splits-enclave.md")


def _build(content: Path, output: Path, sessions: list[Live | None], search: bool = True) -> None:
    """A whole build; ``search=False`` builds as serve does, pages first,
    carrying the previous search bundle along."""
    code = build_in_process(
        content, output, search=search, carry_bundle=not search,
        on_built=lambda run: sessions.append(Live.after(run, output, search)),
    )  # fmt: skip
    assert code == 0


def _live(content: Path, output: Path, search: bool = True) -> Live:
    """A whole build of ``content``, and the session serve would keep of it."""
    sessions: list[Live | None] = []
    _build(content, output, sessions, search)
    (live,) = sessions
    assert live is not None
    return live


@pytest.fixture
def content(tmp_path: Path) -> Path:
    copy = tmp_path / "content"
    shutil.copytree(FIXTURE, copy)
    return copy


def test_a_prose_edit_gives_the_site_a_clean_build_gives(content: Path, tmp_path: Path) -> None:
    live = _live(content, tmp_path / "live")
    edited = content / BRIEFING
    before = edited.read_text(encoding="utf-8")
    edited.write_text(before.replace("At least 8 BM fighters", "At least 9 BM fighters"), "utf-8")
    indexed = threading.Event()
    passing = edited.parent / "sedG4xQQ0"  # sed -i's temporary copy, gone by now
    swap = edited.parent / ".2016-10-07-sirte-bm-splits-enclave.md.swp"  # vim's
    swap.write_text("swap")
    assert live.apply([str(passing), str(swap)], indexed.set) == []
    swap.unlink()
    written = live.apply([str(edited), str(passing)], indexed.set)
    assert written == ["briefings/sirte-bm-splits-enclave/index.html", "feeds/all.atom.xml"]
    page = (tmp_path / "live" / written[0]).read_text(encoding="utf-8")
    assert "At least 9 BM fighters" in page
    assert indexed.wait(60)  # the search index caught up, swapped in whole
    _build(content, tmp_path / "clean", [])
    assert site_tree(tmp_path / "live") == site_tree(tmp_path / "clean")


TANKS = Path("briefings/2016/2016-10-14-tanks-and-quotes.md")
DRAFT = Path("briefings/2016/2016-11-02-unfinished.md")


OUTLOOK = Path("briefings/2017/2017-01-05-new-year-outlook.md")

# Each edit keeps the site's pages (no briefing, entity or theme appears or
# goes), so serve applies it in place; together they touch titles, lists,
# order, neighbours, themes, summaries and the home list.
EDITS = [
    (BRIEFING, 'title: "BM splits the ISIS enclave in Sirte"', 'title: "BM splits the enclave"'),
    (BRIEFING, "At least 8 BM fighters", "At least 9 BM fighters"),  # prose alone
    (BRIEFING, "places: [Sirte, Misrata]", "places: [Sirte]"),
    (OUTLOOK, "actors: [Khalifa Haftar, BM]", "actors: [Khalifa Haftar, BM, Jeff Davies]"),
    (BRIEFING, "date: 2016-10-07", "date: 2016-10-20"),  # now after the tanks, not before
    (TANKS, "tags: security", "tags: politics"),
    (BRIEFING, "summary: \"Bunyan al-Marsus cut", "summary: \"BM cut"),
    (TANKS, "Observers in Misrata watched.", "Observers watched."),  # its summary is this paragraph
    (TANKS, "trends: {Sirte: deteriorated, Haftar: unchanged}", "trends: {Sirte: improved}"),
    (OUTLOOK, "Misrata: unchanged, alert", "Misrata: deteriorated"),  # on the home page
    (OUTLOOK, "", "\nA new closing paragraph naming Sirte.\n"),  # a new mention
]  # fmt: skip


def test_a_sequence_of_edits_gives_the_site_a_clean_build_gives(
    content: Path, tmp_path: Path
) -> None:
    live = _live(content, tmp_path / "live", search=False)
    for n, (file, old, new) in enumerate(EDITS):
        edited = content / file
        text = edited.read_text(encoding="utf-8")
        assert old in text, (n, old)
        edited.write_text(text.replace(old, new, 1) if old else text + new, encoding="utf-8")
        written = live.apply([str(edited)], lambda: None)
        assert written, (n, written)
        _build(content, tmp_path / f"clean{n}", [], search=False)
        live_tree, clean_tree = site_tree(tmp_path / "live"), site_tree(tmp_path / f"clean{n}")
        assert [k for k in clean_tree if live_tree.get(k) != clean_tree[k]] == [], n
        assert live_tree.keys() == clean_tree.keys(), n


def test_an_edit_writes_only_what_it_changes(content: Path, tmp_path: Path) -> None:
    live = _live(content, tmp_path / "live", search=False)
    edited = content / TANKS
    edited.write_text(edited.read_text().replace("tags: security", "tags: politics"))
    written = set(live.apply([str(edited)], lambda: None) or ())
    assert {"briefings/tanks-and-quotes/index.html", "tags/security/index.html",
            "tags/politics/index.html", "tags/index.html"} <= written  # fmt: skip
    assert "actors/bunyan-al-marsus/index.html" not in written  # not in this briefing
    assert "briefings/fixed-slug/index.html" not in written  # not its neighbour


def test_an_edit_draws_again_only_the_maps_it_changes(
    content: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Entity maps drawn by the build (and by each edit since) are taken
    again where their spec is unchanged: a theme changed on a briefing
    draws none of them again (the places index's map is drawn each time)."""
    live = _live(content, tmp_path / "live", search=False)
    titles = maps_drawn(monkeypatch)
    edited = content / TANKS
    edited.write_text(edited.read_text().replace("tags: security", "tags: politics"))
    assert live.apply([str(edited)], lambda: None)
    assert titles
    assert set(titles) == {"Map of the places in the archive"}, titles


@pytest.mark.parametrize(
    ("file", "old", "new"),
    [
        (BRIEFING, "tags: [security, counter-terrorism]", "tags: [security, ports]"),  # a new theme
        (BRIEFING, "actors: [Bunyan al-Marsus,", "actors: [Someone New, Bunyan al-Marsus,"),
        (TANKS, "date: 2016-10-14T09:30:00+02:00", "date: 2016-10-14T09:30:00+02:00\nstatus: draft"),
        (DRAFT, "status: draft", "status: published"),
        (OUTLOOK, "date: 2017-01-05", "date: 2016-10-10"),  # no briefing of 2017 left
        (BRIEFING, "date: 2016-10-07", "date: 2016-10-07\nslug: bm-splits-sirte"),  # a new address
        (Path("actors/islamic-state.md"), "", "\nMore profile.\n"),  # a registry
    ],
)  # fmt: skip
def test_edits_that_add_or_remove_pages_need_a_whole_build(
    content: Path, tmp_path: Path, file: Path, old: str, new: str
) -> None:
    live = _live(content, tmp_path / "live", search=False)
    edited = content / file
    text = edited.read_text(encoding="utf-8")
    assert old in text
    edited.write_text(text.replace(old, new, 1) if old else text + new, encoding="utf-8")
    before = site_tree(tmp_path / "live")
    assert live.apply([str(edited)], lambda: None) is None
    assert site_tree(tmp_path / "live") == before


def test_a_draft_edit_changes_nothing(content: Path, tmp_path: Path) -> None:
    live = _live(content, tmp_path / "live", search=False)
    edited = content / DRAFT
    before = site_tree(tmp_path / "live")
    edited.write_text(edited.read_text() + "\nA second paragraph.\n")
    assert live.apply([str(edited)], lambda: None) in (None, [])
    edited.write_text(edited.read_text().replace("places: [Sirte]", "places: [Misrata]"))
    assert live.apply([str(edited)], lambda: None) == []
    assert site_tree(tmp_path / "live") == before


def test_serve_builds_pages_first_and_the_index_follows(content: Path, tmp_path: Path) -> None:
    output = tmp_path / "live"
    _build(content, output, [])  # an earlier site, with its search bundle
    entry = (output / "pagefind" / "2016" / "pagefind-entry.json").read_bytes()
    edited = content / BRIEFING
    edited.write_text(
        edited.read_text().replace('title: "BM splits', 'title: "Bunyan al-Marsus splits')
    )
    sessions: list[Live | None] = []
    _build(content, output, sessions, search=False)
    # The new pages, with the previous index still answering meanwhile.
    assert (
        "Bunyan al-Marsus splits"
        in (output / "briefings/sirte-bm-splits-enclave/index.html").read_text()
    )
    assert (output / "pagefind" / "2016" / "pagefind-entry.json").read_bytes() == entry
    (live,) = sessions
    assert live is not None
    indexed = threading.Event()
    live.reindex(indexed.set)
    assert indexed.wait(60)
    _build(content, tmp_path / "clean", [])
    assert site_tree(output) == site_tree(tmp_path / "clean")
