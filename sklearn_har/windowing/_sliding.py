"""Cut continuous recordings into fixed-length windows, labels and groups aligned."""

from numbers import Integral, Number

import numpy as np
from numpy.lib.stride_tricks import as_strided
from sklearn.base import BaseEstimator, TransformerMixin
from sklearn.utils import Bunch
from sklearn.utils.validation import check_is_fitted

from ..utils import check_recording_groups, check_recording_labels, check_recordings
from ..utils._param_validation import (
    Interval,
    StrOptions,
    fit_context,
    validate_estimator_params,
)

__all__ = ["SlidingWindowTransformer"]


def _all_windows_view(x, window_size):
    """Read-only view ``(n - window_size + 1, window_size, c)`` of every window of ``x``."""
    s0, s1 = x.strides
    n = x.shape[0] - window_size + 1
    return as_strided(
        x, shape=(n, window_size, x.shape[1]), strides=(s0, s0, s1), writeable=False
    )


def _regular_starts(n_samples, window_size, step):
    return np.arange(0, n_samples - window_size + 1, step)


def _run_windows(run_start, run_length, window_size, step):
    """Start sample of every window fitting inside each run (vectorised)."""
    n_per_run = np.where(
        run_length >= window_size, (run_length - window_size) // step + 1, 0
    )
    total = int(n_per_run.sum())
    first = np.repeat(run_start, n_per_run)
    # position of each window inside its run: 0, 1, ..., n_k - 1 for every run
    offsets = np.arange(total) - np.repeat(np.cumsum(n_per_run) - n_per_run, n_per_run)
    return first + offsets * step, np.repeat(np.arange(len(run_start)), n_per_run)


def _window_counts(codes, starts, window_size, n_codes):
    """Occurrences of every code inside each window, shape (n_windows, n_codes)."""
    counts = np.empty((starts.shape[0], n_codes), dtype=np.int64)
    for k in range(n_codes):  # one cumulative sum per label value, never (N, K) at once
        csum = np.concatenate([[0], np.cumsum(codes == k, dtype=np.int64)])
        counts[:, k] = csum[starts + window_size] - csum[starts]
    return counts


