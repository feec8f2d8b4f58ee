"""tsfresh feature sets as a scikit-learn transformer of windows."""

import inspect
from numbers import Integral

import numpy as np
from joblib import effective_n_jobs
from sklearn.base import BaseEstimator, TransformerMixin
from sklearn.utils.validation import check_is_fitted

from ..utils import validate_windows
from ..utils._param_validation import StrOptions, fit_context
from ..utils._validation import check_finite_features

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


_FITTED = (
    "n_timesteps_in_",
    "n_channels_in_",
    "n_features_in_",
    "feature_names_out_",
    "fill_values_",
    "clip_min_",
    "clip_max_",
)

# Windows whose largest magnitude is below this cannot overflow a tsfresh
# calculator (their 10th powers are still finite), so a non-finite feature
# of theirs is one of tsfresh's documented NaN/inf for degenerate windows.
_SAFE_MAGNITUDE = 2.0**100


def _check_calculator_parameters(name, value, fe):
    """Raise a clear error when ``value`` is not a valid setting for ``name``.

    tsfresh expects ``None`` (calculators without parameters) or a list of
    parameter dicts (one feature per dict), with the calculator's own
    parameter names; anything else fails deep inside tsfresh.
    """
    from tsfresh.feature_extraction import feature_calculators

    calculator = getattr(feature_calculators, name)
    examples = fe.ComprehensiveFCParameters().get(name) or []
    if calculator.fctype == "combiner":  # f(x, param=list of dicts)
        allowed = set(examples[0]) if examples else None
        required = allowed or set()
    else:  # f(x, **parameters)
        parameters = list(inspect.signature(calculator).parameters.values())[1:]
        allowed = {p.name for p in parameters}
        required = {p.name for p in parameters if p.default is p.empty}
    needs_list = calculator.fctype == "combiner" or bool(required)
    if needs_list:
        shape = f"a non-empty list of parameter dicts, e.g. {examples[:1] or [{}]!r}"
    else:
        shape = "None (the calculator takes no parameters)"
    where = f"default_fc_parameters[{name!r}]"
    if value is None and not needs_list:
        return
    if not isinstance(value, (list, tuple)) or not all(
        isinstance(d, dict) for d in value
    ):
        hint = " (wrap the dict in a list)" if isinstance(value, dict) else ""
        raise TypeError(
            f"{where} must be {shape}{hint}; got {value!r} of type "
            f"{type(value).__name__}."
        )
    if needs_list and len(value) == 0:
        raise ValueError(f"{where} must be {shape}; got an empty list.")
    for i, params in enumerate(value):
        unknown = [] if allowed is None else sorted(map(str, set(params) - allowed))
        missing = sorted(required - set(params))
        if unknown or missing:
            problems = [f"unknown parameter(s) {unknown}"] if unknown else []
            problems += [f"no value for {missing}"] if missing else []
            raise ValueError(
                f"{where}[{i}] = {params!r} has {' and '.join(problems)}: {name} "
                f"takes the parameters {sorted(allowed)}, so the value must be "
                f"{shape}."
            )


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
        format, e.g. ``{"mean": None, "autocorrelation": [{"lag": 1}]}``:
        ``None`` for a calculator without parameters, otherwise a list of
        dicts with its parameter names (checked at fit, with a
        ``TypeError`` or ``ValueError`` that names the calculator).
    n_jobs : int, default=None
        Number of worker processes tsfresh uses.  ``None`` means 1 (no
        multiprocessing) unless in a :obj:`joblib.parallel_backend` context;
        ``-1`` uses all processors.

    Attributes
    ----------
    n_features_in_ : int
        Number of channels seen during :meth:`fit`.
    n_channels_in_ : int
        The same as ``n_features_in_``.
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
    never influence their own features.  Output is always finite.  Features
    that are not finite only because the windows are huge (an overflow of
    float64, e.g. the variance of windows around 1e200) are not imputed: they
    raise a ``ValueError`` that names them, as the other extractors do.

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
            str(k)
            for k in settings
            if not hasattr(getattr(feature_calculators, str(k), None), "fctype")
        )
        if unknown:
            raise ValueError(
                f"Unknown tsfresh feature calculator(s) {unknown} in "
                "default_fc_parameters; see tsfresh.feature_extraction."
                "feature_calculators for the names."
            )
        for name, value in settings.items():
            _check_calculator_parameters(name, value, fe)
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

    def _check_overflow(self, X, F, names):
        """Raise if features are non-finite only because ``X`` is so large.

        tsfresh documents NaN (and some infinities) for degenerate windows,
        e.g. the autocorrelation of a constant window; those are imputed.
        A non-finite feature of a window with huge values may instead be an
        overflow of float64 (a sum of squares of values beyond 1e154): such
        windows are extracted again scaled down by a power of two (exact),
        and a feature finite there but not in ``X`` overflowed.
        """
        rows = np.flatnonzero(~np.isfinite(F).all(axis=1))
        if rows.size == 0:
            return
        magnitude = np.abs(X[rows]).max(axis=(1, 2))
        rows = rows[magnitude > _SAFE_MAGNITUDE]
        if rows.size == 0:
            return
        _, exponent = np.frexp(np.abs(X[rows]).max(axis=(1, 2)))
        scaled = np.ldexp(X[rows], -exponent[:, np.newaxis, np.newaxis])
        F_scaled, scaled_names = self._extract(scaled)
        position = {name: j for j, name in enumerate(scaled_names)}
        columns = [position.get(name) for name in names]
        overflowed = np.zeros_like(F, dtype=bool)
        for j, k in enumerate(columns):
            if k is not None:
                overflowed[rows, j] = ~np.isfinite(F[rows, j]) & np.isfinite(
                    F_scaled[:, k]
                )
        if overflowed.any():
            # the message names the overflowed columns and the input magnitude
            check_finite_features(np.where(overflowed, np.inf, 0.0), X, self)

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
        X = validate_windows(self, X, reset=True, allow_2d=True)
        try:
            F, names = self._extract(X)
            self.feature_names_out_ = names
            self._check_overflow(X, F, names)
        except Exception:
            for attribute in _FITTED:  # a failed fit leaves no fitted state
                self.__dict__.pop(attribute, None)
            raise
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
        X = validate_windows(self, X, reset=False, allow_2d=True)
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
        self._check_overflow(X, F, self.feature_names_out_)
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
