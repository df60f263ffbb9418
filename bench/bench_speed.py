"""Benchmark: screening throughput, single-query latency and scale, against brute force.

- batch: 10,000 names (fixed seed: 70% yente negatives, 30% UN treated positives) screened by
  the whole ``clearance screen INPUT -o OUTPUT`` process (start-up included) versus, in the
  same run, a process doing ``rapidfuzz.process.cdist(queries, names, token_sort_ratio,
  workers=-1, score_cutoff=80)`` over every list name (primary + aliases of every entity).
  Repeated (default 3x), medians; Clearance's index is already saved on disk (start-up loads it).
- latency: p50/p95/p99 of ``matcher.match(Query(...))`` over 2,000 queries after warm-up,
  in process, and of ``rapidfuzz.process.extract`` over every list name per query.
- scale (``--scale N``, off by default; 1,000,000 in the full run): N synthetic parties from
  Faker in 8 locales (persons with birth date and nationality, companies with legal forms),
  generated once per locale in parallel processes and cached in bench/results/synthetic/;
  ``Matcher.from_entities`` build time and peak RSS, in a fresh process, then query p50/p99
  over 1,000 queries.
- optional: nomenklatura logic-v1, when nomenklatura is installed (it is not a dependency;
  install it in a separate bench venv): pair-scoring speed on cases.csv, and logic-v1 scoring
  the very candidates Clearance's index gives for 500 batch queries, beside ``Matcher.match``.

Usage: ``python bench/bench_speed.py [--repeat 3] [--scale 100000] [--quick]``
"""

from __future__ import annotations

import csv
import gzip
import json
import os
import random
import re
import resource
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator, Sequence
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path
from typing import Any

from common import (
    CASES,
    NEGATIVES,
    RESULTS,
    ROOT,
    UN_TREATED,
    all_list_names,
    argument_parser,
    bench_matcher,
    current_entities,
    heading,
    median,
    percentile,
    progress_bar,
    read_csv,
    require,
    require_matching,
    table,
    write_json,
)

SEED = 20240503
BATCH_SIZE = 10_000
LATENCY_QUERIES = 2_000
WARM_UP = 100
SCALE_QUERIES = 1_000
SYNTHETIC = RESULTS / "synthetic"
# CLEARANCE_HOME of the timed processes: $CLEARANCE_HOME/index is common.INDEX_DIR, so the
# CLI finds the index bench_matcher() saved and every timed run starts warm (index on disk).
HOME = RESULTS

BASELINE = """
import csv, json, sys
import numpy as np
from rapidfuzz import fuzz, process, utils
with open(sys.argv[1], encoding="utf-8", newline="") as handle:
    queries = [utils.default_process(row["name"]) for row in csv.DictReader(handle)]
with open(sys.argv[2], encoding="utf-8") as handle:
    names = [utils.default_process(line.rstrip("\\n")) for line in handle]
scores = process.cdist(
    queries, names, scorer=fuzz.token_sort_ratio, workers=-1, score_cutoff=80, dtype=np.uint8
)
hits = (scores > 0).sum(axis=1)
print(json.dumps({"queries": len(queries), "with_hit": int((hits > 0).sum()),
                  "pairs": int(hits.sum())}))
"""

LOCALES = {
    # locale: (nationality codes, legal forms appended when Faker's company has none)
    "en_US": (["us"], ["LLC", "Inc.", "Corp.", "Ltd"]),
    "tr_TR": (["tr"], ["A.Ş.", "Ltd. Şti."]),
    "ru_RU": (["ru"], ["ООО", "АО", "ПАО"]),
    "ar_AA": (["sa", "ae", "eg", "jo", "iq", "sy"], ["ش.م.م", "ذ.م.م"]),
    "zh_CN": (["cn"], ["有限公司", "股份有限公司"]),
    "de_DE": (["de"], ["GmbH", "AG", "KG"]),
    "fr_FR": (["fr"], ["SARL", "SA", "SAS"]),
    "es_ES": (["es"], ["S.L.", "S.A."]),
}
# Legal forms Faker itself writes, besides the ones above (then nothing is appended).
FAKER_FORMS = [
    "PLC",
    "KGaA",
    "OHG",
    "GbR",
    "eG",
    "S.L.N.E",
    "S.Coop.",
    "S.L.L.",
    "S.A.T.",
    "SNC",
    "НПО",
    "Şti.",
]
GENERATOR_VERSION = 2  # part of the cache file names: bump when the records change
COMPANY_SHARE = 0.3


