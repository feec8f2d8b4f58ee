"""Bring-your-own Keras model: scikeras' ``KerasClassifier`` with correct tags.

scikeras 0.13 declares its estimator tags through the ``_more_tags`` API that
scikit-learn 1.6 replaced by ``__sklearn_tags__``, and puts
:class:`~sklearn.base.ClassifierMixin` after :class:`~sklearn.base.BaseEstimator`
in its bases, so that with scikit-learn >= 1.6 ``is_classifier`` is False and
the tags are those of a bare estimator.  :class:`KerasModelClassifier` only
corrects the tags (and works around one seeding side effect, see
``_settle_op_determinism``); everything else is scikeras' public
``KerasClassifier``.

Importing this module imports scikeras and so TensorFlow:
:mod:`sklearn_har.deep` imports it lazily (PEP 562 ``__getattr__``).
"""

import numpy as np
from scikeras.wrappers import KerasClassifier
from scipy.sparse import issparse
from sklearn.utils import ClassifierTags
from sklearn.utils.validation import column_or_1d

__all__ = ["KerasModelClassifier"]

_OP_DETERMINISM_SETTLED = False


def _settle_op_determinism():
    """Make TensorFlow read ``TF_DETERMINISTIC_OPS`` before scikeras sets it.

    With a ``random_state``, scikeras runs the build and the training inside
    a context that sets ``TF_DETERMINISTIC_OPS=1`` and enables op determinism,
    then restores both.  TensorFlow reads that environment variable once per
    process, the first time it asks whether determinism is on; when that first
    time is inside scikeras' context, the value is cached as "on" and
    determinism can no longer be turned off: every later unseeded random op
    of the process (a shuffled ``fit``, dropout...) then raises "Random ops
    require a seed to be set when determinism is enabled".  One unseeded
    random op outside the context makes TensorFlow read the variable with
    its real value first.
    """
    global _OP_DETERMINISM_SETTLED
    if not _OP_DETERMINISM_SETTLED:
        import tensorflow as tf

        try:
            tf.random.uniform(())
        except RuntimeError:  # determinism already on, as the user asked
            pass
        _OP_DETERMINISM_SETTLED = True


