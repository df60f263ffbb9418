"""Numbers written as digits or words in names (``7`` ↔ ``seven``, ``3rd`` ↔ ``third``).

Owns :func:`number_words` and the Roman numerals used in vessel and organisation names
(``ii`` ↔ ``2``, never the single letters i, v, x, which are usually initials).
"""

from __future__ import annotations

from functools import lru_cache

from clearance.names._common import words

_UNITS = words(
    "zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen "
    "fifteen sixteen seventeen eighteen nineteen twenty"
)
_TENS = {30: "thirty", 40: "forty", 50: "fifty", 60: "sixty", 70: "seventy", 80: "eighty",
         90: "ninety", 100: "hundred", 1000: "thousand", 1000000: "million"}  # fmt: skip
_ORDINAL_WORDS = words(
    "zeroth first second third fourth fifth sixth seventh eighth ninth tenth eleventh twelfth "
    "thirteenth fourteenth fifteenth sixteenth seventeenth eighteenth nineteenth twentieth"
)
_ORDINAL_TENS = {30: "thirtieth", 40: "fortieth", 50: "fiftieth", 60: "sixtieth",
                 70: "seventieth", 80: "eightieth", 90: "ninetieth", 100: "hundredth",
                 1000: "thousandth"}  # fmt: skip

_CARDINAL: dict[int, str] = {i: w for i, w in enumerate(_UNITS)} | _TENS
_ORDINAL: dict[int, str] = {i: w for i, w in enumerate(_ORDINAL_WORDS)} | _ORDINAL_TENS
_WORD_TO_DIGITS: dict[str, str] = {w: str(n) for n, w in _CARDINAL.items()}


def _suffix(n: int) -> str:
    if 10 <= n % 100 <= 20:
        return "th"
    return {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")


_ORDINAL_TO_DIGITS = {w: f"{n}{_suffix(n)}" for n, w in _ORDINAL.items()}

ROMAN = {
    "ii": "2", "iii": "3", "iv": "4", "vi": "6", "vii": "7", "viii": "8", "ix": "9",
    "xi": "11", "xii": "12", "xiii": "13", "xiv": "14", "xv": "15", "xvi": "16", "xvii": "17",
    "xviii": "18", "xix": "19", "xx": "20",
}  # fmt: skip


@lru_cache(maxsize=4096)
def number_words(token: str) -> str | None:
    """The other spelling of a number token: ``"7"`` → ``"seven"``, ``"seven"`` → ``"7"``,
    ``"3rd"`` → ``"third"``, ``"third"`` → ``"3rd"``; None when the token is not a number
    (or a number without a one-word spelling, like 21)."""
    t = token.strip().lower()
    if not t:
        return None
    if t.isdigit():
        return _CARDINAL.get(int(t))
    if t[:-2].isdigit() and t[-2:] in ("st", "nd", "rd", "th"):
        n = int(t[:-2])
        return _ORDINAL.get(n) if t[-2:] == _suffix(n) else None
    if t in _WORD_TO_DIGITS:
        return _WORD_TO_DIGITS[t]
    return _ORDINAL_TO_DIGITS.get(t)
