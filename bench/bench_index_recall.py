"""Benchmark: how many of brute force's matches the candidate index keeps.

Brute force scores a query against every name form of every listed entity with Clearance's
own scorer (``best_pair`` over all pairs of forms, the schema check, no candidate stage) and
keeps the entities at or above a threshold. ``Matcher.match`` finds its candidates through
the index (rare-token, phonetic and one-edit keys, at most ``MAX_CANDIDATES`` entities per query)
and scores only those. Index recall = share of brute force's (query, entity) pairs that
``Matcher.match`` also returns, at the review and default thresholds (and, plotted in
``bench/results/index_recall.png``, at every threshold from the review one up). The target
is ≥ 99.5%.

Queries: names only (no evidence, so the name score decides), a fixed sample of yente's UN
treated positives (names with typos, reorderings and transliterations of listed people) and
of negatives_global (people on no list, where brute force's matches are namesakes), against
every loaded list. Brute force costs about a second per query per core, so the sample is
a few hundred queries on both cores.

Usage: ``python bench/bench_index_recall.py [--queries 400] [--shared ../shared/data]``
"""

from __future__ import annotations

import multiprocessing
import random
import time
from pathlib import Path
from typing import Any

from common import (
    NEGATIVES,
    RESULTS,
    UN_TREATED,
    argument_parser,
    bench_matcher,
    heading,
    progress_bar,
    pyplot,
    read_csv,
    require,
    require_matching,
    table,
    write_json,
)

SEED = 20261123
RESULT_LIMIT = 1_000  # Matcher.match's result list is not the limit measured here

_MATCHER: Any = None
_FORMS_OF: list[list[int]] = []


def sample_queries(shared: Path, count: int) -> list[tuple[str, str]]:
    """(population, name): half UN treated positives, half negatives, fixed seed."""
    negatives_path, un_path = require(shared, NEGATIVES, UN_TREATED)
    rng = random.Random(SEED)
    positives = sorted({r["full_name"].strip() for r in read_csv(un_path)} - {""})
    negatives = sorted({r["full_name"].strip() for r in read_csv(negatives_path)} - {""})
    half = count // 2
    return [("UN treated", n) for n in rng.sample(positives, min(half, len(positives)))] + [
        ("negatives", n) for n in rng.sample(negatives, count - half)
    ]


def brute_force(name: str, floor: float) -> dict[str, float]:
    """Every entity whose best pair of forms scores at least ``floor``, by scoring all."""
    from clearance.matching import Query
    from clearance.matching.evidence import compatible, gather
    from clearance.matching.forms import name_forms
    from clearance.matching.score import best_pair, combine

    matcher = _MATCHER
    index = matcher.index
    query = Query(name, schema="Person")
    query_forms = name_forms(query.name, query.schema)
    found: dict[str, float] = {}
    for position, form_ids in enumerate(_FORMS_OF):
        if not compatible(query.schema, index.entity_schemas[position]):
            continue
        pairs = [(q, index.forms[f]) for q in query_forms for f in form_ids]
        name_match = best_pair(pairs, index.stats)
        if name_match is None:
            continue
        entity = index.entities[position]
        score = combine(name_match, gather(query, entity.facts, entity.schema)).value
        if score >= floor:
            found[entity.id] = score
    return found


def one_query(item: tuple[str, str, float]) -> dict[str, Any]:
    from clearance.matching import Query

    population, name, floor = item
    started = time.perf_counter()
    brute = brute_force(name, floor)
    brute_seconds = time.perf_counter() - started
    started = time.perf_counter()
    results = _MATCHER.match(Query(name, schema="Person"), limit=RESULT_LIMIT, threshold=floor)
    index_seconds = time.perf_counter() - started
    return {
        "population": population,
        "name": name,
        "brute": brute,
        "index": {r.entity_id: r.score for r in results},
        "brute_seconds": brute_seconds,
        "index_seconds": index_seconds,
    }


