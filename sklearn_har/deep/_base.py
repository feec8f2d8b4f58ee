"""The scikit-learn side of the Keras classifiers (no TensorFlow at import).

Design
------
scikeras 0.13 ``KerasClassifier`` is not subclassed: importing it imports
Keras and TensorFlow (the package must import without them), and under
scikit-learn >= 1.6 it puts ``ClassifierMixin`` on the wrong side of
``BaseWrapper`` (``is_classifier`` is False), declares only old-style
``_more_tags``, overrides ``__repr__`` and, with ``class_weight``, multiplies
the caller's ``sample_weight`` array in place. Fixing that would mean
overriding most of it. :class:`BaseDeepClassifier` is instead a plain
``ClassifierMixin, BaseEstimator`` whose ``fit`` imports Keras, and it keeps
scikeras' public conventions: any extra constructor keyword
``<prefix>__<name>`` is a *routed parameter* (``model__``, ``fit__``,
``compile__``, ``optimizer__``, ``predict__batch_size``) that ``get_params``,
``set_params``, ``clone`` and ``GridSearchCV`` treat like any other
parameter; the optimizer is resolved with scikeras' own routing helpers
(imported in ``fit``), so ``optimizer="adamw", optimizer__weight_decay=1e-4``
means what it means in scikeras; the fitted network is ``model_`` and the
learning curves ``history_``.
"""

import inspect
import json
import logging
import os
import random
import sys
import zipfile
from contextlib import contextmanager
from numbers import Integral, Real

import numpy as np
from sklearn.base import BaseEstimator, ClassifierMixin
from sklearn.utils import check_random_state
from sklearn.utils.class_weight import compute_sample_weight
from sklearn.utils.multiclass import check_classification_targets
from sklearn.utils.validation import (
    _check_sample_weight,
    check_is_fitted,
    validate_data,
)

from ..utils._param_validation import Interval, StrOptions, fit_context
from ..utils._validation import reject_text

__all__ = ["BaseDeepClassifier"]

#: Prefixes of routed parameters and where they go.
ROUTING_PREFIXES = {
    "model": "keyword arguments of the network builder",
    "fit": "keyword arguments of keras.Model.fit",
    "predict": "prediction settings (only batch_size)",
    "compile": "keyword arguments of keras.Model.compile",
    "optimizer": "constructor arguments of the optimizer",
}

# Keras arguments the wrapper sets itself: routing them would be ambiguous.
_RESERVED = {
    "fit": {
        "x",
        "y",
        "epochs",
        "batch_size",
        "validation_split",
        "class_weight",
        "sample_weight",
        "verbose",
        "initial_epoch",
    },
    "predict": set(),
    "compile": {"optimizer", "loss", "run_eagerly"},
    "optimizer": {"learning_rate"},
}

_SAVED_META = "sklearn_har.json"
_DEFAULT_PREDICT_BATCH_SIZE = 512


@contextmanager
def _native_stderr_silenced(silence):
    """Send what native code writes to file descriptor 2 to /dev/null."""
    if not silence:
        yield
        return
    sys.stderr.flush()
    saved = os.dup(2)
    try:
        with open(os.devnull, "w") as devnull:
            os.dup2(devnull.fileno(), 2)
            yield
    finally:
        os.dup2(saved, 2)
        os.close(saved)


def _stop_on_non_finite_loss(keras):
    """A Keras callback that stops training when the batch loss is NaN or inf."""

    class StopOnNonFiniteLoss(keras.callbacks.Callback):
        def on_train_batch_end(self, batch, logs=None):
            loss = (logs or {}).get("loss")
            if loss is not None and not np.isfinite(float(loss)):
                self.model.stop_training = True

    return StopOnNonFiniteLoss()


class _DropRetracingNotice(logging.Filter):
    """Drop TensorFlow's "triggered tf.function retracing" notice.

    Every fitted network traces its own predict function once per batch
    shape.  TensorFlow counts the traces of all networks together, so
    after five fitted networks in one process (repeats, folds, grid
    searches) it warns of "excessive retracing" that is not there.
    """

    def filter(self, record):
        return "triggered tf.function retracing" not in record.getMessage()


@contextmanager
def _no_retracing_notice():
    logger = logging.getLogger("tensorflow")
    notice_filter = _DropRetracingNotice()
    logger.addFilter(notice_filter)
    try:
        yield
    finally:
        logger.removeFilter(notice_filter)


