"""CNN-LSTM: a CNN reads each subsequence of the window, an LSTM reads the CNN outputs."""

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
    subsequence_problem,
    window_block,
    with_input_params_doc,
)

__all__ = [
    "PARAMETER_CONSTRAINTS",
    "build_cnn_lstm",
    "check_timesteps",
    "min_timesteps",
]

#: Constraints of the hyper-parameters of :func:`build_cnn_lstm`.
PARAMETER_CONSTRAINTS = {
    "n_subsequences": POSITIVE_INT,
    "filters": POSITIVE_INT,
    "kernel_size": POSITIVE_INT,
    "n_conv_layers": POSITIVE_INT,
    "dropout": RATE,
    "pool_size": POSITIVE_INT,
    "lstm_units": POSITIVE_INT,
    "dense_units": NON_NEGATIVE_INT,
    "padding": PADDING,
    **INPUT_PARAMETER_CONSTRAINTS,
}


@with_input_params_doc
def build_cnn_lstm(
    input_shape,
    n_classes,
    *,
    n_subsequences=4,
    filters=64,
    kernel_size=3,
    n_conv_layers=2,
    dropout=0.5,
    pool_size=2,
    lstm_units=100,
    dense_units=100,
    padding="valid",
    activation="relu",
    noise_std=0.0,
    window_stats=False,
    center_windows=False,
):
    """Build a CNN-LSTM network (uncompiled).

    The window of ``n_timesteps`` samples is reshaped into ``n_subsequences``
    consecutive subsequences of ``n_timesteps // n_subsequences`` samples.
    The same CNN (``n_conv_layers`` × Conv1D → Dropout → MaxPooling1D →
    Flatten) is applied to every subsequence (``TimeDistributed``), an
    LSTM(``lstm_units``) reads the sequence of CNN outputs, then Dropout →
    Dense(``dense_units``) → Dense(``n_classes``, softmax).

    Parameters
    ----------
    input_shape : tuple of int
        ``(n_timesteps, n_channels)``; ``n_subsequences`` must divide
        ``n_timesteps``.
    n_classes : int
        Number of output units (softmax).
    n_subsequences : int, default=4
        Number of subsequences each window is split into.
    filters, kernel_size, n_conv_layers : int, default=64, 3, 2
        The per-subsequence convolutions.
    dropout : float, default=0.5
        Dropout rate after the convolutions and after the LSTM.
    pool_size : int, default=2
        Max-pooling size (1 leaves the layer out).
    lstm_units : int, default=100
        Units of the LSTM.
    dense_units : int, default=100
        Units of the hidden dense layer (0 leaves it out).
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

    n_timesteps, n_channels = input_shape
    if n_timesteps % n_subsequences:
        raise ValueError(
            f"n_subsequences={n_subsequences} does not divide the window length "
            f"{n_timesteps}."
        )
    inputs, x0 = input_block((n_timesteps, n_channels), noise_std=noise_std)
    x0, stats = window_block(
        inputs, x0, window_stats=window_stats, center_windows=center_windows
    )
    x = layers.Reshape(
        (n_subsequences, n_timesteps // n_subsequences, n_channels), name="subsequences"
    )(x0)
    x = conv_block(
        x,
        filters=filters,
        kernel_size=kernel_size,
        n_conv_layers=n_conv_layers,
        dropout=dropout,
        pool_size=pool_size,
        padding=padding,
        activation=activation,
        name="cnn",
        time_distributed=True,
    )
    x = layers.TimeDistributed(layers.Flatten(name="flatten"), name="td_flatten")(x)
    x = layers.LSTM(lstm_units, name="lstm")(x)
    outputs = dense_head(
        x,
        n_classes,
        dense_units=dense_units,
        activation=activation,
        dropout=dropout,
        stats=stats,
    )
    return keras.Model(inputs, outputs, name="cnn_lstm")


def min_timesteps(
    *, n_subsequences, kernel_size, n_conv_layers, pool_size, padding, **params
):
    """Shortest window :func:`build_cnn_lstm` reads.

    Every subsequence must be long enough for the convolutions; the window
    length must also be a multiple of ``n_subsequences``.

    Parameters
    ----------
    n_subsequences, kernel_size, n_conv_layers, pool_size, padding, **params
        Hyper-parameters of :func:`build_cnn_lstm` (others ignored).

    Returns
    -------
    n_timesteps : int
        The minimum window length.
    """
    return n_subsequences * conv_min_timesteps(
        kernel_size=kernel_size,
        n_conv_layers=n_conv_layers,
        pool_size=pool_size,
        padding=padding,
    )


def check_timesteps(
    n_timesteps,
    *,
    n_subsequences,
    kernel_size,
    n_conv_layers,
    pool_size,
    padding,
    **params,
):
    """Why windows of ``n_timesteps`` samples cannot be read, or None.

    Parameters
    ----------
    n_timesteps : int
        Window length.
    n_subsequences, kernel_size, n_conv_layers, pool_size, padding, **params
        Hyper-parameters of :func:`build_cnn_lstm`.

    Returns
    -------
    problem : str or None
        A short explanation, or None when the network reads such windows.
    """
    problem = subsequence_problem(n_timesteps, n_subsequences)
    if problem is not None:
        return problem
    sub_length = n_timesteps // n_subsequences
    length = conv_output_length(
        sub_length,
        kernel_size=kernel_size,
        n_conv_layers=n_conv_layers,
        pool_size=pool_size,
        padding=padding,
    )
    if length >= 1:
        return None
    return (
        f"subsequences of {sub_length} samples are too short for "
        f"{n_conv_layers} convolution(s) of kernel_size={kernel_size} and "
        f"pool_size={pool_size} with padding={padding!r} (need {n_subsequences} "
        "x more)"
    )


NETWORK = Network(build_cnn_lstm, PARAMETER_CONSTRAINTS, min_timesteps, check_timesteps)
