"""Exact-lookup keys for names in the store (not matching: that is clearance.names).

Relationships are published by name ("Linked To: PRESIDENCY OF DEFENSE INDUSTRIES"); the
store resolves them to entity ids by comparing these keys, which ignore case, accents and
punctuation only.
"""

from __future__ import annotations

import re
import unicodedata

_NON_WORD = re.compile(r"[\W_]+", re.UNICODE)


def name_key(name: str) -> str:
    """Case-folded, accent-free name with punctuation collapsed to single spaces."""
    decomposed = unicodedata.normalize("NFKD", name.casefold())
    stripped = "".join(c for c in decomposed if not unicodedata.combining(c))
    return _NON_WORD.sub(" ", stripped).strip()
