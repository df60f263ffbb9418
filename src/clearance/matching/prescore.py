"""The candidate stage's arithmetic: for one query form, every list-name form its tokens hit,
the rarity weight they earn there, and the name model's log-odds as those hits suggest; and
before that, the hits of one query token gathered from the postings of its index keys
(``merge_postings``).

Two implementations keep one contract, the same results to the last bit:

- ``prescore_forms_python``, in numpy, always available;
- the compiled kernel ``clearance.matching._native`` (Cython), built at install time when a
  C compiler is present. It does the same additions and multiplications in the same order,
  in one pass over the postings, without numpy's per-call cost on the few dozen small arrays
  a query form needs (about a fifth of the whole query's time).

``prescore_forms`` and ``merge_postings`` are the compiled ones when they were built and
``CLEARANCE_PURE_PYTHON`` is not set, else the numpy ones; ``NATIVE`` says which. Tests hold
each pair of twins to the same output.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import NamedTuple

import numpy as np

from clearance.matching import coefficients, compiled
from clearance.matching.namemodel import coefficient_vector

MISSED_SIMILARITY = 0.78  # best case for name parts left over on both sides that keys missed
EXACT_TALLY = 1 << 16  # in a form's tally, one hit by spelling class (below: all hits)


class TokenHits(NamedTuple):
    """The list-name forms a query token hits through any key, and what each hit earns."""

    ids: np.ndarray  # sorted form positions (int32)
    factors: np.ndarray  # best key factor per form: 1.0 by spelling class, less if fuzzy
    weight: float  # the token's rarity weight
    tallies: np.ndarray  # 1 per form, plus EXACT_TALLY where the hit is by spelling class


class FormArrays(NamedTuple):
    """Per list-name form, what the pre-score reads besides the hits."""

    weight: np.ndarray  # summed rarity weight of its tokens (float32)
    length: np.ndarray  # its token count (int16)
    is_organisation: np.ndarray  # an organisation's name (uint8: 0 or 1)


class Scratch(NamedTuple):
    """Per-thread arrays the candidate stage sums into, zero between queries."""

    sums: np.ndarray  # per form: weight the query's tokens earn (float64)
    tallies: np.ndarray  # per form: tokens hitting, plus EXACT_TALLY per exact hit (int64)
    stamp: np.ndarray  # per form: scratch positions for de-duplication (int64)
    slots: np.ndarray  # per entity: its place among the query's candidates, else -1 (int32)


class PrescoreInputs(NamedTuple):
    """The arguments of ``prescore_forms`` for one query form, in order."""

    hits: Sequence[TokenHits]  # its tokens' hits, rarest first
    essential: int  # the first this many are summed over their whole postings
    forms: FormArrays
    size: int  # the query form's token count
    total: float  # its summed rarity weight
    query_is_organisation: bool
    needed: float  # weight a list-name form must earn
    reach: float  # log-odds its best case must reach (-inf: no floor)
    scratch: Scratch


def new_scratch(forms: int, entities: int) -> Scratch:
    return Scratch(
        np.zeros(forms, dtype=np.float64),
        np.zeros(forms, dtype=np.int64),
        np.zeros(forms, dtype=np.int64),
        np.full(entities, -1, dtype=np.int32),
    )


def prescore_forms_python(inputs: PrescoreInputs) -> tuple[np.ndarray, np.ndarray]:
    """(list-name forms, their pre-scores as hit) for one query form, in numpy.

    ``hits`` are its tokens' hits, rarest first: the first ``essential`` are summed over
    their whole postings; the rest (common tokens that cannot make a form pass alone) only
    add to forms those hit, found by binary search. A form must earn ``needed`` weight and
    reach ``reach`` log-odds at best (pass -inf for no floor)."""
    hits, essential, forms, size, total, query_is_organisation, needed, reach, scratch = inputs
    form_ids, sums, hit_count, exact_hits = accumulate(
        scratch,
        [h.ids for h in hits[:essential]],
        [h.factors * h.weight for h in hits[:essential]],
        [h.tallies for h in hits[:essential]],
    )
    for ids, factors, token_weight, _ in hits[essential:]:
        at, found = look_up(ids, form_ids)
        sums[found] += factors[at[found]] * token_weight
        hit_count[found] += 1
        exact_hits[found] += factors[at[found]] == 1.0
    # Query tokens hitting each form: by spelling class, each hits its own part of the
    # name; through phonetic or one-edit keys several may hit the same part ("ting",
    # "ning" -> "king"), so those count once.
    aligned_hits = exact_hits + np.minimum(1.0, hit_count - exact_hits)
    keep = sums >= needed
    form_ids, sums, aligned_hits = form_ids[keep], sums[keep], aligned_hits[keep]
    as_hit, at_best = prescore(
        forms, size, total, query_is_organisation, form_ids, sums, aligned_hits
    )
    possible = at_best >= reach
    return form_ids[possible], as_hit[possible]


def merge_postings_python(
    data: np.ndarray,
    offsets: np.ndarray,
    slots: list[int],
    factors: list[float],
    marks: np.ndarray,
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """(forms, best factor per form, tally per form) of the postings at ``slots`` of the flat
    posting array (``data``, spans given by ``offsets``): the forms any key hits, sorted,
    each earning the best factor of the keys that hit it, and counting 1 + EXACT_TALLY where
    that is a hit by spelling class (factor 1). ``marks`` is the compiled twin's scratch."""
    postings = [data[offsets[slot] : offsets[slot + 1]] for slot in slots]
    ids = np.concatenate(postings) if postings else np.empty(0, dtype=np.int32)
    values = np.concatenate(
        [np.full(len(posting), factor) for posting, factor in zip(postings, factors, strict=True)]
        or [np.empty(0)]
    )
    if len(postings) > 1 and len(ids) > 1:
        order = np.lexsort((-values, ids))  # by form, best factor first
        ids, values = ids[order], values[order]
        first = np.concatenate(([True], ids[1:] != ids[:-1]))
        ids, values = ids[first], values[first]
    tallies = np.where(values == 1.0, 1 + EXACT_TALLY, 1).astype(np.int32)
    return ids.astype(np.int32), values, tallies


