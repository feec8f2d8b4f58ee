"""The optimizer of a deep classifier, resolved through public Keras only."""

import inspect

from ._backend import import_keras
from ._routing import unflatten_params

__all__ = ["make_optimizer"]


def make_optimizer(optimizer, routed, learning_rate):
    """A fresh Keras optimizer from a name, class or instance.

    Parameters
    ----------
    optimizer : str, keras optimizer class or instance
        A name known to :func:`keras.optimizers.get` (``"adam"``,
        ``"adamw"``, ...), an optimizer class, or an instance (copied through
        ``get_config``/``from_config``, so that refitting or cloning never
        shares its state).
    routed : dict
        The routed ``optimizer__<name>`` parameters, without the prefix;
        constructor arguments of a name or class (nested ``a__b`` names are
        unflattened by :func:`~sklearn_har.deep._routing.unflatten_params`).
    learning_rate : float, keras schedule or None
        Learning rate (or schedule) to set; ``None`` keeps the optimizer's.

    Returns
    -------
    optimizer : keras.optimizers.Optimizer
        A new optimizer.

    Raises
    ------
    ValueError
        For an unknown name, or routed arguments with an instance.
        Also raised (as by Keras, with the optimizer named) when the routed
        arguments do not fit its constructor.
    TypeError
        If ``optimizer`` is not a name, class or instance of a Keras
        optimizer.
    """
    keras, _ = import_keras()
    base = keras.optimizers.Optimizer
    if isinstance(optimizer, base):
        if routed:
            raise ValueError(
                "optimizer__ parameters need optimizer to be a name or a class, "
                "not an optimizer instance."
            )
        config = optimizer.get_config()
        if learning_rate is not None:
            config["learning_rate"] = learning_rate
        return type(optimizer).from_config(config)
    if isinstance(optimizer, str):
        try:
            cls = type(keras.optimizers.get(optimizer))
        except ValueError as exc:
            raise ValueError(f"Unknown optimizer {optimizer!r}: {exc}") from None
    elif inspect.isclass(optimizer) and issubclass(optimizer, base):
        cls = optimizer
    else:
        raise TypeError(
            "optimizer must be a Keras optimizer name, class or instance, got "
            f"{optimizer!r}."
        )
    kwargs = unflatten_params(routed, prefix="optimizer__")
    if learning_rate is not None:
        kwargs["learning_rate"] = learning_rate
    try:
        return cls(**kwargs)
    except (TypeError, ValueError) as exc:  # Keras raises either
        raise type(exc)(
            f"Could not create the optimizer {cls.__name__}: {exc}. Check the "
            "optimizer__ parameters."
        ) from exc
