"""The 561 features of the UCI HAR data set, computed from windows.

The extractor follows the project's specification of the published feature
set (``docs/user_guide/features.rst`` summarises it): from the 9 Inertial
Signals channels of a window it derives 17 signal groups (body and gravity
acceleration, in-window jerk, gyroscope, their magnitudes and the 64-bin
amplitude spectra of 8 of them) and evaluates the feature functions on each,
in the official column order.

Everything is vectorised over windows: a chunk of windows is laid out as
``(n_windows, n_signals, n_samples)`` and every feature family is one or a
few numpy calls over the whole chunk.  Chunks bound the memory and can run
in parallel threads (numpy releases the GIL in its inner loops).
"""

import importlib.util
from numbers import Integral, Real

import numpy as np
from joblib import Parallel, delayed, effective_n_jobs
from sklearn.base import BaseEstimator, TransformerMixin
from sklearn.utils.validation import check_is_fitted

from ..utils import check_windows
from ..utils._param_validation import Interval, StrOptions, fit_context
from ..utils._validation import check_finite_features
from . import _feature_names as fn
from ._feature_names import uci_har_feature_names
from ._spectral import (
    amplitude_spectrum,
    band_energies,
    max_inds,
    mean_freq,
    spectrum_frequencies,
    uci_har_bands,
)
from ._stats import (
    _roundoff_sum_of_squares,
    burg_ar,
    entropy_quantised,
    percentile_hazen,
)

__all__ = ["UCIHARFeatureExtractor"]

N_CHANNELS = 9
# 8 non-DC bins are needed for the eight 1/8 bands: windows of >= 16 samples.
MIN_WINDOW_SIZE = 16
AR_ORDER = 4

# sklearn's common checks that fit on 2-D tabular data (see
# UCIHARFeatureExtractor._get_expected_failed_checks).
_CHECKS_FEEDING_2D = (
    "check_dict_unchanged",
    "check_dont_overwrite_parameters",
    "check_dtype_object",
    "check_estimators_dtypes",
    "check_estimators_empty_data_messages",
    "check_estimators_fit_returns_self",
    "check_estimators_nan_inf",
    "check_estimators_overwrite_params",
    "check_estimators_pickle",
    "check_f_contiguous_array_estimator",
    "check_fit2d_1feature",
    "check_fit2d_1sample",
    "check_fit2d_predict1d",
    "check_fit_check_is_fitted",
    "check_fit_idempotent",
    "check_fit_score_takes_y",
    "check_methods_sample_order_invariance",
    "check_methods_subset_invariance",
    "check_n_features_in",
    "check_n_features_in_after_fitting",
    "check_pipeline_consistency",
    "check_positive_only_tag_during_fit",
    "check_readonly_memmap_input",
    "check_transformer_data_not_an_array",
    "check_transformer_general",
    "check_transformer_preserve_dtypes",
)

# --------------------------------------------------------------------------
# Internal layout.  Time-domain statistics are computed on two stacks of
# signals, one of full length T and one of jerk length T - 1, which together
# make 20 "time signals"; spectra on 13 "frequency signals".  The stacks are
# ordered so that the signals that get a spectrum come first (a view, not a
# copy, goes to the FFT).  ``_column_index`` maps these positions to the
# official column order.
# --------------------------------------------------------------------------
_T_SIGNAL = {
    # full-length stack, positions 0-11
    "tBodyAcc": (0, 1, 2),
    "tBodyGyro": (3, 4, 5),
    "tBodyAccMag": 6,
    "tBodyGyroMag": 7,
    "tGravityAcc": (8, 9, 10),
    "tGravityAccMag": 11,
    # jerk stack, positions 12-19
    "tBodyAccJerk": (12, 13, 14),
    "tBodyAccJerkMag": 15,
    "tBodyGyroJerkMag": 16,
    "tBodyGyroJerk": (17, 18, 19),
}
_N_FULL, _N_FULL_FFT, _N_JERK_FFT = 12, 8, 5
_F_SIGNAL = {
    # spectra of full-length signals 0-7 ...
    "fBodyAcc": (0, 1, 2),
    "fBodyGyro": (3, 4, 5),
    "fBodyAccMag": 6,
    "fBodyBodyGyroMag": 7,
    # ... and of jerk signals 12-16, zero-padded to T samples
    "fBodyAccJerk": (8, 9, 10),
    "fBodyBodyAccJerkMag": 11,
    "fBodyBodyGyroJerkMag": 12,
}
_PAIRS = ((0, 1), (0, 2), (1, 2))  # correlation(): XY, XZ, YZ
_T_FAMILIES = ("mean", "std", "mad", "max", "min", "energy", "iqr", "entropy")
_F_FAMILIES = _T_FAMILIES + ("maxInds", "meanFreq", "skewness", "kurtosis")
_N_T, _N_F, _N_BANDS = 20, 13, 14


