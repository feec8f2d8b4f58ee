"""Tests of SlidingWindowTransformer and WindowedClassifier."""

import io
import pickle
import time
import zipfile

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from sklearn.base import clone, is_classifier
from sklearn.exceptions import NotFittedError
from sklearn.linear_model import LogisticRegression
from sklearn.model_selection import GridSearchCV, GroupKFold, cross_validate
from sklearn.pipeline import make_pipeline
from sklearn.preprocessing import StandardScaler

from sklearn_har import SlidingWindowTransformer, WindowedClassifier
from sklearn_har.features import StatisticalFeatureExtractor
from sklearn_har.preprocessing import UCIHARPreprocessor


def _ramp(n, c=2, dtype=float):
    return np.arange(n * c, dtype=dtype).reshape(n, c)


# --------------------------------------------------------------------- shapes
def test_transform_regular_grid_and_view():
    x = _ramp(10)
    sw = SlidingWindowTransformer(window_size=4, step=3).fit(x)
    w = sw.transform(x)
    assert w.shape == (3, 4, 2)
    np.testing.assert_array_equal(w[1], x[3:7])
    np.testing.assert_array_equal(w[2], x[6:10])
    assert np.shares_memory(w, x)
    assert not w.flags.writeable


def test_transform_keeps_float32():
    x = _ramp(50, dtype=np.float32)
    w = SlidingWindowTransformer(window_size=8, step=8).fit(x).transform(x)
    assert w.dtype == np.float32


def test_transform_list_gathers_in_order():
    a, b = _ramp(9), _ramp(6) + 1000
    sw = SlidingWindowTransformer(window_size=4, step=2).fit([a, b])
    w = sw.transform([a, b])
    # a: starts 0, 2, 4 ; b: starts 0, 2
    assert w.shape == (5, 4, 2)
    np.testing.assert_array_equal(w[2], a[4:8])
    np.testing.assert_array_equal(w[3], b[0:4])
    np.testing.assert_array_equal(w[4], b[2:6])
    assert not np.shares_memory(w, a)


def test_segment_without_labels_is_transform():
    x = _ramp(12)
    sw = SlidingWindowTransformer(window_size=4, step=4)
    Xw, yw, gw = sw.segment(x)
    assert yw is None and gw is None
    np.testing.assert_array_equal(Xw, sw.fit(x).transform(x))


# ---------------------------------------------------------------- strategies
Y = np.array([1, 1, 1, 2, 2, 2, 2, 2, 3, 3])


@pytest.mark.parametrize(
    "label, expected",
    [
        ("majority", [1, 2, 2, 2]),  # windows start 0, 2, 4, 6 (size 4)
        ("last", [2, 2, 2, 3]),
        ("center", [1, 2, 2, 3]),  # sample start + 2
        ("pure", [2]),
    ],
)
def test_label_strategies(label, expected):
    x = _ramp(10)
    _, yw, _ = SlidingWindowTransformer(4, 2, label=label, unlabelled=None).segment(
        x, Y
    )
    assert yw.tolist() == expected


def test_majority_tie_goes_to_smallest_label():
    y = np.array([5, 5, 3, 3])
    _, yw, _ = SlidingWindowTransformer(4, 4, unlabelled=None).segment(_ramp(4), y)
    assert yw.tolist() == [3]


def test_segment_restarts_at_label_changes():
    y = np.array([1] * 7 + [2] * 5 + [1] * 3)
    Xw, yw, _, origin = SlidingWindowTransformer(3, 2, label="segment").segment(
        _ramp(15), y, return_origin=True
    )
    # run 1: [0, 7) -> starts 0, 2, 4 ; run 2: [7, 12) -> 7, 9 ; run 3: [12, 15) -> 12
    assert origin.start.tolist() == [0, 2, 4, 7, 9, 12]
    assert yw.tolist() == [1, 1, 1, 2, 2, 1]
    for xw, s in zip(Xw, origin.start, strict=True):
        np.testing.assert_array_equal(xw, _ramp(15)[s : s + 3])


def test_segment_never_crosses_recordings():
    a_y = np.ones(5, int)
    b_y = np.ones(5, int)
    _, yw, gw, origin = SlidingWindowTransformer(4, 1, label="segment").segment(
        [_ramp(5), _ramp(5)], [a_y, b_y], groups=["s1", "s2"], return_origin=True
    )
    # 2 windows per recording, none straddling the boundary
    assert origin.recording.tolist() == [0, 0, 1, 1]
    assert origin.start.tolist() == [0, 1, 0, 1]
    assert gw.tolist() == ["s1", "s1", "s2", "s2"]


