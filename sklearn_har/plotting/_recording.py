"""A recording with its activity labels, windows and per-sample predictions."""

import numbers
from collections.abc import Mapping

import numpy as np
from sklearn.utils.validation import check_is_fitted

from ._base import (
    _check_axes,
    _check_matplotlib_support,
    _check_positive,
    _merge_kw,
    _new_figure,
)

__all__ = ["RecordingDisplay"]


# ----------------------------------------------------------------- validation
def _check_recording(recording):
    """One recording as a float array ``(n_samples, n_channels)``."""
    if recording is None or isinstance(recording, (str, bytes)):
        raise TypeError(
            "recording must be an array of shape (n_samples, n_channels) or "
            f"(n_samples,), got {type(recording).__name__}."
        )
    try:
        X = np.asarray(recording, dtype=float)
    except (TypeError, ValueError) as exc:
        raise ValueError(
            "recording must be one numeric array of shape (n_samples, n_channels) "
            f"or (n_samples,) (not a list of recordings): {exc}"
        ) from None
    if X.ndim == 1:
        X = X.reshape(-1, 1)
    if X.ndim != 2:
        raise ValueError(
            "recording must be one array of shape (n_samples, n_channels) or "
            f"(n_samples,), got shape {X.shape}; plot one recording at a time."
        )
    if X.shape[0] == 0 or X.shape[1] == 0:
        raise ValueError(f"recording is empty (shape {X.shape}).")
    return X


def _check_labels(y, n_samples, name):
    if y is None:
        return None
    y = np.asarray(y)
    if y.ndim != 1:
        raise ValueError(
            f"{name} must be 1-D (one label per sample), got shape {y.shape}."
        )
    if y.shape[0] != n_samples:
        raise ValueError(
            f"{name} has {y.shape[0]} labels but the recording has {n_samples} "
            "samples: give one label per sample."
        )
    return y


def _check_windows(window_starts, window_size, n_samples):
    if window_starts is None:
        if window_size is not None:
            raise ValueError("window_size is given without window_starts.")
        return None, None
    starts = np.asarray(window_starts)
    if starts.ndim != 1:
        raise ValueError(f"window_starts must be 1-D, got shape {starts.shape}.")
    if starts.dtype.kind not in "iu":
        if starts.dtype.kind != "f" or not np.all(starts == np.round(starts)):
            raise TypeError(
                f"window_starts must hold integer sample indices, got {starts.dtype}."
            )
        starts = starts.astype(np.int64)
    if starts.size and (starts.min() < 0 or starts.max() >= n_samples):
        raise ValueError(
            f"window_starts must lie in [0, {n_samples}) (the recording has "
            f"{n_samples} samples), got values from {starts.min()} to "
            f"{starts.max()}."
        )
    if window_size is not None and (
        isinstance(window_size, bool)
        or not isinstance(window_size, numbers.Integral)
        or window_size < 1
    ):
        raise ValueError(
            f"window_size must be a positive integer or None, got {window_size!r}."
        )
    return starts, window_size


def _labelled_mask(y, unlabelled):
    """True where ``y`` holds a real class (not the ``unlabelled`` value)."""
    if unlabelled is None:
        return np.ones(y.shape[0], dtype=bool)
    if isinstance(unlabelled, float) and np.isnan(unlabelled):
        return (
            ~np.isnan(y.astype(float))
            if y.dtype.kind in "fiu"
            else np.ones(y.shape[0], dtype=bool)
        )
    same = np.asarray(y == unlabelled)
    if same.shape != y.shape:  # incomparable types: nothing is unlabelled
        return np.ones(y.shape[0], dtype=bool)
    return ~same


def _label_name(label, target_names):
    if target_names is None:
        return str(label)
    if isinstance(target_names, Mapping):
        for key in (label, str(label)):
            if key in target_names:
                return str(target_names[key])
        raise ValueError(
            f"target_names has no name for label {label!r}; it names "
            f"{sorted(map(str, target_names))}."
        )
    if not isinstance(label, numbers.Integral) or not 0 <= label < len(target_names):
        raise ValueError(
            f"target_names is a sequence of {len(target_names)} names indexed by "
            f"label, but label {label!r} is not an index into it; give a dict "
            "{label: name} instead."
        )
    return str(target_names[int(label)])


