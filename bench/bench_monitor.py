"""Benchmark: continuous monitoring's selective re-screen beside a full re-screen of the book.

The book: yente's 50,000 synthetic negatives plus planted customers named like listed
entities. The lists change the ways they change in practice, each change measured twice in
the same run, on every core: the selective run (``clearance monitor``) and a full re-screen
of the whole book against the same lists (``clearance monitor --full``).

1. 30 entries listed (OFAC SDN 2024 loaded over the same list without them: a busy day);
2. 5 entries delisted;
3. a new source: the OFAC consolidated list (442 entities);
4. OFAC SDN 2021 loaded over 2024 (most entities differ: the run goes full by design).

Reported per change: customers re-screened, seconds, new alerts found by each run, and what the
selective run missed — on the changed entities (must be 0) and on unchanged entities whose
score moved because the lists' token statistics changed (left to the periodic full run).

Usage: ``python bench/bench_monitor.py [--customers 50000] [--shared ../shared/data]``
"""

from __future__ import annotations

import csv
import os
import random
import sys
import tempfile
import time
from dataclasses import replace
from pathlib import Path

from common import NEGATIVES, argument_parser, require, table, write_json

SDN_2021 = "lists/ofac-sdn-2021"
SDN_2024 = "lists/ofac-sdn-2024/sdn.csv"
CONS_2025 = "lists/ofac-cons-2025"
LISTED, DELISTED, PLANTED = 30, 5, 200


