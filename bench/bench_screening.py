"""Benchmark: screening people and names against every real list loaded.

The lists (OFAC SDN 2024, OFAC consolidated 2025, UN 2026, UK OFSI 2018) are loaded into a
cached store (bench/results/lists.db) and screened with ``Matcher.from_store``:

- UN positives (yente): 683 UN-listed people, clean and "treated" (typos, reordering). Row i's
  right entity is the UN entity whose name (primary or alias) folds exactly to the clean name;
  rows that tie to none are left out. Recall@1, recall@10 and recall at the DEFAULT and
  REVIEW thresholds, with and without the date of birth and nationality. ``strict`` counts
  only the UN record; ``any list`` also counts a record of another list that shares a folded
  name and schema with it (the same person listed by OFAC or the UK).
- Negatives (yente): synthetic people who are on no list: share with any alert, with the
  date of birth and nationality and by name only; the top false alerts; a score histogram.
- US Congress members: not listed, common US names: alert rate.
- Cross-script pairs (watchman) and the UN's own primary-vs-alias pairs: ``compare`` scores,
  with rapidfuzz ``token_sort_ratio`` >= 80 as the baseline in the same run.
- The seed case (Ismail Demir, SSB) in several scripts, and a namesake who must not alert.

Usage: ``python bench/bench_screening.py [--shared ../shared/data] [--negatives N] [--quick]``
"""

from __future__ import annotations

import multiprocessing
import os
import random
import sys
import time
from collections import Counter, defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, NamedTuple

from common import (
    NEGATIVES,
    RESULTS,
    UN_TREATED,
    UN_UNTREATED,
    argument_parser,
    bench_matcher,
    current_entities,
    heading,
    progress_bar,
    pyplot,
    read_csv,
    require,
    require_matching,
    table,
    write_json,
)

YENTE = "bench/yente"
CONGRESS = f"{YENTE}/positives_us_congress_untreated.csv"
CROSS_SCRIPT = "bench/watchman/cross_script_pairs.csv"
UN_ALIASES = "bench/watchman/un_alias_pairs.tsv"
CROSS_SCRIPT_FIELDS = ("Query", "Expected Match", "Min Score", "Description")
UN_SOURCE = "un-sc"
TOP_K = 10
CHUNK = 250  # queries per task sent to a worker
SEED = 20240503

SEED_CASE = [  # (query, birth date, the listed entity it names)
    ("İsmail DEMİR", None, "ofac-27018"),
    ("DEMIR ISMAIL", None, "ofac-27018"),
    ("Исмаил Демир", None, "ofac-27018"),
    ("إسماعيل دمير", None, "ofac-27018"),
    ("Presidency of Defence Industries", None, "ofac-27016"),
    ("Faruk Yiğit", None, "ofac-30685"),
    ("Ismail Demir", "1985-01-01", "ofac-27018"),  # a namesake: DEMIR Ismail was born 1965
]


@dataclass
class Person:
    """One row of a yente file."""

    name: str
    birth_date: str | None
    nationality: str | None
    gender: str | None

    @classmethod
    def from_row(cls, row: dict[str, str]) -> Person:
        return cls(
            row["full_name"].strip(),
            row.get("date_of_birth") or None,
            row.get("nationality") or None,
            row.get("gender") or None,
        )

    def query(self, with_facts: bool, query_id: str | None = None) -> Any:
        from clearance.matching import Query

        if with_facts:
            return Query(
                self.name,
                schema="Person",
                birth_date=self.birth_date,
                nationality=self.nationality,
                id=query_id,
            )
        return Query(self.name, schema="Person", id=query_id)


def read_people(path: Path) -> list[Person]:
    return [Person.from_row(row) for row in read_csv(path)]


class Hit(NamedTuple):
    """What the benchmark keeps of a MatchResult (cheap to send between processes)."""

    entity_id: str
    caption: str
    score: float
    lists: tuple[str, ...]


_MATCHER: Any = None  # the matcher, inherited by forked workers


