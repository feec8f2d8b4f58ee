"""Noise filters and gravity separation for continuous recordings.

All filters come from :mod:`scipy.signal` / :mod:`scipy.ndimage` and run on
the continuous stream, before windowing, one recording at a time.
"""

from numbers import Integral, Real

import numpy as np
from scipy import ndimage, signal

from ..utils._param_validation import Interval, StrOptions
from ._base import BaseStreamTransformer

__all__ = ["ButterworthFilter", "GravitySeparator", "MedianFilter"]


def butterworth_sos(cutoff, *, btype, order, sampling_rate):
    """Second-order sections of a digital Butterworth filter.

    Raises a ValueError naming the problem when a cut-off is not strictly
    between 0 and the Nyquist frequency.
    """
    nyquist = sampling_rate / 2.0
    try:
        cut = np.atleast_1d(np.asarray(cutoff, dtype=float))
    except (TypeError, ValueError):
        raise TypeError(
            f"cutoff must be a frequency in Hz or a pair of them, got {cutoff!r}."
        ) from None
    if not np.all(np.isfinite(cut)):
        raise ValueError(f"cutoff must be finite frequencies in Hz, got {cutoff!r}.")
    needed = 2 if btype in ("band", "bandstop") else 1
    if cut.size != needed:
        raise ValueError(
            f"btype={btype!r} needs {needed} cut-off frequenc{'ies' if needed == 2 else 'y'}"
            f", got {cut.tolist()}."
        )
    if np.any(cut <= 0) or np.any(cut >= nyquist):
        raise ValueError(
            f"cut-off {cut.tolist()} Hz must lie strictly between 0 and the Nyquist "
            f"frequency {nyquist} Hz (sampling_rate={sampling_rate})."
        )
    if needed == 2 and not cut[0] < cut[1]:
        raise ValueError(f"band edges must be increasing, got {cut.tolist()}.")
    return signal.butter(
        order,
        cut if needed == 2 else cut[0],
        btype=btype,
        fs=sampling_rate,
        output="sos",
    )


def median_filter(x, kernel_size, *, mode="nearest"):
    """Running median of ``x`` (n, c) along time; a kernel of 1 copies ``x``."""
    if kernel_size == 1:
        return x.copy()
    return ndimage.median_filter(x, size=(kernel_size, 1), mode=mode)


def apply_sos(sos, x, *, zero_phase):
    """Filter ``x`` (n, c) along time, zero-phase or causal from a zero state."""
    if zero_phase:
        # sosfiltfilt needs more samples than its edge padding.
        padlen = 3 * (
            2 * len(sos) + 1 - min((sos[:, 2] == 0).sum(), (sos[:, 5] == 0).sum())
        )
        if x.shape[0] <= padlen:
            raise ValueError(
                f"zero-phase filtering needs more than {padlen} samples, the "
                f"recording has {x.shape[0]} (use zero_phase=False or a longer recording)."
            )
        return signal.sosfiltfilt(sos, x, axis=0)
    return signal.sosfilt(sos, x, axis=0)


def sos_chunk(sos, x, zi):
    """Causal filter of a batch ``x`` (s, n, c) from state ``zi`` (s, sections, 2, c).

    Returns the filtered batch and the new state; the chunks of a stream
    filtered one after the other equal one :func:`scipy.signal.sosfilt`
    pass over the whole stream from a zero state.
    """
    y, zf = signal.sosfilt(sos, x, axis=1, zi=np.moveaxis(zi, 1, 0))
    return y, np.moveaxis(zf, 0, 1)


def sos_state(sos, n_streams, n_channels):
    """Zero initial state of :func:`sos_chunk` (a filter started at rest)."""
    return np.zeros((n_streams, len(sos), 2, n_channels))


