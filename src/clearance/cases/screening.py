"""Screening customers of the book into cases.

Each customer is matched against the loaded lists at the review threshold; every match
becomes an :class:`~clearance.cases.workflow.Alert` carrying the customer's and the listed
entity's content hashes (what allow-list entries are checked against) and goes through
:func:`~clearance.cases.workflow.record_alerts`. Matching runs on every core for large sets
(worker processes fork with the loaded index); recording runs in the parent, a transaction
per chunk.
"""

from __future__ import annotations

import multiprocessing
import os
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime

from sqlalchemy import Engine

from clearance.cases.book import Customer, CustomerBook
from clearance.cases.workflow import Alert, AlertOutcome, record_alerts
from clearance.matching import REVIEW_THRESHOLD, Matcher, MatchResult
from clearance.store.lookup import current_entity_hashes

CHUNK = 200
PARALLEL_FROM = 2000  # fewer customers than this are screened in-process


@dataclass
class ScreeningRun:
    screened: int = 0
    alerts: int = 0
    outcomes: dict[str, int] = field(default_factory=dict)
    cases: list[int] = field(default_factory=list)  # opened or re-opened

    def add(self, outcomes: list[AlertOutcome]) -> None:
        for outcome in outcomes:
            self.alerts += 1
            self.outcomes[outcome.action] = self.outcomes.get(outcome.action, 0) + 1
            if outcome.action in ("opened", "reopened") and outcome.case_id is not None:
                self.cases.append(outcome.case_id)

    def to_dict(self) -> dict[str, object]:
        return {
            "screened": self.screened,
            "alerts": self.alerts,
            "outcomes": dict(sorted(self.outcomes.items())),
            "cases_opened_or_reopened": len(self.cases),
        }


_WORKER: tuple[Matcher, float] | None = None


def _match_chunk(chunk: list[Customer]) -> list[tuple[Customer, list[MatchResult]]]:
    assert _WORKER is not None
    matcher, threshold = _WORKER
    return [(c, matcher.match(c.query, limit=10, threshold=threshold)) for c in chunk]


def match_customers(
    matcher: Matcher,
    customers: Iterable[Customer],
    threshold: float = REVIEW_THRESHOLD,
    workers: int | None = None,
    expected: int | None = None,
) -> Iterator[list[tuple[Customer, list[MatchResult]]]]:
    """Chunks of (customer, matches), in input order."""
    global _WORKER
    _WORKER = (matcher, threshold)
    chunks = _chunks(customers)
    workers = workers or os.cpu_count() or 1
    if workers <= 1 or (expected is not None and expected < PARALLEL_FROM):
        for chunk in chunks:
            yield _match_chunk(chunk)
        return
    with multiprocessing.get_context("fork").Pool(workers) as pool:
        yield from pool.imap(_match_chunk, chunks)


def screen_into_cases(
    engine: Engine,
    matcher: Matcher,
    customers: Iterable[Customer],
    actor: str,
    workers: int | None = None,
    expected: int | None = None,
    on_progress: Callable[[int], None] | None = None,
) -> ScreeningRun:
    """Screen ``customers``; their alerts go to cases."""
    run = ScreeningRun()
    book = CustomerBook(engine)
    chunks = match_customers(matcher, customers, workers=workers, expected=expected)
    for chunk in chunks:
        alerts = [(customer, result) for customer, results in chunk for result in results]
        with engine.begin() as connection:
            hashes = current_entity_hashes(connection, [r.entity_id for _, r in alerts])
            run.add(
                record_alerts(
                    connection,
                    [
                        Alert(
                            c.customer_id,
                            c.query.name,
                            c.record_hash,
                            r,
                            hashes.get(r.entity_id),
                        )
                        for c, r in alerts
                    ],
                    actor,
                )
            )
            book.mark_screened(connection, [c.customer_id for c, _ in chunk], datetime.now(UTC))
        run.screened += len(chunk)
        if on_progress:
            on_progress(len(chunk))
    return run


def _chunks(customers: Iterable[Customer]) -> Iterator[list[Customer]]:
    chunk: list[Customer] = []
    for customer in customers:
        chunk.append(customer)
        if len(chunk) >= CHUNK:
            yield chunk
            chunk = []
    if chunk:
        yield chunk
