"""ONNX export of the scikit-learn pipelines on windows (issue #12).

The converters of :mod:`sklearn_har.export._onnx_features` are checked with
onnxruntime against the Python estimators: the 561 UCI HAR features column
for column (within 1e-4 of each column's scale), the SVM pipeline's labels,
the simple statistics and the channel scaler, plus the errors.
"""

import subprocess
import sys

import numpy as np
import pytest
from sklearn.base import BaseEstimator, TransformerMixin
from sklearn.exceptions import NotFittedError
from sklearn.linear_model import LogisticRegression
from sklearn.pipeline import make_pipeline
from sklearn.preprocessing import StandardScaler

from sklearn_har.features import StatisticalFeatureExtractor, UCIHARFeatureExtractor
from sklearn_har.pipeline import make_svm_pipeline
from sklearn_har.preprocessing import ChannelStandardScaler

ort = pytest.importorskip("onnxruntime")
pytest.importorskip("skl2onnx")

from sklearn_har.export._onnx_features import sklearn_pipeline_to_onnx  # noqa: E402

#: Largest error allowed, relative to each column's scale.
RTOL = 1e-4


def _session(model):
    options = ort.SessionOptions()
    options.intra_op_num_threads = 1
    return ort.InferenceSession(
        model.SerializeToString(), options, providers=["CPUExecutionProvider"]
    )


def _run(estimator, X):
    model = sklearn_pipeline_to_onnx(
        estimator, n_timesteps=X.shape[1], n_channels=X.shape[2]
    )
    return _session(model).run(None, {"X": X.astype(np.float32)})


def _column_errors(F_onnx, F_python):
    """Max |difference| per column, relative to the column's scale.

    The scale is the column's standard deviation over the windows, or its
    largest magnitude for a constant column (1 if that is 0 too).
    """
    scale = F_python.std(axis=0)
    peak = np.abs(F_python).max(axis=0)
    scale = np.where(scale > 0, scale, np.where(peak > 0, peak, 1.0))
    return np.abs(F_onnx - F_python).max(axis=0) / scale


@pytest.fixture(scope="module")
def sample():
    """UCI protocol windows of the bundled sample, float32."""
    from sklearn_har.datasets import load_uci_protocol

    d = load_uci_protocol("sample")
    d.X = d.X.astype(np.float32)
    return d


def _worst(ext, errors):
    names = ext.get_feature_names_out()
    order = np.argsort(errors)[::-1][:5]
    return [(names[i], float(errors[i])) for i in order]


def test_uci_har_features_match_on_real_windows(sample):
    X = sample.X[::4]  # ~570 windows of all activities and subjects
    ext = UCIHARFeatureExtractor().fit(X)
    (F,) = _run(ext, X)
    assert F.shape == (len(X), 561) and F.dtype == np.float32
    errors = _column_errors(F, ext.transform(X))
    assert errors.max() <= RTOL, _worst(ext, errors)


@pytest.mark.parametrize("window_size", [64, 51])
def test_uci_har_features_other_window_sizes(rng, window_size):
    # random walks (smooth, like real signals) and noise; an odd length too
    X = np.concatenate(
        [
            rng.normal(size=(20, window_size, 9)).cumsum(axis=1) * 0.05,
            rng.normal(size=(20, window_size, 9)),
        ]
    ).astype(np.float32)
    ext = UCIHARFeatureExtractor(replicate_gravitymag_bug=True).fit(X)
    (F,) = _run(ext, X)
    errors = _column_errors(F, ext.transform(X))
    assert errors.max() <= RTOL, _worst(ext, errors)


def test_uci_har_features_degenerate_windows(sample):
    # constant signals, all zeros, and one axis of gravity exactly zero:
    # the documented finite values (0 correlation, pi/2 angles, ...)
    X = np.repeat(sample.X[:3], 2, axis=0)
    X[0] = 0.0
    X[1] = 0.5
    X[2, :, 6:9] = X[2, :, 0:3]  # zero gravity
    X[3, :, 3] = 0.25  # one constant gyro axis
    ext = UCIHARFeatureExtractor().fit(sample.X[:20])
    (F,) = _run(ext, X)
    F0 = ext.transform(X)
    assert np.isfinite(F).all()
    np.testing.assert_allclose(F, F0, rtol=1e-5, atol=1e-6)