def recall_rows(outcomes: list[dict[str, Any]], thresholds: list[float]) -> list[list[str]]:
    rows = []
    for population in ("UN treated", "negatives", "all"):
        chosen = [o for o in outcomes if population in ("all", o["population"])]
        for threshold in thresholds:
            wanted = kept = 0
            for outcome in chosen:
                brute = {e for e, s in outcome["brute"].items() if s >= threshold}
                found = {e for e, s in outcome["index"].items() if s >= threshold}
                wanted += len(brute)
                kept += len(brute & found)
            recall = kept / wanted if wanted else 1.0
            counts = [str(len(chosen)), f"{wanted:,}", f"{kept:,}", f"{recall:.2%}"]
            rows.append([population, f"{threshold:.2f}", *counts])
    return rows


def plot_recall(outcomes: list[dict[str, Any]], floor: float) -> None:
    """Recall of brute force's matches by threshold, per population (index_recall.png)."""
    plt = pyplot()
    if plt is None:
        return
    thresholds = [floor + i / 100 for i in range(round((0.95 - floor) * 100) + 1)]
    fig, ax = plt.subplots(figsize=(7, 4))
    for population in ("UN treated", "negatives", "all"):
        chosen = [o for o in outcomes if population in ("all", o["population"])]
        values = []
        for threshold in thresholds:
            wanted = kept = 0
            for outcome in chosen:
                brute = {e for e, s in outcome["brute"].items() if s >= threshold}
                wanted += len(brute)
                kept += len(brute & set(outcome["index"]))
            values.append(kept / wanted if wanted else float("nan"))
        ax.plot(thresholds, values, label=population)
    ax.axhline(0.995, color="grey", linestyle=":", label="target 99.5%")
    ax.set_xlabel("score threshold")
    ax.set_ylabel("share of brute force's matches the index returns")
    ax.set_title("Index recall against brute-force scoring")
    ax.legend()
    fig.tight_layout()
    path = RESULTS / "index_recall.png"
    fig.savefig(path, dpi=110)
    print(f"\nPlot: {path.relative_to(RESULTS.parent.parent)}")


def main() -> None:
    global _MATCHER, _FORMS_OF
    parser = argument_parser(__doc__)
    parser.add_argument("--queries", type=int, default=400)
    args = parser.parse_args()
    require_matching()
    from clearance.matching.thresholds import DEFAULT_THRESHOLD, REVIEW_THRESHOLD

    queries = sample_queries(args.shared, args.queries)
    _, _MATCHER, _ = bench_matcher(args.shared)
    _FORMS_OF = [[] for _ in range(len(_MATCHER.index.entities))]
    for form_id, owner in enumerate(_MATCHER.index.form_entity.tolist()):
        _FORMS_OF[owner].append(form_id)
    floor = min(REVIEW_THRESHOLD, DEFAULT_THRESHOLD)
    items = [(population, name, floor) for population, name in queries]
    outcomes: list[dict[str, Any]] = []
    with (
        multiprocessing.get_context("fork").Pool() as pool,
        progress_bar("brute force and index, per query", len(items)) as advance,
    ):
        for outcome in pool.imap_unordered(one_query, items, chunksize=4):
            outcomes.append(outcome)
            advance()
    thresholds = sorted({REVIEW_THRESHOLD, DEFAULT_THRESHOLD})
    rows = recall_rows(outcomes, thresholds)
    missed = [
        (o["name"], entity, score, o["index"].get(entity))
        for o in outcomes
        for entity, score in o["brute"].items()
        if entity not in o["index"]
    ]
    missed.sort(key=lambda m: -m[2])
    heading("Index recall against brute-force scoring (name only)")
    print(
        f"{len(outcomes)} queries against {len(_MATCHER.index.entities):,} entities "
        f"({len(_MATCHER.index.forms):,} name forms); brute force "
        f"{sum(o['brute_seconds'] for o in outcomes) / len(outcomes):.2f} s per query, "
        f"the index {1000 * sum(o['index_seconds'] for o in outcomes) / len(outcomes):.2f} ms.\n"
    )
    print(table(["queries", "threshold", "n", "brute-force matches", "kept", "recall"], rows))
    if missed:
        print("\nMatches brute force finds and the index misses (best first):\n")
        print(
            table(
                ["query", "entity", "brute-force score"],
                [[name, entity, f"{score:.3f}"] for name, entity, score, _ in missed[:25]],
            )
        )
    plot_recall(outcomes, floor)
    write_json(
        "index_recall",
        {
            "queries": len(outcomes),
            "rows": rows,
            "missed": [list(m[:3]) for m in missed],
        },
    )


if __name__ == "__main__":
    main()
