"""Deciding a payment message: every party and every free-text field, screened together.

Each party the message names (debtor, creditor, ultimate parties, agents) becomes a decision
party whose role names the message field it came from, so a citation says where the listed
party sits ("ultimate_creditor CdtTrfTxInf/UltmtCdtr"). Free text (remittance information,
MT :70:/:72:) is scanned for listed names: every run of two to four words is screened, and a
run that matches at the default threshold joins the decision as a party of that field.
"""

from __future__ import annotations

import re

from clearance.enforcement.decide import Decision, Party, decide
from clearance.enforcement.measures import Context
from clearance.matching import Matcher, Query
from clearance.screening.payment_model import FreeText, PaymentMessage

WINDOW_SIZES = (2, 3, 4)
_WORD = re.compile(r"[^\W\d_][\w'’.-]*", re.UNICODE)


def message_parties(message: PaymentMessage) -> list[Party]:
    """The message's parties as decision parties (an agent without a name: by its BIC)."""
    parties = []
    for party in message.parties:
        name = party.name or party.bic
        if not name:
            continue
        parties.append(
            Party(
                name=name,
                role=f"{party.role} {party.field}",
                schema=party.schema,
                country=party.country,
            )
        )
    return parties


def text_mentions(matcher: Matcher, text: FreeText) -> list[Party]:
    """Listed names mentioned in a free-text field, as parties of that field."""
    words = _WORD.findall(text.text)
    seen: set[str] = set()
    found: list[Party] = []
    for size in WINDOW_SIZES:
        for start in range(len(words) - size + 1):
            phrase = " ".join(words[start : start + size])
            if phrase.casefold() in seen:
                continue
            seen.add(phrase.casefold())
            if any(r.match for r in matcher.match(Query(phrase), limit=1)):
                found.append(Party(phrase, f"mentioned in {text.field}"))
    return found


def decide_message(matcher: Matcher, message: PaymentMessage) -> Decision:
    """The ``payment`` decision for a whole message."""
    parties = message_parties(message)
    for text in message.free_text:
        parties.extend(text_mentions(matcher, text))
    decision = decide(matcher, Context.PAYMENT, parties, amount=message.amount)
    decision.notes.insert(
        0,
        f"{message.kind} {message.message_id or ''}: {len(message.parties)} parties, "
        f"{len(message.free_text)} free-text fields screened".replace("  ", " "),
    )
    return decision
