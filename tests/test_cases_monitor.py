"""Continuous monitoring on the real OFAC SDN 2024 list, changed the way daily updates change
it: the book is screened against the list with some entries missing; loading the entries
re-screens only the customers the addition could affect, yet records every alert a full
re-screen finds on them; delisting flags the cases; a change to most of the list runs in full.
"""

from __future__ import annotations

import csv
import random
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import select
from tests.conftest import shared_path

from clearance.cases import ClearanceService, Principal, Role
from clearance.cases.book import Customer
from clearance.cases.screening import match_customers
from clearance.matching import Query
from clearance.model import Entity
from clearance.sources import open_list
from clearance.store.schema import case_events, cases

pytestmark = pytest.mark.shared_data

HELD_BACK = 30  # entries missing from the first list, listed by the update
DELISTED = 5


def _schema(entity: Entity) -> str:
    value = entity.schema.value
    return value if value in ("Person", "Organization", "Vessel") else "LegalEntity"


def _without(source: Path, target: Path, ids: set[str]) -> Path:
    """The OFAC SDN CSV without the entries whose ent_num is in ``ids`` (one entry a line)."""
    target.mkdir(parents=True, exist_ok=True)
    kept = [
        line
        for line in source.read_bytes().split(b"\r\n")
        if line.split(b",", 1)[0].decode() not in ids
    ]
    path = target / "sdn.csv"
    path.write_bytes(b"\r\n".join(kept))
    return path


def _pairs(service: ClearanceService) -> set[tuple[str, str]]:
    with service.store.engine.connect() as connection:
        rows = connection.execute(select(cases.c.customer_id, cases.c.entity_id)).all()
    return {(r.customer_id, r.entity_id) for r in rows}


@pytest.fixture(scope="module")
def world(tmp_path_factory: pytest.TempPathFactory) -> Iterator[dict]:
    home = tmp_path_factory.mktemp("monitor")
    patch = pytest.MonkeyPatch()
    patch.setenv("CLEARANCE_HOME", str(home))
    sdn = shared_path("lists", "ofac-sdn-2024", "sdn.csv")
    negatives = shared_path("bench", "yente", "negatives_global.csv")
    entities = [e for e in open_list(sdn).entities if e.names]
    rng = random.Random(11)
    sample = rng.sample(entities, HELD_BACK + DELISTED)
    held, leaving = sample[:HELD_BACK], sample[HELD_BACK:]
    refs = lambda group: {e.source_ref for e in group}  # noqa: E731
    before = _without(sdn, home / "before", refs(held))
    after_delisting = _without(sdn, home / "delisted", refs(leaving))

    from clearance.store import Store

    service = ClearanceService(Store(str(home / "c.db")))
    secret, _ = service.principals.create_key(Role.ADMIN, "monitor-admin")
    admin = service.principals.authenticate(secret)
    assert admin is not None
    book = [
        Customer(f"HELD{i}", Query(name=e.names[0].value, schema=_schema(e), id=f"HELD{i}"), {})
        for i, e in enumerate(held)
    ] + [
        Customer(f"LEAVE{i}", Query(name=e.names[0].value, schema=_schema(e), id=f"LEAVE{i}"), {})
        for i, e in enumerate(leaving)
    ]
    with negatives.open(encoding="utf-8") as handle:
        for number, row in enumerate(csv.DictReader(handle)):
            if number >= 400:
                break
            query = Query(
                name=row["full_name"],
                schema="Person",
                birth_date=row["date_of_birth"],
                id=f"NEG{number}",
            )
            book.append(Customer(f"NEG{number}", query, {"segment": "retail"}))
    loaded = service.book.load(book)
    assert len(loaded.added) == len(book) and not loaded.bad_rows
    service.load_lists(admin, [open_list(before)], monitor_after=False)
    first = service.monitor(admin, workers=1)
    snapshots = {"first": first, "pairs_before": _pairs(service)}
    service.load_lists(admin, [open_list(sdn)], monitor_after=False)
    snapshots["listing"] = service.monitor(admin, workers=1)
    snapshots["pairs_listing"] = _pairs(service)
    full: set[tuple[str, str]] = set()
    for chunk in match_customers(service.matcher, service.book.iter_customers(), workers=1):
        for customer, results in chunk:
            full.update((customer.customer_id, r.entity_id) for r in results)
    snapshots["full_after_listing"] = full
    service.load_lists(admin, [open_list(after_delisting)], monitor_after=False)
    snapshots["delisting"] = service.monitor(admin, workers=1)
    yield {
        "service": service,
        "admin": admin,
        "book": book,
        "held": {e.id for e in held},
        "leaving": {e.id for e in leaving},
        **snapshots,
    }
    patch.undo()


