"""Benchmark: name-pair accuracy on nomenklatura's 826 labelled cases, against baselines.

Methods, all scored on the same pairs in the same run:

- ``clearance+lists``: ``compare(name1, name2, schema, stats=matcher.stats)``, with the token
  statistics of every list loaded (OFAC SDN, OFAC consolidated, UN, UK; see common.py);
- ``clearance``: ``compare`` without list statistics;
- ``rapidfuzz WRatio`` and ``rapidfuzz token_sort``: ``fuzz.WRatio`` / ``fuzz.token_sort_ratio``
  on ``utils.default_process`` names, score / 100;
- ``logic-v2 (frozen)``: OpenSanctions' logic-v2 scores as frozen in ``logicv2-frozen.csv``,
  joined on (name1, name2, schema); 11 pairs have no frozen score.

Figures: precision / recall / F1 at Clearance's DEFAULT_THRESHOLD and at each method's best
threshold (sweep 0..1 by 0.01), by schema and by category family, on the pairs every method
scored; the worst errors of Clearance for study; plots of the curves and score distributions.

These cases are development data if Clearance's weights were tuned on them: the figures are
then an upper bound. When ``clearance.matching.model.fit_cross_validated`` exists, a k-fold
figure is reported too.

Usage: ``python bench/bench_names.py [--shared ../shared/data] [--no-lists] [--errors 20]``
"""

from __future__ import annotations

import importlib
import re
import sys
import time
from collections import Counter, defaultdict
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from common import (
    CASES,
    LISTS,
    RESULTS,
    argument_parser,
    bench_matcher,
    heading,
    precision_recall_f1,
    pyplot,
    read_csv,
    require,
    require_matching,
    table,
    write_json,
)

LOGIC_V2 = "bench/nomenklatura/logicv2-frozen.csv"
THRESHOLDS = [i / 100 for i in range(101)]

CLEARANCE_LISTS = "clearance+lists"
CLEARANCE = "clearance"
WRATIO = "rapidfuzz WRatio"
TOKEN_SORT = "rapidfuzz token_sort"
LOGIC_V2_NAME = "logic-v2 (frozen)"

DEVIATION_TYPES = "deviation types (named)"
FRAGILITY = "fragility probes"


@dataclass
class Case:
    group: str
    schema: str
    name1: str
    name2: str
    is_match: bool
    quality: str
    category: str
    notes: str
    scores: dict[str, float] = field(default_factory=dict)
    explanation: dict[str, Any] | None = None

    @property
    def key(self) -> tuple[str, str, str]:
        return (self.name1, self.name2, self.schema)


def load_cases(shared: Path) -> list[Case]:
    cases_path, logic_path = require(shared, CASES, LOGIC_V2)
    cases = [
        Case(
            group=row["case_group"],
            schema=row["schema"],
            name1=row["name1"],
            name2=row["name2"],
            is_match=row["is_match"].strip().lower() == "true",
            quality=row["quality"],
            category=row["category"],
            notes=row["notes"],
        )
        for row in read_csv(cases_path)
    ]
    frozen = {
        (row["name1"], row["name2"], row["schema"]): float(row["score"])
        for row in read_csv(logic_path)
    }
    for case in cases:
        if case.key in frozen:
            case.scores[LOGIC_V2_NAME] = frozen[case.key]
    return cases


def category_family(category: str) -> str:
    """Group nomenklatura's many categories into a few families."""
    if not category:
        return "(no category)"
    if category in ("LLM-proposed deviation", "Customer-provided deviation", "logic_v2_cases"):
        return category
    if category.endswith("_tps"):
        return "named true-positive families (*_tps)"
    if category.endswith("_fps"):
        return "named false-positive families (*_fps)"
    if re.fullmatch(r"[a-z0-9_]+", category):
        return FRAGILITY
    return DEVIATION_TYPES


# --- scoring ---


def score_baselines(cases: list[Case]) -> dict[str, float]:
    from rapidfuzz import fuzz, utils

    started = time.perf_counter()
    for case in cases:
        a, b = utils.default_process(case.name1), utils.default_process(case.name2)
        case.scores[WRATIO] = fuzz.WRatio(a, b) / 100
        case.scores[TOKEN_SORT] = fuzz.token_sort_ratio(a, b) / 100
    return {"rapidfuzz (both scorers)": time.perf_counter() - started}


