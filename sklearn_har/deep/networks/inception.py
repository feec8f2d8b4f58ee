"""The InceptionTime network of Ismail Fawaz et al. (2020)."""

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
    "build_inception_time",
    "check_timesteps",
    "inception_kernel_sizes",
    "min_timesteps",
]

#: Constraints of the hyper-parameters of :func:`build_inception_time`.
PARAMETER_CONSTRAINTS = {
    "n_filters": POSITIVE_INT,
    "kernel_size": POSITIVE_INT,
    "bottleneck_size": NON_NEGATIVE_INT,
    "depth": POSITIVE_INT,
    "residual_every": NON_NEGATIVE_INT,
    "dropout": RATE,
    "dense_units": NON_NEGATIVE_INT,
    **INPUT_PARAMETER_CONSTRAINTS,
}


def inception_kernel_sizes(kernel_size):
    """Kernel lengths of the three convolution branches of a module.

    ``kernel_size``, its half and its quarter (at least 1), as in the
    reference implementation: 40 gives (40, 20, 10), 20 gives (20, 10, 5).

    Parameters
    ----------
    kernel_size : int
        Length of the longest kernel.

    Returns
    -------
    kernel_sizes : tuple of int
    """
    return tuple(max(1, kernel_size // 2**i) for i in range(3))


@with_input_params_doc
def build_inception_time(
    input_shape,
    n_classes,
    *,
    n_filters=32,
    kernel_size=40,
    bottleneck_size=32,
    depth=6,
    residual_every=3,
    dropout=0.0,
    dense_units=0,
    activation="relu",
    noise_std=0.0,
    window_stats=False,
    center_windows=False,
):
    """Build one InceptionTime network (uncompiled).

    ``depth`` inception modules, then global average pooling over time →
    [Dropout → Dense(``dense_units``)] → Dense(``n_classes``, softmax). A
    module is a 1×1 bottleneck convolution to ``bottleneck_size`` channels
    (left out when the input has a single channel or with
    ``bottleneck_size=0``) feeding three convolutions of ``n_filters``
    filters and kernels :func:`inception_kernel_sizes` (``kernel_size``,
    its half, its quarter), in parallel with a max-pooling (3, stride 1)
    of the module's input followed by a 1×1 convolution of ``n_filters``;
    the four branches are concatenated (``4 * n_filters`` channels), batch
    normalised and activated. Every ``residual_every`` modules a shortcut
    (1×1 convolution + batch normalisation) from the input of that group of
    modules is added, then the activation (0: no shortcuts). Convolutions
    have no bias (batch normalisation follows). The defaults are the
    published network: 32 filters, kernels 40/20/10, bottleneck 32, depth
    6, a shortcut every 3 modules.

    Parameters
    ----------
    input_shape : tuple of int
        ``(n_timesteps, n_channels)`` of one window.
    n_classes : int
        Number of output units (softmax).
    n_filters : int, default=32
        Filters of each of the four branches of a module.
    kernel_size : int, default=40
        Longest kernel of a module (the others are its half and quarter).
    bottleneck_size : int, default=32
        Channels of the bottleneck convolution (0 leaves it out).
    depth : int, default=6
        Number of inception modules.
    residual_every : int, default=3
        Modules between shortcuts (0: no residual connections).
    dropout : float, default=0.0
        Dropout rate after the global average pooling (0 leaves it out).
    dense_units : int, default=0
        Units of a hidden dense layer after the pooling (0 leaves it out).
    activation : str, default="relu"
        Activation after every module, shortcut and the hidden dense layer.
    {input_params}

    Returns
    -------
    model : keras.Model
        Uncompiled model mapping windows ``(batch, n_timesteps, n_channels)``
        to class probabilities ``(batch, n_classes)``.

    References
    ----------
    H. Ismail Fawaz, B. Lucas, G. Forestier, C. Pelletier, D. F. Schmidt,
    J. Weber, G. I. Webb, L. Idoumghar, P.-A. Muller and F. Petitjean
    (2020), "InceptionTime: Finding AlexNet for time series
    classification", Data Mining and Knowledge Discovery 34, 1936-1962.

    Examples
    --------
    >>> from sklearn_har.deep.networks import build_inception_time
    >>> model = build_inception_time((128, 9), 6, kernel_size=20)  # doctest: +SKIP
    >>> model.output_shape  # doctest: +SKIP
    (None, 6)
    """
    import keras
    from keras import layers

    inputs, x0 = input_block(tuple(input_shape), noise_std=noise_std)
    x, stats = window_block(
        inputs, x0, window_stats=window_stats, center_windows=center_windows
    )
    group_input = x
    for d in range(1, depth + 1):
        name = f"inception{d}"
        branch_input = x
        if bottleneck_size > 0 and x.shape[-1] > 1:
            branch_input = layers.Conv1D(
                bottleneck_size,
                1,
                padding="same",
                use_bias=False,
                name=f"{name}_bottleneck",
            )(x)
        branches = [
            layers.Conv1D(
                n_filters,
                k,
                padding="same",
                use_bias=False,
                name=f"{name}_conv{k}",
            )(branch_input)
            for k in inception_kernel_sizes(kernel_size)
        ]
        pooled = layers.MaxPooling1D(3, strides=1, padding="same", name=f"{name}_pool")(
            x
        )
        branches.append(
            layers.Conv1D(
                n_filters, 1, padding="same", use_bias=False, name=f"{name}_pool_conv"
            )(pooled)
        )
        x = layers.Concatenate(name=f"{name}_concat")(branches)
        x = layers.BatchNormalization(name=f"{name}_bn")(x)
        x = layers.Activation(activation, name=f"{name}_act")(x)
        if residual_every and d % residual_every == 0:
            shortcut = layers.Conv1D(
                x.shape[-1],
                1,
                padding="same",
                use_bias=False,
                name=f"shortcut{d}_conv",
            )(group_input)
            shortcut = layers.BatchNormalization(name=f"shortcut{d}_bn")(shortcut)
            x = layers.Add(name=f"shortcut{d}_add")([shortcut, x])
            x = layers.Activation(activation, name=f"shortcut{d}_act")(x)
            group_input = x
    x = layers.GlobalAveragePooling1D(name="gap")(x)
    outputs = dense_head(
        x,
        n_classes,
        dense_units=dense_units,
        activation=activation,
        dropout=dropout,
        stats=stats,
    )
    return keras.Model(inputs, outputs, name="inception_time")


def min_timesteps(**params):
    """Shortest window :func:`build_inception_time` reads: one sample.

    Every convolution and pooling is ``"same"``-padded and the global
    average pooling reads any length. (Kernels longer than the window
    mostly read the zero padding: choose ``kernel_size`` well below the
    window length.)

    Parameters
    ----------
    **params : dict
        Hyper-parameters of :func:`build_inception_time` (ignored).

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
        Hyper-parameters of :func:`build_inception_time` (ignored).

    Returns
    -------
    problem : str or None
        A short explanation, or None when the network reads such windows.
    """
    return None if n_timesteps >= 1 else "a window needs at least one sample"


NETWORK = Network(
    build_inception_time, PARAMETER_CONSTRAINTS, min_timesteps, check_timesteps
)
