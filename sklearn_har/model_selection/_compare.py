"""Models compared on identical subject-wise splits, over repeated seeds."""

import os
import sys
import time
import warnings
from collections.abc import Mapping
from numbers import Integral, Real

import numpy as np
from sklearn.base import clone
from sklearn.dummy import DummyClassifier
from sklearn.exceptions import FitFailedWarning
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import (
    accuracy_score,
    confusion_matrix,
    f1_score,
    get_scorer,
    precision_score,
    recall_score,
)
from sklearn.svm import SVC, NuSVC
from sklearn.utils import Bunch, check_random_state
from sklearn.utils.parallel import Parallel, delayed
from sklearn.utils.validation import check_consistent_length

from ._result import ComparisonResult, summarise_rows
from ._split import _n_samples, check_group_leakage, default_cv

__all__ = ["compare_models"]

_INT32_MAX = np.iinfo(np.int32).max


# scikit-learn estimators whose documentation says that ``random_state`` is
# used only in some settings: outside them the estimator is deterministic.
_USES_RANDOM_STATE = (
    ((SVC, NuSVC), lambda p: p.get("probability") is True),
    (LogisticRegression, lambda p: p["solver"] in ("sag", "saga", "liblinear")),
    (DummyClassifier, lambda p: p["strategy"] in ("stratified", "uniform")),
)


def _uses_random_state(owner):
    for classes, rule in _USES_RANDOM_STATE:
        if type(owner) in (classes if isinstance(classes, tuple) else (classes,)):
            return bool(rule(owner.get_params(deep=False)))
    return True


def _seed_params(estimator):
    """Names of the ``random_state`` parameters that a (nested) estimator uses."""
    params = estimator.get_params(deep=True)
    names = []
    for key in params:
        if key == "random_state":
            owner = estimator
        elif key.endswith("__random_state"):
            owner = params[key[: -len("__random_state")]]
        else:
            continue
        if _uses_random_state(owner):
            names.append(key)
    return sorted(names)


def _repeat_seeds(random_state, n_repeats):
    return check_random_state(random_state).randint(_INT32_MAX, size=n_repeats)


def _seeds_for(params, repeat_seed):
    """A seed for every ``random_state`` parameter, derived from the repeat's."""
    values = np.random.RandomState(repeat_seed).randint(_INT32_MAX, size=len(params))
    return {name: int(v) for name, v in zip(params, values, strict=True)}


def _uses_tensorflow(estimator):
    """Whether a (nested) estimator trains a Keras network."""
    objects = [estimator, *estimator.get_params(deep=True).values()]
    return any(
        type(obj).__module__.startswith(("sklearn_har.deep", "scikeras", "keras"))
        for obj in objects
        if hasattr(obj, "get_params")
    )


def _limit_threads(n_threads, tensorflow):
    """Cap BLAS/OpenMP (and TensorFlow) threads inside a parallel worker."""
    from threadpoolctl import threadpool_limits

    limiter = threadpool_limits(limits=n_threads)
    if tensorflow:
        from ..deep._backend import import_keras  # quiet under TF_CPP_MIN_LOG_LEVEL=3

        _, tf = import_keras()
        try:
            tf.config.threading.set_intra_op_parallelism_threads(n_threads)
            tf.config.threading.set_inter_op_parallelism_threads(n_threads)
        except RuntimeError:  # already initialised in this process: keep it
            pass
    return limiter


def _take(X, indices):
    """Rows ``indices`` of an array, a DataFrame or a list of recordings."""
    if hasattr(X, "iloc"):
        return X.iloc[indices]
    if isinstance(X, np.ndarray):
        return X[indices]
    return [X[i] for i in indices]


def _is_ragged(y):
    """True when ``y`` holds one label array per recording."""
    return not isinstance(y, np.ndarray) and len(y) > 0 and np.ndim(y[0]) > 0


def _unlabelled_value(estimator):
    windows = getattr(estimator, "windows_", None)
    return getattr(windows, "unlabelled", None)


def _flatten(y_true, y_pred, groups_test, estimator):
    """Per-sample labels of recordings, unlabelled samples removed."""
    if not _is_ragged(y_true):
        return np.asarray(y_true), np.asarray(y_pred), np.asarray(groups_test)
    lengths = [len(t) for t in y_true]
    y_true = np.concatenate([np.asarray(t) for t in y_true])
    y_pred = np.concatenate([np.asarray(p) for p in y_pred])
    groups = np.repeat(np.asarray(groups_test), lengths)
    unlabelled = _unlabelled_value(estimator)
    if unlabelled is not None:
        keep = y_true != unlabelled
        y_true, y_pred, groups = y_true[keep], y_pred[keep], groups[keep]
    return y_true, y_pred, groups


