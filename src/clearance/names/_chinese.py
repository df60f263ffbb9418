"""Romanisation of Chinese names written in Han characters.

Owns: Hanyu Pinyin per character (anyascii's Mandarin reading, one syllable per character,
tone marks dropped), the pinyin → Wade–Giles syllable conversion (written here as rules over
initials and finals plus the irregular syllables; apostrophes fold away: ``p'ing`` → ``ping``)
and a table of common Cantonese / Taiwanese / Singaporean surname spellings (陈 Chan, 王 Wong,
张 Cheung, 李 Lee, 黄 Wong...). The surname is the first character (the first two for the
common compound surnames 欧阳, 司马, 诸葛...). Variants, in order: pinyin syllables separate
(``xi jin ping``), given name joined (``xi jinping``), Wade–Giles separate (``hsi chin ping``)
and joined (``hsi chinping``), then the other surname spellings with the pinyin given name.

Han text that is Japanese or Korean (kanji, hanja) gets the Mandarin reading too: there is
no reading data for those here.
"""

from __future__ import annotations

from functools import lru_cache

from anyascii import anyascii

from clearance.names._common import words

_COMPOUND_SURNAMES = frozenset(
    words(
        "欧阳 歐陽 司马 司馬 诸葛 諸葛 上官 东方 東方 皇甫 尉迟 尉遲 公孙 公孫 慕容 长孙 長孫 夏侯 "
        "令狐 宇文 司徒 端木 轩辕 軒轅 西门 西門 南宫 南宮 独孤 獨孤 申屠 闻人 聞人 万俟 萬俟"
    )
)

# pinyin surname -> other spellings in use (Cantonese, Taiwanese Wade-Giles, Hokkien, Teochew).
_SURNAME_SPELLINGS: dict[str, tuple[str, ...]] = {
    "chen": ("chan", "tan", "chin"),
    "wang": ("wong", "ong", "heng"),
    "zhang": ("cheung", "chang", "teo", "chong"),
    "li": ("lee", "lei", "lai"),
    "liu": ("lau", "lao", "low"),
    "huang": ("wong", "hwang", "ng", "wee"),
    "zhao": ("chiu", "chao", "chew"),
    "wu": ("ng", "woo", "goh", "ung"),
    "zhou": ("chow", "chau", "chou", "chew"),
    "xu": ("hui", "tsui", "hsu", "koh", "khoo"),
    "sun": ("suen", "soon", "sng"),
    "ma": ("mah", "mar", "beh"),
    "zhu": ("chu", "chue", "choo"),
    "hu": ("woo", "wu", "foo", "oh"),
    "guo": ("kwok", "kuo", "kok", "quek"),
    "he": ("ho", "hoh", "hor"),
    "lin": ("lam", "lim", "ling"),
    "gao": ("ko", "kao", "koh"),
    "luo": ("lo", "law", "loh", "lor"),
    "zheng": ("cheng", "chang", "tay", "teh"),
    "liang": ("leung", "neo", "leong"),
    "xie": ("tse", "hsieh", "cheah", "chia"),
    "song": ("sung", "soong"),
    "tang": ("tong", "teng"),
    "han": ("hon", "hang"),
    "feng": ("fung", "fong", "pang"),
    "deng": ("tang", "teng", "tan"),
    "cao": ("tso", "chou", "tsao"),
    "peng": ("pang", "phang"),
    "zeng": ("tsang", "tseng", "chan"),
    "xiao": ("siu", "hsiao", "seow"),
    "tian": ("tin", "tien"),
    "dong": ("tung", "tong"),
    "pan": ("poon", "phua", "pun"),
    "yuan": ("yuen", "wan"),
    "cai": ("choi", "tsai", "chua", "chuah"),
    "jiang": ("kong", "chiang", "keung"),
    "yu": ("yue", "yee", "yi", "u"),
    "du": ("to", "tu"),
    "ye": ("yip", "yeh", "yap", "iap"),
    "cheng": ("ching", "chung", "seng"),
    "wei": ("ngai", "wai"),
    "su": ("so", "soh", "soo"),
    "lu": ("lo", "lou", "loo", "lui"),
    "ding": ("ting", "teng"),
    "ren": ("yam", "jen"),
    "shen": ("sham", "shum", "sim"),
    "yao": ("yiu",),
    "cui": ("tsui", "chui", "tsuei"),
    "zhong": ("chung", "cheong", "chong"),
    "tan": ("tam", "tham"),
    "fan": ("fan", "faan", "huan"),
    "fang": ("fong", "png"),
    "shi": ("shek", "sze", "see", "shih"),
    "jin": ("kam", "kim", "chin"),
    "qiu": ("yau", "khoo", "chiu"),
    "mo": ("mok",),
    "kong": ("hung",),
    "bai": ("pak",),
    "mai": ("mak",),
    "yang": ("yeung", "yong", "yeo", "yeoh", "ang"),
    "wen": ("man", "boon", "woon"),
    "lai": ("lai", "loi"),
    "ou": ("au", "ow"),
    "ouyang": ("auyeung", "owyang"),
    "situ": ("szeto",),
}

_INITIALS = ("zh", "ch", "sh", "b", "p", "m", "f", "d", "t", "n", "l", "g", "k", "h", "j", "q",
             "x", "r", "z", "c", "s", "y", "w")  # fmt: skip
