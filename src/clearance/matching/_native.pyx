# cython: language_level=3, boundscheck=False, wraparound=False, cdivision=True, initializedcheck=False
"""The compiled twin of :func:`clearance.matching.prescore.prescore_forms_python`.

Same contract, same arithmetic in the same order (the build turns floating-point
contraction off), so both give the same forms, in the same order, with the same pre-scores
to the last bit; tests hold them to it. One pass over the postings in C instead of a few
dozen numpy calls on small arrays per query form.
"""

import numpy as np

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
    cdef Py_ssize_t t, i, k, lo, hi, mid, count = 0, kept = 0
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
            lo = 0
            hi = ids.shape[0]
            while lo < hi:
                mid = (lo + hi) >> 1
                if ids[mid] < form:
                    lo = mid + 1
                else:
                    hi = mid
            if lo < ids.shape[0] and ids[lo] == form:
                sums[form] += factors[lo] * weight
                tallies[form] += token_tallies[lo]
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
