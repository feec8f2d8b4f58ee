"""The ``"auto"`` level/movement split of the deep classifiers (issue #13).

``window_stats="auto"`` and ``center_windows="auto"`` (the defaults) turn
the split on from ``AUTO_SPLIT_MIN_WINDOWS`` training windows on.  The
threshold is lowered here (``monkeypatch``) so that tiny networks trained
eagerly on a few dozen windows exercise both sides of it.
"""

import numpy as np
import pytest

pytest.importorskip("tensorflow")

from sklearn.base import clone  # noqa: E402

import sklearn_har.deep  # noqa: E402
from sklearn_har.deep import CNNClassifier, _base  # noqa: E402
from sklearn_har.deep.networks.layers import (  # noqa: E402
    WindowCentering,
    WindowStatistics,
)

pytestmark = pytest.mark.deep

# every classifier with the split parameters (all but KerasModelClassifier)
ALL = [
    getattr(sklearn_har.deep, name)
    for name in sklearn_har.deep.__all__
    if name.endswith("Classifier") and name != "KerasModelClassifier"
]


def windows(n, n_timesteps=16, seed=0):
    rng = np.random.default_rng(seed)
    y = np.arange(n) % 2
    X = rng.normal(size=(n, n_timesteps, 2)) + y[:, None, None]
    return X.astype(np.float32), y


def tiny_cnn(**params):
    base = dict(
        filters=4,
        n_conv_layers=1,
        dense_units=8,
        epochs=1,
        batch_size=16,
        random_state=0,
        run_eagerly=True,
    )
    return CNNClassifier(**{**base, **params})


def layer_types(clf):
    return {type(layer) for layer in clf.model_.layers}


@pytest.mark.parametrize("cls", ALL, ids=lambda c: c.__name__)
def test_every_classifier_defaults_to_auto(cls):
    params = cls().get_params()
    assert params["window_stats"] == "auto"
    assert params["center_windows"] == "auto"


def test_threshold_is_documented_value():
    # the value the RESULTS.md study chose; the docstrings quote it
    assert _base.AUTO_SPLIT_MIN_WINDOWS == 1000
    assert "1,000 training windows" in CNNClassifier.__doc__


# the networks with a threshold of their own (RESULTS.md, sessions 3-4 of #13)
OWN_THRESHOLD = {
    "InceptionTimeClassifier": 4000,
    "ResidualBiLSTMClassifier": 4000,
    "ResNetClassifier": 4000,
}
AUTO = {"window_stats": "auto", "center_windows": "auto", "filters": 3}
OFF = {"window_stats": False, "center_windows": False, "filters": 3}


@pytest.mark.parametrize("cls", ALL, ids=lambda c: c.__name__)
def test_each_network_resolves_auto_at_its_documented_threshold(cls):
    threshold = OWN_THRESHOLD.get(cls.__name__, _base.AUTO_SPLIT_MIN_WINDOWS)
    assert cls._auto_split_threshold() == threshold
    assert f"{threshold:,} training windows" in cls.__doc__
    auto = AUTO
    below = cls()._resolve_split(auto, threshold - 1)
    at = cls()._resolve_split(auto, threshold)
    assert below == OFF
    assert at == {"window_stats": True, "center_windows": True, "filters": 3}
    # explicit booleans are never overridden
    fixed = {"window_stats": True, "center_windows": False}
    assert cls()._resolve_split(fixed, 0) == fixed


def test_a_network_threshold_follows_the_global_one_unless_its_own(monkeypatch):
    inception = sklearn_har.deep.InceptionTimeClassifier
    monkeypatch.setattr(_base, "AUTO_SPLIT_MIN_WINDOWS", 48)
    assert CNNClassifier._auto_split_threshold() == 48
    assert inception._auto_split_threshold() == 4000


