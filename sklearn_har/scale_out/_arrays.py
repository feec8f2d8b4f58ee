"""Out-of-core arrays: windows, stream filters, features and predictions on dask."""

import numpy as np
from scipy import signal
from sklearn.utils.validation import check_is_fitted

from ..windowing._sliding import _all_windows_view, _regular_starts

__all__ = [
    "filter_array",
    "predict_windows",
    "transform_windows",
    "windows_from_array",
]

# Tail of the impulse response left out by depth="auto", relative to the
# signal's largest magnitude (see filter_array).
AUTO_DEPTH_TOL = 1e-10

# Priority (negated) of the state chain of causal filters, below every task
# that consumes its outputs.
CHAIN_PRIORITY = 100

# Chunks per round trip of the first pass of causal filters (the states at
# the chunk borders): at most this many chunks are in memory during it.
STATE_BATCH = 8


def import_dask():
    """``(dask, dask.array)``, or an ImportError naming the extra."""
    try:
        import dask
        import dask.array as da
    except ImportError as exc:  # pragma: no cover - exercised without dask
        raise ImportError(
            "sklearn_har.scale_out needs Dask: pip install 'sklearn_har[dask]' "
            "(dask[array] and distributed)."
        ) from exc
    return dask, da


def is_dask_collection(obj):
    """Whether ``obj`` is a dask collection (duck-typed, dask not imported)."""
    return hasattr(obj, "__dask_graph__") and callable(obj.__dask_graph__)


def _as_time_chunked(x, da, ndim=2):
    """A dask array ``(n, c)`` with one chunk along the channel axis."""
    if not is_dask_collection(x):
        x = da.from_array(np.asarray(x), chunks=(-1,) * np.ndim(x))
    if x.ndim != ndim:
        raise ValueError(
            f"Expected a {ndim}-D dask array, got shape {x.shape} ({x.ndim}-D)."
        )
    if any(np.isnan(s) for s in x.shape):
        raise ValueError(
            "The dask array has unknown chunk sizes; call x.compute_chunk_sizes() "
            "first."
        )
    return x.rechunk({axis: -1 for axis in range(1, ndim)})


def _chunk_edges(chunks):
    return np.concatenate([[0], np.cumsum(chunks)]).astype(np.int64)


def _single_block(da_array):
    """The one Delayed block of ``da_array`` after merging its time chunks."""
    return da_array.rechunk(-1).to_delayed().ravel()[0]


def _window_block(piece, window_size, step, n_windows):
    # C order, as in memory: the features' float reductions follow the layout
    piece = np.ascontiguousarray(piece)
    return _all_windows_view(piece, window_size)[::step][:n_windows]


