"""The loan-cap ledger: credit extended per (lender, borrower) under CAATSA §235(a)(3).

Loans from any one US financial institution to a §235(a)(3) borrower may not exceed the cap
(USD 10,000,000) in any 12 months, counted regardless of repayment (OFAC FAQ 870): the
ledger sums every loan recorded in the trailing window and never subtracts repayments.
``check_and_record`` is atomic: it first takes the (lender, borrower) lock row (an UPDATE,
which serialises writers on SQLite and PostgreSQL alike), then sums and records in the same
transaction, so two concurrent requests can never together pass the cap.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from decimal import Decimal

from sqlalchemy import Engine, func, insert, select, update

from clearance.store.dialect import insert_ignore
from clearance.store.schema import credit_ledger, ledger_locks


@dataclass(frozen=True)
class LoanCheck:
    allowed: bool
    extended_before: Decimal  # in the window, before this loan
    headroom_before: Decimal
    headroom_after: Decimal  # after this loan if allowed, else unchanged
    recorded_id: int | None


class CreditLedger:
    def __init__(self, engine: Engine) -> None:
        self.engine = engine

    def extended(self, lender: str, borrower: str, on: date, window_days: int) -> Decimal:
        """Credit recorded from lender to borrower in the window ending on ``on``."""
        with self.engine.connect() as connection:
            return _window_total(connection, lender, borrower, on, window_days)

    def check_and_record(
        self,
        lender: str,
        borrower: str,
        amount: Decimal,
        currency: str,
        on: date,
        cap: Decimal,
        window_days: int,
        reference: str | None = None,
    ) -> LoanCheck:
        """Record the loan if it keeps the pair within the cap; never records otherwise."""
        if amount <= 0:
            raise ValueError(f"a loan amount must be positive, not {amount}")
        with self.engine.begin() as connection:
            connection.execute(
                insert_ignore(connection, ledger_locks),
                {"lender": lender, "borrower": borrower, "version": 0},
            )
            connection.execute(
                update(ledger_locks)
                .where(ledger_locks.c.lender == lender, ledger_locks.c.borrower == borrower)
                .values(version=ledger_locks.c.version + 1)
            )
            before = _window_total(connection, lender, borrower, on, window_days)
            headroom = max(Decimal(0), cap - before)
            if amount > headroom:
                return LoanCheck(False, before, headroom, headroom, None)
            recorded = connection.execute(
                insert(credit_ledger).returning(credit_ledger.c.id),
                {
                    "lender": lender,
                    "borrower": borrower,
                    "amount": amount,
                    "currency": currency,
                    "extended_on": on,
                    "recorded_at": datetime.now(UTC),
                    "reference": reference,
                },
            ).scalar_one()
            return LoanCheck(True, before, headroom, headroom - amount, recorded)


def _window_total(connection, lender: str, borrower: str, on: date, window_days: int) -> Decimal:  # type: ignore[no-untyped-def]
    start = on - timedelta(days=window_days)
    total = connection.execute(
        select(func.coalesce(func.sum(credit_ledger.c.amount), 0)).where(
            credit_ledger.c.lender == lender,
            credit_ledger.c.borrower == borrower,
            credit_ledger.c.extended_on > start,
            credit_ledger.c.extended_on <= on,
        )
    ).scalar_one()
    return Decimal(str(total))
