"""Romanisation of Khmer names.

Owns syllable-aware Khmer romanisation after UNGEGN, without diacritics. Every Khmer
consonant belongs to one of two series, and a vowel reads differently after each: ា is
``a`` after ក but ``ea`` after គ. With no vowel sign the consonant carries its series'
vowel, ``a`` or ``o``. The sign ៉ moves a consonant to the first series and ៊ to the
second, which is how ប៉ុល reads ``pol``. A consonant closing a syllable takes its final
value (ព ``p``, ង ``ng``). A subscript consonant (after ្) joins the one above it.

Letter-by-letter transliteration (anyascii) knows none of this and wrote ប៉ុល ពត as
"bol pt" and ហ៊ុន សែន as "hon saen". Variants, in order: UNGEGN (``hun saen``, ``pol
pot``), then the spelling common in English, with ``e`` for UNGEGN's ``ae`` and ``eae``
and ``i`` for ``ei`` (``hun sen``, ``manet``).
"""

from __future__ import annotations

from functools import lru_cache

from clearance.names._common import combine_words

# Consonant -> (initial spelling, final spelling, series: 1 = a-series, 2 = o-series).
_CONSONANTS = {
    "ក": ("k", "k", 1), "ខ": ("kh", "k", 1), "គ": ("k", "k", 2), "ឃ": ("kh", "k", 2),
    "ង": ("ng", "ng", 2), "ច": ("ch", "ch", 1), "ឆ": ("chh", "ch", 1), "ជ": ("ch", "ch", 2),
    "ឈ": ("chh", "ch", 2), "ញ": ("nh", "nh", 2), "ដ": ("d", "t", 1), "ឋ": ("th", "t", 1),
    "ឌ": ("d", "t", 2), "ឍ": ("th", "t", 2), "ណ": ("n", "n", 1), "ត": ("t", "t", 1),
    "ថ": ("th", "t", 1), "ទ": ("t", "t", 2), "ធ": ("th", "t", 2), "ន": ("n", "n", 2),
    "ប": ("b", "p", 1), "ផ": ("ph", "p", 1), "ព": ("p", "p", 2), "ភ": ("ph", "p", 2),
    "ម": ("m", "m", 2), "យ": ("y", "y", 2), "រ": ("r", "r", 2), "ល": ("l", "l", 2),
    "វ": ("v", "v", 2), "ស": ("s", "s", 1), "ហ": ("h", "h", 1), "ឡ": ("l", "l", 1),
    "អ": ("", "", 1),
}  # fmt: skip
# Vowel sign(s) -> (after a first-series consonant, after a second-series one).
_VOWELS = {
    "": ("a", "o"), "ា": ("a", "ea"), "ិ": ("e", "i"), "ី": ("ei", "i"), "ឹ": ("oe", "ue"),
    "ឺ": ("eu", "eu"), "ុ": ("o", "u"), "ូ": ("ou", "u"), "ួ": ("uo", "uo"), "ើ": ("aeu", "eu"),
    "ឿ": ("oea", "oea"), "ៀ": ("ie", "ie"), "េ": ("e", "e"), "ែ": ("ae", "eae"),
    "ៃ": ("ai", "ey"), "ោ": ("ao", "o"), "ៅ": ("au", "ov"), "ុំ": ("om", "um"),
    "ំ": ("am", "um"), "ាំ": ("am", "oam"), "ះ": ("ah", "eah"), "េះ": ("eh", "eh"),
    "ោះ": ("aoh", "uoh"), "ុះ": ("oh", "uh"),
}  # fmt: skip
_INDEPENDENT = {
    "ឥ": "e", "ឦ": "ei", "ឧ": "o", "ឩ": "ou", "ឪ": "ov", "ឫ": "rue", "ឬ": "rueu",
    "ឭ": "lue", "ឮ": "lueu", "ឯ": "ae", "ឰ": "ai", "ឱ": "ao", "ឲ": "ao", "ឳ": "au",
}  # fmt: skip
_COENG = "្"
_TO_FIRST, _TO_SECOND = "៉", "៊"  # series shifters
_SILENT = "៍"  # the consonant before it is not read
_IGNORED = frozenset("់៌៎៏័៑\u200b\u200c\u200d")
# The spelling common in English after UNGEGN's, vowel by vowel.
_POPULAR = {"ae": "e", "eae": "e", "ei": "i"}


