"""Keras graph builders for the deep classifiers of :mod:`sklearn_har.deep`.

Each builder is a plain function ``build_*(input_shape, n_classes, **hyper)``
returning an *uncompiled* :class:`keras.Model` whose input is a batch of
windows ``(n_timesteps, n_channels)`` and whose output is a softmax over
``n_classes``. The estimators of :mod:`sklearn_har.deep` size them from
the data, compile and train them.

Next to its builder, each module declares what an estimator needs to know
about the network: ``PARAMETER_CONSTRAINTS`` (the constraints of the
builder's hyper-parameters), ``min_timesteps(**params)`` (the shortest
window it reads) and ``check_timesteps(n_timesteps, **params)`` (why a
window length is refused, or None), gathered in its ``NETWORK``. Keras is
imported inside the functions, so importing this module is cheap.
"""

from .bilstm import build_residual_bilstm
from .cnn import build_cnn
from .cnn_lstm import build_cnn_lstm
from .convlstm import build_convlstm
from .inception import build_inception_time
from .lstm import build_lstm
from .multihead import build_multihead_cnn
from .resnet import build_resnet

__all__ = [
    "build_cnn",
    "build_cnn_lstm",
    "build_convlstm",
    "build_inception_time",
    "build_lstm",
    "build_multihead_cnn",
    "build_resnet",
    "build_residual_bilstm",
]
