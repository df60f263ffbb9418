"""Romanisation of names written in non-Latin scripts.

Owns the dispatch from script to romaniser and :func:`romanisations`. Per script:

- Cyrillic (:mod:`._cyrillic`): BGN/PCGN, ICAO 9303, popular English, "j" spelling.
- Arabic script (:mod:`._arabic`): name-word table, then rule-based vowel guessing.
- Han (:mod:`._chinese`): pinyin (surname first, syllables separate and given name joined),
  Wade–Giles, other common surname spellings. Japanese kanji and Korean hanja get the
  Mandarin reading (no reading data here).
- Hangul (:mod:`._korean`): popular, North Korean official, Revised Romanization, McCune–
  Reischauer.
- Kana (:mod:`._kana`): Hepburn.
- Greek (:mod:`._greek`), Hebrew (:mod:`._hebrew`), Armenian (:mod:`._armenian`), Khmer
  (:mod:`._khmer`: the two consonant series, UNGEGN then the common English spelling).
- Indic scripts (:mod:`._indic`: Devanagari, Bengali, Gurmukhi, Gujarati, Oriya, Tamil,
  Telugu, Kannada, Malayalam): inherent vowels and North Indian schwa deletion.
- Everything else (Georgian, Thai, Burmese, Ethiopic...): anyascii.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Callable
from functools import lru_cache

from anyascii import anyascii

from clearance.names import (
    _arabic,
    _armenian,
    _chinese,
    _cyrillic,
    _greek,
    _hebrew,
    _indic,
    _kana,
    _khmer,
    _korean,
)
from clearance.names._latin import fold_latin
from clearance.names._scripts import char_script

_MAX_VARIANTS = 8

_ROMANISERS: dict[str, Callable[[str], list[str]]] = {
    "Cyrl": _cyrillic.variants,
    "Arab": _arabic.variants,
    "Hani": _chinese.variants,
    "Hang": _korean.variants,
    "Hira": _kana.variants,
    "Kana": _kana.variants,
    "Grek": _greek.variants,
    "Hebr": _hebrew.variants,
    "Armn": _armenian.variants,
    "Khmr": _khmer.variants,
    **dict.fromkeys(
        ("Deva", "Beng", "Guru", "Gujr", "Orya", "Taml", "Telu", "Knda", "Mlym"), _indic.variants
    ),
}
# Scripts romanised before others in mixed text (kana before the kanji around it).
_ORDER = {"Hira": 0, "Kana": 0}


def non_latin_scripts(text: str) -> list[str]:
    """Scripts other than Latin among the letters of ``text``, in order of appearance."""
    if text.isascii():
        return []
    seen: dict[str, None] = {}
    for ch in text:
        if ch < "\u0370":
            continue
        script = char_script(ch)
        if script is not None and script != "Latn":
            seen.setdefault(script, None)
    return list(seen)


def _anyascii_words(text: str) -> list[str]:
    out = []
    for ch in text:
        if ch >= "\u0370" and char_script(ch) not in (None, "Latn"):
            out.append(anyascii(ch))
        else:
            out.append(ch)
    return ["".join(out)]


def _raw_variants(text: str) -> list[str]:
    scripts = sorted(non_latin_scripts(text), key=lambda s: _ORDER.get(s, 1))
    variants = [text]
    for script in scripts:
        romaniser = _ROMANISERS.get(script, _anyascii_words)
        expanded: list[str] = []
        for v in variants:
            expanded.extend(romaniser(v))
            if len(expanded) >= _MAX_VARIANTS * 2:
                break
        variants = expanded
    return variants


@lru_cache(maxsize=65536)
def _romanisations(text: str) -> tuple[str, ...]:
    text = unicodedata.normalize("NFKC", text)
    if not non_latin_scripts(text):
        return (fold_latin(text),)
    out: dict[str, None] = {}
    for raw in _raw_variants(text):
        folded = fold_latin(raw)
        if folded:
            out.setdefault(folded, None)
        if len(out) >= _MAX_VARIANTS:
            break
    if not out:
        out[fold_latin("".join(_anyascii_words(text)))] = None
    return tuple(out)


def romanisations(text: str) -> list[str]:
    """Every common romanisation of ``text``, folded, most common first, deduplicated.

    Latin text gives ``[fold(text)]``; the first variant of any text is ``fold(text)``. At
    most eight variants. Cyrillic: BGN/PCGN, ICAO 9303, popular English, "j" spelling and a
    back-transliteration for foreign names. Arabic script: name-word table, then rule-based
    vowel guesses and the consonant skeleton. Han: pinyin (syllables separate, then given
    name joined), Wade–Giles, Cantonese/Hokkien surname spellings. Hangul: popular, North
    Korean, Revised, McCune–Reischauer. Kana: Hepburn. Japanese kanji and Korean hanja have
    no reading data here and get anyascii's Mandarin reading (``山田`` → ``shan tian``, not
    ``yamada``). Indic scripts: the common English spelling (inherent vowels spoken, North
    Indian schwa deletion), long vowels doubled, the Sanskrit spelling. Armenian: the
    conventional English spelling (Pashinyan, Yerevan), then letter by letter. Khmer:
    UNGEGN by consonant series, then the common English spelling. Thai, Georgian, Burmese
    and other scripts get anyascii only.
    """
    if not text:
        return [""]
    return list(_romanisations(text))


@lru_cache(maxsize=65536)
def given_name_syllables(text: str) -> tuple[frozenset[str], ...]:
    """Per Chinese or Korean given name written in ``text``, the syllables its romanisations
    spell: each spaced word of two or more Han or Hangul syllables (``宥辰 王`` →
    ``({yu, you, chen},)``), the syllables after the surname when the whole name is one word
    (``王宥辰``, ``김병철``), with every scheme's spelling (Wade–Giles, McCune–Reischauer...).

    A given name is one name however its syllables are written: the matcher counts one
    matched in part (``yu chen`` against a listed ``Chen``) as a different name."""
    words = [
        word
        for word in text.replace("·", " ").replace("・", " ").split()
        if all(_chinese.is_han(ch) for ch in word) or all(_korean.is_hangul(ch) for ch in word)
    ]
    if len(words) == 1 and 2 <= len(words[0]) <= 4:  # surname first, then the given name
        word = words[0]
        words = [word[_korean.surname_length(word) if _korean.is_hangul(word[0])
                      else _chinese.surname_length(word) :]]  # fmt: skip
    return tuple(
        frozenset(spelling for ch in word for spelling in _syllable_spellings(ch))
        for word in words
        if len(word) >= 2 and word not in _korean.COMPOUND_SURNAMES
    )


def _syllable_spellings(ch: str) -> tuple[str, ...]:
    """Every spelling of one Han character or Hangul syllable the romanisers write."""
    if _korean.is_hangul(ch):
        return _korean.syllable_spellings(ch)
    syllable = _chinese.pinyin(ch)
    return (syllable, fold_latin(_chinese.wade_giles(syllable))) if syllable else ()


def primary(text: str) -> str:
    """The primary romanisation (first of :func:`romanisations`), folded."""
    return _romanisations(text)[0]
