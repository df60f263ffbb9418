"""Romanisation of Arabic-script names (Arabic, Persian, Urdu, Pashto letters).

Owns: lookup of the frequent name words in :mod:`clearance.names._arabic_names` (``محمد`` →
``muhammad``, ``mohammed``, ``mohamed``, ``mohammad``...), the name structure words (``ال`` →
``al``, ``عبد ال…`` → ``abd al …`` / ``abdul …`` / ``abdel …``, ``… الدين`` → ``… al din`` /
``…uddin``, ``… الله`` → ``…ullah``, ``ابو`` → ``abu``, ``بن`` → ``bin``) and, for words not in
the table, a rule-based transliteration with vowel guessing: alif, waw and ya are read as long
vowels (or as w/y at the start of a word and next to another vowel), a short vowel is guessed
between two consonants unless they form a cluster common in Latin spellings, and the final
variant is the bare consonant skeleton. Rule variants, in order: short vowel ``a`` (the
classical guess), ``e`` with Latin clusters kept (names of European origin, Egyptian and Maghrebi
spellings), no short vowels, and the consonant skeleton.
"""

from __future__ import annotations

from functools import lru_cache

from clearance.names._arabic_names import TABLE
from clearance.names._common import words

_DIACRITICS = frozenset(chr(c) for c in range(0x064B, 0x0660)) | {"\u0670", "\u0640"}
_SHADDA = "\u0651"
_NORMALISE = str.maketrans(
    {
        "أ": "ا", "إ": "ا", "آ": "ا", "ٱ": "ا", "ى": "ي", "ة": "ه", "ؤ": "و", "ئ": "ي",
        "ی": "ي", "ې": "ي", "ۍ": "ي", "ے": "ي", "ک": "ك", "ګ": "گ", "ە": "ه", "ہ": "ه",
        "ۀ": "ه", "ھ": "ه",
    }
)  # fmt: skip

_CONSONANTS = {
    "ب": "b", "ت": "t", "ث": "th", "ج": "j", "ح": "h", "خ": "kh", "د": "d", "ذ": "dh",
    "ر": "r", "ز": "z", "س": "s", "ش": "sh", "ص": "s", "ض": "d", "ط": "t", "ظ": "z",
    "غ": "gh", "ف": "f", "ق": "q", "ك": "k", "ل": "l", "م": "m", "ن": "n", "ه": "h",
    "پ": "p", "چ": "ch", "ژ": "zh", "گ": "g", "ڤ": "v", "ٹ": "t", "ڈ": "d", "ڑ": "r",
    "ټ": "t", "ډ": "d", "ړ": "r", "ږ": "zh", "ښ": "sh", "څ": "ts", "ځ": "dz", "ڼ": "n",
    "ء": "", "ڨ": "g", "ۆ": "o", "ێ": "e",
}  # fmt: skip
# Consonant pairs common inside Latin spellings of names: no vowel guessed between them.
_CLUSTERS = frozenset(
    words(
        "rl rn rd rt rs rk rm rg rb rf rv rch rsh rth lt ld lm lf lv lk lb lp ls lz nd nt ns nk ng "
        "nz nj nch nsh st sk sp sm sn sl sb sf sh th kh gh ch dh br bl kr kl gr gl tr dr pr pl fr "
        "fl mb mp ks ts tz dz zk"
    )
)

_STRUCTURE_ABD = ("abd al {}", "abdul {}", "abdel {}", "abdul{}", "abd {}", "abdel{}")
_STRUCTURE_DIN = ("{} al din", "{}uddin", "{} ad din", "{}eddine", "{} uddin")
_STRUCTURE_ALLAH = ("{}ullah", "{}allah", "{} allah", "{}ollah")


def normalise(word: str) -> str:
    """Lookup form of an Arabic-script word: no diacritics, unified alif/ya/ta marbuta/kaf."""
    return "".join(ch for ch in word if ch not in _DIACRITICS).translate(_NORMALISE)


# Latin forms in the table that are another language's name, not a spelling of the Arabic one:
# they romanise the word but join no spelling class (that is equivalent_forms' job).
_OTHER_LANGUAGE = frozenset({"joseph", "jacob", "isaac", "michael", "gabriel", "george", "elias",
                             "ben", "moses", "ahmet", "achmad"})  # fmt: skip


def _load() -> tuple[dict[str, tuple[str, ...]], dict[str, str]]:
    table: dict[str, tuple[str, ...]] = {}
    canonical: dict[str, str] = {}
    for line in TABLE.strip().splitlines():
        key, _, values = line.partition("=")
        spellings = values.split()
        canon = next((s[1:] for s in spellings if s.startswith("*")), None)
        clean = tuple(dict.fromkeys(s.lstrip("*") for s in spellings))
        key = normalise(key.strip())
        table[key] = tuple(dict.fromkeys(table.get(key, ()) + clean))
        head = canon or clean[0]
        for s in clean:
            if s not in _OTHER_LANGUAGE and " " not in s:
                canonical.setdefault(s, head)
    return table, canonical


