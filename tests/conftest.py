"""Shared fixtures: where the real data lives, and small synthetic recordings."""

import os
from pathlib import Path

import numpy as np
import pytest

ROOT = Path(__file__).resolve().parents[1]


def _default_data_home():
    env = os.environ.get("SKLEARN_HAR_DATA")
    if env:
        return Path(env)
    return ROOT.parent / "shared" / "data"


DATA_HOME = _default_data_home()
HAPT_ZIP = DATA_HOME / "HAPT Data Set.zip"
UCI_META = DATA_HOME / "uci_har_meta"

# Library code reads SKLEARN_HAR_DATA; point it at the local copy for tests.
if HAPT_ZIP.exists():
    os.environ.setdefault("SKLEARN_HAR_DATA", str(DATA_HOME))


@pytest.fixture(scope="session")
def data_home():
    """Directory holding the real HAPT zip (skips the test if it is absent)."""
    if not HAPT_ZIP.exists():
        pytest.skip(f"real HAPT data not found at {HAPT_ZIP} (set SKLEARN_HAR_DATA)")
    return DATA_HOME


@pytest.fixture(scope="session")
def uci_meta():
    """Directory with features.txt and the other small UCI HAR files."""
    if not (UCI_META / "features.txt").exists():
        pytest.skip(f"UCI HAR meta files not found at {UCI_META}")
    return UCI_META


@pytest.fixture(scope="session")
def hapt(data_home):
    """The full HAPT data set, loaded once per test session."""
    from sklearn_har.datasets import load_hapt

    return load_hapt(data_home, download_if_missing=False)


@pytest.fixture
def rng():
    return np.random.default_rng(0)
