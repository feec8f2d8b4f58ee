"""The classic 1D CNN for human activity recognition."""

from ._blocks import (
    INPUT_PARAMETER_CONSTRAINTS,
    NON_NEGATIVE_INT,
    PADDING,
    POSITIVE_INT,
    RATE,
    Network,
    conv_block,
    conv_min_timesteps,
    conv_problem,
    dense_head,
    input_block,
    window_block,
    with_input_params_doc,
)

__all__ = ["PARAMETER_CONSTRAINTS", "build_cnn", "check_timesteps", "min_timesteps"]

#: Constraints of the hyper-parameters of :func:`build_cnn`.
PARAMETER_CONSTRAINTS = {
    "filters": POSITIVE_INT,
    "kernel_size": POSITIVE_INT,
    "n_conv_layers": POSITIVE_INT,
    "dropout": RATE,
    "pool_size": POSITIVE_INT,
    "dense_units": NON_NEGATIVE_INT,
    "padding": PADDING,
    **INPUT_PARAMETER_CONSTRAINTS,
}


@with_input_params_doc
def build_cnn(
    input_shape,
    n_classes,
    *,
    filters=64,
    kernel_size=3,
    n_conv_layers=2,
    dropout=0.5,
    pool_size=2,
    dense_units=100,
    padding="valid",
    activation="relu",
    noise_std=0.0,
    window_stats=False,
    center_windows=False,
):
    """Build the classic HAR 1D CNN (uncompiled).

    ``n_conv_layers`` × Conv1D(``filters``, ``kernel_size``) → Dropout →
    MaxPooling1D(``pool_size``) → Flatten → Dense(``dense_units``) →
    Dense(``n_classes``, softmax). The defaults are the network of the
    published UCI HAR experiment (two Conv1D 64×3 with ReLU, dropout 0.5,
    max-pool 2, dense 100).

    Parameters
    ----------
    input_shape : tuple of int
        ``(n_timesteps, n_channels)`` of one window.
    n_classes : int
        Number of output units (softmax).
    filters : int, default=64
        Filters of every convolution.
    kernel_size : int, default=3
        Kernel length of every convolution.
    n_conv_layers : int, default=2
        Number of stacked convolutions.
    dropout : float, default=0.5
        Dropout rate after the convolutions (0 leaves the layer out).
    pool_size : int, default=2
        Max-pooling size (1 leaves the layer out).
    dense_units : int, default=100
        Units of the hidden dense layer (0 leaves it out).
    padding : {"valid", "same"}, default="valid"
        Padding of the convolutions and of the pooling.
    activation : str, default="relu"
        Activation of the convolutions and of the hidden dense layer.
    {input_params}

    Returns
    -------
    model : keras.Model
        Uncompiled model mapping windows ``(batch, n_timesteps, n_channels)``
        to class probabilities ``(batch, n_classes)``.

    Examples
    --------
    >>> from sklearn_har.deep.networks import build_cnn
    >>> model = build_cnn((128, 9), 6)  # doctest: +SKIP
    >>> model.output_shape  # doctest: +SKIP
    (None, 6)
    """
    import keras
    from keras import layers

    inputs, x0 = input_block(tuple(input_shape), noise_std=noise_std)
    x0, stats = window_block(
        inputs, x0, window_stats=window_stats, center_windows=center_windows
    )
    x = conv_block(
        x0,
        filters=filters,
        kernel_size=kernel_size,
        n_conv_layers=n_conv_layers,
        dropout=dropout,
        pool_size=pool_size,
        padding=padding,
        activation=activation,
        name="cnn",
    )
    x = layers.Flatten(name="flatten")(x)
    outputs = dense_head(
        x, n_classes, dense_units=dense_units, activation=activation, stats=stats
    )
    return keras.Model(inputs, outputs, name="cnn")


def min_timesteps(*, kernel_size, n_conv_layers, pool_size, padding, **params):
    """Shortest window :func:`build_cnn` reads with these hyper-parameters.

    Parameters
    ----------
    kernel_size, n_conv_layers, pool_size : int
        As in :func:`build_cnn`.
    padding : {"valid", "same"}
        As in :func:`build_cnn`.
    **params : dict
        The other hyper-parameters (ignored).

    Returns
    -------
    n_timesteps : int
        The minimum window length (1 with ``padding="same"``).
    """
    return conv_min_timesteps(
        kernel_size=kernel_size,
        n_conv_layers=n_conv_layers,
        pool_size=pool_size,
        padding=padding,
    )


def check_timesteps(
    n_timesteps, *, kernel_size, n_conv_layers, pool_size, padding, **params
):
    """Why windows of ``n_timesteps`` samples are too short, or None.

    Parameters
    ----------
    n_timesteps : int
        Window length.
    kernel_size, n_conv_layers, pool_size, padding, **params
        Hyper-parameters of :func:`build_cnn`.

    Returns
    -------
    problem : str or None
        A short explanation, or None when the network reads such windows.
    """
    return conv_problem(
        n_timesteps,
        kernel_size=kernel_size,
        n_conv_layers=n_conv_layers,
        pool_size=pool_size,
        padding=padding,
    )


NETWORK = Network(build_cnn, PARAMETER_CONSTRAINTS, min_timesteps, check_timesteps)
