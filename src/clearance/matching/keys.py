"""Screening keys: the index keys a name can meet, for finding who a list change could touch.

A name's keys are the exact (``t:``) and phonetic (``p:``) keys of the tokens of every form
the index would give it, the same keys candidate generation looks up. Two names that share
no key cannot become candidates for each other by exact, spelling-class or phonetic token
agreement, so continuous monitoring re-screens only the customers whose keys meet the keys of
the entities a list update added or changed.
"""

from __future__ import annotations

from collections.abc import Iterable

from clearance.matching.evidence import EntityFacts
from clearance.matching.forms import name_forms
from clearance.model import Entity, Name
from clearance.names import canonical_token, phonetic_key

MIN_PHONETIC_KEY = 3


def screening_keys(name: str, schema: str = "LegalEntity") -> set[str]:
    keys: set[str] = set()
    for form in name_forms(name, schema):
        for token in form.tokens:
            keys.add("t:" + canonical_token(token))
            phonetic = phonetic_key(token)
            if len(phonetic) >= MIN_PHONETIC_KEY:
                keys.add("p:" + phonetic)
    return keys


def affected_keys(before: Entity | None, after: Entity) -> set[str]:
    """The keys of the names through which a list change could alter a customer's match.

    A new entity, or one whose evidence (birth dates, countries, gender, identifiers) or
    schema changed, can score differently against anyone sharing a key with any of its
    names; otherwise only its new names (a new alias) can bring new matches. A change that
    touches neither (an address in the same country, a program, a remark) yields no key."""
    if (
        before is None
        or before.schema != after.schema
        or EntityFacts.of(before) != EntityFacts.of(after)
    ):
        names = after.names
    else:
        known = {(n.value, n.kind) for n in before.names}
        names = tuple(n for n in after.names if (n.value, n.kind) not in known)
    return _keys_of(names, after.schema.value)


def freed_keys(before: Entity, after: Entity | None) -> set[str]:
    """The keys of names a change took away (all of a removed entity's names).

    Candidate generation keeps the best few candidates per query, so a name leaving the list
    can make room for another, unchanged entity: customers sharing these keys need a full
    re-screen, not one restricted to the changed entities."""
    if after is None:
        names = before.names
    else:
        kept = {(n.value, n.kind) for n in after.names}
        names = tuple(n for n in before.names if (n.value, n.kind) not in kept)
    return _keys_of(names, before.schema.value)


def _keys_of(names: Iterable[Name], schema: str) -> set[str]:
    keys: set[str] = set()
    for name in names:
        keys |= screening_keys(name.value, schema)
    return keys
