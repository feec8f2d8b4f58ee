"""Find every public estimator of sklearn_har (used by the common tests)."""

import importlib
import inspect
import pkgutil

from sklearn.base import BaseEstimator

__all__ = ["all_estimators"]


def all_estimators(*, include_deep=None):
    """List the public estimator classes of sklearn_har.

    Parameters
    ----------
    include_deep : bool, default=None
        Include the Keras classifiers of :mod:`sklearn_har.deep`.  ``None``
        includes them only when TensorFlow and scikeras are installed.

    Returns
    -------
    estimators : list of (name, class) tuples
        Sorted by name; private and abstract classes are left out.

    Examples
    --------
    >>> from sklearn_har.utils import all_estimators
    >>> "SlidingWindowTransformer" in dict(all_estimators(include_deep=False))
    True
    """
    import sklearn_har

    if include_deep is None:
        include_deep = all(
            importlib.util.find_spec(m) is not None for m in ("tensorflow", "scikeras")
        )
    found = {}
    for info in pkgutil.walk_packages(sklearn_har.__path__, prefix="sklearn_har."):
        parts = info.name.split(".")
        if any(p.startswith("_") for p in parts[1:]) or ".tests" in info.name:
            continue
        if parts[1] in ("cli", "__main__") or (parts[1] == "deep" and not include_deep):
            continue
        module = importlib.import_module(info.name)
        for name, obj in inspect.getmembers(module, inspect.isclass):
            if (
                issubclass(obj, BaseEstimator)
                and obj.__module__.startswith("sklearn_har")
                and not name.startswith("_")
                and not inspect.isabstract(obj)
            ):
                found[name] = obj
    return sorted(found.items())
