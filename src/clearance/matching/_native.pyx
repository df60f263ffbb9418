# cython: language_level=3, boundscheck=False, wraparound=False, cdivision=True, initializedcheck=False
"""The compiled twins of the candidate stage: ``typos.TypoNeighbours.near_python``,
``prescore.merge_postings_python``, ``prescore.prescore_forms_python`` and
``pairs.choose_pairs_python``.

The pre-score keeps the same contract with the same arithmetic in the same order (the build
turns floating-point contraction off), so both give the same forms, in the same order, with
the same pre-scores to the last bit: one pass over the postings in C instead of a few dozen
numpy calls on small arrays per query form. The pair choice walks the candidates' forms in C,
computing link masks only for the forms that need the left-over check. Tests hold each twin
to the other.
"""

import numpy as np

from libc.stdlib cimport free, malloc, qsort

EXACT_TALLY = 1 << 16  # as in clearance.matching.prescore


cdef inline double _min(double a, double b) noexcept nogil:
    return a if a <= b else b


cdef inline double _max(double a, double b) noexcept nogil:
    return a if a >= b else b


cdef inline double _model(
    const double[::1] c, double fixed, double sums, double total, double floor_name,
    double weakest, double left_q, double left_n, bint organisation,
) noexcept nogil:
    """The name model's log-odds for one case, summed in prescore()'s order."""
    cdef double cq = _min(1.0, sums / total)
    cdef double cn = _min(1.0, sums / floor_name)
    cdef double cmin = _min(cq, cn)
    return (
        fixed
        + c[4] * cmin
        + c[5] * _max(cq, cn)
        + c[6] * weakest
        + c[7] * _min(3.0, left_q)
        + c[8] * _min(3.0, left_n)
        + c[9] * _min(2.0, _min(left_q, left_n))
        + (1.0 if organisation else 0.0) * (c[10] * cmin + c[11] * _min(3.0, left_q + left_n))
    )


cdef inline Py_ssize_t _find(const int[::1] ids, int form) noexcept nogil:
    """Where ``form`` is in the sorted ``ids``, or -1."""
    if ids.shape[0] == 0:
        return -1
    return _find_in(&ids[0], ids.shape[0], form)


