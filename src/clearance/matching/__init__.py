"""Matching: candidate index, name alignment, the name model, evidence, and scores.

``compare(name1, name2)`` scores two names; ``Matcher`` screens queries against the loaded
lists. Every score is a calibrated 0–1 value with an explanation of its parts.

The names below are imported on first use, so commands that only need the thresholds
(or nothing of matching at all) start without loading numpy and the name tables.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

from clearance.matching.thresholds import DEFAULT_THRESHOLD, REVIEW_THRESHOLD

if TYPE_CHECKING:
    from clearance.matching.comparison import CompareResult, compare
    from clearance.matching.matcher import Matcher, MatchResult
    from clearance.matching.query import Query
    from clearance.matching.stats import TokenStats

_LAZY = {
    "CompareResult": "clearance.matching.comparison",
    "compare": "clearance.matching.comparison",
    "Matcher": "clearance.matching.matcher",
    "MatchResult": "clearance.matching.matcher",
    "Query": "clearance.matching.query",
    "TokenStats": "clearance.matching.stats",
}

__all__ = [
    "DEFAULT_THRESHOLD",
    "REVIEW_THRESHOLD",
    "CompareResult",
    "MatchResult",
    "Matcher",
    "Query",
    "TokenStats",
    "compare",
]


def __getattr__(name: str) -> Any:
    module = _LAZY.get(name)
    if module is None:
        raise AttributeError(f"module 'clearance.matching' has no attribute {name!r}")
    return getattr(importlib.import_module(module), name)
