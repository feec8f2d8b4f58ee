"""Root pytest configuration: doctest collection without the optional extras.

``--doctest-modules`` imports every module of the package. Two of them import
an optional dependency at the top (they are only imported lazily by the
package itself); skip them when that dependency is not installed, so that
the core test suite runs with the core dependencies alone.
"""

import importlib.util

collect_ignore = []
if importlib.util.find_spec("keras") is None:
    collect_ignore.append("sklearn_har/deep/networks/layers.py")
if importlib.util.find_spec("numba") is None:
    collect_ignore.append("sklearn_har/features/_numba_kernels.py")
