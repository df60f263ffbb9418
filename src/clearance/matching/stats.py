"""How rare each name token is in the loaded lists, as a weight in [0, 1].

A match on "Demir" says more than a match on "Mohammed" or "Trading": tokens are weighted by
inverse document frequency over the entities of every loaded list (a token counts once per
entity however many aliases repeat it). Without loaded lists every token weighs the same,
except generic organisation words, which weigh less.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field

from clearance.names import canonical_token

GENERIC_WEIGHT = 0.35  # weight of a generic organisation word when no list statistics exist
MIN_WEIGHT = 0.05


@dataclass
class TokenStats:
    """Document frequencies of tokens over ``entity_count`` entities."""

    entity_count: int = 0
    frequencies: Counter[str] = field(default_factory=Counter)
    generic: frozenset[str] = frozenset()

    def __post_init__(self) -> None:
        self._max_idf = math.log(self.entity_count + 1) if self.entity_count else 1.0
        self._cache: dict[str, float] = {}

    @classmethod
    def from_token_sets(cls, token_sets: Iterable[Iterable[str]]) -> TokenStats:
        frequencies: Counter[str] = Counter()
        count = 0
        for tokens in token_sets:
            count += 1
            frequencies.update(set(tokens))
        return cls(count, frequencies)

    def weight(self, token: str) -> float:
        """Rarity weight of a token: 1.0 for a token no entity has, less for common ones.

        Frequencies are counted over spelling classes (``canonical_token``), so "Mohammed"
        weighs what "Muhammad" and every other spelling of the name weigh together."""
        cached = self._cache.get(token)
        if cached is not None:
            return cached
        if self.entity_count:
            frequency = self.frequencies.get(canonical_token(token), 0)
            idf = math.log((self.entity_count + 1) / (frequency + 1))
            value = max(MIN_WEIGHT, min(1.0, idf / self._max_idf))
        else:
            value = GENERIC_WEIGHT if token in self.generic else 1.0
        if len(token) == 1:  # an initial says little however rare the letter
            value = min(value, 0.3)
        self._cache[token] = value
        return value

    def frequency(self, token: str) -> int:
        return self.frequencies.get(canonical_token(token), 0)
