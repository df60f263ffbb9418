"""The tamper-evident audit trail: an append-only, hash-chained log.

Every screening, decision, disposition, approval, list load and key change is appended as a
record ``(seq, at, actor, action, subject, payload)``; its ``hash`` is the SHA-256 of the
previous record's hash followed by the record's canonical JSON. Editing any field of any
record breaks its hash; deleting a record breaks the next record's link; deleting the newest
records is caught by ``audit_head``, the one-row table holding the newest seq and hash, which
every append updates in the same transaction (and which serialises appends on SQLite and
PostgreSQL alike). Someone able to rewrite the whole table and the head together can forge
the chain: export it regularly (``clearance audit export``) and keep the newest hash elsewhere.
"""

from __future__ import annotations

import csv
import hashlib
import io
import json
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import Connection, Engine, insert, select, update

from clearance.store import LoadResult
from clearance.store.dialect import insert_ignore
from clearance.store.schema import audit_head, audit_log

GENESIS = "0" * 64


@dataclass(frozen=True)
class AuditRecord:
    seq: int
    at: datetime
    actor: str
    action: str
    subject: str | None
    payload: dict[str, Any]
    prev_hash: str
    hash: str

    def to_dict(self) -> dict[str, object]:
        return {
            "seq": self.seq,
            "at": self.at.isoformat(),
            "actor": self.actor,
            "action": self.action,
            "subject": self.subject,
            "payload": self.payload,
            "prev_hash": self.prev_hash,
            "hash": self.hash,
        }


@dataclass(frozen=True)
class Verification:
    ok: bool
    records: int
    problem: str | None = None
    seq: int | None = None  # the first record found wrong

    def to_dict(self) -> dict[str, object]:
        return {"ok": self.ok, "records": self.records, "problem": self.problem, "seq": self.seq}


def canonical_json(value: Any) -> str:
    return json.dumps(value, sort_keys=True, separators=(",", ":"), ensure_ascii=False, default=str)


def record_hash(
    prev_hash: str,
    seq: int,
    at: datetime,
    actor: str,
    action: str,
    subject: str | None,
    payload: str,
) -> str:
    body = canonical_json(
        {
            "seq": seq,
            "at": _utc(at).isoformat(),
            "actor": actor,
            "action": action,
            "subject": subject,
            "payload": payload,
        }
    )
    return hashlib.sha256((prev_hash + body).encode()).hexdigest()


def append(
    connection: Connection,
    actor: str,
    action: str,
    subject: str | None,
    payload: dict[str, Any],
) -> AuditRecord:
    """Append a record inside the caller's transaction (so it commits with what it records)."""
    connection.execute(insert_ignore(connection, audit_head), {"id": 1, "seq": 0, "hash": GENESIS})
    # The UPDATE takes the head row's write lock before the head is read: appends serialise.
    connection.execute(update(audit_head).where(audit_head.c.id == 1).values(id=1))
    head = connection.execute(select(audit_head.c.seq, audit_head.c.hash)).one()
    seq = head.seq + 1
    at = datetime.now(UTC)
    text = canonical_json(payload)
    digest = record_hash(head.hash, seq, at, actor, action, subject, text)
    connection.execute(
        insert(audit_log),
        {
            "seq": seq,
            "at": at,
            "actor": actor,
            "action": action,
            "subject": subject,
            "payload": text,
            "prev_hash": head.hash,
            "hash": digest,
        },
    )
    connection.execute(update(audit_head).where(audit_head.c.id == 1).values(seq=seq, hash=digest))
    return AuditRecord(seq, at, actor, action, subject, payload, head.hash, digest)


def record_loads(engine: Engine, actor: str, results: Iterable[LoadResult]) -> None:
    """One ``lists.load`` record per list loaded (or found unchanged)."""
    with engine.begin() as connection:
        for result in results:
            snapshot = result.snapshot
            append(
                connection,
                actor,
                "lists.load",
                snapshot.source,
                {
                    "source": snapshot.source,
                    "snapshot_id": snapshot.id,
                    "content_hash": snapshot.content_hash,
                    "entity_count": snapshot.entity_count,
                    "unchanged": result.unchanged,
                    "files": snapshot.files,
                },
            )


