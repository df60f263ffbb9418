"""Romanisation of Greek names.

Owns three schemes, in this order:

1. ELOT 743 / ISO 843 type 2, the Greek passport standard
   (``Αλέξανδρος`` → ``alexandros``, ``Γεώργιος`` → ``georgios``).
2. A phonetic spelling: ``ου`` → ``u``, ``αι`` → ``e``, ``ει``/``οι``/``η``/``υ`` → ``i``,
   ``μπ``/``ντ``/``γκ`` at the start → ``b``/``d``/``g``.
3. The classical/Erasmian spelling common in English renderings: ``β`` → ``b``,
   ``η`` → ``e``, ``υ`` → ``y``, ``φ`` → ``ph``, ``χ`` → ``ch`` (endings such as ``-os`` stay).
"""

from __future__ import annotations

import unicodedata
from functools import lru_cache

_ELOT = {
    "α": "a", "β": "v", "γ": "g", "δ": "d", "ε": "e", "ζ": "z", "η": "i", "θ": "th",
    "ι": "i", "κ": "k", "λ": "l", "μ": "m", "ν": "n", "ξ": "x", "ο": "o", "π": "p",
    "ρ": "r", "σ": "s", "ς": "s", "τ": "t", "υ": "y", "φ": "f", "χ": "ch", "ψ": "ps",
    "ω": "o",
}  # fmt: skip
_CLASSICAL = dict(_ELOT, β="b", η="e", φ="ph", χ="ch", υ="y")
_PHONETIC = dict(_ELOT, υ="i", χ="h", η="i")
_VOICED = frozenset("αεηιουωβγδζλμνρ")


def _strip(word: str) -> str:
    decomposed = unicodedata.normalize("NFD", word.lower())
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


@lru_cache(maxsize=8192)
def word_variants(word: str) -> tuple[str, str, str]:
    """(ELOT 743, phonetic, classical) romanisations of one Greek word."""
    w = _strip(word)
    elot: list[str] = []
    phon: list[str] = []
    clas: list[str] = []
    i, n = 0, len(w)
    while i < n:
        ch, nxt = w[i], (w[i + 1] if i + 1 < n else "")
        after = w[i + 2] if i + 2 < n else ""
        pair = ch + nxt
        if pair in ("αυ", "ευ", "ηυ"):
            v = "v" if after and after in _VOICED else "f"
            base = _ELOT[ch]
            elot.append(base + v)
            phon.append(("e" if ch == "ε" else "a" if ch == "α" else "i") + v)
            clas.append(_CLASSICAL[ch] + "u")
            i += 2
            continue
        if pair == "ου":
            elot.append("ou")
            phon.append("u")
            clas.append("ou")
            i += 2
            continue
        if pair in ("αι", "ει", "οι"):
            elot.append(_ELOT[ch] + "i")
            phon.append("e" if ch == "α" else "i")
            clas.append(_ELOT[ch] + "i")
            i += 2
            continue
        if pair in ("μπ", "ντ", "γκ", "γγ"):
            initial = i == 0
            if pair == "γγ":
                vals = ("ng", "ng", "ng")
            elif initial:
                b = {"μπ": "b", "ντ": "d", "γκ": "g"}[pair]
                vals = (b, b, b)
            else:
                e = {"μπ": "mp", "ντ": "nt", "γκ": "nk"}[pair]
                p = {"μπ": "mb", "ντ": "nd", "γκ": "ng"}[pair]
                vals = (e, p, e)
            elot.append(vals[0])
            phon.append(vals[1])
            clas.append(vals[2])
            i += 2
            continue
        elot.append(_ELOT.get(ch, ch))
        phon.append(_PHONETIC.get(ch, ch))
        clas.append(_CLASSICAL.get(ch, ch))
        i += 1
    return ("".join(elot), "".join(phon), "".join(clas))


def variants(text: str) -> list[str]:
    """Whole-text romanisations, one per scheme; non-Greek characters pass through."""
    out: list[list[str]] = [[], [], []]
    word: list[str] = []

    def flush() -> None:
        if word:
            vals = word_variants("".join(word))
            for k in range(3):
                out[k].append(vals[k])
            word.clear()

    for ch in text:
        if "\u0370" <= ch <= "\u03ff" or "\u1f00" <= ch <= "\u1fff":
            word.append(ch)
        else:
            flush()
            for k in range(3):
                out[k].append(ch)
    flush()
    return ["".join(parts) for parts in out]
