"""sklearn_har.scale_out: per-recording tasks, out-of-core arrays, a LocalCluster.

The cluster tests share one LocalCluster of 2 worker processes with 1 thread
each (module fixture), closed at the end.
"""

import os
import signal
import subprocess
import sys
import time

import numpy as np
import pytest

da = pytest.importorskip("dask.array")
dask = pytest.importorskip("dask")

from sklearn.linear_model import LogisticRegression  # noqa: E402
from sklearn.model_selection import GridSearchCV, GroupKFold  # noqa: E402
from sklearn.pipeline import make_pipeline  # noqa: E402
from sklearn.preprocessing import StandardScaler  # noqa: E402

from sklearn_har.datasets import load_sample  # noqa: E402
from sklearn_har.features import (  # noqa: E402
    StatisticalFeatureExtractor,
    UCIHARFeatureExtractor,
)
from sklearn_har.pipeline import make_svm_pipeline  # noqa: E402
from sklearn_har.preprocessing import (  # noqa: E402
    ButterworthFilter,
    GravitySeparator,
    MedianFilter,
    UCIHARPreprocessor,
)
from sklearn_har.scale_out import (  # noqa: E402
    filter_array,
    gather_windows,
    predict_windows,
    process_recordings,
    transform_windows,
    windows_from_array,
)
from sklearn_har.windowing import SlidingWindowTransformer  # noqa: E402

ODD_CHUNKS = [97, 131, 1000, 4099]


@pytest.fixture(scope="module")
def sample():
    return load_sample()


@pytest.fixture(scope="module")
def recording(sample):
    return sample.recordings[0][:9000]


@pytest.fixture(scope="module")
def client():
    distributed = pytest.importorskip("distributed")
    cluster = distributed.LocalCluster(
        n_workers=2,
        threads_per_worker=1,
        processes=True,
        memory_limit="1GiB",
        dashboard_address=None,
    )
    with distributed.Client(cluster) as c:
        yield c
    cluster.close()


def _in_memory(sample, windower, preprocessor=None, extractor=None, model=None):
    X = sample.recordings
    if preprocessor is not None:
        X = preprocessor.fit(X).transform(X)
    Xw, yw, gw, origin = windower.segment(
        X, sample.labels, groups=sample.subjects, return_origin=True
    )
    F = Xw if extractor is None else extractor.fit_transform(Xw)
    pred = None if model is None else model.predict(F)
    return F, yw, gw, origin, pred


def _assert_same(result, F, yw, gw, origin):
    np.testing.assert_array_equal(result.X, F)
    np.testing.assert_array_equal(result.y, yw)
    np.testing.assert_array_equal(result.groups, gw)
    np.testing.assert_array_equal(result.recording, origin.recording)
    np.testing.assert_array_equal(result.start, origin.start)


def test_import_sklearn_har_does_not_import_dask():
    code = (
        "import sys, sklearn_har; sklearn_har.__all__; "
        "bad = [m for m in ('dask', 'distributed') if m in sys.modules]; "
        "assert not bad, bad"
    )
    subprocess.run([sys.executable, "-c", code], check=True)


# -- per-recording tasks ---------------------------------------------------------


def test_process_recordings_equals_in_memory(sample):
    windower = SlidingWindowTransformer(128, 64, label="segment")
    tasks = process_recordings(
        sample.recordings,
        sample.labels,
        sample.subjects,
        windower=windower,
        preprocessor=UCIHARPreprocessor(),
        extractor=UCIHARFeatureExtractor(),
    )
    assert len(tasks) == len(sample.recordings)
    result = gather_windows(dask.compute(*tasks, scheduler="threads"))
    F, yw, gw, origin, _ = _in_memory(
        sample, windower, UCIHARPreprocessor(), UCIHARFeatureExtractor()
    )
    _assert_same(result, F, yw, gw, origin)


