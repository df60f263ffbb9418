"""Continuous monitoring: re-screen the customer book when the lists change.

A run compares each source's current snapshot with the one the previous run screened
against, and re-screens in full only the customers that a difference could affect:

- those sharing a screening key with a name through which an added or changed entity could
  match differently (:func:`clearance.matching.keys.affected_keys`: every name of a new entity
  or of one whose birth dates, countries, gender or identifiers changed; only the new names
  otherwise);
- those sharing a key with a name that left the list (:func:`~clearance.matching.keys.
  freed_keys`): candidate generation keeps each query's best few candidates, so a departed
  name can make room for an unchanged entity;
- those with a case on a changed entity, and every customer added or changed in the book
  since it was last screened.

They are screened against everything, not only the changed entities: token weights come from
the lists' statistics, and the tokens whose frequency a change moved are exactly the keys
above, so a customer sharing them can now match an unchanged entity too. What remains outside
the selection is the small shift every weight takes when the number of listed entities
changes; a periodic full run (``clearance monitor --full``) covers it, and
bench/bench_monitor.py measures what a selective run leaves to it.

Cases of entities that left a list get a ``delisted`` event. The first run (or ``full=True``)
screens the whole book. Each run is audited and remembered in ``monitor_runs``.
"""

from __future__ import annotations

import json
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime

from sqlalchemy import Engine, insert, select

from clearance.cases.audit import append as audit
from clearance.cases.book import CustomerBook
from clearance.cases.screening import ScreeningRun, screen_into_cases
from clearance.cases.workflow import CaseStatus, add_event
from clearance.matching import Matcher
from clearance.matching.keys import affected_keys, freed_keys
from clearance.store import Store
from clearance.store.batches import in_batches
from clearance.store.diff import changed_ids, entities_of, entity_versions, member_ids
from clearance.store.schema import allow_list, cases, monitor_runs
from clearance.store.snapshots import SnapshotInfo, snapshot_by_id

FULL_RUN_SHARE = 0.2  # when more of the listed entities than this changed, screen everyone


@dataclass
class MonitorRun:
    full: bool
    full_because: str | None = None
    book_size: int = 0
    changed_sources: list[str] = field(default_factory=list)
    added: int = 0
    changed: int = 0
    removed: int = 0
    selected_by_keys: int = 0
    new_or_changed_customers: int = 0
    delisted_cases: int = 0
    screening: ScreeningRun = field(default_factory=ScreeningRun)
    seconds: float = 0.0

    def to_dict(self) -> dict[str, object]:
        return {
            "full": self.full,
            "full_because": self.full_because,
            "book_size": self.book_size,
            "changed_sources": self.changed_sources,
            "entities": {"added": self.added, "changed": self.changed, "removed": self.removed},
            "customers_selected_by_keys": self.selected_by_keys,
            "customers_new_or_changed": self.new_or_changed_customers,
            "delisted_cases": self.delisted_cases,
            "screening": self.screening.to_dict(),
            "seconds": round(self.seconds, 3),
        }


def monitor(
    store: Store,
    matcher: Matcher,
    actor: str = "monitor",
    full: bool = False,
    workers: int | None = None,
    on_progress: Callable[[int, int], None] | None = None,
) -> MonitorRun:
    """Re-screen what the list changes since the last run could affect (see module doc)."""
    started = time.perf_counter()
    engine = store.engine
    book = CustomerBook(engine)
    current = {s.source: s for s in store.current()}
    previous = _last_run_snapshots(engine)
    run = MonitorRun(full=full or previous is None)
    run.book_size = book.count()
    if previous is None:
        run.full_because = "first run"
    elif full:
        run.full_because = "asked for"
    if run.full:
        run.changed_sources = sorted(current)
        _screen_all(engine, matcher, book, run, actor, workers, on_progress)
    else:
        assert previous is not None
        changes = _changes(store, current, previous, run)
        changed_count = sum(len(a | c | g) for _, _, a, c, g in changes)
        listed = max(1, len(matcher.index.entities) + sum(len(g) for *_, g in changes))
        if changed_count > FULL_RUN_SHARE * listed:
            # Most of the lists changed: selecting would cost more than it saves.
            run.full = True
            run.full_because = f"{changed_count:,} of {listed:,} listed entities changed"
            _screen_all(engine, matcher, book, run, actor, workers, on_progress)
        else:
            _screen_selected(engine, matcher, book, run, changes, actor, workers, on_progress)
        removed = set().union(*(g for _, _, _, _, g in changes)) if changes else set()
        run.delisted_cases = _mark_delisted(engine, removed, actor)
    run.seconds = time.perf_counter() - started
    with engine.begin() as connection:
        summary = run.to_dict()
        connection.execute(
            insert(monitor_runs),
            {
                "at": datetime.now(UTC),
                "snapshots": json.dumps({s: info.id for s, info in current.items()}),
                "summary": json.dumps(summary),
            },
        )
        audit(
            connection,
            actor,
            "monitor.run",
            None,
            {
                **summary,
                "snapshots": {s: info.content_hash for s, info in sorted(current.items())},
                "cases": run.screening.cases,
            },
        )
    return run