def _metrics(y_true, y_pred, labels):
    per_class = f1_score(
        y_true, y_pred, labels=labels, average=None, zero_division=np.nan
    )
    row = {
        "accuracy": accuracy_score(y_true, y_pred),
        "f1_macro": f1_score(y_true, y_pred, average="macro", zero_division=0),
        "precision_macro": precision_score(
            y_true, y_pred, average="macro", zero_division=0
        ),
        "recall_macro": recall_score(y_true, y_pred, average="macro", zero_division=0),
    }
    row.update(
        {f"f1[{label}]": float(v) for label, v in zip(labels, per_class, strict=True)}
    )
    return row


def _fit_and_score(task, estimator, X, y, groups, labels, scorers, options):
    """Fit one model on one split; never raises unless ``error_score='raise'``."""
    limiter = None
    if options.n_threads is not None:
        limiter = _limit_threads(options.n_threads, options.tensorflow[task.model])
    if options.tensorflow[task.model]:
        # import TensorFlow before the clock starts: fit_time is training only
        from ..deep._backend import import_keras

        import_keras()
    train, test = task.split
    row = {
        "model": task.model,
        "repeat": task.repeat,
        "fold": task.fold,
        "seed": task.seed,
        "n_train": int(train.size),
        "n_test": int(test.size),
        "test_subjects": sorted(np.unique(groups[test]).tolist()),
        "fit_time": np.nan,
        "predict_time": np.nan,
        "error": None,
    }
    out = Bunch(row=row, subjects=[], confusion=None, estimator=None, y_pred=None)
    try:
        return _fit_and_score_split(
            task, estimator, X, y, groups, labels, scorers, options, out
        )
    finally:
        if limiter is not None:
            limiter.restore_original_limits()


def _fit_and_score_split(task, estimator, X, y, groups, labels, scorers, options, out):
    row = out.row
    train, test = task.split
    estimator = clone(estimator)
    if task.params:
        estimator.set_params(**task.params)
    try:
        X_train, X_test = _take(X, train), _take(X, test)
        y_train, y_test = _take(y, train), _take(y, test)
        fit_params = {}
        if options.groups_fit_param.get(task.model) is not None:
            fit_params[options.groups_fit_param[task.model]] = groups[train]
        t0 = time.perf_counter()
        estimator.fit(X_train, y_train, **fit_params)
        row["fit_time"] = time.perf_counter() - t0
        t0 = time.perf_counter()
        y_pred = estimator.predict(X_test)
        row["predict_time"] = time.perf_counter() - t0
        extra = {
            name: float(s(estimator, X_test, y_test)) for name, s in scorers.items()
        }
    except Exception as exc:
        if options.error_score == "raise":
            raise
        row["error"] = f"{type(exc).__name__}: {exc}"
        row.update(dict.fromkeys(options.metric_names, options.error_score))
        return out
    y_true, y_flat, g = _flatten(y_test, y_pred, groups[test], estimator)
    row.update(_metrics(y_true, y_flat, labels))
    row.update(extra)
    out.confusion = confusion_matrix(y_true, y_flat, labels=labels)
    for subject in np.unique(g):
        sel = g == subject
        out.subjects.append(
            {
                "model": task.model,
                "repeat": task.repeat,
                "fold": task.fold,
                "subject": subject.item(),
                "n_test": int(sel.sum()),
                "accuracy": accuracy_score(y_true[sel], y_flat[sel]),
                "f1_macro": f1_score(
                    y_true[sel], y_flat[sel], average="macro", zero_division=0
                ),
            }
        )
    if not _is_ragged(y_test):
        out.y_pred = np.asarray(y_pred)
    if options.return_estimators:
        out.estimator = estimator
    return out


def _check_models(models):
    if not isinstance(models, Mapping):
        raise TypeError(
            f"models must be a dict of name -> estimator, got {type(models).__name__}."
        )
    if not models:
        raise ValueError("models is empty: pass at least one name -> estimator.")
    for name, model in models.items():
        if not isinstance(name, str):
            raise TypeError(f"Model names must be strings, got {name!r}.")
        if not (hasattr(model, "fit") and hasattr(model, "predict")):
            raise TypeError(
                f"Model {name!r} is not an estimator with fit and predict: "
                f"{type(model).__name__}."
            )
        if not hasattr(model, "get_params"):
            raise TypeError(
                f"Model {name!r} ({type(model).__name__}) has no get_params: it "
                "cannot be cloned; scikit-learn estimators derive from BaseEstimator."
            )