def test_own_threshold_reaches_the_fitted_network(monkeypatch):
    monkeypatch.setattr(CNNClassifier, "_auto_split_min_windows", 50)
    X, y = windows(48)
    assert tiny_cnn().fit(X, y).window_stats_ is False
    X, y = windows(56)
    clf = tiny_cnn().fit(X, y)
    assert clf.window_stats_ is True and clf.center_windows_ is True
    assert WindowStatistics in layer_types(clf)


@pytest.mark.parametrize(
    "n, expected", [(40, False), (48, True), (60, True)], ids=["below", "at", "above"]
)
def test_auto_follows_the_number_of_training_windows(monkeypatch, n, expected):
    monkeypatch.setattr(_base, "AUTO_SPLIT_MIN_WINDOWS", 48)
    X, y = windows(n)
    clf = tiny_cnn().fit(X, y)
    assert clf.window_stats_ is expected
    assert clf.center_windows_ is expected
    types = layer_types(clf)
    assert (WindowStatistics in types) is expected
    assert (WindowCentering in types) is expected
    assert clf.get_params()["window_stats"] == "auto"  # the parameter is kept


def test_auto_counts_the_windows_actually_trained_on(monkeypatch):
    # 60 windows, of which 20 have weight 0 (dropped) -> 40 < 48: off
    monkeypatch.setattr(_base, "AUTO_SPLIT_MIN_WINDOWS", 48)
    X, y = windows(60)
    weights = np.ones(60)
    weights[:20] = 0
    clf = tiny_cnn().fit(X, y, sample_weight=weights)
    assert clf.window_stats_ is False
    # a validation split leaves fewer than 48 training windows -> off
    clf = tiny_cnn(validation_split=0.4).fit(X, y)
    assert clf.window_stats_ is False
    # held-out groups too
    groups = np.repeat(np.arange(6), 10)
    clf = tiny_cnn(validation_split=0.34).fit(X, y, groups=groups)
    assert clf.window_stats_ is False
    assert tiny_cnn().fit(X, y).window_stats_ is True


@pytest.mark.parametrize("value", [True, False])
def test_explicit_booleans_are_kept(monkeypatch, value):
    monkeypatch.setattr(_base, "AUTO_SPLIT_MIN_WINDOWS", 10**9)
    X, y = windows(32)
    clf = tiny_cnn(window_stats=value, center_windows=value).fit(X, y)
    assert clf.window_stats_ is value
    assert clf.center_windows_ is value
    assert (WindowStatistics in layer_types(clf)) is value


def test_mixed_auto_and_boolean(monkeypatch):
    monkeypatch.setattr(_base, "AUTO_SPLIT_MIN_WINDOWS", 10)
    X, y = windows(32)
    clf = tiny_cnn(window_stats="auto", center_windows=False).fit(X, y)
    assert (clf.window_stats_, clf.center_windows_) == (True, False)
    types = layer_types(clf)
    assert WindowStatistics in types and WindowCentering not in types


@pytest.mark.parametrize("value", ["on", "AUTO", 1.5, None])
def test_invalid_values_are_refused(value):
    X, y = windows(32)
    with pytest.raises(ValueError, match="window_stats"):
        tiny_cnn(window_stats=value).fit(X, y)


def test_save_load_and_clone_keep_the_split(monkeypatch, tmp_path):
    monkeypatch.setattr(_base, "AUTO_SPLIT_MIN_WINDOWS", 10)
    X, y = windows(32)
    clf = tiny_cnn().fit(X, y)
    path = tmp_path / "clf.keras"
    clf.save(path)
    loaded = CNNClassifier.load(path)
    assert loaded.window_stats_ is True and loaded.center_windows_ is True
    assert loaded.get_params()["window_stats"] == "auto"
    np.testing.assert_array_equal(loaded.predict(X), clf.predict(X))
    assert not hasattr(clone(clf), "window_stats_")


def test_unfitted_after_failed_fit_has_no_split_attributes():
    X, y = windows(32)
    X[0, 0, 0] = np.nan
    clf = tiny_cnn()
    with pytest.raises(ValueError):
        clf.fit(X, y)
    assert not hasattr(clf, "window_stats_")
