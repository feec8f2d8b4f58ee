"""The manifest written beside every export, and the stream it describes.

The manifest is a JSON file that lets an app developer rebuild the stream
side of the model without Python: the window size and step, the sampling
rate, the channel order and units, the stream preprocessing as a short list
of operations with their coefficients (median filters, second-order
sections for :func:`scipy.signal.sosfilt`), the classes, the model's input
and output, how the export was verified, and the versions that made it.
"""

import importlib.metadata
import platform
from datetime import datetime, timezone

import numpy as np
from sklearn.pipeline import Pipeline
from sklearn.utils.validation import check_is_fitted

__all__ = ["build_manifest", "describe_preprocessing", "resolve_stream"]

#: Format name and version of the manifest (bumped on incompatible changes).
MANIFEST_FORMAT = "sklearn_har.export.manifest/1"

#: What every operation of ``stream.preprocessing.steps`` does.
OPERATIONS = {
    "median": (
        "Running median over time, channel by channel, of kernel_size samples "
        "centred on each sample (it looks kernel_size // 2 samples ahead). "
        "Offline equivalent: pad both ends by kernel_size // 2 samples with "
        "numpy.pad(mode=numpy_pad_mode), apply scipy.signal.medfilt with this "
        "kernel_size to every channel and drop the padding."
    ),
    "sosfilt": (
        "Causal IIR filter: scipy.signal.sosfilt(sos, x, axis=0) started from a "
        "zero state at the first sample of the recording (zi = 0); a stream "
        "keeps the filter state between chunks."
    ),
    "sosfiltfilt": (
        "Zero-phase filter: scipy.signal.sosfiltfilt(sos, x, axis=0) with "
        "scipy's default padding; it needs the whole recording (not causal)."
    ),
    "select": "The columns listed in channels (0-based), in that order.",
    "subtract": "in[0] - in[1], element-wise.",
    "concat": "The signals of in side by side (columns), in that order.",
}

# ndimage.median_filter mode -> numpy.pad mode giving the same edges
_NUMPY_PAD_MODE = {
    "nearest": "edge",
    "reflect": "symmetric",
    "mirror": "reflect",
    "constant": "constant",
}

_UCI_HAR_INPUT = (
    ("acc_x", "g"),
    ("acc_y", "g"),
    ("acc_z", "g"),
    ("gyro_x", "rad/s"),
    ("gyro_y", "rad/s"),
    ("gyro_z", "rad/s"),
)

_STREAM_TRANSFORMERS = (
    "UCIHARPreprocessor",
    "ButterworthFilter",
    "MedianFilter",
    "GravitySeparator",
    "a Pipeline of these",
)