# --- queries ---


def query_mix(shared: Path, count: int, seed: int = SEED) -> list[str]:
    """``count`` names: 70% yente negatives, 30% UN treated positives (fixed seed)."""
    negatives_path, un_path = require(shared, NEGATIVES, UN_TREATED)
    negatives = [r["full_name"].strip() for r in read_csv(negatives_path)]
    positives = [r["full_name"].strip() for r in read_csv(un_path)]
    rng = random.Random(seed)
    n_positive = round(count * 0.3)
    names = rng.sample(negatives, count - n_positive) + rng.choices(positives, k=n_positive)
    rng.shuffle(names)
    return [n for n in names if n]


def write_batch(names: Sequence[str], path: Path) -> None:
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(["id", "name", "schema"])
        for i, name in enumerate(names):
            writer.writerow([f"q{i:05d}", name, "Person"])


# --- batch ---


def timed_process(command: list[str], env: dict[str, str], ok: tuple[int, ...] = (0,)) -> dict:
    """Run ``command``; its wall time, stdout and peak RSS (``wait4``)."""
    with tempfile.TemporaryFile("w+") as out, tempfile.TemporaryFile("w+") as err:
        started = time.perf_counter()
        process = subprocess.Popen(command, stdout=out, stderr=err, env=env, text=True)
        _, status, usage = os.wait4(process.pid, 0)
        seconds = time.perf_counter() - started
        process.returncode = os.waitstatus_to_exitcode(status)
        out.seek(0)
        err.seek(0)
        stdout, stderr = out.read(), err.read()
    if process.returncode not in ok:
        raise SystemExit(f"failed ({process.returncode}): {' '.join(command)}\n{stderr[-2000:]}")
    return {"seconds": seconds, "stdout": stdout, "peak_rss_mb": usage.ru_maxrss / 1024}


def cli_batch_available(env: dict[str, str]) -> bool:
    """Whether ``clearance screen`` takes an input file and ``-o`` (the batch mode)."""
    result = subprocess.run(
        [sys.executable, "-m", "clearance", "screen", "--help"],
        capture_output=True,
        text=True,
        env=env,
    )
    text = result.stdout + result.stderr
    return result.returncode == 0 and "--output" in text and "INPUT" in text.upper()


def byte_compile_clearance() -> bool:
    """Write the clearance package's bytecode, as a regular ``pip install .`` does at install
    time. An editable install run with PYTHONDONTWRITEBYTECODE set (as on the bench machine)
    compiles every one of its modules again at every start (0.1 s), while the baseline's
    libraries were byte-compiled when pip installed them."""
    import compileall

    import clearance

    return bool(compileall.compile_dir(Path(clearance.__file__).parent, quiet=1))


