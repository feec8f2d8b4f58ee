"""Validation helpers shared by the stream and window estimators.

A *recording* is one continuous multichannel stream of shape
``(n_samples, n_channels)``.  Public functions accept either one recording
(a 2-D array-like) or a list/tuple of recordings, and return results with
the same structure.  These helpers turn both into a list of 2-D float arrays
with clear error messages, so every estimator reports bad input the same way.
"""

import numbers
import warnings

import numpy as np
from sklearn.exceptions import DataConversionWarning
from sklearn.utils import check_array

__all__ = [
    "check_recordings",
    "check_recording_labels",
    "check_recording_groups",
    "check_windows",
    "restore_structure",
    "validate_windows",
]


_CHUNK_ROWS = 1 << 16


def _all_finite(arr):
    """Whether every value is finite, without a full-size boolean temporary.

    A finite sum proves every value finite (NaN and inf propagate); only
    when the sum is not finite (a non-finite value, or an overflow of large
    finite values) are the values checked exactly, chunk by chunk.
    """
    if arr.dtype.kind not in "fc":
        return True
    with np.errstate(over="ignore", invalid="ignore"):
        if np.isfinite(arr.sum()):
            return True
    return _first_non_finite_row(arr) < 0


def _first_non_finite_row(arr):
    """Index of the first row holding NaN/inf (-1 if none), in bounded memory."""
    flat = arr.reshape(arr.shape[0], -1)
    for lo in range(0, flat.shape[0], _CHUNK_ROWS):
        bad = ~np.isfinite(flat[lo : lo + _CHUNK_ROWS]).all(axis=1)
        if bad.any():
            return lo + int(np.argmax(bad))
    return -1


def _is_list_of_recordings(X):
    """Whether ``X`` is a list/tuple of recordings rather than one recording."""
    if isinstance(X, (list, tuple)):
        if len(X) == 0:
            return True
        first = X[0]
        # A list of numbers (or of equal-length rows of numbers) is one
        # recording written as nested lists; a list of 2-D things is a list.
        return np.ndim(first) == 2 or hasattr(first, "iloc")
    return False


