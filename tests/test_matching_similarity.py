"""The compiled token similarity, left-over check, alignment and best pair of forms and their
Python twins:
built where CI requires it, and the same answers to the last bit on random tokens
(hypothesis), on every pair of real list tokens drawn here, and through whole matches."""

from __future__ import annotations

import functools
import itertools
import os
import random
import struct

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from tests.conftest import requires_kernel

from clearance.matching import Matcher, Query, align, coefficients, compiled
from clearance.matching import index as index_module
from clearance.matching import matcher as matcher_module
from clearance.matching import score as score_module
from clearance.matching.align import (
    LONGEST_PERSON_ACRONYM,
    Alignment,
    align_native,
    align_python,
    token_similarity_native,
    token_similarity_python,
)
from clearance.matching.forms import name_forms
from clearance.matching.index import could_pair_native, could_pair_python

needs_kernel = requires_kernel("_similarity")

# Folded name parts, number words, initials, and letters beyond ASCII that survive folding.
LETTERS = "abcdeghiklmnorstuyz"
TOKEN = st.one_of(
    st.text(LETTERS, min_size=1, max_size=12),
    st.sampled_from(["seven", "7", "3rd", "third", "mohammed", "muhammad", "bill", "william"]),
    st.text(LETTERS + "ßøæ金正日ий", min_size=1, max_size=6),
    st.text("ab", min_size=90, max_size=120),  # past the kernel's buffers: rapidfuzz measures
)


def _bits(value: float) -> int:
    return struct.unpack("<q", struct.pack("<d", value))[0]


def _same_similarity(a: str, b: str) -> None:
    python = token_similarity_python(a, b)
    native = token_similarity_native(a, b)
    assert native[1] == python[1], (a, b)
    assert _bits(native[0]) == _bits(python[0]), (a, b, python, native)


def test_the_similarity_kernel_is_built_where_ci_requires_it() -> None:
    if not os.environ.get("CLEARANCE_REQUIRE_NATIVE"):
        pytest.skip("CLEARANCE_REQUIRE_NATIVE is not set (only CI requires the compiled kernel)")
    assert align._SIMILARITY is not None
    assert align.NATIVE is not compiled.PURE_PYTHON


@needs_kernel
@settings(max_examples=3000, deadline=None)
@given(TOKEN, TOKEN)
def test_similarity_twins_agree_on_random_tokens(a: str, b: str) -> None:
    _same_similarity(*sorted((a, b)))


@needs_kernel
@pytest.mark.parametrize(
    ("a", "b", "how"),
    [
        ("demir", "demir", "exact"),
        ("mohammed", "muhammad", "equivalent"),
        ("bill", "william", "equivalent"),
        ("3rd", "third", "equivalent"),
        ("j", "jean", "initial"),
        ("omar", "amor", "phonetic"),
        ("martha", "marhta", "fuzzy"),  # the classic Jaro-Winkler transposition case
        ("dixon", "dicksonx", "fuzzy"),
    ],
)
def test_similarity_twins_agree_on_each_way_of_being_alike(a: str, b: str, how: str) -> None:
    a, b = sorted((a, b))
    assert token_similarity_python(a, b)[1] == how
    _same_similarity(a, b)


@pytest.fixture(scope="module")
def list_tokens(sample_matcher: Matcher) -> list[str]:
    tokens = sorted({t for form in sample_matcher.index.forms for t in form.tokens})
    return random.Random(7).sample(tokens, min(len(tokens), 400))


@needs_kernel
def test_similarity_twins_agree_on_every_pair_of_list_tokens(list_tokens: list[str]) -> None:
    for a, b in itertools.combinations(list_tokens, 2):
        _same_similarity(*sorted((a, b)))


SHORT_TUPLES = st.lists(TOKEN, min_size=0, max_size=4).map(tuple)


@needs_kernel
@settings(max_examples=2000, deadline=None)
@given(SHORT_TUPLES, SHORT_TUPLES)
def test_left_over_check_twins_agree_on_random_tokens(
    left_query: tuple[str, ...], left_name: tuple[str, ...]
) -> None:
    assert could_pair_native(left_query, left_name) == could_pair_python(left_query, left_name)