def run_batch(
    shared: Path, names: list[str], store_url: str, list_names: list[str], repeat: int, env: dict
) -> dict[str, Any]:
    out: dict[str, Any] = {"queries": len(names), "list_names": len(list_names)}
    out["byte_compiled"] = byte_compile_clearance()
    with tempfile.TemporaryDirectory(prefix="clearance-speed-") as tmp:
        batch = Path(tmp) / "queries.csv"
        names_file = Path(tmp) / "names.txt"
        write_batch(names, batch)
        names_file.write_text("".join(n.replace("\n", " ") + "\n" for n in list_names))
        baseline_cmd = [sys.executable, "-c", BASELINE, str(batch), str(names_file)]
        if cli_batch_available(env):
            output = Path(tmp) / "out.jsonl"
            cmd = [
                sys.executable,
                "-m",
                "clearance",
                "screen",
                str(batch),
                "-o",
                str(output),
                "--db",
                store_url,
            ]
            out["clearance_mode"] = (
                "`clearance screen INPUT -o OUTPUT`, whole process on all cores (start-up loads "
                "the index saved on disk; the package byte-compiled first, as `pip install .` "
                "does)"
            )
            clearance_runs, baseline_runs = [], []
            with progress_bar("batch: clearance / baseline runs", 2 * repeat) as advance:
                for _ in range(repeat):
                    run = timed_process(cmd, env, ok=(0, 1))
                    clearance_runs.append(run["seconds"])
                    out.setdefault("clearance_peak_rss_mb", []).append(run["peak_rss_mb"])
                    advance()
                    baseline = timed_process(baseline_cmd, env)
                    baseline_runs.append(baseline["seconds"])
                    out.setdefault("baseline_peak_rss_mb", []).append(baseline["peak_rss_mb"])
                    advance()
            out["clearance_alerts"] = count_alerts(output)
        else:
            out["clearance_mode"] = (
                "in-process Matcher.match (clearance screen batch mode not available): "
                "start-up excluded"
            )
            clearance_runs, baseline_runs = [], []
            _, matcher, _ = bench_matcher(shared)
            for _ in range(repeat):
                clearance_runs.append(in_process_batch(matcher, names))
                baseline = timed_process(baseline_cmd, env)
                baseline_runs.append(baseline["seconds"])
                out.setdefault("baseline_peak_rss_mb", []).append(baseline["peak_rss_mb"])
        out["baseline_result"] = json.loads(baseline["stdout"])
    out["clearance_seconds"] = clearance_runs
    out["baseline_seconds"] = baseline_runs
    out["clearance_qps"] = len(names) / median(clearance_runs)
    out["baseline_qps"] = len(names) / median(baseline_runs)
    out["ratio"] = out["clearance_qps"] / out["baseline_qps"]
    return out


def count_alerts(path: Path) -> dict[str, int]:
    """Rows of ``clearance screen`` JSON lines output, and rows with a match / any alert."""
    rows = matched = listed = 0
    with path.open(encoding="utf-8") as handle:
        for line in handle:
            if not line.strip():
                continue
            rows += 1
            alerts = json.loads(line).get("alerts") or []
            listed += bool(alerts)
            matched += any(a.get("match") for a in alerts)
    return {"rows": rows, "with_match": matched, "with_alert_over_review": listed}


def in_process_batch(matcher: Any, names: Sequence[str]) -> float:
    from clearance.matching import Query

    started = time.perf_counter()
    with progress_bar("batch in process", len(names)) as advance:
        for name in names:
            matcher.match(Query(name, schema="Person"))
            advance()
    return time.perf_counter() - started


# --- latency ---


def latency(matcher: Any, names: Sequence[str], list_names: list[str]) -> dict[str, Any]:
    from rapidfuzz import fuzz, process, utils

    from clearance.matching import Query

    def clearance_one(name: str) -> None:
        matcher.match(Query(name, schema="Person"))

    choices = [utils.default_process(n) for n in list_names]

    def brute_one(name: str) -> None:
        process.extract(
            utils.default_process(name), choices, scorer=fuzz.token_sort_ratio, limit=10
        )

    out = {}
    for label, one in (("clearance", clearance_one), ("rapidfuzz extract", brute_one)):
        for name in names[:WARM_UP]:
            one(name)
        timings = []
        with progress_bar(f"latency: {label}", len(names)) as advance:
            for name in names:
                started = time.perf_counter()
                one(name)
                timings.append((time.perf_counter() - started) * 1000)
                advance()
        out[label] = {
            "p50_ms": percentile(timings, 50),
            "p95_ms": percentile(timings, 95),
            "p99_ms": percentile(timings, 99),
            "mean_ms": sum(timings) / len(timings),
        }
    return out


# --- scale: synthetic parties ---


def generate_locale(locale: str, count: int, seed: int, path: Path) -> str:
    """Write ``count`` synthetic parties of ``locale`` as JSON lines (gzip); run in a worker."""
    from faker import Faker

    fake = Faker(locale)
    fake.seed_instance(seed)
    rng = random.Random(seed)
    countries, forms = LOCALES[locale]
    tmp = path.with_suffix(".tmp")
    with gzip.open(tmp, "wt", encoding="utf-8") as handle:
        for i in range(count):
            if rng.random() < COMPANY_SHARE:
                name = fake.company()
                if not has_legal_form(name, [*forms, *FAKER_FORMS]):
                    form = rng.choice(forms)
                    name = f"{form} {name}" if locale == "ru_RU" else f"{name} {form}"
                record = {"schema": "Company", "name": name, "country": rng.choice(countries)}
            else:
                record = {
                    "schema": "Person",
                    "name": fake.name(),
                    "birth_date": fake.date_of_birth(minimum_age=18, maximum_age=90).isoformat(),
                    "nationality": rng.choice(countries),
                }
            record["id"] = f"synth-{locale}-{i}"
            handle.write(json.dumps(record, ensure_ascii=False) + "\n")
    os.replace(tmp, path)
    return locale