def _screen_chunk(chunk: tuple[list[Any], int]) -> list[list[Hit]]:
    queries, limit = chunk
    return [
        [
            Hit(r.entity_id, r.caption, r.score, tuple(r.lists))
            for r in _MATCHER.match(query, limit=limit, threshold=0.0)
        ]
        for query in queries
    ]


def screen_all(
    matcher: Any, queries: Sequence[Any], description: str, limit: int = TOP_K
) -> tuple[list[list[Hit]], float]:
    """Every query's ranked candidates (threshold 0), and the seconds taken.

    The queries are spread over one forked worker per core (the figures here are accuracy,
    not speed; see bench_speed.py for timings).
    """
    global _MATCHER
    _MATCHER = matcher
    chunks = [(list(queries[i : i + CHUNK]), limit) for i in range(0, len(queries), CHUNK)]
    out: list[list[Hit]] = []
    started = time.perf_counter()
    workers = os.cpu_count() or 1
    with progress_bar(description, len(queries)) as advance:
        if workers == 1 or len(chunks) == 1:
            for chunk in chunks:
                out.extend(_screen_chunk(chunk))
                advance(len(chunk[0]))
        else:
            context = multiprocessing.get_context("fork")
            with context.Pool(workers) as pool:
                for part in pool.imap(_screen_chunk, chunks):
                    out.extend(part)
                    advance(len(part))
    return out, time.perf_counter() - started


# --- UN positives ---


def un_truth(entities: list[Any], people: list[Person]) -> tuple[list[set[str] | None], dict]:
    """For each row, the UN entity ids whose names fold to its clean name (None: untied)."""
    from clearance.store.keys import name_key

    by_key: dict[str, set[str]] = defaultdict(set)
    for entity in entities:
        if entity.source == UN_SOURCE:
            for name in entity.names:
                by_key[name_key(name.value)].add(entity.id)
    truth = [by_key.get(name_key(p.name)) for p in people]
    tied = [t for t in truth if t]
    info = {
        "rows": len(people),
        "tied": len(tied),
        "tied_to_several": sum(len(t) > 1 for t in tied),
        "untied": [p.name for p, t in zip(people, truth, strict=True) if not t],
    }
    return truth, info


def same_party_elsewhere(entities: list[Any], un_ids: set[str]) -> dict[str, set[str]]:
    """For each UN entity, ids sharing a name (folded, in any word order) and schema with it.

    OFAC writes "SALEK, Abdulhai" where the UN writes "ABDULHAI SALEK": word order is ignored.
    """
    from clearance.store.keys import name_key

    def key(entity: Any, value: str) -> tuple[str, str]:
        return (entity.schema.value, " ".join(sorted(name_key(value).split())))

    by_key: dict[tuple[str, str], set[str]] = defaultdict(set)
    for entity in entities:
        for name in entity.names:
            by_key[key(entity, name.value)].add(entity.id)
    out: dict[str, set[str]] = {}
    for entity in entities:
        if entity.id in un_ids:
            ids = {entity.id}
            for name in entity.names:
                ids |= by_key[key(entity, name.value)]
            out[entity.id] = ids
    return out


def recall_figures(
    queries: Sequence[Any],
    results: list[list[Any]],
    truth: list[set[str]],
    equivalents: dict[str, set[str]],
    default: float,
    review: float,
) -> dict[str, Any]:
    """Recall figures over the tied rows, and the strict misses below REVIEW."""
    counts: Counter[str] = Counter()
    misses = []
    for query, found, right in zip(queries, results, truth, strict=True):
        wide = set().union(*(equivalents.get(i, {i}) for i in right))
        for label, ids in (("strict", right), ("any list", wide)):
            ranks = [i for i, r in enumerate(found) if r.entity_id in ids]
            rank = ranks[0] if ranks else None
            score = found[rank].score if rank is not None else 0.0
            counts[f"{label} @1"] += rank == 0
            counts[f"{label} @{TOP_K}"] += rank is not None
            counts[f"{label} >=default"] += score >= default
            counts[f"{label} >=review"] += score >= review
            if label == "strict" and score < review:
                top = found[0] if found else None
                misses.append(
                    {
                        "query": query.name,
                        "right": sorted(right),
                        "right_score": round(score, 4),
                        "top": top.caption if top else None,
                        "top_id": top.entity_id if top else None,
                        "top_score": round(top.score, 4) if top else None,
                    }
                )
    n = len(truth)
    figures: dict[str, Any] = {k: v / n for k, v in sorted(counts.items())}
    return figures | {"n": n, "misses": misses}


