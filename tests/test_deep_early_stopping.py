"""Early stopping on a subject-wise validation split (issue #13).

``fit(X, y, groups=subjects)`` with ``validation_split > 0`` holds out whole
groups as the validation set of Keras. The networks are tiny and trained
eagerly for a few epochs on synthetic windows of six "subjects".
"""

import json
import math
import pickle
import zipfile

import numpy as np
import pytest

pytest.importorskip("tensorflow")

import sklearn  # noqa: E402
from sklearn.base import BaseEstimator, ClassifierMixin, clone  # noqa: E402
from sklearn.exceptions import UnsetMetadataPassedError  # noqa: E402
from sklearn.model_selection import GroupKFold, cross_validate  # noqa: E402
from sklearn.pipeline import make_pipeline  # noqa: E402

from sklearn_har.deep import CNNClassifier  # noqa: E402
from sklearn_har.model_selection import compare_models  # noqa: E402
from sklearn_har.preprocessing import ChannelStandardScaler  # noqa: E402
from sklearn_har.windowing import (  # noqa: E402
    SlidingWindowTransformer,
    WindowedClassifier,
)

pytestmark = pytest.mark.deep

SUBJECTS = np.array(["s1", "s2", "s3", "s4", "s5", "s6"])
N_PER_SUBJECT = 12


def make_subject_windows(n_timesteps=16, seed=0):
    """Windows of six subjects, two classes that differ by frequency."""
    rng = np.random.default_rng(seed)
    n = len(SUBJECTS) * N_PER_SUBJECT
    y = np.arange(n) % 2
    t = np.arange(n_timesteps) / n_timesteps
    phase = rng.uniform(0, 2 * np.pi, size=(n, 1, 2))
    X = np.sin(2 * np.pi * (y[:, None, None] + 1) * t[None, :, None] + phase)
    X += 0.3 * rng.normal(size=X.shape)
    groups = np.repeat(SUBJECTS, N_PER_SUBJECT)
    return X.astype(np.float32), np.array(["sit", "walk"])[y], groups


@pytest.fixture(scope="module")
def data():
    return make_subject_windows()


def tiny(**params):
    """A tiny CNN trained eagerly (no graph tracing: faster on tiny data)."""
    defaults = dict(
        filters=4,
        n_conv_layers=1,
        dense_units=8,
        epochs=2,
        batch_size=16,
        validation_split=0.3,
        random_state=0,
        run_eagerly=True,
    )
    return CNNClassifier(**{**defaults, **params})


def val_loss_of(clf, X, y, sample_weight=None):
    """The loss of ``clf.model_`` on windows, as Keras reports ``val_loss``."""
    y_encoded = np.searchsorted(clf.classes_, y)
    result = clf.model_.evaluate(
        X,
        y_encoded,
        sample_weight=sample_weight,
        batch_size=clf.batch_size,
        verbose=0,
        return_dict=True,
    )
    return result["loss"]


@pytest.fixture(scope="module")
def fitted(data):
    """A classifier fitted with early stopping on held-out subjects."""
    X, y, groups = data
    return tiny(epochs=3, early_stopping=True, patience=1).fit(X, y, groups=groups)


# -- the split (no training) ----------------------------------------------------


@pytest.mark.parametrize(
    "n_groups, validation_split, n_val",
    [(6, 0.3, 2), (6, 0.5, 3), (10, 0.2, 2), (2, 0.5, 1), (3, 0.01, 1), (5, 0.8, 4)],
)
def test_split_holds_out_a_fraction_of_whole_groups(n_groups, validation_split, n_val):
    n = 5 * n_groups
    groups = np.repeat(np.arange(n_groups) * 10, 5)
    X = np.arange(n)  # the split only indexes: positions show where windows go
    y = np.arange(n) % 2
    weights = np.linspace(1.0, 2.0, n)
    clf = tiny(validation_split=validation_split)
    X_train, y_train, w_train, kwargs, held_out = clf._split_validation(
        X, y, weights, groups, 0, {}
    )
    assert set(kwargs) == {"validation_data"}
    X_val, y_val, w_val = kwargs["validation_data"]
    assert held_out.shape == (n_val,)
    assert n_val == math.ceil(validation_split * n_groups)
    np.testing.assert_array_equal(held_out, np.unique(groups[X_val]))
    # whole groups: no group on both sides, every window on one side
    assert not set(groups[X_train]) & set(groups[X_val])
    np.testing.assert_array_equal(np.sort(np.concatenate([X_train, X_val])), X)
    np.testing.assert_array_equal(y_train, y[X_train])
    np.testing.assert_array_equal(y_val, y[X_val])
    np.testing.assert_array_equal(w_train, weights[X_train])
    np.testing.assert_array_equal(w_val, weights[X_val])


