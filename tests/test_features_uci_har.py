"""Tests of the 561 UCI HAR features: names, every feature family, real data.

The per-window reference implementation below (``reference_features``) is
written independently of the vectorised extractor, straight from the
specification (``docs/user_guide/features.rst``), with one plain numpy /
scipy call per feature.  ``benchmarks/bench_features.py`` also times it.
"""

import importlib.util
import pickle

import numpy as np
import pytest
import scipy.signal
import scipy.stats
from sklearn.base import clone
from sklearn.exceptions import NotFittedError

from sklearn_har.features import UCIHARFeatureExtractor, _kernels, uci_har_feature_names
from sklearn_har.features._kernels import KERNELS, load_kernels, resolve_engine
from sklearn_har.features._spectral import (
    amplitude_spectrum,
    band_energies,
    uci_har_bands,
)
from sklearn_har.features._stats import (
    ROW_STATISTICS,
    angle_between,
    burg_ar,
    entropy_quantised,
)
from sklearn_har.utils import InvalidParameterError

FS = 50.0
OFFICIAL_BANDS = [
    (1, 8), (9, 16), (17, 24), (25, 32), (33, 40), (41, 48), (49, 56), (57, 64),
    (1, 16), (17, 32), (33, 48), (49, 64), (1, 24), (25, 48),
]  # fmt: skip


# ------------------------------------------------------------ reference code
def _arburg(v, p=4):
    """MATLAB arburg(v, p), one signal at a time (spec §3.10 pseudo-code)."""
    ef = np.array(v, dtype=float)
    eb = ef.copy()
    a = np.array([1.0])
    for _ in range(p):
        f, b = ef[1:], eb[:-1]
        den = f @ f + b @ b
        k = -2.0 * (b @ f) / den if den > 0 else 0.0
        ef, eb = f + k * b, b + k * f
        a = np.concatenate([a, [0.0]])
        a = a + k * a[::-1]
    return a[1:]


def _entropy(v):
    q = np.round(255 * np.clip(v, 0, 1))
    _, counts = np.unique(q, return_counts=True)
    p = counts / len(v)
    return float(-(p * np.log2(p)).sum())


def _basic(v):
    """mean, std, mad, max, min, energy, iqr, entropy of one 1-D series."""
    q1, q3 = np.percentile(v, [25, 75], method="hazen")
    return {
        "mean": v.mean(),
        "std": v.std(ddof=1),
        "mad": np.mean(np.abs(v - v.mean())),
        "max": v.max(),
        "min": v.min(),
        "energy": np.mean(v**2),
        "iqr": q3 - q1,
        "entropy": _entropy(v),
    }


