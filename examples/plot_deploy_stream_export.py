"""
==========================================================
Deploying a model: export, verify, and predict on a stream
==========================================================

An activity recogniser ends up on a phone or a watch, reading a live
sensor stream. This example goes the whole way on the bundled sample:

1. train a :class:`~sklearn_har.windowing.WindowedClassifier` whose stream
   preprocessing is causal (the published UCI HAR preprocessing), with a
   small 1D CNN on the windows;
2. export it to TensorFlow Lite and ONNX with :mod:`sklearn_har.export`,
   which verifies each file against the Python model and writes a JSON
   manifest beside it;
3. run the exported files ourselves (LiteRT and onnxruntime) on windows the
   model has never seen;
4. replay a recording through :class:`~sklearn_har.streaming.StreamPredictor`
   in chunks of random sizes, as a live app receives it, and check that it
   gives exactly the offline predictions.

It needs the ``deep`` and ``export`` extras. Training is kept very short so
that the gallery builds quickly.
"""

# %%
# Train on the bundled sample
# ---------------------------
# Four subjects train, the last two are held out. The preprocessing,
# :class:`~sklearn_har.preprocessing.UCIHARPreprocessor` in its default
# ``mode="published"``, is causal: every output sample depends only on the
# past (and one sample ahead for the 3-sample median filter), so a stream can
# compute it chunk by chunk.
import numpy as np
from sklearn.pipeline import make_pipeline

from sklearn_har.datasets import load_sample
from sklearn_har.deep import CNNClassifier
from sklearn_har.preprocessing import ChannelStandardScaler, UCIHARPreprocessor
from sklearn_har.windowing import SlidingWindowTransformer, WindowedClassifier

data = load_sample()
train = np.isin(data.subjects, data.subjects[:8])
recordings = [data.recordings[i] for i in np.flatnonzero(train)]
labels = [data.labels[i] for i in np.flatnonzero(train)]

clf = WindowedClassifier(
    SlidingWindowTransformer(window_size=128, step=64),
    make_pipeline(
        ChannelStandardScaler(), CNNClassifier(epochs=3, batch_size=64, random_state=0)
    ),
    preprocessor=UCIHARPreprocessor(),
).fit(recordings, labels)
print("classes:", data.target_names[clf.classes_].tolist())

# %%
# Export to TensorFlow Lite and ONNX
# ----------------------------------
# Both exports fold the channel scaler into the graph, so the file takes raw
# windows of the preprocessed signals ``(n, 128, 9)`` in float32 and returns
# class probabilities. Each export is checked against ``predict_proba`` before
# it is moved into place (``representative_data`` gives the windows to check
# on); a file that does not reproduce the model is never written.
import tempfile
from pathlib import Path

from sklearn_har.export import to_onnx, to_tflite

test_recording = data.recordings[int(np.flatnonzero(~train)[0])]
test_labels = data.labels[int(np.flatnonzero(~train)[0])]
windows = SlidingWindowTransformer(128, 64).fit_transform(
    clf.preprocessor_.transform(test_recording)
)
windows = np.ascontiguousarray(windows, dtype=np.float32)

folder = Path(tempfile.mkdtemp())
tflite = to_tflite(clf, folder / "har.tflite", representative_data=windows)
onnx = to_onnx(clf, folder / "har.onnx", representative_data=windows)
for result in (tflite, onnx):
    check = result.manifest["verification"]
    print(
        f"{result.path.name}: {result.path.stat().st_size / 1024:.0f} KiB, "
        f"max |dp| = {check['max_abs_diff_proba']:.1e} on {check['n_windows']} windows"
    )

# %%
# The manifest: what an app needs besides the model
# -------------------------------------------------
# Window size and step, sampling rate, channels and units, the stream
# preprocessing as numpy/scipy operations (filter coefficients, median
# kernel), the class names, and the versions used.
manifest = tflite.manifest
print({k: manifest["stream"][k] for k in ("sampling_rate", "window_size", "step")})
print([step["op"] for step in manifest["stream"]["preprocessing"]["steps"]])

# %%
# Run the exported files
# ----------------------
# The interpreters an app would use: LiteRT (the TensorFlow Lite runtime) and
# onnxruntime. Both agree with the Python model on every window.
import onnxruntime
from ai_edge_litert.interpreter import Interpreter

proba_python = clf.estimator_.predict_proba(windows)

interpreter = Interpreter(model_path=str(tflite.path))
inp = interpreter.get_input_details()[0]
out = interpreter.get_output_details()[0]
interpreter.resize_tensor_input(inp["index"], windows.shape)
interpreter.allocate_tensors()
interpreter.set_tensor(inp["index"], windows)
interpreter.invoke()
proba_tflite = interpreter.get_tensor(out["index"])

session = onnxruntime.InferenceSession(str(onnx.path))
proba_onnx = session.run(None, {session.get_inputs()[0].name: windows})[0]

for name, proba in (("TFLite", proba_tflite), ("ONNX", proba_onnx)):
    print(f"{name}: max |dp| = {np.abs(proba - proba_python).max():.1e}")

# %%
# Replay a recording as a live stream
# -----------------------------------
# The stream predictor keeps the filter state, the last samples and the
# sample counters between calls. We feed the held-out recording in chunks of
# random sizes, from one sample to several windows; every call returns the
# windows it completed, with the per-sample labels of the samples they
# settle (``per_sample=True``), by the same rule as
# :meth:`WindowedClassifier.predict`.
from sklearn_har.streaming import StreamPredictor

stream = StreamPredictor(clf, per_sample=True)
rng = np.random.default_rng(0)
bounds = np.cumsum(rng.choice([1, 7, 50, 64, 300, 1000], size=400))
bounds = bounds[bounds < len(test_recording)]
starts, stops, window_labels, sample_labels = [], [], [], []
for chunk in np.split(test_recording, bounds):
    got = stream.update(chunk)
    starts.append(got.start)
    stops.append(got.stop)
    window_labels.append(got.label)
    sample_labels.append(got.sample_labels.ravel())
starts, stops = np.concatenate(starts), np.concatenate(stops)
window_labels = np.concatenate(window_labels)
sample_labels = np.concatenate(sample_labels)

offline_labels, _ = clf.predict_windows(test_recording)
n = len(window_labels)
print(
    f"{len(bounds) + 1} chunks -> {n} windows; identical to offline:",
    np.array_equal(window_labels, offline_labels[:n]),
)
print(
    "per-sample labels identical to WindowedClassifier.predict:",
    np.array_equal(sample_labels, clf.predict(test_recording)[: len(sample_labels)]),
)

# %%
# Per-sample predictions over time
# --------------------------------
# The streamed per-sample labels next to the true activity of the held-out
# subject. The stream settles a sample's label once every window covering it
# has been predicted; the last few samples wait for the next chunk.
import matplotlib.pyplot as plt

t = np.arange(len(sample_labels)) / data.sampling_rate
names = data.target_names
fig, ax = plt.subplots(figsize=(9, 3.5), layout="constrained")
ax.plot(t, test_labels[: len(t)], color="0.6", lw=4, label="true activity")
ax.plot(t, sample_labels, color="C1", lw=1.2, label="streamed prediction")
shown = np.unique(np.r_[test_labels, sample_labels])
ax.set_yticks(shown, names[shown], fontsize=8)
ax.set_xlabel("time (s)")
ax.legend(loc="upper right", fontsize=8)
ax.set_title("A held-out recording replayed in random chunks")
plt.show()