class KerasModelClassifier(KerasClassifier):
    """Your own Keras model as a scikit-learn classifier of windows.

    A thin subclass of scikeras' :class:`scikeras.wrappers.KerasClassifier`
    (see its documentation for every parameter and attribute) whose
    scikit-learn tags are right for scikit-learn >= 1.6: it is a classifier
    (``is_classifier`` is True, so ``cross_val_score`` and ``GridSearchCV``
    stratify, and it can be the last step of a
    :class:`~sklearn.pipeline.Pipeline` scored as a classifier), it needs
    ``y`` and accepts windows ``(n_windows, n_timesteps, n_channels)`` as well
    as 2-D tables.  It therefore works like the built-in networks of
    :mod:`sklearn_har.deep` in a Pipeline, in
    :class:`~sklearn_har.windowing.WindowedClassifier`, in
    :class:`~sklearn.model_selection.GridSearchCV` and in
    :func:`~sklearn_har.model_selection.compare_models`.

    Parameters
    ----------
    model : callable or keras.Model, default=None
        A function that returns a compiled (or uncompiled) Keras model, or a
        Keras model.  The function may take ``meta`` (a dict of what the
        wrapper learnt from the data: ``X_shape_``, ``n_classes_``,
        ``classes_``, ``target_type_``...), ``compile_kwargs`` (the routed
        ``optimizer``, ``loss``, ``metrics``...) and any of its own
        arguments, given to the wrapper as ``model__<name>`` (tunable by
        ``GridSearchCV``).  The input shape of the network is
        ``meta["X_shape_"][1:]``, i.e. ``(n_timesteps, n_channels)`` for
        windows.
    **kwargs
        Every other parameter of
        :class:`scikeras.wrappers.KerasClassifier`: ``optimizer``, ``loss``,
        ``epochs``, ``batch_size``, ``verbose``, ``random_state``,
        ``callbacks``, ``class_weight``, routed parameters such as
        ``optimizer__learning_rate`` or ``fit__validation_split``...

    Attributes
    ----------
    model_ : keras.Model
        The trained network.
    classes_ : ndarray of shape (n_classes,)
        Classes seen in ``fit``.
    n_features_in_ : int
        ``X.shape[1]`` seen in ``fit`` (the number of time steps for
        windows, as scikeras and the built-in networks count it).
    X_shape_ : tuple of int
        Shape of the training ``X``.
    history_ : dict of str -> list
        Training loss and metrics per epoch.

    See Also
    --------
    CNNClassifier : A built-in network that sizes itself from the windows.
    scikeras.wrappers.KerasClassifier : The wrapped scikeras class.

    Notes
    -----
    Tags set for scikit-learn >= 1.6 (scikeras only declares the older
    ``_more_tags``, which scikit-learn no longer reads, and its
    ``ClassifierMixin`` comes after ``BaseEstimator``): estimator type
    ``"classifier"`` with :class:`~sklearn.utils.ClassifierTags` (multiclass
    and multilabel targets, as scikeras encodes them; ``poor_score`` as
    scikeras declares, since a network trained for a few epochs misses the
    accuracy thresholds of scikit-learn's checks), ``y`` required, 2-D and
    3-D input.  Multi-output multiclass targets are not declared: scikeras
    cannot predict classes for them.  Sparse input is refused with a
    ``TypeError`` (scikeras would pass it on to Keras, which handles only some
    sparse formats).  With ``random_state=None`` every fit starts from new
    weights; an integer seeds the build and the training, which are then
    reproducible (``non_deterministic`` is False, as the checks seed it).

    Three behaviours follow scikit-learn rather than scikeras: a column
    vector ``y`` of shape ``(n, 1)`` is raveled with a
    ``DataConversionWarning``; ``X`` whose shape differs from the training
    one raises scikit-learn's error ("X has k features, but ... is expecting
    n features as input"); and a seeded fit no longer leaves TensorFlow's op
    determinism on for the rest of the process (scikeras' seeding could,
    after which unseeded random ops fail).

    scikit-learn's estimator checks pass, except these (see
    ``_get_expected_failed_checks``):

    - ``check_sample_weight_equivalence_on_dense_data``: in mini-batch
      gradient descent a sample weight of k is not the same as repeating the
      sample k times;
    - ``check_mixin_order``: scikeras' ``KerasClassifier`` puts
      ``ClassifierMixin`` after ``BaseEstimator``, which a subclass cannot
      reorder (the tags this order loses are set here);
    - ``check_estimator_tags_renamed``: scikeras' ``BaseWrapper`` still
      defines ``_more_tags``, and the check inspects every parent class.

    Examples
    --------
    >>> import numpy as np
    >>> import keras
    >>> from sklearn_har.deep import KerasModelClassifier
    >>> def build(meta, compile_kwargs, units=8):
    ...     inputs = keras.Input(shape=meta["X_shape_"][1:])
    ...     x = keras.layers.Conv1D(units, 3, activation="relu")(inputs)
    ...     x = keras.layers.GlobalAveragePooling1D()(x)
    ...     outputs = keras.layers.Dense(meta["n_classes_"], activation="softmax")(x)
    ...     model = keras.Model(inputs, outputs)
    ...     model.compile(
    ...         loss="sparse_categorical_crossentropy",
    ...         optimizer=compile_kwargs["optimizer"],
    ...     )
    ...     return model
    >>> rng = np.random.default_rng(0)
    >>> X = rng.normal(size=(20, 16, 3)).astype("float32")
    >>> y = np.repeat(["sit", "walk"], 10)
    >>> clf = KerasModelClassifier(
    ...     build, model__units=4, epochs=2, verbose=0, random_state=0
    ... ).fit(X, y)
    >>> clf.predict(X[:3]).shape
    (3,)
    >>> clf.predict_proba(X[:3]).shape
    (3, 2)
    >>> clf.classes_
    array(['sit', 'walk'], dtype='<U4')
    """

    def fit(self, X, y, sample_weight=None, **kwargs):
        """Build the network with ``model`` and train it on ``(X, y)``.

        Parameters
        ----------
        X : array-like of shape (n_windows, n_timesteps, n_channels) or \
                (n_samples, n_features)
            Training windows (or a table).
        y : array-like of shape (n_windows,)
            Class labels.
        sample_weight : array-like of shape (n_windows,), default=None
            Weights of the windows in the loss.
        **kwargs : dict
            Passed to ``keras.Model.fit`` (prefer ``fit__<name>`` parameters).

        Returns
        -------
        self : KerasModelClassifier
            The fitted classifier.
        """
        if self.random_state is not None:
            _settle_op_determinism()
        _reject_sparse(X, self)
        y = _column_to_1d(y)
        return super().fit(X, y, sample_weight=sample_weight, **kwargs)

    def partial_fit(self, X, y, classes=None, sample_weight=None, **kwargs):
        """Train for one more epoch (building the network on the first call).

        Parameters
        ----------
        X : array-like of shape (n_windows, n_timesteps, n_channels) or \
                (n_samples, n_features)
            Training windows (or a table).
        y : array-like of shape (n_windows,)
            Class labels.
        classes : array-like of shape (n_classes,), default=None
            Every class of the successive calls (needed on the first call
            when ``y`` lacks some).
        sample_weight : array-like of shape (n_windows,), default=None
            Weights of the windows in the loss.
        **kwargs : dict
            Passed to ``keras.Model.fit``.

        Returns
        -------
        self : KerasModelClassifier
            The fitted classifier.
        """
        if self.random_state is not None:
            _settle_op_determinism()
        _reject_sparse(X, self)
        y = _column_to_1d(y)
        if self.initialized_:
            self._check_input_shape(X)
        return super().partial_fit(
            X, y, classes=classes, sample_weight=sample_weight, **kwargs
        )

    def initialize(self, X, y):
        """Build the network for ``(X, y)`` without training it.

        Parameters
        ----------
        X : array-like of shape (n_windows, n_timesteps, n_channels) or \
                (n_samples, n_features)
            Windows (or a table) that size the network.
        y : array-like of shape (n_windows,)
            Class labels.

        Returns
        -------
        self : KerasModelClassifier
            The classifier with an untrained network.
        """
        if self.random_state is not None:
            _settle_op_determinism()
        _reject_sparse(X, self)
        return super().initialize(X, _column_to_1d(y))

    def predict(self, X, **kwargs):
        """Predict the class of every window.

        Parameters
        ----------
        X : array-like of shape (n_windows, n_timesteps, n_channels) or \
                (n_samples, n_features)
            Windows shaped like the training ones.
        **kwargs : dict
            Passed to ``keras.Model.predict``.

        Returns
        -------
        y_pred : ndarray of shape (n_windows,)
            Predicted classes.
        """
        self._check_input_shape(X)
        return super().predict(X, **kwargs)

    def predict_proba(self, X, **kwargs):
        """Class probabilities of every window.

        Parameters
        ----------
        X : array-like of shape (n_windows, n_timesteps, n_channels) or \
                (n_samples, n_features)
            Windows shaped like the training ones.
        **kwargs : dict
            Passed to ``keras.Model.predict``.

        Returns
        -------
        proba : ndarray of shape (n_windows, n_classes)
            Probabilities, columns in the order of ``classes_``.
        """
        self._check_input_shape(X)
        return super().predict_proba(X, **kwargs)

    def score(self, X, y, sample_weight=None):
        """Accuracy on ``(X, y)``.

        Parameters
        ----------
        X : array-like of shape (n_windows, n_timesteps, n_channels) or \
                (n_samples, n_features)
            Windows shaped like the training ones.
        y : array-like of shape (n_windows,)
            True classes.
        sample_weight : array-like of shape (n_windows,), default=None
            Weights of the windows.

        Returns
        -------
        score : float
            Fraction of windows predicted correctly.
        """
        self._check_input_shape(X)
        return super().score(X, _column_to_1d(y), sample_weight=sample_weight)

    def _check_input_shape(self, X):
        """Raise scikit-learn's error when X does not match the fitted shape.

        scikeras checks it too, but its message is not scikit-learn's ("X has
        k features, but ... is expecting n features as input"); only a
        fitted classifier and an ``X`` of the fitted rank are checked here
        (scikeras raises for the other cases).
        """
        _reject_sparse(X, self)
        fitted = getattr(self, "X_shape_", None)
        shape = _shape(X)
        if shape is None:  # ragged: left to scikeras' validation
            return
        if fitted is None or len(shape) != len(fitted) or len(shape) < 2:
            return
        name = type(self).__name__
        if len(shape) == 2 and shape[1] != fitted[1]:
            raise ValueError(
                f"X has {shape[1]} features, but {name} is expecting "
                f"{fitted[1]} features as input."
            )
        if tuple(shape[1:]) != tuple(fitted[1:]):
            raise ValueError(
                f"X has windows of shape {tuple(shape[1:])}, but {name} is "
                f"expecting windows of shape {tuple(fitted[1:])} as input "
                "(n_timesteps, n_channels)."
            )

    def __sklearn_is_fitted__(self):
        # fitted (or initialized) once the network exists
        return self.initialized_

    def __sklearn_tags__(self):
        tags = super().__sklearn_tags__()
        tags.estimator_type = "classifier"
        tags.classifier_tags = ClassifierTags(
            poor_score=True, multi_class=True, multi_label=True
        )
        tags.target_tags.required = True
        tags.target_tags.multi_output = False
        tags.input_tags.two_d_array = True
        tags.input_tags.three_d_array = True
        tags.input_tags.sparse = False
        tags.input_tags.allow_nan = False
        return tags

    @classmethod
    def _get_test_params(cls):
        """A tiny dense network trained for one epoch (estimator checks)."""
        return {
            "model": _check_model,
            "epochs": 1,
            "batch_size": 256,
            "verbose": 0,
            "optimizer": "sgd",
            "run_eagerly": True,
        }

    @classmethod
    def _get_expected_failed_checks(cls):
        return dict(_EXPECTED_FAILED_CHECKS)


