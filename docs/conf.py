"""Sphinx configuration of the sklearn_har documentation.

Build with ``python -m sphinx -b html . _build/html`` from this folder (or
``make html``).  The API pages are generated into ``generated/`` and the
example gallery into ``auto_examples/``; both are git-ignored.  Set
``SKLEARN_HAR_PLOT_GALLERY=0`` to build without running the examples.
"""

import os
import sys
from pathlib import Path

from sphinx.errors import PycodeError
from sphinx.pycode import ModuleAnalyzer

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE / "sphinxext"))  # gallery_order
sys.path.insert(0, str(HERE.parent))  # the package, if not installed

import sklearn_har  # noqa: E402

# -- Project -----------------------------------------------------------------
project = "sklearn_har"
author = "sklearn_har developers"
copyright = "sklearn_har developers"  # noqa: A001
release = sklearn_har.__version__
version = ".".join(release.split(".")[:2])

# -- General -----------------------------------------------------------------
extensions = [
    "sphinx.ext.autodoc",
    "sphinx.ext.autosummary",
    "sphinx.ext.intersphinx",
    "sphinx.ext.mathjax",
    "numpydoc",
    "sphinx_gallery.gen_gallery",
]
templates_path = ["_templates"]
exclude_patterns = ["_build", "Thumbs.db", ".DS_Store", "**.ipynb_checkpoints"]
root_doc = "index"
default_role = "literal"
pygments_style = "sphinx"

# -- autodoc / autosummary / numpydoc ---------------------------------------
autosummary_generate = True
autodoc_default_options = {"members": True, "inherited-members": True}
autodoc_typehints = "none"
# autodoc documents the methods (autodoc_default_options); numpydoc's own
# member tables would repeat them.
numpydoc_show_class_members = False
numpydoc_class_members_toctree = False
numpydoc_xref_param_type = True
# Types link with :obj: roles only: unresolved ones (offline, without the
# intersphinx inventories) stay plain text instead of raising warnings, as
# numpydoc's default :term:/:ref: links for bool, sequence, ... would.
numpydoc_xref_aliases = {
    "None": "None",
    "True": "True",
    "False": "False",
    "list": "list",
    "tuple": "tuple",
    "str": "str",
    "string": "str",
    "dict": "dict",
    "float": "float",
    "int": "int",
    "callable": "callable",
    "bool": "bool",
    "boolean": "bool",
    "iterable": "collections.abc.Iterable",
    "sequence": "collections.abc.Sequence",
    "generator": "collections.abc.Generator",
    "scalar": "numbers.Number",
    "array-like": "numpy.typing.ArrayLike",
    "array_like": "numpy.typing.ArrayLike",
    "path-like": "os.PathLike",
    "estimator": "sklearn.base.BaseEstimator",
    "transformer": "sklearn.base.TransformerMixin",
    "Bunch": "sklearn.utils.Bunch",
    "Pipeline": "sklearn.pipeline.Pipeline",
    "DataFrame": "pandas.DataFrame",
}
numpydoc_xref_ignore = {
    "of",
    "or",
    "shape",
    "default",
    "optional",
    "such",
    "in",
    "to",
    "n_samples",
    "n_channels",
    "n_windows",
    "n_timesteps",
    "n_features",
    "n_classes",
    "window_size",
    "only",
    "if",
    "instance",
    "object",
    "keras",
    "class",
}


# -- intersphinx ---------------------------------------------------------------
# Links to the standard references.  Offline the inventories cannot be
# fetched: Sphinx then warns once per inventory and the build goes on with
# plain-text names.
intersphinx_mapping = {
    "python": ("https://docs.python.org/3", None),
    "numpy": ("https://numpy.org/doc/stable", None),
    "scipy": ("https://docs.scipy.org/doc/scipy", None),
    "sklearn": ("https://scikit-learn.org/stable", None),
    "matplotlib": ("https://matplotlib.org/stable", None),
    "pandas": ("https://pandas.pydata.org/docs", None),
}
intersphinx_timeout = 5

# -- sphinx-gallery ------------------------------------------------------------
os.environ.setdefault("MPLBACKEND", "Agg")
sphinx_gallery_conf = {
    "examples_dirs": "../examples",
    "gallery_dirs": "auto_examples",
    "filename_pattern": r"/plot_",
    "within_subsection_order": "gallery_order.ExampleOrder",
    # Each API page lists the examples that use the object.
    "backreferences_dir": "generated/backreferences",
    "doc_module": ("sklearn_har",),
    "reference_url": {"sklearn_har": None},
    "plot_gallery": os.environ.get("SKLEARN_HAR_PLOT_GALLERY", "True"),
    "remove_config_comments": True,
    "min_reported_time": 0,
    "show_memory": False,
    "abort_on_example_error": False,
}

# -- HTML --------------------------------------------------------------------
try:
    import pydata_sphinx_theme  # noqa: F401
except ImportError:  # the docs extra not installed: the Sphinx default
    html_theme = "alabaster"
    html_theme_options = {}
else:
    html_theme = "pydata_sphinx_theme"
    html_theme_options = {
        "navbar_align": "left",
        "show_toc_level": 2,
        "secondary_sidebar_items": ["page-toc", "sourcelink"],
    }
html_title = f"sklearn_har {release}"
html_static_path = []
html_show_sourcelink = True


# -- Hooks ---------------------------------------------------------------------


def skip_metadata_routing(app, what, name, obj, skip, options):
    """Leave scikit-learn's metadata-routing machinery off the class pages.

    ``get_metadata_routing`` and the generated ``set_<method>_request``
    methods are inherited unchanged from scikit-learn, which documents them
    in its metadata routing guide.
    """
    if name == "get_metadata_routing" or (
        name.startswith("set_") and name.endswith("_request")
    ):
        return True
    return skip


def constant_docstring(app, what, name, obj, options, lines):
    """Document a re-exported constant with its ``#:`` comment.

    autodoc looks for the comment in the public subpackage, where the
    constant is only imported, and falls back to the docstring of its type
    ("Built-in immutable sequence...").  Take the comment from the private
    module that defines the constant instead.
    """
    if what != "data":
        return
    package, _, attr = name.rpartition(".")
    for modname in sorted(m for m in list(sys.modules) if m.startswith(package + ".")):
        if getattr(sys.modules[modname], attr, None) is not obj:
            continue
        try:
            docs = ModuleAnalyzer.for_module(modname).find_attr_docs()
        except PycodeError:
            continue
        if ("", attr) in docs:
            lines[:] = list(docs["", attr])
            return
    if "\n".join(lines).strip() == (type(obj).__doc__ or "").strip():
        lines.clear()


def setup(app):
    app.connect("autodoc-skip-member", skip_metadata_routing)
    app.connect("autodoc-process-docstring", constant_docstring)
