"""Marking the parts of a published name that the matcher aligned with the other name.

The explanation of a match lists aligned tokens in folded form (``demir``, ``defense``); the
pages show names as published (``DEMIR, Ismail``, ``Defence``). :func:`highlight` folds and
normalises each word of the published name the way matching does (spelling classes,
organisation word spellings) and wraps the words whose tokens were aligned in ``<mark>``,
escaping everything else.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from functools import lru_cache
from html import escape

from markupsafe import Markup

from clearance.names import canonical_token, fold, parse_name

_WORD = re.compile(r"[^\W_]+(?:['’][^\W_]+)*")


def aligned_tokens(explanation: Mapping[str, object], side: str) -> set[str]:
    """Folded tokens of one side (``query`` or ``name``) that the alignment paired."""
    name = explanation.get("name")
    if not isinstance(name, Mapping):
        return set()
    pairs = name.get("aligned")
    if not isinstance(pairs, Sequence):
        return set()
    tokens: set[str] = set()
    for pair in pairs:
        if isinstance(pair, Mapping) and isinstance(pair.get(side), str):
            tokens.update(pair[side].split())  # a compound pair joins its tokens with spaces
    return tokens


def highlight(text: str, tokens: Iterable[str]) -> Markup:
    """``text``, escaped, with the words whose folded form is among ``tokens`` in <mark>."""
    parts = {part for token in tokens for part in token.split()}
    wanted = parts | {canonical_token(part) for part in parts}
    if not wanted:
        return Markup(escape(text))
    pieces: list[str] = []
    position = 0
    for word in _WORD.finditer(text):
        pieces.append(escape(text[position : word.start()]))
        if not wanted.isdisjoint(_word_tokens(word.group())):
            pieces.append(f"<mark>{escape(word.group())}</mark>")
        else:
            pieces.append(escape(word.group()))
        position = word.end()
    pieces.append(escape(text[position:]))
    return Markup("".join(pieces))


@lru_cache(maxsize=4096)
def _word_tokens(word: str) -> frozenset[str]:
    """The tokens matching may have made of one published word."""
    forms = set(fold(word).split()) | set(parse_name(word, "LegalEntity").tokens)
    return frozenset(forms | {canonical_token(form) for form in forms})