def _import_keras():
    """Import Keras (and TensorFlow) with a helpful error when missing.

    With ``TF_CPP_MIN_LOG_LEVEL=3`` (errors hidden, as the command line sets
    it) the first import also hides the lines that TensorFlow's C++ runtime
    writes to stderr before its log level is read (oneDNN and CPU-feature
    notices); a failed import still raises with its message.
    """
    quiet = (
        "tensorflow" not in sys.modules
        and os.environ.get("TF_CPP_MIN_LOG_LEVEL", "") == "3"
    )
    try:
        with _native_stderr_silenced(quiet):
            import keras
            import tensorflow as tf
    except ImportError as exc:  # pragma: no cover - depends on the environment
        raise ImportError(
            "The deep classifiers of sklearn_har need TensorFlow and Keras: "
            "pip install 'sklearn_har[deep]'."
        ) from exc
    return keras, tf


@contextmanager
def _seeded(seed):
    """Seed Python, NumPy, TensorFlow and Keras and make TF ops deterministic.

    Used around building and training when ``random_state`` is given. On exit
    the Python and NumPy global random states, TensorFlow's global seed and
    the op-determinism flag are put back as they were (the last two through
    TensorFlow's internal API, as scikeras does; if that API is missing they
    are left set).
    """
    if seed is None:
        yield
        return
    keras, tf = _import_keras()
    py_state = random.getstate()
    np_state = np.random.get_state()  # noqa: NPY002 (restored below)
    try:
        from tensorflow.python.eager import context
        from tensorflow.python.framework import config as tf_config

        tf_seed = context.global_seed()
        was_deterministic = tf_config.is_op_determinism_enabled()
    except (ImportError, AttributeError):  # pragma: no cover - TF internals moved
        tf_config = None
    try:
        keras.utils.set_random_seed(int(seed))
        tf.config.experimental.enable_op_determinism()
        yield
    finally:
        random.setstate(py_state)
        np.random.set_state(np_state)  # noqa: NPY002
        if tf_config is not None:
            tf.random.set_seed(tf_seed)
            if not was_deterministic:
                tf_config.disable_op_determinism()


def _import_custom_layers():
    """Register the project's custom Keras layers (needed to load a model)."""
    from .networks import layers  # noqa: F401 (registration on import)


def _model_to_bytes(model):
    """A Keras model as the bytes of a ``.keras`` archive."""
    import os
    import tempfile

    keras, _ = _import_keras()
    with tempfile.TemporaryDirectory() as tmp:
        path = os.path.join(tmp, "model.keras")
        keras.saving.save_model(model, path)
        with open(path, "rb") as f:
            return f.read()


def _model_from_bytes(data):
    """Inverse of :func:`_model_to_bytes` (registers the custom layers first)."""
    import os
    import tempfile

    keras, _ = _import_keras()
    _import_custom_layers()
    with tempfile.TemporaryDirectory() as tmp:
        path = os.path.join(tmp, "model.keras")
        with open(path, "wb") as f:
            f.write(data)
        return keras.saving.load_model(path)


class _PickledModel:
    """Stands for ``model_`` in a pickle: unpickles as the Keras model.

    Keras pickles a model as its ``.keras`` archive too, but reads it back
    before anything of sklearn_har has registered the custom layers; this
    loader registers them first.
    """

    def __init__(self, model):
        self.data = _model_to_bytes(model)

    def __reduce__(self):
        return (_model_from_bytes, (self.data,))


def _history_to_dict(history):
    return {key: [float(v) for v in values] for key, values in history.items()}