def _to_json(value):
    """``value`` with numpy scalars and arrays turned into JSON types."""
    if isinstance(value, dict):
        return {str(k): _to_json(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_to_json(v) for v in value]
    if isinstance(value, np.ndarray):
        return _to_json(value.tolist())
    if isinstance(value, np.generic):
        return value.item()
    return value


class _Program:
    """Builds the list of operations, naming each intermediate signal."""

    def __init__(self):
        self.steps = []
        self.look_ahead = 0
        self.causal = True
        self._names = set()

    def name(self, hint):
        name, i = hint, 1
        while name in self._names:
            i += 1
            name = f"{hint}_{i}"
        self._names.add(name)
        return name

    def add(self, op, inputs, hint, **params):
        out = self.name(hint)
        self.steps.append({"op": op, "in": inputs, "out": out, **_to_json(params)})
        return out

    def median(self, signal, kernel_size, mode, hint="median"):
        if kernel_size == 1:
            return signal
        self.look_ahead += kernel_size // 2
        return self.add(
            "median",
            signal,
            hint,
            kernel_size=int(kernel_size),
            edge=mode,
            numpy_pad_mode=_NUMPY_PAD_MODE[mode],
        )

    def sos(self, signal, sos, zero_phase, hint):
        if zero_phase:
            self.causal = False
            return self.add("sosfiltfilt", signal, hint, sos=np.asarray(sos))
        return self.add(
            "sosfilt", signal, hint, sos=np.asarray(sos), initial_state="zeros"
        )

    def select(self, signal, channels, hint):
        return self.add("select", signal, hint, channels=list(channels))


def _describe_uci_har(pre, program, signal):
    settings = pre._settings()
    noise_sos, gravity_sos, drift_sos = pre._filters()
    median = program.median(signal, pre.median_kernel, "nearest")
    filtered = median
    if noise_sos is not None:
        filtered = program.sos(
            median, noise_sos, settings["noise_zero_phase"], "noise_filtered"
        )
    total_acc = program.select(filtered, range(3), "total_acc")
    gyro = program.select(filtered, range(3, 6), "gyro")
    if settings["gravity_source"] == "median_filtered":
        source = program.select(median, range(3), "median_acc")
    else:
        source = total_acc
    gravity = program.sos(source, gravity_sos, pre.gravity_zero_phase, "gravity")
    if drift_sos is not None:
        drift = program.sos(gyro, drift_sos, pre.mode == "zero_phase", "gyro_drift")
        gyro = program.add("subtract", [gyro, drift], "body_gyro")
    body_acc = program.add("subtract", [total_acc, gravity], "body_acc")
    return program.add("concat", [body_acc, gyro, total_acc], "uci_har")


def _describe_one(pre, program, signal):
    from ..preprocessing import (
        ButterworthFilter,
        GravitySeparator,
        MedianFilter,
        UCIHARPreprocessor,
    )

    if isinstance(pre, Pipeline):
        for _, step in pre.steps:
            if step is None or step == "passthrough":
                continue
            signal = _describe_one(step, program, signal)
        return signal
    if isinstance(pre, UCIHARPreprocessor):
        return _describe_uci_har(pre, program, signal)
    if isinstance(pre, MedianFilter):
        return program.median(signal, pre.kernel_size, pre.mode)
    if isinstance(pre, ButterworthFilter):
        return program.sos(signal, pre._sos(), pre.zero_phase, "butterworth")
    if isinstance(pre, GravitySeparator):
        gravity = program.sos(signal, pre._sos(), pre.zero_phase, "gravity")
        if pre.output == "gravity":
            return gravity
        body = program.add("subtract", [signal, gravity], "body")
        if pre.output == "body":
            return body
        return program.add("concat", [body, gravity], "body_and_gravity")
    raise TypeError(
        f"The stream preprocessing {type(pre).__name__} cannot be described in "
        f"a manifest; supported: {', '.join(_STREAM_TRANSFORMERS)}."
    )


def describe_preprocessing(preprocessor):
    """The stream preprocessing as a list of numpy/scipy operations.

    Parameters
    ----------
    preprocessor : transformer or None
        A fitted :class:`~sklearn_har.preprocessing.UCIHARPreprocessor`,
        :class:`~sklearn_har.preprocessing.ButterworthFilter`,
        :class:`~sklearn_har.preprocessing.MedianFilter`,
        :class:`~sklearn_har.preprocessing.GravitySeparator`, or a
        :class:`~sklearn.pipeline.Pipeline` of them.

    Returns
    -------
    description : dict or None
        ``None`` for no preprocessing; otherwise ``input`` (the name of the
        raw stream, ``"raw"``), ``output`` (the name of the signal that is
        windowed), ``steps`` (operations in order, each with ``op``, ``in``,
        ``out`` and its parameters), ``operations`` (what each ``op``
        does), ``causal`` (False if a step needs the whole recording) and
        ``look_ahead`` (samples after the current one that a causal
        pipeline needs, from the median filters).

    Raises
    ------
    TypeError
        For a preprocessor that is not one of the above.

    Examples
    --------
    >>> import numpy as np
    >>> from sklearn_har.export import describe_preprocessing
    >>> from sklearn_har.preprocessing import UCIHARPreprocessor
    >>> pre = UCIHARPreprocessor().fit(np.zeros((100, 6)))
    >>> d = describe_preprocessing(pre)
    >>> [step["op"] for step in d["steps"]][:3]
    ['median', 'sosfilt', 'select']
    >>> d["causal"], d["look_ahead"], d["output"]
    (True, 1, 'uci_har')
    """
    if preprocessor is None:
        return None
    check_is_fitted(preprocessor)
    program = _Program()
    raw = program.name("raw")
    output = _describe_one(preprocessor, program, raw)
    used = {op for op in (s["op"] for s in program.steps)}
    return {
        "input": raw,
        "output": output,
        "steps": program.steps,
        "operations": {op: OPERATIONS[op] for op in OPERATIONS if op in used},
        "causal": program.causal,
        "look_ahead": program.look_ahead if program.causal else None,
    }


def _channels(preprocessor, n_channels, channel_names, channel_units):
    """Names and units of the raw stream's channels and of the model input."""
    from ..preprocessing import UCIHARPreprocessor

    uci = isinstance(preprocessor, UCIHARPreprocessor)
    names = channel_names
    if names is None and preprocessor is not None:
        names = getattr(preprocessor, "feature_names_in_", None)
    if names is None and uci:
        names = [name for name, _ in _UCI_HAR_INPUT]
    units = channel_units
    if units is None and uci:
        units = [unit for _, unit in _UCI_HAR_INPUT]
    n_in = n_channels if preprocessor is None else preprocessor.n_features_in_
    names = [f"channel_{i}" for i in range(n_in)] if names is None else list(names)
    units = [None] * n_in if units is None else list(units)
    for what, values in (("channel_names", names), ("channel_units", units)):
        if len(values) != n_in:
            raise ValueError(
                f"{what} has {len(values)} entries for a stream of {n_in} channels."
            )
    stream = [{"name": str(n), "unit": u} for n, u in zip(names, units, strict=True)]
    if preprocessor is None:
        return stream, stream
    out_names = [str(n) for n in preprocessor.get_feature_names_out(names)]
    if uci:
        out_units = ["rad/s" if "gyro" in n else "g" for n in out_names]
    elif len(out_names) == n_in:
        out_units = units
    else:  # GravitySeparator(output="both"): body then gravity
        out_units = units + units
    model = [{"name": n, "unit": u} for n, u in zip(out_names, out_units, strict=True)]
    return stream, model


def resolve_stream(
    estimator, *, window_size=None, step=None, preprocessor=None, sampling_rate=None
):
    """The window estimator and the stream settings of an export.

    A fitted :class:`~sklearn_har.windowing.WindowedClassifier` gives them
    all (its ``estimator_``, ``windows_`` and ``preprocessor_``); otherwise
    they come from the keyword arguments.

    Returns
    -------
    window_estimator : estimator
        What maps windows to classes.
    stream : dict
        ``window_size``, ``step``, ``preprocessor`` and ``sampling_rate``.
    """
    from ..windowing import WindowedClassifier

    if isinstance(estimator, WindowedClassifier):
        check_is_fitted(estimator)
        given = {
            "window_size": window_size,
            "step": step,
            "preprocessor": preprocessor,
        }
        clash = [name for name, value in given.items() if value is not None]
        if clash:
            raise ValueError(
                f"{', '.join(clash)} come from the WindowedClassifier being "
                "exported; do not pass them as well."
            )
        window_size = estimator.windows_.window_size
        step = estimator.windows_.step
        preprocessor = estimator.preprocessor_
        estimator = estimator.estimator_
    if preprocessor is not None:
        check_is_fitted(preprocessor)
        rate = _preprocessor_rate(preprocessor)
        if rate is not None:
            if sampling_rate is not None and float(sampling_rate) != rate:
                raise ValueError(
                    f"sampling_rate={sampling_rate} differs from the sampling rate "
                    f"{rate} Hz of the preprocessor."
                )
            sampling_rate = rate
    return estimator, {
        "window_size": None if window_size is None else int(window_size),
        "step": None if step is None else int(step),
        "preprocessor": preprocessor,
        "sampling_rate": None if sampling_rate is None else float(sampling_rate),
    }


def _preprocessor_rate(preprocessor):
    steps = preprocessor.steps if isinstance(preprocessor, Pipeline) else []
    for candidate in [preprocessor] + [s for _, s in steps]:
        rate = getattr(candidate, "sampling_rate", None)
        if rate is not None:
            return float(rate)
    return None


def _versions():
    from .. import __version__

    versions = {"sklearn_har": __version__, "python": platform.python_version()}
    for dist in (
        "numpy",
        "scipy",
        "scikit-learn",
        "tensorflow",
        "tensorflow-cpu",
        "keras",
        "ai-edge-litert",
        "onnx",
        "onnxruntime",
        "tf2onnx",
        "skl2onnx",
    ):
        try:
            versions[dist] = importlib.metadata.version(dist)
        except importlib.metadata.PackageNotFoundError:
            pass  # not installed: not used by this export, so not listed
    return versions


def build_manifest(
    *,
    stream,
    n_timesteps,
    n_channels,
    classes,
    model,
    channel_names=None,
    channel_units=None,
    class_names=None,
    verification=None,
):
    """The manifest dictionary of one export (written as JSON beside it).

    Parameters
    ----------
    stream : dict
        ``window_size``, ``step``, ``preprocessor`` and ``sampling_rate``,
        as returned by :func:`resolve_stream`.
    n_timesteps, n_channels : int
        Shape of the model's input windows.
    classes : array-like
        Class labels, in the order of the probability columns.
    model : dict
        ``file``, ``format`` and the rest of the model entry (input and
        output tensors, quantization, standardisation).
    channel_names, channel_units : sequence of str, default=None
        Names and units of the raw stream's channels (before the
        preprocessing); the UCI HAR preprocessor gives its own.
    class_names : sequence of str, default=None
        Readable names of ``classes`` (default: ``str`` of each label).
    verification : dict, default=None
        How the export was checked against the Python model.

    Returns
    -------
    manifest : dict
        JSON-serialisable.
    """
    preprocessor = stream["preprocessor"]
    if stream["window_size"] is not None and stream["window_size"] != n_timesteps:
        raise ValueError(
            f"window_size={stream['window_size']} differs from the {n_timesteps} "
            "time steps the model was fitted on."
        )
    stream_channels, model_channels = _channels(
        preprocessor, n_channels, channel_names, channel_units
    )
    if len(model_channels) != n_channels:
        raise ValueError(
            f"The preprocessing gives {len(model_channels)} channels, the model "
            f"expects {n_channels}."
        )
    classes = _to_json(np.asarray(classes))
    if class_names is None:
        class_names = [str(c) for c in classes]
    elif len(class_names) != len(classes):
        raise ValueError(
            f"class_names has {len(class_names)} entries for {len(classes)} classes."
        )
    model = dict(model)
    model["input"] = {**model.get("input", {}), "channels": model_channels}
    return _to_json(
        {
            "format": MANIFEST_FORMAT,
            "created": datetime.now(timezone.utc).isoformat(timespec="seconds"),
            "model": model,
            "classes": classes,
            "class_names": [str(n) for n in class_names],
            "stream": {
                "sampling_rate": stream["sampling_rate"],
                "window_size": n_timesteps,
                "step": stream["step"],
                "channels": stream_channels,
                "preprocessing": describe_preprocessing(preprocessor),
            },
            "verification": verification,
            "versions": _versions(),
        }
    )
