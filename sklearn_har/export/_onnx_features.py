"""ONNX converters for the package's window transformers, and pipeline export.

skl2onnx converts scikit-learn estimators one step at a time, each through
a *shape calculator* (the type of the step's output) and a *converter*
(the ONNX nodes that compute it).  This module provides both for the three
transformers of the package that work on windows ``(n_windows,
n_timesteps, n_channels)``:

- :class:`~sklearn_har.features.UCIHARFeatureExtractor`: the 561 UCI HAR
  features, reproduced column for column with standard ONNX operators
  (spectra as a matrix product with a fixed DFT basis, order statistics
  with ``TopK``, the Burg AR(4) recursion unrolled, the quantised entropy
  with ``ScatterElements``);
- :class:`~sklearn_har.features.StatisticalFeatureExtractor`;
- :class:`~sklearn_har.preprocessing.ChannelStandardScaler`.

and :func:`sklearn_pipeline_to_onnx`, which registers them and converts a
whole fitted pipeline (for example :func:`~sklearn_har.pipeline.make_svm_pipeline`)
with skl2onnx's own converters for the scikit-learn steps.

The feature converters compute in double precision inside the graph (the
input stays float32, as in the Python extractor, which casts windows to
float64), so that the features match the Python ones to about 1e-12
relative to each column's scale; they return float32 features, which is
what skl2onnx's scalers and classifiers take.

skl2onnx and onnx are imported inside the functions only, so that
``import sklearn_har`` never imports them.
"""

import warnings

import numpy as np
from sklearn.base import is_classifier
from sklearn.exceptions import NotFittedError
from sklearn.pipeline import Pipeline
from sklearn.utils.validation import check_is_fitted

from ..features import StatisticalFeatureExtractor, UCIHARFeatureExtractor
from ..features import _layout as L
from ..features._spectral import spectrum_frequencies, uci_har_bands
from ..preprocessing import ChannelStandardScaler

__all__ = ["register_converters", "sklearn_pipeline_to_onnx"]

#: The package's estimators with a converter here -> skl2onnx alias.
CONVERTERS = {
    UCIHARFeatureExtractor: "SklearnHARUCIHARFeatureExtractor",
    StatisticalFeatureExtractor: "SklearnHARStatisticalFeatureExtractor",
    ChannelStandardScaler: "SklearnHARChannelStandardScaler",
}
#: Lowest ONNX opset the converters need (``ScatterElements`` with
#: ``reduction="add"``).
MIN_OPSET = 16
_EPS = np.finfo(np.float64).eps


