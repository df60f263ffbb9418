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
from collections.abc import Callable
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
    return _decoder(cls)(data)


def _identity(data: Any) -> Any:
    return data


@cache
def _decoder(tp: Any) -> Callable[[Any], Any]:
    """A decoding function for ``tp``, built once per type: decoding a record then costs a
    dictionary look-up per field instead of inspecting its type hints again."""
    origin = typing.get_origin(tp)
    if origin in (typing.Union, types.UnionType):
        inner = [a for a in typing.get_args(tp) if a is not type(None)]
        decode_inner = _decoder(inner[0])
        return lambda data: None if data is None else decode_inner(data)
    if origin is tuple:
        decode_item = _decoder(typing.get_args(tp)[0])
        if decode_item is _identity:
            return lambda data: None if data is None else tuple(data)
        return lambda data: None if data is None else tuple(decode_item(v) for v in data)
    if tp is PartialDate:
        return _decode_date
    if isinstance(tp, type) and issubclass(tp, Enum):
        return lambda data: None if data is None else tp(data)
    if dataclasses.is_dataclass(tp):
        fields = {name: _decoder(hint) for name, hint in typing.get_type_hints(tp).items()}

        def decode_record(data: Any) -> Any:
            if data is None:
                return None
            return tp(**{k: fields[k](v) for k, v in data.items() if k in fields})

        return decode_record
    return _identity


def _decode_date(data: Any) -> PartialDate | None:
    if data is None:
        return None
    parsed = PartialDate.parse(data)
    if parsed is None:
        raise ValueError(f"bad date {data!r}")
    return parsed


def entity_json(entity: Entity) -> str:
    """Canonical JSON text of an entity (sorted keys, no spaces)."""
    return json.dumps(to_dict(entity), ensure_ascii=False, sort_keys=True, separators=(",", ":"))


def entity_from_json(text: str | bytes) -> Entity:
    return from_dict(Entity, json.loads(text))


def content_hash(text: str) -> str:
    """SHA-256 hex digest of canonical JSON text."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()
