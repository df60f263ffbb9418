"""Matching: candidate index, name alignment, the name model, evidence, and scores.

``compare(name1, name2)`` scores two names; ``Matcher`` screens queries against the loaded
lists. Every score is a calibrated 0–1 value with an explanation of its parts.
"""

from clearance.matching.compare import CompareResult, compare
from clearance.matching.matcher import Matcher, MatchResult
from clearance.matching.query import Query
from clearance.matching.stats import TokenStats
from clearance.matching.thresholds import DEFAULT_THRESHOLD, REVIEW_THRESHOLD

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
