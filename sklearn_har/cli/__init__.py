"""The ``sklearn-har`` command line (also ``python -m sklearn_har``).

A thin layer over the public API: ``sklearn-har benchmark`` runs a
subject-wise evaluation and prints a table.
"""

import argparse
import sys

from ._benchmark import run_benchmark
from ._models import MODELS

__all__ = ["main"]


def _parser():
    parser = argparse.ArgumentParser(
        prog="sklearn-har",
        description="Human activity recognition from inertial sensors, the scikit-learn way.",
    )
    sub = parser.add_subparsers(dest="command", required=True)
    bench = sub.add_parser(
        "benchmark",
        help="subject-wise evaluation of models on HAR windows",
        description=(
            "Evaluate models on UCI HAR protocol windows (activities 1-6, official "
            "windowing) with subjects never shared between training and test folds."
        ),
    )
    bench.add_argument(
        "--data",
        default="sample",
        help="'sample' (bundled, default), 'hapt' (full data set: SKLEARN_HAR_DATA, "
        "--data-home, or download), or a path to the HAPT zip/folder",
    )
    bench.add_argument("--data-home", default=None, help="where the HAPT files are")
    bench.add_argument(
        "--models",
        default="baseline,svm",
        help=f"comma-separated, from: {', '.join(MODELS)} (default: baseline,svm)",
    )
    bench.add_argument(
        "--protocol",
        choices=["groupkfold", "uci"],
        default="groupkfold",
        help="groupkfold: GroupKFold by subject (default); uci: the official "
        "train/test subject split",
    )
    bench.add_argument(
        "--folds", type=int, default=5, help="GroupKFold splits (default 5)"
    )
    bench.add_argument(
        "--epochs", type=int, default=None, help="epochs for deep models"
    )
    bench.add_argument("--random-state", type=int, default=0)
    bench.add_argument("--n-jobs", type=int, default=None, help="parallel folds")
    return parser


def main(argv=None):
    """Entry point of the ``sklearn-har`` console script."""
    args = _parser().parse_args(argv)
    if args.command == "benchmark":
        try:
            table = run_benchmark(
                data=args.data,
                data_home=args.data_home,
                models=[m.strip() for m in args.models.split(",") if m.strip()],
                protocol=args.protocol,
                folds=args.folds,
                epochs=args.epochs,
                random_state=args.random_state,
                n_jobs=args.n_jobs,
            )
        except (ValueError, OSError, ImportError) as exc:
            print(f"sklearn-har: error: {exc}", file=sys.stderr)
            return 2
        print(table)
    return 0
