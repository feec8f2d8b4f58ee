"""How many concurrent 50 Hz streams StreamPredictor holds in real time.

Each ``update`` call gives every one of N streams one second of data
(50 samples), all N streams in one dict; the windows completed by the call
(window 128, step 64: on average 50/64 of a window per stream per call) are
predicted in one batch.  Real time holds when the mean wall time of a call
is below 1 s.  N is searched by doubling, then bisection.

Pipelines: ``UCIHARPreprocessor()`` -> 561 features + SVM
(``make_svm_pipeline()``), and ``ChannelStandardScaler`` -> ``CNNClassifier()``
(defaults), both trained briefly on the bundled sample (accuracy does not
matter here).

Usage::

    python benchmarks/bench_streaming.py [--models svm cnn] [--calls 4]
"""

import argparse
import os
import platform
import time

import numpy as np

from sklearn_har.datasets import load_sample
from sklearn_har.pipeline import make_svm_pipeline
from sklearn_har.preprocessing import ChannelStandardScaler, UCIHARPreprocessor
from sklearn_har.streaming import StreamPredictor
from sklearn_har.windowing import SlidingWindowTransformer, WindowedClassifier

RATE = 50
W, STEP = 128, 64


def build(model, data):
    X = [r[:6000] for r in data.recordings[:4]]
    y = [lab[:6000] for lab in data.labels[:4]]
    if model == "svm":
        estimator = make_svm_pipeline()
    else:
        from sklearn.pipeline import make_pipeline

        from sklearn_har.deep import CNNClassifier

        estimator = make_pipeline(
            ChannelStandardScaler(), CNNClassifier(epochs=1, random_state=0)
        )
    clf = WindowedClassifier(
        SlidingWindowTransformer(W, STEP), estimator, preprocessor=UCIHARPreprocessor()
    )
    return clf.fit(X, y)


def seconds_per_call(clf, source, n_streams, n_calls):
    """Mean wall time of one update of 1 s of data for ``n_streams`` streams."""
    stream = StreamPredictor(clf)
    n = source.shape[0]
    rng = np.random.default_rng(0)
    offsets = rng.integers(0, n - RATE * (n_calls + 4), size=n_streams)
    # streams start out of phase: a first chunk of 0-63 samples, so that the
    # windows of different streams complete in different calls
    phase = rng.integers(0, STEP, size=n_streams)
    stream.update(
        {i: source[offsets[i] : offsets[i] + phase[i]] for i in range(n_streams)}
    )
    offsets = offsets + phase
    warm = 3  # fill the buffers (first windows, first estimator calls)
    times, windows = [], 0
    for call in range(warm + n_calls):
        a = offsets + call * RATE
        batch = {i: source[a[i] : a[i] + RATE] for i in range(n_streams)}
        t0 = time.perf_counter()
        out = stream.update(batch)
        dt = time.perf_counter() - t0
        if call >= warm:
            times.append(dt)
            windows += out.label.size
    return float(np.mean(times)), windows / n_calls


def search(clf, source, n_calls, start, log):
    """Largest N whose mean call time stays below 1 s (doubling, then bisection)."""
    lo, hi, n = 0, None, start
    while hi is None:
        t, nw = seconds_per_call(clf, source, n, n_calls)
        log(n, t, nw)
        if t < 1.0:
            lo, n = n, 2 * n
        else:
            hi = n
    while hi - lo > max(50, lo // 20):
        mid = (lo + hi) // 2
        t, nw = seconds_per_call(clf, source, mid, n_calls)
        log(mid, t, nw)
        lo, hi = (mid, hi) if t < 1.0 else (lo, mid)
    return lo


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--models", nargs="+", default=["svm", "cnn"])
    parser.add_argument("--calls", type=int, default=4)
    parser.add_argument("--start", type=int, default=500)
    args = parser.parse_args()
    data = load_sample()
    source = np.concatenate(data.recordings[4:8])
    print(
        f"machine: {platform.processor() or platform.machine()}, "
        f"{os.cpu_count()} CPUs visible, Python {platform.python_version()}"
    )
    for model in args.models:
        t0 = time.perf_counter()
        clf = build(model, data)
        print(f"\n{model}: trained in {time.perf_counter() - t0:.0f} s")
        final = clf.estimator_[-1]
        if hasattr(final, "n_support_"):
            print(f"  {int(final.n_support_.sum())} support vectors")

        def log(n, t, nw):
            print(
                f"  N={n:6d}  {t * 1000:8.1f} ms per 1 s of data  "
                f"({nw:.0f} windows per call)  {'real time' if t < 1 else 'too slow'}",
                flush=True,
            )

        best = search(clf, source, args.calls, args.start, log)
        print(f"{model}: {best} concurrent 50 Hz streams held in real time")


if __name__ == "__main__":
    main()
