"""Fit the name model's coefficients on labelled name pairs, and report honestly.

Reads nomenklatura's name_bench ``cases.csv`` (826 labelled pairs; dev data), computes each
pair's alignment features with token weights from every loaded list, fits a regularised
logistic regression (a few rounds, since the best pair of name forms depends on the
coefficients), and prints precision/recall/F1 both in-sample and out-of-fold (5-fold
cross-validation: each pair scored by a model that never saw it). ``--write`` stores the
coefficients in ``src/clearance/matching/coefficients.py``.

Usage: ``python bench/fit_name_model.py [--shared ../shared/data] [--write]``
"""

from __future__ import annotations

import argparse
import csv
import sys
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "bench"))

from clearance.matching import namemodel  # noqa: E402
from clearance.matching.forms import name_forms  # noqa: E402
from clearance.matching.score import match_forms  # noqa: E402
from clearance.matching.stats import TokenStats  # noqa: E402
from clearance.matching.thresholds import DEFAULT_THRESHOLD  # noqa: E402
from common import bench_matcher, precision_recall_f1  # noqa: E402

COEFFICIENTS = ROOT / "src" / "clearance" / "matching" / "coefficients.py"
ROUNDS = 3
L2 = 1.0


def load_cases(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8") as handle:
        return [row for row in csv.DictReader(handle) if row["schema"] != "schema"]


def feature_matrix(cases: list[dict[str, str]], stats: TokenStats) -> np.ndarray:
    rows = []
    for case in cases:
        best = match_forms(
            name_forms(case["name1"], case["schema"]),
            name_forms(case["name2"], case["schema"], "primary"),
            stats,
        )
        rows.append(best.features if best else (0.0,) * len(namemodel.FEATURES))
    return np.asarray(rows, dtype=float)


def prf(scores: np.ndarray, labels: np.ndarray, threshold: float) -> tuple[float, float, float]:
    figures = precision_recall_f1(list(labels == 1), list(scores >= threshold))
    return figures["precision"], figures["recall"], figures["f1"]


def best_f1(scores: np.ndarray, labels: np.ndarray) -> tuple[float, float]:
    thresholds = np.linspace(0.05, 0.95, 91)
    values = [(prf(scores, labels, t)[2], t) for t in thresholds]
    f1, threshold = max(values)
    return f1, float(threshold)


def write_coefficients(beta: np.ndarray) -> None:
    lines = [
        '"""Coefficients of the name model (see :mod:`clearance.matching.namemodel`).',
        "",
        "Written by ``bench/fit_name_model.py --write``; do not edit by hand.",
        '"""',
        "",
        f"INTERCEPT = {beta[0]:.4f}",
        "WEIGHTS = {",
        *(
            f'    "{name}": {value:.4f},'
            for name, value in zip(namemodel.FEATURES, beta[1:], strict=True)
        ),
        "}",
        "",
    ]
    COEFFICIENTS.write_text("\n".join(lines), encoding="utf-8")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--shared", type=Path, default=ROOT.parent / "shared" / "data")
    parser.add_argument("--write", action="store_true", help="store the fitted coefficients")
    args = parser.parse_args()
    cases_path = args.shared / "bench" / "nomenklatura" / "cases.csv"
    if not cases_path.exists():
        raise SystemExit(f"skipped: {cases_path} not found")
    cases = load_cases(cases_path)
    labels = np.asarray([1 if c["is_match"] == "true" else 0 for c in cases])
    stats = bench_matcher(args.shared)[1].stats

    beta = None
    for _ in range(ROUNDS):
        x = feature_matrix(cases, stats)
        beta = namemodel.fit(x, labels, L2)
        namemodel.coefficients.INTERCEPT = float(beta[0])
        namemodel.coefficients.WEIGHTS.update(
            dict(zip(namemodel.FEATURES, map(float, beta[1:]), strict=True))
        )
    assert beta is not None
    x = feature_matrix(cases, stats)
    in_sample = 1.0 / (1.0 + np.exp(-(np.hstack([np.ones((len(x), 1)), x]) @ beta)))
    out_of_fold = namemodel.fit_cross_validated(x, labels, folds=5, l2=L2)

    print(f"name_bench pairs: {len(cases)} ({int(labels.sum())} true)")
    print("| model | threshold | precision | recall | F1 | best F1 (threshold) |")
    print("|---|---:|---:|---:|---:|---:|")
    for label, scores in (("in-sample", in_sample), ("5-fold out-of-fold", out_of_fold)):
        p, r, f = prf(scores, labels, DEFAULT_THRESHOLD)
        bf, bt = best_f1(scores, labels)
        row = f"| {label} | {DEFAULT_THRESHOLD} | {p:.3f} | {r:.3f} | {f:.3f}"
        print(f"{row} | {bf:.3f} ({bt:.2f}) |")
    print()
    print("coefficients: intercept", round(float(beta[0]), 3))
    for name, value in zip(namemodel.FEATURES, beta[1:], strict=True):
        print(f"  {name:32s} {value:+.3f}")
    if args.write:
        write_coefficients(beta)
        print(f"written to {COEFFICIENTS.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