def has_legal_form(name: str, forms: Sequence[str]) -> bool:
    """Whether ``name`` holds one of ``forms`` as a word (dots ignored; CJK as a substring)."""
    dotless = name.replace(".", "").casefold()
    for form in forms:
        key = form.replace(".", "").casefold()
        if re.search(r"[\u4e00-\u9fff]", key):
            if key in dotless:
                return True
        elif re.search(rf"(?<!\w){re.escape(key)}(?!\w)", dotless):
            return True
    return False


def synthetic_files(total: int, seed: int = SEED) -> list[Path]:
    """Per-locale cache files holding ``total`` parties in all, generated where missing."""
    SYNTHETIC.mkdir(parents=True, exist_ok=True)
    per_locale = total // len(LOCALES)
    jobs = []
    for i, locale in enumerate(LOCALES):
        count = per_locale + (total % len(LOCALES) if i == 0 else 0)
        path = SYNTHETIC / f"{locale}-{count}-s{seed + i}-v{GENERATOR_VERSION}.jsonl.gz"
        jobs.append((locale, count, seed + i, path))
    missing = [job for job in jobs if not job[3].exists()]
    if missing:
        started = time.perf_counter()
        with (
            ProcessPoolExecutor(max_workers=os.cpu_count() or 2) as pool,
            progress_bar("generating synthetic parties (per locale)", len(missing)) as advance,
        ):
            for _ in pool.map(generate_locale, *zip(*missing, strict=True)):
                advance()
        print(
            f"generated {sum(j[1] for j in missing):,} parties in "
            f"{time.perf_counter() - started:.0f} s",
            file=sys.stderr,
        )
    return [job[3] for job in jobs]


def read_synthetic(paths: Sequence[Path]) -> Iterator[dict[str, Any]]:
    for path in paths:
        with gzip.open(path, "rt", encoding="utf-8") as handle:
            for line in handle:
                yield json.loads(line)


def to_entity(record: dict[str, Any]) -> Any:
    from clearance.model import Entity, Name, PartialDate
    from clearance.model.entity import Schema

    if record["schema"] == "Person":
        return Entity(
            id=record["id"],
            schema=Schema.PERSON,
            names=(Name(record["name"]),),
            source="synthetic",
            source_ref=record["id"],
            birth_dates=(PartialDate.parse(record["birth_date"]),),
            nationalities=(record["nationality"],),
        )
    return Entity(
        id=record["id"],
        schema=Schema.COMPANY,
        names=(Name(record["name"]),),
        source="synthetic",
        source_ref=record["id"],
        countries=(record["country"],),
    )


def current_rss_mb() -> float:
    """Resident memory of this process now (Linux /proc; else the peak so far)."""
    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    except OSError:
        pass
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def scale_worker(total: int, shared: Path) -> dict[str, Any]:
    """Build a matcher over ``total`` synthetic parties in this (fresh) process."""
    from clearance.matching import Matcher, Query

    paths = synthetic_files(total)
    rss_start = current_rss_mb()
    rng = random.Random(SEED)
    started = time.perf_counter()
    picked: list[str] = []
    for i, record in enumerate(read_synthetic(paths)):  # reservoir sample of listed names
        if len(picked) < SCALE_QUERIES // 2:
            picked.append(record["name"])
        elif (j := rng.randrange(i + 1)) < SCALE_QUERIES // 2:
            picked[j] = record["name"]
    read_seconds = time.perf_counter() - started
    started = time.perf_counter()
    matcher = Matcher.from_entities(to_entity(r) for r in read_synthetic(paths))
    build_seconds = time.perf_counter() - started
    rss_peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    others = query_mix(shared, SCALE_QUERIES - len(picked), seed=SEED + 1)
    names = picked + others
    rng.shuffle(names)
    for name in names[:50]:
        matcher.match(Query(name))
    timings = []
    for name in names:
        t0 = time.perf_counter()
        matcher.match(Query(name))
        timings.append((time.perf_counter() - t0) * 1000)
    return {
        "entities": total,
        "read_seconds": read_seconds,
        "build_seconds": build_seconds,
        "rss_before_mb": rss_start,
        "peak_rss_mb": rss_peak,
        "queries": len(names),
        "p50_ms": percentile(timings, 50),
        "p95_ms": percentile(timings, 95),
        "p99_ms": percentile(timings, 99),
    }


