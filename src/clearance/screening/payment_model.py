"""The parsed form of a payment message: parties, free text, the error type, shared helpers.

Owns :class:`PaymentMessage`, :class:`PaymentParty`, :class:`FreeText` and
:class:`PaymentMessageError`, used by the ISO 20022 (:mod:`.iso20022`) and SWIFT MT
(:mod:`.mt103`) readers, plus the small value parsers both need (amounts, BICs, countries).
:mod:`.payments` is the public entry point and re-exports everything here.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from clearance.model.countries import country_code, country_codes_in

AGENT_ROLES = frozenset(
    {
        "debtor_agent",
        "creditor_agent",
        "intermediary_agent_1",
        "intermediary_agent_2",
        "intermediary_agent_3",
        "instructing_agent",
        "instructed_agent",
        "previous_instructing_agent_1",
        "previous_instructing_agent_2",
        "previous_instructing_agent_3",
        "instructing_reimbursement_agent",
        "instructed_reimbursement_agent",
        "ordering_institution",
        "account_with_institution",
        "sender",
        "receiver",
    }
)

_BIC = re.compile(r"^[A-Z0-9]{4}[A-Z]{2}[A-Z0-9]{2}(?:[A-Z0-9]{3})?$")
_AMOUNT = re.compile(r"^\d{1,18}(?:\.\d{0,18})?$")
_NEGATIVE = re.compile(r"^-\s*\d")


class PaymentMessageError(Exception):
    """A payment message that cannot be read, located by file and line (XML) or field (MT)."""

    def __init__(
        self, path: str, where: int | str | None, reason: str, line: int | None = None
    ) -> None:
        self.path = path
        self.field = where if isinstance(where, str) else None
        self.line = where if isinstance(where, int) else line
        self.reason = reason
        super().__init__(str(self))

    def __str__(self) -> str:
        if self.field is not None:
            where = f" field {self.field}"
            if self.line is not None:
                where += f" (line {self.line})"
        elif self.line is not None:
            where = f" line {self.line}"
        else:
            where = ""
        return f"{self.path}{where}: {self.reason}"

    def __reduce__(self) -> tuple[object, ...]:
        return (PaymentMessageError, (self.path, self.field or self.line, self.reason, self.line))


@dataclass(frozen=True)
class PaymentParty:
    """One party or agent named in a payment, with where in the message it came from."""

    role: str
    field: str
    name: str | None
    bic: str | None
    address: tuple[str, ...]
    country: str | None
    account: str | None
    identifiers: tuple[str, ...]
    schema: str


@dataclass(frozen=True)
class FreeText:
    """Unstructured text to screen: remittance information, purpose, agent instructions."""

    field: str
    text: str


@dataclass(frozen=True)
class PaymentMessage:
    """A payment message reduced to what screening needs."""

    kind: str
    message_id: str | None
    amount: Decimal | None
    currency: str | None
    value_date: date | None
    parties: tuple[PaymentParty, ...]
    free_text: tuple[FreeText, ...]
    transactions: int


def clean(text: str | None) -> str | None:
    """Collapse whitespace; ``None`` for empty text."""
    if text is None:
        return None
    text = " ".join(text.split())
    return text or None


def valid_bic(text: str | None) -> str | None:
    """The BIC in upper case if ``text`` is one (8 or 11 characters), else ``None``."""
    text = clean(text)
    if text is None:
        return None
    text = text.upper()
    return text if _BIC.match(text) else None


def parse_amount(text: str | None, decimal_comma: bool = False) -> Decimal:
    """A non-negative decimal amount; raises ``ValueError`` with the reason otherwise."""
    raw = (text or "").strip()
    if _NEGATIVE.match(raw):
        raise ValueError(f"negative amount {raw!r}")
    value = raw.replace(",", ".") if decimal_comma else raw
    if not _AMOUNT.match(value):
        raise ValueError(f"amount {raw!r} is not a number")
    return Decimal(value)


def parse_currency(text: str | None) -> str:
    """A three-letter currency code in upper case; raises ``ValueError`` otherwise."""
    raw = (text or "").strip()
    if not re.fullmatch(r"[A-Za-z]{3}", raw):
        raise ValueError(f"currency {raw!r} is not a three-letter code")
    return raw.upper()


def country_of_code(text: str | None) -> str | None:
    """An ISO alpha-2 code (any case) → lower case, if it is a known country."""
    raw = clean(text)
    if raw is None or len(raw) != 2 or not raw.isalpha():
        return None
    return country_code(raw)


def resolve_country(
    explicit: tuple[str | None, ...], bic: str | None, address: tuple[str, ...]
) -> str | None:
    """The party's country: explicit codes first, then the BIC's country, then address text."""
    for code in explicit:
        found = country_of_code(code)
        if found:
            return found
    if bic:
        found = country_of_code(bic[4:6])
        if found:
            return found
    if address:
        found_in = country_codes_in(", ".join(address))
        if found_in:
            return found_in[0]
    return None


def party_schema(role: str, person: bool, organization: bool) -> str:
    """FtM schema for a party: agents and OrgId holders are organizations."""
    if role in AGENT_ROLES:
        return "Organization"
    if person:
        return "Person"
    if organization:
        return "Organization"
    return "LegalEntity"
