"""Export to TensorFlow Lite (LiteRT), verified with the LiteRT interpreter."""

import re
import tempfile

import numpy as np

from ._deep import (
    DEEP_ROUTE,
    describe_steps,
    serving_model,
    split_deep,
    verification_windows,
)
from ._io import ExportVerificationError, check_writable, finish_export
from ._manifest import build_manifest, resolve_stream

__all__ = ["to_tflite"]

_QUANTIZE = (None, "dynamic", "int8")

# Operations that stay float32 in the "int8" export (matched on the parts of
# the converted model's tensor names): the folded input standardisation
# (the serving model's top-level Sub / truediv) and the window statistics
# layer (mean, variance, log).  With an int8 input the variance of the small
# movements of static activities rounds to zero and log-std loses the
# sitting/standing distinction (1.4 points of UCI HAR test accuracy).
_INT8_FLOAT_NODE = re.compile(
    r"^sklearn_har_serving(_\d+)?/(Sub|truediv)(_\d+)?$"
    r"|(^|/)window_statistics(_\d+)?/"
)


def int8_float_nodes(model_bytes):
    """Names of the tensors of a converted model that ``"int8"`` keeps float."""
    from ai_edge_litert.interpreter import Interpreter

    details = Interpreter(model_content=model_bytes).get_tensor_details()
    return [
        d["name"]
        for d in details
        if any(_INT8_FLOAT_NODE.search(part) for part in d["name"].split(";"))
    ]


def _run_tflite(model_path, X):
    """Class probabilities of ``X`` from the LiteRT interpreter."""
    from ai_edge_litert.interpreter import Interpreter

    interpreter = Interpreter(model_path=str(model_path))
    (inp,) = interpreter.get_input_details()
    (out,) = interpreter.get_output_details()
    tensors = {"input": inp["name"], "output": out["name"]}
    fixed = int(inp["shape_signature"][0]) if inp["shape_signature"][0] > 0 else None
    batches = [X] if fixed is None else [X[i : i + 1] for i in range(len(X))]
    if fixed is None:
        interpreter.resize_tensor_input(inp["index"], list(X.shape))
    interpreter.allocate_tensors()
    parts = []
    for batch in batches:
        interpreter.set_tensor(inp["index"], batch)
        interpreter.invoke()
        parts.append(np.array(interpreter.get_tensor(out["index"])))
    return np.concatenate(parts), tensors


def compare_probabilities(proba, reference, classes, *, atol, exact, what):
    """The verification record; raises ExportVerificationError when off."""
    if proba.shape != reference.shape or not np.isfinite(proba).all():
        raise ExportVerificationError(
            f"The {what} gives outputs of shape {proba.shape} (finite: "
            f"{bool(np.isfinite(proba).all())}), expected finite probabilities of "
            f"shape {reference.shape}; nothing was written."
        )
    diff = float(np.max(np.abs(proba - reference)))
    agreement = float(np.mean(proba.argmax(axis=1) == reference.argmax(axis=1)))
    if exact and diff > atol:
        raise ExportVerificationError(
            f"The {what} differs from predict_proba by up to {diff:.3g} (> atol="
            f"{atol:g}) on {len(proba)} windows; nothing was written."
        )
    row_sums = proba.sum(axis=1)
    if not exact and np.max(np.abs(row_sums - 1.0)) > 1e-2:
        raise ExportVerificationError(
            f"The {what} does not give probabilities (row sums from "
            f"{row_sums.min():.3g} to {row_sums.max():.3g}); nothing was written."
        )
    return {
        "reference": "predict_proba of the Python estimator",
        "n_windows": int(len(proba)),
        "max_abs_diff_proba": diff,
        "atol": atol if exact else None,
        "label_agreement": agreement,
        "classes": classes,
    }


