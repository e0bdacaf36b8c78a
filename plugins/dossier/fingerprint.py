"""A plan entry's inputs as a digest that another process can compare.

``serve`` compares two plans in one process, input by input (``==``). A
weekly ``dossier build`` compares this run's plan with the last run's, which
only left its digests behind (:mod:`dossier.stamps`). :func:`digest` walks an
entry's inputs (records, tuples, mappings, text, numbers, dates) and hashes
what it finds, with each value's type, so that equal inputs give equal
digests in any process and unequal ones different digests.

Records are shared by many entries (a briefing is in its page, its
neighbours', its entities' pages, the feeds): a :class:`Digester` hashes
each shared object once, by identity, for as long as it lives. A value of a
type it does not know has no digest (:class:`Unknown`): its entry is then
always made again, never wrongly kept.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import enum
import hashlib
from collections.abc import Iterable, Mapping
from typing import Any

from markupsafe import Markup


class Unknown(TypeError):
    """A value of a type :func:`digest` cannot hash the same way in every process."""


# A list or tuple this long gets a digest of its own, kept by identity.
_SHARED = 16
# A record of this many fields or fewer is hashed where it stands, not once
# by identity: small records are many and seldom shared.
_INLINE = 2


class Digester:
    """Digests of values, each record (a dataclass instance) hashed once."""

    def __init__(self, known: Iterable[tuple[object, str]] = ()) -> None:
        """``known``: objects whose digest is known already (a briefing as
        read: a function of its text, under the read cache's key), each
        taken for that very object only."""
        # id -> (the object, kept alive so its id stays its own, and its digest)
        self._known: dict[int, tuple[object, bytes]] = {
            id(value): (value, b"r" + hashlib.blake2b(said.encode(), digest_size=16).digest())
            for value, said in known
        }
        self._fields: dict[type, tuple[bytes, tuple[str, ...]]] = {}

    def digest(self, value: object) -> str:
        """``value``'s digest as hex; :class:`Unknown` if it holds a type not known here."""
        h = hashlib.blake2b(digest_size=16)
        self._feed(h, value)
        return h.hexdigest()

    def _record(self, value: object) -> bytes:
        # A record's own digest ("r" and 16 bytes), made once: records are
        # what entries share.
        hit = self._known.get(id(value))
        if hit is not None and hit[0] is value:
            return hit[1]
        shape = self._fields.get(type(value)) or self._shape(value)
        h = hashlib.blake2b(shape[0], digest_size=16)
        for name in shape[1]:
            self._feed(h, getattr(value, name))
        made = b"r" + h.digest()
        self._known[id(value)] = (value, made)
        return made

    def _shape(self, value: object) -> tuple[bytes, tuple[str, ...]]:
        # A record type's name and the fields equality compares (what it
        # ignores, a maker, is not an input).
        kind = type(value)
        fields = dataclasses.fields(value)  # type: ignore[arg-type]
        shape = (f"r{kind.__module__}.{kind.__qualname__}:".encode(),
                 tuple(f.name for f in fields if f.compare))  # fmt: skip
        self._fields[kind] = shape
        return shape

    def _shared(self, value: Any) -> bytes:
        # A long sequence (a timeline, the archive's months) is often one
        # object in many entries: its digest is made once, like a record's.
        hit = self._known.get(id(value))
        if hit is not None and hit[0] is value:
            return hit[1]
        h = hashlib.blake2b(b"(%d:" % len(value), digest_size=16)
        for item in value:
            self._feed(h, item)
        made = b"R" + h.digest()
        self._known[id(value)] = (value, made)
        return made

    def _feed(self, h: Any, value: object) -> None:
        # Each value goes in with its type's letter and its length, so that
        # no two different values can feed the same bytes.
        kind = type(value)
        if kind is str:
            data = value.encode("utf-8", "surrogatepass")  # type: ignore[attr-defined]
            h.update(b"s%d:" % len(data))
            h.update(data)
        elif (kind is tuple or kind is list) and len(value) >= _SHARED:  # type: ignore[arg-type]
            h.update(self._shared(value))
        elif kind is tuple or kind is list:
            h.update(b"(%d:" % len(value))  # type: ignore[arg-type]
            known = self._known
            for item in value:  # type: ignore[attr-defined]
                hit = known.get(id(item))  # most often a record seen before
                if hit is not None and hit[0] is item:
                    h.update(hit[1])
                else:
                    self._feed(h, item)
        elif value is None:
            h.update(b"n")
        elif kind is bool:
            h.update(b"?1" if value else b"?0")
        elif kind is int:
            h.update(b"i%d;" % value)  # type: ignore[str-format]
        elif hasattr(kind, "__dataclass_fields__"):
            shape = self._fields.get(kind) or self._shape(value)
            if len(shape[1]) > _INLINE or id(value) in self._known:
                h.update(self._record(value))
            else:  # a small record (an entity and a count) goes in as it is: no digest of its own
                h.update(shape[0])
                for name in shape[1]:
                    self._feed(h, getattr(value, name))
        else:
            self._other(h, value)

    def _other(self, h: Any, value: object) -> None:
        kind = type(value)
        name = f"{kind.__module__}.{kind.__qualname__}".encode()
        if isinstance(value, str):  # Markup and text render differently: a subclass is named
            data = value.encode("utf-8", "surrogatepass")
            h.update(b"S%s:%d:" % (name, len(data)))
            h.update(data)
        elif isinstance(value, bytes):
            h.update(b"b%d:" % len(value))
            h.update(value)
        elif isinstance(value, float):
            h.update(b"f%s;" % repr(value).encode())
        elif isinstance(value, (dt.date, dt.time)):
            # isoformat holds an aware value's offset; the zone's name is added
            zone = getattr(value, "tzinfo", None)
            h.update(b"d%s:%s:%s;" % (name, value.isoformat().encode(), str(zone).encode()))
        elif isinstance(value, dt.timedelta):
            h.update(b"t%s;" % repr(value.total_seconds()).encode())
        elif isinstance(value, enum.Enum):
            h.update(b"e%s:" % name)
            self._feed(h, value.value)
        elif isinstance(value, int):
            h.update(b"I%s:%d;" % (name, int(value)))
        elif isinstance(value, (tuple, list)):
            h.update(b"T%s:%d:" % (name, len(value)))
            for item in value:
                self._feed(h, item)
        elif isinstance(value, Mapping):
            h.update(b"m%s:%d:" % (name, len(value)))
            for key, item in value.items():
                self._feed(h, key)
                self._feed(h, item)
        elif hasattr(value, "__html__"):
            # Markup made when first asked for (an entity's network): it
            # digests as the markup it stands for.
            self._feed(h, Markup(value.__html__()))
        elif isinstance(value, (set, frozenset)):
            parts = sorted(_alone(self, item) for item in value)
            h.update(b"{%d:" % len(parts))
            h.update(b"".join(parts))
        else:
            raise Unknown(f"no digest for a {kind.__module__}.{kind.__qualname__}")


def _alone(digester: Digester, value: object) -> bytes:
    # A set's members in an order of their own: each by its digest.
    h = hashlib.blake2b(digest_size=16)
    digester._feed(h, value)
    return h.digest()
