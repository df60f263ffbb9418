"""The candidate index: every name form of every listed entity, keyed for fast recall.

Each form's tokens are posted under three kinds of key: the token's spelling class
(``canonical_token``), its phonetic key, and — for tokens a query spells differently — the
symmetric-delete neighbourhood of the vocabulary (every token with one letter removed,
``clearance.matching.typos``), which finds one-edit typos without comparing against the
whole vocabulary. A query collects, per
list-name form, the best rarity weight each of its tokens earns through any key; the forms with
the most weight, grouped by entity, are the candidates the scorer examines. Common tokens
(Mohammed, Trading, Bank) weigh little, so they cannot crowd out a rare surname.
"""

from __future__ import annotations

import gc
import threading
from collections import defaultdict
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from functools import lru_cache

import numpy as np

from clearance.matching import compiled
from clearance.matching.align import (
    ALIGN_CUTOFF,
    COMPOUND_CUTOFF,
    COMPOUND_PARTS,
    LONGEST_ACRONYM,
    acronym_of,
    compound_of,
    token_signature,
    token_similarity,
)
from clearance.matching.evidence import EntityFacts, compatible, normalise_id
from clearance.matching.form_workers import Names, forms_in_order
from clearance.matching.forms import NameForm
from clearance.matching.keys import MIN_PHONETIC_KEY
from clearance.matching.pairs import MASK_BITS, PairInputs, choose_pairs
from clearance.matching.prescore import (
    FormArrays,
    PrescoreInputs,
    Scratch,
    TokenHits,
    merge_postings,
    new_scratch,
    prescore_forms,
)
from clearance.matching.records import LazyRecords
from clearance.matching.stats import TokenStats
from clearance.matching.typos import TypoNeighbours
from clearance.model import Designation, Entity
from clearance.model.pickling import pickled_by_fields
from clearance.names import canonical_token, phonetic_key

PHONETIC_FACTOR = 0.85  # a phonetic-key hit earns this share of the token's weight
TYPO_FACTOR = 0.8  # a one-edit vocabulary neighbour earns this share
# A listed word is looked up by its one-edit neighbours too when it is at least this rare:
# "Choe" may be a misspelt "Cho", while "John" is John (and its neighbours are everywhere).
TYPO_RARITY = 0.5
MIN_CANDIDATE_SHARE = 0.33  # a list-name form must earn this share of the query's weight
PRESCORE_MARGIN = 0.5  # log-odds below the floor a best-case pre-score may be and be aligned
MAX_CANDIDATES = 40  # entities aligned per query at most, best pre-scores first
TOKEN_CACHE_SIZE = 50_000  # list-name forms of one entity aligned with the query


@pickled_by_fields
@dataclass(frozen=True, slots=True)
class IndexedEntity:
    """What a match result and the evidence need of a listed entity."""

    id: str
    caption: str
    schema: str
    lists: tuple[str, ...]
    programs: tuple[str, ...]
    facts: EntityFacts
    designations: tuple[Designation, ...] = ()
    source: str = ""  # the list source the record came from ("ofac-sdn", "un-sc"...)


def could_pair_python(left_query: tuple[str, ...], left_name: tuple[str, ...]) -> bool:
    """Whether parts left over on both sides can still align: a query token no key of the
    index linked to the name (``left_query``) and a name token outside the query's
    spelling classes (``left_name``), two of them alike enough, or one long enough to be
    others run together, or short enough to be their initials. The pre-score's best case
    assumed they can; the tokens the keys did link are already counted in it as aligned.
    (The Python twin of the compiled ``_similarity.could_pair``.)"""
    if not left_query or not left_name:
        return True
    for a in left_query:
        for b in left_name:
            similarity, _ = token_similarity(a, b) if a <= b else token_similarity(b, a)
            if similarity >= ALIGN_CUTOFF:
                return True
    for one, other in ((left_query, left_name), (left_name, left_query)):
        if len(other) < 2:
            continue
        free = list(range(len(other)))  # leftovers taken as adjacent: the generous case
        for token in one:
            if compound_of(token, other, free) or acronym_of(token, other, free, LONGEST_ACRONYM):
                return True  # others run together, or their initials
    return False


