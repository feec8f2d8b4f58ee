"""The numba engine: compiled twins of the kernels of :mod:`._stats`.

This module imports numba at the top and is loaded only through the kernel
table of :mod:`._kernels`, when :class:`UCIHARFeatureExtractor` runs with
``engine="numba"`` (or ``"auto"`` with numba installed, extra ``fast``).
Every kernel has the name, signature and degenerate-case rules of its numpy
twin in :mod:`._stats` (the reference), and computes the same quantities in
one pass over each signal that stays in the processor's cache, instead of
one numpy pass over the whole chunk per statistic.  The tests check that
both engines agree.

Every kernel loops over the rows of a 2-D array (one row = one signal of
one window) and is compiled with ``nogil=True``, so the extractor's
``n_jobs`` threads run them truly in parallel.  Compiled code is cached on
disk (``cache=True``): only the first call on a machine pays the compile.
"""

import numba
import numpy as np

from ._stats import ROW_STATISTICS

__all__ = ["burg_ar", "correlation_pairs", "row_statistics"]

# columns of row_statistics, as in the numpy engine
N_ROW_STATS = len(ROW_STATISTICS)

_EPS = np.finfo(np.float64).eps

# Reassociation lets the compiler vectorise the sums (a different, equally
# valid rounding order; no effect on the IEEE treatment of inf/NaN, which
# the extractor rejects before calling a kernel anyway).
_jit = numba.njit(cache=True, nogil=True, fastmath={"reassoc", "contract"})


@_jit
def _hazen(xs, q):
    """MATLAB ``prctile`` of a sorted vector (see ``percentile_hazen``)."""
    n = xs.shape[0]
    h = min(max(n * q / 100.0 - 0.5, 0.0), n - 1.0)
    lo = int(np.floor(h))
    hi = min(lo + 1, n - 1)
    return xs[lo] + (h - lo) * (xs[hi] - xs[lo])


@_jit
def _level(x, n_levels):
    """Quantisation level of one value: ``rint((n_levels - 1) * clip(x, 0, 1))``."""
    return np.rint(min(max(x, 0.0), 1.0) * (n_levels - 1))


@_jit
def _sorted_entropy(xs, n_levels, xlog2x):
    """Entropy of the quantised levels of the sorted vector ``xs`` (bits).

    The levels of sorted values are non-decreasing, so each occupied level
    is one run of equal levels; ``xlog2x[c]`` is ``c * log2(c)``.
    """
    n = xs.shape[0]
    clogc = 0.0
    run = 1
    prev = _level(xs[0], n_levels)
    for i in range(1, n):
        level = _level(xs[i], n_levels)
        if level == prev:
            run += 1
        else:
            clogc += xlog2x[run]
            run = 1
            prev = level
    clogc += xlog2x[run]
    return max(np.log2(n) - clogc / n, 0.0)


@_jit
def row_statistics(Z, moments=False, n_levels=256):
    """Statistics of every row of ``Z`` (rows, n) -> (rows, 11).

    The rows must be **sorted** (``np.sort(..., axis=-1)``, numpy's SIMD
    sort is several times faster than a compiled one for short rows); none
    of the statistics depends on the order of the samples.

    Same definitions as :func:`._stats.row_statistics`: sample std (``n - 1``), mean absolute deviation,
    energy as ``ss / n + mean**2``, Hazen IQR, clip-and-quantise entropy
    with ``n_levels`` levels, and (``moments``) biased skewness and Pearson
    kurtosis; a sum of squares at round-off level counts as 0.
    """
    rows, n = Z.shape
    out = np.zeros((rows, N_ROW_STATS))
    xlog2x = np.zeros(n + 1)
    for c in range(2, n + 1):
        xlog2x[c] = c * np.log2(c)
    for r in range(rows):
        x = Z[r]
        total = 0.0
        for i in range(n):
            total += x[i]
        mean = total / n
        ss = 0.0
        sad = 0.0
        sabs = 0.0
        for i in range(n):
            d = x[i] - mean
            ss += d * d
            sad += abs(d)
            sabs += abs(x[i])
        if ss <= n * (64.0 * _EPS * abs(mean)) ** 2:
            ss = 0.0
        out[r, 0] = mean
        out[r, 1] = np.sqrt(ss / (n - 1))
        out[r, 2] = sad / n
        out[r, 5] = ss / n + mean * mean
        out[r, 8] = sabs / n
        xs = x  # sorted: min, max, IQR and the entropy's level runs
        out[r, 3] = xs[n - 1]
        out[r, 4] = xs[0]
        out[r, 6] = _hazen(xs, 75.0) - _hazen(xs, 25.0)
        out[r, 7] = _sorted_entropy(xs, n_levels, xlog2x)
        if moments:
            m2 = ss / n
            if m2 > 0:
                m3 = 0.0
                m4 = 0.0
                for i in range(n):
                    d = x[i] - mean
                    d2 = d * d
                    m3 += d2 * d
                    m4 += d2 * d2
                out[r, 9] = (m3 / n) / m2**1.5
                out[r, 10] = (m4 / n) / (m2 * m2)
    return out