class BaseDeepClassifier(ClassifierMixin, BaseEstimator):
    """Base class of the Keras window classifiers (not public API).

    Subclasses define ``__init__`` (their network parameters followed by the
    common training parameters and ``**kwargs`` for routed parameters),
    ``_network_params`` (names passed to the builder), ``_build_network`` and
    ``_check_n_timesteps``.
    """

    _parameter_constraints: dict = {
        "noise_std": [Interval(Real, 0, None, closed="left")],
        "window_stats": ["boolean"],
        "center_windows": ["boolean"],
        "epochs": [Interval(Integral, 1, None, closed="left")],
        "batch_size": [Interval(Integral, 1, None, closed="left")],
        "optimizer": "no_validation",  # name, class or instance: checked in fit
        "learning_rate": [Interval(Real, 0, None, closed="neither"), None],
        "lr_schedule": [StrOptions({"constant", "cosine"})],
        "validation_split": [Interval(Real, 0, 1, closed="left")],
        "early_stopping": ["boolean"],
        "patience": [Interval(Integral, 0, None, closed="left")],
        "class_weight": [dict, StrOptions({"balanced"}), None],
        "random_state": ["random_state"],
        "verbose": ["verbose"],
        "run_eagerly": ["boolean"],
    }

    #: Names of the constructor parameters that are passed to the builder.
    _network_params: tuple = ()

    def _set_routed_params(self, kwargs):
        """Store the extra constructor keywords (checked in ``fit``, like all params)."""
        for key, value in kwargs.items():
            setattr(self, key, value)

    def _extra_param_names(self):
        """Names of the parameters given through ``**kwargs`` (routed parameters)."""
        named = set(self._get_param_names())
        return [
            k
            for k in vars(self)
            if k not in named and not k.startswith("_") and not k.endswith("_")
        ]

    def _check_routed_names(self):
        expected = ", ".join(f"{p}__" for p in ROUTING_PREFIXES)
        for key in self._extra_param_names():
            prefix, sep, rest = key.partition("__")
            if not sep or prefix not in ROUTING_PREFIXES or not rest:
                raise ValueError(
                    f"{type(self).__name__} got an unexpected parameter {key!r}. "
                    f"Besides its named parameters it accepts routed parameters "
                    f"starting with {expected}."
                )

    def _routed(self, prefix):
        """Routed parameters ``prefix__name`` as ``{name: value}``."""
        start = prefix + "__"
        return {
            k[len(start) :]: v for k, v in vars(self).items() if k.startswith(start)
        }

    # -- parameters --------------------------------------------------------
    def get_params(self, deep=True):
        """Get parameters for this estimator, routed ones included.

        Parameters
        ----------
        deep : bool, default=True
            Ignored (no parameter is an estimator); kept for the API.

        Returns
        -------
        params : dict
            Parameter names mapped to their values.
        """
        params = super().get_params(deep=deep)
        for key in self._extra_param_names():
            params[key] = getattr(self, key)
        return params

    def set_params(self, **params):
        """Set parameters, including routed ones such as ``optimizer__beta_1``.

        Parameters
        ----------
        **params : dict
            Estimator parameters.

        Returns
        -------
        self : estimator instance
            The estimator.
        """
        plain = {}
        extra = set(self._extra_param_names())
        for key, value in params.items():
            if "__" in key or key in extra:
                # Routed parameters are flat: ``optimizer__beta_1`` is not a
                # nested estimator parameter. Names are checked in ``fit``.
                setattr(self, key, value)
            else:
                plain[key] = value
        if plain:
            super().set_params(**plain)
        return self

    def __sklearn_tags__(self):
        tags = super().__sklearn_tags__()
        tags.input_tags.three_d_array = True
        # Tiny networks trained for an epoch or two (as in the common checks)
        # do not reach the accuracy thresholds of scikit-learn's checks.
        tags.classifier_tags.poor_score = True
        return tags

    def __sklearn_is_fitted__(self):
        # fitted once the trained network exists (a failed fit leaves none)
        return hasattr(self, "model_")

    def __getstate__(self):
        state = dict(super().__getstate__())  # a copy: self keeps its model
        if "model_" in state:
            state["model_"] = _PickledModel(state["model_"])
        return state

    # -- to be provided by subclasses --------------------------------------
    def _build_network(self, input_shape, n_classes, **params):  # pragma: no cover
        # abstract: every public classifier overrides this with its network builder
        raise NotImplementedError

    def _check_n_timesteps(self, n_timesteps):
        """Raise a ValueError if windows are too short for the architecture."""

    # -- input validation --------------------------------------------------
    def _validate_X(self, X, y="no_validation", *, reset):
        """Windows as float32 ``(n, n_timesteps, n_channels)`` (and y)."""
        kwargs = dict(
            reset=reset,
            ensure_2d=False,
            allow_nd=True,
            dtype=(np.float64, np.float32),
            ensure_all_finite=True,
        )
        reject_text(X, self)
        no_y = isinstance(y, str) and y == "no_validation"
        if no_y:
            X = validate_data(self, X, **kwargs)
        else:
            X, y = validate_data(self, X, y, **kwargs)
        name = type(self).__name__
        if X.ndim not in (2, 3):
            raise ValueError(
                f"{name} expects windows of shape (n_windows, n_timesteps, "
                f"n_channels), or (n_windows, n_timesteps) for univariate "
                f"windows; got an array with ndim={X.ndim} and shape {X.shape}. "
                "Reshape your data, e.g. X.reshape(1, -1) for one univariate window."
            )
        if X.ndim == 2:
            if not reset and X.shape[1] != self.n_features_in_:
                # Same wording as scikit-learn for 2-D input.
                raise ValueError(
                    f"X has {X.shape[1]} features, but {name} is expecting "
                    f"{self.n_features_in_} features as input (2-D X is read as "
                    "univariate windows of n_timesteps samples)."
                )
            X = X[:, :, np.newaxis]
        if X.shape[1] == 0 or X.shape[2] == 0:
            raise ValueError(f"X has empty windows: shape {X.shape}.")
        if reset:
            self.n_features_in_ = X.shape[1]
            self.n_timesteps_in_ = X.shape[1]
            self.n_channels_in_ = X.shape[2]
        else:
            if X.shape[2] != self.n_channels_in_:
                raise ValueError(
                    f"X has {X.shape[2]} channels, but {name} was fitted on "
                    f"windows with {self.n_channels_in_} channels."
                )
            if X.shape[1] != self.n_timesteps_in_:
                raise ValueError(
                    f"X has windows of {X.shape[1]} time steps, but {name} was "
                    f"fitted on windows of {self.n_timesteps_in_} time steps."
                )
        with np.errstate(over="ignore"):  # reported just below, in words
            X32 = X.astype(np.float32, copy=False)
        if X.dtype != np.float32 and not np.isfinite(X32).all():
            raise ValueError(
                "X has values too large for float32 (Keras computes in float32)."
            )
        return X32 if no_y else (X32, y)

    def _fit_sample_weight(self, X, y_encoded, sample_weight):
        """Per-window weights from ``sample_weight`` × ``class_weight`` (or None)."""
        weights = None
        if sample_weight is not None:
            weights = _check_sample_weight(sample_weight, X, dtype=np.float64)
            if np.any(weights < 0):
                raise ValueError("sample_weight must be non-negative.")
            if not np.any(weights > 0):
                raise ValueError(
                    "sample_weight is zero for every sample: there is nothing to train on."
                )
        if self.class_weight is not None:
            class_weight = self.class_weight
            if isinstance(class_weight, dict):
                unknown = set(class_weight) - set(self.classes_.tolist())
                if unknown:
                    raise ValueError(
                        f"class_weight has labels {sorted(map(str, unknown))} that "
                        f"are not among the classes {self.classes_.tolist()}."
                    )
                class_weight = {
                    i: class_weight.get(c, 1.0)
                    for i, c in enumerate(self.classes_.tolist())
                }
            cw = compute_sample_weight(class_weight, y_encoded)
            weights = cw if weights is None else weights * cw
        return weights

    # -- Keras plumbing ----------------------------------------------------
    def _network_kwargs(self):
        kwargs = {name: getattr(self, name) for name in self._network_params}
        routed = self._routed("model")
        clash = set(routed) & set(kwargs)
        if clash:
            name = sorted(clash)[0]
            raise ValueError(
                f"model__{name} duplicates the parameter {name!r} of "
                f"{type(self).__name__}; set {name} directly."
            )
        kwargs.update(routed)
        return kwargs

    def _checked_routed(self, prefix):
        routed = self._routed(prefix)
        clash = set(routed) & _RESERVED.get(prefix, set())
        if clash:
            name = sorted(clash)[0]
            raise ValueError(
                f"{prefix}__{name} cannot be routed: {type(self).__name__} sets it "
                "from its own parameters (e.g. epochs, batch_size, learning_rate)."
            )
        return routed

    def _learning_rate(self, n_steps):
        """``learning_rate``, or a cosine decay of it over ``n_steps`` steps."""
        keras, _ = _import_keras()
        if self.lr_schedule == "constant" or self.learning_rate is None:
            return self.learning_rate
        return keras.optimizers.schedules.CosineDecay(
            initial_learning_rate=self.learning_rate, decay_steps=max(1, n_steps)
        )

    def _make_optimizer(self, n_steps):
        """The optimizer, resolved like scikeras does (string/class + routed args)."""
        keras, _ = _import_keras()
        from scikeras._utils import (
            get_optimizer_class,
            try_to_convert_strings_to_classes,
            unflatten_params,
        )

        routed = self._checked_routed("optimizer")
        optimizer = self.optimizer
        if isinstance(optimizer, keras.optimizers.Optimizer):
            if routed:
                raise ValueError(
                    "optimizer__ parameters need optimizer to be a name or a class, "
                    "not an optimizer instance."
                )
            # A fresh copy, so that refitting or cloning never shares state.
            config = optimizer.get_config()
            if self.learning_rate is not None:
                config["learning_rate"] = self._learning_rate(n_steps)
            return type(optimizer).from_config(config)
        try:
            optimizer = try_to_convert_strings_to_classes(
                optimizer, get_optimizer_class
            )
        except ValueError as exc:
            raise ValueError(f"Unknown optimizer {self.optimizer!r}: {exc}") from None
        if not (
            inspect.isclass(optimizer)
            and issubclass(optimizer, keras.optimizers.Optimizer)
        ):
            raise TypeError(
                "optimizer must be a Keras optimizer name, class or instance, got "
                f"{self.optimizer!r}."
            )
        if self.learning_rate is not None:
            routed["learning_rate"] = self._learning_rate(n_steps)
        return unflatten_params(optimizer, routed)

    def _callbacks(self, fit_kwargs):
        keras, _ = _import_keras()
        callbacks = list(fit_kwargs.pop("callbacks", None) or [])
        # a NaN/inf loss ends training at once (quietly); fit then raises
        callbacks.append(_stop_on_non_finite_loss(keras))
        if self.early_stopping:
            monitor = "val_loss" if self.validation_split > 0 else "loss"
            callbacks.append(
                keras.callbacks.EarlyStopping(
                    monitor=monitor, patience=self.patience, restore_best_weights=True
                )
            )
        return callbacks

    # -- public API --------------------------------------------------------
    @fit_context
    def fit(self, X, y, sample_weight=None):
        """Build the network for the data and train it.

        Parameters
        ----------
        X : array-like of shape (n_windows, n_timesteps, n_channels) or \
                (n_windows, n_timesteps)
            Training windows; 2-D input is read as univariate windows.
        y : array-like of shape (n_windows,)
            Class labels of any type (ints, strings, ...).
        sample_weight : array-like of shape (n_windows,), default=None
            Non-negative weights; windows of weight 0 are dropped before
            training (as in scikeras). Multiplied by ``class_weight``.

        Returns
        -------
        self : object
            The fitted classifier.
        """
        self._check_routed_names()
        X, y = self._validate_X(X, y, reset=True)
        check_classification_targets(y)
        self.classes_, y_encoded = np.unique(y, return_inverse=True)
        if len(self.classes_) < 2:
            raise ValueError(
                f"{type(self).__name__} needs samples of at least 2 classes in the "
                f"data, but the data contain only 1 class: {self.classes_[0]!r}."
            )
        self._check_n_timesteps(X.shape[1])
        weights = self._fit_sample_weight(X, y_encoded, sample_weight)
        if weights is not None and sample_weight is not None:
            keep = weights > 0
            if not keep.all():
                X, y_encoded, weights = X[keep], y_encoded[keep], weights[keep]
        y_encoded = y_encoded.astype(np.int32)
        weights = None if weights is None else weights.astype(np.float32)

        network_kwargs = self._network_kwargs()
        fit_kwargs = self._checked_routed("fit")
        compile_kwargs = self._checked_routed("compile")
        seed = None
        if self.random_state is not None:
            seed = int(
                check_random_state(self.random_state).randint(np.iinfo(np.int32).max)
            )

        _import_keras()
        with _seeded(seed):
            try:
                model = self._build_network(
                    (X.shape[1], X.shape[2]), len(self.classes_), **network_kwargs
                )
            except TypeError as exc:
                raise TypeError(
                    f"Could not build the network of {type(self).__name__}: {exc}. "
                    "Check the model__ parameters."
                ) from exc
            compile_kwargs.setdefault("metrics", ["accuracy"])
            compile_kwargs["run_eagerly"] = self.run_eagerly
            n_train = int(np.ceil(X.shape[0] * (1.0 - self.validation_split)))
            n_steps = self.epochs * int(np.ceil(n_train / self.batch_size))
            model.compile(
                optimizer=self._make_optimizer(n_steps),
                loss="sparse_categorical_crossentropy",
                **compile_kwargs,
            )
            callbacks = self._callbacks(fit_kwargs)
            history = model.fit(
                X,
                y_encoded,
                sample_weight=weights,
                epochs=self.epochs,
                batch_size=self.batch_size,
                validation_split=self.validation_split,
                verbose=self.verbose,
                callbacks=callbacks,
                **fit_kwargs,
            )
        losses = np.asarray(history.history.get("loss", []), dtype=float)
        if not np.all(np.isfinite(losses)):
            epoch = int(np.argmin(np.isfinite(losses))) + 1
            raise ValueError(
                f"Training diverged: the loss became {losses[epoch - 1]} in epoch "
                f"{epoch}. The input is probably unscaled or extreme (largest "
                f"|x| = {np.max(np.abs(X)):.3g}): standardise the windows (e.g. "
                "ChannelStandardScaler in a Pipeline) or lower learning_rate. The "
                "classifier is left unfitted."
            )
        self.model_ = model
        self.history_ = _history_to_dict(history.history)
        self.n_iter_ = len(history.epoch)
        return self

    def predict_proba(self, X):
        """Class probabilities of every window.

        Parameters
        ----------
        X : array-like of shape (n_windows, n_timesteps, n_channels) or \
                (n_windows, n_timesteps)
            Windows with the shape seen in :meth:`fit`.

        Returns
        -------
        proba : ndarray of shape (n_windows, n_classes), dtype float32
            Softmax outputs, columns ordered as :attr:`classes_`. They are
            float32, the precision the network computes in: the position of
            a window inside a prediction batch can change the last float32
            digit (vectorised kernels treat the rows of a batch in blocks),
            so casting to float64 would claim digits that are not there.
        """
        check_is_fitted(self)
        X = self._validate_X(X, reset=False)
        batch_size = self._predict_batch_size()
        # predict_on_batch reuses the model's (traced) predict function and,
        # unlike Model.predict, has no per-call set-up cost for small inputs.
        # Every batch is zero-padded to a power of two (at most batch_size), so
        # that the function is traced for a few shapes only: a new shape per
        # call (the last, partial batch) would retrace it, which is slow and
        # makes TensorFlow warn about retracing.
        with _no_retracing_notice():
            parts = self._predict_batches(X, batch_size)
        proba = np.concatenate(parts).astype(np.float32, copy=False)
        bad = ~np.isfinite(proba).all(axis=1)
        if bad.any():
            raise ValueError(
                f"The network's output is not finite for {int(bad.sum())} of "
                f"{bad.size} windows: the input is probably extreme (largest |x| = "
                f"{np.max(np.abs(X)):.3g}) for a network trained on data of another "
                "scale; standardise the windows as in training."
            )
        proba /= proba.sum(axis=1, keepdims=True)
        return proba

    def _predict_batches(self, X, batch_size):
        parts = []
        for i in range(0, X.shape[0], batch_size):
            batch = X[i : i + batch_size]
            n = batch.shape[0]
            padded = min(batch_size, 1 << (n - 1).bit_length())
            if padded != n:
                batch = np.concatenate(
                    [batch, np.zeros((padded - n, *batch.shape[1:]), batch.dtype)]
                )
            parts.append(np.asarray(self.model_.predict_on_batch(batch))[:n])
        return parts

    def _predict_batch_size(self):
        routed = self._routed("predict")
        unknown = set(routed) - {"batch_size"}
        if unknown:
            raise ValueError(
                f"predict__{sorted(unknown)[0]} is not supported; the only routed "
                "prediction parameter is predict__batch_size."
            )
        batch_size = routed.get(
            "batch_size", max(self.batch_size, _DEFAULT_PREDICT_BATCH_SIZE)
        )
        if not isinstance(batch_size, Integral) or batch_size < 1:
            raise ValueError(
                f"predict__batch_size must be a positive int, got {batch_size!r}."
            )
        return int(batch_size)

    def predict(self, X):
        """Predict the class of every window.

        Parameters
        ----------
        X : array-like of shape (n_windows, n_timesteps, n_channels) or \
                (n_windows, n_timesteps)
            Windows with the shape seen in :meth:`fit`.

        Returns
        -------
        y_pred : ndarray of shape (n_windows,)
            Predicted labels (same type as the ``y`` given to :meth:`fit`).
        """
        proba = self.predict_proba(X)
        return self.classes_[np.argmax(proba, axis=1)]

    # -- persistence -------------------------------------------------------
    def save(self, filepath):
        """Save the fitted classifier as a ``.keras`` archive.

        The archive is the Keras model file (``keras.saving.load_model``
        reads it as usual once :mod:`sklearn_har.deep.networks.layers` is
        imported, which registers the custom layers) plus one small JSON
        entry, ``sklearn_har.json``, with the estimator class, its
        parameters, ``classes_``, the input shape and ``history_``, so that
        :meth:`load` returns a classifier that predicts exactly like this
        one.

        Parameters
        ----------
        filepath : str or path-like
            Destination; must end with ``.keras``.

        Raises
        ------
        ValueError
            If a parameter, or ``classes_``, cannot be stored as JSON (e.g. an
            optimizer instance or object labels); use pickle/joblib then.
        """
        check_is_fitted(self)
        keras, _ = _import_keras()
        filepath = str(filepath)
        if not filepath.endswith(".keras"):
            raise ValueError(f"filepath must end with '.keras', got {filepath!r}.")
        classes = self.classes_
        if classes.dtype.kind not in "biufUS":
            raise ValueError(
                f"classes_ of dtype {classes.dtype} cannot be stored in a .keras file; "
                "use pickle or joblib."
            )
        params = {}
        for key, value in self.get_params(deep=False).items():
            if key == "class_weight" and isinstance(value, dict):
                value = {
                    "__items__": [
                        [getattr(k, "item", lambda k=k: k)(), float(v)]
                        for k, v in value.items()
                    ]
                }
            try:
                json.dumps(value)
            except TypeError:
                raise ValueError(
                    f"Parameter {key}={value!r} cannot be stored in a .keras file; "
                    "use pickle or joblib."
                ) from None
            params[key] = value
        meta = {
            "estimator": type(self).__name__,
            "params": params,
            "classes": classes.tolist(),
            "classes_dtype": classes.dtype.str,
            "n_timesteps_in": int(self.n_timesteps_in_),
            "n_channels_in": int(self.n_channels_in_),
            "n_features_in": int(self.n_features_in_),
            "feature_names_in": (
                self.feature_names_in_.tolist()
                if hasattr(self, "feature_names_in_")
                else None
            ),
            "history": self.history_,
            "n_iter": int(self.n_iter_),
        }
        keras.saving.save_model(self.model_, filepath)
        with zipfile.ZipFile(filepath, "a") as archive:
            archive.writestr(_SAVED_META, json.dumps(meta))

    @classmethod
    def load(cls, filepath):
        """Load a classifier written by :meth:`save`.

        Parameters
        ----------
        filepath : str or path-like
            A ``.keras`` file written by :meth:`save` of this class.

        Returns
        -------
        estimator : instance of this class
            The fitted classifier.
        """
        keras, _ = _import_keras()
        with zipfile.ZipFile(filepath) as archive:
            if _SAVED_META not in archive.namelist():
                raise ValueError(
                    f"{filepath} is a plain Keras file without the {_SAVED_META} entry "
                    "written by save(); load it with keras.saving.load_model."
                )
            meta = json.loads(archive.read(_SAVED_META))
        if meta["estimator"] != cls.__name__:
            raise ValueError(
                f"{filepath} holds a {meta['estimator']}, not a {cls.__name__}."
            )
        params = meta["params"]
        if isinstance(params.get("class_weight"), dict):
            params["class_weight"] = dict(params["class_weight"]["__items__"])
        estimator = cls(**params)
        _import_custom_layers()
        estimator.model_ = keras.saving.load_model(filepath)
        estimator.classes_ = np.asarray(
            meta["classes"], dtype=np.dtype(meta["classes_dtype"])
        )
        estimator.n_timesteps_in_ = meta["n_timesteps_in"]
        estimator.n_channels_in_ = meta["n_channels_in"]
        estimator.n_features_in_ = meta["n_features_in"]
        if meta["feature_names_in"] is not None:
            estimator.feature_names_in_ = np.asarray(
                meta["feature_names_in"], dtype=object
            )
        estimator.history_ = meta["history"]
        estimator.n_iter_ = meta["n_iter"]
        return estimator
