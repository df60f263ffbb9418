"""Name normalisation, transliteration and parsing for screening.

Everything the matching engine compares about a name comes from here:

- :func:`fold` — the comparable Latin form of any text (``[a-z0-9 ]``, idempotent).
- :func:`romanisations` — every common romanisation of a non-Latin name, folded.
- :func:`parse_name` → :class:`ParsedName` — tokens in canonical order, variants, titles,
  legal form, organisation words, particles, initials, vessel prefix, script.
- :func:`phonetic_key` — a cross-script consonant key of one token.
- :func:`equivalent_forms` / :func:`canonical_token` — nicknames and cross-language forms /
  the representative of a common spelling class.
- :func:`number_words` — digits ↔ number words.
- :func:`given_name_syllables` — the syllables of each Chinese or Korean given name, which
  must align together.

This package imports only :mod:`clearance.model` (for script detection when available).
"""

from clearance.names.equivalents import canonical_token, equivalent_forms
from clearance.names.fold import fold
from clearance.names.numbers import number_words
from clearance.names.orgs import LEGAL_FORM_CLASSES, ORG_TERMS
from clearance.names.parts import (
    PARTICLES,
    PERSON_TITLES,
    ParsedName,
    legal_forms_conflict,
    parse_name,
)
from clearance.names.phonetic import phonetic_key
from clearance.names.translit import given_name_syllables, romanisations

STOPWORDS: frozenset[str] = frozenset({"and", "of", "the", "for", "in", "de", "la", "du", "des"})

__all__ = [
    "LEGAL_FORM_CLASSES",
    "ORG_TERMS",
    "PARTICLES",
    "PERSON_TITLES",
    "STOPWORDS",
    "ParsedName",
    "canonical_token",
    "equivalent_forms",
    "fold",
    "given_name_syllables",
    "legal_forms_conflict",
    "number_words",
    "parse_name",
    "phonetic_key",
    "romanisations",
]
