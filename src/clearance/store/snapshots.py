"""Loading lists into versioned snapshots, atomically, and reading what is loaded.

A load reads every list of one command inside one database transaction: it commits whole or
not at all, so a list that fails half-way (a truncated file, a broken row) leaves every
previous snapshot exactly as it was. A list whose content hash equals its source's current
snapshot is a no-op.
"""

from __future__ import annotations

import json
import time
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from itertools import islice

from sqlalchemy import Connection, Engine, func, insert, select, update

from clearance.model import Entity
from clearance.model.codec import content_hash, entity_json
from clearance.sources.base import ListRead, SourceError
from clearance.store.dialect import insert_ignore
from clearance.store.keys import name_key
from clearance.store.schema import (
    entity_blobs,
    snapshot_entities,
    snapshot_names,
    snapshots,
    sources,
)

BATCH_SIZE = 2000


@dataclass(frozen=True)
class SnapshotInfo:
    """One loaded snapshot of one source."""

    id: int
    source: str
    format: str
    content_hash: str
    published: date | None
    loaded_at: datetime
    entity_count: int
    schema_counts: dict[str, int]
    files: list[str]
    warnings: list[str]
    current: bool

    def to_dict(self) -> dict[str, object]:
        return {
            "snapshot_id": self.id,
            "source": self.source,
            "format": self.format,
            "content_hash": self.content_hash,
            "published": self.published.isoformat() if self.published else None,
            "loaded_at": self.loaded_at.isoformat(),
            "entity_count": self.entity_count,
            "schema_counts": self.schema_counts,
            "files": self.files,
            "warnings": self.warnings,
            "current": self.current,
        }


@dataclass
class LoadResult:
    """What one list's load did."""

    source: str
    snapshot: SnapshotInfo
    unchanged: bool  # the same content was already the current snapshot: nothing written
    previous_id: int | None
    seconds: float
    warnings: list[str] = field(default_factory=list)

    def to_dict(self) -> dict[str, object]:
        return {
            "source": self.source,
            "unchanged": self.unchanged,
            "previous_snapshot_id": self.previous_id,
            "seconds": round(self.seconds, 3),
            **self.snapshot.to_dict(),
        }


ProgressCallback = Callable[[str, int], None]


def load_lists(
    engine: Engine, reads: Iterable[ListRead], progress: ProgressCallback | None = None
) -> list[LoadResult]:
    """Load every read in one transaction; on any error nothing of this call is kept."""
    results: list[LoadResult] = []
    seen_sources: set[str] = set()
    with engine.begin() as connection:
        for read in reads:
            if read.source in seen_sources:
                raise SourceError(
                    read.files[0], None, f"two lists for source {read.source!r} in one load"
                )
            seen_sources.add(read.source)
            results.append(_load_one(connection, read, progress))
    return results


def _load_one(
    connection: Connection, read: ListRead, progress: ProgressCallback | None
) -> LoadResult:
    started = time.perf_counter()
    digest = read.content_hash()
    previous = _current_row(connection, read.source)
    if previous is not None and previous.content_hash == digest:
        return LoadResult(read.source, previous, True, previous.id, time.perf_counter() - started)

    now = datetime.now(UTC)
    _ensure_source(connection, read, now)
    snapshot_id = connection.execute(
        insert(snapshots).returning(snapshots.c.id),
        {
            "source": read.source,
            "format": read.format,
            "content_hash": digest,
            "published": read.published,
            "loaded_at": now,
            "entity_count": 0,
            "schema_counts": "{}",
            "files": json.dumps([p.name for p in read.files]),
            "warnings": "[]",
            "current": False,
        },
    ).scalar_one()

    schema_counts: Counter[str] = Counter()
    seen_ids: set[str] = set()
    warnings = list(read.warnings)
    for batch in _batches(iter(read.entities), BATCH_SIZE):
        unique = []
        for entity in batch:
            if entity.id in seen_ids:
                warnings.append(f"duplicate entity id {entity.id} (kept the first record)")
                continue
            seen_ids.add(entity.id)
            unique.append(entity)
        _insert_batch(connection, snapshot_id, unique)
        schema_counts.update(e.schema.value for e in unique)
        if progress:
            progress(read.source, len(batch))

    connection.execute(
        update(snapshots).where(snapshots.c.source == read.source).values(current=False)
    )
    connection.execute(
        update(snapshots)
        .where(snapshots.c.id == snapshot_id)
        .values(
            current=True,
            entity_count=sum(schema_counts.values()),
            schema_counts=json.dumps(dict(sorted(schema_counts.items()))),
            warnings=json.dumps(warnings),
        )
    )
    info = _snapshot_info(connection, snapshot_id)
    return LoadResult(
        read.source,
        info,
        False,
        previous.id if previous else None,
        time.perf_counter() - started,
        warnings,
    )


