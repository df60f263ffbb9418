"""The loan-cap ledger under concurrency, on SQLite and PostgreSQL."""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor
from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest
from tests.conftest import fresh_store_url

from clearance.enforcement.ledger import CreditLedger
from clearance.store import Store

CAP = Decimal("10000000")


@pytest.fixture(params=["sqlite", "postgresql"])
def ledger(request: pytest.FixtureRequest, tmp_path: Path) -> CreditLedger:
    return CreditLedger(Store(fresh_store_url(request.param, tmp_path)).engine)


def test_parallel_requests_never_pass_the_cap_together(ledger: CreditLedger) -> None:
    def request(_: int) -> bool:
        check = ledger.check_and_record(
            "US Bank A", "ofac-27016", Decimal("2000000"), "USD", date(2021, 3, 1), CAP, 365
        )
        return check.allowed

    with ThreadPoolExecutor(max_workers=8) as pool:
        results = list(pool.map(request, range(16)))
    assert results.count(True) == 5
    assert ledger.extended("US Bank A", "ofac-27016", date(2021, 3, 1), 365) == CAP


def test_a_refused_loan_records_nothing(ledger: CreditLedger) -> None:
    on = date(2021, 3, 1)
    assert ledger.check_and_record("L", "B", Decimal("9000000"), "USD", on, CAP, 365).allowed
    refused = ledger.check_and_record("L", "B", Decimal("1000001"), "USD", on, CAP, 365)
    assert not refused.allowed and refused.recorded_id is None
    assert refused.headroom_before == Decimal("1000000")
    assert ledger.extended("L", "B", on, 365) == Decimal("9000000")
    with pytest.raises(ValueError, match="must be positive"):
        ledger.check_and_record("L", "B", Decimal("-1"), "USD", on, CAP, 365)
