"""Tests of ChannelStandardScaler (per-channel standardisation of windows)."""

import numpy as np
import pytest
from sklearn.base import clone
from sklearn.model_selection import GroupKFold, cross_val_score
from sklearn.pipeline import make_pipeline
from sklearn.preprocessing import FunctionTransformer, StandardScaler
from sklearn.svm import LinearSVC

from sklearn_har.preprocessing import ChannelStandardScaler


@pytest.fixture
def windows(rng):
    loc = np.array([0.0, 5.0, -2.0])
    scale = np.array([1.0, 3.0, 0.1])
    return rng.normal(loc=loc, scale=scale, size=(40, 16, 3))


def test_statistics_pool_all_time_steps(windows):
    scaler = ChannelStandardScaler().fit(windows)
    flat = windows.reshape(-1, 3)
    np.testing.assert_allclose(scaler.mean_, flat.mean(axis=0))
    np.testing.assert_allclose(scaler.var_, flat.var(axis=0))
    np.testing.assert_allclose(scaler.scale_, flat.std(axis=0))
    assert scaler.n_samples_seen_ == 40 * 16
    assert scaler.n_features_in_ == 3
    Xt = scaler.transform(windows)
    assert Xt.shape == windows.shape
    np.testing.assert_allclose(Xt.reshape(-1, 3).mean(axis=0), 0, atol=1e-12)
    np.testing.assert_allclose(Xt.reshape(-1, 3).std(axis=0), 1, rtol=1e-12)


def test_matches_standard_scaler_on_stacked_samples(windows):
    expected = (
        StandardScaler().fit_transform(windows.reshape(-1, 3)).reshape(windows.shape)
    )
    np.testing.assert_allclose(ChannelStandardScaler().fit_transform(windows), expected)


def test_one_statistic_per_channel_not_per_time_step(windows):
    # A time-varying offset survives: only 2 numbers per channel are used.
    ramp = windows + np.linspace(0, 1, 16)[None, :, None]
    Xt = ChannelStandardScaler().fit_transform(ramp)
    step_means = Xt.mean(axis=(0, 2))
    assert step_means[-1] - step_means[0] > 0.3


def test_overlap_uses_the_last_part_of_each_window():
    # Windows of 8 steps with 50 % overlap cut from one stream: the second
    # halves cover each raw sample exactly once (except the first 4).
    stream = np.arange(44, dtype=float)[:, None] ** 1.5
    X = np.stack([stream[i : i + 8] for i in range(0, 37, 4)])
    scaler = ChannelStandardScaler(overlap=0.5).fit(X)
    np.testing.assert_allclose(scaler.mean_, stream[4:].mean(axis=0))
    np.testing.assert_allclose(scaler.scale_, stream[4:].std(axis=0))
    assert scaler.n_samples_seen_ == 40
    # transform still scales every time step
    assert scaler.transform(X).shape == X.shape


def test_two_dimensional_input_is_samples_by_channels(windows):
    rec = windows.reshape(-1, 3)
    scaler = ChannelStandardScaler().fit(rec)
    np.testing.assert_allclose(scaler.mean_, rec.mean(axis=0))
    assert scaler.transform(rec).shape == rec.shape
    # statistics from 2-D can be applied to windows and vice versa
    np.testing.assert_allclose(
        scaler.transform(windows),
        ChannelStandardScaler().fit(windows).transform(windows),
    )


def test_with_mean_with_std_and_constant_channel(rng):
    X = rng.normal(size=(10, 5, 2))
    X[:, :, 1] = 7.0
    scaler = ChannelStandardScaler(with_mean=False).fit(X)
    np.testing.assert_array_equal(scaler.mean_, 0)
    assert scaler.scale_[1] == 1.0  # zero variance is not divided by
    Xt = ChannelStandardScaler().fit_transform(X)
    np.testing.assert_allclose(Xt[:, :, 1], 0.0)
    Xn = ChannelStandardScaler(with_std=False).fit_transform(X)
    np.testing.assert_allclose(Xn.reshape(-1, 2).mean(axis=0), 0, atol=1e-12)
    np.testing.assert_allclose(Xn[:, :, 0].std(), X[:, :, 0].std())


