"""Training curves (loss, accuracy, ...) of the Keras-backed classifiers."""

from collections.abc import Mapping

import numpy as np
from sklearn.utils.validation import check_is_fitted

from ._base import _check_matplotlib_support, _merge_kw, _new_figure

__all__ = ["TrainingHistoryDisplay"]

_VAL = "val_"


def _check_history(history):
    """``{key: 1-D float array}`` from a history dict or a Keras ``History``."""
    if not isinstance(history, Mapping):
        inner = getattr(history, "history", None)  # keras.callbacks.History
        if not isinstance(inner, Mapping):
            raise TypeError(
                "history must be a dict {metric: per-epoch values} (e.g. the "
                "history_ of a fitted deep classifier) or a Keras History object, "
                f"got {type(history).__name__}."
            )
        history = inner
    if len(history) == 0:
        raise ValueError("history is empty: no metric was recorded.")
    out = {}
    for key, values in history.items():
        if not isinstance(key, str):
            raise TypeError(f"history keys must be metric names, got {key!r}.")
        try:
            arr = np.asarray(values, dtype=float)
        except (TypeError, ValueError) as exc:
            raise TypeError(
                f"history[{key!r}] must be numeric per-epoch values: {exc}"
            ) from None
        if arr.ndim != 1:
            raise ValueError(
                f"history[{key!r}] must be 1-D (one value per epoch), got shape "
                f"{arr.shape}."
            )
        if arr.shape[0] == 0:
            raise ValueError(f"history[{key!r}] is empty: no epoch was recorded.")
        out[key] = arr
    return out


def _default_metrics(history):
    """Every metric with a training entry, ``loss`` first, then history order."""
    names = [key for key in history if not key.startswith(_VAL)]
    if "loss" in names:
        names.remove("loss")
        names.insert(0, "loss")
    if not names:
        raise ValueError(
            "history has no training entry (only validation entries "
            f"{sorted(history)}); pass metrics explicitly."
        )
    return names


def _check_metrics(metrics, history):
    if metrics is None:
        return _default_metrics(history)
    if isinstance(metrics, str):
        metrics = [metrics]
    try:
        metrics = list(metrics)
    except TypeError:
        raise TypeError(
            f"metrics must be a metric name, a list of names or None, got {metrics!r}."
        ) from None
    if not metrics:
        raise ValueError("metrics is empty: give at least one metric name.")
    available = sorted({key.removeprefix(_VAL) for key in history})
    for name in metrics:
        if not isinstance(name, str):
            raise TypeError(f"metrics must hold metric names, got {name!r}.")
        if name.startswith(_VAL):
            raise ValueError(
                f"Give the metric name without the 'val_' prefix ({name[4:]!r} "
                "draws the training and the validation curves)."
            )
        if name not in history and _VAL + name not in history:
            raise ValueError(f"Unknown metric {name!r}: the history holds {available}.")
    if len(set(metrics)) != len(metrics):
        raise ValueError(f"metrics has duplicates: {metrics}.")
    return metrics


def _find_history(estimator):
    """The estimator holding ``history_``: itself, a Pipeline's last step, or
    the ``estimator_`` / ``best_estimator_`` of a meta-estimator (recursively)."""
    current, path = estimator, []
    for _ in range(20):  # nesting depth guard
        path.append(type(current).__name__)
        if hasattr(current, "history_"):
            return current
        steps = getattr(current, "steps", None)
        if isinstance(steps, list) and steps:
            current = steps[-1][1]
        elif hasattr(current, "estimator_"):
            current = current.estimator_
        elif hasattr(current, "best_estimator_"):
            current = current.best_estimator_
        else:
            break
    raise ValueError(
        f"No training history (history_) found in {' -> '.join(path)}: expected "
        "a fitted deep classifier of sklearn_har.deep, or a Pipeline or "
        "meta-estimator (e.g. WindowedClassifier) whose final step or estimator_ "
        "is one."
    )


