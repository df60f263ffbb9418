"""The service: screening, decisions, payments, lists and monitoring, each audited.

:class:`ClearanceService` is what the faces (HTTP API, analyst pages, CLI) hold. It owns the
store and the loaded matcher, checks the caller's role for every action, and appends an
audit record for every screening, decision, list load and monitoring run, carrying the
caller, the inputs, the snapshot hashes used and the outcome. A past decision can be replayed
against the very snapshots it used (:meth:`ClearanceService.replay`).
"""

from __future__ import annotations

import gc
import threading
from collections.abc import Callable, Iterable, Sequence
from dataclasses import asdict
from decimal import Decimal
from pathlib import Path
from typing import Any

from sqlalchemy import select

from clearance.cases.audit import AuditLog, record_loads
from clearance.cases.audit import append as audit
from clearance.cases.book import CustomerBook, customer_hash, screened_fields
from clearance.cases.monitor import MonitorRun, monitor
from clearance.cases.principals import Principal, Principals
from clearance.cases.roles import Permission
from clearance.cases.workflow import Alert, AlertOutcome, Cases, record_alerts, require
from clearance.enforcement.decide import CreditTerms, Decision, Party, decide
from clearance.enforcement.ledger import CreditLedger
from clearance.enforcement.measures import Context
from clearance.enforcement.ownership import OwnershipResult
from clearance.matching import REVIEW_THRESHOLD, Matcher, MatchResult, Query
from clearance.screening.batch import BatchSummary
from clearance.sources.base import ListRead
from clearance.store import LoadResult, Store
from clearance.store.lookup import current_entity_hashes
from clearance.store.schema import snapshots as snapshots_table


class ReplayError(ValueError):
    """The audit record cannot be replayed (not a decision, or its snapshots are gone)."""