def _batches(items: Iterator[Entity], size: int) -> Iterator[list[Entity]]:
    while batch := list(islice(items, size)):
        yield batch


def _insert_batch(connection: Connection, snapshot_id: int, batch: list[Entity]) -> None:
    if not batch:
        return
    blobs: dict[str, str] = {}
    members = []
    names = []
    for entity in batch:
        text = entity_json(entity)
        digest = content_hash(text)
        blobs[digest] = text
        members.append(
            {
                "snapshot_id": snapshot_id,
                "entity_id": entity.id,
                "source_ref": entity.source_ref,
                "schema": entity.schema.value,
                "caption": entity.caption,
                "entity_hash": digest,
            }
        )
        keys = {name_key(n.value) for n in entity.names}
        names.extend(
            {"snapshot_id": snapshot_id, "entity_id": entity.id, "name_key": key}
            for key in keys
            if key
        )
    connection.execute(
        insert_ignore(connection, entity_blobs),
        [{"hash": h, "data": t} for h, t in blobs.items()],
    )
    connection.execute(insert(snapshot_entities), members)
    if names:
        connection.execute(insert(snapshot_names), names)


def _ensure_source(connection: Connection, read: ListRead, now: datetime) -> None:
    exists = connection.execute(select(sources.c.name).where(sources.c.name == read.source)).first()
    if exists:
        connection.execute(
            update(sources)
            .where(sources.c.name == read.source)
            .values(format=read.format, title=read.title)
        )
    else:
        connection.execute(
            insert(sources),
            {"name": read.source, "title": read.title, "format": read.format, "created_at": now},
        )


def _row_to_info(row) -> SnapshotInfo:  # type: ignore[no-untyped-def]
    loaded_at = row.loaded_at
    if loaded_at.tzinfo is None:
        loaded_at = loaded_at.replace(tzinfo=UTC)
    return SnapshotInfo(
        id=row.id,
        source=row.source,
        format=row.format,
        content_hash=row.content_hash,
        published=row.published,
        loaded_at=loaded_at,
        entity_count=row.entity_count,
        schema_counts=json.loads(row.schema_counts),
        files=json.loads(row.files),
        warnings=json.loads(row.warnings),
        current=bool(row.current),
    )


def _snapshot_info(connection: Connection, snapshot_id: int) -> SnapshotInfo:
    row = connection.execute(select(snapshots).where(snapshots.c.id == snapshot_id)).one()
    return _row_to_info(row)


def _current_row(connection: Connection, source: str) -> SnapshotInfo | None:
    row = connection.execute(
        select(snapshots).where(snapshots.c.source == source, snapshots.c.current.is_(True))
    ).first()
    return _row_to_info(row) if row else None


def current_snapshots(engine: Engine) -> list[SnapshotInfo]:
    """The current snapshot of every source, by source name."""
    with engine.connect() as connection:
        rows = connection.execute(
            select(snapshots).where(snapshots.c.current.is_(True)).order_by(snapshots.c.source)
        ).all()
    return [_row_to_info(r) for r in rows]


def list_snapshots(engine: Engine, source: str | None = None) -> list[SnapshotInfo]:
    """All snapshots (of one source, if given), oldest first."""
    query = select(snapshots).order_by(snapshots.c.source, snapshots.c.id)
    if source:
        query = query.where(snapshots.c.source == source)
    with engine.connect() as connection:
        return [_row_to_info(r) for r in connection.execute(query).all()]


def snapshot_by_id(engine: Engine, snapshot_id: int) -> SnapshotInfo | None:
    with engine.connect() as connection:
        row = connection.execute(select(snapshots).where(snapshots.c.id == snapshot_id)).first()
    return _row_to_info(row) if row else None


def snapshot_count(engine: Engine) -> int:
    with engine.connect() as connection:
        return connection.execute(select(func.count()).select_from(snapshots)).scalar_one()