def score_clearance(cases: list[Case], name: str, stats: Any) -> float:
    from clearance.matching import compare

    started = time.perf_counter()
    for case in cases:
        result = compare(case.name1, case.name2, case.schema, stats=stats)
        case.scores[name] = result.score
        if name == CLEARANCE_LISTS or case.explanation is None:
            case.explanation = result.explanation
    return time.perf_counter() - started


def list_stats(shared: Path, use_lists: bool) -> tuple[Any, str]:
    if not use_lists:
        return None, "not used (--no-lists)"
    missing = [rel for rel in LISTS.values() if not (shared / rel).exists()]
    if missing:
        return None, f"skipped: lists not found under {shared} ({', '.join(missing)})"
    _, matcher, seconds = bench_matcher(shared)
    return (
        matcher.stats,
        f"token statistics of {', '.join(LISTS)} (matcher ready in {seconds:.1f} s)",
    )


# --- evaluation ---


def evaluate(cases: Sequence[Case], method: str, threshold: float) -> dict[str, float]:
    labels = [c.is_match for c in cases]
    predicted = [c.scores[method] >= threshold for c in cases]
    result = precision_recall_f1(labels, predicted)
    result["accuracy"] = sum(y == p for y, p in zip(labels, predicted, strict=True)) / max(
        1, len(cases)
    )
    return result


def sweep(cases: Sequence[Case], method: str) -> list[dict[str, float]]:
    return [{"threshold": t, **evaluate(cases, method, t)} for t in THRESHOLDS]


def best_point(curve: list[dict[str, float]]) -> dict[str, float]:
    return max(curve, key=lambda p: (p["f1"], -abs(p["threshold"] - 0.7)))


def grouped(cases: Sequence[Case], key: Callable[[Case], str]) -> dict[str, list[Case]]:
    groups: dict[str, list[Case]] = defaultdict(list)
    for case in cases:
        groups[key(case)].append(case)
    return dict(sorted(groups.items(), key=lambda item: -len(item[1])))


def group_figures(
    groups: dict[str, list[Case]], methods: list[str], thresholds: dict[str, float]
) -> dict[str, dict[str, Any]]:
    out: dict[str, dict[str, Any]] = {}
    for name, members in groups.items():
        out[name] = {
            "n": len(members),
            "matches": sum(c.is_match for c in members),
            "methods": {m: evaluate(members, m, thresholds[m]) for m in methods},
        }
    return out


def group_table(figures: dict[str, dict[str, Any]], methods: list[str], label: str) -> str:
    headers = [label, "pairs", "matches", *[f"{m} F1 / acc" for m in methods]]
    rows = []
    for name, fig in figures.items():
        cells = []
        for m in methods:
            r = fig["methods"][m]
            f1 = f"{r['f1']:.2f}" if fig["matches"] else "–"
            cells.append(f"{f1} / {r['accuracy']:.2f}")
        rows.append([name, fig["n"], fig["matches"], *cells])
    return table(headers, rows, numeric="".join(str(i) for i in range(1, len(headers))))


def worst_errors(
    cases: Sequence[Case], method: str, threshold: float, limit: int
) -> dict[str, list[dict[str, Any]]]:
    false_pos = sorted(
        (c for c in cases if not c.is_match and c.scores[method] >= threshold),
        key=lambda c: -c.scores[method],
    )
    false_neg = sorted(
        (c for c in cases if c.is_match and c.scores[method] < threshold),
        key=lambda c: c.scores[method],
    )

    def row(c: Case) -> dict[str, Any]:
        return {
            "schema": c.schema,
            "name1": c.name1,
            "name2": c.name2,
            "category": c.category,
            "case_group": c.group,
            "notes": c.notes,
            "scores": {k: round(v, 4) for k, v in c.scores.items()},
            "explanation": c.explanation,
        }

    return {
        "false_positives": [row(c) for c in false_pos[:limit]],
        "false_negatives": [row(c) for c in false_neg[:limit]],
        "false_positive_count": len(false_pos),
        "false_negative_count": len(false_neg),
    }


def error_table(rows: list[dict[str, Any]], method: str, others: list[str]) -> str:
    headers = ["schema", "name1", "name2", "category", method, *others]
    body = [
        [
            r["schema"],
            r["name1"],
            r["name2"],
            r["category"] or r["case_group"],
            f"{r['scores'][method]:.3f}",
            *[f"{r['scores'][o]:.2f}" if o in r["scores"] else "–" for o in others],
        ]
        for r in rows
    ]
    return table(headers, body, numeric="".join(str(i) for i in range(4, len(headers))))


