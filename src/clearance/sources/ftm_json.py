"""FollowTheMoney JSON lines (OpenSanctions exports): flat, nested and delta files.

One JSON object per line, in one of three shapes:

* flat ``entities.ftm.json``: every entity on its own line, linked by id (a ``Sanction``'s
  ``entity`` is its target's id, a target's ``addressEntity`` an ``Address`` id ...), in no
  particular order;
* nested ``targets.nested.json``: one target per line with its adjacent entities inlined in
  its properties (``sanctions``, ``addressEntity``, ``identification``, ``ownershipOwner``
  ...);
* delta ``entities.delta.json``: ``{"op": "ADD"|"MOD"|"DEL", "entity": {...}}``. A snapshot
  read applies ADD and MOD (the last version of an id wins) and ignores DEL, with a warning.

Memory: the read makes two passes over the file. The first (in :func:`read`, so that the
source name and publication date are known up front) keeps only the small non-target
entities (sanctions, addresses, documents, link edges, non-target parties), an index from
each id to the non-target entities that point at it, and the caption and line of each
target. The second pass streams the targets, joining each with its adjacent entities; target
lines are never buffered. Nested files need no join: each line converts on its own. In a
flat file the entities pointing at a target are taken in (natural) id order, not file
order, so that the same data exported in another order reads as the same entities (and
content hash).

Only the schemata of sanctions targets become entities (Person, Organization, PublicBody →
Organization, Company, LegalEntity, Vessel, Airplane), and only those not marked
``"target": false``. Entities without the ``sanction`` topic (PEPs ...) still load. The
source is ``opensanctions-{dataset}`` when every line names the same one dataset, else
``opensanctions``; ``published`` is the newest ``last_seen``/``last_change``. The mapping of
properties is :mod:`clearance.model.ftm`'s.
"""

from __future__ import annotations

import json
import re
from collections import Counter, defaultdict
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

from clearance.model import Entity
from clearance.model.ftm import (
    REF_PROPERTIES,
    SUPPORT_SCHEMATA,
    TARGET_SCHEMATA,
    caption_of,
    flatten_nested,
    ftm_to_entity,
    values,
)
from clearance.sources.base import ListFormat, ListRead, SourceError

FORMAT_NAME = "ftm-json"
_OPS = ("ADD", "MOD", "DEL")
_SCHEMA_KEY = re.compile(r'"schema"\s*:')
_BODY_KEY = re.compile(r'"(?:properties|entity|op)"\s*:')


def sniff(path: Path, head: bytes) -> bool:
    """The first non-empty line is a JSON object with ``schema`` and ``properties`` (or a
    delta line with ``op`` and ``entity``); a line longer than ``head`` is judged by its keys."""
    text = head.decode("utf-8", errors="ignore").lstrip("\ufeff")
    for line in text.splitlines():
        line = line.strip()
        if line:
            return _looks_like_ftm(line)
    return False


def _looks_like_ftm(line: str) -> bool:
    if not line.startswith("{"):
        return False
    try:
        data = json.loads(line)
    except ValueError:
        return bool(_SCHEMA_KEY.search(line) and _BODY_KEY.search(line))
    if not isinstance(data, dict):
        return False
    if "op" in data:
        entity = data.get("entity")
        return isinstance(entity, dict) and "schema" in entity
    return "schema" in data and "properties" in data


@dataclass
class _Line:
    number: int
    op: str | None  # ADD / MOD / DEL for delta lines
    entity: dict[str, Any]


@dataclass
class _Scan:
    """What the first pass keeps (see the module docstring)."""

    datasets: set[str] = field(default_factory=set)
    newest: str | None = None
    support: dict[str, dict[str, Any]] = field(default_factory=dict)
    pointing: defaultdict[str, list[str]] = field(default_factory=lambda: defaultdict(list))
    targets: dict[str, tuple[int, str | None, str]] = field(default_factory=dict)
    deleted: int = 0
    skipped: Counter[str] = field(default_factory=Counter)
    warnings: list[str] = field(default_factory=list)

    @property
    def source(self) -> str:
        if len(self.datasets) == 1:
            return f"opensanctions-{next(iter(self.datasets))}"
        return "opensanctions"

    @property
    def published(self) -> date | None:
        if not self.newest:
            return None
        try:
            return date.fromisoformat(self.newest[:10])
        except ValueError:
            return None


def read(path: Path) -> ListRead:
    """Scan the file once for its index and metadata, then stream its targets as entities."""
    path = Path(path)
    scan = _scan(path)
    dataset = next(iter(scan.datasets)) if len(scan.datasets) == 1 else None
    return ListRead(
        format=FORMAT_NAME,
        source=scan.source,
        files=(path,),
        entities=_entities(path, scan),
        published=scan.published,
        title=f"OpenSanctions {dataset}" if dataset else "OpenSanctions",
        warnings=scan.warnings,
    )


def _lines(path: Path) -> Iterator[_Line]:
    with path.open("rb") as handle:
        for number, raw in enumerate(handle, 1):
            try:
                text = raw.decode("utf-8")
            except UnicodeDecodeError as exc:
                raise SourceError(path, number, f"not UTF-8: {exc.reason}") from None
            text = text.lstrip("\ufeff").strip()
            if text:
                yield _parse_line(path, number, text)


