"""Keras deep-learning classifiers for windows of inertial signals.

Eight scikit-learn classifiers take windows ``(n_windows, n_timesteps,
n_channels)`` and size their network from the data: the classic HAR
networks :class:`CNNClassifier`, :class:`MultiHeadCNNClassifier`,
:class:`LSTMClassifier`, :class:`CNNLSTMClassifier` and
:class:`ConvLSTMClassifier`, and the time-series networks
:class:`ResNetClassifier`, :class:`InceptionTimeClassifier` and
:class:`ResidualBiLSTMClassifier`. The Keras graphs
are built by the functions of :mod:`sklearn_har.deep.networks`.
:class:`KerasModelClassifier` wraps your own Keras model (scikeras'
``KerasClassifier`` with scikit-learn >= 1.6 tags).

Importing this module does not import TensorFlow, Keras or scikeras: the
estimators can be created, cloned and inspected without them, and ``fit``
imports them (install the ``deep`` extra: ``pip install 'sklearn_har[deep]'``).
"""

from ._base import AUTO_SPLIT_MIN_WINDOWS
from ._classifiers import (
    CNNClassifier,
    CNNLSTMClassifier,
    ConvLSTMClassifier,
    LSTMClassifier,
    MultiHeadCNNClassifier,
)
from ._classifiers_ii import (
    InceptionTimeClassifier,
    ResidualBiLSTMClassifier,
    ResNetClassifier,
)

__all__ = [
    "AUTO_SPLIT_MIN_WINDOWS",
    "CNNClassifier",
    "CNNLSTMClassifier",
    "ConvLSTMClassifier",
    "InceptionTimeClassifier",
    "KerasModelClassifier",
    "LSTMClassifier",
    "MultiHeadCNNClassifier",
    "ResNetClassifier",
    "ResidualBiLSTMClassifier",
]

# Imported on first access (PEP 562): it imports scikeras, hence TensorFlow.
_LAZY = {"KerasModelClassifier": "._keras_wrapper"}


def __getattr__(name):
    if name in _LAZY:
        import importlib

        value = getattr(importlib.import_module(_LAZY[name], __name__), name)
        globals()[name] = value  # later accesses skip __getattr__
        return value
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def __dir__():
    return sorted(set(globals()) | set(__all__))