class TrainingHistoryDisplay:
    """Training curves of a Keras-backed classifier, one axes per metric.

    The per-epoch training values and, when the classifier was fitted with
    ``validation_split``, the validation values, against the epoch (1-based):
    by default a loss and an accuracy panel side by side. Diverging training
    and validation curves show overfitting; curves still falling at the last
    epoch show that more epochs would help.

    It is recommended to create a display with :meth:`from_estimator` or
    :meth:`from_history`. All parameters are stored as attributes. Needs
    matplotlib (extra ``plot``).

    Parameters
    ----------
    history : dict of str to list of float
        Per-epoch values of each metric, as the ``history_`` attribute of a
        fitted deep classifier of :mod:`sklearn_har.deep` (``loss``,
        ``accuracy``, other compiled metrics, and ``val_``-prefixed
        validation entries), or a Keras ``History`` object.
    estimator_name : str, default=None
        Name of the model, written in the legend labels. None writes only
        "training" and "validation".

    Attributes
    ----------
    axes_ : ndarray of matplotlib.axes.Axes of shape (n_metrics,)
        One axes per plotted metric.
    figure_ : matplotlib.figure.Figure
        The figure holding ``axes_``.
    lines_ : dict of str to matplotlib.lines.Line2D
        The curve of every plotted history key (e.g. ``"loss"``,
        ``"val_loss"``).

    See Also
    --------
    TrainingHistoryDisplay.from_estimator : Plot the history of a fitted
        deep classifier, alone or inside a pipeline.
    TrainingHistoryDisplay.from_history : Plot a history dict.
    ScoreDistributionDisplay : Cross-validated scores of several models.

    Examples
    --------
    >>> import matplotlib
    >>> matplotlib.use("Agg")
    >>> import matplotlib.pyplot as plt
    >>> from sklearn_har.plotting import TrainingHistoryDisplay
    >>> history = {"loss": [1.2, 0.8, 0.6], "accuracy": [0.55, 0.7, 0.8],
    ...            "val_loss": [1.1, 0.9, 0.85], "val_accuracy": [0.6, 0.68, 0.7]}
    >>> disp = TrainingHistoryDisplay(history, estimator_name="CNN").plot()
    >>> [ax.get_title() for ax in disp.axes_]
    ['loss', 'accuracy']
    >>> disp.lines_["val_loss"].get_ydata().tolist()
    [1.1, 0.9, 0.85]
    >>> plt.close(disp.figure_)
    """

    def __init__(self, history, *, estimator_name=None):
        self.history = history
        self.estimator_name = estimator_name

    def plot(self, *, axes=None, metrics=None, line_kw=None, val_line_kw=None):
        """Plot the training curves.

        Parameters
        ----------
        axes : matplotlib.axes.Axes or array-like of such, default=None
            One axes per metric; None creates a figure with the metrics side
            by side. Passing the axes of an earlier display overlays the
            curves of another model.
        metrics : str or list of str, default=None
            Metrics to plot, without the ``val_`` prefix; each panel shows
            the training curve and the validation curve when the history
            has one. None plots every metric that has a training entry,
            ``loss`` first (by default ``loss`` and ``accuracy``).
        line_kw : dict, default=None
            Keyword arguments passed to :meth:`matplotlib.axes.Axes.plot`
            for the training curves.
        val_line_kw : dict, default=None
            Keyword arguments passed to :meth:`matplotlib.axes.Axes.plot`
            for the validation curves (dashed, in the colour of the training
            curve, by default).

        Returns
        -------
        display : TrainingHistoryDisplay
            The display, with the attributes ``axes_``, ``figure_`` and
            ``lines_`` set.
        """
        _check_matplotlib_support(f"{type(self).__name__}.plot")
        from matplotlib.axes import Axes
        from matplotlib.lines import Line2D
        from matplotlib.ticker import MaxNLocator

        history = _check_history(self.history)
        metrics = _check_metrics(metrics, history)
        name = self.estimator_name
        if name is not None and not isinstance(name, str):
            raise TypeError(f"estimator_name must be a string or None, got {name!r}.")

        if axes is None:
            n = len(metrics)
            fig, axes = _new_figure(
                ncols=n, figsize=(4.5 * n, 3.6), squeeze=False, layout="constrained"
            )
            axes = axes.ravel()
        else:
            axes = np.atleast_1d(np.asarray(axes, dtype=object)).ravel()
            if not all(isinstance(ax, Axes) for ax in axes):
                raise TypeError("axes must be matplotlib Axes (or None).")
            if axes.shape[0] != len(metrics):
                raise ValueError(
                    f"axes holds {axes.shape[0]} axes but {len(metrics)} metrics are "
                    f"plotted ({metrics}): give one axes per metric."
                )
            fig = axes[0].figure

        train_label = "training" if name is None else f"{name} (training)"
        val_label = "validation" if name is None else f"{name} (validation)"
        self.lines_ = {}
        for ax, metric in zip(axes, metrics, strict=True):
            color = None
            if metric in history:
                values = history[metric]
                # markers when there are few epochs: a single epoch is a point
                defaults = {
                    "label": train_label,
                    "marker": "o" if values.shape[0] < 15 else None,
                }
                kw = _merge_kw(defaults, line_kw, "line_kw", Line2D)
                (line,) = ax.plot(np.arange(1, values.shape[0] + 1), values, **kw)
                self.lines_[metric] = line
                color = line.get_color()
            if _VAL + metric in history:
                values = history[_VAL + metric]
                defaults = {
                    "label": val_label,
                    "linestyle": "--",
                    "marker": "o" if values.shape[0] < 15 else None,
                }
                if color is not None:
                    defaults["color"] = color
                kw = _merge_kw(defaults, val_line_kw, "val_line_kw", Line2D)
                (line,) = ax.plot(np.arange(1, values.shape[0] + 1), values, **kw)
                self.lines_[_VAL + metric] = line
            ax.set_title(metric)
            ax.set_xlabel("epoch")
            ax.set_ylabel(metric)
            ax.xaxis.set_major_locator(MaxNLocator(integer=True))
            ax.grid(alpha=0.3)
            ax.legend()

        self.axes_ = axes
        self.figure_ = fig
        return self

    @classmethod
    def from_estimator(
        cls,
        estimator,
        *,
        axes=None,
        metrics=None,
        name=None,
        line_kw=None,
        val_line_kw=None,
    ):
        """Plot the training history of a fitted deep classifier.

        Parameters
        ----------
        estimator : estimator instance
            A fitted classifier of :mod:`sklearn_har.deep` (anything with a
            ``history_`` attribute), or a fitted
            :class:`~sklearn.pipeline.Pipeline` or meta-estimator holding
            one: the last step of a pipeline, the ``estimator_`` of e.g. a
            :class:`~sklearn_har.windowing.WindowedClassifier` and the
            ``best_estimator_`` of a search are searched, recursively.
        axes : matplotlib.axes.Axes or array-like of such, default=None
            See :meth:`plot`.
        metrics : str or list of str, default=None
            See :meth:`plot`.
        name : str, default=None
            Name of the model in the legend; None uses the class name of the
            classifier that holds ``history_``.
        line_kw, val_line_kw : dict, default=None
            See :meth:`plot`.

        Returns
        -------
        display : TrainingHistoryDisplay
            The display, plotted.

        Raises
        ------
        sklearn.exceptions.NotFittedError
            If ``estimator`` is not fitted.
        ValueError
            If no ``history_`` is found in ``estimator``.

        See Also
        --------
        TrainingHistoryDisplay.from_history : Plot a history dict.

        Examples
        --------
        >>> import matplotlib
        >>> matplotlib.use("Agg")
        >>> import matplotlib.pyplot as plt
        >>> from sklearn.base import BaseEstimator, ClassifierMixin
        >>> from sklearn.pipeline import make_pipeline
        >>> from sklearn.preprocessing import FunctionTransformer
        >>> from sklearn_har.plotting import TrainingHistoryDisplay
        >>> class FittedNet(ClassifierMixin, BaseEstimator):  # stands for a CNN
        ...     def fit(self, X, y):
        ...         self.history_ = {"loss": [0.9, 0.5], "accuracy": [0.7, 0.9]}
        ...         return self
        >>> pipe = make_pipeline(FunctionTransformer(), FittedNet()).fit([[0]], [0])
        >>> disp = TrainingHistoryDisplay.from_estimator(pipe)
        >>> disp.lines_["loss"].get_label()
        'FittedNet (training)'
        >>> plt.close(disp.figure_)
        """
        _check_matplotlib_support(f"{cls.__name__}.from_estimator")
        check_is_fitted(estimator)
        holder = _find_history(estimator)
        check_is_fitted(holder)
        if name is None:
            name = type(holder).__name__
        return cls(holder.history_, estimator_name=name).plot(
            axes=axes, metrics=metrics, line_kw=line_kw, val_line_kw=val_line_kw
        )

    @classmethod
    def from_history(
        cls,
        history,
        *,
        axes=None,
        metrics=None,
        name=None,
        line_kw=None,
        val_line_kw=None,
    ):
        """Plot a training history dict (or a Keras ``History`` object).

        Parameters
        ----------
        history : dict of str to list of float, or keras.callbacks.History
            Per-epoch values of each metric (``val_`` entries are the
            validation curves); of a Keras ``History``, its ``history``
            dict is used.
        axes : matplotlib.axes.Axes or array-like of such, default=None
            See :meth:`plot`.
        metrics : str or list of str, default=None
            See :meth:`plot`.
        name : str, default=None
            Name of the model in the legend.
        line_kw, val_line_kw : dict, default=None
            See :meth:`plot`.

        Returns
        -------
        display : TrainingHistoryDisplay
            The display, plotted.

        See Also
        --------
        TrainingHistoryDisplay.from_estimator : Plot the history of a fitted
            deep classifier.

        Examples
        --------
        >>> import matplotlib
        >>> matplotlib.use("Agg")
        >>> import matplotlib.pyplot as plt
        >>> from sklearn_har.plotting import TrainingHistoryDisplay
        >>> history = {"loss": [1.0, 0.7, 0.5, 0.45], "accuracy": [0.6, 0.75, 0.8, 0.82]}
        >>> disp = TrainingHistoryDisplay.from_history(history, metrics="loss")
        >>> disp.axes_.shape, disp.lines_["loss"].get_xdata().tolist()
        ((1,), [1, 2, 3, 4])
        >>> plt.close(disp.figure_)
        """
        _check_matplotlib_support(f"{cls.__name__}.from_history")
        return cls(history, estimator_name=name).plot(
            axes=axes, metrics=metrics, line_kw=line_kw, val_line_kw=val_line_kw
        )
