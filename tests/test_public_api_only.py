"""The package uses only the public API of its dependencies.

A private name (``sklearn.utils._param_validation``, ``scikeras._utils``,
``tensorflow.python``…) can change in any release of the dependency; this
test reads every module of the package and fails on any import of one.
"""

import ast
from pathlib import Path

import pytest

import sklearn_har

PACKAGE = Path(sklearn_har.__file__).parent
MODULES = sorted(PACKAGE.rglob("*.py"))

# Top-level module names that are the package's own code.
OWN = {"sklearn_har"}


def _private_parts(dotted):
    """The private components of a dotted module path (``_x``, not ``__x__``)."""
    return [
        part
        for part in dotted.split(".")
        if part.startswith("_") and not (part.startswith("__") and part.endswith("__"))
    ]


# Dependencies whose public API lives in a module with a private-looking
# name: none today. (``tensorflow.python`` is private although the name is not
# underscored, so it is listed below.)
PRIVATE_PACKAGES = ("tensorflow.python", "keras.src", "tf_keras.src")


def private_imports(path):
    """``(line, text)`` for every import of a private name from a dependency."""
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            for alias in node.names:
                top = alias.name.split(".")[0]
                if top in OWN:
                    continue
                if _private_parts(alias.name) or alias.name.startswith(
                    PRIVATE_PACKAGES
                ):
                    found.append((node.lineno, f"import {alias.name}"))
        elif isinstance(node, ast.ImportFrom):
            if node.level > 0 or node.module is None:
                continue  # relative: the package's own modules
            if node.module.split(".")[0] in OWN:
                continue
            names = [a.name for a in node.names]
            if (
                _private_parts(node.module)
                or node.module.startswith(PRIVATE_PACKAGES)
                or any(_private_parts(n) for n in names)
            ):
                found.append(
                    (node.lineno, f"from {node.module} import {', '.join(names)}")
                )
    return found


def test_modules_found():
    assert len(MODULES) > 30
    assert PACKAGE / "utils" / "_param_validation.py" in MODULES


@pytest.mark.parametrize("path", MODULES, ids=lambda p: str(p.relative_to(PACKAGE)))
def test_no_private_import_from_dependencies(path):
    found = private_imports(path)
    assert not found, (
        f"{path.relative_to(PACKAGE)} imports private names: "
        + "; ".join(f"line {line}: {text}" for line, text in found)
    )


@pytest.mark.parametrize(
    "source, n_found",
    [
        ("from sklearn.utils._param_validation import Interval", 1),
        ("from sklearn.base import _fit_context", 1),
        ("import tensorflow.python.eager.context", 1),
        ("from scikeras._utils import unflatten_params", 1),
        ("from keras.src import ops", 1),
        ("from sklearn.utils.validation import check_is_fitted", 0),
        ("from ..utils._param_validation import Interval", 0),
        ("from sklearn_har.utils._validation import check_windows", 0),
        ("import numpy.__config__", 0),
    ],
)
def test_detector(tmp_path, source, n_found):
    path = tmp_path / "mod.py"
    path.write_text(source + "\n")
    assert len(private_imports(path)) == n_found
