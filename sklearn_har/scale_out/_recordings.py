"""Per-recording parallelism: one independent dask task per recording."""

import numpy as np
from sklearn.base import clone
from sklearn.exceptions import NotFittedError
from sklearn.utils import Bunch
from sklearn.utils.validation import check_is_fitted

from ._arrays import import_dask

__all__ = ["gather_windows", "process_recordings"]


def _is_fitted(estimator):
    try:
        check_is_fitted(estimator)
    except NotFittedError:
        return False
    return True


def _transform(estimator, X):
    """A fitted estimator transforms; an unfitted template is fitted on ``X``."""
    if _is_fitted(estimator):
        return estimator.transform(X)
    return clone(estimator).fit_transform(X)


def _one_recording(recording, labels, group, index, steps):
    """Filter, window, featurise and predict one recording (one task)."""
    recording = np.asarray(recording)
    if steps.preprocessor is not None:
        recording = _transform(steps.preprocessor, recording)
    windower = clone(steps.windower)
    groups = None if group is None else [group]
    Xw, yw, gw, origin = windower.segment(
        recording, labels, groups=groups, return_origin=True
    )
    X = Xw if steps.extractor is None else _transform(steps.extractor, Xw)
    out = Bunch(
        X=np.ascontiguousarray(X),
        y=yw,
        groups=gw,
        recording=np.full(origin.start.shape[0], index, dtype=np.int64),
        start=origin.start,
    )
    if steps.model is not None:
        out.y_pred = getattr(steps.model, steps.method)(X)
    return out


def process_recordings(
    recordings,
    y=None,
    groups=None,
    *,
    windower,
    preprocessor=None,
    extractor=None,
    model=None,
    method="predict",
):
    """One lazy dask task per recording: filter, windows, features, prediction.

    Each recording goes through ``preprocessor`` → ``windower.segment`` →
    ``extractor`` → ``model`` inside one :func:`dask.delayed` task, with no
    dependency between recordings, so the tasks run in parallel on the
    threaded scheduler (``dask.compute(*tasks)``) or on a cluster
    (``client.compute(tasks)``).  The estimators enter the graph once, as
    one key each, and are shipped to each worker once.  Every step treats
    each recording on its own in memory too, so
    ``gather_windows(dask.compute(*tasks))`` equals the in-memory
    computation over the list exactly (same windows, order, labels,
    subjects and origins).

    Parameters
    ----------
    recordings : list of array-like of shape (n_samples_i, n_channels)
        The recordings.  Elements may also be :class:`dask.delayed.Delayed`
        objects (e.g. one lazy file read per recording) or
        :class:`distributed.Future` objects (``client.scatter(recordings)``),
        so that the data are read or sent where the task runs.
    y : list of array-like of shape (n_samples_i,), default=None
        Per-sample labels of each recording (``None``: every window of the
        regular grid, ``y`` of the result ``None``).
    groups : array-like of shape (n_recordings,), default=None
        One value per recording (e.g. the subject).
    windower : SlidingWindowTransformer
        Cuts each recording with :meth:`segment
        <sklearn_har.windowing.SlidingWindowTransformer.segment>`.
    preprocessor : transformer, default=None
        A stream filter applied to each recording first.  A fitted one is
        used as is; an unfitted one is cloned and fitted on each recording
        (the filters learn nothing from the data).
    extractor : transformer, default=None
        Features of the windows, e.g.
        :class:`~sklearn_har.features.UCIHARFeatureExtractor` (fitted, or
        fitted on each recording's windows like ``preprocessor``).
    model : fitted estimator, default=None
        Predicts on the features (or on the windows when ``extractor`` is
        ``None``).
    method : str, default="predict"
        The method of ``model`` to call (``"predict_proba"``...).

    Returns
    -------
    tasks : list of dask.delayed.Delayed
        One per recording, in order.  Each computes to a
        :class:`~sklearn.utils.Bunch` with ``X`` (windows, or features),
        ``y``, ``groups``, ``recording`` (the index in ``recordings``),
        ``start`` (first sample of each window in its recording) and, with a
        model, ``y_pred``.  Concatenate them with :func:`gather_windows`.

    See Also
    --------
    gather_windows : Concatenate the computed tasks.
    windows_from_array : Windows of one recording too long for memory.

    Examples
    --------
    >>> import dask
    >>> from sklearn_har.datasets import load_sample
    >>> from sklearn_har.features import StatisticalFeatureExtractor
    >>> from sklearn_har.scale_out import gather_windows, process_recordings
    >>> from sklearn_har.windowing import SlidingWindowTransformer
    >>> data = load_sample()
    >>> tasks = process_recordings(
    ...     data.recordings, data.labels, data.subjects,
    ...     windower=SlidingWindowTransformer(128, 64, label="segment"),
    ...     extractor=StatisticalFeatureExtractor(),
    ... )
    >>> result = gather_windows(dask.compute(*tasks, scheduler="threads"))
    >>> result.X.shape, sorted(set(result.groups.tolist()))
    ((2053, 24), [1, 2, 3, 4, 5, 6])
    """
    dask, _ = import_dask()
    n = len(recordings)
    if y is not None and len(y) != n:
        raise ValueError(f"y has {len(y)} entries for {n} recordings.")
    if groups is not None:
        groups = np.asarray(groups)
        if groups.ndim != 1 or groups.shape[0] != n:
            raise ValueError(
                f"groups must hold one value per recording ({n}), got shape "
                f"{groups.shape}."
            )
    if model is not None:
        check_is_fitted(model)
    steps = dask.delayed(
        Bunch(
            preprocessor=preprocessor,
            windower=windower,
            extractor=extractor,
            model=model,
            method=method,
        ),
        pure=True,
    )
    one = dask.delayed(_one_recording, pure=True)
    return [
        one(
            recordings[i],
            None if y is None else y[i],
            None if groups is None else groups[i].item(),
            i,
            steps,
        )
        for i in range(n)
    ]


def gather_windows(results):
    """Concatenate the computed tasks of :func:`process_recordings`, in order.

    Parameters
    ----------
    results : sequence of Bunch
        The computed tasks (``dask.compute(*tasks)`` or
        ``client.gather(client.compute(tasks))``), in recording order.

    Returns
    -------
    result : Bunch
        ``X``, ``y``, ``groups``, ``recording``, ``start`` (and ``y_pred``)
        concatenated over the recordings; ``y`` or ``groups`` is ``None``
        when it was not given.  ``X``, ``y`` and ``groups`` equal
        :meth:`SlidingWindowTransformer.segment
        <sklearn_har.windowing.SlidingWindowTransformer.segment>` of the list
        (followed by the extractor and the model); ``recording`` and
        ``start`` equal its ``origin``.

    Examples
    --------
    >>> import numpy as np
    >>> from sklearn.utils import Bunch
    >>> from sklearn_har.scale_out import gather_windows
    >>> part = Bunch(X=np.zeros((2, 3)), y=None, groups=None,
    ...              recording=np.array([0, 0]), start=np.array([0, 64]))
    >>> gather_windows([part, part]).X.shape
    (4, 3)
    """
    results = list(results)
    if not results:
        raise ValueError("No result to gather.")
    out = Bunch()
    for key in results[0]:
        values = [r[key] for r in results]
        out[key] = (
            None if any(v is None for v in values) else np.concatenate(values, axis=0)
        )
    return out
