"""Continuous monitoring on the real OFAC SDN lists: the book is screened against the 2021
list, the 2024 list is loaded over it, and the re-screen touches only the customers the
difference could affect, yet finds every alert a full re-screen finds."""

from __future__ import annotations

import csv
import random
from collections.abc import Iterator

import pytest
from sqlalchemy import select
from tests.conftest import shared_path

from clearance.cases import ClearanceService, Principal, Role
from clearance.cases.book import Customer
from clearance.cases.screening import match_customers
from clearance.matching import Query
from clearance.model import Entity
from clearance.sources import open_list
from clearance.store import Store
from clearance.store.schema import case_events, cases

pytestmark = pytest.mark.shared_data


def _schema(entity: Entity) -> str:
    value = entity.schema.value
    return value if value in ("Person", "Organization", "Vessel") else "LegalEntity"


@pytest.fixture(scope="module")
def world(tmp_path_factory: pytest.TempPathFactory) -> Iterator[dict]:
    home = tmp_path_factory.mktemp("monitor")
    patch = pytest.MonkeyPatch()
    patch.setenv("CLEARANCE_HOME", str(home))
    old_list = shared_path("lists", "ofac-sdn-2021")
    new_list = shared_path("lists", "ofac-sdn-2024", "sdn.csv")
    negatives = shared_path("bench", "yente", "negatives_global.csv")
    service = ClearanceService(Store(str(home / "c.db")))
    secret, _ = service.principals.create_key(Role.ADMIN, "monitor-admin")
    admin = service.principals.authenticate(secret)
    assert admin is not None
    service.load_lists(admin, [open_list(old_list)])
    old_ids = {e.id for e in service.matcher.index.entities}
    new_entities = list(open_list(new_list).entities)
    added = [e for e in new_entities if e.id not in old_ids]
    rng = random.Random(11)
    book = [
        Customer(f"NEW{i}", Query(name=e.names[0].value, schema=_schema(e), id=f"NEW{i}"), {})
        for i, e in enumerate(rng.sample(added, 40))
    ]
    # An entity that leaves the list in 2024, as a customer whose case should be flagged.
    new_ids = {e.id for e in new_entities}
    leaver = next(e for e in service.matcher.index.entities if e.id not in new_ids)
    book.append(
        Customer("LEAVER", Query(name=leaver.caption, schema=leaver.schema, id="LEAVER"), {})
    )
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
    first = service.monitor(admin, workers=1)
    assert first.full and first.screening.screened == len(book)
    before = _alert_pairs(service)
    service.load_lists(admin, [open_list(new_list)], monitor_after=False)
    second = service.monitor(admin, workers=1)
    yield {
        "service": service,
        "admin": admin,
        "book": book,
        "before": before,
        "second": second,
        "leaver": leaver.id,
        "new_ids": new_ids,
    }
    patch.undo()


def _alert_pairs(service: ClearanceService) -> set[tuple[str, str]]:
    with service.store.engine.connect() as connection:
        rows = connection.execute(select(cases.c.customer_id, cases.c.entity_id)).all()
    return {(r.customer_id, r.entity_id) for r in rows}


def test_the_rescreen_is_selective(world: dict) -> None:
    run = world["second"]
    assert not run.full and run.changed_sources == ["ofac-sdn"]
    assert run.added > 6000 and run.removed > 800
    assert run.screening.screened == run.selected_by_keys < len(world["book"])
    assert run.screening.outcomes.get("opened", 0) >= 35  # the planted new listings


def test_the_rescreen_finds_what_a_full_rescreen_finds(world: dict) -> None:
    service: ClearanceService = world["service"]
    full: set[tuple[str, str]] = set()
    for chunk in match_customers(service.matcher, service.book.iter_customers(), workers=1):
        for customer, results in chunk:
            full.update((customer.customer_id, r.entity_id) for r in results)
    recorded = _alert_pairs(service)
    assert full - world["before"] <= recorded, sorted(full - recorded)[:10]
    planted = {c for c, _ in full if c.startswith("NEW")}
    assert len(planted) >= 35


def test_cases_of_delisted_entities_are_flagged(world: dict) -> None:
    service: ClearanceService = world["service"]
    with service.store.engine.connect() as connection:
        kinds = (
            connection.execute(
                select(case_events.c.kind)
                .select_from(case_events.join(cases))
                .where(cases.c.entity_id == world["leaver"])
            )
            .scalars()
            .all()
        )
    assert "opened" in kinds and "delisted" in kinds
    assert world["second"].delisted_cases >= 1


def test_nothing_changed_means_nothing_screened_and_edits_rescreen_one(world: dict) -> None:
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
    unchanged = world["book"][-2]
    result = service.book.load([moved, unchanged])
    assert result.changed == [edited.customer_id] and result.unchanged == 1
    again = service.monitor(admin, workers=1)
    assert again.new_or_changed_customers == 1 and again.screening.screened == 1
    assert service.audit.verify().ok
    runs = [r for r in service.audit.records(action="monitor.run")]
    assert len(runs) == 4 and runs[1].payload["entities"]["added"] == world["second"].added
