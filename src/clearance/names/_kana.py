"""Romanisation of Japanese kana (Hepburn) and the kanji fallback.

Owns: hiragana and katakana → Hepburn (``し`` shi, ``ち`` chi, ``つ`` tsu, ``ふ`` fu, ``じ`` ji,
small ``っ`` doubling the next consonant, ``ー`` lengthening), with two variants: long vowels
written plainly as in passports (``ou`` → ``o``, ``uu`` → ``u``: ``とうきょう`` → ``tokyo``) and
kana by kana (``toukyou``). Kanji have no reading data here: they fall back to anyascii's
Mandarin reading (``山田`` → ``shan tian``), so a kanji-only Japanese name is not matched to its
Japanese reading (``Yamada``).
"""

from __future__ import annotations

import re
from functools import lru_cache

_BASE = {
    "あ": "a", "い": "i", "う": "u", "え": "e", "お": "o",
    "か": "ka", "き": "ki", "く": "ku", "け": "ke", "こ": "ko",
    "さ": "sa", "し": "shi", "す": "su", "せ": "se", "そ": "so",
    "た": "ta", "ち": "chi", "つ": "tsu", "て": "te", "と": "to",
    "な": "na", "に": "ni", "ぬ": "nu", "ね": "ne", "の": "no",
    "は": "ha", "ひ": "hi", "ふ": "fu", "へ": "he", "ほ": "ho",
    "ま": "ma", "み": "mi", "む": "mu", "め": "me", "も": "mo",
    "や": "ya", "ゆ": "yu", "よ": "yo",
    "ら": "ra", "り": "ri", "る": "ru", "れ": "re", "ろ": "ro",
    "わ": "wa", "ゐ": "i", "ゑ": "e", "を": "o", "ん": "n",
    "が": "ga", "ぎ": "gi", "ぐ": "gu", "げ": "ge", "ご": "go",
    "ざ": "za", "じ": "ji", "ず": "zu", "ぜ": "ze", "ぞ": "zo",
    "だ": "da", "ぢ": "ji", "づ": "zu", "で": "de", "ど": "do",
    "ば": "ba", "び": "bi", "ぶ": "bu", "べ": "be", "ぼ": "bo",
    "ぱ": "pa", "ぴ": "pi", "ぷ": "pu", "ぺ": "pe", "ぽ": "po",
    "ゔ": "vu",
    "ぁ": "a", "ぃ": "i", "ぅ": "u", "ぇ": "e", "ぉ": "o",
}  # fmt: skip
_SMALL_Y = {"ゃ": "a", "ゅ": "u", "ょ": "o"}


def _to_hiragana(text: str) -> str:
    return "".join(chr(ord(ch) - 0x60) if "\u30a1" <= ch <= "\u30f6" else ch for ch in text)


def _kana_literal(text: str) -> str:
    text = _to_hiragana(text)
    out: list[str] = []
    double_next = False
    for i, ch in enumerate(text):
        if ch == "っ":
            double_next = True
            continue
        if ch == "ー":
            if out and out[-1]:
                out.append(out[-1][-1])
            continue
        if ch in _SMALL_Y and out:
            prev = out[-1]
            if prev.endswith("i") and len(prev) >= 2:
                stem = prev[:-1]
                out[-1] = stem + ("" if stem in ("sh", "ch", "j") else "y") + _SMALL_Y[ch]
                continue
        if ch in ("ぁ", "ぃ", "ぅ", "ぇ", "ぉ") and out and out[-1][-1:] in ("u", "i", "e", "o"):
            prev = out[-1]
            out[-1] = ("w" if prev == "u" else prev[:-1]) + _BASE[ch]  # ファ fa, ディ di, ウィ wi
            continue
        roman = _BASE.get(ch)
        if roman is None:
            out.append(ch)
            double_next = False
            continue
        if double_next and roman[0] not in "aeiou":
            roman = ("t" if roman.startswith("ch") else roman[0]) + roman
        double_next = False
        if ch == "ん" and i + 1 < len(text) and _BASE.get(text[i + 1], "x")[0] in "aeiouy":
            roman = "n"
        out.append(roman)
    return "".join(out)


_LONG = re.compile(r"(?<=o)u|(?<=u)u|(?<=o)o|(?<=a)a|(?<=e)e")


@lru_cache(maxsize=8192)
def word_variants(word: str) -> tuple[str, str]:
    """(Hepburn with plain long vowels, kana-literal) for one kana word."""
    literal = _kana_literal(word)
    return (_LONG.sub("", literal), literal)


def is_kana(ch: str) -> bool:
    return "\u3040" <= ch <= "\u30ff" and ch not in "・"


def variants(text: str) -> list[str]:
    out: list[list[str]] = [[], []]
    word: list[str] = []

    def flush() -> None:
        if word:
            a, b = word_variants("".join(word))
            out[0].append(a)
            out[1].append(b)
            word.clear()

    for ch in text:
        if is_kana(ch):
            word.append(ch)
        else:
            flush()
            out[0].append(" " if ch == "・" else ch)
            out[1].append(" " if ch == "・" else ch)
    flush()
    return ["".join(p) for p in out]