def test_process_recordings_windows_only_and_unlabelled(sample):
    windower = SlidingWindowTransformer(100, 37)
    tasks = process_recordings(sample.recordings[:3], windower=windower)
    result = gather_windows(dask.compute(*tasks, scheduler="sync"))
    Xw, _, _, origin = windower.segment(sample.recordings[:3], return_origin=True)
    np.testing.assert_array_equal(result.X, Xw)
    assert result.y is None and result.groups is None
    np.testing.assert_array_equal(result.start, origin.start)


def test_process_recordings_bad_groups(sample):
    with pytest.raises(ValueError, match="one value per recording"):
        process_recordings(
            sample.recordings,
            groups=[1, 2],
            windower=SlidingWindowTransformer(),
        )


# -- out of core -----------------------------------------------------------------


@pytest.mark.parametrize("chunk", ODD_CHUNKS)
@pytest.mark.parametrize("window_size, step", [(128, 64), (100, 37), (50, 128)])
def test_windows_from_array_odd_chunks(recording, chunk, window_size, step):
    x = da.from_array(recording, chunks=(chunk, 6))
    windows = windows_from_array(x, window_size, step)
    expected = SlidingWindowTransformer(window_size, step).fit_transform(recording)
    assert windows.shape == expected.shape
    np.testing.assert_array_equal(windows.compute(scheduler="sync"), expected)


def test_windows_from_array_errors(recording):
    with pytest.raises(ValueError, match="shorter than one window"):
        windows_from_array(da.from_array(recording[:10]), 128, 64)
    with pytest.raises(ValueError, match="2-D"):
        windows_from_array(da.zeros((10, 2, 2)), 2, 1)


def test_extractors_accept_dask_windows(recording):
    nine = UCIHARPreprocessor().fit_transform(recording)
    assert nine.flags.f_contiguous  # column-stacked: the blocks are made C-ordered
    x = da.from_array(nine, chunks=(1001, 9))
    windows = windows_from_array(x, 128, 64)
    # numpy's float reductions follow the memory layout: the reference is the
    # in-memory computation on the C-ordered recording (as the loaders return)
    expected_windows = SlidingWindowTransformer(128, 64).fit_transform(
        np.ascontiguousarray(nine)
    )
    for extractor in (UCIHARFeatureExtractor(), StatisticalFeatureExtractor()):
        lazy = extractor.fit(windows).transform(windows)
        assert isinstance(lazy, da.Array)
        assert len(lazy.chunks[1]) == 1  # the feature axis is one chunk
        assert lazy.chunks[0] == windows.chunks[0]
        expected = extractor.fit(expected_windows).transform(expected_windows)
        np.testing.assert_array_equal(lazy.compute(scheduler="threads"), expected)
        np.testing.assert_array_equal(
            transform_windows(extractor, windows).compute(), expected
        )


@pytest.mark.parametrize(
    "transformer",
    [
        ButterworthFilter(cutoff=5.0, zero_phase=False),
        MedianFilter(kernel_size=5),
        GravitySeparator(),
        UCIHARPreprocessor(),
    ],
    ids=lambda t: type(t).__name__,
)
@pytest.mark.parametrize("chunk", [97, 1000])
def test_filter_array_causal_is_exact(recording, transformer, chunk):
    transformer.fit(recording)
    lazy = filter_array(transformer, da.from_array(recording, chunks=(chunk, 6)))
    offline = transformer.transform(recording)
    n_out = recording.shape[0] - transformer.stream_delay()
    assert lazy.shape == (n_out, offline.shape[1])
    np.testing.assert_array_equal(lazy.compute(scheduler="sync"), offline[:n_out])


@pytest.mark.parametrize(
    "transformer",
    [
        ButterworthFilter(cutoff=20.0, zero_phase=True),
        ButterworthFilter(cutoff=2.0, btype="high", zero_phase=True),
        GravitySeparator(zero_phase=True),
    ],
    ids=["lowpass20", "highpass2", "gravity"],
)
def test_filter_array_zero_phase_overlap_bound(recording, transformer):
    transformer.fit(recording)
    x = da.from_array(recording, chunks=(1999, 6))
    offline = transformer.transform(recording)
    lazy = filter_array(transformer, x).compute(scheduler="sync")
    assert lazy.shape == offline.shape
    scale = np.abs(recording).max()
    # documented bound: 2e-10 * max|x| with depth="auto"
    assert np.abs(lazy - offline).max() <= 2e-10 * scale
    # without overlap the chunk borders are visibly wrong
    crude = filter_array(transformer, x, depth=0).compute(scheduler="sync")
    assert np.abs(crude - offline).max() > 1e-6 * scale
    # one chunk: the in-memory computation itself
    whole = filter_array(transformer, da.from_array(recording, chunks=(-1, 6)))
    np.testing.assert_array_equal(whole.compute(), offline)


