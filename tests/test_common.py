"""scikit-learn's estimator checks on every public sklearn_har estimator.

Estimators are discovered (``sklearn_har.utils.all_estimators``), never
listed by hand, so a new estimator is checked without editing this file.
An estimator may define two private class hooks:

- ``_get_test_params()``: constructor parameters that keep the checks fast
  (tiny networks, one epoch, small windows);
- ``_get_expected_failed_checks()``: ``{check name: reason}`` for checks
  that cannot pass by design (documented in the class docstring too).
"""

import importlib.util

import pytest
from sklearn.base import is_classifier
from sklearn.utils.estimator_checks import parametrize_with_checks

import sklearn_har
from sklearn_har.utils import all_estimators

# Every public estimator is checked (WindowedClassifier through one-sample
# windows: see its _get_test_params).
NOT_CHECKED = set()

HAS_DEEP = all(importlib.util.find_spec(m) for m in ("tensorflow", "scikeras"))

# Estimators of an optional extra (the deep ones are left out by discovery
# itself): checked only where the extra is installed.
NEEDS = {"TsfreshFeatureExtractor": ("tsfresh", "pandas")}


def _installed(name):
    return all(importlib.util.find_spec(m) for m in NEEDS.get(name, ()))


def _instances():
    for name, cls in all_estimators():
        if name in NOT_CHECKED or not _installed(name):
            continue
        params = cls._get_test_params() if hasattr(cls, "_get_test_params") else {}
        yield cls(**params)


def _expected_failed(estimator):
    hook = getattr(type(estimator), "_get_expected_failed_checks", None)
    return hook() if hook is not None else {}


@parametrize_with_checks(list(_instances()), expected_failed_checks=_expected_failed)
def test_sklearn_compatible_estimator(estimator, check):
    check(estimator)


def test_discovery_finds_the_public_estimators():
    names = dict(all_estimators())
    for expected in [
        "SlidingWindowTransformer",
        "MedianFilter",
        "ButterworthFilter",
        "GravitySeparator",
        "UCIHARPreprocessor",
        "ChannelStandardScaler",
        "StatisticalFeatureExtractor",
    ]:
        assert expected in names
    if HAS_DEEP:
        for deep in ["CNNClassifier", "LSTMClassifier", "ConvLSTMClassifier"]:
            assert is_classifier(names[deep]())


def test_top_level_names_resolve():
    for name in sklearn_har.__all__:
        assert getattr(sklearn_har, name) is not None, name


def test_import_does_not_import_tensorflow():
    import subprocess
    import sys

    code = (
        "import sys, sklearn_har, sklearn_har.deep, sklearn_har.features;"
        "sklearn_har.CNNClassifier;"
        "assert 'tensorflow' not in sys.modules and 'keras' not in sys.modules, "
        "[m for m in sys.modules if m.startswith(('tensorflow', 'keras'))][:5]"
    )
    subprocess.run([sys.executable, "-c", code], check=True)


@pytest.mark.parametrize("name, cls", all_estimators())
def test_expected_failures_are_documented(name, cls):
    """Every check an estimator skips is explained in its docstring."""
    hook = getattr(cls, "_get_expected_failed_checks", None)
    if hook and hook():
        assert "check" in (cls.__doc__ or "").lower(), name
