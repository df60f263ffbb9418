"""Differences between two snapshots of a source: added, removed and changed entities.

Entities are compared by content hash first (cheap, in the database's index), then the
changed ones field by field, so a diff of two 15,000-entity snapshots reads only the records
that changed.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field

from sqlalchemy import Engine, select

from clearance.model import Entity
from clearance.model.codec import entity_from_json
from clearance.store.batches import in_batches
from clearance.store.schema import entity_blobs, snapshot_entities
from clearance.store.snapshots import SnapshotInfo, list_snapshots, snapshot_by_id


class DiffError(Exception):
    """The snapshots asked for cannot be compared (unknown id, other sources, too few)."""


@dataclass
class EntityChange:
    entity_id: str
    caption: str
    fields: dict[str, dict[str, object]]  # field -> {"added": [...], "removed": [...]} or old/new

    def to_dict(self) -> dict[str, object]:
        return {"entity_id": self.entity_id, "caption": self.caption, "fields": self.fields}


@dataclass
class SnapshotDiff:
    source: str
    old: SnapshotInfo
    new: SnapshotInfo
    added: list[tuple[str, str]] = field(default_factory=list)  # (entity_id, caption)
    removed: list[tuple[str, str]] = field(default_factory=list)
    changed: list[EntityChange] = field(default_factory=list)

    def to_dict(self) -> dict[str, object]:
        return {
            "source": self.source,
            "old": self.old.to_dict(),
            "new": self.new.to_dict(),
            "summary": {
                "added": len(self.added),
                "removed": len(self.removed),
                "changed": len(self.changed),
            },
            "added": [{"entity_id": i, "caption": c} for i, c in self.added],
            "removed": [{"entity_id": i, "caption": c} for i, c in self.removed],
            "changed": [c.to_dict() for c in self.changed],
        }


def pick_snapshots(
    engine: Engine, source: str | None, old_id: int | None, new_id: int | None
) -> tuple[SnapshotInfo, SnapshotInfo]:
    """Resolve the two snapshots to compare; by default a source's last two."""
    if old_id is not None and new_id is not None:
        old, new = snapshot_by_id(engine, old_id), snapshot_by_id(engine, new_id)
        if old is None or new is None:
            missing = old_id if old is None else new_id
            raise DiffError(f"no snapshot with id {missing}")
        if old.source != new.source:
            raise DiffError(f"snapshots {old_id} and {new_id} belong to different sources")
        return old, new
    if source is None:
        raise DiffError("name a source, or give both --from and --to snapshot ids")
    history = list_snapshots(engine, source)
    if len(history) < 2:
        raise DiffError(f"source {source!r} has {len(history)} snapshot(s); a diff needs two")
    if new_id is not None:
        newer = [s for s in history if s.id == new_id]
        if not newer:
            raise DiffError(f"no snapshot {new_id} of {source!r}")
        earlier = [s for s in history if s.id < new_id]
        if not earlier:
            raise DiffError(f"snapshot {new_id} is the first of {source!r}")
        return earlier[-1], newer[0]
    if old_id is not None:
        older = [s for s in history if s.id == old_id]
        if not older:
            raise DiffError(f"no snapshot {old_id} of {source!r}")
        return older[0], history[-1]
    return history[-2], history[-1]


def changed_ids(
    engine: Engine, old: SnapshotInfo, new: SnapshotInfo
) -> tuple[set[str], set[str], set[str]]:
    """(added, changed, removed) entity ids, by content hash alone: no record is read."""
    old_members = _members(engine, old.id)
    new_members = _members(engine, new.id)
    return _compare(old_members, new_members)


def _compare(
    old_members: dict[str, tuple[str, str]], new_members: dict[str, tuple[str, str]]
) -> tuple[set[str], set[str], set[str]]:
    added = new_members.keys() - old_members.keys()
    removed = old_members.keys() - new_members.keys()
    changed = {
        i for i in old_members.keys() & new_members.keys() if old_members[i][0] != new_members[i][0]
    }
    return added, changed, removed


