"""Romanisation of Cyrillic names (Russian, Ukrainian, Belarusian, Bulgarian, Serbian,
Macedonian, Kazakh and Mongolian letters).

Owns four schemes, applied word by word, in this order of the returned variants:

1. BGN/PCGN (``Юрий`` → ``yuriy``, ``Хрущёв`` → ``khrushchev``) — the primary form.
2. ICAO Doc 9303 machine-readable passport style (``iurii``, ``ia``, ``ie`` for ъ).
3. Popular English spelling (``yuri``, ``dmitry``, ``sergei``, ``alexander``, ``ё`` → ``yo``),
   from rules plus a small table of first names whose popular form is irregular.
4. The "j" spelling used in German, Scandinavian and Slavic-language sources (``jurij``).
5. A back-transliteration for names of foreign origin written in Cyrillic: ``дж`` → ``j``,
   ``х`` → ``h``, ``ц`` → ``c``, ``ж`` → ``j``, final ``-ий`` → ``i`` (``Джефри`` → ``jefri``,
   ``Лемпицкий`` → ``lempicki``).

Ukrainian words (those with і, ї, є or ґ) use the Ukrainian values of г (h) and и (y);
Bulgarian words (a ъ inside the word) also get щ → sht, ъ → a.
"""

from __future__ import annotations

from functools import lru_cache

_VOWELS = frozenset("аеёиоуыэюяіїєў")
_SOFTENERS = frozenset("ьъй")

# letter -> (BGN, ICAO, popular, j-scheme); context-dependent letters are handled in code.
_BASE: dict[str, tuple[str, str, str, str]] = {
    "а": ("a", "a", "a", "a"),
    "б": ("b", "b", "b", "b"),
    "в": ("v", "v", "v", "v"),
    "г": ("g", "g", "g", "g"),
    "д": ("d", "d", "d", "d"),
    "ж": ("zh", "zh", "zh", "zh"),
    "з": ("z", "z", "z", "z"),
    "и": ("i", "i", "i", "i"),
    "й": ("y", "i", "y", "j"),
    "к": ("k", "k", "k", "k"),
    "л": ("l", "l", "l", "l"),
    "м": ("m", "m", "m", "m"),
    "н": ("n", "n", "n", "n"),
    "о": ("o", "o", "o", "o"),
    "п": ("p", "p", "p", "p"),
    "р": ("r", "r", "r", "r"),
    "с": ("s", "s", "s", "s"),
    "т": ("t", "t", "t", "t"),
    "у": ("u", "u", "u", "u"),
    "ф": ("f", "f", "f", "f"),
    "х": ("kh", "kh", "kh", "kh"),
    "ц": ("ts", "ts", "ts", "ts"),
    "ч": ("ch", "ch", "ch", "ch"),
    "ш": ("sh", "sh", "sh", "sh"),
    "щ": ("shch", "shch", "shch", "shch"),
    "ъ": ("", "ie", "", ""),
    "ы": ("y", "y", "y", "y"),
    "ь": ("", "", "", ""),
    "э": ("e", "e", "e", "e"),
    "ю": ("yu", "iu", "yu", "ju"),
    "я": ("ya", "ia", "ya", "ja"),
    # Ukrainian, Belarusian
    "і": ("i", "i", "i", "i"),
    "ї": ("yi", "i", "yi", "ji"),
    "є": ("ye", "ie", "ye", "je"),
    "ґ": ("g", "g", "g", "g"),
    "ў": ("w", "u", "u", "w"),
    # Serbian, Macedonian
    "ђ": ("dj", "d", "dj", "dj"),
    "ј": ("j", "j", "j", "j"),
    "љ": ("lj", "lj", "lj", "lj"),
    "њ": ("nj", "nj", "nj", "nj"),
    "ћ": ("c", "c", "c", "c"),
    "џ": ("dz", "dz", "dz", "dz"),
    "ѓ": ("gj", "g", "gj", "gj"),
    "ќ": ("kj", "k", "kj", "kj"),
    "ѕ": ("dz", "dz", "dz", "dz"),
    # Kazakh, Kyrgyz, Mongolian, Tatar, Bashkir, Azerbaijani Cyrillic
    "ә": ("a", "a", "a", "a"),
    "ғ": ("gh", "g", "g", "gh"),
    "қ": ("q", "k", "k", "q"),
    "ң": ("ng", "n", "ng", "ng"),
    "ө": ("o", "o", "o", "o"),
    "ұ": ("u", "u", "u", "u"),
    "ү": ("u", "u", "u", "u"),
    "һ": ("h", "h", "h", "h"),
    "ҳ": ("h", "kh", "h", "h"),
    "ҷ": ("j", "ch", "j", "j"),
    "ӣ": ("i", "i", "i", "i"),
    "ӯ": ("u", "u", "u", "u"),
    "ҫ": ("s", "s", "s", "s"),
    "ӑ": ("a", "a", "a", "a"),
    "ӗ": ("e", "e", "e", "e"),
    "ӳ": ("u", "u", "u", "u"),
}