def test_filter_array_causal_chain_has_low_priority(recording):
    pre = UCIHARPreprocessor().fit(recording)
    x = da.from_array(recording, chunks=(1000, 6))
    lazy = filter_array(pre, x, states="lazy")
    annotations = [
        layer.annotations
        for layer in lazy.__dask_graph__().layers.values()
        if layer.annotations
    ]
    assert annotations and all(a["priority"] < 0 for a in annotations)
    np.testing.assert_array_equal(lazy.compute(), filter_array(pre, x).compute())


def test_filter_array_causal_states_computed_first(recording):
    # default: the states are computed at call time, so the returned graph has
    # no chain: each output block depends on its own chunk only
    pre = UCIHARPreprocessor().fit(recording)
    x = da.from_array(recording, chunks=(997, 6))
    out = filter_array(pre, x)
    graph = dict(out.__dask_graph__())
    assert not any("_stream_step" in str(key) for key in graph)
    blocks = out.to_delayed().ravel()
    assert len(blocks) == x.numblocks[0]
    n = x.shape[0] - pre.stream_delay()
    a, b = 3 * 997 - pre.stream_delay(), 4 * 997 - pre.stream_delay()
    np.testing.assert_array_equal(blocks[3].compute(), pre.transform(recording)[a:b])
    np.testing.assert_array_equal(out.compute(), pre.transform(recording)[:n])
    with pytest.raises(ValueError, match="states"):
        filter_array(pre, x, states="eager")


def test_filter_array_needs_depth_for_other_zero_phase(recording):
    pre = UCIHARPreprocessor(mode="zero_phase").fit(recording)
    x = da.from_array(recording, chunks=(2000, 6))
    with pytest.raises(ValueError, match="explicit depth"):
        filter_array(pre, x)
    lazy = filter_array(pre, x, depth=2000).compute(scheduler="sync")
    offline = pre.transform(recording)
    assert np.abs(lazy - offline).max() <= 1e-9 * np.abs(recording).max()


@pytest.fixture(scope="module")
def svm(sample):
    windower = SlidingWindowTransformer(128, 64, label="segment")
    pre = UCIHARPreprocessor()
    Xw, yw, _ = windower.segment(
        pre.fit_transform(sample.recordings[:4]), sample.labels[:4]
    )
    return make_svm_pipeline().fit(Xw, yw)


def test_predict_windows_equals_in_memory(recording, svm):
    nine = UCIHARPreprocessor().fit_transform(recording)
    windows = windows_from_array(da.from_array(nine, chunks=(1500, 9)), 128, 64)
    lazy = predict_windows(svm, windows)
    assert lazy.shape == (windows.shape[0],)
    expected = svm.predict(SlidingWindowTransformer(128, 64).fit_transform(nine))
    np.testing.assert_array_equal(lazy.compute(scheduler="threads"), expected)
    proba_keys = [
        k for k in dict(lazy.__dask_graph__()) if "pipeline" in str(k).lower()
    ]
    assert len(proba_keys) == 1  # the model is one key of the graph
    with pytest.raises(ValueError, match="method"):
        predict_windows(svm, windows, method="fit")


# -- on a LocalCluster -----------------------------------------------------------