@_jit
def burg_ar(Z, order=4):
    """Burg AR coefficients ``a_1..a_p`` of every row of ``Z`` (rows, n).

    Same definition as :func:`._stats.burg_ar`, for 2-D input only.

    The forward and backward prediction errors are updated directly, in
    place in two scratch vectors, as in the numpy reference (no Gram matrix, so
    full relative precision for very predictable signals).
    """
    rows, n = Z.shape
    out = np.empty((rows, order))
    f = np.empty(n - 1)
    b = np.empty(n - 1)
    a = np.empty(order + 1)
    head = np.empty(order + 1)
    for r in range(rows):
        x = Z[r]
        for i in range(n - 1):
            f[i] = x[i + 1]
            b[i] = x[i]
        a[:] = 0.0
        a[0] = 1.0
        length = n - 1
        for m in range(order):
            num = 0.0
            sff = 0.0
            sbb = 0.0
            for i in range(length):
                num += b[i] * f[i]
                sff += f[i] * f[i]
                sbb += b[i] * b[i]
            den = sff + sbb
            k = -2.0 * num / den if den > 0 else 0.0
            for i in range(m + 2):
                head[i] = a[i]
            for i in range(m + 2):
                a[i] = head[i] + k * head[m + 1 - i]
            if m + 1 < order:
                length -= 1
                for i in range(length):  # in place: f[i + 1], b[i + 1] still old
                    bi = b[i] + k * f[i]
                    f[i] = f[i + 1] + k * b[i + 1]
                    b[i] = bi
        for j in range(order):
            out[r, j] = a[j + 1]
    return out


@_jit
def correlation_pairs(Z, first, second):
    """Pearson correlations of signal pairs within each window.

    ``Z`` is (windows, signals, n); the result (windows, n_pairs) holds the
    correlation of signals ``first[k]`` and ``second[k]`` of each window,
    0 where either is constant (round-off rule as for ``ss``), clipped to
    [-1, 1].
    """
    m, _, n = Z.shape
    n_pairs = first.shape[0]
    out = np.zeros((m, n_pairs))
    for w in range(m):
        for k in range(n_pairs):
            x = Z[w, first[k]]
            y = Z[w, second[k]]
            mx = 0.0
            my = 0.0
            for i in range(n):
                mx += x[i]
                my += y[i]
            mx /= n
            my /= n
            sxy = 0.0
            sxx = 0.0
            syy = 0.0
            for i in range(n):
                dx = x[i] - mx
                dy = y[i] - my
                sxy += dx * dy
                sxx += dx * dx
                syy += dy * dy
            if sxx <= n * (64.0 * _EPS * abs(mx)) ** 2:
                sxx = 0.0
            if syy <= n * (64.0 * _EPS * abs(my)) ** 2:
                syy = 0.0
            den = np.sqrt(sxx * syy)
            if den > 0:
                out[w, k] = min(max(sxy / den, -1.0), 1.0)
    return out