def run_scale(total: int, shared: Path) -> dict[str, Any]:
    synthetic_files(total)  # generate in this process's pool, before the measured one starts
    command = [
        sys.executable,
        str(Path(__file__).resolve()),
        "--scale-worker",
        str(total),
        "--shared",
        str(shared),
    ]
    print(f"scale: building a matcher over {total:,} parties in a fresh process", file=sys.stderr)
    result = subprocess.run(command, capture_output=True, text=True)
    if result.returncode != 0:
        return {"entities": total, "error": result.stderr[-3000:]}
    return json.loads(result.stdout.strip().splitlines()[-1])


# --- optional: nomenklatura logic-v1 ---


def logic_v1(shared: Path) -> dict[str, Any]:
    try:
        import nomenklatura  # noqa: F401
    except ImportError:
        return {"skipped": "nomenklatura not installed (pip install nomenklatura in a bench venv)"}
    try:
        from followthemoney import model
        from nomenklatura.matching import get_algorithm
        from nomenklatura.matching.types import ScoringConfig

        from clearance.matching import compare

        algorithm = get_algorithm("logic-v1")
        if algorithm is None:
            return {"skipped": "nomenklatura has no logic-v1 algorithm"}
        config = ScoringConfig.defaults()
        (cases_path,) = require(shared, CASES)
        rows = read_csv(cases_path)

        def entity(name: str, schema: str, i: int) -> Any:
            proxy = model.make_entity(schema)
            proxy.id = f"e{i}"
            proxy.add("name", name)
            return proxy

        pairs = [
            (entity(r["name1"], r["schema"], 2 * i), entity(r["name2"], r["schema"], 2 * i + 1))
            for i, r in enumerate(rows)
        ]
        started = time.perf_counter()
        for left, right in pairs:
            algorithm.compare(left, right, config)
        v1 = time.perf_counter() - started
        started = time.perf_counter()
        for r in rows:
            compare(r["name1"], r["name2"], r["schema"])
        ours = time.perf_counter() - started
        return {
            "pairs": len(rows),
            "logic_v1_pairs_per_second": len(rows) / v1,
            "clearance_pairs_per_second": len(rows) / ours,
        }
    except Exception as exc:  # an optional, unpinned dependency: report, do not fail the run
        return {"skipped": f"nomenklatura logic-v1 failed: {type(exc).__name__}: {exc}"}


V1_QUERIES = 500


