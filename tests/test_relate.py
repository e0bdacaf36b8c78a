"""The relate stage on small, hand-made archives."""

from __future__ import annotations

import datetime as dt

from dossier.model import Briefing
from dossier.registry import Registry
from dossier.relate import relate


def briefing(slug: str, day: int, tags: tuple[str, ...] = ()) -> Briefing:
    return Briefing(
        path=f"{slug}.md", slug=slug, title=slug, body_html="", summary="",
        date=dt.datetime(2016, 10, day, tzinfo=dt.UTC), tags=tags, field_lines=(("tags", 4),),
    )  # fmt: skip


def test_tags_that_share_a_url_are_one_theme_with_a_warning() -> None:
    archive = relate(
        [briefing("a", 1, tags=("C++",)), briefing("b", 2, tags=("C#",))],
        Registry("actors"),
        Registry("places"),
    )
    assert list(archive.tags) == ["c"]
    assert len(archive.tags["c"].briefings) == 2
    assert [str(p) for p in archive.problems] == [
        "b.md:4: warning: tag 'C#' shares the page tags/c/ with 'C++'; they are one theme"
    ]


def test_an_empty_archive_relates_to_nothing() -> None:
    archive = relate([], Registry("actors"), Registry("places"))
    assert archive.briefings == ()
    assert archive.years == ()
    assert archive.tags == {}
