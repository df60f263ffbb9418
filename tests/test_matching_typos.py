"""The index's one-edit neighbours: the stored arrays find exactly what the definition says,
for short and long keys, ASCII or not, and survive a pickle; the compiled look-up and its
Python twin agree."""

from __future__ import annotations

import pickle

from hypothesis import given, settings
from hypothesis import strategies as st
from tests.conftest import requires_kernel

from clearance.matching import Matcher, typos
from clearance.matching.typos import KEY_BYTES, TypoNeighbours, deletes

needs_kernel = requires_kernel("_native")


def _by_definition(vocabulary: set[str], token: str) -> set[str]:
    """Every vocabulary token sharing a key with ``token``: itself (three letters or more)
    or one of its deletions."""
    probes = {token} | deletes(token)
    return {
        other
        for other in vocabulary
        if probes & (deletes(other) | ({other} if len(other) >= 3 else set()))
    }


WORD = st.text("abcdeimnorsuçğışöü", min_size=1, max_size=9)
LONG = st.text("ab", min_size=KEY_BYTES - 2, max_size=KEY_BYTES + 6)  # around the width


@settings(max_examples=300, deadline=None)
@given(st.sets(st.one_of(WORD, LONG), max_size=40), st.one_of(WORD, LONG))
def test_neighbours_are_the_tokens_sharing_a_key(vocabulary: set[str], token: str) -> None:
    neighbours = TypoNeighbours(vocabulary)
    expected = _by_definition(vocabulary, token)
    assert neighbours.near_python(token) == expected
    if typos._NATIVE_MODULE is not None:
        assert neighbours.near_native(token) == expected


@needs_kernel
def test_the_twins_agree_on_list_tokens(sample_matcher: Matcher) -> None:
    index = sample_matcher.index
    vocabulary = sorted(index.vocabulary)
    for token in (
        vocabulary[::7] + [t + "x" for t in vocabulary[::11]] + [t[1:] for t in vocabulary[::13]]
    ):
        assert index.typos.near_native(token) == index.typos.near_python(token), token


def test_one_edit_each_way() -> None:
    neighbours = TypoNeighbours({"demir", "mohammed", "yigit", "gencoglu", "ali"})
    assert neighbours.near("demirr") == {"demir"}  # an insertion
    assert neighbours.near("dmir") == {"demir"}  # a deletion
    assert neighbours.near("demor") == {"demir"}  # a substitution
    assert neighbours.near("yigti") == {"yigit"}  # a transposition
    assert neighbours.near("mohamed") == {"mohammed"}
    assert neighbours.near("ali") == {"ali"}  # three letters: only itself
    assert neighbours.near("zzzz") == set()


def test_keys_wider_than_the_array_are_found_too() -> None:
    long_name = "vladimirvladimirovichputinpresident"  # 35 letters: past KEY_BYTES
    multibyte = "ğ" * 20  # 20 letters, 40 bytes of UTF-8
    neighbours = TypoNeighbours({long_name, multibyte, "putin"})
    assert len(long_name.encode()) > KEY_BYTES and len(multibyte.encode()) > KEY_BYTES
    assert neighbours.near(long_name[:-1]) == {long_name}
    assert neighbours.near("ğ" * 21) == {multibyte}
    restored = pickle.loads(pickle.dumps(neighbours))
    assert restored.near(long_name + "x") == {long_name}
    assert restored.near("putn") == {"putin"}


def test_an_empty_vocabulary_has_no_neighbours() -> None:
    assert TypoNeighbours([]).near("demir") == set()
    assert len(TypoNeighbours([])) == 0
