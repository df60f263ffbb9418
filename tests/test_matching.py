"""Matching on the bundled sample lists and the real ones: the seed case under every
spelling, evidence that overrides a name, schema compatibility, explanations."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from tests.conftest import shared_path

from clearance.cli.demo import sample_list_paths
from clearance.matching import DEFAULT_THRESHOLD, Matcher, Query, compare
from clearance.matching.prescore import EXACT_TALLY, accumulate, prescore
from clearance.sources import open_list


@pytest.fixture(scope="module")
def real_matcher() -> Matcher:
    entities = []
    for parts in (("lists", "ofac-sdn-2021"), ("lists", "ofac-cons-2025")):
        entities.extend(open_list(shared_path(*parts)).entities)
    return Matcher.from_entities(entities)


def _top(matcher: Matcher, query: Query) -> tuple[str, float] | None:
    results = matcher.match(query)
    return (results[0].entity_id, results[0].score) if results else None


@pytest.mark.parametrize(
    "name",
    ["İsmail DEMİR", "DEMIR ISMAIL", "Ismail Demir", "Исмаил Демир", "DEMİR, İsmail"],
)
def test_demir_found_under_every_spelling(sample_matcher: Matcher, name: str) -> None:
    results = sample_matcher.match(Query(name, "Person", birth_date="1960-04-01"))
    assert results, name
    assert results[0].entity_id == "ofac-27018"
    assert results[0].match


def test_demir_in_arabic_script_is_found(sample_matcher: Matcher) -> None:
    results = sample_matcher.match(Query("إسماعيل دمير", "Person", birth_date="1960"))
    assert results and results[0].entity_id == "ofac-27018"


def test_ssb_with_british_spelling(sample_matcher: Matcher) -> None:
    results = sample_matcher.match(Query("Presidency of Defence Industries", "Organization"))
    assert results[0].entity_id == "ofac-27016"
    assert results[0].match
    assert results[0].lists == ("NS-MBS",)
    assert results[0].programs == ("CAATSA - RUSSIA",)


def test_a_person_born_25_years_later_is_not_alerted(sample_matcher: Matcher) -> None:
    results = sample_matcher.match(Query("Ismail Demir", "Person", birth_date="1985-01-01"))
    assert not any(r.match for r in results)
    same_name = sample_matcher.match(Query("Ismail Demir", "Person"))
    assert same_name[0].match  # the name alone does alert


def test_identifier_is_near_conclusive(sample_matcher: Matcher) -> None:
    results = sample_matcher.match(Query("I. Demir", "Person", id_number="374 352 751 30"))
    assert results[0].entity_id == "ofac-27018"
    assert results[0].score > 0.9
    evidence = results[0].explanation["evidence"]
    assert any(e["feature"] == "identifier" and e["log_odds"] > 0 for e in evidence)


def test_person_never_matches_a_vessel(sample_matcher: Matcher) -> None:
    assert not sample_matcher.match(Query("ARTAVIL", "Person"))
    vessels = sample_matcher.match(Query("M/V ARTAVIL", "Vessel"))
    assert vessels[0].entity_id == "ofac-15036"


def test_explanation_names_the_aligned_parts(sample_matcher: Matcher) -> None:
    (result, *_) = sample_matcher.match(Query("Faruk Yiğit", "Person", nationality="Turkey"))
    assert result.entity_id == "ofac-30685"
    name = result.explanation["name"]
    aligned = {(p["query"], p["name"]) for p in name["aligned"]}
    assert aligned == {("faruk", "faruk"), ("yigit", "yigit")}
    assert set(name["features"]) >= {"coverage_min", "weakest"}
    assert {e["feature"] for e in result.explanation["evidence"]} >= {"country"}


def test_compare_scores_and_explains() -> None:
    same = compare("İsmail DEMİR", "DEMIR, Ismail", schema="Person")
    assert same.match and same.score >= DEFAULT_THRESHOLD
    different = compare("Ismail Demir", "Faruk Yigit", schema="Person")
    assert not different.match and different.score < 0.2
    assert compare("Vladimir Putin", "Владимир Путин", schema="Person").match


def test_a_name_split_into_three_pieces_aligns_as_one() -> None:
    result = compare(
        "Nikolai Plat Ono Vich Patrushev", "Nikolai Platonovich Patrushev", schema="Person"
    )
    aligned = {p["query"]: p for p in result.explanation["name"]["aligned"]}
    assert aligned["plat ono vich"]["name"] == "platonovich"
    assert aligned["plat ono vich"]["how"] == "compound"
    assert result.match


def test_stacked_and_foreign_legal_forms_do_not_hide_a_company() -> None:
    assert compare(
        "JSC TACTICAL MISSILES CORPORATION",
        "TACTICAL MISSILES CORPORATION JOINT STOCK COMPANY",
        schema="Company",
    ).match
    assert compare(
        "Societatea cu Răspundere Limitată PRO TRAFFIC", "SRL PRO TRAFFIC", schema="Company"
    ).match
    assert compare("SiemensAG", "Siemens AG", schema="Company").match
    assert compare(
        "TACTICAL MISSILES CORPORATION JOINT STOCK COMPANY",
        "TACTICAL MISSILES CORPORATION JOYNT STOCK COMPANY",
        schema="Company",
    ).match


def test_numbers_in_words_and_digits_meet_but_a_digit_is_no_initial() -> None:
    assert compare("Brigade Forty-Four", "Brigade 44", schema="Organization").match
    different = compare("Brigade 4", "Brigade 44", schema="Organization")
    assert all(p["how"] != "initial" for p in different.explanation["name"]["aligned"])


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("Presidency of Defence Industries", "ofac-27016"),
        ("Savunma Sanayii Baskanligi SSB", None),
        ("İsmail Demir", "ofac-27018"),
        ("Исмаил Демир", "ofac-27018"),
        ("Serhat Gençoğlu", "ofac-30686"),
        ("Mustafa Alper Deniz", "ofac-30687"),
    ],
)
def test_seed_case_against_the_real_lists(
    real_matcher: Matcher, name: str, expected: str | None
) -> None:
    results = [r for r in real_matcher.match(Query(name)) if r.match]
    if expected is None:
        return  # OFAC publishes no Turkish name for SSB: nothing to require
    assert results and results[0].entity_id == expected, [
        (r.entity_id, r.caption, r.score) for r in results
    ]


def test_matcher_from_store_is_cached(tmp_path: Path) -> None:
    from clearance.store import Store

    store = Store(str(tmp_path / "s.db"))
    store.load([open_list(p) for p in sample_list_paths()])
    first = Matcher.from_store(store, cache_dir=tmp_path / "index")
    cached = list((tmp_path / "index").glob("*.pickle"))
    assert len(cached) == 1
    second = Matcher.from_store(store, cache_dir=tmp_path / "index")
    for query in (Query("Ismail Demir", "Person"), Query("Presidency of Defense Industries")):
        built, loaded = first.match(query), second.match(query)
        assert loaded and [r.to_dict() for r in built] == [r.to_dict() for r in loaded]
        assert [r.designations for r in built] == [r.designations for r in loaded]
    # records decode on first use; every one of them equals the built one
    assert list(second.index.entities) == list(first.index.entities)
    assert second.index.entity_schemas == first.index.entity_schemas


def test_old_saved_indexes_are_pruned(tmp_path: Path) -> None:
    import os

    from clearance.matching.matcher import KEEP_INDEXES
    from clearance.store import Store

    folder = tmp_path / "index"
    folder.mkdir()
    for i in range(KEEP_INDEXES + 3):
        old = folder / f"old{i}.pickle"
        old.write_bytes(b"stale")
        os.utime(old, (1_000_000 + i, 1_000_000 + i))
    store = Store(str(tmp_path / "s.db"))
    store.load([open_list(p) for p in sample_list_paths()])
    Matcher.from_store(store, cache_dir=folder)
    kept = sorted(p.name for p in folder.glob("*.pickle"))
    assert len(kept) == KEEP_INDEXES
    newest_old = [f"old{i}.pickle" for i in range(4, KEEP_INDEXES + 3)]
    assert set(newest_old) < set(kept)  # the most recently used stale ones stay


def test_top_level_compare_and_match(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import clearance
    from clearance.store import Store

    assert clearance.compare("Faruk Yiğit", "YIGIT, Faruk", schema="Person").match
    monkeypatch.setenv("CLEARANCE_HOME", str(tmp_path))
    monkeypatch.delenv("CLEARANCE_DB", raising=False)
    Store().load([open_list(p) for p in sample_list_paths()])
    clearance.default_matcher.cache_clear()
    try:
        by_name = clearance.match("Serhat Gencoglu")
        by_dict = clearance.match({"name": "Serhat Gencoglu", "schema": "Person"})
    finally:
        clearance.default_matcher.cache_clear()
    assert by_name[0].entity_id == by_dict[0].entity_id == "ofac-30686"


def test_one_letter_phonetic_keys_do_not_make_syllables_alike() -> None:
    from clearance.matching.align import PHONETIC, token_similarity

    for a, b in (("cha", "ho"), ("hui", "ho"), ("yu", "jo"), ("yun", "zhenyu")):
        similarity, how = token_similarity(*sorted((a, b)))
        assert how != PHONETIC and similarity < 0.7, (a, b, similarity)
    assert token_similarity("amor", "omar") == (0.88, PHONETIC)


def test_a_shared_phonetic_key_needs_spellings_close_by_edits() -> None:
    """The names "Nguyen" and "Nyakuni" (NKN), "Celik" and "Salek" (SLK) share a phonetic key and
    little else; a transposed pair of letters ("Sko" / "Sok") or vowels written
    differently ("Amor" / "Omar") still sound alike."""
    from clearance.matching.align import PHONETIC, token_similarity
    from clearance.names import phonetic_key

    for a, b in (("nguyen", "nyakuni"), ("celik", "salek")):
        assert phonetic_key(a) == phonetic_key(b)
        similarity, how = token_similarity(*sorted((a, b)))
        assert how != PHONETIC and similarity < 0.7, (a, b, similarity)
    for a, b in (("sko", "sok"), ("amor", "omar"), ("catherine", "kathryn")):
        assert token_similarity(*sorted((a, b))) == (0.88, PHONETIC)
    assert not compare("Michelle James Nguyen", "James NYAKUNI", schema="Person").match


def test_a_persons_name_word_is_no_acronym_of_three_names() -> None:
    result = compare("Abu Naim", "Abd al-Rahman bin Umayr al-Nuaymi", schema="Person")
    assert all(p["how"] != "acronym" for p in result.explanation["name"]["aligned"])
    juncker = compare("JC Juncker", "Jean-Claude Juncker", schema="Person")
    aligned = {(p["query"], p["name"], p["how"]) for p in juncker.explanation["name"]["aligned"]}
    assert ("jc", "jean claude", "acronym") in aligned  # two initials still are one


def test_token_weights_count_every_spelling_of_a_name() -> None:
    from clearance.matching.stats import TokenStats

    stats = TokenStats.from_token_sets(
        [{"muhammad", "ali"}, {"muhammad", "hasan"}, {"muhammad", "kim"}, {"zarif"}]
    )
    assert stats.weight("mohammed") == stats.weight("muhammad") < stats.weight("zarif")


def test_candidates_are_prescored_as_the_name_model_scores_them(sample_matcher: Matcher) -> None:
    from clearance.matching.forms import name_forms
    from clearance.matching.score import best_pair

    index = sample_matcher.index
    forms = name_forms("Ismail Demir", "Person")
    ranked = index.candidates(forms, 10, floor=0.0)
    top, pairs = ranked[0]
    assert index.entities[top].id == "ofac-27018"
    form_id, query_index = pairs[0]
    exact = best_pair([(forms[query_index], index.forms[form_id])], index.stats)
    assert exact is not None
    # every token hit exactly: the pre-score is the model's own log-odds for that pair
    weight = index.stats.weight
    total = sum(map(weight, forms[query_index].tokens))
    as_hit, at_best = prescore(
        index.form_arrays,
        len(forms[query_index].tokens),
        total,
        False,
        np.asarray([form_id]),
        np.asarray([total]),
        np.asarray([len(forms[query_index].tokens)]),
    )
    assert as_hit[0] == pytest.approx(exact.log_odds, abs=1e-6)
    assert at_best[0] >= as_hit[0]


@settings(max_examples=60, deadline=None)
@given(st.lists(st.lists(st.integers(0, 199), max_size=40), min_size=1, max_size=6))
def test_hits_are_summed_per_form_like_a_dictionary_would(
    sample_matcher: Matcher, postings: list[list[int]]
) -> None:
    index = sample_matcher.index
    postings = [sorted(set(p)) or [0] for p in postings]
    touched = [np.asarray(p, dtype=np.int32) for p in postings]
    weights = [np.full(len(p), 0.5 + i) for i, p in enumerate(postings)]
    tallies = [np.asarray([1 + EXACT_TALLY * (f % 2 == 0) for f in p]) for p in postings]
    form_ids, sums, counts, exacts = accumulate(index._scratch(), touched, weights, tallies)
    expected: dict[int, list[float]] = {}
    for i, p in enumerate(postings):
        for f in p:
            total, count, exactly = expected.get(f, [0.0, 0, 0])
            expected[f] = [total + 0.5 + i, count + 1, exactly + (f % 2 == 0)]
    columns = (form_ids.tolist(), sums.tolist(), counts.tolist(), exacts.tolist())
    got = {f: [s, c, e] for f, s, c, e in zip(*columns, strict=True)}
    assert got.keys() == expected.keys()
    for f, (total, count, exactly) in expected.items():
        assert got[f][0] == pytest.approx(total) and got[f][1:] == [count, exactly]
    # the scratch arrays are clean for the next query
    scratch = index._scratch()
    assert not scratch.sums.any() and not scratch.tallies.any() and (scratch.slots == -1).all()


def _people(*names: str) -> Matcher:
    from clearance.model import Entity, Name, Schema

    return Matcher.from_entities(
        [
            Entity(f"test-{i}", Schema.PERSON, (Name(name),), "test", str(i))
            for i, name in enumerate(names)
        ]
    )


def test_a_persons_candidates_are_not_spent_on_vessels_or_companies() -> None:
    """Candidates are chosen among the entities a query's schema can denote: a vessel
    named like the person, with a better pre-score, takes no place in a limit of one."""
    from clearance.matching.forms import name_forms
    from clearance.model import Entity, Name, Schema

    matcher = Matcher.from_entities(
        [
            Entity("test-vessel", Schema.VESSEL, (Name("Karim Zarafshan"),), "test", "0"),
            Entity("test-company", Schema.COMPANY, (Name("Karim Zarafshan"),), "test", "1"),
            Entity("test-person", Schema.PERSON, (Name("Karim Zarafshani"),), "test", "2"),
        ]
    )
    index = matcher.index
    forms = name_forms("Karim Zarafshan", "Person")
    everyone = [index.entities[p].id for p, _ in index.candidates(forms, 3, floor=0.0)]
    assert set(everyone) == {"test-vessel", "test-company", "test-person"}
    [(only, _)] = index.candidates(forms, 1, floor=0.0, schema="Person")
    assert index.entities[only].id == "test-person"
    assert [r.entity_id for r in matcher.match(Query("Karim Zarafshan", schema="Person"))] == [
        "test-person"
    ]


def test_a_token_the_keys_linked_is_not_counted_again_as_a_left_over_pair() -> None:
    """The query word "Amanda" reaches "Hamada" through a one-edit key; the pre-score counts
    that pair already, so the best case (White pairing with a left-over name part) needs
    another pair, which no part of the long name offers: nothing worth aligning."""
    from clearance.matching.index import PRESCORE_MARGIN, TYPO_FACTOR

    matcher = _people(
        "Hamada Ould Mohamed Lemine Ould Mohamed Khairy",
        "Amanda Stone",  # "amanda" is a listed word, rare enough for one-edit keys
        "John White",  # and "white" a common one
        "Mary White",
        "Walter White",
        "Mohamed Lemine",
        "Ould Khairy",
    )
    index = matcher.index
    forms = _forms("Amanda White")
    hamada = next(i for i, e in enumerate(index.entities) if e.id == "test-0")
    weight = index.stats.weight
    total = sum(map(weight, forms[0].tokens))
    hit = np.asarray([next(i for i, f in enumerate(index.forms) if f.tokens[0] == "hamada")])
    linked = np.asarray([TYPO_FACTOR * weight("amanda")])
    _, at_best = prescore(index.form_arrays, 2, total, False, hit, linked, np.asarray([1]))
    assert at_best[0] >= -PRESCORE_MARGIN  # the best case alone would have it aligned
    candidates = dict(index.candidates(forms, floor=0.0))
    assert hamada not in candidates
    assert all(r.entity_id != "test-0" for r in matcher.match(Query("Amanda White")))


def test_several_parts_linked_by_spelling_keys_can_still_pair_up() -> None:
    """The pre-score counts the parts phonetic or one-edit keys link as one aligned part,
    so when several are linked the others stay available to pair: "Shaamil ... Ismailov"
    is Shamil Izmaylov with a patronymic left out."""
    matcher = _people("Shamil Izmaylov", "Shamil Basayev", "Ruslan Izmaylov", "Ivan Petrov")
    results = matcher.match(Query("Shaamil Magomedovich Ismailov", schema="Person"))
    assert results and results[0].entity_id == "test-0"
    assert results[0].match


def _forms(name: str) -> list:
    from clearance.matching.forms import name_forms

    return name_forms(name, "Person")


@settings(max_examples=40, deadline=None)
@given(st.lists(st.integers(0, 10_000), min_size=1, max_size=60), st.integers(0, 3))
def test_link_masks_say_which_query_words_hit_each_form(
    sample_matcher: Matcher, picks: list[int], which: int
) -> None:
    """The vectorised masks agree with looking each (form, word) up one at a time."""
    index = sample_matcher.index
    queries = ["Ismail Demir", "Presidency of Defence Industries", "Faruk Yigit", "SSB"]
    forms = _forms(queries[which])
    form_ids = np.asarray(sorted({p % len(index.forms) for p in picks}), dtype=np.int32)
    query_of = np.asarray([i % len(forms) for i in range(len(form_ids))], dtype=np.int32)
    from clearance.matching.pairs import _links

    linked, fuzzy = _links([index._query_hits(form) for form in forms], form_ids, query_of)
    for form_id, query_index, links, fuzzy_links in zip(
        form_ids.tolist(), query_of.tolist(), linked, fuzzy, strict=True
    ):
        for bit, token in enumerate(forms[query_index].tokens):
            hit = index._token_hits(token)
            factor = dict(zip(hit[0].tolist(), hit[1].tolist(), strict=True)) if hit else {}
            assert bool(links >> bit & 1) == (form_id in factor)
            assert bool(fuzzy_links >> bit & 1) == (factor.get(form_id, 1.0) < 1.0)


@pytest.mark.parametrize(
    ("query", "listed"),
    [
        ("宥辰 王", "WANG, Chen"),  # 宥辰 Youchen is not Chen
        ("王宥辰", "WANG, Chen"),  # the same written as one word, surname first
        ("淑珍 董", "CHEN, Dong"),
        ("김병철", "KIM, Chol"),  # a Korean given name too
    ],
)
def test_a_chinese_given_name_matched_in_part_is_a_different_name(query: str, listed: str) -> None:
    result = compare(query, listed, schema="Person")
    assert result.score < 0.5
    assert result.explanation["name"]["split_given_names"]  # the analyst sees why


@pytest.mark.parametrize(
    ("query", "listed"),
    [
        ("习近平", "Xi Jinping"),
        ("习近平", "XI Jin Ping"),  # syllables written apart, all of them there
        ("陈美香", "CHEN, Mei Hsiang"),  # Wade-Giles
        ("王伟", "Wang Wei"),  # a one-syllable given name
        ("김정은", "KIM Jong-un"),
        ("병철 김", "Pyong Chol KIM"),  # McCune-Reischauer, syllables apart
    ],
)
def test_chinese_given_names_matched_whole_are_not_split(query: str, listed: str) -> None:
    result = compare(query, listed, schema="Person")
    assert result.match
    assert result.explanation["name"]["split_given_names"] == []
