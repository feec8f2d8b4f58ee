"""The scikit-learn side of the Keras classifiers: fit and predict.

Design
------
scikeras' ``KerasClassifier`` is not subclassed (nor imported): importing
it imports Keras and TensorFlow (the package must import without them), and
under scikit-learn >= 1.6 it puts ``ClassifierMixin`` on the wrong side of
``BaseWrapper`` (``is_classifier`` is False), declares only old-style
``_more_tags``, overrides ``__repr__`` and, with ``class_weight``, multiplies
the caller's ``sample_weight`` array in place. :class:`BaseDeepClassifier` is
instead a plain ``ClassifierMixin, BaseEstimator`` whose ``fit`` imports
Keras, and it keeps scikeras' public conventions: routed parameters
``<prefix>__<name>`` (``model__``, ``fit__``, ``compile__``,
``optimizer__``, ``predict__batch_size``), the fitted network ``model_`` and
the learning curves ``history_``.

The work is split by responsibility, one private module each:

- this module: building, training and prediction;
- :mod:`._routing`: routed parameters (``get_params``/``set_params``);
- :mod:`._optimizer`: the optimizer from a name, class or instance;
- :mod:`._inputs`: checks of windows, labels and weights;
- :mod:`._persistence`: pickling and ``save``/``load``;
- :mod:`._backend`: the TensorFlow import, seeding and training callbacks.

The network itself comes from a module of :mod:`sklearn_har.deep.networks`
(the subclass's ``_network``): its builder's keyword-only parameters that
are also constructor parameters of the classifier are the *network
parameters*, its ``PARAMETER_CONSTRAINTS`` their constraints and its
``min_timesteps``/``check_timesteps`` the rule for the window length.
"""

import inspect
import math
from numbers import Integral, Real

import numpy as np
from sklearn.base import BaseEstimator, ClassifierMixin
from sklearn.model_selection import GroupShuffleSplit
from sklearn.utils import check_random_state
from sklearn.utils.validation import check_is_fitted

from ..utils._param_validation import Interval, StrOptions, fit_context
from ._backend import import_keras, no_retracing_notice, seeded, stop_on_non_finite_loss
from ._inputs import (
    check_fit_weights,
    check_groups,
    check_targets,
    check_windows_float32,
)
from ._optimizer import make_optimizer
from ._persistence import PersistenceMixin
from ._routing import RoutedParamsMixin

__all__ = ["BaseDeepClassifier"]

_DEFAULT_PREDICT_BATCH_SIZE = 512

