"""Romanisation of names written in the Indic scripts of South Asia.

Owns one syllable-aware romaniser for the nine scripts Unicode lays out on the same plan
(Devanagari, Bengali, Gurmukhi, Gujarati, Oriya, Tamil, Telugu, Kannada, Malayalam: a
letter's offset in its 128-code-point block means the same sound in each). Character-by-
character transliteration (anyascii) drops the vowel every consonant carries unless a sign
replaces or a virama kills it, so नरेंद्र came out ``nremdr``; here it is ``narendra``.

Spelling is the one people write in English, not ISO 15919: no diacritics, ``ch``/``chh``,
``sh`` for both sibilants, ``v``, the anusvara as the nasal of the consonant after it (``m``
before p/b/m, ``ng`` in ``singh``). Variants, in order:

1. the common spelling: a word-final inherent vowel dropped in the North Indian scripts
   (राम ``ram``, अमित ``amit``) but kept after a consonant cluster (नरेंद्र ``narendra``)
   and in the South Indian ones (ಕನ್ನಡ ``kannada``);
2. long vowels doubled inside the word, as in Deepak, Pooja, Sangeeta;
3. every inherent vowel kept (the Sanskrit spelling: ``rama``, ``amita``).

Tamil, which keeps its vowels, gets a second spelling instead: its stops voiced where they
are spoken voiced (``murugan``, ``prabagaran``), as English spellings of Tamil names write.
"""

from __future__ import annotations

from functools import lru_cache

from clearance.names._common import combine_words

# Block start per script; all share the layout below.
_BLOCKS = {
    0x0900: "Deva",
    0x0980: "Beng",
    0x0A00: "Guru",
    0x0A80: "Gujr",
    0x0B00: "Orya",
    0x0B80: "Taml",
    0x0C00: "Telu",
    0x0C80: "Knda",
    0x0D00: "Mlym",
}
_SOUTH = frozenset({"Taml", "Telu", "Knda", "Mlym"})  # no schwa deletion

# Consonants by offset (0x15-0x39), then the extra ones past 0x58.
_CONSONANTS = {
    0x15: "k", 0x16: "kh", 0x17: "g", 0x18: "gh", 0x19: "n",
    0x1A: "ch", 0x1B: "chh", 0x1C: "j", 0x1D: "jh", 0x1E: "n",
    0x1F: "t", 0x20: "th", 0x21: "d", 0x22: "dh", 0x23: "n",
    0x24: "t", 0x25: "th", 0x26: "d", 0x27: "dh", 0x28: "n", 0x29: "n",
    0x2A: "p", 0x2B: "ph", 0x2C: "b", 0x2D: "bh", 0x2E: "m",
    0x2F: "y", 0x30: "r", 0x31: "r", 0x32: "l", 0x33: "l", 0x34: "zh", 0x35: "v",
    0x36: "sh", 0x37: "sh", 0x38: "s", 0x39: "h",
    0x58: "q", 0x59: "kh", 0x5A: "gh", 0x5B: "z", 0x5C: "r", 0x5D: "rh", 0x5E: "f", 0x5F: "y",
}  # fmt: skip
# A nukta under a consonant turns it into a borrowed sound (क़ q, ज़ z, फ़ f, ड़ r).
_NUKTA = {"k": "q", "kh": "kh", "g": "gh", "j": "z", "d": "r", "dh": "rh", "ph": "f", "y": "y"}
_INDEPENDENT_VOWELS = {
    0x05: "a", 0x06: "aa", 0x07: "i", 0x08: "ii", 0x09: "u", 0x0A: "uu", 0x0B: "ri",
    0x0C: "li", 0x0D: "e", 0x0E: "e", 0x0F: "e", 0x10: "ai", 0x11: "o", 0x12: "o",
    0x13: "o", 0x14: "au", 0x60: "ri", 0x61: "li",
}  # fmt: skip
_VOWEL_SIGNS = {
    0x3E: "aa", 0x3F: "i", 0x40: "ii", 0x41: "u", 0x42: "uu", 0x43: "ri", 0x44: "ri",
    0x45: "e", 0x46: "e", 0x47: "e", 0x48: "ai", 0x49: "o", 0x4A: "o", 0x4B: "o", 0x4C: "au",
    0x57: "au", 0x62: "li", 0x63: "li",
}  # fmt: skip
_VIRAMA = 0x4D
_NUKTA_SIGN = 0x3C
_NASALS = frozenset({0x01, 0x02, 0x70})  # candrabindu, anusvara, Gurmukhi tippi
_VISARGA = 0x03
_ADDAK = 0x71  # Gurmukhi: the next consonant is doubled
_BENGALI_KHANDA_TA = 0x09CE
_MALAYALAM_CHILLU = {0x0D54: "m", 0x0D55: "y", 0x0D56: "l", 0x0D7A: "n", 0x0D7B: "n",
                     0x0D7C: "r", 0x0D7D: "l", 0x0D7E: "l", 0x0D7F: "k"}  # fmt: skip
