"""Decisions: a context and its parties → BLOCK / REJECT / DENY / LIMIT / REVIEW / CLEAR.

Each party is screened; every listed entity it matches contributes its designations'
measures (:mod:`clearance.enforcement.measures`). A measure binds when the catalogue gives
it an effect in this context; the decision is the most severe binding effect. A match scoring
between the review and the default threshold gives REVIEW, never CLEAR. Designations that
matched but bind nothing here are reported too, so an analyst sees why a listed party passes
(SSB's NS-MBS listing does not bind payments).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from clearance.enforcement.ledger import CreditLedger
from clearance.enforcement.measures import (
    CATALOGUE,
    FIFTY_PERCENT_RULE,
    Context,
    Effect,
    Verdict,
    measures_of,
    rule_for,
)
from clearance.enforcement.ownership import DerivedBlock, OwnershipResult
from clearance.matching import Matcher, MatchResult, Query
from clearance.model import Designation

CONTEXT_ROLES: dict[Context, tuple[str, ...]] = {
    Context.ONBOARDING: ("customer",),
    Context.PAYMENT: ("debtor", "creditor", "ultimate_debtor", "ultimate_creditor", "agent"),
    Context.CREDIT: ("borrower", "lender"),
    Context.EXPORT_LICENCE: ("applicant", "consignee", "end_user"),
    Context.EXIM_ASSISTANCE: ("beneficiary",),
    Context.IFI_LOAN: ("borrower",),
    Context.INVESTMENT: ("issuer",),
    Context.FX: ("counterparty",),
    Context.PROCUREMENT: ("contractor",),
    Context.VISA: ("applicant",),
}


class DecisionInputError(ValueError):
    """A decision request that cannot be decided (unknown context, bad amount, no party)."""


@dataclass(frozen=True)
class Party:
    name: str
    role: str = "party"
    schema: str = "LegalEntity"
    birth_date: str | None = None
    nationality: str | None = None
    country: str | None = None
    id_number: str | None = None
    id: str | None = None  # the user's own id for the party (ownership records use it)

    def query(self) -> Query:
        return Query(
            name=self.name,
            schema=self.schema,
            birth_date=self.birth_date,
            nationality=self.nationality,
            country=self.country,
            id_number=self.id_number,
        )


@dataclass(frozen=True)
class Citation:
    """One measure of one designation of one matched entity, and what it requires here."""

    party: Party
    entity_id: str
    entity_name: str
    score: float
    authority: str
    list_code: str
    programs: tuple[str, ...]
    measure_code: str
    measure_label: str
    legal_basis: str | None
    verdict: Verdict
    action: str
    report: str | None
    from_list_default: bool
    source: str = ""
    snapshot_hash: str | None = None
    evidence: dict[str, object] | None = None  # the match: name aligned, evidence, score
    ownership_paths: tuple[str, ...] = ()  # 50% rule: how blocked ownership reaches the party

    def to_dict(self) -> dict[str, object]:
        return {
            "ownership_paths": list(self.ownership_paths),
            "party": {"role": self.party.role, "name": self.party.name},
            "entity_id": self.entity_id,
            "entity_name": self.entity_name,
            "score": round(self.score, 4),
            "authority": self.authority,
            "list": self.list_code,
            "programs": list(self.programs),
            "measure": {
                "code": self.measure_code,
                "label": self.measure_label,
                "legal_basis": self.legal_basis,
                "from_list_default": self.from_list_default,
            },
            "verdict": self.verdict.value,
            "action": self.action,
            "report": self.report,
            "source": self.source,
            "snapshot_hash": self.snapshot_hash,
            "match": self.evidence,
        }


@dataclass
class Decision:
    context: Context
    verdict: Verdict = Verdict.CLEAR
    binding: list[Citation] = field(default_factory=list)
    not_binding: list[dict[str, object]] = field(default_factory=list)
    reviews: list[dict[str, object]] = field(default_factory=list)
    headroom: Decimal | None = None
    notes: list[str] = field(default_factory=list)

    def to_dict(self) -> dict[str, object]:
        return {
            "decision": self.verdict.value,
            "context": self.context.value,
            "binding": [c.to_dict() for c in self.binding],
            "not_binding": self.not_binding,
            "reviews": self.reviews,
            "headroom": str(self.headroom) if self.headroom is not None else None,
            "notes": self.notes,
        }


def parse_context(text: str) -> Context:
    try:
        return Context(text)
    except ValueError:
        known = ", ".join(c.value for c in Context)
        raise DecisionInputError(f"unknown context {text!r} (known: {known})") from None


@dataclass(frozen=True)
class CreditTerms:
    """What a ``credit`` decision needs to apply a loan cap."""

    lender: str
    amount: Decimal
    currency: str = "USD"
    on: date | None = None  # the day the credit is extended (default: today)
    reference: str | None = None


def decide(
    matcher: Matcher,
    context: Context,
    parties: Sequence[Party],
    amount: Decimal | None = None,
    credit: CreditTerms | None = None,
    ledger: CreditLedger | None = None,
    ownership: OwnershipResult | None = None,
) -> Decision:
    """Decide ``context`` for ``parties`` against the matcher's lists.

    For ``credit`` under a loan cap, ``credit`` and ``ledger`` check the trailing window and
    record the loan only when it is allowed and nothing more severe binds."""
    if not parties:
        raise DecisionInputError("a decision needs at least one party")
    for value in (amount, credit.amount if credit else None):
        if value is not None and value < 0:
            raise DecisionInputError(f"amount must not be negative, not {value}")
    decision = Decision(context)
    for party in parties:
        if ownership is not None and party.id in ownership.blocked:
            _cite_ownership(decision, party, ownership.blocked[party.id])
        if party.role == "lender":
            continue  # the lender is the user's own institution, not screened here
        for match in matcher.match(party.query()):
            if not match.match:
                decision.reviews.append(_review(party, match))
                _raise(decision, Verdict.REVIEW)
                continue
            for designation in match.designations:
                _cite(decision, party, match, designation)
    if decision.verdict is Verdict.LIMIT:
        _apply_caps(decision, credit, ledger)
    return decision


def _apply_caps(
    decision: Decision, credit: CreditTerms | None, ledger: CreditLedger | None
) -> None:
    limits = [c for c in decision.binding if c.verdict is Verdict.LIMIT]
    if credit is None or ledger is None:
        decision.notes.append("loan cap applies: give the lender and amount to check the ledger")
        decision.verdict = Verdict.REVIEW  # the cap cannot be checked: not yet a LIMIT
        return
    for citation in limits:
        effect = rule_for(citation.measure_code).effect(decision.context)  # type: ignore[union-attr]
        assert effect is not None and effect.cap is not None and effect.window_days
        if credit.currency.upper() != (effect.cap_currency or "USD"):
            raise DecisionInputError(
                f"the {citation.measure_code} cap is in {effect.cap_currency}; "
                f"give the amount in {effect.cap_currency}, not {credit.currency}"
            )
        check = ledger.check_and_record(
            credit.lender,
            citation.entity_id,
            credit.amount,
            credit.currency.upper(),
            credit.on or date.today(),
            effect.cap,
            effect.window_days,
            credit.reference,
        )
        decision.headroom = check.headroom_after
        if not check.allowed:
            decision.verdict = Verdict.DENY
            decision.notes.append(
                f"{credit.lender} has extended {check.extended_before:,} {effect.cap_currency} "
                f"to {citation.entity_id} in the last {effect.window_days} days; "
                f"headroom {check.headroom_before:,} is less than {credit.amount:,}"
            )
            return
        decision.notes.append(
            f"recorded in the ledger (entry {check.recorded_id}); headroom now "
            f"{check.headroom_after:,} {effect.cap_currency}"
        )


def _review(party: Party, match: MatchResult) -> dict[str, object]:
    return {
        "party": {"role": party.role, "name": party.name},
        "entity_id": match.entity_id,
        "entity_name": match.caption,
        "score": round(match.score, 4),
        "reason": "possible match below the default threshold: an analyst must confirm",
    }


def _cite(decision: Decision, party: Party, match: MatchResult, designation: Designation) -> None:
    for binding in measures_of(designation):
        effect: Effect | None = binding.rule.effect(decision.context) if binding.rule else None
        if effect is None:
            decision.not_binding.append(
                {
                    "party": {"role": party.role, "name": party.name},
                    "entity_id": match.entity_id,
                    "list": designation.list_code.value,
                    "measure": binding.measure.code,
                    "label": binding.measure.label,
                    "reason": f"does not bind {decision.context.value}"
                    if binding.rule
                    else "not in the measure catalogue: review by hand",
                }
            )
            if binding.rule is None:
                _raise(decision, Verdict.REVIEW)
            continue
        decision.binding.append(
            Citation(
                party=party,
                entity_id=match.entity_id,
                entity_name=match.caption,
                score=match.score,
                authority=designation.authority.value,
                list_code=designation.list_code.value,
                programs=designation.programs,
                measure_code=binding.measure.code,
                measure_label=binding.measure.label,
                legal_basis=binding.measure.legal_basis or binding.rule.legal_basis,
                verdict=effect.verdict,
                action=effect.action,
                report=effect.report,
                from_list_default=binding.from_list_default,
                source=match.source,
                snapshot_hash=match.snapshot_hash,
                evidence=_match_evidence(match),
            )
        )
        _raise(decision, effect.verdict)


def _match_evidence(match: MatchResult) -> dict[str, object]:
    name = match.explanation.get("name", {})
    assert isinstance(name, dict)
    return {
        "score": round(match.score, 4),
        "matched_name": name.get("matched_name"),
        "aligned": name.get("aligned"),
        "evidence": match.explanation.get("evidence"),
    }


def _cite_ownership(decision: Decision, party: Party, block: DerivedBlock) -> None:
    rule = CATALOGUE[FIFTY_PERCENT_RULE]
    effect = rule.effect(decision.context)
    if effect is None:
        return
    paths = tuple(
        " → ".join(f"{owner} ({share:g}%)" for owner, _, share in path.steps) + f" → {party.id}"
        for path in block.paths
    )
    decision.binding.append(
        Citation(
            party=party,
            entity_id=party.id or party.name,
            entity_name=party.name,
            score=1.0,
            authority="OFAC",
            list_code="50% rule",
            programs=(),
            measure_code=rule.code,
            measure_label=f"{rule.name} (aggregate {block.aggregate_pct:g}%)",
            legal_basis=rule.legal_basis,
            verdict=effect.verdict,
            action=effect.action,
            report=effect.report,
            from_list_default=False,
            ownership_paths=paths,
        )
    )
    _raise(decision, effect.verdict)


def _raise(decision: Decision, verdict: Verdict) -> None:
    if verdict.severity > decision.verdict.severity:
        decision.verdict = verdict