_WG_INITIAL = {"b": "p", "p": "p'", "m": "m", "f": "f", "d": "t", "t": "t'", "n": "n", "l": "l",
               "g": "k", "k": "k'", "h": "h", "j": "ch", "q": "ch'", "x": "hs", "zh": "ch",
               "ch": "ch'", "sh": "sh", "r": "j", "z": "ts", "c": "ts'", "s": "s", "y": "y",
               "w": "w", "": ""}  # fmt: skip
_WG_WHOLE = {
    "zi": "tzu", "ci": "tz'u", "si": "ssu", "zhi": "chih", "chi": "ch'ih", "shi": "shih",
    "ri": "jih", "er": "erh", "yi": "i", "you": "yu", "yu": "yu", "yue": "yueh", "yuan": "yuan",
    "yun": "yun", "yan": "yen", "ye": "yeh", "yong": "yung", "e": "o", "ge": "ko", "ke": "k'o",
    "he": "ho", "gui": "kuei", "kui": "k'uei", "guo": "kuo", "kuo": "k'uo", "huo": "huo",
    "shuo": "shuo", "wo": "wo", "lue": "lueh", "nue": "nueh", "jue": "chueh", "que": "ch'ueh",
    "xue": "hsueh", "xiong": "hsiung", "jiong": "chiung", "qiong": "ch'iung", "zhe": "che",
    "che": "ch'e", "she": "she", "re": "je", "ze": "tse", "ce": "ts'e", "se": "se", "ju": "chu",
    "qu": "ch'u", "xu": "hsu", "jun": "chun", "qun": "ch'un", "xun": "hsun", "juan": "chuan",
    "quan": "ch'uan", "xuan": "hsuan", "ri4": "jih",
}  # fmt: skip
_WG_FINAL = (("iong", "iung"), ("ong", "ung"), ("ian", "ien"), ("ie", "ieh"), ("uo", "o"))


@lru_cache(maxsize=4096)
def wade_giles(syllable: str) -> str:
    """Wade–Giles spelling (apostrophes kept, no umlauts) of one pinyin syllable."""
    s = syllable.lower().replace("ü", "u").replace("v", "u")
    if s in _WG_WHOLE:
        return _WG_WHOLE[s]
    initial = next((i for i in _INITIALS if s.startswith(i) and len(s) > len(i)), "")
    final = s[len(initial) :]
    for py, wg in _WG_FINAL:
        if final.endswith(py) and (py != "uo" or final == "uo"):
            final = final[: -len(py)] + wg
            break
    if final == "ui" and initial in ("g", "k"):
        final = "uei"
    return _WG_INITIAL.get(initial, initial) + final


@lru_cache(maxsize=16384)
def pinyin(ch: str) -> str:
    """Lower-case toneless pinyin of one Han character ('' when unknown)."""
    return "".join(c for c in anyascii(ch).lower() if c.isalpha())


def is_han(ch: str) -> bool:
    cp = ord(ch)
    return (
        0x4E00 <= cp <= 0x9FFF
        or 0x3400 <= cp <= 0x4DBF
        or 0xF900 <= cp <= 0xFAFF
        or 0x20000 <= cp <= 0x323AF
        or 0x2E80 <= cp <= 0x2FDF
        or ch == "〇"
    )


def surname_length(chars: str) -> int:
    """Characters of the surname at the start of a Chinese name written as one word."""
    return 2 if len(chars) >= 3 and chars[:2] in _COMPOUND_SURNAMES else 1


@lru_cache(maxsize=8192)
def _name_variants(chars: str) -> tuple[str, ...]:
    split = surname_length(chars)
    sur = [pinyin(c) for c in chars[:split]]
    given = [p for p in (pinyin(c) for c in chars[split:]) if p]
    sur = [p for p in sur if p]
    surname = "".join(sur)
    wg_sur = "".join(wade_giles(p) for p in sur)
    wg_given = [wade_giles(p) for p in given]
    out = [
        " ".join([surname, *given]),
        " ".join([surname, "".join(given)]),
        " ".join([wg_sur, *wg_given]),
        " ".join([wg_sur, "".join(wg_given)]),
    ]
    for alt in _SURNAME_SPELLINGS.get(surname, ())[:3]:
        out.append(" ".join([alt, *given]))
    return tuple(v.strip() for v in out)


@lru_cache(maxsize=8192)
def _text_variants(chars: str) -> tuple[str, ...]:
    syllables = [p for p in (pinyin(c) for c in chars) if p]
    return (" ".join(syllables), " ".join(wade_giles(p) for p in syllables))


def variants(text: str) -> list[str]:
    """Romanisations of Han text. A run of 2–4 characters is treated as a personal name
    (surname first); longer runs (organisation names) get syllable-by-syllable pinyin and
    Wade–Giles only."""
    runs: list[tuple[str, ...] | str] = []
    word: list[str] = []
    for ch in text:
        if is_han(ch):
            word.append(ch)
            continue
        if word:
            runs.append("".join(word))
            word = []
        runs.append((" " if ch in "·・." else ch,))
    if word:
        runs.append("".join(word))
    han_runs = [r for r in runs if isinstance(r, str)]
    is_name = len(han_runs) == 1 and 2 <= len(han_runs[0]) <= 4
    pieces: list[tuple[str, ...]] = []
    for r in runs:
        if isinstance(r, tuple):
            pieces.append(r)
        else:
            pieces.append(_name_variants(r) if is_name else _text_variants(r))
    depth = max(len(p) for p in pieces) if pieces else 0
    return [
        " ".join("".join(p[k] if k < len(p) else p[0] for p in pieces).split())
        for k in range(depth)
    ]
