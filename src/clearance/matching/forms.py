"""Name forms: the comparable token sequences of a name, for queries and list names alike.

One published name yields one or more forms: its primary parse and its variants (other
romanisations, joined or split compounds, digits as words). Each form keeps what the name
model needs besides its tokens: the party kind, the legal form, and which published name it
came from.
"""

from __future__ import annotations

from typing import NamedTuple

from clearance.names import ParsedName, parse_name

MAX_VARIANTS = 6


class NameForm(NamedTuple):
    """One comparable token sequence of a name. A named tuple: a saved index holds one per
    list name and variant (50,000 for all lists), and these unpickle in 60% of a frozen
    dataclass's time (0.03 s less of every start-up)."""

    tokens: tuple[str, ...]
    kind: str  # person / organisation / vessel / any
    legal_form: str | None
    value: str  # the published name this form comes from
    name_kind: str  # primary / aka / fka / weak / original_script / query

    @property
    def is_weak(self) -> bool:
        return self.name_kind == "weak"


def forms_of(parsed: ParsedName, name_kind: str) -> list[NameForm]:
    """The distinct non-empty token sequences of a parsed name, primary first."""
    seen: set[tuple[str, ...]] = set()
    forms: list[NameForm] = []
    for tokens in (parsed.tokens, *parsed.variants[:MAX_VARIANTS]):
        if tokens and tokens not in seen:
            seen.add(tokens)
            forms.append(
                NameForm(tokens, parsed.kind, parsed.legal_form, parsed.original, name_kind)
            )
    return forms


def name_forms(text: str, schema: str, name_kind: str = "query") -> list[NameForm]:
    return forms_of(parse_name(text, schema), name_kind)
