"""Persistence of the deep classifiers: pickling and ``.keras`` files."""

import json
import os
import tempfile
import zipfile

import numpy as np
from sklearn.utils.validation import check_is_fitted

from ._backend import import_keras

__all__ = ["PersistenceMixin"]

#: Name of the estimator's entry in a ``.keras`` archive written by ``save``.
SAVED_META = "sklearn_har.json"


def _import_custom_layers():
    """Register the project's custom Keras layers (needed to load a model)."""
    from .networks import layers  # noqa: F401 (registration on import)


def _model_to_bytes(model):
    """A Keras model as the bytes of a ``.keras`` archive."""
    keras, _ = import_keras()
    with tempfile.TemporaryDirectory() as tmp:
        path = os.path.join(tmp, "model.keras")
        keras.saving.save_model(model, path)
        with open(path, "rb") as f:
            return f.read()


def _model_from_bytes(data):
    """Inverse of :func:`_model_to_bytes` (registers the custom layers first)."""
    keras, _ = import_keras()
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


def _json_params(estimator):
    """``get_params(deep=False)`` as JSON-ready values (or a clear ValueError)."""
    params = {}
    for key, value in estimator.get_params(deep=False).items():
        if key == "class_weight" and isinstance(value, dict):
            value = {
                "__items__": [
                    [getattr(k, "item", lambda k=k: k)(), float(v)]
                    for k, v in value.items()
                ]
            }
        elif isinstance(value, tuple):  # JSON has no tuples: keep the type
            value = {"__tuple__": list(value)}
        try:
            json.dumps(value)
        except TypeError:
            raise ValueError(
                f"Parameter {key}={value!r} cannot be stored in a .keras file; "
                "use pickle or joblib."
            ) from None
        params[key] = value
    return params


def _groups_to_json(groups):
    """``validation_groups_`` as JSON (None stays None), or a clear ValueError."""
    if groups is None:
        return None
    values = groups.tolist()
    try:
        json.dumps(values)
    except TypeError:
        raise ValueError(
            f"validation_groups_ of dtype {groups.dtype} cannot be stored in a "
            ".keras file; use pickle or joblib."
        ) from None
    return {"values": values, "dtype": groups.dtype.str}


def _groups_from_json(stored):
    """Inverse of :func:`_groups_to_json`."""
    if stored is None:
        return None
    return np.asarray(stored["values"], dtype=np.dtype(stored["dtype"]))


