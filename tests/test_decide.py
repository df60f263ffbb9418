"""Decisions for the 2020 CAATSA case on the real lists (OFAC SDN 2021 + consolidated 2025)."""

from __future__ import annotations

from decimal import Decimal

import pytest
from tests.conftest import shared_path

from clearance.enforcement.decide import DecisionInputError, Party, decide, parse_context
from clearance.enforcement.measures import Context, Verdict
from clearance.matching import Matcher
from clearance.sources import open_list


@pytest.fixture(scope="module")
def matcher() -> Matcher:
    entities = []
    for parts in (("lists", "ofac-sdn-2021"), ("lists", "ofac-cons-2025")):
        entities.extend(open_list(shared_path(*parts)).entities)
    return Matcher.from_entities(entities)


def test_payment_to_ssb_is_not_blocked(matcher: Matcher) -> None:
    decision = decide(
        matcher,
        Context.PAYMENT,
        [Party("Presidency of Defence Industries", "creditor", "Organization", country="TR")],
    )
    assert decision.verdict is Verdict.CLEAR
    assert not decision.binding
    not_binding = {n["measure"] for n in decision.not_binding if n["entity_id"] == "ofac-27016"}
    assert "CAATSA-235(a)(2)" in not_binding
    assert all(n["list"] == "NS-MBS" for n in decision.not_binding)


def test_payment_to_demir_is_blocked_and_reported(matcher: Matcher) -> None:
    decision = decide(
        matcher,
        Context.PAYMENT,
        [Party("İsmail Demir", "creditor", "Person", birth_date="1960")],
    )
    assert decision.verdict is Verdict.BLOCK
    codes = {c.measure_code for c in decision.binding if c.entity_id == "ofac-27018"}
    assert {"OFAC-SDN-BLOCKING", "CAATSA-235(a)(9)"} <= codes
    blocking = next(c for c in decision.binding if c.measure_code == "CAATSA-235(a)(9)")
    assert blocking.list_code == "SDN" and "10 business days" in (blocking.report or "")
    assert decision.to_dict()["decision"] == "BLOCK"


@pytest.mark.parametrize(
    ("context", "party", "measure"),
    [
        (Context.EXPORT_LICENCE, Party("SSB", "applicant", "Organization"), None),
        (
            Context.EXPORT_LICENCE,
            Party("Presidency of Defense Industries", "end_user", "Organization"),
            "CAATSA-235(a)(2)",
        ),
        (Context.VISA, Party("Faruk Yigit", "applicant", "Person"), "CAATSA-235(a)(11)"),
        (
            Context.EXIM_ASSISTANCE,
            Party("PRESIDENCY OF DEFENSE INDUSTRIES", "beneficiary", "Organization"),
            "CAATSA-235(a)(1)",
        ),
    ],
)
def test_menu_measures_deny_in_their_context(
    matcher: Matcher, context: Context, party: Party, measure: str | None
) -> None:
    decision = decide(matcher, context, [party])
    if measure is None:  # "SSB" alone is only a weak alias: no automatic denial
        assert decision.verdict in (Verdict.CLEAR, Verdict.REVIEW)
        return
    assert decision.verdict is Verdict.DENY
    assert measure in {c.measure_code for c in decision.binding}


def test_credit_to_ssb_is_limited(matcher: Matcher) -> None:
    decision = decide(
        matcher,
        Context.CREDIT,
        [Party("Presidency of Defense Industries", "borrower", "Organization")],
        amount=Decimal("6000000"),
    )
    assert decision.verdict is Verdict.LIMIT
    assert [c.measure_code for c in decision.binding] == ["CAATSA-235(a)(3)"]


def test_namesake_born_later_is_clear(matcher: Matcher) -> None:
    decision = decide(
        matcher, Context.PAYMENT, [Party("Ismail Demir", "creditor", "Person", birth_date="1985")]
    )
    assert decision.verdict in (Verdict.CLEAR, Verdict.REVIEW)
    assert not decision.binding


def test_bad_requests() -> None:
    with pytest.raises(DecisionInputError, match="unknown context 'wire'"):
        parse_context("wire")
    with pytest.raises(DecisionInputError, match="at least one party"):
        decide(None, Context.PAYMENT, [])  # type: ignore[arg-type]
    with pytest.raises(DecisionInputError, match="must not be negative"):
        decide(None, Context.CREDIT, [Party("x")], amount=Decimal("-1"))  # type: ignore[arg-type]