def check_recordings(
    X,
    *,
    dtype=(np.float64, np.float32),
    n_channels=None,
    min_samples=1,
    ensure_finite=True,
    name="X",
    estimator=None,
):
    """Validate one recording or a list of recordings.

    Parameters
    ----------
    X : array-like of shape (n_samples, n_channels) or list of such
        One continuous recording, or a list of recordings with the same
        number of channels (their lengths may differ).
    dtype : dtype or tuple of dtypes, default=(np.float64, np.float32)
        Accepted floating dtypes; anything else is converted to the first.
    n_channels : int, default=None
        Expected number of channels, if known (e.g. from ``fit``).
    min_samples : int, default=1
        Minimum length of every recording.
    ensure_finite : bool, default=True
        Raise if a recording contains NaN or infinity.
    name : str, default="X"
        Name used in error messages.
    estimator : estimator instance, default=None
        The estimator whose fitted channel count is ``n_channels``; named in
        the error message (in scikit-learn's standard wording).

    Returns
    -------
    recordings : list of ndarray of shape (n_i, n_channels)
        The validated recordings.  Arrays that already have an accepted
        dtype are not copied.
    is_list : bool
        True if ``X`` was a list of recordings, False for a single one.

    Raises
    ------
    TypeError
        If ``X`` is ``None``, a scalar, a string or a sparse matrix.
    ValueError
        On wrong dimensionality, an empty list, mismatched channel counts,
        too-short recordings or non-finite values.

    Examples
    --------
    >>> import numpy as np
    >>> from sklearn_har.utils import check_recordings
    >>> recs, is_list = check_recordings([np.zeros((10, 3)), np.ones((5, 3))])
    >>> [r.shape for r in recs], is_list
    ([(10, 3), (5, 3)], True)
    """
    if X is None or isinstance(X, (str, bytes, numbers.Number)):
        raise TypeError(
            f"{name} must be an array of shape (n_samples, n_channels) or a "
            f"list of such arrays, got {type(X).__name__}."
        )
    if hasattr(X, "toarray") or hasattr(X, "tocsr"):
        raise TypeError(f"{name}: sparse input is not supported for recordings.")
    if (
        isinstance(X, (list, tuple))
        and len(X) > 0
        and (isinstance(X[0], np.ndarray) or hasattr(X[0], "iloc"))
        and np.ndim(X[0]) == 1
    ):
        raise ValueError(
            f"{name} is a list of 1-D arrays, which is ambiguous: one recording "
            "whose rows are these arrays, or several single-channel recordings. "
            "Pass one recording as a 2-D array (n_samples, n_channels), or a list "
            "of 2-D recordings (a single channel: x.reshape(-1, 1))."
        )
    is_list = _is_list_of_recordings(X)
    raw = list(X) if is_list else [X]
    if is_list and len(raw) == 0:
        raise ValueError(f"{name} is an empty list: at least one recording is needed.")
    accepted = dtype if isinstance(dtype, tuple) else (dtype,)
    out = []
    for i, rec in enumerate(raw):
        where = f"{name}[{i}]" if is_list else name
        if hasattr(rec, "toarray") or hasattr(rec, "tocsr"):
            raise TypeError(f"{where}: sparse input is not supported for recordings.")
        try:
            arr = np.asarray(rec)
        except (TypeError, ValueError) as exc:  # ragged nested lists
            raise ValueError(
                f"{where} could not be converted to an array: {exc}"
            ) from None
        if arr.dtype.kind == "c":
            raise ValueError(f"{where}: Complex data not supported.")
        if arr.dtype.kind in "USV":
            raise TypeError(f"{where} must be numeric, got dtype {arr.dtype}.")
        if arr.dtype not in accepted:
            try:
                arr = arr.astype(accepted[0])
            except (TypeError, ValueError) as exc:
                raise TypeError(f"{where} must be numeric: {exc}") from None
        if arr.ndim != 2:
            raise ValueError(
                f"{where} must be 2-D (n_samples, n_channels), got an array with "
                f"ndim={arr.ndim} and shape {arr.shape}. Reshape your data: "
                "x.reshape(-1, 1) for a single-channel recording."
            )
        if arr.shape[1] == 0:
            raise ValueError(
                f"{where} has 0 feature(s) (shape={arr.shape}) while a minimum of 1 is "
                "required: a recording needs at least one channel."
            )
        if arr.shape[0] < min_samples:
            raise ValueError(
                f"{where} has {arr.shape[0]} sample(s), fewer than the "
                f"{min_samples} required."
            )
        if (
            n_channels is not None
            and arr.shape[1] != n_channels
            and estimator is not None
        ):
            raise ValueError(
                f"{where} has {arr.shape[1]} features, but {type(estimator).__name__} "
                f"is expecting {n_channels} features as input (one per channel, as in fit)."
            )
        if n_channels is not None and arr.shape[1] != n_channels:
            raise ValueError(
                f"{where} has {arr.shape[1]} channels, but {n_channels} were "
                "expected (the number seen in fit / in the first recording)."
            )
        if ensure_finite and not _all_finite(arr):
            row = _first_non_finite_row(arr)
            raise ValueError(
                f"{where} contains NaN or infinity (first at sample {row}); "
                "interpolate or drop missing samples before this step."
            )
        if n_channels is None:
            n_channels = arr.shape[1]
        out.append(arr)
    return out, is_list


def check_recording_labels(y, recordings, *, name="y"):
    """Validate per-sample labels against validated recordings.

    Parameters
    ----------
    y : array-like of shape (n_samples,) or list of such
        One label per sample, with the same structure as the recordings.
    recordings : list of ndarray
        Output of :func:`check_recordings`.
    name : str, default="y"
        Name used in error messages.

    Returns
    -------
    labels : list of ndarray of shape (n_i,)
        One 1-D label array per recording.

    Examples
    --------
    >>> import numpy as np
    >>> from sklearn_har.utils import check_recording_labels
    >>> [lab.tolist() for lab in check_recording_labels([0, 1, 1], [np.zeros((3, 2))])]
    [[0, 1, 1]]
    """
    if y is None:
        raise ValueError(
            f"This classifier requires {name} to be passed, but the target {name} is "
            "None: give one label per sample."
        )
    if len(recordings) == 1 and not _is_ragged_list(y, recordings):
        raw = [y]
    else:
        if not isinstance(y, (list, tuple)) and not (
            isinstance(y, np.ndarray) and y.dtype == object and y.ndim == 1
        ):
            raise ValueError(
                f"{name} must be a list with one label array per recording "
                f"({len(recordings)} recordings), got {type(y).__name__}."
            )
        raw = list(y)
    if len(raw) != len(recordings):
        raise ValueError(
            f"{name} has label arrays for {len(raw)} recordings, but X has "
            f"{len(recordings)} recordings."
        )
    out = []
    for i, (lab, rec) in enumerate(zip(raw, recordings, strict=True)):
        lab = np.asarray(lab)
        if lab.ndim == 2 and lab.shape[1] == 1:
            warnings.warn(
                f"A column-vector {name} was passed when a 1d array was expected: "
                "one label per sample; it is ravelled.",
                DataConversionWarning,
                stacklevel=3,
            )
            lab = lab.ravel()
        if lab.ndim != 1:
            raise ValueError(
                f"{name}[{i}] must be 1-D (one label per sample), got shape {lab.shape}."
            )
        if lab.shape[0] != rec.shape[0]:
            raise ValueError(
                f"{name}[{i}] has {lab.shape[0]} labels but recording {i} has "
                f"{rec.shape[0]} samples: labels length must equal the number "
                "of samples."
            )
        if lab.dtype.kind == "f" and np.isnan(lab).any():
            raise ValueError(f"{name}[{i}] contains NaN labels.")
        out.append(lab)
    kinds = {_label_kind(lab, f"{name}[{i}]") for i, lab in enumerate(out)}
    if len(kinds) > 1:
        raise ValueError(
            f"{name} mixes text and number labels across recordings; numpy would "
            "turn the numbers into text (1 -> '1'). Use one label type."
        )
    return out


