"""The list store on real lists, on SQLite and (when a server is given) PostgreSQL.

Loads are atomic, re-loads of unchanged content are no-ops, a failed load keeps the previous
snapshot current, and diffs of two real OFAC SDN editions find added, removed and changed
entries with the fields that changed.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from tests.conftest import fresh_store_url, shared_path

from clearance.sources import SourceError, open_list
from clearance.store import DiffError, Store


@pytest.fixture(params=["sqlite", "postgresql"])
def store(request: pytest.FixtureRequest, tmp_path: Path) -> Store:
    opened = Store(fresh_store_url(request.param, tmp_path))
    yield opened
    opened.close()


def _truncated_copy(source: Path, target: Path, fraction: float = 0.5) -> Path:
    data = source.read_bytes()
    target.write_bytes(data[: int(len(data) * fraction)])
    return target


def test_load_counts_and_noop_reload(store: Store) -> None:
    un = shared_path("lists", "un-2026", "UN_consolidated.xml")
    (first,) = store.load([open_list(un)])
    assert not first.unchanged
    assert first.snapshot.source == "un-sc"
    assert first.snapshot.entity_count == 1003
    assert first.snapshot.schema_counts == {"Organization": 273, "Person": 730}
    assert first.snapshot.published is not None
    assert first.snapshot.published.isoformat() == "2026-02-27"
    assert len(first.snapshot.content_hash) == 64

    (again,) = store.load([open_list(un)])
    assert again.unchanged
    assert again.snapshot.id == first.snapshot.id
    assert len(store.snapshots("un-sc")) == 1


def test_failed_load_keeps_previous_snapshot(store: Store, tmp_path: Path) -> None:
    un = shared_path("lists", "un-2026", "UN_consolidated.xml")
    (loaded,) = store.load([open_list(un)])
    broken = _truncated_copy(un, tmp_path / "UN_consolidated.xml")
    cons = shared_path("lists", "ofac-cons-2025")
    with pytest.raises(SourceError) as caught:
        store.load([open_list(cons), open_list(broken)])
    assert "UN_consolidated.xml line" in str(caught.value)
    # Nothing of the failed command was kept: not the good OFAC list, not a half UN list.
    current = {s.source: s for s in store.current()}
    assert set(current) == {"un-sc"}
    assert current["un-sc"].id == loaded.snapshot.id
    assert current["un-sc"].entity_count == 1003
    assert len(store.snapshots()) == 1
    assert store.entity("CDi.001")[0].snapshot.id == loaded.snapshot.id


def test_diff_of_two_sdn_editions(store: Store) -> None:
    store.load([open_list(shared_path("lists", "ofac-sdn-2021"))])
    store.load([open_list(shared_path("lists", "ofac-sdn-2024", "sdn.csv"))])
    old, new = store.snapshots("ofac-sdn")
    assert (old.entity_count, new.entity_count) == (8976, 14965)
    diff = store.diff("ofac-sdn")
    assert (diff.old.id, diff.new.id) == (old.id, new.id)
    added = {entity_id for entity_id, _ in diff.added}
    removed = {entity_id for entity_id, _ in diff.removed}
    changed = {c.entity_id: c for c in diff.changed}
    assert len(added) - len(removed) == 14965 - 8976
    assert added.isdisjoint(removed) and added.isdisjoint(changed)
    # The 2024 file has no alias or address companion files, so entries that had
    # aliases in 2021 changed their names: the diff names that field.
    demir = changed.get("ofac-27018")
    assert demir is None or set(demir.fields) <= {"addresses", "names", "notes", "unparsed"}
    with_aliases = [c for c in diff.changed if "names" in c.fields]
    assert with_aliases
    assert all(c.fields["names"]["removed"] for c in with_aliases[:20])


def test_diff_needs_two_snapshots(store: Store) -> None:
    store.load([open_list(shared_path("lists", "ofac-cons-2025"))])
    with pytest.raises(DiffError, match="a diff needs two"):
        store.diff("ofac-cons")
    with pytest.raises(DiffError, match="no snapshot with id 999"):
        store.diff(None, 1, 999)


def test_relationship_resolved_across_sources(store: Store) -> None:
    store.load(
        [
            open_list(shared_path("lists", "ofac-sdn-2021")),
            open_list(shared_path("lists", "ofac-cons-2025")),
        ]
    )
    (demir,) = store.entity("27018")
    links = [r for r in demir.entity.relationships if r.kind.value == "linked_to"]
    assert [r.target_id for r in links] == ["ofac-27016"]
    assert demir.snapshot.source == "ofac-sdn"


def test_same_content_under_another_name_is_still_a_noop(store: Store, tmp_path: Path) -> None:
    cons = shared_path("lists", "ofac-cons-2025")
    copy = tmp_path / "cons-copy"
    shutil.copytree(cons, copy)
    (first,) = store.load([open_list(cons)])
    (second,) = store.load([open_list(copy)])
    assert second.unchanged and second.snapshot.id == first.snapshot.id
