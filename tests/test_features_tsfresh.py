"""Tests of TsfreshFeatureExtractor (extra ``tsfresh``), on small inputs."""

import subprocess
import sys

import numpy as np
import pytest
from sklearn.exceptions import NotFittedError
from sklearn.model_selection import GroupKFold, cross_val_score

from sklearn_har.features import TsfreshFeatureExtractor
from sklearn_har.pipeline import make_svm_pipeline
from sklearn_har.utils import InvalidParameterError

pytest.importorskip("tsfresh")

MINIMAL = [
    "sum_values",
    "median",
    "mean",
    "length",
    "standard_deviation",
    "variance",
    "root_mean_square",
    "maximum",
    "absolute_maximum",
    "minimum",
]


@pytest.fixture(scope="module")
def windows():
    return np.random.default_rng(0).normal(size=(7, 24, 3))


def test_import_is_lazy():
    code = (
        "import sys, sklearn_har.features;"
        "assert 'tsfresh' not in sys.modules, 'tsfresh imported at package import'"
    )
    subprocess.run([sys.executable, "-c", code], check=True)


def test_minimal_features_have_known_values_and_names(windows):
    ext = TsfreshFeatureExtractor(default_fc_parameters="minimal")
    F = ext.fit_transform(windows)
    names = ext.get_feature_names_out()
    assert F.shape == (7, 3 * len(MINIMAL))
    assert list(names) == [f"ch{c}__{f}" for c in range(3) for f in MINIMAL]
    f = dict(zip(names, F.T, strict=True))
    np.testing.assert_allclose(f["ch0__mean"], windows[:, :, 0].mean(axis=1))
    np.testing.assert_allclose(f["ch2__maximum"], windows[:, :, 2].max(axis=1))
    np.testing.assert_allclose(
        f["ch1__standard_deviation"], windows[:, :, 1].std(axis=1)
    )
    np.testing.assert_array_equal(f["ch1__length"], 24)
    # rows stay in window order, and transform gives what fit_transform gave
    np.testing.assert_allclose(ext.transform(windows), F)
    np.testing.assert_allclose(ext.transform(windows[::-1]), F[::-1])
    assert ext.n_features_in_ == 3 and ext.n_timesteps_in_ == 24


def test_dict_parameters_channel_names_and_pandas_output(windows):
    settings = {"mean": None, "autocorrelation": [{"lag": 1}, {"lag": 3}]}
    ext = TsfreshFeatureExtractor(default_fc_parameters=settings).fit(windows)
    assert list(ext.get_feature_names_out(["ax", "ay", "az"])[:3]) == [
        "ax__mean",
        "ax__autocorrelation__lag_1",
        "ax__autocorrelation__lag_3",
    ]
    with pytest.raises(ValueError, match="one per channel"):
        ext.get_feature_names_out(["ax"])
    df = ext.set_output(transform="pandas").transform(windows)
    assert df.shape == (7, 9) and df.columns[0] == "ch0__mean"


def test_univariate_2d_input():
    X = np.random.default_rng(1).normal(size=(5, 20))
    ext = TsfreshFeatureExtractor(default_fc_parameters={"maximum": None})
    np.testing.assert_allclose(ext.fit_transform(X)[:, 0], X.max(axis=1))
    assert ext.n_features_in_ == 1
    assert list(ext.get_feature_names_out()) == ["ch0__maximum"]


def test_nan_is_filled_with_the_training_median():
    # autocorrelation of a constant window is NaN in tsfresh
    rng = np.random.default_rng(2)
    X_train = rng.normal(size=(5, 30, 1))
    X_train[0] = 1.0
    settings = {"autocorrelation": [{"lag": 1}]}
    ext = TsfreshFeatureExtractor(default_fc_parameters=settings)
    F_train = ext.fit_transform(X_train)
    assert np.isfinite(F_train).all()
    finite_train = F_train[1:, 0]
    assert ext.fill_values_[0] == pytest.approx(np.median(finite_train))
    assert F_train[0, 0] == pytest.approx(np.median(finite_train))
    X_test = np.concatenate([np.zeros((1, 30, 1)), rng.normal(size=(2, 30, 1))])
    F_test = ext.transform(X_test)
    assert F_test[0, 0] == ext.fill_values_[0]  # from training, not from test
    assert np.isfinite(F_test).all()