def run_un_positives(
    matcher: Any, entities: list[Any], shared: Path, default: float, review: float, quick: bool
) -> dict[str, Any]:
    untreated_path, treated_path = require(shared, UN_UNTREATED, UN_TREATED)
    untreated, treated = read_people(untreated_path), read_people(treated_path)
    truth, info = un_truth(entities, untreated)
    equivalents = same_party_elsewhere(entities, set().union(*(t for t in truth if t)))
    if quick:
        keep = set(random.Random(SEED).sample(range(len(truth)), 150))
        truth = [t if i in keep else None for i, t in enumerate(truth)]
    out: dict[str, Any] = {"tie": info, "runs": {}, "misses": {}}
    kept = [t for t in truth if t]
    for label, people in (("untreated", untreated), ("treated", treated)):
        for with_facts in (True, False):
            key = f"{label}, {'name + DOB + nationality' if with_facts else 'name only'}"
            queries = [p.query(with_facts) for p, t in zip(people, truth, strict=True) if t]
            results, seconds = screen_all(matcher, queries, f"UN {key}")
            figures = recall_figures(queries, results, kept, equivalents, default, review)
            out["misses"][key] = figures.pop("misses")
            figures["queries_per_second"] = len(queries) / seconds
            out["runs"][key] = figures
    return out


# --- negatives and the unlisted ---


def alert_rates(
    matcher: Any,
    people: Sequence[Person],
    label: str,
    default: float,
    review: float,
    top: int = 20,
) -> dict[str, Any]:
    """Share of people with any result >= default / >= review, with and without facts."""
    out: dict[str, Any] = {"n": len(people)}
    for with_facts in (True, False):
        key = "name + DOB + nationality" if with_facts else "name only"
        queries = [p.query(with_facts) for p in people]
        results, seconds = screen_all(matcher, queries, f"{label}, {key}", limit=1)
        tops = [(q, r[0]) if r else (q, None) for q, r in zip(queries, results, strict=True)]
        scores = [r.score if r else 0.0 for _, r in tops]
        worst = sorted((t for t in tops if t[1] is not None), key=lambda t: -t[1].score)[:top]
        out[key] = {
            "alert_rate_default": sum(s >= default for s in scores) / len(scores),
            "alert_rate_review": sum(s >= review for s in scores) / len(scores),
            "alerts_default": sum(s >= default for s in scores),
            "alerts_review": sum(s >= review for s in scores),
            "queries_per_second": len(queries) / seconds,
            "top_scores": scores,
            "top_false_alerts": [
                {
                    "query": q.name,
                    "birth_date": q.birth_date,
                    "nationality": q.nationality,
                    "entity": r.caption,
                    "entity_id": r.entity_id,
                    "lists": list(r.lists),
                    "score": round(r.score, 4),
                }
                for q, r in worst
            ],
        }
    return out


def plot_histogram(runs: dict[str, list[float]], lines: dict[str, float], path: Path) -> bool:
    plt = pyplot()
    if plt is None:
        return False
    fig, ax = plt.subplots(figsize=(8, 4))
    bins = [i / 50 for i in range(51)]
    for label, scores in runs.items():
        ax.hist(scores, bins=bins, alpha=0.55, label=label, log=True)
    for label, value in lines.items():
        ax.axvline(value, color="grey", linestyle="--", linewidth=0.8)
        ax.text(value, ax.get_ylim()[1] * 0.5, f" {label}", fontsize=8)
    ax.set_xlabel("top score per query")
    ax.set_ylabel("queries (log)")
    ax.set_title("Negatives (people on no list): best score against every list")
    ax.legend(fontsize=8)
    fig.tight_layout()
    fig.savefig(path, dpi=110)
    plt.close(fig)
    return True


# --- name pairs ---