def median_chunk(x, history, n_seen, kernel_size, mode="nearest"):
    """Running median of a batch of chunks ``x`` (s, n, c), carrying ``history``.

    ``history`` (s, kernel_size - 1, c) holds the last input samples of each
    stream, padded as ``mode`` pads the left edge before the first sample.
    ``n_seen`` is the number of samples the streams have seen (the same for
    every stream when it is below ``kernel_size // 2``).  Returns the output
    samples completed by the chunk (the filter looks ``kernel_size // 2``
    samples ahead, so the first ones of a stream come later) and the new
    history.
    """
    if kernel_size == 1:
        return x, history
    half = kernel_size // 2
    first = n_seen == 0
    if np.any(first):
        history = history.copy()
        history[first] = x[first, :1] if mode == "nearest" else 0.0
    ext = np.concatenate([history, x], axis=1)
    if kernel_size == 3:
        a, b, c = ext[:, :-2], ext[:, 1:-1], ext[:, 2:]
        out = np.maximum(np.minimum(a, b), np.minimum(np.maximum(a, b), c))
    else:
        view = np.lib.stride_tricks.sliding_window_view(ext, kernel_size, axis=1)
        out = np.median(view, axis=-1)
    drop = int(min(x.shape[1], max(0, half - int(np.min(n_seen)))))
    return out[:, drop:], ext[:, -(kernel_size - 1) :].copy()


def _refuse_zero_phase(name, alternative):
    raise ValueError(
        f"{name} filters forward and backward (zero phase): every output sample "
        "depends on the whole recording, so it cannot filter a stream. Use the "
        f"causal {alternative} instead (and fit the model on its output)."
    )


class MedianFilter(BaseStreamTransformer):
    """Running median over time, channel by channel.

    Removes isolated spikes ("salt and pepper" noise) from inertial
    recordings; the UCI HAR pipeline uses a kernel of 3 samples.

    Parameters
    ----------
    kernel_size : int, default=3
        Odd number of samples in the running window.
    mode : {"nearest", "reflect", "mirror", "constant"}, default="nearest"
        How the edges are extended (see :func:`scipy.ndimage.median_filter`);
        ``"constant"`` pads with zeros as MATLAB's ``medfilt1`` does.

    Attributes
    ----------
    n_features_in_ : int
        Number of channels seen in :meth:`fit`.
    feature_names_in_ : ndarray of str
        Channel names, when fitted on a DataFrame.

    See Also
    --------
    ButterworthFilter : Frequency-selective filtering.
    UCIHARPreprocessor : The full UCI HAR stream pipeline.

    Notes
    -----
    Like every filter over time, it cannot pass sklearn's
    ``check_methods_sample_order_invariance`` and
    ``check_methods_subset_invariance`` estimator checks: each output sample
    depends on its neighbours.

    Examples
    --------
    >>> import numpy as np
    >>> from sklearn_har.preprocessing import MedianFilter
    >>> x = np.array([[0.0], [0.0], [9.0], [0.0], [0.0]])
    >>> MedianFilter(kernel_size=3).fit_transform(x).ravel().tolist()
    [0.0, 0.0, 0.0, 0.0, 0.0]
    """

    _parameter_constraints = {
        "kernel_size": [Interval(Integral, 1, None, closed="left")],
        "mode": [StrOptions({"nearest", "reflect", "mirror", "constant"})],
    }

    def __init__(self, kernel_size=3, *, mode="nearest"):
        self.kernel_size = kernel_size
        self.mode = mode

    def _check_params(self):
        if self.kernel_size % 2 == 0:
            raise ValueError(f"kernel_size must be odd, got {self.kernel_size}.")

    def _transform_one(self, x):
        return median_filter(x, self.kernel_size, mode=self.mode)

    def _stream_check(self):
        if self.mode not in ("nearest", "constant") and self.kernel_size > 1:
            raise ValueError(
                f"MedianFilter(mode={self.mode!r}) pads the start of a recording "
                "with later samples and has no streaming form; use "
                "mode='nearest' (the default) or mode='constant'."
            )

    def _stream_delay(self):
        return self.kernel_size // 2

    def _init_state(self, n_streams, n_channels):
        return {"history": np.zeros((n_streams, self.kernel_size - 1, n_channels))}

    def _chunk_step(self, x, state, n_seen):
        out, state["history"] = median_chunk(
            x, state["history"], state["n_seen"], self.kernel_size, self.mode
        )
        return out