_LABIALS = ("p", "b", "m")
_LONG = {"aa": ("a", "a"), "ii": ("i", "ee"), "uu": ("u", "oo")}  # (plain, doubled)


def is_indic(ch: str) -> bool:
    return 0x0900 <= ord(ch) <= 0x0D7F


def _script(cp: int) -> str:
    return _BLOCKS[cp & ~0x7F]


def _syllables(word: str) -> tuple[list[tuple[str, str, bool]], str]:
    """(consonant cluster, vowel, is a cluster) per syllable, and the word's script.

    ``vowel``: a vowel's spelling, "-" for the inherent vowel (spelled per variant), "" for
    none (a word-final consonant under a virama), "~" for a nasal sign's unit."""
    units: list[tuple[str, str, bool]] = []
    script = ""
    cluster: list[str] = []  # consonants joined by viramas, awaiting a vowel
    pending = False  # the last consonant in ``cluster`` has not been killed by a virama
    double_next = False

    def close(vowel: str) -> None:
        nonlocal cluster, pending
        if cluster:
            units.append(("".join(cluster), vowel, len(cluster) > 1))
        cluster, pending = [], False

    for ch in word:
        cp = ord(ch)
        if cp in _MALAYALAM_CHILLU or cp == _BENGALI_KHANDA_TA:
            if pending:
                close("-")
            cluster.append(_MALAYALAM_CHILLU.get(cp, "t"))
            close("")
            continue
        if not is_indic(ch):
            continue  # zero-width joiners inside a word
        script = script or _script(cp)
        offset = cp & 0x7F
        if offset in _CONSONANTS:
            if pending:
                close("-")  # the consonant before keeps its inherent vowel
            letter = _CONSONANTS[offset]
            cluster.append(letter * 2 if double_next else letter)
            pending, double_next = True, False
        elif offset == _NUKTA_SIGN and pending:
            cluster[-1] = _NUKTA.get(cluster[-1], cluster[-1])
        elif offset == _VIRAMA:
            pending = False  # the next consonant joins this cluster
        elif offset in _VOWEL_SIGNS:
            close(_VOWEL_SIGNS[offset])
        elif offset in _INDEPENDENT_VOWELS:
            close("-" if pending else "")
            units.append(("", _INDEPENDENT_VOWELS[offset], False))
        elif offset in _NASALS or offset == _VISARGA:
            close("-" if pending else "")
            units.append(("", "~" if offset != _VISARGA else "h", False))
        elif offset == _ADDAK:
            double_next = True
        # digits, dandas, stress and length marks, avagraha: nothing to spell
    close("-" if pending else "")
    return units, script