def token_sort(a: str, b: str) -> float:
    from rapidfuzz import fuzz, utils

    return fuzz.token_sort_ratio(a, b, processor=utils.default_process)


def run_cross_script(shared: Path, stats: Any, default: float) -> dict[str, Any]:
    from clearance.matching import compare

    (path,) = require(shared, CROSS_SCRIPT)
    # The header is itself a comment line ("# Format: Query,Expected Match,Min Score,...").
    rows = read_csv(path, comment="#", fieldnames=CROSS_SCRIPT_FIELDS)
    pairs = []
    for row in rows:
        query, expected = row["Query"].strip(), row["Expected Match"].strip()
        result = compare(query, expected, "Person", stats=stats)
        pairs.append(
            {
                "query": query,
                "expected": expected,
                "min_score": float(row["Min Score"]),
                "description": row["Description"].strip(),
                "score": round(result.score, 4),
                "token_sort": round(token_sort(query, expected)),
            }
        )
    return {
        "pairs": pairs,
        "share_default": sum(p["score"] >= default for p in pairs) / len(pairs),
        "share_token_sort_80": sum(p["token_sort"] >= 80 for p in pairs) / len(pairs),
    }


def run_un_aliases(shared: Path, stats: Any, default: float, review: float) -> dict[str, Any]:
    from clearance.matching import compare

    (path,) = require(shared, UN_ALIASES)
    rows = read_csv(path, delimiter="\t")
    groups: dict[str, list[dict[str, Any]]] = defaultdict(list)
    started = time.perf_counter()
    with progress_bar("UN primary vs alias pairs", len(rows)) as advance:
        for row in rows:
            score = compare(row["primary_name"], row["variant"], row["schema"], stats=stats).score
            item = {
                **row,
                "score": score,
                "token_sort": token_sort(row["primary_name"], row["variant"]),
            }
            groups[f"kind: {row['variant_kind']}"].append(item)
            quality = row["alias_quality"] or "(none: original script)"
            groups[f"quality: {quality}"].append(item)
            groups["all"].append(item)
            advance()
    seconds = time.perf_counter() - started
    out: dict[str, Any] = {"seconds": seconds, "groups": {}}
    for name, items in sorted(groups.items(), key=lambda kv: (kv[0] != "all", kv[0])):
        out["groups"][name] = {
            "n": len(items),
            "share_default": sum(i["score"] >= default for i in items) / len(items),
            "share_review": sum(i["score"] >= review for i in items) / len(items),
            "share_token_sort_80": sum(i["token_sort"] >= 80 for i in items) / len(items),
        }
    fields = ("un_ref", "primary_name", "variant", "variant_kind", "alias_quality")
    baseline_wins = sorted(
        (i for i in groups["all"] if i["token_sort"] >= 80 and i["score"] < review),
        key=lambda i: (i["score"], -i["token_sort"]),
    )
    out["baseline_wins_count"] = len(baseline_wins)
    out["baseline_wins"] = [
        {k: i[k] for k in fields} | {"score": round(i["score"], 4), "token_sort": i["token_sort"]}
        for i in baseline_wins[:30]
    ]
    out["scored_zero"] = sum(i["score"] == 0 for i in groups["all"])
    return out


def run_seed_case(matcher: Any) -> list[dict[str, Any]]:
    from clearance.matching import Query

    out = []
    for name, birth_date, expected in SEED_CASE:
        results = matcher.match(Query(name, birth_date=birth_date), limit=25, threshold=0.0)
        top = results[0] if results else None
        named = next((r for r in results if r.entity_id == expected), None)
        out.append(
            {
                "query": name,
                "birth_date": birth_date,
                "top": top.caption if top else None,
                "entity_id": top.entity_id if top else None,
                "lists": list(top.lists) if top else [],
                "score": round(top.score, 4) if top else 0.0,
                "alert": bool(top and top.match),
                "expected": expected,
                "expected_score": round(named.score, 4) if named else None,
                "expected_explanation": named.explanation if named else None,
            }
        )
    return out


# --- report ---


def pct(value: float) -> str:
    return f"{100 * value:.2f}%"


