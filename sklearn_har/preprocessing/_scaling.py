"""Per-channel standardisation of windows (or of continuous recordings)."""

from numbers import Real

import numpy as np
from sklearn.base import BaseEstimator, OneToOneFeatureMixin, TransformerMixin
from sklearn.utils.validation import check_is_fitted, validate_data

from ..utils._param_validation import Interval, fit_context
from ..utils._validation import check_windows, reject_text

__all__ = ["ChannelStandardScaler"]

_FLOAT_DTYPES = (np.float64, np.float32)


class ChannelStandardScaler(OneToOneFeatureMixin, TransformerMixin, BaseEstimator):
    """Standardise every channel with statistics pooled over all time steps.

    The mean and standard deviation of channel ``c`` are computed over every
    time step of every training window, ``X[:, :, c]``, and the same two
    numbers are then used for all time steps of that channel. Unlike
    :class:`sklearn.preprocessing.StandardScaler` applied to flattened
    windows, this keeps the signal shape of each window intact and has only
    ``2 * n_channels`` statistics. Put it in a
    :class:`~sklearn.pipeline.Pipeline` in front of a network so that the
    statistics come from the training folds only.

    Parameters
    ----------
    with_mean : bool, default=True
        Subtract the per-channel mean.
    with_std : bool, default=True
        Divide by the per-channel standard deviation (population, ``ddof=0``).
        Channels with zero variance are left unscaled (scale 1).
    overlap : float in [0, 1), default=0.0
        Fraction of each window shared with the next one when the windows
        were cut with a sliding window. Only the last ``round((1 - overlap)
        * n_timesteps)`` time steps of each training window are used to
        estimate the statistics, so that every raw sample counts once for
        contiguous windows (``overlap=0.5`` reproduces the published CNN
        experiment on 50 %-overlapping UCI HAR windows). Ignored for 2-D
        input. ``transform`` always scales every time step.

    Attributes
    ----------
    mean_ : ndarray of shape (n_channels,)
        Per-channel mean (zeros when ``with_mean=False``).
    var_ : ndarray of shape (n_channels,)
        Per-channel variance (population); ``inf`` where it exceeds the
        float64 range (values beyond about 1e154), while ``scale_`` stays
        finite: the statistics are computed on the channels divided by
        their largest magnitude.
    scale_ : ndarray of shape (n_channels,)
        Per-channel divisor: the standard deviation, with zeros replaced
        by 1 (ones when ``with_std=False``).
    n_samples_seen_ : int
        Number of time steps (over all windows) the statistics pool.
    n_features_in_ : int
        Number of channels seen during :meth:`fit`.
    feature_names_in_ : ndarray of shape (`n_features_in_`,)
        Channel names, when 2-D input with string column names (a
        :class:`pandas.DataFrame`) was given to :meth:`fit`.

    See Also
    --------
    sklearn.preprocessing.StandardScaler : Per-feature standardisation of
        tabular data (one statistic per time step *and* channel for
        flattened windows).

    Notes
    -----
    Input is either a batch of windows of shape ``(n_windows, n_timesteps,
    n_channels)`` or a 2-D array ``(n_samples, n_channels)``, i.e. one
    continuous recording or any tabular data, for which it behaves like
    ``StandardScaler``. With :math:`T'` the time steps used for fitting,

    .. math::

        \\mu_c = \\frac{1}{n T'} \\sum_{i, t} x_{itc}, \\qquad
        \\sigma_c^2 = \\frac{1}{n T'} \\sum_{i, t} (x_{itc} - \\mu_c)^2,
        \\qquad z_{itc} = (x_{itc} - \\mu_c) / \\sigma_c .

    The ``overlap`` option follows the preprocessing of the 1D CNN
    experiment by Brownlee (2018), "How to Develop 1D Convolutional Neural
    Network Models for Human Activity Recognition", on the UCI HAR windows
    of Anguita et al. (2013), "A Public Domain Dataset for Human Activity
    Recognition Using Smartphones", ESANN.

    Examples
    --------
    >>> import numpy as np
    >>> from sklearn_har.preprocessing import ChannelStandardScaler
    >>> rng = np.random.default_rng(0)
    >>> X = rng.normal(loc=[0.0, 5.0], scale=[1.0, 3.0], size=(20, 32, 2))
    >>> Xt = ChannelStandardScaler().fit_transform(X)
    >>> Xt.shape
    (20, 32, 2)
    >>> bool(np.allclose(Xt.mean(axis=(0, 1)), 0) and np.allclose(Xt.std(axis=(0, 1)), 1))
    True
    >>> ChannelStandardScaler(overlap=0.5).fit(X).n_samples_seen_  # last 16 of 32 steps
    320
    """

    _parameter_constraints: dict = {
        "with_mean": ["boolean"],
        "with_std": ["boolean"],
        "overlap": [Interval(Real, 0.0, 1.0, closed="left")],
    }

    def __init__(self, *, with_mean=True, with_std=True, overlap=0.0):
        self.with_mean = with_mean
        self.with_std = with_std
        self.overlap = overlap

    def _validate(self, X, *, reset):
        """Return ``(X_2d, shape)``: the data as (n, n_channels) and its shape."""
        X3 = None
        if X is None:
            raise TypeError(
                "X is None; expected windows (n_windows, n_timesteps, n_channels) or "
                "one recording (n_samples, n_channels)."
            )
        reject_text(X, self)
        if not (hasattr(X, "iloc") or hasattr(X, "tocsr") or hasattr(X, "columns")):
            try:
                arr = np.asarray(X)
            except ValueError as exc:  # ragged lists
                raise ValueError(
                    "X must be windows (n_windows, n_timesteps, n_channels) or one "
                    "recording (n_samples, n_channels) with the same shape "
                    f"throughout; it could not be read as one array: {exc}"
                ) from None
            if arr.ndim > 3:
                raise ValueError(
                    f"X has {arr.ndim} dimensions (shape {arr.shape}); expected "
                    "windows (n_windows, n_timesteps, n_channels) or one recording "
                    "(n_samples, n_channels)."
                )
            if arr.ndim == 3:
                X3 = arr
        if X3 is not None:
            X3 = check_windows(X3, dtype=_FLOAT_DTYPES, ensure_finite=False)
            if not reset and X3.shape[2] != self.n_features_in_:
                raise ValueError(
                    f"X has {X3.shape[2]} channels, but ChannelStandardScaler was "
                    f"fitted with {self.n_features_in_}."
                )
            X2 = validate_data(
                self,
                X3.reshape(-1, X3.shape[2]),
                reset=reset,
                dtype=_FLOAT_DTYPES,
                ensure_all_finite=True,
            )
            return X2, X3.shape
        X2 = validate_data(
            self, X, reset=reset, dtype=_FLOAT_DTYPES, ensure_all_finite=True
        )
        return X2, X2.shape

    @fit_context
    def fit(self, X, y=None):
        """Compute the per-channel mean and standard deviation.

        Parameters
        ----------
        X : array-like of shape (n_windows, n_timesteps, n_channels) or \
                (n_samples, n_channels)
            Training windows, or one recording / tabular data.
        y : None
            Ignored.

        Returns
        -------
        self : ChannelStandardScaler
            The fitted scaler.
        """
        X2, shape = self._validate(X, reset=True)
        if len(shape) == 3 and self.overlap > 0:
            n_timesteps = shape[1]
            keep = max(1, int(round((1.0 - self.overlap) * n_timesteps)))
            X2 = X2.reshape(shape)[:, n_timesteps - keep :, :].reshape(-1, shape[2])
        stats = X2.astype(np.float64, copy=False)
        # Statistics of the channels divided by their largest magnitude, so
        # that squaring cannot overflow (|x| up to the float64 maximum).
        magnitude = np.abs(stats).max(axis=0)
        magnitude[magnitude == 0] = 1.0
        unit = stats / magnitude
        mean = unit.mean(axis=0) * magnitude
        std = unit.std(axis=0) * magnitude
        with np.errstate(over="ignore"):
            var = std**2  # inf beyond 1e154; scale_ stays finite
        self.n_samples_seen_ = int(stats.shape[0])
        self.var_ = var
        self.mean_ = mean if self.with_mean else np.zeros_like(mean)
        if self.with_std:
            scale = std
            # Constant channels (up to round-off relative to their magnitude)
            # are centred, not blown up.
            tiny = 10 * np.finfo(np.float64).eps * magnitude
            scale[scale < tiny] = 1.0
        else:
            scale = np.ones_like(var)
        self.scale_ = scale
        return self

    def transform(self, X):
        """Standardise every channel.

        Parameters
        ----------
        X : array-like of shape (n_windows, n_timesteps, n_channels) or \
                (n_samples, n_channels)
            Data with the channels seen in :meth:`fit` (the window length
            may differ).

        Returns
        -------
        X_tr : ndarray of the same shape as ``X``
            Standardised data (float32 stays float32, other input becomes
            float64).
        """
        check_is_fitted(self)
        X2, shape = self._validate(X, reset=False)
        out = (X2 - self.mean_.astype(X2.dtype)) / self.scale_.astype(X2.dtype)
        return out.reshape(shape)

    def inverse_transform(self, X):
        """Undo :meth:`transform`.

        Parameters
        ----------
        X : array-like of shape (n_windows, n_timesteps, n_channels) or \
                (n_samples, n_channels)
            Standardised data.

        Returns
        -------
        X_orig : ndarray of the same shape as ``X``
            Data in the original units.
        """
        check_is_fitted(self)
        X2, shape = self._validate(X, reset=False)
        out = X2 * self.scale_.astype(X2.dtype) + self.mean_.astype(X2.dtype)
        return out.reshape(shape)

    def __sklearn_tags__(self):
        tags = super().__sklearn_tags__()
        tags.input_tags.three_d_array = True
        tags.transformer_tags.preserves_dtype = ["float64", "float32"]
        return tags