@needs_kernel
@pytest.mark.parametrize(
    ("left_query", "left_name", "expected"),
    [
        (("vladimirputin",), ("vladimir", "putin"), True),  # run together
        (("abdulrahman",), ("abd", "al", "rahman"), True),
        (("pla",), ("people", "liberation", "army"), True),  # initials
        (("zarif",), ("karimov", "ltd"), False),
        (("hassan",), ("hasan",), True),
        ((), ("anything",), True),  # nothing left over on one side: the best case stands
    ],
)
def test_left_over_check_twins_agree_on_each_way_of_pairing(
    left_query: tuple[str, ...], left_name: tuple[str, ...], expected: bool
) -> None:
    assert could_pair_python(left_query, left_name) is expected
    assert could_pair_native(left_query, left_name) is expected


@needs_kernel
def test_left_over_check_twins_agree_on_list_names(sample_matcher: Matcher) -> None:
    forms = sample_matcher.index.forms
    rng = random.Random(11)
    for _ in range(3000):
        one, other = rng.sample(forms, 2)
        left_query = tuple(rng.sample(one.tokens, rng.randint(1, len(one.tokens))))
        left_name = tuple(other.tokens)
        assert could_pair_native(left_query, left_name) == could_pair_python(left_query, left_name)


@needs_kernel
def test_whole_matches_are_the_same_with_either_twin(
    sample_matcher: Matcher, monkeypatch: pytest.MonkeyPatch
) -> None:
    queries = ["Ismail Demir", "İsmail DEMİR", "Исмаил Демир", "Faruk Yigit", "SSB", "M. A. Deniz"]

    def run() -> list[list[tuple[str, float]]]:
        align.token_similarity.cache_clear()
        index_module._could_pair.cache_clear()
        return [
            [(r.entity_id, r.score) for r in sample_matcher.match(Query(q, schema="Person"))]
            for q in queries
        ]

    native = run()
    python_similarity = functools.lru_cache(maxsize=1 << 18)(token_similarity_python)
    python_pairing = functools.lru_cache(maxsize=1 << 16)(could_pair_python)
    monkeypatch.setattr(align, "token_similarity", python_similarity)
    monkeypatch.setattr(index_module, "token_similarity", python_similarity)
    monkeypatch.setattr(index_module, "_could_pair", python_pairing)
    monkeypatch.setattr(score_module, "align", align_python)
    monkeypatch.setattr(matcher_module, "best_pair", score_module.best_pair_python)
    assert run() == native
    assert native[0] and native[0][0][0] == "ofac-27018"


def _alignment_facts(alignment: Alignment) -> tuple[object, ...]:
    """Everything an alignment tells the name model and the explanation, floats as bits."""
    numbers = (
        alignment.coverage_query,
        alignment.coverage_name,
        alignment.weakest,
        alignment.exact_share,
        alignment.fuzzy_loss,
        alignment.conflict,
    )
    return (
        tuple(map(_bits, numbers)),
        tuple(type(n) for n in numbers),
        alignment.in_order,
        alignment.rotated,
        alignment.aligned_count,
        alignment.unaligned_query_count,
        alignment.unaligned_name_count,
        tuple((p.query_token, p.name_token, _bits(p.similarity), p.how) for p in alignment.pairs),
        alignment.unaligned_query,
        alignment.unaligned_name,
        alignment.omitted,
    )


def _same_alignment(
    query: tuple[str, ...],
    name: tuple[str, ...],
    query_weights: tuple[float, ...],
    name_weights: tuple[float, ...],
    longest_acronym: int,
) -> Alignment:
    arguments = (query, name, query_weights, name_weights, longest_acronym)
    python = align_python(*arguments)
    assert _alignment_facts(align_native(*arguments)) == _alignment_facts(python), arguments
    return python


# Name parts that pair in every way align knows: run together, initials, patronymics
# (a surname-like one last), repeats, and the random tokens above.
PART = st.one_of(
    TOKEN,
    st.sampled_from(
        [
            "vladimir", "putin", "vladimirputin", "vladimirovich", "karpovich", "ivanovna",
            "abd", "al", "rahman", "abdulrahman", "pla", "people", "liberation", "army", "jc",
            "jean", "claude", "j", "c", "demir", "ismail",
        ]
    ),
)  # fmt: skip
PARTS = st.lists(PART, min_size=0, max_size=7).map(tuple)
WEIGHT = st.floats(min_value=0.0, max_value=3.0, allow_nan=False)


