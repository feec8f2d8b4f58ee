"""Recurrent (LSTM) network for human activity recognition."""

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

__all__ = ["PARAMETER_CONSTRAINTS", "build_lstm", "check_timesteps", "min_timesteps"]

#: Constraints of the hyper-parameters of :func:`build_lstm`.
PARAMETER_CONSTRAINTS = {
    "units": POSITIVE_INT,
    "n_layers": POSITIVE_INT,
    "bidirectional": ["boolean"],
    "dropout": RATE,
    "dense_units": NON_NEGATIVE_INT,
    **INPUT_PARAMETER_CONSTRAINTS,
}


@with_input_params_doc
def build_lstm(
    input_shape,
    n_classes,
    *,
    units=100,
    n_layers=1,
    bidirectional=False,
    dropout=0.5,
    dense_units=100,
    activation="relu",
    noise_std=0.0,
    window_stats=False,
    center_windows=False,
):
    """Build a (stacked, optionally bidirectional) LSTM network (uncompiled).

    ``n_layers`` × LSTM(``units``) (all but the last return sequences) →
    Dropout → Dense(``dense_units``) → Dense(``n_classes``, softmax). The
    defaults are the single LSTM(100) of the published UCI HAR experiment;
    ``units=32, n_layers=2`` gives the stacked 2 × 32 variant.

    Parameters
    ----------
    input_shape : tuple of int
        ``(n_timesteps, n_channels)`` of one window.
    n_classes : int
        Number of output units (softmax).
    units : int, default=100
        Units of every LSTM layer (per direction).
    n_layers : int, default=1
        Number of stacked LSTM layers.
    bidirectional : bool, default=False
        Wrap every LSTM layer in :class:`keras.layers.Bidirectional`.
    dropout : float, default=0.5
        Dropout rate after the last LSTM layer (0 leaves the layer out).
    dense_units : int, default=100
        Units of the hidden dense layer (0 leaves it out).
    activation : str, default="relu"
        Activation of the hidden dense layer.
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
    x = x0
    for i in range(n_layers):
        lstm = layers.LSTM(
            units, return_sequences=i < n_layers - 1, name=f"lstm{i + 1}"
        )
        if bidirectional:
            lstm = layers.Bidirectional(lstm, name=f"bilstm{i + 1}")
        x = lstm(x)
    outputs = dense_head(
        x,
        n_classes,
        dense_units=dense_units,
        activation=activation,
        dropout=dropout,
        stats=stats,
    )
    return keras.Model(inputs, outputs, name="lstm")


def min_timesteps(**params):
    """Shortest window :func:`build_lstm` reads: one sample.

    Parameters
    ----------
    **params : dict
        Hyper-parameters of :func:`build_lstm` (ignored).

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
        Hyper-parameters of :func:`build_lstm` (ignored).

    Returns
    -------
    problem : str or None
        A short explanation, or None when the network reads such windows.
    """
    return None if n_timesteps >= 1 else "an LSTM needs at least one sample"


NETWORK = Network(build_lstm, PARAMETER_CONSTRAINTS, min_timesteps, check_timesteps)