@lru_cache(maxsize=8192)
def word_variants(word: str) -> tuple[str, ...]:
    """The spellings of one word (see the module's docstring), most common first."""
    units, script = _syllables(word)
    if not units:
        return ()
    north = script not in _SOUTH
    last = len(units) - 1
    while last > 0 and units[last][1] in ("~", "h"):
        last -= 1  # a final nasal or visarga does not protect the vowel before it
    silent = _silent_schwas(units, last) if north else frozenset()
    spelled = []
    styles = ("common", "doubled", "sanskrit") if script != "Taml" else ("common", "voiced")
    for style in styles:
        out = []
        spelt = _tamil_voiced(units) if style == "voiced" else units
        for i, (consonants, vowel, _) in enumerate(spelt):
            if vowel == "~":
                out.append(_nasal(spelt, i, north))
                continue
            out.append(consonants)
            if vowel == "-":
                out.append("" if style != "sanskrit" and i in silent else "a")
            elif vowel in _LONG:
                plain, doubled = _LONG[vowel]
                out.append(doubled if style == "doubled" and i < last else plain)
            else:
                out.append(vowel)
        spelled.append("".join(out))
    return tuple(dict.fromkeys(s for s in spelled if s))


_VOICED = {"k": "g", "ch": "s", "t": "d", "p": "b"}
_VOICED_CLUSTERS = {"nk": "ng", "nch": "nj", "nt": "nd", "mp": "mb"}


def _tamil_voiced(units: list[tuple[str, str, bool]]) -> list[tuple[str, str, bool]]:
    """Tamil spelled as spoken: the script has one letter for k and g, t and d, p and b,
    voiced between vowels and after a nasal (முருகன் murugan, பிரபாகரன் prabagaran); ச
    opens a word as s (சிவா siva); and the i it writes between a word's first consonant
    and an r is not said (பிர pra)."""
    voiced = []
    for i, (consonants, vowel, is_cluster) in enumerate(units):
        if i and not is_cluster and consonants in _VOICED and units[i - 1][1] not in ("", "h"):
            consonants = _VOICED[consonants]
        elif is_cluster and consonants in _VOICED_CLUSTERS:
            consonants = _VOICED_CLUSTERS[consonants]
        elif i == 0 and consonants == "ch":
            consonants = "s"  # a word's first ச: சிவா siva
        voiced.append((consonants, vowel, is_cluster))
    if len(voiced) > 1 and voiced[0][0] and voiced[0][1] == "i" and voiced[1][0] == "r":
        voiced[0] = (voiced[0][0], "", False)  # பிர pra, not pira
    return voiced


def _silent_schwas(units: list[tuple[str, str, bool]], last: int) -> frozenset[int]:
    """Inherent vowels North Indian speech drops, decided from the end of the word: its last
    (राम ram) unless a consonant cluster carries it (नरेंद्र narendra), then one between a
    vowel and a single consonant that keeps its own (अमृतपाल amritpal, दीपक dipak; not
    before a cluster: मुहम्मद muhammad), never in the first syllable."""
    silent: set[int] = set()
    for i in range(last, 0, -1):
        consonants, vowel, is_cluster = units[i]
        if vowel != "-" or is_cluster or not consonants:
            continue
        if i == last:
            silent.add(i)
            continue
        before = units[i - 1][1]
        after_consonants, after_vowel, after_cluster = units[i + 1]
        voiced_after = after_vowel not in ("", "~", "h") and i + 1 not in silent
        if before not in ("", "~", "h") and after_consonants and not after_cluster and voiced_after:
            silent.add(i)
    return frozenset(silent)


def _nasal(units: list[tuple[str, str, bool]], i: int, north: bool) -> str:
    """A nasal sign: the nasal of the consonant that follows (m before p, b, m; none
    before another nasal, which it doubles in writing only; ng before a word's final h, as
    in सिंह singh), ``m`` ending a South Indian word."""
    following = next((j for j in range(i + 1, len(units)) if units[j][0]), None)
    if following is None:
        return "n" if north else "m"
    consonants = units[following][0]
    if consonants[0] in "mn":
        return ""
    if consonants == "h" and following == len(units) - 1:
        return "ng"
    return "m" if consonants.startswith(_LABIALS) else "n"


def variants(text: str) -> list[str]:
    """Whole-text romanisations; words combined by rank (each word's n-th spelling)."""
    return combine_words(text, is_indic, word_variants, limit=3)
