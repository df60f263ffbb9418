"""Helpers shared by the per-script romanisers."""

from __future__ import annotations

from collections.abc import Callable


def combine_words(
    text: str,
    is_script: Callable[[str], bool],
    word_fn: Callable[[str], tuple[str, ...]],
    limit: int = 6,
) -> list[str]:
    """Romanise each word of ``text`` written in one script and combine them by rank.

    Variant k of the text uses each word's k-th spelling (its first when it has fewer), so
    the first variant is every word's most likely spelling. Other characters pass through.
    """
    pieces: list[tuple[str, ...] | str] = []
    word: list[str] = []
    for ch in text:
        if is_script(ch):
            word.append(ch)
        else:
            if word:
                pieces.append(word_fn("".join(word)) or ("",))
                word = []
            pieces.append(ch)
    if word:
        pieces.append(word_fn("".join(word)) or ("",))
    depth = max((len(p) for p in pieces if isinstance(p, tuple)), default=1)
    return [
        "".join(p if isinstance(p, str) else (p[k] if k < len(p) else p[0]) for p in pieces)
        for k in range(min(depth, limit))
    ]


def words(text: str) -> list[str]:
    """The whitespace-separated words of a data block."""
    return text.split()
