"""Bad input that used to give unclear errors (findings of the bad-input matrix)."""

import numpy as np
import pytest

from sklearn_har.datasets import load_uci_protocol
from sklearn_har.features import (
    StatisticalFeatureExtractor,
    UCIHARFeatureExtractor,
)
from sklearn_har.pipeline import make_svm_pipeline
from sklearn_har.preprocessing import ButterworthFilter

W = np.random.default_rng(0).normal(size=(3, 32, 9))


@pytest.mark.parametrize(
    "call, error, match",
    [
        (
            lambda: load_uci_protocol("sample", preprocessor="median"),
            TypeError,
            "'preprocessor' parameter of load_uci_protocol must be an object "
            "implementing 'fit_transform'",
        ),
        (
            lambda: load_uci_protocol("sample", activities=(1, 1)),
            ValueError,
            "more than once",
        ),
        (
            lambda: UCIHARFeatureExtractor(n_jobs=0).fit(W),
            ValueError,
            "n_jobs",
        ),
        (lambda: make_svm_pipeline(scaler=42), TypeError, "scaler must be one of"),
        (
            lambda: make_svm_pipeline(extractor="uci"),
            TypeError,
            "extractor must be a feature extractor",
        ),
        (
            lambda: StatisticalFeatureExtractor(stats=("mean", "mean")).fit(W),
            ValueError,
            r"stats names \['mean'\] more than once",
        ),
        (
            lambda: ButterworthFilter((np.nan, 5.0), btype="band").fit_transform(
                np.zeros((100, 2))
            ),
            ValueError,
            "cutoff must be finite",
        ),
        (
            lambda: StatisticalFeatureExtractor().fit([W[0], W[1, :10]]),
            ValueError,
            "windows of one shape",
        ),
        (
            lambda: UCIHARFeatureExtractor().fit([W[0], W[1, :10]]),
            ValueError,
            "windows of one shape",
        ),
    ],
    ids=[
        "protocol-preprocessor-str",
        "protocol-duplicate-activity",
        "uci-n_jobs-0",
        "svm-scaler-int",
        "svm-extractor-str",
        "stats-duplicate",
        "butterworth-nan-cutoff",
        "stats-ragged-windows",
        "uci-ragged-windows",
    ],
)
def test_errors_name_the_problem(call, error, match):
    with pytest.raises(error, match=match):
        call()


@pytest.mark.parametrize(
    "X, error, match",
    [
        (np.ones((5, 3)).astype(str), TypeError, "needs numeric data, got text"),
        (np.ones((2, 4, 3)).astype(str), TypeError, "needs numeric data, got text"),
        ("abc", TypeError, "needs numeric data, got text"),
        (None, TypeError, "X is None"),
        (np.ones((2, 4, 3)) * 1j, ValueError, "Complex data not supported"),
        (np.ones((5, 3)) * 1j, ValueError, "Complex data not supported"),
    ],
    ids=["2d-text", "3d-text", "str", "none", "3d-complex", "2d-complex"],
)
def test_channel_scaler_refuses_non_numeric_data_alike(X, error, match):
    from sklearn_har.preprocessing import ChannelStandardScaler

    with pytest.raises(error, match=match):
        ChannelStandardScaler().fit(X)


def test_channel_scaler_reads_object_arrays_of_numbers():
    from sklearn_har.preprocessing import ChannelStandardScaler

    X = np.random.default_rng(0).normal(size=(2, 4, 3))
    np.testing.assert_allclose(
        ChannelStandardScaler().fit_transform(X.astype(object)),
        ChannelStandardScaler().fit_transform(X),
    )


@pytest.mark.deep
def test_deep_classifier_refuses_text():
    pytest.importorskip("tensorflow")
    from sklearn_har.deep import CNNClassifier

    X = np.random.default_rng(0).normal(size=(6, 16, 2))
    with pytest.raises(TypeError, match="needs numeric data, got text"):
        CNNClassifier(**CNNClassifier._get_test_params()).fit(X.astype(str), [0, 1] * 3)


def test_uci_har_preprocessor_names_its_six_channels():
    from sklearn_har.preprocessing import UCIHARPreprocessor

    with pytest.raises(
        ValueError, match=r"needs 6 channels in this order: accelerometer x"
    ):
        UCIHARPreprocessor().fit(np.zeros((200, 3)))


def test_segment_refuses_nan_groups():
    from sklearn_har.windowing import SlidingWindowTransformer

    X, y = np.zeros((60, 3)), np.repeat([1, 2, 1], 20)
    groups = np.ones(60)
    groups[10] = np.nan
    with pytest.raises(ValueError, match="groups contains NaN"):
        SlidingWindowTransformer(10, 5).segment(X, y, groups=[groups])


def _near_float_max(n_channels):
    x = np.random.default_rng(1).normal(size=(400, n_channels))
    return x / np.abs(x).max() * 1.79e308


@pytest.mark.parametrize(
    "make",
    [
        lambda: __import__("sklearn_har").preprocessing.UCIHARPreprocessor(),
        lambda: ButterworthFilter(cutoff=1.0, btype="high"),
        lambda: ButterworthFilter(cutoff=(0.5, 5.0), btype="band"),
    ],
    ids=["UCIHARPreprocessor", "high-pass", "band-pass"],
)
def test_filters_refuse_to_overflow_finite_input(make):
    # Finite input near the float64 maximum used to come out as NaN/inf.
    est = make()
    x = _near_float_max(6 if "UCIHAR" in type(est).__name__ else 3)
    assert np.isfinite(x).all()
    with pytest.raises(ValueError, match="overflowed the floating-point range"):
        est.fit_transform(x)
    # 1e300 is still filtered, and the output is finite.
    out = make().fit_transform(x / 1.79e8)
    assert np.isfinite(out).all()


@pytest.mark.parametrize(
    "X, y, match",
    [
        (
            np.zeros((100, 3)),
            np.array([1] * 50 + ["a"] * 50, dtype=object),
            r"y\[0\] mixes text and number labels",
        ),
        (
            [np.zeros((100, 3)), np.zeros((100, 3))],
            [np.ones(100, dtype=int), np.array(["a"] * 100)],
            "mixes text and number labels across recordings",
        ),
    ],
    ids=["one-recording", "across-recordings"],
)
def test_mixed_label_types_are_refused(X, y, match):
    from sklearn_har.windowing import SlidingWindowTransformer

    with pytest.raises(ValueError, match=match):
        SlidingWindowTransformer(10, 5).segment(X, y)


def test_object_labels_of_one_type_are_kept():
    from sklearn_har.windowing import SlidingWindowTransformer

    y = np.array(["walk"] * 50 + ["sit"] * 50, dtype=object)
    swt = SlidingWindowTransformer(10, 10, unlabelled=None)
    _, yw, _ = swt.segment(np.zeros((100, 3)), y)
    assert yw.tolist() == ["walk"] * 5 + ["sit"] * 5
