"""The gallery examples follow the sphinx-gallery format, and the API page is complete.

Examples are discovered in ``examples/`` (never listed by hand).  They are
run by the documentation build (``tests/test_docs.py``), as sphinx-gallery
runs them for the published docs.
"""

import ast
import importlib
import importlib.util
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
EXAMPLES = sorted((ROOT / "examples").glob("plot_*.py"))
API_RST = ROOT / "docs" / "api.rst"

# documented public subpackages: every name of their __all__ is on the API page
DOCUMENTED_MODULES = (
    "sklearn_har.windowing",
    "sklearn_har.preprocessing",
    "sklearn_har.datasets",
    "sklearn_har.features",
    "sklearn_har.deep",
    "sklearn_har.deep.networks",
    "sklearn_har.model_selection",
    "sklearn_har.pipeline",
    "sklearn_har.plotting",
    "sklearn_har.streaming",
    "sklearn_har.export",
    "sklearn_har.scale_out",
    "sklearn_har.utils",
)


def _full_data_calls(source):
    """Calls that read the full data sets rather than the bundled sample."""
    for node in ast.walk(ast.parse(source)):
        if not isinstance(node, ast.Call):
            continue
        func = node.func
        name = func.attr if isinstance(func, ast.Attribute) else getattr(func, "id", "")
        if name in ("load_hapt", "load_uci_har"):
            yield node
        elif name == "load_uci_protocol":
            first = node.args[0] if node.args else None
            if not (isinstance(first, ast.Constant) and first.value == "sample"):
                yield node


def test_full_data_calls_are_detected():
    code = (
        "load_hapt()\nd.load_uci_protocol()\nload_uci_protocol('sample')\nload_sample()"
    )
    assert [c.lineno for c in _full_data_calls(code)] == [1, 2]


def test_examples_are_found():
    assert len(EXAMPLES) >= 13, (
        f"expected the 13 gallery scripts in {ROOT / 'examples'}"
    )
    assert (ROOT / "examples" / "README.rst").exists()


@pytest.mark.parametrize("path", EXAMPLES, ids=lambda p: p.stem)
def test_example_format(path):
    """A title docstring, narrative ``# %%`` cells, and only bundled data."""
    source = path.read_text(encoding="utf-8")
    docstring = ast.get_docstring(ast.parse(source))
    assert docstring, f"{path.name} has no module docstring"
    lines = docstring.strip().splitlines()
    # sphinx-gallery title: a line over- and underlined with '=' of its length
    assert len(lines) >= 4 and set(lines[0]) == {"="} and set(lines[2]) == {"="}, (
        f"{path.name}: the docstring must start with an '=' over/underlined title"
    )
    assert len(lines[0]) == len(lines[1]) == len(lines[2]), (
        f"{path.name}: the title rules must match the title length"
    )
    assert source.count("\n# %%") >= 2, f"{path.name} needs '# %%' cells"
    # the gallery builds offline: no full data set, no download
    for call in _full_data_calls(source):
        pytest.fail(f"{path.name}:{call.lineno} loads the full data; use the sample")


def _api_names():
    """Names documented under each ``.. currentmodule::`` of docs/api.rst."""
    listed, module = {}, None
    in_autosummary = False
    for line in API_RST.read_text(encoding="utf-8").splitlines():
        stripped = line.strip()
        if stripped.startswith(".. currentmodule::"):
            module = stripped.split("::", 1)[1].strip()
            in_autosummary = False
        elif stripped.startswith(".. autosummary::"):
            in_autosummary = True
        elif stripped.startswith(
            (".. autodata::", ".. autofunction::", ".. autoclass::", ".. data::")
        ):
            listed.setdefault(module, set()).add(stripped.split("::", 1)[1].strip())
            in_autosummary = False
        elif in_autosummary and line.startswith("   ") and not stripped.startswith(":"):
            listed.setdefault(module, set()).add(stripped)
        elif stripped and not line.startswith(" "):
            in_autosummary = False
    return listed


@pytest.mark.parametrize("module_name", DOCUMENTED_MODULES)
def test_api_reference_lists_every_public_name(module_name):
    module = importlib.import_module(module_name)
    listed = _api_names().get(module_name, set())
    missing = sorted(set(module.__all__) - listed)
    assert not missing, f"docs/api.rst does not list {module_name}: {missing}"
    unknown = sorted(listed - set(module.__all__))
    assert not unknown, (
        f"docs/api.rst lists names not in {module_name}.__all__: {unknown}"
    )


def test_api_reference_covers_every_subpackage():
    import sklearn_har

    subpackages = set()
    for name in sklearn_har._SUBMODULES:
        spec = importlib.util.find_spec(f"sklearn_har.{name}")
        if spec is not None and spec.origin is not None:  # not an empty folder
            subpackages.add(spec.name)
    undocumented = sorted(subpackages - set(DOCUMENTED_MODULES))
    assert not undocumented, f"add {undocumented} to docs/api.rst and this test"