def _check_scoring(scoring):
    """Extra scorers by column name (the default metrics are always computed)."""
    if scoring is None:
        return {}
    if isinstance(scoring, str):
        scoring = [scoring]
    if callable(scoring):
        return {"score": scoring}
    if isinstance(scoring, Mapping):
        items = list(scoring.items())
    elif isinstance(scoring, (list, tuple, set)):
        items = [(name, name) for name in scoring]
    else:
        raise TypeError(
            "scoring must be None, a scorer name, a callable, a list of names or a "
            f"dict of name -> scorer, got {type(scoring).__name__}."
        )
    scorers = {}
    for name, scorer in items:
        if isinstance(scorer, str):
            try:
                scorer = get_scorer(scorer)
            except ValueError as exc:
                raise ValueError(f"Unknown scorer {scorer!r}: {exc}") from None
        elif not callable(scorer):
            raise TypeError(f"Scorer {name!r} is not callable: {scorer!r}.")
        scorers[str(name)] = scorer
    return scorers


def _check_positive_int(value, name):
    if isinstance(value, bool) or not isinstance(value, Integral):
        raise TypeError(f"{name} must be an int, got {value!r}.")
    if value < 1:
        raise ValueError(f"{name} must be >= 1, got {value}.")
    return int(value)


def _check_groups_fit_param(groups_fit_param, models, groups):
    """``groups_fit_param`` as a dict of model name -> fit parameter name."""
    if groups_fit_param is None:
        return {}
    if isinstance(groups_fit_param, str):
        groups_fit_param = dict.fromkeys(models, groups_fit_param)
    elif isinstance(groups_fit_param, Mapping):
        unknown = sorted(set(groups_fit_param) - set(models))
        if unknown:
            raise ValueError(
                f"groups_fit_param names models that are not in models: {unknown}."
            )
        groups_fit_param = dict(groups_fit_param)
    else:
        raise TypeError(
            "groups_fit_param must be None, a fit parameter name or a dict of "
            f"model name -> fit parameter name, got {type(groups_fit_param).__name__}."
        )
    for name, param in groups_fit_param.items():
        if param is not None and not isinstance(param, str):
            raise TypeError(
                f"groups_fit_param of model {name!r} must be a str, got {param!r}."
            )
    if groups is None and any(p is not None for p in groups_fit_param.values()):
        raise ValueError("groups_fit_param needs groups: pass groups=subjects.")
    return groups_fit_param


def _labels(y, models):
    if _is_ragged(y):
        values = np.unique(np.concatenate([np.asarray(t) for t in y]))
        for model in models.values():
            params = model.get_params()
            windows = params.get("windows")
            if windows is None and "windows" in params:  # WindowedClassifier default
                from ..windowing import SlidingWindowTransformer

                windows = SlidingWindowTransformer()
            unlabelled = getattr(windows, "unlabelled", None)
            if unlabelled is not None:
                return values[values != unlabelled]
        return values
    return np.unique(np.asarray(y))


def _n_workers(n_jobs):
    if n_jobs is None:
        return 1
    cpus = os.cpu_count() or 1
    return max(1, cpus + 1 + n_jobs) if n_jobs < 0 else int(n_jobs)


