"""Keras deep-learning classifiers for windows of inertial signals.

Five scikit-learn classifiers take windows ``(n_windows, n_timesteps,
n_channels)`` and size their network from the data: :class:`CNNClassifier`,
:class:`MultiHeadCNNClassifier`, :class:`LSTMClassifier`,
:class:`CNNLSTMClassifier` and :class:`ConvLSTMClassifier`. The Keras graphs
are built by the functions of :mod:`sklearn_har.deep.networks`.

Importing this module does not import TensorFlow, Keras or scikeras: the
estimators can be created, cloned and inspected without them, and ``fit``
imports them (install the ``deep`` extra: ``pip install 'sklearn_har[deep]'``).
"""

from ._classifiers import (
    CNNClassifier,
    CNNLSTMClassifier,
    ConvLSTMClassifier,
    LSTMClassifier,
    MultiHeadCNNClassifier,
)

__all__ = [
    "CNNClassifier",
    "CNNLSTMClassifier",
    "ConvLSTMClassifier",
    "LSTMClassifier",
    "MultiHeadCNNClassifier",
]
