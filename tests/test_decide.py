"""Decisions for the 2020 CAATSA case on the real lists (OFAC SDN 2021 + consolidated 2025)."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest
from tests.conftest import shared_path

from clearance.enforcement.decide import (
    CreditTerms,
    Decision,
    DecisionInputError,
    Party,
    decide,
    parse_context,
)
from clearance.enforcement.ledger import CreditLedger
from clearance.enforcement.measures import Context, Verdict, is_blocking
from clearance.enforcement.ownership import OwnershipRecord, derive_blocked
from clearance.matching import Matcher
from clearance.sources import open_list
from clearance.store import Store


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


def test_credit_without_terms_asks_for_them(matcher: Matcher) -> None:
    decision = decide(
        matcher,
        Context.CREDIT,
        [Party("Presidency of Defense Industries", "borrower", "Organization")],
        amount=Decimal("6000000"),
    )
    assert decision.verdict is Verdict.REVIEW
    assert [c.measure_code for c in decision.binding] == ["CAATSA-235(a)(3)"]
    assert "loan cap applies" in decision.notes[0]


def test_loan_cap_per_lender_over_twelve_months(matcher: Matcher, tmp_path: Path) -> None:
    ledger = CreditLedger(Store(str(tmp_path / "ledger.db")).engine)
    ssb = [Party("Presidency of Defense Industries", "borrower", "Organization")]

    def loan(lender: str, millions: int, on: date) -> Decision:
        terms = CreditTerms(lender, Decimal(millions * 1_000_000), "USD", on)
        return decide(matcher, Context.CREDIT, ssb, credit=terms, ledger=ledger)

    first = loan("US Bank A", 6, date(2021, 1, 10))
    assert first.verdict is Verdict.LIMIT and first.headroom == Decimal("4000000")
    # repaid or not, the first loan still counts (OFAC FAQ 870): the ledger never subtracts
    second = loan("US Bank A", 5, date(2021, 6, 1))
    assert second.verdict is Verdict.DENY and second.headroom == Decimal("4000000")
    assert "headroom 4,000,000" in second.notes[0]
    assert loan("US Bank B", 5, date(2021, 6, 1)).verdict is Verdict.LIMIT
    assert loan("US Bank A", 5, date(2022, 1, 11)).verdict is Verdict.LIMIT  # window passed
    assert ledger.extended("US Bank A", "ofac-27016", date(2021, 6, 1), 365) == Decimal("6000000")


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


def test_fifty_percent_rule_in_decisions(matcher: Matcher) -> None:
    records = [
        OwnershipRecord("ofac-27018", "cust-acme", 30.0),
        OwnershipRecord("ofac-30685", "cust-acme", 25.0),
        OwnershipRecord("ofac-27016", "cust-ssb-sub", 60.0),
    ]
    blocked = [e.id for e in matcher.index.entities if is_blocking(e.designations)]
    ownership = derive_blocked(records, blocked)
    acme = Party("Acme Savunma Teknolojileri AS", "creditor", "Company", id="cust-acme")
    decision = decide(matcher, Context.PAYMENT, [acme], ownership=ownership)
    assert decision.verdict is Verdict.BLOCK
    (citation,) = [c for c in decision.binding if c.measure_code == "OFAC-50-PERCENT-RULE"]
    assert "aggregate 55%" in citation.measure_label
    assert sorted(citation.ownership_paths) == [
        "ofac-27018 (30%) → cust-acme",
        "ofac-30685 (25%) → cust-acme",
    ]
    ssb_sub = Party("Savunma Alt Yuklenici Ltd", "creditor", "Company", id="cust-ssb-sub")
    assert decide(matcher, Context.PAYMENT, [ssb_sub], ownership=ownership).verdict is (
        Verdict.CLEAR
    )
