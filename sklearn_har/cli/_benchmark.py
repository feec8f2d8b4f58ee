"""Subject-wise evaluation behind ``sklearn-har benchmark``."""

import time

import numpy as np
from sklearn.metrics import accuracy_score, f1_score
from sklearn.model_selection import GroupKFold, cross_validate

from ._models import MODELS, make_model

__all__ = ["load_windows", "run_benchmark"]


def load_windows(data="sample", data_home=None):
    """UCI-protocol windows from ``"sample"``, ``"hapt"`` or a path to HAPT."""
    from ..datasets import load_hapt, load_uci_protocol

    if data in ("sample", "hapt"):
        return load_uci_protocol(data, data_home=data_home)
    return load_uci_protocol(load_hapt(data, download_if_missing=False))


def _evaluate_groupkfold(model, d, folds, n_jobs):
    n_subjects = np.unique(d.subjects).shape[0]
    if n_subjects < 2:
        raise ValueError(
            "subject-wise evaluation needs windows of at least 2 subjects."
        )
    cv = GroupKFold(n_splits=min(folds, n_subjects))
    res = cross_validate(
        model,
        d.X,
        d.y,
        groups=d.subjects,
        cv=cv,
        scoring=("accuracy", "f1_macro"),
        n_jobs=n_jobs,
    )
    n_test = d.X.shape[0] / cv.get_n_splits()
    return {
        "accuracy": res["test_accuracy"],
        "f1_macro": res["test_f1_macro"],
        "fit_s": res["fit_time"],
        "pred_per_s": n_test / res["score_time"],
    }


def _evaluate_uci(model, d):
    t0 = time.perf_counter()
    model.fit(d.X[d.train], d.y[d.train])
    fit_s = time.perf_counter() - t0
    t0 = time.perf_counter()
    pred = model.predict(d.X[~d.train])
    pred_s = time.perf_counter() - t0
    y_test = d.y[~d.train]
    return {
        "accuracy": np.array([accuracy_score(y_test, pred)]),
        "f1_macro": np.array([f1_score(y_test, pred, average="macro")]),
        "fit_s": np.array([fit_s]),
        "pred_per_s": np.array([y_test.shape[0] / pred_s]),
    }


def _fmt(values, scale=1.0, digits=1):
    values = np.asarray(values) * scale
    if values.size == 1:
        return f"{values[0]:.{digits}f}"
    return f"{values.mean():.{digits}f} ± {values.std():.{digits}f}"


def run_benchmark(
    data="sample",
    *,
    data_home=None,
    models=("baseline", "svm"),
    protocol="groupkfold",
    folds=5,
    epochs=None,
    random_state=0,
    n_jobs=None,
):
    """Evaluate models subject-wise and return a plain-text table.

    Parameters
    ----------
    data : str, default="sample"
        ``"sample"``, ``"hapt"`` or a path to the HAPT zip/folder.
    data_home : str, default=None
        Where to find HAPT for ``data="hapt"``.
    models : sequence of str, default=("baseline", "svm")
        Names from :data:`sklearn_har.cli._models.MODELS`.
    protocol : {"groupkfold", "uci"}, default="groupkfold"
        ``GroupKFold`` by subject, or the official UCI HAR subject split.
    folds : int, default=5
        Number of GroupKFold splits (at most the number of subjects).
    epochs : int, default=None
        Epochs of the deep models (their default if None).
    random_state : int, default=0
        Seed of the models.
    n_jobs : int, default=None
        Folds evaluated in parallel.

    Returns
    -------
    table : str
    """
    unknown = [m for m in models if m not in MODELS]
    if unknown or not models:
        raise ValueError(
            f"Unknown model(s) {unknown}; choose from {', '.join(MODELS)}."
        )
    if protocol not in ("groupkfold", "uci"):
        raise ValueError(f"protocol must be 'groupkfold' or 'uci', got {protocol!r}.")
    d = load_windows(data, data_home)
    subjects = np.unique(d.subjects)
    if protocol == "uci":
        split = f"official UCI HAR split: {d.train.sum()} train / {(~d.train).sum()} test windows"
    else:
        split = f"GroupKFold by subject, {min(folds, subjects.size)} folds (mean ± std)"
    lines = [
        f"data: {data} — {d.X.shape[0]} windows {d.X.shape[1:]} from {subjects.size} "
        f"subjects, activities {', '.join(map(str, d.target_names))}",
        f"evaluation: {split}",
        "",
    ]
    header = f"{'model':<15} {'accuracy %':>15} {'macro-F1 %':>15} {'fit s':>12} {'predict win/s':>14}"
    lines += [header, "-" * len(header)]
    for name in models:
        model = make_model(name, random_state=random_state, epochs=epochs)
        if protocol == "uci":
            r = _evaluate_uci(model, d)
        else:
            r = _evaluate_groupkfold(model, d, folds, n_jobs)
        lines.append(
            f"{name:<15} {_fmt(r['accuracy'], 100):>15} {_fmt(r['f1_macro'], 100):>15} "
            f"{_fmt(r['fit_s'], digits=2):>12} {np.mean(r['pred_per_s']):>14,.0f}"
        )
    return "\n".join(lines)
