"""The result of :func:`compare_models`: tables, summaries, exports and plots."""

import csv
import io
import json
import math

import numpy as np

__all__ = ["ComparisonResult", "summarise_rows"]

#: columns of the long table before the metrics
_ID_COLUMNS = ("model", "repeat", "fold", "seed")
#: columns after the metrics
_INFO_COLUMNS = (
    "fit_time",
    "predict_time",
    "n_train",
    "n_test",
    "test_subjects",
    "error",
)
_SUMMARY_METRICS = ("accuracy", "f1_macro", "precision_macro", "recall_macro")


def _mean_std(values):
    values = np.asarray(values, dtype=float)
    values = values[np.isfinite(values)]
    if values.size == 0:
        return math.nan, math.nan
    return float(values.mean()), float(values.std())


def summarise_rows(rows, metric_names):
    """Mean and standard deviation of every metric over the rows of one model.

    The standard deviation is taken over all (repeat, fold) rows, as in the
    box plots.  ``accuracy_std_repeats`` and ``f1_macro_std_repeats`` are
    the spread of the repeats' fold means, the part due to the seeds alone
    (NaN with a single repeat).
    """
    ok = [r for r in rows if r["error"] is None]
    out = {
        "model": rows[0]["model"],
        "n_fits": len(rows),
        "n_failed": len(rows) - len(ok),
        "n_repeats": len({r["repeat"] for r in rows}),
    }
    for metric in [*metric_names, "fit_time", "predict_time"]:
        mean, std = _mean_std([r[metric] for r in ok])
        out[f"{metric}_mean"], out[f"{metric}_std"] = mean, std
    for metric in ("accuracy", "f1_macro"):
        per_repeat = [
            _mean_std([r[metric] for r in ok if r["repeat"] == k])[0]
            for k in sorted({r["repeat"] for r in ok})
        ]
        out[f"{metric}_std_repeats"] = (
            _mean_std(per_repeat)[1] if len(per_repeat) > 1 else math.nan
        )
    return out


def _json_value(value):
    if isinstance(value, np.generic):
        value = value.item()
    if isinstance(value, float) and not math.isfinite(value):
        return None
    if isinstance(value, (list, tuple)):
        return [_json_value(v) for v in value]
    return value


def _pct(mean, std, show_std=True):
    if not math.isfinite(mean):
        return "—"
    if not show_std or not math.isfinite(std):
        return f"{100 * mean:.2f}"
    return f"{100 * mean:.2f} ± {100 * std:.2f}"


def _markdown_table(header, rows):
    lines = ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
    lines += ["| " + " | ".join(str(c) for c in row) + " |" for row in rows]
    return "\n".join(lines)


