"""What the matching benchmarks share: data paths, the cached list store, tables and JSON.

Every benchmark reads the evaluation data under ``--shared`` (default ``../shared/data`` from
the project root) and exits with a clear "skipped" message when it is absent. The four real
lists are loaded once into ``bench/results/lists.db`` (a Clearance store); later runs find
the same content hashes and reuse it, and ``Matcher.from_store`` reuses its on-disk index.
Results go to ``bench/results/<name>.json``; the printed tables are markdown.
"""

from __future__ import annotations

import argparse
import csv
import json
import statistics
import sys
import time
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
RESULTS = ROOT / "bench" / "results"
DEFAULT_SHARED = ROOT.parent / "shared" / "data"
STORE_FILE = RESULTS / "lists.db"
INDEX_DIR = RESULTS / "index"  # Matcher.from_store's saved index, kept beside the store

# Every list the screening benchmarks load, as (label, path under --shared).
LISTS = {
    "ofac-sdn-2024": "lists/ofac-sdn-2024/sdn.csv",
    "ofac-cons-2025": "lists/ofac-cons-2025",
    "un-2026": "lists/un-2026/UN_consolidated.xml",
    "uk-ofsi-2018": "lists/uk-ofsi-2018/sanctionsconlist.csv",
}
# Evaluation data under --shared that several benchmarks read.
NEGATIVES = "bench/yente/negatives_global.csv"  # 50,000 synthetic people on no list
UN_TREATED = "bench/yente/positives_un_treated.csv"  # UN entries with realistic damage
UN_UNTREATED = "bench/yente/positives_un_untreated.csv"
CASES = "bench/nomenklatura/cases.csv"  # nomenklatura's name_bench pairs


# --- arguments and data paths ---


