"""The manifest: the stream preprocessing rebuilt from it alone matches ours."""

import json

import numpy as np
import pytest
from scipy import signal
from sklearn.pipeline import make_pipeline

from sklearn_har.datasets import load_sample
from sklearn_har.export import describe_preprocessing
from sklearn_har.preprocessing import (
    ButterworthFilter,
    GravitySeparator,
    MedianFilter,
    UCIHARPreprocessor,
)


def rebuild(preprocessing, raw):
    """Apply the manifest's operations with numpy and scipy.signal only."""
    signals = {preprocessing["input"]: raw}
    for step in preprocessing["steps"]:
        x = (
            [signals[name] for name in step["in"]]
            if isinstance(step["in"], list)
            else signals[step["in"]]
        )
        op = step["op"]
        if op == "median":
            k = step["kernel_size"]
            h = k // 2
            padded = np.pad(x, ((h, h), (0, 0)), mode=step["numpy_pad_mode"])
            out = np.column_stack(
                [signal.medfilt(padded[:, j], k) for j in range(x.shape[1])]
            )[h : h + len(x)]
        elif op == "sosfilt":
            out = signal.sosfilt(np.asarray(step["sos"]), x, axis=0)
        elif op == "sosfiltfilt":
            out = signal.sosfiltfilt(np.asarray(step["sos"]), x, axis=0)
        elif op == "select":
            out = x[:, step["channels"]]
        elif op == "subtract":
            out = x[0] - x[1]
        elif op == "concat":
            out = np.concatenate(x, axis=1)
        else:
            raise AssertionError(f"unknown op {op}")
        signals[step["out"]] = out
    return signals[preprocessing["output"]]


@pytest.fixture(scope="module")
def recording():
    return load_sample().recordings[0][:3000]


@pytest.mark.parametrize(
    "preprocessor",
    [
        UCIHARPreprocessor(),
        UCIHARPreprocessor(median_kernel=5, gravity_source="total_acc"),
        make_pipeline(
            MedianFilter(kernel_size=5),
            ButterworthFilter(cutoff=15.0, zero_phase=False),
            GravitySeparator(output="both"),
        ),
        make_pipeline(
            MedianFilter(mode="constant"),
            ButterworthFilter(cutoff=(0.5, 10), btype="band"),
        ),
    ],
    ids=["uci_published", "uci_options", "filters", "zero_phase_band"],
)
def test_manifest_rebuilds_our_filters(preprocessor, recording):
    preprocessor.fit(recording)
    # through JSON, as an app would read it
    description = json.loads(json.dumps(describe_preprocessing(preprocessor)))
    ours = preprocessor.transform(recording)
    theirs = rebuild(description, recording)
    assert theirs.shape == ours.shape
    np.testing.assert_allclose(theirs, ours, rtol=0, atol=1e-10)


def test_causality_is_described(recording):
    published = describe_preprocessing(UCIHARPreprocessor().fit(recording))
    assert published["causal"] and published["look_ahead"] == 1
    assert {s["op"] for s in published["steps"]} >= {"median", "sosfilt"}
    assert set(published["operations"]) == {s["op"] for s in published["steps"]}
    zero = describe_preprocessing(UCIHARPreprocessor(mode="zero_phase").fit(recording))
    assert not zero["causal"] and zero["look_ahead"] is None
    assert describe_preprocessing(None) is None


def test_unsupported_preprocessing_is_named(recording):
    from sklearn.preprocessing import StandardScaler

    with pytest.raises(TypeError, match="StandardScaler.*UCIHARPreprocessor"):
        describe_preprocessing(StandardScaler().fit(recording))


def test_windowed_classifier_gives_the_stream(tmp_path):
    pytest.importorskip("tensorflow")
    pytest.importorskip("onnxruntime")
    from sklearn_har.deep import CNNClassifier
    from sklearn_har.export import to_onnx
    from sklearn_har.preprocessing import ChannelStandardScaler
    from sklearn_har.windowing import SlidingWindowTransformer, WindowedClassifier

    sample = load_sample()
    recordings = [r[:4000] for r in sample.recordings[:2]]
    labels = [y[:4000] for y in sample.labels[:2]]
    clf = WindowedClassifier(
        SlidingWindowTransformer(window_size=64, step=32),
        make_pipeline(
            ChannelStandardScaler(),
            CNNClassifier(**CNNClassifier._get_test_params()),
        ),
        preprocessor=UCIHARPreprocessor(),
    ).fit(recordings, labels)
    with pytest.raises(ValueError, match="WindowedClassifier"):
        to_onnx(clf, tmp_path / "m.onnx", window_size=64)
    result = to_onnx(
        clf, tmp_path / "m.onnx", class_names=sample.target_names[clf.classes_]
    )
    manifest = json.loads(result.manifest_path.read_text())
    stream = manifest["stream"]
    assert (stream["window_size"], stream["step"]) == (64, 32)
    assert stream["sampling_rate"] == 50.0
    assert [c["unit"] for c in stream["channels"]] == ["g"] * 3 + ["rad/s"] * 3
    channels = manifest["model"]["input"]["channels"]
    assert channels[0] == {"name": "body_acc_x", "unit": "g"}
    assert channels[3] == {"name": "body_gyro_x", "unit": "rad/s"}
    assert manifest["classes"] == clf.classes_.tolist()
    assert manifest["class_names"][0] == str(sample.target_names[clf.classes_[0]])
    # the manifest alone turns a recording into the model's input channels
    windows_in = rebuild(stream["preprocessing"], recordings[0])
    np.testing.assert_allclose(
        windows_in, clf.preprocessor_.transform(recordings[0]), atol=1e-10
    )