def _block_widths():
    """Width of every block of the unordered feature matrix, in order."""
    widths = {f"t_{f}": _N_T for f in _T_FAMILIES}
    widths["t_sma"] = len(fn.T3) + len(fn.TM)
    widths["t_ar"] = _N_T * AR_ORDER
    widths["t_corr"] = 3 * len(fn.T3)
    widths.update({f"f_{f}": _N_F for f in _F_FAMILIES})
    widths["f_sma"] = len(fn.F3) + len(fn.FM)
    widths["f_bands"] = _N_F * _N_BANDS
    widths["angle"] = len(fn.ANGLES)
    return widths


_WIDTHS = _block_widths()
_OFFSETS = dict(
    zip(_WIDTHS, np.cumsum([0] + list(_WIDTHS.values()))[:-1].tolist(), strict=True)
)


def _column_index(replicate_gravitymag_bug=False):
    """Positions in the unordered matrix of the 561 official columns.

    Walks the groups in exactly the order of
    :func:`~sklearn_har.features.uci_har_feature_names`.
    """
    o = _OFFSETS
    t_sig = dict(_T_SIGNAL)
    sma_slot = {g: i for i, g in enumerate(fn.T3 + fn.TM)}
    if replicate_gravitymag_bug:
        # The published files repeat the tBodyAccMag columns here (spec §2.4).
        t_sig["tGravityAccMag"] = t_sig["tBodyAccMag"]
        sma_slot["tGravityAccMag"] = sma_slot["tBodyAccMag"]
    f_sma_slot = {g: i for i, g in enumerate(fn.F3 + fn.FM)}
    basic = ("mean", "std", "mad", "max", "min")
    idx = []
    for gi, g in enumerate(fn.T3):
        s = t_sig[g]
        idx += [o[f"t_{f}"] + i for f in basic for i in s]
        idx.append(o["t_sma"] + sma_slot[g])
        idx += [o[f"t_{f}"] + i for f in ("energy", "iqr", "entropy") for i in s]
        idx += [o["t_ar"] + i * AR_ORDER + k for i in s for k in range(AR_ORDER)]
        idx += [o["t_corr"] + 3 * gi + p for p in range(3)]
    for g in fn.TM:
        i = t_sig[g]
        idx += [o[f"t_{f}"] + i for f in basic]
        idx.append(o["t_sma"] + sma_slot[g])
        idx += [o[f"t_{f}"] + i for f in ("energy", "iqr", "entropy")]
        idx += [o["t_ar"] + i * AR_ORDER + k for k in range(AR_ORDER)]
    spectral = ("energy", "iqr", "entropy", "maxInds", "meanFreq")
    for g in fn.F3:
        s = _F_SIGNAL[g]
        idx += [o[f"f_{f}"] + i for f in basic for i in s]
        idx.append(o["f_sma"] + f_sma_slot[g])
        idx += [o[f"f_{f}"] + i for f in spectral for i in s]
        idx += [o[f"f_{f}"] + i for i in s for f in ("skewness", "kurtosis")]
        idx += [o["f_bands"] + i * _N_BANDS + b for i in s for b in range(_N_BANDS)]
    for g in fn.FM:
        i = _F_SIGNAL[g]
        idx += [o[f"f_{f}"] + i for f in basic]
        idx.append(o["f_sma"] + f_sma_slot[g])
        idx += [o[f"f_{f}"] + i for f in spectral + ("skewness", "kurtosis")]
    idx += [o["angle"] + a for a in range(len(fn.ANGLES))]
    return np.asarray(idx, dtype=np.intp)


