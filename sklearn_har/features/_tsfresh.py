"""tsfresh feature sets as a scikit-learn transformer of windows."""

from numbers import Integral

import numpy as np
from joblib import effective_n_jobs
from sklearn.base import BaseEstimator, TransformerMixin
from sklearn.utils.validation import check_is_fitted

from ..utils import check_windows
from ..utils._param_validation import StrOptions, fit_context

__all__ = ["TsfreshFeatureExtractor"]

_PRESETS = {
    "minimal": "MinimalFCParameters",
    "efficient": "EfficientFCParameters",
    "comprehensive": "ComprehensiveFCParameters",
}


def _import_tsfresh():
    try:
        import tsfresh
        import tsfresh.feature_extraction as fe
    except ImportError as exc:  # pragma: no cover - depends on the environment
        raise ImportError(
            "TsfreshFeatureExtractor needs the optional dependency tsfresh: "
            "pip install 'sklearn_har[tsfresh]'."
        ) from exc
    return tsfresh, fe


class TsfreshFeatureExtractor(TransformerMixin, BaseEstimator):
    """Features of the `tsfresh <https://tsfresh.readthedocs.io>`_ library, per window.

    Turns windows ``(n_windows, n_timesteps, n_channels)`` into one row of
    tsfresh features per window (every feature of every channel), without
    the long-format DataFrames, ids and column juggling that tsfresh itself
    expects.  tsfresh (extra ``tsfresh``) is imported on first use only.

    Read more in the :ref:`User Guide <tsfresh_features>`.

    Parameters
    ----------
    default_fc_parameters : {"minimal", "efficient", "comprehensive"} or dict, \
            default="minimal"
        The feature calculators: one of tsfresh's presets
        (``MinimalFCParameters``: 10 cheap statistics per channel;
        ``EfficientFCParameters``: about 780, without the slowest;
        ``ComprehensiveFCParameters``: all), or a dict
        ``{calculator name: list of parameter dicts or None}`` in tsfresh's
        format, e.g. ``{"mean": None, "autocorrelation": [{"lag": 1}]}``.
    n_jobs : int, default=None
        Number of worker processes tsfresh uses.  ``None`` means 1 (no
        multiprocessing) unless in a :obj:`joblib.parallel_backend` context;
        ``-1`` uses all processors.

    Attributes
    ----------
    n_features_in_ : int
        Number of channels seen during :meth:`fit`.
    n_timesteps_in_ : int
        Window length seen during fit; :meth:`transform` requires the same.
    feature_names_out_ : ndarray of str
        tsfresh names of the output columns, ``ch<k>__<calculator>...``,
        fixed at fit: :meth:`transform` always returns these columns.
    fill_values_ : ndarray of shape (n_features_out,)
        Median of every feature over the training windows, which replaces
        NaN at transform time (0 where a feature was never finite).
    clip_min_, clip_max_ : ndarray of shape (n_features_out,)
        Smallest and largest finite training value of every feature, which
        replace ``-inf`` and ``+inf``.

    See Also
    --------
    UCIHARFeatureExtractor : The 561 handcrafted UCI HAR features (much faster).
    StatisticalFeatureExtractor : A few per-channel statistics.

    Notes
    -----
    Some tsfresh calculators return NaN or infinity (e.g. on constant
    windows).  Like ``tsfresh.utilities.dataframe_functions.impute``, NaN is
    replaced by the column median and ``+inf``/``-inf`` by the column
    maximum/minimum, but these values are learnt from the **training**
    windows in :meth:`fit` and reused in :meth:`transform`, so test windows
    never influence their own features.  Output is always finite.

    2-D input ``(n_windows, n_timesteps)`` is taken as univariate windows,
    so ``n_features_in_`` counts channels, not ``X.shape[1]``: sklearn's
    ``check_n_features_in`` and ``check_n_features_in_after_fitting`` checks
    are therefore expected to fail (:meth:`_get_expected_failed_checks`).

    References
    ----------
    M. Christ, N. Braun, J. Neuffer, A. W. Kempa-Liehr, "Time Series
    FeatuRe Extraction on basis of Scalable Hypothesis tests (tsfresh --
    A Python package)", Neurocomputing 307 (2018) 72-77.

    Examples
    --------
    >>> import numpy as np
    >>> from sklearn_har.features import TsfreshFeatureExtractor
    >>> X = np.random.default_rng(0).normal(size=(6, 32, 2))
    >>> ext = TsfreshFeatureExtractor(default_fc_parameters="minimal")
    >>> F = ext.fit_transform(X)
    >>> F.shape
    (6, 20)
    >>> ext.get_feature_names_out()[:3].tolist()
    ['ch0__sum_values', 'ch0__median', 'ch0__mean']
    """

    _parameter_constraints: dict = {
        "default_fc_parameters": [StrOptions(set(_PRESETS)), dict],
        "n_jobs": [Integral, None],
    }

    def __init__(self, *, default_fc_parameters="minimal", n_jobs=None):
        self.default_fc_parameters = default_fc_parameters
        self.n_jobs = n_jobs

    def _settings(self, fe):
        if isinstance(self.default_fc_parameters, str):
            return getattr(fe, _PRESETS[self.default_fc_parameters])()
        settings = dict(self.default_fc_parameters)
        if not settings:
            raise ValueError(
                "default_fc_parameters is an empty dict: it names no feature "
                "calculator, so there would be no feature. Use 'minimal' or name "
                "calculators of tsfresh.feature_extraction.feature_calculators."
            )
        from tsfresh.feature_extraction import feature_calculators

        unknown = sorted(
            str(k) for k in settings if not hasattr(feature_calculators, str(k))
        )
        if unknown:
            raise ValueError(
                f"Unknown tsfresh feature calculator(s) {unknown} in "
                "default_fc_parameters; see tsfresh.feature_extraction."
                "feature_calculators for the names."
            )
        return settings

    def _extract(self, X):
        """tsfresh features of windows ``X`` (n, t, c) as a float array + names."""
        import pandas as pd

        tsfresh, fe = _import_tsfresh()
        n, t, c = X.shape
        frame = pd.DataFrame(X.reshape(n * t, c), columns=[f"ch{k}" for k in range(c)])
        frame.insert(0, "time", np.tile(np.arange(t), n))
        frame.insert(0, "id", np.repeat(np.arange(n), t))
        n_jobs = effective_n_jobs(self.n_jobs)
        features = tsfresh.extract_features(
            frame,
            column_id="id",
            column_sort="time",
            default_fc_parameters=self._settings(fe),
            n_jobs=0 if n_jobs == 1 else n_jobs,  # tsfresh: 0 = no multiprocessing
            disable_progressbar=True,
        )
        features = features.reindex(np.arange(n))  # tsfresh sorts ids
        return features.to_numpy(dtype=np.float64), features.columns.to_numpy(
            dtype=object
        )

    def _fit_extracted(self, F, names):
        self.feature_names_out_ = names
        finite = np.where(np.isfinite(F), F, np.nan)
        # columns never finite in training get 0 everywhere
        finite = np.where(np.isfinite(finite).any(axis=0), finite, 0.0)
        self.fill_values_ = np.nanmedian(finite, axis=0)
        self.clip_min_ = np.nanmin(finite, axis=0)
        self.clip_max_ = np.nanmax(finite, axis=0)
        return self

    def _impute(self, F):
        F = np.where(np.isnan(F), self.fill_values_, F)
        F = np.where(F == np.inf, self.clip_max_, F)
        return np.where(F == -np.inf, self.clip_min_, F)

    def _check_X(self, X, *, reset):
        kwargs = (
            {}
            if reset
            else {
                "n_channels": self.n_features_in_,
                "n_timesteps": self.n_timesteps_in_,
            }
        )
        return check_windows(X, allow_2d=True, **kwargs)

    @fit_context
    def fit(self, X, y=None):
        """Extract the features of the training windows and learn the imputation.

        Parameters
        ----------
        X : array-like of shape (n_windows, n_timesteps, n_channels)
            Training windows (2-D input is taken as one channel).
        y : None
            Ignored.

        Returns
        -------
        self : object
            The fitted extractor.
        """
        self.fit_transform(X)
        return self

    @fit_context
    def fit_transform(self, X, y=None):
        """Fit and return the features of ``X``, extracting them only once.

        Parameters
        ----------
        X : array-like of shape (n_windows, n_timesteps, n_channels)
            Training windows (2-D input is taken as one channel).
        y : None
            Ignored.

        Returns
        -------
        X_features : ndarray of shape (n_windows, n_features_out)
            Finite tsfresh features.
        """
        X = self._check_X(X, reset=True)
        self.n_features_in_ = X.shape[2]
        self.n_timesteps_in_ = X.shape[1]
        F, names = self._extract(X)
        self._fit_extracted(F, names)
        return self._impute(F)

    def transform(self, X):
        """Compute the tsfresh features of every window.

        Parameters
        ----------
        X : array-like of shape (n_windows, n_timesteps, n_channels)
            Windows with the channel count and length seen in fit.

        Returns
        -------
        X_features : ndarray of shape (n_windows, n_features_out)
            Finite tsfresh features, in the columns of
            :meth:`get_feature_names_out`.
        """
        check_is_fitted(self)
        X = self._check_X(X, reset=False)
        F, names = self._extract(X)
        if not np.array_equal(names, self.feature_names_out_):
            # tsfresh returns the same columns for the same settings, but be
            # safe: align on the fitted names (missing -> NaN -> imputed).
            position = {name: i for i, name in enumerate(names)}
            aligned = np.full((F.shape[0], len(self.feature_names_out_)), np.nan)
            for j, name in enumerate(self.feature_names_out_):
                if name in position:
                    aligned[:, j] = F[:, position[name]]
            F = aligned
        return self._impute(F)

    def get_feature_names_out(self, input_features=None):
        """Names ``<channel>__<tsfresh calculator and parameters>``.

        Parameters
        ----------
        input_features : array-like of str, default=None
            Channel names replacing ``ch0, ch1, ...``.

        Returns
        -------
        feature_names_out : ndarray of str objects
        """
        check_is_fitted(self)
        names = self.feature_names_out_
        if input_features is None:
            return names.copy()
        if len(input_features) != self.n_features_in_:
            raise ValueError(
                f"input_features has {len(input_features)} names, expected "
                f"{self.n_features_in_} (one per channel)."
            )
        renamed = []
        for name in names:
            kind, rest = name.split("__", 1)
            renamed.append(f"{input_features[int(kind[2:])]}__{rest}")
        return np.asarray(renamed, dtype=object)

    def __sklearn_tags__(self):
        tags = super().__sklearn_tags__()
        tags.input_tags.three_d_array = True
        tags.input_tags.two_d_array = True
        return tags

    @classmethod
    def _get_test_params(cls):
        return {"default_fc_parameters": "minimal"}

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
