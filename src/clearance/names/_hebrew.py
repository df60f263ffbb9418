"""Romanisation of Hebrew names.

Owns: a table of frequent Hebrew given and family names with their usual Latin spellings
(``משה`` → ``moshe``, ``דוד`` → ``david``), and for other words a consonantal transliteration
with a simple vowel guess (ו between consonants → o, י → i, final ה → a, a between other
consonant pairs), plus the bare consonant skeleton as the last variant. Niqqud is ignored.
"""

from __future__ import annotations

import unicodedata
from functools import lru_cache

from clearance.names._common import combine_words

# Unpointed Hebrew -> usual Latin spellings, most common first.
_NAMES: dict[str, tuple[str, ...]] = {
    "משה": ("moshe", "moses"),
    "דוד": ("david", "dovid"),
    "יוסף": ("yosef", "joseph", "yossef"),
    "אברהם": ("avraham", "abraham"),
    "יצחק": ("yitzhak", "itzhak", "isaac", "yitzchak"),
    "יעקב": ("yaakov", "jacob", "yaacov"),
    "שרה": ("sarah", "sara"),
    "רחל": ("rachel", "rahel"),
    "לאה": ("leah", "lea"),
    "רבקה": ("rivka", "rebecca"),
    "שמואל": ("shmuel", "samuel"),
    "דניאל": ("daniel",),
    "בנימין": ("binyamin", "benjamin"),
    "מרים": ("miriam", "miryam"),
    "אהרן": ("aharon", "aaron"),
    "אהרון": ("aharon", "aaron"),
    "שלמה": ("shlomo", "solomon"),
    "יהודה": ("yehuda", "yehudah", "judah"),
    "אליהו": ("eliyahu", "eliahu"),
    "חיים": ("chaim", "haim", "hayim"),
    "מיכאל": ("michael", "mikhael"),
    "גבריאל": ("gabriel", "gavriel"),
    "נתן": ("natan", "nathan"),
    "אריה": ("arie", "arye", "aryeh"),
    "צבי": ("tzvi", "zvi", "tsvi"),
    "מאיר": ("meir",),
    "יונתן": ("yonatan", "jonathan"),
    "אליעזר": ("eliezer",),
    "עמוס": ("amos",),
    "אבי": ("avi",),
    "רון": ("ron",),
    "גיל": ("gil",),
    "יאיר": ("yair",),
    "נתניהו": ("netanyahu",),
    "כהן": ("cohen", "kohen", "cohn"),
    "לוי": ("levi", "levy"),
    "ישראל": ("israel", "yisrael"),
    "אהוד": ("ehud",),
    "בני": ("benny", "beni"),
    "שמעון": ("shimon", "simon"),
    "יוחנן": ("yohanan", "johanan"),
    "אלון": ("alon",),
    "עמית": ("amit",),
    "אורי": ("uri", "ori"),
    "נועה": ("noa", "noah"),
    "תמר": ("tamar",),
    "אסתר": ("ester", "esther"),
    "חנה": ("hana", "hannah", "chana"),
    "רות": ("ruth", "rut"),
    "יעל": ("yael", "jael"),
    "מלכה": ("malka",),
    "גולדה": ("golda",),
    "בן": ("ben",),
    "בת": ("bat",),
    "שמיר": ("shamir",),
    "פרס": ("peres",),
    "רבין": ("rabin",),
    "ברק": ("barak",),
    "שרון": ("sharon",),
    "אולמרט": ("olmert",),
    "גנץ": ("gantz",),
    "בנט": ("bennett", "bennet"),
    "לפיד": ("lapid",),
    "ליברמן": ("lieberman", "liberman"),
    "פרץ": ("peretz",),
    "מזרחי": ("mizrahi", "mizrachi"),
    "פרידמן": ("friedman", "fridman"),
    "שפירא": ("shapira", "shapiro"),
    "אברמוביץ": ("abramovich", "abramovitz"),
    "גולדברג": ("goldberg",),
    "רוזנברג": ("rosenberg",),
    "קליין": ("klein",),
    "כץ": ("katz",),
    "אזולאי": ("azoulay", "azulai"),
    "אוחיון": ("ohayon",),
    "ביטון": ("biton",),
    "דהן": ("dahan",),
    "אגמון": ("agmon",),
}

_FINALS = str.maketrans("ךםןףץ", "כמנפצ")
_CONS = {
    "א": "", "ב": "v", "ג": "g", "ד": "d", "ה": "h", "ו": "v", "ז": "z", "ח": "ch",
    "ט": "t", "י": "y", "כ": "k", "ל": "l", "מ": "m", "נ": "n", "ס": "s", "ע": "",
    "פ": "p", "צ": "tz", "ק": "k", "ר": "r", "ש": "sh", "ת": "t",
}  # fmt: skip
_INITIAL = {"ב": "b", "כ": "k", "פ": "p"}
_FINAL = {"כ": "ch", "פ": "f"}


def _plain(word: str) -> str:
    decomposed = unicodedata.normalize("NFD", word)
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch) and ch not in "׳״'\"")


def _rule(word: str) -> str:
    letters = word.translate(_FINALS)
    out: list[str] = []
    n = len(letters)
    for i, ch in enumerate(letters):
        last = i == n - 1
        if ch == "ו" and i > 0:
            out.append("o")
            continue
        if ch == "י" and 0 < i < n - 1:
            out.append("i")
            continue
        if ch == "ה" and last:
            out.append("a" if i else "h")
            continue
        if ch in ("א", "ע"):
            out.append("a" if i == 0 or last else "")
            continue
        val = (_INITIAL.get(ch) if i == 0 else _FINAL.get(ch) if last else None) or _CONS.get(
            ch, ch
        )
        if out and out[-1] and out[-1][-1] not in "aeiou" and val and val[0] not in "aeiou":
            out.append("a")
        out.append(val)
    return "".join(out)


def _skeleton(word: str) -> str:
    letters = word.translate(_FINALS)
    return "".join(
        (_INITIAL.get(ch) if i == 0 else None) or _CONS.get(ch, ch) for i, ch in enumerate(letters)
    )


@lru_cache(maxsize=8192)
def word_variants(word: str) -> tuple[str, ...]:
    """Latin spellings of one Hebrew word, most likely first."""
    plain = _plain(word)
    known = _NAMES.get(plain) or _NAMES.get(plain.translate(_FINALS))
    out = list(known) if known else []
    out.append(_rule(plain))
    out.append(_skeleton(plain))
    return tuple(dict.fromkeys(v for v in out if v))


def variants(text: str) -> list[str]:
    """Whole-text romanisations; words combined by rank (each word's n-th spelling)."""
    return combine_words(text, _is_hebrew, word_variants)


def _is_hebrew(ch: str) -> bool:
    return "\u0590" <= ch <= "\u05ff" or "\ufb1d" <= ch <= "\ufb4f" or ch in "\"'׳״"
