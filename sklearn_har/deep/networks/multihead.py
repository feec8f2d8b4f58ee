"""Multi-head 1D CNN: parallel convolution heads with different kernel sizes."""

from ._blocks import (
    conv_block,
    dense_head,
    input_block,
    window_block,
    with_input_params_doc,
)

__all__ = ["build_multihead_cnn"]


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