def reference_features(w, sampling_rate=FS, replicate_gravitymag_bug=False):
    """The 561 features of one window ``(T, 9)``, one feature at a time."""
    T = w.shape[0]
    body, gyro, total = w[:, 0:3], w[:, 3:6], w[:, 6:9]
    grav = total - body
    bjerk, gjerk = np.diff(body, axis=0), np.diff(gyro, axis=0)

    def mag(v):
        return np.sqrt((v**2).sum(axis=1))

    def spectrum(s):
        return 2.0 / T * np.abs(np.fft.fft(s, n=T))[1 : T // 2 + 1]

    freqs = np.arange(1, T // 2 + 1) * sampling_rate / T
    bands = OFFICIAL_BANDS if T == 128 else uci_har_bands(T // 2)
    t3 = {"tBodyAcc": body, "tGravityAcc": grav, "tBodyAccJerk": bjerk,
          "tBodyGyro": gyro, "tBodyGyroJerk": gjerk}  # fmt: skip
    tm = {"tBodyAccMag": mag(body),
          "tGravityAccMag": mag(body) if replicate_gravitymag_bug else mag(grav),
          "tBodyAccJerkMag": mag(bjerk), "tBodyGyroMag": mag(gyro),
          "tBodyGyroJerkMag": mag(gjerk)}  # fmt: skip
    out = []
    for s in t3.values():
        stats = [_basic(s[:, a]) for a in range(3)]
        out += [st[f] for f in ("mean", "std", "mad", "max", "min") for st in stats]
        out.append(np.mean(np.abs(s).sum(axis=1)))
        out += [st[f] for f in ("energy", "iqr", "entropy") for st in stats]
        out += [c for a in range(3) for c in _arburg(s[:, a])]
        out += [
            np.corrcoef(s[:, i], s[:, j])[0, 1] for i, j in ((0, 1), (0, 2), (1, 2))
        ]
    for s in tm.values():
        st = _basic(s)
        out += [st[f] for f in ("mean", "std", "mad", "max", "min")]
        out.append(np.mean(np.abs(s)))
        out += [st[f] for f in ("energy", "iqr", "entropy")]
        out += list(_arburg(s))
    for s in (body, bjerk, gyro):
        A = [spectrum(s[:, a]) for a in range(3)]
        stats = [_basic(x) for x in A]
        out += [st[f] for f in ("mean", "std", "mad", "max", "min") for st in stats]
        out.append(np.mean(A[0] + A[1] + A[2]))
        out += [st[f] for f in ("energy", "iqr", "entropy") for st in stats]
        out += [np.argmax(x) + 1 for x in A]
        out += [(freqs * x).sum() / x.sum() for x in A]
        for x in A:
            out += [scipy.stats.skew(x), scipy.stats.kurtosis(x, fisher=False)]
        out += [np.sum(x[a - 1 : b] ** 2) for x in A for a, b in bands]
    for s in (mag(body), mag(bjerk), mag(gyro), mag(gjerk)):
        x = spectrum(s)
        st = _basic(x)
        out += [st[f] for f in ("mean", "std", "mad", "max", "min")]
        out.append(np.mean(x))
        out += [st[f] for f in ("energy", "iqr", "entropy")]
        out += [np.argmax(x) + 1, (freqs * x).sum() / x.sum()]
        out += [scipy.stats.skew(x), scipy.stats.kurtosis(x, fisher=False)]

    def angle(u, v):
        return np.arccos(u @ v / (np.linalg.norm(u) * np.linalg.norm(v)))

    g = grav.mean(axis=0)
    out += [angle(s.mean(axis=0), g) for s in (body, bjerk, gyro, gjerk)]
    out += [angle(e, g) for e in np.eye(3)]
    return np.asarray(out, dtype=float)


# ----------------------------------------------------------------- helpers
def _windows(body=None, gyro=None, gravity=None, n=1, T=128):
    """Windows (n, T, 9) from body, gyro and gravity parts (broadcast)."""
    z = np.zeros((n, T, 3))
    body = z + (0.0 if body is None else body)
    gyro = z + (0.0 if gyro is None else gyro)
    gravity = z + (0.0 if gravity is None else gravity)
    return np.concatenate([body, gyro, body + gravity], axis=2)


def _features(X, **params):
    ext = UCIHARFeatureExtractor(**params).fit(X)
    F = ext.transform(X)
    return dict(zip(ext.get_feature_names_out(), F.T, strict=True)), F


def _sine(k, T=128, amp=1.0, phase=0.3):
    t = np.arange(T)
    return amp * np.sin(2 * np.pi * k * t / T + phase)


@pytest.fixture(scope="module")
def random_windows():
    rng = np.random.default_rng(42)
    t = np.arange(128)[:, None]
    X = 0.1 * rng.normal(size=(12, 128, 9))
    X[:, :, 6:9] += rng.normal(size=(12, 1, 3))  # a gravity offset
    X[:, :, 0:3] += 0.3 * np.sin(2 * np.pi * rng.uniform(1, 20, (12, 1, 3)) * t / 128)
    return X


# ------------------------------------------------------------------- names
def test_names_are_the_official_features_txt(uci_meta):
    lines = (uci_meta / "features.txt").read_text().splitlines()
    official = [line.split(" ", 1)[1] for line in lines if line.strip()]
    assert uci_har_feature_names(unique=False) == official
    unique = uci_har_feature_names()
    assert len(unique) == len(set(unique)) == 561
    changed = [(o, u) for o, u in zip(official, unique, strict=True) if o != u]
    assert len(changed) == 126
    assert all("bandsEnergy()" in o and u[:-2] == o for o, u in changed)
    # X block, then Y, then Z for each of the three f-groups
    assert [u[-1] for _, u in changed] == list(np.repeat(["X", "Y", "Z"], 14)) * 3
    assert unique[302] == "fBodyAcc-bandsEnergy()-1,8-X"
    assert unique[316] == "fBodyAcc-bandsEnergy()-1,8-Y"
    assert unique[501] == "fBodyGyro-bandsEnergy()-25,48-Z"


def test_one_layout_gives_names_and_columns():
    from sklearn_har.features import _layout

    index = _layout.column_index()
    # every column computed once, from a slot of the unordered block matrix
    assert len(index) == len(set(index.tolist())) == 561
    assert index.max() < _layout.N_UNORDERED
    bug = _layout.column_index(replicate_gravitymag_bug=True)
    names = uci_har_feature_names()
    grav = [i for i, n in enumerate(names) if n.startswith("tGravityAccMag-")]
    body = [i for i, n in enumerate(names) if n.startswith("tBodyAccMag-")]
    np.testing.assert_array_equal(bug[grav], index[body])
    assert len(set(bug.tolist())) == 561 - 13


def test_repeated_official_names_are_exactly_the_band_names():
    official = uci_har_feature_names(unique=False)
    names, counts = np.unique(official, return_counts=True)
    assert len(names) == 477
    assert set(counts) == {1, 3}
    assert all("bandsEnergy" in n for n in names[counts == 3])
    assert (counts == 3).sum() == 42


def test_get_feature_names_out_and_pandas_output(random_windows):
    ext = UCIHARFeatureExtractor().fit(random_windows)
    names = ext.get_feature_names_out()
    assert names.dtype == object and list(names) == uci_har_feature_names()
    pytest.importorskip("pandas")  # the extras dev/tsfresh/docs install it
    df = ext.set_output(transform="pandas").transform(random_windows)
    assert list(df.columns) == list(names)
    assert df.shape == (12, 561)
    np.testing.assert_array_equal(
        df.to_numpy(), clone(ext).fit_transform(random_windows)
    )


def test_names_and_bands_follow_the_window_length():
    names = uci_har_feature_names(window_size=64)
    assert names[302] == "fBodyAcc-bandsEnergy()-1,4-X"
    assert names[310] == "fBodyAcc-bandsEnergy()-1,8-X"
    assert uci_har_bands(64).tolist() == [list(b) for b in OFFICIAL_BANDS]
    # every band keeps its fraction of the 0..Nyquist range
    for n_bins in (8, 32, 50, 64, 100, 128):
        bands = uci_har_bands(n_bins)
        assert bands[0, 0] == 1 and bands[7, 1] == n_bins
        assert (bands[:, 1] >= bands[:, 0]).all()
        np.testing.assert_array_equal(bands[1:8, 0], bands[:7, 1] + 1)  # a partition
        np.testing.assert_array_equal(bands[8:12, 0], bands[0:8:2, 0])
        np.testing.assert_array_equal(bands[8:12, 1], bands[1:8:2, 1])
        np.testing.assert_array_equal(bands[12:, 1], bands[[2, 5], 1])
    with pytest.raises(ValueError, match="at least 8 spectral bins"):
        uci_har_bands(7)


# ------------------------------------------- the whole vector, per window
# numba is optional (extra "fast"); the dev extra that CI installs has it, so
# these skips only apply to a core-only environment.
HAS_NUMBA = importlib.util.find_spec("numba") is not None
ENGINES = [
    "numpy",
    pytest.param(
        "numba", marks=pytest.mark.skipif(not HAS_NUMBA, reason="needs numba")
    ),
]


@pytest.mark.parametrize("engine", ENGINES)
@pytest.mark.parametrize("bug", [False, True])
def test_matches_per_window_reference(random_windows, bug, engine):
    F = UCIHARFeatureExtractor(
        replicate_gravitymag_bug=bug, engine=engine
    ).fit_transform(random_windows)
    R = np.stack(
        [reference_features(w, replicate_gravitymag_bug=bug) for w in random_windows]
    )
    np.testing.assert_allclose(F, R, rtol=1e-9, atol=1e-12)


@pytest.mark.parametrize("engine", ENGINES)
def test_matches_reference_at_another_length_and_rate(engine):
    rng = np.random.default_rng(3)
    X = rng.normal(size=(5, 80, 9))
    ext = UCIHARFeatureExtractor(sampling_rate=20.0, engine=engine).fit(X)
    F = ext.transform(X)
    R = np.stack([reference_features(w, sampling_rate=20.0) for w in X])
    np.testing.assert_allclose(F, R, rtol=1e-9, atol=1e-12)
    assert ext.n_timesteps_in_ == 80 and ext.bands_.tolist()[0] == [1, 5]
    assert ext.get_feature_names_out()[302] == "fBodyAcc-bandsEnergy()-1,5-X"


def test_gravitymag_bug_copies_body_magnitude_columns(random_windows):
    names = np.array(uci_har_feature_names())
    body = np.flatnonzero(np.char.startswith(names.astype(str), "tBodyAccMag-"))
    grav = np.flatnonzero(np.char.startswith(names.astype(str), "tGravityAccMag-"))
    assert len(body) == len(grav) == 13 and grav[0] == 213
    F_bug = UCIHARFeatureExtractor(replicate_gravitymag_bug=True).fit_transform(
        random_windows
    )
    F = UCIHARFeatureExtractor().fit_transform(random_windows)
    np.testing.assert_array_equal(F_bug[:, grav], F_bug[:, body])
    assert not np.allclose(F[:, grav], F[:, body])
    other = np.setdiff1d(np.arange(561), grav)
    np.testing.assert_array_equal(F[:, other], F_bug[:, other])


@pytest.mark.skipif(not HAS_NUMBA, reason="needs numba")
def test_numba_and_numpy_engines_agree_on_edge_cases():
    rng = np.random.default_rng(7)
    X = 0.2 * rng.normal(size=(40, 64, 9))
    X[0] = 0.0  # all zero
    X[1] = 0.5  # constant
    X[2, :, :] = rng.integers(0, 3, size=(64, 9)) / 255  # exact level boundaries
    X[3] = 1e-3 * rng.normal(size=(64, 9)) + 1.0  # tiny variation on an offset
    X[4, :, 6:9] = np.linspace(0.0, 1.0, 64)[:, None]  # smooth, predictable
    X[5] *= 1e6  # huge values
    X[6, ::2] = 0.5 / 255  # ties on a rounding boundary
    for dtype in (np.float64, np.float32):
        Xd = X.astype(dtype)
        ref = UCIHARFeatureExtractor(engine="numpy").fit_transform(Xd)
        F = UCIHARFeatureExtractor(engine="numba", chunk_size=7).fit_transform(Xd)
        # same definitions; only the summation order differs
        scale = np.abs(ref).max(axis=0, keepdims=True) + 1.0
        np.testing.assert_allclose(F / scale, ref / scale, rtol=0, atol=1e-11)
        entropy = [i for i, n in enumerate(uci_har_feature_names()) if "entropy" in n]
        np.testing.assert_array_equal(F[:, entropy], ref[:, entropy])


def test_engine_auto_and_missing_numba(random_windows, monkeypatch):
    auto = UCIHARFeatureExtractor().fit(random_windows)
    assert auto._resolve_engine() == ("numba" if HAS_NUMBA else "numpy")
    real_find_spec = importlib.util.find_spec
    monkeypatch.setattr(
        importlib.util,
        "find_spec",
        lambda name, *a: None if name == "numba" else real_find_spec(name, *a),
    )
    with pytest.raises(ImportError, match=r"sklearn_har\[fast\]"):
        UCIHARFeatureExtractor(engine="numba").fit(random_windows)
    F = UCIHARFeatureExtractor().fit_transform(random_windows)  # auto: numpy
    ref = UCIHARFeatureExtractor(engine="numpy").fit_transform(random_windows)
    np.testing.assert_array_equal(F, ref)


# ------------------------------------------------ families, known answers
@pytest.mark.parametrize("engine", ENGINES)
def test_constant_windows(engine):
    c_body, c_gyro, c_grav = np.array([0.2, -0.1, 0.05]), 0.3, np.array([0.9, 0.0, 0.4])
    f, F = _features(_windows(c_body, c_gyro, c_grav, n=2), engine=engine)
    assert np.isfinite(F).all()
    for a, axis in enumerate("XYZ"):
        assert f[f"tBodyAcc-mean()-{axis}"] == pytest.approx(c_body[a])
        assert f[f"tBodyAcc-max()-{axis}"] == pytest.approx(c_body[a])
        assert f[f"tGravityAcc-min()-{axis}"] == pytest.approx(c_grav[a])
        assert f[f"tBodyAcc-energy()-{axis}"] == pytest.approx(c_body[a] ** 2)
        for g in ("tBodyAcc", "tGravityAcc", "tBodyGyro", "tBodyAccJerk"):
            for stat in ("std()", "mad()", "iqr()"):
                np.testing.assert_allclose(f[f"{g}-{stat}-{axis}"], 0, atol=1e-15)
            assert f[f"{g}-entropy()-{axis}"] == pytest.approx(0)  # one level
        # no variation: no spectrum (DC dropped), no correlation
        np.testing.assert_array_equal(f[f"fBodyAcc-max()-{axis}"], 0)
        np.testing.assert_array_equal(f[f"fBodyAcc-maxInds-{axis}"], 1)
        np.testing.assert_array_equal(f[f"fBodyGyro-meanFreq()-{axis}"], 0)
        np.testing.assert_array_equal(f[f"fBodyAcc-skewness()-{axis}"], 0)
        np.testing.assert_array_equal(f[f"fBodyAcc-kurtosis()-{axis}"], 0)
        np.testing.assert_array_equal(f[f"fBodyAcc-bandsEnergy()-1,8-{axis}"], 0)
        # Burg on a constant: x[t] = x[t-1] exactly, then nothing left
        c = c_grav[a]
        expected_ar = [-1, 0, 0, 0] if c != 0 else [0, 0, 0, 0]
        ar = [f[f"tGravityAcc-arCoeff()-{axis},{k}"] for k in range(1, 5)]
        np.testing.assert_allclose(np.array(ar).T, [expected_ar] * 2, atol=1e-12)
        # the jerk of a constant is zero
        np.testing.assert_array_equal(f[f"tBodyAccJerk-mean()-{axis}"], 0)
    np.testing.assert_array_equal(f["tBodyAcc-correlation()-X,Y"], 0)
    assert f["tBodyAcc-sma()"] == pytest.approx(np.abs(c_body).sum())
    assert f["tGravityAccMag-mean()"] == pytest.approx(np.linalg.norm(c_grav))
    assert f["tBodyGyroMag-mean()"] == pytest.approx(0.3 * np.sqrt(3))


@pytest.mark.parametrize("k", [1, 5, 10, 40, 64])
def test_pure_sine_spectrum_max_index_mean_frequency_and_bands(k):
    amp = 0.7
    x = _sine(k, amp=amp, phase=0.0 if k < 64 else np.pi / 2)  # bin 64: cos
    body = np.zeros((128, 3))
    body[:, 0] = x
    f, _ = _features(_windows(body[None]))
    assert f["fBodyAcc-maxInds-X"] == k
    assert f["fBodyAcc-meanFreq()-X"] == pytest.approx(k * FS / 128)
    A = amp if k < 64 else 2 * amp  # the Nyquist bin is not shared
    assert f["fBodyAcc-max()-X"] == pytest.approx(A)
    assert f["fBodyAcc-mean()-X"] == pytest.approx(A / 64)
    assert f["fBodyAcc-energy()-X"] == pytest.approx(A**2 / 64)
    for a, b in OFFICIAL_BANDS:
        expected = A**2 if a <= k <= b else 0.0
        assert f[f"fBodyAcc-bandsEnergy()-{a},{b}-X"] == pytest.approx(
            expected, abs=1e-12
        )
        assert f[f"fBodyAcc-bandsEnergy()-{a},{b}-Y"] == 0
    # the jerk of a sine is a sine at the same frequency
    assert f["fBodyAccJerk-maxInds-X"] == k
    # time domain: std of a sine of amplitude a over whole periods
    if k < 64:
        assert f["tBodyAcc-std()-X"] == pytest.approx(amp / np.sqrt(2), rel=1e-2)


def test_sine_at_another_window_length():
    T, k = 64, 6
    body = np.zeros((T, 3))
    body[:, 1] = _sine(k, T=T)
    ext = UCIHARFeatureExtractor().fit(_windows(body[None], T=T))
    f = dict(
        zip(
            ext.get_feature_names_out(),
            ext.transform(_windows(body[None], T=T))[0],
            strict=True,
        )
    )
    assert f["fBodyAcc-maxInds-Y"] == k
    assert f["fBodyAcc-meanFreq()-Y"] == pytest.approx(k * FS / T)
    assert f["fBodyAcc-bandsEnergy()-5,8-Y"] == pytest.approx(1.0)  # bins 5-8
    assert f["fBodyAcc-bandsEnergy()-1,4-Y"] == pytest.approx(0.0, abs=1e-12)


def test_time_statistics_and_jerk_on_known_signals():
    t = np.arange(128.0)
    body = np.zeros((128, 3))
    body[:, 0] = 0.01 * t  # a ramp: jerk is constant 0.01 per sample
    body[:, 1] = np.where(t < 64, 0.0, 1.0)  # a step: entropy of {0, 1}
    body[:, 2] = -2.0 * body[:, 0] + 0.5  # perfectly anti-correlated with X
    f, _ = _features(_windows(body[None]))
    assert f["tBodyAccJerk-mean()-X"] == pytest.approx(0.01)
    assert f["tBodyAccJerk-std()-X"] == pytest.approx(0, abs=1e-12)
    assert f["tBodyAccJerk-max()-Y"] == 1.0 and f["tBodyAccJerk-min()-Y"] == 0.0
    assert f["tBodyAcc-entropy()-Y"] == pytest.approx(1.0)  # two equal levels
    assert f["tBodyAcc-correlation()-X,Z"] == pytest.approx(-1.0)
    assert f["tBodyAcc-mad()-Y"] == pytest.approx(0.5)  # mean abs dev, not median
    assert f["tBodyAcc-iqr()-Y"] == pytest.approx(1.0)
    assert f["tBodyAcc-mean()-X"] == pytest.approx(0.635)
    # jerk values are differences per sample, not per second: 126 steps of
    # (0.01, 0, -0.02) and one of (0.01, 1, -0.02)
    steady, jump = np.hypot(0.01, 0.02), np.sqrt(0.01**2 + 1 + 0.02**2)
    assert f["tBodyAccJerkMag-mean()"] == pytest.approx((126 * steady + jump) / 127)


def test_angles_of_known_vectors():
    body = np.array([0.0, 0.3, 0.0])  # mean body acceleration along +Y
    gyro = np.array([0.2, 0.0, 0.2])
    gravity = np.array([-1.0, 0.0, 0.0])  # gravity along -X
    f, _ = _features(_windows(body, gyro, gravity))
    assert f["angle(tBodyAccMean,gravity)"] == pytest.approx(np.pi / 2)
    assert f["angle(tBodyGyroMean,gravityMean)"] == pytest.approx(3 * np.pi / 4)
    assert f["angle(X,gravityMean)"] == pytest.approx(np.pi)
    assert f["angle(Y,gravityMean)"] == pytest.approx(np.pi / 2)
    assert f["angle(Z,gravityMean)"] == pytest.approx(np.pi / 2)
    # zero jerk: the angle to a zero vector is defined as pi/2, not NaN
    assert f["angle(tBodyAccJerkMean),gravityMean)"] == pytest.approx(np.pi / 2)


@pytest.mark.parametrize("engine", ENGINES)
def test_burg_coefficients_of_a_known_ar2_process(engine):
    burg = load_kernels(engine).burg_ar
    rng = np.random.default_rng(0)
    a1, a2 = -1.5, 0.75  # x[t] = 1.5 x[t-1] - 0.75 x[t-2] + e[t]
    n, m = 200_000, 1000
    x = scipy.signal.lfilter([1.0], [1.0, a1, a2], rng.normal(size=n))
    np.testing.assert_allclose(burg(x[np.newaxis], 2)[0], [a1, a2], atol=0.01)
    # over-fitted orders 3 and 4 are ~0 (their estimates scatter by ~0.01)
    np.testing.assert_allclose(burg(x[np.newaxis], 4)[0], [a1, a2, 0, 0], atol=0.03)
    # the extractor on 128-sample windows of that process (gyro X): unbiased
    # enough that the mean over many windows is close to the truth
    windows = x[1000 : 1000 + m * 128].reshape(m, 128)
    gyro = np.zeros((m, 128, 3))
    gyro[:, :, 0] = windows
    f, _ = _features(_windows(gyro=gyro, n=m), engine=engine)
    ar = np.array([f[f"tBodyGyro-arCoeff()-X,{k}"] for k in range(1, 5)])
    np.testing.assert_allclose(ar.mean(axis=1), [a1, a2, 0, 0], atol=0.05)
    np.testing.assert_allclose(ar.T, burg(windows, 4))


@pytest.mark.parametrize("engine", ENGINES)
def test_burg_matches_matlab_style_loop_and_statsmodels(engine):
    rng = np.random.default_rng(1)
    X = np.cumsum(rng.normal(size=(6, 4, 127)), axis=-1) + 3.0  # raw, not de-meaned
    A = load_kernels(engine).burg_ar(X.reshape(24, 127), 4).reshape(6, 4, 4)
    for i in np.ndindex(X.shape[:2]):
        np.testing.assert_allclose(A[i], _arburg(X[i]), rtol=1e-10, atol=1e-12)
    sm = pytest.importorskip("statsmodels.regression.linear_model")
    rho, _ = sm.burg(X[0, 0], order=4, demean=False)
    np.testing.assert_allclose(A[0, 0], -rho, rtol=1e-8)
    with pytest.raises(ValueError, match="longer than 4"):
        burg_ar(np.ones(4))


# --------------------------------------------- kernels (both engines)
def test_kernel_table_has_every_kernel_in_every_engine():
    assert set(_kernels.ENGINES) == {"numpy", "numba"}
    assert set(KERNELS) == {"row_statistics", "burg_ar", "correlation_pairs"}
    numpy_kernels = load_kernels("numpy")
    assert all(k.__module__ == "sklearn_har.features._stats" for k in numpy_kernels)
    assert load_kernels("numpy") is numpy_kernels  # loaded once
    assert resolve_engine("numpy", "X") == "numpy"
    assert resolve_engine("auto", "X") == ("numba" if HAS_NUMBA else "numpy")
    if HAS_NUMBA:
        numba_kernels = load_kernels("numba")
        assert all(
            k is not n for k, n in zip(numba_kernels, numpy_kernels, strict=True)
        )


def _row_stats(engine, x, moments=True):
    """row_statistics of ``x`` (..., n) as a dict of arrays of shape (...)."""
    lead, n = x.shape[:-1], x.shape[-1]
    xs = np.sort(x, axis=-1).reshape(-1, n)
    S = load_kernels(engine).row_statistics(xs, moments, 256)
    assert S.shape == (xs.shape[0], len(ROW_STATISTICS))
    return {k: S[:, j].reshape(lead) for j, k in enumerate(ROW_STATISTICS)}


@pytest.mark.parametrize("engine", ENGINES)
def test_row_statistics_against_scipy(engine):
    rng = np.random.default_rng(2)
    x = rng.gamma(2.0, size=(3, 5, 64)) / 4 - 0.25  # skewed, both signs
    st = _row_stats(engine, x)
    close = {"rtol": 1e-10, "atol": 1e-14}
    np.testing.assert_allclose(st["mean"], x.mean(-1), **close)
    np.testing.assert_allclose(st["std"], x.std(-1, ddof=1), **close)
    np.testing.assert_allclose(
        st["mad"], np.abs(x - x.mean(-1, keepdims=True)).mean(-1), **close
    )
    np.testing.assert_array_equal(st["max"], x.max(-1))
    np.testing.assert_array_equal(st["min"], x.min(-1))
    np.testing.assert_allclose(st["energy"], (x**2).mean(-1), **close)
    np.testing.assert_allclose(
        st["iqr"],
        np.subtract(*np.percentile(x, [75, 25], axis=-1, method="hazen")),
        **close,
    )
    np.testing.assert_allclose(
        st["entropy"], np.vectorize(_entropy, signature="(n)->()")(x), **close
    )
    np.testing.assert_allclose(st["mean_abs"], np.abs(x).mean(-1), **close)
    np.testing.assert_allclose(st["skewness"], scipy.stats.skew(x, axis=-1), **close)
    np.testing.assert_allclose(
        st["kurtosis"], scipy.stats.kurtosis(x, axis=-1, fisher=False), **close
    )
    # without moments the last two columns are 0
    plain = _row_stats(engine, x, moments=False)
    assert not plain["skewness"].any() and not plain["kurtosis"].any()
    np.testing.assert_array_equal(plain["std"], st["std"])
    # a constant row: exactly 0 spread and moments, not round-off or NaN
    const = _row_stats(engine, np.full((2, 50), 0.1))
    for k in ("std", "iqr", "entropy", "skewness", "kurtosis"):
        np.testing.assert_array_equal(const[k], 0.0)
    np.testing.assert_allclose(const["mad"], 0.0, atol=1e-15)
    assert const["mean"] == pytest.approx(0.1) and const["energy"] == pytest.approx(
        0.01
    )


@pytest.mark.parametrize("engine", ENGINES)
def test_correlation_pairs_and_angles(engine):
    corr = load_kernels(engine).correlation_pairs
    rng = np.random.default_rng(4)
    Z = rng.normal(size=(6, 5, 40))
    Z[:, 3] = -3 * Z[:, 0] + 1  # perfectly anti-correlated with signal 0
    Z[:, 4] = 0.7  # constant
    first, second = np.array([0, 0, 1, 2, 4]), np.array([1, 3, 2, 0, 0])
    r = corr(Z, first, second)
    expected = [
        [
            np.corrcoef(w[i], w[j])[0, 1]
            for i, j in zip(first[:4], second[:4], strict=True)
        ]
        for w in Z
    ]
    np.testing.assert_allclose(r[:, :4], expected, rtol=1e-12, atol=1e-14)
    np.testing.assert_allclose(r[:, 1], -1.0)
    np.testing.assert_array_equal(r[:, 4], 0.0)  # constant: 0, not NaN
    u, v = np.array([[1.0, 0, 0], [0, 0, 0]]), np.array([[1.0, 1.0, 0], [1.0, 0, 0]])
    np.testing.assert_allclose(angle_between(u, v), [np.pi / 4, np.pi / 2])


def test_entropy_clips_and_quantises():
    rng = np.random.default_rng(3)
    x = rng.normal(0.5, 0.5, size=(7, 128))
    expected = [_entropy(row) for row in x]
    np.testing.assert_allclose(entropy_quantised(x), expected)
    np.testing.assert_allclose(
        entropy_quantised(np.sort(x), assume_sorted=True), expected
    )
    # everything below 0 (or above 1) falls in one level
    assert entropy_quantised(-rng.uniform(size=50)) == 0
    assert entropy_quantised(1 + rng.uniform(size=50)) == 0
    # 256 equally used levels: 8 bits
    assert entropy_quantised(np.arange(256) / 255) == pytest.approx(8.0)
    # values 1/510 apart straddle a quantisation boundary
    assert entropy_quantised(np.array([0.0, 1.1 / 510])) == pytest.approx(1.0)


def test_spectrum_primitives():
    t = np.arange(128)
    x = 2.0 + np.cos(2 * np.pi * 3 * t / 128) + 0.5 * np.cos(2 * np.pi * 20 * t / 128)
    A = amplitude_spectrum(x)
    assert A.shape == (64,)
    np.testing.assert_allclose(A[[2, 19]], [1.0, 0.5])
    assert np.count_nonzero(A) == 2  # round-off of the other bins is zeroed
    E = band_energies(A, uci_har_bands(64))
    np.testing.assert_allclose(E[[0, 2, 8, 9, 12]], [1.0, 0.25, 1.0, 0.25, 1.25])
    # a jerk-length signal is zero-padded to the FFT length
    assert amplitude_spectrum(x[:127], n_fft=128).shape == (64,)


# -------------------------------------------------------------- estimator
def test_chunking_threads_dtypes_and_order_do_not_change_the_result(random_windows):
    X = random_windows
    ref = UCIHARFeatureExtractor().fit_transform(X)
    # equal up to the last bit or two: numpy may sum a chunk of one window
    # in another order than a chunk of many
    same = {"rtol": 1e-13, "atol": 1e-15}
    for params in ({"chunk_size": 1}, {"chunk_size": 5, "n_jobs": 2}, {"n_jobs": -1}):
        F = UCIHARFeatureExtractor(**params).fit_transform(X)
        np.testing.assert_allclose(F, ref, **same)
    ext = UCIHARFeatureExtractor().fit(X)
    perm = np.random.default_rng(0).permutation(len(X))
    np.testing.assert_allclose(ext.transform(X[perm]), ref[perm], **same)
    np.testing.assert_allclose(ext.transform(X[3:7]), ref[3:7], **same)  # subsets
    X32 = X.astype(np.float32)
    F32 = ext.transform(X32)  # computed in float64
    assert F32.dtype == np.float64
    np.testing.assert_array_equal(F32, ext.transform(X32.astype(np.float64)))
    np.testing.assert_array_equal(ext.transform(X.tolist()), ref)  # array-like


def test_readonly_input_pickle_clone_and_idempotent_fit(random_windows, tmp_path):
    X = random_windows
    path = tmp_path / "x.npy"
    np.save(path, X)
    X_ro = np.load(path, mmap_mode="r")
    ext = UCIHARFeatureExtractor(chunk_size=4)
    assert ext.fit(X_ro) is ext
    F = ext.transform(X_ro)
    np.testing.assert_array_equal(F, ext.fit(X).transform(X))
    assert ext.get_params() == clone(ext).get_params()
    restored = pickle.loads(pickle.dumps(ext))
    np.testing.assert_array_equal(restored.transform(X), F)
    np.testing.assert_array_equal(X_ro, X)  # input untouched


def test_tags():
    tags = UCIHARFeatureExtractor().__sklearn_tags__()
    assert tags.input_tags.three_d_array and not tags.input_tags.allow_nan
    failed = UCIHARFeatureExtractor._get_expected_failed_checks()
    assert failed and all(c.startswith("check_") for c in failed)


@pytest.mark.parametrize(
    "X, match",
    [
        (np.zeros((4, 128)), "3-D"),
        (np.zeros((4, 128, 9, 1)), "3-D"),
        (np.zeros((4, 128, 6)), "6 channels.*needs the 9"),
        (np.zeros((4, 15, 9)), "15 samples.*at least 16"),
        (np.zeros((0, 128, 9)), "0 sample"),
        ("abc", "must be an array"),
    ],
)
def test_bad_input_at_fit(X, match):
    with pytest.raises((ValueError, TypeError), match=match):
        UCIHARFeatureExtractor().fit(X)


def test_failed_fit_leaves_no_fitted_state(random_windows):
    ext = UCIHARFeatureExtractor().fit(random_windows)
    with pytest.raises(ValueError, match="needs the 9"):
        ext.fit(random_windows[:, :, :6])
    with pytest.raises(NotFittedError):
        ext.transform(random_windows[:, :, :6])
    ext.fit(random_windows)
    assert (ext.n_features_in_, ext.n_channels_in_, ext.n_timesteps_in_) == (9, 9, 128)


@pytest.mark.parametrize("bad", [np.nan, np.inf, -np.inf])
def test_non_finite_values_are_rejected(random_windows, bad):
    X = random_windows.copy()
    X[5, 17, 2] = bad
    ext = UCIHARFeatureExtractor()
    with pytest.raises(ValueError, match="NaN or infinity.*window 5"):
        ext.fit(X)
    ext.fit(random_windows)
    with pytest.raises(ValueError, match="NaN or infinity"):
        ext.transform(X)


def test_shape_changes_between_fit_and_transform(random_windows):
    ext = UCIHARFeatureExtractor().fit(random_windows)
    with pytest.raises(
        ValueError, match="8 channels, but UCIHARFeatureExtractor.*with 9 channels"
    ):
        ext.transform(random_windows[:, :, :8])
    with pytest.raises(
        ValueError, match="windows of 100 time steps.*fitted on windows of 128"
    ):
        ext.transform(random_windows[:, :100])
    with pytest.raises(ValueError, match="0 sample"):
        ext.transform(random_windows[:0])


def test_not_fitted_and_bad_parameters(random_windows):
    with pytest.raises(NotFittedError):
        UCIHARFeatureExtractor().transform(random_windows)
    with pytest.raises(NotFittedError):
        UCIHARFeatureExtractor().get_feature_names_out()
    for params in (
        {"chunk_size": 0},
        {"sampling_rate": -1.0},
        {"n_jobs": "two"},
        {"engine": "cython"},
    ):
        with pytest.raises(InvalidParameterError):
            UCIHARFeatureExtractor(**params).fit(random_windows)


# --------------------------------------------------------------- real data
# Spec §8.1: quartiles (Q1, median, Q3) of selected columns after min-max
# scaling to [-1, 1] over all UCI-protocol windows.  "published" are the
# v1 quartiles (published_summary.tsv), "recon" the spec author's own run of
# the same definitions on the same HAPT recordings, "tol" the max |delta|
# between the two that the spec reports.
FINGERPRINT = {
    # column: (published Q1/median/Q3, spec reconstruction Q1/median/Q3, max |delta|)
    2: ((-0.0249, -0.0172, -0.0106), (-0.0299, -0.0217, -0.0151), 0.005),
    4: ((-0.9924, -0.9430, -0.2503), (-0.9921, -0.9398, -0.2460), 0.004),
    7: ((-0.9933, -0.9482, -0.3020), (-0.9926, -0.9458, -0.2995), 0.002),
    16: ((-0.9817, -0.8769, -0.1228), (-0.9816, -0.8697, -0.1345), 0.012),
    42: ((-0.2429, -0.1436, 0.1189), (-0.2374, -0.1384, 0.1195), 0.006),
    44: ((-0.9949, -0.9819, -0.9615), (-0.9947, -0.9812, -0.9600), 0.002),
    56: ((-0.4093, -0.1313, 0.1884), (-0.4090, -0.1306, 0.1894), 0.001),
    58: ((-0.9680, -0.9098, -0.7668), (-0.9679, -0.9098, -0.7668), 0.000),
    63: ((-1.0000, -0.7631, -0.3996), (-1.0000, -0.7537, -0.3849), 0.015),
    64: ((-1.0000, -1.0000, -0.8511), (-1.0000, -1.0000, -0.8447), 0.006),
    66: ((-0.6512, -0.5102, -0.3667), (-0.6547, -0.5139, -0.3679), 0.004),
    84: ((-0.9913, -0.9513, -0.2912), (-0.9911, -0.9494, -0.2904), 0.002),
    103: ((-0.7298, -0.3377, 0.5994), (-0.7737, -0.3859, 0.5867), 0.048),
    209: ((-0.5456, 0.1650, 0.8010), (-0.5395, 0.1915, 0.8038), 0.027),
    235: ((-0.8016, -0.3204, 0.7027), (-0.7989, -0.3285, 0.7198), 0.017),
    272: ((-0.9916, -0.9442, -0.2026), (-0.9913, -0.9407, -0.2029), 0.004),
    282: ((-0.9999, -0.9981, -0.7170), (-0.9999, -0.9979, -0.7137), 0.003),
    288: ((-0.9464, -0.4980, 0.5492), (-0.9478, -0.4880, 0.5011), 0.048),
    291: ((-1.0000, -0.8065, -0.7419), (-1.0000, -0.8000, -0.7333), 0.009),
    298: ((-0.8447, -0.5844, -0.1792), (-0.8503, -0.5895, -0.1822), 0.006),
    303: ((-1.0000, -0.9980, -0.7142), (-1.0000, -0.9978, -0.7076), 0.007),
    317: ((-0.9995, -0.9823, -0.6202), (-0.9995, -0.9802, -0.6173), 0.003),
    331: ((-0.9994, -0.9845, -0.7775), (-0.9994, -0.9827, -0.7782), 0.002),
    440: ((-0.9999, -0.9950, -0.8652), (-0.9999, -0.9947, -0.8685), 0.003),
    551: ((-0.9683, -0.9048, -0.8730), (-0.9683, -0.9048, -0.8730), 0.000),
    559: ((-0.8173, -0.7156, -0.5215), (-0.8183, -0.7165, -0.5230), 0.001),
    560: ((0.0022, 0.1820, 0.2508), (0.0048, 0.1820, 0.2508), 0.003),
}


@pytest.fixture(scope="module")
def protocol_quartiles(hapt):
    from sklearn_har.datasets import load_uci_protocol
    from sklearn_har.preprocessing import UCIHARPreprocessor

    # the spec's reconstruction (§0.2, §8.1) used the zero-phase preprocessing;
    # the published mode's fingerprint: tests/test_uci_har_fidelity.py
    d = load_uci_protocol(hapt, preprocessor=UCIHARPreprocessor(mode="zero_phase"))
    assert d.X.shape == (10411, 128, 9)
    # as in the published files: tGravityAccMag copied, min-max over all windows
    F = UCIHARFeatureExtractor(replicate_gravitymag_bug=True, n_jobs=2).fit_transform(
        d.X
    )
    assert np.isfinite(F).all()
    lo, hi = F.min(axis=0), F.max(axis=0)
    scaled = 2 * (F - lo) / (hi - lo) - 1
    return np.percentile(scaled, [25, 50, 75], axis=0).T  # R's default type 7


def _published_quartiles(uci_meta):
    rows = (uci_meta / "published_summary.tsv").read_text().splitlines()[2:563]
    # columns: name, min, q1, median, mean, q3, max
    return np.array([[float(r.split("\t")[i]) for i in (2, 3, 5)] for r in rows])


@pytest.mark.slow
def test_fingerprint_of_real_windows_spec_8_1(protocol_quartiles, uci_meta):
    ours = protocol_quartiles
    published = _published_quartiles(uci_meta)
    for col, (pub, recon, tol) in FINGERPRINT.items():
        np.testing.assert_allclose(published[col - 1], pub, atol=6e-5)  # table == tsv
        # Same definitions, same recordings: equal to the spec author's run up
        # to its 4-decimal rounding (5e-5) and tiny preprocessing differences.
        np.testing.assert_allclose(ours[col - 1], recon, atol=5e-4, err_msg=str(col))
        # Versus the published v1 values: the spec's max |delta|, which it
        # rounds to 3 decimals (+0.0005), on quartiles rounded to 4 (+0.0001).
        err = np.abs(ours[col - 1] - published[col - 1]).max()
        assert err <= tol + 6e-4, (col, err, tol)


@pytest.mark.slow
def test_fingerprint_of_all_561_columns_spec_0_2(protocol_quartiles, uci_meta):
    err = np.abs(protocol_quartiles - _published_quartiles(uci_meta)).max(axis=1)
    # Spec §0.2: median over columns of the max quartile error 0.0145, and
    # 424/561 columns within 0.05; four columns lie within 5e-4 of that
    # threshold, so allow them to flip.  §8.1: the worst columns (AR, gyro)
    # reach 0.40.
    assert np.median(err) <= 0.01455
    assert (err <= 0.05).sum() >= 420
    assert err.max() <= 0.405


@pytest.mark.parametrize("engine", ["numpy", "numba"])
def test_features_overflowing_float64_raise(engine):
    """Finite windows too large for the float64 moments: a clear error, no inf."""
    if engine == "numba":
        pytest.importorskip("numba")
    X = np.random.default_rng(0).normal(size=(4, 128, 9))
    ext = UCIHARFeatureExtractor(engine=engine).fit(X)
    assert np.all(np.isfinite(ext.transform(X * 1e10)))
    with pytest.raises(ValueError, match=r"overflowed the float64 range.*Rescale"):
        ext.transform(X * 1e200)


def test_statistics_overflowing_float64_raise():
    from sklearn_har.features import StatisticalFeatureExtractor

    X = np.random.default_rng(0).normal(size=(4, 128, 3))
    ext = StatisticalFeatureExtractor().fit(X)
    with pytest.raises(ValueError, match=r"StatisticalFeatureExtractor: .* overflowed"):
        ext.transform(X * 1e300)