Change = tuple[SnapshotInfo | None, SnapshotInfo, set[str], set[str], set[str]]


def _changes(
    store: Store, current: dict[str, SnapshotInfo], previous: dict[str, int], run: MonitorRun
) -> list[Change]:
    """(old snapshot, new snapshot, added, changed, removed ids) per changed source."""
    engine = store.engine
    changes: list[Change] = []
    for source, snapshot in sorted(current.items()):
        if previous.get(source) == snapshot.id:
            continue
        run.changed_sources.append(source)
        old = snapshot_by_id(engine, previous[source]) if source in previous else None
        if old is None:
            added, changed, gone = member_ids(engine, snapshot), set(), set()
        else:
            added, changed, gone = changed_ids(engine, old, snapshot)
        run.added += len(added)
        run.changed += len(changed)
        run.removed += len(gone)
        changes.append((old, snapshot, added, changed, gone))
    return changes


def _screen_all(
    engine: Engine,
    matcher: Matcher,
    book: CustomerBook,
    run: MonitorRun,
    actor: str,
    workers: int | None,
    on_progress: Callable[[int, int], None] | None,
) -> None:
    if on_progress:
        on_progress(0, run.book_size)
    run.screening = screen_into_cases(
        engine,
        matcher,
        book.iter_customers(),
        actor,
        workers=workers,
        expected=run.book_size,
        on_progress=(lambda n: on_progress(n, run.book_size)) if on_progress else None,
    )


def _screen_selected(
    engine: Engine,
    matcher: Matcher,
    book: CustomerBook,
    run: MonitorRun,
    changes: list[Change],
    actor: str,
    workers: int | None,
    on_progress: Callable[[int, int], None] | None,
) -> None:
    touched: set[str] = set()
    keys: set[str] = set()
    freed: set[str] = set()
    for old, snapshot, added, changed, gone in changes:
        touched |= added | changed
        for before, after in entity_versions(engine, old, snapshot, added | changed).values():
            keys |= affected_keys(before, after)
            if before is not None:
                freed |= freed_keys(before, after)
        if old is not None and gone:
            for before in entities_of(engine, old, gone).values():
                freed |= freed_keys(before, None)
    selected = book.sharing_keys(keys | freed) if keys | freed else set()
    selected |= _customers_with_cases(engine, touched)
    fresh = set(book.unscreened())
    run.selected_by_keys = len(selected - fresh)
    run.new_or_changed_customers = len(fresh)
    chosen = selected | fresh
    if on_progress:
        on_progress(0, len(chosen))
    run.screening = screen_into_cases(
        engine,
        matcher,
        book.iter_customers(sorted(chosen)),
        actor,
        workers=workers,
        expected=len(chosen),
        on_progress=(lambda n: on_progress(n, len(chosen))) if on_progress else None,
    )


def _last_run_snapshots(engine) -> dict[str, int] | None:  # type: ignore[no-untyped-def]
    with engine.connect() as connection:
        row = connection.execute(
            select(monitor_runs.c.snapshots).order_by(monitor_runs.c.id.desc()).limit(1)
        ).first()
    return {k: int(v) for k, v in json.loads(row.snapshots).items()} if row else None


def _mark_delisted(engine, removed: set[str], actor: str) -> int:  # type: ignore[no-untyped-def]
    if not removed:
        return 0
    marked = 0
    with engine.begin() as connection:
        for batch in in_batches(removed):
            rows = connection.execute(
                select(cases.c.id).where(
                    cases.c.entity_id.in_(batch),
                    cases.c.status != CaseStatus.CLOSED.value,
                )
            ).scalars()
            for case_id in rows:
                add_event(
                    connection, case_id, actor, "delisted", reason="the listed entity left the list"
                )
                marked += 1
    return marked


def _customers_with_cases(engine, entity_ids: set[str]) -> set[str]:  # type: ignore[no-untyped-def]
    """Customers with a case or an allow-list entry on any of these entities: their cases
    must see the new version (an allow-list entry lapses when the entity changes)."""
    found: set[str] = set()
    with engine.connect() as connection:
        for part in in_batches(entity_ids):
            found.update(
                connection.execute(
                    select(cases.c.customer_id).where(cases.c.entity_id.in_(part))
                ).scalars()
            )
            found.update(
                connection.execute(
                    select(allow_list.c.customer_id).where(allow_list.c.entity_id.in_(part))
                ).scalars()
            )
    return found
