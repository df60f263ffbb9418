"""The compiled candidate-stage kernel and its Python twins: built where CI requires it; the
pre-score gives the same forms, in the same order, with the same pre-scores to the last bit,
on random postings, on real query forms and through whole matches; the pair choice gives the
same pairs in the same order."""

from __future__ import annotations

import os

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from tests.conftest import requires_kernel, shared_path

from clearance.matching import Matcher, Query, coefficients, prescore
from clearance.matching import index as index_module
from clearance.matching.forms import name_forms
from clearance.matching.pairs import PairInputs, Pairs, choose_pairs_native, choose_pairs_python
from clearance.matching.prescore import (
    EXACT_TALLY,
    PrescoreInputs,
    TokenHits,
    merge_postings_native,
    merge_postings_python,
    prescore_forms_native,
    prescore_forms_python,
)
from clearance.sources import open_list

needs_kernel = requires_kernel("_native")

NAMES = [
    "Ismail Demir",
    "İsmail DEMİR",
    "Исмаил Демир",
    "إسماعيل دمير",
    "Presidency of Defence Industries",
    "Savunma Sanayii Başkanlığı",
    "Faruk Yigit",
    "Mustafa Alper Deniz",
    "SSB",
    "Muhammad Ali Hasan",
    "Kim Jong Un",
    "習近平",
    "Rosoboronexport OAO",
    "M/V Ocean Star",
    "Bank Melli Iran",
]


def test_the_kernel_is_built_where_ci_requires_it() -> None:
    """CI sets CLEARANCE_REQUIRE_NATIVE: there the tests must exercise both twins."""
    if not os.environ.get("CLEARANCE_REQUIRE_NATIVE"):
        pytest.skip("CLEARANCE_REQUIRE_NATIVE is not set (only CI requires the compiled kernel)")
    assert prescore._NATIVE_MODULE is not None
    pure = bool(os.environ.get("CLEARANCE_PURE_PYTHON"))
    assert prescore.NATIVE is not pure


@needs_kernel
def test_the_kernel_counts_exact_hits_in_the_same_place() -> None:
    assert prescore._NATIVE_MODULE.EXACT_TALLY == EXACT_TALLY


def _same(inputs: PrescoreInputs) -> tuple[np.ndarray, np.ndarray]:
    ids_py, scores_py = prescore_forms_python(inputs)
    ids_c, scores_c = prescore_forms_native(inputs)
    assert ids_c.dtype == ids_py.dtype == np.int32
    assert ids_c.tolist() == ids_py.tolist()
    # the same bits, not merely close: ranking ties must break the same way
    assert scores_c.view(np.int64).tolist() == scores_py.astype(np.float64).view(np.int64).tolist()
    scratch = inputs.scratch
    assert not scratch.sums.any() and not scratch.tallies.any()
    return ids_c, scores_c


def _hits(postings: list[list[int]], kinds: list[list[int]], weights: list[float]) -> list:
    factors_of = (1.0, 0.85, 0.8)
    hits = []
    for posting, kind, weight in zip(postings, kinds, weights, strict=True):
        ids = np.asarray(posting, dtype=np.int32)
        factors = np.asarray([factors_of[kind[i % len(kind)]] for i in range(len(ids))])
        tallies = np.where(factors == 1.0, 1 + EXACT_TALLY, 1).astype(np.int32)
        hits.append(TokenHits(ids, factors, weight, tallies))
    return sorted(hits, key=lambda h: -h.weight)


@needs_kernel
@settings(max_examples=150, deadline=None)
@given(
    postings=st.lists(
        st.lists(st.integers(0, 10_000), min_size=1, max_size=80, unique=True).map(sorted),
        min_size=1,
        max_size=7,
    ),
    kinds=st.lists(st.lists(st.integers(0, 2), min_size=1, max_size=5), min_size=7, max_size=7),
    weights=st.lists(st.floats(0.02, 4.0), min_size=7, max_size=7),
    essential_cut=st.integers(0, 6),
    size=st.integers(1, 9),
    organisation=st.booleans(),
    share=st.sampled_from([0.0, 0.2, 0.33, 0.6]),
    reach=st.one_of(st.just(-np.inf), st.floats(-6.0, 4.0)),
)
def test_random_postings_give_the_same_forms_and_pre_scores(
    sample_matcher: Matcher,
    postings: list[list[int]],
    kinds: list[list[int]],
    weights: list[float],
    essential_cut: int,
    size: int,
    organisation: bool,
    share: float,
    reach: float,
) -> None:
    index = sample_matcher.index
    forms = len(index.forms)
    postings = [sorted({f % forms for f in p}) for p in postings]
    hits = _hits(postings, kinds[: len(postings)], weights[: len(postings)])
    total = sum(h.weight for h in hits) * 1.1
    essential = max(1, len(hits) - essential_cut)
    inputs = PrescoreInputs(
        hits,
        essential,
        index.form_arrays,
        size,
        total,
        organisation,
        share * total,
        reach,
        index._scratch(),
    )
    _same(inputs)