class _Graph:
    """Node and constant builder on top of a skl2onnx scope and container.

    Uses only skl2onnx's documented converter API
    (``scope.get_unique_variable_name``, ``container.add_node``,
    ``container.add_initializer``).
    """

    def __init__(self, scope, container):
        from onnx import TensorProto

        self.scope = scope
        self.container = container
        self.opset = container.target_opset
        if self.opset is not None and self.opset < MIN_OPSET:
            raise ValueError(
                f"The sklearn_har ONNX converters need opset >= {MIN_OPSET}, got "
                f"target_opset={self.opset}."
            )
        self.types = {
            np.dtype(np.float64): TensorProto.DOUBLE,
            np.dtype(np.float32): TensorProto.FLOAT,
            np.dtype(np.int64): TensorProto.INT64,
        }
        self.DOUBLE = TensorProto.DOUBLE
        self.FLOAT = TensorProto.FLOAT
        self.INT64 = TensorProto.INT64
        self._constants = {}

    def const(self, value, dtype=np.float64):
        """Name of an initializer holding ``value`` (shared when repeated)."""
        arr = np.asarray(value, dtype=dtype)
        key = (arr.dtype.str, arr.shape, arr.tobytes())
        if key not in self._constants:
            name = self.scope.get_unique_variable_name("c")
            self.container.add_initializer(
                name, self.types[arr.dtype], list(arr.shape), arr.ravel().tolist()
            )
            self._constants[key] = name
        return self._constants[key]

    def ints(self, value):
        """An int64 constant."""
        return self.const(value, np.int64)

    def op(self, op_type, *inputs, n_outputs=1, output=None, **attrs):
        """Add one node; return its output name (or names)."""
        if output is not None:
            outputs = [output]
        else:
            outputs = [
                self.scope.get_unique_variable_name(op_type.lower())
                for _ in range(n_outputs)
            ]
        self.container.add_node(
            op_type,
            list(inputs),
            outputs,
            name=self.scope.get_unique_operator_name(op_type),
            **attrs,
        )
        return outputs[0] if n_outputs == 1 else outputs

    # --- a few composite operations -------------------------------------
    def reduce(self, op_type, x, axes, keepdims=False):
        """``op_type`` (``ReduceSum``, ``ReduceMean``, ...) over ``axes``."""
        axes = [int(a) for a in np.atleast_1d(axes)]
        opset = self.opset if self.opset is not None else 99
        if opset >= 18 or (op_type == "ReduceSum" and opset >= 13):
            return self.op(op_type, x, self.ints(axes), keepdims=int(keepdims))
        return self.op(op_type, x, axes=axes, keepdims=int(keepdims))

    def slice(self, x, start, stop, axis=-1):
        """``x[..., start:stop]`` along ``axis``."""
        return self.op(
            "Slice", x, self.ints([start]), self.ints([stop]), self.ints([axis])
        )

    def take(self, x, indices, axis):
        """``np.take(x, indices, axis)`` with constant ``indices``."""
        return self.op("Gather", x, self.ints(indices), axis=axis)

    def where(self, cond, a, b):
        return self.op("Where", cond, a, b)

    def safe_divide(self, num, den):
        """``num / den`` where ``den > 0``, else 0."""
        ok = self.op("Greater", den, self.const(0.0))
        safe = self.where(ok, den, self.const(1.0))
        return self.where(ok, self.op("Div", num, safe), self.const(0.0))

    def sort(self, x, n, axis=-1):
        """Ascending sort of ``n`` values along ``axis``."""
        values, _ = self.op(
            "TopK", x, self.ints([n]), n_outputs=2, axis=axis, largest=0, sorted=1
        )
        return values

    def cast(self, x, to):
        return self.op("Cast", x, to=to)


def _percentile_positions(n, q, method):
    """``(lo, hi, frac)``: the sorted positions and weight of a percentile."""
    if method == "hazen":  # MATLAB prctile, as _stats.percentile_hazen
        h = min(max(n * q / 100.0 - 0.5, 0.0), n - 1.0)
    else:  # numpy's default "linear"
        h = (n - 1) * q / 100.0
    lo = int(np.floor(h))
    return lo, min(lo + 1, n - 1), h - lo


def _percentile(g, x_sorted, n, q, method, axis=-1):
    """Percentile of sorted values: ``x[lo] + frac * (x[hi] - x[lo])``."""
    lo, hi, frac = _percentile_positions(n, q, method)
    a = g.op("Gather", x_sorted, g.ints(lo), axis=axis)
    if frac == 0:
        return a
    b = g.op("Gather", x_sorted, g.ints(hi), axis=axis)
    return g.op("Add", a, g.op("Mul", g.const(frac), g.op("Sub", b, a)))


# --- the UCI HAR statistics ---------------------------------------------------
def _entropy(g, x, n, n_levels=256):
    """Entropy of the clipped, quantised values (``_stats.entropy_quantised``).

    The histogram of the levels ``q = round((n_levels - 1) * clip(x, 0, 1))``
    is counted with ``ScatterElements(reduction="add")`` (no sort needed),
    then ``H = log2(n) - sum(c log2 c) / n``.
    """
    clipped = g.op("Clip", x, g.const(0.0), g.const(1.0))
    q = g.op("Round", g.op("Mul", clipped, g.const(float(n_levels - 1))))
    ones = g.op("Add", g.op("Mul", q, g.const(0.0)), g.const(1.0))
    shape = g.op(
        "Concat", g.op("Shape", q, start=0, end=-1), g.ints([n_levels]), axis=0
    )
    zeros = g.op("Expand", g.const(np.zeros(n_levels)), shape)
    counts = g.op(
        "ScatterElements", zeros, g.cast(q, g.INT64), ones, axis=-1, reduction="add"
    )
    clogc = g.reduce(
        "ReduceSum",
        g.op("Mul", counts, g.op("Log", g.op("Max", counts, g.const(1.0)))),
        -1,
    )
    h = g.op(
        "Sub", g.const(np.log2(n)), g.op("Mul", clogc, g.const(1.0 / (n * np.log(2))))
    )
    return g.op("Max", h, g.const(0.0))


