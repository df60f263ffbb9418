"""The versioned list store: snapshots per source, atomic loads, diffs and entity look-ups.

:class:`Store` is the one object the faces (CLI, API) hold; it owns an engine on a SQLite
file (default) or PostgreSQL, migrated to the newest schema when opened.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator

from sqlalchemy import Engine

from clearance.model import Entity
from clearance.sources.base import ListRead
from clearance.store.diff import DiffError, SnapshotDiff, diff_snapshots, pick_snapshots
from clearance.store.engine import StoreError, create_store_engine, migrate, resolve_url
from clearance.store.lookup import (
    StoredEntity,
    find_entities,
    iter_current_entities,
    iter_snapshot_entities,
)
from clearance.store.snapshots import (
    LoadResult,
    ProgressCallback,
    SnapshotInfo,
    current_snapshots,
    list_snapshots,
    load_lists,
)

__all__ = [
    "DiffError",
    "LoadResult",
    "SnapshotDiff",
    "SnapshotInfo",
    "Store",
    "StoreError",
    "StoredEntity",
]


class Store:
    """The list store at ``url`` (a SQLAlchemy URL or file path; default: resolve_url())."""

    def __init__(self, url: str | None = None) -> None:
        self.url = resolve_url(url)
        self.engine: Engine = create_store_engine(self.url)
        migrate(self.engine)

    def load(
        self, reads: Iterable[ListRead], progress: ProgressCallback | None = None
    ) -> list[LoadResult]:
        return load_lists(self.engine, reads, progress)

    def current(self) -> list[SnapshotInfo]:
        return current_snapshots(self.engine)

    def iter_current_entities(self) -> Iterator[Entity]:
        """Every entity of the current snapshots (what screening matches against)."""
        return iter_current_entities(self.engine)

    def iter_snapshot_entities(self, snapshot_ids: list[int]) -> Iterator[Entity]:
        """Every entity of the given snapshots, current or not."""
        return iter_snapshot_entities(self.engine, snapshot_ids)

    def snapshots(self, source: str | None = None) -> list[SnapshotInfo]:
        return list_snapshots(self.engine, source)

    def entity(self, ref: str) -> list[StoredEntity]:
        return find_entities(self.engine, ref)

    def diff(
        self, source: str | None, old_id: int | None = None, new_id: int | None = None
    ) -> SnapshotDiff:
        old, new = pick_snapshots(self.engine, source, old_id, new_id)
        return diff_snapshots(self.engine, old, new)

    def close(self) -> None:
        self.engine.dispose()
