"""Time aeon's ResNet and InceptionTime on the UCI HAR protocol windows (issue #13).

Run (in an environment with aeon and TensorFlow; aeon pins its own numpy
and pandas, so a separate virtual environment is easiest)::

    python -m venv /tmp/aeon && /tmp/aeon/bin/pip install aeon tensorflow-cpu
    /tmp/aeon/bin/pip install -e .            # sklearn_har, for the loader
    SKLEARN_HAR_DATA=../shared/data /tmp/aeon/bin/python \\
        benchmarks/bench_aeon_epoch.py [--epochs 2]

aeon's defaults train for 1,500 epochs (InceptionTime: an ensemble of 5
networks).  This script fits each model with its defaults except
``n_epochs`` (``--epochs``, default 2; ``--inception-networks`` to time
fewer networks of the ensemble) on the 7,415 training windows of the
UCI protocol (standardised per channel on the training windows), and
prints the seconds per epoch and the projected fit time at the default
1,500 epochs, to decide whether an "aeon defaults" column is within reach
of a 2-core CPU.  With ``--score``, the test accuracy of the short fit is
printed too (not comparable with a 1,500-epoch fit).
"""

import argparse
import time

import numpy as np


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--epochs", type=int, default=2)
    parser.add_argument("--models", nargs="+", default=["resnet", "inception"])
    parser.add_argument("--score", action="store_true")
    parser.add_argument(
        "--inception-networks",
        type=int,
        default=5,
        help="networks of aeon's InceptionTime ensemble to time (default 5, "
        "aeon's default); the projection is always for 5",
    )
    args = parser.parse_args()

    from aeon.classification.deep_learning import (
        InceptionTimeClassifier,
        ResNetClassifier,
    )

    from sklearn_har.datasets import UCI_HAR_TEST_SUBJECTS, load_uci_protocol

    d = load_uci_protocol()
    test = np.isin(d.subjects, UCI_HAR_TEST_SUBJECTS)
    mean = d.X[~test].mean(axis=(0, 1))
    std = d.X[~test].std(axis=(0, 1))
    X = np.transpose((d.X - mean) / std, (0, 2, 1)).astype(
        np.float32
    )  # aeon: (n, channels, timesteps)
    Xtr, ytr, Xte, yte = X[~test], d.y[~test], X[test], d.y[test]
    makers = {
        "resnet": lambda: ResNetClassifier(
            n_epochs=args.epochs, random_state=0, verbose=False
        ),
        "inception": lambda: InceptionTimeClassifier(
            n_classifiers=args.inception_networks,
            n_epochs=args.epochs,
            random_state=0,
            verbose=False,
        ),
    }
    for name in args.models:
        model = makers[name]()
        n_networks = getattr(model, "n_classifiers", 1)
        n_default = 5 if name == "inception" else 1
        t0 = time.perf_counter()
        model.fit(Xtr, ytr)
        fit_s = time.perf_counter() - t0
        per_epoch = fit_s / (args.epochs * n_networks)
        line = (
            f"aeon {type(model).__name__}: {len(ytr)} windows, {args.epochs} epochs x "
            f"{n_networks} network(s) in {fit_s:.0f} s = {per_epoch:.1f} s per network-"
            f"epoch; defaults (1500 epochs x {n_default}) ≈ "
            f"{per_epoch * 1500 * n_default / 3600:.1f} h"
        )
        if args.score:
            line += f"; test accuracy after {args.epochs} epochs {np.mean(model.predict(Xte) == yte):.4f}"
        print(line, flush=True)


if __name__ == "__main__":
    main()
