"""The index's lazily decoded entity records."""

from __future__ import annotations

import pickle

from hypothesis import given
from hypothesis import strategies as st

from clearance.matching.records import LazyRecords


@given(st.lists(st.tuples(st.text(), st.integers(), st.none() | st.floats(allow_nan=False))))
def test_records_survive_pickling_and_decode_on_use(items: list[tuple]) -> None:
    records = LazyRecords(items)
    loaded = pickle.loads(pickle.dumps(records))
    assert len(loaded) == len(items)
    assert list(loaded) == items
    assert loaded[1:3] == items[1:3]
    if items:
        assert loaded[-1] == items[-1]
    again = pickle.loads(pickle.dumps(loaded))  # a loaded one saves its blobs as they are
    assert list(again) == items


def test_a_record_is_decoded_once() -> None:
    loaded = pickle.loads(pickle.dumps(LazyRecords([{"a": 1}, {"b": 2}])))
    assert loaded[0] is loaded[0]
