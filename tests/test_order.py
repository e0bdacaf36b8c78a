"""Briefings of the same day come out in one order everywhere, whatever the file system says."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

from .helpers import FIXTURE, build_site


def test_briefings_of_one_day_are_listed_in_the_same_order_everywhere(tmp_path: Path) -> None:
    content = tmp_path / "content"
    shutil.copytree(FIXTURE, content)
    folder = content / "briefings" / "2016"
    # Written in an order that is neither alphabetical nor its reverse.
    for slug in ("m-middle", "z-last", "a-first", "q-other"):
        (folder / f"2016-12-24-{slug}.md").write_text(
            f"---\ntitle: {slug}\ndate: 2016-12-24\n---\n\nText.\n", encoding="utf-8"
        )
    built = build_site(content, tmp_path / "out", "--no-search")
    assert built.returncode == 0, built.stderr

    def order(url: str) -> list[str]:
        found = re.findall(r'href="/briefings/([a-z]-[a-z]+)/"', built.page(url))
        return list(dict.fromkeys(found))

    expected = ["z-last", "q-other", "m-middle", "a-first"]
    assert order("/") == expected
    assert order("/archive/") == expected
    # Neighbours follow the same order.
    assert 'rel="next" class="next" href="/briefings/z-last/"' in built.page("/briefings/q-other/")
