"""``compare``: how alike two names are, with the explanation, no lists needed."""

from __future__ import annotations

from dataclasses import dataclass

from clearance.matching.forms import name_forms
from clearance.matching.score import combine, match_forms
from clearance.matching.stats import TokenStats
from clearance.matching.thresholds import DEFAULT_THRESHOLD
from clearance.names import ORG_TERMS

_DEFAULT_STATS = TokenStats(generic=frozenset(ORG_TERMS))


@dataclass(frozen=True)
class CompareResult:
    score: float
    match: bool
    explanation: dict[str, object]


def compare(
    name1: str,
    name2: str,
    schema: str = "LegalEntity",
    stats: TokenStats | None = None,
    threshold: float = DEFAULT_THRESHOLD,
) -> CompareResult:
    """Score two names of the given FtM schema (0–1) and explain the score.

    ``stats`` (a matcher's token statistics) weights tokens by their rarity in the loaded
    lists; without it, every token weighs the same except generic organisation words.
    """
    name = match_forms(
        name_forms(name1, schema), name_forms(name2, schema, "primary"), stats or _DEFAULT_STATS
    )
    if name is None:
        return CompareResult(0.0, False, {"score": 0.0, "reason": "no name part in common"})
    scored = combine(name, [])
    return CompareResult(scored.value, scored.value >= threshold, scored.explanation(threshold))
