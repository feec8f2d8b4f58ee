"""The deep route: a fitted deep classifier (after channel scalers) as one graph.

The scalers are folded into a Keras functional model that standardises the
windows and then calls the fitted network ``model_`` (custom layers
included), so that the exported graph maps raw windows
``(n, n_timesteps, n_channels)`` float32 to class probabilities.
"""

import numpy as np
from sklearn.pipeline import Pipeline
from sklearn.utils.validation import check_is_fitted

__all__ = ["describe_steps", "serving_model", "split_deep", "verification_windows"]

DEEP_ROUTE = (
    "a fitted deep classifier of sklearn_har.deep (CNNClassifier, "
    "MultiHeadCNNClassifier, LSTMClassifier, CNNLSTMClassifier, "
    "ConvLSTMClassifier), alone or as the last step of a Pipeline whose other "
    "steps are ChannelStandardScaler"
)


def _is_deep(step):
    from ..deep._base import BaseDeepClassifier

    return isinstance(step, BaseDeepClassifier)


def _is_scaler(step):
    from ..preprocessing import ChannelStandardScaler

    return isinstance(step, ChannelStandardScaler)


def _steps(estimator):
    if isinstance(estimator, Pipeline):
        return [
            (name, step)
            for name, step in estimator.steps
            if step is not None and step != "passthrough"
        ]
    return [(type(estimator).__name__, estimator)]


def split_deep(estimator):
    """``(scalers, classifier)`` of a deep export, or None if not one.

    Raises NotFittedError for an unfitted classifier or scaler.
    """
    steps = [step for _, step in _steps(estimator)]
    if not steps or not _is_deep(steps[-1]):
        return None
    if not all(_is_scaler(step) for step in steps[:-1]):
        return None
    for step in steps:
        check_is_fitted(step)
    return steps[:-1], steps[-1]


def describe_steps(estimator):
    """``'name' (Class)`` of each step, for error messages."""
    return ", ".join(
        f"{name!r} ({type(step).__name__})" for name, step in _steps(estimator)
    )


def serving_model(scalers, classifier):
    """A Keras model: the scalers' standardisation, then ``classifier.model_``."""
    from ..deep._backend import import_keras

    keras, _ = import_keras()
    import sklearn_har.deep.networks.layers  # noqa: F401 (registers the layers)

    network = classifier.model_
    n_timesteps, n_channels = network.input_shape[1:]
    inputs = keras.Input(
        shape=(n_timesteps, n_channels), dtype="float32", name="windows"
    )
    x = inputs
    for scaler in scalers:
        mean = np.asarray(scaler.mean_, dtype=np.float32)
        scale = np.asarray(scaler.scale_, dtype=np.float32)
        x = keras.ops.divide(keras.ops.subtract(x, mean), scale)
    outputs = network(x, training=False)
    model = keras.Model(inputs, outputs, name="sklearn_har_serving")
    # Keras' exporters need a model that has been called once.
    model(np.zeros((1, n_timesteps, n_channels), dtype=np.float32), training=False)
    return model


def verification_windows(scalers, n_timesteps, n_channels, data=None, n=64):
    """Windows to check an export on: ``data`` if given, else synthetic ones.

    Synthetic windows are standard normal in the units the network was
    trained on (mapped back through the first scaler), with a fixed seed.
    """
    if data is not None:
        X = np.asarray(data, dtype=np.float32)
        if X.ndim != 3 or X.shape[1:] != (n_timesteps, n_channels):
            raise ValueError(
                f"representative_data must be windows of shape (n, {n_timesteps}, "
                f"{n_channels}), got shape {X.shape}."
            )
        if not np.isfinite(X).all():
            raise ValueError("representative_data holds NaN or infinite values.")
        return X[:256]
    rng = np.random.default_rng(0)
    X = rng.standard_normal((n, n_timesteps, n_channels))
    if scalers:
        X = X * scalers[0].scale_ + scalers[0].mean_
    return X.astype(np.float32)