def windows_from_array(x, window_size=128, step=64):
    """Cut a time-chunked dask recording into a lazy dask array of windows.

    The out-of-core form of
    :meth:`SlidingWindowTransformer.transform
    <sklearn_har.windowing.SlidingWindowTransformer.transform>`: the windows
    start at ``0, step, 2 * step, ...`` of the whole recording, whatever its
    chunks.  Each output block holds the windows that *start* in one time
    chunk; it reads that chunk plus the first ``window_size - 1`` samples
    after it (an explicit overlap, ``x[first_start:last_start +
    window_size]``), so the windows that straddle a chunk border are exact.

    Parameters
    ----------
    x : dask.array.Array of shape (n_samples, n_channels)
        One recording, chunked along time (any chunk sizes; a numpy array is
        taken as one chunk).  The channel axis is merged into one chunk.
    window_size : int, default=128
        Samples per window.
    step : int, default=64
        Samples between consecutive window starts.

    Returns
    -------
    windows : dask.array.Array of shape (n_windows, window_size, n_channels)
        Lazy windows, one block per time chunk in which a window starts
        (each a strided view of a C-ordered copy of its chunk plus the overlap).
        Equal to ``SlidingWindowTransformer(window_size, step).fit_transform(
        x.compute())``.

    Examples
    --------
    >>> import dask.array as da
    >>> import numpy as np
    >>> from sklearn_har.scale_out import windows_from_array
    >>> x = da.from_array(np.arange(40.0).reshape(20, 2), chunks=(7, 2))
    >>> w = windows_from_array(x, window_size=4, step=3)
    >>> w.shape, w.chunks[0]
    ((6, 4, 2), (3, 2, 1))
    >>> w[2, :, 0].compute().tolist()  # samples 6-9: straddles the border at 7
    [12.0, 14.0, 16.0, 18.0]
    """
    dask, da = import_dask()
    window_size, step = int(window_size), int(step)
    if window_size < 1 or step < 1:
        raise ValueError(
            f"window_size and step must be positive, got {window_size}, {step}."
        )
    x = _as_time_chunked(x, da)
    n, c = x.shape
    if n < window_size:
        raise ValueError(
            f"The recording has {n} samples, shorter than one window "
            f"(window_size={window_size})."
        )
    starts = _regular_starts(n, window_size, step)
    edges = _chunk_edges(x.chunks[0])
    first = np.searchsorted(starts, edges)  # first window starting in each chunk
    meta = np.empty((0, window_size, c), dtype=x.dtype)
    blocks = []
    for k in range(len(edges) - 1):
        i, j = first[k], first[k + 1]
        if j == i:
            continue
        lo, hi = int(starts[i]), int(starts[j - 1]) + window_size
        piece = _single_block(x[lo:hi])
        block = dask.delayed(_window_block, pure=True)(piece, window_size, step, j - i)
        blocks.append(
            da.from_delayed(
                block, shape=(j - i, window_size, c), dtype=x.dtype, meta=meta
            )
        )
    return da.concatenate(blocks, axis=0)


def _apply(block, estimator, method):
    return getattr(estimator, method)(block)


def _output_shape(estimator, method, windows):
    """Trailing shape and dtype of ``method``'s output, without computing all."""
    if method == "transform" and hasattr(estimator, "get_feature_names_out"):
        try:
            return (len(estimator.get_feature_names_out()),), np.dtype(np.float64)
        except (AttributeError, TypeError, ValueError):
            pass  # no names for this input: probe one window below instead
    classes = getattr(estimator, "classes_", None)
    if method == "predict" and classes is not None:
        return (), np.asarray(classes).dtype
    if method == "predict_proba" and classes is not None:
        return (len(classes),), np.dtype(np.float64)
    # fall back on one window (reads the first chunk only)
    probe = np.asarray(getattr(estimator, method)(windows[:1].compute()))
    return probe.shape[1:], probe.dtype


def _map_windows(estimator, windows, method):
    dask, da = import_dask()
    check_is_fitted(estimator)
    windows = _as_time_chunked(windows, da, ndim=windows.ndim)
    trailing, dtype = _output_shape(estimator, method, windows)
    shipped = dask.delayed(estimator, pure=True)  # one key: sent once per worker
    return da.map_blocks(
        _apply,
        windows,
        shipped,
        method,
        drop_axis=list(range(1 + len(trailing), windows.ndim)) or None,
        chunks=(windows.chunks[0], *[(s,) for s in trailing]),
        dtype=dtype,
        meta=np.empty((0,) * (1 + len(trailing)), dtype=dtype),
    )