def look_up(posting: np.ndarray, wanted: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Where each wanted form position would sit in a sorted posting (clipped to its end),
    and whether it is there: the per-form factors are read at those places."""
    at = np.minimum(np.searchsorted(posting, wanted), len(posting) - 1)
    return at, posting[at] == wanted


def accumulate(
    scratch: Scratch,
    touched: list[np.ndarray],
    weights: list[np.ndarray],
    tallies: list[np.ndarray],
) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """Per form hit by any token: (form ids, summed weight, tokens hitting, tokens hitting
    by spelling class). Sums in the scratch arrays over every form, so common tokens' long
    postings are never sorted. A token's tally per form is 1 + EXACT_TALLY when it hits by
    spelling class, else 1: one addition counts both. Form ids come in the order of their
    last appearance in ``touched``, which the compiled kernel keeps too."""
    sums, tally, stamp = scratch.sums, scratch.tallies, scratch.stamp
    every = np.concatenate(touched)
    # Each id once (its last occurrence), in linear time: an id keeps the position stamped last.
    positions = np.arange(len(every))
    stamp[every] = positions
    form_ids = every[stamp[every] == positions]
    for ids, values, counted in zip(touched, weights, tallies, strict=True):
        sums[ids] += values  # a token's own ids are distinct
        tally[ids] += counted
    summed, tallied = sums[form_ids], tally[form_ids]
    sums[form_ids] = 0.0
    tally[form_ids] = 0
    return form_ids, summed, tallied & (EXACT_TALLY - 1), tallied // EXACT_TALLY


def prescore(
    forms: FormArrays,
    size: int,
    total: float,
    query_is_organisation: bool,
    form_ids: np.ndarray,
    sums: np.ndarray,
    hits: np.ndarray,
) -> tuple[np.ndarray, np.ndarray]:
    """The name model's log-odds as the index hits suggest them, per list-name form:
    (as hit: hit tokens align exactly and the rest stay unaligned; at best: besides,
    parts left over on both sides pair up as closely as tokens the keys missed can)."""
    w = coefficients.WEIGHTS
    name_total = forms.weight[form_ids].astype(np.float64)
    name_size = forms.length[form_ids].astype(np.int64)
    aligned = np.minimum(hits, np.minimum(size, name_size))
    left_query = size - aligned
    left_name = name_size - aligned
    rest_query = np.maximum(0.0, total - sums)
    rest_name = np.maximum(0.0, name_total - sums)
    organisation = forms.is_organisation[form_ids].astype(bool) | query_is_organisation
    fixed = (
        coefficients.INTERCEPT
        + w["exact_share"]
        + w["single_token"] * (np.minimum(size, name_size) <= 1)
        + organisation * w["organisation"]
    )
    # Both cases in one pass: row 0 as hit, row 1 at best.
    rest = np.minimum(rest_query, rest_name)
    paired = np.minimum(left_query, left_name)
    gained = rest * MISSED_SIMILARITY
    matched = _rows(sums, sums + gained)
    left_q = _rows(left_query, left_query - paired)
    left_n = _rows(left_name, left_name - paired)
    coverage_query = np.minimum(1.0, matched / total)
    coverage_name = np.minimum(1.0, matched / np.maximum(name_total, 1e-9))
    coverage_min = np.minimum(coverage_query, coverage_name)
    weakest = np.array([[1.0], [MISSED_SIMILARITY]])
    both = (
        fixed
        + w["coverage_min"] * coverage_min
        + w["coverage_max"] * np.maximum(coverage_query, coverage_name)
        + w["weakest"] * weakest
        + w["unaligned_query"] * np.minimum(3, left_q)
        + w["unaligned_name"] * np.minimum(3, left_n)
        + w["conflict_count"] * np.minimum(2, np.minimum(left_q, left_n))
        + organisation
        * (
            w["organisation_x_coverage_min"] * coverage_min
            + w["organisation_x_unaligned"] * np.minimum(3, left_q + left_n)
        )
    )
    as_hit = both[0] + w["conflict"] * rest  # the rest unaligned on both sides
    lost = gained * (1 - MISSED_SIMILARITY) / np.maximum(name_total, 1e-9)
    at_best = np.where(paired > 0, both[1] + w["fuzzy_loss"] * lost, as_hit)
    return as_hit, at_best


def _rows(first: np.ndarray, second: np.ndarray) -> np.ndarray:
    """Two equal-length arrays as the rows of one (np.stack's checks cost more than this)."""
    return np.concatenate((first, second)).reshape(2, -1)


# The order the compiled kernel reads the coefficients in.
NATIVE_COEFFICIENTS = (
    "exact_share",
    "single_token",
    "organisation",
    "coverage_min",
    "coverage_max",
    "weakest",
    "unaligned_query",
    "unaligned_name",
    "conflict_count",
    "organisation_x_coverage_min",
    "organisation_x_unaligned",
    "conflict",
    "fuzzy_loss",
)


_NATIVE_MODULE = compiled.load("_native")


def prescore_forms_native(inputs: PrescoreInputs) -> tuple[np.ndarray, np.ndarray]:
    """``prescore_forms_python`` in the compiled kernel (raises if it was not built)."""
    kernel = compiled.required(_NATIVE_MODULE, "_native")
    hits, essential, forms, size, total, query_is_organisation, needed, reach, scratch = inputs
    return kernel.prescore_forms(  # type: ignore[no-any-return]
        hits,
        essential,
        forms.weight,
        forms.length,
        forms.is_organisation,
        size,
        total,
        query_is_organisation,
        needed,
        reach,
        coefficient_vector(NATIVE_COEFFICIENTS),
        MISSED_SIMILARITY,
        scratch.sums,
        scratch.tallies,
        scratch.stamp,
    )


def merge_postings_native(
    data: np.ndarray,
    offsets: np.ndarray,
    slots: list[int],
    factors: list[float],
    marks: np.ndarray,
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """``merge_postings_python`` in the compiled kernel (raises if it was not built)."""
    kernel = compiled.required(_NATIVE_MODULE, "_native")
    return kernel.merge_postings(data, offsets, slots, factors, marks)  # type: ignore[no-any-return]


NATIVE = compiled.serves(_NATIVE_MODULE)
prescore_forms = prescore_forms_native if NATIVE else prescore_forms_python
merge_postings = merge_postings_native if NATIVE else merge_postings_python
