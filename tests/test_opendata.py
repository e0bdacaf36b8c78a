"""Open data made again from kept records, as serve does."""

from __future__ import annotations

from .helpers import sample_result


def test_open_data_made_from_kept_records_is_the_same() -> None:
    """serve makes data/*.json again from the records of the briefings and
    listings an edit left alone: the bytes are those of one whole dump."""
    from dataclasses import replace

    from dossier import opendata
    from dossier.lazyfile import made

    result = sample_result()
    archive, urls = result.archive, result.config.urls
    memo: opendata.Memo = {}
    first = made(opendata.lazy_documents(archive, urls, "S", memo))
    assert first == opendata.documents(archive, urls, "S")
    assert set(memo) == {"briefings", "actors", "places"}
    edited = replace(archive.briefings[0], title="A <new> & better title")
    changed = replace(archive, briefings=(edited, *archive.briefings[1:]))
    again = made(opendata.lazy_documents(changed, urls, "S", memo))
    assert again == opendata.documents(changed, urls, "S") != first