def fitting_hook() -> tuple[Callable[..., Any] | None, str]:
    """The model's k-fold fitting hook, if Clearance exposes one (and where)."""
    for module_name in ("clearance.matching.model", "clearance.matching.namemodel"):
        try:
            module = importlib.import_module(module_name)
        except ImportError:
            continue
        hook = getattr(module, "fit_cross_validated", None)
        if hook is not None:
            return hook, f"{module_name}.fit_cross_validated"
    return None, "no fit_cross_validated in clearance.matching.model or .namemodel"


def cross_validated(cases: Sequence[Case], default: float, folds: int = 5) -> dict[str, Any]:
    """Out-of-fold scores: the name model refitted k times, each fold scored by the others.

    The features of each pair are the name model's own, read from ``compare``'s explanation
    (the best alignment it found); a pair with no aligned token has all features 0, as in
    bench/fit_name_model.py. Also reported: the same refit scored in-sample.
    """
    hook, where = fitting_hook()
    if hook is None:
        return {"skipped": where}
    try:
        import numpy as np

        from clearance.matching import namemodel

        names, fit = namemodel.FEATURES, namemodel.fit
    except (ImportError, AttributeError) as exc:
        return {"skipped": f"{where} found, but not the model's features or fit(): {exc}"}
    rows = []
    for case in cases:
        features = ((case.explanation or {}).get("name") or {}).get("features") or {}
        rows.append([float(features.get(n, {}).get("value", 0.0)) for n in names])
    x = np.array(rows, dtype=float)
    y = np.array([c.is_match for c in cases], dtype=float)
    out_of_fold = hook(x, y, folds=folds)
    beta = fit(x, y)
    in_sample = 1.0 / (1.0 + np.exp(-(beta[0] + x @ beta[1:])))
    figures: dict[str, Any] = {
        "hook": where,
        "folds": folds,
        "aligned_pairs": int(np.count_nonzero(x.any(axis=1))),
    }
    for label, predictions in (("k-fold", out_of_fold), ("refit in-sample", in_sample)):
        scored = [
            Case(**{**c.__dict__, "scores": {"cv": float(p)}, "explanation": None})
            for c, p in zip(cases, predictions, strict=True)
        ]
        figures[label] = {
            "at_default": evaluate(scored, "cv", default),
            "best": best_point(sweep(scored, "cv")),
        }
    return figures


# --- plots ---


def plot_curves(curves: dict[str, list[dict[str, float]]], default: float, path: Path) -> bool:
    plt = pyplot()
    if plt is None:
        return False
    methods = list(curves)
    columns = 3
    rows = (len(methods) + columns - 1) // columns
    fig, axes = plt.subplots(rows, columns, figsize=(5 * columns, 3.6 * rows), squeeze=False)
    for ax, method in zip(axes.flat, methods, strict=False):
        curve = curves[method]
        xs = [p["threshold"] for p in curve]
        for metric in ("precision", "recall", "f1"):
            ax.plot(xs, [p[metric] for p in curve], label=metric)
        best = best_point(curve)
        ax.axvline(default, color="grey", linestyle="--", linewidth=0.8, label="DEFAULT")
        ax.axvline(best["threshold"], color="black", linestyle=":", linewidth=0.8, label="best F1")
        ax.set_title(f"{method} (best F1 {best['f1']:.3f} @ {best['threshold']:.2f})", fontsize=9)
        ax.set_xlabel("threshold")
        ax.set_ylim(0, 1.02)
        ax.grid(alpha=0.3)
    for ax in list(axes.flat)[len(methods) :]:
        ax.axis("off")
    axes.flat[0].legend(fontsize=8, loc="lower left")
    fig.tight_layout()
    fig.savefig(path, dpi=110)
    plt.close(fig)
    return True