def _shape(X):
    """Shape of an array-like (None when ragged), without validating it."""
    shape = getattr(X, "shape", None)
    if shape is not None:
        return tuple(shape)
    try:
        return np.asarray(X).shape
    except ValueError:
        return None


def _reject_sparse(X, estimator):
    if issparse(X):
        raise TypeError(
            f"{type(estimator).__name__} does not accept sparse input: windows "
            "are dense arrays (convert a sparse matrix with X.toarray())."
        )


def _column_to_1d(y):
    """A column vector ``(n, 1)`` as ``(n,)``, with scikit-learn's warning."""
    shape = _shape(y)
    if shape is not None and len(shape) == 2 and shape[1] == 1:
        return column_or_1d(y, warn=True)
    return y


def _check_model(meta, compile_kwargs):
    """The network of the estimator checks: any input rank, any target type."""
    import keras

    inputs = keras.Input(shape=meta["X_shape_"][1:])
    x = keras.layers.Flatten()(inputs)
    if meta["target_type_"] == "multilabel-indicator":
        outputs = keras.layers.Dense(meta["n_classes_"], activation="sigmoid")(x)
        loss = "binary_crossentropy"
    else:
        outputs = keras.layers.Dense(meta["n_classes_"], activation="softmax")(x)
        loss = "sparse_categorical_crossentropy"
    model = keras.Model(inputs, outputs)
    model.compile(loss=loss, optimizer=compile_kwargs["optimizer"])
    return model


_EXPECTED_FAILED_CHECKS = {
    "check_mixin_order": (
        "scikeras' KerasClassifier derives from (BaseWrapper, ClassifierMixin) "
        "and BaseWrapper is a BaseEstimator: a subclass cannot put ClassifierMixin "
        "first; __sklearn_tags__ sets the classifier tags that this order loses"
    ),
    "check_estimator_tags_renamed": (
        "scikeras' BaseWrapper defines the pre-1.6 _more_tags (which scikit-learn "
        ">= 1.6 ignores) and the check inspects every class of the MRO; the tags "
        "are given by KerasModelClassifier.__sklearn_tags__"
    ),
    "check_sample_weight_equivalence_on_dense_data": (
        "mini-batch gradient descent: a sample weight of k is not equivalent to "
        "repeating the sample k times (different batches and number of steps)"
    ),
}
