"""The candidate stage's last step: which pairs of forms each chosen entity is aligned on.

For each entity, best pre-score first: its pairs within PAIR_MARGIN of its best, at most
FORMS_PER_CANDIDATE; a pair that reaches the floor only at best, only if the query words no
index key linked to the form can still pair up with the form's left-over words (and not
once UNPAIRED_FORMS of the entity's forms were found unable to).

Two twins keep one contract, the same pairs in the same order: ``choose_pairs_python`` and
the compiled ``clearance.matching._native.choose_pairs``, which also computes the link masks
only for the forms that need the left-over check. ``choose_pairs`` is the one that serves.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import NamedTuple

import numpy as np

from clearance.matching import compiled
from clearance.matching.forms import NameForm
from clearance.matching.prescore import TokenHits, look_up

PAIR_MARGIN = 2.0  # a candidate's further pairs are aligned within this of its best pre-score
FORMS_PER_CANDIDATE = 4
# Forms of one entity whose left-over parts were found unable to pair, after which its
# other forms that reach the floor only at best are not examined: an entity with dozens of
# aliases would otherwise cost dozens of checks for a hopeless candidate.
UNPAIRED_FORMS = 3
MASK_BITS = 63  # query tokens tracked in a form's link masks (int64)

Pairs = list[tuple[int, list[tuple[int, int]]]]  # (entity, [(list-name form, query form)])


class PairInputs(NamedTuple):
    """The arguments of ``choose_pairs``, in order."""

    chosen: list[int]  # entities, best first
    form_ids: np.ndarray  # list-name forms hit (int32), best pre-score first
    query_of: np.ndarray  # per form: the query form that hit it (int32)
    entities: np.ndarray  # per form: its entity (int32)
    prescores: np.ndarray  # per form: its pre-score as hit (float64)
    query_hits: list[list[tuple[int, TokenHits]]]  # per query form: (bit, hits) per token
    query_tokens: list[tuple[str, ...]]  # per query form: its tokens
    classes: list[frozenset[str]]  # per query form: its tokens' spelling classes
    forms: Sequence[NameForm]  # every list-name form of the index
    reach: float  # log-odds a best case must reach to need no left-over check
    slots: np.ndarray  # scratch, per entity (int32): -1, and left so
    canonical: Callable[[str], str]  # a token's spelling class
    could_pair: Callable[[tuple[str, ...], tuple[str, ...]], bool]  # the left-over check


def choose_pairs_python(inputs: PairInputs) -> Pairs:
    """The pairs worth aligning for each chosen entity, best pre-score first."""
    chosen, form_ids, query_of, entities, prescores = inputs[:5]
    slots = inputs.slots
    slots[chosen] = np.arange(len(chosen), dtype=np.int32)
    mine = slots[entities] >= 0
    slots[chosen] = -1
    form_ids, query_of, entities = form_ids[mine], query_of[mine], entities[mine]
    linked, fuzzy = _links(inputs.query_hits, form_ids, query_of)
    pairs: dict[int, list[tuple[int, int]]] = {entity: [] for entity in chosen}
    best: dict[int, float] = {}
    failed: dict[int, int] = {}
    seen: set[int] = set()
    canonical = inputs.canonical
    for form_id, query_index, entity, prescore, links, fuzzy_links in zip(
        form_ids.tolist(),
        query_of.tolist(),
        entities.tolist(),
        prescores[mine].tolist(),
        linked,
        fuzzy,
        strict=True,
    ):
        listed = pairs[entity]
        if len(listed) >= FORMS_PER_CANDIDATE or form_id in seen:
            continue
        if prescore < best.setdefault(entity, prescore) - PAIR_MARGIN:
            continue  # far below the entity's best pair: not where its score lies
        if prescore < inputs.reach:
            if failed.get(entity, 0) >= UNPAIRED_FORMS:
                continue
            left_query = unlinked(inputs.query_tokens[query_index], links, fuzzy_links)
            query_classes = inputs.classes[query_index]
            left_name = tuple(
                t for t in inputs.forms[form_id].tokens if canonical(t) not in query_classes
            )
            if not inputs.could_pair(left_query, left_name):
                failed[entity] = failed.get(entity, 0) + 1
                continue  # only the best case reached the floor, and it cannot happen
        seen.add(form_id)
        listed.append((form_id, query_index))
    return [(entity, pairs[entity]) for entity in chosen if pairs[entity]]


def unlinked(tokens: tuple[str, ...], linked: int, fuzzy: int) -> tuple[str, ...]:
    """The query tokens the pre-score did not count as aligned with a list-name form: those
    no index key linked to it (``linked`` bit mask), and those linked only by phonetic or
    one-edit keys (``fuzzy``) when several were (the pre-score counts them as one part)."""
    left = [t for bit, t in enumerate(tokens) if not linked >> bit & 1]
    if fuzzy & (fuzzy - 1):  # two bits or more
        left += [t for bit, t in enumerate(tokens) if fuzzy >> bit & 1]
    return tuple(left)


def _links(
    query_hits: list[list[tuple[int, TokenHits]]], form_ids: np.ndarray, query_of: np.ndarray
) -> tuple[list[int], list[int]]:
    """Per list-name form, bit masks of its query form's tokens that an index key links
    to it: through any key, and through phonetic or one-edit keys only. A token past
    the 63rd is never marked (left over: the generous case)."""
    linked = np.zeros(len(form_ids), dtype=np.int64)
    fuzzy = np.zeros(len(form_ids), dtype=np.int64)
    for query_index, hits in enumerate(query_hits):
        rows = np.flatnonzero(query_of == query_index)
        if not len(rows):
            continue
        targets = form_ids[rows]
        for bit, hit in hits:
            at, found = look_up(hit.ids, targets)
            linked[rows[found]] |= 1 << bit
            fuzzy[rows[found & (hit.factors[at] < 1.0)]] |= 1 << bit
    return linked.tolist(), fuzzy.tolist()


_NATIVE_MODULE = compiled.load("_native")
NATIVE = compiled.serves(_NATIVE_MODULE)


def choose_pairs_native(inputs: PairInputs) -> Pairs:
    """``choose_pairs_python`` in the compiled kernel (raises if it was not built)."""
    return compiled.required(_NATIVE_MODULE, "_native").choose_pairs(  # type: ignore[no-any-return]
        inputs.chosen,
        np.ascontiguousarray(inputs.form_ids, dtype=np.int32),
        np.ascontiguousarray(inputs.query_of, dtype=np.int32),
        np.ascontiguousarray(inputs.entities, dtype=np.int32),
        np.ascontiguousarray(inputs.prescores, dtype=np.float64),
        inputs.query_hits,
        inputs.query_tokens,
        inputs.classes,
        inputs.forms,
        inputs.reach,
        inputs.slots,
        inputs.canonical,
        inputs.could_pair,
        FORMS_PER_CANDIDATE,
        PAIR_MARGIN,
        UNPAIRED_FORMS,
    )


choose_pairs = choose_pairs_native if NATIVE else choose_pairs_python
