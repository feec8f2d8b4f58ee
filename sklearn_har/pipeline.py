"""Ready-made pipelines: windows in, predictions out.

:func:`make_svm_pipeline` chains the UCI HAR features
(:class:`~sklearn_har.features.UCIHARFeatureExtractor`), a scaler and a
support vector machine into one :class:`~sklearn.pipeline.Pipeline`.
"""

from sklearn.base import clone
from sklearn.pipeline import Pipeline
from sklearn.preprocessing import MinMaxScaler, StandardScaler
from sklearn.svm import SVC, LinearSVC

from .features import UCIHARFeatureExtractor

__all__ = ["make_svm_pipeline"]

_SCALERS = {
    "minmax": lambda: MinMaxScaler(feature_range=(-1, 1)),
    "standard": StandardScaler,
}


def make_svm_pipeline(
    kernel="rbf",
    *,
    C=None,
    gamma=None,
    scaler="minmax",
    extractor=None,
    class_weight=None,
    random_state=None,
):
    """The UCI HAR baseline: 561 features, a scaler and a support vector machine.

    Builds ``Pipeline([("features", UCIHARFeatureExtractor()),
    ("scaler", ...), ("svm", SVC(...))])``, which takes windows
    ``(n_windows, 128, 9)`` in UCI HAR *Inertial Signals* channel order and
    plugs into the same ``cross_validate(..., groups=subjects)`` /
    :class:`~sklearn.model_selection.GroupKFold` evaluation as the deep
    models.  The scaler is fitted on the training windows only.

    Read more in the :ref:`User Guide <svm_baseline>`.

    Parameters
    ----------
    kernel : {"rbf", "linear", "poly", "sigmoid", "liblinear"}, default="rbf"
        Kernel of :class:`~sklearn.svm.SVC` (one-vs-one).  ``"liblinear"``
        uses :class:`~sklearn.svm.LinearSVC` instead (one-vs-rest, squared
        hinge loss), which trains faster on large data.
    C : float, default=None
        Regularisation parameter.  ``None``: 10 for ``"rbf"`` (chosen by
        subject-wise cross-validation on the UCI HAR training subjects, see
        the User Guide), 1 otherwise (scikit-learn's default; also the best
        of the values tried for the linear kernels).
    gamma : {"scale", "auto"} or float, default=None
        Kernel coefficient for ``"rbf"``, ``"poly"`` and ``"sigmoid"``.
        ``None``: 0.01 for ``"rbf"`` (chosen with ``C``, for the 561
        features scaled to [-1, 1]), ``"scale"`` otherwise.  Use
        ``"scale"`` when the features or the scaler are changed.
    scaler : {"minmax", "standard"}, transformer or None, default="minmax"
        ``"minmax"``: :class:`~sklearn.preprocessing.MinMaxScaler` to
        [-1, 1], like the published UCI HAR files (but fitted on the
        training windows only; test values may fall outside);
        ``"standard"``: :class:`~sklearn.preprocessing.StandardScaler`; a
        transformer is cloned and used as is; ``None`` skips scaling
        (``"passthrough"``).
    extractor : transformer, default=None
        Feature step; ``None`` uses
        :class:`~sklearn_har.features.UCIHARFeatureExtractor` with default
        parameters.  Pass e.g. ``UCIHARFeatureExtractor(n_jobs=2)`` or a
        :class:`~sklearn_har.features.TsfreshFeatureExtractor`.
    class_weight : dict or "balanced", default=None
        Passed to the SVM.
    random_state : int, RandomState instance or None, default=None
        Passed to the SVM (used by ``"liblinear"`` and probability estimates).

    Returns
    -------
    pipeline : :class:`~sklearn.pipeline.Pipeline`
        Unfitted, with steps ``"features"``, ``"scaler"`` and ``"svm"``, so
        that e.g. ``svm__C`` can be tuned with
        :class:`~sklearn.model_selection.GridSearchCV`.

    See Also
    --------
    sklearn_har.features.UCIHARFeatureExtractor : The feature step.

    Notes
    -----
    Anguita et al. (ESANN 2013) report about 96 % test accuracy for a
    Gaussian-kernel SVM on the published, min-max normalised features of the
    fixed subject split.  The defaults here (min-max scaling to [-1, 1],
    RBF kernel, ``C=10``, ``gamma=0.01``) had the best mean accuracy in a
    5-fold :class:`~sklearn.model_selection.GroupKFold` over the 21 UCI HAR
    training subjects, among standard/min-max scaling, RBF (``C`` 1 to
    1000, ``gamma`` 3e-4 to 0.03 and "scale"), linear ``SVC`` and
    ``LinearSVC``; the test subjects were never used to choose them
    (``benchmarks/bench_svm.py --cv`` repeats the search).

    Examples
    --------
    >>> import numpy as np
    >>> from sklearn_har.pipeline import make_svm_pipeline
    >>> rng = np.random.default_rng(0)
    >>> X = rng.normal(size=(20, 128, 9))
    >>> y = np.repeat([0, 1], 10)
    >>> X[y == 1, :, 6] += 1.0  # class 1: gravity along x
    >>> pipe = make_svm_pipeline().fit(X, y)
    >>> [name for name, _ in pipe.steps]
    ['features', 'scaler', 'svm']
    >>> float(pipe.score(X, y))
    1.0
    """
    if extractor is None:
        extractor = UCIHARFeatureExtractor()
    elif not (hasattr(extractor, "fit") and hasattr(extractor, "transform")):
        raise TypeError(
            "extractor must be a feature extractor (with fit and transform) or None, "
            f"got {extractor!r}."
        )
    else:
        extractor = clone(extractor)
    if scaler is None:
        scaling = "passthrough"
    elif isinstance(scaler, str):
        if scaler not in _SCALERS:
            raise ValueError(
                f"scaler must be one of {sorted(_SCALERS)}, a transformer or None; "
                f"got {scaler!r}."
            )
        scaling = _SCALERS[scaler]()
    elif not (hasattr(scaler, "fit") and hasattr(scaler, "transform")):
        raise TypeError(
            f"scaler must be one of {sorted(_SCALERS)}, a transformer or None; got "
            f"{scaler!r}."
        )
    else:
        scaling = clone(scaler)
    kernels = ("rbf", "linear", "poly", "sigmoid", "liblinear")
    if kernel not in kernels:
        raise ValueError(f"kernel must be one of {kernels}, got {kernel!r}.")
    if C is None:
        C = 10.0 if kernel == "rbf" else 1.0
    if gamma is None:
        gamma = 0.01 if kernel == "rbf" else "scale"
    if kernel == "liblinear":
        svm = LinearSVC(C=C, class_weight=class_weight, random_state=random_state)
    else:
        svm = SVC(
            kernel=kernel,
            C=C,
            gamma=gamma,
            class_weight=class_weight,
            random_state=random_state,
        )
    return Pipeline([("features", extractor), ("scaler", scaling), ("svm", svm)])