def compare_models(
    models,
    X,
    y,
    *,
    groups=None,
    cv=None,
    n_repeats=1,
    scoring=None,
    random_state=None,
    n_jobs=None,
    allow_leakage=False,
    error_score=np.nan,
    return_estimators=False,
    verbose=0,
    callback=None,
    groups_fit_param=None,
):
    """Evaluate several models on identical subject-wise splits, with repeats.

    Every model is fitted and tested on exactly the same splits.  A model
    with ``random_state`` parameters (anywhere in a Pipeline or
    meta-estimator) is *stochastic*: it is fitted ``n_repeats`` times, each
    repeat re-seeding every one of those parameters with a seed derived from
    ``random_state``, so that its scores show the spread over seeds.  A model
    with no ``random_state`` parameter is deterministic and fitted once per
    split (see Notes).  The splits are checked for subject leakage before
    anything is fitted.

    Parameters
    ----------
    models : dict of str -> estimator
        Models by name: any scikit-learn classifier or Pipeline taking the
        windows (e.g. :func:`~sklearn_har.pipeline.make_svm_pipeline`, a deep
        classifier behind a scaler), or a
        :class:`~sklearn_har.windowing.WindowedClassifier` taking recordings.
    X : array-like of shape (n_windows, n_timesteps, n_channels) or list
        Windows, or a list of recordings (for recording-level models; the
        scores are then per labelled sample).
    y : array-like of shape (n_windows,) or list of arrays
        Labels, or per-sample label arrays of the recordings.
    groups : array-like of shape (n_windows,), default=None
        Subject of every window (or recording).  Required with the default
        ``cv`` and for the leakage check.
    cv : int, cross-validation generator or iterable, default=None
        ``None``: ``GroupKFold`` by subject with 5 folds (fewer when there
        are fewer subjects); an int: that many ``GroupKFold`` folds; or any
        splitter (:class:`UCIHARSplit`, ``LeaveOneGroupOut`` ...) or iterable
        of ``(train, test)`` indices.  The splits are computed once; to vary
        them across repeats use a repeated splitter.
    n_repeats : int, default=1
        Fits of every stochastic model on every split, each with new seeds.
    scoring : str, callable, list or dict, default=None
        Extra scorers (scikit-learn scorer names or ``scorer(estimator, X,
        y)`` callables), added as columns.  Accuracy, macro-F1, macro
        precision, macro recall and per-class F1 are always reported.
    random_state : int, RandomState instance or None, default=None
        Seed from which the repeats' seeds are drawn: the same value (and the
        same ``n_jobs``) gives identical tables.  Deep models computed with
        a different number of threads may differ in the last digits, and so
        in a few predictions.
    n_jobs : int, default=None
        (model, repeat, fold) fits run in parallel with joblib.  Each worker
        then limits BLAS/OpenMP and TensorFlow to ``cpu_count // n_jobs``
        threads, so that parallel deep models do not oversubscribe the
        cores.
    allow_leakage : bool, default=False
        Warn instead of raising when a split has a subject on both sides
        (and allow ``groups=None`` with an explicit ``cv``).
    error_score : "raise" or float, default=np.nan
        Score of a fit that fails; the failure message is kept in the
        ``error`` column and the other models and folds still run.
        ``"raise"`` raises the error instead.
    return_estimators : bool, default=False
        Keep the fitted estimators in ``result.estimators_``.
    verbose : int, default=0
        ``>= 1``: a progress bar on stderr (tqdm, when installed; a line per
        fit otherwise) with model, repeat and fold.
    callback : callable, default=None
        Called after every fit with a Bunch: ``model``, ``repeat``,
        ``fold``, ``row`` (the table row), ``n_done``, ``n_total``,
        ``model_done`` and, when the model is done, ``summary`` (its mean
        and std).  Lets a caller stream results.
    groups_fit_param : str, dict of str -> str or None, default=None
        Name of the fit parameter that receives the groups of the training
        fold (sliced like ``X``), so that a model can use them, e.g. a deep
        classifier holding out whole subjects for early stopping:
        ``"groups"`` for a bare deep classifier (or for a Pipeline under
        scikit-learn's metadata routing, with
        ``set_fit_request(groups=True)`` on the classifier),
        ``"cnnclassifier__groups"`` for a Pipeline ending in a
        ``CNNClassifier`` (or a WindowedClassifier wrapping one, which
        gives every window the group of its recording).  A dict names it
        per model; models not in it get no groups.  ``None``: groups only
        define the splits.

    Returns
    -------
    result : ComparisonResult
        The long table, per-subject scores, confusion matrices and their
        summaries and plots.

    Raises
    ------
    ValueError
        Empty ``models``, ``groups`` missing, mismatched lengths, a split
        with a subject on both sides, ``n_repeats < 1``, unknown scorer,
        ``groups_fit_param`` without ``groups`` or naming unknown models.
    TypeError
        A model that is not an estimator, wrong argument types.

    Notes
    -----
    scikit-learn cannot tell whether an estimator uses its ``random_state``.
    A few documented cases are recognised as deterministic: ``SVC`` and
    ``NuSVC`` without ``probability=True``, ``LogisticRegression`` with a
    solver other than sag, saga or liblinear, and ``DummyClassifier`` with
    a strategy other than stratified or uniform.  Any other ``random_state``
    parameter makes the model stochastic; ``result.seeds`` lists the
    parameters that were re-seeded.

    The seeds of repeat ``r`` are the same for every model and fold, so
    that ``n_repeats`` runs are ``n_repeats`` complete experiments.

    See Also
    --------
    ComparisonResult : What is returned.
    UCIHARSplit : The official UCI HAR subject split, as a splitter.
    check_group_leakage : The leakage check alone.

    Examples
    --------
    >>> from sklearn.dummy import DummyClassifier
    >>> from sklearn.linear_model import LogisticRegression
    >>> from sklearn.pipeline import make_pipeline
    >>> from sklearn_har.datasets import load_uci_protocol
    >>> from sklearn_har.features import StatisticalFeatureExtractor
    >>> from sklearn_har.model_selection import compare_models
    >>> d = load_uci_protocol("sample")
    >>> result = compare_models(
    ...     {"majority": DummyClassifier(),
    ...      "stats+LR": make_pipeline(StatisticalFeatureExtractor(),
    ...                                LogisticRegression(max_iter=500))},
    ...     d.X, d.y, groups=d.subjects, cv=3, random_state=0)
    >>> result.models
    ['majority', 'stats+LR']
    >>> scores = result.get_scores("accuracy")
    >>> bool(scores["stats+LR"].mean() > scores["majority"].mean())
    True
    """
    _check_models(models)
    n_repeats = _check_positive_int(n_repeats, "n_repeats")
    for name, value in (
        ("allow_leakage", allow_leakage),
        ("return_estimators", return_estimators),
    ):
        if not isinstance(value, (bool, np.bool_)):
            raise TypeError(f"{name} must be True or False, got {value!r}.")
    if isinstance(verbose, bool) or not isinstance(verbose, Integral):
        raise TypeError(f"verbose must be an int, got {verbose!r}.")
    if n_jobs is not None and (
        isinstance(n_jobs, bool) or not isinstance(n_jobs, Integral)
    ):
        raise TypeError(f"n_jobs must be an int or None, got {n_jobs!r}.")
    if X is None or isinstance(X, (str, bytes)) or not hasattr(X, "__len__"):
        raise TypeError(
            "X must be windows (n_windows, n_timesteps, n_channels) or a list of "
            f"recordings, got {type(X).__name__}."
        )
    if isinstance(cv, (bool, np.bool_)):
        raise TypeError(f"cv must be a splitter, an int or None, not the bool {cv!r}.")
    if not (error_score == "raise" or isinstance(error_score, Real)):
        raise ValueError(
            f"error_score must be 'raise' or a number, got {error_score!r}."
        )
    if callback is not None and not callable(callback):
        raise TypeError(f"callback must be callable, got {callback!r}.")
    scorers = _check_scoring(scoring)
    groups_fit_param = _check_groups_fit_param(groups_fit_param, models, groups)
    n_samples = _n_samples(X)
    if n_samples == 0:
        raise ValueError("X is empty: no window to evaluate on.")
    check_consistent_length(X, y, *([] if groups is None else [groups]))
    if isinstance(y, (list, tuple)) and not _is_ragged(y):
        y = np.asarray(y)
    if not _is_ragged(y) and np.asarray(y).dtype.kind == "f" and np.isnan(y).any():
        raise ValueError("y contains NaN: every window needs a label.")
    if groups is None:
        if cv is None:
            raise ValueError(
                "groups is required with the default cv (GroupKFold by subject): "
                "pass groups=subjects."
            )
        if not allow_leakage:
            raise ValueError(
                "groups is None, so the splits cannot be checked for subject "
                "leakage: pass groups=subjects, or allow_leakage=True."
            )
        warnings.warn(
            "groups is None: the splits are not checked for subject leakage.",
            UserWarning,
            stacklevel=2,
        )
        from sklearn.model_selection import check_cv

        splits = [
            (np.asarray(a), np.asarray(b))
            for a, b in check_cv(cv).split(X, None if _is_ragged(y) else y)
        ]
        groups = np.zeros(n_samples, dtype=int)
    else:
        groups = np.asarray(groups)
        if cv is None:
            cv = default_cv(groups)
        splits = check_group_leakage(
            cv,
            X,
            None if _is_ragged(y) else y,
            groups=groups,
            allow_leakage=allow_leakage,
        )

    labels = _labels(y, models)
    repeat_seeds = _repeat_seeds(random_state, n_repeats)
    seed_params = {name: _seed_params(model) for name, model in models.items()}
    tasks = []
    seeds = {}
    for name in models:
        params = seed_params[name]
        repeats = range(n_repeats if params else 1)
        seeds[name] = [_seeds_for(params, repeat_seeds[r]) for r in repeats]
        for r in repeats:
            for f, split in enumerate(splits):
                tasks.append(
                    Bunch(
                        model=name,
                        repeat=r,
                        fold=f,
                        seed=int(repeat_seeds[r]) if params else None,
                        params=seeds[name][r],
                        split=split,
                    )
                )

    n_workers = _n_workers(n_jobs)
    metric_names = [
        "accuracy",
        "f1_macro",
        "precision_macro",
        "recall_macro",
        *[f"f1[{label}]" for label in labels],
        *scorers,
    ]
    options = Bunch(
        error_score=error_score,
        return_estimators=return_estimators,
        metric_names=metric_names,
        n_threads=(
            max(1, (os.cpu_count() or 1) // n_workers) if n_workers > 1 else None
        ),
        tensorflow={name: _uses_tensorflow(m) for name, m in models.items()},
        groups_fit_param=groups_fit_param,
    )
    remaining = {name: sum(t.model == name for t in tasks) for name in models}
    fits = {
        name: (n_repeats if seed_params[name] else 1, len(splits)) for name in models
    }
    progress = _Progress(tasks, fits, verbose)
    outputs = []
    generator = Parallel(n_jobs=n_jobs, return_as="generator")(
        delayed(_fit_and_score)(
            t, models[t.model], X, y, groups, labels, scorers, options
        )
        for t in tasks
    )
    try:
        for task, out in zip(tasks, generator, strict=True):
            outputs.append((task, out))
            remaining[task.model] -= 1
            done = remaining[task.model] == 0
            progress.update()
            if callback is not None:
                event = Bunch(
                    model=task.model,
                    repeat=task.repeat,
                    fold=task.fold,
                    row=out.row,
                    n_done=len(outputs),
                    n_total=len(tasks),
                    model_done=done,
                    summary=None,
                )
                if done:
                    rows = [o.row for t, o in outputs if t.model == task.model]
                    event.summary = summarise_rows(rows, metric_names)
                callback(event)
    finally:
        progress.close()

    failed = sorted({t.model for t, o in outputs if o.row["error"] is not None})
    if failed:
        n_failed = sum(o.row["error"] is not None for _, o in outputs)
        first = next(o.row["error"] for _, o in outputs if o.row["error"] is not None)
        warnings.warn(
            f"{n_failed} of {len(outputs)} fits failed (models {failed}); their "
            f"scores are error_score={error_score!r}. First error: {first}",
            FitFailedWarning,
            stacklevel=2,
        )
    return ComparisonResult._from_outputs(
        outputs,
        models=list(models),
        labels=labels,
        metric_names=metric_names,
        splits=splits,
        seeds=seeds,
        deterministic={name: not seed_params[name] for name in models},
        n_repeats=n_repeats,
        return_estimators=return_estimators,
    )


class _Progress:
    """A tqdm bar on stderr naming the next fit (a line per fit without tqdm)."""

    def __init__(self, tasks, fits, verbose):
        self.tasks, self.fits, self.verbose = tasks, fits, verbose
        self.bar = None
        self.n = 0
        if verbose < 1:
            return
        try:
            from tqdm.auto import tqdm
        except ImportError:
            return
        self.bar = tqdm(
            total=len(tasks), unit="fit", file=sys.stderr, dynamic_ncols=True
        )
        self._describe(tasks[0])

    def _describe(self, task):
        n_repeats, n_folds = self.fits[task.model]
        where = (
            f"{task.model} repeat {task.repeat + 1}/{n_repeats} "
            f"fold {task.fold + 1}/{n_folds}"
        )
        if self.bar is not None:
            self.bar.set_description_str(where, refresh=True)
        return where

    def update(self):
        task = self.tasks[self.n]
        self.n += 1
        if self.verbose < 1:
            return
        if self.bar is None:
            print(
                f"[{self.n}/{len(self.tasks)}] {self._describe(task)} done",
                file=sys.stderr,
                flush=True,
            )
            return
        self.bar.update(1)
        if self.n < len(self.tasks):
            self._describe(self.tasks[self.n])

    def close(self):
        if self.bar is not None:
            self.bar.close()
