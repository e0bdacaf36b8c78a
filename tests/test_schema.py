"""JSON Schemas of the front-matter (#24 item 4), made from the definitions the
reader checks against: the sample archive and the fixtures validate, and a bad
value fails the schema and ``dossier check`` alike."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import Any

import jsonschema
import pytest
import yaml

from dossier import fields, schema
from dossier.errors import ContentError
from dossier.read import BRIEFING_KEYS, PAGE_KEYS, read_briefing
from dossier.registry import ACTOR_KEYS, PLACE_KEYS

from .helpers import FIXTURE, ROOT

SCHEMAS = {name[: -len(".json")]: json.loads(data) for name, data in schema.documents().items()}
FOLDERS = {"briefings": "briefing", "pages": "page", "actors": "actor", "places": "place"}


def _front_matter(path: Path) -> dict[str, Any]:
    text = path.read_text("utf-8-sig")
    found: dict[str, Any] = _as_json(yaml.safe_load(text.split("---", 2)[1]) or {})
    return found


def _as_json(value: Any) -> Any:
    # YAML reads 2016-10-07 as a date; JSON (and an editor) sees the text.
    if isinstance(value, dt.datetime | dt.date):
        return value.isoformat()
    if isinstance(value, dict):
        return {str(k): _as_json(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_as_json(v) for v in value]
    return value


def _errors(kind: str, data: dict[str, Any]) -> list[str]:
    validator = jsonschema.Draft202012Validator(SCHEMAS[kind])
    return [e.message for e in validator.iter_errors(data)]


def test_the_schemas_know_the_keys_the_reader_knows() -> None:
    for kind, known in (("briefing", BRIEFING_KEYS), ("page", PAGE_KEYS),
                        ("actor", ACTOR_KEYS), ("place", PLACE_KEYS)):  # fmt: skip
        jsonschema.Draft202012Validator.check_schema(SCHEMAS[kind])
        assert set(SCHEMAS[kind]["properties"]) == known
    assert SCHEMAS["briefing"]["required"] == ["title", "date"]
    assert SCHEMAS["briefing"]["properties"]["status"]["enum"] == list(fields.STATUSES)


@pytest.mark.parametrize("archive", [ROOT / "content", FIXTURE], ids=["sample", "fixture"])
def test_the_archives_validate(archive: Path) -> None:
    seen = 0
    for folder, kind in FOLDERS.items():
        for path in sorted((archive / folder).rglob("*.md")):
            assert _errors(kind, _front_matter(path)) == [], path
            seen += 1
    assert seen > 10


GOOD = {"title": "T", "date": "2016-10-07", "actors": ["Haftar"]}


@pytest.mark.parametrize(
    ("change", "code"),
    [
        ({"trends": {"Haftar": "worse"}}, "D212"),
        ({"trends": {"Haftar": "improved, maybe"}}, "D212"),
        ({"trends": {"Haftar": {"trend": "improved", "alert": "yes"}}}, "D212"),
        ({"status": "maybe"}, "D206"),
        ({"date": "last tuesday"}, "D201"),
        ({"lang": "English please"}, "D205"),
        ({"title": ["a", "b"]}, "D103"),
        ({"title": None}, "D102"),
    ],
)  # fmt: skip
def test_a_bad_value_fails_the_schema_and_check_alike(change: dict[str, Any], code: str) -> None:
    data = {k: v for k, v in {**GOOD, **change}.items() if v is not None}
    assert _errors("briefing", data), data
    with pytest.raises(ContentError) as caught:
        read_briefing(f"---\n{yaml.safe_dump(data, allow_unicode=True)}---\nText.\n", "p.md", "p")
    assert code in [d.code for d in caught.value.diagnostics()]


@pytest.mark.parametrize(
    "trend", ["improved", "Deteriorated, alert", "alert unchanged", "improved, opportunity, alert",
              {"trend": "unchanged", "opportunity": True}],
)  # fmt: skip
def test_a_good_trend_passes_both(trend: Any) -> None:
    data = {**GOOD, "trends": {"Haftar": trend}}
    assert _errors("briefing", data) == []
    read_briefing(f"---\n{yaml.safe_dump(data)}---\nText.\n", "p.md", "p")


def test_the_site_carries_the_schemas(tmp_path: Path) -> None:
    from .helpers import build_site

    built = build_site(FIXTURE, tmp_path / "out", "--no-search")
    assert built.returncode == 0, built.stderr
    for name, data in schema.documents().items():
        assert (built.output / "schema" / name).read_bytes() == data
