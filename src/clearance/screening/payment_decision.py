"""Deciding a payment message: every party and every free-text field, screened together.

Each party the message names (debtor, creditor, ultimate parties, agents) becomes a decision
party whose role names the message field it came from (an agent known only by its BIC is
looked up among the listed identifiers), so a citation says where the listed
party sits ("ultimate_creditor CdtTrfTxInf/UltmtCdtr"). Free text (remittance information,
MT :70:/:72:) is scanned for listed names: a listed name whose parts all appear close
together in the text joins the decision as a party of that field.
"""

from __future__ import annotations

from clearance.enforcement.decide import Decision, Party, decide
from clearance.enforcement.measures import Context
from clearance.matching import Matcher
from clearance.matching.align import align
from clearance.matching.forms import name_forms
from clearance.names import canonical_token, phonetic_key
from clearance.screening.payment_model import FreeText, PaymentMessage

MENTION_CANDIDATES = 20
MENTION_COVERAGE = 0.9  # share of the listed name's (rarity-weighted) parts found in the text
MENTION_SIMILARITY = 0.85  # weakest aligned pair


def message_parties(matcher: Matcher, message: PaymentMessage) -> list[Party]:
    """The message's parties as decision parties.

    A party with a name is screened by name (with its BIC as an identifier). A party known
    only by its BIC is looked up among the listed identifiers: a listed BIC becomes a party
    under the listed name, an unlisted one needs no name screening."""
    parties = []
    for party in message.parties:
        role = f"{party.role} {party.field}"
        if party.name:
            parties.append(
                Party(party.name, role, party.schema, country=party.country, id_number=party.bic)
            )
            continue
        if not party.bic:
            continue
        for position in matcher.index.with_identifier(party.bic):
            listed = matcher.index.entities[position]
            parties.append(Party(listed.caption, role, listed.schema, id_number=party.bic))
    return parties


def text_mentions(matcher: Matcher, text: FreeText) -> list[Party]:
    """Listed names mentioned in a free-text field, as parties of that field.

    The whole text is one candidate query; a listed name counts as mentioned when all of its
    (rarity-weighted) name parts align closely with words of the text, within a span no
    longer than the name plus two words. The mention then joins the decision under the
    listed name, so it is scored and cited like any other party."""
    forms = name_forms(text.text, "LegalEntity")
    if not forms:
        return []
    index = matcher.index
    keys = {key for token in forms[0].tokens for key in _keys(token)}
    found: list[Party] = []
    for position, pairs in index.candidates(forms, MENTION_CANDIDATES, min_share=0.0):
        for form_id, query_index in pairs:
            name = index.forms[form_id]
            if name.is_weak or len(name.tokens) < 2:
                continue
            if not all(keys.intersection(_keys(token)) for token in name.tokens):
                continue  # a name part has no spelling or phonetic counterpart in the text
            if _mentioned(forms[query_index].tokens, name.tokens, matcher):
                entity = index.entities[position]
                found.append(Party(entity.caption, f"mentioned in {text.field}", entity.schema))
                break
    return found


def _keys(token: str) -> tuple[str, str]:
    return canonical_token(token), "p:" + phonetic_key(token)


def _mentioned(text: tuple[str, ...], name: tuple[str, ...], matcher: Matcher) -> bool:
    weight = matcher.stats.weight
    alignment = align(text, name, tuple(map(weight, text)), tuple(map(weight, name)))
    if alignment.coverage_name < MENTION_COVERAGE or alignment.weakest < MENTION_SIMILARITY:
        return False
    positions = [i for i, token in enumerate(text) if token not in alignment.unaligned_query]
    return bool(positions) and positions[-1] - positions[0] < len(name) + 2


def decide_message(matcher: Matcher, message: PaymentMessage) -> Decision:
    """The ``payment`` decision for a whole message."""
    parties = message_parties(matcher, message)
    for text in message.free_text:
        parties.extend(text_mentions(matcher, text))
    decision = decide(matcher, Context.PAYMENT, parties, amount=message.amount)
    decision.notes.insert(
        0,
        f"{message.kind} {message.message_id or ''}: {len(message.parties)} parties, "
        f"{len(message.free_text)} free-text fields screened".replace("  ", " "),
    )
    return decision
