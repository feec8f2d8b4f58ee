"""Tests of the stream filters and UCIHARPreprocessor."""

import numpy as np
import pytest
from scipy import signal
from sklearn.base import clone
from sklearn.exceptions import NotFittedError

from sklearn_har.preprocessing import (
    ButterworthFilter,
    GravitySeparator,
    MedianFilter,
    UCIHARPreprocessor,
)

FS = 50.0
T = np.arange(2000) / FS


def _sine(freq, amp=1.0):
    return amp * np.sin(2 * np.pi * freq * T)


def _amplitude(x, freq):
    """Amplitude of the ``freq`` component of ``x`` (on the 2000-sample grid)."""
    spec = np.abs(np.fft.rfft(x)) * 2 / len(x)
    return spec[int(round(freq * len(x) / FS))]


# ------------------------------------------------------------------ median
def test_median_filter_removes_spikes_and_keeps_shape():
    x = np.c_[np.zeros(50), np.ones(50)]
    x[[10, 30], 0] = 5.0
    out = MedianFilter(kernel_size=3).fit_transform(x)
    assert out.shape == x.shape
    np.testing.assert_array_equal(out, np.c_[np.zeros(50), np.ones(50)])


def test_median_filter_rejects_even_kernel():
    with pytest.raises(ValueError, match="kernel_size must be odd"):
        MedianFilter(kernel_size=4).fit(np.zeros((10, 1)))


# ------------------------------------------------------------- butterworth
@pytest.mark.parametrize(
    "btype, cutoff, kept, removed",
    [
        ("low", 5.0, 1.0, 15.0),
        ("high", 5.0, 15.0, 1.0),
        ("band", (3.0, 8.0), 5.0, 15.0),
        ("bandstop", (3.0, 8.0), 15.0, 5.0),
    ],
)
def test_butterworth_pass_and_stop_bands(btype, cutoff, kept, removed):
    x = np.c_[_sine(kept) + _sine(removed)]
    out = ButterworthFilter(cutoff, btype=btype, order=4).fit_transform(x)[:, 0]
    assert _amplitude(out, kept) == pytest.approx(1.0, abs=0.05)
    assert _amplitude(out, removed) < 0.02


def test_zero_phase_has_no_lag_and_causal_matches_lfilter():
    x = np.c_[_sine(1.0), _sine(2.0)]
    zp = ButterworthFilter(5.0).fit_transform(x)
    # pass-band gain at 2 Hz is |H|^2 = 1 / (1 + (2/5)^6) ~ 0.996, phase exactly 0
    np.testing.assert_allclose(zp[200:-200], x[200:-200], atol=5e-3)
    lags = np.arange(-5, 6)
    xc = [np.dot(np.roll(zp[200:-200, 1], k), x[200:-200, 1]) for k in lags]
    assert lags[int(np.argmax(xc))] == 0
    causal = ButterworthFilter(5.0, zero_phase=False).fit_transform(x)
    b, a = signal.butter(3, 5.0, fs=FS)
    np.testing.assert_allclose(causal, signal.lfilter(b, a, x, axis=0), atol=1e-10)
    assert np.abs(causal[200:-200] - x[200:-200]).max() > 0.05  # causal lags


def test_butterworth_list_in_list_out_and_no_state_across_recordings():
    a = np.c_[_sine(1.0)]
    b = np.c_[_sine(1.0)] + 10.0
    f = ButterworthFilter(5.0, zero_phase=False).fit([a, b])
    out = f.transform([a, b])
    assert isinstance(out, list) and [o.shape for o in out] == [a.shape, b.shape]
    np.testing.assert_allclose(out[1], f.transform(b))  # filtered on its own


@pytest.mark.parametrize(
    "params, match",
    [
        ({"cutoff": 30.0}, "Nyquist"),
        ({"cutoff": 25.0}, "Nyquist"),
        ({"cutoff": 5.0, "btype": "band"}, "needs 2 cut-off"),
        ({"cutoff": (8.0, 3.0), "btype": "band"}, "increasing"),
        ({"cutoff": -1.0}, "cutoff"),
        ({"cutoff": 5.0, "order": 0}, "order"),
    ],
)
def test_butterworth_bad_parameters(params, match):
    with pytest.raises(ValueError, match=match):
        ButterworthFilter(**params).fit(np.zeros((100, 1)))


def test_too_short_for_zero_phase_names_the_recording():
    f = ButterworthFilter(5.0).fit(np.zeros((100, 1)))
    with pytest.raises(ValueError, match=r"recording 1.*needs more than \d+ samples"):
        f.transform([np.zeros((100, 1)), np.zeros((5, 1))])