def argument_parser(doc: str | None) -> argparse.ArgumentParser:
    """A parser with the options every benchmark takes (``--shared``, ``--quick``)."""
    first_line = (doc or "").strip().splitlines()[0] if doc else None
    parser = argparse.ArgumentParser(
        description=first_line, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument(
        "--shared",
        type=Path,
        default=DEFAULT_SHARED,
        help="the shared data folder (default: ../shared/data from the project root)",
    )
    parser.add_argument("--quick", action="store_true", help="smaller samples, for development")
    return parser


def require(shared: Path, *relative: str) -> list[Path]:
    """The paths under ``shared``; exit (status 0) with a clear message if any is missing."""
    paths = [shared / r for r in relative]
    missing = [p for p in paths if not p.exists()]
    if missing:
        listed = ", ".join(str(p) for p in missing)
        print(f"skipped: evaluation data not found ({listed}); pass --shared PATH", file=sys.stderr)
        raise SystemExit(0)
    return paths


def require_matching() -> None:
    """Exit with a clear message when ``clearance.matching`` is not importable yet."""
    try:
        import clearance.matching  # noqa: F401
    except ImportError as exc:
        print(f"skipped: clearance.matching is not available ({exc})", file=sys.stderr)
        raise SystemExit(0) from exc


def read_csv(
    path: Path,
    delimiter: str = ",",
    comment: str | None = None,
    fieldnames: Sequence[str] | None = None,
) -> list[dict[str, str]]:
    """Rows of a CSV/TSV file, skipping blank and ``comment`` lines.

    The first row is the header unless ``fieldnames`` are given.
    """
    with path.open(encoding="utf-8", newline="") as handle:
        lines: Iterable[str] = handle
        if comment:
            lines = (line for line in handle if line.strip() and not line.startswith(comment))
        return list(csv.DictReader(lines, fieldnames=fieldnames, delimiter=delimiter))


# --- the store of every list ---


def open_bench_store(shared: Path, store_file: Path = STORE_FILE) -> Any:
    """The store of every list in :data:`LISTS` (loaded on first use, reused afterwards)."""
    from clearance.sources import open_list
    from clearance.store import Store

    paths = require(shared, *LISTS.values())
    store_file.parent.mkdir(parents=True, exist_ok=True)
    store = Store(str(store_file))
    started = time.perf_counter()
    results = store.load(open_list(p) for p in paths)
    loaded = [r.source for r in results if not r.unchanged]
    if loaded:
        seconds = time.perf_counter() - started
        print(f"loaded {', '.join(loaded)} into {store_file} in {seconds:.1f} s", file=sys.stderr)
    return store


def current_entities(store: Any) -> list[Any]:
    """Every entity of the current snapshots of the store."""
    return list(store.iter_current_entities())


def bench_matcher(shared: Path) -> tuple[Any, Any, float]:
    """(store, matcher over every list, seconds to build or open the matcher)."""
    from clearance.matching import Matcher

    store = open_bench_store(shared)
    started = time.perf_counter()
    matcher = Matcher.from_store(store, cache_dir=INDEX_DIR)
    return store, matcher, time.perf_counter() - started


def all_list_names(entities: Iterable[Any]) -> list[str]:
    """Every name (primary and aliases) of every entity, de-duplicated per entity."""
    names: list[str] = []
    for entity in entities:
        seen: set[str] = set()
        for name in entity.names:
            if name.value not in seen:
                seen.add(name.value)
                names.append(name.value)
    return names


# --- output ---


def write_json(name: str, data: Any) -> Path:
    """Write ``bench/results/<name>.json`` and return its path."""
    RESULTS.mkdir(parents=True, exist_ok=True)
    path = RESULTS / f"{name}.json"
    path.write_text(json.dumps(data, indent=2, ensure_ascii=False, default=str) + "\n")
    print(f"wrote {path.relative_to(ROOT)}", file=sys.stderr)
    return path


def table(headers: Sequence[str], rows: Iterable[Sequence[Any]], numeric: str = "") -> str:
    """A markdown table; columns whose index is in ``numeric`` (e.g. "123") align right."""
    lines = ["| " + " | ".join(headers) + " |"]
    lines.append(
        "|" + "|".join("---:" if str(i) in numeric else "---" for i in range(len(headers))) + "|"
    )
    for row in rows:
        cells = [_cell(v) for v in row]
        lines.append("| " + " | ".join(cells) + " |")
    return "\n".join(lines)


def _cell(value: Any) -> str:
    if value is None:
        return "–"
    if isinstance(value, float):
        return f"{value:.3f}"
    if isinstance(value, int) and not isinstance(value, bool):
        return f"{value:,}"
    return str(value).replace("|", "\\|").replace("\n", " ")


def heading(text: str, level: int = 3) -> None:
    print(f"\n{'#' * level} {text}\n")


def pyplot() -> Any:
    """matplotlib.pyplot on the Agg backend, or None (with a message) when not installed."""
    try:
        import matplotlib

        matplotlib.use("Agg")
        import matplotlib.pyplot as plt
    except ImportError:
        print("plots skipped: matplotlib not installed (pip install -e .[bench])", file=sys.stderr)
        return None
    return plt


@contextmanager
def progress_bar(description: str, total: int) -> Iterator[Any]:
    """A rich progress bar on stderr; yields a callable advancing it by ``n`` (default 1)."""
    from rich.console import Console
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TimeRemainingColumn

    console = Console(stderr=True)
    with Progress(
        "[progress.description]{task.description}",
        BarColumn(),
        MofNCompleteColumn(),
        TimeRemainingColumn(),
        console=console,
        transient=True,
        disable=not console.is_terminal,
    ) as bar:
        task = bar.add_task(description, total=total)
        yield lambda n=1: bar.advance(task, n)


# --- statistics ---


def percentile(values: Sequence[float], q: float) -> float:
    """The q-th percentile (0..100) by linear interpolation."""
    ordered = sorted(values)
    if not ordered:
        return float("nan")
    position = (len(ordered) - 1) * q / 100
    low = int(position)
    high = min(low + 1, len(ordered) - 1)
    return ordered[low] + (ordered[high] - ordered[low]) * (position - low)


def median(values: Iterable[float]) -> float:
    return statistics.median(list(values))


def precision_recall_f1(labels: Sequence[bool], predicted: Sequence[bool]) -> dict[str, float]:
    """Precision, recall and F1 of ``predicted`` against ``labels`` (with the counts)."""
    tp = sum(1 for y, p in zip(labels, predicted, strict=True) if y and p)
    fp = sum(1 for y, p in zip(labels, predicted, strict=True) if not y and p)
    fn = sum(1 for y, p in zip(labels, predicted, strict=True) if y and not p)
    precision = tp / (tp + fp) if tp + fp else 0.0
    recall = tp / (tp + fn) if tp + fn else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return {"precision": precision, "recall": recall, "f1": f1, "tp": tp, "fp": fp, "fn": fn}
