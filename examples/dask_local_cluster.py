"""
===========================================
Scaling out on a Dask cluster (local demo)
===========================================

A documented script, not a gallery example (it starts worker processes):
``python examples/dask_local_cluster.py``.  It needs the ``dask`` extra
(``pip install 'sklearn_har[dask]'``).

1. Start a :class:`distributed.LocalCluster` (2 worker processes, 1 thread
   each; on a real cluster, connect a :class:`distributed.Client` to its
   scheduler instead).
2. Extract the 561 UCI HAR features from many recordings, one task per
   recording, with :func:`sklearn_har.scale_out.process_recordings`.
3. Run a subject-wise model search on the cluster through joblib's Dask
   backend: ``GridSearchCV`` and
   :func:`~sklearn_har.model_selection.compare_models`.
4. Predict over one recording held as a time-chunked dask array, block by
   block, with the fitted model shipped to the workers once.

Read more in the :ref:`User Guide <scaling>`.
"""

# %%
# A local cluster
# ---------------
# One thread per worker process: the feature extraction and the models get a
# core each.  The nanny sets ``OMP_NUM_THREADS=1`` (and MKL, OpenBLAS) in the
# workers; ``TF_NUM_*_THREADS`` does the same for TensorFlow models.
import time

import dask.array as da
import numpy as np
from distributed import Client, LocalCluster
from joblib import parallel_config
from sklearn.base import clone
from sklearn.model_selection import GridSearchCV, GroupKFold

from sklearn_har.datasets import load_sample
from sklearn_har.features import UCIHARFeatureExtractor
from sklearn_har.model_selection import compare_models
from sklearn_har.pipeline import make_svm_pipeline
from sklearn_har.preprocessing import UCIHARPreprocessor
from sklearn_har.scale_out import (
    gather_windows,
    predict_windows,
    process_recordings,
    windows_from_array,
)
from sklearn_har.windowing import SlidingWindowTransformer


def main():
    cluster = LocalCluster(
        n_workers=2,
        threads_per_worker=1,
        processes=True,
        env={"TF_NUM_INTRAOP_THREADS": "1", "TF_NUM_INTEROP_THREADS": "1"},
    )
    client = Client(cluster)
    print(client)

    # %%
    # Features of many recordings, one task each
    # ------------------------------------------
    # The bundled sample holds 12 recordings of 6 volunteers.  Scattering
    # them puts each on a worker once; the tasks run where their data are.
    data = load_sample()
    recordings = client.scatter(data.recordings)
    tasks = process_recordings(
        recordings,
        data.labels,
        data.subjects,
        windower=SlidingWindowTransformer(128, 64, label="segment"),
        preprocessor=UCIHARPreprocessor(),
        extractor=UCIHARFeatureExtractor(),
    )
    t0 = time.perf_counter()
    result = gather_windows(client.gather(client.compute(tasks)))
    print(
        f"{result.X.shape[0]} windows x {result.X.shape[1]} features from "
        f"{len(tasks)} recordings in {time.perf_counter() - t0:.1f} s"
    )
    X, y, subjects = result.X, result.y, result.groups

    # %%
    # A subject-wise model search on the cluster
    # ------------------------------------------
    # joblib's Dask backend sends each (candidate, fold) fit to a worker.  The
    # features are already computed, so the scaler and the SVM of
    # ``make_svm_pipeline()`` are searched; folds keep subjects apart.
    svm = make_svm_pipeline()[1:]  # scaler + SVM on the 561 features
    grid = {"svm__C": [1.0, 10.0], "svm__gamma": ["scale", 0.01]}
    cv = GroupKFold(n_splits=3)
    with parallel_config(backend="dask"):
        search = GridSearchCV(svm, grid, cv=cv, n_jobs=-1)
        search.fit(X, y, groups=subjects)
        print("best:", search.best_params_, f"{search.best_score_:.3f}")
        comparison = compare_models(
            {"best": search.best_estimator_, "C=1": clone(svm).set_params(svm__C=1.0)},
            X,
            y,
            groups=subjects,
            cv=cv,
            n_jobs=-1,
        )
    for name, scores in comparison.get_scores("accuracy").items():
        print(f"{name}: subject-wise accuracy {np.mean(scores):.3f}")

    # %%
    # Prediction over a long recording, block by block
    # ------------------------------------------------
    # One recording as a time-chunked dask array (on disk it would be one
    # ``np.load(..., mmap_mode="r")`` slice per chunk): preprocessing, the
    # windows across chunk borders, the features and the SVM, lazily.
    model = make_svm_pipeline(
        C=search.best_params_["svm__C"], gamma=search.best_params_["svm__gamma"]
    )
    Xw, yw, _ = SlidingWindowTransformer(128, 64, label="segment").segment(
        UCIHARPreprocessor().fit_transform(data.recordings), data.labels
    )
    model.fit(Xw, yw)
    nine = UCIHARPreprocessor().fit_transform(data.recordings[0])
    windows = windows_from_array(da.from_array(nine, chunks=(5_001, 9)), 128, 64)
    predictions = predict_windows(model, windows).compute()
    in_memory = model.predict(SlidingWindowTransformer(128, 64).fit_transform(nine))
    print(
        f"{predictions.shape[0]} windows predicted on the cluster; equal to in "
        f"memory: {bool(np.array_equal(predictions, in_memory))}"
    )

    client.close()
    cluster.close()


if __name__ == "__main__":
    main()