def test_split_without_groups_is_keras_last_fraction():
    X, y = np.arange(20), np.arange(20) % 2
    out = tiny(validation_split=0.25)._split_validation(X, y, None, None, 0, {})
    assert out[0] is X and out[3] == {"validation_split": 0.25} and out[4] is None
    # groups without validation_split: unused
    out = tiny(validation_split=0.0)._split_validation(X, y, None, X % 3, 0, {})
    assert out[0] is X and out[3] == {"validation_split": 0.0} and out[4] is None


def test_split_is_seeded():
    X, y = np.arange(100), np.arange(100) % 2
    groups = np.repeat(np.arange(10), 10)
    clf = tiny(validation_split=0.3)

    def held_out(seed):
        return clf._split_validation(X, y, None, groups, seed, {})[4].tolist()

    assert held_out(3) == held_out(3)
    assert len({tuple(held_out(seed)) for seed in range(10)}) > 1
    assert len(held_out(None)) == 3


# -- errors --------------------------------------------------------------------


@pytest.mark.parametrize(
    "groups, params, match",
    [
        (np.repeat(SUBJECTS, 6), {}, "groups has 36 entries but X has 72 windows"),
        (np.ones((72, 2)), {}, "groups must be 1-D"),
        (np.r_[np.nan, np.arange(71.0)], {}, "groups has 1 missing value"),
        (np.array([None] * 2 + list(range(70)), dtype=object), {}, "missing"),
        (np.zeros(72), {}, "at least 2 distinct groups.*only 1"),
        (
            np.repeat([1, 2], 36),
            {"validation_split": 0.6},
            "holds out 2 groups, leaving none to train on",
        ),
        (
            np.repeat(SUBJECTS, 12),
            {"fit__validation_data": ([0], [0])},
            "both groups .* and fit__validation_data",
        ),
    ],
)
def test_invalid_groups_are_explained(data, groups, params, match):
    X, y, _ = data
    clf = tiny(**params)
    with pytest.raises(ValueError, match=match):
        clf.fit(X, y, groups=groups)
    assert not hasattr(clf, "model_")


def test_groups_are_checked_but_unused_without_validation_split(data, recwarn):
    X, y, _ = data
    with pytest.raises(ValueError, match="groups has 3 entries"):
        tiny(validation_split=0.0).fit(X, y, groups=[1, 2, 3])
    # a single group is fine: nothing is held out
    clf = tiny(validation_split=0.0, epochs=1).fit(X, y, groups=np.zeros(len(X)))
    assert clf.validation_groups_ is None
    assert set(clf.history_) == {"loss", "accuracy"}
    assert not [w for w in recwarn if "groups" in str(w.message)]


# -- training ------------------------------------------------------------------


def test_validation_set_is_the_held_out_subjects(fitted, data):
    X, y, groups = data
    held_out = fitted.validation_groups_
    assert isinstance(held_out, np.ndarray)
    assert held_out.shape == (2,)  # ceil(0.3 * 6)
    assert set(held_out) <= set(SUBJECTS)
    assert set(fitted.history_) == {"loss", "accuracy", "val_loss", "val_accuracy"}
    assert len(fitted.history_["val_loss"]) == fitted.n_iter_
    # the restored (best) weights give the best val_loss on exactly these windows
    val = np.isin(groups, held_out)
    assert val_loss_of(fitted, X[val], y[val]) == pytest.approx(
        min(fitted.history_["val_loss"]), rel=1e-5
    )


def test_early_stopping_restores_the_best_weights(data):
    """Random labels and a large step: the validation loss soon rises."""
    X, _, groups = data
    y = np.random.default_rng(0).integers(0, 2, len(X))
    clf = tiny(
        filters=8,
        dense_units=16,
        epochs=8,
        learning_rate=0.2,
        lr_schedule="constant",
        early_stopping=True,
        patience=1,
    ).fit(X, y, groups=groups)
    val_losses = clf.history_["val_loss"]
    assert clf.n_iter_ < 8  # stopped early...
    assert np.argmin(val_losses) < len(val_losses) - 1  # ...after a worse epoch
    val = np.isin(groups, clf.validation_groups_)
    assert val_loss_of(clf, X[val], y[val]) == pytest.approx(min(val_losses), rel=1e-5)
    assert val_loss_of(clf, X[val], y[val]) < val_losses[-1]