def logic_v1_candidates(matcher: Any, entities: list[Any], names: Sequence[str]) -> dict[str, Any]:
    """nomenklatura's logic-v1 scoring the very candidates Clearance scores, per query.

    For each query the index's candidates (what ``Matcher.match`` aligns and scores) are
    scored again by logic-v1 on their FollowTheMoney form; both are timed over the same
    queries and candidates, in process, on one core."""
    try:
        from followthemoney import model
        from nomenklatura.matching import get_algorithm
        from nomenklatura.matching.types import ScoringConfig
    except ImportError:
        return {"skipped": "nomenklatura not installed (pip install nomenklatura in a bench venv)"}
    from clearance.matching import Query
    from clearance.matching.matcher import _query_forms, name_floor
    from clearance.matching.thresholds import REVIEW_THRESHOLD
    from clearance.model.ftm import entity_to_ftm

    algorithm = get_algorithm("logic-v1")
    config = ScoringConfig.defaults()
    by_id = {e.id: e for e in entities}
    proxies: dict[str, Any] = {}

    def proxy_of(entity_id: str) -> Any:
        if entity_id not in proxies:
            main = entity_to_ftm(by_id[entity_id])[0]
            proxies[entity_id] = model.get_proxy(main)
        return proxies[entity_id]

    work = []
    for number, name in enumerate(names):
        query = Query(name)
        floor = name_floor(query, REVIEW_THRESHOLD)  # the very candidates Matcher.match scores
        positions = [p for p, _ in matcher.index.candidates(_query_forms(query), floor=floor)]
        candidate_ids = [matcher.index.entities[p].id for p in positions]
        left = model.make_entity("LegalEntity")
        left.id = f"q{number}"
        left.add("name", name)
        work.append((query, left, [proxy_of(i) for i in candidate_ids]))
    pairs = sum(len(c) for _, _, c in work)
    started = time.perf_counter()
    for _, left, candidates in work:
        for right in candidates:
            algorithm.compare(left, right, config)
    v1_seconds = time.perf_counter() - started
    started = time.perf_counter()
    for query, _, _ in work:
        matcher.match(query)
    ours = time.perf_counter() - started
    return {
        "queries": len(work),
        "candidate_pairs": pairs,
        "logic_v1_queries_per_second": len(work) / v1_seconds,
        "logic_v1_pairs_per_second": pairs / v1_seconds,
        "clearance_queries_per_second": len(work) / ours,
    }


# --- main ---


def main() -> None:
    parser = argument_parser(__doc__)
    parser.add_argument("--repeat", type=int, default=3, help="batch repeats (median)")
    parser.add_argument(
        "--scale", type=int, default=0, help="synthetic parties for the scale test (0: skip)"
    )
    parser.add_argument("--scale-only", action="store_true", help="only the scale test")
    parser.add_argument("--scale-worker", type=int, default=0, help=argparse_hidden())
    args = parser.parse_args()
    require_matching()
    if args.scale_worker:
        print(json.dumps(scale_worker(args.scale_worker, args.shared)))
        return
    require(args.shared, NEGATIVES, UN_TREATED)
    results: dict[str, Any] = {}
    if not args.scale_only:
        results.update(run_lists(args))
    if args.scale:
        results["scale"] = run_scale(args.scale, args.shared)
    results["logic_v1"] = logic_v1(args.shared)
    write_json("speed_scale" if args.scale_only else "speed", results)
    print_report(results)


def argparse_hidden() -> str:
    import argparse

    return argparse.SUPPRESS


def run_lists(args: Any) -> dict[str, Any]:
    from clearance.matching import DEFAULT_THRESHOLD

    HOME.mkdir(parents=True, exist_ok=True)
    env = {**os.environ, "CLEARANCE_HOME": str(HOME)}
    store, matcher, matcher_seconds = bench_matcher(args.shared)
    entities = current_entities(store)
    list_names = all_list_names(entities)
    batch_size = 2_000 if args.quick else BATCH_SIZE
    repeat = 1 if args.quick else args.repeat
    names = query_mix(args.shared, batch_size)
    store_file = store.url.removeprefix("sqlite:///")
    batch = run_batch(args.shared, names, store_file, list_names, repeat, env)
    latency_names = names[: (500 if args.quick else LATENCY_QUERIES)]
    lat = latency(matcher, latency_names, list_names)
    v1 = logic_v1_candidates(matcher, entities, names[:V1_QUERIES])
    return {
        "logic_v1_candidates": v1,
        "entities": len(entities),
        "list_names": len(list_names),
        "matcher_open_seconds": matcher_seconds,
        "default_threshold": DEFAULT_THRESHOLD,
        "batch": batch,
        "latency": lat | {"queries": len(latency_names), "warm_up": WARM_UP},
    }


def peak(values: list[float] | None) -> str:
    return f"{median(values):,.0f}" if values else "–"


