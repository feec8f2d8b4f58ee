"""Export to ONNX: deep models through Keras, scikit-learn pipelines through skl2onnx."""

import tempfile
import warnings
from pathlib import Path

import numpy as np
from sklearn.utils.validation import check_is_fitted

from ._deep import (
    DEEP_ROUTE,
    describe_steps,
    serving_model,
    split_deep,
    verification_windows,
)
from ._io import check_writable, finish_export
from ._manifest import build_manifest, resolve_stream
from ._tflite import _model_entry, compare_probabilities

__all__ = ["to_onnx"]


def _session(model_path):
    import onnxruntime

    return onnxruntime.InferenceSession(
        str(model_path), providers=["CPUExecutionProvider"]
    )


def to_onnx(
    estimator,
    path,
    *,
    representative_data=None,
    window_size=None,
    step=None,
    preprocessor=None,
    sampling_rate=None,
    channel_names=None,
    channel_units=None,
    class_names=None,
    target_opset=None,
    atol=1e-5,
):
    """Export a fitted window classifier to ONNX, verified with onnxruntime.

    Two routes, chosen from the estimator:

    * a deep classifier of :mod:`sklearn_har.deep`, alone or after
      :class:`~sklearn_har.preprocessing.ChannelStandardScaler` steps in a
      :class:`~sklearn.pipeline.Pipeline`: the scalers are folded into a
      Keras model that is exported with Keras' ``Model.export(format=
      "onnx")``; windows ``(n, n_timesteps, n_channels)`` float32 in,
      class probabilities out, checked against ``predict_proba``;
    * a scikit-learn pipeline of windows to classes (e.g. the 561-feature
      SVM of :func:`~sklearn_har.pipeline.make_svm_pipeline`): converted by
      skl2onnx with the converters of sklearn_har's feature extractors; its
      outputs are skl2onnx's (labels, then probabilities or scores when the
      classifier has them).

    A manifest (:func:`build_manifest`) is written beside the model as
    ``<path>.json``.

    Parameters
    ----------
    estimator : estimator
        A fitted window classifier as above, or a fitted
        :class:`~sklearn_har.windowing.WindowedClassifier` around one (its
        windows and stream preprocessing then go into the manifest).
    path : str or path-like
        The ``.onnx`` file to write; its directory must exist.
    representative_data : array-like of shape (n, n_timesteps, n_channels), \
            default=None
        Windows the export is verified on (at most 256; default: 64
        synthetic windows).
    window_size, step : int, default=None
        Window length and step of the stream. ``window_size`` is required
        for a scikit-learn pipeline that is not inside a
        ``WindowedClassifier`` (the pipeline does not record it).
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
    target_opset : int, default=None
        ONNX opset of the scikit-learn route (default: skl2onnx's choice).
    atol : float, default=1e-5
        Largest accepted difference between the probabilities of a deep
        export and ``predict_proba``.

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
        If no route exports the estimator (the message names the steps).
    OSError
        If ``path`` cannot be written (missing directory, no permission).
    ExportVerificationError
        If a deep export does not reproduce ``predict_proba``. Nothing is
        written then.

    See Also
    --------
    to_tflite : The TensorFlow Lite export.

    Examples
    --------
    >>> import numpy as np
    >>> from sklearn_har.deep import CNNClassifier
    >>> from sklearn_har.export import to_onnx
    >>> rng = np.random.default_rng(0)
    >>> X = rng.normal(size=(64, 32, 3)).astype("float32")
    >>> y = np.repeat([0, 1], 32)
    >>> clf = CNNClassifier(filters=4, n_conv_layers=1, dense_units=8, epochs=1)
    >>> clf = clf.fit(X, y)  # doctest: +SKIP
    >>> import tempfile, os
    >>> path = os.path.join(tempfile.mkdtemp(), "har.onnx")
    >>> to_onnx(clf, path).manifest["model"]["format"]  # doctest: +SKIP
    'onnx'
    """
    window_estimator, stream = resolve_stream(
        estimator,
        window_size=window_size,
        step=step,
        preprocessor=preprocessor,
        sampling_rate=sampling_rate,
    )
    parts = split_deep(window_estimator)
    if parts is None:
        check_is_fitted(window_estimator)
        return _sklearn_to_onnx(
            window_estimator,
            path,
            stream=stream,
            representative_data=representative_data,
            target_opset=target_opset,
            manifest_kwargs=dict(
                channel_names=channel_names,
                channel_units=channel_units,
                class_names=class_names,
            ),
        )
    path = check_writable(path)
    scalers, classifier = parts
    n_timesteps, n_channels = classifier.model_.input_shape[1:]
    X = verification_windows(scalers, n_timesteps, n_channels, representative_data)
    reference = window_estimator.predict_proba(X)
    model = serving_model(scalers, classifier)
    with tempfile.TemporaryDirectory() as folder:
        exported = Path(folder) / "model.onnx"
        with warnings.catch_warnings():
            # tf2onnx (used by Keras' exporter) probes the removed np.object
            warnings.filterwarnings(
                "ignore", message=".*np.object.*", category=FutureWarning
            )
            model.export(str(exported), format="onnx", verbose=False)
        model_bytes = exported.read_bytes()
    tensors = {}

    def verify(model_path):
        session = _session(model_path)
        (inp,) = session.get_inputs()
        (out,) = session.get_outputs()
        tensors.update(input=inp.name, output=out.name)
        (proba,) = session.run(None, {inp.name: X})
        return compare_probabilities(
            np.asarray(proba),
            reference,
            classifier.classes_,
            atol=atol,
            exact=True,
            what="ONNX model in onnxruntime",
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
                "onnx",
                None,
                n_bytes,
                sha256,
                tensors,
                scalers,
                n_timesteps,
                n_channels,
                len(classifier.classes_),
            ),
            channel_names=channel_names,
            channel_units=channel_units,
            class_names=class_names,
            verification=verification,
        )

    return finish_export(path, model_bytes, make_manifest, verify)