def test_seeded_fit_is_deterministic(fitted, data):
    X, y, groups = data
    again = clone(fitted).fit(X, y, groups=groups)
    np.testing.assert_array_equal(again.validation_groups_, fitted.validation_groups_)
    assert again.history_ == fitted.history_
    np.testing.assert_array_equal(again.predict_proba(X), fitted.predict_proba(X))


def test_sample_and_class_weights_are_split_with_the_windows(data):
    X, y, groups = data
    sample_weight = np.linspace(0.5, 2.0, len(X))
    sample_weight[groups == "s1"] = 0.0  # dropped, s1 cannot be held out
    class_weight = {"sit": 1.0, "walk": 3.0}
    clf = tiny(epochs=1, validation_split=0.4, class_weight=class_weight)
    clf.fit(X, y, sample_weight=sample_weight, groups=groups)
    held_out = clf.validation_groups_
    assert held_out.shape == (2,)  # ceil(0.4 * 5): s1 is not a group any more
    assert "s1" not in held_out
    val = np.isin(groups, held_out)
    w_val = sample_weight[val] * np.where(y[val] == "walk", 3.0, 1.0)
    weighted = val_loss_of(clf, X[val], y[val], sample_weight=w_val)
    assert weighted == pytest.approx(clf.history_["val_loss"][-1], rel=1e-5)
    assert val_loss_of(clf, X[val], y[val]) != pytest.approx(weighted, rel=1e-3)


def test_without_groups_validation_is_the_last_fraction(data):
    X, y, _ = data
    clf = tiny(epochs=1, validation_split=0.25).fit(X, y)
    assert clf.validation_groups_ is None
    last = np.arange(len(X)) >= math.floor(len(X) * 0.75)
    assert val_loss_of(clf, X[last], y[last]) == pytest.approx(
        clf.history_["val_loss"][-1], rel=1e-5
    )


# -- scikit-learn API: params, clone, persistence, routing -----------------------


def test_groups_is_no_parameter_and_requests_survive_clone():
    clf = tiny()
    assert "groups" not in clf.get_params()
    with sklearn.config_context(enable_metadata_routing=True):
        clf.set_fit_request(groups=True)
        requests = clone(clf).get_metadata_routing().fit.requests
    assert requests["groups"] is True
    assert "groups" not in clone(clf).get_params()


def test_validation_groups_survive_save_load_and_pickle(fitted, data, tmp_path):
    X = data[0]
    path = tmp_path / "cnn.keras"
    fitted.save(path)
    loaded = CNNClassifier.load(path)
    np.testing.assert_array_equal(loaded.validation_groups_, fitted.validation_groups_)
    assert loaded.validation_groups_.dtype == fitted.validation_groups_.dtype
    np.testing.assert_array_equal(loaded.predict(X), fitted.predict(X))
    unpickled = pickle.loads(pickle.dumps(fitted))
    np.testing.assert_array_equal(
        unpickled.validation_groups_, fitted.validation_groups_
    )

    # a file written before validation_groups_ existed loads with None
    old = tmp_path / "old.keras"
    with zipfile.ZipFile(path) as src, zipfile.ZipFile(old, "w") as dst:
        for item in src.infolist():
            content = src.read(item)
            if item.filename == "sklearn_har.json":
                meta = json.loads(content)
                del meta["validation_groups"]
                content = json.dumps(meta)
            dst.writestr(item, content)
    assert CNNClassifier.load(old).validation_groups_ is None


def test_pipeline_passes_step_groups_without_routing(data):
    X, y, groups = data
    pipe = make_pipeline(ChannelStandardScaler(), tiny(epochs=1))
    pipe.fit(X, y, cnnclassifier__groups=groups)
    assert pipe[-1].validation_groups_.shape == (2,)


def test_cross_validate_routes_the_training_groups(data):
    X, y, groups = data
    assert not sklearn.get_config()["enable_metadata_routing"]
    with sklearn.config_context(enable_metadata_routing=True):
        clf = tiny(epochs=1, validation_split=0.34, early_stopping=True)
        model = make_pipeline(
            ChannelStandardScaler(),
            clf.set_fit_request(groups=True, sample_weight=False),
        )
        out = cross_validate(
            model,
            X,
            y,
            params={"groups": groups},
            cv=GroupKFold(3),
            return_estimator=True,
            return_indices=True,
            error_score="raise",
        )
        # without a request scikit-learn refuses to guess
        with pytest.raises(UnsetMetadataPassedError, match="groups"):
            cross_validate(
                make_pipeline(ChannelStandardScaler(), tiny()),
                X,
                y,
                params={"groups": groups},
                cv=GroupKFold(3),
                error_score="raise",
            )
    assert not sklearn.get_config()["enable_metadata_routing"]
    for estimator, train, test in zip(
        out["estimator"], out["indices"]["train"], out["indices"]["test"], strict=True
    ):
        held_out = estimator[-1].validation_groups_
        assert held_out.shape == (2,)  # ceil(0.34 * 4 training subjects)
        assert set(held_out) <= set(groups[train])
        assert not set(held_out) & set(groups[test])


