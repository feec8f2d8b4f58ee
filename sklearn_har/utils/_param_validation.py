"""Declarative checks of constructor and function parameters.

scikit-learn validates its own parameters with ``sklearn.utils._param_validation``,
a private module that may change in any release. This module gives the same
declarative style, on public Python only, so that ``sklearn_har`` keeps
working across scikit-learn versions:

- an estimator lists ``_parameter_constraints`` (parameter name → list of
  accepted constraints) and decorates ``fit`` with :func:`fit_context`;
- a function is decorated with :func:`validate_params`.

A constraint is one of: an :class:`Interval`, :class:`StrOptions`,
:class:`HasMethods`, ``None``, a type (checked with ``isinstance``), or one
of the strings ``"boolean"``, ``"random_state"``, ``"verbose"``,
``"array-like"``, ``"callable"``.

Booleans are never accepted as numbers: ``window_size=True`` is refused
although ``bool`` is a subclass of ``int``.
"""

import functools
import inspect
import numbers

import numpy as np

__all__ = [
    "HasMethods",
    "Interval",
    "InvalidParameterError",
    "StrOptions",
    "fit_context",
    "validate_parameter_constraints",
    "validate_params",
]


class InvalidParameterError(ValueError, TypeError):
    """A parameter has a value or type that its constraints do not accept.

    It is both a ``ValueError`` and a ``TypeError`` (as scikit-learn's own),
    so either ``except`` clause catches it.
    """


def _is_bool(val):
    return isinstance(val, (bool, np.bool_))


class Interval:
    """Numbers of a type within an interval.

    Parameters
    ----------
    type : {numbers.Integral, numbers.Real}
        ``Integral`` accepts Python and NumPy integers; ``Real`` also accepts
        integers. Booleans, NaN and infinities are refused by both.
    left, right : float or None
        The bounds; ``None`` is unbounded.
    closed : {"left", "right", "both", "neither"}
        Which bounds belong to the interval.

    Examples
    --------
    >>> from numbers import Integral
    >>> Interval(Integral, 1, None, closed="left").is_satisfied_by(3)
    True
    >>> Interval(Integral, 1, None, closed="left").is_satisfied_by(True)
    False
    """

    def __init__(self, type, left, right, *, closed):
        if type not in (numbers.Integral, numbers.Real):
            raise ValueError("Interval type must be numbers.Integral or numbers.Real.")
        if closed not in ("left", "right", "both", "neither"):
            raise ValueError(f"Unknown closed={closed!r}.")
        self.type = type
        self.left = left
        self.right = right
        self.closed = closed

    def is_satisfied_by(self, val):
        if _is_bool(val) or not isinstance(val, self.type):
            return False
        if val != val or val in (float("inf"), float("-inf")):  # NaN, infinity
            return False
        left_ok = (
            self.left is None
            or val > self.left
            or (val == self.left and self.closed in ("left", "both"))
        )
        right_ok = (
            self.right is None
            or val < self.right
            or (val == self.right and self.closed in ("right", "both"))
        )
        return left_ok and right_ok

    def __str__(self):
        kind = "an int" if self.type is numbers.Integral else "a float"
        lo = "-inf" if self.left is None else self.left
        hi = "inf" if self.right is None else self.right
        lb = "[" if self.closed in ("left", "both") and self.left is not None else "("
        rb = "]" if self.closed in ("right", "both") and self.right is not None else ")"
        return f"{kind} in the range {lb}{lo}, {hi}{rb}"


class StrOptions:
    """One string out of a set.

    Examples
    --------
    >>> StrOptions({"low", "high"}).is_satisfied_by("low")
    True
    """

    def __init__(self, options):
        self.options = frozenset(options)

    def is_satisfied_by(self, val):
        return isinstance(val, str) and val in self.options

    def __str__(self):
        return "a str among {" + ", ".join(repr(o) for o in sorted(self.options)) + "}"


class HasMethods:
    """Objects with all the given methods.

    Examples
    --------
    >>> from sklearn.svm import SVC
    >>> HasMethods(["fit", "predict"]).is_satisfied_by(SVC())
    True
    """

    def __init__(self, methods):
        self.methods = [methods] if isinstance(methods, str) else list(methods)

    def is_satisfied_by(self, val):
        return all(callable(getattr(val, m, None)) for m in self.methods)

    def __str__(self):
        names = " and ".join(repr(m) for m in self.methods)
        return f"an object implementing {names}"


class _Predicate:
    def __init__(self, test, text):
        self.test = test
        self.text = text

    def is_satisfied_by(self, val):
        return self.test(val)

    def __str__(self):
        return self.text


