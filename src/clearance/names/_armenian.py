"""Romanisation of Armenian names.

Owns the conventional English spelling (as in Pashinyan, Yerevan, Voskan): ``ու`` is
``u``, a word-initial ``ե`` is ``ye`` and ``ո`` is ``vo``, ``և`` is ``ev`` (``yev`` at the
start), ``ւ`` alone is ``v``, ``ռ`` is ``r`` like ``ր``, and the aspiration apostrophes
fold away; the other letters follow anyascii. Variants, in order: that spelling, then
anyascii's letter by letter.
"""

from __future__ import annotations

from functools import lru_cache

from anyascii import anyascii

from clearance.names._common import combine_words


def is_armenian(ch: str) -> bool:
    return "\u0531" <= ch <= "\u058f" or "\ufb13" <= ch <= "\ufb17"


@lru_cache(maxsize=8192)
def word_variants(word: str) -> tuple[str, ...]:
    """(conventional, letter by letter) spellings of one Armenian word."""
    lower = word.lower()
    out: list[str] = []
    i = 0
    while i < len(lower):
        ch = lower[i]
        if ch == "ո" and lower[i + 1 : i + 2] == "ւ":
            out.append("u")
            i += 2
            continue
        if ch == "ե" and lower[i + 1 : i + 2] == "ւ":  # և, as NFKC writes it
            out.append("yev" if i == 0 else "ev")
            i += 2
            continue
        if i == 0 and ch == "ե":
            out.append("ye")
        elif i == 0 and ch == "ո":
            out.append("vo")
        elif ch == "և":
            out.append("yev" if i == 0 else "ev")
        elif ch == "ւ":
            out.append("v")
        elif ch == "ռ":
            out.append("r")
        else:
            out.append(anyascii(ch))
        i += 1
    conventional = "".join(out).replace("'", "")
    return tuple(dict.fromkeys((conventional, anyascii(lower).replace("'", ""))))


def variants(text: str) -> list[str]:
    """Whole-text romanisations; words combined by rank (each word's n-th spelling)."""
    return combine_words(text, is_armenian, word_variants, limit=2)
