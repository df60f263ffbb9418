# cython: language_level=3, boundscheck=False, wraparound=False, cdivision=True, initializedcheck=False
"""The compiled twins of :func:`clearance.matching.align.token_similarity_python` and of the
candidate stage's left-over check (:func:`clearance.matching.index.could_pair_python`).

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
        for a in one:
            if _compound(a, other, compound_cutoff, compound_parts):
                return True
            if _acronym(a, other, longest_acronym):
                return True
    return False


cdef bint _compound(str token, tuple other, double cutoff, Py_ssize_t parts):
    """Whether ``token`` is 2..parts adjacent tokens of ``other`` run together."""
    cdef Py_UCS4 left[MAX_CHARS]
    cdef Py_UCS4 joined[MAX_CHARS]
    cdef Py_ssize_t size_of_token = len(token), count = len(other)
    cdef Py_ssize_t size, start, k, joined_size, longer, end
    cdef str piece
    if size_of_token < 5:
        return False
    if size_of_token <= MAX_CHARS:
        _load(token, left, 0)
    for size in range(2, parts + 1):
        for start in range(count - size + 1):
            joined_size = 0
            for k in range(start, start + size):
                joined_size += len(<str>other[k])
            longer = _imax(joined_size, size_of_token)
            if 1.0 - (<double>c_abs(<int>(joined_size - size_of_token))) / (<double>longer) < cutoff:
                continue  # the length difference alone keeps it below the cutoff
            if longer > MAX_CHARS:
                similarity = Levenshtein.normalized_similarity(
                    token, "".join(other[start : start + size])
                )
            else:
                end = 0
                for k in range(start, start + size):
                    piece = other[k]
                    end = _load(piece, joined, end)
                similarity = _normalised(
                    _levenshtein(left, size_of_token, joined, joined_size),
                    size_of_token,
                    joined_size,
                )
            if similarity >= cutoff:
                return True
    return False


cdef bint _acronym(str token, tuple other, Py_ssize_t longest):
    """Whether ``token`` is the initials of adjacent tokens of ``other``."""
    cdef Py_ssize_t size = len(token), start, k
    cdef bint same
    if not 2 <= size <= longest or not token.isalpha():
        return False
    for start in range(len(other) - size + 1):
        same = True
        for k in range(size):
            if (<str>other[start + k])[0] != token[k]:
                same = False
                break
        if same:
            return True
    return False
