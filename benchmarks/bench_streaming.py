"""How many concurrent 50 Hz streams StreamPredictor holds in real time.

Each ``update`` call gives every one of N streams one second of data
(50 samples), all N streams in one dict; the windows completed by the call
(window 128, step 64: on average 50/64 of a window per stream per call) are
predicted in one batch.  Real time holds when the mean wall time of a call
is below 1 s.  N is searched by doubling, then bisection.

Pipelines: ``UCIHARPreprocessor()`` -> 561 features + SVM
(``make_svm_pipeline()``), and ``ChannelStandardScaler`` -> ``CNNClassifier()``
(defaults).

Training data (``--train``):

* ``uci`` (the default when ``SKLEARN_HAR_DATA`` holds the HAPT data): the
  windows of the 21 train subjects of :func:`load_uci_protocol` (same
  ``UCIHARPreprocessor()``, windows 128, step 64).  The prediction cost of
  the RBF SVM grows with its number of support vectors, about 1,240 when
  trained on these windows, so this is the honest setting.  The streams
  replayed are the HAPT recordings of the 9 test subjects.  The
  ``StreamPredictor`` is built from the fitted windows pipeline, its window
  size and step and ``UCIHARPreprocessor()``.
* ``sample``: 4 x 6,000 samples of the bundled sample (about 230 support
  vectors: optimistic for the SVM), streams from the sample.

The CNN's cost does not depend on what or how long it was trained on (its
size is fixed by its parameters), so ``--cnn-epochs 1`` is enough.

Usage::

    python benchmarks/bench_streaming.py [--models svm cnn] [--calls 4] \
        [--train {auto,uci,sample}]
"""

import argparse
import os
import platform
import time

import numpy as np

from sklearn_har.datasets import load_hapt, load_sample, load_uci_protocol
from sklearn_har.pipeline import make_svm_pipeline
from sklearn_har.preprocessing import ChannelStandardScaler, UCIHARPreprocessor
from sklearn_har.streaming import StreamPredictor
from sklearn_har.windowing import SlidingWindowTransformer, WindowedClassifier

RATE = 50
W, STEP = 128, 64


def make_estimator(model, cnn_epochs):
    if model == "svm":
        return make_svm_pipeline()
    from sklearn.pipeline import make_pipeline

    from sklearn_har.deep import CNNClassifier

    return make_pipeline(
        ChannelStandardScaler(), CNNClassifier(epochs=cnn_epochs, random_state=0)
    )


def build(model, data, cnn_epochs=1):
    """A fitted WindowedClassifier, trained on 4 x 6,000 sample samples."""
    X = [r[:6000] for r in data.recordings[:4]]
    y = [lab[:6000] for lab in data.labels[:4]]
    clf = WindowedClassifier(
        SlidingWindowTransformer(W, STEP),
        make_estimator(model, cnn_epochs),
        preprocessor=UCIHARPreprocessor(),
    )
    return clf.fit(X, y)


def build_uci(model, protocol, cnn_epochs=1):
    """A StreamPredictor over the windows pipeline fitted on the train subjects."""
    estimator = make_estimator(model, cnn_epochs)
    X = protocol.X[protocol.train]
    if model == "cnn":
        X = X.astype(np.float32)
    estimator.fit(X, protocol.y[protocol.train])
    return estimator


def has_hapt(data_home):
    if not data_home:
        return False
    try:
        load_hapt(data_home=data_home, download_if_missing=False)
    except (FileNotFoundError, OSError, ValueError):
        return False
    return True


def make_stream(clf):
    if isinstance(clf, WindowedClassifier):
        return StreamPredictor(clf)
    # UCIHARPreprocessor learns nothing from data; fit only sets it up
    pre = UCIHARPreprocessor().fit([np.zeros((W, 6))])
    return StreamPredictor(clf, window_size=W, step=STEP, preprocessor=pre)


def seconds_per_call(clf, source, n_streams, n_calls):
    """Mean wall time of one update of 1 s of data for ``n_streams`` streams."""
    stream = make_stream(clf)
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
    parser.add_argument(
        "--train",
        choices=["auto", "uci", "sample"],
        default="auto",
        help="training data: the UCI train subjects (auto: when SKLEARN_HAR_DATA "
        "holds the HAPT data) or the bundled sample",
    )
    parser.add_argument("--cnn-epochs", type=int, default=1)
    args = parser.parse_args()
    data_home = os.environ.get("SKLEARN_HAR_DATA")
    train = args.train
    if train == "auto":
        train = "uci" if has_hapt(data_home) else "sample"
    if train == "uci":
        protocol = load_uci_protocol(data_home=data_home, download_if_missing=False)
        hapt = load_hapt(data_home=data_home, download_if_missing=False)
        test_subjects = np.unique(protocol.subjects[~protocol.train])
        source = np.concatenate(
            [
                r
                for r, s in zip(hapt.recordings, hapt.subjects, strict=True)
                if s in set(test_subjects.tolist())
            ]
        )
        print(
            f"training: UCI protocol windows of the train subjects "
            f"({int(protocol.train.sum())} windows); streams: HAPT recordings of "
            f"the test subjects {test_subjects.tolist()} ({len(source)} samples)"
        )
    else:
        data = load_sample()
        source = np.concatenate(data.recordings[4:8])
        print("training: 4 x 6,000 samples of the bundled sample (optimistic)")
    print(
        f"machine: {platform.processor() or platform.machine()}, "
        f"{os.cpu_count()} CPUs visible, Python {platform.python_version()}"
    )
    for model in args.models:
        t0 = time.perf_counter()
        if train == "uci":
            clf = build_uci(model, protocol, args.cnn_epochs)
            final = clf[-1]
        else:
            clf = build(model, data, args.cnn_epochs)
            final = clf.estimator_[-1]
        print(f"\n{model}: trained in {time.perf_counter() - t0:.0f} s")
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
