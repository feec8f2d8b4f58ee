"""Feature extraction speed on the UCI protocol windows, side by side.

Run:  python benchmarks/bench_features.py [--repeat 5] [--tsfresh-windows 500]

Times, in one run and on the same ~10,400 windows of the UCI HAR protocol
rebuilt from HAPT (``load_uci_protocol``):

* ``UCIHARFeatureExtractor`` (561 features), one thread and ``n_jobs=2``,
  with the compiled kernels (``engine="numba"``, extra ``fast``; skipped
  when numba is missing) and with numpy only;
* ``StatisticalFeatureExtractor`` (8 numpy statistics per channel), the
  simple vectorised baseline;
* the per-window Python loop reference of the same 561 features (the one
  the tests compare against), on a subset;
* tsfresh ``minimal`` and ``efficient`` (``TsfreshFeatureExtractor``), on
  subsets (tsfresh is far slower; its first call also pays one-off imports
  and compilation, so it is warmed up on a few windows first).

Target (issue 3): the 561 extractor at >= 10,000 windows/s on 2 cores, and
>= 10x faster than a per-window loop.  Wall-clock times are the best of
``--repeat`` runs; on a machine shared with other jobs they are noisy.
"""

import argparse
import importlib.util
import os
import time
from pathlib import Path

import numpy as np

from sklearn_har.datasets import load_uci_protocol
from sklearn_har.features import (
    StatisticalFeatureExtractor,
    TsfreshFeatureExtractor,
    UCIHARFeatureExtractor,
)

ROOT = Path(__file__).resolve().parents[1]


def best_time(fn, repeat):
    """Best wall-clock time of ``repeat`` runs, and the CPU time of that run."""
    runs = []
    for _ in range(repeat):
        w0, c0 = time.perf_counter(), time.process_time()
        fn()
        runs.append((time.perf_counter() - w0, time.process_time() - c0))
    return min(runs)


def load_reference():
    """The per-window reference implementation of tests/test_features_uci_har.py."""
    path = ROOT / "tests" / "test_features_uci_har.py"
    spec = importlib.util.spec_from_file_location("uci_har_reference", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module.reference_features


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data-home", default=None)
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--loop-windows", type=int, default=500)
    parser.add_argument("--tsfresh-windows", type=int, default=500)
    parser.add_argument("--efficient-windows", type=int, default=20)
    args = parser.parse_args()

    d = load_uci_protocol(data_home=args.data_home)
    X = np.ascontiguousarray(d.X)
    n = len(X)
    cores = (
        len(os.sched_getaffinity(0))
        if hasattr(os, "sched_getaffinity")
        else os.cpu_count()
    )
    print(
        f"UCI protocol windows: {X.shape}, {cores} cores available, "
        f"load average {os.getloadavg()[0]:.2f}\n"
    )

    rows = []

    def add(name, n_windows, timing):
        seconds, cpu = timing
        rows.append((name, n_windows, seconds, n_windows / seconds, cpu))
        print(f"  {name}: {n_windows} windows in {seconds:.3f} s", flush=True)

    engines = ["numba", "numpy"] if importlib.util.find_spec("numba") else ["numpy"]
    if "numba" in engines:
        # the first call compiles the kernels (or loads them from numba's
        # on-disk cache); timed separately, not part of the throughput
        w0 = time.perf_counter()
        UCIHARFeatureExtractor(engine="numba").fit_transform(X[:10])
        print(
            f"  numba kernels ready (compile or cache load): "
            f"{time.perf_counter() - w0:.2f} s"
        )
    for engine in engines:
        for n_jobs in (1, 2):
            ext = UCIHARFeatureExtractor(n_jobs=n_jobs, engine=engine).fit(X[:10])
            add(
                f"UCIHARFeatureExtractor({engine}, n_jobs={n_jobs}), 561 features",
                n,
                best_time(lambda ext=ext: ext.transform(X), args.repeat),
            )

    stats = ("mean", "std", "min", "max", "median", "iqr", "energy", "mad")
    base = StatisticalFeatureExtractor(stats=stats).fit(X[:10])
    add(
        f"StatisticalFeatureExtractor, {len(stats) * 9} features",
        n,
        best_time(lambda: base.transform(X), args.repeat),
    )

    reference = load_reference()
    sub = X[: args.loop_windows]
    add(
        "per-window Python loop (reference), 561 features",
        len(sub),
        best_time(lambda: [reference(w) for w in sub], 1),
    )

    for preset, m in (
        ("minimal", args.tsfresh_windows),
        ("efficient", args.efficient_windows),
    ):
        ts = TsfreshFeatureExtractor(default_fc_parameters=preset)
        ts.fit(X[:5])  # warm-up: imports, numba compilation
        sub = X[:m]
        add(
            f"tsfresh {preset} ({ts.get_feature_names_out().size} features)",
            m,
            best_time(lambda ts=ts, sub=sub: ts.transform(sub), 1),
        )

    loop_rate = next(r[3] for r in rows if r[0].startswith("per-window"))
    print(
        f"\n{'method':56s} {'windows':>8s} {'seconds':>9s} {'windows/s':>11s} "
        f"{'vs loop':>8s} {'CPU s':>7s}"
    )
    for name, m, s, rate, cpu in rows:
        print(
            f"{name:56s} {m:8d} {s:9.3f} {rate:11,.0f} {rate / loop_rate:7.1f}x "
            f"{cpu:7.2f}"
        )
    for i, engine in enumerate(engines):
        one, two = rows[2 * i][2], rows[2 * i + 1][2]
        print(
            f"\n561 features of all {n} windows ({engine}): {one:.2f} s on one "
            f"thread, {two:.2f} s with n_jobs=2 ({n / two:,.0f} windows/s)"
        )
    print(
        f"(a per-window loop would need ~{n / loop_rate:.0f} s); load average "
        f"now {os.getloadavg()[0]:.2f}"
    )
    print(
        "(CPU s: processor time used by this process in that run; when other "
        "jobs share the cores, wall-clock windows/s falls below n / CPU s.)"
    )


if __name__ == "__main__":
    main()
