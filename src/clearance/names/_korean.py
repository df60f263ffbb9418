"""Romanisation of Korean names written in Hangul.

Owns syllable decomposition and four schemes, in this order:

1. Popular South Korean: the surname's usual spelling from a table (김 Kim, 이 Lee,
   박 Park, 최 Choi, 정 Jung...), given-name syllables in the common passport style
   (``정`` → ``jung``, ``은`` → ``eun``, ``성`` → ``sung``).
2. North Korean official style found on sanctions lists: McCune–Reischauer vowels with
   ``j`` (``kim jong un``).
3. Revised Romanization (``gim jeong eun``).
4. McCune–Reischauer without diacritics (``kim chong un``).

Each scheme is produced with given-name syllables separate (``kim jong un``) and joined
(``kim jongun``). The first syllable (first two for the compound surnames 남궁, 선우, 제갈,
황보, 독고, 사공, 서문) is taken as the surname; in spaced text the first word is.
"""

from __future__ import annotations

from functools import lru_cache

_RR_INITIAL = ("g", "kk", "n", "d", "tt", "r", "m", "b", "pp", "s", "ss", "", "j", "jj", "ch",
               "k", "t", "p", "h")  # fmt: skip
_MR_INITIAL = ("k", "kk", "n", "t", "tt", "r", "m", "p", "pp", "s", "ss", "", "ch", "tch", "ch",
               "k", "t", "p", "h")  # fmt: skip
_DPRK_INITIAL = ("k", "kk", "n", "t", "tt", "r", "m", "p", "pp", "s", "ss", "", "j", "jj", "ch",
                 "k", "t", "p", "h")  # fmt: skip
_POP_INITIAL = ("k", "kk", "n", "d", "tt", "r", "m", "b", "pp", "s", "ss", "", "j", "jj", "ch",
                "k", "t", "p", "h")  # fmt: skip
_RR_MEDIAL = ("a", "ae", "ya", "yae", "eo", "e", "yeo", "ye", "o", "wa", "wae", "oe", "yo", "u",
              "wo", "we", "wi", "yu", "eu", "ui", "i")  # fmt: skip
_MR_MEDIAL = ("a", "ae", "ya", "yae", "o", "e", "yo", "ye", "o", "wa", "wae", "oe", "yo", "u",
              "wo", "we", "wi", "yu", "u", "ui", "i")  # fmt: skip
_POP_MEDIAL = ("a", "ae", "ya", "yae", "o", "e", "yo", "ye", "o", "wa", "wae", "oe", "yo", "u",
               "wo", "we", "wi", "yu", "eu", "ui", "i")  # fmt: skip
_FINAL = ("", "k", "k", "k", "n", "n", "n", "t", "l", "k", "m", "l", "l", "l", "p", "l", "m", "p",
          "p", "t", "t", "ng", "t", "t", "k", "t", "p", "t")  # fmt: skip

# Surname -> usual spellings, most common first (South Korean passports and press).
_SURNAMES: dict[str, tuple[str, ...]] = {
    "김": ("kim", "gim"),
    "이": ("lee", "yi", "rhee", "ri", "i"),
    "리": ("ri", "lee", "rhee"),
    "박": ("park", "pak", "bak"),
    "최": ("choi", "choe", "chwe"),
    "정": ("jung", "jeong", "chung", "chong"),
    "강": ("kang", "gang"),
    "조": ("cho", "jo", "joh"),
    "윤": ("yoon", "yun"),
    "장": ("jang", "chang"),
    "임": ("lim", "im", "rim"),
    "림": ("rim", "lim"),
    "한": ("han",),
    "오": ("oh", "o"),
    "서": ("seo", "suh", "so"),
    "신": ("shin", "sin"),
    "권": ("kwon", "gwon"),
    "황": ("hwang",),
    "안": ("ahn", "an"),
    "송": ("song",),
    "류": ("ryu", "yoo", "yu", "ryoo"),
    "유": ("yoo", "yu", "ryu"),
    "홍": ("hong",),
    "전": ("jeon", "jun", "chun", "chon"),
    "고": ("ko", "go", "koh"),
    "문": ("moon", "mun"),
    "양": ("yang", "ryang"),
    "손": ("son", "sohn"),
    "배": ("bae", "pae"),
    "백": ("baek", "paek", "paik", "baik"),
    "허": ("heo", "hur", "ho", "huh"),
    "남": ("nam",),
    "노": ("noh", "roh", "no"),
    "로": ("ro", "roh", "noh"),
    "하": ("ha",),
    "곽": ("kwak", "gwak"),
    "성": ("sung", "seong", "song"),
    "차": ("cha",),
    "주": ("joo", "ju", "chu"),
    "우": ("woo", "u"),
    "구": ("koo", "ku", "gu"),
    "민": ("min",),
    "나": ("na", "ra"),
    "라": ("ra", "na"),
    "진": ("jin", "chin"),
    "지": ("ji", "chi"),
    "엄": ("eom", "um", "uhm"),
    "채": ("chae",),
    "원": ("won",),
    "천": ("cheon", "chun", "chon"),
    "방": ("bang", "pang"),
    "공": ("kong", "gong"),
    "현": ("hyun", "hyeon", "hyon"),
    "함": ("ham",),
    "변": ("byun", "byeon", "pyon"),
    "염": ("yeom", "yum", "yom"),
    "여": ("yeo", "yo", "yuh"),
    "추": ("choo", "chu"),
    "도": ("do", "doh", "to"),
    "소": ("so",),
    "석": ("seok", "suk", "sok"),
    "선": ("sun", "seon", "son"),
    "설": ("seol", "sul", "sol"),
    "마": ("ma",),
    "길": ("gil", "kil"),
    "연": ("yeon", "yun", "yon"),
    "위": ("wi", "wee"),
    "표": ("pyo",),
    "명": ("myung", "myeong", "myong"),
    "기": ("ki", "gi"),
    "반": ("ban", "pan"),
    "왕": ("wang",),
    "금": ("keum", "kum", "geum"),
    "옥": ("ok",),
    "육": ("yook", "yuk"),
    "인": ("in",),
    "맹": ("maeng",),
    "제": ("je",),
    "모": ("mo",),
    "탁": ("tak",),
    "국": ("kook", "kuk", "guk"),
    "어": ("eo", "uh", "o"),
    "은": ("eun", "un"),
    "편": ("pyun", "pyeon", "pyon"),
    "용": ("yong",),
    "예": ("ye",),
    "경": ("kyung", "gyeong", "kyong"),
    "봉": ("bong", "pong"),
    "사": ("sa",),
    "부": ("boo", "bu", "pu"),
    "가": ("ka", "ga"),
    "태": ("tae",),
    "남궁": ("namgoong", "namgung"),
    "선우": ("sunwoo", "seonu", "sonu"),
    "제갈": ("jegal", "chegal"),
    "황보": ("hwangbo",),
    "독고": ("dokgo", "tokko"),
    "사공": ("sagong",),
    "서문": ("seomun", "somun"),
}
COMPOUND_SURNAMES = frozenset(k for k in _SURNAMES if len(k) == 2)

