"""A classifier of recordings that windows them inside fit and predict."""

import numpy as np
from sklearn.base import BaseEstimator, ClassifierMixin, clone
from sklearn.utils.metaestimators import available_if
from sklearn.utils.validation import check_is_fitted

from ..utils import check_recording_labels, check_recordings, restore_structure
from ..utils._param_validation import HasMethods, fit_context
from ._sliding import SlidingWindowTransformer

__all__ = ["WindowedClassifier"]


def _estimator_has(attr):
    def check(self):
        if hasattr(self, "estimator_"):
            return hasattr(self.estimator_, attr)
        return hasattr(self.estimator, attr)

    return check


def _groups_per_window(fit_params, n_recordings, recording_of_window):
    """Fit parameters with the ``groups`` (one per recording) given per window."""
    out = dict(fit_params)
    for key, value in fit_params.items():
        if key != "groups" and not key.endswith("__groups"):
            continue
        if value is None:
            continue
        value = np.asarray(value)
        if value.shape != (n_recordings,):
            raise ValueError(
                f"The fit parameter {key} must hold one group per recording "
                f"({n_recordings} recordings), got an array of shape {value.shape}."
            )
        out[key] = value[recording_of_window]
    return out


class WindowedClassifier(ClassifierMixin, BaseEstimator):
    """Classify continuous recordings through sliding windows.

    Fitted on recordings and per-sample labels, it (optionally) filters the
    streams, cuts windows with ``windows``, and fits ``estimator`` on the
    windows.  It predicts per window (:meth:`predict_windows`) and per
    sample (:meth:`predict`): every sample gets the prediction of the
    windows that cover it.  Because windowing happens inside ``fit``, the
    window parameters can be tuned like any other, e.g.
    ``GridSearchCV(clf, {"windows__window_size": [64, 128]},
    cv=GroupKFold(5)).fit(recordings, labels, groups=subjects)``.

    Parameters
    ----------
    windows : SlidingWindowTransformer, default=None
        How to cut training windows (its ``label`` strategy labels them);
        ``None`` uses ``SlidingWindowTransformer()``.  Prediction uses every
        window of the regular grid.
    estimator : estimator object, default=None
        Classifier fitted on the windows ``(n_windows, window_size,
        n_channels)``, typically a :class:`~sklearn.pipeline.Pipeline` of a
        feature extractor and a classifier, or a deep model.  Required.
    preprocessor : transformer, default=None
        Stream transformer applied to the recordings before windowing (e.g.
        :class:`~sklearn_har.preprocessing.UCIHARPreprocessor`).  It must
        accept a list of recordings and keep their lengths.

    Attributes
    ----------
    windows_ : SlidingWindowTransformer
        The fitted windowing step.
    preprocessor_ : transformer or None
        The fitted preprocessor.
    estimator_ : estimator
        The classifier fitted on the training windows.
    classes_ : ndarray of shape (n_classes,)
        Window classes seen in fit (the unlabelled value excluded).
    n_features_in_ : int
        Number of channels of the recordings.
    n_windows_fit_ : int
        Number of training windows.

    See Also
    --------
    SlidingWindowTransformer : The windowing step alone.

    Notes
    -----
    ``X`` is a list of recordings (one per experiment or subject session),
    ``y`` a list of per-sample label arrays: cross-validation therefore
    splits whole recordings, which with ``groups=subjects`` and
    :class:`~sklearn.model_selection.GroupKFold` gives a subject-wise
    evaluation without leakage.  An integer ``cv`` would choose
    ``StratifiedKFold``, which cannot stratify lists of label arrays: pass a
    splitter.  A fit parameter ``groups`` or ``<step>__groups`` (one subject
    per recording) reaches the estimator with one group per window, e.g. for
    the subject-wise early stopping of the deep classifiers (see
    :meth:`fit`).

    Per-sample predictions average the ``predict_proba`` of the covering
    windows when the estimator has it (majority vote of window predictions
    otherwise).  Samples after the last window of a recording, or in gaps
    when ``step > window_size``, take the prediction of the preceding window.

    :meth:`score` is the accuracy over labelled samples (those whose label
    is not ``windows.unlabelled``), so candidates with different window
    sizes are scored on the same samples.

    scikit-learn's estimator checks pass: they give tabular ``X`` of shape
    ``(n_samples, n_features)``, which is one recording with ``n_features``
    channels and one label per sample, and the checks run with one-sample
    windows (``SlidingWindowTransformer(1, 1, unlabelled=None)``), for which
    the classifier behaves like a tabular one.

    Examples
    --------
    >>> import numpy as np
    >>> from sklearn.pipeline import make_pipeline
    >>> from sklearn.linear_model import LogisticRegression
    >>> from sklearn_har.features import StatisticalFeatureExtractor
    >>> from sklearn_har.windowing import SlidingWindowTransformer, WindowedClassifier
    >>> rng = np.random.default_rng(0)
    >>> y = np.repeat([1, 2, 1, 2], 100)
    >>> X = rng.normal(size=(400, 3)) * np.where(y == 2, 3.0, 1.0)[:, None]
    >>> clf = WindowedClassifier(
    ...     SlidingWindowTransformer(window_size=20, step=10),
    ...     make_pipeline(StatisticalFeatureExtractor(), LogisticRegression()),
    ... ).fit([X], [y])
    >>> clf.predict([X])[0].shape
    (400,)
    >>> bool(clf.score([X], [y]) > 0.9)
    True
    """

    _parameter_constraints = {
        "windows": [SlidingWindowTransformer, None],
        "estimator": [HasMethods(["fit", "predict"])],
        "preprocessor": [HasMethods(["fit", "transform"]), None],
    }

    def __init__(self, windows=None, estimator=None, *, preprocessor=None):
        self.windows = windows
        self.estimator = estimator
        self.preprocessor = preprocessor

    @classmethod
    def _get_test_params(cls):
        """One-sample windows and a linear model: the tabular estimator checks."""
        from sklearn.linear_model import LogisticRegression
        from sklearn.pipeline import make_pipeline

        from ..features import StatisticalFeatureExtractor

        return {
            "windows": SlidingWindowTransformer(1, 1, unlabelled=None),
            "estimator": make_pipeline(
                StatisticalFeatureExtractor(stats=("mean",)), LogisticRegression()
            ),
        }

    def _preprocess(self, recordings, *, fit):
        if self.preprocessor is None:
            if fit:
                self.preprocessor_ = None
            return recordings
        if fit:
            self.preprocessor_ = clone(self.preprocessor)
            out = self.preprocessor_.fit_transform(recordings)
        else:
            out = self.preprocessor_.transform(recordings)
        return out if isinstance(out, list) else [out]

    @fit_context
    def fit(self, X, y, **fit_params):
        """Window the recordings and fit the estimator on the windows.

        Parameters
        ----------
        X : array-like of shape (n_samples, n_channels) or list of such
            Recordings.
        y : array-like of shape (n_samples,) or list of such
            Per-sample labels, same structure as ``X``.
        **fit_params : dict
            Passed to ``estimator.fit``. A parameter named ``groups`` or
            ending in ``__groups`` (e.g. ``cnnclassifier__groups`` for a
            Pipeline ending in a deep classifier) holds one group (subject)
            per *recording*: every window gets the group of its recording
            before it is passed on, so that a deep classifier can hold out
            whole subjects for early stopping. In cross-validation pass it
            as ``params={"cnnclassifier__groups": subjects}`` (sliced per
            fold like ``X``); WindowedClassifier does not route metadata,
            so with scikit-learn's metadata routing enabled the groups
            reach the estimator only through a direct call of ``fit``.

        Returns
        -------
        self : object
            Fitted classifier.

        Raises
        ------
        ValueError
            If no labelled window or only one class results, or a
            ``groups`` fit parameter does not hold one value per recording.
        """
        recordings, _ = check_recordings(X)
        labels = check_recording_labels(y, recordings)
        self.n_features_in_ = recordings[0].shape[1]
        recordings = self._preprocess(recordings, fit=True)
        windows = SlidingWindowTransformer() if self.windows is None else self.windows
        self.windows_ = clone(windows)
        Xw, yw, _, origin = self.windows_.segment(
            recordings, labels, return_origin=True
        )
        if Xw.shape[0] == 0:
            raise ValueError(
                "No labelled training window: recordings are unlabelled or every "
                "labelled segment is shorter than window_size="
                f"{self.windows_.window_size}."
            )
        if np.unique(yw).shape[0] < 2:
            raise ValueError(
                f"The training windows hold one class only ({yw[0]!r}); a classifier "
                "needs at least 2."
            )
        fit_params = _groups_per_window(fit_params, len(recordings), origin.recording)
        self.estimator_ = clone(self.estimator).fit(Xw, yw, **fit_params)
        self.classes_ = self.estimator_.classes_
        self.n_windows_fit_ = Xw.shape[0]
        return self

    def _windows(self, X):
        check_is_fitted(self)
        recordings, is_list = check_recordings(
            X, n_channels=self.n_features_in_, estimator=self
        )
        recordings = self._preprocess(recordings, fit=False)
        Xw, _, _, origin = self.windows_.segment(recordings, return_origin=True)
        return recordings, is_list, Xw, origin

    def predict_windows(self, X):
        """Predict the class of every window of the recordings.

        Parameters
        ----------
        X : array-like of shape (n_samples, n_channels) or list of such
            Recordings.

        Returns
        -------
        y_windows : ndarray of shape (n_windows,)
            Predictions for the windows of the regular grid, recording by
            recording.
        origin : Bunch
            ``recording`` and ``start`` of every window.
        """
        _, _, Xw, origin = self._windows(X)
        return self.estimator_.predict(Xw), origin

    def _per_sample_scores(self, recordings, window_scores, origin):
        """Sum window scores ``(n_windows, n_classes)`` onto the samples they cover."""
        w = self.windows_.window_size
        out = []
        for i, rec in enumerate(recordings):
            sel = origin.recording == i
            starts = origin.start[sel]
            scores = window_scores[sel]
            n = rec.shape[0]
            stops = np.minimum(starts + w, n)
            # extend coverage over gaps and the tail to the next window / the end
            ends = np.maximum(stops, np.append(starts[1:], n))
            ends[-1] = n
            acc = np.zeros((n + 1, scores.shape[1]))
            np.add.at(acc, starts, scores)
            np.add.at(acc, ends, -scores)
            out.append(np.cumsum(acc[:-1], axis=0))
        return out

    @available_if(_estimator_has("predict_proba"))
    def predict_proba(self, X):
        """Per-sample class probabilities, averaged over covering windows.

        Parameters
        ----------
        X : array-like of shape (n_samples, n_channels) or list of such
            Recordings.

        Returns
        -------
        proba : ndarray of shape (n_samples, n_classes) or list of such
            Same structure as ``X``; columns follow ``classes_``.
        """
        recordings, is_list, Xw, origin = self._windows(X)
        sums = self._per_sample_scores(
            recordings, self.estimator_.predict_proba(Xw), origin
        )
        return restore_structure(
            [s / s.sum(axis=1, keepdims=True) for s in sums], is_list
        )

    def predict(self, X):
        """Per-sample predictions from the windows that cover each sample.

        Parameters
        ----------
        X : array-like of shape (n_samples, n_channels) or list of such
            Recordings.

        Returns
        -------
        y_pred : ndarray of shape (n_samples,) or list of such
            Same structure as ``X``.
        """
        recordings, is_list, Xw, origin = self._windows(X)
        if hasattr(self.estimator_, "predict_proba"):
            scores = self.estimator_.predict_proba(Xw)
        else:
            pred = self.estimator_.predict(Xw)
            scores = (pred[:, None] == self.classes_[None, :]).astype(float)
        sums = self._per_sample_scores(recordings, scores, origin)
        return restore_structure(
            [self.classes_[s.argmax(axis=1)] for s in sums], is_list
        )

    def score(self, X, y, sample_weight=None):
        """Accuracy of the per-sample predictions over labelled samples.

        Parameters
        ----------
        X : array-like of shape (n_samples, n_channels) or list of such
            Recordings.
        y : array-like of shape (n_samples,) or list of such
            True per-sample labels; samples labelled ``windows.unlabelled``
            are not scored.
        sample_weight : None
            Not supported; must be None.

        Returns
        -------
        score : float
            Fraction of labelled samples predicted correctly.
        """
        if sample_weight is not None:
            raise ValueError(
                "sample_weight is not supported by WindowedClassifier.score."
            )
        recordings, is_list = check_recordings(X)
        labels = np.concatenate(check_recording_labels(y, recordings))
        pred = self.predict(X)
        pred = np.concatenate(pred if is_list else [pred])
        unl = self.windows_.unlabelled
        mask = np.ones(labels.shape[0], bool) if unl is None else labels != unl
        if not mask.any():
            raise ValueError("y has no labelled sample to score.")
        return float(np.mean(pred[mask] == labels[mask]))

    def __sklearn_tags__(self):
        tags = super().__sklearn_tags__()
        tags.input_tags.two_d_array = True
        return tags