def diff_snapshots(engine: Engine, old: SnapshotInfo, new: SnapshotInfo) -> SnapshotDiff:
    old_members = _members(engine, old.id)
    new_members = _members(engine, new.id)
    result = SnapshotDiff(old.source, old, new)
    added, changed, removed = _compare(old_members, new_members)
    result.added = sorted((i, new_members[i][1]) for i in added)
    result.removed = sorted((i, old_members[i][1]) for i in removed)
    changed_ids = sorted(changed)
    blobs = _blobs(
        engine, {old_members[i][0] for i in changed_ids} | {new_members[i][0] for i in changed_ids}
    )
    for entity_id in changed_ids:
        before = json.loads(blobs[old_members[entity_id][0]])
        after = json.loads(blobs[new_members[entity_id][0]])
        result.changed.append(
            EntityChange(entity_id, new_members[entity_id][1], field_changes(before, after))
        )
    return result


def field_changes(before: dict, after: dict) -> dict[str, dict[str, object]]:
    """Per changed top-level field: items added/removed for lists, old/new for values."""
    changes: dict[str, dict[str, object]] = {}
    for key in sorted(before.keys() | after.keys()):
        old, new = before.get(key), after.get(key)
        if old == new:
            continue
        if isinstance(old, list | type(None)) and isinstance(new, list | type(None)):
            old_items = [json.dumps(v, sort_keys=True, ensure_ascii=False) for v in old or []]
            new_items = [json.dumps(v, sort_keys=True, ensure_ascii=False) for v in new or []]
            changes[key] = {
                "added": [json.loads(v) for v in new_items if v not in old_items],
                "removed": [json.loads(v) for v in old_items if v not in new_items],
            }
        else:
            changes[key] = {"old": old, "new": new}
    return changes


def _members(engine: Engine, snapshot_id: int) -> dict[str, tuple[str, str]]:
    query = select(
        snapshot_entities.c.entity_id, snapshot_entities.c.entity_hash, snapshot_entities.c.caption
    ).where(snapshot_entities.c.snapshot_id == snapshot_id)
    with engine.connect() as connection:
        return {r.entity_id: (r.entity_hash, r.caption) for r in connection.execute(query)}


def _blobs(engine: Engine, hashes: set[str]) -> dict[str, str]:
    found: dict[str, str] = {}
    with engine.connect() as connection:
        for chunk in in_batches(hashes):
            query = select(entity_blobs.c.hash, entity_blobs.c.data).where(
                entity_blobs.c.hash.in_(chunk)
            )
            found.update({r.hash: r.data for r in connection.execute(query)})
    return found


def entity_versions(
    engine: Engine, old: SnapshotInfo | None, new: SnapshotInfo, entity_ids: set[str]
) -> dict[str, tuple[Entity | None, Entity]]:
    """entity id -> (its version in ``old`` or None, its version in ``new``), for ``entity_ids``
    present in ``new``."""
    after = entities_of(engine, new, entity_ids)
    before = entities_of(engine, old, set(after)) if old is not None else {}
    return {i: (before.get(i), entity) for i, entity in after.items()}


def member_ids(engine: Engine, snapshot: SnapshotInfo) -> set[str]:
    """The ids of every entity ``snapshot`` holds."""
    return set(_members(engine, snapshot.id))


def entities_of(engine: Engine, snapshot: SnapshotInfo, entity_ids: set[str]) -> dict[str, Entity]:
    """The versions of ``entity_ids`` held by ``snapshot`` (ids it lacks are skipped)."""
    members = _members(engine, snapshot.id)
    wanted = [i for i in sorted(entity_ids) if i in members]
    blobs = _blobs(engine, {members[i][0] for i in wanted})
    return {i: entity_from_json(blobs[members[i][0]]) for i in wanted}