def transform_windows(estimator, windows):
    """Apply a fitted transformer to a dask array of windows, block by block.

    Parameters
    ----------
    estimator : fitted transformer
        For example a fitted
        :class:`~sklearn_har.features.UCIHARFeatureExtractor` or
        :class:`~sklearn_har.features.StatisticalFeatureExtractor` (their
        ``transform`` also accepts a dask array and calls this function).
    windows : dask.array.Array of shape (n_windows, window_size, n_channels)
        Lazy windows, e.g. from :func:`windows_from_array`.  The window and
        channel axes are merged into one chunk; the window axis keeps its
        chunks.

    Returns
    -------
    features : dask.array.Array of shape (n_windows, n_features_out)
        Lazy; block ``k`` is ``estimator.transform`` of window block ``k``,
        so the result equals the in-memory transform of all windows.  The
        feature axis is one chunk.  The estimator enters the graph as one
        key, shipped to each worker once.

    Examples
    --------
    >>> import dask.array as da
    >>> import numpy as np
    >>> from sklearn_har.features import StatisticalFeatureExtractor
    >>> from sklearn_har.scale_out import transform_windows
    >>> X = np.random.default_rng(0).normal(size=(10, 16, 3))
    >>> ext = StatisticalFeatureExtractor().fit(X)
    >>> F = transform_windows(ext, da.from_array(X, chunks=(4, 16, 3)))
    >>> F.shape, F.chunks
    ((10, 12), ((4, 4, 2), (12,)))
    >>> bool(np.array_equal(F.compute(), ext.transform(X)))
    True
    """
    return _map_windows(estimator, windows, "transform")


def predict_windows(estimator, windows, *, method="predict"):
    """Predict over a dask array of windows (or features), block by block.

    Parameters
    ----------
    estimator : fitted estimator
        A fitted classifier or pipeline (e.g. 561 features + scaler + SVM
        from :func:`~sklearn_har.pipeline.make_svm_pipeline`, or a deep
        model).  It enters the graph as one key and is shipped to each
        worker once, not with every block.
    windows : dask.array.Array of shape (n_windows, ...)
        Lazy windows ``(n_windows, window_size, n_channels)`` or features
        ``(n_windows, n_features)``, chunked along the first axis only.
    method : {"predict", "predict_proba", "decision_function"}, default="predict"
        The method to call on each block.

    Returns
    -------
    y : dask.array.Array of shape (n_windows,) or (n_windows, n_outputs)
        Lazy predictions, equal to ``getattr(estimator, method)`` of all
        windows in memory.

    Examples
    --------
    >>> import dask.array as da
    >>> import numpy as np
    >>> from sklearn.pipeline import make_pipeline
    >>> from sklearn.linear_model import LogisticRegression
    >>> from sklearn_har.features import StatisticalFeatureExtractor
    >>> from sklearn_har.scale_out import predict_windows
    >>> rng = np.random.default_rng(0)
    >>> X, y = rng.normal(size=(40, 16, 3)), np.arange(40) % 2
    >>> model = make_pipeline(StatisticalFeatureExtractor(), LogisticRegression())
    >>> model = model.fit(X, y)
    >>> pred = predict_windows(model, da.from_array(X, chunks=(16, 16, 3)))
    >>> bool(np.array_equal(pred.compute(), model.predict(X)))
    True
    """
    if method not in {"predict", "predict_proba", "decision_function"}:
        raise ValueError(
            "method must be 'predict', 'predict_proba' or 'decision_function', "
            f"got {method!r}."
        )
    return _map_windows(estimator, windows, method)


# -- stream filters --------------------------------------------------------------


def _is_causal(transformer):
    try:
        transformer.stream_delay()
    except (TypeError, ValueError):
        return False
    return True


def _stream_step(transformer, chunk, state):
    """The state after ``chunk`` (a link of the sequential chain)."""
    if state is None:
        state = transformer.init_stream()
    return transformer.transform_chunk(np.asarray(chunk), state)[1]


def _stream_output(transformer, chunk, state, dtype):
    """The output of ``chunk`` given the state before it (independent task)."""
    if state is None:
        state = transformer.init_stream()
    out = transformer.transform_chunk(np.asarray(chunk), state)[0]
    return out.astype(dtype, copy=False)


def _filter_piece(transformer, piece, a, b):
    return transformer.transform(np.asarray(piece))[a:b]


def _compute_states(dask, transformer, parts, batch=STATE_BATCH):
    """The filter state before each chunk, computed now (first pass).

    A sequential chain that holds only states: ``batch`` chunks at a time are
    read, advance the state and are dropped, so at most ``batch`` chunks are
    in memory whatever the recording's length.  Runs on the current
    scheduler (a ``distributed`` client when one exists).
    """
    shipped = dask.delayed(transformer, pure=True)
    starts = [None]
    state = None
    for lo in range(0, len(parts) - 1, batch):
        chain = []
        for part in parts[lo : min(lo + batch, len(parts) - 1)]:
            state = dask.delayed(_stream_step, pure=True)(shipped, part, state)
            chain.append(state)
        (values,) = dask.compute(chain)
        starts.extend(values)
        state = values[-1]
    return starts


