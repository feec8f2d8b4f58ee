"""The kernel table: one implementation of every per-signal kernel per engine.

:class:`~sklearn_har.features.UCIHARFeatureExtractor` computes its
per-signal statistics, Burg AR coefficients and correlations through the
kernels named in :data:`KERNELS`.  Each engine is one module that defines
all of them with the same signatures and rules: ``"numpy"`` is
:mod:`._stats` (vectorised numpy, the reference) and ``"numba"`` is
:mod:`._numba_kernels` (compiled, extra ``fast``).  The extractor resolves
its ``engine`` parameter and loads the table row once per call; nothing
else in the package branches on the engine.
"""

import functools
import importlib
import importlib.util
from typing import NamedTuple

__all__ = ["ENGINES", "KERNELS", "Kernels", "load_kernels", "resolve_engine"]


class Kernels(NamedTuple):
    """The kernels of one engine (see :mod:`._stats` for their contracts)."""

    row_statistics: object
    burg_ar: object
    correlation_pairs: object


#: Kernel names, i.e. the columns of the table.
KERNELS = Kernels._fields

#: Engine -> module (relative to this package) that implements every kernel.
ENGINES = {"numpy": "._stats", "numba": "._numba_kernels"}


def resolve_engine(engine, owner):
    """The engine to use, ``"numpy"`` or ``"numba"``, for parameter ``engine``.

    Parameters
    ----------
    engine : {"auto", "numba", "numpy"}
        ``"auto"`` picks numba when it is installed.
    owner : str
        The estimator, named in the error message.

    Returns
    -------
    engine : str

    Raises
    ------
    ImportError
        For ``"numba"`` when numba is not installed.

    Examples
    --------
    >>> from sklearn_har.features._kernels import resolve_engine
    >>> resolve_engine("numpy", "UCIHARFeatureExtractor")
    'numpy'
    """
    has_numba = importlib.util.find_spec("numba") is not None
    if engine == "numba" and not has_numba:
        raise ImportError(
            f"{owner}(engine='numba') needs numba: pip install "
            "'sklearn_har[fast]' (or numba), or use engine='numpy'."
        )
    if engine == "auto":
        return "numba" if has_numba else "numpy"
    return engine


@functools.cache
def load_kernels(engine):
    """The row of the kernel table for a resolved ``engine``.

    Parameters
    ----------
    engine : {"numpy", "numba"}
        An engine of :data:`ENGINES`.

    Returns
    -------
    kernels : Kernels
        ``row_statistics``, ``burg_ar`` and ``correlation_pairs`` of that
        engine.

    Examples
    --------
    >>> from sklearn_har.features._kernels import load_kernels
    >>> load_kernels("numpy").burg_ar.__module__
    'sklearn_har.features._stats'
    """
    module = importlib.import_module(ENGINES[engine], __package__)
    return Kernels(*(getattr(module, name) for name in KERNELS))