def _label_kind(lab, name):
    """``"text"`` or ``"number"``; raises for a mix of both in one array."""
    if lab.dtype.kind in "US":
        return "text"
    if lab.dtype.kind != "O":
        return "number"
    is_text = {isinstance(v, (str, bytes)) for v in lab.tolist()}
    if len(is_text) > 1:
        raise ValueError(
            f"{name} mixes text and number labels (e.g. 1 and 'a'): they cannot be "
            "sorted into one set of classes. Use one label type."
        )
    return "text" if is_text == {True} else "number"


def _is_ragged_list(y, recordings):
    """True if ``y`` is a list holding one label array for the single recording."""
    if isinstance(y, (list, tuple)) and len(y) == 1:
        return np.ndim(y[0]) >= 1 and len(y[0]) == recordings[0].shape[0]
    return False


def check_recording_groups(groups, recordings, *, name="groups"):
    """Validate groups given per recording or per sample.

    Parameters
    ----------
    groups : array-like or None
        ``None``; one value per recording; or per-sample values with the
        same structure as the recordings (a list of 1-D arrays, or one 1-D
        array for a single recording).
    recordings : list of ndarray
        Output of :func:`check_recordings`.
    name : str, default="groups"
        Name used in error messages.

    Returns
    -------
    groups : list of ndarray of shape (n_i,) or None
        Per-sample group values for every recording.

    Examples
    --------
    >>> import numpy as np
    >>> from sklearn_har.utils import check_recording_groups
    >>> g = check_recording_groups([7, 8], [np.zeros((2, 1)), np.zeros((3, 1))])
    >>> [x.tolist() for x in g]
    [[7, 7], [8, 8, 8]]
    """
    if groups is None:
        return None
    n_rec = len(recordings)
    # Per-sample groups for a list of recordings.
    if (
        isinstance(groups, (list, tuple))
        and len(groups) == n_rec
        and all(np.ndim(g) == 1 for g in groups)
    ):
        out = []
        for i, (g, rec) in enumerate(zip(groups, recordings, strict=True)):
            g = np.asarray(g)
            if g.shape[0] != rec.shape[0]:
                raise ValueError(
                    f"{name}[{i}] has {g.shape[0]} values but recording {i} has "
                    f"{rec.shape[0]} samples."
                )
            out.append(g)
        return out
    arr = np.asarray(groups)
    if arr.ndim == 0:
        arr = arr.reshape(1)
    if arr.ndim != 1:
        raise ValueError(f"{name} must be 1-D, got shape {arr.shape}.")
    if arr.shape[0] == n_rec:
        return [
            np.full(rec.shape[0], g, dtype=arr.dtype)
            for g, rec in zip(arr, recordings, strict=True)
        ]
    if n_rec == 1 and arr.shape[0] == recordings[0].shape[0]:
        return [arr]
    raise ValueError(
        f"{name} has {arr.shape[0]} values; expected one per recording "
        f"({n_rec}) or one per sample."
    )