# Given-name syllables whose popular spelling departs from the mixed rule above.
_POP_SYLLABLE = {"성": "sung", "정": "jung", "영": "young", "현": "hyun", "석": "suk",
                 "선": "sun", "연": "yeon", "혁": "hyuk", "열": "yeol", "병": "byung",
                 "명": "myung", "형": "hyung", "경": "kyung", "동": "dong", "중": "joong",
                 "준": "joon", "훈": "hoon", "순": "soon", "문": "moon", "우": "woo",
                 "수": "soo", "주": "joo", "구": "koo", "은": "eun", "근": "keun",
                 "의": "eui", "지": "ji", "기": "ki"}  # fmt: skip


def _jamo(ch: str) -> tuple[int, int, int] | None:
    cp = ord(ch) - 0xAC00
    if not 0 <= cp < 11172:
        return None
    return cp // 588, (cp % 588) // 28, cp % 28


def _syllable(ch: str, scheme: int) -> str:
    parts = _jamo(ch)
    if parts is None:
        return ch
    ini, med, fin = parts
    if scheme == 0:
        return _RR_INITIAL[ini] + _RR_MEDIAL[med] + _FINAL[fin]
    if scheme == 1:
        return _MR_INITIAL[ini] + _MR_MEDIAL[med] + _FINAL[fin]
    if scheme == 3:
        return _DPRK_INITIAL[ini] + _MR_MEDIAL[med] + _FINAL[fin]
    return _POP_INITIAL[ini] + _POP_MEDIAL[med] + _FINAL[fin]


def is_hangul(ch: str) -> bool:
    return _jamo(ch) is not None


def _popular(ch: str) -> str:
    """A given-name syllable in the popular South Korean spelling."""
    return _POP_SYLLABLE.get(ch) or _syllable(ch, 2)


def syllable_spellings(ch: str) -> tuple[str, ...]:
    """One Hangul syllable as every scheme here spells it (popular, North Korean, RR, MR)."""
    spellings = [_popular(ch)]
    spellings.extend(_syllable(ch, scheme) for scheme in (3, 0, 1))
    return tuple(dict.fromkeys(spellings))


def surname_length(word: str) -> int:
    """Syllables of the surname at the start of a Korean name written as one word."""
    return 2 if len(word) >= 3 and word[:2] in COMPOUND_SURNAMES else 1


def _split_surname(word: str) -> tuple[str, str]:
    split = surname_length(word)
    return word[:split], word[split:]


@lru_cache(maxsize=8192)
def _name_variants(surname: str, given: tuple[str, ...]) -> list[str]:
    pop_sur = _SURNAMES.get(surname, ("".join(_syllable(c, 2) for c in surname),))
    rr_sur = "".join(_syllable(c, 0) for c in surname)
    mr_sur = "".join(_syllable(c, 1) for c in surname)
    given_pop = [[_popular(c) for c in g] for g in given]
    given_rr = [[_syllable(c, 0) for c in g] for g in given]
    given_mr = [[_syllable(c, 1) for c in g] for g in given]
    given_dprk = [[_syllable(c, 3) for c in g] for g in given]

    def sep(sylls: list[list[str]]) -> str:
        return " ".join(" ".join(s) for s in sylls)

    def joined(sylls: list[list[str]]) -> str:
        return " ".join("".join(s) for s in sylls)

    out: list[str] = []
    schemes = (
        (pop_sur[0], given_pop),
        (pop_sur[0], given_dprk),
        (rr_sur, given_rr),
        (mr_sur, given_mr),
    )
    for sur, sylls in schemes:
        out.append(f"{sur} {sep(sylls)}".strip())
        out.append(f"{sur} {joined(sylls)}".strip())
    out.extend(f"{alt} {sep(given_pop)}".strip() for alt in pop_sur[1:3])
    return out


def variants(text: str) -> list[str]:
    """Romanisations of a Korean name (or any Hangul text), most common first."""
    words = text.split()
    hangul = [w for w in words if all(_jamo(c) is not None for c in w)]
    if not hangul or len(hangul) != len(words):
        return [" ".join(_syllable(c, s) for c in text if not c.isspace()) for s in (2, 0, 1)]
    if len(words) == 1:
        surname, given = _split_surname(words[0])
        given_parts: tuple[str, ...] = (given,) if given else ()
    else:
        surname, given_parts = words[0], tuple(words[1:])
    return _name_variants(surname, given_parts)
