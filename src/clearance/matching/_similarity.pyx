# cython: language_level=3, boundscheck=False, wraparound=False, cdivision=True, initializedcheck=False
"""The compiled twins of :func:`clearance.matching.align.token_similarity_python`, of the
candidate stage's left-over check (:func:`clearance.matching.index.could_pair_python`) and of
the alignment of two names (:func:`clearance.matching.align.align_python`).

Same contract, same answers to the last bit: the edit measures are computed as rapidfuzz
defines them (Levenshtein and OSA normalised by the longer token, Jaro-Winkler with its
bounds, prefix weight 0.1 and boost above 0.7), with the same operations in the same order.
A token's spelling class, nicknames, number spelling and phonetic key come from Python, as
one ``signature`` tuple per token. Tests hold each twin to the other.

Tokens longer than MAX_CHARS characters (no real name part is) are measured by rapidfuzz.
"""

from libc.stdlib cimport abs as c_abs

from rapidfuzz.distance import OSA, JaroWinkler, Levenshtein

cdef enum:
    MAX_CHARS = 96  # longest token (or compound of tokens) measured here

EXACT = "exact"
EQUIVALENT = "equivalent"
INITIAL = "initial"
PHONETIC = "phonetic"
FUZZY = "fuzzy"


cdef inline Py_ssize_t _load(str text, Py_UCS4* buffer, Py_ssize_t start) noexcept:
    cdef Py_ssize_t i, n = len(text)
    for i in range(n):
        buffer[start + i] = text[i]
    return start + n


cdef inline Py_ssize_t _imin(Py_ssize_t a, Py_ssize_t b) noexcept nogil:
    return a if a < b else b


cdef inline Py_ssize_t _imax(Py_ssize_t a, Py_ssize_t b) noexcept nogil:
    return a if a > b else b


cdef Py_ssize_t _levenshtein(const Py_UCS4* a, Py_ssize_t n, const Py_UCS4* b, Py_ssize_t m) noexcept nogil:
    cdef Py_ssize_t row[MAX_CHARS + 1]
    cdef Py_ssize_t i, j, diagonal, above, best
    for j in range(m + 1):
        row[j] = j
    for i in range(1, n + 1):
        diagonal = row[0]
        row[0] = i
        for j in range(1, m + 1):
            above = row[j]
            best = diagonal + (0 if a[i - 1] == b[j - 1] else 1)
            if above + 1 < best:
                best = above + 1
            if row[j - 1] + 1 < best:
                best = row[j - 1] + 1
            row[j] = best
            diagonal = above
    return row[m]


cdef Py_ssize_t _osa(const Py_UCS4* a, Py_ssize_t n, const Py_UCS4* b, Py_ssize_t m) noexcept nogil:
    """Optimal string alignment distance: edits, an adjacent transposition counting one."""
    cdef Py_ssize_t before[MAX_CHARS + 1]
    cdef Py_ssize_t last[MAX_CHARS + 1]
    cdef Py_ssize_t current[MAX_CHARS + 1]
    cdef Py_ssize_t i, j, best
    for j in range(m + 1):
        last[j] = j
        before[j] = 0
    for i in range(1, n + 1):
        current[0] = i
        for j in range(1, m + 1):
            best = last[j - 1] + (0 if a[i - 1] == b[j - 1] else 1)
            if last[j] + 1 < best:
                best = last[j] + 1
            if current[j - 1] + 1 < best:
                best = current[j - 1] + 1
            if i > 1 and j > 1 and a[i - 1] == b[j - 2] and a[i - 2] == b[j - 1]:
                if before[j - 2] + 1 < best:
                    best = before[j - 2] + 1
            current[j] = best
        for j in range(m + 1):
            before[j] = last[j]
            last[j] = current[j]
    return last[m]