@needs_kernel
@pytest.mark.parametrize("floor", [None, -2.0, 0.0, 0.85])
def test_real_query_forms_give_the_same_forms_and_pre_scores(
    sample_matcher: Matcher, floor: float | None
) -> None:
    index = sample_matcher.index
    compared = 0
    for name in NAMES:
        for form in name_forms(name, "LegalEntity"):
            inputs = index.prescore_inputs(form, index_module.MIN_CANDIDATE_SHARE, floor)
            if inputs is not None:
                ids, _ = _same(inputs)
                compared += len(ids)
    assert compared > 50  # the names do hit the sample lists


@needs_kernel
def test_the_kernel_reads_coefficients_changed_in_place(sample_matcher: Matcher) -> None:
    """bench/fit_name_model.py scores refitted models by changing the coefficients in
    place: the compiled pre-score must follow them, as its numpy twin does."""
    index = sample_matcher.index
    form = name_forms("Ismail Demir", "Person")[0]
    before = _same(index.prescore_inputs(form, index_module.MIN_CANDIDATE_SHARE, None))[1]
    saved = dict(coefficients.WEIGHTS)
    try:
        coefficients.WEIGHTS["coverage_min"] += 1.0
        after = _same(index.prescore_inputs(form, index_module.MIN_CANDIDATE_SHARE, None))[1]
    finally:
        coefficients.WEIGHTS.update(saved)
    assert len(after) == len(before) and (after > before).all()


def _same_merge(
    data: np.ndarray, offsets: np.ndarray, slots: list[int], factors: list[float]
) -> np.ndarray:
    marks = np.zeros(int(data.max(initial=0)) + 1, dtype=np.float64)
    python = merge_postings_python(data, offsets, slots, factors, marks)
    native = merge_postings_native(data, offsets, slots, factors, marks)
    assert not marks.any()  # the scratch is left as found
    assert native[0].dtype == python[0].dtype == np.int32
    assert native[0].tolist() == python[0].tolist()
    assert native[1].view(np.int64).tolist() == python[1].view(np.int64).tolist()
    assert native[2].dtype == python[2].dtype == np.int32
    assert native[2].tolist() == python[2].tolist()
    return python[0]


@needs_kernel
@settings(max_examples=300, deadline=None)
@given(
    postings=st.lists(
        st.lists(st.integers(0, 500), min_size=0, max_size=60, unique=True).map(sorted),
        min_size=1,
        max_size=12,
    ),
    picked=st.data(),
)
def test_merged_postings_twins_agree_on_random_postings(
    postings: list[list[int]], picked: st.DataObject
) -> None:
    data = np.asarray([f for p in postings for f in p], dtype=np.int32)
    offsets = np.concatenate(([0], np.cumsum([len(p) for p in postings]))).astype(np.int64)
    slots = picked.draw(st.lists(st.integers(0, len(postings) - 1), unique=True, max_size=8))
    factors = picked.draw(
        st.lists(st.sampled_from([1.0, 0.85, 0.8]), min_size=len(slots), max_size=len(slots))
    )
    ids = _same_merge(data, offsets, slots, factors)
    assert ids.tolist() == sorted({f for slot in slots for f in postings[slot]})


@needs_kernel
def test_merged_postings_twins_agree_on_real_query_tokens(sample_matcher: Matcher) -> None:
    index = sample_matcher.index
    merged = 0
    for name in [*NAMES, "Muhamad Ali Hassan", "Ismial Demri", "Bank Meli"]:
        for form in name_forms(name, "LegalEntity"):
            for token in form.tokens:
                keys = index._token_keys(token)
                slots = [index.posting_slots[k] for k, _ in keys if k in index.posting_slots]
                factors = [f for k, f in keys if k in index.posting_slots]
                merged += len(
                    _same_merge(index.posting_data, index.posting_offsets, slots, factors)
                )
    assert merged > 50