def _order_statistics(g, Z, n, qs, method="hazen", axis=-1):
    """Percentiles ``qs`` of ``n`` values along ``axis``.

    One full ``TopK`` sort: onnxruntime's partial sorts (a small ``k`` from
    each end) are not faster than one sort of the 64 to 128 values.
    """
    Zs = g.sort(Z, n, axis=axis)
    return [_percentile(g, Zs, n, q, method, axis=axis) for q in qs]


def _row_statistics(g, Z, n, *, moments=False, mean_abs=False):
    """The statistics of ``_stats.row_statistics`` of signals ``Z`` (m, s, n).

    Returns a dict of ``(m, s)`` tensors (keys of ``ROW_STATISTICS``) and
    the centred signals ``"d"`` with their round-off-cleaned sums of
    squares ``"ss"`` (for the correlations).
    """
    out = {}
    mean_k = g.reduce("ReduceMean", Z, -1, keepdims=True)
    mean = g.reduce("ReduceMean", Z, -1)
    d = g.op("Sub", Z, mean_k)
    ss = g.reduce("ReduceSumSquare", d, -1)
    # sums of squares at round-off level are a constant signal: exactly 0
    roundoff = g.op("Mul", g.op("Mul", mean, mean), g.const(n * (64 * _EPS) ** 2))
    ss = g.where(g.op("LessOrEqual", ss, roundoff), g.const(0.0), ss)
    out["mean"] = mean
    out["std"] = g.op("Sqrt", g.op("Div", ss, g.const(float(n - 1))))
    out["mad"] = g.reduce("ReduceMean", g.op("Abs", d), -1)
    out["max"] = g.reduce("ReduceMax", Z, -1)
    out["min"] = g.reduce("ReduceMin", Z, -1)
    m2 = g.op("Div", ss, g.const(float(n)))
    out["energy"] = g.op("Add", m2, g.op("Mul", mean, mean))
    p25, p75 = _order_statistics(g, Z, n, (25, 75))
    out["iqr"] = g.op("Sub", p75, p25)
    out["entropy"] = _entropy(g, Z, n)
    if mean_abs:
        out["mean_abs"] = g.reduce("ReduceMean", g.op("Abs", Z), -1)
    if moments:
        ok = g.op("Greater", m2, g.const(0.0))
        safe = g.where(ok, m2, g.const(1.0))
        d2 = g.op("Mul", d, d)
        m3 = g.reduce("ReduceMean", g.op("Mul", d2, d), -1)
        m4 = g.reduce("ReduceMean", g.op("Mul", d2, d2), -1)
        skew = g.op("Div", m3, g.op("Mul", safe, g.op("Sqrt", safe)))
        kurt = g.op("Div", m4, g.op("Mul", safe, safe))
        out["skewness"] = g.where(ok, skew, g.const(0.0))
        out["kurtosis"] = g.where(ok, kurt, g.const(0.0))
    out["d"], out["ss"] = d, ss
    return out


