"""Distribution of cross-validated scores, one box (or strip) per model."""

from collections.abc import Mapping

import numpy as np

from ._base import _check_axes, _check_matplotlib_support, _merge_kw, _new_figure

__all__ = ["ScoreDistributionDisplay"]

_KINDS = ("box", "strip")


def _check_scores(scores):
    """Validate ``{model name: 1-D scores}``; return names and float arrays."""
    if not isinstance(scores, Mapping):
        raise TypeError(
            "scores must be a dict mapping model names to 1-D arrays of scores, "
            f"got {type(scores).__name__}."
        )
    if len(scores) == 0:
        raise ValueError("scores is empty: at least one model is needed.")
    names, values = [], []
    for name, model_scores in scores.items():
        try:
            arr = np.asarray(model_scores, dtype=float)
        except (TypeError, ValueError) as exc:
            raise TypeError(
                f"The scores of model {name!r} must be numeric: {exc}"
            ) from None
        if arr.ndim != 1:
            raise ValueError(
                f"The scores of model {name!r} must be a 1-D array (one score per "
                f"repeat and fold), got shape {arr.shape}."
            )
        if arr.shape[0] == 0:
            raise ValueError(f"Model {name!r} has no score (an empty array).")
        if not np.isfinite(arr).all():
            raise ValueError(
                f"The scores of model {name!r} contain NaN or infinity (failed "
                "fits?); drop them before plotting."
            )
        names.append(str(name))
        values.append(arr)
    return names, values


def _check_metric(metric):
    if not isinstance(metric, str) or not metric:
        raise TypeError(f"metric must be a non-empty string, got {metric!r}.")
    return metric


