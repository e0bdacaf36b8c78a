"""Open data made again from kept records, as serve does."""

from __future__ import annotations

from typing import Any

import pytest

from .helpers import Build, sample_result


def test_open_data_made_from_kept_records_is_the_same() -> None:
    """serve makes data/*.json again from the records of the briefings and
    listings an edit left alone: the bytes are those of one whole dump."""
    from dataclasses import replace

    from dossier.lazyfile import Memo, made
    from dossier.makers import opendata

    result = sample_result()
    archive, urls = result.archive, result.config.urls
    memo: Memo = {}
    first = made(opendata.lazy_documents(archive, urls, "S", memo))
    assert first == opendata.documents(archive, urls, "S")
    assert set(memo) == {"briefings", "actors", "places"}
    edited = replace(archive.briefings[0], title="A <new> & better title")
    changed = replace(archive, briefings=(edited, *archive.briefings[1:]))
    again = made(opendata.lazy_documents(changed, urls, "S", memo))
    assert again == opendata.documents(changed, urls, "S") != first


def test_csv_tables_match_the_json_and_are_safe_in_a_spreadsheet(site: Build) -> None:
    import csv
    import io
    import json

    def table(name: str) -> list[dict[str, str]]:
        raw = site.data(name).encode("utf-8")
        assert not raw.startswith(b"\xef\xbb\xbf")  # no byte-order mark
        assert b"\r\n" in raw
        return list(csv.DictReader(io.StringIO(raw.decode("utf-8"), newline="")))

    data = json.loads(site.data("briefings.json"))["briefings"]
    briefings = table("briefings.csv")
    assert [row["slug"] for row in briefings] == [b["slug"] for b in data]
    first = briefings[0]
    assert first["takeaways"] == "Haftar and BM both gain leverage going into 2017.; " \
        "Misrata's council stays neutral, for now."  # fmt: skip
    assert first["cutoff"].startswith("2017-01-03")
    assert first["actors"] == "khalifa-haftar; bunyan-al-marsus"
    places = {row["slug"]: row for row in table("places.csv")}
    assert places["sirte"]["within"] == "libya"
    coordinates = {
        p["slug"]: p["coordinates"] for p in json.loads(site.data("places.json"))["places"]
    }
    assert float(places["sirte"]["lat"]) == coordinates["sirte"]["lat"]
    mentions = table("mentions.csv")
    bm = [r for r in mentions if r["briefing"] == "sirte-bm-splits-enclave"]
    by_entity = {r["entity"]: r for r in bm}
    assert by_entity["bunyan-al-marsus"]["tagged"] == "1"
    assert int(by_entity["bunyan-al-marsus"]["mentions"]) >= 2  # "Bunyan al-Marsus (BM)", "BM"
    assert all(r["section"] in ("actor", "place") for r in mentions)


@pytest.mark.parametrize(
    ("cell", "written"),
    [("=HYPERLINK(\"http://x\")", "'=HYPERLINK(\"http://x\")"), ("+1", "'+1"), ("-2+3", "'-2+3"),
     ("@SUM(A1)", "'@SUM(A1)"), ("\tx", "'\tx"), ("Haftar", "Haftar"), ("", ""),
     (-15.5, -15.5), (3, 3), (None, None)],
)  # fmt: skip
def test_a_cell_that_would_run_as_a_formula_is_plain_text(cell: Any, written: Any) -> None:
    from dossier.makers.tables import safe

    assert safe(cell) == written


def test_a_title_that_is_a_formula_arrives_as_text() -> None:
    from dossier.makers.tables import rows_csv

    assert rows_csv([["=cmd|' /C calc'!A0", -3.5, "ok"]]) == b"'=cmd|' /C calc'!A0,-3.5,ok\r\n"
