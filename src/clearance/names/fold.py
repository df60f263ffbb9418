"""Case and script folding: the comparable Latin form of any name.

Owns :func:`fold`. Latin text is folded character by character (:mod:`._latin`); text with
letters of another script is first given its primary romanisation (:mod:`.translit`).
"""

from __future__ import annotations

import unicodedata

from clearance.names._latin import fold_ascii, fold_latin
from clearance.names.translit import non_latin_scripts, primary


def fold(text: str) -> str:
    """Comparable Latin form of ``text``: ``[a-z0-9 ]``, single spaces, idempotent.

    NFKC; non-Latin scripts transliterated with their primary romanisation; Turkish-aware
    case folding (İ, I and ı all become i); ß → ss, æ → ae, ø → o, œ → oe, đ → d, ł → l,
    þ → th; diacritics stripped; apostrophes removed (``O'Brien`` → ``obrien``); hyphens and
    other punctuation become spaces (``al-Assad`` → ``al assad``); dotted initials are joined
    (``A.Ş.`` → ``as``, ``L.L.C.`` → ``llc``); ``&`` → ``and``.
    """
    if not text:
        return ""
    if text.isascii():
        return fold_ascii(text)
    text = unicodedata.normalize("NFKC", text)
    if max(text) >= "\u0370" and non_latin_scripts(text):
        return primary(text)
    return fold_latin(text)