NAME_TABLE, SPELLING_CANONICAL = _load()


def _is_arabic(ch: str) -> bool:
    cp = ord(ch)
    return (
        0x0600 <= cp <= 0x06FF
        or 0x0750 <= cp <= 0x077F
        or 0x08A0 <= cp <= 0x08FF
        or (0xFB50 <= cp <= 0xFDFF or 0xFE70 <= cp <= 0xFEFF)
    )


def _units(raw: str) -> list[tuple[str, str]]:
    """(kind, symbol) units of one word: kind C (consonant, Latin value) or V (vowel letter:
    A alif, W waw, Y ya, F final ya, T ta marbuta / final ha, N ayn, H hamza)."""
    letters = [ch for ch in raw if ch not in _DIACRITICS or ch == _SHADDA]
    units: list[tuple[str, str]] = []
    n = len(letters)
    for i, ch in enumerate(letters):
        nxt = letters[i + 1] if i + 1 < n else ""
        prev_kind = units[-1][0] if units else ""
        if ch == "ش" and i > 0 and letters[i - 1] == "ت":
            units[-1] = ("C", "ch")  # تش writes "ch" in names of other languages
            continue
        if ch == _SHADDA:
            if units and units[-1][0] == "C":
                units.append(units[-1])
            continue
        if ch in "اٱأآ":
            units.append(("V", "A"))
        elif ch == "إ":
            units.append(("V", "I"))
        elif ch == "و":
            if i > 0 and prev_kind == "C" and nxt in ("ا", "أ", "ي", "ى", "ة"):
                units.append(("V", "O"))  # "jawad" or "chua": wa after a consonant
            elif i == 0 or nxt in ("ا", "أ", "ي", "ى", "و", "ة") or (prev_kind == "V" and nxt):
                units.append(("C", "w"))
            else:
                units.append(("V", "W"))
        elif ch in "يیې":
            if i == 0 or (prev_kind == "V" and nxt):
                units.append(("C", "y"))
            else:
                units.append(("V", "F" if not nxt else "Y"))
        elif ch == "ى":
            units.append(("V", "M"))
        elif ch == "ئ":
            units.append(("V", "Y"))
        elif ch == "ؤ":
            units.append(("V", "W"))
        elif ch in "ةۀ":
            units.append(("V", "T"))
        elif ch == "ع":
            units.append(("V", "" if nxt in ("ا", "و", "ي") else "N"))
        elif ch in "هہھ" and not nxt and i > 0:
            units.append(("V", "T") if prev_kind == "C" else ("C", "h"))
        elif ch in _CONSONANTS:
            units.append(("C", _CONSONANTS[ch]))
        else:
            units.append(("C", ch))
    return units


# Rendering styles: (short vowel, keep Latin clusters, vowel letters, consonant overrides).
# The first is the classical guess for Arabic names; the others were chosen greedily for
# coverage on the ar2en-train development word list (names of all origins written in Arabic).
_STYLE = tuple[str, bool, dict[str, str], dict[str, str]]
_G = {"gh": "g", "q": "k", "j": "g"}
_STYLES: tuple[_STYLE, ...] = (
    (
        "a",
        False,
        {"A": "a", "I": "i", "W": "u", "Y": "i", "F": "i", "T": "a", "N": "a", "M": "a", "O": "aw"},
        {},
    ),
    (
        "",
        False,
        {"A": "a", "I": "i", "W": "o", "Y": "i", "F": "i", "T": "a", "N": "a", "M": "i", "O": "o"},
        _G,
    ),
    (
        "e",
        True,
        {"A": "a", "I": "e", "W": "o", "Y": "e", "F": "y", "T": "e", "N": "a", "M": "y", "O": "o"},
        {"f": "v"},
    ),
    (
        "a",
        True,
        {"A": "a", "I": "i", "W": "u", "Y": "e", "F": "i", "T": "a", "N": "a", "M": "a", "O": "aw"},
        _G,
    ),
    (
        "e",
        True,
        {"A": "a", "I": "i", "W": "o", "Y": "i", "F": "i", "T": "a", "N": "a", "M": "i", "O": "u"},
        {},
    ),
)


def _render(units: list[tuple[str, str]], style: _STYLE) -> str:
    vowel, keep_clusters, vowels, cons = style
    out: list[str] = []
    n = len(units)
    prev_latin = ""
    for i, (kind, sym) in enumerate(units):
        if kind == "V":
            latin = vowels.get(sym, "")
        else:
            latin = cons.get(sym, sym)
            if out and units[i - 1][0] == "C" and vowel:
                final = i == n - 1
                if not (
                    keep_clusters
                    and ((prev_latin + latin) in _CLUSTERS or (final and prev_latin == latin))
                ):
                    out.append(vowel)
        out.append(latin)
        prev_latin = latin
    return "".join(out)