def _sklearn_to_onnx(
    estimator, path, *, stream, representative_data, target_opset, manifest_kwargs
):
    try:
        from ._onnx_features import sklearn_pipeline_to_onnx
    except ImportError as exc:
        raise TypeError(
            f"to_onnx exports {DEEP_ROUTE}, or a scikit-learn pipeline through "
            f"skl2onnx, which is not available here ({exc}). This estimator's "
            f"steps: {describe_steps(estimator)}."
        ) from exc
    n_timesteps = stream["window_size"]
    if n_timesteps is None:
        raise ValueError(
            "to_onnx needs window_size for a scikit-learn pipeline (or export "
            "the fitted WindowedClassifier around it)."
        )
    n_channels = getattr(estimator, "n_features_in_", None)
    if n_channels is None:
        raise TypeError(
            f"Cannot tell the number of channels of {type(estimator).__name__}: "
            "it has no n_features_in_."
        )
    path = check_writable(path)
    proto = sklearn_pipeline_to_onnx(
        estimator,
        n_timesteps=n_timesteps,
        n_channels=int(n_channels),
        target_opset=target_opset,
    )
    model_bytes = proto.SerializeToString()
    X = verification_windows([], n_timesteps, int(n_channels), representative_data)
    reference = estimator.predict(X)
    tensors = {}

    def verify(model_path):
        session = _session(model_path)
        inputs = session.get_inputs()
        tensors.update(
            input=inputs[0].name,
            outputs=[o.name for o in session.get_outputs()],
        )
        labels = np.asarray(session.run(None, {inputs[0].name: X})[0]).ravel()
        return {
            "reference": "predict of the Python estimator",
            "n_windows": int(len(X)),
            "label_agreement": float(np.mean(labels == reference)),
        }

    def make_manifest(verification, n_bytes, sha256):
        outputs = tensors.get("outputs", [])
        return build_manifest(
            stream=stream,
            n_timesteps=n_timesteps,
            n_channels=int(n_channels),
            classes=estimator.classes_,
            model={
                "file": path.name,
                "format": "onnx",
                "quantize": None,
                "bytes": n_bytes,
                "sha256": sha256,
                "input": {
                    "name": tensors.get("input"),
                    "shape": [None, n_timesteps, int(n_channels)],
                    "dtype": "float32",
                    "layout": "windows, time steps, channels",
                },
                "output": {
                    "names": outputs,
                    "meaning": "skl2onnx's outputs: the label of every window, "
                    "then the class probabilities or scores when the "
                    "classifier has them",
                },
            },
            verification=verification,
            **manifest_kwargs,
        )

    return finish_export(path, model_bytes, make_manifest, verify)