def print_report(results: dict[str, Any]) -> None:
    cpus = os.cpu_count()
    if "batch" in results:
        b = results["batch"]
        heading("Batch screening throughput")
        print(
            f"{b['queries']:,} names (70% yente negatives, 30% UN treated positives; fixed seed) "
            f"against {results['entities']:,} entities / {results['list_names']:,} list names "
            f"(primary + aliases), {cpus} cores; medians of {len(b['clearance_seconds'])} runs. "
            f"Clearance: {b['clearance_mode']}. Baseline: a process running rapidfuzz "
            "`process.cdist(token_sort_ratio, workers=-1, score_cutoff=80)` over every list "
            "name (start-up and name loading included). Peak RSS: the main process (`wait4`), "
            "forked workers not included.\n"
        )
        rows = [
            [
                "clearance",
                median(b["clearance_seconds"]),
                f"{b['clearance_qps']:,.0f}",
                peak(b.get("clearance_peak_rss_mb")),
            ],
            [
                "rapidfuzz cdist baseline",
                median(b["baseline_seconds"]),
                f"{b['baseline_qps']:,.0f}",
                peak(b.get("baseline_peak_rss_mb")),
            ],
        ]
        print(table(["method", "seconds", "queries/s", "peak RSS MB"], rows, "123"))
        print(
            f"\nClearance / baseline throughput: {b['ratio']:.2f}×. "
            + f"Baseline hits ≥ 80: {b['baseline_result']['with_hit']:,} queries"
            + (
                f"; Clearance rows with a match (≥ DEFAULT): "
                f"{b['clearance_alerts']['with_match']:,}, with any alert (≥ REVIEW): "
                f"{b['clearance_alerts']['with_alert_over_review']:,}."
                if "clearance_alerts" in b
                else "."
            )
        )
        lat = results["latency"]
        heading("Single-query latency (in process, after warm-up)")
        print(
            f"{lat['queries']:,} queries after {lat['warm_up']} warm-up; rapidfuzz "
            "`process.extract` (token_sort_ratio, limit 10, names pre-processed once) over "
            "every list name.\n"
        )
        rows = [
            [label, v["p50_ms"], v["p95_ms"], v["p99_ms"], v["mean_ms"]]
            for label, v in lat.items()
            if isinstance(v, dict)
        ]
        print(table(["method", "p50 ms", "p95 ms", "p99 ms", "mean ms"], rows, "1234"))
    if "scale" in results:
        s = results["scale"]
        heading("Scale: synthetic parties (Faker, 8 locales)")
        if "error" in s:
            print(f"failed: {s['error']}")
        else:
            rows = [
                [
                    s["entities"],
                    s["build_seconds"],
                    f"{s['peak_rss_mb']:,.0f}",
                    f"{s['rss_before_mb']:,.0f}",
                    s["p50_ms"],
                    s["p95_ms"],
                    s["p99_ms"],
                ]
            ]
            headers = [
                "entities",
                "build s",
                "peak RSS MB",
                "RSS before build MB",
                "query p50 ms",
                "query p95 ms",
                "query p99 ms",
            ]
            print(table(headers, rows, "0123456"))
            print(
                f"\n`Matcher.from_entities` in a fresh process; build time includes reading the "
                f"cached records ({s['read_seconds']:.1f} s alone); {s['queries']:,} queries "
                "(half names of the synthetic set, half yente negatives/UN)."
            )
    heading("nomenklatura logic-v1", 4)
    v1 = results["logic_v1"]
    if "skipped" in v1:
        print(f"skipped: {v1['skipped'].removeprefix('skipped: ')}")
    else:
        print(
            f"{v1['pairs']} cases.csv pairs: logic-v1 {v1['logic_v1_pairs_per_second']:,.0f} "
            f"pairs/s, Clearance compare {v1['clearance_pairs_per_second']:,.0f} pairs/s."
        )
    candidates = results.get("logic_v1_candidates")
    if candidates and "skipped" not in candidates:
        print(
            f"\nThe same candidates, {candidates['queries']} queries "
            f"({candidates['candidate_pairs']:,} query × candidate pairs), one core: logic-v1 "
            f"scoring them {candidates['logic_v1_queries_per_second']:,.1f} queries/s "
            f"({candidates['logic_v1_pairs_per_second']:,.0f} pairs/s); Clearance's whole "
            f"`Matcher.match` (candidates included) "
            f"{candidates['clearance_queries_per_second']:,.0f} queries/s."
        )


if __name__ == "__main__":
    sys.path.insert(0, str(ROOT / "bench"))
    main()