def plot_scores(
    cases: Sequence[Case], methods: list[str], lines: dict[str, float], path: Path
) -> bool:
    plt = pyplot()
    if plt is None:
        return False
    fig, axes = plt.subplots(1, len(methods), figsize=(6 * len(methods), 3.8), squeeze=False)
    bins = [i / 40 for i in range(41)]
    for ax, method in zip(axes.flat, methods, strict=True):
        true_scores = [c.scores[method] for c in cases if c.is_match]
        false_scores = [c.scores[method] for c in cases if not c.is_match]
        ax.hist(true_scores, bins=bins, alpha=0.6, label=f"matches ({len(true_scores)})")
        ax.hist(false_scores, bins=bins, alpha=0.6, label=f"non-matches ({len(false_scores)})")
        for label, value in lines.items():
            ax.axvline(value, linestyle="--", linewidth=0.8, color="grey")
            ax.text(value, ax.get_ylim()[1] * 0.95, f" {label}", fontsize=7)
        ax.set_title(f"{method}: score by label", fontsize=10)
        ax.set_xlabel("score")
        ax.legend(fontsize=8, loc="upper left")
    fig.tight_layout()
    fig.savefig(path, dpi=110)
    plt.close(fig)
    return True


# --- main ---


def main() -> None:
    parser = argument_parser(__doc__)
    parser.add_argument(
        "--no-lists", action="store_true", help="skip the list-statistics variant (no store)"
    )
    parser.add_argument("--errors", type=int, default=20, help="worst errors listed per kind")
    args = parser.parse_args()
    cases = load_cases(args.shared)
    require_matching()
    from clearance.matching import DEFAULT_THRESHOLD, REVIEW_THRESHOLD

    stats, stats_note = list_stats(args.shared, not args.no_lists)
    timings = score_baselines(cases)
    methods = []
    if stats is not None:
        timings[CLEARANCE_LISTS] = score_clearance(cases, CLEARANCE_LISTS, stats)
        methods.append(CLEARANCE_LISTS)
    timings[CLEARANCE] = score_clearance(cases, CLEARANCE, None)
    methods += [CLEARANCE, WRATIO, TOKEN_SORT, LOGIC_V2_NAME]
    main_method = methods[0]

    common = [c for c in cases if LOGIC_V2_NAME in c.scores]
    curves = {m: sweep(common, m) for m in methods}
    best = {m: best_point(curves[m]) for m in methods}
    at_default = {m: evaluate(common, m, DEFAULT_THRESHOLD) for m in methods}
    all_pairs = {
        m: {"default": evaluate(cases, m, DEFAULT_THRESHOLD), "best": best_point(sweep(cases, m))}
        for m in methods
        if m != LOGIC_V2_NAME
    }
    best_thresholds = {m: best[m]["threshold"] for m in methods}
    by_schema = group_figures(grouped(common, lambda c: c.schema), methods, best_thresholds)
    by_family = group_figures(
        grouped(common, lambda c: category_family(c.category)), methods, best_thresholds
    )
    by_case_group = group_figures(grouped(common, lambda c: c.group), methods, best_thresholds)
    errors = worst_errors(cases, main_method, DEFAULT_THRESHOLD, args.errors)
    kfold = cross_validated(cases, DEFAULT_THRESHOLD)
    families = Counter(category_family(c.category) for c in cases)

    curves_png = RESULTS / "name_bench_curves.png"
    scores_png = RESULTS / "name_bench_scores.png"
    RESULTS.mkdir(parents=True, exist_ok=True)
    plotted = plot_curves(curves, DEFAULT_THRESHOLD, curves_png)
    score_methods = [m for m in (CLEARANCE_LISTS, CLEARANCE) if m in methods]
    lines = {"DEFAULT": DEFAULT_THRESHOLD, "REVIEW": REVIEW_THRESHOLD}
    plotted = plot_scores(cases, score_methods, lines, scores_png) and plotted

    write_json(
        "name_bench",
        {
            "cases": len(cases),
            "common_pairs": len(common),
            "default_threshold": DEFAULT_THRESHOLD,
            "review_threshold": REVIEW_THRESHOLD,
            "list_stats": stats_note,
            "seconds": timings,
            "at_default": at_default,
            "best": best,
            "all_pairs_without_logic_v2": all_pairs,
            "by_schema": by_schema,
            "by_category_family": by_family,
            "by_case_group": by_case_group,
            "category_families": dict(families),
            "errors": errors,
            "cross_validated": kfold,
            "curves": curves,
        },
    )

    print_report(cases, common, methods, at_default, best, all_pairs, DEFAULT_THRESHOLD, stats_note)
    heading("By schema (each method at its best overall threshold; F1 / accuracy)")
    print(group_table(by_schema, methods, "schema"))
    heading("By category family (each method at its best overall threshold; F1 / accuracy)")
    print(group_table(by_family, methods, "category family"))
    print(
        "\nFamilies: "
        + "; ".join(f"{k}: {v}" for k, v in families.most_common())
        + ". A '–' F1 means the group has no true pairs (accuracy = share correctly rejected)."
    )
    heading("By case group (each method at its best overall threshold; F1 / accuracy)")
    print(group_table(by_case_group, methods, "case_group"))
    others = [m for m in methods if m != main_method]
    heading(
        f"Worst false positives of {main_method} at {DEFAULT_THRESHOLD} "
        f"({errors['false_positive_count']} in all)"
    )
    print(error_table(errors["false_positives"], main_method, others))
    heading(
        f"Worst false negatives of {main_method} at {DEFAULT_THRESHOLD} "
        f"({errors['false_negative_count']} in all)"
    )
    print(error_table(errors["false_negatives"], main_method, others))
    heading("Cross-validation of the name model")
    print_cross_validation(kfold, main_method, all_pairs, DEFAULT_THRESHOLD, len(cases))
    if plotted:
        print(f"\nPlots: {curves_png.name}, {scores_png.name} (bench/results/)", file=sys.stderr)


