"""Routed parameters of the deep classifiers (``model__``, ``fit__``, ...).

As in scikeras, any extra constructor keyword ``<prefix>__<name>`` is a
*routed parameter*: it is stored as an attribute, appears in ``get_params``,
is set by ``set_params`` (so ``clone`` and ``GridSearchCV`` treat it like
any other parameter) and is handed to the Keras call named by its prefix.
Names are checked in ``fit``, like every parameter.
"""

__all__ = ["ROUTING_PREFIXES", "RoutedParamsMixin", "unflatten_params"]

#: Prefixes of routed parameters and where they go.
ROUTING_PREFIXES = {
    "model": "keyword arguments of the network builder",
    "fit": "keyword arguments of keras.Model.fit",
    "predict": "prediction settings (only batch_size)",
    "compile": "keyword arguments of keras.Model.compile",
    "optimizer": "constructor arguments of the optimizer",
}

# Keras arguments the classifiers set themselves: routing them would be ambiguous.
RESERVED = {
    "fit": {
        "x",
        "y",
        "epochs",
        "batch_size",
        "validation_split",
        "class_weight",
        "sample_weight",
        "verbose",
        "initial_epoch",
    },
    "predict": set(),
    "compile": {"optimizer", "loss", "run_eagerly"},
    "optimizer": {"learning_rate"},
}


def unflatten_params(params, *, prefix=""):
    """Turn flat ``a__b`` names into constructor arguments.

    ``{"a": 1}`` stays ``{"a": 1}``; ``{"a": C, "a__b": 2}`` becomes
    ``{"a": C(b=2)}`` when ``C`` is a class (scikeras' convention for
    arguments that are objects themselves), recursively.

    Parameters
    ----------
    params : dict
        Flat names (without the routing prefix) mapped to values.
    prefix : str, default=""
        The routing prefix, for error messages (e.g. ``"optimizer__"``).

    Returns
    -------
    kwargs : dict
        Keyword arguments.

    Raises
    ------
    ValueError
        If nested names ``a__b`` are given while ``a`` is not a class.

    Examples
    --------
    >>> from sklearn_har.deep._routing import unflatten_params
    >>> unflatten_params({"beta_1": 0.8, "clipnorm": 1.0})
    {'beta_1': 0.8, 'clipnorm': 1.0}
    >>> class Schedule:
    ...     def __init__(self, rate):
    ...         self.rate = rate
    >>> unflatten_params({"lr": Schedule, "lr__rate": 0.1})["lr"].rate
    0.1
    """
    flat, nested = {}, {}
    for key, value in params.items():
        head, sep, rest = key.partition("__")
        if sep:
            nested.setdefault(head, {})[rest] = value
        else:
            flat[key] = value
    for head, sub in nested.items():
        target = flat.get(head)
        if not isinstance(target, type):
            raise ValueError(
                f"{prefix}{head}__{next(iter(sub))} needs {prefix}{head} to be a "
                f"class (it is instantiated with the nested parameters), got "
                f"{target!r}."
            )
        flat[head] = target(**unflatten_params(sub, prefix=f"{prefix}{head}__"))
    return flat


class RoutedParamsMixin:
    """``get_params``/``set_params`` with routed parameters, and their look-up.

    The estimator's ``__init__`` takes ``**kwargs`` and hands them to
    :meth:`_set_routed_params`; ``fit`` calls :meth:`_check_routed_names`
    and reads them with :meth:`_routed` or :meth:`_checked_routed`.
    """

    def _set_routed_params(self, kwargs):
        """Store the extra constructor keywords (checked in ``fit``, like all params)."""
        for key, value in kwargs.items():
            setattr(self, key, value)

    def _extra_param_names(self):
        """Names of the parameters given through ``**kwargs`` (routed parameters)."""
        named = set(self._get_param_names())
        return [
            k
            for k in vars(self)
            if k not in named and not k.startswith("_") and not k.endswith("_")
        ]

    def _check_routed_names(self):
        expected = ", ".join(f"{p}__" for p in ROUTING_PREFIXES)
        for key in self._extra_param_names():
            prefix, sep, rest = key.partition("__")
            if not sep or prefix not in ROUTING_PREFIXES or not rest:
                raise ValueError(
                    f"{type(self).__name__} got an unexpected parameter {key!r}. "
                    f"Besides its named parameters it accepts routed parameters "
                    f"starting with {expected}."
                )

    def _routed(self, prefix):
        """Routed parameters ``prefix__name`` as ``{name: value}``."""
        start = prefix + "__"
        return {
            k[len(start) :]: v for k, v in vars(self).items() if k.startswith(start)
        }

    def _checked_routed(self, prefix):
        """:meth:`_routed`, refusing the Keras arguments the estimator sets itself."""
        routed = self._routed(prefix)
        clash = set(routed) & RESERVED.get(prefix, set())
        if clash:
            name = sorted(clash)[0]
            raise ValueError(
                f"{prefix}__{name} cannot be routed: {type(self).__name__} sets it "
                "from its own parameters (e.g. epochs, batch_size, learning_rate)."
            )
        return routed

    def get_params(self, deep=True):
        """Get parameters for this estimator, routed ones included.

        Parameters
        ----------
        deep : bool, default=True
            Ignored (no parameter is an estimator); kept for the API.

        Returns
        -------
        params : dict
            Parameter names mapped to their values.
        """
        params = super().get_params(deep=deep)
        for key in self._extra_param_names():
            params[key] = getattr(self, key)
        return params

    def set_params(self, **params):
        """Set parameters, including routed ones such as ``optimizer__beta_1``.

        Parameters
        ----------
        **params : dict
            Estimator parameters.

        Returns
        -------
        self : estimator instance
            The estimator.
        """
        plain = {}
        extra = set(self._extra_param_names())
        for key, value in params.items():
            if "__" in key or key in extra:
                # Routed parameters are flat: ``optimizer__beta_1`` is not a
                # nested estimator parameter. Names are checked in ``fit``.
                setattr(self, key, value)
            else:
                plain[key] = value
        if plain:
            super().set_params(**plain)
        return self