def to_tflite(
    estimator,
    path,
    *,
    quantize=None,
    representative_data=None,
    window_size=None,
    step=None,
    preprocessor=None,
    sampling_rate=None,
    channel_names=None,
    channel_units=None,
    class_names=None,
    atol=1e-5,
):
    """Export a fitted deep classifier to a TensorFlow Lite (LiteRT) model.

    The model maps windows ``(n, n_timesteps, n_channels)`` float32 (in the
    units of the training windows) to class probabilities
    ``(n, n_classes)`` float32, columns in the order of ``classes_``. The
    channel scalers of a pipeline are folded into the graph and the custom
    layers of :mod:`sklearn_har.deep.networks.layers` are included. The
    export is checked with the LiteRT interpreter before it is written, and a
    manifest (:func:`build_manifest`) is written beside it as
    ``<path>.json``.

    Parameters
    ----------
    estimator : estimator
        A fitted deep classifier of :mod:`sklearn_har.deep`, a fitted
        :class:`~sklearn.pipeline.Pipeline` of
        :class:`~sklearn_har.preprocessing.ChannelStandardScaler` steps and
        a deep classifier, or a fitted
        :class:`~sklearn_har.windowing.WindowedClassifier` around either
        (its windows and stream preprocessing then go into the manifest).
    path : str or path-like
        The ``.tflite`` file to write; its directory must exist.
    quantize : {None, "dynamic", "int8"}, default=None
        ``None``: float32 weights and activations. ``"dynamic"``: int8
        weights, float activations (dynamic-range quantization).
        ``"int8"``: int8 weights and activations where the operations
        allow it, calibrated on ``representative_data``; the input and
        output stay float32, and so do two small precision-critical parts
        of the graph: the folded channel standardisation (a subtraction
        and a division per input value) and the
        :class:`~sklearn_har.deep.networks.layers.WindowStatistics` layer
        (per-channel mean, variance and log standard deviation; quantized,
        the variance of the small movements of static activities rounds
        to zero). Convolutions, dense layers, pooling, window centering
        and the softmax are int8. These operations are selected with
        :class:`tf.lite.experimental.QuantizationDebugger`
        (``denylisted_nodes``).
    representative_data : array-like of shape (n, n_timesteps, n_channels), \
            default=None
        Windows in the units of the training windows: the calibration set
        of ``"int8"`` (required there; a few hundred windows of every
        class), and the windows the export is verified on (at most 256;
        default: 64 synthetic windows).
    window_size, step : int, default=None
        Window length and step of the stream, for the manifest (from the
        ``WindowedClassifier`` when one is exported).
    preprocessor : transformer, default=None
        The fitted stream preprocessing applied before windowing, for the
        manifest (see :func:`describe_preprocessing`).
    sampling_rate : float, default=None
        Sampling rate of the stream in Hz (taken from the preprocessor when
        it has one).
    channel_names, channel_units : sequence of str, default=None
        Names and units of the raw stream's channels, for the manifest.
    class_names : sequence of str, default=None
        Readable names of the classes, for the manifest.
    atol : float, default=1e-5
        Largest accepted difference between the probabilities of the float
        export and ``predict_proba``. Quantized exports are only checked to
        give probabilities; their difference is recorded in the manifest.

    Returns
    -------
    result : :class:`~sklearn.utils.Bunch`
        ``path`` and ``manifest_path`` (:class:`~pathlib.Path`) and
        ``manifest`` (the dictionary written there).

    Raises
    ------
    sklearn.exceptions.NotFittedError
        If the estimator (or a step of it) is not fitted.
    TypeError
        If the estimator has no TFLite route (the message names its steps).
    ValueError
        For ``quantize="int8"`` without ``representative_data``, or
        ``representative_data`` of the wrong shape.
    OSError
        If ``path`` cannot be written (missing directory, no permission).
    ExportVerificationError
        If the export does not reproduce the Python model. Nothing is
        written then.

    See Also
    --------
    to_onnx : The ONNX export.
    describe_preprocessing : The stream preprocessing in the manifest.

    Notes
    -----
    The conversion goes through Keras' ``Model.export(format=
    "tf_saved_model")`` and ``tf.lite.TFLiteConverter.from_saved_model``;
    the models run in the interpreter of ``ai-edge-litert`` (LiteRT). The
    model and the manifest are first written to temporary files beside
    ``path`` and moved into place only once verified, so a failed export
    never leaves a partial file.

    Examples
    --------
    >>> import numpy as np
    >>> from sklearn.pipeline import make_pipeline
    >>> from sklearn_har.deep import CNNClassifier
    >>> from sklearn_har.export import to_tflite
    >>> from sklearn_har.preprocessing import ChannelStandardScaler
    >>> rng = np.random.default_rng(0)
    >>> X = rng.normal(size=(64, 32, 3)).astype("float32")
    >>> y = np.repeat([0, 1], 32)
    >>> clf = make_pipeline(
    ...     ChannelStandardScaler(),
    ...     CNNClassifier(filters=4, n_conv_layers=1, dense_units=8, epochs=1),
    ... ).fit(X, y)
    >>> import tempfile, os
    >>> folder = tempfile.mkdtemp()
    >>> result = to_tflite(clf, os.path.join(folder, "har.tflite"))  # doctest: +SKIP
    >>> result.manifest["verification"]["max_abs_diff_proba"] <= 1e-5  # doctest: +SKIP
    True
    """
    if quantize not in _QUANTIZE:
        raise ValueError(f"quantize must be one of {_QUANTIZE}, got {quantize!r}.")
    window_estimator, stream = resolve_stream(
        estimator,
        window_size=window_size,
        step=step,
        preprocessor=preprocessor,
        sampling_rate=sampling_rate,
    )
    parts = split_deep(window_estimator)
    if parts is None:
        raise TypeError(
            f"to_tflite exports {DEEP_ROUTE}. This estimator's steps: "
            f"{describe_steps(window_estimator)}. Use to_onnx for scikit-learn "
            "pipelines."
        )
    if quantize == "int8" and representative_data is None:
        raise ValueError(
            'quantize="int8" needs representative_data: windows (n, n_timesteps, '
            "n_channels) in the units of the training windows, to calibrate the "
            "int8 ranges."
        )
    path = check_writable(path)
    scalers, classifier = parts
    n_timesteps, n_channels = classifier.model_.input_shape[1:]
    X = verification_windows(scalers, n_timesteps, n_channels, representative_data)
    reference = window_estimator.predict_proba(X)

    model_bytes, batch = _convert(scalers, classifier, quantize, representative_data)
    tensors = {}

    def verify(model_path):
        proba, names = _run_tflite(model_path, X)
        tensors.update(names)
        return compare_probabilities(
            proba,
            reference,
            classifier.classes_,
            atol=atol,
            exact=quantize is None,
            what=f"TFLite model (quantize={quantize!r}) in the LiteRT interpreter",
        )

    def make_manifest(verification, n_bytes, sha256):
        verification.pop("classes")
        return build_manifest(
            stream=stream,
            n_timesteps=n_timesteps,
            n_channels=n_channels,
            classes=classifier.classes_,
            model=_model_entry(
                path,
                "tflite",
                quantize,
                n_bytes,
                sha256,
                tensors,
                scalers,
                n_timesteps,
                n_channels,
                len(classifier.classes_),
                batch=batch,
            ),
            channel_names=channel_names,
            channel_units=channel_units,
            class_names=class_names,
            verification=verification,
        )

    return finish_export(path, model_bytes, make_manifest, verify)


