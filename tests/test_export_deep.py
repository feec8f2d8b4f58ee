"""Export of deep classifiers to TFLite and ONNX, verified against predict_proba."""

import json
import os
import re
import subprocess
import sys

import numpy as np
import pytest
from sklearn.exceptions import NotFittedError
from sklearn.pipeline import make_pipeline
from sklearn.svm import SVC

pytest.importorskip("tensorflow")
pytest.importorskip("onnxruntime")
pytest.importorskip("ai_edge_litert")

from sklearn_har.deep import CNNClassifier, LSTMClassifier  # noqa: E402
from sklearn_har.export import ExportVerificationError, to_onnx, to_tflite  # noqa: E402
from sklearn_har.export._tflite import _run_tflite  # noqa: E402
from sklearn_har.features import StatisticalFeatureExtractor  # noqa: E402
from sklearn_har.preprocessing import ChannelStandardScaler  # noqa: E402


@pytest.fixture(scope="module")
def data():
    rng = np.random.default_rng(0)
    X = (rng.normal(size=(64, 32, 3)) * [2.0, 0.5, 3.0] + [1.0, -2.0, 0.0]).astype(
        np.float32
    )
    y = np.repeat(["sit", "walk"], 32)
    return X, y


@pytest.fixture(scope="module")
def pipeline(data):
    X, y = data
    # the split explicitly on ("auto" leaves it out on these few windows):
    # the export must handle its custom layers
    params = {
        **CNNClassifier._get_test_params(),
        "window_stats": True,
        "center_windows": True,
    }
    return make_pipeline(ChannelStandardScaler(), CNNClassifier(**params)).fit(X, y)


def test_tflite_float_matches_predict_proba(pipeline, data, tmp_path):
    X, _ = data
    path = tmp_path / "model.tflite"
    result = to_tflite(pipeline, path, representative_data=X)
    assert result.path == path and path.exists()
    proba, _ = _run_tflite(path, X)
    assert np.max(np.abs(proba - pipeline.predict_proba(X))) <= 1e-5
    manifest = json.loads((tmp_path / "model.tflite.json").read_text())
    assert manifest == result.manifest
    assert manifest["classes"] == ["sit", "walk"]
    assert manifest["model"]["input"]["shape"] == [None, 32, 3]
    assert manifest["model"]["input"]["standardization"]["folded_into_model"]
    assert manifest["verification"]["max_abs_diff_proba"] <= 1e-5
    assert "tensorflow" in str(manifest["versions"])


@pytest.mark.parametrize("quantize", ["dynamic", "int8"])
def test_tflite_quantized_gives_probabilities(pipeline, data, tmp_path, quantize):
    X, _ = data
    path = tmp_path / f"{quantize}.tflite"
    to_tflite(pipeline, path, quantize=quantize, representative_data=X)
    proba, _ = _run_tflite(path, X)
    assert proba.shape == (len(X), 2) and np.isfinite(proba).all()
    np.testing.assert_allclose(proba.sum(axis=1), 1.0, atol=1e-2)


def test_int8_keeps_standardisation_and_window_statistics_float(
    pipeline, data, tmp_path
):
    from ai_edge_litert.interpreter import Interpreter

    X, _ = data
    assert pipeline[-1].window_stats_
    path = tmp_path / "int8.tflite"
    to_tflite(pipeline, path, quantize="int8", representative_data=X)
    dtypes = {
        d["name"]: d["dtype"]
        for d in Interpreter(model_path=str(path)).get_tensor_details()
    }
    # mean, variance, log std (the int8 copies made for the head have suffixes)
    stats = [
        n
        for n in dtypes
        if "window_statistics" in n
        and n.rsplit("/", 1)[-1] in ("Mean", "Mean_1", "add", "Log", "mul")
    ]
    scaler = [n for n in dtypes if re.fullmatch(r"sklearn_har_serving(_\d+)?/Sub", n)]
    assert len(stats) == 5 and scaler
    for name in stats + scaler:
        assert dtypes[name] == np.float32, name
    # the convolutions and the dense layers are quantized (int8, int32 biases)
    for layer in ("cnn_conv1", "probabilities"):
        kinds = {dtypes[n] for n in dtypes if f"/{layer}" in n}
        assert np.int8 in kinds and np.float32 not in kinds, (layer, kinds)


def test_int8_needs_representative_data(pipeline, tmp_path):
    with pytest.raises(ValueError, match="representative_data"):
        to_tflite(pipeline, tmp_path / "m.tflite", quantize="int8")
    assert not list(tmp_path.iterdir())