def print_un(un: dict[str, Any]) -> None:
    tie = un["tie"]
    heading("UN positives (yente), against every list")
    print(
        f"{tie['tied']} of {tie['rows']} rows tied to a UN entity by exact folded name "
        f"({tie['tied_to_several']} to two entities sharing the name: either counts); "
        f"untied: {', '.join(tie['untied']) or 'none'}. `strict`: the UN record itself; "
        "`any list`: or a record of another list sharing a folded name (any word order) and "
        "the schema.\n"
    )
    headers = [
        "names",
        "query",
        "n",
        "recall@1",
        f"recall@{TOP_K}",
        "≥ DEFAULT",
        "≥ REVIEW",
        "any list @1",
        "any list ≥ DEFAULT",
    ]
    rows = []
    for key, f in un["runs"].items():
        names, query = key.split(", ", 1)
        rows.append(
            [
                names,
                query,
                f["n"],
                f["strict @1"],
                f[f"strict @{TOP_K}"],
                f["strict >=default"],
                f["strict >=review"],
                f["any list @1"],
                f["any list >=default"],
            ]
        )
    print(table(headers, rows, numeric="2345678"))


def print_rates(title: str, data: dict[str, Any], note: str = "") -> None:
    heading(title)
    if note:
        print(note + "\n")
    headers = [
        "query",
        "n",
        "alert rate ≥ DEFAULT",
        "alerts",
        "alert rate ≥ REVIEW",
        "alerts",
    ]
    rows = []
    for key in ("name + DOB + nationality", "name only"):
        f = data[key]
        rows.append(
            [
                key,
                data["n"],
                pct(f["alert_rate_default"]),
                f["alerts_default"],
                pct(f["alert_rate_review"]),
                f["alerts_review"],
            ]
        )
    print(table(headers, rows, numeric="12345"))


def print_false_alerts(data: dict[str, Any], key: str, limit: int = 20) -> None:
    heading(f"Top false alerts, negatives, {key}", 4)
    rows = [
        [a["query"], a["birth_date"], a["nationality"], a["entity"], a["entity_id"], a["score"]]
        for a in data[key]["top_false_alerts"][:limit]
    ]
    print(table(["query", "DOB", "nationality", "listed entity", "id", "score"], rows, "5"))


def main() -> None:
    parser = argument_parser(__doc__)
    parser.add_argument(
        "--negatives",
        type=int,
        default=None,
        help="screen a seeded sample of N negatives (default: all 50,000; 5,000 with --quick)",
    )
    args = parser.parse_args()
    require(args.shared, UN_UNTREATED, UN_TREATED, NEGATIVES, CONGRESS, CROSS_SCRIPT, UN_ALIASES)
    require_matching()
    from clearance.matching import DEFAULT_THRESHOLD, REVIEW_THRESHOLD

    default, review = DEFAULT_THRESHOLD, REVIEW_THRESHOLD
    store, matcher, matcher_seconds = bench_matcher(args.shared)
    entities = current_entities(store)
    print(f"{len(entities):,} entities; matcher ready in {matcher_seconds:.1f} s", file=sys.stderr)

    seed = run_seed_case(matcher)
    un = run_un_positives(matcher, entities, args.shared, default, review, args.quick)

    negatives = read_people(args.shared / NEGATIVES)
    population = len(negatives)
    sample_size = args.negatives or (5000 if args.quick else population)
    if sample_size < len(negatives):
        negatives = random.Random(SEED).sample(negatives, sample_size)
    negative_rates = alert_rates(matcher, negatives, "negatives", default, review)
    negative_rates["population"] = population
    congress = read_people(args.shared / CONGRESS)
    congress_rates = alert_rates(matcher, congress, "US Congress", default, review)

    cross = run_cross_script(args.shared, matcher.stats, default)
    aliases = run_un_aliases(args.shared, matcher.stats, default, review)

    histogram = RESULTS / "screening_negatives_scores.png"
    RESULTS.mkdir(parents=True, exist_ok=True)
    plot_histogram(
        {k: negative_rates[k]["top_scores"] for k in ("name + DOB + nationality", "name only")},
        {"DEFAULT": default, "REVIEW": review},
        histogram,
    )
    for rates in (negative_rates, congress_rates):
        for key in ("name + DOB + nationality", "name only"):
            rates[key].pop("top_scores")
    write_json(
        "screening",
        {
            "default_threshold": default,
            "review_threshold": review,
            "entities": len(entities),
            "matcher_seconds": matcher_seconds,
            "seed_case": seed,
            "un_positives": un,
            "negatives": negative_rates,
            "us_congress": congress_rates,
            "cross_script": cross,
            "un_alias_pairs": aliases,
        },
    )
    print_report(seed, un, negative_rates, congress_rates, cross, aliases, entities, default)


