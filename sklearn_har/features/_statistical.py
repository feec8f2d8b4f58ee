"""A small, fast per-channel statistics baseline for windows."""

import numpy as np
from sklearn.base import BaseEstimator, TransformerMixin
from sklearn.utils.validation import check_is_fitted

from ..utils import validate_windows
from ..utils._param_validation import fit_context
from ..utils._validation import check_finite_features

__all__ = ["StatisticalFeatureExtractor"]

_STATS = {
    "mean": lambda X: X.mean(axis=1),
    "std": lambda X: X.std(axis=1),
    "min": lambda X: X.min(axis=1),
    "max": lambda X: X.max(axis=1),
    "median": lambda X: np.median(X, axis=1),
    "iqr": lambda X: np.subtract(*np.percentile(X, [75, 25], axis=1)),
    "energy": lambda X: np.mean(X**2, axis=1),
    "mad": lambda X: np.mean(np.abs(X - X.mean(axis=1, keepdims=True)), axis=1),
}


class StatisticalFeatureExtractor(TransformerMixin, BaseEstimator):
    """Per-channel summary statistics of each window (a simple baseline).

    Turns windows ``(n_windows, n_timesteps, n_channels)`` into a feature
    matrix ``(n_windows, n_channels * len(stats))`` with, for every channel,
    the requested statistics over the time axis.  Fully vectorised: one numpy
    reduction per statistic for all windows at once.

    Parameters
    ----------
    stats : tuple of str, default=("mean", "std", "min", "max")
        Statistics to compute, any of ``"mean"``, ``"std"``, ``"min"``,
        ``"max"``, ``"median"``, ``"iqr"``, ``"energy"`` (mean of squares)
        and ``"mad"`` (mean absolute deviation).

    Attributes
    ----------
    n_features_in_ : int
        Number of channels seen in :meth:`fit`.
    n_channels_in_ : int
        The same as ``n_features_in_``.
    n_timesteps_in_ : int
        Window length seen in :meth:`fit`; :meth:`transform` requires the
        same length, since statistics of shorter or longer windows follow
        other distributions than those the next step was trained on.

    See Also
    --------
    UCIHARFeatureExtractor : The 561 handcrafted features of UCI HAR.

    Notes
    -----
    2-D input ``(n_windows, n_timesteps)`` is taken as univariate windows, so
    ``n_features_in_`` is 1 (the channel count), not ``X.shape[1]``: this is
    why sklearn's ``check_n_features_in`` and
    ``check_n_features_in_after_fitting`` estimator checks are expected to
    fail.

    Examples
    --------
    >>> import numpy as np
    >>> from sklearn_har.features import StatisticalFeatureExtractor
    >>> X = np.random.default_rng(0).normal(size=(5, 128, 3))
    >>> ext = StatisticalFeatureExtractor(stats=("mean", "std")).fit(X)
    >>> ext.transform(X).shape
    (5, 6)
    >>> ext.get_feature_names_out()[:2].tolist()
    ['ch0__mean', 'ch1__mean']
    """

    _parameter_constraints = {"stats": [tuple, list]}

    def __init__(self, stats=("mean", "std", "min", "max")):
        self.stats = stats

    def _check_stats(self):
        if len(self.stats) == 0:
            raise ValueError("stats must name at least one statistic.")
        unknown = [s for s in self.stats if s not in _STATS]
        if unknown:
            raise ValueError(
                f"Unknown statistic(s) {unknown}; choose from {sorted(_STATS)}."
            )
        repeated = sorted({s for s in self.stats if list(self.stats).count(s) > 1})
        if repeated:
            raise ValueError(
                f"stats names {repeated} more than once: the columns and their "
                "names would repeat."
            )

    @fit_context
    def fit(self, X, y=None):
        """Check the windows and remember their shape.

        Parameters
        ----------
        X : array-like of shape (n_windows, n_timesteps, n_channels)
            Training windows (2-D input is taken as one channel).
        y : None
            Ignored.

        Returns
        -------
        self : object
            Fitted transformer.
        """
        self._check_stats()
        if hasattr(X, "__dask_graph__"):  # a dask array: fit needs one window
            X = X[:1].compute()
        validate_windows(self, X, reset=True, allow_2d=True)
        return self

    def transform(self, X):
        """Compute the statistics of every window.

        Parameters
        ----------
        X : array-like of shape (n_windows, n_timesteps, n_channels)
            Windows with the channel count seen in :meth:`fit`.

        Returns
        -------
        features : ndarray of shape (n_windows, n_channels * len(stats))
            Columns grouped by statistic, then channel.

            A dask array of windows gives a lazy dask array, computed block
            by block along the window axis
            (:func:`sklearn_har.scale_out.transform_windows`).
        """
        check_is_fitted(self)
        if hasattr(X, "__dask_graph__"):  # a dask array: lazy, block by block
            from ..scale_out import transform_windows

            return transform_windows(self, X)
        X = validate_windows(self, X, reset=False, allow_2d=True)
        # overflow of extreme inputs is reported once, by check_finite_features
        with np.errstate(over="ignore", invalid="ignore"):
            features = np.concatenate([_STATS[s](X) for s in self.stats], axis=1)
        return check_finite_features(features, X, self)

    def get_feature_names_out(self, input_features=None):
        """Names ``ch<k>__<stat>`` (or ``<input_feature>__<stat>``).

        Parameters
        ----------
        input_features : array-like of str, default=None
            Channel names; defaults to ``ch0, ch1, ...``.

        Returns
        -------
        feature_names_out : ndarray of str
        """
        check_is_fitted(self)
        if input_features is None:
            input_features = [f"ch{i}" for i in range(self.n_features_in_)]
        elif len(input_features) != self.n_features_in_:
            raise ValueError(
                f"input_features has {len(input_features)} names, expected "
                f"{self.n_features_in_} (one per channel)."
            )
        return np.asarray(
            [f"{c}__{s}" for s in self.stats for c in input_features], dtype=object
        )

    @classmethod
    def _get_expected_failed_checks(cls):
        why = (
            "2-D input is a batch of univariate windows: n_features_in_ counts "
            "channels (1), not time steps (X.shape[1])."
        )
        return {
            "check_n_features_in": why,
            "check_n_features_in_after_fitting": why,
        }

    def __sklearn_tags__(self):
        tags = super().__sklearn_tags__()
        tags.input_tags.three_d_array = True
        tags.input_tags.two_d_array = True
        return tags