def _parse_line(path: Path, number: int, text: str) -> _Line:
    try:
        data = json.loads(text)
    except ValueError as exc:
        raise SourceError(path, number, f"not a JSON object: {exc}") from None
    if not isinstance(data, dict):
        raise SourceError(path, number, "not a JSON object")
    op = None
    if "op" in data:
        op = data["op"]
        if op not in _OPS:
            raise SourceError(path, number, f"unknown delta op {op!r}")
        data = data.get("entity")
        if not isinstance(data, dict):
            raise SourceError(path, number, f'delta {op} line without an "entity" object')
    if not isinstance(data.get("schema"), str):
        raise SourceError(path, number, 'entity has no "schema"')
    if not isinstance(data.get("id"), str) or not data["id"].strip():
        raise SourceError(path, number, 'entity has no "id"')
    if not isinstance(data.get("properties", {}), dict):
        raise SourceError(path, number, '"properties" is not an object')
    return _Line(number, op, data)


def _is_target(entity: Mapping[str, Any]) -> bool:
    return entity["schema"] in TARGET_SCHEMATA and entity.get("target") is not False


def _scan(path: Path) -> _Scan:
    scan = _Scan()
    for line in _lines(path):
        entity = line.entity
        _note_metadata(scan, entity)
        if line.op == "DEL":
            scan.deleted += 1
        elif _is_target(entity):
            scan.targets[entity["id"]] = (line.number, caption_of(entity), entity["schema"])
        elif entity["schema"] in SUPPORT_SCHEMATA or entity["schema"] in TARGET_SCHEMATA:
            _keep_support(scan, path, line)
        else:
            scan.skipped[entity["schema"]] += 1
    if scan.deleted:
        scan.warnings.append(
            f"{scan.deleted} DEL operation(s) ignored: a delta file is read as a snapshot "
            "of its ADD and MOD entities"
        )
    if scan.skipped:
        listed = ", ".join(f"{schema} ({n})" for schema, n in sorted(scan.skipped.items()))
        scan.warnings.append(f"entities of schemata that are not screened were skipped: {listed}")
    return scan


def _note_metadata(scan: _Scan, entity: Mapping[str, Any]) -> None:
    datasets = entity.get("datasets")
    if isinstance(datasets, list):
        scan.datasets.update(d for d in datasets if isinstance(d, str) and d)
    for key in ("last_seen", "last_change"):
        stamp = entity.get(key)
        if isinstance(stamp, str) and (scan.newest is None or stamp > scan.newest):
            scan.newest = stamp


def _keep_support(scan: _Scan, path: Path, line: _Line) -> None:
    try:
        flat, nested = flatten_nested(line.entity)
    except ValueError as exc:
        raise SourceError(path, line.number, str(exc)) from None
    for item in (flat, *nested.values()):
        compact = {
            "id": item["id"],
            "schema": item.get("schema"),
            "caption": item.get("caption"),
            "properties": item.get("properties", {}),
        }
        scan.support[item["id"]] = compact
        for prop in REF_PROPERTIES & compact["properties"].keys():
            for ref in values(compact["properties"], prop):
                if item["id"] not in scan.pointing[ref]:
                    scan.pointing[ref].append(item["id"])


def _entities(path: Path, scan: _Scan) -> Iterator[Entity]:
    unresolved = 0
    for line in _lines(path):
        entity = line.entity
        if line.op == "DEL" or not _is_target(entity):
            continue
        if scan.targets.get(entity["id"], (None,))[0] != line.number:
            continue  # an earlier version of an entity that a later ADD/MOD line replaces
        try:
            main, nested = flatten_nested(entity)
            related = _related(main, nested, scan)
            unresolved += sum(
                1 for ref in values(main["properties"], "addressEntity") if ref not in related
            )
            yield ftm_to_entity(main, related, source=scan.source)
        except ValueError as exc:
            raise SourceError(path, line.number, str(exc)) from None
    if unresolved:
        scan.warnings.append(
            f"{unresolved} address reference(s) point to entities that are not in the file"
        )


def _related(
    main: Mapping[str, Any], nested: dict[str, dict[str, Any]], scan: _Scan
) -> dict[str, Mapping[str, Any]]:
    """The entities adjacent to one target: nested ones, and from the first pass's index the
    entities pointing at it, the entities at their other ends and those it points at."""
    related: dict[str, Mapping[str, Any]] = dict(nested)
    main_id = main["id"]
    for edge_id in sorted(scan.pointing.get(main_id, ()), key=_natural_key):
        edge = scan.support[edge_id]
        related.setdefault(edge_id, edge)
        for prop in REF_PROPERTIES & edge["properties"].keys():
            for ref in values(edge["properties"], prop):
                if ref != main_id:
                    _add_node(related, ref, scan)
    for prop in REF_PROPERTIES & main["properties"].keys():
        for ref in values(main["properties"], prop):
            _add_node(related, ref, scan)
    return related


def _natural_key(entity_id: str) -> tuple[tuple[int, int | str], ...]:
    """Sort key that puts ``x-rel-2`` before ``x-rel-10``."""
    return tuple(
        (1, int(part)) if part.isdigit() else (0, part)
        for part in re.split(r"(\d+)", entity_id)
        if part
    )


def _add_node(related: dict[str, Mapping[str, Any]], ref: str, scan: _Scan) -> None:
    if ref in related:
        return
    if ref in scan.support:
        related[ref] = scan.support[ref]
    elif ref in scan.targets:
        _, caption, schema = scan.targets[ref]
        props = {"name": [caption]} if caption else {}
        related[ref] = {"id": ref, "schema": schema, "caption": caption, "properties": props}


FORMAT = ListFormat(
    name=FORMAT_NAME,
    description="FollowTheMoney JSON lines (OpenSanctions entities.ftm.json, "
    "targets.nested.json, delta files)",
    sniff=sniff,
    read=read,
)
