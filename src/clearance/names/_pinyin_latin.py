"""Chinese names already written in Latin letters: syllables and Wade–Giles → pinyin.

"Xi Jinping" and "Hsi Chin-ping" are the same name: split into pinyin syllables
("xi jin ping") and read Wade–Giles syllables as pinyin ("hsi" → "xi", "chin" → "jin"), both
spellings meet. The syllable inventory is anyascii's pinyin of the CJK Unified Ideographs
block, written out here (reading it from 20,902 characters took 0.1 s of every start-up);
a test holds it to anyascii's.
"""

from __future__ import annotations

from functools import cache, lru_cache
from itertools import product

from anyascii import anyascii

from clearance.names._chinese import wade_giles

MAX_SYLLABLES_PER_TOKEN = 3
MAX_VARIANTS = 4


# Every toneless syllable anyascii writes for a character of U+4E00..U+9FA5 (a few are
# Cantonese readings it gives: "baak", "gwaan", "sap").
_WRITTEN_OUT = (
    "a ai an ang ao ba baak bai ban bang bao bei ben beng bi bian biao bie bin bing bo bu ca "
    "cai can cang cao ce cen ceng cha chai chan chang chao che chen cheng chi chong chou chu "
    "chua chuai chuan chuang chui chun chuo ci cong cou cu cuan cui cun cuo da dai dan dang "
    "dao de den deng di dia dian diao die ding diu dong dou du duan dui dun duo e ei en eng "
    "er fa fan fang fei fen feng fiao fo fou fu ga gaa gai gan gang gao ge gei gen geng gong "
    "gou gu gua guai guan guang gui gun guo gwaan ha hai han hang hao he hei hen heng hm hong "
    "hou hu hua huai huan huang hui hun huo ji jia jian jiang jiao jie jin jing jiong jiu ju "
    "juan jue jun ka kai kan kang kao ke kei ken keng kong kou ku kua kuai kuan kuang kui kun "
    "kuo la lai lan lang lao le lei leng li lia lian liang liao lie lin ling liu lo long lou "
    "lu luan lue lun lung luo m ma mai man mang mao me mei men meng mi mian miao mie min ming "
    "miu mo mou mu na nai nan nang nao ne nei nen neng ng ni nian niang niao nie nin ning niu "
    "nong nou nu nuan nue nun nuo o ou pa pai pan pang pao pei pen peng pi pian piao pie pin "
    "ping po pou pu qi qia qian qiang qiao qie qin qing qiong qiu qu quan que qun ran rang "
    "rao re ren reng ri rong rou ru rua ruan rui run ruo sa sai san sang sao sap se sen seng "
    "sha shai shan shang shao she shei shen sheng shi shou shu shua shuai shuan shuang shui "
    "shun shuo si song sou su suan sui sun suo ta tai tan tang tao te teng ti tian tiao tie "
    "ting tong tou tu tuan tui tun tuo wa wai wan wang wei wen weng wo wu xi xia xian xiang "
    "xiao xie xin xing xiong xiu xu xuan xue xun ya yan yang yao ye yi yin ying yo yong you "
    "yu yuan yue yun za zai zan zang zao ze zei zen zeng zha zhai zhan zhang zhao zhe zhen "
    "zheng zhi zhong zhou zhu zhua zhuai zhuan zhuang zhui zhun zhuo zi zong zou zu zuan zui "
    "zun zuo"
)
PINYIN_SYLLABLES = frozenset(_WRITTEN_OUT.split())


def pinyin_syllables() -> frozenset[str]:
    """Every toneless pinyin syllable (from the CJK Unified Ideographs block)."""
    return PINYIN_SYLLABLES


def pinyin_syllables_from_anyascii() -> frozenset[str]:
    """The syllable inventory as read from anyascii, character by character (what
    PINYIN_SYLLABLES was written from; the tests compare the two)."""
    found = set()
    for code in range(0x4E00, 0x9FA6):
        syllable = "".join(c for c in anyascii(chr(code)).lower() if c.isalpha())
        if syllable:
            found.add(syllable)
    return frozenset(found)


@cache
def _wade_giles_to_pinyin() -> dict[str, tuple[str, ...]]:
    table: dict[str, list[str]] = {}
    for syllable in sorted(pinyin_syllables()):
        folded = wade_giles(syllable).replace("'", "")
        table.setdefault(folded, []).append(syllable)
    return {k: tuple(v) for k, v in table.items()}


@cache
def _inventory() -> frozenset[str]:
    return pinyin_syllables() | frozenset(_wade_giles_to_pinyin())


@lru_cache(maxsize=65536)
def split_syllables(token: str) -> tuple[str, ...] | None:
    """Split a token into at most three pinyin or Wade–Giles syllables (longest first);
    None if it can't."""
    syllables = _inventory()
    if token in syllables:
        return (token,)
    best: tuple[str, ...] | None = None
    for cut in range(len(token) - 1, 0, -1):
        head, tail = token[:cut], token[cut:]
        if head not in syllables:
            continue
        rest = split_syllables(tail)
        if rest is not None and len(rest) < MAX_SYLLABLES_PER_TOKEN:
            best = (head, *rest)
            break
    return best


def chinese_latin_variants(tokens: tuple[str, ...]) -> list[tuple[str, ...]]:
    """Pinyin-syllable forms of a 2–3 token person name whose tokens all read as pinyin or
    Wade–Giles syllables; [] for anything else."""
    if not 2 <= len(tokens) <= 3 or any(len(t) > 12 for t in tokens):
        return []
    split: list[str] = []
    for token in tokens:
        syllables = split_syllables(token)
        if syllables is None:
            return []
        split.extend(syllables)
    out: list[tuple[str, ...]] = []
    pinyin = pinyin_syllables()
    if all(s in pinyin for s in split):
        if tuple(split) != tokens:
            out.append(tuple(split))
        return out
    wade = _wade_giles_to_pinyin()
    readings = [wade.get(s, (s,))[:2] for s in split]
    for combination in product(*readings):
        if combination not in out:
            out.append(combination)
        if len(out) >= MAX_VARIANTS:
            break
    return out