def check_windows(
    X,
    *,
    n_channels=None,
    n_timesteps=None,
    min_timesteps=1,
    allow_2d=False,
    ensure_finite=True,
    dtype=(np.float64, np.float32),
    name="X",
):
    """Validate a batch of windows ``(n_windows, n_timesteps, n_channels)``.

    Built on :func:`sklearn.utils.check_array` (``allow_nd=True``), with the
    shape rules of windows on top. Estimators use :func:`validate_windows`,
    which also records or checks the fitted sizes.

    Parameters
    ----------
    X : array-like of shape (n_windows, n_timesteps, n_channels)
        The windows.
    n_channels, n_timesteps : int, default=None
        Expected sizes (e.g. those seen in ``fit``).
    min_timesteps : int, default=1
        Minimum window length.
    allow_2d : bool, default=False
        Accept ``(n_windows, n_timesteps)`` as univariate windows, returned
        with a trailing channel axis of size 1.
    ensure_finite : bool, default=True
        Raise on NaN or infinity, naming the first window that holds one.
    dtype : dtype or tuple of dtypes, default=(np.float64, np.float32)
        Accepted dtypes; others are converted to the first.
    name : str, default="X"
        Name used in messages.

    Returns
    -------
    X : ndarray of shape (n_windows, n_timesteps, n_channels)

    Examples
    --------
    >>> import numpy as np
    >>> from sklearn_har.utils import check_windows
    >>> check_windows(np.zeros((4, 128, 9))).shape
    (4, 128, 9)
    """
    if X is None or isinstance(X, (str, bytes, numbers.Number)):
        raise TypeError(
            f"{name} must be an array of windows (n_windows, n_timesteps, "
            f"n_channels), got {type(X).__name__}."
        )
    if hasattr(X, "toarray"):
        raise TypeError(f"{name}: sparse input is not supported for windows.")
    try:
        kind = np.asarray(X).dtype.kind
    except ValueError as exc:  # ragged nested sequences
        raise ValueError(
            f"{name} must be windows of one shape (n_windows, n_timesteps, "
            f"n_channels): the windows differ in length or channels ({exc})"
        ) from None
    if kind in "USV":
        raise TypeError(f"{name} must be numeric, got text or bytes.")
    try:
        X = check_array(
            X,
            dtype=dtype,
            ensure_2d=False,
            allow_nd=True,
            ensure_all_finite=False,
            ensure_min_samples=1,
            ensure_min_features=0,
            input_name=name,
        )
    except (TypeError, ValueError) as exc:
        if kind == "O" and "Complex" not in str(exc):
            raise TypeError(f"{name} must be numeric: {exc}") from None
        raise
    if X.ndim == 2 and allow_2d:
        if X.shape[1] == 0:
            raise ValueError(
                f"{name} has 0 feature(s) (shape={X.shape}) while a minimum of 1 is "
                "required: univariate windows need at least one time step."
            )
        X = X[:, :, np.newaxis]
    if X.ndim != 3:
        expected = "3-D (n_windows, n_timesteps, n_channels)"
        if allow_2d:
            expected += " or 2-D (n_windows, n_timesteps)"
        raise ValueError(
            f"{name} must be {expected}, got an array with ndim={X.ndim} and "
            f"shape {X.shape}. Reshape your data."
        )
    if X.shape[2] == 0:
        raise ValueError(
            f"{name} has 0 feature(s) (shape={X.shape}) while a minimum of 1 is "
            "required: windows need at least one channel."
        )
    if X.shape[1] < min_timesteps:
        raise ValueError(
            f"{name} has windows of {X.shape[1]} time steps, fewer than the "
            f"{min_timesteps} required."
        )
    if n_timesteps is not None and X.shape[1] != n_timesteps:
        raise ValueError(
            f"{name} has windows of {X.shape[1]} time steps, but the estimator "
            f"was fitted on {n_timesteps}."
        )
    if n_channels is not None and X.shape[2] != n_channels:
        raise ValueError(
            f"{name} has {X.shape[2]} channels, but {n_channels} were expected."
        )
    if ensure_finite and not _all_finite(X):
        first = _first_non_finite_row(X)
        raise ValueError(f"{name} contains NaN or infinity (first in window {first}).")
    return X


