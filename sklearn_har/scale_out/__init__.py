"""Scale out on Dask: many recordings, recordings larger than memory, clusters.

Everything here builds `Dask <https://www.dask.org>`_ task graphs from the
package's ordinary estimators; nothing is scheduled by sklearn_har itself.
The graphs run on the local threaded scheduler, or on a
``dask.distributed`` cluster once a :class:`distributed.Client` exists.

* Per recording: :func:`process_recordings` turns each recording into one
  independent task (filter, windows, features, prediction) and
  :func:`gather_windows` concatenates the results in recording order, with
  labels, subjects and window origins.
* Out of core: :func:`windows_from_array` cuts a time-chunked dask recording
  into a dask array of windows (windows straddling chunk borders included),
  :func:`filter_array` runs a stream filter over it, and
  :func:`transform_windows` / :func:`predict_windows` apply a fitted
  extractor or pipeline block by block, the estimator shipped once.
* Model search: ``GridSearchCV`` and
  :func:`~sklearn_har.model_selection.compare_models` run on a cluster
  through joblib's Dask backend (``joblib.parallel_config(backend="dask")``),
  see the :ref:`User Guide <scaling>`.

Dask is an optional dependency (``pip install sklearn_har[dask]``): it is
imported when a function here is called, never by ``import sklearn_har``.
"""

from ._arrays import (
    filter_array,
    predict_windows,
    transform_windows,
    windows_from_array,
)
from ._recordings import gather_windows, process_recordings

__all__ = [
    "filter_array",
    "gather_windows",
    "predict_windows",
    "process_recordings",
    "transform_windows",
    "windows_from_array",
]
