"""Exported models: one-window latency, file sizes and the int8 accuracy drop.

Trains a default ``CNNClassifier`` (after ``ChannelStandardScaler``) on the
train subjects of the UCI protocol windows (128 x 9), exports it to TFLite
(float, dynamic-range, int8) and ONNX with :mod:`sklearn_har.export`, and
measures, side by side in one run:

* the latency of one window (batch of 1, as for a single stream), p50 and
  p99, for Keras ``Model.predict``, a direct call ``model(x,
  training=False)``, the LiteRT interpreter and onnxruntime; the rounds are
  interleaved, so that load on the machine affects every form alike;
* the file sizes;
* the test accuracy of every form on the test subjects' windows.

Run::

    SKLEARN_HAR_DATA=/path/to/data python benchmarks/bench_export.py --epochs 5
"""

import argparse
import os
import platform
import tempfile
import time
from pathlib import Path

import numpy as np
from sklearn.pipeline import make_pipeline

from sklearn_har.datasets import load_uci_protocol
from sklearn_har.deep import CNNClassifier
from sklearn_har.export import to_onnx, to_tflite
from sklearn_har.export._deep import serving_model  # the graph that is exported
from sklearn_har.preprocessing import ChannelStandardScaler


def tflite_runner(path, batch):
    from ai_edge_litert.interpreter import Interpreter

    interpreter = Interpreter(model_path=str(path))
    (inp,) = interpreter.get_input_details()
    (out,) = interpreter.get_output_details()
    interpreter.resize_tensor_input(inp["index"], list(batch.shape))
    interpreter.allocate_tensors()

    def run(x):
        interpreter.set_tensor(inp["index"], x)
        interpreter.invoke()
        return interpreter.get_tensor(out["index"])

    return run


def tflite_proba(path, X):
    run = tflite_runner(path, X)
    return np.array(run(X))


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--epochs", type=int, default=5)
    parser.add_argument("--repeats", type=int, default=300)
    args = parser.parse_args()

    import onnxruntime
    import tensorflow as tf

    data = load_uci_protocol(
        data_home=os.environ["SKLEARN_HAR_DATA"], download_if_missing=False
    )
    X = data.X.astype(np.float32)
    Xtr, ytr, Xte, yte = (
        X[data.train],
        data.y[data.train],
        X[~data.train],
        data.y[~data.train],
    )
    print(f"train {Xtr.shape}, test {Xte.shape}")
    t0 = time.perf_counter()
    clf = make_pipeline(
        ChannelStandardScaler(), CNNClassifier(epochs=args.epochs, random_state=0)
    ).fit(Xtr, ytr)
    print(f"trained in {time.perf_counter() - t0:.0f} s")

    rng = np.random.default_rng(0)
    calibration = Xtr[rng.choice(len(Xtr), 500, replace=False)]
    folder = Path(tempfile.mkdtemp())
    paths = {
        "tflite float": folder / "cnn.tflite",
        "tflite dynamic": folder / "cnn_dynamic.tflite",
        "tflite int8": folder / "cnn_int8.tflite",
        "onnx": folder / "cnn.onnx",
    }
    results = {
        "tflite float": to_tflite(clf, paths["tflite float"], representative_data=Xte),
        "tflite dynamic": to_tflite(
            clf, paths["tflite dynamic"], quantize="dynamic", representative_data=Xte
        ),
        "tflite int8": to_tflite(
            clf, paths["tflite int8"], quantize="int8", representative_data=calibration
        ),
        "onnx": to_onnx(clf, paths["onnx"], representative_data=Xte),
    }
    keras_path = folder / "cnn.keras"
    clf[-1].model_.save(keras_path)

    print("\n## Verification and accuracy on the test subjects' windows")
    keras_acc = float(np.mean(clf.predict(Xte) == yte))
    reference = clf.predict_proba(Xte)
    classes = clf.classes_
    session = onnxruntime.InferenceSession(str(paths["onnx"]))
    name = session.get_inputs()[0].name
    print(
        "| form | max abs diff p (first 256 test windows) | accuracy | drop (points) |"
    )
    print("|---|---|---|---|")
    print(f"| Keras (predict_proba) | 0 | {100 * keras_acc:.2f} | 0 |")
    for form in ("tflite float", "tflite dynamic", "tflite int8", "onnx"):
        if form == "onnx":
            proba = session.run(None, {name: Xte})[0]
        else:
            proba = tflite_proba(paths[form], Xte)
        acc = float(np.mean(classes[proba.argmax(axis=1)] == yte))
        diff = results[form].manifest["verification"]["max_abs_diff_proba"]
        full = float(np.max(np.abs(proba - reference)))
        print(
            f"| {form} | {diff:.2g} (all {len(Xte)}: {full:.2g}) | {100 * acc:.2f} "
            f"| {100 * (keras_acc - acc):.2f} |"
        )

    print("\n## File sizes")
    print("| file | bytes |")
    print("|---|---|")
    print(f"| Keras .keras (network only) | {keras_path.stat().st_size:,} |")
    for form, path in paths.items():
        print(f"| {form} | {path.stat().st_size:,} |")

    print("\n## Latency of one window (batch of 1), milliseconds")
    serving = serving_model([clf[0]], clf[-1])
    x = Xte[:1]
    direct = tf.function(lambda t: serving(t, training=False))
    tfl = tflite_runner(paths["tflite float"], x)
    tfl8 = tflite_runner(paths["tflite int8"], x)
    forms = {
        "Keras Model.predict": lambda: serving.predict(x, verbose=0),
        "Keras model(x, training=False)": lambda: serving(x, training=False),
        "tf.function(model)": lambda: direct(x),
        "TFLite float (LiteRT)": lambda: tfl(x),
        "TFLite int8 (LiteRT)": lambda: tfl8(x),
        "onnxruntime": lambda: session.run(None, {name: x}),
    }
    times = {form: [] for form in forms}
    for run in forms.values():  # warm up
        for _ in range(5):
            run()
    for _ in range(args.repeats):
        for form in rng.permutation(list(forms)):
            t = time.perf_counter()
            forms[form]()
            times[form].append(1e3 * (time.perf_counter() - t))
    predict_p50 = np.percentile(times["Keras Model.predict"], 50)
    print("| form | p50 | p99 | speed-up vs predict (p50) |")
    print("|---|---|---|---|")
    for form, values in times.items():
        p50, p99 = np.percentile(values, [50, 99])
        print(f"| {form} | {p50:.3f} | {p99:.3f} | {predict_p50 / p50:.0f}x |")
    print(
        f"\n{args.repeats} interleaved rounds; {os.cpu_count()} CPUs; "
        f"{platform.processor() or platform.machine()}; TensorFlow {tf.__version__}, "
        f"onnxruntime {onnxruntime.__version__}"
    )


if __name__ == "__main__":
    main()