def _lazy_states(dask, shipped, parts):
    """The filter state before each chunk, as a lazy chain in the same graph."""
    starts = [None]
    state = None
    for part in parts[:-1]:
        # lowest priority: the cheap chain must not run ahead of the work on
        # its outputs (the chunk reads would still run ahead, see filter_array)
        with dask.annotate(priority=-CHAIN_PRIORITY):
            state = dask.delayed(_stream_step, pure=True)(shipped, part, state)
        starts.append(state)
    return starts


def auto_depth(transformer, tol=AUTO_DEPTH_TOL):
    """Overlap (samples) after which the filter's impulse response is below ``tol``.

    For transformers with a Butterworth ``_sos()``: the smallest ``N`` with
    ``sum(|h[N:]|) <= tol``, ``h`` the impulse response of one pass.
    """
    if not hasattr(transformer, "_sos"):
        raise ValueError(
            f"depth='auto' needs a Butterworth filter; give {type(transformer).__name__} "
            "an explicit depth in samples."
        )
    sos = transformer._sos()
    length = 1024
    while True:
        impulse = np.zeros(length)
        impulse[0] = 1.0
        tail = np.cumsum(np.abs(signal.sosfilt(sos, impulse))[::-1])[::-1]
        below = np.flatnonzero(tail <= tol)
        if below.size:
            return int(below[0])
        length *= 4