def print_report(
    seed: list[dict[str, Any]],
    un: dict[str, Any],
    negatives: dict[str, Any],
    congress: dict[str, Any],
    cross: dict[str, Any],
    aliases: dict[str, Any],
    entities: list[Any],
    default: float,
) -> None:
    sources = Counter(e.source for e in entities)
    heading("Screening against every list")
    print(
        f"{len(entities):,} entities loaded ("
        + ", ".join(f"{s} {n:,}" for s, n in sources.most_common())
        + f"); DEFAULT_THRESHOLD {default}.\n"
    )
    heading("Seed case", 4)
    rows = [
        [
            s["query"],
            s["birth_date"],
            s["top"],
            s["entity_id"],
            s["score"],
            "yes" if s["alert"] else "no",
            f"{s['expected']}: {s['expected_score']:.3f}"
            if s["expected_score"] is not None
            else f"{s['expected']}: not a candidate",
        ]
        for s in seed
    ]
    headers = ["query", "birth date", "top result", "id", "score", "alert", "named entity's score"]
    print(table(headers, rows, "4"))
    print_un(un)
    sample = (
        "all of them"
        if negatives["n"] >= negatives["population"]
        else f"a seeded sample of {negatives['n']:,} of {negatives['population']:,}"
    )
    print_rates(
        "Negatives (yente negatives_global: people on no list)",
        negatives,
        f"Every alert here is a false alert. Screened: {sample}.",
    )
    print_false_alerts(negatives, "name + DOB + nationality")
    print_false_alerts(negatives, "name only", 10)
    print_rates(
        "US Congress members (not listed; common US names)",
        congress,
        "Not on any list: every alert is a false alert (birth year only).",
    )
    heading("Cross-script pairs (watchman cross_script_pairs.csv), compare()")
    rows = [
        [p["query"], p["expected"], p["description"], p["min_score"], p["score"], p["token_sort"]]
        for p in cross["pairs"]
    ]
    print(
        table(["query", "expected", "what", "watchman min", "clearance", "token_sort"], rows, "345")
    )
    print(
        f"\nShare ≥ DEFAULT: {pct(cross['share_default'])}; rapidfuzz token_sort ≥ 80: "
        f"{pct(cross['share_token_sort_80'])}."
    )
    heading("UN primary name vs its alias / original-script name (3,130 true pairs)")
    rows = [
        [
            name,
            g["n"],
            pct(g["share_default"]),
            pct(g["share_review"]),
            pct(g["share_token_sort_80"]),
        ]
        for name, g in aliases["groups"].items()
    ]
    print(
        table(
            ["pairs", "n", "clearance ≥ DEFAULT", "clearance ≥ REVIEW", "token_sort ≥ 80"],
            rows,
            "1234",
        )
    )
    print(
        f"\n{aliases['scored_zero']:,} pairs share no name part at all (score 0: a different "
        "name, e.g. a nom de guerre). A name model cannot find those; list data does."
    )
    heading(
        f"True alias pairs token_sort finds (≥ 80) and Clearance scores below REVIEW "
        f"({aliases['baseline_wins_count']} in all)",
        4,
    )
    rows = [
        [
            i["un_ref"],
            i["primary_name"],
            i["variant"],
            i["alias_quality"] or i["variant_kind"],
            i["score"],
            round(i["token_sort"]),
        ]
        for i in aliases["baseline_wins"][:20]
    ]
    print(table(["UN ref", "primary", "variant", "kind", "clearance", "token_sort"], rows, "45"))


if __name__ == "__main__":
    main()
