"""Base class for transformers that filter continuous recordings."""

import numpy as np
from sklearn.base import BaseEstimator, TransformerMixin
from sklearn.utils.validation import check_is_fitted

from ..utils import check_recordings, restore_structure
from ..utils._param_validation import fit_context
from ..utils._validation import _all_finite

__all__ = ["BaseStreamTransformer"]


class BaseStreamTransformer(TransformerMixin, BaseEstimator):
    """Stateless filter of recordings that keeps the number of samples.

    Subclasses implement ``_transform_one(recording)`` for one validated 2-D
    float array (and may override ``_check_params``, ``_min_samples`` and
    ``_output_names``).  ``fit`` only validates the parameters and records the
    number of channels; ``transform`` accepts one recording ``(n, c)`` or a
    list of recordings and returns the same structure.  Each recording is
    filtered on its own: no filter state crosses from one recording into the
    next.

    Causal transformers also filter a live stream chunk by chunk:
    :meth:`init_stream` makes the state of one (or a batch of) streams,
    :meth:`transform_chunk` filters the next chunk and returns the new state,
    and :meth:`stream_delay` says by how many samples the output lags (a
    median filter looks ``kernel_size // 2`` samples ahead).  Concatenated,
    the chunk outputs equal :meth:`transform` of the whole recording,
    except its last ``stream_delay()`` samples, which the stream has not
    produced yet.  Subclasses implement ``_stream_check`` (raise for a
    non-causal setting), ``_stream_delay``, ``_init_state`` and
    ``_chunk_step``.

    sklearn's ``check_methods_sample_order_invariance`` and
    ``check_methods_subset_invariance`` cannot pass for a filter over time
    (each output sample depends on its neighbours); they are the documented
    expected failures of every stream transformer.
    """

    def _check_params(self):
        """Validate parameter combinations that the constraints cannot express."""

    def _min_samples(self):
        """Shortest recording the filter can process."""
        return 1

    def _expected_channels(self):
        """Number of input channels the transformer needs, or None for any."""
        return None

    @fit_context
    def fit(self, X, y=None):
        """Validate parameters and input; nothing is learned from the data.

        Parameters
        ----------
        X : array-like of shape (n_samples, n_channels) or list of such
            One recording or a list of recordings.
        y : None
            Ignored.

        Returns
        -------
        self : object
            Fitted transformer.
        """
        self._check_params()
        expected = self._expected_channels()
        try:
            recordings, is_list = check_recordings(
                X, n_channels=expected, min_samples=self._min_samples()
            )
        except ValueError as exc:
            if expected is None or "channels, but" not in str(exc):
                raise
            raise ValueError(
                f"{type(self).__name__} needs {expected} channels in this order: "
                f"{self._channel_order()}. {exc}"
            ) from None
        self.n_features_in_ = recordings[0].shape[1]
        names = getattr(X, "columns", None) if not is_list else None
        if names is not None and all(isinstance(c, str) for c in names):
            self.feature_names_in_ = np.asarray(names, dtype=object)
        elif hasattr(self, "feature_names_in_"):
            del self.feature_names_in_
        return self

    def _channel_order(self):
        """The meaning of the fixed input channels (when there is a fixed count)."""
        return "see the class documentation"

    def transform(self, X):
        """Filter every recording.

        Parameters
        ----------
        X : array-like of shape (n_samples, n_channels) or list of such
            One recording or a list of recordings, with the channel count
            seen in :meth:`fit`.

        Returns
        -------
        Xt : ndarray of shape (n_samples, n_channels_out) or list of such
            The filtered recording(s), same structure and lengths as ``X``.
        """
        check_is_fitted(self)
        recordings, is_list = check_recordings(
            X,
            n_channels=self.n_features_in_,
            min_samples=self._min_samples(),
            estimator=self,
        )
        out = []
        for i, rec in enumerate(recordings):
            where = f"recording {i}" if is_list else "the recording"
            try:
                with np.errstate(over="ignore", invalid="ignore"):
                    result = self._transform_one(rec).astype(rec.dtype, copy=False)
            except ValueError as exc:
                raise ValueError(
                    f"{type(self).__name__} failed on {where}: {exc}"
                ) from exc
            if not _all_finite(result):
                raise ValueError(
                    f"{type(self).__name__}: the filtered signal of {where} "
                    "overflowed the floating-point range although the input is "
                    f"finite (largest magnitude {float(np.max(np.abs(rec))):.3g}). "
                    "Rescale the signals (for example to g and rad/s) first."
                )
            out.append(result)
        return restore_structure(out, is_list)

    # -- streaming ---------------------------------------------------------

    def _stream_check(self):
        """Raise a ValueError naming the causal alternative when not causal."""
        raise TypeError(f"{type(self).__name__} has no streaming form.")

    def _stream_delay(self):
        return 0

    def _init_state(self, n_streams, n_channels):
        return {}

    def _chunk_step(self, x, state, n_seen):
        # abstract hook: every streamable transformer overrides it, and the
        # others are refused by _stream_check before it could be reached
        raise NotImplementedError

    def _check_streamable(self):
        check_is_fitted(self)
        self._stream_check()

    def stream_delay(self):
        """Number of samples by which the chunk output lags the input.

        After ``n`` input samples of a stream, :meth:`transform_chunk` has
        returned the first ``max(0, n - stream_delay())`` output samples.

        Returns
        -------
        delay : int
            0 for the Butterworth filters, ``kernel_size // 2`` for a
            median filter (it looks that many samples ahead).
        """
        self._check_streamable()
        return int(self._stream_delay())

    def init_stream(self, n_streams=None):
        """State of a new stream (or of a batch of new streams).

        Parameters
        ----------
        n_streams : int, default=None
            ``None``: the state of one stream, for chunks ``(n, c)``.  An
            integer: the state of a batch of streams, for chunks
            ``(n_streams, n, c)`` (one chunk of the same length per stream).

        Returns
        -------
        state : dict of ndarray
            The filter state (``scipy.signal.sosfilt`` ``zi``, the last
            samples of the median filter) and ``"n_seen"``, the number of
            input samples seen, every array with a leading stream axis.
            Pass it to :meth:`transform_chunk`; it is never modified in
            place.

        Raises
        ------
        ValueError
            When the transformer is not causal (zero-phase filtering); the
            message names the causal setting.
        """
        self._check_streamable()
        batch = 1 if n_streams is None else int(n_streams)
        if batch < 1:
            raise ValueError(
                f"n_streams must be a positive integer, got {n_streams!r}."
            )
        state = self._init_state(batch, self.n_features_in_)
        state["n_seen"] = np.zeros(batch, dtype=np.int64)
        if n_streams is None:
            state["_single"] = np.ones(1, dtype=bool)
        return state

    def transform_chunk(self, chunk, state):
        """Filter the next chunk of a stream, carrying the filter state.

        Parameters
        ----------
        chunk : array-like of shape (n, n_channels) or (n_streams, n, n_channels)
            The next ``n >= 1`` samples of one stream (with a state from
            ``init_stream()``), or of each stream of a batch (with a state
            from ``init_stream(n_streams)``).  In a batch, the streams that
            have seen fewer than ``stream_delay()`` samples must all have
            seen the same number.
        state : dict
            The state returned by :meth:`init_stream` or by the previous
            call.

        Returns
        -------
        Xt : ndarray of shape (n_out, n_channels_out) or (n_streams, n_out, n_channels_out)
            The output samples completed by this chunk: ``n_out = n`` once
            the stream has seen ``stream_delay()`` samples, fewer before.
        state : dict
            The new state; the one passed in is left unchanged.

        Examples
        --------
        >>> import numpy as np
        >>> from sklearn_har.preprocessing import MedianFilter
        >>> x = np.random.default_rng(0).normal(size=(100, 2))
        >>> med = MedianFilter(kernel_size=5).fit(x)
        >>> state = med.init_stream()
        >>> parts = []
        >>> for chunk in np.array_split(x, 7):
        ...     out, state = med.transform_chunk(chunk, state)
        ...     parts.append(out)
        >>> streamed = np.concatenate(parts)
        >>> streamed.shape, med.stream_delay()
        ((98, 2), 2)
        >>> bool(np.array_equal(streamed, med.transform(x)[:98]))
        True
        """
        self._check_streamable()
        single = "_single" in state
        x = np.asarray(chunk, dtype=np.float64)
        want = 2 if single else 3
        if x.ndim != want:
            raise ValueError(
                f"transform_chunk expects a chunk of shape "
                f"{'(n_samples, n_channels)' if single else '(n_streams, n_samples, n_channels)'}"
                f" for this state, got an array of shape {x.shape}."
            )
        if single:
            x = x[None]
        if x.shape[0] != state["n_seen"].shape[0]:
            raise ValueError(
                f"The chunk holds {x.shape[0]} streams, the state {state['n_seen'].shape[0]}."
            )
        if x.shape[2] != self.n_features_in_:
            raise ValueError(
                f"The chunk has {x.shape[2]} channels, but {type(self).__name__} "
                f"is expecting {self.n_features_in_} channels as input."
            )
        if x.shape[1] == 0:
            raise ValueError("The chunk has no sample.")
        if not _all_finite(x):
            raise ValueError("The chunk contains NaN or infinity.")
        n_seen = state["n_seen"]
        delay = self._stream_delay()
        if np.any(n_seen < delay) and np.any(n_seen != n_seen[0]):
            raise ValueError(
                "In a batch, the streams that have seen fewer than "
                f"stream_delay()={delay} samples must all have seen as many; "
                f"got n_seen={n_seen.tolist()}."
            )
        new = {k: v for k, v in state.items()}
        out = self._chunk_step(x, new, int(n_seen[0]))
        new["n_seen"] = n_seen + x.shape[1]
        return (out[0] if single else out), new

    def _output_names(self, input_features):
        return np.asarray(input_features, dtype=object)

    def get_feature_names_out(self, input_features=None):
        """Output channel names.

        Parameters
        ----------
        input_features : array-like of str, default=None
            Input channel names; defaults to ``feature_names_in_`` or
            ``x0, x1, ...``.

        Returns
        -------
        feature_names_out : ndarray of str
        """
        check_is_fitted(self)
        if input_features is None:
            input_features = getattr(self, "feature_names_in_", None)
        if input_features is None:
            input_features = [f"x{i}" for i in range(self.n_features_in_)]
        elif len(input_features) != self.n_features_in_:
            raise ValueError(
                f"input_features has {len(input_features)} names but "
                f"{self.n_features_in_} channels were seen in fit."
            )
        return self._output_names(list(input_features))

    def __sklearn_tags__(self):
        tags = super().__sklearn_tags__()
        tags.transformer_tags.preserves_dtype = ["float64", "float32"]
        return tags

    @classmethod
    def _get_expected_failed_checks(cls):
        why = (
            "a filter over time mixes neighbouring samples, so the output of a "
            "sample depends on the order and on the other samples of the recording."
        )
        return {
            "check_methods_sample_order_invariance": why,
            "check_methods_subset_invariance": why,
        }