def test_unlabelled_never_makes_labelled_windows():
    y = np.array([0] * 8 + [4] * 8)
    for label in ["majority", "last", "center", "pure", "segment"]:
        _, yw, _ = SlidingWindowTransformer(4, 4, label=label).segment(_ramp(16), y)
        assert 0 not in yw, label
        assert len(yw) == 2
    _, yw, _ = SlidingWindowTransformer(
        4, 4, label="segment", keep_unlabelled=True
    ).segment(_ramp(16), y)
    assert yw.tolist() == [0, 0, 4, 4]


def test_string_labels_and_per_sample_groups():
    y = np.array(["WALK"] * 6 + ["SIT"] * 6)
    g = np.array([3] * 12)
    _, yw, gw = SlidingWindowTransformer(6, 6, label="pure", unlabelled=None).segment(
        _ramp(12), y, groups=g
    )
    assert yw.tolist() == ["WALK", "SIT"]
    assert gw.tolist() == [3, 3]


def test_window_spanning_two_groups_is_an_error():
    g = np.array([1] * 5 + [2] * 5)
    with pytest.raises(ValueError, match="spans two groups"):
        SlidingWindowTransformer(4, 2).segment(_ramp(10), groups=g)


@settings(max_examples=60, deadline=None)
@given(
    lengths=st.lists(st.integers(8, 60), min_size=1, max_size=4),
    window=st.integers(1, 8),
    step=st.integers(1, 9),
    label=st.sampled_from(["majority", "last", "center", "pure", "segment"]),
    seed=st.integers(0, 10_000),
)
def test_windows_match_their_origin(lengths, window, step, label, seed):
    """Property: every window equals the slice its origin points to, and its
    label follows the strategy on that slice."""
    rng = np.random.default_rng(seed)
    recs = [rng.normal(size=(n, 2)) for n in lengths]
    labs = [np.repeat(rng.integers(0, 3, size=n // 4 + 1), 4)[:n] for n in lengths]
    Xw, yw, gw, org = SlidingWindowTransformer(window, step, label=label).segment(
        recs, labs, groups=np.arange(len(recs)), return_origin=True
    )
    assert Xw.shape[0] == yw.shape[0] == gw.shape[0] == org.start.shape[0]
    for xw, lab, g, r, s in zip(Xw, yw, gw, org.recording, org.start, strict=True):
        np.testing.assert_array_equal(xw, recs[r][s : s + window])
        seg = labs[r][s : s + window]
        assert g == r and lab != 0
        if label == "last":
            assert lab == seg[-1]
        elif label == "center":
            assert lab == seg[window // 2]
        elif label in ("pure", "segment"):
            assert (seg == lab).all()
        else:
            counts = np.bincount(seg, minlength=3)
            assert counts[lab] == counts.max()
    if label == "segment":  # windows start on the step grid of their run
        for r, s in zip(org.recording, org.start, strict=True):
            lab_r = labs[r]
            run_start = s
            while run_start > 0 and lab_r[run_start - 1] == lab_r[s]:
                run_start -= 1
            assert (s - run_start) % step == 0


# ---------------------------------------------------------------- bad input
@pytest.mark.parametrize(
    "params, match",
    [
        ({"window_size": 0}, "window_size"),
        ({"step": 0}, "step"),
        ({"step": -2}, "step"),
        ({"label": "mode"}, "label"),
    ],
)
def test_bad_parameters(params, match):
    with pytest.raises(ValueError, match=match):
        SlidingWindowTransformer(**params).segment(_ramp(200))


def test_bad_input_messages():
    sw = SlidingWindowTransformer(window_size=16, step=8)
    with pytest.raises(
        ValueError, match=r"Recording 1 has 10 samples, shorter than one window"
    ):
        sw.segment([_ramp(40), _ramp(10)])
    with pytest.raises(
        ValueError, match="labels length must equal the number of samples"
    ):
        sw.segment(_ramp(40), np.ones(39))
    with pytest.raises(ValueError, match="groups has 3 values"):
        sw.segment([_ramp(40), _ramp(40)], groups=[1, 2, 3])
    x = _ramp(40)
    x[5, 1] = np.nan
    with pytest.raises(ValueError, match=r"NaN or infinity \(first at sample 5\)"):
        sw.segment(x)
    with pytest.raises(ValueError, match="must be 2-D"):
        sw.segment(np.zeros(40))
    with pytest.raises(ValueError, match="must be 2-D"):
        sw.segment(np.zeros((2, 40, 3)))
    with pytest.raises(ValueError, match="has 3 channels, but 2 were expected"):
        sw.segment([_ramp(40), _ramp(40, c=3)])
    sw.fit(_ramp(40))
    with pytest.raises(
        ValueError,
        match="X has 3 features, but SlidingWindowTransformer is expecting 2",
    ):
        sw.transform(_ramp(40, c=3))
    with pytest.raises(TypeError, match="must be an array"):
        sw.segment(None)


def test_transform_requires_fit():
    with pytest.raises(NotFittedError):
        SlidingWindowTransformer().transform(_ramp(200))


def test_segment_of_zero_windows_is_empty_not_an_error():
    Xw, yw, _ = SlidingWindowTransformer(4, 2).segment(_ramp(10), np.zeros(10, int))
    assert Xw.shape == (0, 4, 2) and yw.shape == (0,)


# --------------------------------------------------------------- real data
@pytest.mark.slow
def test_segment_reproduces_official_hapt_windows(hapt, data_home):
    """Acceptance: the official 10,929 HAPT windows, window for window."""
    Xw, yw, gw = SlidingWindowTransformer(
        window_size=128, step=64, label="segment"
    ).segment(hapt.recordings, hapt.labels, groups=hapt.subjects)
    assert Xw.shape == (10929, 128, 6)
    with zipfile.ZipFile(data_home / "HAPT Data Set.zip") as z:

        def read(name):
            return np.loadtxt(io.BytesIO(z.read(name)), dtype=int)

        y_off = np.concatenate([read("Train/y_train.txt"), read("Test/y_test.txt")])
        s_off = np.concatenate(
            [read("Train/subject_id_train.txt"), read("Test/subject_id_test.txt")]
        )
    assert len(y_off) == 10929
    for subject in np.unique(s_off):
        np.testing.assert_array_equal(yw[gw == subject], y_off[s_off == subject])


def test_windowing_a_long_stream_is_a_view():
    """10^7 samples (the 10^8 timing lives in benchmarks/): a view, no copy."""
    x = np.zeros((10_000_000, 6), dtype=np.float32)
    t0 = time.perf_counter()
    w = SlidingWindowTransformer(128, 64).fit(x).transform(x)
    elapsed = time.perf_counter() - t0
    assert np.shares_memory(w, x)
    assert w.shape == ((10_000_000 - 128) // 64 + 1, 128, 6)
    assert elapsed < 5.0  # generous: O(1) work, not proportional to the data


# ------------------------------------------------------- WindowedClassifier
def _toy_recordings(n_rec=6, n=600, seed=0):
    """Each recording alternates two activities with different variance."""
    rng = np.random.default_rng(seed)
    recs, labs = [], []
    for _ in range(n_rec):
        y = np.repeat(rng.permutation([1, 2, 1, 2, 0, 1]), n // 6)
        x = rng.normal(size=(n, 3)) * np.where(y == 2, 3.0, 1.0)[:, None]
        recs.append(x)
        labs.append(y)
    return recs, labs, np.arange(n_rec) // 2


def _windowed(**kw):
    return WindowedClassifier(
        SlidingWindowTransformer(window_size=50, step=25, label="segment"),
        make_pipeline(
            StatisticalFeatureExtractor(), StandardScaler(), LogisticRegression()
        ),
        **kw,
    )


def test_windowed_classifier_fit_predict():
    recs, labs, _ = _toy_recordings()
    clf = _windowed().fit(recs, labs)
    assert is_classifier(clf)
    assert clf.classes_.tolist() == [1, 2]
    pred = clf.predict(recs)
    assert isinstance(pred, list) and [p.shape for p in pred] == [
        r.shape[:1] for r in recs
    ]
    assert clf.score(recs, labs) > 0.9
    proba = clf.predict_proba(recs[0])
    assert proba.shape == (600, 2)
    np.testing.assert_allclose(proba.sum(axis=1), 1.0)
    yw, origin = clf.predict_windows(recs[0])
    assert yw.shape == origin.start.shape == ((600 - 50) // 25 + 1,)


def test_windowed_classifier_per_sample_vote_uses_covering_windows():
    """A sample's prediction comes from the windows covering it, not others."""
    recs, labs, _ = _toy_recordings()
    clf = _windowed().fit(recs, labs)
    noise = np.random.default_rng(1).normal(size=(200, 3))
    x = np.r_[noise[:100], 3 * noise[100:]]  # class 1 then class 2
    pred = clf.predict(x)
    assert (pred[:25] == 1).all() and (pred[-25:] == 2).all()


def test_windowed_classifier_grid_search_tunes_window_size():
    recs, labs, subjects = _toy_recordings()
    grid = GridSearchCV(
        _windowed(),
        {"windows__window_size": [20, 50], "windows__step": [10, 25]},
        cv=GroupKFold(n_splits=3),
    ).fit(recs, labs, groups=subjects)
    assert set(grid.cv_results_["param_windows__window_size"]) == {20, 50}
    assert grid.best_score_ > 0.85
    assert grid.best_estimator_.windows_.window_size in (20, 50)
    res = cross_validate(_windowed(), recs, labs, groups=subjects, cv=GroupKFold(3))
    assert res["test_score"].shape == (3,)


def test_windowed_classifier_with_preprocessor_and_clone_pickle():
    rng = np.random.default_rng(0)
    recs = [rng.normal(size=(400, 6)) for _ in range(2)]
    labs = [np.repeat([1, 2], 200) for _ in range(2)]
    clf = _windowed(preprocessor=UCIHARPreprocessor())
    params = clf.get_params()
    assert "windows__window_size" in params and "preprocessor__gravity_cutoff" in params
    clf.fit(recs, labs)
    assert clf.estimator_[0].n_features_in_ == 9
    again = pickle.loads(pickle.dumps(clf))
    np.testing.assert_array_equal(again.predict(recs[0]), clf.predict(recs[0]))
    assert not hasattr(clone(clf), "estimator_")


def test_windowed_classifier_errors():
    recs, labs, _ = _toy_recordings()
    with pytest.raises(NotFittedError):
        _windowed().predict(recs)
    with pytest.raises(ValueError, match="one class only"):
        _windowed().fit([recs[0]], [np.ones(600, int)])
    with pytest.raises(ValueError, match="No labelled training window"):
        _windowed().fit([recs[0]], [np.zeros(600, int)])
    clf = _windowed().fit(recs, labs)
    with pytest.raises(
        ValueError, match="X has 4 features, but WindowedClassifier is expecting 3"
    ):
        clf.predict(np.zeros((600, 4)))


def test_fit_transform_validates_once_and_check_finite_switch():
    x = _ramp(100)
    x[3, 0] = np.nan
    with pytest.raises(ValueError, match="NaN"):
        SlidingWindowTransformer(10, 5).fit_transform(x)
    w = SlidingWindowTransformer(10, 5, check_finite=False).fit_transform(x)
    assert np.shares_memory(w, x) and np.isnan(w[0, 3, 0])


def test_a_list_of_1d_arrays_is_refused_as_ambiguous():
    from sklearn_har.windowing import SlidingWindowTransformer

    with pytest.raises(ValueError, match="list of 1-D arrays, which is ambiguous"):
        SlidingWindowTransformer(2, 1).fit_transform([np.zeros(1000), np.zeros(1000)])
    # nested lists of numbers stay one recording; 2-D recordings a list
    assert SlidingWindowTransformer(2, 1).fit_transform([[0.0, 1.0]] * 4).shape == (
        3,
        2,
        2,
    )
    out = SlidingWindowTransformer(2, 1).fit_transform([np.zeros((5, 1))] * 2)
    assert out.shape == (8, 2, 1)


@pytest.mark.parametrize(
    "params", [{"window_size": True}, {"window_size": 4, "step": True}]
)
def test_bools_are_not_window_sizes(params):
    from sklearn_har.windowing import SlidingWindowTransformer

    with pytest.raises(
        TypeError,
        match="parameter of SlidingWindowTransformer must be an int.*Got True",
    ):
        SlidingWindowTransformer(**params).fit_transform(np.zeros((10, 2)))


@pytest.mark.parametrize(
    "labels, unlabelled",
    [(np.repeat([1, 2], 20), "zero"), (np.repeat(["a", "b"], 20), 0)],
)
def test_an_unlabelled_marker_that_cannot_match_is_refused(labels, unlabelled):
    from sklearn_har.windowing import SlidingWindowTransformer

    win = SlidingWindowTransformer(4, 2, unlabelled=unlabelled)
    with pytest.raises(ValueError, match="can never match the labels"):
        win.segment(np.zeros((40, 2)), labels)


def test_boolean_labels_and_markers_are_refused():
    from sklearn_har.windowing import SlidingWindowTransformer

    X, y = np.zeros((40, 2)), np.repeat([1, 2], 20)
    with pytest.raises(ValueError, match="labels are booleans"):
        SlidingWindowTransformer(4, 2).segment(X, y == 1)
    Xw, yw, _ = SlidingWindowTransformer(4, 2, unlabelled=None).segment(X, y == 1)
    assert set(yw.tolist()) == {False, True}
    with pytest.raises(TypeError, match="not the bool True"):
        SlidingWindowTransformer(4, 2, unlabelled=True).segment(X, y)
    # integer labels held in an object array (as pandas gives them) are numbers
    Xw, yw, _ = SlidingWindowTransformer(4, 2).segment(X, y.astype(object))
    assert set(yw.tolist()) == {1, 2}
