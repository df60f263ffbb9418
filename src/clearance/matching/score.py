"""Scoring: name forms and evidence → a 0–1 score with an explanation of every part.

The name part is the best alignment over every pair of (query form, list-name form), scored by
the name model as log-odds; a match only on a weak alias is discounted; secondary evidence
(birth date, country, gender, identifiers) adds or removes log-odds; the sigmoid of the sum is
the score. The explanation lists the aligned tokens, each feature's value, weight and
contribution, and each piece of evidence with its reason.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from clearance.matching import compiled, namemodel
from clearance.matching.align import (
    LONGEST_ACRONYM,
    LONGEST_PERSON_ACRONYM,
    Alignment,
    align,
)
from clearance.matching.evidence import Evidence
from clearance.matching.forms import NameForm
from clearance.matching.stats import TokenStats
from clearance.names import legal_forms_conflict

WEAK_ALIAS_LOG_ODDS = -2.5  # a weak (low-quality) alias alone is not a reliable match


@dataclass(frozen=True, slots=True)
class NameMatch:
    """The best alignment found between a query and one listed party's names."""

    query: NameForm
    name: NameForm
    alignment: Alignment
    features: tuple[float, ...]
    log_odds: float

    @property
    def probability(self) -> float:
        return namemodel.sigmoid(self.log_odds)


def match_forms(
    query_forms: Sequence[NameForm], name_forms: Sequence[NameForm], stats: TokenStats
) -> NameMatch | None:
    """The best-scoring pair of forms, or None when no token aligns at all."""
    return best_pair([(q, n) for q in query_forms for n in name_forms], stats)


def best_pair_python(
    pairs: Sequence[tuple[NameForm, NameForm]], stats: TokenStats
) -> NameMatch | None:
    """The best-scoring of the given (query form, list-name form) pairs (the Python twin of
    the compiled ``_similarity.best_pair``; the first of equals)."""
    best: NameMatch | None = None
    weight = stats.weight
    for query, name in pairs:
        query_weights = tuple(map(weight, query.tokens))
        name_weights = tuple(map(weight, name.tokens))
        person = query.kind == name.kind == "person"
        longest_acronym = LONGEST_PERSON_ACRONYM if person else LONGEST_ACRONYM
        alignment = align(query.tokens, name.tokens, query_weights, name_weights, longest_acronym)
        if not alignment.aligned_count:
            continue
        values = namemodel.features(alignment, query, name)
        log_odds = namemodel.log_odds(values)
        if name.is_weak:
            log_odds += WEAK_ALIAS_LOG_ODDS
        if best is None or log_odds > best.log_odds:
            best = NameMatch(query, name, alignment, values, log_odds)
    return best


def best_pair_native(
    pairs: Sequence[tuple[NameForm, NameForm]], stats: TokenStats
) -> NameMatch | None:
    """``best_pair_python`` with the name model's features and log-odds computed in the
    compiled kernel (raises if it was not built)."""
    kernel = compiled.required(_SIMILARITY, "_similarity")
    return kernel.best_pair(  # type: ignore[no-any-return]
        list(pairs),
        stats.weight,
        align,
        legal_forms_conflict,
        namemodel.split_given_names,
        namemodel.coefficient_vector(namemodel.FEATURES),
        WEAK_ALIAS_LOG_ODDS,
        LONGEST_ACRONYM,
        LONGEST_PERSON_ACRONYM,
        NameMatch,
    )


_SIMILARITY = compiled.load("_similarity")
best_pair = best_pair_native if compiled.serves(_SIMILARITY) else best_pair_python


@dataclass
class Score:
    value: float
    name: NameMatch
    evidence: list[Evidence] = field(default_factory=list)

    def explanation(self, threshold: float) -> dict[str, object]:
        name = self.name
        contributions = namemodel.contributions(name.features)
        return {
            "score": round(self.value, 4),
            "threshold": threshold,
            "name": {
                "query": name.query.value,
                "matched_name": name.name.value,
                "matched_name_kind": name.name.name_kind,
                "query_tokens": list(name.query.tokens),
                "name_tokens": list(name.name.tokens),
                "aligned": [
                    {
                        "query": p.query_token,
                        "name": p.name_token,
                        "similarity": round(p.similarity, 3),
                        "how": p.how,
                    }
                    for p in name.alignment.pairs
                ],
                "unaligned_query": list(name.alignment.unaligned_query),
                "unaligned_name": list(name.alignment.unaligned_name),
                "omitted_patronymics": list(name.alignment.omitted),
                "split_given_names": [
                    sorted(group & set(form.tokens))
                    for form, left in (
                        (name.query, name.alignment.unaligned_query),
                        (name.name, name.alignment.unaligned_name),
                    )
                    for group in namemodel.split_given_names(form, left)
                ],
                "probability": round(name.probability, 4),
                "features": {
                    feature: {
                        "value": round(value, 4),
                        "contribution": round(contributions[feature], 3),
                    }
                    for feature, value in zip(namemodel.FEATURES, name.features, strict=True)
                },
                "weak_alias": name.name.is_weak,
            },
            "evidence": [
                {"feature": e.feature, "log_odds": e.log_odds, "detail": e.detail}
                for e in self.evidence
            ],
        }


def combine(name: NameMatch, evidence: list[Evidence]) -> Score:
    total = name.log_odds + sum(e.log_odds for e in evidence)
    return Score(namemodel.sigmoid(total), name, evidence)
