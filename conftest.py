"""Root pytest configuration: doctests without the optional extras.

``--doctest-modules`` imports every module of the package and runs its
examples. These modules import an optional dependency at the top (the
package itself imports them lazily) or show it in their examples; their
doctests are skipped where it is not installed, so that the test suite also
runs with the core dependencies alone.
"""

import importlib.util

_NEEDS = {
    "sklearn_har/deep/networks/layers.py": ("keras",),
    "sklearn_har/features/_numba_kernels.py": ("numba",),
    "sklearn_har/features/_tsfresh.py": ("tsfresh", "pandas"),
    "sklearn_har/plotting/_scores.py": ("matplotlib",),
    "sklearn_har/plotting/_history.py": ("matplotlib",),
    "sklearn_har/plotting/_recording.py": ("matplotlib",),
}

collect_ignore = [
    path
    for path, modules in _NEEDS.items()
    if not all(importlib.util.find_spec(m) for m in modules)
]
