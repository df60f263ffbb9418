"""Aligning the tokens of two names and measuring how well they agree.

``token_similarity`` says how alike two folded tokens are (exact, same spelling class,
nickname, initial, same phonetic key, or edit similarity); it is compiled when a C compiler
was there at install (``_similarity.pyx``), with ``token_similarity_python`` as its twin.
``align`` pairs each token of one name with at most one of the other, best pairs first, and
summarises the alignment as the features the name model scores: weighted coverage of both
names, weakest aligned pair, unaligned tokens, order, and conflicts of legal form or numbers.
It is compiled too (``align_native``, under a third of the Python twin's time), with
``align_python`` as its twin.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache
from typing import NamedTuple

from rapidfuzz.distance import OSA, JaroWinkler, Levenshtein

from clearance.matching import compiled
from clearance.names import canonical_token, equivalent_forms, number_words, phonetic_key

ALIGN_CUTOFF = 0.70  # below this two tokens are not considered the same name part
# A shared phonetic key makes two spellings alike only if they are also this close by edits
# (a transposition counting as one): "Omar" / "Amor" and "Sok" / "Sko" are, while "Nguyen"
# and "Nyakuni" share the key NKN and little else.
PHONETIC_EDIT_FLOOR = 0.5

EXACT = "exact"
EQUIVALENT = "equivalent"
INITIAL = "initial"
PHONETIC = "phonetic"
FUZZY = "fuzzy"


def token_similarity_python(a: str, b: str) -> tuple[float, str]:
    """Similarity of two folded tokens in [0, 1] and how it was established (the Python
    twin of the compiled ``_similarity.token_similarity``)."""
    if a == b:
        return 1.0, EXACT
    if canonical_token(a) == canonical_token(b):
        return 0.97, EQUIVALENT
    if b in equivalent_forms(a):
        return 0.92, EQUIVALENT
    if len(a) == 1 or len(b) == 1:
        short, long = (a, b) if len(a) < len(b) else (b, a)
        if len(short) == 1 and short.isalpha() and long.startswith(short):
            return 0.75, INITIAL
        return 0.0, FUZZY
    number_a, number_b = number_words(a), number_words(b)
    if number_a is not None or number_b is not None:
        same = number_a == b or number_b == a or (number_a is not None and number_a == number_b)
        return (0.97, EQUIVALENT) if same else (0.0, FUZZY)
    edit = Levenshtein.normalized_similarity(a, b)
    jaro = JaroWinkler.similarity(a, b)
    comparable = min(len(a), len(b)) >= 4 and max(len(a), len(b)) <= 1.3 * min(len(a), len(b))
    similarity = max(edit, jaro - 0.08) if comparable else edit
    if (
        similarity < 0.88
        and _sound_alike(a, b)  # cached keys first: most pairs stop here
        and OSA.normalized_similarity(a, b) >= PHONETIC_EDIT_FLOOR
    ):
        return 0.88, PHONETIC
    return similarity, FUZZY


@lru_cache(maxsize=1 << 16)
def token_signature(token: str) -> tuple[str, frozenset[str], str | None, str]:
    """What the compiled similarity needs of a token besides its letters: its spelling
    class, equivalent forms, number spelling and phonetic key."""
    return canonical_token(token), equivalent_forms(token), number_words(token), phonetic_key(token)


_SIMILARITY = compiled.load("_similarity")
NATIVE = compiled.serves(_SIMILARITY)


def token_similarity_native(a: str, b: str) -> tuple[float, str]:
    """``token_similarity_python`` in the compiled kernel (raises if it was not built)."""
    kernel = compiled.required(_SIMILARITY, "_similarity")
    return kernel.token_similarity(a, b, token_signature(a), token_signature(b))  # type: ignore[no-any-return]


# Cached: the same pairs of tokens meet across the forms of an entity and across queries.
token_similarity = lru_cache(maxsize=1 << 18)(
    token_similarity_native if NATIVE else token_similarity_python
)


def _sound_alike(a: str, b: str) -> bool:
    """Same phonetic key, when the key says something: two letters or more (one letter,
    as in "cha" / "ho", is any short syllable) and words of comparable length ("yun" is
    not "zhenyu" however their consonants reduce)."""
    if max(len(a), len(b)) > 1.5 * min(len(a), len(b)):
        return False
    key = phonetic_key(a)
    return len(key) >= 2 and key == phonetic_key(b)


@dataclass(frozen=True, slots=True)
class AlignedPair:
    query_token: str  # several tokens joined by a space when a compound or acronym aligned
    name_token: str
    similarity: float
    how: str


class _Match(NamedTuple):
    """One aligned part: positions of the query and of the name, how alike, and how known.
    (The compiled twin builds plain tuples of the same four fields.)"""

    query: tuple[int, ...]
    name: tuple[int, ...]
    similarity: float
    how: str


class Alignment:
    """How two token sequences line up, and the features the name model reads.

    The numbers are computed for every alignment; the aligned pairs and unaligned tokens,
    which only an explanation needs, are built on first access."""

    __slots__ = (
        "_chosen",
        "_name",
        "_omitted",
        "_query",
        "_used_name",
        "_used_query",
        "aligned_count",
        "conflict",
        "coverage_name",
        "coverage_query",
        "exact_share",
        "fuzzy_loss",
        "in_order",
        "rotated",
        "unaligned_name_count",
        "unaligned_query_count",
        "weakest",
    )

    def __init__(
        self,
        query: tuple[str, ...],
        name: tuple[str, ...],
        chosen: list[_Match],
        used_query: set[int],
        used_name: set[int],
        omitted: tuple[str, ...],
        coverage_query: float,
        coverage_name: float,
        weakest: float,
        exact_share: float,
        in_order: bool,
        rotated: bool,
        fuzzy_loss: float,
        conflict: float,
    ) -> None:
        self._query, self._name, self._chosen = query, name, chosen
        self._used_query, self._used_name = used_query, used_name
        self._omitted = omitted
        self.aligned_count = len(chosen)
        self.unaligned_query_count = len(query) - len(used_query)
        self.unaligned_name_count = len(name) - len(used_name)
        self.coverage_query = coverage_query  # rarity-weighted share explained
        self.coverage_name = coverage_name
        self.weakest = weakest  # lowest similarity among aligned pairs
        self.exact_share = exact_share  # aligned pairs exact or equivalent
        self.in_order = in_order  # pairs keep their order in both names
        self.rotated = rotated  # out of order only by rotation
        self.fuzzy_loss = fuzzy_loss  # share of the name lost to inexact pairs
        self.conflict = conflict  # weight unaligned on BOTH sides (substitution)

    @property
    def pairs(self) -> tuple[AlignedPair, ...]:
        query, name = self._query, self._name
        return tuple(
            AlignedPair(
                " ".join(query[i] for i in query_positions),
                " ".join(name[j] for j in name_positions),
                similarity,
                how,
            )
            for query_positions, name_positions, similarity, how in self._chosen
        )

    @property
    def unaligned_query(self) -> tuple[str, ...]:
        return tuple(q for i, q in enumerate(self._query) if i not in self._used_query)

    @property
    def omitted(self) -> tuple[str, ...]:
        """Patronymics of one name left out of the other, not counted against the match."""
        return self._omitted

    @property
    def unaligned_name(self) -> tuple[str, ...]:
        return tuple(n for j, n in enumerate(self._name) if j not in self._used_name)


COMPOUND = "compound"  # one token against 2-3 adjacent ones: "vladimirputin" / "vladimir putin"
ACRONYM = "acronym"  # "pla" / "people liberation army", "jc" / "jean claude"
COMPOUND_CUTOFF = 0.86
COMPOUND_PARTS = 3  # "plat ono vich" / "platonovich"
ACRONYM_SIMILARITY = 0.85
LONGEST_ACRONYM = 5  # letters of an organisation's acronym ("pla", "ntmc")
LONGEST_PERSON_ACRONYM = 2  # a person's initials run together ("jc"); "abu" is a name


def align_python(
    query: tuple[str, ...],
    name: tuple[str, ...],
    query_weights: tuple[float, ...],
    name_weights: tuple[float, ...],
    longest_acronym: int = LONGEST_ACRONYM,
) -> Alignment:
    """Best-first alignment of two token sequences (each token used at most once), then
    compounds and acronyms (up to ``longest_acronym`` letters) among the tokens left over.
    (The Python twin of the compiled ``_similarity.align``: the sums are added one by one,
    in the same order, so both give the same numbers to the last bit.)"""
    scored = []
    for i, q in enumerate(query):
        for j, n in enumerate(name):
            similarity, how = token_similarity(q, n) if q <= n else token_similarity(n, q)
            if similarity >= ALIGN_CUTOFF:
                scored.append((similarity, query_weights[i] + name_weights[j], i, j, how))
    scored.sort(reverse=True)
    used_q: set[int] = set()
    used_n: set[int] = set()
    chosen: list[_Match] = []
    for similarity, _, i, j, how in scored:
        if i in used_q or j in used_n:
            continue
        used_q.add(i)
        used_n.add(j)
        chosen.append(_Match((i,), (j,), similarity, how))
    if len(used_q) < len(query) and len(used_n) < len(name):
        chosen.extend(_leftovers(query, name, used_q, used_n, longest_acronym))
        chosen.extend(_swap(m) for m in _leftovers(name, query, used_n, used_q, longest_acronym))
    chosen.sort(key=lambda m: m.query)
    omitted_q, omitted_n = _omitted_patronymics(query, name, used_q, used_n)
    matched_q = _added(query_weights[i] * m.similarity for m in chosen for i in m.query)
    matched_n = _added(name_weights[j] * m.similarity for m in chosen for j in m.name)
    total_q = _added(w for i, w in enumerate(query_weights) if i not in omitted_q) or 1.0
    total_n = _added(w for j, w in enumerate(name_weights) if j not in omitted_n) or 1.0
    name_positions = [m.name[0] for m in chosen]
    in_order = name_positions == sorted(name_positions)
    pivot = name_positions.index(min(name_positions)) if name_positions else 0
    rotated = not in_order and (name_positions[pivot:] + name_positions[:pivot]) == sorted(
        name_positions
    )
    lost = _added(name_weights[j] * (1 - m.similarity) for m in chosen for j in m.name)
    exact = sum(1 for m in chosen if m.how in EXACT_KINDS)
    left_q = _added(
        w for i, w in enumerate(query_weights) if i not in used_q and i not in omitted_q
    )
    left_n = _added(w for j, w in enumerate(name_weights) if j not in used_n and j not in omitted_n)
    return Alignment(
        query,
        name,
        chosen,
        used_q | omitted_q,
        used_n | omitted_n,
        tuple(query[i] for i in sorted(omitted_q)) + tuple(name[j] for j in sorted(omitted_n)),
        coverage_query=matched_q / total_q,
        coverage_name=matched_n / total_n,
        weakest=min((m.similarity for m in chosen), default=0.0),
        exact_share=exact / len(chosen) if chosen else 0.0,
        in_order=in_order,
        rotated=rotated,
        fuzzy_loss=lost / total_n,
        conflict=left_q if left_q < left_n else left_n,
    )


def _added(values: Iterable[float]) -> float:
    """The sum of ``values`` added one by one from 0.0, as the compiled twin adds them
    (``sum`` compensates rounding on Python 3.12 and later)."""
    total = 0.0
    for value in values:
        total += value
    return total


def align_native(
    query: tuple[str, ...],
    name: tuple[str, ...],
    query_weights: tuple[float, ...],
    name_weights: tuple[float, ...],
    longest_acronym: int = LONGEST_ACRONYM,
) -> Alignment:
    """``align_python`` in the compiled kernel (raises if it was not built)."""
    return compiled.required(_SIMILARITY, "_similarity").align(  # type: ignore[no-any-return]
        query,
        name,
        query_weights,
        name_weights,
        longest_acronym,
        token_similarity,
        Alignment,
        ALIGN_CUTOFF,
        COMPOUND_CUTOFF,
        COMPOUND_PARTS,
        ACRONYM_SIMILARITY,
        PATRONYMIC_ENDINGS,
        EXACT_KINDS,
        COMPOUND,
        ACRONYM,
    )


PATRONYMIC_ENDINGS = ("ovich", "evich", "ovych", "evych", "ovna", "evna", "ivna", "ichna")
EXACT_KINDS = (EXACT, EQUIVALENT)  # pairs counted in the exact share
_NO_OMISSION: tuple[frozenset[int], frozenset[int]] = (frozenset(), frozenset())


def _omitted_patronymics(
    query: tuple[str, ...], name: tuple[str, ...], used_q: set[int], used_n: set[int]
) -> tuple[frozenset[int], frozenset[int]]:
    """Unaligned patronymics ("Vladimirovich") of one name when the other name has none
    left over: customers often leave the father's name out ("Volodymyr Zelenskyy" /
    "Volodymyr Oleksandrovych Zelenskyy"), which is missing information, not a different
    person. Two different patronymics left over on both sides stay a conflict."""
    if len(used_q) == len(query) and len(used_n) == len(name):
        return _NO_OMISSION
    left_q = _patronymics(query, used_q)
    left_n = _patronymics(name, used_n)
    if left_q and not left_n:
        return left_q, frozenset()
    if left_n and not left_q:
        return frozenset(), left_n
    return _NO_OMISSION


def _patronymics(tokens: tuple[str, ...], used: set[int]) -> frozenset[int]:
    """Unaligned positions holding a patronymic: a Slavic patronymic ending on a word that
    is neither the first nor the only other word ("Ivan Petrovich Karpovich": the middle
    one; "Putin Vladimir Vladimirovich": the last, after a given name)."""
    n = len(tokens)
    if n < 3:
        return frozenset()
    marked = [i for i in range(1, n) if tokens[i].endswith(PATRONYMIC_ENDINGS)]
    if n - 1 in marked and len(marked) > 1:
        marked.remove(n - 1)  # a surname like Karpovich after a patronymic
    return frozenset(i for i in marked if i not in used)


def _swap(match: _Match) -> _Match:
    return _Match(match.name, match.query, match.similarity, match.how)


def _leftovers(
    one: tuple[str, ...],
    other: tuple[str, ...],
    used_one: set[int],
    used_other: set[int],
    longest_acronym: int,
) -> list[_Match]:
    """Single tokens of ``one`` that equal two adjacent (compound) or several (acronym)
    leftover tokens of ``other``; marks what they use."""
    found: list[_Match] = []
    for i, token in enumerate(one):
        if i in used_one:
            continue
        free = [j for j in range(len(other)) if j not in used_other]
        match = compound_of(token, other, free) or acronym_of(token, other, free, longest_acronym)
        if match is not None:
            positions, similarity, how = match
            used_one.add(i)
            used_other.update(positions)
            found.append(_Match((i,), positions, similarity, how))
    return found


def compound_of(
    token: str, other: tuple[str, ...], free: list[int]
) -> tuple[tuple[int, ...], float, str] | None:
    size_of_token = len(token)
    if size_of_token < 5:
        return None
    best = None
    lengths = [len(other[j]) for j in free]
    for size in range(2, COMPOUND_PARTS + 1):
        for start in range(len(free) - size + 1):
            if free[start + size - 1] - free[start] != size - 1:
                continue  # not adjacent in the other name
            joined_size = sum(lengths[start : start + size])
            longer = max(joined_size, size_of_token)
            if 1 - abs(joined_size - size_of_token) / longer < COMPOUND_CUTOFF:
                continue  # the length difference alone keeps it below the cutoff
            run = free[start : start + size]
            joined = "".join(other[j] for j in run)
            similarity = Levenshtein.normalized_similarity(token, joined)
            if similarity >= COMPOUND_CUTOFF and (best is None or similarity > best[1]):
                best = (tuple(run), similarity, COMPOUND)
    return best


def acronym_of(
    token: str, other: tuple[str, ...], free: list[int], longest: int
) -> tuple[tuple[int, ...], float, str] | None:
    size = len(token)
    if not 2 <= size <= longest or not token.isalpha():
        return None
    for start in range(len(free) - size + 1):
        run = free[start : start + size]
        if run[-1] - run[0] != size - 1:
            continue
        if "".join(other[j][0] for j in run) == token:
            return tuple(run), ACRONYM_SIMILARITY, ACRONYM
    return None


align = align_native if NATIVE else align_python
