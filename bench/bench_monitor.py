"""Benchmark: continuous monitoring's selective re-screen against a full re-screen of the book.

A customer book of yente's 50,000 synthetic negatives plus planted customers (names of
entities that OFAC listed between 2021 and 2024, and of entities it delisted) is screened
against OFAC SDN 2021. Then two list changes, each measured the same way in the same run:

1. OFAC SDN 2024 loaded over 2021 (6,870 entities added, 6,871 changed, 881 removed: the
   2024 file has no alias or address companions, so most entities "changed");
2. the OFAC consolidated list (442 entities) added as a new source.

For each: the selective run (``clearance monitor``: only customers sharing screening keys
with what changed, scoring only the changed entities) beside a full re-screen of the whole
book against the same lists (``clearance monitor --full``), both on every core, with the
customers each touched, the time each took, and whether the selective run recorded every
new alert the full re-screen found.

Usage: ``python bench/bench_monitor.py [--customers 50000] [--shared ../shared/data]``
"""

from __future__ import annotations

import csv
import os
import random
import sys
import tempfile
import time
from pathlib import Path

from common import argument_parser, require, table, write_json

SDN_2021 = "lists/ofac-sdn-2021"
SDN_2024 = "lists/ofac-sdn-2024/sdn.csv"
CONS_2025 = "lists/ofac-cons-2025"
NEGATIVES = "bench/yente/negatives_global.csv"
PLANTED = 500


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

    service = ClearanceService(Store(str(home / "monitor.db")))
    secret, _ = service.principals.create_key(Role.ADMIN, "bench")
    admin = service.principals.authenticate(secret)
    service.load_lists(admin, [open_list(sdn21)])
    listed_2021 = {e.id for e in service.matcher.index.entities}
    entities_2024 = list(open_list(sdn24).entities)
    listed_2024 = {e.id for e in entities_2024}
    rng = random.Random(5)
    new_listings = [e for e in entities_2024 if e.id not in listed_2021]
    leavers = [e for e in service.matcher.index.entities if e.id not in listed_2024]
    book = []
    for number, entity in enumerate(rng.sample(new_listings, PLANTED)):
        query = Query(name=entity.names[0].value, schema=_schema(entity.schema.value))
        book.append(Customer(f"NEW{number}", _with_id(query, f"NEW{number}"), {}))
    for number, entity in enumerate(rng.sample(leavers, min(100, len(leavers)))):
        query = Query(name=entity.caption, schema=_schema(entity.schema))
        book.append(Customer(f"OLD{number}", _with_id(query, f"OLD{number}"), {}))
    with negatives.open(encoding="utf-8") as handle:
        for number, row in enumerate(csv.DictReader(handle)):
            if number >= args.customers:
                break
            query = Query(name=row["full_name"], schema="Person", birth_date=row["date_of_birth"])
            book.append(Customer(f"NEG{number}", _with_id(query, f"NEG{number}"), {}))
    started = time.perf_counter()
    service.book.load(book)
    print(
        f"book of {len(book):,} customers loaded in {time.perf_counter() - started:.1f} s",
        file=sys.stderr,
    )
    first = service.monitor(admin)
    print(f"first (full) run against SDN 2021: {first.seconds:.1f} s", file=sys.stderr)

    def pairs() -> set[tuple[str, str]]:
        with service.store.engine.connect() as connection:
            rows = connection.execute(select(cases.c.customer_id, cases.c.entity_id)).all()
        return {(r.customer_id, r.entity_id) for r in rows}

    scenarios = []
    for label, path in (("SDN 2021 → 2024", sdn24), ("+ consolidated list", cons)):
        before = pairs()
        service.load_lists(admin, [open_list(path)], monitor_after=False)
        selective = service.monitor(admin)
        after_selective = pairs()
        full = service.monitor(admin, full=True)
        after_full = pairs()
        missed = after_full - after_selective
        if missed and os.environ.get("BENCH_MONITOR_DEBUG"):
            touched_ids = {e for _, e in after_selective - before}
            for customer_id, entity_id in sorted(missed)[:10]:
                customer = service.book.get(customer_id)
                scores = [
                    round(r.score, 3)
                    for r in service.matcher.match(customer.query)
                    if r.entity_id == entity_id
                ] if customer else []
                print("missed", customer_id, customer.query.name if customer else None,
                      entity_id, entity_id in touched_ids, scores, file=sys.stderr)
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
                    "customers": selective.screening.screened,
                    "seconds": round(selective.seconds, 2),
                    "new_alerts": len(after_selective - before),
                },
                "full": {
                    "customers": full.screening.screened,
                    "seconds": round(full.seconds, 2),
                    "new_alerts": len(after_full - before),
                },
                "ratio": round(selective.seconds / full.seconds, 3),
                "missed_by_selective": len(missed),
            }
        )
        print(scenarios[-1], file=sys.stderr)
    print(
        table(
            [
                "list change",
                "entities +/~/−",
                "customers re-screened (of book)",
                "selective s",
                "full re-screen s",
                "selective ÷ full",
                "new alerts (selective / full)",
                "missed",
            ],
            [
                (
                    s["change"],
                    "{added:,} / {changed:,} / {removed:,}".format(**s["entities"]),
                    f"{s['selective']['customers']:,} of {s['book']:,}",
                    s["selective"]["seconds"],
                    s["full"]["seconds"],
                    s["ratio"],
                    f"{s['selective']['new_alerts']} / {s['full']['new_alerts']}",
                    s["missed_by_selective"],
                )
                for s in scenarios
            ],
        )
    )
    write_json("monitor", {"customers": len(book), "scenarios": scenarios})


def _schema(value: str) -> str:
    return value if value in ("Person", "Organization", "Vessel") else "LegalEntity"


def _with_id(query, customer_id: str):  # type: ignore[no-untyped-def]
    from dataclasses import replace

    return replace(query, id=customer_id)


if __name__ == "__main__":
    main()
