"""Benchmark: payment messages decided per second (parse + screen every party + decide).

Messages are made from the project's hand-written pacs.008 sample
(``tests/samples/payments/pacs008_clean_de.xml``) with the debtor, creditor and ultimate
creditor replaced by names from yente's negatives (95%) and UN treated positives (5%), and a
remittance line; they are decided against every list (OFAC SDN 2024 + consolidated + UN + UK)
on one core in process and on all cores (forked workers). Beside them, in the same run:
parsing alone, the floor.

Usage: ``python bench/bench_payments.py [--messages 2000] [--shared ../shared/data]``
"""

from __future__ import annotations

import multiprocessing
import os
import random
import re
import sys
import time
from pathlib import Path
from xml.sax.saxutils import escape

from clearance.screening.payment_decision import decide_message
from clearance.screening.payments import parse_payment
from common import (
    NEGATIVES,
    UN_TREATED,
    argument_parser,
    bench_matcher,
    read_csv,
    require,
    table,
    write_json,
)

ROOT = Path(__file__).resolve().parent.parent
TEMPLATE = ROOT / "tests" / "samples" / "payments" / "pacs008_clean_de.xml"
REMITTANCES = (
    "Invoice {n} consulting services",
    "Payment for order {n}",
    "Rent October flat {n}",
    "Spare parts delivery {n} as agreed",
    "Salary advance ref {n}",
)
_WORKER = None
_NAME = re.compile(r"<Nm>[^<]*</Nm>")


def make_messages(shared: Path, count: int, seed: int = 11) -> list[bytes]:
    template = TEMPLATE.read_text(encoding="utf-8")
    rng = random.Random(seed)
    negatives = [r["full_name"] for r in read_csv(shared / NEGATIVES)]
    positives = [r["full_name"] for r in read_csv(shared / UN_TREATED)]
    messages = []
    for n in range(count):
        pool = positives if rng.random() < 0.05 else negatives
        text = _NAME.sub(lambda _, pool=pool: f"<Nm>{escape(rng.choice(pool))}</Nm>", template)
        remittance = escape(rng.choice(REMITTANCES).format(n=n))
        text = text.replace("Freight March 2024", remittance, 1)
        messages.append(text.encode("utf-8"))
    return messages


def _decide_chunk(chunk: list[bytes]) -> int:
    verdicts = 0
    for data in chunk:
        decision = decide_message(_WORKER, parse_payment(data))
        verdicts += decision.verdict.value != "CLEAR"
    return verdicts


def main() -> None:
    global _WORKER
    parser = argument_parser(__doc__)
    parser.add_argument("--messages", type=int, default=2000)
    args = parser.parse_args()
    require(args.shared, NEGATIVES, UN_TREATED)
    _store, matcher, _ = bench_matcher(args.shared)
    _WORKER = matcher
    messages = make_messages(args.shared, args.messages)

    started = time.perf_counter()
    for data in messages:
        parse_payment(data)
    parse_seconds = time.perf_counter() - started

    decide_message(matcher, parse_payment(messages[0]))  # warm caches
    started = time.perf_counter()
    flagged = _decide_chunk(messages)
    one_core = time.perf_counter() - started

    workers = os.cpu_count() or 1
    chunks = [messages[i : i + 100] for i in range(0, len(messages), 100)]
    started = time.perf_counter()
    with multiprocessing.get_context("fork").Pool(workers) as pool:
        flagged_parallel = sum(pool.map(_decide_chunk, chunks))
    all_cores = time.perf_counter() - started

    results = {
        "messages": len(messages),
        "parse_only_per_second": len(messages) / parse_seconds,
        "decide_one_core_per_second": len(messages) / one_core,
        "decide_all_cores_per_second": len(messages) / all_cores,
        "workers": workers,
        "not_clear": flagged,
        "not_clear_parallel": flagged_parallel,
    }
    write_json("payments", results)
    print(f"\n### Payment messages ({len(messages):,} pacs.008, {workers} cores)\n")
    print(
        table(
            ["what", "messages/s"],
            [
                ["parse only (floor)", f"{results['parse_only_per_second']:,.0f}"],
                [
                    "parse + screen + decide, one core",
                    f"{results['decide_one_core_per_second']:,.0f}",
                ],
                [
                    f"parse + screen + decide, {workers} processes",
                    f"{results['decide_all_cores_per_second']:,.0f}",
                ],
            ],
            numeric="1",
        )
    )
    print(f"\n{flagged:,} of {len(messages):,} messages not CLEAR.", file=sys.stdout)


if __name__ == "__main__":
    main()