def _burg_ar(g, Z, n, order=L.AR_ORDER):
    """Burg AR coefficients ``(m, s, order)`` (``_stats.burg_ar``, unrolled)."""
    f = g.slice(Z, 1, n)
    b = g.slice(Z, 0, n - 1)
    length = n - 1
    a = [None] * (order + 1)  # a[0] = 1 implicitly; a[j] of shape (m, s, 1)
    for m in range(order):
        num = g.reduce("ReduceSum", g.op("Mul", b, f), -1, keepdims=True)
        den = g.op(
            "Add",
            g.reduce("ReduceSumSquare", f, -1, keepdims=True),
            g.reduce("ReduceSumSquare", b, -1, keepdims=True),
        )
        k = g.safe_divide(g.op("Mul", num, g.const(-2.0)), den)
        new = list(a)
        for j in range(1, m + 1):
            new[j] = g.op("Add", a[j], g.op("Mul", k, a[m + 1 - j]))
        new[m + 1] = k
        a = new
        if m + 1 < order:
            f_next = g.op(
                "Add", g.op("Mul", g.slice(b, 1, length), k), g.slice(f, 1, length)
            )
            b_next = g.op(
                "Add",
                g.op("Mul", g.slice(f, 0, length - 1), k),
                g.slice(b, 0, length - 1),
            )
            f, b, length = f_next, b_next, length - 1
    return g.op("Concat", *a[1:], axis=-1)


def _correlations(g, stats, first, second):
    """Pearson correlations ``(m, n_pairs)`` of signal pairs of one stack."""
    d, ss = stats["d"], stats["ss"]
    num = g.reduce(
        "ReduceSum", g.op("Mul", g.take(d, first, 1), g.take(d, second, 1)), -1
    )
    den = g.op("Sqrt", g.op("Mul", g.take(ss, first, 1), g.take(ss, second, 1)))
    r = g.safe_divide(num, den)
    return g.op("Clip", r, g.const(-1.0), g.const(1.0))


