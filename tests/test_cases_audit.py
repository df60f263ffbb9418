"""The hash-chained audit trail: appends from many threads keep one chain; editing, deleting
or re-ordering any record is detected and named; exports carry every field (SQLite and
PostgreSQL)."""

from __future__ import annotations

import csv
import io
import itertools
import json
import threading
from pathlib import Path

import pytest
from sqlalchemy import delete, update
from tests.conftest import fresh_store_url

from clearance.cases.audit import AuditLog
from clearance.store import Store
from clearance.store.schema import audit_head, audit_log


@pytest.fixture(params=["sqlite", "postgresql"])
def log(request: pytest.FixtureRequest, tmp_path: Path) -> AuditLog:
    return AuditLog(Store(fresh_store_url(request.param, tmp_path)).engine)


def _fill(log: AuditLog, count: int = 6) -> None:
    for number in range(count):
        log.append(f"user{number % 2}", "screen", None, {"query": {"name": f"Name {number}"}})


def test_an_empty_log_verifies(log: AuditLog) -> None:
    assert log.verify().ok and log.verify().records == 0


def test_records_chain_to_each_other(log: AuditLog) -> None:
    _fill(log)
    records = list(log.records())
    assert [r.seq for r in records] == [1, 2, 3, 4, 5, 6]
    assert records[0].prev_hash == "0" * 64
    assert all(b.prev_hash == a.hash for a, b in itertools.pairwise(records))
    result = log.verify()
    assert result.ok and result.records == 6


def test_concurrent_appends_keep_one_chain(log: AuditLog) -> None:
    def work(worker: int) -> None:
        for number in range(10):
            log.append(f"w{worker}", "screen", str(number), {"n": number})

    threads = [threading.Thread(target=work, args=(w,)) for w in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    result = log.verify()
    assert result.ok, result.problem
    assert result.records == 80


def test_an_edited_payload_is_named(log: AuditLog) -> None:
    _fill(log)
    with log.engine.begin() as connection:
        connection.execute(
            update(audit_log).where(audit_log.c.seq == 3).values(payload='{"query":{}}')
        )
    result = log.verify()
    assert not result.ok and result.seq == 3 and "record 3 was edited" in (result.problem or "")


def test_an_edited_actor_with_a_recomputed_hash_breaks_the_next_link(log: AuditLog) -> None:
    _fill(log)
    from clearance.cases.audit import record_hash

    record = log.get(2)
    assert record is not None
    forged = record_hash(
        record.prev_hash,
        2,
        record.at,
        "mallory",
        record.action,
        record.subject,
        json.dumps(record.payload, sort_keys=True, separators=(",", ":")),
    )
    with log.engine.begin() as connection:
        connection.execute(
            update(audit_log).where(audit_log.c.seq == 2).values(actor="mallory", hash=forged)
        )
    result = log.verify()
    assert not result.ok and result.seq == 3 and "does not link" in (result.problem or "")


def test_a_deleted_record_is_named(log: AuditLog) -> None:
    _fill(log)
    with log.engine.begin() as connection:
        connection.execute(delete(audit_log).where(audit_log.c.seq == 4))
    result = log.verify()
    assert not result.ok and result.seq == 4 and "missing" in (result.problem or "")


def test_deleting_the_newest_records_is_detected(log: AuditLog) -> None:
    _fill(log)
    with log.engine.begin() as connection:
        connection.execute(delete(audit_log).where(audit_log.c.seq >= 5))
    result = log.verify()
    assert not result.ok and "newest records were deleted" in (result.problem or "")
    with log.engine.begin() as connection:
        connection.execute(update(audit_head).values(seq=4))
    assert not log.verify().ok  # the head's hash still names record 6


def test_exports_carry_every_field(log: AuditLog) -> None:
    _fill(log, 3)
    lines = "".join(log.export(log.records(), "jsonl")).splitlines()
    assert [json.loads(line)["seq"] for line in lines] == [1, 2, 3]
    assert json.loads(lines[0])["payload"] == {"query": {"name": "Name 0"}}
    rows = list(csv.DictReader(io.StringIO("".join(log.export(log.records(), "csv")))))
    assert len(rows) == 3 and rows[2]["hash"] == log.get(3).hash  # type: ignore[union-attr]
    with pytest.raises(ValueError, match="csv or jsonl"):
        list(log.export(log.records(), "xml"))