def _magnitude(v, out):
    """Euclidean norm over axis 1 of ``(m, 3, n)``, per sample, into ``out``."""
    np.einsum("mat,mat->mt", v, v, out=out)
    return np.sqrt(out, out=out)


def _block(U, name, first=0, width=None):
    """View of block ``name`` of the unordered matrix ``U``, from signal ``first``."""
    start = _OFFSETS[name] + first
    stop = _OFFSETS[name] + _WIDTHS[name] if width is None else start + width
    return U[:, start:stop]


def _stats(Z, U, prefix, first):
    """Statistics shared by time and frequency signals, written into ``U``.

    ``Z`` has shape ``(m, s, n)``; family ``f`` goes to block
    ``prefix + f`` of ``U``, columns ``first .. first + s``.  Returns the
    mean-centred signals and their sums of squares.
    """
    n, s = Z.shape[-1], Z.shape[1]
    mean = Z.mean(axis=-1)
    d = Z - mean[..., np.newaxis]
    ss = np.einsum("msi,msi->ms", d, d)
    ss[ss <= _roundoff_sum_of_squares(mean, n)] = 0.0  # constant signals
    Zs = np.sort(Z, axis=-1)  # one sort serves max, min, iqr and entropy
    out = {f: _block(U, prefix + f, first, s) for f in _T_FAMILIES}
    out["mean"][:] = mean
    np.sqrt(ss / (n - 1), out=out["std"])
    np.divide(np.abs(d).sum(axis=-1), n, out=out["mad"])
    out["max"][:] = Zs[..., -1]
    out["min"][:] = Zs[..., 0]
    out["energy"][:] = ss / n + mean * mean
    out["iqr"][:] = percentile_hazen(Zs, 75) - percentile_hazen(Zs, 25)
    out["entropy"][:] = entropy_quantised(Zs, assume_sorted=True)
    return d, ss


def _correlations(d, ss, g):
    """Pearson correlations (XY, XZ, YZ) of the axes ``g, g+1, g+2`` -> ``(m, 3)``.

    ``d`` is ``(m, s, n)`` mean-centred and ``ss`` its sums of squares.
    Constant axes give 0.
    """
    num = np.stack(
        [np.einsum("mt,mt->m", d[:, g + i], d[:, g + j]) for i, j in _PAIRS], axis=1
    )
    den = np.sqrt(ss[:, [g + i for i, _ in _PAIRS]] * ss[:, [g + j for _, j in _PAIRS]])
    ok = den > 0
    r = np.divide(num, np.where(ok, den, 1.0), out=np.zeros_like(num), where=ok)
    return np.clip(r, -1.0, 1.0, out=r)


def _angles_to(u, g):
    """Angles between ``u`` (m, k, 3) and ``g`` (m, 3); pi/2 for zero vectors."""
    num = np.einsum("mka,ma->mk", u, g)
    den = np.sqrt(np.einsum("mka,mka->mk", u, u) * np.einsum("ma,ma->m", g, g)[:, None])
    ok = den > 0
    cos = np.divide(num, np.where(ok, den, 1.0), out=np.zeros_like(num), where=ok)
    return np.arccos(np.clip(cos, -1.0, 1.0))