cdef inline double _normalised(Py_ssize_t distance, Py_ssize_t n, Py_ssize_t m) noexcept nogil:
    """rapidfuzz's normalized_similarity: 1 - distance / the longer length."""
    cdef Py_ssize_t longest = _imax(n, m)
    cdef double norm_dist = (<double>distance) / (<double>longest) if longest else 0.0
    return 1.0 - norm_dist


cdef double _jaro_similarity(double common, double transpositions, double n, double m) noexcept nogil:
    cdef double sim = 0.0
    sim += common / n
    sim += common / m
    sim += (common - transpositions) / common
    return sim / 3.0


cdef double _jaro_winkler(const Py_UCS4* a, Py_ssize_t n, const Py_UCS4* b, Py_ssize_t m) noexcept nogil:
    cdef bint a_flags[MAX_CHARS]
    cdef bint b_flags[MAX_CHARS]
    cdef Py_ssize_t i, j, k, low, high, bound, common = 0, transpositions = 0, prefix = 0
    cdef double sim
    for i in range(_imin(_imin(n, m), 4)):
        if a[i] != b[i]:
            break
        prefix += 1
    if n == 0 or m == 0:
        sim = 0.0
    elif n == 1 and m == 1:
        sim = 1.0 if a[0] == b[0] else 0.0
    else:
        bound = (m // 2 - 1) if m > n else (n // 2 - 1)
        for i in range(n):
            a_flags[i] = False
        for j in range(m):
            b_flags[j] = False
        for i in range(n):
            low = _imax(0, i - bound)
            high = _imin(i + bound, m - 1)
            for j in range(low, high + 1):
                if not b_flags[j] and b[j] == a[i]:
                    a_flags[i] = True
                    b_flags[j] = True
                    common += 1
                    break
        if common == 0:
            sim = 0.0
        else:
            k = 0
            for i in range(n):
                if a_flags[i]:
                    j = k
                    while j < m:
                        if b_flags[j]:
                            k = j + 1
                            break
                        j += 1
                    if a[i] != b[j]:
                        transpositions += 1
            sim = _jaro_similarity(common, transpositions // 2, n, m)
    if sim > 0.7:
        sim += prefix * 0.1 * (1.0 - sim)
        if sim > 1.0:
            sim = 1.0
    return sim


cdef enum How:
    HOW_EXACT, HOW_EQUIVALENT, HOW_INITIAL, HOW_PHONETIC, HOW_FUZZY

HOW_NAMES = (EXACT, EQUIVALENT, INITIAL, PHONETIC, FUZZY)  # in the order of How


def token_similarity(str a, str b, tuple signature_a, tuple signature_b):
    """Similarity of two folded tokens in [0, 1] and how it was established.

    ``signature_*``: (spelling class, equivalent forms, number spelling or None, phonetic key)
    of each token, as align.token_signature gives them."""
    cdef How how
    cdef double similarity = _measure(a, b, signature_a, signature_b, &how)
    return similarity, HOW_NAMES[<int>how]


cdef double _measure(str a, str b, tuple signature_a, tuple signature_b, How* how):
    cdef Py_UCS4 left[MAX_CHARS]
    cdef Py_UCS4 right[MAX_CHARS]
    cdef Py_ssize_t n = len(a), m = len(b), shorter, longer
    cdef double edit, jaro, similarity, osa
    cdef bint comparable
    if a == b:
        how[0] = HOW_EXACT
        return 1.0
    how[0] = HOW_EQUIVALENT
    if signature_a[0] == signature_b[0]:
        return 0.97
    if b in signature_a[1]:
        return 0.92
    if n == 1 or m == 1:
        short, long = (a, b) if n < m else (b, a)
        if len(short) == 1 and short.isalpha() and long.startswith(short):
            how[0] = HOW_INITIAL
            return 0.75
        how[0] = HOW_FUZZY
        return 0.0
    number_a, number_b = signature_a[2], signature_b[2]
    if number_a is not None or number_b is not None:
        if number_a == b or number_b == a or (number_a is not None and number_a == number_b):
            return 0.97
        how[0] = HOW_FUZZY
        return 0.0
    shorter, longer = _imin(n, m), _imax(n, m)
    if longer > MAX_CHARS:
        edit = Levenshtein.normalized_similarity(a, b)
        jaro = JaroWinkler.similarity(a, b)
    else:
        _load(a, left, 0)
        _load(b, right, 0)
        edit = _normalised(_levenshtein(left, n, right, m), n, m)
        jaro = _jaro_winkler(left, n, right, m)
    comparable = shorter >= 4 and longer <= 1.3 * shorter
    similarity = (edit if edit >= jaro - 0.08 else jaro - 0.08) if comparable else edit
    if similarity < 0.88 and _sound_alike(n, m, signature_a[3], signature_b[3]):
        if longer > MAX_CHARS:
            osa = OSA.normalized_similarity(a, b)
        else:
            osa = _normalised(_osa(left, n, right, m), n, m)
        if osa >= 0.5:
            how[0] = HOW_PHONETIC
            return 0.88
    how[0] = HOW_FUZZY
    return similarity


cdef inline bint _sound_alike(Py_ssize_t n, Py_ssize_t m, str key_a, str key_b):
    if _imax(n, m) > 1.5 * _imin(n, m):
        return False
    return len(key_a) >= 2 and key_a == key_b


def could_pair(
    tuple left_query,
    tuple left_name,
    object signature,
    double cutoff,
    double compound_cutoff,
    Py_ssize_t compound_parts,
    Py_ssize_t longest_acronym,
):
    """Whether parts left over on both sides can still align: two alike enough (similarity
    at least ``cutoff``), one a compound of adjacent others or their initials."""
    cdef str a, b
    cdef tuple signature_a
    cdef How how
    cdef double compound_similarity
    if not left_query or not left_name:
        return True
    name_signatures = [signature(b) for b in left_name]
    for a in left_query:
        signature_a = signature(a)
        for b, signature_b in zip(left_name, name_signatures):
            if a <= b:
                similarity = _measure(a, b, signature_a, signature_b, &how)
            else:
                similarity = _measure(b, a, signature_b, signature_a, &how)
            if similarity >= cutoff:
                return True
    for one, other in ((left_query, left_name), (left_name, left_query)):
        if len(other) < 2:
            continue
        for a in one:  # every position free: the leftovers taken as adjacent
            if _best_compound(a, other, NULL, len(other), compound_cutoff, compound_parts,
                              &compound_similarity) is not None:
                return True
            if _initials_of(a, other, NULL, len(other), longest_acronym) is not None:
                return True
    return False


# --- the alignment -------------------------------------------------------------------------

from libc.stdlib cimport free, malloc, qsort


cdef struct _Scored:
    double similarity
    double weight
    Py_ssize_t i
    Py_ssize_t j
    Py_ssize_t how  # index into the list of how each pair was established


cdef int _descending(const void* left, const void* right) noexcept nogil:
    """Order of Python's ``sort(reverse=True)`` over (similarity, weight, i, j, how) tuples:
    (i, j) is unique, so the last field never decides."""
    cdef const _Scored* a = <const _Scored*>left
    cdef const _Scored* b = <const _Scored*>right
    if a.similarity != b.similarity:
        return -1 if a.similarity > b.similarity else 1
    if a.weight != b.weight:
        return -1 if a.weight > b.weight else 1
    if a.i != b.i:
        return -1 if a.i > b.i else 1
    if a.j != b.j:
        return -1 if a.j > b.j else 1
    return 0


def align(
    tuple query,
    tuple name,
    tuple query_weights,
    tuple name_weights,
    Py_ssize_t longest_acronym,
    object similarity_of,
    object alignment,
    double cutoff,
    double compound_cutoff,
    Py_ssize_t compound_parts,
    double acronym_similarity,
    tuple patronymic_endings,
    tuple exact_kinds,
    str compound,
    str acronym,
):
    """The compiled twin of :func:`clearance.matching.align.align_python`: best pairs first,
    then compounds and acronyms among the tokens left over, then the numbers the name model
    reads, summed in the same order. ``similarity_of(a, b)`` is the (cached) token
    similarity for a <= b; ``alignment`` the class the result is built as."""
    cdef Py_ssize_t nq = len(query), nn = len(name), count = 0, i, j, k
    cdef _Scored* scored = NULL
    cdef char* used_q = NULL
    cdef char* used_n = NULL
    cdef double similarity
    cdef str q, n
    hows = []
    chosen = []
    try:
        used_q = <char*>malloc(nq + 1)
        used_n = <char*>malloc(nn + 1)
        scored = <_Scored*>malloc((nq * nn + 1) * sizeof(_Scored))
        if used_q == NULL or used_n == NULL or scored == NULL:
            raise MemoryError()
        for i in range(nq):
            used_q[i] = 0
        for j in range(nn):
            used_n[j] = 0
        for i in range(nq):
            q = query[i]
            for j in range(nn):
                n = name[j]
                pair = similarity_of(q, n) if q <= n else similarity_of(n, q)
                similarity = pair[0]
                if similarity >= cutoff:
                    scored[count].similarity = similarity
                    scored[count].weight = (<double>query_weights[i]) + (<double>name_weights[j])
                    scored[count].i = i
                    scored[count].j = j
                    scored[count].how = len(hows)
                    hows.append(pair[1])
                    count += 1
        qsort(scored, count, sizeof(_Scored), _descending)
        for k in range(count):
            i, j = scored[k].i, scored[k].j
            if used_q[i] or used_n[j]:
                continue
            used_q[i] = 1
            used_n[j] = 1
            chosen.append(((i,), (j,), scored[k].similarity, hows[scored[k].how]))
        if _count(used_q, nq) < nq and _count(used_n, nn) < nn:
            _leftovers(query, name, used_q, used_n, longest_acronym, compound_cutoff,
                       compound_parts, acronym_similarity, compound, acronym, chosen, False)
            _leftovers(name, query, used_n, used_q, longest_acronym, compound_cutoff,
                       compound_parts, acronym_similarity, compound, acronym, chosen, True)
        chosen.sort(key=_query_positions)
        return _alignment(query, name, query_weights, name_weights, chosen, used_q, used_n,
                          patronymic_endings, exact_kinds, alignment)
    finally:
        free(scored)
        free(used_q)
        free(used_n)


def _query_positions(match):
    return match[0]


cdef Py_ssize_t _count(const char* used, Py_ssize_t size) noexcept:
    cdef Py_ssize_t i, total = 0
    for i in range(size):
        total += used[i]
    return total


cdef void _leftovers(
    tuple one,
    tuple other,
    char* used_one,
    char* used_other,
    Py_ssize_t longest_acronym,
    double compound_cutoff,
    Py_ssize_t compound_parts,
    double acronym_similarity,
    str compound,
    str acronym,
    list chosen,
    bint swapped,
) except *:
    """Single tokens of ``one`` that are adjacent left-over tokens of ``other`` run together
    (a compound) or their initials (an acronym), appended to ``chosen`` as (query positions,
    name positions, similarity, how) and marked used."""
    cdef Py_ssize_t i, k, size = len(other), free_count
    cdef Py_ssize_t* free_positions = <Py_ssize_t*>malloc((size + 1) * sizeof(Py_ssize_t))
    cdef double similarity
    if free_positions == NULL:
        raise MemoryError()
    try:
        for i in range(len(one)):
            if used_one[i]:
                continue
            free_count = 0
            for k in range(size):
                if not used_other[k]:
                    free_positions[free_count] = k
                    free_count += 1
            token = <str>one[i]
            run = _best_compound(token, other, free_positions, free_count, compound_cutoff,
                                 compound_parts, &similarity)
            how = compound
            if run is None:
                run = _initials_of(token, other, free_positions, free_count, longest_acronym)
                similarity = acronym_similarity
                how = acronym
            if run is None:
                continue
            used_one[i] = 1
            for k in run:
                used_other[k] = 1
            if swapped:
                chosen.append((run, (i,), similarity, how))
            else:
                chosen.append(((i,), run, similarity, how))
    finally:
        free(free_positions)


cdef inline Py_ssize_t _at(const Py_ssize_t* free_positions, Py_ssize_t k) noexcept nogil:
    """The k-th free position (every position is free when there is no list)."""
    return free_positions[k] if free_positions != NULL else k


cdef object _best_compound(
    str token,
    tuple other,
    const Py_ssize_t* free_positions,
    Py_ssize_t free_count,
    double cutoff,
    Py_ssize_t parts,
    double* best_similarity,
):
    """The adjacent free tokens of ``other`` (2..parts of them) that ``token`` spells run
    together, most alike first (the first of equals), or None. ``free_positions`` NULL:
    every position is free."""
    cdef Py_UCS4 left[MAX_CHARS]
    cdef Py_UCS4 joined[MAX_CHARS]
    cdef Py_ssize_t size_of_token = len(token), size, start, k, joined_size, longer, end
    cdef double similarity
    best = None
    if size_of_token < 5:
        return None
    if size_of_token <= MAX_CHARS:
        _load(token, left, 0)
    for size in range(2, parts + 1):
        for start in range(free_count - size + 1):
            if _at(free_positions, start + size - 1) - _at(free_positions, start) != size - 1:
                continue  # not adjacent in the other name
            joined_size = 0
            for k in range(start, start + size):
                joined_size += len(<str>other[_at(free_positions, k)])
            longer = _imax(joined_size, size_of_token)
            if 1.0 - (<double>c_abs(<int>(joined_size - size_of_token))) / (<double>longer) < cutoff:
                continue  # the length difference alone keeps it below the cutoff
            if longer > MAX_CHARS:
                similarity = Levenshtein.normalized_similarity(
                    token, "".join([other[_at(free_positions, k)] for k in range(start, start + size)])
                )
            else:
                end = 0
                for k in range(start, start + size):
                    end = _load(<str>other[_at(free_positions, k)], joined, end)
                similarity = _normalised(
                    _levenshtein(left, size_of_token, joined, joined_size),
                    size_of_token,
                    joined_size,
                )
            if similarity >= cutoff and (best is None or similarity > best_similarity[0]):
                best = tuple([_at(free_positions, k) for k in range(start, start + size)])
                best_similarity[0] = similarity
    return best


cdef object _initials_of(
    str token,
    tuple other,
    const Py_ssize_t* free_positions,
    Py_ssize_t free_count,
    Py_ssize_t longest,
):
    """The first run of adjacent free tokens of ``other`` whose initials spell ``token``
    (``free_positions`` NULL: every position is free)."""
    cdef Py_ssize_t size = len(token), start, k
    cdef bint same
    if not 2 <= size <= longest or not token.isalpha():
        return None
    for start in range(free_count - size + 1):
        if _at(free_positions, start + size - 1) - _at(free_positions, start) != size - 1:
            continue
        same = True
        for k in range(size):
            if (<str>other[_at(free_positions, start + k)])[0] != token[k]:
                same = False
                break
        if same:
            return tuple([_at(free_positions, k) for k in range(start, start + size)])
    return None


cdef object _patronymics(tuple tokens, const char* used, tuple endings):
    """Unaligned positions holding a patronymic (see align._patronymics)."""
    cdef Py_ssize_t n = len(tokens), i
    if n < 3:
        return frozenset()
    marked = [i for i in range(1, n) if (<str>tokens[i]).endswith(endings)]
    if n - 1 in marked and len(marked) > 1:
        marked.remove(n - 1)  # a surname like Karpovich after a patronymic
    return frozenset([i for i in marked if not used[<Py_ssize_t>i]])


cdef object _alignment(
    tuple query,
    tuple name,
    tuple query_weights,
    tuple name_weights,
    list chosen,
    const char* used_q,
    const char* used_n,
    tuple endings,
    tuple exact_kinds,
    object alignment,
):
    """The numbers of align_python, summed in its order, and the Alignment built of them."""
    cdef Py_ssize_t nq = len(query), nn = len(name), i, j, k, pivot, smallest
    cdef double matched_q = 0.0, matched_n = 0.0, total_q = 0.0, total_n = 0.0
    cdef double lost = 0.0, left_q = 0.0, left_n = 0.0, weakest = 0.0, similarity
    cdef Py_ssize_t exact = 0, aligned = len(chosen)
    cdef bint in_order = True, rotated = False
    omitted_q = omitted_n = frozenset()
    if _count(used_q, nq) < nq or _count(used_n, nn) < nn:
        patronymics_q = _patronymics(query, used_q, endings)
        patronymics_n = _patronymics(name, used_n, endings)
        if patronymics_q and not patronymics_n:
            omitted_q = patronymics_q
        elif patronymics_n and not patronymics_q:
            omitted_n = patronymics_n
    for match in chosen:
        similarity = match[2]
        for i in match[0]:
            matched_q += (<double>query_weights[i]) * similarity
    for match in chosen:
        similarity = match[2]
        for j in match[1]:
            matched_n += (<double>name_weights[j]) * similarity
    for i in range(nq):
        if i not in omitted_q:
            total_q += <double>query_weights[i]
    for j in range(nn):
        if j not in omitted_n:
            total_n += <double>name_weights[j]
    if total_q == 0.0:
        total_q = 1.0
    if total_n == 0.0:
        total_n = 1.0
    name_positions = [match[1][0] for match in chosen]
    for k in range(1, aligned):
        if name_positions[k] < name_positions[k - 1]:
            in_order = False
            break
    if not in_order:
        pivot = 0
        smallest = name_positions[0]
        for k in range(1, aligned):
            if name_positions[k] < smallest:
                smallest, pivot = name_positions[k], k
        rotated = (name_positions[pivot:] + name_positions[:pivot]) == sorted(name_positions)
    for match in chosen:
        similarity = match[2]
        for j in match[1]:
            lost += (<double>name_weights[j]) * (1.0 - similarity)
        if match[3] in exact_kinds:
            exact += 1
    for i in range(nq):
        if not used_q[i] and i not in omitted_q:
            left_q += <double>query_weights[i]
    for j in range(nn):
        if not used_n[j] and j not in omitted_n:
            left_n += <double>name_weights[j]
    if aligned:
        weakest = min([match[2] for match in chosen])
    used_query = {i for i in range(nq) if used_q[i]} | omitted_q
    used_name = {j for j in range(nn) if used_n[j]} | omitted_n
    return alignment(
        query,
        name,
        chosen,
        used_query,
        used_name,
        tuple([query[i] for i in sorted(omitted_q)]) + tuple([name[j] for j in sorted(omitted_n)]),
        matched_q / total_q,
        matched_n / total_n,
        weakest,
        (<double>exact) / (<double>aligned) if aligned else 0.0,
        in_order,
        rotated,
        lost / total_n,
        left_q if left_q < left_n else left_n,
    )


# --- the best pair of forms -----------------------------------------------------------------

cdef enum:
    FEATURE_COUNT = 15  # namemodel.FEATURES


def best_pair(
    list pairs,
    object weight,
    object align,
    object legal_forms_conflict,
    object split_given_names,
    const double[::1] coefficients,
    double weak_alias_log_odds,
    Py_ssize_t longest_acronym,
    Py_ssize_t longest_person_acronym,
    object name_match,
):
    """The compiled twin of :func:`clearance.matching.score.best_pair_python`: each pair of
    forms aligned (by ``align``), the name model's features and log-odds computed here in
    the same order (``coefficients``: the intercept, then one weight per feature in
    ``namemodel.FEATURES`` order), the best kept, the first of equals."""
    cdef double values[FEATURE_COUNT]
    cdef double best_values[FEATURE_COUNT]
    cdef double log_odds, best_log_odds = 0.0
    cdef Py_ssize_t k
    if coefficients.shape[0] != FEATURE_COUNT + 1:
        raise ValueError(f"{coefficients.shape[0]} coefficients for {FEATURE_COUNT} features")
    best = None
    for pair in pairs:
        query, name = pair
        query_tokens = query.tokens
        name_tokens = name.tokens
        query_weights = tuple(map(weight, query_tokens))
        name_weights = tuple(map(weight, name_tokens))
        person = query.kind == name.kind == "person"
        alignment = align(
            query_tokens,
            name_tokens,
            query_weights,
            name_weights,
            longest_person_acronym if person else longest_acronym,
        )
        if not alignment.aligned_count:
            continue
        _features(alignment, query, name, legal_forms_conflict, split_given_names, values)
        log_odds = coefficients[0]
        for k in range(FEATURE_COUNT):
            log_odds += coefficients[k + 1] * values[k]
        if name.name_kind == "weak":
            log_odds += weak_alias_log_odds
        if best is None or log_odds > best_log_odds:
            best = (query, name, alignment)
            best_log_odds = log_odds
            for k in range(FEATURE_COUNT):
                best_values[k] = values[k]
    if best is None:
        return None
    return name_match(
        best[0], best[1], best[2], tuple([best_values[k] for k in range(FEATURE_COUNT)]),
        best_log_odds,
    )


cdef void _features(
    object alignment,
    object query,
    object name,
    object legal_forms_conflict,
    object split_given_names,
    double* values,
) except *:
    """namemodel.features, value for value."""
    cdef double coverage_query = alignment.coverage_query
    cdef double coverage_name = alignment.coverage_name
    cdef Py_ssize_t unaligned_query = alignment.unaligned_query_count
    cdef Py_ssize_t unaligned_name = alignment.unaligned_name_count
    cdef Py_ssize_t substituted, shorter
    cdef double organisation = 1.0 if (
        query.kind == "organisation" or name.kind == "organisation"
    ) else 0.0
    cdef double coverage_min = coverage_name if coverage_name < coverage_query else coverage_query
    cdef double coverage_max = coverage_name if coverage_name > coverage_query else coverage_query
    query_form, name_form = query.legal_form, name.legal_form
    cdef bint legal_conflict = bool(query_form) and bool(name_form) and bool(
        legal_forms_conflict(query_form, name_form)
    )
    substituted = unaligned_query if unaligned_query < unaligned_name else unaligned_name
    if not organisation:  # a given name matched in part is a different given name
        if unaligned_query and not (<str>query.value).isascii():
            substituted += len(split_given_names(query, alignment.unaligned_query))
        if unaligned_name and not (<str>name.value).isascii():
            substituted += len(split_given_names(name, alignment.unaligned_name))
    shorter = len(query.tokens)
    if len(name.tokens) < shorter:
        shorter = len(name.tokens)
    values[0] = coverage_min
    values[1] = coverage_max
    values[2] = alignment.weakest
    values[3] = alignment.exact_share
    values[4] = 0.0 if (alignment.in_order or alignment.rotated) else 1.0
    values[5] = alignment.fuzzy_loss
    values[6] = <double>(unaligned_query if unaligned_query < 3 else 3)
    values[7] = <double>(unaligned_name if unaligned_name < 3 else 3)
    values[8] = 1.0 if shorter <= 1 else 0.0
    values[9] = alignment.conflict
    values[10] = <double>(substituted if substituted < 2 else 2)
    values[11] = 1.0 if legal_conflict else 0.0
    values[12] = organisation
    values[13] = organisation * coverage_min
    values[14] = organisation * <double>(
        unaligned_query + unaligned_name if unaligned_query + unaligned_name < 3 else 3
    )
