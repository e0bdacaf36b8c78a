"""Stage 5, index: the Pagefind search index over the finished site, in one pass.

One ``add_directory`` call over the written output, never page by page: the
Python API waits on every reply, so per-page calls cost about 0.1 s each.
Which pages are indexed, and with what filters, sort keys and metadata, is
decided by the theme's ``data-pagefind-*`` attributes.
"""

from __future__ import annotations

import asyncio
import os
import time
from dataclasses import dataclass

from .errors import SearchIndexError

BUNDLE = "pagefind"


@dataclass(frozen=True, slots=True)
class IndexReport:
    """What the indexer did."""

    pages: int
    seconds: float


def build_index(site_dir: str) -> IndexReport:
    """Index every page of ``site_dir`` into ``site_dir/pagefind``."""
    from pagefind.index import IndexConfig, PagefindIndex

    site = os.path.abspath(site_dir)
    started = time.perf_counter()

    async def run() -> int:
        config = IndexConfig(output_path=os.path.join(site, BUNDLE))
        async with PagefindIndex(config=config) as index:
            result = await index.add_directory(site)
            return int(result["page_count"])

    try:
        pages = asyncio.run(run())
    except Exception as exc:  # the service reports its failures as plain exceptions
        raise SearchIndexError(f"the search index failed (Pagefind): {exc}") from exc
    return IndexReport(pages, time.perf_counter() - started)