def _amplitude_spectrum(g, Z, n, n_fft):
    """``_spectral.amplitude_spectrum``: a DFT as a product with a fixed basis."""
    t = np.arange(n)[:, np.newaxis]
    k = np.arange(n_fft // 2 + 1)[np.newaxis, :]
    angle = 2 * np.pi * ((t * k) % n_fft) / n_fft  # reduced: exact basis
    re = g.op("MatMul", Z, g.const(np.cos(angle)))
    im = g.op("MatMul", Z, g.const(np.sin(angle)))
    spec = g.op("Sqrt", g.op("Add", g.op("Mul", re, re), g.op("Mul", im, im)))
    tol = g.op(
        "Mul",
        g.op("Sqrt", g.reduce("ReduceSumSquare", spec, -1, keepdims=True)),
        g.const(64 * _EPS),
    )
    A = g.slice(spec, 1, n_fft // 2 + 1)
    A = g.where(g.op("LessOrEqual", A, tol), g.const(0.0), A)
    return g.op("Mul", A, g.const(2.0 / n_fft))


def _arccos(g, c):
    """``arccos`` in double precision from onnxruntime's float ``Acos``.

    onnxruntime has no double ``Acos``: the float angle is refined with two
    steps ``theta += delta + delta**3 / 6``, where ``delta = sin(theta* -
    theta)`` is computed in double from ``(c, sqrt(1 - c**2))``.
    """
    theta = g.cast(g.op("Acos", g.cast(c, g.FLOAT)), g.DOUBLE)
    s = g.op(
        "Sqrt",
        g.op("Max", g.op("Sub", g.const(1.0), g.op("Mul", c, c)), g.const(0.0)),
    )
    for _ in range(2):
        delta = g.op(
            "Sub",
            g.op("Mul", s, g.op("Cos", theta)),
            g.op("Mul", c, g.op("Sin", theta)),
        )
        cube = g.op("Mul", g.op("Mul", delta, delta), delta)
        step = g.op("Add", delta, g.op("Mul", cube, g.const(1.0 / 6.0)))
        theta = g.op("Add", theta, step)
    return theta


def _sum_matrix(groups, signal, n_signals):
    """0/1 matrix ``(n_signals, n_groups)``: ``sma`` sums over the axes of a group."""
    M = np.zeros((n_signals, len(groups)))
    for j, group in enumerate(groups):
        M[list(np.atleast_1d(signal[group])), j] = 1.0
    return M


def _pairs(groups, base):
    """Stack positions (first, second) of the correlation pairs of ``groups``."""
    first = [L.T_SIGNAL[grp][i] - base for grp in groups for _, i, _ in L.PAIRS]
    second = [L.T_SIGNAL[grp][j] - base for grp in groups for _, _, j in L.PAIRS]
    return first, second


def _uci_har_features(g, X, T, *, sampling_rate, column_index):
    """The graph of :class:`UCIHARFeatureExtractor`: ``(m, T, 9)`` -> ``(m, 561)``."""
    Xt = g.op("Transpose", g.cast(X, g.DOUBLE), perm=[0, 2, 1])  # (m, 9, T)
    body, gyro = g.slice(Xt, 0, 3, 1), g.slice(Xt, 3, 6, 1)
    gravity = g.op("Sub", g.slice(Xt, 6, 9, 1), body)

    def magnitude(v):
        return g.op("Sqrt", g.reduce("ReduceSumSquare", v, 1, keepdims=True))

    def jerk(v):
        return g.op("Sub", g.slice(v, 1, T), g.slice(v, 0, T - 1))

    body_j, gyro_j = jerk(body), jerk(gyro)
    # the two stacks of _uci_har._extract (positions in _layout.T_SIGNAL)
    full = g.op(
        "Concat",
        body,
        gyro,
        magnitude(body),
        magnitude(gyro),
        gravity,
        magnitude(gravity),
        axis=1,
    )
    jerks = g.op("Concat", body_j, magnitude(body_j), magnitude(gyro_j), gyro_j, axis=1)
    s_full = _row_statistics(g, full, T, mean_abs=True)
    s_jerk = _row_statistics(g, jerks, T - 1, mean_abs=True)
    blocks = {}
    for family in L.STATISTICS:
        blocks[f"t_{family}"] = g.op("Concat", s_full[family], s_jerk[family], axis=1)
    mean_abs = g.op("Concat", s_full["mean_abs"], s_jerk["mean_abs"], axis=1)
    blocks["t_sma"] = g.op(
        "MatMul", mean_abs, g.const(_sum_matrix(L.SMA_T, L.T_SIGNAL, L.N_T))
    )
    ar = g.op("Concat", _burg_ar(g, full, T), _burg_ar(g, jerks, T - 1), axis=1)
    blocks["t_ar"] = g.op("Flatten", ar, axis=1)
    groups_full = ("tBodyAcc", "tBodyGyro", "tGravityAcc")
    groups_jerk = ("tBodyAccJerk", "tBodyGyroJerk")
    corr = g.op(
        "Concat",
        _correlations(g, s_full, *_pairs(groups_full, 0)),
        _correlations(g, s_jerk, *_pairs(groups_jerk, L.N_FULL)),
        axis=1,
    )
    # into the slots of _layout.T3
    order = []
    for group in L.T3:
        slot = (groups_full + groups_jerk).index(group)
        order.extend(range(3 * slot, 3 * slot + 3))
    blocks["t_corr"] = g.take(corr, order, 1)

    # --- spectra ---------------------------------------------------------
    K = T // 2
    A = g.op(
        "Concat",
        _amplitude_spectrum(g, g.slice(full, 0, L.N_FULL_FFT, 1), T, T),
        _amplitude_spectrum(g, g.slice(jerks, 0, L.N_JERK_FFT, 1), T - 1, T),
        axis=1,
    )  # (m, 13, K)
    s_f = _row_statistics(g, A, K, moments=True)
    for family in (*L.STATISTICS, "skewness", "kurtosis"):
        blocks[f"f_{family}"] = s_f[family]
    blocks["f_maxInds"] = g.op(
        "Add",
        g.cast(g.op("ArgMax", A, axis=-1, keepdims=0), g.DOUBLE),
        g.const(1.0),
    )
    freqs = spectrum_frequencies(T, sampling_rate)
    blocks["f_meanFreq"] = g.safe_divide(
        g.reduce("ReduceSum", g.op("Mul", A, g.const(freqs)), -1),
        g.reduce("ReduceSum", A, -1),
    )
    blocks["f_sma"] = g.op(
        "MatMul", s_f["mean"], g.const(_sum_matrix(L.SMA_F, L.F_SIGNAL, L.N_F))
    )
    B = np.zeros((K, L.N_BANDS))
    for j, (lo, hi) in enumerate(uci_har_bands(K)):
        B[lo - 1 : hi, j] = 1.0
    blocks["f_bands"] = g.op(
        "Flatten", g.op("MatMul", g.op("Mul", A, A), g.const(B)), axis=1
    )

    # --- angles between window means ---------------------------------------
    tmean = blocks["t_mean"]
    vectors = g.take(
        tmean,
        [
            list(L.T_SIGNAL[grp])
            for grp in ("tBodyAcc", "tBodyAccJerk", "tBodyGyro", "tBodyGyroJerk")
        ],
        1,
    )  # (m, 4, 3)
    grav = g.take(tmean, list(L.T_SIGNAL["tGravityAcc"]), 1)  # (m, 3)
    gg = g.reduce("ReduceSumSquare", grav, -1, keepdims=True)  # (m, 1)
    num = g.op(
        "Concat",
        g.reduce(
            "ReduceSum",
            g.op("Mul", vectors, g.op("Unsqueeze", grav, g.ints([1]))),
            -1,
        ),
        grav,  # with the X, Y and Z unit vectors
        axis=1,
    )
    den = g.op(
        "Sqrt",
        g.op(
            "Concat",
            g.op("Mul", g.reduce("ReduceSumSquare", vectors, -1), gg),
            g.op("Mul", gg, g.const(np.ones(3))),
            axis=1,
        ),
    )
    cos = g.op("Clip", g.safe_divide(num, den), g.const(-1.0), g.const(1.0))
    blocks["angle"] = _arccos(g, cos)

    U = g.op("Concat", *(blocks[name] for name in L.BLOCKS), axis=1)
    return g.op("Gather", U, g.ints(column_index), axis=1)


# --- shape calculators and converters ----------------------------------------
def _window_input_shape(operator):
    """``(n, n_timesteps, n_channels)`` of the operator input (None if unknown)."""
    shape = list(operator.inputs[0].type.shape)
    if len(shape) == 2:  # univariate windows or tabular data
        shape = shape + [1]
    if len(shape) != 3:
        raise ValueError(
            f"{type(operator.raw_operator).__name__} expects windows "
            f"(n_windows, n_timesteps, n_channels); the ONNX input has shape {shape}."
        )
    return shape


def _check_window_input(operator, n_timesteps, n_channels):
    """Raise a ValueError when the input's known sizes differ from the fitted ones."""
    _, t, c = _window_input_shape(operator)
    name = type(operator.raw_operator).__name__
    for what, got, want in (
        ("time steps", t, n_timesteps),
        ("channels", c, n_channels),
    ):
        if isinstance(got, int) and want is not None and got != want:
            raise ValueError(
                f"The ONNX input has {got} {what} per window, but {name} was "
                f"fitted with {want}."
            )


def _shape_features(operator, n_features):
    from skl2onnx.common.data_types import FloatTensorType

    n = operator.inputs[0].type.shape[0]
    operator.outputs[0].type = FloatTensorType([n, n_features])


def _shape_uci_har(operator):
    _shape_features(operator, len(L.column_index()))


def _shape_statistical(operator):
    est = operator.raw_operator
    _shape_features(operator, est.n_features_in_ * len(est.stats))


def _shape_channel_scaler(operator):
    from skl2onnx.common.data_types import FloatTensorType

    operator.outputs[0].type = FloatTensorType(list(operator.inputs[0].type.shape))


def _convert_uci_har(scope, operator, container):
    est = operator.raw_operator
    check_is_fitted(est)
    _check_window_input(operator, est.n_timesteps_in_, 9)
    g = _Graph(scope, container)
    features = _uci_har_features(
        g,
        operator.inputs[0].full_name,
        est.n_timesteps_in_,
        sampling_rate=float(est.sampling_rate),
        column_index=np.asarray(L.column_index(est.replicate_gravitymag_bug)),
    )
    g.op("Cast", features, to=g.FLOAT, output=operator.outputs[0].full_name)


def _convert_statistical(scope, operator, container):
    est = operator.raw_operator
    check_is_fitted(est)
    _check_window_input(operator, est.n_timesteps_in_, est.n_features_in_)
    g = _Graph(scope, container)
    X = g.cast(operator.inputs[0].full_name, g.DOUBLE)
    if len(operator.inputs[0].type.shape) == 2:
        X = g.op("Unsqueeze", X, g.ints([2]))
    n = est.n_timesteps_in_
    mean_k = g.reduce("ReduceMean", X, 1, keepdims=True)
    d = g.op("Sub", X, mean_k)
    columns = []
    sorted_ = None
    for stat in est.stats:
        if stat == "mean":
            columns.append(g.reduce("ReduceMean", X, 1))
        elif stat == "std":
            columns.append(g.op("Sqrt", g.reduce("ReduceMean", g.op("Mul", d, d), 1)))
        elif stat == "min":
            columns.append(g.reduce("ReduceMin", X, 1))
        elif stat == "max":
            columns.append(g.reduce("ReduceMax", X, 1))
        elif stat == "energy":
            columns.append(g.reduce("ReduceMean", g.op("Mul", X, X), 1))
        elif stat == "mad":
            columns.append(g.reduce("ReduceMean", g.op("Abs", d), 1))
        elif stat in ("median", "iqr"):
            if sorted_ is None:
                sorted_ = g.sort(X, n, axis=1)
            if stat == "median":
                columns.append(_percentile(g, sorted_, n, 50, "linear", axis=1))
            else:
                columns.append(
                    g.op(
                        "Sub",
                        _percentile(g, sorted_, n, 75, "linear", axis=1),
                        _percentile(g, sorted_, n, 25, "linear", axis=1),
                    )
                )
        else:  # fit validates the names; a changed attribute is caught here
            raise ValueError(
                f"StatisticalFeatureExtractor: unknown statistic {stat!r}."
            )
    features = g.op("Concat", *columns, axis=1)
    g.op("Cast", features, to=g.FLOAT, output=operator.outputs[0].full_name)


def _convert_channel_scaler(scope, operator, container):
    est = operator.raw_operator
    check_is_fitted(est)
    shape = list(operator.inputs[0].type.shape)
    if isinstance(shape[-1], int) and shape[-1] != est.n_features_in_:
        raise ValueError(
            f"The ONNX input has {shape[-1]} channels, but ChannelStandardScaler "
            f"was fitted with {est.n_features_in_}."
        )
    g = _Graph(scope, container)
    # float32 arithmetic with float32 statistics: what transform does for
    # float32 windows
    centred = g.op("Sub", operator.inputs[0].full_name, g.const(est.mean_, np.float32))
    g.op(
        "Div",
        centred,
        g.const(est.scale_, np.float32),
        output=operator.outputs[0].full_name,
    )


_REGISTERED = False


def register_converters():
    """Register the package's converters with skl2onnx (once per process).

    Returns
    -------
    estimators : tuple of type
        The estimator classes that now have a converter.
    """
    global _REGISTERED
    if not _REGISTERED:
        from skl2onnx import update_registered_converter

        functions = {
            UCIHARFeatureExtractor: (_shape_uci_har, _convert_uci_har),
            StatisticalFeatureExtractor: (_shape_statistical, _convert_statistical),
            ChannelStandardScaler: (_shape_channel_scaler, _convert_channel_scaler),
        }
        for cls, alias in CONVERTERS.items():
            update_registered_converter(cls, alias, *functions[cls])
        _REGISTERED = True
    return tuple(CONVERTERS)


# --- whole pipelines -------------------------------------------------------------
def _flat_steps(estimator):
    """``(name, step)`` of a possibly nested Pipeline, without passthrough steps."""
    if isinstance(estimator, Pipeline):
        steps = []
        for name, step in estimator.steps:
            for sub_name, sub in _flat_steps(step):
                steps.append((name if sub_name is None else f"{name}__{sub_name}", sub))
        return steps
    if estimator is None or (isinstance(estimator, str) and estimator == "passthrough"):
        return []
    return [(None, estimator)]


def _has_converter(step):
    """Whether skl2onnx (or this module) can convert ``step``."""
    from skl2onnx import get_model_alias

    if type(step) in CONVERTERS:
        return True
    try:
        get_model_alias(type(step))
    except RuntimeError:  # "Unable to find alias for model ..."
        return False
    return True


def sklearn_pipeline_to_onnx(estimator, *, n_timesteps, n_channels, target_opset=None):
    """Convert a fitted scikit-learn estimator or pipeline on windows to ONNX.

    The pipeline's window steps
    (:class:`~sklearn_har.features.UCIHARFeatureExtractor`,
    :class:`~sklearn_har.features.StatisticalFeatureExtractor`,
    :class:`~sklearn_har.preprocessing.ChannelStandardScaler`) are converted
    by this module's converters, the scikit-learn steps by skl2onnx's own.

    Parameters
    ----------
    estimator : estimator or Pipeline
        Fitted, e.g. from :func:`~sklearn_har.pipeline.make_svm_pipeline`.
        Nested pipelines are flattened and ``"passthrough"`` steps dropped.
    n_timesteps : int
        Window length of the input.
    n_channels : int
        Channels of the input.
    target_opset : int, default=None
        ONNX opset (at least 16); ``None`` uses skl2onnx's default.

    Returns
    -------
    model : onnx.ModelProto
        Input ``"X"``, float32 of shape ``[None, n_timesteps, n_channels]``.
        For a classifier, outputs ``"label"`` and ``"probabilities"`` (a
        tensor ``(n, n_classes)``, not a ZipMap; for a classifier without
        ``predict_proba``, such as ``SVC(probability=False)``, these are the
        scores skl2onnx gives); otherwise the output of the last step.

    Raises
    ------
    sklearn.exceptions.NotFittedError
        If a step is not fitted.
    TypeError
        If some steps have no ONNX converter; the message names them and
        the steps that have one.

    Examples
    --------
    >>> import numpy as np
    >>> from sklearn.linear_model import LogisticRegression
    >>> from sklearn.pipeline import make_pipeline
    >>> from sklearn_har.features import StatisticalFeatureExtractor
    >>> from sklearn_har.export._onnx_features import sklearn_pipeline_to_onnx
    >>> rng = np.random.default_rng(0)
    >>> X, y = rng.normal(size=(20, 32, 3)), np.repeat([0, 1], 10)
    >>> pipe = make_pipeline(StatisticalFeatureExtractor(), LogisticRegression())
    >>> model = sklearn_pipeline_to_onnx(pipe.fit(X, y), n_timesteps=32, n_channels=3)
    >>> [o.name for o in model.graph.output]
    ['label', 'probabilities']
    """
    from skl2onnx import convert_sklearn
    from skl2onnx.common.data_types import FloatTensorType

    steps = _flat_steps(estimator)
    if not steps:
        raise TypeError(f"{estimator!r} has no step to export.")
    missing = [(n, s) for n, s in steps if not _has_converter(s)]
    if missing:

        def describe(items):
            return (
                ", ".join(
                    f"{n!r} ({type(s).__name__})" if n else type(s).__name__
                    for n, s in items
                )
                or "none"
            )

        supported = [(n, s) for n, s in steps if _has_converter(s)]
        raise TypeError(
            "Cannot export to ONNX: no ONNX converter for the step(s) "
            f"{describe(missing)}.  Steps with a converter: {describe(supported)}."
        )
    for name, step in steps:
        try:
            check_is_fitted(step)
        except NotFittedError:
            where = f"step {name!r} ({type(step).__name__})" if name else repr(step)
            raise NotFittedError(
                f"Cannot export an unfitted estimator: {where} is not fitted; "
                "call fit first."
            ) from None
    register_converters()
    model = (
        steps[0][1]
        if len(steps) == 1
        else Pipeline(steps=[(f"step{i}", step) for i, (_, step) in enumerate(steps)])
    )
    last = steps[-1][1]
    options = {id(last): {"zipmap": False}} if is_classifier(last) else None
    with warnings.catch_warnings():
        # skl2onnx reads SVC.probA_/probB_, deprecated in scikit-learn 1.9
        warnings.filterwarnings("ignore", message=".*prob[AB]_", category=FutureWarning)
        return convert_sklearn(
            model,
            initial_types=[("X", FloatTensorType([None, n_timesteps, n_channels]))],
            target_opset=target_opset,
            options=options,
        )
