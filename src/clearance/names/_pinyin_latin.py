"""Chinese names already written in Latin letters: syllables and Wade–Giles → pinyin.

"Xi Jinping" and "Hsi Chin-ping" are the same name: split into pinyin syllables
("xi jin ping") and read Wade–Giles syllables as pinyin ("hsi" → "xi", "chin" → "jin"), both
spellings meet. The syllable inventory is read from anyascii's pinyin of the CJK block once,
on first use.
"""

from __future__ import annotations

from functools import cache, lru_cache
from itertools import product

from anyascii import anyascii

from clearance.names._chinese import wade_giles

MAX_SYLLABLES_PER_TOKEN = 3
MAX_VARIANTS = 4


@cache
def pinyin_syllables() -> frozenset[str]:
    """Every toneless pinyin syllable (from the CJK Unified Ideographs block)."""
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
