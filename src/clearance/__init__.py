"""Clearance: sanctions screening and enforcement.

Lists are read into versioned snapshots (:mod:`clearance.sources`, :mod:`clearance.store`)
of :mod:`clearance.model` entities; :mod:`clearance.matching` finds listed parties in them.

The two everyday calls are here, imported on first use:

- ``clearance.compare(name1, name2, schema="Person")`` → score, match, explanation;
- ``clearance.match(query)`` → ranked matches against every list loaded in the default store
  (``CLEARANCE_DB`` or ``~/.clearance/clearance.db``); ``query`` is a name, a dict of
  :class:`clearance.matching.Query` fields, or a Query.
"""

from __future__ import annotations

from functools import cache
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from clearance.matching import CompareResult, Matcher, MatchResult

__version__ = "0.1.0"


def compare(name1: str, name2: str, schema: str = "LegalEntity", **options: Any) -> CompareResult:
    """How alike two names are (0–1), whether that is a match, and why."""
    from clearance.matching import compare as compare_names

    return compare_names(name1, name2, schema=schema, **options)


@cache
def default_matcher() -> Matcher:
    """The matcher over the default store's current snapshots (built once per process)."""
    from clearance.matching import Matcher
    from clearance.store import Store

    return Matcher.from_store(Store())


def match(query: Any, limit: int = 10, threshold: float | None = None) -> list[MatchResult]:
    """Ranked matches of ``query`` in every loaded list."""
    from clearance.matching import Query

    if isinstance(query, str):
        query = Query(query)
    elif isinstance(query, dict):
        query = Query(**query)
    return default_matcher().match(query, limit=limit, threshold=threshold)