@needs_kernel
@pytest.mark.parametrize("limit", [1, 3, 40])
@pytest.mark.parametrize("schema", [None, "Person", "Vessel"])
def test_ranked_forms_twins_agree(sample_matcher: Matcher, limit: int, schema: str | None) -> None:
    """The forms each query hits, filtered by schema, cut to the best 8 × limit (numpy's
    partition at small limits) and ordered best first, with the first entities: the same
    arrays and entities from both twins, and the entity scratch left as it was."""
    index = sample_matcher.index
    slots = index._scratch().slots
    ranked = partitioned = 0
    for name in [*NAMES, "Mohammed Ali", "Bank", "Ali"]:
        forms = name_forms(name, "LegalEntity")
        found = []
        for query_index, form in enumerate(forms):
            inputs = index.prescore_inputs(form, 0.0, None)
            if inputs is not None:
                found.append((*prescore_forms_native(inputs), query_index))
        if not found:
            continue
        allowed = None if schema is None else index.forms_compatible(schema).view(np.uint8)
        python = index_module.rank_forms_python(found, allowed, index.form_entity, limit, slots)
        native = index_module.rank_forms_native(found, allowed, index.form_entity, limit, slots)
        assert (slots == -1).all()
        if python is None:
            assert native is None
            continue
        assert native is not None
        for mine, theirs in zip(native[:4], python[:4], strict=True):
            assert mine.dtype == theirs.dtype
            assert mine.view(np.int64 if mine.itemsize == 8 else np.int32).tolist() == (
                theirs.view(np.int64 if theirs.itemsize == 8 else np.int32).tolist()
            )
        assert native[4] == python[4] and len(native[4]) <= limit
        ranked += len(native[0])
        partitioned += sum(len(ids) for ids, _, _ in found) > 8 * limit
    if schema != "Vessel":  # the sample lists name few vessels like these queries
        assert ranked > 50
        assert partitioned or limit == 40  # small limits take numpy's partition path


def _matches(matcher: Matcher, names: list[str]) -> list[list[tuple[str, float]]]:
    return [
        [(r.entity_id, r.score) for r in matcher.match(Query(name, "Person"), threshold=0.5)]
        for name in names
    ]


@needs_kernel
@pytest.mark.shared_data
def test_whole_matches_agree_on_real_lists(monkeypatch: pytest.MonkeyPatch) -> None:
    """Screened against OFAC's SDN list, 300 UN-listed names with typos and reordering get
    the same matches with the same scores from either twin."""
    import csv
    from itertools import islice

    entities = open_list(shared_path("lists", "ofac-sdn-2021")).entities
    matcher = Matcher.from_entities(entities)
    path = shared_path("bench", "yente", "positives_un_treated.csv")
    with path.open(encoding="utf-8", newline="") as handle:
        names = [row["full_name"] for row in islice(csv.DictReader(handle), 300)]
    monkeypatch.setattr(index_module, "prescore_forms", prescore_forms_native)
    monkeypatch.setattr(index_module, "merge_postings", merge_postings_native)
    native = _matches(matcher, names)
    matcher.index.__dict__.pop("_hits_cache")  # the tokens' hits are merged again
    monkeypatch.setattr(index_module, "prescore_forms", prescore_forms_python)
    monkeypatch.setattr(index_module, "merge_postings", merge_postings_python)
    monkeypatch.setattr(index_module, "rank_forms", index_module.rank_forms_python)
    python = _matches(matcher, names)
    assert native == python
    assert sum(map(len, native)) > 200


def _checked_pairs(seen: list[int]):  # type: ignore[no-untyped-def]
    """choose_pairs that runs both twins on the same inputs and insists they agree."""

    def both(inputs: PairInputs) -> Pairs:
        python = choose_pairs_python(inputs)
        assert (inputs.slots == -1).all()
        native = choose_pairs_native(inputs)
        assert (inputs.slots == -1).all()  # the scratch is left as it was found
        assert native == python
        seen.append(sum(len(p) for _, p in native))
        return native

    return both


@needs_kernel
def test_pair_choice_twins_agree_on_every_query(
    sample_matcher: Matcher, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Whichever entities, forms and left-overs a query brings, both twins choose the same
    pairs in the same order (names that reach the floor only at best included)."""
    seen: list[int] = []
    monkeypatch.setattr(index_module, "choose_pairs", _checked_pairs(seen))
    for name in [*NAMES, "Ismail Demirtas Yigit", "Faruk Gencoglu", "Alper Deniz Mustafa"]:
        for floor in (None, 0.0, 2.0):
            forms = name_forms(name, "Person")
            sample_matcher.index.candidates(forms, 3, floor=floor)
            sample_matcher.index.candidates(forms, floor=floor, schema="Person")
    assert sum(seen) > 50


@needs_kernel
@pytest.mark.shared_data
def test_pair_choice_twins_agree_on_real_lists(monkeypatch: pytest.MonkeyPatch) -> None:
    """300 UN-listed names with typos and reordering against OFAC's SDN list."""
    import csv
    from itertools import islice

    matcher = Matcher.from_entities(open_list(shared_path("lists", "ofac-sdn-2021")).entities)
    path = shared_path("bench", "yente", "positives_un_treated.csv")
    with path.open(encoding="utf-8", newline="") as handle:
        names = [row["full_name"] for row in islice(csv.DictReader(handle), 300)]
    seen: list[int] = []
    monkeypatch.setattr(index_module, "choose_pairs", _checked_pairs(seen))
    assert sum(map(len, _matches(matcher, names))) > 200
    assert sum(seen) > 300