class AuditLog:
    """The audit trail of one store."""

    def __init__(self, engine: Engine) -> None:
        self.engine = engine

    def append(
        self, actor: str, action: str, subject: str | None, payload: dict[str, Any]
    ) -> AuditRecord:
        with self.engine.begin() as connection:
            return append(connection, actor, action, subject, payload)

    def records(
        self,
        since: datetime | None = None,
        until: datetime | None = None,
        action: str | None = None,
        batch: int = 5000,
    ) -> Iterator[AuditRecord]:
        query = select(audit_log).order_by(audit_log.c.seq)
        if since is not None:
            query = query.where(audit_log.c.at >= since)
        if until is not None:
            query = query.where(audit_log.c.at < until)
        if action is not None:
            query = query.where(audit_log.c.action == action)
        with self.engine.connect() as connection:
            result = connection.execution_options(yield_per=batch).execute(query)
            for row in result:
                yield _record(row)

    def get(self, seq: int) -> AuditRecord | None:
        with self.engine.connect() as connection:
            row = connection.execute(select(audit_log).where(audit_log.c.seq == seq)).first()
        return _record(row) if row else None

    def verify(self) -> Verification:
        """Walk the chain from the first record; the first break found is reported."""
        previous = GENESIS
        expected_seq = 1
        count = 0
        with self.engine.connect() as connection:
            head = connection.execute(select(audit_head.c.seq, audit_head.c.hash)).first()
            rows = connection.execution_options(yield_per=5000).execute(
                select(audit_log).order_by(audit_log.c.seq)
            )
            for row in rows:
                count += 1
                if row.seq != expected_seq:
                    return Verification(
                        False,
                        count,
                        f"record {expected_seq} is missing (the next record is {row.seq})",
                        expected_seq,
                    )
                if row.prev_hash != previous:
                    return Verification(
                        False,
                        count,
                        f"record {row.seq} does not link to record {row.seq - 1}: "
                        "a record before it was edited or replaced",
                        row.seq,
                    )
                digest = record_hash(
                    row.prev_hash, row.seq, row.at, row.actor, row.action, row.subject, row.payload
                )
                if digest != row.hash:
                    return Verification(
                        False,
                        count,
                        f"record {row.seq} was edited: its hash does not match",
                        row.seq,
                    )
                previous = row.hash
                expected_seq += 1
        last_seq = expected_seq - 1
        if head is None:
            if count:
                return Verification(False, count, "the audit head is missing", None)
            return Verification(True, 0)
        if head.seq != last_seq or head.hash != previous:
            return Verification(
                False,
                count,
                f"the chain ends at record {last_seq} but the head records {head.seq}: "
                "the newest records were deleted or the head was edited",
                last_seq + 1,
            )
        return Verification(True, count)

    def export(self, records: Iterator[AuditRecord], fmt: str) -> Iterator[str]:
        """The records as JSON lines or CSV text (header first), chunk by chunk."""
        if fmt == "jsonl":
            for record in records:
                yield json.dumps(record.to_dict(), ensure_ascii=False) + "\n"
            return
        if fmt != "csv":
            raise ValueError(f"unknown export format {fmt!r}; choose csv or jsonl")
        fields = ["seq", "at", "actor", "action", "subject", "payload", "prev_hash", "hash"]
        buffer = io.StringIO()
        writer = csv.writer(buffer)
        writer.writerow(fields)
        for record in records:
            row = record.to_dict()
            row["payload"] = canonical_json(record.payload)
            writer.writerow([row[f] for f in fields])
            if buffer.tell() > 65536:
                yield buffer.getvalue()
                buffer.seek(0)
                buffer.truncate()
        yield buffer.getvalue()


def _record(row: Any) -> AuditRecord:
    return AuditRecord(
        row.seq,
        _utc(row.at),
        row.actor,
        row.action,
        row.subject,
        json.loads(row.payload),
        row.prev_hash,
        row.hash,
    )


def _utc(moment: datetime) -> datetime:
    """SQLite hands back naive datetimes: they were written in UTC."""
    return moment.replace(tzinfo=UTC) if moment.tzinfo is None else moment.astimezone(UTC)