def test_bad_input_is_reported():
    f = ButterworthFilter(5.0).fit(np.zeros((100, 3)))
    with pytest.raises(
        ValueError,
        match="X has 2 features, but ButterworthFilter is expecting 3 features",
    ):
        f.transform(np.zeros((100, 2)))
    x = np.zeros((100, 3))
    x[7, 2] = np.inf
    with pytest.raises(ValueError, match="NaN or infinity"):
        f.transform(x)
    with pytest.raises(ValueError, match="must be 2-D"):
        f.transform(np.zeros(100))
    with pytest.raises(NotFittedError):
        ButterworthFilter(5.0).transform(x)


# ---------------------------------------------------------------- gravity
def test_gravity_separator_splits_constant_and_motion():
    x = np.c_[_sine(3.0, 0.5), np.full_like(T, 1.0)]
    both = GravitySeparator(output="both").fit_transform(x)
    body, gravity = both[:, :2], both[:, 2:]
    np.testing.assert_allclose(body + gravity, x, atol=1e-12)
    # after the start-up transient: gravity ~ the constant, body ~ the motion
    np.testing.assert_allclose(gravity[1000:, 1], 1.0, atol=1e-3)
    assert np.abs(gravity[1000:, 0]).max() < 0.01
    assert _amplitude(body[:, 0], 3.0) == pytest.approx(0.5, abs=0.02)
    names = GravitySeparator(output="both").fit(x).get_feature_names_out(["ax", "ay"])
    assert names.tolist() == ["body_ax", "body_ay", "gravity_ax", "gravity_ay"]


# ------------------------------------------------------------ UCI HAR pipe
def test_uci_har_preprocessor_channel_order_and_identity():
    rng = np.random.default_rng(0)
    raw = rng.normal(size=(600, 6))
    # the zero-phase mode's identities (the published mode's are in
    # test_uci_har_fidelity.py)
    out = UCIHARPreprocessor(mode="zero_phase").fit_transform(raw)
    assert out.shape == (600, 9)
    # total_acc = body_acc + gravity, and gravity is the causal 0.3 Hz low-pass
    total, body, gyro = out[:, 6:], out[:, :3], out[:, 3:6]
    sos = signal.butter(3, 0.3, fs=50.0, output="sos")
    np.testing.assert_allclose(
        total - body, signal.sosfilt(sos, total, axis=0), atol=1e-12
    )
    # gyro gets the same noise filtering as the accelerometer, no separation
    ref = UCIHARPreprocessor(mode="zero_phase").fit_transform(
        np.c_[raw[:, 3:], raw[:, :3]]
    )
    np.testing.assert_allclose(gyro, ref[:, 6:], atol=1e-12)
    with pytest.raises(ValueError, match="has 3 channels, but 6 were expected"):
        UCIHARPreprocessor().fit(raw[:, :3])


def test_uci_har_preprocessor_is_cloneable_and_configurable():
    pre = clone(UCIHARPreprocessor(noise_cutoff=None, median_kernel=1))
    raw = np.random.default_rng(1).normal(size=(300, 6))
    out = pre.fit_transform(raw)
    np.testing.assert_allclose(out[:, 6:], raw[:, :3])  # no noise filtering at all
    with pytest.raises(ValueError, match="median_kernel must be odd"):
        UCIHARPreprocessor(median_kernel=2).fit(raw)


def test_uci_har_preprocessor_reproduces_published_gravity(hapt):
    """Published UCI HAR train window 1 (subject 1, exp01, 0-based sample 248):
    total_acc - body_acc of the Inertial Signals (spec §1.3 and §6.1)."""
    raw = hapt.recordings[0]
    assert hapt.experiments[0] == 1 and hapt.subjects[0] == 1
    out = UCIHARPreprocessor().fit_transform(raw)
    published_total = np.array([1.012817, -0.1232167, 0.1029341])
    published_body = np.array([1.808515e-4, 1.076681e-2, 5.556068e-2])
    gravity = out[248, 6:] - out[248, :3]
    err = np.abs(gravity - (published_total - published_body))
    assert err[:2].max() < 5e-5 and err[2] < 5e-4, err
    # the check discriminates: a zero-phase gravity filter misses by far more
    zp = UCIHARPreprocessor(gravity_zero_phase=True).fit_transform(raw)
    err_zp = np.abs(zp[248, 6:] - zp[248, :3] - (published_total - published_body))
    assert err_zp.max() > 20 * err.max()


def test_butterworth_cutoff_that_is_not_a_frequency():
    from sklearn_har.preprocessing import ButterworthFilter

    with pytest.raises(
        TypeError, match=r"cutoff must be a frequency in Hz.*\('a', 'b'\)"
    ):
        ButterworthFilter(cutoff=("a", "b"), btype="band").fit_transform(
            np.zeros((100, 2))
        )