class ButterworthFilter(BaseStreamTransformer):
    """Butterworth low-, high- or band-pass filter applied along time.

    Parameters
    ----------
    cutoff : float or tuple of two floats
        Cut-off frequency in Hz; two edges for ``btype="band"`` or
        ``"bandstop"``.
    btype : {"low", "high", "band", "bandstop"}, default="low"
        Filter type.
    order : int, default=3
        Filter order (doubled in effect when ``zero_phase=True``).
    sampling_rate : float, default=50.0
        Sampling rate of the recordings in Hz.
    zero_phase : bool, default=True
        Filter forward and backward (:func:`scipy.signal.sosfiltfilt`), with
        no phase lag; otherwise one causal pass
        (:func:`scipy.signal.sosfilt`) from a zero initial state, as a
        device would filter in real time.

    Attributes
    ----------
    n_features_in_ : int
        Number of channels seen in :meth:`fit`.
    feature_names_in_ : ndarray of str
        Channel names, when fitted on a DataFrame.

    See Also
    --------
    GravitySeparator : Low-pass split of acceleration into body and gravity.

    Notes
    -----
    The filter is designed as second-order sections
    (``scipy.signal.butter(..., output="sos")``), which stay numerically
    stable at the very low normalised cut-offs used for gravity (0.3 Hz at
    50 Hz).  Zero-phase filtering needs recordings longer than the edge
    padding of :func:`scipy.signal.sosfiltfilt`; a shorter one raises a
    ValueError.

    Like every filter over time, it cannot pass sklearn's
    ``check_methods_sample_order_invariance`` and
    ``check_methods_subset_invariance`` estimator checks: each output sample
    depends on its neighbours.

    Examples
    --------
    >>> import numpy as np
    >>> from sklearn_har.preprocessing import ButterworthFilter
    >>> t = np.arange(500) / 50.0
    >>> x = np.c_[np.sin(2 * np.pi * 1 * t) + np.sin(2 * np.pi * 15 * t)]
    >>> low = ButterworthFilter(cutoff=5.0, order=4).fit_transform(x)
    >>> bool(np.abs(low[50:-50, 0] - np.sin(2 * np.pi * t[50:-50])).max() < 0.05)
    True
    """

    _parameter_constraints = {
        "cutoff": [Interval(Real, 0, None, closed="neither"), tuple, list, np.ndarray],
        "btype": [StrOptions({"low", "high", "band", "bandstop"})],
        "order": [Interval(Integral, 1, None, closed="left")],
        "sampling_rate": [Interval(Real, 0, None, closed="neither")],
        "zero_phase": ["boolean"],
    }

    def __init__(
        self, cutoff=20.0, *, btype="low", order=3, sampling_rate=50.0, zero_phase=True
    ):
        self.cutoff = cutoff
        self.btype = btype
        self.order = order
        self.sampling_rate = sampling_rate
        self.zero_phase = zero_phase

    def _sos(self):
        return butterworth_sos(
            self.cutoff,
            btype=self.btype,
            order=self.order,
            sampling_rate=self.sampling_rate,
        )

    def _check_params(self):
        self._sos()

    def _transform_one(self, x):
        return apply_sos(self._sos(), x, zero_phase=self.zero_phase)

    def _stream_check(self):
        if self.zero_phase:
            _refuse_zero_phase(
                "ButterworthFilter(zero_phase=True)",
                "ButterworthFilter(zero_phase=False)",
            )

    def _init_state(self, n_streams, n_channels):
        return {"zi": sos_state(self._sos(), n_streams, n_channels)}

    def _chunk_step(self, x, state, n_seen):
        out, state["zi"] = sos_chunk(self._sos(), x, state["zi"])
        return out


