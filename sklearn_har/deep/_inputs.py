"""Input checks of the deep classifiers: windows, labels, weights and groups.

Windows go through the package's one validation path,
:func:`sklearn_har.utils.validate_windows`; labels and weights through
public scikit-learn helpers; groups (of the subject-wise validation split)
by :func:`check_groups`.
"""

import numpy as np
from sklearn.utils import assert_all_finite, check_array, check_consistent_length
from sklearn.utils.class_weight import compute_sample_weight
from sklearn.utils.multiclass import check_classification_targets
from sklearn.utils.validation import column_or_1d, validate_data

from ..utils._validation import reject_text, validate_windows

__all__ = [
    "check_fit_weights",
    "check_groups",
    "check_sample_weight",
    "check_targets",
    "check_windows_float32",
]


def check_windows_float32(estimator, X, *, reset):
    """Validate windows for ``estimator`` and return them as float32.

    :func:`~sklearn_har.utils.validate_windows` (2-D input read as
    univariate windows) records or checks ``n_timesteps_in_``,
    ``n_channels_in_`` and ``n_features_in_`` (the number of channels);
    the column names of a 2-D :class:`pandas.DataFrame` are recorded or
    checked as ``feature_names_in_`` by scikit-learn's public
    :func:`~sklearn.utils.validation.validate_data` (its array checks
    skipped).

    Parameters
    ----------
    estimator : estimator instance
        The classifier (named in messages, given the attributes).
    X : array-like of shape (n_windows, n_timesteps, n_channels) or \
            (n_windows, n_timesteps)
        The windows.
    reset : bool
        True in ``fit``, False in prediction.

    Returns
    -------
    X : ndarray of shape (n_windows, n_timesteps, n_channels), dtype float32

    Raises
    ------
    TypeError
        For text data.
    ValueError
        For a wrong shape, non-finite values, values too large for float32,
        or sizes other than those seen in ``fit``.
    """
    reject_text(X, estimator)
    validate_data(estimator, X, skip_check_array=True, ensure_2d=False, reset=reset)
    X = validate_windows(estimator, X, reset=reset, allow_2d=True)
    with np.errstate(over="ignore"):  # reported just below, in words
        X32 = X.astype(np.float32, copy=False)
    if X.dtype != np.float32 and not np.isfinite(X32).all():
        raise ValueError(
            "X has values too large for float32 (Keras computes in float32)."
        )
    return X32


def check_targets(y, X):
    """Class labels of the windows as a 1-D array.

    Parameters
    ----------
    y : array-like of shape (n_windows,)
        Labels of any type; a column vector is ravelled with a
        :class:`~sklearn.exceptions.DataConversionWarning`.
    X : ndarray
        The validated windows (for the length check).

    Returns
    -------
    y : ndarray of shape (n_windows,)

    Raises
    ------
    ValueError
        If ``y`` is None, not 1-D, of another length than ``X``, holds NaN or
        is not a classification target (e.g. continuous).
    """
    if y is None:
        raise ValueError(
            "This classifier requires y to be passed, but the target y is None."
        )
    y = column_or_1d(y, warn=True)
    assert_all_finite(y, input_name="y")
    check_consistent_length(X, y)
    check_classification_targets(y)
    return y


def check_groups(groups, n_windows):
    """Validate ``groups``: one value (subject, recording...) per window.

    Parameters
    ----------
    groups : array-like of shape (n_windows,)
        The group of every window, of any type (ints, strings, ...).
    n_windows : int
        Number of windows.

    Returns
    -------
    groups : ndarray of shape (n_windows,)

    Raises
    ------
    ValueError
        If ``groups`` is not 1-D, not one value per window, or holds a
        missing value (NaN or None).
    """
    groups = np.asarray(groups)
    if groups.ndim != 1:
        raise ValueError(
            f"groups must be 1-D (one group per window), got an array of shape "
            f"{groups.shape}."
        )
    if groups.shape[0] != n_windows:
        raise ValueError(
            f"groups has {groups.shape[0]} entries but X has {n_windows} windows: "
            "pass one group (subject or recording) per window."
        )
    if groups.dtype.kind == "f":
        missing = np.isnan(groups)
    elif groups.dtype.kind == "O":
        missing = np.array(
            [g is None or (isinstance(g, float) and g != g) for g in groups],
            dtype=bool,
        )
    else:
        missing = np.zeros(groups.shape[0], dtype=bool)
    if missing.any():
        raise ValueError(
            f"groups has {int(missing.sum())} missing values (NaN or None), the "
            f"first for window {int(np.flatnonzero(missing)[0])}: every window "
            "needs its group."
        )
    return groups


def check_sample_weight(sample_weight, n_windows):
    """Validate ``sample_weight``: 1-D, finite, non-negative, one per window.

    Parameters
    ----------
    sample_weight : array-like of shape (n_windows,)
        Weights of the windows.
    n_windows : int
        Number of windows.

    Returns
    -------
    sample_weight : ndarray of shape (n_windows,), dtype float64

    Raises
    ------
    ValueError
        If the weights are not one finite, non-negative number per window,
        or all zero.
    """
    sample_weight = check_array(
        sample_weight,
        ensure_2d=False,
        dtype=np.float64,
        input_name="sample_weight",
        ensure_min_samples=0,
    )
    if sample_weight.shape != (n_windows,):
        raise ValueError(
            f"sample_weight.shape == {sample_weight.shape}, expected ({n_windows},): "
            "one weight per window."
        )
    if np.any(sample_weight < 0):
        raise ValueError("sample_weight must be non-negative.")
    if not np.any(sample_weight > 0):
        raise ValueError(
            "sample_weight is zero for every sample: there is nothing to train on."
        )
    return sample_weight


def check_fit_weights(estimator, y_encoded, sample_weight):
    """Per-window weights from ``sample_weight`` × ``class_weight`` (or None).

    Parameters
    ----------
    estimator : estimator instance
        The classifier, with ``classes_`` and ``class_weight``.
    y_encoded : ndarray of shape (n_windows,)
        Class indices into ``estimator.classes_``.
    sample_weight : array-like of shape (n_windows,) or None
        The caller's weights (never modified).

    Returns
    -------
    weights : ndarray of shape (n_windows,) or None
        None when neither weights nor class weights are given.
    """
    weights = None
    if sample_weight is not None:
        weights = check_sample_weight(sample_weight, y_encoded.shape[0])
    class_weight = estimator.class_weight
    if class_weight is not None:
        classes = estimator.classes_.tolist()
        if isinstance(class_weight, dict):
            unknown = set(class_weight) - set(classes)
            if unknown:
                raise ValueError(
                    f"class_weight has labels {sorted(map(str, unknown))} that "
                    f"are not among the classes {classes}."
                )
            class_weight = {i: class_weight.get(c, 1.0) for i, c in enumerate(classes)}
        cw = compute_sample_weight(class_weight, y_encoded)
        weights = cw if weights is None else weights * cw
    return weights