class ScoreDistributionDisplay:
    """Distribution of the scores of several models: boxes and points.

    One box (or strip of points) per model, models on the x axis in the
    order of ``scores``, the metric on the y axis: the spread over repeats
    and folds of a subject-wise cross-validation shows whether a difference
    between models is larger than the noise of the evaluation.

    It is recommended to create a display with :meth:`from_comparison` or
    :meth:`from_scores`. All parameters are stored as attributes. Needs
    matplotlib (extra ``plot``).

    Parameters
    ----------
    scores : dict of str to array-like of shape (n_scores,)
        Scores of each model, one per (repeat, fold), e.g. the
        ``test_score`` of :func:`~sklearn.model_selection.cross_validate`.
        The dict order is the plotting order.
    metric : str, default="accuracy"
        Name of the metric, the label of the y axis.

    Attributes
    ----------
    ax_ : matplotlib.axes.Axes
        The axes of the plot.
    figure_ : matplotlib.figure.Figure
        The figure holding ``ax_``.
    boxes_ : dict of str to list of matplotlib artists, or None
        What :meth:`matplotlib.axes.Axes.boxplot` returned (``"boxes"``,
        ``"medians"``, ``"whiskers"``, ``"caps"``, ``"fliers"``,
        ``"means"``), one box per model; None when ``kind="strip"``.
    points_ : list of matplotlib.collections.PathCollection, or None
        The individual scores of each model (jittered horizontally), in
        model order; None when ``kind="box"`` and ``show_points=False``.
    means_ : matplotlib.lines.Line2D or None
        The mean score of each model (``kind="strip"``); None for boxes.

    See Also
    --------
    ScoreDistributionDisplay.from_comparison : Plot the scores of a model
        comparison result.
    ScoreDistributionDisplay.from_scores : Plot a dict of scores.
    TrainingHistoryDisplay : Training curves of a deep classifier.

    Examples
    --------
    >>> import matplotlib
    >>> matplotlib.use("Agg")
    >>> import matplotlib.pyplot as plt
    >>> from sklearn_har.plotting import ScoreDistributionDisplay
    >>> scores = {"SVM": [0.91, 0.93, 0.90, 0.94], "CNN": [0.89, 0.95, 0.92, 0.93]}
    >>> disp = ScoreDistributionDisplay(scores, metric="accuracy").plot()
    >>> len(disp.boxes_["boxes"]), disp.ax_.get_ylabel()
    (2, 'accuracy')
    >>> [tick.get_text() for tick in disp.ax_.get_xticklabels()]
    ['SVM', 'CNN']
    >>> plt.close(disp.figure_)
    """

    def __init__(self, scores, *, metric="accuracy"):
        self.scores = scores
        self.metric = metric

    def plot(
        self,
        *,
        ax=None,
        kind="box",
        show_points=True,
        jitter=0.08,
        xticks_rotation="horizontal",
        box_kw=None,
        points_kw=None,
        mean_kw=None,
    ):
        """Plot the score distributions.

        Parameters
        ----------
        ax : matplotlib.axes.Axes, default=None
            Axes to plot on; None creates a new figure and axes.
        kind : {"box", "strip"}, default="box"
            ``"box"``: a box plot per model (median, quartiles, whiskers at
            1.5 IQR), with the individual scores on top when
            ``show_points``. ``"strip"``: only the individual scores and a
            mark at their mean.
        show_points : bool, default=True
            Draw the individual scores over the boxes (``kind="box"``; the
            box outliers are then not drawn twice). A strip always shows
            them.
        jitter : float, default=0.08
            Half-width of the random horizontal spread of the points, in
            units of the distance between models (a fixed seed: the same
            plot every time). 0 puts the points on a vertical line.
        xticks_rotation : {"vertical", "horizontal"} or float, \
                default="horizontal"
            Rotation of the model names; use e.g. 30 for long names.
        box_kw : dict, default=None
            Keyword arguments passed to :meth:`matplotlib.axes.Axes.boxplot`.
        points_kw : dict, default=None
            Keyword arguments passed to :meth:`matplotlib.axes.Axes.scatter`
            for the individual scores.
        mean_kw : dict, default=None
            Keyword arguments passed to :meth:`matplotlib.axes.Axes.plot`
            for the mean marks of ``kind="strip"``.

        Returns
        -------
        display : ScoreDistributionDisplay
            The display, with the attributes ``ax_``, ``figure_``,
            ``boxes_``, ``points_`` and ``means_`` set.
        """
        _check_matplotlib_support(f"{type(self).__name__}.plot")
        from matplotlib.lines import Line2D

        metric = _check_metric(self.metric)
        names, values = _check_scores(self.scores)
        if kind not in _KINDS:
            raise ValueError(f"kind must be one of {_KINDS}, got {kind!r}.")
        if not np.isscalar(jitter) or not 0 <= float(jitter) < 0.5:
            raise ValueError(f"jitter must be a number in [0, 0.5), got {jitter!r}.")
        _check_axes(ax)
        if ax is None:
            fig, ax = _new_figure(
                figsize=(max(4.0, 1.1 * len(names) + 2.0), 4.0), layout="constrained"
            )
        else:
            fig = ax.figure

        positions = np.arange(1, len(names) + 1)
        colors = [f"C{i % 10}" for i in range(len(names))]
        draw_points = kind == "strip" or show_points

        self.boxes_ = None
        self.means_ = None
        if kind == "box":
            box_kw = _merge_kw(
                {
                    "positions": positions,
                    "widths": 0.5,
                    "showfliers": not draw_points,
                    "medianprops": {"color": "black"},
                },
                box_kw,
                "box_kw",
            )
            self.boxes_ = ax.boxplot(values, **box_kw)
        else:
            means = [v.mean() for v in values]
            mean_kw = _merge_kw(
                {
                    "linestyle": "none",
                    "marker": "_",
                    "markersize": 28,
                    "markeredgewidth": 2,
                    "color": "black",
                    "label": "mean",
                    "zorder": 3,
                },
                mean_kw,
                "mean_kw",
                Line2D,
            )
            (self.means_,) = ax.plot(positions, means, **mean_kw)

        self.points_ = None
        if draw_points:
            rng = np.random.default_rng(0)
            self.points_ = []
            for pos, color, v in zip(positions, colors, values, strict=True):
                kw = _merge_kw(
                    {
                        "color": color,
                        "s": 18,
                        "alpha": 0.7,
                        "edgecolors": "none",
                        "zorder": 2.5,
                    },
                    points_kw,
                    "points_kw",
                )
                if points_kw and "c" in points_kw:
                    kw.pop("color")  # scatter refuses both c and color
                x = pos + rng.uniform(-jitter, jitter, size=v.shape[0])
                self.points_.append(ax.scatter(x, v, **kw))

        ax.set_xticks(positions, names)
        ax.set_xlim(0.5, len(names) + 0.5)
        if xticks_rotation not in ("horizontal", "vertical"):
            xticks_rotation = float(xticks_rotation)
        ha = "center" if xticks_rotation in ("horizontal", "vertical", 0) else "right"
        for label in ax.get_xticklabels():
            label.set_rotation(xticks_rotation)
            label.set_horizontalalignment(ha)
            if ha == "right":
                label.set_rotation_mode("anchor")
        ax.set_ylabel(metric)
        ax.grid(axis="y", alpha=0.3)

        self.ax_ = ax
        self.figure_ = fig
        return self

    @classmethod
    def from_comparison(
        cls,
        result,
        *,
        metric="accuracy",
        ax=None,
        kind="box",
        show_points=True,
        jitter=0.08,
        xticks_rotation="horizontal",
        box_kw=None,
        points_kw=None,
        mean_kw=None,
    ):
        """Plot the score distributions of a model comparison result.

        Parameters
        ----------
        result : comparison result
            A model comparison result of :mod:`sklearn_har.model_selection`:
            any object with a ``get_scores(metric)`` method returning a
            dict ``{model name: 1-D array of scores}`` over all (repeat,
            fold) rows.
        metric : str, default="accuracy"
            The metric to plot; one of those the comparison computed.
        ax : matplotlib.axes.Axes, default=None
            Axes to plot on; None creates a new figure and axes.
        kind : {"box", "strip"}, default="box"
            See :meth:`plot`.
        show_points : bool, default=True
            See :meth:`plot`.
        jitter : float, default=0.08
            See :meth:`plot`.
        xticks_rotation : {"vertical", "horizontal"} or float, \
                default="horizontal"
            See :meth:`plot`.
        box_kw, points_kw, mean_kw : dict, default=None
            See :meth:`plot`.

        Returns
        -------
        display : ScoreDistributionDisplay
            The display, plotted.

        See Also
        --------
        ScoreDistributionDisplay.from_scores : Plot a dict of scores.

        Examples
        --------
        >>> import matplotlib
        >>> matplotlib.use("Agg")
        >>> import matplotlib.pyplot as plt
        >>> from sklearn_har.plotting import ScoreDistributionDisplay
        >>> class Result:  # stands for a comparison result
        ...     def get_scores(self, metric):
        ...         return {"SVM": [0.9, 0.92, 0.95], "kNN": [0.85, 0.88, 0.86]}
        >>> disp = ScoreDistributionDisplay.from_comparison(
        ...     Result(), metric="f1_macro", kind="strip")
        >>> disp.ax_.get_ylabel(), len(disp.points_)
        ('f1_macro', 2)
        >>> plt.close(disp.figure_)
        """
        _check_matplotlib_support(f"{cls.__name__}.from_comparison")
        metric = _check_metric(metric)
        get_scores = getattr(result, "get_scores", None)
        if not callable(get_scores):
            raise TypeError(
                "result must be a model comparison result with a get_scores(metric) "
                f"method, got {type(result).__name__}."
            )
        try:
            scores = get_scores(metric)
        except KeyError as exc:
            raise ValueError(
                f"Unknown metric {metric!r} for this comparison result: {exc}"
            ) from exc
        if isinstance(scores, Mapping) and len(scores) == 0:
            raise ValueError(
                f"The comparison result has no {metric!r} score (every fit failed?)."
            )
        return cls(scores, metric=metric).plot(
            ax=ax,
            kind=kind,
            show_points=show_points,
            jitter=jitter,
            xticks_rotation=xticks_rotation,
            box_kw=box_kw,
            points_kw=points_kw,
            mean_kw=mean_kw,
        )

    @classmethod
    def from_scores(
        cls,
        scores,
        *,
        metric="accuracy",
        ax=None,
        kind="box",
        show_points=True,
        jitter=0.08,
        xticks_rotation="horizontal",
        box_kw=None,
        points_kw=None,
        mean_kw=None,
    ):
        """Plot the score distributions of a dict of scores.

        Parameters
        ----------
        scores : dict of str to array-like of shape (n_scores,)
            Scores of each model, e.g. from
            :func:`~sklearn.model_selection.cross_val_score`; the dict order
            is the plotting order.
        metric : str, default="accuracy"
            Name of the metric, the label of the y axis.
        ax : matplotlib.axes.Axes, default=None
            Axes to plot on; None creates a new figure and axes.
        kind : {"box", "strip"}, default="box"
            See :meth:`plot`.
        show_points : bool, default=True
            See :meth:`plot`.
        jitter : float, default=0.08
            See :meth:`plot`.
        xticks_rotation : {"vertical", "horizontal"} or float, \
                default="horizontal"
            See :meth:`plot`.
        box_kw, points_kw, mean_kw : dict, default=None
            See :meth:`plot`.

        Returns
        -------
        display : ScoreDistributionDisplay
            The display, plotted.

        See Also
        --------
        ScoreDistributionDisplay.from_comparison : Plot a comparison result.

        Examples
        --------
        >>> import matplotlib
        >>> matplotlib.use("Agg")
        >>> import matplotlib.pyplot as plt
        >>> from sklearn.datasets import load_iris
        >>> from sklearn.model_selection import cross_val_score
        >>> from sklearn.linear_model import LogisticRegression
        >>> from sklearn.tree import DecisionTreeClassifier
        >>> from sklearn_har.plotting import ScoreDistributionDisplay
        >>> X, y = load_iris(return_X_y=True)
        >>> models = {"logistic": LogisticRegression(max_iter=500),
        ...           "tree": DecisionTreeClassifier(random_state=0)}
        >>> scores = {name: cross_val_score(model, X, y, cv=5)
        ...           for name, model in models.items()}
        >>> disp = ScoreDistributionDisplay.from_scores(scores)
        >>> len(disp.boxes_["boxes"])
        2
        >>> plt.close(disp.figure_)
        """
        _check_matplotlib_support(f"{cls.__name__}.from_scores")
        return cls(scores, metric=metric).plot(
            ax=ax,
            kind=kind,
            show_points=show_points,
            jitter=jitter,
            xticks_rotation=xticks_rotation,
            box_kw=box_kw,
            points_kw=points_kw,
            mean_kw=mean_kw,
        )
