"""The numpy engine of the UCI HAR statistics: many short signals at once.

These are the only implementation, in numpy, of the per-signal statistics
of :class:`~sklearn_har.features.UCIHARFeatureExtractor`: the extractor calls
them (through the kernel table of :mod:`._kernels`) and the tests check them
against scipy and per-signal reference code.  :mod:`._numba_kernels` holds
compiled twins with the same names, signatures and degenerate-case rules.

Every kernel works on the rows of a 2-D array (one row = one signal of one
window), so a chunk of windows laid out as ``(n_windows * n_signals,
n_samples)`` is summarised in a handful of numpy calls with no Python loop
over windows.  The conventions are those of the UCI HAR feature set
(``docs/user_guide/features.rst``): MATLAB-style sample statistics, the
mean absolute deviation for ``mad``, clip-and-quantise entropy, and Burg's
method for the autoregressive coefficients.

Degenerate inputs (a constant signal, an all-zero vector) never produce NaN:
each function documents the finite value it returns instead, so that a
downstream scaler and classifier always receive finite features.
"""

import numpy as np

__all__ = [
    "ROW_STATISTICS",
    "angle_between",
    "burg_ar",
    "correlation_pairs",
    "entropy_quantised",
    "percentile_hazen",
    "row_statistics",
]

#: Columns of :func:`row_statistics`, in order (the last two only with
#: ``moments=True``, 0 otherwise).
ROW_STATISTICS = (
    "mean",
    "std",
    "mad",
    "max",
    "min",
    "energy",
    "iqr",
    "entropy",
    "mean_abs",
    "skewness",
    "kurtosis",
)


def percentile_hazen(x_sorted, q):
    """Percentiles of **already sorted** signals, MATLAB ``prctile`` convention.

    The p-th percentile sits at the 1-based sorted position ``n*p/100 + 0.5``
    with linear interpolation, clamped to the first and last values.  This
    equals ``np.percentile(x, q, axis=-1, method="hazen")`` but reuses a sort
    that the caller needs anyway (for the minimum and maximum).

    Parameters
    ----------
    x_sorted : ndarray of shape (..., n)
        Signals sorted along the last axis.
    q : float
        Percentile in [0, 100].

    Returns
    -------
    p : ndarray of shape (...)

    Examples
    --------
    >>> import numpy as np
    >>> from sklearn_har.features._stats import percentile_hazen
    >>> float(percentile_hazen(np.arange(8.0), 25))
    1.5
    """
    x_sorted = np.asarray(x_sorted, dtype=float)
    n = x_sorted.shape[-1]
    h = min(max(n * q / 100.0 - 0.5, 0.0), n - 1.0)  # 0-based position
    lo = int(np.floor(h))
    hi = min(lo + 1, n - 1)
    frac = h - lo
    return x_sorted[..., lo] + frac * (x_sorted[..., hi] - x_sorted[..., lo])


def _xlog2x_table(n):
    """``c * log2(c)`` for integer counts ``c = 0..n`` (0 for ``c = 0``)."""
    c = np.arange(n + 1, dtype=float)
    out = np.zeros(n + 1)
    out[1:] = c[1:] * np.log2(c[1:])
    return out


