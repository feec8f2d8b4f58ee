"""The 561 features of the UCI HAR data set, computed from windows.

The extractor follows the project's specification of the published feature
set (``docs/user_guide/features.rst`` summarises it): from the 9 Inertial
Signals channels of a window it derives 17 signal groups (body and gravity
acceleration, in-window jerk, gyroscope, their magnitudes and the 64-bin
amplitude spectra of 8 of them) and evaluates the feature functions on each,
in the official column order.

Everything is vectorised over windows: a chunk of windows is laid out as
``(n_windows, n_signals, n_samples)`` and every feature family is one or a
few calls over the whole chunk.  The per-signal statistics, Burg AR
coefficients and correlations come from the engine's row of the kernel
table (:mod:`._kernels`: numpy in :mod:`._stats`, or compiled twins), the
column names and order from :mod:`._layout`.  Chunks bound the memory and
can run in parallel threads (numpy and the kernels release the GIL in their
inner loops).
"""

from numbers import Integral, Real

import numpy as np
from joblib import Parallel, delayed, effective_n_jobs
from sklearn.base import BaseEstimator, TransformerMixin
from sklearn.utils.validation import check_is_fitted

from ..utils import validate_windows
from ..utils._param_validation import Interval, StrOptions, fit_context
from ..utils._validation import check_finite_features
from . import _layout as L
from ._kernels import load_kernels, resolve_engine
from ._layout import uci_har_feature_names
from ._spectral import (
    amplitude_spectrum,
    band_energies,
    max_inds,
    mean_freq,
    spectrum_frequencies,
    uci_har_bands,
)
from ._stats import ROW_STATISTICS, angle_between

__all__ = ["UCIHARFeatureExtractor"]

N_CHANNELS = 9
# 8 non-DC bins are needed for the eight 1/8 bands: windows of >= 16 samples.
MIN_WINDOW_SIZE = 16

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
_FITTED = ("n_timesteps_in_", "n_channels_in_", "n_features_in_", "bands_")


def _pairs_of(groups):
    """Signal positions ``(first, second)`` of the correlation pairs of ``groups``.

    ``groups`` are 3-axial time groups of one stack, whose first signal is
    at position 0 or ``N_FULL`` of the 20 time signals.
    """
    base = L.T_SIGNAL[groups[0]][0] // L.N_FULL * L.N_FULL  # start of the stack
    first = [L.T_SIGNAL[g][i] - base for g in groups for _, i, _ in L.PAIRS]
    second = [L.T_SIGNAL[g][j] - base for g in groups for _, _, j in L.PAIRS]
    return np.array(first, dtype=np.intp), np.array(second, dtype=np.intp)


# correlation() groups of each stack, and their slots in block t_corr
_CORR = [
    (groups, _pairs_of(groups), [L.T3.index(g) for g in groups])
    for groups in (
        ("tBodyAcc", "tBodyGyro", "tGravityAcc"),
        ("tBodyAccJerk", "tBodyGyroJerk"),
    )
]
_COL = {name: j for j, name in enumerate(ROW_STATISTICS)}


def _magnitude(v, out):
    """Euclidean norm over axis 1 of ``(m, 3, n)``, per sample, into ``out``."""
    np.einsum("mat,mat->mt", v, v, out=out)
    return np.sqrt(out, out=out)


def _block(U, name, first=0, width=None):
    """View of block ``name`` of the unordered matrix ``U``, from signal ``first``."""
    start = L.OFFSETS[name] + first
    stop = L.OFFSETS[name] + L.BLOCKS[name] if width is None else start + width
    return U[:, start:stop]


def _statistics(kernels, Z, U, prefix, first, moments=False):
    """Row statistics of the signals ``Z`` (m, s, n), written into ``U``.

    Family ``f`` goes to block ``prefix + f``, columns ``first .. first + s``.
    Returns all statistics, ``(m, s, 11)``.
    """
    m, s, n = Z.shape
    Zs = np.sort(Z, axis=-1).reshape(m * s, n)  # numpy's SIMD sort, both engines
    S = kernels.row_statistics(Zs, moments, 256).reshape(m, s, len(ROW_STATISTICS))
    for family in L.STATISTICS:
        _block(U, prefix + family, first, s)[:] = S[:, :, _COL[family]]
    return S


def _group_sums(values, signal, groups):
    """``sma``: per group, the sum over its axes (or the value of a magnitude)."""
    return np.stack(
        [values[:, list(np.atleast_1d(signal[g]))].sum(axis=1) for g in groups], axis=1
    )


