"""Reading entities back: by id or publisher reference, with relationships resolved.

Publishers link parties by name across their own lists (an SDN entry "Linked To:" a
consolidated-list entity). :func:`find_entities` resolves such names to the ids of entities
in the current snapshots of every source, so ``clearance entity 27018`` can point to 27016.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterator
from dataclasses import dataclass

from sqlalchemy import Connection, Engine, or_, select

from clearance.model import Entity, Relationship
from clearance.model.codec import entity_from_json
from clearance.store.batches import in_batches
from clearance.store.keys import name_key
from clearance.store.schema import entity_blobs, snapshot_entities, snapshot_names, snapshots
from clearance.store.snapshots import SnapshotInfo, _row_to_info


@dataclass(frozen=True)
class StoredEntity:
    """An entity as held by one snapshot."""

    entity: Entity
    snapshot: SnapshotInfo


def find_entities(engine: Engine, ref: str) -> list[StoredEntity]:
    """Entities of the current snapshots whose id or publisher reference is ``ref``."""
    query = (
        select(entity_blobs.c.data, snapshots)
        .select_from(
            snapshot_entities.join(
                snapshots, snapshots.c.id == snapshot_entities.c.snapshot_id
            ).join(entity_blobs, entity_blobs.c.hash == snapshot_entities.c.entity_hash)
        )
        .where(
            snapshots.c.current.is_(True),
            or_(snapshot_entities.c.entity_id == ref, snapshot_entities.c.source_ref == ref),
        )
        .order_by(snapshots.c.source)
    )
    with engine.connect() as connection:
        rows = connection.execute(query).all()
        found = []
        for row in rows:
            entity = entity_from_json(row.data)
            entity = _resolve_relationships(connection, entity)
            found.append(StoredEntity(entity, _row_to_info(row)))
    return found


def _resolve_relationships(connection: Connection, entity: Entity) -> Entity:
    if not any(r.target_id is None and r.target_name for r in entity.relationships):
        return entity
    resolved: list[Relationship] = []
    for relationship in entity.relationships:
        if relationship.target_id is None and relationship.target_name:
            target = _entity_id_for_name(connection, relationship.target_name, entity.id)
            if target:
                relationship = dataclasses.replace(relationship, target_id=target)
        resolved.append(relationship)
    return dataclasses.replace(entity, relationships=tuple(resolved))


def _entity_id_for_name(connection: Connection, name: str, exclude: str) -> str | None:
    key = name_key(name)
    if not key:
        return None
    rows = connection.execute(
        select(snapshot_names.c.entity_id)
        .select_from(snapshot_names.join(snapshots, snapshots.c.id == snapshot_names.c.snapshot_id))
        .where(snapshot_names.c.name_key == key, snapshots.c.current.is_(True))
        .distinct()
    ).all()
    ids = sorted({r.entity_id for r in rows} - {exclude})
    return ids[0] if len(ids) == 1 else None


def iter_current_entities(engine: Engine, batch: int = 2000) -> Iterator[Entity]:
    """Every entity of every source's current snapshot, streamed in id order per source."""
    return iter_snapshot_entities(engine, None, batch)


def iter_snapshot_entities(
    engine: Engine, snapshot_ids: list[int] | None, batch: int = 2000
) -> Iterator[Entity]:
    """Every entity of the given snapshots (None: the current ones), in id order per source."""
    query = select(entity_blobs.c.data).select_from(
        snapshot_entities.join(snapshots, snapshots.c.id == snapshot_entities.c.snapshot_id).join(
            entity_blobs, entity_blobs.c.hash == snapshot_entities.c.entity_hash
        )
    )
    if snapshot_ids is None:
        query = query.where(snapshots.c.current.is_(True))
    else:
        query = query.where(snapshots.c.id.in_(snapshot_ids))
    query = query.order_by(snapshots.c.source, snapshot_entities.c.entity_id)
    with engine.connect() as connection:
        result = connection.execution_options(stream_results=True, yield_per=batch).execute(query)
        for row in result:
            yield entity_from_json(row.data)


def current_entity_hashes(connection: Connection, entity_ids: list[str]) -> dict[str, str]:
    """entity id -> content hash of its version in the current snapshots."""
    found: dict[str, str] = {}
    for batch in in_batches(entity_ids):
        rows = connection.execute(
            select(snapshot_entities.c.entity_id, snapshot_entities.c.entity_hash)
            .select_from(
                snapshot_entities.join(snapshots, snapshots.c.id == snapshot_entities.c.snapshot_id)
            )
            .where(
                snapshots.c.current.is_(True),
                snapshot_entities.c.entity_id.in_(batch),
            )
        ).all()
        found.update({r.entity_id: r.entity_hash for r in rows})
    return found


def current_entities(engine: Engine, entity_ids: list[str]) -> list[Entity]:
    """The current versions of the entities with these ids (unknown ids are skipped)."""
    found: list[Entity] = []
    with engine.connect() as connection:
        for batch in in_batches(entity_ids):
            rows = connection.execute(
                select(entity_blobs.c.data)
                .select_from(
                    snapshot_entities.join(
                        snapshots, snapshots.c.id == snapshot_entities.c.snapshot_id
                    ).join(entity_blobs, entity_blobs.c.hash == snapshot_entities.c.entity_hash)
                )
                .where(
                    snapshots.c.current.is_(True),
                    snapshot_entities.c.entity_id.in_(batch),
                )
            ).all()
            found.extend(entity_from_json(r.data) for r in rows)
    return found
