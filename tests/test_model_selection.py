"""compare_models, its result, the UCI HAR splitter and the leakage guard."""

import json
import warnings

import numpy as np
import pytest
from sklearn.base import BaseEstimator, ClassifierMixin
from sklearn.dummy import DummyClassifier
from sklearn.ensemble import RandomForestClassifier
from sklearn.exceptions import FitFailedWarning
from sklearn.linear_model import LogisticRegression
from sklearn.model_selection import GroupKFold, KFold, cross_val_score
from sklearn.pipeline import make_pipeline
from sklearn.preprocessing import FunctionTransformer

from sklearn_har.datasets import UCI_HAR_TEST_SUBJECTS, load_uci_protocol
from sklearn_har.features import StatisticalFeatureExtractor
from sklearn_har.model_selection import (
    ComparisonResult,
    GroupLeakageWarning,
    UCIHARSplit,
    check_group_leakage,
    compare_models,
)


def _data(n_subjects=6, per_subject=20, seed=0):
    """Windows whose class shows in the mean of channel 0."""
    rng = np.random.default_rng(seed)
    n = n_subjects * per_subject
    y = np.tile(np.repeat([1, 2, 3], per_subject // 3 + 1)[:per_subject], n_subjects)
    X = rng.normal(size=(n, 16, 2))
    X[:, :, 0] += (y[:, None] - 2) * 0.8
    subjects = np.repeat(np.arange(1, n_subjects + 1), per_subject)
    return X, y, subjects


def _flat():
    return FunctionTransformer(lambda X: X.mean(axis=1))


def _lr():
    return make_pipeline(_flat(), LogisticRegression())


def _forest():
    return make_pipeline(_flat(), RandomForestClassifier(n_estimators=3, max_depth=2))


class _FailOnSubject(ClassifierMixin, BaseEstimator):
    """Fails when a given value is in the training labels' subjects (via X)."""

    def __init__(self, fail_below=0):
        self.fail_below = fail_below

    def fit(self, X, y):
        if X.shape[0] < self.fail_below:
            raise RuntimeError("too few windows for this model")
        self.classes_ = np.unique(y)
        self.majority_ = self.classes_[0]
        return self

    def predict(self, X):
        return np.full(X.shape[0], self.majority_)


def _without_times(rows):
    return [
        {k: v for k, v in r.items() if k not in ("fit_time", "predict_time")}
        for r in rows
    ]


# -- compare_models -----------------------------------------------------------


def test_every_model_sees_the_same_subject_wise_splits():
    X, y, subjects = _data()
    result = compare_models(
        {"lr": _lr(), "forest": _forest()}, X, y, groups=subjects, random_state=0
    )
    assert isinstance(result, ComparisonResult)
    assert result.models == ["lr", "forest"]
    # default: GroupKFold by subject, 5 folds (6 subjects)
    assert len(result.splits) == 5
    for train, test in result.splits:
        assert not set(subjects[train]) & set(subjects[test])
    by_model = {
        m: [
            (r["fold"], r["n_test"], tuple(r["test_subjects"]))
            for r in result.rows
            if r["model"] == m
        ]
        for m in result.models
    }
    assert by_model["lr"] == by_model["forest"]
    # per-subject scores: every subject tested exactly once per fit of a model
    subj = [r["subject"] for r in result.subject_rows if r["model"] == "lr"]
    assert sorted(subj) == list(range(1, 7))


def test_repeats_reseed_stochastic_models_only():
    X, y, subjects = _data()
    result = compare_models(
        {"lr": _lr(), "forest": _forest()},
        X,
        y,
        groups=subjects,
        cv=3,
        n_repeats=3,
        random_state=0,
    )
    # LogisticRegression (lbfgs) does not use its random_state: fitted once
    assert result.deterministic == {"lr": True, "forest": False}
    assert sum(r["model"] == "lr" for r in result.rows) == 3
    assert sum(r["model"] == "forest" for r in result.rows) == 9
    assert result.seeds["lr"] == [{}]
    forest_seeds = [
        s["randomforestclassifier__random_state"] for s in result.seeds["forest"]
    ]
    assert len(set(forest_seeds)) == 3  # a new seed every repeat
    # the seed of a repeat is shared by all folds
    for r in (r for r in result.rows if r["model"] == "forest"):
        assert r["seed"] is not None
    repeat_seeds = {
        r["repeat"]: r["seed"] for r in result.rows if r["model"] == "forest"
    }
    assert len(set(repeat_seeds.values())) == 3
    # different seeds give different forests
    scores = result.get_scores("accuracy")["forest"].reshape(3, 3)
    assert not np.all(scores == scores[0])


def test_same_random_state_gives_identical_tables():
    X, y, subjects = _data()
    models = {"forest": _forest(), "dummy": DummyClassifier(strategy="stratified")}
    a = compare_models(models, X, y, groups=subjects, cv=3, n_repeats=2, random_state=7)
    b = compare_models(models, X, y, groups=subjects, cv=3, n_repeats=2, random_state=7)
    c = compare_models(models, X, y, groups=subjects, cv=3, n_repeats=2, random_state=8)
    assert _without_times(a.rows) == _without_times(b.rows)
    assert a.seeds == b.seeds
    assert a.seeds != c.seeds
    assert _without_times(a.rows) != _without_times(c.rows)
    # the models are not modified
    assert models["forest"][-1].random_state is None


def test_parallel_gives_the_same_table():
    X, y, subjects = _data()
    models = {"lr": _lr(), "forest": _forest()}
    a = compare_models(models, X, y, groups=subjects, cv=3, n_repeats=2, random_state=0)
    b = compare_models(
        models, X, y, groups=subjects, cv=3, n_repeats=2, random_state=0, n_jobs=2
    )
    assert _without_times(a.rows) == _without_times(b.rows)


def test_metrics_and_confusion_matrices_agree():
    X, y, subjects = _data()
    result = compare_models({"lr": _lr()}, X, y, groups=subjects, cv=3)
    cm = result.confusion_matrix("lr")
    assert cm.sum() == X.shape[0]  # every window tested once
    np.testing.assert_array_equal(cm.sum(axis=1), np.bincount(y)[1:])
    accuracy = np.trace(cm) / cm.sum()
    tested = np.array([r["n_test"] for r in result.rows])
    weighted = np.sum(result.get_scores("accuracy")["lr"] * tested) / tested.sum()
    assert accuracy == pytest.approx(weighted)
    norm = result.confusion_matrix("lr", normalize="true")
    np.testing.assert_allclose(norm.sum(axis=1), 1.0)
    row = result.rows[0]
    for key in (
        "f1_macro",
        "precision_macro",
        "recall_macro",
        "f1[1]",
        "f1[2]",
        "f1[3]",
    ):
        assert 0.0 <= row[key] <= 1.0
    assert row["fit_time"] > 0 and row["predict_time"] > 0
    assert row["n_train"] + row["n_test"] == X.shape[0]
    with pytest.raises(ValueError, match="normalize"):
        result.confusion_matrix("lr", normalize="rows")
    with pytest.raises(ValueError, match="Unknown model 'svm'"):
        result.confusion_matrix("svm")


def test_extra_scorers_become_columns():
    X, y, subjects = _data()
    result = compare_models(
        {"lr": _lr()}, X, y, groups=subjects, cv=2, scoring=["balanced_accuracy"]
    )
    assert "balanced_accuracy" in result.columns
    assert 0 <= result.rows[0]["balanced_accuracy"] <= 1


def test_a_failing_model_is_recorded_and_others_still_run():
    X, y, subjects = _data()
    # the fold with the most training windows fails only if fail_below is large
    models = {"lr": _lr(), "fragile": _FailOnSubject(fail_below=10_000)}
    with pytest.warns(FitFailedWarning, match="fits failed"):
        result = compare_models(models, X, y, groups=subjects, cv=3)
    errors = [r["error"] for r in result.rows if r["model"] == "fragile"]
    assert all("too few windows" in e for e in errors)
    assert all(np.isnan(r["accuracy"]) for r in result.rows if r["model"] == "fragile")
    assert result.get_scores()["fragile"].size == 0
    assert result.get_scores()["lr"].size == 3
    assert result.summary()[1]["n_failed"] == 3
    assert "Failed fits" in result.to_markdown()
    with pytest.raises(RuntimeError, match="too few windows"):
        compare_models(models, X, y, groups=subjects, cv=3, error_score="raise")


def test_recordings_with_a_windowed_classifier():
    from sklearn_har.windowing import SlidingWindowTransformer, WindowedClassifier

    rng = np.random.default_rng(0)
    recordings, labels = [], []
    for _ in range(4):
        lab = np.repeat([1, 2, 0, 1, 2], 60)
        rec = rng.normal(size=(lab.size, 2)) * np.where(lab == 2, 3.0, 1.0)[:, None]
        recordings.append(rec)
        labels.append(lab)
    clf = WindowedClassifier(
        SlidingWindowTransformer(20, 10),
        make_pipeline(StatisticalFeatureExtractor(), LogisticRegression()),
    )
    result = compare_models(
        {"windowed": clf}, recordings, labels, groups=[1, 2, 3, 4], cv=2
    )
    # per labelled sample: the unlabelled (0) samples are not scored
    assert result.labels.tolist() == [1, 2]
    assert result.confusion_matrix().sum() == 4 * 240  # every recording tested once
    assert result.get_scores()["windowed"].min() > 0.8
    assert result.predictions is None


# -- bad input ----------------------------------------------------------------


@pytest.mark.parametrize(
    "kwargs, error, match",
    [
        ({"models": {}}, ValueError, "models is empty"),
        ({"models": [_lr()]}, TypeError, "dict of name -> estimator"),
        ({"models": {"x": "svm"}}, TypeError, "'x' is not an estimator"),
        ({"models": {1: _lr()}}, TypeError, "names must be strings"),
        ({"groups": None}, ValueError, "groups is required"),
        (
            {"groups": None, "cv": 3},
            ValueError,
            "cannot be checked for subject leakage",
        ),
        ({"n_repeats": 0}, ValueError, "n_repeats must be >= 1"),
        ({"n_repeats": 1.5}, TypeError, "n_repeats must be an int"),
        ({"n_repeats": True}, TypeError, "n_repeats must be an int"),
        ({"scoring": "bogus_score"}, ValueError, "Unknown scorer 'bogus_score'"),
        ({"scoring": 3}, TypeError, "scoring must be"),
        ({"error_score": "ignore"}, ValueError, "error_score"),
        ({"callback": 3}, TypeError, "callback must be callable"),
        (
            {"cv": KFold(3, shuffle=True, random_state=0)},
            ValueError,
            "in both train and test",
        ),
    ],
)
def test_bad_input(kwargs, error, match):
    X, y, subjects = _data()
    args = {"models": {"lr": _lr()}, "groups": subjects, **kwargs}
    models = args.pop("models")
    with pytest.raises(error, match=match):
        compare_models(models, X, y, **args)


def test_mismatched_lengths_and_single_subject():
    X, y, subjects = _data()
    with pytest.raises(ValueError, match="inconsistent numbers of samples"):
        compare_models({"lr": _lr()}, X, y[:-1], groups=subjects)
    with pytest.raises(ValueError, match="inconsistent numbers of samples"):
        compare_models({"lr": _lr()}, X, y, groups=subjects[:-1])
    with pytest.raises(ValueError, match="at least 2 subjects"):
        compare_models({"lr": _lr()}, X, y, groups=np.ones_like(subjects))
    with pytest.raises(ValueError, match="X is empty"):
        compare_models({"lr": _lr()}, X[:0], y[:0], groups=subjects[:0])


# -- leakage guard ------------------------------------------------------------


def test_leakage_guard_names_the_split_and_subjects():
    X, y, subjects = _data()
    with pytest.raises(ValueError, match=r"Split 0 of KFold.*puts subjects \[") as info:
        check_group_leakage(
            KFold(3, shuffle=True, random_state=0), X, y, groups=subjects
        )
    assert "allow_leakage=True" in str(info.value)
    with pytest.warns(GroupLeakageWarning, match="in both train and test"):
        splits = check_group_leakage(
            KFold(3, shuffle=True, random_state=0),
            X,
            y,
            groups=subjects,
            allow_leakage=True,
        )
    assert len(splits) == 3
    # subject-wise splitters pass, with an int meaning GroupKFold
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        assert len(check_group_leakage(GroupKFold(3), X, y, groups=subjects)) == 3
        assert len(check_group_leakage(2, X, y, groups=subjects)) == 2
    # an explicit list of index pairs is checked too
    with pytest.raises(ValueError, match="Split 1"):
        check_group_leakage(
            [
                (np.arange(0, 60), np.arange(60, 120)),
                (np.arange(0, 70), np.arange(70, 120)),
            ],
            X,
            groups=subjects,
        )


def test_allow_leakage_warns_and_runs():
    X, y, subjects = _data()
    with pytest.warns(GroupLeakageWarning):
        result = compare_models(
            {"lr": _lr()},
            X,
            y,
            groups=subjects,
            cv=KFold(3, shuffle=True, random_state=0),
            allow_leakage=True,
        )
    assert len(result.rows) == 3


# -- UCIHARSplit --------------------------------------------------------------


def test_uci_har_split_is_the_official_subject_split():
    subjects = np.repeat(np.arange(1, 31), 3)
    X = np.zeros((subjects.size, 4))
    ((train, test),) = UCIHARSplit().split(X, groups=subjects)
    assert sorted(set(subjects[test])) == list(UCI_HAR_TEST_SUBJECTS)
    assert len(set(subjects[train])) == 21
    assert train.size + test.size == subjects.size
    assert UCIHARSplit().get_n_splits() == 1
    custom = UCIHARSplit(test_subjects=[1, 2])
    ((_, test),) = custom.split(X, groups=subjects)
    assert sorted(set(subjects[test])) == [1, 2]


def test_uci_har_split_in_sklearn_and_in_the_protocol_loader():
    d = load_uci_protocol("sample")
    np.testing.assert_array_equal(d.train, ~UCIHARSplit().test_mask(d.subjects))
    scores = cross_val_score(
        make_pipeline(StatisticalFeatureExtractor(), LogisticRegression(max_iter=500)),
        d.X,
        d.y,
        groups=d.subjects,
        cv=UCIHARSplit(),
    )
    assert scores.shape == (1,) and scores[0] > 0.6


@pytest.mark.parametrize(
    "groups, match",
    [
        (None, "needs the subject"),
        (np.full(10, 1), "None of the test subjects"),
        (np.full(10, 2), "no training data"),
        (np.arange(5), "one entry per sample"),
    ],
)
def test_uci_har_split_bad_groups(groups, match):
    with pytest.raises(ValueError, match=match):
        list(UCIHARSplit().split(np.zeros((10, 2)), groups=groups))


# -- result exports -----------------------------------------------------------


def test_result_tables_and_exports(tmp_path):
    X, y, subjects = _data()
    result = compare_models(
        {"lr": _lr(), "forest": _forest()},
        X,
        y,
        groups=subjects,
        cv=3,
        n_repeats=2,
        random_state=0,
    )
    summary = result.summary()
    assert [s["model"] for s in summary] == ["lr", "forest"]
    lr_scores = result.get_scores("accuracy")["lr"]
    assert summary[0]["accuracy_mean"] == pytest.approx(lr_scores.mean())
    assert summary[0]["accuracy_std"] == pytest.approx(lr_scores.std())
    assert summary[0]["deterministic"] and not summary[1]["deterministic"]
    assert np.isnan(summary[0]["accuracy_std_repeats"])  # deterministic: one repeat
    assert summary[1]["accuracy_std_repeats"] >= 0
    text = result.to_markdown(target_names={1: "WALK", 2: "SIT", 3: "LAY"})
    assert "| lr |" in text and "WALK" in text and "Confusion matrix: forest" in text
    assert "deterministic" in text
    # CSV: one line per row, header first
    result.to_csv(tmp_path / "scores.csv")
    lines = (tmp_path / "scores.csv").read_text().splitlines()
    assert lines[0].split(",")[:4] == ["model", "repeat", "fold", "seed"]
    assert len(lines) == 1 + len(result.rows) == 1 + 3 + 6
    assert result.to_csv(table="subjects").count("\n") == 1 + len(result.subject_rows)
    # JSON round trip
    result.to_json(tmp_path / "results.json")
    data = json.loads((tmp_path / "results.json").read_text())
    assert data["models"] == ["lr", "forest"] and len(data["rows"]) == 9
    assert np.array(data["confusion_matrices"]["forest"]).shape == (2, 3, 3, 3)
    assert "lr: accuracy" in repr(result)
    with pytest.raises(ValueError, match="Unknown metric"):
        result.get_scores("bogus")
    with pytest.raises(ValueError, match="table must be"):
        result.to_csv(table="bogus")
    with pytest.raises(ValueError, match="target_names has 2 names for 3 classes"):
        result.to_markdown(target_names=["a", "b"])


def test_result_as_pandas_frames():
    pytest.importorskip("pandas")
    X, y, subjects = _data()
    result = compare_models({"lr": _lr()}, X, y, groups=subjects, cv=3)
    frame = result.to_frame()
    assert list(frame.columns) == result.columns and len(frame) == 3
    assert result.to_frame("summary").index.tolist() == ["lr"]
    assert set(result.to_frame("subjects")["subject"]) == set(range(1, 7))


def test_estimators_kept_only_when_asked():
    X, y, subjects = _data()
    result = compare_models({"lr": _lr()}, X, y, groups=subjects, cv=2)
    assert result.estimators_ is None
    result = compare_models(
        {"lr": _lr()}, X, y, groups=subjects, cv=2, return_estimators=True
    )
    fitted = result.estimators_["lr"]
    assert len(fitted) == 2 and all(hasattr(e, "classes_") for e in fitted)
    test = result.splits[0][1]
    np.testing.assert_array_equal(
        fitted[0].predict(X[test]), result.predictions["lr"][0]
    )


def test_callback_streams_results_per_model():
    X, y, subjects = _data()
    events = []
    compare_models(
        {"lr": _lr(), "forest": _forest()},
        X,
        y,
        groups=subjects,
        cv=2,
        n_repeats=2,
        random_state=0,
        callback=events.append,
    )
    assert [e.n_done for e in events] == list(range(1, 7))
    done = [(e.model, e.summary["n_fits"]) for e in events if e.model_done]
    assert done == [("lr", 2), ("forest", 4)]
    assert all(e.summary is None for e in events if not e.model_done)


def test_verbose_progress_goes_to_stderr(capsys):
    X, y, subjects = _data()
    compare_models({"lr": _lr()}, X, y, groups=subjects, cv=2, verbose=1)
    captured = capsys.readouterr()
    assert captured.out == ""
    assert "lr repeat 1/1 fold" in captured.err


def test_parallel_workers_limit_blas_threads():
    from threadpoolctl import threadpool_info

    class Probe(ClassifierMixin, BaseEstimator):
        def fit(self, X, y):
            self.classes_ = np.unique(y)
            self.threads_ = max(
                (p["num_threads"] for p in threadpool_info()), default=1
            )
            return self

        def predict(self, X):
            return np.full(len(X), self.classes_[0])

    X, y, subjects = _data()
    result = compare_models(
        {"probe": Probe()},
        X,
        y,
        groups=subjects,
        cv=2,
        n_jobs=2,
        return_estimators=True,
    )
    import os

    expected = max(1, (os.cpu_count() or 1) // 2)
    assert all(e.threads_ <= expected for e in result.estimators_["probe"])


@pytest.mark.deep
def test_deep_models_in_parallel_workers():
    """Two deep fits at once, each worker with its share of the threads."""
    pytest.importorskip("tensorflow")
    from sklearn_har.deep import CNNClassifier
    from sklearn_har.preprocessing import ChannelStandardScaler

    X, y, subjects = _data(n_subjects=4, per_subject=24)
    params = CNNClassifier._get_test_params()
    model = make_pipeline(ChannelStandardScaler(), CNNClassifier(**params))
    result = compare_models(
        {"cnn": model}, X, y, groups=subjects, cv=2, n_jobs=2, random_state=0
    )
    assert result.deterministic == {"cnn": False}
    assert [r["error"] for r in result.rows] == [None, None]
    assert all(0.0 <= a <= 1.0 for a in result.get_scores()["cnn"])


@pytest.mark.deep
def test_many_deep_fits_predict_without_retracing_warnings(caplog):
    pytest.importorskip("tensorflow")
    caplog.set_level("WARNING", logger="tensorflow")
    from sklearn_har.deep import CNNClassifier

    d = load_uci_protocol("sample")
    X, y, subjects = d.X[::4], d.y[::4], d.subjects[::4]
    model = CNNClassifier(epochs=1, filters=8)
    compare_models(
        {"cnn": model}, X, y, groups=subjects, cv=3, n_repeats=3, random_state=0
    )
    assert not [r for r in caplog.records if "retracing" in r.getMessage()]


@pytest.mark.parametrize(
    "kwargs, error, match",
    [
        ({"allow_leakage": "no"}, TypeError, "allow_leakage must be True or False"),
        (
            {"return_estimators": 1},
            TypeError,
            "return_estimators must be True or False",
        ),
        ({"verbose": "loud"}, TypeError, "verbose must be an int"),
        ({"n_jobs": "2"}, TypeError, "n_jobs must be an int or None"),
        ({"cv": True}, TypeError, "not the bool True"),
    ],
)
def test_option_types_are_checked(kwargs, error, match):
    X, y, subjects = _data()
    with pytest.raises(error, match=match):
        compare_models({"lr": _lr()}, X, y, groups=subjects, **kwargs)


def test_missing_x_nan_labels_nan_groups_and_out_of_range_splits():
    X, y, subjects = _data()
    with pytest.raises(TypeError, match="X must be windows"):
        compare_models({"lr": _lr()}, None, y, groups=subjects)
    with pytest.raises(ValueError, match="y contains NaN"):
        compare_models({"lr": _lr()}, X, np.where(y == 1, np.nan, y), groups=subjects)
    nan_groups = subjects.astype(float)
    nan_groups[0] = np.nan
    with pytest.raises(ValueError, match="groups contains NaN"):
        list(UCIHARSplit().split(X, groups=nan_groups))
    with pytest.raises(ValueError, match="indices outside the 120 samples"):
        check_group_leakage([(np.arange(60), np.arange(60, 121))], X, groups=subjects)
    with pytest.raises(TypeError, match="X must be array-like"):
        check_group_leakage(2, 3, groups=subjects)
