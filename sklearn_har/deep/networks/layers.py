"""Custom Keras layers of the networks (this module imports Keras).

Only the builders (inside their functions) and the loaders of
:mod:`sklearn_har.deep` import it, so that importing the package stays free
of TensorFlow. Importing it registers the layers with Keras
(``keras.saving.register_keras_serializable``), which is what
``keras.saving.load_model`` needs to read a model that uses them.
"""

import keras
from keras import ops

__all__ = ["WindowCentering", "WindowStatistics"]


@keras.saving.register_keras_serializable(package="sklearn_har")
class WindowStatistics(keras.layers.Layer):
    """Per-channel mean and log standard deviation of every window.

    Maps windows ``(batch, n_timesteps, n_channels)`` to
    ``(batch, 2 * n_channels)``: the ``n_channels`` means over the time axis
    followed by the ``n_channels`` values ``log(sqrt(var + epsilon))``.

    The mean of an acceleration channel is the orientation of the sensor to
    gravity; the log standard deviation puts the tiny body movements of
    still postures (sitting, standing) on the same footing as walking,
    which differs from them by three orders of magnitude. Convolution
    features carry both only approximately.

    Parameters
    ----------
    epsilon : float, default=1e-6
        Added to the variance before the logarithm (a floor for constant
        channels), in the squared units of the input.
    **kwargs : dict
        Passed to :class:`keras.layers.Layer` (``name``, ...).

    Examples
    --------
    >>> import numpy as np
    >>> from sklearn_har.deep.networks.layers import WindowStatistics
    >>> x = np.array([[[1.0], [3.0]]], dtype="float32")  # one window, 2 steps
    >>> np.asarray(WindowStatistics(epsilon=0.0)(x)).round(3)  # mean 2, log(std 1)
    array([[2., 0.]], dtype=float32)
    """

    def __init__(self, epsilon=1e-6, **kwargs):
        super().__init__(**kwargs)
        self.epsilon = float(epsilon)

    def call(self, inputs):
        mean = ops.mean(inputs, axis=1)
        var = ops.var(inputs, axis=1)
        return ops.concatenate([mean, 0.5 * ops.log(var + self.epsilon)], axis=-1)

    def compute_output_shape(self, input_shape):
        channels = input_shape[-1]
        return (input_shape[0], None if channels is None else 2 * channels)

    def get_config(self):
        return {**super().get_config(), "epsilon": self.epsilon}


@keras.saving.register_keras_serializable(package="sklearn_har")
class WindowCentering(keras.layers.Layer):
    """Subtract from every channel of a window its mean over the window.

    Maps windows ``(batch, n_timesteps, n_channels)`` to windows of the same
    shape whose channels have zero mean: what is left is the movement, free
    of the sensor's orientation to gravity (which
    :class:`WindowStatistics` can pass on separately).

    Parameters
    ----------
    **kwargs : dict
        Passed to :class:`keras.layers.Layer` (``name``, ...).

    Examples
    --------
    >>> import numpy as np
    >>> from sklearn_har.deep.networks.layers import WindowCentering
    >>> x = np.array([[[1.0, 10.0], [3.0, 10.0]]], dtype="float32")
    >>> np.asarray(WindowCentering()(x))
    array([[[-1.,  0.],
            [ 1.,  0.]]], dtype=float32)
    """

    def call(self, inputs):
        return inputs - ops.mean(inputs, axis=1, keepdims=True)

    def compute_output_shape(self, input_shape):
        return input_shape
