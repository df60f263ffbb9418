"""Numbers written as digits or words in names (``7`` ↔ ``seven``, ``3rd`` ↔ ``third``).

Owns :func:`number_words`, two-word numbers (``forty four`` ↔ ``44``) and the Roman numerals
used in vessel and organisation names (``ii`` ↔ ``2``, never the single letters i, v, x,
which are usually initials).
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


_TENS_WORDS: dict[str, int] = {w: n for n, w in _TENS.items() if 20 <= n <= 90} | {
    "twenty": 20,
    "fourty": 40,  # a common misspelling
}
_UNIT_WORDS: dict[str, int] = {w: n for n, w in enumerate(_UNITS) if 1 <= n <= 9}
_DIGIT_WORDS: dict[int, str] = {n: w for w, n in _UNIT_WORDS.items()}
_TENS_BY_VALUE: dict[int, str] = {n: w for w, n in _TENS_WORDS.items() if w != "fourty"}


def compound_number(tens: str, unit: str) -> str | None:
    """Digits of a two-word number: ``("forty", "four")`` → ``"44"``; None otherwise."""
    if tens in _TENS_WORDS and unit in _UNIT_WORDS:
        return str(_TENS_WORDS[tens] + _UNIT_WORDS[unit])
    return None


def spelled_number(token: str) -> tuple[str, str] | None:
    """The two words of a number from 21 to 99 not ending in 0: ``"44"`` → forty, four."""
    if not token.isdigit() or len(token) != 2:
        return None
    n = int(token)
    if n <= 20 or n % 10 == 0:
        return None
    return _TENS_BY_VALUE[n - n % 10], _DIGIT_WORDS[n % 10]


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
