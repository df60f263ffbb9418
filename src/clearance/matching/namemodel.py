"""The name model: alignment features → log-odds that two names denote the same party.

A logistic model over a handful of interpretable features, so every score can be explained
as the sum of its parts. Its coefficients live in :mod:`clearance.matching.coefficients`,
written by ``bench/fit_name_model.py`` (regularised logistic regression on labelled name
pairs, reported with k-fold cross-validation in BENCHMARKS.md). :func:`fit` and
:func:`fit_cross_validated` are that fitting, in numpy, with no other dependency.
"""

from __future__ import annotations

import math
from collections.abc import Sequence

import numpy as np

from clearance.matching import coefficients
from clearance.matching.align import Alignment
from clearance.matching.forms import NameForm
from clearance.names import given_name_syllables, legal_forms_conflict

FEATURES = (
    "coverage_min",  # the lower of the two weighted coverages
    "coverage_max",
    "weakest",  # weakest aligned token pair
    "exact_share",
    "out_of_order",  # aligned parts permuted (a rotation of the whole name is not)
    "fuzzy_loss",
    "unaligned_query",  # count of query tokens left unaligned (capped at 3)
    "unaligned_name",
    "single_token",  # one side is a single token
    "conflict",  # rarity weight unaligned on both sides: a name part substituted
    "conflict_count",  # name parts substituted, and Chinese given names matched in part
    "legal_form_conflict",
    "organisation",  # the comparison is between organisations
    "organisation_x_coverage_min",
    "organisation_x_unaligned",
)


def split_given_names(form: NameForm, unaligned: tuple[str, ...]) -> list[frozenset[str]]:
    """The Chinese or Korean given names of ``form`` (syllable sets) an alignment matched in part:
    some of their syllables aligned and some left over (宥辰 "yu chen" against "Chen")."""
    if not unaligned or form.value.isascii():  # the common cases, before any look-up
        return []
    groups = given_name_syllables(form.value)
    if not groups:
        return []
    left = set(unaligned)
    aligned = set(form.tokens) - left
    return [group for group in groups if group & left and group & aligned]


def features(alignment: Alignment, query: NameForm, name: NameForm) -> tuple[float, ...]:
    organisation = 1.0 if "organisation" in (query.kind, name.kind) else 0.0
    coverage_min = min(alignment.coverage_query, alignment.coverage_name)
    legal_conflict = legal_forms_conflict(query.legal_form, name.legal_form)
    substituted = min(alignment.unaligned_query_count, alignment.unaligned_name_count)
    if not organisation:  # a given name matched in part is a different given name
        substituted += len(split_given_names(query, alignment.unaligned_query))
        substituted += len(split_given_names(name, alignment.unaligned_name))
    return (
        coverage_min,
        max(alignment.coverage_query, alignment.coverage_name),
        alignment.weakest,
        alignment.exact_share,
        0.0 if alignment.in_order or alignment.rotated else 1.0,
        alignment.fuzzy_loss,
        float(min(3, alignment.unaligned_query_count)),
        float(min(3, alignment.unaligned_name_count)),
        1.0 if min(len(query.tokens), len(name.tokens)) <= 1 else 0.0,
        alignment.conflict,
        float(min(2, substituted)),
        1.0 if legal_conflict else 0.0,
        organisation,
        organisation * coverage_min,
        organisation * min(3, alignment.unaligned_query_count + alignment.unaligned_name_count),
    )


def contributions(values: Sequence[float]) -> dict[str, float]:
    """Each feature's share of the log-odds (coefficient × value)."""
    return {
        name: coefficients.WEIGHTS[name] * value
        for name, value in zip(FEATURES, values, strict=True)
    }


def log_odds(values: Sequence[float]) -> float:
    total = coefficients.INTERCEPT
    for name, value in zip(FEATURES, values, strict=True):
        total += coefficients.WEIGHTS[name] * value
    return total


_VECTORS: dict[tuple[object, ...], np.ndarray] = {}


def coefficient_vector(order: tuple[str, ...]) -> np.ndarray:
    """The intercept, then the weights of the features in ``order``, as the compiled
    kernels read them. Read afresh when the coefficients change: ``bench/fit_name_model.py``
    changes them in place to score refitted models."""
    key = (order, coefficients.INTERCEPT, *coefficients.WEIGHTS.values())
    vector = _VECTORS.get(key)
    if vector is None:
        weights = coefficients.WEIGHTS
        if len(_VECTORS) > 8:  # old coefficients: a refit replaced them
            _VECTORS.clear()
        vector = _VECTORS[key] = np.asarray(
            [coefficients.INTERCEPT, *(weights[feature] for feature in order)], dtype=np.float64
        )
    return vector


def sigmoid(value: float) -> float:
    if value >= 0:
        return 1.0 / (1.0 + math.exp(-value))
    exp = math.exp(value)
    return exp / (1.0 + exp)


def logit(probability: float) -> float:
    probability = min(max(probability, 1e-9), 1 - 1e-9)
    return math.log(probability / (1 - probability))


def fit(x: np.ndarray, y: np.ndarray, l2: float = 1.0, iterations: int = 50) -> np.ndarray:
    """Regularised logistic regression by Newton's method; returns [intercept, weights...]."""
    design = np.hstack([np.ones((x.shape[0], 1)), x])
    beta = np.zeros(design.shape[1])
    penalty = np.full(design.shape[1], l2)
    penalty[0] = 0.0  # the intercept is not shrunk
    for _ in range(iterations):
        p = 1.0 / (1.0 + np.exp(-design @ beta))
        gradient = design.T @ (p - y) + penalty * beta
        hessian = design.T @ (design * (p * (1 - p))[:, None]) + np.diag(penalty)
        step = np.linalg.solve(hessian, gradient)
        beta -= step
        if np.max(np.abs(step)) < 1e-8:
            break
    return beta


def fit_cross_validated(
    x: np.ndarray, y: np.ndarray, folds: int = 5, l2: float = 1.0, seed: int = 7
) -> np.ndarray:
    """Out-of-fold probabilities: each row scored by a model fitted without its fold."""
    order = np.random.default_rng(seed).permutation(len(y))
    predictions = np.zeros(len(y))
    for fold in range(folds):
        held = order[fold::folds]
        train = np.setdiff1d(order, held)
        beta = fit(x[train], y[train], l2)
        design = np.hstack([np.ones((len(held), 1)), x[held]])
        predictions[held] = 1.0 / (1.0 + np.exp(-design @ beta))
    return predictions
