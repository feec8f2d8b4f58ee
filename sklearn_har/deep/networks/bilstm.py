"""The deep residual bidirectional LSTM of Zhao et al. (2018)."""

from ._blocks import (
    INPUT_PARAMETER_CONSTRAINTS,
    NON_NEGATIVE_INT,
    POSITIVE_INT,
    RATE,
    Network,
    dense_head,
    input_block,
    window_block,
    with_input_params_doc,
)

__all__ = [
    "PARAMETER_CONSTRAINTS",
    "build_residual_bilstm",
    "check_timesteps",
    "min_timesteps",
]

#: Constraints of the hyper-parameters of :func:`build_residual_bilstm`.
PARAMETER_CONSTRAINTS = {
    "units": POSITIVE_INT,
    "n_blocks": POSITIVE_INT,
    "n_layers_per_block": POSITIVE_INT,
    "dropout": RATE,
    "dense_units": NON_NEGATIVE_INT,
    **INPUT_PARAMETER_CONSTRAINTS,
}


@with_input_params_doc
def build_residual_bilstm(
    input_shape,
    n_classes,
    *,
    units=32,
    n_blocks=2,
    n_layers_per_block=2,
    dropout=0.15,
    dense_units=0,
    activation="relu",
    noise_std=0.0,
    window_stats=False,
    center_windows=False,
):
    """Build a deep residual bidirectional LSTM (uncompiled).

    Every time step goes through Dense(``units``, ``activation``); then
    ``n_blocks`` residual blocks, each ``n_layers_per_block`` stacked
    bidirectional LSTM layers of ``units // 2`` units per direction (the two
    directions concatenated, ``units`` features per step) whose output is
    added to the block's input and batch normalised. The last time step →
    Dropout → [Dense(``dense_units``)] → Dense(``n_classes``, softmax).

    Parameters
    ----------
    input_shape : tuple of int
        ``(n_timesteps, n_channels)`` of one window.
    n_classes : int
        Number of output units (softmax).
    units : int, default=32
        Features per time step inside the network: the input projection and
        the concatenated output of every bidirectional layer (``units // 2``
        LSTM units per direction; an odd value is rounded up to even).
    n_blocks : int, default=2
        Number of residual blocks.
    n_layers_per_block : int, default=2
        Bidirectional LSTM layers inside each block.
    dropout : float, default=0.15
        Dropout rate before the output layers (0 leaves it out); the
        reference code keeps 85 % of the units.
    dense_units : int, default=0
        Units of a hidden dense layer (0 leaves it out).
    activation : str, default="relu"
        Activation of the input projection and of the hidden dense layer.
    {input_params}

    Returns
    -------
    model : keras.Model
        Uncompiled model mapping windows ``(batch, n_timesteps, n_channels)``
        to class probabilities ``(batch, n_classes)``.

    References
    ----------
    Y. Zhao, R. Yang, G. Chevalier, X. Xu and Z. Zhang (2018), "Deep
    Residual Bidir-LSTM for Human Activity Recognition Using Wearable
    Sensors", Mathematical Problems in Engineering, 7316954.

    Examples
    --------
    >>> from sklearn_har.deep.networks import build_residual_bilstm
    >>> model = build_residual_bilstm((128, 9), 6)  # doctest: +SKIP
    >>> model.output_shape  # doctest: +SKIP
    (None, 6)
    """
    import keras
    from keras import layers

    n_timesteps = int(input_shape[0])
    half = -(-units // 2)
    inputs, x0 = input_block(tuple(input_shape), noise_std=noise_std)
    x, stats = window_block(
        inputs, x0, window_stats=window_stats, center_windows=center_windows
    )
    x = layers.Dense(2 * half, activation=activation, name="input_projection")(x)
    for b in range(1, n_blocks + 1):
        y = x
        for i in range(1, n_layers_per_block + 1):
            y = layers.Bidirectional(
                layers.LSTM(half, return_sequences=True, name=f"lstm{b}_{i}"),
                name=f"block{b}_bilstm{i}",
            )(y)
        x = layers.Add(name=f"block{b}_add")([x, y])
        x = layers.BatchNormalization(name=f"block{b}_bn")(x)
    # the output of the last time step (forward: the whole window; backward:
    # the last sample onwards, as in the published network)
    x = layers.Cropping1D((n_timesteps - 1, 0), name="last_step")(x)
    x = layers.Flatten(name="flatten")(x)
    outputs = dense_head(
        x,
        n_classes,
        dense_units=dense_units,
        activation=activation,
        dropout=dropout,
        stats=stats,
    )
    return keras.Model(inputs, outputs, name="residual_bilstm")


def min_timesteps(**params):
    """Shortest window :func:`build_residual_bilstm` reads: one sample.

    Parameters
    ----------
    **params : dict
        Hyper-parameters of :func:`build_residual_bilstm` (ignored).

    Returns
    -------
    n_timesteps : int
        Always 1.
    """
    return 1


def check_timesteps(n_timesteps, **params):
    """Why windows of ``n_timesteps`` samples are too short, or None.

    Parameters
    ----------
    n_timesteps : int
        Window length.
    **params : dict
        Hyper-parameters of :func:`build_residual_bilstm` (ignored).

    Returns
    -------
    problem : str or None
        A short explanation, or None when the network reads such windows.
    """
    return None if n_timesteps >= 1 else "an LSTM needs at least one sample"


NETWORK = Network(
    build_residual_bilstm, PARAMETER_CONSTRAINTS, min_timesteps, check_timesteps
)