def entropy_quantised(x, *, n_levels=256, assume_sorted=False):
    """Shannon entropy of clipped and quantised values (MATLAB image ``entropy``).

    Each value is clipped to [0, 1] and rounded to one of ``n_levels``
    levels, ``q = round((n_levels - 1) * clip(x, 0, 1))``; the result is the
    base-2 entropy of the histogram of the levels.  This is what MATLAB's
    Image Processing Toolbox ``entropy`` does to a double array, and what
    the published UCI HAR ``entropy()`` features follow (values outside
    [0, 1] all fall into the end levels, which is why so many windows share
    the minimum ``tGravityAcc-entropy()-Y``).

    The histograms of all signals are counted at once, without a
    ``rows x n_levels`` table: quantisation is monotonic, so in sorted
    signals every occupied level is one run of equal values, and
    ``H = log2(n) - sum(c * log2(c)) / n`` over the run lengths ``c``
    (one ``np.flatnonzero`` and one weighted ``np.bincount`` for the batch).

    Parameters
    ----------
    x : ndarray of shape (..., n)
        Signals, samples along the last axis.
    n_levels : int, default=256
        Number of quantisation levels.
    assume_sorted : bool, default=False
        Skip the sort when ``x`` is already sorted along the last axis
        (callers that need the minimum, maximum or percentiles sort anyway).

    Returns
    -------
    entropy : ndarray of shape (...)
        In bits, between 0 (all values in one level, e.g. a constant) and
        ``log2(min(n, n_levels))``.

    Examples
    --------
    >>> import numpy as np
    >>> from sklearn_har.features._stats import entropy_quantised
    >>> float(entropy_quantised(np.array([0.0, 1.0, 0.0, 1.0])))
    1.0
    >>> float(entropy_quantised(np.array([-5.0, -1.0, 0.0, 0.001])))  # one level
    0.0
    """
    x = np.asarray(x, dtype=float)
    lead, n = x.shape[:-1], x.shape[-1]
    rows = int(np.prod(lead, dtype=np.int64))
    if rows == 0 or n == 0:
        return np.zeros(lead)
    if not assume_sorted:
        x = np.sort(x, axis=-1)
    q = np.clip(x.reshape(rows, n), 0.0, 1.0)
    q *= n_levels - 1
    np.rint(q, out=q)
    new_run = np.empty((rows, n), dtype=bool)
    new_run[:, 0] = True
    np.not_equal(q[:, 1:], q[:, :-1], out=new_run[:, 1:])
    starts = np.flatnonzero(new_run)
    lengths = np.diff(starts, append=rows * n)
    clogc = np.bincount(starts // n, weights=_xlog2x_table(n)[lengths], minlength=rows)
    out = np.log2(n) - clogc / n
    np.maximum(out, 0.0, out=out)  # exact 0 for one level, not -1e-16
    return out.reshape(lead)


def _roundoff_sum_of_squares(mean, n):
    """Largest sum of squared deviations that is only floating-point round-off.

    The deviations of a constant signal from its computed mean are not
    exactly 0 but a few ``eps * |mean|``; sums of squares below this level
    are treated as 0 (a constant signal), so that correlation, skewness and
    kurtosis take their documented degenerate values instead of amplifying
    round-off.
    """
    return n * (64 * np.finfo(float).eps * np.abs(mean)) ** 2


def _centre(Z):
    """Row means, mean-centred rows and their sums of squares (round-off -> 0)."""
    mean = Z.mean(axis=-1)
    d = Z - mean[:, np.newaxis]
    ss = np.einsum("ri,ri->r", d, d)
    ss[ss <= _roundoff_sum_of_squares(mean, Z.shape[-1])] = 0.0
    return mean, d, ss


def row_statistics(Z, moments=False, n_levels=256):
    """Statistics of every row of ``Z`` (rows, n) -> (rows, 11).

    The rows must be **sorted** (``np.sort(..., axis=-1)``): one sort serves
    the maximum, minimum, interquartile range and entropy, and none of the
    statistics depends on the order of the samples.

    Parameters
    ----------
    Z : ndarray of shape (n_rows, n)
        Signals, each row sorted in ascending order; ``n >= 2``.
    moments : bool, default=False
        Also compute the skewness and kurtosis (the spectra need them).
    n_levels : int, default=256
        Quantisation levels of the entropy (:func:`entropy_quantised`).

    Returns
    -------
    S : ndarray of shape (n_rows, 11)
        Columns :data:`ROW_STATISTICS`: mean; sample standard deviation
        (``n - 1``); mean absolute deviation about the mean (MATLAB ``mad``,
        which the published ``mad()`` features use despite their
        documentation's "median"); maximum; minimum; energy
        ``mean(x**2)``; interquartile range of Hazen (MATLAB) percentiles;
        entropy of the values clipped to [0, 1] and quantised; ``mean(|x|)``
        (for ``sma``); biased skewness ``m3 / m2**1.5`` and Pearson
        kurtosis ``m4 / m2**2`` (normal = 3; MATLAB's and scipy's
        ``bias=True`` definitions).  A sum of squared deviations at
        round-off level counts as 0, so a constant row has exactly 0
        standard deviation, skewness and kurtosis (not NaN).

    Examples
    --------
    >>> import numpy as np
    >>> from sklearn_har.features._stats import ROW_STATISTICS, row_statistics
    >>> S = row_statistics(np.array([[0.0, 0.0, 0.0, 1.0], [1.0, 2.0, 3.0, 10.0]]), True)
    >>> dict(zip(ROW_STATISTICS, np.round(S[0], 4).tolist()))["skewness"]
    1.1547
    >>> float(S[1, ROW_STATISTICS.index("mad")]), float(S[1, ROW_STATISTICS.index("energy")])
    (3.0, 28.5)
    """
    rows, n = Z.shape
    # columns first: every statistic is one contiguous write
    out = np.zeros((len(ROW_STATISTICS), rows))
    mean, d, ss = _centre(Z)
    out[0] = mean
    np.sqrt(ss / (n - 1), out=out[1])
    np.divide(np.abs(d).sum(axis=-1), n, out=out[2])
    out[3] = Z[:, -1]
    out[4] = Z[:, 0]
    out[5] = ss / n + mean * mean
    out[6] = percentile_hazen(Z, 75) - percentile_hazen(Z, 25)
    out[7] = entropy_quantised(Z, n_levels=n_levels, assume_sorted=True)
    np.divide(np.abs(Z).sum(axis=-1), n, out=out[8])
    if moments:
        m2 = ss / n
        ok = m2 > 0
        safe = np.where(ok, m2, 1.0)
        d2 = d * d
        m3 = np.einsum("ri,ri->r", d2, d) / n
        m4 = np.einsum("ri,ri->r", d2, d2) / n
        out[9] = np.where(ok, m3 / safe**1.5, 0.0)
        out[10] = np.where(ok, m4 / safe**2, 0.0)
    return out.T


def correlation_pairs(Z, first, second):
    """Pearson correlations of pairs of signals within each window.

    Parameters
    ----------
    Z : ndarray of shape (n_windows, n_signals, n)
        Signals of every window, time along the last axis.
    first, second : ndarray of int of shape (n_pairs,)
        The signals to correlate: pair ``k`` is ``first[k]`` with
        ``second[k]``.

    Returns
    -------
    r : ndarray of shape (n_windows, n_pairs)
        In [-1, 1]; 0 where either signal is constant (its sum of squared
        deviations at round-off level).

    Examples
    --------
    >>> import numpy as np
    >>> from sklearn_har.features._stats import correlation_pairs
    >>> t = np.arange(10.0)
    >>> Z = np.stack([t, -2 * t + 1, np.ones(10)])[np.newaxis]
    >>> correlation_pairs(Z, np.array([0, 0]), np.array([1, 2])).tolist()
    [[-1.0, 0.0]]
    """
    m, s, n = Z.shape
    _, d, ss = _centre(Z.reshape(m * s, n))
    d = d.reshape(m, s, n)
    ss = ss.reshape(m, s)
    num = np.empty((m, len(first)))
    for k, (i, j) in enumerate(zip(first, second, strict=True)):
        np.einsum("mt,mt->m", d[:, i], d[:, j], out=num[:, k])
    den = np.sqrt(ss[:, first] * ss[:, second])
    ok = den > 0
    r = np.divide(num, np.where(ok, den, 1.0), out=np.zeros_like(num), where=ok)
    return np.clip(r, -1.0, 1.0, out=r)


def angle_between(u, v):
    """Angle in radians between paired vectors along the last axis.

    Parameters
    ----------
    u, v : ndarray of shape (..., d)
        Vectors, paired element-wise over the leading axes (broadcasting).

    Returns
    -------
    theta : ndarray of shape (...)
        ``arccos(u.v / (|u| |v|))`` in [0, pi].  When either vector is zero
        the cosine is taken as 0, i.e. the angle is ``pi / 2``.

    Examples
    --------
    >>> import numpy as np
    >>> from sklearn_har.features._stats import angle_between
    >>> float(angle_between(np.array([1.0, 0, 0]), np.array([0.0, 0, -3])))
    1.5707963267948966
    >>> float(angle_between(np.array([1.0, 1, 0]), np.array([2.0, 0, 0])))
    0.7853981633974484
    """
    u = np.asarray(u, dtype=float)
    v = np.asarray(v, dtype=float)
    num = np.sum(u * v, axis=-1)
    den = np.sqrt(np.sum(u * u, axis=-1) * np.sum(v * v, axis=-1))
    ok = den > 0
    cos = np.divide(num, np.where(ok, den, 1.0), out=np.zeros_like(num), where=ok)
    return np.arccos(np.clip(cos, -1.0, 1.0))


def burg_ar(x, order=4):
    """Burg autoregressive coefficients of many signals at once (MATLAB ``arburg``).

    Fits ``A(z) = 1 + a_1 z^-1 + ... + a_p z^-p`` to each signal by Burg's
    method, on the raw values (no mean removal), and returns ``a_1..a_p`` in
    MATLAB's sign convention: for ``x[t] = 1.5 x[t-1] - 0.75 x[t-2] + e[t]``
    the estimate is close to ``(-1.5, 0.75, 0, ...)``.  The recursion runs
    over the model order only; each step updates the prediction errors of
    all signals with a few array operations.

    Parameters
    ----------
    x : ndarray of shape (..., n)
        Signals, time along the last axis; ``n`` must exceed ``order``.
    order : int, default=4
        Model order ``p``.

    Returns
    -------
    a : ndarray of shape (..., order)
        Coefficients ``a_1..a_p``.  When the prediction errors vanish (e.g.
        for a constant signal after the first step) the remaining
        reflection coefficients are taken as 0.

    Notes
    -----
    At step ``m`` the reflection coefficient is
    ``k_m = -2 <f, b> / (<f, f> + <b, b>)``, where ``f`` and ``b`` are the
    forward and backward prediction errors of order ``m - 1`` aligned one
    sample apart; then ``f, b <- f + k_m b, b + k_m f`` and the polynomial
    follows the Levinson update ``a <- [a, 0] + k_m [0, reverse(a)]``.
    The errors are updated directly (not through a Gram matrix of the
    signal), which keeps full relative precision for very predictable
    signals such as the smooth gravity component.

    References
    ----------
    J. P. Burg, "Maximum entropy spectral analysis", 37th Meeting of the
    Society of Exploration Geophysicists, 1967.  S. M. Kay, *Modern Spectral
    Estimation*, Prentice Hall, 1988, section 7.4.

    Examples
    --------
    >>> import numpy as np
    >>> from sklearn_har.features._stats import burg_ar
    >>> x = np.sin(0.3 * np.arange(200))  # x[t] = 2 cos(0.3) x[t-1] - x[t-2]
    >>> np.round(burg_ar(x, order=2), 3)
    array([-1.911,  1.   ])
    >>> round(-2 * float(np.cos(0.3)), 3)
    -1.911
    """
    x = np.asarray(x, dtype=float)
    n = x.shape[-1]
    p = int(order)
    if n <= p:
        raise ValueError(
            f"Burg AR({p}) needs signals longer than {p} samples, got {n}."
        )
    lead = x.shape[:-1]
    a = np.zeros(lead + (p + 1,))
    a[..., 0] = 1.0
    f = x[..., 1:]  # forward prediction error, aligned with ...
    b = x[..., :-1]  # ... the backward error one sample earlier
    for m in range(p):
        num = np.einsum("...i,...i->...", b, f)
        den = np.einsum("...i,...i->...", f, f)
        den += np.einsum("...i,...i->...", b, b)
        ok = den > 0
        k = np.divide(-2.0 * num, den, out=np.zeros_like(num), where=ok)
        head = a[..., : m + 2]
        a[..., : m + 2] = head + k[..., np.newaxis] * head[..., ::-1]
        if m + 1 < p:
            # next errors, only where the next step uses them; einsum scales
            # each row by its own k faster than a broadcast multiply
            f_next = np.einsum("...i,...->...i", b[..., 1:], k)
            f_next += f[..., 1:]
            b_next = np.einsum("...i,...->...i", f[..., :-1], k)
            b_next += b[..., :-1]
            f, b = f_next, b_next
    return a[..., 1:]