@lru_cache(maxsize=32768)
def rule_variants(raw: str) -> tuple[str, ...]:
    """Rule-based romanisations of one Arabic-script word not in the name table."""
    units = _units(raw)
    if not units:
        return ("",)
    skeleton = "".join(sym for kind, sym in units if kind == "C") or _render(units, _STYLES[0])
    out = (*(_render(units, style) for style in _STYLES), skeleton)
    return tuple(dict.fromkeys(v for v in out if v)) or ("",)


@lru_cache(maxsize=32768)
def word_variants(raw: str) -> tuple[str, ...]:
    """Latin spellings of one Arabic-script word, most likely first."""
    key = normalise(raw)
    if not key:
        return ("",)
    known = NAME_TABLE.get(key)
    if known:
        return known
    if key.startswith("عبدال") and len(key) > 5:
        return _abd(raw[3:] if raw.startswith("عبد") else key[3:])
    plain = "".join(ch for ch in raw if ch not in _DIACRITICS)
    if plain.startswith(("ال", "ٱل")) and len(plain) > 3:  # the article has no hamza
        return tuple(f"al {v}" for v in word_variants(plain[2:]))
    return rule_variants(raw)


def _abd(article_word: str) -> tuple[str, ...]:
    """``عبد`` + ``ال…``: the servant-of compound, from the article word (``الرحمن``)."""
    key = normalise(article_word)
    joined = NAME_TABLE.get("عبد" + key)
    stem = key[2:] if key.startswith("ال") else key
    stems = NAME_TABLE.get(stem) or rule_variants(stem)
    first = stems[0]
    patterns = [pattern.format(first) for pattern in _STRUCTURE_ABD]
    head = list(joined or patterns[3:4])
    out = head[:1] + patterns[:3] + head[1:] + patterns[3:]
    out.extend(f"abd al {s}" for s in stems[1:3])
    return tuple(dict.fromkeys(out))


def _with_suffix(word: str, patterns: tuple[str, ...], joined_key: str) -> tuple[str, ...]:
    joined = NAME_TABLE.get(normalise(joined_key))
    stems = word_variants(word)
    out = list(joined or ()) + [p.format(stems[0]) for p in patterns]
    out.extend(patterns[0].format(s) for s in stems[1:3])
    return tuple(dict.fromkeys(out))


def _words(text: str) -> list[tuple[str, ...] | str]:
    """Pieces of ``text``: romanised words (as variant tuples) and pass-through characters."""
    pieces: list[tuple[str, ...] | str] = []
    raw_words: list[str] = []
    seps: list[str] = []
    word: list[str] = []
    for ch in text:
        if _is_arabic(ch) and ch not in "،؛؟٪":
            word.append(ch)
            continue
        if word:
            raw_words.append("".join(word))
            seps.append("")
            word = []
        if raw_words and seps[-1] == "" and ch.isspace():
            seps[-1] = " "
            continue
        raw_words.append("")
        seps.append(ch)
    if word:
        raw_words.append("".join(word))
        seps.append("")
    i = 0
    n = len(raw_words)
    while i < n:
        w = raw_words[i]
        if not w:
            pieces.append(seps[i])
            i += 1
            continue
        key = normalise(w)
        nxt = raw_words[i + 1] if i + 1 < n else ""
        nkey = normalise(nxt)
        if key == "عبد" and nkey == "الله":
            pieces.append(NAME_TABLE["عبدالله"] + ("abd allah",))
            pieces.append(seps[i + 1])
            i += 2
            continue
        if key == "عبد" and nkey.startswith("ال") and len(nkey) > 2:
            pieces.append(_abd(nxt))
            pieces.append(seps[i + 1])
            i += 2
            continue
        if nkey == "الدين" and key:
            pieces.append(_with_suffix(w, _STRUCTURE_DIN, key + "الدين"))
            pieces.append(seps[i + 1])
            i += 2
            continue
        if nkey == "الله" and key and key != "عبد":
            pieces.append(_with_suffix(w, _STRUCTURE_ALLAH, key + "الله"))
            pieces.append(seps[i + 1])
            i += 2
            continue
        pieces.append(word_variants(w))
        pieces.append(seps[i])
        i += 1
    return pieces


def variants(text: str, limit: int = 6) -> list[str]:
    """Romanisations of Arabic-script text, most likely first (each word's k-th spelling
    combined), ending with the all-rule variant and the bare consonant skeleton."""
    pieces = _words(text)
    tuples = [p for p in pieces if isinstance(p, tuple)]
    if not tuples:
        return ["".join(p for p in pieces if isinstance(p, str))]
    depth = max(len(p) for p in tuples)
    out = [
        "".join(p if isinstance(p, str) else (p[k] if k < len(p) else p[0]) for p in pieces)
        for k in range(min(depth, limit))
    ]
    skeleton = "".join(p if isinstance(p, str) else p[-1] if len(p) > 1 else p[0] for p in pieces)
    if skeleton not in out:
        out.append(skeleton)
    return out
