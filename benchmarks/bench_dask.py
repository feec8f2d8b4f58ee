"""Out-of-core windowing + 561 features on a Dask LocalCluster.

A long 6-channel stream is assembled from the real HAPT recordings
(concatenated, repeated until ``--n-samples``; not random noise) and written
to disk as one ``.npy`` file, read back chunk by chunk (``np.load(...,
mmap_mode="r")`` inside each task: only the chunk's bytes are read, the
graph carries no data).  The lazy pipeline is

    x (n, 6) --filter_array(UCIHARPreprocessor())--> (n - 1, 9)
      --windows_from_array(128, 64)--> (n_windows, 128, 9)
      --UCIHARFeatureExtractor.transform--> (n_windows, 561)  --to_npy_stack-->

The preprocessor is causal (the published mode): ``filter_array`` first
computes the filter state at every chunk border (a sequential first pass
that holds only the states, timed with the rest); then the filtering,
windows and features of each chunk are independent tasks.  The features are written to disk block
by block (``da.to_npy_stack``), so nothing of the data's size is held.

Measured in the same run: 2 workers x 1 thread, then 1 worker x 1 thread
(fresh LocalCluster each, processes), and the in-memory reference
(``UCIHARPreprocessor`` -> ``SlidingWindowTransformer`` ->
``UCIHARFeatureExtractor(n_jobs=2)``) on the first ``--reference-samples``
samples, whose features are checked equal to the cluster's.  Peak memory
per worker is the largest resident set size of each worker process, sampled
every 0.5 s (psutil); not ``ru_maxrss``, which a worker forked from the
benchmark process inherits.  ``--workers 2`` skips the 1-worker run (the cost
per window is then taken as 2 x the 2-worker time per window).

Usage::

    python benchmarks/bench_dask.py [--n-samples 100_000_000] \
        [--chunk 500_000] [--reference-samples 10_000_000] [--workdir DIR] \
        [--workers 2,1]
"""

import argparse
import os
import platform
import resource
import shutil
import tempfile
import threading
import time
from pathlib import Path

import numpy as np


def _max_rss_mb():
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def _rss_mb():
    # sampled, not ru_maxrss: a worker forked from this process inherits its
    # ru_maxrss (which includes the pages of the stream written here)
    import psutil

    return psutil.Process().memory_info().rss / 2**20


def _read(path, a, b):
    return np.array(np.load(path, mmap_mode="r")[a:b])


def _warm_up():
    from sklearn_har.features import UCIHARFeatureExtractor
    from sklearn_har.preprocessing import UCIHARPreprocessor

    UCIHARPreprocessor().fit_transform(np.zeros((200, 6)))
    UCIHARFeatureExtractor().fit_transform(np.zeros((2, 128, 9)))


def build_stream(path, n_samples):
    from sklearn_har.datasets import load_hapt

    data = load_hapt(os.environ.get("SKLEARN_HAR_DATA"), download_if_missing=False)
    out = np.lib.format.open_memmap(
        path, mode="w+", dtype=np.float64, shape=(n_samples, 6)
    )
    pos = 0
    while pos < n_samples:
        for rec in data.recordings:
            k = min(rec.shape[0], n_samples - pos)
            out[pos : pos + k] = rec[:k]
            pos += k
            if pos == n_samples:
                break
    out.flush()
    del out


def lazy_stream(path, n_samples, chunk):
    import dask
    import dask.array as da

    blocks = []
    for a in range(0, n_samples, chunk):
        b = min(a + chunk, n_samples)
        d = dask.delayed(_read, pure=True)(str(path), a, b)
        blocks.append(da.from_delayed(d, shape=(b - a, 6), dtype=np.float64))
    return da.concatenate(blocks, axis=0)


def lazy_features(path, n_samples, chunk):
    from sklearn_har.features import UCIHARFeatureExtractor
    from sklearn_har.preprocessing import UCIHARPreprocessor
    from sklearn_har.scale_out import filter_array, windows_from_array

    x = lazy_stream(path, n_samples, chunk)
    pre = UCIHARPreprocessor().fit(np.zeros((10, 6)))
    nine = filter_array(pre, x)
    windows = windows_from_array(nine, 128, 64)
    ext = UCIHARFeatureExtractor().fit(np.zeros((1, 128, 9)))
    return ext.transform(windows)


