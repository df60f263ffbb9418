"""Plain-JSON encoding of model records, lossless both ways.

The store keeps entities as this JSON, ``--json`` output prints it, and its hash is the
entity's content hash for diffs. Empty values are left out so the encoding of a record does
not change when a field is added to the model with an empty default.
"""

from __future__ import annotations

import dataclasses
import hashlib
import json
import types
import typing
from enum import Enum
from functools import cache
from typing import Any, TypeVar

from clearance.model.dates import PartialDate
from clearance.model.entity import Entity

T = TypeVar("T")


def to_dict(record: Any) -> Any:
    """Encode a model record (or a tuple of them) as JSON-ready data, omitting empty fields."""
    if isinstance(record, PartialDate):
        return str(record) if (record.end or record.circa) else record.start
    if isinstance(record, Enum):
        return record.value
    if dataclasses.is_dataclass(record):
        out: dict[str, Any] = {}
        for f in dataclasses.fields(record):
            value = getattr(record, f.name)
            if value is None or value == () or value == "":
                continue
            out[f.name] = to_dict(value)
        return out
    if isinstance(record, tuple | list):
        return [to_dict(v) for v in record]
    return record


def from_dict(cls: type[T], data: Any) -> T:
    """Decode data written by :func:`to_dict` back into ``cls``."""
    return _decode(cls, data)


def _decode(tp: Any, data: Any) -> Any:
    if data is None:
        return None
    origin = typing.get_origin(tp)
    if origin in (typing.Union, types.UnionType):
        inner = [a for a in typing.get_args(tp) if a is not type(None)]
        return _decode(inner[0], data)
    if origin is tuple:
        (item,) = typing.get_args(tp)[:1]
        return tuple(_decode(item, v) for v in data)
    if tp is PartialDate:
        parsed = PartialDate.parse(data)
        if parsed is None:
            raise ValueError(f"bad date {data!r}")
        return parsed
    if isinstance(tp, type) and issubclass(tp, Enum):
        return tp(data)
    if dataclasses.is_dataclass(tp):
        hints = _hints(tp)
        return tp(**{k: _decode(hints[k], v) for k, v in data.items() if k in hints})
    return data


@cache
def _hints(cls: type) -> dict[str, Any]:
    return typing.get_type_hints(cls)


def entity_json(entity: Entity) -> str:
    """Canonical JSON text of an entity (sorted keys, no spaces)."""
    return json.dumps(to_dict(entity), ensure_ascii=False, sort_keys=True, separators=(",", ":"))


def entity_from_json(text: str | bytes) -> Entity:
    return from_dict(Entity, json.loads(text))


def content_hash(text: str) -> str:
    """SHA-256 hex digest of canonical JSON text."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()
