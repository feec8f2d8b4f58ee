"""Window predictions on live streams, fed chunk by chunk."""

import sys
from collections.abc import Mapping
from numbers import Integral

import numpy as np
from sklearn.pipeline import Pipeline
from sklearn.utils import Bunch
from sklearn.utils.validation import check_is_fitted

from ..preprocessing._base import BaseStreamTransformer
from ..utils._param_validation import (
    HasMethods,
    Interval,
    validate_parameter_constraints,
)
from ..windowing import WindowedClassifier

__all__ = ["StreamPredictor"]

_ALL = object()  # reset(): every stream


def _argmax_is_predict(estimator):
    """Whether ``predict`` is the argmax of ``predict_proba`` by definition."""
    deep = sys.modules.get("sklearn_har.deep._base")
    return deep is not None and isinstance(estimator, deep.BaseDeepClassifier)


class StreamPredictor:
    """Predict the windows of live sensor streams, fed in chunks of any size.

    Built from a fitted :class:`~sklearn_har.windowing.WindowedClassifier`
    (its windows, stream preprocessing and window estimator), or from a
    fitted windows -> label estimator with its ``window_size``, ``step`` and
    stream ``preprocessor``.  :meth:`update` takes the next samples of one
    stream, or of many streams keyed by an id, and returns the prediction
    of every window that the new samples complete.  The windows of all the
    streams completed by one call go to the estimator in one batch.

    Parameters
    ----------
    estimator : WindowedClassifier or estimator
        A fitted :class:`~sklearn_har.windowing.WindowedClassifier`, or a
        fitted estimator (typically a :class:`~sklearn.pipeline.Pipeline`)
        whose ``predict`` takes windows ``(n_windows, window_size,
        n_channels)``.
    window_size : int, default=None
        Samples per window.  Required with a windows estimator; must be
        None with a WindowedClassifier (whose ``windows_`` gives it).
    step : int, default=None
        Samples between the starts of consecutive windows; as
        ``window_size``.
    preprocessor : BaseStreamTransformer or None, default=None
        A fitted causal stream transformer (for example
        ``UCIHARPreprocessor()``, ``ButterworthFilter(zero_phase=False)``,
        ``MedianFilter()``, ``GravitySeparator()``) applied to the streams
        before windowing, with a windows estimator; None with a
        WindowedClassifier (whose ``preprocessor_`` is used).
    per_sample : bool, default=False
        Also return per-sample labels (``sample_labels``), with the rule of
        :meth:`WindowedClassifier.predict` (see Notes).

    Attributes
    ----------
    estimator_ : estimator
        The fitted windows estimator.
    preprocessor_ : BaseStreamTransformer or None
        The fitted stream preprocessing.
    window_size_, step_ : int
        The window grid.
    delay_ : int
        Samples by which the preprocessing lags the input (a median filter
        of ``k`` samples looks ``k // 2`` ahead): a window ending at sample
        ``stop`` is complete once sample ``stop - 1 + delay_`` has arrived.
    classes_ : ndarray of shape (n_classes,)
        Classes of the estimator.
    n_channels_ : int or None
        Channels of the input streams (None until the first chunk when
        neither the preprocessor nor the estimator records it).

    See Also
    --------
    sklearn_har.windowing.WindowedClassifier : The offline classifier.
    sklearn_har.preprocessing.BaseStreamTransformer.transform_chunk : The
        stateful filters underneath.

    Notes
    -----
    **Exactness.**  The streams are filtered with the transformers' chunk API
    (``scipy.signal.sosfilt`` with its state ``zi``, a median filter that
    keeps its last ``k - 1`` samples), so the filtered stream is the
    offline ``preprocessor.transform`` of the whole recording, and window
    ``j`` of a stream covers samples ``[j * step, j * step + window_size)``
    of it, as :class:`~sklearn_har.windowing.SlidingWindowTransformer` cuts
    them offline.  Labels and probabilities therefore equal the offline
    ``estimator.predict`` / ``predict_proba`` of those windows, whatever the
    chunk sizes.  The only exception is the end of an offline recording:
    there the median filter pads the last ``delay_`` samples with the edge,
    while a stream waits for the samples that follow; a stream returns a
    window only once all the samples it depends on have arrived, so compare
    the windows the stream has completed.  Nothing is flushed at the end
    of a stream: a window is only predicted when complete.

    **State.**  Per stream: the preprocessing state, a bounded buffer of the
    last ``window_size - 1`` filtered samples, the number of samples seen
    and (with ``per_sample``) the scores of the last
    ``ceil(window_size / step) - 1`` windows.  Memory is bounded whatever
    the length of the stream.  States live in arrays with one row per
    stream, so that streams fed chunks of the same length in one call are
    filtered and windowed together (a stream still within its first
    ``delay_`` samples is batched with streams at the same count).

    **Per-sample labels** (``per_sample=True``).  When window ``j`` (start
    ``s = j * step``) completes, the samples ``s, ..., s + step - 1``
    receive their final label: the class with the largest sum of
    ``predict_proba`` over the windows covering the sample (the windows
    starting after ``sample - window_size``), or the majority vote of their
    predictions when the estimator has no ``predict_proba``; samples in a
    gap (``step > window_size``) take window ``j``.  This is the rule of
    :meth:`WindowedClassifier.predict`, so the streamed per-sample labels
    equal the offline ones, except the samples after the last complete
    window's block, which a stream labels later (offline gives them the
    last window).

    **Bad input** raises a ValueError and leaves the state of every stream
    untouched (no stream of that call is updated): a chunk that is not 2-D,
    has a channel count other than the fitted one, or contains NaN or
    infinity (the error names the stream).  Skip or impute missing samples
    before :meth:`update`.

    Examples
    --------
    >>> import numpy as np
    >>> from sklearn.linear_model import LogisticRegression
    >>> from sklearn.pipeline import make_pipeline
    >>> from sklearn_har.features import StatisticalFeatureExtractor
    >>> from sklearn_har.preprocessing import ButterworthFilter
    >>> from sklearn_har.streaming import StreamPredictor
    >>> from sklearn_har.windowing import SlidingWindowTransformer, WindowedClassifier
    >>> rng = np.random.default_rng(0)
    >>> y = np.repeat([1, 2, 1, 2], 100)
    >>> X = rng.normal(size=(400, 3)) * np.where(y == 2, 3.0, 1.0)[:, None]
    >>> clf = WindowedClassifier(
    ...     SlidingWindowTransformer(window_size=20, step=10),
    ...     make_pipeline(StatisticalFeatureExtractor(), LogisticRegression()),
    ...     preprocessor=ButterworthFilter(10.0, zero_phase=False),
    ... ).fit([X], [y])
    >>> stream = StreamPredictor(clf)
    >>> out = stream.update(X[:45])  # one stream: windows [0, 20), [10, 30), [20, 40)
    >>> out.stop.tolist(), out.proba.shape
    ([20, 30, 40], (3, 2))
    >>> more = stream.update(X[45:50])
    >>> more.start.tolist(), more.stop.tolist()
    ([30], [50])
    >>> offline, _ = clf.predict_windows(X[:50])
    >>> bool(np.array_equal(np.r_[out.label, more.label], offline))
    True

    Many streams, keyed by id, in one call:

    >>> many = StreamPredictor(clf)
    >>> out = many.update({"watch-1": X[:30], "watch-2": X[100:125]})
    >>> out.stream.tolist(), out.stop.tolist()
    (['watch-1', 'watch-1', 'watch-2'], [20, 30, 20])
    >>> many.reset("watch-1")
    >>> sorted(many.stream_ids_)
    ['watch-2']
    """

    _parameter_constraints = {
        "estimator": [HasMethods(["predict"])],
        "window_size": [Interval(Integral, 1, None, closed="left"), None],
        "step": [Interval(Integral, 1, None, closed="left"), None],
        "preprocessor": [HasMethods(["init_stream", "transform_chunk"]), None],
        "per_sample": ["boolean"],
    }

    def __init__(
        self,
        estimator,
        *,
        window_size=None,
        step=None,
        preprocessor=None,
        per_sample=False,
    ):
        self.estimator = estimator
        self.window_size = window_size
        self.step = step
        self.preprocessor = preprocessor
        self.per_sample = per_sample
        self._setup()

    # -- construction ------------------------------------------------------

    def _setup(self):
        validate_parameter_constraints(
            self._parameter_constraints,
            {
                "estimator": self.estimator,
                "window_size": self.window_size,
                "step": self.step,
                "preprocessor": self.preprocessor,
                "per_sample": self.per_sample,
            },
            type(self).__name__,
        )
        if isinstance(self.estimator, WindowedClassifier):
            check_is_fitted(self.estimator)
            given = [
                name
                for name in ("window_size", "step", "preprocessor")
                if getattr(self, name) is not None
            ]
            if given:
                raise ValueError(
                    f"{', '.join(given)} must be None with a WindowedClassifier: "
                    "its fitted windows_ and preprocessor_ are used."
                )
            self.estimator_ = self.estimator.estimator_
            self.window_size_ = int(self.estimator.windows_.window_size)
            self.step_ = int(self.estimator.windows_.step)
            pre = self.estimator.preprocessor_
            n_channels = self.estimator.n_features_in_
        else:
            missing = [n for n in ("window_size", "step") if getattr(self, n) is None]
            if missing:
                raise ValueError(
                    f"{' and '.join(missing)} must be given with a windows estimator "
                    f"({type(self.estimator).__name__}); they are the window grid the "
                    "estimator was fitted on."
                )
            check_is_fitted(self.estimator)
            self.estimator_ = self.estimator
            self.window_size_ = int(self.window_size)
            self.step_ = int(self.step)
            pre = self.preprocessor
            n_channels = None
        if pre is not None:
            if not isinstance(pre, BaseStreamTransformer):
                raise TypeError(
                    f"The stream preprocessing must be a causal stream transformer "
                    "of sklearn_har.preprocessing (MedianFilter, ButterworthFilter, "
                    "GravitySeparator, UCIHARPreprocessor) with a chunk API, got "
                    f"{type(pre).__name__}."
                )
            check_is_fitted(pre)
            self.delay_ = pre.stream_delay()  # raises for zero-phase filters
            n_channels = pre.n_features_in_
        else:
            self.delay_ = 0
        self.preprocessor_ = pre
        self.n_channels_ = n_channels
        self.classes_ = np.asarray(self.estimator_.classes_)
        final = self.estimator_
        self._head = None
        if isinstance(final, Pipeline):
            self._head, final = final[:-1], final[-1]
        self._final = final
        self._has_proba = hasattr(final, "predict_proba")
        self._labels_from_proba = self._has_proba and _argmax_is_predict(final)
        self._n_back = -(-self.window_size_ // self.step_)  # windows covering a sample
        self.reset()

    # -- state -------------------------------------------------------------

    def reset(self, stream_id=_ALL):
        """Forget one stream, or every stream.

        Parameters
        ----------
        stream_id : hashable, optional
            The stream to forget (``None`` is the stream of the array form of
            :meth:`update`); the next chunk with this id starts a new stream
            at sample 0.  Without it, every stream is forgotten.

        Raises
        ------
        ValueError
            When ``stream_id`` is not a known stream (nothing is reset).
        """
        if stream_id is _ALL:
            self._slots = {}
            self._free = []
            self._capacity = 0
            self._n_in = np.zeros(0, dtype=np.int64)
            self._pre_state = None
            self._tail = None
            self._ring = None
            return
        if stream_id not in self._slots:
            known = list(self._slots)[:10]
            raise ValueError(
                f"Unknown stream id {stream_id!r}; the known streams are {known}"
                f"{' ...' if len(self._slots) > 10 else ''}."
            )
        slot = self._slots.pop(stream_id)
        self._clear(np.array([slot]))
        self._free.append(slot)

    @property
    def stream_ids_(self):
        """Ids of the streams seen since the last reset, in order of arrival."""
        return list(self._slots)

    def n_samples_seen(self, stream_id=None):
        """Number of samples fed to a stream so far.

        Parameters
        ----------
        stream_id : hashable, default=None
            The stream (``None``: the stream of the array form).

        Returns
        -------
        n : int
        """
        if stream_id not in self._slots:
            raise ValueError(f"Unknown stream id {stream_id!r}.")
        return int(self._n_in[self._slots[stream_id]])

    def _clear(self, slots):
        self._n_in[slots] = 0
        if self._pre_state is not None:
            fresh = self.preprocessor_.init_stream(len(slots))
            for key, value in fresh.items():
                self._pre_state[key][slots] = value
        self._tail[slots] = 0.0
        if self._ring is not None:
            self._ring[slots] = 0.0

    def _grow(self, needed, n_out_channels):
        cap = max(needed, 2 * self._capacity, 16)
        old = self._capacity

        def grow(arr, shape):
            new = np.zeros((cap, *shape))
            if arr is not None:
                new[:old] = arr
            return new

        n_in = np.zeros(cap, dtype=np.int64)
        n_in[:old] = self._n_in
        self._n_in = n_in
        if self.preprocessor_ is not None:
            fresh = self.preprocessor_.init_stream(cap)
            if self._pre_state is not None:
                for key in fresh:
                    fresh[key][:old] = self._pre_state[key]
            self._pre_state = fresh
        self._tail = grow(self._tail, (self.window_size_ - 1, n_out_channels))
        if self.per_sample:
            self._ring = grow(self._ring, (self._n_back - 1, len(self.classes_)))
        self._capacity = cap

    # -- input -------------------------------------------------------------

    def _check_chunk(self, stream_id, chunk):
        where = (
            "the chunk" if stream_id is None else f"the chunk of stream {stream_id!r}"
        )
        try:
            x = np.asarray(chunk, dtype=np.float64)
        except (TypeError, ValueError) as exc:
            raise ValueError(f"{where} is not numeric: {exc}") from None
        if x.ndim != 2:
            raise ValueError(
                f"{where} must be 2-D (n_samples, n_channels), got shape {x.shape}; "
                "reshape one sample to (1, n_channels)."
            )
        if self.n_channels_ is not None and x.shape[1] != self.n_channels_:
            raise ValueError(
                f"{where} has {x.shape[1]} channels, but the stream predictor was "
                f"fitted on {self.n_channels_}."
            )
        return x

    # -- prediction --------------------------------------------------------

    def update(self, X):
        """Feed the next samples and predict the windows they complete.

        Parameters
        ----------
        X : array-like of shape (n_samples, n_channels) or dict
            The next samples of one stream (its id is ``None``), or a dict
            ``{stream_id: chunk}`` with the next samples of several streams;
            a new id starts a new stream.  A chunk may hold any number of
            samples, zero included.

        Returns
        -------
        result : Bunch
            One row per window completed by this call, stream by stream (in
            the order of ``X``), then in time:

            - ``stream`` : ndarray of object, the stream id;
            - ``start`` : ndarray of int, the index of the window's first
              sample in its stream (counted from 0 since the stream began or
              was reset);
            - ``stop`` : ndarray of int, one past the window's last sample
              (``start + window_size``);
            - ``label`` : ndarray, the estimator's ``predict``;
            - ``proba`` : ndarray of shape (n_windows, n_classes), the
              estimator's ``predict_proba`` (columns follow ``classes_``),
              or None when it has none;
            - ``sample_labels`` : ndarray of shape (n_windows, step), only
              with ``per_sample=True``: the final labels of samples
              ``start ... start + step - 1`` (see Notes).

        Raises
        ------
        ValueError
            For a chunk that is not 2-D, has the wrong channel count, or
            contains NaN or infinity; no stream's state changes.
        """
        if isinstance(X, Mapping):
            items = list(X.items())
        else:
            items = [(None, X)]
        n_channels = self.n_channels_
        chunks = []
        for stream_id, chunk in items:
            x = self._check_chunk(stream_id, chunk)
            if n_channels is None:
                n_channels = x.shape[1]
            elif x.shape[1] != n_channels:
                raise ValueError(
                    f"The chunk of stream {stream_id!r} has {x.shape[1]} channels, "
                    f"the other chunks {n_channels}."
                )
            chunks.append(x)
        # group the streams that can be filtered and windowed together
        groups = {}
        for order, ((stream_id, _), x) in enumerate(zip(items, chunks, strict=True)):
            if x.shape[0] == 0:
                continue
            slot = self._slots.get(stream_id)
            seen = 0 if slot is None else int(self._n_in[slot])
            key = (x.shape[0], seen if seen < self.delay_ else -1)
            groups.setdefault(key, []).append(order)
        batches = []
        for orders in groups.values():
            x = (
                np.stack([chunks[o] for o in orders])
                if len(orders) > 1
                else chunks[orders[0]][None]
            )
            if not np.isfinite(x).all():
                bad = [items[o][0] for o in orders if not np.isfinite(chunks[o]).all()]
                raise ValueError(
                    f"The chunk of stream {bad[0]!r} contains NaN or infinity; no "
                    "stream was updated. Skip or impute missing samples first."
                )
            batches.append((orders, x))
        if self.n_channels_ is None and n_channels is not None:
            self.n_channels_ = n_channels
        # every check passed: register new streams, then update
        new = [items[o][0] for orders, _ in batches for o in orders]
        new = [s for s in new if s not in self._slots]
        if new:
            self._register(new)
        pieces = [self._advance(orders, x, items) for orders, x in batches]
        return self._predict(pieces)

    def _register(self, ids):
        while self._free and ids:
            self._slots[ids.pop(0)] = self._free.pop()
        if not ids:
            return
        first = len(self._slots) + len(self._free)
        needed = first + len(ids)
        if needed > self._capacity:
            n_out = self._n_out_channels()
            self._grow(needed, n_out)
        for k, stream_id in enumerate(ids):
            self._slots[stream_id] = first + k

    def _n_out_channels(self):
        if self._tail is not None:
            return self._tail.shape[2]
        if self.preprocessor_ is None:
            return self.n_channels_
        return len(self.preprocessor_.get_feature_names_out())

    def _advance(self, orders, x, items):
        """Filter one batch of equal chunks and cut the windows they complete."""
        w, step = self.window_size_, self.step_
        slots = np.array([self._slots[items[o][0]] for o in orders])
        n_in = self._n_in[slots]
        if self.preprocessor_ is not None:
            state = {k: v[slots] for k, v in self._pre_state.items()}
            out, state = self.preprocessor_.transform_chunk(x, state)
            for key, value in state.items():
                self._pre_state[key][slots] = value
        else:
            out = x
        self._n_in[slots] = n_in + x.shape[1]
        done = np.maximum(n_in - self.delay_, 0)  # filtered samples before
        total = done + out.shape[1]
        ext = np.concatenate([self._tail[slots], out], axis=1)
        if w > 1:
            self._tail[slots] = ext[:, ext.shape[1] - (w - 1) :]
        first = np.maximum(0, (done - w) // step + 1)
        last = np.where(total >= w, (total - w) // step, -1)
        count = np.maximum(last - first + 1, 0)
        rows = np.repeat(np.arange(len(slots)), count)
        local = np.arange(rows.size) - np.repeat(np.cumsum(count) - count, count)
        starts = (first[rows] + local) * step
        offset = starts - (done[rows] - (w - 1))
        if rows.size:
            view = np.lib.stride_tricks.sliding_window_view(ext, w, axis=1)
            windows = view[rows, offset].transpose(0, 2, 1)
        else:
            windows = np.zeros((0, w, ext.shape[2]))
        return np.asarray(orders)[rows], slots[rows], starts, local, windows

    def _predict(self, pieces):
        orders = np.concatenate([p[0] for p in pieces]) if pieces else np.zeros(0, int)
        n = orders.size
        result = Bunch(
            stream=np.empty(0, dtype=object),
            start=np.zeros(0, dtype=np.int64),
            stop=np.zeros(0, dtype=np.int64),
            label=self.classes_[:0],
            proba=np.zeros((0, len(self.classes_))) if self._has_proba else None,
        )
        if self.per_sample:
            result.sample_labels = np.empty((0, self.step_), dtype=self.classes_.dtype)
        if n == 0:
            return result
        slots = np.concatenate([p[1] for p in pieces])
        starts = np.concatenate([p[2] for p in pieces])
        local = np.concatenate([p[3] for p in pieces])
        windows = np.concatenate([p[4] for p in pieces])
        sort = np.lexsort((starts, orders))
        orders, slots, starts, local, windows = (
            orders[sort],
            slots[sort],
            starts[sort],
            local[sort],
            windows[sort],
        )
        by_slot = {slot: sid for sid, slot in self._slots.items()}
        Xt = windows if self._head is None else self._head.transform(windows)
        proba = self._final.predict_proba(Xt) if self._has_proba else None
        if self._labels_from_proba:
            label = self.classes_[np.argmax(proba, axis=1)]
        else:
            label = np.asarray(self._final.predict(Xt))
        stream = np.empty(n, dtype=object)
        stream[:] = [by_slot[s] for s in slots]
        result.stream = stream
        result.start = starts
        result.stop = starts + self.window_size_
        result.label = label
        result.proba = proba
        if self.per_sample:
            scores = (
                proba
                if self._has_proba
                else (label[:, None] == self.classes_[None, :]).astype(float)
            )
            result.sample_labels = self._sample_labels(slots, local, scores)
        return result

    def _sample_labels(self, slots, local, scores):
        """Per-sample labels of the blocks ``[start, start + step)`` of the windows."""
        w, step, m = self.window_size_, self.step_, self._n_back
        n = slots.size
        first = np.r_[True, slots[1:] != slots[:-1]]
        block = np.flatnonzero(first)  # one block per stream, windows in time order
        count = np.diff(np.r_[block, n])
        u_slots = slots[block]
        base = np.arange(block.size) * (m - 1) + block  # block start in `hist`
        hist = np.zeros((n + block.size * (m - 1), scores.shape[1]))
        if m > 1:
            hist[base[:, None] + np.arange(m - 1)] = self._ring[u_slots]
        u = np.repeat(np.arange(block.size), count)
        pos = base[u] + (m - 1) + local - local[block][u]
        hist[pos] = scores
        if m > 1:
            tail_rows = (base + count)[:, None] + np.arange(m - 1)
            self._ring[u_slots] = hist[tail_rows]
        back = hist[pos[:, None] - np.arange(m)]  # (n, m, n_classes), newest first
        cums = np.cumsum(back, axis=1)
        r = np.arange(step)
        covering = np.clip(-(-(w - r) // step), 1, m)  # windows covering sample s + r
        sums = cums[:, covering - 1, :]  # (n, step, n_classes)
        return self.classes_[np.argmax(sums, axis=2)]