def test_inverse_transform_round_trip(windows):
    scaler = ChannelStandardScaler().fit(windows)
    np.testing.assert_allclose(
        scaler.inverse_transform(scaler.transform(windows)), windows
    )


def test_float32_is_preserved(windows):
    X32 = windows.astype(np.float32)
    assert ChannelStandardScaler().fit(X32).transform(X32).dtype == np.float32
    assert ChannelStandardScaler().fit(windows).transform(windows).dtype == np.float64


def test_bad_input(windows):
    scaler = ChannelStandardScaler().fit(windows)
    with pytest.raises(ValueError, match="4 channels, but .* fitted with 3"):
        scaler.transform(np.zeros((2, 16, 4)))
    bad = windows.copy()
    bad[0, 0, 0] = np.nan
    with pytest.raises(ValueError, match="NaN"):
        ChannelStandardScaler().fit(bad)
    bad[0, 0, 0] = np.inf
    with pytest.raises(ValueError, match="infinity"):
        scaler.transform(bad)
    with pytest.raises(ValueError, match="0 sample"):
        ChannelStandardScaler().fit(np.zeros((0, 16, 3)))
    with pytest.raises(ValueError):
        ChannelStandardScaler().fit(np.zeros((2, 3, 4, 5)))
    with pytest.raises(ValueError, match="overlap"):
        ChannelStandardScaler(overlap=1.0).fit(windows)


def test_pipeline_fits_statistics_on_training_folds_only(rng):
    # Each group has its own offset; inside cross-validation the scaler must
    # only see the training groups, so a shifted test fold stays shifted.
    n, t = 60, 16
    y = np.tile([0, 1], n // 2)
    groups = np.repeat(np.arange(3), n // 3)
    X = rng.normal(size=(n, t, 2)) + y[:, None, None]
    flatten = FunctionTransformer(lambda W: W.reshape(len(W), -1))
    pipe = make_pipeline(ChannelStandardScaler(), flatten, LinearSVC())
    scores = cross_val_score(pipe, X, y, groups=groups, cv=GroupKFold(3))
    assert scores.mean() > 0.9
    fitted = clone(pipe).fit(X[groups != 0], y[groups != 0])
    np.testing.assert_allclose(
        fitted[0].mean_, X[groups != 0].reshape(-1, 2).mean(axis=0)
    )


def test_get_feature_names_out_and_tags(windows):
    scaler = ChannelStandardScaler().fit(windows)
    assert scaler.get_feature_names_out().tolist() == ["x0", "x1", "x2"]
    assert scaler.__sklearn_tags__().input_tags.three_d_array


@pytest.mark.parametrize("magnitude", [1e-300, 1e80, 1e160, 1e300])
def test_extreme_finite_values_give_finite_standardised_output(magnitude):
    rng = np.random.default_rng(0)
    X = rng.normal(size=(4, 128, 9)) * magnitude
    scaler = ChannelStandardScaler().fit(X)
    assert np.all(np.isfinite(scaler.scale_)) and np.all(scaler.scale_ > 0)
    Xt = scaler.transform(X)
    assert np.all(np.isfinite(Xt))
    np.testing.assert_allclose(Xt.reshape(-1, 9).std(axis=0), 1.0, rtol=1e-10)
    np.testing.assert_allclose(Xt.reshape(-1, 9).mean(axis=0), 0.0, atol=1e-10)
    np.testing.assert_allclose(
        scaler.inverse_transform(Xt), X, rtol=1e-9, atol=1e-9 * magnitude
    )


@pytest.mark.parametrize(
    "X, match",
    [
        (
            np.empty((5, 128, 0)),
            r"shape=\(5, 128, 0\).*windows need at least one channel",
        ),
        ([np.zeros((10, 6)), np.zeros((10, 3))], "could not be read as one array"),
        (np.zeros((2, 3, 4, 5)), "X has 4 dimensions"),
    ],
)
def test_bad_shapes_are_named(X, match):
    with pytest.raises(ValueError, match=match):
        ChannelStandardScaler().fit(X)