def _time_domain_numpy(full, jerk, U):
    """Time-domain statistics, AR and correlations of both stacks, into ``U``.

    Returns the mean absolute values ``(m, 20)`` of the 20 signals (for
    ``sma``).
    """
    m = full.shape[0]
    d_full, ss_full = _stats(full, U, "t_", 0)
    d_jerk, ss_jerk = _stats(jerk, U, "t_", _N_FULL)
    ar = _block(U, "t_ar").reshape(m, _N_T, AR_ORDER)
    ar[:, :_N_FULL] = burg_ar(full, AR_ORDER)
    ar[:, _N_FULL:] = burg_ar(jerk, AR_ORDER)
    corr = _block(U, "t_corr").reshape(m, len(fn.T3), 3)
    for i, g in enumerate(fn.T3):
        x = _T_SIGNAL[g][0]  # position of the X axis in the 20 time signals
        if x < _N_FULL:
            corr[:, i] = _correlations(d_full, ss_full, x)
        else:
            corr[:, i] = _correlations(d_jerk, ss_jerk, x - _N_FULL)
    return np.concatenate(
        [np.abs(full).mean(axis=-1), np.abs(jerk).mean(axis=-1)], axis=1
    )


def _spectral_stats_numpy(A, U):
    """The statistics, skewness and kurtosis of the spectra ``A``, into ``U``."""
    nb = A.shape[-1]
    dA, ssA = _stats(A, U, "f_", 0)
    m2 = ssA / nb
    ok = m2 > 0
    safe = np.where(ok, m2, 1.0)
    dA2 = dA * dA
    m3 = np.einsum("msi,msi->ms", dA2, dA) / nb
    m4 = np.einsum("msi,msi->ms", dA2, dA2) / nb
    _block(U, "f_skewness")[:] = np.where(ok, m3 / safe**1.5, 0.0)
    _block(U, "f_kurtosis")[:] = np.where(ok, m4 / safe**2, 0.0)


def _stats_numba(Z, U, prefix, first, moments=False):
    """:func:`_stats` with the compiled kernel; returns all row statistics."""
    from . import _numba_kernels as K

    m, s, n = Z.shape
    Zs = np.sort(Z, axis=-1).reshape(m * s, n)
    S = K.row_statistics(Zs, moments, 256).reshape(m, s, K.N_ROW_STATS)
    for j, family in enumerate(_T_FAMILIES):
        _block(U, prefix + family, first, s)[:] = S[:, :, j]
    return S


# correlation() pairs XY, XZ, YZ as (first, second) axis offsets
_PAIR_FIRST, _PAIR_SECOND = (
    np.array(p, dtype=np.intp) for p in zip(*_PAIRS, strict=True)
)


def _time_domain_numba(full, jerk, U):
    """:func:`_time_domain_numpy` with the compiled kernels."""
    from . import _numba_kernels as K

    m, _, T = full.shape
    absmean = np.concatenate(
        [
            _stats_numba(full, U, "t_", 0)[:, :, 8],
            _stats_numba(jerk, U, "t_", _N_FULL)[:, :, 8],
        ],
        axis=1,
    )
    ar = _block(U, "t_ar").reshape(m, _N_T, AR_ORDER)
    ar[:, :_N_FULL] = K.burg_rows(full.reshape(-1, T), AR_ORDER).reshape(
        m, _N_FULL, AR_ORDER
    )
    ar[:, _N_FULL:] = K.burg_rows(jerk.reshape(-1, T - 1), AR_ORDER).reshape(
        m, _N_T - _N_FULL, AR_ORDER
    )
    corr = _block(U, "t_corr").reshape(m, len(fn.T3), 3)
    for i, g in enumerate(fn.T3):
        x = _T_SIGNAL[g][0]  # position of the X axis in the 20 time signals
        Z, x = (full, x) if x < _N_FULL else (jerk, x - _N_FULL)
        corr[:, i] = K.correlation_pairs(Z, _PAIR_FIRST + x, _PAIR_SECOND + x)
    return absmean


def _spectral_stats_numba(A, U):
    """:func:`_spectral_stats_numpy` with the compiled kernel."""
    S = _stats_numba(A, U, "f_", 0, moments=True)
    _block(U, "f_skewness")[:] = S[:, :, 9]
    _block(U, "f_kurtosis")[:] = S[:, :, 10]