def could_pair_native(left_query: tuple[str, ...], left_name: tuple[str, ...]) -> bool:
    """``could_pair_python`` in the compiled kernel (raises if it was not built)."""
    return compiled.required(_SIMILARITY, "_similarity").could_pair(  # type: ignore[no-any-return]
        left_query,
        left_name,
        token_signature,
        ALIGN_CUTOFF,
        COMPOUND_CUTOFF,
        COMPOUND_PARTS,
        LONGEST_ACRONYM,
    )


_SIMILARITY = compiled.load("_similarity")
# Cached: the same left-overs recur across the forms of an entity and across queries.
_could_pair = lru_cache(maxsize=1 << 16)(
    could_pair_native if compiled.serves(_SIMILARITY) else could_pair_python
)


Ranked = tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray, list[int]]


def rank_forms_python(
    found: list[tuple[np.ndarray, np.ndarray, int]],
    allowed: np.ndarray | None,
    form_entity: np.ndarray,
    limit: int,
    seen: np.ndarray,
) -> Ranked | None:
    """The forms the query's forms hit (``found``: forms, pre-scores, query form), of the
    entities the query's schema can denote (``allowed``, per form), at most ``8 * limit``
    of the best, best first: (forms, pre-scores, query form, entity per form, the first
    ``limit`` entities in that order). None when no form is left. (The Python twin of the
    compiled ``_native.rank_forms``; ``seen`` is its scratch.)"""
    form_ids = np.concatenate([ids for ids, _, _ in found])
    prescores = np.concatenate([scores for _, scores, _ in found]).astype(np.float64)
    query_of = np.concatenate([np.full(len(ids), q, dtype=np.int32) for ids, _, q in found])
    if allowed is not None:
        keep = allowed[form_ids].astype(bool)
        form_ids, prescores, query_of = form_ids[keep], prescores[keep], query_of[keep]
    if not len(form_ids):
        return None
    if len(prescores) > limit * 8:  # the best forms, without sorting them all
        top = np.argpartition(-prescores, limit * 8)[: limit * 8]
        form_ids, prescores, query_of = form_ids[top], prescores[top], query_of[top]
    order = np.argsort(-prescores, kind="stable")
    form_ids, prescores, query_of = form_ids[order], prescores[order], query_of[order]
    entities = form_entity[form_ids]
    # Entities in order of their best pre-score (first appearance in the sorted forms).
    _, first = np.unique(entities, return_index=True)
    chosen = entities[np.sort(first)[:limit]].tolist()
    return form_ids.astype(np.int32), prescores, query_of, entities.astype(np.int32), chosen


def rank_forms_native(
    found: list[tuple[np.ndarray, np.ndarray, int]],
    allowed: np.ndarray | None,
    form_entity: np.ndarray,
    limit: int,
    seen: np.ndarray,
) -> Ranked | None:
    """``rank_forms_python`` in the compiled kernel (raises if it was not built)."""
    kernel = compiled.required(_NATIVE, "_native")
    return kernel.rank_forms(  # type: ignore[no-any-return]
        [
            (np.ascontiguousarray(ids, dtype=np.int32), np.asarray(scores, np.float64), q)
            for ids, scores, q in found
        ],
        allowed,
        form_entity,
        limit,
        seen,
    )


_NATIVE = compiled.load("_native")
rank_forms = rank_forms_native if compiled.serves(_NATIVE) else rank_forms_python


def _reach(floor: float | None) -> float:
    """The log-odds a form's best case must reach to be aligned (-inf: no floor)."""
    return -np.inf if floor is None else floor - PRESCORE_MARGIN


