"""JSON Schemas of the front-matter (briefings, pages, actors, places), made
from :mod:`dossier.fields`, the definitions the reader checks against: one
source, so a schema never disagrees with ``dossier check`` about a key, a
word or a kind of value. Written into the site (``schema/``) for editors and
scripts; ``docs`` and the tests validate the sample archive with them.
"""

from __future__ import annotations

import json
from typing import Any

from . import fields
from .fields import Field

_NAMES = {"anyOf": [{"type": "string"}, {"type": "array", "items": {"type": "string"}}]}


def _either(words: tuple[str, ...]) -> str:
    # Any case, as the reader takes them ("Improved"): JSON Schema has no (?i).
    return "(?:" + "|".join("".join(f"[{c.lower()}{c.upper()}]" for c in w) for w in words) + ")"


def trend_words() -> str:
    """A trend written as words: one direction, any flags, in any order."""
    sep, direction, flag = (
        fields.TREND_SEPARATORS,
        _either(fields.DIRECTIONS),
        _either(fields.FLAGS),
    )
    return rf"^[\s,+;/]*(?:{flag}{sep})*{direction}(?:{sep}{flag})*[\s,+;/]*$"


def _value(kind: fields.Kind) -> dict[str, Any]:
    """The schema of one kind of value."""
    if kind == "text":
        return {"type": "string", "pattern": r"\S"}
    if kind in ("names", "addresses", "lines"):
        return dict(_NAMES)
    if kind == "date":
        return {"type": "string", "pattern": f"^{fields.DATE.pattern}$"}
    if kind == "status":
        return {"enum": list(fields.STATUSES)}
    if kind == "lang":
        return {"type": "string", "pattern": f"^{fields.LANG.pattern}$"}
    if kind == "slug":
        return {"type": "string", "pattern": "^[a-z0-9][a-z0-9-]*$"}
    if kind == "flag":
        return {"type": "boolean"}
    if kind == "coordinates":
        return {
            "type": "array",
            "prefixItems": [
                {"type": "number", "minimum": -90, "maximum": 90},
                {"type": "number", "minimum": -180, "maximum": 180},
            ],
            "minItems": 2,
            "maxItems": 2,
        }
    if kind == "sources":
        source = {
            "type": "object",
            "properties": {"title": {"type": "string"}, "url": {"type": "string"}},
            "additionalProperties": False,
        }
        return {"type": "array", "items": {"anyOf": [{"type": "string"}, source]}}
    if kind == "trends":
        spelled = {
            "type": "object",
            "properties": {
                "trend": {"enum": list(fields.DIRECTIONS)},
                **{flag: {"type": "boolean"} for flag in fields.FLAGS},
            },
            "required": ["trend"],
            "additionalProperties": False,
        }
        words = {"type": "string", "pattern": trend_words()}
        return {"type": "object", "additionalProperties": {"anyOf": [words, spelled]}}
    raise ValueError(kind)


def schema(title: str, of: tuple[Field, ...]) -> dict[str, Any]:
    """The JSON Schema (2020-12) of one kind of file's front-matter. Unknown
    keys are allowed, as ``check`` allows them (with a warning)."""
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "title": title,
        "type": "object",
        "properties": {f.key: {**_value(f.kind), "description": f.about} for f in of},
        "required": [f.key for f in of if f.required],
    }


SCHEMAS: dict[str, tuple[str, tuple[Field, ...]]] = {
    "briefing": ("A Dossier briefing's front-matter", fields.BRIEFING),
    "page": ("A Dossier page's front-matter", fields.PAGE),
    "actor": ("A Dossier actor registry entry", fields.ACTOR),
    "place": ("A Dossier place registry entry", fields.PLACE),
}


def documents() -> dict[str, bytes]:
    """Every schema as a JSON file, by name (``briefing.json``…)."""
    return {
        f"{name}.json": (
            json.dumps(schema(title, of), indent=1, ensure_ascii=False) + "\n"
        ).encode()
        for name, (title, of) in SCHEMAS.items()
    }
