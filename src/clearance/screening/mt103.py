"""SWIFT MT103 (single customer credit transfer) in FIN block format.

Owns the MT side of :func:`clearance.screening.payments.parse_payment`. Reads blocks
``{1:}`` (basic header: the sender's logical terminal for input messages, the receiver's for
output ones), ``{2:}`` (application header: message type and the other BIC), ``{3:}`` and
``{4: ... -}`` (the fields). Text block fields are ``:TAG:`` lines with continuation lines.

Roles: 50a ordering customer → ``debtor``, 52a → ``ordering_institution``, 53a →
``instructing_reimbursement_agent``, 54a → ``instructed_reimbursement_agent``, 56a →
``intermediary_agent_1``, 57a → ``account_with_institution``, 59a → ``creditor``; the
block 1/2 BICs → ``sender`` / ``receiver``. Option A carries a BIC, options D/K/F/no letter a
name and address, B a location, C an account only; a first line starting with ``/`` is the
account (or party identifier). :70:, :72:, :77B: and :23E: are free text.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from clearance.screening.payment_model import (
    FreeText,
    PaymentMessage,
    PaymentMessageError,
    PaymentParty,
    clean,
    parse_amount,
    parse_currency,
    party_schema,
    resolve_country,
    valid_bic,
)

UNKNOWN = "not a pacs.008, pain.001 or MT103 message"
_FIELD = re.compile(r"^:(\d{2}[A-Z]?):(.*)$")
_32A = re.compile(r"^(\d{6})([A-Za-z]{3})(.*)$")
_ROLES = {
    "50": "debtor",
    "52": "ordering_institution",
    "53": "instructing_reimbursement_agent",
    "54": "instructed_reimbursement_agent",
    "56": "intermediary_agent_1",
    "57": "account_with_institution",
    "59": "creditor",
}
_FREE = ("23E", "70", "72", "77B")
_PERSON_IDS = ("ARNU", "CCPT", "DRLC", "EMPL", "NIDN", "SOSE", "IBEI")
_ORG_IDS = ("CUST", "TXID")


@dataclass
class _Field:
    tag: str
    line: int
    lines: list[str]


class _Reader:
    def __init__(self, text: str, name: str) -> None:
        self.text = text
        self.name = name

    def fail(self, tag: str | None, line: int | None, reason: str) -> PaymentMessageError:
        return PaymentMessageError(self.name, f":{tag}:" if tag else line, reason, line)

    def line_of(self, pos: int) -> int:
        return self.text.count("\n", 0, pos) + 1

    def block(self, number: str) -> str | None:
        match = re.search(r"\{" + number + r":([^{}]*)\}", self.text[: self.body_start()])
        return match.group(1) if match else None

    def body_start(self) -> int:
        pos = self.text.find("{4:")
        return pos if pos >= 0 else len(self.text)

    # blocks -------------------------------------------------------------------------------

    def headers(self) -> list[PaymentParty]:
        b1, b2 = self.block("1"), self.block("2")
        if b2 is not None and not re.match(r"^[IO]103", b2):
            raise self.fail(None, self.line_of(self.text.find("{2:")), UNKNOWN)
        own = valid_bic(b1[3:11] + b1[12:15]) if b1 and len(b1) >= 15 else None
        found: list[tuple[str, str, str | None]] = []
        if b2 and b2.startswith("O"):
            other = valid_bic(b2[14:22] + b2[23:26]) if len(b2) >= 26 else None
            found = [("sender", "{2:}", other), ("receiver", "{1:}", own)]
        else:
            other = valid_bic(b2[4:12] + b2[13:16]) if b2 and len(b2) >= 16 else None
            found = [("sender", "{1:}", own), ("receiver", "{2:}", other)]
        return [self.bic_party(role, field, bic) for role, field, bic in found if bic]

    def bic_party(self, role: str, field: str, bic: str) -> PaymentParty:
        return PaymentParty(
            role=role,
            field=field,
            name=None,
            bic=bic,
            address=(),
            country=resolve_country((), bic, ()),
            account=None,
            identifiers=(),
            schema="Organization",
        )

    def fields(self) -> list[_Field]:
        start = self.text.find("{4:")
        if start < 0:
            if self.text.lstrip().startswith(":20:"):
                return self.split_fields(self.text, 1, require_end=False)
            raise self.fail(None, 1, "MT message has no text block {4:")
        return self.split_fields(self.text[start + 3 :], self.line_of(start), require_end=True)

    def split_fields(self, body: str, first_line: int, require_end: bool) -> list[_Field]:
        fields: list[_Field] = []
        ended = False
        for offset, raw in enumerate(body.split("\n")):
            line = raw.rstrip("\r")
            number = first_line + offset
            if line.startswith("-}") or (require_end and line.strip() == "-}"):
                ended = True
                break
            match = _FIELD.match(line)
            if match:
                fields.append(_Field(match.group(1), number, [match.group(2)]))
            elif fields:
                fields[-1].lines.append(line)
            elif line.strip():
                raise self.fail(None, number, f"text before the first field: {line.strip()!r}")
        if require_end and not ended:
            last = fields[-1] if fields else None
            raise self.fail(
                last.tag if last else None,
                first_line + body.count("\n"),
                "truncated message: block 4 has no '-}' end",
            )
        return fields

    # fields -------------------------------------------------------------------------------

    def party(self, field: _Field) -> PaymentParty:
        tag = field.tag
        role = _ROLES[tag[:2]]
        option = tag[2:]
        lines = [s for raw in field.lines if (s := raw.strip())]
        account = None
        identifiers: list[str] = []
        person = organization = False
        if lines and lines[0].startswith("/"):
            account = _account(lines.pop(0))
        elif option == "F" and lines and re.match(r"^[A-Z]{4}/", lines[0]):
            code, _, rest = lines.pop(0).partition("/")
            identifiers.append(rest.split("/", 1)[-1] if "/" in rest else rest)
            person = code in _PERSON_IDS
            organization = code in _ORG_IDS
        name = bic = None
        address: list[str] = []
        ctry: str | None = None
        if option == "A":
            bic = valid_bic(lines[0]) if lines else None
            if bic is None:
                raise self.fail(tag, field.line, "option A needs a BIC")
        elif option == "C":
            pass
        elif option == "F":
            name, address, ctry, born = _structured(lines)
            person = person or born
        elif option == "B":
            address = lines
        else:
            name = lines[0] if lines else None
            address = lines[1:]
        if role in ("debtor", "creditor") and name is None and bic is None and account is None:
            raise self.fail(tag, field.line, "no name, BIC or account")
        return PaymentParty(
            role=role,
            field=f":{tag}:",
            name=clean(name),
            bic=bic,
            address=tuple(address),
            country=resolve_country((ctry,), bic, tuple(address)),
            account=account,
            identifiers=tuple(identifiers),
            schema=party_schema(role, person, organization or bic is not None),
        )

    def value(self, field: _Field) -> tuple[date, str, Decimal]:
        raw = "".join(s.strip() for s in field.lines)
        match = _32A.match(raw)
        if not match:
            raise self.fail(field.tag, field.line, f"{raw!r} is not YYMMDD, currency, amount")
        yymmdd, ccy, amount = match.groups()
        try:
            when = date(2000 + int(yymmdd[:2]), int(yymmdd[2:4]), int(yymmdd[4:]))
        except ValueError:
            raise self.fail(field.tag, field.line, f"{yymmdd!r} is not a date") from None
        try:
            return when, parse_currency(ccy), parse_amount(amount, decimal_comma=True)
        except ValueError as exc:
            raise self.fail(field.tag, field.line, str(exc)) from None

    def instructed(self, field: _Field) -> None:
        raw = "".join(s.strip() for s in field.lines)
        try:
            parse_currency(raw[:3])
            parse_amount(raw[3:], decimal_comma=True)
        except ValueError as exc:
            raise self.fail(field.tag, field.line, str(exc)) from None

    def message(self) -> PaymentMessage:
        parties = self.headers()
        fields = self.fields()
        by_tag = {f.tag: f for f in fields}
        end_line = fields[-1].line if fields else self.line_of(len(self.text))
        for tag, what in (("20", "reference"), ("32A", "value date/amount")):
            if tag not in by_tag:
                raise self.fail(tag, end_line, f"MT103 has no :{tag}: {what} field")
        for prefix, what in (("50", "ordering customer"), ("59", "beneficiary")):
            if not any(f.tag[:2] == prefix for f in fields):
                raise self.fail(f"{prefix}a", end_line, f"MT103 has no {what} (:{prefix}a:)")
        when, currency, amount = self.value(by_tag["32A"])
        free: list[FreeText] = []
        for field in fields:
            if field.tag[:2] in _ROLES:
                parties.append(self.party(field))
            elif field.tag == "33B":
                self.instructed(field)
            elif field.tag in _FREE and (text := clean(" ".join(field.lines))):
                free.append(FreeText(f":{field.tag}:", text))
        return PaymentMessage(
            kind="MT103",
            message_id=clean(" ".join(by_tag["20"].lines)),
            amount=amount,
            currency=currency,
            value_date=when,
            parties=tuple(parties),
            free_text=tuple(free),
            transactions=1,
        )


def _account(line: str) -> str | None:
    """``/DE89...``, ``/D/123`` or ``//FW123`` → the account or party identifier."""
    body = line[1:]
    if re.match(r"^[CD]/", body):
        body = body[2:]
    return clean(body.lstrip("/"))


def _structured(lines: list[str]) -> tuple[str | None, list[str], str | None, bool]:
    """50F/59F numbered lines → name, address lines, country code, has birth details."""
    names: list[str] = []
    address: list[str] = []
    country = None
    born = False
    last: list[str] | None = None
    for line in lines:
        number, _, rest = line.partition("/")
        rest = rest.strip()
        if number == "1":
            names.append(rest)
            last = names
        elif number == "2":
            address.append(rest)
            last = address
        elif number == "3":
            code, _, town = rest.partition("/")
            country = country or code
            address.append(" ".join(t for t in (town.strip(), code.strip()) if t))
            last = address
        elif number in ("4", "5"):
            born = True
            last = None
        elif number == "8" and last:
            last[-1] = f"{last[-1]} {rest}"
        else:
            last = None
    return (" ".join(names) or None), address, country, born


def looks_like_mt(text: str) -> bool:
    """True when ``text`` starts like a SWIFT FIN message (a block or a :20: field)."""
    head = text.lstrip()
    return head.startswith(("{1:", "{2:", "{4:", ":20:"))


def parse_mt103(text: str, name: str) -> PaymentMessage:
    """Parse an MT103 in FIN block format (or a bare text block starting with :20:)."""
    return _Reader(text, name).message()
