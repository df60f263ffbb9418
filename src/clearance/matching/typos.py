"""One-edit neighbours of the index's vocabulary (symmetric deletes), stored to load fast.

Every vocabulary token is posted under each string it becomes with one letter deleted (when
it is longer than three letters), and under itself (when it has three or more). A query
token's neighbours are the tokens posted under it or under one of its own deletions: one
insertion, deletion, substitution or adjacent transposition away, give or take, found
without comparing the token against the whole vocabulary.

The keys are kept as one sorted array of fixed-width UTF-8 strings, searched by bisection,
with the vocabulary ids posted under each in one flat array: a saved index unpickles three
arrays instead of a dictionary of 300,000 strings (5 ms instead of about 0.1 s of every
start-up, and a third of the memory). The few keys too long for the width are kept in a
dictionary. The look-up is compiled (``_native.typo_near``; a few numpy calls per token in
``near_python``, its twin).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from itertools import chain

import numpy as np

from clearance.matching import compiled

KEY_BYTES = 32  # widest key in the array (97% of them fit); longer ones go to a dictionary


def deletes(token: str) -> set[str]:
    """``token`` with one letter deleted, each way (none for tokens of three letters or less)."""
    return {token[:i] + token[i + 1 :] for i in range(len(token))} if len(token) > 3 else set()


class TypoNeighbours:
    """Vocabulary tokens one edit from a given token."""

    def __init__(self, vocabulary: Iterable[str]) -> None:
        tokens = sorted(vocabulary)
        posted: dict[str, list[int]] = defaultdict(list)
        for position, token in enumerate(tokens):
            for deleted in deletes(token):
                posted[deleted].append(position)
            if len(token) >= 3:
                posted[token].append(position)
        fitting = sorted(key for key in posted if len(key.encode()) <= KEY_BYTES)
        self._tokens = tuple(tokens)
        # Python orders str by code point, as numpy (and memcmp) order their UTF-8 bytes;
        # the records are NUL-padded, and NUL sorts first.
        self._keys = np.asarray([key.encode() for key in fitting], dtype=f"S{KEY_BYTES}").view(
            np.uint8
        )
        self._offsets = np.concatenate(
            ([0], np.cumsum([len(posted[key]) for key in fitting]))
        ).astype(np.int64)
        self._ids = np.fromiter(chain.from_iterable(posted[key] for key in fitting), dtype=np.int32)
        self._long = {
            key: tuple(tokens[i] for i in ids)
            for key, ids in posted.items()
            if len(key.encode()) > KEY_BYTES
        }

    def __len__(self) -> int:
        """The number of keys tokens are posted under."""
        return len(self._keys) // KEY_BYTES + len(self._long)

    def near_python(self, token: str) -> set[str]:
        """Vocabulary tokens posted under ``token`` or one of its deletions (``token``
        itself among them when it is in the vocabulary)."""
        keys = self._keys.view(f"S{KEY_BYTES}")
        found: set[str] = set()
        wanted = []
        for probe in (token, *deletes(token)):
            encoded = probe.encode()
            if len(encoded) > KEY_BYTES:
                found.update(self._long.get(probe, ()))
            else:
                wanted.append(encoded)
        if not wanted or not len(keys):
            return found
        probes = np.asarray(wanted, dtype=keys.dtype)
        at = np.minimum(np.searchsorted(keys, probes), len(keys) - 1)
        tokens, offsets, ids = self._tokens, self._offsets, self._ids
        for slot in at[keys[at] == probes].tolist():
            found.update(tokens[i] for i in ids[offsets[slot] : offsets[slot + 1]].tolist())
        return found

    def near_native(self, token: str) -> set[str]:
        """``near_python`` in the compiled kernel (raises if it was not built)."""
        return compiled.required(_NATIVE_MODULE, "_native").typo_near(  # type: ignore[no-any-return]
            token, self._keys, KEY_BYTES, self._offsets, self._ids, self._tokens, self._long
        )

    def near(self, token: str) -> set[str]:
        """Vocabulary tokens posted under ``token`` or one of its deletions (``token``
        itself among them when it is in the vocabulary)."""
        return self.near_native(token) if NATIVE else self.near_python(token)


_NATIVE_MODULE = compiled.load("_native")
NATIVE = compiled.serves(_NATIVE_MODULE)
