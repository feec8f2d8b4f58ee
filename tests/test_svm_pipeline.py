"""Tests of make_svm_pipeline: structure, subject-wise evaluation, real data."""

import numpy as np
import pytest
from sklearn.base import clone
from sklearn.metrics import accuracy_score, f1_score
from sklearn.model_selection import GridSearchCV, GroupKFold, cross_validate
from sklearn.pipeline import Pipeline
from sklearn.preprocessing import MinMaxScaler, RobustScaler, StandardScaler
from sklearn.svm import SVC, LinearSVC

from sklearn_har.datasets import load_uci_protocol
from sklearn_har.features import (
    StatisticalFeatureExtractor,
    UCIHARFeatureExtractor,
)
from sklearn_har.pipeline import make_svm_pipeline


def _toy(n_per_class=15, seed=0):
    """Windows whose class sets the gravity direction: trivially separable."""
    rng = np.random.default_rng(seed)
    y = np.repeat([0, 1, 2], n_per_class)
    X = 0.05 * rng.normal(size=(len(y), 128, 9))
    X[:, :, 6:9] += np.eye(3)[y][:, None, :]  # total acc = gravity along x, y or z
    groups = np.tile(np.arange(5), len(y) // 5)
    return X, y, groups


@pytest.fixture(scope="module")
def sample():
    return load_uci_protocol("sample")


def test_default_pipeline_structure():
    pipe = make_svm_pipeline()
    assert isinstance(pipe, Pipeline)
    assert [name for name, _ in pipe.steps] == ["features", "scaler", "svm"]
    assert isinstance(pipe.named_steps["features"], UCIHARFeatureExtractor)
    assert isinstance(pipe.named_steps["scaler"], MinMaxScaler)
    assert pipe.named_steps["scaler"].feature_range == (-1, 1)
    svm = pipe.named_steps["svm"]
    assert isinstance(svm, SVC) and svm.kernel == "rbf"
    assert (svm.C, svm.gamma) == (10.0, 0.01)
    assert pipe.get_params()["svm__C"] == 10.0


@pytest.mark.parametrize(
    "kwargs, scaler, svm, C",
    [
        ({"scaler": "standard", "gamma": "scale"}, StandardScaler, SVC, 10.0),
        ({"scaler": RobustScaler(), "C": 3.0}, RobustScaler, SVC, 3.0),
        ({"kernel": "linear"}, MinMaxScaler, SVC, 1.0),
        ({"kernel": "poly"}, MinMaxScaler, SVC, 1.0),
        ({"kernel": "liblinear", "C": 0.5}, MinMaxScaler, LinearSVC, 0.5),
    ],
)
def test_options(kwargs, scaler, svm, C):
    pipe = make_svm_pipeline(**kwargs)
    assert isinstance(pipe.named_steps["scaler"], scaler)
    assert isinstance(pipe.named_steps["svm"], svm)
    assert pipe.named_steps["svm"].C == C
    if kwargs.get("kernel") in ("linear", "poly") or "gamma" in kwargs:
        assert pipe.named_steps["svm"].gamma == "scale"


def test_no_scaler_and_custom_extractor_are_cloned():
    ext = StatisticalFeatureExtractor()
    pipe = make_svm_pipeline(scaler=None, extractor=ext)
    assert pipe.named_steps["scaler"] == "passthrough"
    assert pipe.named_steps["features"] is not ext
    assert pipe.named_steps["features"].get_params() == ext.get_params()


@pytest.mark.parametrize(
    "kwargs, match",
    [({"kernel": "gaussian"}, "kernel must be"), ({"scaler": "max"}, "scaler must be")],
)
def test_bad_arguments(kwargs, match):
    with pytest.raises(ValueError, match=match):
        make_svm_pipeline(**kwargs)


def test_fits_predicts_and_clones_on_separable_windows():
    X, y, _ = _toy()
    pipe = make_svm_pipeline().fit(X, y)
    np.testing.assert_array_equal(pipe.predict(X), y)
    assert pipe.named_steps["svm"].n_features_in_ == 561
    assert list(pipe[:-1].get_feature_names_out()[:2]) == [
        "tBodyAcc-mean()-X",
        "tBodyAcc-mean()-Y",
    ]
    np.testing.assert_array_equal(clone(pipe).fit(X, y).predict(X), y)


def test_grid_search_with_subject_groups():
    X, y, groups = _toy()
    search = GridSearchCV(
        make_svm_pipeline(), {"svm__C": [0.1, 10.0]}, cv=GroupKFold(n_splits=5)
    )
    search.fit(X, y, groups=groups)
    assert search.best_score_ == 1.0
    assert set(search.cv_results_["param_svm__C"]) == {0.1, 10.0}


@pytest.mark.slow
def test_cross_validate_by_subject_on_the_bundled_sample(sample):
    """The same evaluation call as for the deep models, five subject folds."""
    result = cross_validate(
        make_svm_pipeline(),
        sample.X,
        sample.y,
        groups=sample.subjects,
        cv=GroupKFold(n_splits=5),
        scoring=("accuracy", "f1_macro"),
    )
    # 6 subjects -> each test fold holds unseen subjects only
    assert len(result["test_accuracy"]) == 5
    assert result["test_accuracy"].mean() >= 0.9
    assert result["test_f1_macro"].mean() >= 0.9


@pytest.mark.slow
def test_uci_protocol_accuracy(hapt):
    """Train subjects -> test subjects on the real windows (benchmark: bench_svm.py)."""
    d = load_uci_protocol(hapt)
    pipe = make_svm_pipeline(extractor=UCIHARFeatureExtractor(n_jobs=2))
    pipe.fit(d.X[d.train], d.y[d.train])
    pred = pipe.predict(d.X[~d.train])
    # measured 96.50 % (2,891 / 2,996) and macro-F1 96.54 %; a drop of more
    # than a point (30 test windows) means something broke
    assert accuracy_score(d.y[~d.train], pred) >= 0.955
    assert f1_score(d.y[~d.train], pred, average="macro") >= 0.955


def test_pipeline_module_is_the_home_and_the_old_name_is_deprecated():
    import sklearn_har
    import sklearn_har.features
    import sklearn_har.pipeline

    assert sklearn_har.make_svm_pipeline is sklearn_har.pipeline.make_svm_pipeline
    assert "make_svm_pipeline" not in sklearn_har.features.__all__
    with pytest.warns(
        FutureWarning,
        match=r"sklearn_har\.features\.make_svm_pipeline is deprecated.*"
        r"from sklearn_har\.pipeline import make_svm_pipeline",
    ):
        from sklearn_har.features import make_svm_pipeline as old
    assert old is make_svm_pipeline
    with pytest.raises(AttributeError, match="no attribute 'make_pipeline'"):
        sklearn_har.features.make_pipeline  # noqa: B018
