"""Fit the name model's coefficients on labelled name pairs, and report honestly.

Reads nomenklatura's name_bench ``cases.csv`` (826 labelled pairs; dev data), computes each
pair's alignment features with token weights from every loaded list, fits a regularised
logistic regression (a few rounds, since the best pair of name forms depends on the
coefficients), and prints precision/recall/F1 both in-sample and out-of-fold (5-fold
cross-validation: each pair scored by a model that never saw it). ``--write`` stores the
coefficients in ``src/clearance/matching/coefficients.py``.

``--ceiling`` also asks how far any model could go on these pairs with what the alignment
sees: a gradient-boosted tree ensemble (scikit-learn, bench extra only) over the same
features plus whole-string similarities (rapidfuzz ratio, token_sort, WRatio) and the best
similarity between tokens left unaligned on both sides, scored out-of-fold like the
logistic model. It is not explainable as a sum of parts, so it is a bound, not a candidate.

Usage: ``python bench/fit_name_model.py [--shared ../shared/data] [--write] [--ceiling]``
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
from clearance.matching.score import NameMatch, match_forms  # noqa: E402
from clearance.matching.stats import TokenStats  # noqa: E402
from clearance.matching.thresholds import DEFAULT_THRESHOLD  # noqa: E402
from common import CASES, bench_matcher, precision_recall_f1  # noqa: E402

COEFFICIENTS = ROOT / "src" / "clearance" / "matching" / "coefficients.py"
ROUNDS = 3
L2 = 1.0


def load_cases(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8") as handle:
        return [row for row in csv.DictReader(handle) if row["schema"] != "schema"]


def best_match(case: dict[str, str], stats: TokenStats) -> NameMatch | None:
    """The best pair of name forms of a case (name2 as the listed, primary name)."""
    return match_forms(
        name_forms(case["name1"], case["schema"]),
        name_forms(case["name2"], case["schema"], "primary"),
        stats,
    )


def feature_matrix(cases: list[dict[str, str]], stats: TokenStats) -> np.ndarray:
    rows = []
    for case in cases:
        best = best_match(case, stats)
        rows.append(best.features if best else (0.0,) * len(namemodel.FEATURES))
    return np.asarray(rows, dtype=float)


def ceiling_features(cases: list[dict[str, str]], stats: TokenStats) -> np.ndarray:
    """The name model's features plus whole-string and near-miss similarities."""
    from rapidfuzz import fuzz
    from rapidfuzz.distance import Levenshtein

    rows = []
    for case in cases:
        best = best_match(case, stats)
        if best is None:
            rows.append((0.0,) * (len(namemodel.FEATURES) + 5))
            continue
        one, other = " ".join(best.query.tokens), " ".join(best.name.tokens)
        left_q, left_n = best.alignment.unaligned_query, best.alignment.unaligned_name
        near = max(
            (Levenshtein.normalized_similarity(q, n) for q in left_q for n in left_n),
            default=0.0,
        )
        rows.append(
            (
                *best.features,
                fuzz.ratio(one, other) / 100,
                fuzz.token_sort_ratio(one, other) / 100,
                fuzz.WRatio(one, other) / 100,
                near,
                float(min(len(best.query.tokens), len(best.name.tokens))),
            )
        )
    return np.asarray(rows, dtype=float)


def ceiling(cases: list[dict[str, str]], labels: np.ndarray, stats: TokenStats) -> None:
    try:
        from sklearn.ensemble import HistGradientBoostingClassifier
        from sklearn.model_selection import StratifiedKFold, cross_val_predict
    except ImportError:
        print("--ceiling needs scikit-learn (pip install -e '.[bench]')")
        return
    x = ceiling_features(cases, stats)
    model = HistGradientBoostingClassifier(
        max_iter=200, learning_rate=0.05, max_depth=3, l2_regularization=1.0, random_state=7
    )
    folds = StratifiedKFold(5, shuffle=True, random_state=7)
    out_of_fold = cross_val_predict(model, x, labels, cv=folds, method="predict_proba")[:, 1]
    in_sample = model.fit(x, labels).predict_proba(x)[:, 1]
    print()
    print("ceiling: gradient-boosted trees over the features + string similarities")
    print_scores(labels, {"trees in-sample": in_sample, "trees 5-fold": out_of_fold})


def print_scores(labels: np.ndarray, models: dict[str, np.ndarray]) -> None:
    """A table row per model: precision, recall, F1 at the default threshold, best F1."""
    print("| model | threshold | precision | recall | F1 | best F1 (threshold) |")
    print("|---|---:|---:|---:|---:|---:|")
    for label, scores in models.items():
        p, r, f = prf(scores, labels, DEFAULT_THRESHOLD)
        bf, bt = best_f1(scores, labels)
        row = f"| {label} | {DEFAULT_THRESHOLD} | {p:.3f} | {r:.3f} | {f:.3f}"
        print(f"{row} | {bf:.3f} ({bt:.2f}) |")


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
    parser.add_argument(
        "--ceiling", action="store_true", help="also score a tree ensemble, out-of-fold"
    )
    args = parser.parse_args()
    cases_path = args.shared / CASES
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
    print_scores(labels, {"in-sample": in_sample, "5-fold out-of-fold": out_of_fold})
    print()
    print("coefficients: intercept", round(float(beta[0]), 3))
    for name, value in zip(namemodel.FEATURES, beta[1:], strict=True):
        print(f"  {name:32s} {value:+.3f}")
    if args.ceiling:
        ceiling(cases, labels, stats)
    if args.write:
        write_coefficients(beta)
        print(f"written to {COEFFICIENTS.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
