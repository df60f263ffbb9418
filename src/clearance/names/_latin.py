"""Folding of Latin-script text to the comparable ``[a-z0-9 ]`` form.

Owns the character-level rules of :func:`clearance.names.fold` once any non-Latin script has
been romanised: Turkish-aware case folding, special letters (ß, æ, ø, œ, đ, ł, þ...),
diacritic stripping, apostrophes, dotted initials and punctuation.
"""

from __future__ import annotations

import re
import unicodedata

from anyascii import anyascii

_APOSTROPHES = "'`´ʹʻʼʽʾʿˈˊˋ‘’‚‛′″"
_HYPHENS = "‐‑‒–—―−﹣"

# Letters that do not decompose into base + diacritic, mapped to their usual Latin spelling.
_SPECIAL = {
    "İ": "i",
    "I": "i",
    "ı": "i",
    "ß": "ss",
    "ẞ": "ss",
    "æ": "ae",
    "Æ": "ae",
    "ø": "o",
    "Ø": "o",
    "œ": "oe",
    "Œ": "oe",
    "đ": "d",
    "Đ": "d",
    "ð": "d",
    "Ð": "d",
    "ł": "l",
    "Ł": "l",
    "þ": "th",
    "Þ": "th",
    "ħ": "h",
    "Ħ": "h",
    "ŋ": "n",
    "Ŋ": "n",
    "ĸ": "k",
    "ſ": "s",
    "ŀ": "l",
    "Ŀ": "l",
    "ƒ": "f",
    "ə": "a",
    "Ə": "a",
    "&": " and ",
}
for _ch in _APOSTROPHES:
    _SPECIAL[_ch] = ""
for _ch in _HYPHENS:
    _SPECIAL[_ch] = "-"
_SPECIAL_TABLE = str.maketrans(_SPECIAL)

# ASCII: apostrophes and backticks vanish, '&' becomes " and ", '.' is kept for the initials
# rule, every other non-alphanumeric character becomes a space.
_ASCII_TABLE: dict[int, str | None] = {}
for _cp in range(128):
    _c = chr(_cp)
    if _c.isalnum():
        continue
    if _c in "'`":
        _ASCII_TABLE[_cp] = None
    elif _c == "&":
        _ASCII_TABLE[_cp] = " and "
    elif _c != ".":
        _ASCII_TABLE[_cp] = " "

# "a.s." / "l.l.c" / "u.s.a." — dotted single letters are joined ("as", "llc", "usa").
_DOTTED_INITIALS = re.compile(r"\b[a-z0-9](?:\.[a-z0-9])+\b\.?")


def _join_dotted(match: re.Match[str]) -> str:
    return match.group(0).replace(".", "")


def fold_ascii(text: str) -> str:
    """Fold pure-ASCII text (the fast path)."""
    text = text.lower().translate(_ASCII_TABLE)
    if "." in text:
        text = _DOTTED_INITIALS.sub(_join_dotted, text).replace(".", " ")
    return " ".join(text.split())


def fold_latin(text: str) -> str:
    """Fold text whose letters are Latin (other letters are passed through anyascii)."""
    if text.isascii():
        return fold_ascii(text)
    text = text.translate(_SPECIAL_TABLE)
    text = unicodedata.normalize("NFKD", text)
    text = "".join(ch for ch in text if not unicodedata.combining(ch))
    text = text.translate(_SPECIAL_TABLE)  # letters that NFKD exposed (e.g. from ligatures)
    if not text.isascii():
        text = "".join(ch if ch.isascii() else _any(ch) for ch in text)
    return fold_ascii(text)


def _any(ch: str) -> str:
    if ch in _SPECIAL:
        return _SPECIAL[ch]
    try:
        out = anyascii(ch)
    except Exception:  # pragma: no cover - anyascii is total, but be safe on odd input
        return " "
    if "'" in out or "`" in out:
        out = out.replace("'", "").replace("`", "")
    return out if out else " "