def _model_entry(
    path,
    fmt,
    quantize,
    n_bytes,
    sha256,
    tensors,
    scalers,
    n_timesteps,
    n_channels,
    n_classes,
    *,
    batch=None,
):
    return {
        "file": path.name,
        "format": fmt,
        "quantize": quantize,
        "bytes": n_bytes,
        "sha256": sha256,
        "input": {
            "name": tensors.get("input"),
            "shape": [batch, n_timesteps, n_channels],
            "dtype": "float32",
            "layout": "windows, time steps, channels"
            + ("" if batch is None else f" (batches of exactly {batch})"),
            "standardization": {
                "folded_into_model": True,
                "note": "applied inside the model as (x - mean) / scale; do not "
                "apply it again",
                "steps": [
                    {"mean": s.mean_.tolist(), "scale": s.scale_.tolist()}
                    for s in scalers
                ],
            },
        },
        "output": {
            "name": tensors.get("output"),
            "shape": [batch, n_classes],
            "dtype": "float32",
            "meaning": "class probabilities, columns in the order of classes",
        },
    }


def _convert(scalers, classifier, quantize, representative_data):
    """The TFLite flatbuffer and the batch size of its input (None: any).

    Recurrent layers become TensorList loops that the converter can only
    lower to built-in operations when the batch size is static: for them
    the model is converted for one window at a time.
    """
    from ..deep._backend import _native_stderr_silenced, import_keras

    _, tf = import_keras()
    model = serving_model(scalers, classifier)
    n_timesteps, n_channels = classifier.model_.input_shape[1:]
    errors = []
    for batch in (None, 1):
        signature = [tf.TensorSpec((batch, n_timesteps, n_channels), tf.float32)]
        with tempfile.TemporaryDirectory() as folder:
            model.export(
                folder,
                format="tf_saved_model",
                verbose=False,
                input_signature=signature,
            )
            converter = tf.lite.TFLiteConverter.from_saved_model(folder)
            if quantize is not None:
                converter.optimizations = [tf.lite.Optimize.DEFAULT]
            if quantize == "int8":
                calibration = np.asarray(representative_data, dtype=np.float32)

                def dataset(calibration=calibration):
                    for window in calibration[:500]:
                        yield [window[None]]

                converter.representative_dataset = dataset
            try:
                # the first try's failure is expected for recurrent layers
                with _native_stderr_silenced(batch is None):
                    model_bytes = converter.convert()
                    if quantize == "int8":
                        model_bytes = _keep_float(tf, converter, dataset, model_bytes)
                    return model_bytes, batch
            except Exception as exc:  # the converter's errors have no public type
                errors.append(str(exc).strip().splitlines()[-1][:500])
    raise TypeError(
        f"The network of {type(classifier).__name__} cannot be converted to "
        f"TFLite built-in operations: {errors[-1]}"
    )


def _keep_float(tf, converter, dataset, model_bytes):
    """Re-quantize ``model_bytes`` with :func:`int8_float_nodes` kept float."""
    import warnings

    nodes = int8_float_nodes(model_bytes)
    if not nodes:
        return model_bytes
    options = tf.lite.experimental.QuantizationDebugOptions(denylisted_nodes=nodes)
    with warnings.catch_warnings():
        # the debugger warns that it uses tf.lite.Interpreter
        warnings.simplefilter("ignore")
        debugger = tf.lite.experimental.QuantizationDebugger(
            converter=converter, debug_dataset=dataset, debug_options=options
        )
        return debugger.get_nondebug_quantized_model()
