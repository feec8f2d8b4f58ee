"""Multi-head 1D CNN: parallel convolution heads with different kernel sizes."""

from numbers import Integral

from ._blocks import (
    INPUT_PARAMETER_CONSTRAINTS,
    NON_NEGATIVE_INT,
    PADDING,
    POSITIVE_INT,
    RATE,
    Network,
    conv_block,
    conv_min_timesteps,
    conv_output_length,
    dense_head,
    input_block,
    window_block,
    with_input_params_doc,
)

__all__ = [
    "PARAMETER_CONSTRAINTS",
    "build_multihead_cnn",
    "check_kernel_sizes",
    "check_timesteps",
    "min_timesteps",
]

#: Constraints of the hyper-parameters of :func:`build_multihead_cnn`
#: (``kernel_sizes`` is checked further by :func:`check_kernel_sizes`).
PARAMETER_CONSTRAINTS = {
    "kernel_sizes": ["array-like"],
    "filters": POSITIVE_INT,
    "n_conv_layers": POSITIVE_INT,
    "dropout": RATE,
    "pool_size": POSITIVE_INT,
    "dense_units": NON_NEGATIVE_INT,
    "padding": PADDING,
    **INPUT_PARAMETER_CONSTRAINTS,
}


def check_kernel_sizes(kernel_sizes):
    """``kernel_sizes`` as a tuple of positive ints.

    Parameters
    ----------
    kernel_sizes : sequence of int
        Kernel length of each head.

    Returns
    -------
    kernel_sizes : tuple of int

    Raises
    ------
    ValueError
        If the sequence is empty or holds anything but positive ints.
    """
    try:
        sizes = tuple(kernel_sizes)
    except TypeError:
        sizes = ()
    if not sizes or not all(
        isinstance(k, Integral) and not isinstance(k, bool) and k >= 1 for k in sizes
    ):
        raise ValueError(
            "kernel_sizes must be a non-empty sequence of positive ints, got "
            f"{kernel_sizes!r}."
        )
    return tuple(int(k) for k in sizes)


@with_input_params_doc
def build_multihead_cnn(
    input_shape,
    n_classes,
    *,
    kernel_sizes=(3, 5, 11),
    filters=64,
    n_conv_layers=1,
    dropout=0.5,
    pool_size=2,
    dense_units=100,
    padding="valid",
    activation="relu",
    noise_std=0.0,
    window_stats=False,
    center_windows=False,
):
    """Build a multi-head 1D CNN (uncompiled).

    One head per kernel size reads the same window: ``n_conv_layers`` ×
    Conv1D(``filters``, k) → Dropout → MaxPooling1D → Flatten. The heads are
    concatenated and followed by Dense(``dense_units``) and the softmax, so
    the network sees the signal at several time scales at once.

    Parameters
    ----------
    input_shape : tuple of int
        ``(n_timesteps, n_channels)`` of one window.
    n_classes : int
        Number of output units (softmax).
    kernel_sizes : tuple of int, default=(3, 5, 11)
        Kernel length of each head (one head per entry).
    filters : int, default=64
        Filters of every convolution.
    n_conv_layers : int, default=1
        Convolutions per head.
    dropout : float, default=0.5
        Dropout rate in each head (0 leaves the layer out).
    pool_size : int, default=2
        Max-pooling size in each head (1 leaves the layer out).
    dense_units : int, default=100
        Units of the dense layer after the concatenation (0 leaves it out).
    padding : {"valid", "same"}, default="valid"
        Padding of the convolutions and pooling.
    activation : str, default="relu"
        Activation of the convolutions and of the dense layer.
    {input_params}

    Returns
    -------
    model : keras.Model
        Uncompiled model mapping windows ``(batch, n_timesteps, n_channels)``
        to class probabilities ``(batch, n_classes)``.
    """
    import keras
    from keras import layers

    kernel_sizes = check_kernel_sizes(kernel_sizes)
    inputs, x0 = input_block(tuple(input_shape), noise_std=noise_std)
    x0, stats = window_block(
        inputs, x0, window_stats=window_stats, center_windows=center_windows
    )
    heads = []
    for k in kernel_sizes:
        h = conv_block(
            x0,
            filters=filters,
            kernel_size=k,
            n_conv_layers=n_conv_layers,
            dropout=dropout,
            pool_size=pool_size,
            padding=padding,
            activation=activation,
            name=f"head{k}",
        )
        heads.append(layers.Flatten(name=f"head{k}_flatten")(h))
    x = heads[0] if len(heads) == 1 else layers.Concatenate(name="concat")(heads)
    outputs = dense_head(
        x,
        n_classes,
        dense_units=dense_units,
        activation=activation,
        stats=stats,
    )
    return keras.Model(inputs, outputs, name="multihead_cnn")


def min_timesteps(*, kernel_sizes, n_conv_layers, pool_size, padding, **params):
    """Shortest window :func:`build_multihead_cnn` reads (set by the widest head).

    Parameters
    ----------
    kernel_sizes, n_conv_layers, pool_size, padding, **params
        Hyper-parameters of :func:`build_multihead_cnn` (others ignored).

    Returns
    -------
    n_timesteps : int
        The minimum window length.
    """
    return conv_min_timesteps(
        kernel_size=max(check_kernel_sizes(kernel_sizes)),
        n_conv_layers=n_conv_layers,
        pool_size=pool_size,
        padding=padding,
    )


def check_timesteps(
    n_timesteps, *, kernel_sizes, n_conv_layers, pool_size, padding, **params
):
    """Why windows of ``n_timesteps`` samples are too short, or None.

    Parameters
    ----------
    n_timesteps : int
        Window length.
    kernel_sizes, n_conv_layers, pool_size, padding, **params
        Hyper-parameters of :func:`build_multihead_cnn`.

    Returns
    -------
    problem : str or None
        A short explanation, or None when the network reads such windows.
    """
    k = max(check_kernel_sizes(kernel_sizes))
    length = conv_output_length(
        n_timesteps,
        kernel_size=k,
        n_conv_layers=n_conv_layers,
        pool_size=pool_size,
        padding=padding,
    )
    if length >= 1:
        return None
    return (
        f"the head with kernel size {k} ({n_conv_layers} convolution(s), "
        f"pool_size={pool_size}, padding={padding!r}) leaves {length} steps"
    )


NETWORK = Network(
    build_multihead_cnn, PARAMETER_CONSTRAINTS, min_timesteps, check_timesteps
)