def print_cross_validation(
    kfold: dict[str, Any],
    main_method: str,
    all_pairs: dict[str, dict[str, dict[str, float]]],
    default: float,
    count: int,
) -> None:
    if "skipped" in kfold:
        print(
            f"No k-fold figure ({kfold['skipped']}): the figures above are in-sample if the "
            "model was tuned on these cases."
        )
        return
    print(
        f"`{kfold['hook']}`, {kfold['folds']} folds over all {count} pairs "
        f"({kfold['aligned_pairs']} with an alignment; the rest have all features 0), features "
        f"from {main_method}'s explanations. The shipped coefficients are the first row; "
        "k-fold is the figure to expect on pairs the model never saw.\n"
    )
    headers = ["model", f"P @{default}", f"R @{default}", f"F1 @{default}", "best thr", "F1 @best"]
    shipped = all_pairs[main_method]
    rows = [
        [
            f"{main_method} (shipped coefficients)",
            shipped["default"]["precision"],
            shipped["default"]["recall"],
            shipped["default"]["f1"],
            f"{shipped['best']['threshold']:.2f}",
            shipped["best"]["f1"],
        ]
    ]
    for label in ("k-fold", "refit in-sample"):
        d, b = kfold[label]["at_default"], kfold[label]["best"]
        rows.append([label, d["precision"], d["recall"], d["f1"], f"{b['threshold']:.2f}", b["f1"]])
    print(table(headers, rows, numeric="12345"))


def print_report(
    cases: list[Case],
    common: list[Case],
    methods: list[str],
    at_default: dict[str, dict[str, float]],
    best: dict[str, dict[str, float]],
    all_pairs: dict[str, dict[str, dict[str, float]]],
    default: float,
    stats_note: str,
) -> None:
    heading(f"Name pairs: nomenklatura cases.csv ({len(cases)} labelled pairs)")
    print(
        f"Scored on the {len(common)} pairs that also have a frozen logic-v2 score "
        f"({sum(c.is_match for c in common)} matches). Clearance's DEFAULT_THRESHOLD = {default}; "
        "the best threshold is each method's F1-optimal cut on these same pairs (optimistic "
        "for every method). **These cases are development data** when Clearance's weights "
        f"were tuned on them. List statistics: {stats_note}.\n"
    )
    headers = [
        "method",
        f"P @{default}",
        f"R @{default}",
        f"F1 @{default}",
        "best thr",
        "P @best",
        "R @best",
        "F1 @best",
    ]
    rows = []
    for m in methods:
        d, b = at_default[m], best[m]
        rows.append(
            [
                m,
                d["precision"],
                d["recall"],
                d["f1"],
                f"{b['threshold']:.2f}",
                b["precision"],
                b["recall"],
                b["f1"],
            ]
        )
    print(table(headers, rows, numeric="1234567"))
    main_method = methods[0]
    d, b = all_pairs[main_method]["default"], all_pairs[main_method]["best"]
    print(
        f"\nOver all {len(cases)} pairs, {main_method}: F1 {d['f1']:.3f} at {default} "
        f"(P {d['precision']:.3f}, R {d['recall']:.3f}); best F1 {b['f1']:.3f} at "
        f"{b['threshold']:.2f}."
    )


if __name__ == "__main__":
    main()