def _extract(X, *, sampling_rate, column_index, engine="numpy"):
    """The 561 features of a chunk of windows ``(m, T, 9)`` -> ``(m, 561)``.

    ``engine`` is ``"numpy"`` (reference) or ``"numba"`` (compiled kernels
    for the per-signal statistics, Burg AR and correlations).
    """
    m, T, _ = X.shape
    # --- the 20 derived time signals, in two stacks -------------------------
    full = np.empty((m, _N_FULL, T))
    full[:, 0:6] = X[:, :, 0:6].transpose(0, 2, 1)  # body acc, gyro
    body, gyro = full[:, 0:3], full[:, 3:6]
    np.subtract(X[:, :, 6:9].transpose(0, 2, 1), body, out=full[:, 8:11])  # gravity
    _magnitude(body, full[:, 6])
    _magnitude(gyro, full[:, 7])
    _magnitude(full[:, 8:11], full[:, 11])
    jerk = np.empty((m, _N_T - _N_FULL, T - 1))  # in-window difference, no 1/dt
    np.subtract(body[..., 1:], body[..., :-1], out=jerk[:, 0:3])
    np.subtract(gyro[..., 1:], gyro[..., :-1], out=jerk[:, 5:8])
    _magnitude(jerk[:, 0:3], jerk[:, 3])
    _magnitude(jerk[:, 5:8], jerk[:, 4])

    U = np.empty((m, sum(_WIDTHS.values())))  # feature blocks, unordered
    time_domain = _time_domain_numba if engine == "numba" else _time_domain_numpy
    absmean = time_domain(full, jerk, U)
    sma = _block(U, "t_sma")
    for i, g in enumerate(fn.T3 + fn.TM):
        sma[:, i] = (
            absmean[:, _T_SIGNAL[g]].sum(axis=1)
            if g in fn.T3
            else absmean[:, _T_SIGNAL[g]]
        )

    # --- spectra: T // 2 bins without DC, jerk zero-padded to T ---------------
    A = np.concatenate(
        [
            amplitude_spectrum(full[:, :_N_FULL_FFT], n_fft=T),
            amplitude_spectrum(jerk[:, :_N_JERK_FFT], n_fft=T),
        ],
        axis=1,
    )
    if engine == "numba":
        _spectral_stats_numba(A, U)
    else:
        _spectral_stats_numpy(A, U)
    _block(U, "f_maxInds")[:] = max_inds(A)
    _block(U, "f_meanFreq")[:] = mean_freq(A, spectrum_frequencies(T, sampling_rate))
    fmean = _block(U, "f_mean")
    sma = _block(U, "f_sma")
    for i, g in enumerate(fn.F3 + fn.FM):
        sma[:, i] = (
            fmean[:, _F_SIGNAL[g]].sum(axis=1) if g in fn.F3 else fmean[:, _F_SIGNAL[g]]
        )
    _block(U, "f_bands")[:] = band_energies(A, uci_har_bands(A.shape[-1])).reshape(
        m, -1
    )

    # --- angles between window means -----------------------------------------
    tmean = _block(U, "t_mean")
    vectors = np.empty((m, len(fn.ANGLES), 3))
    for k, g in enumerate(("tBodyAcc", "tBodyAccJerk", "tBodyGyro", "tBodyGyroJerk")):
        vectors[:, k] = tmean[:, list(_T_SIGNAL[g])]
    vectors[:, 4:] = np.eye(3)  # the X, Y and Z axes
    _block(U, "angle")[:] = _angles_to(
        vectors, tmean[:, list(_T_SIGNAL["tGravityAcc"])]
    )
    return U[:, column_index]


def _extract_chunked(X, *, chunk_size, **kwargs):
    """:func:`_extract` over consecutive chunks of ``chunk_size`` windows."""
    out = np.empty((X.shape[0], len(kwargs["column_index"])))
    for start in range(0, X.shape[0], chunk_size):
        stop = start + chunk_size
        out[start:stop] = _extract(X[start:stop], **kwargs)
    return out