def test_cluster_pipeline_and_prediction(client, sample, svm):
    windower = SlidingWindowTransformer(128, 64, label="segment")
    tasks = process_recordings(
        client.scatter(sample.recordings),  # futures: the data go once
        sample.labels,
        sample.subjects,
        windower=windower,
        preprocessor=UCIHARPreprocessor(),
        extractor=svm[:-2],  # the fitted 561-feature step
        model=svm[-2:],
    )
    result = gather_windows(client.gather(client.compute(tasks)))
    F, yw, gw, origin, pred = _in_memory(
        sample, windower, UCIHARPreprocessor(), UCIHARFeatureExtractor(), svm[-2:]
    )
    _assert_same(result, F, yw, gw, origin)
    np.testing.assert_array_equal(result.y_pred, pred)
    # out of core, on the cluster
    nine = UCIHARPreprocessor().fit_transform(sample.recordings[1])
    windows = windows_from_array(da.from_array(nine, chunks=(3001, 9)), 128, 64)
    lazy = predict_windows(svm, windows)
    expected = svm.predict(SlidingWindowTransformer(128, 64).fit_transform(nine))
    np.testing.assert_array_equal(client.compute(lazy).result(), expected)


@pytest.fixture(scope="module")
def features(sample):
    windower = SlidingWindowTransformer(128, 64, label="segment")
    Xw, yw, gw = windower.segment(
        sample.recordings, sample.labels, groups=sample.subjects
    )
    return StatisticalFeatureExtractor().fit_transform(Xw), yw, gw


def test_grid_search_on_cluster(client, features):
    from joblib import parallel_config

    X, y, groups = features
    model = make_pipeline(StandardScaler(), LogisticRegression(max_iter=200))
    grid = {"logisticregression__C": [0.1, 1.0]}
    cv = GroupKFold(n_splits=3)
    local = GridSearchCV(model, grid, cv=cv).fit(X, y, groups=groups)
    with parallel_config(backend="dask"):
        remote = GridSearchCV(model, grid, cv=cv, n_jobs=-1).fit(X, y, groups=groups)
    np.testing.assert_array_equal(
        remote.cv_results_["mean_test_score"], local.cv_results_["mean_test_score"]
    )
    assert remote.best_params_ == local.best_params_


def test_compare_models_on_cluster(client, features):
    from joblib import parallel_config

    from sklearn_har.model_selection import compare_models

    X, y, groups = features
    models = {
        "logreg": make_pipeline(StandardScaler(), LogisticRegression(max_iter=200)),
        "logreg_C0.1": make_pipeline(
            StandardScaler(), LogisticRegression(C=0.1, max_iter=200)
        ),
    }
    cv = GroupKFold(n_splits=3)
    local = compare_models(models, X, y, groups=groups, cv=cv)
    with parallel_config(backend="dask"):
        remote = compare_models(models, X, y, groups=groups, cv=cv, n_jobs=-1)
    for name in models:
        np.testing.assert_array_equal(
            remote.get_scores("accuracy")[name], local.get_scores("accuracy")[name]
        )


def _kill(pid):
    os.kill(pid, signal.SIGKILL)


def test_worker_killed_mid_computation(client, sample):
    windower = SlidingWindowTransformer(128, 64, label="segment")
    # the recordings travel in the graph: a task lost with its worker can be
    # rerun anywhere (data scattered to the killed worker alone would be lost)
    tasks = process_recordings(
        sample.recordings,
        sample.labels,
        sample.subjects,
        windower=windower,
        preprocessor=UCIHARPreprocessor(),
        extractor=UCIHARFeatureExtractor(),
    )
    futures = client.compute(tasks)
    deadline = time.monotonic() + 30
    busy = {}
    while not any(busy.values()) and time.monotonic() < deadline:
        busy = client.processing()
        time.sleep(0.01)
    victim = next(address for address, keys in busy.items() if keys)
    pid = client.run(os.getpid, workers=[victim])[victim]
    _kill(pid)
    result = gather_windows(client.gather(futures))
    assert all(f.done() for f in futures)
    F, yw, gw, origin, _ = _in_memory(
        sample, windower, UCIHARPreprocessor(), UCIHARFeatureExtractor()
    )
    _assert_same(result, F, yw, gw, origin)
    # the nanny restarts the worker: the cluster is whole again
    client.wait_for_workers(2, timeout=30)
