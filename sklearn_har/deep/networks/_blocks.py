"""Building blocks shared by the network builders (Keras imported lazily).

Besides the Keras blocks, this module holds what every network module
declares next to its builder (see :class:`Network`): the constraints of the
builder's hyper-parameters and the rule for the shortest window it reads.
"""

from collections.abc import Callable
from numbers import Integral, Real
from typing import NamedTuple

from ...utils._param_validation import Interval, StrOptions

POSITIVE_INT = [Interval(Integral, 1, None, closed="left")]
NON_NEGATIVE_INT = [Interval(Integral, 0, None, closed="left")]
RATE = [Interval(Real, 0, 1, closed="left")]
PADDING = [StrOptions({"valid", "same"})]

#: Constraints of the input parameters that every builder takes.
INPUT_PARAMETER_CONSTRAINTS = {
    "noise_std": [Interval(Real, 0, None, closed="left")],
    "window_stats": ["boolean"],
    "center_windows": ["boolean"],
}


class Network(NamedTuple):
    """What an estimator needs to know about one network module.

    Parameters
    ----------
    build : callable
        The builder ``build(input_shape, n_classes, **hyper_parameters)``;
        its keyword-only parameters are the network's hyper-parameters.
    parameter_constraints : dict
        Constraints (:mod:`sklearn_har.utils._param_validation` style) of
        the hyper-parameters, checked by the estimators before building.
    min_timesteps : callable
        ``min_timesteps(**hyper_parameters) -> int``: the shortest window
        the network reads.
    check_timesteps : callable
        ``check_timesteps(n_timesteps, **hyper_parameters) -> str or None``:
        why windows of ``n_timesteps`` samples cannot be read (``None`` when
        they can).
    """

    build: Callable
    parameter_constraints: dict
    min_timesteps: Callable
    check_timesteps: Callable


_INPUT_PARAMS_DOC = """\
    noise_std : float, default=0.0
        Standard deviation of the Gaussian noise added to the inputs during
        training only (data augmentation; 0 leaves the layer out).
    window_stats : bool, default=False
        Concatenate the per-channel mean and log standard deviation of the
        window (:class:`~sklearn_har.deep.networks.layers.WindowStatistics`)
        to the learnt features before the dense layer.
    center_windows : bool, default=False
        Subtract every channel's window mean before the learnt layers
        (:class:`~sklearn_har.deep.networks.layers.WindowCentering`), so that
        they read the movement and ``window_stats`` carries the level."""


def with_input_params_doc(builder):
    """Fill ``{input_params}`` in a builder's docstring with the shared entries.

    Every builder takes ``noise_std``, ``window_stats`` and ``center_windows``
    (used by :func:`input_block` and :func:`window_block`); their numpydoc
    entries are written once, here.
    """
    builder.__doc__ = builder.__doc__.replace(
        "{input_params}", _INPUT_PARAMS_DOC.lstrip()
    )
    return builder


def input_block(input_shape, *, noise_std=0.0):
    """The ``windows`` input and its training-time augmentation.

    Returns ``(inputs, x)``: the :class:`keras.Input` of shape
    ``input_shape`` and the tensor the network starts from, which adds
    Gaussian noise of standard deviation ``noise_std`` to every value during
    training only (:class:`keras.layers.GaussianNoise`; identity at
    inference).  ``noise_std=0`` leaves the layer out.
    """
    import keras
    from keras import layers

    inputs = keras.Input(shape=tuple(input_shape), name="windows")
    x = inputs
    if noise_std > 0:
        x = layers.GaussianNoise(noise_std, name="input_noise")(x)
    return inputs, x