class SlidingWindowTransformer(TransformerMixin, BaseEstimator):
    """Cut continuous recordings into fixed-length, possibly overlapping windows.

    The step that turns streams into the 3-D input of window-based models:
    ``(n_samples, n_channels)`` recordings become windows
    ``(n_windows, window_size, n_channels)``.

    * :meth:`segment` returns windows, window labels and window groups
      together (so they cannot misalign) for training and evaluation; like
      imbalanced-learn's ``fit_resample`` it changes the number of rows
      explicitly.
    * :meth:`transform` returns every window, for inference on unlabelled
      streams.

    Parameters
    ----------
    window_size : int, default=128
        Samples per window (128 samples = 2.56 s at 50 Hz, as in UCI HAR).
    step : int, default=64
        Samples between the starts of consecutive windows (64 = 50 %
        overlap).
    label : {"majority", "last", "center", "pure", "segment"}, default="majority"
        How a window gets its label from the per-sample labels:

        - ``"majority"``: the most frequent label in the window (ties go to
          the smallest label);
        - ``"last"``: the label of the last sample;
        - ``"center"``: the label of sample ``window_size // 2``;
        - ``"pure"``: windows are cut on the regular grid, and those that
          mix labels are dropped;
        - ``"segment"``: windows restart at every label change and never
          cross one; the tail of each segment shorter than a window is
          dropped.  This is the official UCI HAR / HAPT rule.
    unlabelled : int, str or None, default=0
        Label value that marks unlabelled samples (0 in
        :func:`~sklearn_har.datasets.load_hapt`).  Windows whose label would
        be this value are dropped unless ``keep_unlabelled=True``.  Use
        ``None`` when every value is a real class (e.g. encoded labels that
        start at 0).
    keep_unlabelled : bool, default=False
        Keep windows labelled ``unlabelled``.
    check_finite : bool, default=True
        Check that recordings hold no NaN or infinity.  The check reads the
        whole stream once (about 0.3 s for 10^8 x 6 float32 samples);
        disabling it on trusted data makes :meth:`transform` O(1), a pure
        view.

    Attributes
    ----------
    n_features_in_ : int
        Number of channels seen in :meth:`fit` or :meth:`segment`.

    See Also
    --------
    WindowedClassifier : Windows inside ``fit``/``predict``, so window
        parameters can be tuned with ``GridSearchCV``.

    Notes
    -----
    Windows of one recording returned by :meth:`transform` are read-only
    strided views of the input (no copy; ``np.shares_memory`` holds).  A
    selection of windows (``label="segment"``, ``"pure"``, dropped
    unlabelled windows) or a list of recordings needs one gather into a new
    array, written once, without concatenating the recordings first.

    Estimator checks: ``transform`` returns 3-D windows, fewer rows than
    samples, which sklearn's generic transformer checks do not expect (see
    ``_get_expected_failed_checks``).

    Examples
    --------
    >>> import numpy as np
    >>> from sklearn_har.windowing import SlidingWindowTransformer
    >>> x = np.arange(20.0).reshape(10, 2)
    >>> y = np.array([1, 1, 1, 1, 1, 2, 2, 2, 2, 2])
    >>> sw = SlidingWindowTransformer(window_size=4, step=2, label="segment")
    >>> Xw, yw, gw = sw.segment(x, y, groups=[7])
    >>> Xw.shape, yw.tolist(), gw.tolist()
    ((2, 4, 2), [1, 2], [7, 7])
    >>> sw.fit(x).transform(x).shape
    (4, 4, 2)
    """

    _parameter_constraints = {
        "window_size": [Interval(Integral, 1, None, closed="left")],
        "step": [Interval(Integral, 1, None, closed="left")],
        "label": [StrOptions({"majority", "last", "center", "pure", "segment"})],
        "unlabelled": "no_validation",
        "keep_unlabelled": ["boolean"],
        "check_finite": ["boolean"],
    }

    def __init__(
        self,
        window_size=128,
        step=64,
        *,
        label="majority",
        unlabelled=0,
        keep_unlabelled=False,
        check_finite=True,
    ):
        self.window_size = window_size
        self.step = step
        self.label = label
        self.unlabelled = unlabelled
        self.keep_unlabelled = keep_unlabelled
        self.check_finite = check_finite

    # ------------------------------------------------------------------ fit
    def _validate_recordings(self, X, *, reset):
        recordings, is_list = check_recordings(
            X,
            n_channels=None if reset else self.n_features_in_,
            ensure_finite=self.check_finite,
            estimator=None if reset else self,
        )
        for i, rec in enumerate(recordings):
            if rec.shape[0] < self.window_size:
                where = f"Recording {i}" if is_list else "The recording"
                raise ValueError(
                    f"{where} has {rec.shape[0]} samples, shorter than one window "
                    f"(window_size={self.window_size})."
                )
        if reset:
            self.n_features_in_ = recordings[0].shape[1]
        return recordings, is_list

    @fit_context
    def fit(self, X, y=None):
        """Check parameters and recordings; nothing is learned.

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
        self._validate_recordings(X, reset=True)
        return self

    # ------------------------------------------------------------- windows
    def _gather(self, recordings, rec_index, starts):
        """Windows ``(n, window_size, c)`` at the given starts, one write."""
        w = self.window_size
        c = recordings[0].shape[1]
        dtype = np.result_type(*[r.dtype for r in recordings])
        out = np.empty((starts.shape[0], w, c), dtype=dtype)
        bounds = np.searchsorted(rec_index, np.arange(len(recordings) + 1))
        for i, rec in enumerate(recordings):
            lo, hi = bounds[i], bounds[i + 1]
            if hi > lo:
                # fancy indexing of the strided view is a fast row gather
                # (np.take(..., out=) on the same view is ~100x slower)
                out[lo:hi] = _all_windows_view(rec, w)[starts[lo:hi]]
        return out

    def _regular_windows(self, recordings):
        """All windows on the regular grid: (windows, rec_index, starts)."""
        starts = [
            _regular_starts(r.shape[0], self.window_size, self.step) for r in recordings
        ]
        rec_index = np.repeat(np.arange(len(recordings)), [len(s) for s in starts])
        starts = np.concatenate(starts)
        if len(recordings) == 1:
            view = _all_windows_view(recordings[0], self.window_size)[:: self.step]
            return view, rec_index, starts
        return self._gather(recordings, rec_index, starts), rec_index, starts

    @fit_context
    def fit_transform(self, X, y=None):
        """Fit and return every window, validating the recordings once.

        Parameters
        ----------
        X : array-like of shape (n_samples, n_channels) or list of such
            One recording or a list of recordings.
        y : None
            Ignored.

        Returns
        -------
        X_windows : ndarray of shape (n_windows, window_size, n_channels)
            As :meth:`transform`.
        """
        recordings, _ = self._validate_recordings(X, reset=True)
        return self._regular_windows(recordings)[0]

    def transform(self, X):
        """Every window of the recordings, on the regular ``step`` grid.

        Parameters
        ----------
        X : array-like of shape (n_samples, n_channels) or list of such
            One recording or a list, with the channel count seen in ``fit``.

        Returns
        -------
        X_windows : ndarray of shape (n_windows, window_size, n_channels)
            For one recording, a read-only strided view of ``X`` (no copy).
            Windows of a list follow the list order.
        """
        check_is_fitted(self)
        recordings, _ = self._validate_recordings(X, reset=False)
        return self._regular_windows(recordings)[0]

    # ------------------------------------------------------------- segment
    def _labelled_windows(self, recordings, labels):
        """Select windows and their label codes according to ``self.label``."""
        w, step = self.window_size, self.step
        lengths = np.array([r.shape[0] for r in recordings])
        offsets = np.concatenate([[0], np.cumsum(lengths)[:-1]])
        values, codes = np.unique(np.concatenate(labels), return_inverse=True)
        codes = codes.ravel()
        unl_code = -1
        if self.unlabelled is not None and not self.keep_unlabelled:
            if isinstance(self.unlabelled, (bool, np.bool_)):
                raise TypeError(
                    f"unlabelled must be a label value or None, not the bool "
                    f"{self.unlabelled!r} (it would match the label 1 or 0)."
                )
            if values.dtype.kind == "b":
                raise ValueError(
                    f"The labels are booleans: unlabelled={self.unlabelled!r} would "
                    "match False. Pass unlabelled=None, or integer labels."
                )
            numeric_labels = values.dtype.kind in "iuf" or (
                values.dtype.kind == "O"
                and all(isinstance(v, (Number, np.number)) for v in values)
            )
            numeric_marker = isinstance(self.unlabelled, (Number, np.number))
            if numeric_labels != numeric_marker:
                raise ValueError(
                    f"unlabelled={self.unlabelled!r} can never match the labels, "
                    f"which are {'numbers' if numeric_labels else 'strings'} "
                    f"({values[:3].tolist()}...): give the value that marks "
                    "unlabelled samples in the same type, or None."
                )
            hit = np.flatnonzero(values == self.unlabelled)
            unl_code = hit[0] if hit.size else -1

        if self.label == "segment":
            # runs of equal labels, never crossing a recording boundary
            change = np.ones(codes.shape[0], dtype=bool)
            change[1:] = codes[1:] != codes[:-1]
            change[offsets] = True
            run_start = np.flatnonzero(change)
            run_end = np.concatenate([run_start[1:], [codes.shape[0]]])
            keep = codes[run_start] != unl_code
            run_start, run_end = run_start[keep], run_end[keep]
            gstarts, run_id = _run_windows(run_start, run_end - run_start, w, step)
            win_codes = codes[run_start][run_id]
        else:
            local = [_regular_starts(n, w, step) for n in lengths]
            gstarts = np.concatenate(
                [o + s for o, s in zip(offsets, local, strict=True)]
            )
            if self.label == "last":
                win_codes = codes[gstarts + w - 1]
            elif self.label == "center":
                win_codes = codes[gstarts + w // 2]
            else:
                counts = _window_counts(codes, gstarts, w, len(values))
                win_codes = counts.argmax(axis=1)
                if self.label == "pure":
                    pure = counts.max(axis=1) == w
                    gstarts, win_codes = gstarts[pure], win_codes[pure]
            keep = win_codes != unl_code
            gstarts, win_codes = gstarts[keep], win_codes[keep]

        rec_index = np.searchsorted(offsets, gstarts, side="right") - 1
        return rec_index, gstarts - offsets[rec_index], values[win_codes]

    def segment(self, X, y=None, groups=None, *, return_origin=False):
        """Cut recordings into windows with aligned labels and groups.

        Parameters
        ----------
        X : array-like of shape (n_samples, n_channels) or list of such
            One recording or a list of recordings (lengths may differ).
        y : array-like of shape (n_samples,) or list of such, default=None
            One label per sample, same structure as ``X``.  ``None`` cuts
            every window of the regular grid and returns ``y_windows=None``.
        groups : array-like, default=None
            One value per recording (e.g. the subject), or one per sample
            with the structure of ``y``.  A window that spans two groups is
            an error.
        return_origin : bool, default=False
            Also return where each window came from.

        Returns
        -------
        X_windows : ndarray of shape (n_windows, window_size, n_channels)
            The windows.
        y_windows : ndarray of shape (n_windows,) or None
            The label of every window (see ``label``).
        groups_windows : ndarray of shape (n_windows,) or None
            The group of every window.
        origin : Bunch, only if ``return_origin=True``
            ``recording`` (index into the list of recordings) and ``start``
            (first sample of the window in that recording), one per window.
        """
        validate_estimator_params(self)
        recordings, is_list = self._validate_recordings(X, reset=True)
        group_arrays = check_recording_groups(groups, recordings)
        if y is None:
            Xw, rec_index, starts = self._regular_windows(recordings)
            y_windows = None
        else:
            labels = check_recording_labels(y, recordings)
            rec_index, starts, y_windows = self._labelled_windows(recordings, labels)
            Xw = self._gather(recordings, rec_index, starts)
        groups_windows = None
        if group_arrays is not None:
            groups_windows = self._window_groups(group_arrays, rec_index, starts)
        out = (Xw, y_windows, groups_windows)
        if return_origin:
            out += (Bunch(recording=rec_index, start=starts),)
        return out

    def _window_groups(self, group_arrays, rec_index, starts):
        lengths = np.array([g.shape[0] for g in group_arrays])
        offsets = np.concatenate([[0], np.cumsum(lengths)[:-1]])
        flat = np.concatenate(group_arrays)
        if flat.dtype.kind == "f" and np.isnan(flat).any():
            raise ValueError("groups contains NaN: every sample needs its group.")
        values, codes = np.unique(flat, return_inverse=True)
        codes = codes.ravel()
        gstarts = offsets[rec_index] + starts
        change = np.concatenate([[0], np.cumsum(codes[1:] != codes[:-1])])
        mixed = change[gstarts + self.window_size - 1] != change[gstarts]
        if mixed.any():
            i = int(np.flatnonzero(mixed)[0])
            raise ValueError(
                f"Window {i} (recording {rec_index[i]}, start {starts[i]}) spans two "
                "groups; per-sample groups must be constant inside a window."
            )
        return values[codes[gstarts]]

    # ---------------------------------------------------------------- misc
    def __sklearn_tags__(self):
        tags = super().__sklearn_tags__()
        tags.requires_fit = True
        return tags

    @classmethod
    def _get_test_params(cls):
        return {"window_size": 2, "step": 1}

    @classmethod
    def _get_expected_failed_checks(cls):
        why = (
            "transform returns 3-D windows (fewer rows than samples): sklearn's "
            "generic transformer checks expect one 2-D output row per input row."
        )
        return {
            "check_transformer_general": why,
            "check_transformers_unfitted_stateless": why,
            "check_transformer_data_not_an_array": why,
            "check_methods_sample_order_invariance": why,
            "check_methods_subset_invariance": why,
            "check_set_output_transform": why,
            "check_global_output_transform_pandas": why,
            "check_global_set_output_transform_polars": why,
            "check_set_output_transform_pandas": why,
            "check_set_output_transform_polars": why,
        }