class PersistenceMixin:
    """Pickling of the Keras model and ``save``/``load`` of ``.keras`` files.

    The estimator has ``model_``, ``classes_``, ``n_timesteps_in_``,
    ``n_channels_in_``, ``n_features_in_``, ``history_``, ``n_iter_``,
    ``validation_groups_``, ``window_stats_`` and ``center_windows_`` once
    fitted (and ``feature_names_in_`` for a 2-D DataFrame).
    """

    def __getstate__(self):
        state = dict(super().__getstate__())  # a copy: self keeps its model
        if "model_" in state:
            state["model_"] = _PickledModel(state["model_"])
        return state

    def save(self, filepath):
        """Save the fitted classifier as a ``.keras`` archive.

        The archive is the Keras model file (``keras.saving.load_model``
        reads it as usual once :mod:`sklearn_har.deep.networks.layers` is
        imported, which registers the custom layers) plus one small JSON
        entry, ``sklearn_har.json``, with the estimator class, its
        parameters, ``classes_``, the input shape, ``history_``,
        ``validation_groups_`` and the split actually used (``window_stats_``,
        ``center_windows_``), so that
        :meth:`load` returns a classifier that predicts exactly like this
        one.

        Parameters
        ----------
        filepath : str or path-like
            Destination; must end with ``.keras``.

        Raises
        ------
        ValueError
            If a parameter, ``classes_`` or ``validation_groups_`` cannot be
            stored as JSON (e.g. an optimizer instance or object labels); use
            pickle/joblib then.
        """
        check_is_fitted(self)
        keras, _ = import_keras()
        filepath = str(filepath)
        if not filepath.endswith(".keras"):
            raise ValueError(f"filepath must end with '.keras', got {filepath!r}.")
        classes = self.classes_
        if classes.dtype.kind not in "biufUS":
            raise ValueError(
                f"classes_ of dtype {classes.dtype} cannot be stored in a .keras file; "
                "use pickle or joblib."
            )
        meta = {
            "estimator": type(self).__name__,
            "params": _json_params(self),
            "classes": classes.tolist(),
            "classes_dtype": classes.dtype.str,
            "n_timesteps_in": int(self.n_timesteps_in_),
            "n_channels_in": int(self.n_channels_in_),
            # Written for readers of older versions (where it was the window
            # length); load() takes n_features_in_ from n_channels_in.
            "n_features_in": int(self.n_features_in_),
            "feature_names_in": (
                self.feature_names_in_.tolist()
                if hasattr(self, "feature_names_in_")
                else None
            ),
            "history": self.history_,
            "n_iter": int(self.n_iter_),
            "validation_groups": _groups_to_json(
                getattr(self, "validation_groups_", None)
            ),
            # the level/movement split the network was built with
            "split": {
                name: getattr(self, f"{name}_")
                for name in ("window_stats", "center_windows")
                if hasattr(self, f"{name}_")
            },
        }
        keras.saving.save_model(self.model_, filepath)
        with zipfile.ZipFile(filepath, "a") as archive:
            archive.writestr(SAVED_META, json.dumps(meta))

    @classmethod
    def load(cls, filepath):
        """Load a classifier written by :meth:`save`.

        Files written by earlier versions load too: their ``n_features_in``
        (the window length then) is ignored, and ``n_features_in_`` is set
        to the number of channels, as :meth:`fit` sets it now; without a
        stored ``validation_groups``, ``validation_groups_`` is None.

        Parameters
        ----------
        filepath : str or path-like
            A ``.keras`` file written by :meth:`save` of this class.

        Returns
        -------
        estimator : instance of this class
            The fitted classifier.
        """
        keras, _ = import_keras()
        with zipfile.ZipFile(filepath) as archive:
            if SAVED_META not in archive.namelist():
                raise ValueError(
                    f"{filepath} is a plain Keras file without the {SAVED_META} entry "
                    "written by save(); load it with keras.saving.load_model."
                )
            meta = json.loads(archive.read(SAVED_META))
        if meta["estimator"] != cls.__name__:
            raise ValueError(
                f"{filepath} holds a {meta['estimator']}, not a {cls.__name__}."
            )
        params = meta["params"]
        if isinstance(params.get("class_weight"), dict):
            params["class_weight"] = dict(params["class_weight"]["__items__"])
        for key, value in params.items():
            if isinstance(value, dict) and set(value) == {"__tuple__"}:
                params[key] = tuple(value["__tuple__"])
        estimator = cls(**params)
        _import_custom_layers()
        estimator.model_ = keras.saving.load_model(filepath)
        estimator.classes_ = np.asarray(
            meta["classes"], dtype=np.dtype(meta["classes_dtype"])
        )
        estimator.n_timesteps_in_ = meta["n_timesteps_in"]
        estimator.n_channels_in_ = meta["n_channels_in"]
        estimator.n_features_in_ = meta["n_channels_in"]
        if meta["feature_names_in"] is not None:
            estimator.feature_names_in_ = np.asarray(
                meta["feature_names_in"], dtype=object
            )
        estimator.history_ = meta["history"]
        estimator.n_iter_ = meta["n_iter"]
        estimator.validation_groups_ = _groups_from_json(meta.get("validation_groups"))
        # files of earlier versions: the split is the (boolean) parameter
        split = meta.get("split") or {
            name: params[name]
            for name in ("window_stats", "center_windows")
            if isinstance(params.get(name), bool)
        }
        for name, value in split.items():
            setattr(estimator, f"{name}_", bool(value))
        return estimator
