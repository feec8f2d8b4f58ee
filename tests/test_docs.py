"""The documentation builds, runs every gallery example, and warns about nothing of ours.

Sphinx runs in a subprocess on a copy of ``docs/`` and ``examples/`` (so the
gallery is always executed afresh and the source tree gets no build
output).  Warnings that do not come from the project's own text are filtered,
each for a stated reason; anything else fails the test.
"""

import importlib.util
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]

NEEDS = ("sphinx", "sphinx_gallery", "numpydoc", "matplotlib", "tensorflow", "tsfresh")

IGNORED = (
    # offline: the intersphinx inventories of Python, numpy, scikit-learn...
    # cannot be fetched; names then stay plain text
    re.compile(r"failed to reach any of the inventories"),
    re.compile(r"intersphinx inventory .* not fetchable"),
    # docstrings inherited unchanged from scikit-learn (set_output, score...)
    # link to labels of scikit-learn's own documentation
    re.compile(r"docstring of sklearn\."),
)


def _problems(stderr):
    lines = [ln for ln in stderr.splitlines() if "WARNING" in ln or "ERROR" in ln]
    lines = [ln for ln in lines if "absl::InitializeLog" not in ln]  # TF import notice
    return [ln for ln in lines if not any(p.search(ln) for p in IGNORED)]


@pytest.mark.slow
def test_docs_and_gallery_build_without_warnings(tmp_path):
    missing = [m for m in NEEDS if importlib.util.find_spec(m) is None]
    if missing:  # a run with the core dependencies only cannot build the gallery
        pytest.skip(f"the docs build needs {missing} (extras docs, deep, tsfresh)")
    shutil.copytree(
        ROOT / "docs",
        tmp_path / "docs",
        ignore=shutil.ignore_patterns("_build", "generated", "auto_examples"),
    )
    shutil.copytree(ROOT / "examples", tmp_path / "examples")
    env = {
        **os.environ,
        "MPLBACKEND": "Agg",
        "TF_CPP_MIN_LOG_LEVEL": "3",
        "PYTHONPATH": str(ROOT),
    }
    proc = subprocess.run(
        [sys.executable, "-m", "sphinx", "-b", "html", "-q", "docs", "_build/html"],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        env=env,
    )
    assert proc.returncode == 0, proc.stderr[-5000:]
    problems = _problems(proc.stderr)
    assert not problems, "\n".join(problems)
    # every example ran and has its page, with its figures
    html = tmp_path / "_build" / "html" / "auto_examples"
    for example in sorted((ROOT / "examples").glob("plot_*.py")):
        page = html / f"{example.stem}.html"
        assert page.exists(), f"{example.name} has no gallery page"
        assert "sphx-glr-single-img" in page.read_text(encoding="utf-8") or (
            "sphx-glr-multi-img" in page.read_text(encoding="utf-8")
        ), f"{example.name} shows no figure"
    assert (tmp_path / "_build" / "html" / "api.html").exists()
