"""The optional-dependency extras of pyproject.toml, ``deep`` and ``deep-gpu``.

``deep`` installs ``tensorflow-cpu`` on x86-64 (a smaller wheel without the
CUDA libraries); ``deep-gpu`` installs ``tensorflow[and-cuda]`` on Linux,
which pulls NVIDIA's CUDA and cuDNN wheels. The two extras are alternatives:
``tensorflow`` and ``tensorflow-cpu`` both install the ``tensorflow`` module.

The resolution test asks PyPI (metadata only, ``pip install --dry-run``) and
runs only with ``SKLEARN_HAR_NETWORK_TESTS=1``.
"""

import json
import os
import platform
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

tomllib = pytest.importorskip("tomllib", reason="tomllib is in Python >= 3.11")
requirements = pytest.importorskip("packaging.requirements")
markers = pytest.importorskip("packaging.markers")

ROOT = Path(__file__).resolve().parents[1]

# Marker environments of the platforms the extras must serve.
PLATFORMS = {
    "linux-x86_64": {"sys_platform": "linux", "platform_machine": "x86_64"},
    "linux-aarch64": {"sys_platform": "linux", "platform_machine": "aarch64"},
    "macos-arm64": {"sys_platform": "darwin", "platform_machine": "arm64"},
    "windows-amd64": {"sys_platform": "win32", "platform_machine": "AMD64"},
}


def _extra(name):
    with open(ROOT / "pyproject.toml", "rb") as f:
        extras = tomllib.load(f)["project"]["optional-dependencies"]
    assert name in extras, f"pyproject.toml has no extra {name!r}"
    return [requirements.Requirement(r) for r in extras[name]]


def _applies(req, platform_env):
    if req.marker is None:
        return True
    env = markers.default_environment()
    env.update(platform_env)
    return req.marker.evaluate(env)


def _tensorflow(reqs, platform_env):
    """The TensorFlow requirements of an extra that apply on a platform."""
    return [
        r
        for r in reqs
        if r.name in ("tensorflow", "tensorflow-cpu") and _applies(r, platform_env)
    ]


def test_deep_gpu_extra_is_tensorflow_and_cuda_on_linux():
    deep, gpu = _extra("deep"), _extra("deep-gpu")
    (linux,) = _tensorflow(gpu, PLATFORMS["linux-x86_64"])
    assert linux.name == "tensorflow"
    assert linux.extras == {"and-cuda"}
    # the same lower bound as the CPU extra
    (cpu,) = _tensorflow(deep, PLATFORMS["linux-x86_64"])
    assert cpu.name == "tensorflow-cpu"
    assert linux.specifier == cpu.specifier


@pytest.mark.parametrize("where", sorted(PLATFORMS))
def test_deep_gpu_installs_exactly_one_plain_tensorflow(where):
    """Never tensorflow-cpu (it would clash with tensorflow), on every platform."""
    reqs = _tensorflow(_extra("deep-gpu"), PLATFORMS[where])
    assert [r.name for r in reqs] == ["tensorflow"]
    if PLATFORMS[where]["sys_platform"] != "linux":  # no CUDA wheels there
        assert reqs[0].extras == set()


def test_deep_gpu_has_the_scikeras_requirement_of_deep():
    def scikeras(reqs):
        return [str(r) for r in reqs if r.name == "scikeras"]

    assert scikeras(_extra("deep-gpu")) == scikeras(_extra("deep"))
    assert len(scikeras(_extra("deep"))) == 1


def test_install_guide_documents_the_gpu_extra():
    text = (ROOT / "docs" / "install.rst").read_text(encoding="utf-8")
    assert "[deep-gpu]" in text
    assert "pip uninstall" in text and "tensorflow-cpu" in text
    assert 'list_physical_devices("GPU")' in text


def _pip_supports_report():
    out = subprocess.run(
        [sys.executable, "-m", "pip", "--version"],
        capture_output=True,
        text=True,
        check=False,
    )
    if out.returncode != 0:
        return False
    version = out.stdout.split()[1]
    major, minor = (int(p) for p in version.split(".")[:2])
    return (major, minor) >= (22, 2)


@pytest.mark.slow
@pytest.mark.network
@pytest.mark.skipif(
    os.environ.get("SKLEARN_HAR_NETWORK_TESTS") != "1",
    reason=(
        "needs access to PyPI (pip resolves the deep-gpu extra there, metadata "
        "only); set SKLEARN_HAR_NETWORK_TESTS=1 to run it"
    ),
)
def test_deep_gpu_extra_resolves_on_pypi(tmp_path):
    """``pip install --dry-run --report`` of ``.[deep-gpu]`` resolves to TF + CUDA.

    Only the project metadata is built, from a copy of pyproject.toml (so that
    nothing is written into the source tree); pip reads the dependencies'
    metadata from PyPI (PEP 658) and downloads no wheel.
    """
    if not _pip_supports_report():
        pytest.skip("pip >= 22.2 is needed for --dry-run --report")
    project = tmp_path / "project"
    project.mkdir()
    for name in ("pyproject.toml", "README.md", "LICENSE"):
        shutil.copy(ROOT / name, project / name)
    report = tmp_path / "report.json"
    command = [
        sys.executable,
        "-m",
        "pip",
        "install",
        "--dry-run",
        "--ignore-installed",
        "--quiet",
        "--report",
        str(report),
        f"{project}[deep-gpu]",
    ]
    proc = subprocess.run(
        command, capture_output=True, text=True, timeout=600, check=False
    )
    assert proc.returncode == 0, proc.stderr[-3000:]
    installs = json.loads(report.read_text(encoding="utf-8"))["install"]
    versions = {
        i["metadata"]["name"].lower(): i["metadata"]["version"] for i in installs
    }
    assert "tensorflow" in versions
    assert "tensorflow-cpu" not in versions
    assert "scikeras" in versions
    nvidia = sorted(n for n in versions if n.startswith("nvidia-"))
    if sys.platform == "linux" and platform.machine() == "x86_64":
        # the CUDA runtime, cuBLAS, cuDNN... as wheels (nvidia-cudnn-cu12, ...)
        for library in ("nvidia-cudnn-", "nvidia-cublas-", "nvidia-cuda-runtime-"):
            assert any(n.startswith(library) for n in nvidia), nvidia
    print(f"tensorflow {versions['tensorflow']}, {len(nvidia)} nvidia packages")