class UCIHARFeatureExtractor(TransformerMixin, BaseEstimator):
    """The 561 features of the UCI HAR data set, from 9-channel windows.

    Turns windows in the UCI HAR *Inertial Signals* channel order,
    ``[body_acc x y z, body_gyro x y z, total_acc x y z]`` (what
    :class:`~sklearn_har.preprocessing.UCIHARPreprocessor` followed by
    :class:`~sklearn_har.windowing.SlidingWindowTransformer` produce), into
    the 561 features of Anguita et al. (2013), in the official column order.

    Read more in the :ref:`User Guide <uci_har_features>`.

    Parameters
    ----------
    sampling_rate : float, default=50.0
        Sampling rate in Hz.  Only ``meanFreq()`` (in Hz) depends on it.
    replicate_gravitymag_bug : bool, default=False
        The published files copy the 13 ``tBodyAccMag`` features into the
        ``tGravityAccMag`` columns.  By default those columns are computed
        from the gravity magnitude; ``True`` reproduces the published copy.
    chunk_size : int, default=128
        Windows processed at once.  The working memory is about
        ``0.85 * chunk_size * window_size`` kB per job (14 MB by default).
        Much smaller chunks pay more Python overhead per window (and hold
        the GIL longer, which limits ``n_jobs``); much larger ones fall out
        of the processor caches (256 windows of 128 samples were about 30 %
        slower than 128 on a machine with 2 MB of L2 cache per core).
    n_jobs : int, default=None
        Number of threads, each working on a contiguous block of chunks
        (numpy and the compiled kernels release the GIL).  ``None`` means 1
        unless in a :obj:`joblib.parallel_backend` context; ``-1`` uses all
        processors.
    engine : {"auto", "numba", "numpy"}, default="auto"
        How the per-signal statistics, Burg AR coefficients and
        correlations are computed.  ``"numba"`` uses compiled kernels
        (install the ``fast`` extra, ``pip install sklearn_har[fast]``),
        about 2.5 times faster in total; the first call on a machine
        compiles them (a few seconds, then cached on disk).  ``"numpy"``
        uses vectorised numpy only.  ``"auto"`` picks numba when it is
        installed.  Both give the same features up to floating-point
        round-off (the summation order differs).

    Attributes
    ----------
    n_features_in_ : int
        Number of input channels seen during :meth:`fit` (always 9).
    n_timesteps_in_ : int
        Window length seen during fit; :meth:`transform` requires the same.
    bands_ : ndarray of shape (14, 2)
        First and last spectral bin (1-based, inclusive) of the 14
        ``bandsEnergy()`` bands for this window length.

    See Also
    --------
    sklearn_har.features.uci_har_feature_names : The 561 names, also unfitted.
    sklearn_har.features.StatisticalFeatureExtractor : A small set of simple
        per-channel statistics.
    sklearn_har.features.TsfreshFeatureExtractor : The tsfresh feature sets.
    sklearn_har.features.make_svm_pipeline : These features, a scaler and an SVM.

    Notes
    -----
    Per window, ``gravity = total_acc - body_acc``; the jerk is the in-window
    first difference ``s[t+1] - s[t]`` (``window_size - 1`` samples, not
    divided by the sampling interval); magnitudes are Euclidean norms per
    sample.  Spectra are the amplitudes ``2 |X_k| / T`` of a ``T``-point FFT
    (jerk signals zero-padded), bins ``k = 1 .. T // 2`` (DC dropped,
    Nyquist kept).  ``mad`` is the *mean* absolute deviation, ``iqr`` uses
    MATLAB (Hazen) percentiles, ``entropy`` is the entropy of values
    clipped to [0, 1] and quantised to 256 levels, ``arCoeff`` are the
    Burg AR(4) coefficients of the raw signal (MATLAB ``arburg`` signs),
    ``maxInds`` is the 1-based bin of the largest amplitude (bin ``k`` is at
    ``k * sampling_rate / T`` Hz), ``meanFreq`` is amplitude-weighted,
    skewness and kurtosis are biased moments of the amplitudes (Pearson
    kurtosis, normal = 3), and the ``bandsEnergy()`` are sums of squared
    amplitudes.  Degenerate cases give finite values: a constant signal has
    0 correlation, skewness, kurtosis and mean frequency, and the angle to
    a zero vector is ``pi / 2``.

    **No normalisation** is applied: the published files are min-max
    scaled to [-1, 1] per column over train *and* test windows together,
    which leaks test information.  Put a scaler fitted on the training
    windows after this step (:func:`make_svm_pipeline` does).

    The output names follow ``features.txt``, with the axis appended to the
    126 ``bandsEnergy()`` names that it repeats
    (``fBodyAcc-bandsEnergy()-1,8-X``).  For windows other than 128 samples
    the band edges follow the spectrum's resolution
    (:func:`~sklearn_har.features._spectral.uci_har_bands`) and the band
    names show the actual bins.

    The estimator only accepts 3-D, 9-channel windows, so the 26
    scikit-learn common estimator checks that fit on 2-D tabular data are
    expected to fail (listed by ``_get_expected_failed_checks``); the API
    checks that do not fit pass, and the project's tests check the same
    properties (pickling, idempotent fit, sample-order and subset
    invariance, read-only and float32 input, NaN/inf and empty-input
    errors) on 3-D windows.

    References
    ----------
    D. Anguita, A. Ghio, L. Oneto, X. Parra, J. L. Reyes-Ortiz, "A Public
    Domain Dataset for Human Activity Recognition Using Smartphones",
    ESANN 2013.  J.-L. Reyes-Ortiz, L. Oneto, A. Samà, X. Parra, D. Anguita,
    "Transition-Aware Human Activity Recognition Using Smartphones",
    Neurocomputing 171 (2016) 754-767.

    Examples
    --------
    >>> import numpy as np
    >>> from sklearn_har.features import UCIHARFeatureExtractor
    >>> X = np.random.default_rng(0).normal(size=(4, 128, 9))
    >>> ext = UCIHARFeatureExtractor().fit(X)
    >>> F = ext.transform(X)
    >>> F.shape
    (4, 561)
    >>> ext.get_feature_names_out()[[0, 302]].tolist()
    ['tBodyAcc-mean()-X', 'fBodyAcc-bandsEnergy()-1,8-X']
    """

    _parameter_constraints: dict = {
        "sampling_rate": [Interval(Real, 0, None, closed="neither")],
        "replicate_gravitymag_bug": ["boolean"],
        "chunk_size": [Interval(Integral, 1, None, closed="left")],
        "n_jobs": [
            Interval(Integral, None, -1, closed="right"),
            Interval(Integral, 1, None, closed="left"),
            None,
        ],
        "engine": [StrOptions({"auto", "numba", "numpy"})],
    }

    def __init__(
        self,
        *,
        sampling_rate=50.0,
        replicate_gravitymag_bug=False,
        chunk_size=128,
        n_jobs=None,
        engine="auto",
    ):
        self.sampling_rate = sampling_rate
        self.replicate_gravitymag_bug = replicate_gravitymag_bug
        self.chunk_size = chunk_size
        self.n_jobs = n_jobs
        self.engine = engine

    def _resolve_engine(self):
        """``"numba"`` or ``"numpy"``, from the ``engine`` parameter."""
        has_numba = importlib.util.find_spec("numba") is not None
        if self.engine == "numba" and not has_numba:
            raise ImportError(
                "UCIHARFeatureExtractor(engine='numba') needs numba: "
                "pip install 'sklearn_har[fast]' (or numba), or use engine='numpy'."
            )
        if self.engine == "auto":
            return "numba" if has_numba else "numpy"
        return self.engine

    def _check_X(self, X, *, reset):
        X = check_windows(X, ensure_finite=False, dtype=(np.float64, np.float32))
        n_channels = self.n_features_in_ if not reset else N_CHANNELS
        if X.shape[2] != n_channels:
            if reset:
                raise ValueError(
                    f"X has {X.shape[2]} channels, but UCIHARFeatureExtractor needs "
                    "the 9 UCI HAR Inertial Signals channels [body_acc x y z, "
                    "body_gyro x y z, total_acc x y z] (e.g. from UCIHARPreprocessor)."
                )
            raise ValueError(
                f"X has {X.shape[2]} channels, but UCIHARFeatureExtractor was "
                f"fitted on {n_channels}."
            )
        if X.shape[1] < MIN_WINDOW_SIZE:
            raise ValueError(
                f"X has windows of {X.shape[1]} samples; the spectral features need "
                f"at least {MIN_WINDOW_SIZE} (8 non-DC FFT bins for the 8 narrowest "
                "bandsEnergy bands)."
            )
        if not reset and X.shape[1] != self.n_timesteps_in_:
            raise ValueError(
                f"X has windows of {X.shape[1]} samples, but UCIHARFeatureExtractor "
                f"was fitted on windows of {self.n_timesteps_in_} samples."
            )
        if not np.isfinite(X).all():
            bad = np.flatnonzero(~np.isfinite(X).all(axis=(1, 2)))
            raise ValueError(
                f"X contains NaN or infinity in {bad.size} window(s) (first: window "
                f"{bad[0]}); drop or interpolate them before feature extraction."
            )
        return X

    @fit_context
    def fit(self, X, y=None):
        """Check the windows and record their shape.

        Parameters
        ----------
        X : array-like of shape (n_windows, window_size, 9)
            Windows in Inertial Signals channel order.
        y : None
            Ignored.

        Returns
        -------
        self : object
            The fitted extractor.
        """
        X = self._check_X(X, reset=True)
        self._resolve_engine()  # a missing numba fails here, not in transform
        self.n_features_in_ = X.shape[2]
        self.n_timesteps_in_ = X.shape[1]
        self.bands_ = uci_har_bands(self.n_timesteps_in_ // 2)
        return self

    def transform(self, X):
        """Compute the 561 features of every window.

        Parameters
        ----------
        X : array-like of shape (n_windows, window_size, 9)
            Windows in Inertial Signals channel order, as long as in fit.

        Returns
        -------
        X_features : ndarray of shape (n_windows, 561)
            The features, unscaled, in the official column order.
        """
        check_is_fitted(self)
        X = self._check_X(X, reset=False)
        kwargs = {
            "sampling_rate": float(self.sampling_rate),
            "column_index": _column_index(self.replicate_gravitymag_bug),
            "chunk_size": self.chunk_size,
            "engine": self._resolve_engine(),
        }
        n_chunks = -(-X.shape[0] // self.chunk_size)
        n_jobs = min(effective_n_jobs(self.n_jobs), n_chunks)
        # overflow of extreme inputs is reported once, by check_finite_features
        with np.errstate(over="ignore", invalid="ignore"):
            if n_jobs == 1:
                features = _extract_chunked(X, **kwargs)
            else:
                # one contiguous block of whole chunks per thread
                edges = (
                    np.linspace(0, n_chunks, n_jobs + 1).round().astype(int)
                    * self.chunk_size
                )
                parts = Parallel(n_jobs=n_jobs, prefer="threads")(
                    delayed(_extract_chunked)(X[a:b], **kwargs)
                    for a, b in zip(edges[:-1], edges[1:], strict=True)
                )
                features = np.concatenate(parts, axis=0)
        return check_finite_features(features, X, self)

    def get_feature_names_out(self, input_features=None):
        """The 561 output names (``features.txt``, bandsEnergy names made unique).

        Parameters
        ----------
        input_features : array-like of str or None, default=None
            Ignored: the names do not depend on the input channel names.

        Returns
        -------
        feature_names_out : ndarray of str objects
            561 names, e.g. ``tBodyAcc-mean()-X``.
        """
        check_is_fitted(self)
        names = uci_har_feature_names(unique=True, window_size=self.n_timesteps_in_)
        return np.asarray(names, dtype=object)

    def __sklearn_tags__(self):
        tags = super().__sklearn_tags__()
        tags.input_tags.three_d_array = True
        tags.input_tags.allow_nan = False
        return tags

    @classmethod
    def _get_expected_failed_checks(cls):
        # Every check below fits or transforms 2-D tabular data, which this
        # extractor rejects by design (it needs 3-D, 9-channel windows).  The
        # API checks that do not fit (parameters, cloning, repr, tags) pass.
        why = "needs 3-D windows with 9 channels; the check feeds 2-D tabular X"
        return dict.fromkeys(_CHECKS_FEEDING_2D, why)
