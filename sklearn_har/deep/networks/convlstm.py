"""ConvLSTM: a convolutional LSTM over the subsequences of a window."""

from ._blocks import (
    INPUT_PARAMETER_CONSTRAINTS,
    NON_NEGATIVE_INT,
    PADDING,
    POSITIVE_INT,
    RATE,
    Network,
    dense_head,
    input_block,
    subsequence_problem,
    window_block,
    with_input_params_doc,
)

__all__ = [
    "PARAMETER_CONSTRAINTS",
    "build_convlstm",
    "check_timesteps",
    "min_timesteps",
]

#: Constraints of the hyper-parameters of :func:`build_convlstm`.
PARAMETER_CONSTRAINTS = {
    "n_subsequences": POSITIVE_INT,
    "filters": POSITIVE_INT,
    "kernel_size": POSITIVE_INT,
    "dropout": RATE,
    "dense_units": NON_NEGATIVE_INT,
    "padding": PADDING,
    **INPUT_PARAMETER_CONSTRAINTS,
}


@with_input_params_doc
def build_convlstm(
    input_shape,
    n_classes,
    *,
    n_subsequences=4,
    filters=64,
    kernel_size=3,
    dropout=0.5,
    dense_units=100,
    padding="valid",
    activation="relu",
    noise_std=0.0,
    window_stats=False,
    center_windows=False,
):
    """Build a ConvLSTM network (uncompiled).

    The window is reshaped into ``n_subsequences`` steps of one row of
    ``n_timesteps // n_subsequences`` samples × ``n_channels``; a
    ConvLSTM2D(``filters``, kernel ``(1, kernel_size)``) reads the steps
    (its gates are convolutions over the samples of each subsequence), then
    Dropout → Flatten → Dense(``dense_units``) → Dense(``n_classes``,
    softmax).

    Parameters
    ----------
    input_shape : tuple of int
        ``(n_timesteps, n_channels)``; ``n_subsequences`` must divide
        ``n_timesteps``.
    n_classes : int
        Number of output units (softmax).
    n_subsequences : int, default=4
        Number of subsequences (ConvLSTM time steps) per window.
    filters : int, default=64
        Filters of the ConvLSTM2D layer.
    kernel_size : int, default=3
        Kernel length along the samples of a subsequence.
    dropout : float, default=0.5
        Dropout rate after the ConvLSTM layer (0 leaves the layer out).
    dense_units : int, default=100
        Units of the hidden dense layer (0 leaves it out).
    padding : {"valid", "same"}, default="valid"
        Padding of the ConvLSTM2D convolutions.
    activation : str, default="relu"
        Activation of the ConvLSTM2D layer and of the dense layer.
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
    length = n_timesteps // n_subsequences
    inputs, x0 = input_block((n_timesteps, n_channels), noise_std=noise_std)
    x0, stats = window_block(
        inputs, x0, window_stats=window_stats, center_windows=center_windows
    )
    x = layers.Reshape((n_subsequences, 1, length, n_channels), name="subsequences")(x0)
    x = layers.ConvLSTM2D(
        filters,
        (1, kernel_size),
        padding=padding,
        activation=activation,
        name="convlstm",
    )(x)
    if dropout > 0:
        x = layers.Dropout(dropout, name="dropout")(x)
    x = layers.Flatten(name="flatten")(x)
    outputs = dense_head(
        x,
        n_classes,
        dense_units=dense_units,
        activation=activation,
        stats=stats,
    )
    return keras.Model(inputs, outputs, name="convlstm")


def min_timesteps(*, n_subsequences, kernel_size, padding, **params):
    """Shortest window :func:`build_convlstm` reads.

    Every one of the ``n_subsequences`` subsequences needs ``kernel_size``
    samples with ``padding="valid"`` (one with ``"same"``); the window
    length must also be a multiple of ``n_subsequences``.

    Parameters
    ----------
    n_subsequences, kernel_size, padding, **params
        Hyper-parameters of :func:`build_convlstm` (others ignored).

    Returns
    -------
    n_timesteps : int
        The minimum window length.
    """
    return n_subsequences * (kernel_size if padding == "valid" else 1)


def check_timesteps(n_timesteps, *, n_subsequences, kernel_size, padding, **params):
    """Why windows of ``n_timesteps`` samples cannot be read, or None.

    Parameters
    ----------
    n_timesteps : int
        Window length.
    n_subsequences, kernel_size, padding, **params
        Hyper-parameters of :func:`build_convlstm`.

    Returns
    -------
    problem : str or None
        A short explanation, or None when the network reads such windows.
    """
    problem = subsequence_problem(n_timesteps, n_subsequences)
    if problem is None:
        sub_length = n_timesteps // n_subsequences
        if padding == "valid" and sub_length < kernel_size:
            problem = (
                f"subsequences of {sub_length} samples are shorter than "
                f"kernel_size={kernel_size} with padding='valid'"
            )
    return problem


NETWORK = Network(build_convlstm, PARAMETER_CONSTRAINTS, min_timesteps, check_timesteps)