def _check_target_names(target_names):
    if target_names is None or isinstance(target_names, Mapping):
        return target_names
    if isinstance(target_names, (str, bytes)) or not hasattr(target_names, "__len__"):
        raise TypeError(
            "target_names must be a dict {label: name}, a sequence of names "
            f"indexed by label, or None, got {type(target_names).__name__}."
        )
    return target_names


def _runs(y):
    """Runs of equal values: starts, stops (exclusive) and value of each run."""
    change = np.flatnonzero(y[1:] != y[:-1]) + 1
    starts = np.concatenate([[0], change])
    stops = np.concatenate([change, [y.shape[0]]])
    return starts, stops, y[starts]


def _class_colors(labels):
    """One qualitative colour per class label."""
    import matplotlib

    k = len(labels)
    if k <= 10:
        colors = matplotlib.colormaps["tab10"](np.arange(k))
    elif k <= 20:
        # the 10 saturated colours first, then their light variants
        order = np.concatenate([np.arange(0, 20, 2), np.arange(1, 20, 2)])[:k]
        colors = matplotlib.colormaps["tab20"](order)
    else:
        colors = matplotlib.colormaps["turbo"](np.linspace(0.05, 0.95, k))
    return {label: tuple(color) for label, color in zip(labels, colors, strict=True)}


def _scalar(value):
    return value.item() if isinstance(value, np.generic) else value