def validate_windows(
    estimator,
    X,
    *,
    reset,
    allow_2d=False,
    min_timesteps=1,
    ensure_finite=True,
    dtype=(np.float64, np.float32),
):
    """Validate windows for an estimator and record or check their sizes.

    The one validation path of the window estimators. With ``reset=True``
    (in ``fit``) it sets ``n_timesteps_in_``, ``n_channels_in_`` and
    ``n_features_in_``; otherwise it checks the windows against them.

    In ``sklearn_har``, ``n_features_in_`` of a window estimator is the
    number of **channels** (the features measured at every time step), the
    same as ``n_channels_in_``; ``n_timesteps_in_`` is the window length.

    Parameters
    ----------
    estimator : estimator instance
        The estimator, named in messages and given the attributes.
    X : array-like of shape (n_windows, n_timesteps, n_channels)
        The windows.
    reset : bool
        Whether to record the sizes (``fit``) or check them.
    allow_2d : bool, default=False
        Accept ``(n_windows, n_timesteps)`` as univariate windows.
    min_timesteps : int, default=1
        Minimum window length.
    ensure_finite : bool, default=True
        Raise on NaN or infinity.
    dtype : dtype or tuple of dtypes, default=(np.float64, np.float32)
        Accepted dtypes; others are converted to the first.

    Returns
    -------
    X : ndarray of shape (n_windows, n_timesteps, n_channels)

    Examples
    --------
    >>> import numpy as np
    >>> from sklearn.base import BaseEstimator
    >>> from sklearn_har.utils import validate_windows
    >>> est = BaseEstimator()
    >>> validate_windows(est, np.zeros((4, 128, 9)), reset=True).shape
    (4, 128, 9)
    >>> est.n_features_in_, est.n_timesteps_in_, est.n_channels_in_
    (9, 128, 9)
    """
    name = type(estimator).__name__
    X = check_windows(
        X,
        min_timesteps=min_timesteps,
        allow_2d=allow_2d,
        ensure_finite=ensure_finite,
        dtype=dtype,
    )
    if reset:
        estimator.n_timesteps_in_ = X.shape[1]
        estimator.n_channels_in_ = X.shape[2]
        estimator.n_features_in_ = X.shape[2]
        return X
    if X.shape[2] != estimator.n_channels_in_:
        raise ValueError(
            f"X has {X.shape[2]} channels, but {name} was fitted on windows with "
            f"{estimator.n_channels_in_} channels."
        )
    if X.shape[1] != estimator.n_timesteps_in_:
        raise ValueError(
            f"X has windows of {X.shape[1]} time steps, but {name} was fitted on "
            f"windows of {estimator.n_timesteps_in_} time steps."
        )
    return X


def restore_structure(outputs, is_list):
    """Return ``outputs`` as a list, or its only element for a single recording.

    Examples
    --------
    >>> restore_structure([1], is_list=False)
    1
    """
    return list(outputs) if is_list else outputs[0]


def check_finite_features(features, X, estimator):
    """Raise if features computed from finite windows are not finite.

    Statistics such as the energy (a sum of squares) or the kurtosis (a
    fourth power) overflow float64 when the signals are very large; a
    feature matrix with ``inf`` or ``NaN`` would then reach the classifier.

    Parameters
    ----------
    features : ndarray of shape (n_windows, n_features)
        The computed features.
    X : ndarray
        The (finite) windows they were computed from.
    estimator : object
        The feature extractor, named in the message; its
        ``get_feature_names_out()`` (when it has one) names the first columns
        that overflowed, and is only called then.

    Returns
    -------
    features : ndarray
        The same array, when every value is finite.

    Raises
    ------
    ValueError
        Naming the columns that overflowed and the input magnitude.
    """
    bad = ~np.isfinite(features)
    if not bad.any():
        return features
    columns = np.flatnonzero(bad.any(axis=0))
    if hasattr(estimator, "get_feature_names_out"):
        feature_names = estimator.get_feature_names_out()
        shown = [str(feature_names[c]) for c in columns[:3]]
    else:
        shown = [str(c) for c in columns[:3]]
    more = f" and {columns.size - 3} more" if columns.size > 3 else ""
    magnitude = float(np.max(np.abs(X))) if X.size else 0.0
    raise ValueError(
        f"{type(estimator).__name__}: {columns.size} feature(s) overflowed the "
        f"float64 range ({', '.join(shown)}{more}) although the windows are "
        f"finite: their largest magnitude is {magnitude:.3g}. Rescale the signals "
        "(for example to g and rad/s) before extracting features."
    )


def reject_text(X, estimator):
    """Raise ``TypeError`` for text data, which numpy would read as numbers.

    ``np.asarray(["1.5"]).astype(float)`` works, so arrays of numeric strings
    would be accepted by a float conversion; the package's estimators refuse
    them everywhere, as its recording and window checks do.
    """
    if isinstance(X, (str, bytes)):
        raise TypeError(
            f"{type(estimator).__name__} needs numeric data, got text {X!r}."
        )
    if hasattr(X, "dtype") or isinstance(X, (list, tuple)):
        try:
            kind = np.asarray(X).dtype.kind
        except ValueError:  # ragged: left to the caller's own check
            return
        if kind in "USV":
            raise TypeError(
                f"{type(estimator).__name__} needs numeric data, got text (dtype "
                f"{np.asarray(X).dtype})."
            )
