"""Writing systems of names as ISO 15924 codes: detected from the text, or named by a list.

Owns script detection for the whole of Clearance (parsers, FtM conversion):

- :func:`detect_script`: the script most letters of a text are in (``Latn``, ``Cyrl``,
  ``Arab`` ...), from the Unicode names of its letters (``FULLWIDTH LATIN ...`` and
  ``HALFWIDTH KATAKANA ...`` count too). Han is refined to ``Hans``/``Hant`` where the
  characters tell (simplified forms exist only in GB2312, traditional ones only in Big5),
  else ``Hani``; Han or kana text with kana is ``Jpan``, Han with Hangul ``Kore``.
- :func:`non_latin_script`: the same, ``None`` for Latin (what ``Name.script`` records).
- :func:`script_from_name`: a script as lists name it (``Cyrillic``, ``Chinese Simplified``,
  ``Persian``) → its code.
"""

from __future__ import annotations

import unicodedata
from collections import Counter
from functools import cache

# Words of Unicode character names → script; the first word of a name found here decides.
_SCRIPT_WORDS = {
    "LATIN": "Latn",
    "CYRILLIC": "Cyrl",
    "ARABIC": "Arab",
    "GREEK": "Grek",
    "HEBREW": "Hebr",
    "CJK": "Hani",
    "HANGUL": "Hang",
    "HIRAGANA": "Hira",
    "KATAKANA": "Kana",
    "GEORGIAN": "Geor",
    "ARMENIAN": "Armn",
    "THAI": "Thai",
    "DEVANAGARI": "Deva",
    "BENGALI": "Beng",
    "GURMUKHI": "Guru",
    "GUJARATI": "Gujr",
    "ORIYA": "Orya",
    "TAMIL": "Taml",
    "TELUGU": "Telu",
    "KANNADA": "Knda",
    "MALAYALAM": "Mlym",
    "SINHALA": "Sinh",
    "ETHIOPIC": "Ethi",
    "SYRIAC": "Syrc",
    "THAANA": "Thaa",
    "MYANMAR": "Mymr",
    "KHMER": "Khmr",
    "LAO": "Laoo",
    "TIBETAN": "Tibt",
    "MONGOLIAN": "Mong",
}

# Script names as the lists write them (lower case) → ISO 15924.
SCRIPT_NAMES = {
    "latin": "Latn",
    "cyrillic": "Cyrl",
    "arabic": "Arab",
    "persian": "Arab",
    "farsi": "Arab",
    "chinese simplified": "Hans",
    "simplified chinese": "Hans",
    "chinese traditional": "Hant",
    "traditional chinese": "Hant",
    "chinese": "Hani",
    "han": "Hani",
    "korean": "Kore",
    "hangul": "Hang",
    "japanese": "Jpan",
    "hebrew": "Hebr",
    "greek": "Grek",
    "georgian": "Geor",
    "armenian": "Armn",
    "thai": "Thai",
    "burmese": "Mymr",
    "myanmar": "Mymr",
    "khmer": "Khmr",
    "lao": "Laoo",
    "devanagari": "Deva",
    "bengali": "Beng",
    "gurmukhi": "Guru",
    "punjabi": "Guru",
    "gujarati": "Gujr",
    "oriya": "Orya",
    "odia": "Orya",
    "tamil": "Taml",
    "telugu": "Telu",
    "kannada": "Knda",
    "malayalam": "Mlym",
    "ethiopic": "Ethi",
    "tibetan": "Tibt",
    "mongolian": "Mong",
}


def script_from_name(name: str | None) -> str | None:
    """``Cyrillic`` → ``Cyrl``, ``Chinese Simplified`` → ``Hans``; unknown names ``None``."""
    return SCRIPT_NAMES.get((name or "").strip().lower())


@cache
def _char_script(char: str) -> str | None:
    for word in unicodedata.name(char, "").split():
        if script := _SCRIPT_WORDS.get(word):
            return script
    return None


def _encodes(text: str, codec: str) -> bool:
    try:
        text.encode(codec)
    except UnicodeEncodeError:
        return False
    return True


def _han_variant(text: str) -> str:
    """``Hans``/``Hant`` when the characters are only in GB2312 / only in Big5, else ``Hani``."""
    han = "".join(c for c in text if _char_script(c) == "Hani")
    simplified, traditional = _encodes(han, "gb2312"), _encodes(han, "big5")
    if simplified and not traditional:
        return "Hans"
    if traditional and not simplified:
        return "Hant"
    return "Hani"


def detect_script(text: str) -> str | None:
    """ISO 15924 code of the script most letters of ``text`` are in; ``None`` if no letters.

    Han text is ``Hans`` or ``Hant`` where the characters tell, otherwise ``Hani``; Han or
    kana text with kana in it is ``Jpan``, Han or Hangul text with both is ``Kore``.
    """
    if text.isascii():  # the common case, without a per-letter look-up
        return "Latn" if any(c.isalpha() for c in text) else None
    counts: Counter[str] = Counter()
    for char in text:
        if char.isalpha() and (script := _char_script(char)):
            counts[script] += 1
    if not counts:
        return None
    script = counts.most_common(1)[0][0]
    if script in ("Hani", "Hira", "Kana") and (counts["Hira"] or counts["Kana"]):
        return "Jpan"
    if script in ("Hani", "Hang") and counts["Hang"] and counts["Hani"]:
        return "Kore"
    return _han_variant(text) if script == "Hani" else script


def non_latin_script(text: str) -> str | None:
    """The script of ``text`` when it is not Latin (what ``Name.script`` records)."""
    script = detect_script(text)
    return None if script in (None, "Latn") else script