class RecordingDisplay:
    """A recording with its activity labels, windows and predictions.

    The channels against time in seconds; the true activity as coloured
    background spans (one colour per class); the per-sample predictions as a
    strip of the same colours in a thin axes right above the signals, so that
    a wrong prediction shows as a colour that differs from the background
    under it; and the window boundaries as thin grey vertical lines. Samples
    whose label is ``unlabelled`` get no colour.

    It is recommended to create a display with :meth:`from_estimator` or
    :meth:`from_predictions`. All parameters are stored as attributes.
    Needs matplotlib (extra ``plot``).

    Parameters
    ----------
    recording : array-like of shape (n_samples, n_channels) or (n_samples,)
        One continuous recording.
    y_true : array-like of shape (n_samples,), default=None
        True activity of every sample, drawn as background spans.
    y_pred : array-like of shape (n_samples,), default=None
        Predicted activity of every sample (e.g. of
        :meth:`WindowedClassifier.predict
        <sklearn_har.windowing.WindowedClassifier.predict>`), drawn as a
        strip above the signals.
    window_starts : array-like of int of shape (n_windows,), default=None
        First sample of every window; the window starts and ends are drawn
        as vertical lines.
    window_size : int, default=None
        Samples per window, to draw the window ends as well; needs
        ``window_starts``.
    sampling_rate : float, default=50.0
        Samples per second, to convert sample indices to seconds.
    channel_names : list of str of length n_channels, default=None
        Names of the channels, in the legend; None numbers them.
    target_names : dict or sequence of str, default=None
        Activity names for the legend: a dict ``{label: name}``, or a
        sequence indexed by the (integer) label, such as the
        ``target_names`` of :func:`~sklearn_har.datasets.load_sample`.
        None writes the labels themselves.
    unlabelled : int, str or None, default=0
        Label value of samples without an activity (0 in
        :func:`~sklearn_har.datasets.load_hapt`, as the default of
        :class:`~sklearn_har.windowing.SlidingWindowTransformer`): they get
        no colour. None when every value is a class.

    Attributes
    ----------
    ax_ : matplotlib.axes.Axes
        The axes of the signals, with the true-activity spans and the window
        lines.
    pred_ax_ : matplotlib.axes.Axes or None
        The thin axes above ``ax_`` showing the predictions; None without
        ``y_pred``.
    figure_ : matplotlib.figure.Figure
        The figure holding ``ax_``.
    lines_ : list of matplotlib.lines.Line2D
        One line per plotted channel.
    true_spans_ : dict of label to matplotlib.collections.PolyCollection
        The background spans of every true class (one collection of
        rectangles per class); empty without ``y_true``.
    pred_spans_ : dict of label to matplotlib.collections.PolyCollection
        The prediction strip of every predicted class; empty without
        ``y_pred``.
    window_lines_ : matplotlib.collections.LineCollection or None
        The window boundaries; None without ``window_starts``.
    colors_ : dict of label to tuple of float
        The RGBA colour of every class (shared by spans and strip).

    See Also
    --------
    RecordingDisplay.from_estimator : Predict a recording with a fitted
        windowed classifier and plot it.
    RecordingDisplay.from_predictions : Plot given labels and predictions.
    sklearn_har.windowing.WindowedClassifier : Per-sample predictions of
        recordings through sliding windows.

    Examples
    --------
    >>> import matplotlib
    >>> matplotlib.use("Agg")
    >>> import matplotlib.pyplot as plt
    >>> import numpy as np
    >>> from sklearn_har.plotting import RecordingDisplay
    >>> t = np.arange(500) / 50
    >>> X = np.column_stack([np.sin(2 * np.pi * t), np.cos(2 * np.pi * t)])
    >>> y_true = np.repeat([0, 1, 2, 1], 125)  # 0: unlabelled
    >>> disp = RecordingDisplay(
    ...     X, y_true=y_true, y_pred=np.repeat([1, 2], 250),
    ...     window_starts=np.arange(0, 437, 64), window_size=64,
    ...     channel_names=["acc_x", "acc_y"],
    ...     target_names={1: "WALKING", 2: "SITTING"},
    ... ).plot()
    >>> sorted(disp.true_spans_), disp.ax_.get_xlabel()
    ([1, 2], 'time (s)')
    >>> plt.close(disp.figure_)
    """

    def __init__(
        self,
        recording,
        *,
        y_true=None,
        y_pred=None,
        window_starts=None,
        window_size=None,
        sampling_rate=50.0,
        channel_names=None,
        target_names=None,
        unlabelled=0,
    ):
        self.recording = recording
        self.y_true = y_true
        self.y_pred = y_pred
        self.window_starts = window_starts
        self.window_size = window_size
        self.sampling_rate = sampling_rate
        self.channel_names = channel_names
        self.target_names = target_names
        self.unlabelled = unlabelled

    def _channel_names(self, n_channels):
        names = self.channel_names
        if names is None:
            return None
        if isinstance(names, (str, bytes)):
            raise TypeError("channel_names must be a list of names, not a string.")
        names = [str(name) for name in names]
        if len(names) != n_channels:
            raise ValueError(
                f"channel_names has {len(names)} names but the recording has "
                f"{n_channels} channels."
            )
        return names

    @staticmethod
    def _select_channels(channels, names, n_channels):
        if channels is None:
            return list(range(n_channels))
        if isinstance(channels, (numbers.Integral, str)):
            channels = [channels]
        out = []
        for ch in channels:
            if isinstance(ch, str):
                if names is None or ch not in names:
                    raise ValueError(
                        f"Unknown channel {ch!r}: the channels are "
                        f"{names if names is not None else 'unnamed (use indices)'}."
                    )
                out.append(names.index(ch))
            elif isinstance(ch, numbers.Integral) and not isinstance(ch, bool):
                if not -n_channels <= ch < n_channels:
                    raise ValueError(
                        f"Channel index {ch} is out of range for a recording of "
                        f"{n_channels} channels."
                    )
                out.append(int(ch) % n_channels)
            else:
                raise TypeError(
                    f"channels must hold channel indices or names, got {ch!r}."
                )
        if not out:
            raise ValueError("channels is empty: select at least one channel.")
        return out

    def plot(
        self,
        *,
        ax=None,
        channels=None,
        show_windows=True,
        legend=True,
        line_kw=None,
        span_kw=None,
    ):
        """Plot the recording.

        Parameters
        ----------
        ax : matplotlib.axes.Axes, default=None
            Axes for the signals; None creates a new, wide figure. The
            prediction strip is added as an inset axes right above it.
        channels : int, str or list of such, default=None
            Channels to draw, by index or by name (``channel_names``); None
            draws all.
        show_windows : bool, default=True
            Draw the window boundaries (when ``window_starts`` is given).
            To read them on a long recording, zoom in, e.g.
            ``disp.ax_.set_xlim(60, 90)``.
        legend : bool, default=True
            Add the legends of the channels and of the activities, to the
            right of the axes.
        line_kw : dict, default=None
            Keyword arguments passed to :meth:`matplotlib.axes.Axes.plot`
            for every channel.
        span_kw : dict, default=None
            Keyword arguments of the background spans of the true activity
            (:class:`matplotlib.collections.PolyCollection`), e.g.
            ``{"alpha": 0.4}``.

        Returns
        -------
        display : RecordingDisplay
            The display, with the attributes ``ax_``, ``pred_ax_``,
            ``figure_``, ``lines_``, ``true_spans_``, ``pred_spans_``,
            ``window_lines_`` and ``colors_`` set.
        """
        _check_matplotlib_support(f"{type(self).__name__}.plot")
        from matplotlib.collections import LineCollection, PolyCollection
        from matplotlib.lines import Line2D
        from matplotlib.patches import Patch

        X = _check_recording(self.recording)
        n_samples, n_channels = X.shape
        y_true = _check_labels(self.y_true, n_samples, "y_true")
        y_pred = _check_labels(self.y_pred, n_samples, "y_pred")
        starts, window_size = _check_windows(
            self.window_starts, self.window_size, n_samples
        )
        sr = _check_positive(self.sampling_rate, "sampling_rate")
        names = self._channel_names(n_channels)
        target_names = _check_target_names(self.target_names)
        selected = self._select_channels(channels, names, n_channels)
        _check_axes(ax)

        # classes present (labelled values of y_true and y_pred), sorted
        present = [
            y[_labelled_mask(y, self.unlabelled)]
            for y in (y_true, y_pred)
            if y is not None
        ]
        labels = []
        if present:
            labels = [_scalar(v) for v in np.unique(np.concatenate(present))]
        class_names = {label: _label_name(label, target_names) for label in labels}
        self.colors_ = _class_colors(labels)

        if ax is None:
            fig, ax = _new_figure(figsize=(12, 4.5), layout="constrained")
        else:
            fig = ax.figure

        # signals
        t = np.arange(n_samples) / sr
        self.lines_ = []
        for idx in selected:
            label = names[idx] if names is not None else f"channel {idx}"
            kw = _merge_kw(
                {"linewidth": 0.8, "label": label}, line_kw, "line_kw", Line2D
            )
            (line,) = ax.plot(t, X[:, idx], **kw)
            self.lines_.append(line)
        ax.set_xlim(0, n_samples / sr)
        ax.set_xlabel("time (s)")
        if len(selected) == 1 and names is not None:
            ax.set_ylabel(names[selected[0]])
        else:
            ax.set_ylabel("signal")

        def spans(target_ax, y, defaults, user_kw):
            """One collection of full-height rectangles per class of ``y``."""
            out = {}
            run_start, run_stop, run_label = _runs(y)
            keep = _labelled_mask(run_label, self.unlabelled)
            run_start, run_stop, run_label = (
                run_start[keep],
                run_stop[keep],
                run_label[keep],
            )
            for label in labels:
                sel = run_label == label
                if not np.any(sel):
                    continue
                x0, x1 = run_start[sel] / sr, run_stop[sel] / sr
                verts = [
                    [(a, 0.0), (a, 1.0), (b, 1.0), (b, 0.0)]
                    for a, b in zip(x0, x1, strict=True)
                ]
                kw = _merge_kw(
                    {
                        "facecolor": self.colors_[label],
                        "edgecolor": "none",
                        "label": class_names[label],
                        **defaults,
                    },
                    user_kw,
                    "span_kw",
                    PolyCollection,
                )
                coll = PolyCollection(
                    verts, transform=target_ax.get_xaxis_transform(), **kw
                )
                # x in data units, y in axes units: keep the data limits
                target_ax.add_collection(coll, autolim=False)
                out[label] = coll
            return out

        self.true_spans_ = {}
        if y_true is not None:
            self.true_spans_ = spans(ax, y_true, {"alpha": 0.25, "zorder": 0}, span_kw)

        self.pred_ax_ = None
        self.pred_spans_ = {}
        if y_pred is not None:
            pred_ax = ax.inset_axes([0.0, 1.015, 1.0, 0.07], sharex=ax)
            self.pred_spans_ = spans(pred_ax, y_pred, {"alpha": 0.9}, None)
            pred_ax.set_ylim(0, 1)
            pred_ax.set_yticks([0.5], ["predicted"])
            pred_ax.tick_params(axis="x", which="both", bottom=False, labelbottom=False)
            pred_ax.tick_params(axis="y", length=0)
            self.pred_ax_ = pred_ax

        self.window_lines_ = None
        if show_windows and starts is not None and starts.size:
            bounds = starts
            if window_size is not None:
                bounds = np.concatenate(
                    [starts, np.minimum(starts + window_size, n_samples)]
                )
            x = np.unique(bounds) / sr
            segments = np.stack(
                [
                    np.column_stack([x, np.zeros_like(x)]),
                    np.column_stack([x, np.ones_like(x)]),
                ],
                axis=1,
            )
            self.window_lines_ = LineCollection(
                segments,
                transform=ax.get_xaxis_transform(),
                colors="0.4",
                linewidths=0.4,
                alpha=0.35,
                zorder=0.5,
                label="window boundaries",
            )
            ax.add_collection(self.window_lines_, autolim=False)

        handles = list(self.lines_)
        if self.window_lines_ is not None:
            handles.append(
                Line2D([], [], color="0.4", linewidth=0.8, label="window boundaries")
            )
        channel_legend = None
        if legend and (len(handles) > 1 or names is not None):
            # channels: one row inside the top of the axes, above the data
            ncol = min(len(handles), 7)
            n_rows = -(-len(handles) // ncol)
            finite = X[:, selected][np.isfinite(X[:, selected])]
            if finite.size:
                lo, hi = finite.min(), finite.max()
                span = (hi - lo) or 1.0
                ax.set_ylim(lo - 0.05 * span, hi + (0.08 + 0.12 * n_rows) * span)
            channel_legend = ax.legend(
                handles=handles,
                loc="upper left",
                ncol=ncol,
                fontsize="small",
                framealpha=0.8,
            )
        if legend and labels:
            if channel_legend is not None:
                ax.add_artist(channel_legend)  # kept when the next legend is set
            # activities: on the right of the axes (the layout makes room)
            ax.legend(
                handles=[
                    Patch(color=self.colors_[label], label=class_names[label])
                    for label in labels
                ],
                loc="upper left",
                bbox_to_anchor=(1.01, 1.0),
                fontsize="small",
                title="activity",
                title_fontsize="small",
            )

        self.ax_ = ax
        self.figure_ = fig
        return self

    @classmethod
    def from_estimator(
        cls,
        estimator,
        recording,
        *,
        y_true=None,
        sampling_rate=50.0,
        channel_names=None,
        target_names=None,
        ax=None,
        channels=None,
        show_windows=True,
        legend=True,
        line_kw=None,
        span_kw=None,
    ):
        """Predict a recording with a fitted windowed classifier and plot it.

        The per-sample predictions are ``estimator.predict(recording)``;
        the windows are those of the regular grid that prediction uses
        (``window_size`` and ``step`` of the fitted ``estimator.windows_``),
        and ``estimator.windows_.unlabelled`` is the label drawn without
        colour. Every sample is predicted: samples after the last window
        take the prediction of the windows before them.

        Parameters
        ----------
        estimator : WindowedClassifier
            A fitted :class:`~sklearn_har.windowing.WindowedClassifier`.
        recording : array-like of shape (n_samples, n_channels)
            One recording with the channels seen in fit (a 1-D array is one
            channel).
        y_true : array-like of shape (n_samples,), default=None
            True activity of every sample.
        sampling_rate : float, default=50.0
            Samples per second.
        channel_names : list of str, default=None
            Names of the channels.
        target_names : dict or sequence of str, default=None
            Activity names; see :class:`RecordingDisplay`.
        ax : matplotlib.axes.Axes, default=None
            See :meth:`plot`.
        channels : int, str or list of such, default=None
            See :meth:`plot`.
        show_windows : bool, default=True
            See :meth:`plot`.
        legend : bool, default=True
            See :meth:`plot`.
        line_kw, span_kw : dict, default=None
            See :meth:`plot`.

        Returns
        -------
        display : RecordingDisplay
            The display, plotted.

        Raises
        ------
        sklearn.exceptions.NotFittedError
            If ``estimator`` is not fitted.
        TypeError
            If ``estimator`` is not a windowed classifier (no ``windows_``).

        See Also
        --------
        RecordingDisplay.from_predictions : Plot given labels and predictions.

        Examples
        --------
        >>> import matplotlib
        >>> matplotlib.use("Agg")
        >>> import matplotlib.pyplot as plt
        >>> import numpy as np
        >>> from sklearn.linear_model import LogisticRegression
        >>> from sklearn.pipeline import make_pipeline
        >>> from sklearn_har.features import StatisticalFeatureExtractor
        >>> from sklearn_har.plotting import RecordingDisplay
        >>> from sklearn_har.windowing import SlidingWindowTransformer
        >>> from sklearn_har.windowing import WindowedClassifier
        >>> rng = np.random.default_rng(0)
        >>> y = np.repeat([1, 2, 1, 2], 100)
        >>> X = rng.normal(size=(400, 3)) * np.where(y == 2, 3.0, 1.0)[:, None]
        >>> clf = WindowedClassifier(
        ...     SlidingWindowTransformer(window_size=20, step=10),
        ...     make_pipeline(StatisticalFeatureExtractor(), LogisticRegression()),
        ... ).fit([X], [y])
        >>> disp = RecordingDisplay.from_estimator(clf, X, y_true=y)
        >>> len(disp.lines_), sorted(disp.pred_spans_)
        (3, [1, 2])
        >>> plt.close(disp.figure_)
        """
        _check_matplotlib_support(f"{cls.__name__}.from_estimator")
        check_is_fitted(estimator)
        windows = getattr(estimator, "windows_", None)
        if windows is None or not all(
            hasattr(windows, attr) for attr in ("window_size", "step")
        ):
            raise TypeError(
                "estimator must be a fitted WindowedClassifier (with a windows_ "
                f"step), got {type(estimator).__name__}."
            )
        X = _check_recording(recording)
        y_pred = np.asarray(estimator.predict(X))
        window_size, step = int(windows.window_size), int(windows.step)
        starts = np.arange(0, X.shape[0] - window_size + 1, step)
        return cls(
            X,
            y_true=y_true,
            y_pred=y_pred,
            window_starts=starts,
            window_size=window_size,
            sampling_rate=sampling_rate,
            channel_names=channel_names,
            target_names=target_names,
            unlabelled=getattr(windows, "unlabelled", None),
        ).plot(
            ax=ax,
            channels=channels,
            show_windows=show_windows,
            legend=legend,
            line_kw=line_kw,
            span_kw=span_kw,
        )

    @classmethod
    def from_predictions(
        cls,
        recording,
        y_true,
        y_pred,
        *,
        window_starts=None,
        window_size=None,
        sampling_rate=50.0,
        channel_names=None,
        target_names=None,
        unlabelled=0,
        ax=None,
        channels=None,
        show_windows=True,
        legend=True,
        line_kw=None,
        span_kw=None,
    ):
        """Plot a recording with given true and predicted per-sample labels.

        Parameters
        ----------
        recording : array-like of shape (n_samples, n_channels) or (n_samples,)
            One recording.
        y_true : array-like of shape (n_samples,) or None
            True activity of every sample.
        y_pred : array-like of shape (n_samples,) or None
            Predicted activity of every sample.
        window_starts : array-like of int, default=None
            First sample of every window.
        window_size : int, default=None
            Samples per window.
        sampling_rate : float, default=50.0
            Samples per second.
        channel_names : list of str, default=None
            Names of the channels.
        target_names : dict or sequence of str, default=None
            Activity names; see :class:`RecordingDisplay`.
        unlabelled : int, str or None, default=0
            Label value drawn without colour.
        ax : matplotlib.axes.Axes, default=None
            See :meth:`plot`.
        channels : int, str or list of such, default=None
            See :meth:`plot`.
        show_windows : bool, default=True
            See :meth:`plot`.
        legend : bool, default=True
            See :meth:`plot`.
        line_kw, span_kw : dict, default=None
            See :meth:`plot`.

        Returns
        -------
        display : RecordingDisplay
            The display, plotted.

        See Also
        --------
        RecordingDisplay.from_estimator : Predict with a fitted windowed
            classifier and plot.

        Examples
        --------
        >>> import matplotlib
        >>> matplotlib.use("Agg")
        >>> import matplotlib.pyplot as plt
        >>> from sklearn_har.datasets import load_sample
        >>> from sklearn_har.plotting import RecordingDisplay
        >>> data = load_sample()
        >>> X, y = data.recordings[0][:3000], data.labels[0][:3000]
        >>> disp = RecordingDisplay.from_predictions(
        ...     X, y, None, channels=["acc_x", "acc_y", "acc_z"],
        ...     channel_names=data.channel_names, target_names=data.target_names)
        >>> [str(data.target_names[label]) for label in disp.true_spans_]
        ['SITTING', 'STANDING', 'STAND_TO_SIT', 'SIT_TO_STAND']
        >>> plt.close(disp.figure_)
        """
        _check_matplotlib_support(f"{cls.__name__}.from_predictions")
        return cls(
            recording,
            y_true=y_true,
            y_pred=y_pred,
            window_starts=window_starts,
            window_size=window_size,
            sampling_rate=sampling_rate,
            channel_names=channel_names,
            target_names=target_names,
            unlabelled=unlabelled,
        ).plot(
            ax=ax,
            channels=channels,
            show_windows=show_windows,
            legend=legend,
            line_kw=line_kw,
            span_kw=span_kw,
        )