def filter_array(transformer, x, *, depth="auto", states="compute"):
    """Run a fitted stream filter over a time-chunked dask recording.

    Two strategies, chosen by the filter:

    * **Causal filters** (those with a stream form: ``MedianFilter``,
      ``ButterworthFilter(zero_phase=False)``,
      ``GravitySeparator(zero_phase=False)``,
      ``UCIHARPreprocessor(mode="published")``, ...) run **sequentially**
      along time: one task per chunk, each calling
      :meth:`transform_chunk <sklearn_har.preprocessing.MedianFilter.transform_chunk>`
      with the state returned by the task of the previous chunk.  The result
      is bit-identical to ``transform`` of the whole recording, except that,
      like a live stream, it stops ``stream_delay()`` samples before the end
      (a median filter cannot finish its last ``kernel_size // 2`` samples
      without the recording's end).  With ``states="compute"`` (default)
      this takes two passes.  The first, run when ``filter_array`` is
      called, computes the small filter state at every chunk border: a
      sequential chain that reads a chunk, advances the state and drops the
      chunk, ``STATE_BATCH`` (8) chunks per round trip to the scheduler, so
      it holds at most 8 chunks and the states.  The returned array is the
      second pass: the output of each chunk is one task from its chunk and
      its (already known) start state, independent of every other chunk, so
      the work that follows (windows, features) runs in parallel and no
      chunk waits in memory for a chain: the memory per worker is a few
      chunks, whatever the recording's length.  Each chunk is read and
      filtered twice (the filter is cheap next to the features).
      ``states="lazy"`` keeps the chain in the returned graph instead
      (nothing computed at call time, one pass), at the price of memory:
      chunk reads can run ahead of the chain and wait, so the memory grows
      with the recording.
    * **Zero-phase filters** (``zero_phase=True``, ``mode="zero_phase"``) are
      not causal: chunk ``[a, b)`` is filtered together with ``depth``
      samples on each side, ``x[a - depth : b + depth]``, and trimmed back
      to ``[a, b)``.  Chunks are independent (parallel).  At the recording's
      two ends nothing changes (the same edge padding as in memory); at an
      inner chunk border the result differs from the in-memory filter by
      the part of the filter's response that lies beyond ``depth``
      samples.  ``depth="auto"`` picks the smallest overlap for which the
      sum of the absolute one-pass impulse response beyond it is at most
      ``1e-10``, so the error is below about ``2e-10 * max|x|`` (two passes);
      about 30 samples for a 20 Hz low-pass at 50 Hz, about 1,400 for the
      0.3 Hz gravity filter.

    Parameters
    ----------
    transformer : fitted stream transformer
        A fitted filter of :mod:`sklearn_har.preprocessing`.
    x : dask.array.Array of shape (n_samples, n_channels)
        One recording, chunked along time.
    depth : int or "auto", default="auto"
        Overlap in samples for the zero-phase strategy (ignored for causal
        filters).  ``"auto"`` needs a Butterworth filter
        (``ButterworthFilter``, ``GravitySeparator``); give an integer for
        the others.
    states : {"compute", "lazy"}, default="compute"
        For causal filters: compute the states at the chunk borders now (a
        first pass over ``x``, on the current scheduler or ``distributed``
        client; bounded memory), or keep their sequential chain in the lazy
        graph (``"lazy"``).  Ignored for zero-phase filters.

    Returns
    -------
    xt : dask.array.Array of shape (n_out, n_channels_out)
        The filtered recording, with the chunks of ``x``.  ``n_out`` is
        ``n_samples - transformer.stream_delay()`` for causal filters and
        ``n_samples`` for zero-phase ones.

    Examples
    --------
    >>> import dask.array as da
    >>> import numpy as np
    >>> from sklearn_har.preprocessing import ButterworthFilter
    >>> from sklearn_har.scale_out import filter_array
    >>> x = np.random.default_rng(0).normal(size=(1000, 3))
    >>> lowpass = ButterworthFilter(cutoff=5.0, zero_phase=False).fit(x)
    >>> xt = filter_array(lowpass, da.from_array(x, chunks=(333, 3)))
    >>> bool(np.array_equal(xt.compute(), lowpass.transform(x)))
    True
    """
    dask, da = import_dask()
    check_is_fitted(transformer)
    x = _as_time_chunked(x, da)
    n = x.shape[0]
    n_out_channels = len(transformer.get_feature_names_out())
    dtype = x.dtype if x.dtype.kind == "f" else np.dtype(np.float64)
    meta = np.empty((0, n_out_channels), dtype=dtype)
    edges = _chunk_edges(x.chunks[0])
    shipped = dask.delayed(transformer, pure=True)
    blocks = []
    if _is_causal(transformer):
        if states not in {"compute", "lazy"}:
            raise ValueError(f"states must be 'compute' or 'lazy', got {states!r}.")
        delay = transformer.stream_delay()
        parts = x.to_delayed().ravel()
        if states == "compute":
            starts = _compute_states(dask, transformer, parts)
        else:
            starts = _lazy_states(dask, shipped, parts)
        for k, part in enumerate(parts):
            n_k = max(0, int(edges[k + 1]) - delay) - max(0, int(edges[k]) - delay)
            if n_k:
                out = dask.delayed(_stream_output, pure=True)(
                    shipped, part, starts[k], dtype
                )
                blocks.append(
                    da.from_delayed(
                        out, shape=(n_k, n_out_channels), dtype=dtype, meta=meta
                    )
                )
        if not blocks:
            return da.zeros((0, n_out_channels), dtype=dtype)
        return da.concatenate(blocks, axis=0)
    if depth == "auto":
        depth = auto_depth(transformer)
    depth = int(depth)
    if depth < 0:
        raise ValueError(f"depth must be >= 0, got {depth}.")
    for k in range(len(edges) - 1):
        a, b = int(edges[k]), int(edges[k + 1])
        lo, hi = max(0, a - depth), min(n, b + depth)
        piece = _single_block(x[lo:hi])
        out = dask.delayed(_filter_piece, pure=True)(shipped, piece, a - lo, b - lo)
        blocks.append(
            da.from_delayed(out, shape=(b - a, n_out_channels), dtype=dtype, meta=meta)
        )
    return da.concatenate(blocks, axis=0)