def test_infinity_is_clipped_to_the_training_range(monkeypatch, windows):
    ext = TsfreshFeatureExtractor(default_fc_parameters={"maximum": None})
    raw = np.array([[1.0, np.nan], [3.0, np.nan], [np.inf, np.nan], [-np.inf, np.nan]])
    names = np.array(["ch0__maximum", "ch1__maximum"], dtype=object)
    monkeypatch.setattr(ext, "_extract", lambda X: (raw[: len(X)], names))
    F = ext.fit_transform(windows[:4, :, :2])
    np.testing.assert_array_equal(F[:, 0], [1.0, 3.0, 3.0, 1.0])
    np.testing.assert_array_equal(F[:, 1], 0.0)  # never finite in training


def test_transform_aligns_columns_on_the_fitted_names(monkeypatch, windows):
    ext = TsfreshFeatureExtractor(default_fc_parameters={"maximum": None})
    ext.fit(windows[:, :, :2])
    swapped = (
        np.array([[5.0, 7.0]]),
        np.array(["ch1__maximum", "ch0__maximum"], dtype=object),
    )
    monkeypatch.setattr(ext, "_extract", lambda X: swapped)
    np.testing.assert_array_equal(ext.transform(windows[:1, :, :2]), [[7.0, 5.0]])


def test_parallel_extraction_gives_the_same_features(windows):
    serial = TsfreshFeatureExtractor().fit_transform(windows)
    parallel = TsfreshFeatureExtractor(n_jobs=2).fit_transform(windows)
    np.testing.assert_allclose(parallel, serial)


@pytest.mark.slow
def test_efficient_preset_is_finite_on_awkward_windows():
    X = np.random.default_rng(3).normal(size=(4, 32, 1))
    X[1] = 0.0  # constant: many calculators give NaN
    ext = TsfreshFeatureExtractor(default_fc_parameters="efficient")
    F = ext.fit_transform(X)
    assert F.shape[1] > 700 and np.isfinite(F).all()
    assert np.isfinite(ext.transform(X[::-1])).all()


def test_in_a_subject_wise_svm_pipeline():
    rng = np.random.default_rng(4)
    X = rng.normal(size=(40, 32, 2))
    y = np.repeat([0, 1], 20)
    X[y == 1] *= 3.0  # class 1 moves more
    groups = np.tile(np.arange(4), 10)
    pipe = make_svm_pipeline(extractor=TsfreshFeatureExtractor(), C=1.0)
    scores = cross_val_score(pipe, X, y, groups=groups, cv=GroupKFold(n_splits=2))
    assert scores.min() >= 0.9


@pytest.mark.parametrize(
    "X, match",
    [
        (np.zeros((3, 10, 2, 1)), "3-D"),
        (np.zeros((0, 10, 2)), "0 sample"),
        (np.full((3, 10, 2), np.nan), "NaN or infinity"),
    ],
)
def test_bad_input(X, match):
    with pytest.raises(ValueError, match=match):
        TsfreshFeatureExtractor().fit(X)


def test_mismatch_not_fitted_and_bad_parameters(windows):
    with pytest.raises(NotFittedError):
        TsfreshFeatureExtractor().transform(windows)
    ext = TsfreshFeatureExtractor().fit(windows)
    with pytest.raises(
        ValueError, match="2 channels, but TsfreshFeatureExtractor.*with 3 channels"
    ):
        ext.transform(windows[:, :, :2])
    with pytest.raises(ValueError, match="10 time steps.*fitted on windows of 24"):
        ext.transform(windows[:, :10])
    with pytest.raises(InvalidParameterError):
        TsfreshFeatureExtractor(default_fc_parameters="everything").fit(windows)


def test_missing_tsfresh_is_explained(monkeypatch, windows):
    monkeypatch.setitem(sys.modules, "tsfresh", None)
    with pytest.raises(ImportError, match=r"sklearn_har\[tsfresh\]"):
        TsfreshFeatureExtractor().fit(windows)


@pytest.mark.parametrize(
    "settings, match",
    [
        ({}, "empty dict"),
        (
            {"bogus_calc": None},
            r"Unknown tsfresh feature calculator\(s\) \['bogus_calc'\]",
        ),
    ],
)
def test_settings_that_name_no_calculator_are_refused(settings, match):
    X = np.random.default_rng(0).normal(size=(3, 16, 2))
    with pytest.raises(ValueError, match=match):
        TsfreshFeatureExtractor(default_fc_parameters=settings).fit_transform(X)


