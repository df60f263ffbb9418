"""equivalent_forms, canonical_token, phonetic_key and number_words."""

from __future__ import annotations

import csv
from collections import defaultdict

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from clearance.names import (
    canonical_token,
    equivalent_forms,
    fold,
    number_words,
    phonetic_key,
)


@pytest.mark.parametrize(
    ("token", "others"),
    [
        ("william", {"bill", "will", "billy", "wilhelm", "guillaume"}),
        ("robert", {"bob", "rob", "bobby"}),
        ("edward", {"ted", "ed", "ned"}),
        ("theodore", {"ted", "teddy"}),
        ("benjamin", {"ben", "benny"}),
        ("alexander", {"alex", "sasha", "aleksandr", "iskander"}),
        ("dmitriy", {"dima", "dmitry", "dmitrii"}),
        ("mikhail", {"misha", "michael"}),
        ("james", {"jim", "jimmy"}),
        ("katherine", {"kate", "kathy"}),
        ("catherine", {"kate", "ekaterina"}),
        ("john", {"johann", "juan", "jean", "ivan", "ioannis", "yahya"}),
        ("joseph", {"josef", "giuseppe", "jose", "yusuf", "iosif"}),
        ("muhammad", {"mohammed", "mohamed", "mehmet"}),
    ],
)
def test_equivalent_forms(token: str, others: set[str]) -> None:
    forms = equivalent_forms(token)
    assert token in forms
    assert others <= forms


def test_equivalent_forms_includes_unknown_token_and_is_not_transitive() -> None:
    assert equivalent_forms("zzyzx") == frozenset({"zzyzx"})
    assert "ali" not in equivalent_forms("alex")
    assert "william" in equivalent_forms("bill") and "robert" not in equivalent_forms("bill")


@pytest.mark.parametrize(
    ("tokens", "canonical"),
    [
        (("muhammad", "mohammed", "mohamed", "mohammad", "mohamad", "mukhammad"), "muhammad"),
        (("abdul", "abd", "abdel"), "abdul"),
        (("hussein", "husayn", "hossein", "husain", "hussain"), "husayn"),
        (("khalid", "khaled"), "khalid"),
        (("osama", "usama"), "usama"),
        (("yusuf", "yousef", "youssef"), "yusuf"),
        (("dmitriy", "dmitry", "dmitrii"), "dmitriy"),
        (("sergey", "sergei", "sergej"), "sergey"),
        (("chaikovskiy", "chaikovsky", "chaikovskii"), "chaikovsky"),
    ],
)
def test_canonical_token(tokens: tuple[str, ...], canonical: str) -> None:
    assert {canonical_token(t) for t in tokens} == {canonical}


def test_canonical_token_keeps_nicknames_apart() -> None:
    assert canonical_token("bill") == "bill"
    assert canonical_token("william") == "william"
    assert canonical_token("joseph") == "joseph"  # another language's name, not a spelling
    assert canonical_token("kowalski") == "kowalski"


@pytest.mark.parametrize(
    "group",
    [
        ("mohammed", "muhammad", "mohamad", "mukhammad"),
        ("hussein", "husayn", "hossein", "husain"),
        ("khaled", "khalid", "chaled"),
        ("yusuf", "yousef", "jusuf", "iosif"),
        ("abdulrahman", "abdurrahman", "abdelrahman"),
        ("schulz", "shults"),
        ("gencoglu", "gencoglou"),
        ("dmitriy", "dmitry", "dmitrii"),
        ("sergey", "sergei", "serguei"),
        ("aleksandr", "alexander", "aleksander"),
        ("tchaikovsky", "chaikovskii"),
        ("kaddafi", "gaddafi", "qadhafi"),
        ("tsoi", "tsoy"),
    ],
)
def test_phonetic_key_merges_transliteration_variants(group: tuple[str, ...]) -> None:
    assert len({phonetic_key(t) for t in group}) == 1


def test_phonetic_key_keeps_names_apart() -> None:
    # (hasan and husayn share H-S-N: a consonant key cannot tell them apart)
    keys = {phonetic_key(t) for t in ("muhammad", "mahmud", "ahmad", "ali", "hasan", "khalid",
                                      "omar", "osman", "ismail", "demir", "putin")}  # fmt: skip
    assert len(keys) == 11
    assert phonetic_key("") == ""


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet="abcdefghijklmnopqrstuvwxyz0123456789", max_size=20))
def test_phonetic_key_total(token: str) -> None:
    key = phonetic_key(token)
    assert (key == "") == (token == "")
    assert key.replace("A", "").replace("J", "").isupper() or not key.strip("AJ") or key.isalnum()


def test_number_words() -> None:
    assert number_words("7") == "seven"
    assert number_words("seven") == "7"
    assert number_words("3rd") == "third"
    assert number_words("third") == "3rd"
    assert number_words("12") == "twelve"
    assert number_words("21") is None
    assert number_words("smith") is None
    assert number_words("") is None


def test_phonetic_collisions_on_the_un_list(shared) -> None:
    from clearance.sources import open_list

    tokens = set()
    for entity in open_list(shared.path("lists", "un-2026", "UN_consolidated.xml")).entities:
        for name in entity.names:
            tokens.update(t for t in fold(name.value).split() if t.isalpha())
    buckets: dict[str, set[str]] = defaultdict(set)
    for t in tokens:
        buckets[phonetic_key(t)].add(t)
    assert len(tokens) > 3000
    assert len(tokens) / len(buckets) < 2.5  # distinct tokens per key (2.25 measured)
    assert max(len(v) for v in buckets.values()) < 40
    assert {"muhammad", "mohammed", "mohamed", "mohammad"} <= buckets[phonetic_key("muhammad")]


def test_nickname_coverage(shared) -> None:
    path = shared.path("bench", "nicknames", "names.csv")
    with path.open(encoding="utf-8") as fh:
        rows = [r for r in csv.DictReader(fh) if r["relationship"] == "has_nickname"]
    linked = sum(r["name2"] in equivalent_forms(r["name1"]) for r in rows)
    assert len(rows) == 2691
    assert linked / len(rows) >= 0.40
