"""Windowing speed and memory: a 10^8-sample stream, and the real HAPT data.

Run:  python benchmarks/bench_windowing.py [--samples 100000000]

Target (issue 2): windowing a 10^8-sample, 6-channel float32 stream takes
< 1 s and no extra memory beyond the view.
"""

import argparse
import resource
import time

import numpy as np

from sklearn_har import SlidingWindowTransformer


def rss_mib():
    """Current resident set size in MiB (Linux /proc)."""
    with open("/proc/self/statm") as f:
        return int(f.read().split()[1]) * resource.getpagesize() / 2**20


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--samples", type=int, default=100_000_000)
    parser.add_argument(
        "--hapt", action="store_true", help="also time segment() on HAPT"
    )
    args = parser.parse_args()

    x = np.empty((args.samples, 6), dtype=np.float32)
    x.fill(1.0)  # touch every page so the stream is really resident
    print(f"stream: {x.shape} float32, {x.nbytes / 2**30:.2f} GiB")
    for check_finite in (True, False):
        before = rss_mib()
        sw = SlidingWindowTransformer(
            window_size=128, step=64, check_finite=check_finite
        )
        t0 = time.perf_counter()
        w = sw.fit_transform(x)
        elapsed = time.perf_counter() - t0
        after = rss_mib()
        print(
            f"fit_transform (check_finite={check_finite}): {w.shape[0]:,} windows "
            f"{w.shape[1:]} in {elapsed * 1e3:.2f} ms (view: {np.shares_memory(w, x)}, "
            f"RSS change {after - before:+.1f} MiB)"
        )
    t0 = time.perf_counter()
    total = w[:: max(1, w.shape[0] // 1000)].sum()  # reading through the view works
    print(
        f"reading 1,000 windows through the view: {(time.perf_counter() - t0) * 1e3:.1f} ms "
        f"(sum {total:.0f})"
    )
    del w, x

    if args.hapt:
        from sklearn_har.datasets import load_hapt

        d = load_hapt()
        t0 = time.perf_counter()
        Xw, yw, gw = SlidingWindowTransformer(128, 64, label="segment").segment(
            d.recordings, d.labels, groups=d.subjects
        )
        print(
            f"HAPT segment (official rule): {Xw.shape[0]:,} windows in "
            f"{(time.perf_counter() - t0) * 1e3:.0f} ms"
        )


if __name__ == "__main__":
    main()
