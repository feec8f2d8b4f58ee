"""The ``sklearn-har`` command line (also ``python -m sklearn_har``).

A thin layer over the public API: ``sklearn-har benchmark`` loads the UCI
HAR protocol windows and runs
:func:`~sklearn_har.model_selection.compare_models`, with a progress bar,
results streamed as each model finishes, and an optional report folder.
"""

import argparse
import os
import sys

from .. import __version__
from ._models import MODELS

__all__ = ["main"]


class CLIError(Exception):
    """A problem stated in the command line's terms (one line, exit code 2)."""


class _Parser(argparse.ArgumentParser):
    """Usage errors as one line (and exit code 2), pointing to --help."""

    def error(self, message):
        self.exit(2, f"{self.prog}: error: {message} (see {self.prog} --help)\n")


def _whole_number(text):
    try:
        return int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(
            f"expected a whole number, got {text!r}"
        ) from None


def _positive_int(text):
    value = _whole_number(text)
    if value < 1:
        raise argparse.ArgumentTypeError(f"must be at least 1, got {value}")
    return value


def _seed(text):
    value = _whole_number(text)
    if not 0 <= value < 2**32:
        raise argparse.ArgumentTypeError(f"must be in [0, 2**32), got {value}")
    return value


def _n_jobs(text):
    value = _whole_number(text)
    if value == 0:
        raise argparse.ArgumentTypeError(
            "must not be 0 (1: no parallelism, -1: all cores)"
        )
    return value


def _models(text):
    names = [m.strip() for m in text.split(",") if m.strip()]
    if not names:
        raise argparse.ArgumentTypeError("name at least one model")
    unknown = [m for m in names if m not in MODELS]
    if unknown:
        raise argparse.ArgumentTypeError(
            f"unknown model(s) {', '.join(unknown)}; choose from {', '.join(MODELS)}"
        )
    if len(set(names)) != len(names):
        raise argparse.ArgumentTypeError(f"a model is named twice in {text!r}")
    return names


def _parser():
    parser = _Parser(
        prog="sklearn-har",
        description="Human activity recognition from inertial sensors, the scikit-learn way.",
    )
    parser.add_argument(
        "--version", action="version", version=f"%(prog)s {__version__}"
    )
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    models_help = "; ".join(f"{name}: {desc}" for name, (_, desc) in MODELS.items())
    bench = sub.add_parser(
        "benchmark",
        help="subject-wise evaluation of models on HAR windows",
        formatter_class=argparse.ArgumentDefaultsHelpFormatter,
        description=(
            "Evaluate models on UCI HAR protocol windows (activities 1-6, official "
            "windowing) with subjects never shared between training and test, all "
            "models on identical splits. Progress goes to stderr, results to "
            "stdout as each model finishes."
        ),
        epilog=(
            "examples: sklearn-har benchmark; sklearn-har benchmark --data hapt "
            "--protocol uci --models svm,cnn --repeats 3 --out results/"
        ),
    )
    bench.add_argument(
        "--data",
        default="sample",
        metavar="{sample,hapt,PATH}",
        help="'sample' (bundled 6-subject excerpt), 'hapt' (the full data set, from "
        "SKLEARN_HAR_DATA, --data-home or a download), or a path to the HAPT zip "
        "or its extracted folder",
    )
    bench.add_argument(
        "--data-home",
        default=None,
        metavar="DIR",
        help="folder holding 'HAPT Data Set.zip' (with --data hapt; overrides "
        "SKLEARN_HAR_DATA)",
    )
    bench.add_argument(
        "--no-download",
        action="store_true",
        help="never download: fail if the HAPT data is not found",
    )
    bench.add_argument(
        "--models",
        type=_models,
        default="baseline,svm",
        help=f"comma-separated model names ({models_help})",
    )
    bench.add_argument(
        "--protocol",
        choices=["groupkfold", "uci"],
        default="groupkfold",
        help="groupkfold: GroupKFold by subject; uci: the official UCI HAR "
        "train/test subject split",
    )
    bench.add_argument(
        "--folds",
        type=_positive_int,
        default=5,
        help="GroupKFold folds (with --protocol groupkfold; at most the number of "
        "subjects)",
    )
    bench.add_argument(
        "--repeats",
        type=_positive_int,
        default=1,
        help="fits of every stochastic model on every split, each with new seeds "
        "(deterministic models are fitted once)",
    )
    bench.add_argument(
        "--epochs",
        type=_positive_int,
        default=None,
        help="training epochs of the deep models (default: each model's own)",
    )
    bench.add_argument(
        "--random-state",
        type=_seed,
        default=0,
        help="seed from which the seeds of every repeat are drawn: the same value "
        "gives the same table",
    )
    bench.add_argument(
        "--n-jobs",
        type=_n_jobs,
        default=1,
        help="fits run in parallel (-1: all cores); each then gets its share of "
        "the cores for BLAS and TensorFlow",
    )
    bench.add_argument(
        "--out",
        default=None,
        metavar="DIR",
        help="write report.md, results.json, scores.csv, subjects.csv and PNG "
        "plots (with matplotlib) to this folder",
    )
    bench.add_argument(
        "--no-progress",
        action="store_true",
        help="no progress bar on stderr",
    )
    bench.add_argument(
        "--verbose",
        action="store_true",
        help="keep TensorFlow's log messages and warnings",
    )
    return parser


def _quiet_tensorflow():
    """Silence TensorFlow's C++ and Python logging before it is imported."""
    os.environ["TF_CPP_MIN_LOG_LEVEL"] = "3"
    import logging

    logging.getLogger("tensorflow").setLevel(logging.ERROR)
    logging.getLogger("absl").setLevel(logging.ERROR)


def main(argv=None):
    """Entry point of the ``sklearn-har`` console script.

    Parameters
    ----------
    argv : list of str, default=None
        Arguments (``sys.argv[1:]`` when None).

    Returns
    -------
    status : int
        0 on success, 2 on a usage or data error (one line on stderr).
    """
    parser = _parser()
    argv = list(sys.argv[1:] if argv is None else argv)
    args = parser.parse_args(argv)
    args.argv = argv
    if args.command == "benchmark":
        if not args.verbose:
            _quiet_tensorflow()
        from ._benchmark import run_benchmark

        try:
            run_benchmark(args)
        except CLIError as exc:
            print(f"sklearn-har: error: {exc}", file=sys.stderr)
            return 2
    return 0
