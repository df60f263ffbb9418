"""The index's entity records, kept pickled in a saved index and decoded on first use.

A screening touches few listed entities past the name stage: most candidates fall short on
the name alone, and the schema check reads a plain list of schemata. Unpickling every record
(dates, identifiers, designations with their measures) was most of a saved index's load
time, so a saved index holds each record as its own pickle and a process decodes only the
records it reads, once. A freshly built index holds the objects themselves.
"""

from __future__ import annotations

import pickle
from collections.abc import Iterable, Iterator, Sequence
from typing import Generic, TypeVar, overload

T = TypeVar("T")


class LazyRecords(Sequence[T], Generic[T]):
    """A read-only sequence of records that pickles as one pickle per record."""

    __slots__ = ("_blobs", "_items")

    def __init__(self, items: Iterable[T]) -> None:
        self._items: list[T | None] = list(items)
        self._blobs: list[bytes] | None = None

    def __len__(self) -> int:
        return len(self._items)

    @overload
    def __getitem__(self, position: int) -> T: ...

    @overload
    def __getitem__(self, position: slice) -> list[T]: ...

    def __getitem__(self, position: int | slice) -> T | list[T]:
        if isinstance(position, slice):
            return [self[i] for i in range(*position.indices(len(self)))]
        item = self._items[position]
        if item is None:
            assert self._blobs is not None
            item = self._items[position] = pickle.loads(self._blobs[position])
        return item

    def __iter__(self) -> Iterator[T]:
        for position in range(len(self._items)):
            yield self[position]

    def __getstate__(self) -> tuple[str, list[bytes]]:
        if self._blobs is not None:
            return "blobs", self._blobs
        blobs = [pickle.dumps(item, protocol=pickle.HIGHEST_PROTOCOL) for item in self._items]
        return "blobs", blobs  # a tuple: never a false state, which pickle would skip

    def __setstate__(self, state: tuple[str, list[bytes]]) -> None:
        _, blobs = state
        self._blobs = blobs
        self._items = [None] * len(blobs)