def test_the_first_run_screens_the_whole_book(world: dict) -> None:
    first = world["first"]
    assert first.full and first.full_because == "first run"
    assert first.screening.screened == len(world["book"])


def test_a_listing_rescreens_only_whom_it_could_affect(world: dict) -> None:
    run = world["listing"]
    assert not run.full and run.changed_sources == ["ofac-sdn"]
    assert (run.added, run.changed, run.removed) == (HELD_BACK, 0, 0)
    assert 0 < run.screening.screened < len(world["book"]) // 2
    new = world["pairs_listing"] - world["pairs_before"]
    found = {customer for customer, entity in new if entity in world["held"]}
    assert len({c for c in found if c.startswith("HELD")}) >= HELD_BACK - 2


def test_the_listing_run_records_what_a_full_rescreen_finds(world: dict) -> None:
    on_new_entities = {p for p in world["full_after_listing"] if p[1] in world["held"]}
    missing = on_new_entities - world["pairs_listing"]
    assert not missing, sorted(missing)[:10]


def test_delisting_flags_cases_and_rescreens_who_shared_its_names(world: dict) -> None:
    run = world["delisting"]
    assert (run.added, run.removed) == (0, DELISTED) and not run.full
    assert run.delisted_cases >= DELISTED - 1
    assert 0 < run.screening.screened < len(world["book"])
    service: ClearanceService = world["service"]
    with service.store.engine.connect() as connection:
        flagged = set(
            connection.execute(
                select(cases.c.entity_id)
                .select_from(case_events.join(cases))
                .where(case_events.c.kind == "delisted")
            ).scalars()
        )
    assert flagged <= world["leaving"] and len(flagged) >= DELISTED - 1


def test_idle_runs_screen_nobody_and_edits_rescreen_one(world: dict) -> None:
    service: ClearanceService = world["service"]
    admin: Principal = world["admin"]
    idle = service.monitor(admin, workers=1)
    assert idle.changed_sources == [] and idle.screening.screened == 0
    edited = world["book"][-1]
    moved = Customer(
        edited.customer_id,
        Query(name=edited.query.name + " Junior", schema="Person", id=edited.customer_id),
        {},
    )
    result = service.book.load([moved, world["book"][-2]])
    assert result.changed == [edited.customer_id] and result.unchanged == 1
    again = service.monitor(admin, workers=1)
    assert again.new_or_changed_customers == 1 and again.screening.screened == 1
    assert service.audit.verify().ok
    runs = list(service.audit.records(action="monitor.run"))
    assert len(runs) == 5 and runs[1].payload["entities"]["added"] == HELD_BACK


def test_a_change_to_most_of_the_list_runs_in_full(world: dict) -> None:
    service: ClearanceService = world["service"]
    service.load_lists(
        world["admin"], [open_list(shared_path("lists", "ofac-sdn-2021"))], monitor_after=False
    )
    run = service.monitor(world["admin"], workers=1)
    assert run.full and "listed entities changed" in (run.full_because or "")
    assert run.screening.screened == len(world["book"])


def test_a_serving_service_freezes_its_index_and_a_reload_frees_the_old_one(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A server's index is out of the collector's reach, and swapping it on a list change
    does not keep the old one alive (it holds no reference cycles)."""
    import gc
    import weakref

    from clearance.cli.demo import sample_list_paths
    from clearance.store import Store

    monkeypatch.setenv("CLEARANCE_HOME", str(tmp_path))  # where the index is saved
    store = Store(f"sqlite:///{tmp_path / 'lists.db'}")
    store.load([open_list(p) for p in sample_list_paths()])
    service = ClearanceService(store, freeze_index=True)
    try:
        first = service.matcher
        assert gc.get_freeze_count() > 0
        old = weakref.ref(first.index)
        del first
        assert service.reload() is service.matcher
        assert old() is None  # freed by reference counting alone, frozen or not
        assert service.matcher.match(Query("Ismail Demir", "Person"))
    finally:
        gc.unfreeze()  # this test process goes on collecting as before