def main() -> None:
    parser = argument_parser(__doc__)
    parser.add_argument("--customers", type=int, default=50_000, help="negatives in the book")
    args = parser.parse_args()
    sdn21, sdn24, cons, negatives = require(args.shared, SDN_2021, SDN_2024, CONS_2025, NEGATIVES)
    home = Path(tempfile.mkdtemp(prefix="clearance-monitor-"))
    os.environ["CLEARANCE_HOME"] = str(home)

    from sqlalchemy import select

    from clearance.cases import ClearanceService, Role
    from clearance.cases.book import Customer
    from clearance.matching import Query
    from clearance.sources import open_list
    from clearance.store import Store
    from clearance.store.schema import cases

    entities = [e for e in open_list(sdn24).entities if e.names]
    rng = random.Random(5)
    chosen = rng.sample(entities, LISTED + DELISTED + PLANTED)
    listed, delisted = chosen[:LISTED], chosen[LISTED : LISTED + DELISTED]
    before = _without(sdn24, home / "before", {e.source_ref for e in listed})
    after_delisting = _without(sdn24, home / "delisted", {e.source_ref for e in delisted})

    book = []
    for number, entity in enumerate(chosen):
        schema = entity.schema.value
        schema = schema if schema in ("Person", "Organization", "Vessel") else "LegalEntity"
        book.append(
            Customer(
                f"L{number}", Query(name=entity.names[0].value, schema=schema, id=f"L{number}"), {}
            )
        )
    with negatives.open(encoding="utf-8") as handle:
        for number, row in enumerate(csv.DictReader(handle)):
            if number >= args.customers:
                break
            query = Query(name=row["full_name"], schema="Person", birth_date=row["date_of_birth"])
            book.append(Customer(f"N{number}", replace(query, id=f"N{number}"), {}))

    service = ClearanceService(Store(str(home / "monitor.db")))
    secret, _ = service.principals.create_key(Role.ADMIN, "bench")
    admin = service.principals.authenticate(secret)
    started = time.perf_counter()
    service.book.load(book)
    print(f"book of {len(book):,} loaded in {time.perf_counter() - started:.1f} s", file=sys.stderr)
    service.load_lists(admin, [open_list(before)], monitor_after=False)
    first = service.monitor(admin)
    print(f"first (full) run: {first.seconds:.1f} s", file=sys.stderr)

    def pairs() -> set[tuple[str, str]]:
        with service.store.engine.connect() as connection:
            rows = connection.execute(select(cases.c.customer_id, cases.c.entity_id)).all()
        return {(r.customer_id, r.entity_id) for r in rows}

    scenarios = []
    for label, path in (
        (f"{LISTED} entries listed", sdn24),
        (f"{DELISTED} entries delisted", after_delisting),
        ("consolidated list added", cons),
        ("SDN 2021 over 2024", sdn21),
    ):
        known = pairs()
        current = {s.source: s.id for s in service.store.current()}
        service.load_lists(admin, [open_list(path)], monitor_after=False)
        changed_sources = {
            s.source for s in service.store.current() if current.get(s.source) != s.id
        }
        selective = service.monitor(admin)
        after_selective = pairs()
        full = service.monitor(admin, full=True)
        after_full = pairs()
        changed_entities = _changed_entities(service, changed_sources)
        missed = after_full - after_selective
        for customer_id, entity_id in sorted(missed):
            customer = service.book.get(customer_id)
            scores = [
                round(r.score, 3)
                for r in service.matcher.match(customer.query)  # type: ignore[union-attr]
                if r.entity_id == entity_id
            ]
            print(
                f"left to the full run: {customer_id} {customer.query.name!r} "  # type: ignore[union-attr]
                f"~ {entity_id}, score {scores}",
                file=sys.stderr,
            )
        scenarios.append(
            {
                "change": label,
                "entities": {
                    "added": selective.added,
                    "changed": selective.changed,
                    "removed": selective.removed,
                },
                "book": selective.book_size,
                "selective": {
                    "full_because": selective.full_because,
                    "customers": selective.screening.screened,
                    "seconds": round(selective.seconds, 2),
                    "new_alerts": len(after_selective - known),
                },
                "full": {
                    "customers": full.screening.screened,
                    "seconds": round(full.seconds, 2),
                    "new_alerts": len(after_full - known),
                },
                "ratio": round(selective.seconds / full.seconds, 3),
                "missed_on_changed_entities": len({p for p in missed if p[1] in changed_entities}),
                "missed_on_unchanged_entities": len(
                    {p for p in missed if p[1] not in changed_entities}
                ),
            }
        )
        print(scenarios[-1], file=sys.stderr)
    print(
        table(
            [
                "list change",
                "entities +/~/−",
                "customers re-screened",
                "selective s",
                "full s",
                "selective ÷ full",
                "new alerts selective / full",
                "missed: changed / unchanged entities",
            ],
            [
                (
                    s["change"],
                    "{added:,} / {changed:,} / {removed:,}".format(**s["entities"]),
                    f"{s['selective']['customers']:,} of {s['book']:,}"
                    + (" (full: most changed)" if s["selective"]["full_because"] else ""),
                    s["selective"]["seconds"],
                    s["full"]["seconds"],
                    s["ratio"],
                    f"{s['selective']['new_alerts']} / {s['full']['new_alerts']}",
                    f"{s['missed_on_changed_entities']} / {s['missed_on_unchanged_entities']}",
                )
                for s in scenarios
            ],
        )
    )
    write_json("monitor", {"customers": len(book), "scenarios": scenarios})


def _without(source: Path, folder: Path, refs: set[str]) -> Path:
    """The OFAC SDN CSV without the entries in ``refs`` (the file has one entry a line)."""
    folder.mkdir(parents=True, exist_ok=True)
    lines = source.read_bytes().split(b"\r\n")
    kept = [line for line in lines if line.split(b",", 1)[0].decode() not in refs]
    path = folder / "sdn.csv"
    path.write_bytes(b"\r\n".join(kept))
    return path


def _changed_entities(service, sources: set[str]) -> set[str]:  # type: ignore[no-untyped-def]
    """Entities added, changed or removed between each source's last two snapshots."""
    from clearance.store.diff import changed_ids

    found: set[str] = set()
    for source in sources:
        history = service.store.snapshots(source)
        if len(history) < 2:
            found |= {e.id for e in service.matcher.index.entities if e.source == source}
            continue
        added, changed, removed = changed_ids(service.store.engine, history[-2], history[-1])
        found |= added | changed | removed
    return found


if __name__ == "__main__":
    main()