#: Constraints of the training parameters shared by every deep classifier.
_TRAINING_CONSTRAINTS = {
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

#: The parameters of the level/movement split that accept ``"auto"``.
_SPLIT_PARAMS = ("window_stats", "center_windows")

#: ``"auto"`` turns the level/movement split on from this many training
#: windows on (``benchmarks/RESULTS.md``, "Defaults at every training-set
#: size"): with fewer, the window level lets a network memorise its few
#: subjects, and the published networks generalise better.
AUTO_SPLIT_MIN_WINDOWS = 1000

_EXPECTED_FAILED_CHECKS = {
    "check_sample_weight_equivalence_on_dense_data": (
        "mini-batch gradient descent: a sample weight of k is not equivalent to "
        "repeating the window k times (different batches and number of steps)"
    ),
}
for _check in ("check_n_features_in", "check_n_features_in_after_fitting"):
    _EXPECTED_FAILED_CHECKS[_check] = (
        "n_features_in_ counts the channels of the windows (as in every window "
        "estimator of sklearn_har), not X.shape[1]; 2-D input is a batch of "
        "univariate windows"
    )


def _history_to_dict(history):
    return {key: [float(v) for v in values] for key, values in history.items()}


class BaseDeepClassifier(
    PersistenceMixin, RoutedParamsMixin, ClassifierMixin, BaseEstimator
):
    """Base class of the Keras window classifiers (not public API).

    A subclass sets ``_network`` to the ``NETWORK`` of a module of
    :mod:`sklearn_har.deep.networks` and defines ``__init__``: its network
    parameters (named as in the builder), then the training parameters and
    ``**kwargs`` for routed parameters, each stored unchanged. The parameter
    constraints and the names handed to the builder are derived from the
    network module when the subclass is created.
    """

    #: The network (a :class:`~sklearn_har.deep.networks._blocks.Network`).
    _network = None

    #: Training windows from which ``"auto"`` turns this network's
    #: level/movement split on; None: :data:`AUTO_SPLIT_MIN_WINDOWS`.
    _auto_split_min_windows = None

    _parameter_constraints: dict = dict(_TRAINING_CONSTRAINTS)

    def __init_subclass__(cls, **kwargs):
        super().__init_subclass__(**kwargs)
        if cls._network is None:
            return
        own = set(cls._get_param_names())
        network_constraints = cls._network.parameter_constraints
        cls._parameter_constraints = {
            **_TRAINING_CONSTRAINTS,
            **{k: v for k, v in network_constraints.items() if k in own},
        }
        for name in _SPLIT_PARAMS:
            if name in own:
                cls._parameter_constraints[name] = ["boolean", StrOptions({"auto"})]

    @classmethod
    def _network_param_names(cls):
        """Constructor parameters handed to the builder, from its signature.

        The keyword-only parameters of the network module's builder that
        are also constructor parameters of the classifier, in the builder's
        order.
        """
        if cls._network is None:
            return ()
        own = set(cls._get_param_names())
        signature = inspect.signature(cls._network.build)
        return tuple(
            name
            for name, p in signature.parameters.items()
            if p.kind is p.KEYWORD_ONLY and name in own
        )

    @classmethod
    def _get_expected_failed_checks(cls):
        return dict(_EXPECTED_FAILED_CHECKS)

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

    # -- the network -------------------------------------------------------
    def _network_kwargs(self):
        """Builder arguments: the network parameters and ``model__`` ones."""
        kwargs = {name: getattr(self, name) for name in self._network_param_names()}
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

    @classmethod
    def _auto_split_threshold(cls):
        """Training windows from which ``"auto"`` turns the split on.

        :data:`AUTO_SPLIT_MIN_WINDOWS` unless the network declares its own
        ``_auto_split_min_windows`` (chosen by the same study).
        """
        own = cls._auto_split_min_windows
        return AUTO_SPLIT_MIN_WINDOWS if own is None else own

    def _resolve_split(self, network_kwargs, n_train):
        """The builder arguments with ``"auto"`` split parameters made booleans.

        ``"auto"`` is True from :meth:`_auto_split_threshold` training
        windows on (``n_train``: the windows the network is trained on).
        """
        resolved = dict(network_kwargs)
        threshold = self._auto_split_threshold()
        for name in _SPLIT_PARAMS:
            if isinstance(resolved.get(name), str):  # "auto" (checked by fit_context)
                resolved[name] = bool(n_train >= threshold)
        return resolved

    def _check_n_timesteps(self, n_timesteps, network_kwargs):
        """Raise a ValueError if the network cannot read windows of this length."""
        network = self._network
        problem = network.check_timesteps(n_timesteps, **network_kwargs)
        if problem is None:
            return
        name = type(self).__name__
        minimum = network.min_timesteps(**network_kwargs)
        if n_timesteps < minimum:
            raise ValueError(
                f"Windows of {n_timesteps} time steps are too short for this "
                f"{name}: {problem}; it needs windows of at least {minimum} time "
                "steps. Use longer windows or a smaller architecture."
            )
        raise ValueError(
            f"Windows of {n_timesteps} time steps do not fit this {name}: {problem}."
        )

    def _build_network(self, input_shape, n_classes, network_kwargs):
        try:
            return self._network.build(input_shape, n_classes, **network_kwargs)
        except TypeError as exc:
            raise TypeError(
                f"Could not build the network of {type(self).__name__}: {exc}. "
                "Check the model__ parameters."
            ) from exc

    # -- Keras plumbing ----------------------------------------------------
    def _learning_rate(self, n_steps):
        """``learning_rate``, or a cosine decay of it over ``n_steps`` steps."""
        keras, _ = import_keras()
        if self.lr_schedule == "constant" or self.learning_rate is None:
            return self.learning_rate
        return keras.optimizers.schedules.CosineDecay(
            initial_learning_rate=self.learning_rate, decay_steps=max(1, n_steps)
        )

    def _split_validation(self, X, y, weights, groups, seed, fit_kwargs):
        """The training windows and the Keras arguments of the validation set.

        Without ``groups`` (or with ``validation_split=0``) Keras slices the
        last ``validation_split`` of the windows itself. With ``groups``, a
        fraction ``validation_split`` of the distinct groups (rounded up, as
        :class:`~sklearn.model_selection.GroupShuffleSplit` does) is held out
        whole and handed to Keras as ``validation_data``.

        Returns
        -------
        X, y, weights : ndarray
            The windows, labels and weights to train on.
        validation_kwargs : dict
            ``validation_split`` or ``validation_data`` for ``keras.Model.fit``.
        validation_groups : ndarray or None
            The held-out groups (sorted), None without a group split.
        """
        if groups is None or self.validation_split == 0:
            return X, y, weights, {"validation_split": self.validation_split}, None
        name = type(self).__name__
        if "validation_data" in fit_kwargs:
            raise ValueError(
                f"{name} got both groups (a validation split by group) and "
                "fit__validation_data: pass one of them."
            )
        distinct = np.unique(groups)
        n_groups = distinct.shape[0]
        if n_groups < 2:
            raise ValueError(
                f"validation_split={self.validation_split} with groups needs at "
                f"least 2 distinct groups (one to validate on, one to train on), "
                f"but groups holds only {n_groups}: {distinct[0]!r}."
            )
        n_val = math.ceil(self.validation_split * n_groups)
        if n_val >= n_groups:
            raise ValueError(
                f"validation_split={self.validation_split} of {n_groups} groups "
                f"holds out {n_val} groups, leaving none to train on: lower "
                "validation_split or pass more groups."
            )
        splitter = GroupShuffleSplit(n_splits=1, test_size=n_val, random_state=seed)
        train, val = next(splitter.split(X, y, groups=groups))
        validation_data = (X[val], y[val])
        if weights is not None:
            validation_data += (weights[val],)
            weights = weights[train]
        return (
            X[train],
            y[train],
            weights,
            {"validation_data": validation_data},
            np.unique(groups[val]),
        )

    def _callbacks(self, fit_kwargs):
        keras, _ = import_keras()
        callbacks = list(fit_kwargs.pop("callbacks", None) or [])
        # a NaN/inf loss ends training at once (quietly); fit then raises
        callbacks.append(stop_on_non_finite_loss())
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
    def fit(self, X, y, sample_weight=None, groups=None):
        """Build the network for the data and train it.

        Parameters
        ----------
        X : array-like of shape (n_windows, n_timesteps, n_channels) or \
                (n_windows, n_timesteps)
            Training windows; 2-D input is read as univariate windows.
        y : array-like of shape (n_windows,)
            Class labels of any type (ints, strings, ...).
        sample_weight : array-like of shape (n_windows,), default=None
            Finite, non-negative weights, one per window; windows of weight
            0 are dropped before training (as in scikeras). Multiplied by
            ``class_weight``.
        groups : array-like of shape (n_windows,), default=None
            The subject (or recording) of every window. With
            ``validation_split > 0``, the validation set is a fraction
            ``validation_split`` of the distinct groups (rounded up; at
            least one group is held out and at least one is left to train
            on), held out whole and chosen at random
            (:class:`~sklearn.model_selection.GroupShuffleSplit`, seeded from
            ``random_state``), instead of Keras' last fraction of the
            windows; their weights (``sample_weight`` times
            ``class_weight``) weight the validation loss. The held-out groups
            are recorded in :attr:`validation_groups_`. With
            ``validation_split=0`` the groups are checked but unused (no
            warning: a Pipeline may route them to every fit). Under
            scikit-learn's metadata routing, request them with
            ``set_fit_request(groups=True)``; once a classifier is used with
            routing enabled and ``groups`` are passed to a cross-validation
            function, scikit-learn requires ``groups=True`` or ``False`` to
            be set explicitly.

        Returns
        -------
        self : object
            The fitted classifier.

        Raises
        ------
        ValueError
            For invalid parameters, windows, labels, weights or groups
            (another length than ``X``, a missing value, fewer than 2
            distinct groups, or none left to train on, with
            ``validation_split > 0``; ``groups`` together with
            ``fit__validation_data``), windows too short for the network, or
            a training loss that became NaN or infinite (the classifier is
            then left unfitted).

        Examples
        --------
        Early stopping on two held-out subjects of six, restoring the
        weights of the epoch with the lowest validation loss:

        >>> import numpy as np
        >>> from sklearn_har.deep import CNNClassifier
        >>> rng = np.random.default_rng(0)
        >>> X = rng.normal(size=(120, 32, 3)).astype(np.float32)
        >>> y = np.tile(["sit", "walk"], 60)
        >>> subjects = np.repeat([1, 2, 3, 4, 5, 6], 20)
        >>> clf = CNNClassifier(
        ...     epochs=20, validation_split=0.3, early_stopping=True, patience=3,
        ...     random_state=0)
        >>> clf.fit(X, y, groups=subjects)  # doctest: +SKIP
        CNNClassifier(early_stopping=True, epochs=20, patience=3, random_state=0,
                      validation_split=0.3)
        >>> clf.validation_groups_  # doctest: +SKIP
        array([2, 6])
        >>> sorted(clf.history_)  # doctest: +SKIP
        ['accuracy', 'loss', 'val_accuracy', 'val_loss']

        In a :class:`~sklearn.pipeline.Pipeline` the groups go to the
        classifier as ``cnnclassifier__groups=subjects``, or, with metadata
        routing enabled, through ``set_fit_request(groups=True)``:

        >>> import sklearn
        >>> from sklearn.model_selection import GroupKFold, cross_validate
        >>> from sklearn.pipeline import make_pipeline
        >>> from sklearn_har.preprocessing import ChannelStandardScaler
        >>> with sklearn.config_context(enable_metadata_routing=True):
        ...     model = make_pipeline(
        ...         ChannelStandardScaler(),
        ...         clf.set_fit_request(groups=True, sample_weight=False))
        ...     scores = cross_validate(
        ...         model, X, y, params={"groups": subjects},
        ...         cv=GroupKFold(3))  # doctest: +SKIP
        """
        self._check_routed_names()
        X = check_windows_float32(self, X, reset=True)
        y = check_targets(y, X)
        if groups is not None:
            groups = check_groups(groups, X.shape[0])
        self.classes_, y_encoded = np.unique(y, return_inverse=True)
        if len(self.classes_) < 2:
            raise ValueError(
                f"{type(self).__name__} needs samples of at least 2 classes in the "
                f"data, but the data contain only 1 class: {self.classes_[0]!r}."
            )
        network_kwargs = self._network_kwargs()
        self._check_n_timesteps(X.shape[1], network_kwargs)
        weights = check_fit_weights(self, y_encoded, sample_weight)
        if weights is not None and sample_weight is not None:
            keep = weights > 0
            if not keep.all():
                X, y_encoded, weights = X[keep], y_encoded[keep], weights[keep]
                groups = None if groups is None else groups[keep]
        y_encoded = y_encoded.astype(np.int32)
        weights = None if weights is None else weights.astype(np.float32)

        fit_kwargs = self._checked_routed("fit")
        compile_kwargs = self._checked_routed("compile")
        optimizer_kwargs = self._checked_routed("optimizer")
        seed = None
        if self.random_state is not None:
            seed = int(
                check_random_state(self.random_state).randint(np.iinfo(np.int32).max)
            )

        X_train, y_train, w_train, validation_kwargs, validation_groups = (
            self._split_validation(X, y_encoded, weights, groups, seed, fit_kwargs)
        )
        if "validation_split" in validation_kwargs:
            # Keras trains on the first floor(n * (1 - validation_split)) windows
            n_train = math.floor(X.shape[0] * (1.0 - self.validation_split))
        else:
            n_train = X_train.shape[0]

        network_kwargs = self._resolve_split(network_kwargs, n_train)
        import_keras()
        with seeded(seed):
            model = self._build_network(
                (X.shape[1], X.shape[2]), len(self.classes_), network_kwargs
            )
            compile_kwargs.setdefault("metrics", ["accuracy"])
            compile_kwargs["run_eagerly"] = self.run_eagerly
            n_steps = self.epochs * math.ceil(n_train / self.batch_size)
            optimizer = make_optimizer(
                self.optimizer, optimizer_kwargs, self._learning_rate(n_steps)
            )
            model.compile(
                optimizer=optimizer,
                loss="sparse_categorical_crossentropy",
                **compile_kwargs,
            )
            callbacks = self._callbacks(fit_kwargs)
            history = model.fit(
                X_train,
                y_train,
                sample_weight=w_train,
                epochs=self.epochs,
                batch_size=self.batch_size,
                verbose=self.verbose,
                callbacks=callbacks,
                **validation_kwargs,
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
        self.validation_groups_ = validation_groups
        for name in _SPLIT_PARAMS:
            if name in network_kwargs:
                setattr(self, f"{name}_", bool(network_kwargs[name]))
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
        X = check_windows_float32(self, X, reset=False)
        batch_size = self._predict_batch_size()
        # predict_on_batch reuses the model's (traced) predict function and,
        # unlike Model.predict, has no per-call set-up cost for small inputs.
        # Every batch is zero-padded to a power of two (at most batch_size), so
        # that the function is traced for a few shapes only: a new shape per
        # call (the last, partial batch) would retrace it, which is slow and
        # makes TensorFlow warn about retracing.
        with no_retracing_notice():
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