@needs_kernel
@settings(max_examples=3000, deadline=None)
@given(PARTS, PARTS, st.data(), st.sampled_from([LONGEST_PERSON_ACRONYM, 5]))
def test_alignment_twins_agree_on_random_names(
    query: tuple[str, ...], name: tuple[str, ...], data: st.DataObject, longest: int
) -> None:
    query_weights = tuple(data.draw(st.lists(WEIGHT, min_size=len(query), max_size=len(query))))
    name_weights = tuple(data.draw(st.lists(WEIGHT, min_size=len(name), max_size=len(name))))
    _same_alignment(query, name, query_weights, name_weights, longest)


@needs_kernel
@pytest.mark.parametrize(
    ("query", "name", "how"),
    [
        ("vladimirputin", "vladimir putin", "compound"),
        ("people liberation army", "pla", "acronym"),
        ("jc demir", "jean claude demir", "acronym"),
        ("ismail demir", "demir ismail", "exact"),  # out of order: a rotation
        ("volodymyr zelenskyy", "volodymyr oleksandrovych zelenskyy", "exact"),  # omitted
    ],
)
def test_alignment_twins_agree_on_each_way_of_aligning(query: str, name: str, how: str) -> None:
    query_tokens, name_tokens = tuple(query.split()), tuple(name.split())
    python = _same_alignment(
        query_tokens,
        name_tokens,
        tuple(1.0 + i / 10 for i in range(len(query_tokens))),
        tuple(1.5 - i / 10 for i in range(len(name_tokens))),
        5,
    )
    assert how in {p.how for p in python.pairs}


@needs_kernel
def test_alignment_twins_agree_on_list_names(sample_matcher: Matcher) -> None:
    forms = sample_matcher.index.forms
    weight = sample_matcher.stats.weight
    rng = random.Random(13)
    for _ in range(3000):
        one, other = rng.sample(forms, 2)
        name = one.tokens if rng.random() < 0.5 else other.tokens
        # A listed name against some of its parts, shuffled, and a part of another name.
        query = tuple(rng.sample(one.tokens, rng.randint(1, len(one.tokens)))) + other.tokens[:1]
        _same_alignment(
            query,
            name,
            tuple(map(weight, query)),
            tuple(map(weight, name)),
            rng.choice([LONGEST_PERSON_ACRONYM, 5]),
        )


def _same_best_pair(pairs: list, stats) -> None:  # type: ignore[no-untyped-def]
    python = score_module.best_pair_python(pairs, stats)
    native = score_module.best_pair_native(pairs, stats)
    if python is None:
        assert native is None
        return
    assert native is not None
    assert native.query is python.query and native.name is python.name
    assert _alignment_facts(native.alignment) == _alignment_facts(python.alignment)
    assert tuple(map(_bits, native.features)) == tuple(map(_bits, python.features)), pairs
    assert _bits(native.log_odds) == _bits(python.log_odds)


@needs_kernel
def test_best_pair_twins_agree_on_list_names(sample_matcher: Matcher) -> None:
    """Pairs of real list forms, persons and organisations (legal forms, weak aliases,
    Chinese given names among them), several at a time as the matcher hands them over."""
    forms = list(sample_matcher.index.forms)
    stats = sample_matcher.stats
    rng = random.Random(17)
    queries = [
        form
        for text in ["Ismail Demir", "习近平", "Kim Jong Un", "SSB", "Bank Melli Iran PJSC"]
        for schema in ("Person", "LegalEntity")
        for form in name_forms(text, schema)
    ]
    for _ in range(1500):
        query = rng.choice(queries + forms)
        names = rng.sample(forms, rng.randint(1, 4))
        _same_best_pair([(query, name) for name in names], stats)
    weak = [form for form in forms if form.is_weak]
    assert weak, "the sample lists hold weak aliases"
    for name in weak[:50]:
        _same_best_pair([(query, name) for query in queries], stats)


@needs_kernel
def test_best_pair_reads_coefficients_changed_in_place(sample_matcher: Matcher) -> None:
    """bench/fit_name_model.py scores refitted models by changing the coefficients in
    place: the compiled best pair must use them, as the Python one does."""
    pairs = [(name_forms("Ismail Demir", "Person")[0], name_forms("DEMIR, Ismail", "Person")[0])]
    before = score_module.best_pair_native(pairs, sample_matcher.stats)
    saved = dict(coefficients.WEIGHTS)
    try:
        coefficients.WEIGHTS["weakest"] += 1.0
        _same_best_pair(pairs, sample_matcher.stats)
        after = score_module.best_pair_native(pairs, sample_matcher.stats)
        assert before is not None and after is not None and after.log_odds > before.log_odds
    finally:
        coefficients.WEIGHTS.update(saved)
