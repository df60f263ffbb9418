"""The customer book: the parties a firm keeps screening, with the keys monitoring selects by.

A book is loaded from the batch file format (CSV, JSON lines or Parquet with
``id,name,schema,birth_date,nationality,country,id_number``; other columns are kept). A
customer's ``record_hash`` covers only what screening reads, so an edit to a pass-through
column neither re-screens the customer nor re-opens an allow-listed alert; a changed name,
birth date or identifier does both.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from sqlalchemy import Connection, Engine, delete, func, insert, select, update

from clearance.matching import Query
from clearance.matching.keys import screening_keys
from clearance.screening.batch import BadRow, Row, read_records, to_row
from clearance.store.batches import in_batches
from clearance.store.schema import customer_keys, customers

SCREENED_FIELDS = ("name", "schema", "birth_date", "nationality", "country", "id_number", "gender")
WRITE_BATCH = 1000


@dataclass(frozen=True)
class Customer:
    customer_id: str
    query: Query
    passthrough: dict[str, Any]

    @property
    def record_hash(self) -> str:
        return customer_hash(self.query)

    def to_dict(self) -> dict[str, object]:
        return {"id": self.customer_id, **screened_fields(self.query), **self.passthrough}


@dataclass
class BookLoad:
    rows: int = 0
    added: list[str] = field(default_factory=list)
    changed: list[str] = field(default_factory=list)
    unchanged: int = 0
    bad_rows: list[BadRow] = field(default_factory=list)

    def to_dict(self) -> dict[str, object]:
        return {
            "rows": self.rows,
            "added": len(self.added),
            "changed": len(self.changed),
            "unchanged": self.unchanged,
            "bad_rows": [{"line": b.line, "reason": b.reason} for b in self.bad_rows],
        }


def screened_fields(query: Query) -> dict[str, object]:
    return {name: getattr(query, name) for name in SCREENED_FIELDS}


def customer_hash(query: Query) -> str:
    text = json.dumps(screened_fields(query), sort_keys=True, ensure_ascii=False)
    return hashlib.sha256(text.encode()).hexdigest()


def customer_from_row(row: Row) -> Customer | BadRow:
    if not row.query.id:
        return BadRow(row.line, "id is empty (a customer book needs an id per row)")
    return Customer(row.query.id, row.query, row.passthrough)


def read_book(path: Path, mapping: dict[str, str] | None = None) -> Iterator[Customer | BadRow]:
    """Customers of a batch file, or the bad rows with their line numbers."""
    seen: set[str] = set()
    for line, record in read_records(path, mapping or {}):
        row = to_row(line, record)
        customer = row if isinstance(row, BadRow) else customer_from_row(row)
        if isinstance(customer, Customer):
            if customer.customer_id in seen:
                customer = BadRow(line, f"id {customer.customer_id!r} appears twice")
            else:
                seen.add(customer.customer_id)
        yield customer


class CustomerBook:
    """The customers of one store."""

    def __init__(self, engine: Engine) -> None:
        self.engine = engine

    def load(
        self,
        items: Iterable[Customer | BadRow],
        on_progress: Callable[[int], None] | None = None,
    ) -> BookLoad:
        """Add new customers and update changed ones; unchanged rows are left as they are."""
        result = BookLoad()
        batch: list[Customer] = []
        for item in items:
            result.rows += 1
            if isinstance(item, BadRow):
                result.bad_rows.append(item)
                continue
            batch.append(item)
            if len(batch) >= WRITE_BATCH:
                self._write(batch, result)
                if on_progress:
                    on_progress(len(batch))
                batch = []
        if batch:
            self._write(batch, result)
            if on_progress:
                on_progress(len(batch))
        return result

    def _write(self, batch: list[Customer], result: BookLoad) -> None:
        now = datetime.now(UTC)
        with self.engine.begin() as connection:
            ids = [c.customer_id for c in batch]
            known = dict(
                connection.execute(
                    select(customers.c.customer_id, customers.c.record_hash).where(
                        customers.c.customer_id.in_(ids)
                    )
                ).all()
            )
            new_rows, key_rows = [], []
            for customer in batch:
                digest = customer.record_hash
                previous = known.get(customer.customer_id)
                if previous == digest:
                    result.unchanged += 1
                    continue
                values = {
                    "name": customer.query.name,
                    "schema": customer.query.schema,
                    "record": json.dumps(customer.to_dict(), ensure_ascii=False, default=str),
                    "record_hash": digest,
                    "updated_at": now,
                }
                if previous is None:
                    new_rows.append({"customer_id": customer.customer_id, **values})
                    result.added.append(customer.customer_id)
                else:
                    connection.execute(
                        update(customers)
                        .where(customers.c.customer_id == customer.customer_id)
                        .values(**values)
                    )
                    connection.execute(
                        delete(customer_keys).where(
                            customer_keys.c.customer_id == customer.customer_id
                        )
                    )
                    result.changed.append(customer.customer_id)
                key_rows.extend(
                    {"key": key, "customer_id": customer.customer_id}
                    for key in screening_keys(customer.query.name, customer.query.schema)
                )
            if new_rows:
                connection.execute(insert(customers), new_rows)
            if key_rows:
                connection.execute(insert(customer_keys), key_rows)

    def get(self, customer_id: str) -> Customer | None:
        with self.engine.connect() as connection:
            row = connection.execute(
                select(customers.c.record).where(customers.c.customer_id == customer_id)
            ).first()
        return _customer(row.record) if row else None

    def count(self) -> int:
        with self.engine.connect() as connection:
            return connection.execute(select(func.count()).select_from(customers)).scalar_one()

    def iter_customers(
        self, ids: Iterable[str] | None = None, batch: int = 2000
    ) -> Iterator[Customer]:
        """Every customer (or those of ``ids``), in id order."""
        with self.engine.connect() as connection:
            if ids is None:
                result = connection.execution_options(yield_per=batch).execute(
                    select(customers.c.record).order_by(customers.c.customer_id)
                )
                for row in result:
                    yield _customer(row.record)
                return
            for batch_ids in in_batches(ids):
                rows = connection.execute(
                    select(customers.c.record)
                    .where(customers.c.customer_id.in_(batch_ids))
                    .order_by(customers.c.customer_id)
                ).all()
                for row in rows:
                    yield _customer(row.record)

    def sharing_keys(self, keys: Iterable[str]) -> set[str]:
        """Ids of the customers with at least one of ``keys``."""
        found: set[str] = set()
        with self.engine.connect() as connection:
            for batch in in_batches(keys):
                found.update(
                    connection.execute(
                        select(customer_keys.c.customer_id)
                        .where(customer_keys.c.key.in_(batch))
                        .distinct()
                    ).scalars()
                )
        return found

    def unscreened(self) -> list[str]:
        """Customers added or changed since they were last screened."""
        with self.engine.connect() as connection:
            return list(
                connection.execute(
                    select(customers.c.customer_id).where(
                        (customers.c.screened_at.is_(None))
                        | (customers.c.screened_at < customers.c.updated_at)
                    )
                ).scalars()
            )

    def mark_screened(self, connection: Connection, ids: Iterable[str], at: datetime) -> None:
        for batch in in_batches(ids):
            connection.execute(
                update(customers).where(customers.c.customer_id.in_(batch)).values(screened_at=at)
            )


def _customer(record_json: str) -> Customer:
    record = json.loads(record_json)
    query_fields = {k: record.get(k) for k in SCREENED_FIELDS}
    query = Query(id=record["id"], **query_fields)
    passthrough = {k: v for k, v in record.items() if k not in (*SCREENED_FIELDS, "id")}
    return Customer(record["id"], query, passthrough)