# -- WindowedClassifier and compare_models (no training needed) -------------------


class _GroupsRecorder(ClassifierMixin, BaseEstimator):
    """Records the ``groups`` fit parameter it receives."""

    def fit(self, X, y, groups=None):
        self.groups_ = None if groups is None else np.asarray(groups)
        self.n_windows_ = len(X)
        self.classes_ = np.unique(y)
        return self

    def predict(self, X):
        return np.full(len(X), self.classes_[0])


def _recordings(n=4, length=40, seed=0):
    rng = np.random.default_rng(seed)
    recordings = [rng.normal(size=(length, 2)) for _ in range(n)]
    labels = [np.repeat([1, 2], length // 2) for _ in range(n)]
    return recordings, labels


def test_windowed_classifier_gives_every_window_its_recording_group():
    recordings, labels = _recordings()
    windows = SlidingWindowTransformer(window_size=10, step=10)
    clf = WindowedClassifier(windows, _GroupsRecorder())
    clf.fit(recordings, labels, groups=["a", "b", "c", "d"])
    np.testing.assert_array_equal(clf.estimator_.groups_, np.repeat(list("abcd"), 4))
    # the same for a step of a Pipeline
    clf = WindowedClassifier(windows, make_pipeline(_GroupsRecorder()))
    clf.fit(recordings, labels, _groupsrecorder__groups=[1, 2, 3, 4])
    np.testing.assert_array_equal(
        clf.estimator_[-1].groups_, np.repeat([1, 2, 3, 4], 4)
    )
    with pytest.raises(ValueError, match="one group per recording.*4 recordings"):
        clf.fit(recordings, labels, _groupsrecorder__groups=np.repeat([1, 2], 80))


def test_windowed_deep_classifier_holds_out_whole_recordings():
    recordings, labels = _recordings(length=64)
    clf = WindowedClassifier(
        SlidingWindowTransformer(window_size=16, step=8),
        make_pipeline(ChannelStandardScaler(), tiny(epochs=1, validation_split=0.5)),
    )
    clf.fit(recordings, labels, cnnclassifier__groups=[1, 2, 3, 4])
    assert clf.estimator_[-1].validation_groups_.shape == (2,)


def test_compare_models_passes_the_training_groups():
    rng = np.random.default_rng(0)
    X = rng.normal(size=(30, 8, 2))
    y = np.arange(30) % 2
    groups = np.repeat(np.arange(6), 5)
    models = {"bare": _GroupsRecorder(), "pipe": make_pipeline(_GroupsRecorder())}
    result = compare_models(
        models,
        X,
        y,
        groups=groups,
        cv=3,
        return_estimators=True,
        groups_fit_param={"bare": "groups", "pipe": "_groupsrecorder__groups"},
    )
    for (train, _), bare, pipe in zip(
        result.splits,
        result.estimators_["bare"],
        result.estimators_["pipe"],
        strict=True,
    ):
        np.testing.assert_array_equal(bare.groups_, groups[train])
        np.testing.assert_array_equal(pipe[-1].groups_, groups[train])
    # a str applies to every model; None (default): groups only split
    for param, expected in (("groups", 15), (None, None)):
        result = compare_models(
            {"bare": _GroupsRecorder()},
            X,
            y,
            groups=groups,
            cv=2,
            return_estimators=True,
            groups_fit_param=param,
        )
        for est in result.estimators_["bare"]:
            assert (est.groups_ if param is None else len(est.groups_)) == expected
    with pytest.raises(ValueError, match="not in models: \\['other'\\]"):
        compare_models(models, X, y, groups=groups, groups_fit_param={"other": "g"})
    with pytest.raises(ValueError, match="needs groups"):
        compare_models(
            models, X, y, cv=2, allow_leakage=True, groups_fit_param="groups"
        )
    with pytest.raises(TypeError, match="groups_fit_param must be"):
        compare_models(models, X, y, groups=groups, groups_fit_param=1)