class ComparisonResult:
    """Scores of several models on identical splits (from :func:`compare_models`).

    Not built directly: :func:`compare_models` returns it.

    Attributes
    ----------
    models : list of str
        Model names, in the order given.
    labels : ndarray
        The classes, in the order of the confusion matrices and of the
        per-class F1 columns ``f1[<label>]``.
    rows : list of dict
        The long table: one row per model × repeat × fold with ``model``,
        ``repeat``, ``fold``, ``seed`` (the repeat's seed, ``None`` for a
        deterministic model), ``accuracy``, ``f1_macro``,
        ``precision_macro``, ``recall_macro``, ``f1[<label>]`` per class,
        extra scorers, ``fit_time`` and ``predict_time`` (seconds),
        ``n_train``, ``n_test``, ``test_subjects`` and ``error`` (``None``,
        or the message of a failed fit).
    subject_rows : list of dict
        Accuracy and macro-F1 of every test subject in every fit.
    confusion_matrices : dict of str -> ndarray of shape (n_repeats, n_folds, n_classes, n_classes)
        Per fit; rows are true classes, columns predicted ones.
    deterministic : dict of str -> bool
        True for a model with no ``random_state`` parameter: fitted once per
        split, whatever ``n_repeats``.
    seeds : dict of str -> list of dict
        For every repeat of a model, the seed given to each of its
        ``random_state`` parameters.
    splits : list of (ndarray, ndarray)
        The ``(train, test)`` indices shared by all models.
    n_repeats : int
        Repeats asked for.
    estimators_ : dict of str -> list of estimator or None
        Fitted estimators in (repeat, fold) order when
        ``return_estimators=True``; ``None`` otherwise.
    predictions : dict of str -> list of ndarray or None
        The test predictions of every fit, in (repeat, fold) order (windows
        only; ``None`` for recording-level models).

    See Also
    --------
    compare_models : Builds it.
    sklearn_har.plotting.ScoreDistributionDisplay : Box plots of the scores.
    """

    def __init__(
        self,
        *,
        models,
        labels,
        rows,
        subject_rows,
        confusion_matrices,
        deterministic,
        seeds,
        splits,
        n_repeats,
        metric_names,
        estimators=None,
        predictions=None,
    ):
        self.models = models
        self.labels = labels
        self.rows = rows
        self.subject_rows = subject_rows
        self.confusion_matrices = confusion_matrices
        self.deterministic = deterministic
        self.seeds = seeds
        self.splits = splits
        self.n_repeats = n_repeats
        self.metric_names = metric_names
        self.estimators_ = estimators
        self.predictions = predictions

    @classmethod
    def _from_outputs(
        cls,
        outputs,
        *,
        models,
        labels,
        metric_names,
        splits,
        seeds,
        deterministic,
        n_repeats,
        return_estimators,
    ):
        k = len(labels)
        rows, subject_rows = [], []
        confusion, estimators, predictions = {}, {}, {}
        for name in models:
            n_rep = len(seeds[name])
            confusion[name] = np.zeros((n_rep, len(splits), k, k), dtype=np.int64)
            estimators[name] = []
            predictions[name] = []
        for task, out in outputs:
            rows.append(out.row)
            subject_rows.extend(out.subjects)
            if out.confusion is not None:
                confusion[task.model][task.repeat, task.fold] = out.confusion
            estimators[task.model].append(out.estimator)
            predictions[task.model].append(out.y_pred)
        ragged = all(p is None for ps in predictions.values() for p in ps)
        return cls(
            models=models,
            labels=labels,
            rows=rows,
            subject_rows=subject_rows,
            confusion_matrices=confusion,
            deterministic=deterministic,
            seeds=seeds,
            splits=splits,
            n_repeats=n_repeats,
            metric_names=metric_names,
            estimators=estimators if return_estimators else None,
            predictions=None if ragged else predictions,
        )

    # -- tables ------------------------------------------------------------

    @property
    def columns(self):
        """Column names of the long table, in order."""
        return [*_ID_COLUMNS, *self.metric_names, *_INFO_COLUMNS]

    def _check_model(self, model):
        if model is None:
            if len(self.models) != 1:
                raise ValueError(f"Name a model: one of {self.models}.")
            return self.models[0]
        if model not in self.models:
            raise ValueError(f"Unknown model {model!r}; the result has {self.models}.")
        return model

    def _check_metric(self, metric):
        if metric not in self.metric_names and metric not in (
            "fit_time",
            "predict_time",
        ):
            raise ValueError(
                f"Unknown metric {metric!r}; choose from {self.metric_names} or "
                "fit_time, predict_time."
            )
        return metric

    def get_scores(self, metric="accuracy"):
        """Scores of every successful fit, by model.

        Parameters
        ----------
        metric : str, default="accuracy"
            A column of the long table (``"f1_macro"``, ``"f1[3]"``,
            ``"fit_time"`` ...).

        Returns
        -------
        scores : dict of str -> ndarray
            For every model, the metric over its repeats × folds (failed
            fits left out).
        """
        metric = self._check_metric(metric)
        return {
            name: np.array(
                [
                    r[metric]
                    for r in self.rows
                    if r["model"] == name and r["error"] is None
                ],
                dtype=float,
            )
            for name in self.models
        }

    def summary(self, as_frame=False):
        """Mean ± std of every metric, per model.

        Parameters
        ----------
        as_frame : bool, default=False
            Return a pandas DataFrame (needs pandas) instead of a list of
            dicts.

        Returns
        -------
        summary : list of dict or DataFrame
            One entry per model: ``n_fits``, ``n_failed``, ``n_repeats``,
            ``deterministic``, ``<metric>_mean`` and ``<metric>_std`` (over
            all repeat × fold fits), ``accuracy_std_repeats`` and
            ``f1_macro_std_repeats`` (over the repeats' fold means; NaN for a
            single repeat).
        """
        out = []
        for name in self.models:
            s = summarise_rows(
                [r for r in self.rows if r["model"] == name], self.metric_names
            )
            s["deterministic"] = self.deterministic[name]
            out.append(s)
        return self._frame(out, index="model") if as_frame else out

    @staticmethod
    def _frame(records, index=None):
        try:
            import pandas as pd
        except ImportError as exc:  # pragma: no cover - exercised without pandas
            raise ImportError(
                "as_frame=True / to_frame need pandas: pip install pandas"
            ) from exc
        frame = pd.DataFrame.from_records(records)
        return frame.set_index(index) if index else frame

    def to_frame(self, table="scores"):
        """A table as a pandas DataFrame (needs pandas).

        Parameters
        ----------
        table : {"scores", "subjects", "summary"}, default="scores"
            The long table, the per-subject scores, or :meth:`summary`.

        Returns
        -------
        frame : DataFrame
        """
        if table == "scores":
            return self._frame(self.rows).reindex(columns=self.columns)
        if table == "subjects":
            return self._frame(self.subject_rows)
        if table == "summary":
            return self.summary(as_frame=True)
        raise ValueError(
            f"table must be 'scores', 'subjects' or 'summary', got {table!r}."
        )

    def subject_scores(self, model=None, metric="accuracy"):
        """Mean score of every test subject over the repeats.

        Parameters
        ----------
        model : str, default=None
            The model (may be omitted when there is one).
        metric : {"accuracy", "f1_macro"}, default="accuracy"

        Returns
        -------
        scores : dict of subject -> float
        """
        model = self._check_model(model)
        if metric not in ("accuracy", "f1_macro"):
            raise ValueError(
                f"metric must be 'accuracy' or 'f1_macro', got {metric!r}."
            )
        by_subject = {}
        for r in self.subject_rows:
            if r["model"] == model:
                by_subject.setdefault(r["subject"], []).append(r[metric])
        return {s: float(np.mean(v)) for s, v in sorted(by_subject.items())}

    def confusion_matrix(self, model=None, *, normalize=None):
        """Confusion matrix of a model, summed over folds and repeats.

        Parameters
        ----------
        model : str, default=None
            The model (may be omitted when there is one).
        normalize : {None, "true", "pred", "all"}, default=None
            As :func:`sklearn.metrics.confusion_matrix`: rows sum to 1
            (``"true"``), columns (``"pred"``) or everything (``"all"``).

        Returns
        -------
        cm : ndarray of shape (n_classes, n_classes)
            Rows: true classes, columns: predicted, in ``labels`` order.
        """
        model = self._check_model(model)
        cm = self.confusion_matrices[model].sum(axis=(0, 1))
        if normalize is None:
            return cm
        axis = {"true": 1, "pred": 0, "all": None}.get(normalize, "bad")
        if axis == "bad":
            raise ValueError(
                f"normalize must be None, 'true', 'pred' or 'all', got {normalize!r}."
            )
        with np.errstate(invalid="ignore", divide="ignore"):
            total = cm.sum(axis=axis, keepdims=axis is not None)
            return np.nan_to_num(cm / total)

    # -- exports ------------------------------------------------------------

    def to_markdown(self, *, target_names=None):
        """The summary, per-class F1, per-subject scores and confusion matrices.

        Parameters
        ----------
        target_names : dict or sequence, default=None
            Names of the classes (a dict label -> name, or a sequence in
            ``labels`` order); the labels otherwise.

        Returns
        -------
        text : str
            Markdown: accuracies and macro-F1 in % as mean ± std over the
            repeats × folds.
        """
        names = self._label_names(target_names)
        summary = self.summary()
        out = ["## Scores (%, mean ± std over repeats × folds)", ""]
        header = ["model", "accuracy", "macro-F1", "macro precision", "macro recall"]
        header += ["fits", "failed", "seeds", "fit s", "predict s"]
        rows = []
        for s in summary:
            rows.append(
                [
                    s["model"],
                    *[
                        _pct(s[f"{m}_mean"], s[f"{m}_std"], s["n_fits"] > 1)
                        for m in _SUMMARY_METRICS
                    ],
                    s["n_fits"],
                    s["n_failed"],
                    "deterministic" if s["deterministic"] else s["n_repeats"],
                    f"{s['fit_time_mean']:.1f}",
                    f"{s['predict_time_mean']:.2f}",
                ]
            )
        out += [_markdown_table(header, rows), ""]
        if any(s["n_repeats"] > 1 for s in summary):
            out += [
                "Spread over the seeds alone (std of the repeats' fold means): "
                + ", ".join(
                    f"{s['model']} {100 * s['accuracy_std_repeats']:.2f}"
                    for s in summary
                    if math.isfinite(s["accuracy_std_repeats"])
                ),
                "",
            ]
        out += ["## F1 per class (%)", ""]
        rows = [
            [
                s["model"],
                *[_pct(s[f"f1[{label}]_mean"], 0, False) for label in self.labels],
            ]
            for s in summary
        ]
        out += [_markdown_table(["model", *names], rows), ""]
        subjects = sorted({r["subject"] for r in self.subject_rows})
        if subjects:
            out += ["## Accuracy per test subject (%)", ""]
            rows = []
            for name in self.models:
                scores = self.subject_scores(name)
                rows.append(
                    [name, *[_pct(scores.get(s, math.nan), 0, False) for s in subjects]]
                )
            out += [_markdown_table(["model", *map(str, subjects)], rows), ""]
        for name in self.models:
            cm = self.confusion_matrix(name)
            out += [f"## Confusion matrix: {name} (summed over folds and repeats)", ""]
            out += [
                _markdown_table(
                    ["true \\ predicted", *names],
                    [[n, *row.tolist()] for n, row in zip(names, cm, strict=True)],
                ),
                "",
            ]
        errors = [r for r in self.rows if r["error"] is not None]
        if errors:
            out += ["## Failed fits", ""]
            out += [
                f"- {r['model']} repeat {r['repeat']} fold {r['fold']}: {r['error']}"
                for r in errors
            ]
            out.append("")
        return "\n".join(out)

    def _label_names(self, target_names):
        if target_names is None:
            return [str(label) for label in self.labels]
        if isinstance(target_names, dict):
            return [str(target_names.get(label, label)) for label in self.labels]
        target_names = list(target_names)
        if len(target_names) != len(self.labels):
            raise ValueError(
                f"target_names has {len(target_names)} names for {len(self.labels)} "
                "classes."
            )
        return [str(n) for n in target_names]

    def to_dict(self):
        """Everything as plain Python (JSON-ready) values.

        Returns
        -------
        data : dict
            ``models``, ``labels``, ``deterministic``, ``seeds``, ``rows``,
            ``subject_rows``, ``summary`` and ``confusion_matrices`` (nested
            lists per repeat and fold).
        """
        return {
            "models": self.models,
            "labels": [_json_value(v) for v in self.labels],
            "n_repeats": self.n_repeats,
            "deterministic": self.deterministic,
            "seeds": self.seeds,
            "rows": [{k: _json_value(v) for k, v in r.items()} for r in self.rows],
            "subject_rows": [
                {k: _json_value(v) for k, v in r.items()} for r in self.subject_rows
            ],
            "summary": [
                {k: _json_value(v) for k, v in s.items()} for s in self.summary()
            ],
            "confusion_matrices": {
                k: v.tolist() for k, v in self.confusion_matrices.items()
            },
        }

    def to_json(self, path=None):
        """:meth:`to_dict` as JSON, written to ``path`` or returned.

        Parameters
        ----------
        path : str or path-like, default=None

        Returns
        -------
        text : str or None
            The JSON text when ``path`` is None.
        """
        text = json.dumps(self.to_dict(), indent=1)
        if path is None:
            return text
        with open(path, "w", encoding="utf-8") as f:
            f.write(text)
        return None

    def to_csv(self, path=None, *, table="scores"):
        """The long table (or per-subject scores) as CSV; no pandas needed.

        Parameters
        ----------
        path : str or path-like, default=None
        table : {"scores", "subjects"}, default="scores"

        Returns
        -------
        text : str or None
            The CSV text when ``path`` is None.
        """
        if table == "scores":
            rows, columns = self.rows, self.columns
        elif table == "subjects":
            rows = self.subject_rows
            columns = [
                "model",
                "repeat",
                "fold",
                "subject",
                "n_test",
                "accuracy",
                "f1_macro",
            ]
        else:
            raise ValueError(f"table must be 'scores' or 'subjects', got {table!r}.")
        buffer = io.StringIO()
        writer = csv.DictWriter(buffer, fieldnames=columns, lineterminator="\n")
        writer.writeheader()
        for r in rows:
            writer.writerow(
                {
                    k: " ".join(map(str, v)) if isinstance(v, list) else _json_value(v)
                    for k, v in r.items()
                }
            )
        if path is None:
            return buffer.getvalue()
        with open(path, "w", encoding="utf-8", newline="") as f:
            f.write(buffer.getvalue())
        return None

    # -- plots --------------------------------------------------------------

    def plot_scores(self, metric="accuracy", *, ax=None, **kwargs):
        """Box plot of a metric over repeats × folds, one box per model.

        Parameters
        ----------
        metric : str, default="accuracy"
        ax : matplotlib Axes, default=None
        **kwargs : dict
            Passed to :meth:`ScoreDistributionDisplay.plot
            <sklearn_har.plotting.ScoreDistributionDisplay.plot>`.

        Returns
        -------
        display : sklearn_har.plotting.ScoreDistributionDisplay
        """
        from ..plotting import ScoreDistributionDisplay

        return ScoreDistributionDisplay.from_comparison(
            self, metric=metric, ax=ax, **kwargs
        )

    def plot_confusion_matrix(
        self, model=None, *, normalize="true", target_names=None, ax=None, **kwargs
    ):
        """Confusion matrix summed over folds and repeats, normalised.

        Parameters
        ----------
        model : str, default=None
        normalize : {None, "true", "pred", "all"}, default="true"
        target_names : dict or sequence, default=None
            Class names for the axes.
        ax : matplotlib Axes, default=None
        **kwargs : dict
            Passed to :meth:`sklearn.metrics.ConfusionMatrixDisplay.plot`.

        Returns
        -------
        display : sklearn.metrics.ConfusionMatrixDisplay
        """
        from sklearn.metrics import ConfusionMatrixDisplay

        model = self._check_model(model)
        display = ConfusionMatrixDisplay(
            self.confusion_matrix(model, normalize=normalize),
            display_labels=self._label_names(target_names),
        )
        kwargs.setdefault("values_format", ".2f" if normalize else "d")
        kwargs.setdefault("xticks_rotation", "vertical")
        display.plot(ax=ax, **kwargs)
        display.ax_.set_title(model)
        return display

    def __repr__(self):
        parts = []
        for s in self.summary():
            parts.append(
                f"{s['model']}: accuracy {_pct(s['accuracy_mean'], s['accuracy_std'])} %"
            )
        return f"ComparisonResult({'; '.join(parts)})"