def _extract(X, *, sampling_rate, column_index, kernels):
    """The 561 features of a chunk of windows ``(m, T, 9)`` -> ``(m, 561)``.

    ``kernels`` is the engine's row of the kernel table (:mod:`._kernels`).
    """
    m, T, _ = X.shape
    # --- the 20 derived time signals, in two stacks -------------------------
    full = np.empty((m, L.N_FULL, T))
    full[:, 0:6] = X[:, :, 0:6].transpose(0, 2, 1)  # body acc, gyro
    body, gyro = full[:, 0:3], full[:, 3:6]
    np.subtract(X[:, :, 6:9].transpose(0, 2, 1), body, out=full[:, 8:11])  # gravity
    _magnitude(body, full[:, 6])
    _magnitude(gyro, full[:, 7])
    _magnitude(full[:, 8:11], full[:, 11])
    jerk = np.empty((m, L.N_T - L.N_FULL, T - 1))  # in-window difference, no 1/dt
    np.subtract(body[..., 1:], body[..., :-1], out=jerk[:, 0:3])
    np.subtract(gyro[..., 1:], gyro[..., :-1], out=jerk[:, 5:8])
    _magnitude(jerk[:, 0:3], jerk[:, 3])
    _magnitude(jerk[:, 5:8], jerk[:, 4])

    U = np.empty((m, L.N_UNORDERED))  # feature blocks, unordered
    # --- time domain: statistics, sma, Burg AR, correlations ---------------
    mean_abs = np.concatenate(
        [
            _statistics(kernels, full, U, "t_", 0)[:, :, _COL["mean_abs"]],
            _statistics(kernels, jerk, U, "t_", L.N_FULL)[:, :, _COL["mean_abs"]],
        ],
        axis=1,
    )
    _block(U, "t_sma")[:] = _group_sums(mean_abs, L.T_SIGNAL, L.SMA_T)
    ar = _block(U, "t_ar").reshape(m, L.N_T, L.AR_ORDER)
    for stack, first in ((full, 0), (jerk, L.N_FULL)):
        s, n = stack.shape[1:]
        ar[:, first : first + s] = kernels.burg_ar(
            stack.reshape(m * s, n), L.AR_ORDER
        ).reshape(m, s, L.AR_ORDER)
    corr = _block(U, "t_corr").reshape(m, len(L.T3), len(L.PAIRS))
    for stack, (_, (first, second), slots) in zip((full, jerk), _CORR, strict=True):
        corr[:, slots] = kernels.correlation_pairs(stack, first, second).reshape(
            m, len(slots), len(L.PAIRS)
        )

    # --- spectra: T // 2 bins without DC, jerk zero-padded to T ---------------
    A = np.concatenate(
        [
            amplitude_spectrum(full[:, : L.N_FULL_FFT], n_fft=T),
            amplitude_spectrum(jerk[:, : L.N_JERK_FFT], n_fft=T),
        ],
        axis=1,
    )
    S = _statistics(kernels, A, U, "f_", 0, moments=True)
    _block(U, "f_skewness")[:] = S[:, :, _COL["skewness"]]
    _block(U, "f_kurtosis")[:] = S[:, :, _COL["kurtosis"]]
    _block(U, "f_maxInds")[:] = max_inds(A)
    _block(U, "f_meanFreq")[:] = mean_freq(A, spectrum_frequencies(T, sampling_rate))
    _block(U, "f_sma")[:] = _group_sums(_block(U, "f_mean"), L.F_SIGNAL, L.SMA_F)
    bands = band_energies(A, uci_har_bands(A.shape[-1]))
    _block(U, "f_bands")[:] = bands.reshape(m, -1)

    # --- angles between window means -----------------------------------------
    tmean = _block(U, "t_mean")
    vectors = np.empty((m, len(L.ANGLES), 3))
    for k, g in enumerate(("tBodyAcc", "tBodyAccJerk", "tBodyGyro", "tBodyGyroJerk")):
        vectors[:, k] = tmean[:, list(L.T_SIGNAL[g])]
    vectors[:, 4:] = np.eye(3)  # the X, Y and Z axes
    gravity = tmean[:, np.newaxis, list(L.T_SIGNAL["tGravityAcc"])]
    _block(U, "angle")[:] = angle_between(vectors, gravity)
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
    n_channels_in_ : int
        The same as ``n_features_in_``.
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
    sklearn_har.pipeline.make_svm_pipeline : These features, a scaler and an SVM.

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
    windows after this step (:func:`~sklearn_har.pipeline.make_svm_pipeline` does).

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
        return resolve_engine(self.engine, type(self).__name__)

    def _validate(self, X, *, reset):
        """:func:`~sklearn_har.utils.validate_windows`, plus the UCI HAR shape rules."""
        X = validate_windows(self, X, reset=reset)
        if not reset:
            return X
        problem = None
        if X.shape[2] != N_CHANNELS:
            problem = (
                f"X has {X.shape[2]} channels, but UCIHARFeatureExtractor needs "
                "the 9 UCI HAR Inertial Signals channels [body_acc x y z, "
                "body_gyro x y z, total_acc x y z] (e.g. from UCIHARPreprocessor)."
            )
        elif X.shape[1] < MIN_WINDOW_SIZE:
            problem = (
                f"X has windows of {X.shape[1]} samples; the spectral features need "
                f"at least {MIN_WINDOW_SIZE} (8 non-DC FFT bins for the 8 narrowest "
                "bandsEnergy bands)."
            )
        if problem is not None:
            for attribute in _FITTED:  # a failed fit leaves no fitted state
                self.__dict__.pop(attribute, None)
            raise ValueError(problem)
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
        if hasattr(X, "__dask_graph__"):  # a dask array: fit needs one window
            X = X[:1].compute()
        X = self._validate(X, reset=True)
        self._resolve_engine()  # a missing numba fails here, not in transform
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

            A dask array of windows gives a lazy dask array, computed block
            by block along the window axis
            (:func:`sklearn_har.scale_out.transform_windows`).
        """
        check_is_fitted(self)
        if hasattr(X, "__dask_graph__"):  # a dask array: lazy, block by block
            from ..scale_out import transform_windows

            return transform_windows(self, X)
        X = self._validate(X, reset=False)
        kwargs = {
            "sampling_rate": float(self.sampling_rate),
            "column_index": L.column_index(self.replicate_gravitymag_bug),
            "chunk_size": self.chunk_size,
            "kernels": load_kernels(self._resolve_engine()),
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
