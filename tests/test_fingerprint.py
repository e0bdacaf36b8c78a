"""Digests of plan inputs: equal inputs agree in any process, unequal ones differ."""

from __future__ import annotations

import datetime as dt
import subprocess
import sys
from dataclasses import dataclass, field
from zoneinfo import ZoneInfo

import pytest
from markupsafe import Markup

from dossier.fingerprint import Digester, Unknown
from dossier.model import Source


@dataclass(frozen=True)
class Rec:
    name: str
    items: tuple[object, ...] = ()
    maker: object = field(default=None, compare=False)


WHEN = dt.datetime(2024, 3, 1, 9, 30, tzinfo=ZoneInfo("Africa/Tripoli"))
VALUE = (Rec("Haftar", (1, 2.5, None, True, "BM")), {"k": [WHEN, dt.date(2024, 1, 1)]},
         frozenset({"a", "b"}), b"raw", Source("UN", "https://un.org"))  # fmt: skip


def digest(value: object) -> str:
    return Digester().digest(value)


@pytest.mark.parametrize(
    ("one", "other"),
    [
        ("1", 1),
        (1, 1.0),
        (1, True),
        ("a&b", Markup("a&b")),  # rendered differently: escaped, or not
        (("ab", "c"), ("a", "bc")),
        ((("a",), "b"), ("a", ("b",))),
        ([1, 2], (1, 2, 3)),
        (Rec("x"), Rec("y")),
        (WHEN, WHEN.astimezone(ZoneInfo("UTC"))),  # the same moment, shown at another hour
        (dt.date(2024, 1, 1), dt.datetime(2024, 1, 1)),
        ({"a": 1}, {"a": 2}),
        (None, ""),
    ],
)
def test_unequal_inputs_differ(one: object, other: object) -> None:
    assert digest(one) != digest(other)


def test_equal_inputs_agree_and_makers_are_not_inputs() -> None:
    assert digest(Rec("x", maker=print)) == digest(Rec("x", maker=len))
    assert digest(VALUE) == digest(VALUE)
    long = tuple(range(40))  # a long sequence gets a digest of its own, by identity
    assert digest((long, long)) == digest((tuple(range(40)), tuple(range(40))))


def test_the_same_value_has_the_same_digest_in_another_process() -> None:
    code = "import tests.test_fingerprint as t; print(t.digest(t.VALUE))"
    other = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                           check=True, env={"PYTHONHASHSEED": "123"})  # fmt: skip
    assert other.stdout.strip() == digest(VALUE)


def test_a_known_record_is_taken_by_identity_only() -> None:
    read = Rec("as read")
    seeded = Digester([(read, "key:path:text")])
    assert seeded.digest(read) != digest(read)  # from its text's digest, not its fields
    assert seeded.digest(Rec("as read")) == digest(Rec("as read"))  # an equal copy is walked


def test_a_value_of_an_unknown_type_has_no_digest() -> None:
    with pytest.raises(Unknown):
        digest((1, object()))