def _identifier_lookup(entities: Sequence[IndexedEntity]) -> dict[str, list[int]]:
    """Normalised identifier -> positions of the entities listing it (an 11-letter BIC also
    under its 8-letter head)."""
    lookup: dict[str, list[int]] = {}
    for position, entity in enumerate(entities):
        for value, _, _ in entity.facts.identifiers:
            lookup.setdefault(value, []).append(position)
            if len(value) == 11 and value.isalnum():
                lookup.setdefault(value[:8], []).append(position)
    return lookup


class MatchIndex:
    """Name forms of listed entities with postings for candidate generation."""

    def __init__(self, entities: list[IndexedEntity], forms: list[NameForm], owners: list[int]):
        self.entities: LazyRecords[IndexedEntity] = LazyRecords(entities)
        self.entity_schemas = [entity.schema for entity in entities]
        self._identifiers = _identifier_lookup(entities)
        self.forms = forms
        self.form_entity = np.asarray(owners, dtype=np.int32)
        self.stats = TokenStats.from_token_sets(self._entity_token_sets())
        self._build_postings()
        weight = self.stats.weight
        self.form_weight = np.asarray(
            [sum(map(weight, form.tokens)) for form in forms], dtype=np.float32
        )
        self.form_length = np.asarray([len(form.tokens) for form in forms], dtype=np.int16)
        self.form_is_organisation = np.asarray(
            [form.kind == "organisation" for form in forms], dtype=bool
        )

    @classmethod
    def build(cls, entities: Iterable[Entity]) -> MatchIndex:
        """Index every name form of ``entities``.

        The cyclic garbage collector is paused meanwhile: the build allocates millions of
        small objects that live as long as the index, and collecting them over and over
        made the build of large lists grow faster than their size."""
        enabled = gc.isenabled()
        gc.disable()
        try:
            return cls._build(entities)
        finally:
            if enabled:
                gc.enable()

    @classmethod
    def _build(cls, entities: Iterable[Entity]) -> MatchIndex:
        indexed: list[IndexedEntity] = []

        def names_of_each() -> Iterator[Names]:
            # Runs as the worker pool takes chunks; results come back in this order.
            for entity in entities:
                indexed.append(
                    IndexedEntity(
                        entity.id,
                        entity.caption,
                        entity.schema.value,
                        entity.lists,
                        entity.programs,
                        EntityFacts.of(entity),
                        entity.designations,
                        entity.source,
                    )
                )
                yield entity.schema.value, tuple((n.value, n.kind.value) for n in entity.names)

        forms: list[NameForm] = []
        owners: list[int] = []
        for position, found in enumerate(forms_in_order(names_of_each())):
            forms.extend(found)
            owners.extend([position] * len(found))
        return cls(indexed, forms, owners)

    def _entity_token_sets(self) -> Iterable[set[str]]:
        current = -1
        tokens: set[str] = set()
        for form, owner in zip(self.forms, self.form_entity.tolist(), strict=True):
            if owner != current:
                if current >= 0:
                    yield tokens
                current, tokens = owner, set()
            tokens.update(canonical_token(t) for t in form.tokens)
        if current >= 0:
            yield tokens

    def _build_postings(self) -> None:
        postings: dict[str, list[int]] = defaultdict(list)
        vocabulary: set[str] = set()
        for position, form in enumerate(self.forms):
            for token in set(form.tokens):
                canonical = canonical_token(token)
                vocabulary.add(canonical)
                postings["t:" + canonical].append(position)
                key = phonetic_key(token)
                if len(key) >= MIN_PHONETIC_KEY:
                    postings["p:" + key].append(position)
        # One flat array of form positions, each key's span given by its slot in the offsets:
        # a saved index then unpickles a handful of arrays, not one per key.
        arrays = [np.unique(np.asarray(v, dtype=np.int32)) for v in postings.values()]
        self.posting_slots = {key: slot for slot, key in enumerate(postings)}
        self.posting_offsets = np.concatenate(
            ([0], np.cumsum([len(a) for a in arrays], dtype=np.int64))
        ).astype(np.int64)
        self.posting_data = (
            np.concatenate(arrays) if arrays else np.empty(0, dtype=np.int32)
        ).astype(np.int32)
        self.typos = TypoNeighbours(vocabulary)
        self.vocabulary = frozenset(vocabulary)

    def _token_keys(self, token: str) -> list[tuple[str, float]]:
        """The index keys a query token hits, each with the share of weight it earns."""
        canonical = canonical_token(token)
        keys = [("t:" + canonical, 1.0)]
        key = phonetic_key(token)
        if len(key) >= MIN_PHONETIC_KEY:
            keys.append(("p:" + key, PHONETIC_FACTOR))
        if len(canonical) > 3 and (
            canonical not in self.vocabulary or self.stats.weight(canonical) >= TYPO_RARITY
        ):
            near = self.typos.near(canonical)
            near.discard(canonical)
            keys.extend(("t:" + other, TYPO_FACTOR) for other in near)
        return keys

    def candidates(
        self,
        query_forms: Sequence[NameForm],
        limit: int = MAX_CANDIDATES,
        min_share: float = MIN_CANDIDATE_SHARE,
        floor: float | None = None,
        schema: str | None = None,
    ) -> list[tuple[int, list[tuple[int, int]]]]:
        """Entities most worth scoring for a query, best first, each with the pairs worth
        aligning: (list-name form position, index of the query form that hit it best),
        strongest first, at most FORMS_PER_CANDIDATE of them.

        Every list-name form a query form's tokens hit (spelling class, phonetic key,
        one-edit neighbour) gets a pre-score: the name model's log-odds for the alignment
        the hits suggest, so candidates are ranked the way they will be scored. A form must
        earn ``min_share`` of the query's weight (free text, whose weight is mostly other
        words, passes 0). At most ``limit`` entities, best first; with ``floor``
        (log-odds), only those whose best case comes within PRESCORE_MARGIN of it; with
        ``schema`` (the query's), only entities it can denote: a person's query spends
        neither the limit nor any check on vessels and companies."""
        found = []
        for query_index, form in enumerate(query_forms):
            inputs = self.prescore_inputs(form, min_share, floor)
            if inputs is not None:
                form_ids, as_hit = prescore_forms(inputs)
                found.append((form_ids, as_hit, query_index))
        if not found:
            return []
        ranked = rank_forms(
            found,
            None if schema is None else self.forms_compatible(schema).view(np.uint8),
            self.form_entity,
            limit,
            self._scratch().slots,
        )
        if ranked is None:
            return []
        form_ids, prescores, query_of, entities, chosen = ranked
        reach = _reach(floor)
        return choose_pairs(
            PairInputs(
                chosen,
                form_ids,
                query_of,
                entities,
                prescores,
                [self._query_hits(form) for form in query_forms],
                [form.tokens for form in query_forms],
                [frozenset(map(canonical_token, form.tokens)) for form in query_forms],
                self.forms,
                reach,
                self._scratch().slots,
                canonical_token,
                _could_pair,
            )
        )

    def _query_hits(self, form: NameForm) -> list[tuple[int, TokenHits]]:
        """(bit, hits) of each of a query form's first MASK_BITS tokens that hits any form
        (all cached for the query already)."""
        hits = []
        for bit, token in enumerate(form.tokens[:MASK_BITS]):
            hit = self._token_hits(token)
            if hit is not None:
                hits.append((bit, hit))
        return hits

    def forms_compatible(self, schema: str) -> np.ndarray:
        """Per list-name form, whether a query of ``schema`` can denote its entity."""
        masks = self.__dict__.setdefault("_schema_masks", {})
        mask = masks.get(schema)
        if mask is None:
            entity_ok = np.asarray(
                [compatible(schema, listed) for listed in self.entity_schemas], dtype=bool
            )
            mask = masks[schema] = entity_ok[self.form_entity]
        return mask

    def prescore_inputs(
        self, form: NameForm, min_share: float, floor: float | None
    ) -> PrescoreInputs | None:
        """What ``prescore_forms`` takes for one query form (None when no token hits).

        Its tokens' hits come rarest first. The commonest tokens, whose weights together stay
        under the share a form must earn, cannot make a form pass alone: past the first
        ``essential`` hits they only add to forms the rarer ones hit, found by binary search
        in their (sorted) postings, never scanned whole."""
        weight = self.stats.weight
        total = sum(map(weight, form.tokens)) or 1.0
        hits_of = [h for h in map(self._token_hits, form.tokens) if h is not None]
        if not hits_of:
            return None
        hits_of.sort(key=lambda h: -h.weight)
        needed = min_share * total
        essential = len(hits_of)
        remaining = 0.0
        while essential > 1 and remaining + hits_of[essential - 1].weight < needed:
            essential -= 1
            remaining += hits_of[essential].weight
        return PrescoreInputs(
            hits_of,
            essential,
            self.form_arrays,
            len(form.tokens),
            total,
            form.kind == "organisation",
            needed,
            _reach(floor),
            self._scratch(),
        )

    def _scratch(self) -> Scratch:
        """This thread's scratch arrays (the API serves queries from several threads)."""
        local = self.__dict__.get("_local")
        if local is None:
            local = self.__dict__.setdefault("_local", threading.local())
        scratch = getattr(local, "scratch", None)
        if scratch is None:
            scratch = local.scratch = new_scratch(len(self.forms), len(self.entity_schemas))
        return scratch

    @property
    def form_arrays(self) -> FormArrays:
        """The per-form arrays the pre-score reads, typed as the compiled kernel takes them."""
        arrays = self.__dict__.get("_form_arrays")
        if arrays is None:
            arrays = self.__dict__["_form_arrays"] = FormArrays(
                self.form_weight, self.form_length, self.form_is_organisation.view(np.uint8)
            )
        return arrays

    def with_identifier(self, number: str) -> list[int]:
        """Positions of the entities that list this identifier (normalised; a BIC's 8-letter
        head matches its 11-letter branch codes too)."""
        lookup = self._identifiers
        wanted = normalise_id(number)
        found = list(lookup.get(wanted, ()))
        if len(wanted) == 11 and wanted.endswith("XXX"):
            found.extend(p for p in lookup.get(wanted[:8], ()) if p not in found)
        return found

    def _token_hits(self, token: str) -> TokenHits | None:
        """The list-name forms one query token hits, with what each hit earns.

        Cached per index: given names and common surnames recur across a batch."""
        cache = self.__dict__.setdefault("_hits_cache", {})
        if token in cache:
            return cache[token]
        slots = []
        factors = []
        posting_slots = self.posting_slots
        for key, factor in self._token_keys(token):
            slot = posting_slots.get(key)
            if slot is not None:
                slots.append(slot)
                factors.append(factor)
        hit: TokenHits | None = None
        if slots:
            ids, values, tallies = merge_postings(
                self.posting_data, self.posting_offsets, slots, factors, self._scratch().sums
            )
            hit = TokenHits(ids, values, self.stats.weight(token), tallies)
        if len(cache) >= TOKEN_CACHE_SIZE:
            cache.clear()
        cache[token] = hit
        return hit

    def posting(self, key: str) -> np.ndarray | None:
        """The sorted form positions under an index key (a view into the flat array)."""
        slot = self.posting_slots.get(key)
        if slot is None:
            return None
        return self.posting_data[self.posting_offsets[slot] : self.posting_offsets[slot + 1]]

    def __getstate__(self) -> dict[str, object]:
        state = dict(self.__dict__)
        state.pop("_hits_cache", None)
        state.pop("_local", None)  # per-thread scratch arrays
        state.pop("_form_arrays", None)  # views of the arrays pickled anyway
        state.pop("_schema_masks", None)  # derived from the entities' schemas
        return state