# Irregular popular spellings of common Russian first names (folded Cyrillic -> popular Latin).
_POPULAR_NAMES = {
    "александр": "alexander",
    "алексей": "alexei",
    "александра": "alexandra",
    "юрий": "yuri",
    "петр": "pyotr",
    "евгений": "yevgeny",
    "евгения": "yevgenia",
    "николай": "nikolai",
    "елена": "yelena",
    "ксения": "ksenia",
    "наталья": "natalia",
    "татьяна": "tatiana",
    "ольга": "olga",
    "игорь": "igor",
    "илья": "ilya",
    "лев": "lev",
    "федор": "fyodor",
    "семен": "semyon",
    "артем": "artyom",
    "алена": "alyona",
}


def _is_ukrainian(word: str) -> bool:
    return any(ch in "іїєґ" for ch in word)


def _is_bulgarian(word: str) -> bool:
    idx = word.find("ъ")
    return 0 <= idx < len(word) - 1


_FOREIGN = {"х": "h", "ц": "c", "ж": "j", "й": "i", "ю": "yu", "я": "ya", "ё": "io", "щ": "sch",
            "э": "e", "ы": "y", "ъ": "", "ь": ""}  # fmt: skip


def _foreign(word: str) -> str:
    out: list[str] = []
    n = len(word)
    i = 0
    while i < n:
        ch = word[i]
        nxt = word[i + 1] if i + 1 < n else ""
        if ch == "д" and nxt == "ж":
            out.append("j")
            i += 2
            continue
        if ch == "к" and nxt == "с":
            out.append("x")
            i += 2
            continue
        if ch in "иы" and nxt == "й" and i + 2 == n:
            out.append("i" if ch == "и" else "y")
            i += 2
            continue
        if ch == "е":
            out.append("ye" if i == 0 else "e")
        else:
            out.append(_FOREIGN.get(ch) or _BASE.get(ch, (ch,))[0])
        i += 1
    return "".join(out)


@lru_cache(maxsize=16384)
def word_variants(word: str) -> tuple[str, str, str, str, str]:
    """(BGN, ICAO, popular, j-scheme, foreign) romanisations of one lower-case Cyrillic word."""
    ukr = _is_ukrainian(word)
    bul = _is_bulgarian(word)
    out: list[list[str]] = [[], [], [], []]
    n = len(word)
    for i, ch in enumerate(word):
        prev = word[i - 1] if i else ""
        nxt = word[i + 1] if i + 1 < n else ""
        after_vowel = (not prev) or prev in _VOWELS or prev in _SOFTENERS
        if ch in "её":
            if ch == "е":
                bgn = "ye" if after_vowel and not ukr else "e"
                pop = "ye" if prev in "ьъ" else "e"
                jj = "je" if after_vowel else "e"
            else:
                bgn = "ye" if after_vowel else "e"
                pop = "yo"
                jj = "jo"
            vals = (bgn, "e", pop, jj)
        elif ch == "г" and ukr:
            vals = ("h", "h", "h", "h")
        elif ch == "и" and ukr:
            vals = ("y", "y", "y", "y")
        elif ch == "и" and nxt == "й" and i + 2 == n:
            vals = ("i", "i", "y", "i")
        elif ch == "й":
            # popular: final -ий/-ый -> y, -ей -> ei, -ай -> ai
            if not nxt and prev in "иы":
                vals = ("y", "i", "", "j")
            elif prev in "еа" and (not nxt or nxt not in _VOWELS):
                vals = ("y", "i", "i", "j")
            else:
                vals = ("y", "i", "y", "j")
        elif ch == "я" and prev == "и":
            vals = ("ya", "ia", "a", "ja")
        elif ch == "к" and nxt == "с":
            vals = ("k", "k", "x", "k")
        elif ch == "с" and prev == "к":
            vals = ("s", "s", "", "s")
        elif bul and ch == "щ":
            vals = ("sht", "sht", "sht", "sht")
        elif bul and ch == "ъ":
            vals = ("a", "a", "a", "a")
        else:
            vals = _BASE.get(ch, (ch, ch, ch, ch))
        for k in range(4):
            out[k].append(vals[k])
    bgn, icao, pop, jsch = ("".join(parts) for parts in out)
    key = word.replace("ё", "е")
    pop = _POPULAR_NAMES.get(key, pop)
    return (bgn, icao, pop, jsch, _foreign(word))


def variants(text: str) -> list[str]:
    """Whole-text romanisations (one per scheme, not yet deduplicated or folded).

    Non-Cyrillic characters are passed through unchanged.
    """
    lowered = text.lower()
    schemes: list[list[str]] = [[], [], [], [], []]
    word: list[str] = []

    def flush() -> None:
        if word:
            vals = word_variants("".join(word))
            for k in range(5):
                schemes[k].append(vals[k])
            word.clear()

    for ch in lowered:
        if ch in _BASE or ch in "её":
            word.append(ch)
        else:
            flush()
            for k in range(5):
                schemes[k].append(ch)
    flush()
    return ["".join(parts) for parts in schemes]