def prescore_forms(
    list hits,
    Py_ssize_t essential,
    const float[::1] form_weight,
    const short[::1] form_length,
    const unsigned char[::1] form_is_organisation,
    long size,
    double total,
    bint query_is_organisation,
    double needed,
    double reach,
    const double[::1] c,
    double missed,
    double[::1] sums,
    long long[::1] tallies,
    long long[::1] stamp,
):
    """(list-name forms, their pre-scores as hit) for one query form; see prescore.py.

    ``c`` holds the intercept, then the weights in prescore.NATIVE_COEFFICIENTS order. The
    scratch arrays (sums, tallies, stamp) are left as they were found: zero sums and tallies."""
    cdef Py_ssize_t t, i, k, at, count = 0, kept = 0
    cdef Py_ssize_t n_tokens = len(hits)
    cdef const int[::1] ids
    cdef const double[::1] factors
    cdef const int[::1] token_tallies
    cdef double weight
    cdef int form
    # Essential tokens over their whole postings; each form remembers the last token hitting it.
    for t in range(essential):
        hit = hits[t]
        ids = hit[0]
        factors = hit[1]
        weight = hit[2]
        token_tallies = hit[3]
        for i in range(ids.shape[0]):
            form = ids[i]
            if tallies[form] == 0:
                count += 1
            sums[form] += factors[i] * weight
            tallies[form] += token_tallies[i]
            stamp[form] = t
    touched_array = np.empty(count, dtype=np.int32)
    cdef int[::1] touched = touched_array
    k = 0
    for t in range(essential):  # in the order of each form's last appearance
        ids = hits[t][0]
        for i in range(ids.shape[0]):
            form = ids[i]
            if stamp[form] == t:
                touched[k] = form
                k += 1
                stamp[form] = -1
    # Common tokens add only to the forms the essential ones hit.
    for t in range(essential, n_tokens):
        hit = hits[t]
        ids = hit[0]
        factors = hit[1]
        weight = hit[2]
        token_tallies = hit[3]
        for k in range(count):
            form = touched[k]
            at = _find(ids, form)
            if at >= 0:
                sums[form] += factors[at] * weight
                tallies[form] += token_tallies[at]
    out_ids_array = np.empty(count, dtype=np.int32)
    out_scores_array = np.empty(count, dtype=np.float64)
    cdef int[::1] out_ids = out_ids_array
    cdef double[::1] out_scores = out_scores_array
    cdef double summed, hits_count, name_total, aligned, left_query, left_name, fixed
    cdef double rest, paired, gained, floor_name, as_hit, at_best
    cdef long long tally
    cdef long name_size, smaller
    cdef bint organisation
    cdef double exact_hits, all_hits
    for k in range(count):
        form = touched[k]
        summed = sums[form]
        tally = tallies[form]
        sums[form] = 0.0
        tallies[form] = 0
        if not summed >= needed:
            continue
        exact_hits = <double>(tally // EXACT_TALLY)
        all_hits = <double>(tally & (EXACT_TALLY - 1))
        hits_count = exact_hits + _min(1.0, all_hits - exact_hits)
        name_total = <double>form_weight[form]
        name_size = form_length[form]
        smaller = size if size <= name_size else name_size
        aligned = _min(hits_count, <double>smaller)
        left_query = size - aligned
        left_name = name_size - aligned
        organisation = form_is_organisation[form] != 0 or query_is_organisation
        fixed = (c[0] + c[1]) + c[2] * (1.0 if smaller <= 1 else 0.0)
        fixed = fixed + (1.0 if organisation else 0.0) * c[3]
        rest = _min(_max(0.0, total - summed), _max(0.0, name_total - summed))
        paired = _min(left_query, left_name)
        gained = rest * missed
        floor_name = _max(name_total, 1e-9)
        as_hit = _model(
            c, fixed, summed, total, floor_name, 1.0, left_query, left_name, organisation
        ) + c[12] * rest
        if paired > 0:
            at_best = _model(
                c, fixed, summed + gained, total, floor_name, missed,
                left_query - paired, left_name - paired, organisation,
            ) + c[13] * (gained * (1 - missed) / floor_name)
        else:
            at_best = as_hit
        if not at_best >= reach:
            continue
        out_ids[kept] = form
        out_scores[kept] = as_hit
        kept += 1
    return out_ids_array[:kept], out_scores_array[:kept]


def choose_pairs(
    list chosen,
    const int[::1] form_ids,
    const int[::1] query_of,
    const int[::1] entities,
    const double[::1] prescores,
    list query_hits,
    list query_tokens,
    list classes,
    list forms,
    double reach,
    int[::1] slots,
    object canonical,
    object could_pair,
    Py_ssize_t forms_per_candidate,
    double pair_margin,
    Py_ssize_t unpaired_forms,
):
    """The pairs worth aligning for each chosen entity; see index.choose_pairs_python.

    ``slots`` (one per entity, all -1) is left as it was found. Link masks are computed only
    for the forms that need the left-over check, by binary search in the query tokens' hits
    (their arrays read once per call, not once per form checked)."""
    cdef Py_ssize_t n_chosen = len(chosen), slot, row, at, count, k
    cdef int form, query_index
    cdef double prescore
    cdef unsigned long long linked, fuzzy
    cdef _Hits hits = _Hits(query_hits)
    best = [None] * n_chosen
    failed = [0] * n_chosen
    listed = [[] for _ in range(n_chosen)]
    for slot in range(n_chosen):
        slots[<int>chosen[slot]] = slot
    try:
        for row in range(form_ids.shape[0]):
            slot = slots[entities[row]]
            if slot < 0:
                continue  # not a chosen entity
            form = form_ids[row]
            query_index = query_of[row]
            pairs = <list>listed[slot]
            count = len(pairs)
            if count >= forms_per_candidate:
                continue
            if count and _listed(pairs, form):
                continue
            prescore = prescores[row]
            if best[slot] is None:
                best[slot] = prescore
            elif prescore < <double>best[slot] - pair_margin:
                continue  # far below the entity's best pair: not where its score lies
            if prescore < reach:
                if <Py_ssize_t>failed[slot] >= unpaired_forms:
                    continue
                linked = 0
                fuzzy = 0
                for k in range(hits.first[query_index], hits.first[query_index + 1]):
                    at = _find_in(hits.ids[k], hits.sizes[k], form)
                    if at >= 0:
                        linked |= (<unsigned long long>1) << hits.bits[k]
                        if hits.factors[k][at] < 1.0:
                            fuzzy |= (<unsigned long long>1) << hits.bits[k]
                left_query = _unlinked(<tuple>query_tokens[query_index], linked, fuzzy)
                query_classes = classes[query_index]
                left_name = tuple(
                    [t for t in (<object>forms[form]).tokens if canonical(t) not in query_classes]
                )
                if not could_pair(left_query, left_name):
                    failed[slot] = <Py_ssize_t>failed[slot] + 1
                    continue  # only the best case reached the floor, and it cannot happen
            pairs.append((form, query_index))
    finally:
        for slot in range(n_chosen):
            slots[<int>chosen[slot]] = -1
    return [(chosen[slot], listed[slot]) for slot in range(n_chosen) if listed[slot]]


cdef class _Hits:
    """The query tokens' hits as C arrays, per query form ``q`` the entries
    ``first[q]`` to ``first[q + 1]``: each token's bit, sorted form ids and factors. The
    numpy arrays stay owned by the caller's list for as long as this lives."""

    cdef Py_ssize_t* first
    cdef Py_ssize_t* bits
    cdef Py_ssize_t* sizes
    cdef const int** ids
    cdef const double** factors
    cdef list owners

    def __cinit__(self, list query_hits):
        cdef Py_ssize_t entries = sum([len(hits) for hits in query_hits]), k = 0, q
        cdef const int[::1] ids
        cdef const double[::1] factors
        self.owners = query_hits
        self.first = <Py_ssize_t*>malloc((len(query_hits) + 1) * sizeof(Py_ssize_t))
        self.bits = <Py_ssize_t*>malloc((entries + 1) * sizeof(Py_ssize_t))
        self.sizes = <Py_ssize_t*>malloc((entries + 1) * sizeof(Py_ssize_t))
        self.ids = <const int**>malloc((entries + 1) * sizeof(int*))
        self.factors = <const double**>malloc((entries + 1) * sizeof(double*))
        if not (self.first and self.bits and self.sizes and self.ids and self.factors):
            raise MemoryError()
        for q in range(len(query_hits)):
            self.first[q] = k
            for bit, hit in <list>query_hits[q]:
                ids = hit[0]
                factors = hit[1]
                self.bits[k] = bit
                self.sizes[k] = ids.shape[0]
                self.ids[k] = &ids[0] if ids.shape[0] else NULL
                self.factors[k] = &factors[0] if factors.shape[0] else NULL
                k += 1
        self.first[len(query_hits)] = k

    def __dealloc__(self):
        free(self.first)
        free(self.bits)
        free(self.sizes)
        free(self.ids)
        free(self.factors)


cdef inline Py_ssize_t _find_in(const int* ids, Py_ssize_t size, int form) noexcept nogil:
    """Where ``form`` is in the sorted ``ids[:size]``, or -1."""
    cdef Py_ssize_t lo = 0, hi = size, mid
    while lo < hi:
        mid = (lo + hi) >> 1
        if ids[mid] < form:
            lo = mid + 1
        else:
            hi = mid
    if lo < size and ids[lo] == form:
        return lo
    return -1


cdef bint _listed(list pairs, int form):
    for pair in pairs:
        if <int>(<tuple>pair)[0] == form:
            return True
    return False


cdef tuple _unlinked(tuple tokens, unsigned long long linked, unsigned long long fuzzy):
    """Query tokens no key linked to the form, and those linked only by fuzzy keys when
    several were (index._unlinked); tokens past the 63rd are never linked."""
    cdef Py_ssize_t bit, n = len(tokens)
    out = [tokens[bit] for bit in range(n) if bit >= 63 or not (linked >> bit) & 1]
    if fuzzy & (fuzzy - 1):
        out += [tokens[bit] for bit in range(_min_size(n, 63)) if (fuzzy >> bit) & 1]
    return tuple(out)


cdef inline Py_ssize_t _min_size(Py_ssize_t a, Py_ssize_t b) noexcept nogil:
    return a if a < b else b


# --- one query token's hits -----------------------------------------------------------------


cdef int _ascending(const void* left, const void* right) noexcept nogil:
    cdef int a = (<const int*>left)[0], b = (<const int*>right)[0]
    return (a > b) - (a < b)


def merge_postings(
    const int[::1] data,
    const long long[::1] offsets,
    list slots,
    list factors,
    double[::1] marks,
):
    """(forms, best factor per form, tally per form) of the postings at ``slots`` of the flat
    posting array, each key's hits earning its factor: the compiled twin of
    ``prescore.merge_postings_python``. ``marks`` is a per-form scratch of zeros, left so."""
    cdef Py_ssize_t k, keys = len(slots), slot, p, count = 0, total = 0
    cdef int form
    cdef double factor
    for k in range(keys):
        slot = slots[k]
        total += offsets[slot + 1] - offsets[slot]
    found = np.empty(total, dtype=np.int32)
    cdef int[::1] ids = found
    for k in range(keys):
        slot = slots[k]
        factor = factors[k]
        for p in range(offsets[slot], offsets[slot + 1]):
            form = data[p]
            if marks[form] == 0.0:
                ids[count] = form
                count += 1
                marks[form] = factor
            elif factor > marks[form]:
                marks[form] = factor
    if keys > 1 and count > 1:
        qsort(&ids[0], count, sizeof(int), _ascending)
    if count < total:
        found = found[:count].copy()
        ids = found
    best = np.empty(count, dtype=np.float64)
    counted = np.empty(count, dtype=np.int32)
    cdef double[::1] values = best
    cdef int[::1] tallies = counted
    for p in range(count):
        form = ids[p]
        values[p] = marks[form]
        marks[form] = 0.0
        tallies[p] = 1 + EXACT_TALLY if values[p] == 1.0 else 1
    return found, best, counted


# --- one-edit neighbours of a query token ----------------------------------------------------

from libc.string cimport memcmp, memcpy, memset

cdef enum:
    WIDEST_KEY = 64  # bytes: the widest key array the look-up takes


def typo_near(
    str token,
    const unsigned char[::1] keys,
    Py_ssize_t width,
    const long long[::1] offsets,
    const int[::1] ids,
    tuple tokens,
    dict long_keys,
):
    """The compiled twin of ``typos.TypoNeighbours.near_python``: vocabulary tokens posted
    under ``token`` or one of its one-letter deletions. ``keys`` are the sorted keys as
    ``width``-byte NUL-padded UTF-8 records; longer keys are in ``long_keys``."""
    if width > WIDEST_KEY:
        raise ValueError(f"keys of {width} bytes: the look-up takes at most {WIDEST_KEY}")
    cdef bytes encoded = token.encode("utf-8")
    cdef const unsigned char* text = encoded
    cdef Py_ssize_t size = len(encoded), letters = 0, start, end
    cdef Py_ssize_t records = keys.shape[0] // width if width else 0
    found = set()
    for start in range(size):
        if (text[start] & 0xC0) != 0x80:
            letters += 1
    _look_up(text, size, -1, -1, keys, width, records, offsets, ids, tokens, long_keys, found)
    if letters > 3:  # as typos.deletes: none for tokens of three letters or less
        start = 0
        while start < size:
            end = start + 1
            while end < size and (text[end] & 0xC0) == 0x80:
                end += 1
            _look_up(text, size, start, end, keys, width, records, offsets, ids, tokens,
                     long_keys, found)
            start = end
    return found


cdef void _look_up(
    const unsigned char* text,
    Py_ssize_t size,
    Py_ssize_t cut_start,
    Py_ssize_t cut_end,
    const unsigned char[::1] keys,
    Py_ssize_t width,
    Py_ssize_t records,
    const long long[::1] offsets,
    const int[::1] ids,
    tuple tokens,
    dict long_keys,
    set found,
) except *:
    """Add the tokens posted under ``text`` without the bytes [cut_start, cut_end)."""
    cdef unsigned char probe[WIDEST_KEY]
    cdef Py_ssize_t length = size, lo = 0, hi = records, mid, k
    cdef int order
    if cut_start >= 0:
        length = size - (cut_end - cut_start)
    if length > width:
        if cut_start >= 0:
            key = (text[:cut_start] + text[cut_end:size]).decode("utf-8")
        else:
            key = text[:size].decode("utf-8")
        found.update(long_keys.get(key, ()))
        return
    if records == 0:
        return
    memset(probe, 0, width)
    if cut_start >= 0:
        memcpy(probe, text, cut_start)
        memcpy(probe + cut_start, text + cut_end, size - cut_end)
    else:
        memcpy(probe, text, size)
    while lo < hi:
        mid = (lo + hi) >> 1
        order = memcmp(&keys[mid * width], probe, width)
        if order < 0:
            lo = mid + 1
        elif order > 0:
            hi = mid
        else:
            for k in range(offsets[mid], offsets[mid + 1]):
                found.add(tokens[ids[k]])
            return


# --- ranking the forms a query hits --------------------------------------------------------

cdef struct _Ranked:
    double score
    Py_ssize_t position


cdef int _best_first(const void* left, const void* right) noexcept nogil:
    """Higher pre-score first, then earlier position: numpy's stable argsort of -scores."""
    cdef const _Ranked* a = <const _Ranked*>left
    cdef const _Ranked* b = <const _Ranked*>right
    if a.score != b.score:
        return -1 if a.score > b.score else 1
    return (a.position > b.position) - (a.position < b.position)


def rank_forms(
    list found,
    object allowed,
    const int[::1] form_entity,
    Py_ssize_t limit,
    int[::1] seen,
):
    """The compiled twin of ``index.rank_forms_python``: the forms the query's forms hit
    (``found``: (forms, pre-scores, query form) per query form), those of entities the
    query's schema allows (``allowed``: uint8 per form, or None), the best ``8 * limit`` of
    them (numpy's partition when there are more, as the twin does), best first, and the
    first ``limit`` entities in that order. ``seen`` (per entity, all -1) is left so."""
    cdef Py_ssize_t total = 0, n = 0, i, k, cap = limit * 8
    cdef const int[::1] ids
    cdef const double[::1] scores
    cdef const unsigned char[::1] mask
    cdef int query_index, form, entity
    for item in found:
        total += len(item[0])
    form_ids_array = np.empty(total, dtype=np.int32)
    scores_array = np.empty(total, dtype=np.float64)
    query_array = np.empty(total, dtype=np.int32)
    cdef int[::1] out_ids = form_ids_array
    cdef double[::1] out_scores = scores_array
    cdef int[::1] out_query = query_array
    if allowed is not None:
        mask = allowed
    for item in found:
        ids = item[0]
        scores = item[1]
        query_index = item[2]
        for i in range(ids.shape[0]):
            form = ids[i]
            if allowed is not None and not mask[form]:
                continue
            out_ids[n] = form
            out_scores[n] = scores[i]
            out_query[n] = query_index
            n += 1
    if n == 0:
        return None
    form_ids_array, scores_array, query_array = (
        form_ids_array[:n], scores_array[:n], query_array[:n]
    )
    if n > cap:  # the best forms, without sorting them all: numpy's choice among equals
        top = np.argpartition(-scores_array, cap)[:cap]
        form_ids_array, scores_array, query_array = (
            form_ids_array[top], scores_array[top], query_array[top]
        )
        n = cap
    out_ids = form_ids_array
    out_scores = scores_array
    out_query = query_array
    cdef _Ranked* order = <_Ranked*>malloc((n + 1) * sizeof(_Ranked))
    if order == NULL:
        raise MemoryError()
    sorted_ids = np.empty(n, dtype=np.int32)
    sorted_scores = np.empty(n, dtype=np.float64)
    sorted_query = np.empty(n, dtype=np.int32)
    entities_array = np.empty(n, dtype=np.int32)
    cdef int[::1] ids_out = sorted_ids
    cdef double[::1] scores_out = sorted_scores
    cdef int[::1] query_out = sorted_query
    cdef int[::1] entities_out = entities_array
    chosen = []
    try:
        for i in range(n):
            order[i].score = out_scores[i]
            order[i].position = i
        qsort(order, n, sizeof(_Ranked), _best_first)
        for k in range(n):
            i = order[k].position
            ids_out[k] = out_ids[i]
            scores_out[k] = out_scores[i]
            query_out[k] = out_query[i]
            entity = form_entity[out_ids[i]]
            entities_out[k] = entity
            if seen[entity] < 0 and len(chosen) < limit:
                seen[entity] = 0
                chosen.append(entity)
    finally:
        free(order)
        for entity in chosen:
            seen[entity] = -1
    return sorted_ids, sorted_scores, sorted_query, entities_array, chosen