class ClearanceService:
    def __init__(
        self, store: Store, matcher: Matcher | None = None, *, freeze_index: bool = False
    ) -> None:
        """``freeze_index``: for a process that serves (the API's workers), each index loaded
        is put out of the garbage collector's reach once it is built (see ``_loaded``)."""
        self.store = store
        self.freeze_index = freeze_index
        self.principals = Principals(store.engine)
        self.cases = Cases(store.engine)
        self.book = CustomerBook(store.engine)
        self.audit = AuditLog(store.engine)
        self._matcher = matcher
        self._lock = threading.Lock()

    # --- the loaded lists ---

    @property
    def matcher(self) -> Matcher:
        if self._matcher is None:
            with self._lock:
                if self._matcher is None:
                    self._matcher = self._loaded(Matcher.from_store(self.store))
        return self._matcher

    @property
    def ready(self) -> bool:
        return self._matcher is not None

    def reload(self) -> Matcher:
        """Index the current snapshots again (after a list load) and swap the matcher in."""
        fresh = self._loaded(Matcher.from_store(self.store))
        with self._lock:
            self._matcher = fresh
        return fresh

    def _loaded(self, matcher: Matcher) -> Matcher:
        """With ``freeze_index``, collect what garbage there is and freeze the rest: the
        index's millions of objects are then never walked by a full collection, which took
        0.1-0.3 s mid-request (in process, 20,000 queries: the longest query 280 ms, 88 ms
        frozen). A replaced index is still freed: it holds no reference cycles."""
        if self.freeze_index:
            matcher.warm_up()  # what the first query would build is frozen with the index
            gc.collect()
            gc.freeze()
        return matcher

    def lists_changed(self) -> bool:
        """Whether the store's current snapshots differ from the ones indexed (a list was
        loaded by another process, such as ``clearance lists update``)."""
        if self._matcher is None:
            return False
        current = {s.source: s.content_hash for s in self.store.current()}
        return current != self._matcher.snapshots

    def refresh(self, principal: Principal, run_monitor: bool) -> MonitorRun | None:
        """Re-index if the lists changed; then, if asked, re-screen the book for the change."""
        if not self.lists_changed():
            return None
        self.reload()
        if run_monitor and self.book.count():
            return self.monitor(principal, workers=1)
        return None

    def load_lists(
        self,
        principal: Principal,
        reads: Iterable[ListRead],
        monitor_after: bool = True,
        reindex: bool = True,
    ) -> tuple[list[LoadResult], MonitorRun | None]:
        """Load list files (atomically, per the store), re-index, and re-screen the book."""
        require(principal, Permission.ADMIN, "load lists")
        results = self.store.load(reads)
        record_loads(self.store.engine, principal.name, results)
        changed = any(not r.unchanged for r in results)
        if changed and reindex:
            self.reload()
        run = None
        if monitor_after and changed and reindex and self.book.count():
            run = self.monitor(principal, workers=1)
        return results, run

    def monitor(
        self,
        principal: Principal,
        full: bool = False,
        workers: int | None = None,
        on_progress: Callable[[int, int], None] | None = None,
    ) -> MonitorRun:
        require(principal, Permission.ADMIN, "run monitoring")
        return monitor(self.store, self.matcher, principal.name, full, workers, on_progress)

    # --- screening ---

    def screen(
        self,
        principal: Principal,
        queries: Sequence[Query],
        threshold: float | None = None,
        limit: int = 10,
        record_cases: bool = True,
        action: str = "screen",
    ) -> list[tuple[list[MatchResult], list[AlertOutcome]]]:
        """Matches per query. A query with an ``id`` is a customer: its alerts at or above the
        review threshold open or join cases (allow-listed ones come back ``suppressed``)."""
        require(principal, Permission.SCREEN, "screen")
        matcher = self.matcher
        floor = REVIEW_THRESHOLD if threshold is None else threshold
        answers = [matcher.match(q, limit=limit, threshold=floor) for q in queries]
        outcomes: list[list[AlertOutcome]] = [[] for _ in queries]
        with self.store.engine.begin() as connection:
            if record_cases:
                alerts, owners = [], []
                for position, (query, results) in enumerate(zip(queries, answers, strict=True)):
                    if not query.id:
                        continue
                    for result in results:
                        if result.score >= REVIEW_THRESHOLD:
                            alerts.append((query, result))
                            owners.append(position)
                if alerts:
                    hashes = current_entity_hashes(connection, [r.entity_id for _, r in alerts])
                    recorded = record_alerts(
                        connection,
                        [
                            Alert(q.id or "", q.name, customer_hash(q), r, hashes.get(r.entity_id))
                            for q, r in alerts
                        ],
                        principal.name,
                    )
                    for owner, outcome in zip(owners, recorded, strict=True):
                        outcomes[owner].append(outcome)
            audit(
                connection,
                principal.name,
                action,
                None,
                {
                    "queries": [_query_dict(q) for q in queries],
                    "threshold": floor,
                    "snapshots": matcher.snapshots,
                    "results": [
                        [
                            {"entity_id": r.entity_id, "score": round(r.score, 4), "match": r.match}
                            for r in results
                        ]
                        for results in answers
                    ],
                    "cases": [[o.to_dict() for o in found] for found in outcomes if found],
                },
            )
        return list(zip(answers, outcomes, strict=True))

    def record_batch(
        self, principal: Principal, source: Path, summary: BatchSummary, threshold: float
    ) -> None:
        """Audit a batch screening run (the output file holds the per-row results)."""
        require(principal, Permission.SCREEN, "screen")
        self.audit.append(
            principal.name,
            "screen.batch",
            source.name,
            {
                "file": str(source),
                "bytes": source.stat().st_size if source.exists() else None,
                "threshold": threshold,
                "snapshots": self.matcher.snapshots,
                "summary": summary.to_dict(),
            },
        )

    def decide(
        self,
        principal: Principal,
        context: Context,
        parties: Sequence[Party],
        amount: Decimal | None = None,
        credit: CreditTerms | None = None,
        ownership: OwnershipResult | None = None,
    ) -> Decision:
        require(principal, Permission.SCREEN, "decide")
        matcher = self.matcher
        ledger = CreditLedger(self.store.engine) if credit else None
        decision = decide(matcher, context, parties, amount, credit, ledger, ownership)
        extra = None
        if ownership is not None:
            extra = {
                "ownership_blocked": sorted(
                    p.id for p in parties if p.id and p.id in ownership.blocked
                )
            }
        self._audit_decision(principal, "decide", context, parties, amount, credit, decision, extra)
        return decision

    def decide_payment(self, principal: Principal, message: Any) -> Decision:
        from clearance.screening.payment_decision import decide_message, message_parties

        require(principal, Permission.SCREEN, "decide payments")
        matcher = self.matcher
        decision = decide_message(matcher, message)
        parties = message_parties(matcher, message)
        self._audit_decision(
            principal,
            "payment",
            Context.PAYMENT,
            parties,
            None,
            None,
            decision,
            {"message": {"kind": message.kind, "message_id": message.message_id}},
        )
        return decision

    def _audit_decision(
        self,
        principal: Principal,
        action: str,
        context: Context,
        parties: Sequence[Party],
        amount: Decimal | None,
        credit: CreditTerms | None,
        decision: Decision,
        extra: dict[str, Any] | None = None,
    ) -> None:
        self.audit.append(
            principal.name,
            action,
            context.value,
            {
                "context": context.value,
                "parties": [asdict(p) for p in parties],
                "amount": str(amount) if amount is not None else None,
                "credit": _credit_dict(credit),
                "snapshots": self.matcher.snapshots,
                "decision": decision.to_dict(),
                **(extra or {}),
            },
        )

    def replay(self, principal: Principal, seq: int) -> dict[str, object]:
        """Decide a recorded decision again against the snapshots it used.

        Returns the recorded and the replayed verdicts and binding citations, and whether they
        agree. The loan-cap ledger is not touched: a credit decision's measures are replayed,
        its cap check (which depends on the ledger at that time) is taken from the record."""
        require(principal, Permission.ADMIN, "replay decisions")
        record = self.audit.get(seq)
        if record is None or record.action not in ("decide", "payment"):
            raise ReplayError(f"audit record {seq} is not a decision")
        payload = record.payload
        infos = self._snapshots_by_hash(payload["snapshots"])
        matcher = Matcher.from_snapshots(self.store, infos)
        parties = [Party(**p) for p in payload["parties"]]
        amount = Decimal(payload["amount"]) if payload.get("amount") else None
        context = Context(payload["context"])
        replayed = decide(matcher, context, parties, amount)
        recorded = payload["decision"]
        recorded_binding = _citation_keys(recorded["binding"])
        replayed_binding = _citation_keys(replayed.to_dict()["binding"])
        credit = payload.get("credit")
        verdict_agrees = recorded["decision"] == replayed.verdict.value or (
            credit is not None and replayed.verdict.value == "LIMIT"
        )
        return {
            "seq": seq,
            "at": record.at.isoformat(),
            "snapshots": payload["snapshots"],
            "recorded": {"decision": recorded["decision"], "binding": recorded_binding},
            "replayed": {"decision": replayed.verdict.value, "binding": replayed_binding},
            "same": verdict_agrees and recorded_binding == replayed_binding,
            "notes": ["the 50% ownership records of the original request are not replayed"]
            if payload.get("ownership_blocked")
            else [],
        }

    def _snapshots_by_hash(self, wanted: dict[str, str]) -> list[Any]:
        from clearance.store.snapshots import snapshot_by_id

        found = []
        with self.store.engine.connect() as connection:
            for source, content_hash in sorted(wanted.items()):
                snapshot_id = connection.execute(
                    select(snapshots_table.c.id)
                    .where(
                        snapshots_table.c.source == source,
                        snapshots_table.c.content_hash == content_hash,
                    )
                    .order_by(snapshots_table.c.id.desc())
                    .limit(1)
                ).scalar()
                if snapshot_id is None:
                    raise ReplayError(
                        f"snapshot {content_hash[:12]} of {source} is no longer in the store"
                    )
                found.append(snapshot_by_id(self.store.engine, snapshot_id))
        return found


def _query_dict(query: Query) -> dict[str, object]:
    given = {"id": query.id, **screened_fields(query)}
    return {k: v for k, v in given.items() if v is not None}


def _credit_dict(credit: CreditTerms | None) -> dict[str, object] | None:
    if credit is None:
        return None
    return {
        "lender": credit.lender,
        "amount": str(credit.amount),
        "currency": credit.currency,
        "on": credit.on.isoformat() if credit.on else None,
        "reference": credit.reference,
    }


def _citation_keys(binding: list[dict[str, Any]]) -> list[list[str]]:
    return sorted(
        {(c["entity_id"], c["measure"]["code"], c["verdict"]) for c in binding}  # type: ignore[misc]
    )