def run_cluster(path, n_samples, chunk, n_workers, outdir):
    import dask.array as da
    from distributed import Client, LocalCluster, get_task_stream

    with (
        LocalCluster(
            n_workers=n_workers,
            threads_per_worker=1,
            processes=True,
            memory_limit="4GiB",
            dashboard_address=None,
        ) as cluster,
        Client(cluster) as client,
    ):
        client.run(_warm_up)  # imports and compiled kernels loaded before the clock
        peak = {}
        done = threading.Event()

        def sample():  # the workers' resident memory, every 0.5 s
            while not done.is_set():
                for worker, rss_mb in client.run(_rss_mb).items():
                    peak[worker] = max(peak.get(worker, 0.0), rss_mb)
                done.wait(0.5)

        sampler = threading.Thread(target=sample)
        sampler.start()
        with get_task_stream(client) as stream:
            t0 = time.perf_counter()
            # the first pass (filter states at the chunk borders) runs here
            F = lazy_features(path, n_samples, chunk)
            t_states = time.perf_counter() - t0
            da.to_npy_stack(outdir, F, axis=0)
            elapsed = time.perf_counter() - t0
        done.set()
        sampler.join()
        rss = peak
    busy = {}
    for task in stream.data:
        for span in task["startstops"]:
            if span["action"] == "compute":
                busy[task["worker"]] = busy.get(task["worker"], 0.0) + (
                    span["stop"] - span["start"]
                )
    print(f"  compute seconds per worker: {sorted(round(v, 1) for v in busy.values())}")
    print(f"  first pass (filter states at chunk borders): {t_states:.1f} s")
    return F.shape, elapsed, max(rss.values())


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--n-samples", type=float, default=1e8)
    parser.add_argument("--chunk", type=int, default=500_000)
    parser.add_argument("--reference-samples", type=float, default=1e7)
    parser.add_argument("--workdir", default=None)
    parser.add_argument("--workers", default="2,1", help="cluster sizes, in order")
    args = parser.parse_args()
    n = int(args.n_samples)
    n_ref = min(n, int(args.reference_samples))

    import dask
    import distributed

    print(
        f"{platform.machine()} {os.cpu_count()} CPUs, Python {platform.python_version()}, "
        f"dask {dask.__version__}, distributed {distributed.__version__}; "
        f"load average at start {os.getloadavg()[0]:.2f}"
    )
    with tempfile.TemporaryDirectory(dir=args.workdir) as tmp:
        tmp = Path(tmp)
        path = tmp / "stream.npy"
        t0 = time.perf_counter()
        build_stream(path, n)
        print(
            f"stream: {n:,} x 6 float64 ({n * 48 / 1e9:.2f} GB) written in "
            f"{time.perf_counter() - t0:.1f} s; chunk {args.chunk:,} samples"
        )

        results = {}
        for workers in [int(w) for w in args.workers.split(",")]:
            shape, elapsed, rss = run_cluster(
                path, n, args.chunk, workers, tmp / f"F{workers}"
            )
            results[workers] = elapsed
            if workers != 2:  # the 2-worker features are kept for the check
                shutil.rmtree(tmp / f"F{workers}")
            print(
                f"{workers} worker(s): {shape[0]:,} windows x {shape[1]} features in "
                f"{elapsed:.1f} s = {shape[0] / elapsed:,.0f} windows/s; "
                f"peak RSS per worker {rss:,.0f} MB"
            )
        n_windows = shape[0]
        if 1 in results and 2 in results:
            print(f"speed-up 2 vs 1 workers: {results[1] / results[2]:.2f}x")
        # core-seconds per window, all stages
        per_window = (
            results[1] / n_windows if 1 in results else 2 * results[2] / n_windows
        )
        print(f"cost: {per_window * 1e6:.1f} core-us per window (1 worker, all stages)")

        # in-memory reference on the first n_ref samples
        from sklearn_har.features import UCIHARFeatureExtractor
        from sklearn_har.preprocessing import UCIHARPreprocessor
        from sklearn_har.windowing import SlidingWindowTransformer

        x = _read(path, 0, n_ref)
        t0 = time.perf_counter()
        nine = UCIHARPreprocessor().fit_transform(x)
        W = SlidingWindowTransformer(128, 64, check_finite=False).fit_transform(
            np.ascontiguousarray(nine)
        )
        ref = UCIHARFeatureExtractor(n_jobs=2).fit(W).transform(W)
        t_ref = time.perf_counter() - t0
        print(
            f"in memory, n_jobs=2, first {n_ref:,} samples: {ref.shape[0]:,} windows "
            f"in {t_ref:.1f} s = {ref.shape[0] / t_ref:,.0f} windows/s; "
            f"process peak RSS {_max_rss_mb():,.0f} MB"
        )
        # the windows of the first n_ref samples are the same in both (causal filter)
        import dask.array as da

        stack = da.from_npy_stack(tmp / "F2", mmap_mode="r")
        m = (
            min(ref.shape[0], stack.shape[0]) - 1
        )  # the last reference window may lack a tail
        same = np.array_equal(stack[:m].compute(), ref[:m])
        print(f"cluster features == in-memory features on {m:,} windows: {same}")

        # capacity: 100,000 participants x 7 days at 100 Hz
        samples = 100_000 * 7 * 86_400 * 100
        for label, win, factor in (
            ("resampled to 50 Hz, windows 128/64", (samples // 2) / 64, 1.0),
            ("at 100 Hz, windows 256/128 (cost x2 assumed)", samples / 128, 2.0),
        ):
            core_h = win * per_window * factor / 3600
            print(
                f"capacity, {label}: {win:.3g} windows, {core_h:,.0f} core-hours "
                f"= {core_h / 1000:,.1f} h on 1,000 cores"
            )


if __name__ == "__main__":
    main()