def conv_block(
    x,
    *,
    filters,
    kernel_size,
    n_conv_layers,
    dropout,
    pool_size,
    padding,
    activation,
    name,
    time_distributed=False,
):
    """Conv1D × ``n_conv_layers`` → Dropout → MaxPooling1D.

    ``x`` is a Keras tensor ``(batch, n_timesteps, n_channels)``, or
    ``(batch, n_subsequences, n_timesteps, n_channels)`` with
    ``time_distributed=True`` (the same layers applied to every subsequence).
    A dropout of 0 or a pool size of 1 leaves that layer out.
    """
    from keras import layers

    def wrap(layer):
        if time_distributed:
            return layers.TimeDistributed(layer, name=f"td_{layer.name}")
        return layer

    for i in range(n_conv_layers):
        conv = layers.Conv1D(
            filters,
            kernel_size,
            padding=padding,
            activation=activation,
            name=f"{name}_conv{i + 1}",
        )
        x = wrap(conv)(x)
    if dropout > 0:
        x = wrap(layers.Dropout(dropout, name=f"{name}_dropout"))(x)
    if pool_size > 1:
        pool = layers.MaxPooling1D(pool_size, padding=padding, name=f"{name}_pool")
        x = wrap(pool)(x)
    return x


def window_block(inputs, x, *, window_stats, center_windows):
    """Split windows into their level and their movement.

    ``inputs`` is the network's input ``(batch, n_timesteps, n_channels)``
    and ``x`` the tensor the learnt layers would start from (the input, or
    the input plus training noise). Returns ``(x, stats)``: ``x`` unchanged
    or, with ``center_windows``, minus each channel's window mean
    (:class:`~.layers.WindowCentering`); ``stats`` the per-channel mean and
    log standard deviation of the clean ``inputs``
    (:class:`~.layers.WindowStatistics`) for :func:`dense_head`, or None
    without ``window_stats``. The statistics skip the training noise, which
    would drown the tiny standard deviations of still windows.
    """
    stats = None
    if window_stats or center_windows:
        from .layers import WindowCentering, WindowStatistics

        if window_stats:
            stats = WindowStatistics(name="window_statistics")(inputs)
        if center_windows:
            x = WindowCentering(name="window_centering")(x)
    return x, stats


def dense_head(x, n_classes, *, dense_units, activation, dropout=0.0, stats=None):
    """Dropout → [+ ``stats``] → Dense(``dense_units``) → Dense(``n_classes``, softmax).

    A dropout of 0 or ``dense_units=0`` leaves that layer out; ``stats``
    (from :func:`window_block`), when given, is concatenated to the
    learnt features after the dropout.
    """
    from keras import layers

    if dropout > 0:
        x = layers.Dropout(dropout, name="head_dropout")(x)
    if stats is not None:
        x = layers.Concatenate(name="features_and_statistics")([x, stats])
    if dense_units > 0:
        x = layers.Dense(dense_units, activation=activation, name="dense")(x)
    return layers.Dense(n_classes, activation="softmax", name="probabilities")(x)


def conv_min_timesteps(*, kernel_size, n_conv_layers, pool_size, padding):
    """Shortest input that :func:`conv_block` leaves at least one step of."""
    if padding != "valid":
        return 1
    return n_conv_layers * (kernel_size - 1) + max(1, pool_size)


def conv_problem(n_timesteps, *, kernel_size, n_conv_layers, pool_size, padding):
    """Why :func:`conv_block` cannot read ``n_timesteps`` steps (None if it can)."""
    length = conv_output_length(
        n_timesteps,
        kernel_size=kernel_size,
        n_conv_layers=n_conv_layers,
        pool_size=pool_size,
        padding=padding,
    )
    if length >= 1:
        return None
    return (
        f"{n_conv_layers} convolution(s) of kernel_size={kernel_size} and "
        f"pool_size={pool_size} with padding={padding!r} leave {length} steps"
    )


def subsequence_problem(n_timesteps, n_subsequences):
    """Why windows cannot be split into ``n_subsequences`` (None if they can)."""
    if n_timesteps % n_subsequences:
        return (
            f"n_subsequences={n_subsequences} does not divide the window length "
            f"(use windows of a multiple of {n_subsequences} samples or another "
            "n_subsequences)"
        )
    return None


def conv_output_length(n_timesteps, *, kernel_size, n_conv_layers, pool_size, padding):
    """Length after :func:`conv_block` (0 or less: the input is too short)."""
    length = n_timesteps
    if padding == "valid":
        length -= n_conv_layers * (kernel_size - 1)
        if pool_size > 1:
            length = length // pool_size if length > 0 else length
    elif pool_size > 1:
        length = -(-length // pool_size)
    return length