def test_svm_pipeline_labels_on_sample_test_subjects(sample):
    train, test = sample.train, ~sample.train
    pipe = make_svm_pipeline().fit(sample.X[train][::2], sample.y[train][::2])
    model = sklearn_pipeline_to_onnx(pipe, n_timesteps=128, n_channels=9)
    assert [i.name for i in model.graph.input] == ["X"]
    assert [o.name for o in model.graph.output] == ["label", "probabilities"]
    label, scores = _session(model).run(None, {"X": sample.X[test]})
    expected = pipe.predict(sample.X[test])
    assert scores.shape == (test.sum(), len(pipe.classes_))
    assert np.mean(label == expected) >= 0.999


def test_channel_scaler_statistics_logistic_pipeline(rng):
    X = (rng.normal(size=(60, 33, 4)) * [1, 2, 3, 4] + [0, 1, -1, 5]).astype(np.float32)
    y = (X[:, :, 0].mean(axis=1) > 0).astype(int) + (X[:, :, 1].std(axis=1) > 2)
    stats = ("mean", "std", "min", "max", "median", "iqr", "energy", "mad")
    pipe = make_pipeline(
        ChannelStandardScaler(),
        StatisticalFeatureExtractor(stats=stats),
        StandardScaler(),
        LogisticRegression(max_iter=1000),
    ).fit(X, y)
    label, proba = _run(pipe, X)
    np.testing.assert_array_equal(label, pipe.predict(X))
    np.testing.assert_allclose(proba, pipe.predict_proba(X), atol=1e-5)
    # the steps on their own
    (Z,) = _run(pipe[0], X)
    np.testing.assert_allclose(Z, pipe[0].transform(X), rtol=1e-6, atol=1e-6)
    ext = StatisticalFeatureExtractor(stats=stats).fit(X)
    (F,) = _run(ext, X)
    assert F.shape == (60, 4 * len(stats))
    assert _column_errors(F, ext.transform(X)).max() <= RTOL


def test_unfitted_step_raises_not_fitted():
    with pytest.raises(NotFittedError, match="features"):
        sklearn_pipeline_to_onnx(make_svm_pipeline(), n_timesteps=128, n_channels=9)


class _Unknown(TransformerMixin, BaseEstimator):
    def fit(self, X, y=None):
        self.fitted_ = True
        return self

    def transform(self, X):
        return X.reshape(len(X), -1)


def test_unsupported_step_raises_type_error_naming_steps(rng):
    X = rng.normal(size=(10, 16, 3))
    pipe = make_pipeline(_Unknown(), LogisticRegression()).fit(X, np.arange(10) % 2)
    with pytest.raises(TypeError, match=r"_unknown.*_Unknown.*converter.*Logistic"):
        sklearn_pipeline_to_onnx(pipe, n_timesteps=16, n_channels=3)


def test_low_opset_rejected(rng):
    X = rng.normal(size=(10, 16, 3))
    ext = StatisticalFeatureExtractor().fit(X)
    with pytest.raises(ValueError, match="opset"):
        sklearn_pipeline_to_onnx(ext, n_timesteps=16, n_channels=3, target_opset=13)


def test_wrong_window_size_rejected(rng):
    ext = UCIHARFeatureExtractor().fit(rng.normal(size=(4, 64, 9)))
    with pytest.raises(ValueError, match="64"):
        sklearn_pipeline_to_onnx(ext, n_timesteps=128, n_channels=9)


def test_import_does_not_load_onnx():
    code = (
        "import sys, sklearn_har, sklearn_har.export._onnx_features; "
        "print(sorted(m for m in ('onnx', 'skl2onnx', 'onnxruntime') "
        "if m in sys.modules))"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    )
    assert out.stdout.strip() == "[]"


@pytest.mark.slow
def test_svm_pipeline_uci_protocol_test_windows(data_home):
    """The 561 SVM pipeline on the full UCI protocol: >= 99.9 % equal labels."""
    from sklearn_har.datasets import load_uci_protocol

    d = load_uci_protocol(data_home=data_home, download_if_missing=False)
    X = d.X.astype(np.float32)
    train, test = d.train, ~d.train
    pipe = make_svm_pipeline().fit(X[train], d.y[train])
    label, _ = _run(pipe, X[test])
    assert np.mean(label == pipe.predict(X[test])) >= 0.999
    ext = pipe.named_steps["features"]
    (F,) = _run(ext, X[test])
    errors = _column_errors(F, ext.transform(X[test]))
    assert errors.max() <= RTOL, _worst(ext, errors)