def test_bad_quantize(pipeline, tmp_path):
    with pytest.raises(ValueError, match="quantize"):
        to_tflite(pipeline, tmp_path / "m.tflite", quantize="float16")


def test_onnx_matches_predict_proba(pipeline, data, tmp_path):
    import onnxruntime

    X, _ = data
    path = tmp_path / "model.onnx"
    result = to_onnx(pipeline, path, representative_data=X)
    session = onnxruntime.InferenceSession(str(path))
    (proba,) = session.run(None, {session.get_inputs()[0].name: X})
    assert np.max(np.abs(proba - pipeline.predict_proba(X))) <= 1e-5
    assert result.manifest["model"]["format"] == "onnx"
    assert (tmp_path / "model.onnx.json").exists()


def test_bare_classifier_and_recurrent_network(data, tmp_path):
    X, y = data
    clf = LSTMClassifier(**LSTMClassifier._get_test_params()).fit(X, y)
    result = to_tflite(clf, tmp_path / "lstm.tflite")
    # recurrent layers convert for one window at a time
    assert result.manifest["model"]["input"]["shape"] == [1, 32, 3]
    proba, _ = _run_tflite(tmp_path / "lstm.tflite", X[:5])
    assert np.max(np.abs(proba - clf.predict_proba(X[:5]))) <= 1e-5


def test_unfitted_raises(tmp_path):
    params = CNNClassifier._get_test_params()
    for export in (to_tflite, to_onnx):
        with pytest.raises(NotFittedError):
            export(CNNClassifier(**params), tmp_path / "m")
        with pytest.raises(NotFittedError):
            export(
                make_pipeline(ChannelStandardScaler(), CNNClassifier()), tmp_path / "m"
            )
    assert not list(tmp_path.iterdir())


def test_no_route_names_the_steps(data, tmp_path):
    X, y = data
    svm = make_pipeline(StatisticalFeatureExtractor(), SVC()).fit(X, y)
    with pytest.raises(TypeError, match=r"'statisticalfeatureextractor'.*'svc'"):
        to_tflite(svm, tmp_path / "m.tflite")
    with pytest.raises(TypeError, match="ChannelStandardScaler"):
        to_tflite(svm, tmp_path / "m.tflite")


def test_unwritable_paths(pipeline, tmp_path):
    with pytest.raises(FileNotFoundError, match="does not exist"):
        to_tflite(pipeline, tmp_path / "missing" / "m.tflite")
    with pytest.raises(IsADirectoryError):
        to_onnx(pipeline, tmp_path)
    if hasattr(os, "geteuid") and os.geteuid() != 0:
        locked = tmp_path / "locked"
        locked.mkdir()
        locked.chmod(0o500)
        try:
            with pytest.raises(PermissionError, match="not writable"):
                to_tflite(pipeline, locked / "m.tflite")
        finally:
            locked.chmod(0o700)


def test_failed_verification_leaves_nothing(pipeline, data, tmp_path):
    X, _ = data
    path = tmp_path / "model.tflite"
    path.write_bytes(b"previous model")
    with pytest.raises(ExportVerificationError, match="nothing was written"):
        to_tflite(pipeline, path, representative_data=X, atol=-1.0)
    assert path.read_bytes() == b"previous model"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["model.tflite"]


def test_import_loads_neither_tensorflow_nor_onnx():
    code = (
        "import sys, sklearn_har, sklearn_har.export\n"
        "heavy = {'tensorflow', 'keras', 'onnx', 'onnxruntime', 'tf2onnx', 'skl2onnx',"
        " 'ai_edge_litert'}\n"
        "print(sorted(m for m in sys.modules if m.split('.')[0] in heavy))\n"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    )
    assert out.stdout.strip() == "[]"


def test_onnx_dispatches_sklearn_pipelines(data, tmp_path):
    from sklearn.linear_model import LogisticRegression

    X, y = data
    pipe = make_pipeline(StatisticalFeatureExtractor(), LogisticRegression()).fit(X, y)
    with pytest.raises(ValueError, match="window_size"):
        to_onnx(pipe, tmp_path / "s.onnx")
    result = to_onnx(pipe, tmp_path / "s.onnx", window_size=32, representative_data=X)
    assert result.manifest["verification"]["label_agreement"] == 1.0
    assert result.manifest["classes"] == ["sit", "walk"]