class GravitySeparator(BaseStreamTransformer):
    """Split acceleration into a slow gravity part and the body motion.

    ``gravity`` is the acceleration low-pass filtered at ``cutoff`` (0.3 Hz
    in UCI HAR) and ``body = total - gravity``.

    Parameters
    ----------
    cutoff : float, default=0.3
        Low-pass cut-off in Hz.
    order : int, default=3
        Butterworth order.
    sampling_rate : float, default=50.0
        Sampling rate in Hz.
    zero_phase : bool, default=False
        The UCI HAR data were made with one causal pass from a zero initial
        state (see Notes); ``True`` filters forward and backward instead.
    output : {"body", "gravity", "both"}, default="body"
        What to return: body acceleration, gravity, or both side by side
        (``[body channels..., gravity channels...]``).

    Attributes
    ----------
    n_features_in_ : int
        Number of channels seen in :meth:`fit`.
    feature_names_in_ : ndarray of str
        Channel names, when fitted on a DataFrame.

    See Also
    --------
    UCIHARPreprocessor : Noise filters, then this separation, for acc + gyro.

    Notes
    -----
    Checked against the published UCI HAR Inertial Signals, the gravity of
    that data set is reproduced to about 2e-5 g by a causal third-order
    Butterworth low-pass at 0.3 Hz started from a zero state at the first
    sample of each recording; a zero-phase filter is off by about 1e-2 g.
    The causal lag is also why published body acceleration is not centred.
    The first seconds of every recording carry the filter's start-up
    transient.

    Like every filter over time, it cannot pass sklearn's
    ``check_methods_sample_order_invariance`` and
    ``check_methods_subset_invariance`` estimator checks: each output sample
    depends on its neighbours.

    Examples
    --------
    >>> import numpy as np
    >>> from sklearn_har.preprocessing import GravitySeparator
    >>> x = np.ones((1000, 3)) * [0.0, 0.0, 1.0]
    >>> both = GravitySeparator(output="both").fit_transform(x)
    >>> both.shape
    (1000, 6)
    >>> bool(np.allclose(both[-1], [0, 0, 0, 0, 0, 1], atol=1e-3))
    True
    """

    _parameter_constraints = {
        "cutoff": [Interval(Real, 0, None, closed="neither")],
        "order": [Interval(Integral, 1, None, closed="left")],
        "sampling_rate": [Interval(Real, 0, None, closed="neither")],
        "zero_phase": ["boolean"],
        "output": [StrOptions({"body", "gravity", "both"})],
    }

    def __init__(
        self,
        cutoff=0.3,
        *,
        order=3,
        sampling_rate=50.0,
        zero_phase=False,
        output="body",
    ):
        self.cutoff = cutoff
        self.order = order
        self.sampling_rate = sampling_rate
        self.zero_phase = zero_phase
        self.output = output

    def _sos(self):
        return butterworth_sos(
            self.cutoff, btype="low", order=self.order, sampling_rate=self.sampling_rate
        )

    def _check_params(self):
        self._sos()

    def _transform_one(self, x):
        gravity = apply_sos(self._sos(), x, zero_phase=self.zero_phase)
        return self._split(x, gravity, axis=1)

    def _split(self, x, gravity, axis):
        if self.output == "gravity":
            return gravity
        body = x - gravity
        if self.output == "body":
            return body
        return np.concatenate([body, gravity], axis=axis)

    def _stream_check(self):
        if self.zero_phase:
            _refuse_zero_phase(
                "GravitySeparator(zero_phase=True)",
                "GravitySeparator(zero_phase=False)",
            )

    def _init_state(self, n_streams, n_channels):
        return {"zi": sos_state(self._sos(), n_streams, n_channels)}

    def _chunk_step(self, x, state, n_seen):
        gravity, state["zi"] = sos_chunk(self._sos(), x, state["zi"])
        return self._split(x, gravity, axis=2)

    def _output_names(self, input_features):
        if self.output == "both":
            return np.asarray(
                [f"body_{c}" for c in input_features]
                + [f"gravity_{c}" for c in input_features],
                dtype=object,
            )
        return np.asarray([f"{self.output}_{c}" for c in input_features], dtype=object)
