"""The residual network (ResNet) of Wang, Yan & Oates (2017)."""

from numbers import Integral

from ._blocks import (
    INPUT_PARAMETER_CONSTRAINTS,
    NON_NEGATIVE_INT,
    RATE,
    Network,
    dense_head,
    input_block,
    window_block,
    with_input_params_doc,
)

__all__ = [
    "PARAMETER_CONSTRAINTS",
    "build_resnet",
    "check_timesteps",
    "min_timesteps",
]

#: Constraints of the hyper-parameters of :func:`build_resnet` (``filters``
#: and ``kernel_sizes`` are checked further by :func:`check_timesteps`).
PARAMETER_CONSTRAINTS = {
    "filters": ["array-like"],
    "kernel_sizes": ["array-like"],
    "dropout": RATE,
    "dense_units": NON_NEGATIVE_INT,
    **INPUT_PARAMETER_CONSTRAINTS,
}


def _check_sizes(name, values):
    """``values`` as a non-empty tuple of positive ints (ValueError if not)."""
    try:
        sizes = tuple(values)
    except TypeError:
        sizes = ()
    if not sizes or not all(
        isinstance(v, Integral) and not isinstance(v, bool) and v >= 1 for v in sizes
    ):
        raise ValueError(
            f"{name} must be a non-empty sequence of positive ints, got {values!r}."
        )
    return tuple(int(v) for v in sizes)


@with_input_params_doc
def build_resnet(
    input_shape,
    n_classes,
    *,
    filters=(64, 128, 128),
    kernel_sizes=(8, 5, 3),
    dropout=0.0,
    dense_units=0,
    activation="relu",
    noise_std=0.0,
    window_stats=False,
    center_windows=False,
):
    """Build the time-series ResNet of Wang et al. (2017) (uncompiled).

    One residual block per entry of ``filters``; a block is one Conv1D per
    entry of ``kernel_sizes`` (``"same"`` padding), each followed by batch
    normalisation and, but for the last, the activation. The block's input
    is added to its output through a shortcut, a 1×1 Conv1D + batch
    normalisation when the number of channels changes and a batch
    normalisation alone otherwise, then the activation. Global average
    pooling over time → [Dropout → Dense(``dense_units``)] →
    Dense(``n_classes``, softmax). The defaults are the published network:
    three blocks of 64, 128 and 128 filters with kernels 8, 5 and 3, no
    dropout and no hidden dense layer.

    Parameters
    ----------
    input_shape : tuple of int
        ``(n_timesteps, n_channels)`` of one window.
    n_classes : int
        Number of output units (softmax).
    filters : tuple of int, default=(64, 128, 128)
        Filters of the convolutions of each residual block.
    kernel_sizes : tuple of int, default=(8, 5, 3)
        Kernel lengths of the convolutions inside every block.
    dropout : float, default=0.0
        Dropout rate after the global average pooling (0 leaves it out).
    dense_units : int, default=0
        Units of a hidden dense layer after the pooling (0 leaves it out).
    activation : str, default="relu"
        Activation of the convolutions and of the hidden dense layer.
    {input_params}

    Returns
    -------
    model : keras.Model
        Uncompiled model mapping windows ``(batch, n_timesteps, n_channels)``
        to class probabilities ``(batch, n_classes)``.

    References
    ----------
    Z. Wang, W. Yan and T. Oates (2017), "Time series classification from
    scratch with deep neural networks: a strong baseline", IJCNN.

    Examples
    --------
    >>> from sklearn_har.deep.networks import build_resnet
    >>> model = build_resnet((128, 9), 6)  # doctest: +SKIP
    >>> model.output_shape  # doctest: +SKIP
    (None, 6)
    """
    import keras
    from keras import layers

    filters = _check_sizes("filters", filters)
    kernel_sizes = _check_sizes("kernel_sizes", kernel_sizes)
    inputs, x0 = input_block(tuple(input_shape), noise_std=noise_std)
    x, stats = window_block(
        inputs, x0, window_stats=window_stats, center_windows=center_windows
    )
    for b, n_filters in enumerate(filters, start=1):
        name = f"block{b}"
        y = x
        for c, kernel_size in enumerate(kernel_sizes, start=1):
            y = layers.Conv1D(
                n_filters, kernel_size, padding="same", name=f"{name}_conv{c}"
            )(y)
            y = layers.BatchNormalization(name=f"{name}_bn{c}")(y)
            if c < len(kernel_sizes):
                y = layers.Activation(activation, name=f"{name}_act{c}")(y)
        shortcut = x
        if x.shape[-1] != n_filters:
            shortcut = layers.Conv1D(
                n_filters, 1, padding="same", name=f"{name}_shortcut_conv"
            )(shortcut)
        shortcut = layers.BatchNormalization(name=f"{name}_shortcut_bn")(shortcut)
        x = layers.Add(name=f"{name}_add")([shortcut, y])
        x = layers.Activation(activation, name=f"{name}_out")(x)
    x = layers.GlobalAveragePooling1D(name="gap")(x)
    outputs = dense_head(
        x,
        n_classes,
        dense_units=dense_units,
        activation=activation,
        dropout=dropout,
        stats=stats,
    )
    return keras.Model(inputs, outputs, name="resnet")


def min_timesteps(**params):
    """Shortest window :func:`build_resnet` reads: one sample.

    Every convolution is ``"same"``-padded and the global average pooling
    reads any length, so the network accepts windows of any length.

    Parameters
    ----------
    **params : dict
        Hyper-parameters of :func:`build_resnet` (ignored).

    Returns
    -------
    n_timesteps : int
        Always 1.
    """
    return 1


def check_timesteps(n_timesteps, *, filters, kernel_sizes, **params):
    """Why windows of ``n_timesteps`` samples are too short, or None.

    Parameters
    ----------
    n_timesteps : int
        Window length.
    filters, kernel_sizes : sequence of int
        As in :func:`build_resnet` (a ValueError if they are not non-empty
        sequences of positive ints).
    **params : dict
        The other hyper-parameters (ignored).

    Returns
    -------
    problem : str or None
        A short explanation, or None when the network reads such windows.
    """
    _check_sizes("filters", filters)
    _check_sizes("kernel_sizes", kernel_sizes)
    return None if n_timesteps >= 1 else "a window needs at least one sample"


NETWORK = Network(build_resnet, PARAMETER_CONSTRAINTS, min_timesteps, check_timesteps)
