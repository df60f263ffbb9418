"""Benchmark: loading each real list into a fresh store, and re-loading it unchanged.

Every figure is a whole process (start-up included), timed with its peak resident memory
(``wait4`` rusage), repeated and reported as the median. Beside each load, in the same run:

- ``parse only``: the same parser streaming every entity, with no store;
- ``raw read``: the floor — the stdlib csv reader or lxml iterparse over the same bytes,
  building nothing.

Usage: ``python bench/bench_load.py [--repeat 3] [--shared ../shared/data] [--out FILE]``
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

LISTS = {
    "ofac-sdn-2024": "lists/ofac-sdn-2024/sdn.csv",
    "ofac-sdn-2021 (full set)": "lists/ofac-sdn-2021",
    "ofac-cons-2025": "lists/ofac-cons-2025",
    "un-2026": "lists/un-2026/UN_consolidated.xml",
    "uk-ofsi-2018": "lists/uk-ofsi-2018/sanctionsconlist.csv",
}

PARSE_ONLY = (
    "import sys; from pathlib import Path; from clearance.sources import open_list; "
    "n = sum(1 for _ in open_list(Path(sys.argv[1])).entities); print(n)"
)
RAW_READ = """
import csv, sys
from pathlib import Path
from lxml import etree
path = Path(sys.argv[1])
files = sorted(path.glob("*.csv")) if path.is_dir() else [path]
count = 0
for file in files:
    if file.suffix == ".xml":
        for _, element in etree.iterparse(str(file)):
            count += 1
            element.clear()
    else:
        with file.open(encoding="utf-8", errors="replace", newline="") as handle:
            count += sum(1 for _ in csv.reader(handle))
print(count)
"""


@dataclass
class Run:
    seconds: float
    peak_mb: float
    output: str


def measure(command: list[str], env: dict[str, str]) -> Run:
    started = time.perf_counter()
    process = subprocess.Popen(
        command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=env, text=True
    )
    _, status, usage = os.wait4(process.pid, 0)
    seconds = time.perf_counter() - started
    stdout = process.stdout.read() if process.stdout else ""
    stderr = process.stderr.read() if process.stderr else ""
    if os.waitstatus_to_exitcode(status) != 0:
        raise SystemExit(f"failed: {' '.join(command)}\n{stderr}")
    return Run(seconds, usage.ru_maxrss / 1024, stdout)


def median_run(runs: list[Run]) -> dict[str, float]:
    return {
        "seconds": round(statistics.median(r.seconds for r in runs), 3),
        "peak_mb": round(statistics.median(r.peak_mb for r in runs), 1),
    }


def bench_list(path: Path, repeat: int, env: dict[str, str]) -> dict[str, object]:
    python = sys.executable
    loads, reloads, parses, raws = [], [], [], []
    entity_count = None
    for _ in range(repeat):
        with tempfile.TemporaryDirectory() as tmp:
            db = str(Path(tmp) / "bench.db")
            load_cmd = [python, "-m", "clearance", "lists", "load", str(path), "--db", db, "--json"]
            run = measure(load_cmd, env)
            entity_count = json.loads(run.output)["loads"][0]["entity_count"]
            loads.append(run)
            reloads.append(measure(load_cmd, env))
        parses.append(measure([python, "-c", PARSE_ONLY, str(path)], env))
        raws.append(measure([python, "-c", RAW_READ, str(path)], env))
    return {
        "entities": entity_count,
        "load": median_run(loads),
        "reload_unchanged": median_run(reloads),
        "parse_only": median_run(parses),
        "raw_read": median_run(raws),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--shared", type=Path, default=ROOT.parent / "shared" / "data")
    parser.add_argument("--out", type=Path, default=ROOT / "bench" / "results" / "load.json")
    args = parser.parse_args()
    env = {**os.environ, "CLEARANCE_HOME": tempfile.mkdtemp(prefix="clearance-bench-")}
    results = {}
    for label, relative in LISTS.items():
        path = args.shared / relative
        if not path.exists():
            print(f"skip {label}: {path} not found", file=sys.stderr)
            continue
        results[label] = bench_list(path, args.repeat, env)
        print(f"{label}: {json.dumps(results[label])}", file=sys.stderr)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(results, indent=2))
    print(
        "| list | entities | load s | load peak MB | reload unchanged s | parse only s "
        "| raw read s | load / parse |"
    )
    print("|---|---:|---:|---:|---:|---:|---:|---:|")
    for label, r in results.items():
        load, parse = r["load"], r["parse_only"]
        print(
            f"| {label} | {r['entities']:,} | {load['seconds']:.2f} | {load['peak_mb']:.0f} "
            f"| {r['reload_unchanged']['seconds']:.2f} | {parse['seconds']:.2f} "
            f"| {r['raw_read']['seconds']:.2f} | {load['seconds'] / parse['seconds']:.1f}× |"
        )


if __name__ == "__main__":
    main()