def is_khmer(ch: str) -> bool:
    return "\u1780" <= ch <= "\u17ff" or "\u19e0" <= ch <= "\u19ff"


def _syllables(word: str) -> list[tuple[str, str, str]]:
    """(onset, vowel, coda) per syllable: spellings already chosen by series."""
    chars = [ch for ch in word if ch not in _IGNORED]
    out: list[tuple[str, str, str]] = []
    i = 0
    while i < len(chars):
        ch = chars[i]
        if ch in _INDEPENDENT:
            out.append(("", _INDEPENDENT[ch], ""))
            i += 1
            continue
        if ch not in _CONSONANTS:
            i += 1  # a stray sign, a digit
            continue
        onset, _, series = _CONSONANTS[ch]
        i += 1
        while i < len(chars) and chars[i] in (_COENG, _TO_FIRST, _TO_SECOND, _SILENT):
            sign = chars[i]
            if sign == _TO_FIRST:
                series = 1
                onset = {"b": "p"}.get(onset, onset)  # ប៉ is p
            elif sign == _TO_SECOND:
                series = 2
            elif sign == _SILENT:
                onset = ""
            elif i + 1 < len(chars) and chars[i + 1] in _CONSONANTS:
                sub, _, sub_series = _CONSONANTS[chars[i + 1]]
                onset += sub
                if sub_series == 2 and chars[i + 1] not in "ងញនមយរលវ":
                    series = 2  # a voiced subscript makes the cluster second series
                i += 1
            i += 1
        vowel = ""
        while i < len(chars) and chars[i] not in _CONSONANTS and chars[i] not in _INDEPENDENT:
            vowel += chars[i] if chars[i] in "ាិីឹឺុូួើឿៀេែៃោៅំះ" else ""
            i += 1
        coda = ""
        closes = (
            not vowel.endswith(("ំ", "ះ"))  # these signs close the syllable themselves
            and i < len(chars)
            and chars[i] in _CONSONANTS
            and _closing(chars, i + 1)
        )
        if closes:
            coda = _CONSONANTS[chars[i]][1] if chars[i + 1 : i + 2] != [_SILENT] else ""
            i += 2 if chars[i + 1 : i + 2] == [_SILENT] else 1
        spelled = _VOWELS.get(vowel) or _VOWELS.get(vowel[:1], ("a", "o"))
        out.append((onset, spelled[series - 1], coda))
    return out


def _closing(chars: list[str], after: int) -> bool:
    """Whether the consonant before ``after`` closes its syllable: it ends the word, or
    a consonant follows it that does not open a syllable with a vowel sign of its own
    (សីហនុ is si-ha-nu: ហ opens a syllable since ន carries ុ; in ពត ត closes)."""
    if after >= len(chars) or chars[after] == _SILENT:
        return True
    if chars[after] not in _CONSONANTS:
        return False
    follower = chars[after + 1] if after + 1 < len(chars) else ""
    return follower in _CONSONANTS or follower in ("", _SILENT)


@lru_cache(maxsize=8192)
def word_variants(word: str) -> tuple[str, ...]:
    """(UNGEGN, common English) spellings of one Khmer word."""
    syllables = _syllables(word)
    ungegn = "".join(onset + vowel + coda for onset, vowel, coda in syllables)
    popular = "".join(onset + _POPULAR.get(vowel, vowel) + coda for onset, vowel, coda in syllables)
    return tuple(dict.fromkeys(v for v in (ungegn, popular) if v))


def variants(text: str) -> list[str]:
    """Whole-text romanisations; words combined by rank (each word's n-th spelling)."""
    return combine_words(text, is_khmer, word_variants, limit=2)