def _is_random_state(val):
    return (
        val is None
        or isinstance(val, np.random.RandomState)
        or (isinstance(val, numbers.Integral) and not _is_bool(val) and val >= 0)
    )


def _is_array_like(val):
    return (
        hasattr(val, "__len__") or hasattr(val, "shape") or hasattr(val, "__array__")
    ) and not isinstance(val, (str, bytes))


_NAMED = {
    "boolean": _Predicate(_is_bool, "a bool"),
    "random_state": _Predicate(
        _is_random_state, "an int >= 0, a numpy RandomState or None"
    ),
    "verbose": _Predicate(
        lambda v: _is_bool(v) or (isinstance(v, numbers.Integral) and v >= 0),
        "an int >= 0 or a bool",
    ),
    "array-like": _Predicate(_is_array_like, "an array-like"),
    "callable": _Predicate(callable, "a callable"),
}


def _make_constraint(constraint):
    if constraint is None:
        return _Predicate(lambda v: v is None, "None")
    if isinstance(constraint, str):
        try:
            return _NAMED[constraint]
        except KeyError:
            raise ValueError(f"Unknown constraint {constraint!r}.") from None
    if isinstance(constraint, type):
        return _Predicate(
            lambda v: (
                isinstance(v, constraint)
                and not (_is_bool(v) and constraint in (int, float, numbers.Number))
            ),
            f"an instance of {constraint.__name__!r}",
        )
    if hasattr(constraint, "is_satisfied_by"):
        return constraint
    raise ValueError(f"Unknown constraint {constraint!r}.")


def validate_parameter_constraints(constraints, params, caller_name):
    """Raise :class:`InvalidParameterError` for the first invalid parameter.

    Parameters
    ----------
    constraints : dict
        Parameter name → list of constraints, or the string
        ``"no_validation"``. Parameters not in ``constraints`` are not checked.
    params : dict
        Parameter name → value.
    caller_name : str
        The estimator or function named in the message.

    Examples
    --------
    >>> from numbers import Integral
    >>> validate_parameter_constraints(
    ...     {"n": [Interval(Integral, 1, None, closed="left")]}, {"n": 0}, "f"
    ... )
    Traceback (most recent call last):
    ...
    sklearn_har.utils._param_validation.InvalidParameterError: The 'n' parameter \
of f must be an int in the range [1, inf). Got 0 instead.
    """
    for name, value in params.items():
        accepted = constraints.get(name)
        if accepted is None or (
            isinstance(accepted, str) and accepted == "no_validation"
        ):
            continue
        checks = [_make_constraint(c) for c in accepted]
        if any(c.is_satisfied_by(value) for c in checks):
            continue
        texts = [str(c) for c in checks]
        wanted = (
            texts[0]
            if len(texts) == 1
            else (", ".join(texts[:-1]) + " or " + texts[-1])
        )
        raise InvalidParameterError(
            f"The {name!r} parameter of {caller_name} must be {wanted}. "
            f"Got {value!r} instead."
        )


def validate_estimator_params(estimator):
    """Check an estimator's parameters against its ``_parameter_constraints``."""
    validate_parameter_constraints(
        getattr(estimator, "_parameter_constraints", {}),
        estimator.get_params(deep=False),
        caller_name=type(estimator).__name__,
    )


def fit_context(method):
    """Decorate ``fit``-like methods: validate the parameters, then run.

    Examples
    --------
    >>> from numbers import Integral
    >>> from sklearn.base import BaseEstimator
    >>> class Est(BaseEstimator):
    ...     _parameter_constraints = {"n": [Interval(Integral, 1, None, closed="left")]}
    ...     def __init__(self, n=1):
    ...         self.n = n
    ...     @fit_context
    ...     def fit(self, X, y=None):
    ...         return self
    >>> Est(n=2).fit(None).n
    2
    """

    @functools.wraps(method)
    def wrapper(estimator, *args, **kwargs):
        validate_estimator_params(estimator)
        return method(estimator, *args, **kwargs)

    return wrapper


def validate_params(constraints):
    """Decorate a function so that its arguments are checked on every call.

    Examples
    --------
    >>> @validate_params({"name": [str]})
    ... def hello(name):
    ...     return "hello " + name
    >>> hello("you")
    'hello you'
    """

    def decorator(func):
        signature = inspect.signature(func)

        @functools.wraps(func)
        def wrapper(*args, **kwargs):
            bound = signature.bind(*args, **kwargs)
            bound.apply_defaults()
            validate_parameter_constraints(
                constraints, dict(bound.arguments), caller_name=func.__qualname__
            )
            return func(*args, **kwargs)

        return wrapper

    return decorator
