"""Bounded IN-lists: look-ups by many keys run as several queries of at most 500 keys each
(SQLite limits the parameters of one statement; PostgreSQL plans long lists badly)."""

from __future__ import annotations

from collections.abc import Iterable, Iterator

IN_LIST_SIZE = 500


def in_batches(keys: Iterable[str], size: int = IN_LIST_SIZE) -> Iterator[list[str]]:
    """The distinct ``keys``, sorted, in lists of at most ``size``."""
    ordered = sorted(set(keys))
    for start in range(0, len(ordered), size):
        yield ordered[start : start + size]