@pytest.mark.parametrize(
    "settings, error, match",
    [
        ({"mean": 5}, TypeError, r"\['mean'\] must be None .*got 5 of type int"),
        (
            {"autocorrelation": {"lag": 1}},
            TypeError,
            r"\['autocorrelation'\] must be a non-empty list of parameter dicts, "
            r"e\.g\. \[\{'lag': 0\}\] \(wrap the dict in a list\)",
        ),
        (
            {"autocorrelation": [{"bogus": 1}]},
            ValueError,
            r"\['autocorrelation'\]\[0\] = \{'bogus': 1\} has unknown parameter\(s\) "
            r"\['bogus'\] and no value for \['lag'\]: autocorrelation takes the "
            r"parameters \['lag'\]",
        ),
        ({"autocorrelation": None}, TypeError, r"list of parameter dicts.*got None"),
        ({"autocorrelation": []}, ValueError, r"\['autocorrelation'\].*empty list"),
        ({"autocorrelation": [1]}, TypeError, r"list of parameter dicts.*got \[1\]"),
        ({"autocorrelation": "lag"}, TypeError, r"got 'lag' of type str"),
        (
            {"agg_autocorrelation": [{"f_agg": "mean"}]},
            ValueError,
            r"\['agg_autocorrelation'\]\[0\].*no value for \['maxlag'\]",
        ),
        # a name of the module that is not a calculator
        ({"np": None}, ValueError, r"Unknown tsfresh feature calculator\(s\) \['np'\]"),
    ],
)
def test_wrongly_shaped_settings_are_explained(settings, error, match):
    X = np.random.default_rng(0).normal(size=(3, 16, 2))
    ext = TsfreshFeatureExtractor(default_fc_parameters=settings)
    with pytest.raises(error, match=match):
        ext.fit(X)
    assert not hasattr(ext, "n_features_in_")  # a failed fit leaves no state


def test_well_shaped_settings_are_accepted():
    X = np.random.default_rng(0).normal(size=(3, 16, 1))
    settings = {
        "mean": None,
        "maximum": [],  # tsfresh computes a calculator without parameters once
        "autocorrelation": ({"lag": 1},),
        "agg_autocorrelation": [{"f_agg": "mean", "maxlag": 3}],
        "number_crossing_m": [{"m": 0}],
    }
    ext = TsfreshFeatureExtractor(default_fc_parameters=settings).fit(X)
    assert len(ext.get_feature_names_out()) == 5


@pytest.mark.parametrize("where", ["fit", "transform"])
def test_overflow_of_huge_windows_raises_instead_of_imputing(where, windows):
    ext = TsfreshFeatureExtractor(default_fc_parameters="minimal")
    ext.fit(windows)
    np.testing.assert_allclose(  # large but representable: exact features
        ext.transform(windows * 1e100)[:, 5] / 1e200,
        np.var(windows[:, :, 0], axis=1),
    )
    match = (
        r"TsfreshFeatureExtractor: 9 feature\(s\) overflowed the float64 range "
        r"\(ch0__standard_deviation, ch0__variance, ch0__root_mean_square and 6 "
        r"more\).*largest magnitude is .*e\+200"
    )
    with pytest.raises(ValueError, match=match):
        if where == "fit":
            TsfreshFeatureExtractor(default_fc_parameters="minimal").fit(
                windows * 1e200
            )
        else:
            ext.transform(windows * 1e200)


def test_nan_of_degenerate_huge_windows_is_still_imputed():
    # tsfresh's autocorrelation of a constant window is NaN at any scale: that
    # is not an overflow, so it is imputed, even for huge constant windows
    rng = np.random.default_rng(5)
    X = rng.normal(size=(5, 30, 1))
    X[0] = 3e200
    settings = {"autocorrelation": [{"lag": 1}], "maximum": None}
    ext = TsfreshFeatureExtractor(default_fc_parameters=settings)
    F = ext.fit_transform(X)
    assert np.isfinite(F).all()
    assert F[0, 0] == ext.fill_values_[0] == pytest.approx(np.median(F[1:, 0]))
    assert F[0, 1] == 3e200
    np.testing.assert_array_equal(ext.transform(X[:1]), F[:1])
