"""``sklearn-har benchmark``: compare_models on the UCI HAR protocol windows."""

import importlib.util
import shlex
import sys
import time

import numpy as np
from sklearn.model_selection import GroupKFold

from ..datasets import get_data_home
from ..datasets._base import DATA_HOME_ENV
from ..model_selection import UCIHARSplit, compare_models
from ._models import MODELS, make_model
from ._report import write_report

__all__ = ["load_windows", "run_benchmark"]

_HEADER = f"{'model':<14} {'accuracy %':>16} {'macro-F1 %':>16} {'fits':>5} {'fit s':>8} {'predict win/s':>14}"


def _where_to_put_it(detail):
    return (
        f"{detail}: set {DATA_HOME_ENV} or --data-home to the folder that holds "
        "'HAPT Data Set.zip'"
    )


def load_windows(data="sample", data_home=None, *, download=True):
    """UCI-protocol windows, with errors in the command line's terms.

    Parameters
    ----------
    data : str, default="sample"
        ``"sample"``, ``"hapt"`` or a path to the HAPT zip or folder.
    data_home : str, default=None
        Where the HAPT files are, for ``data="hapt"``.
    download : bool, default=True
        Download HAPT when it is missing (``data="hapt"``).

    Returns
    -------
    data : Bunch
        As :func:`~sklearn_har.datasets.load_uci_protocol`.
    """
    from ..datasets import load_hapt, load_uci_protocol
    from . import CLIError

    if data == "sample":
        if data_home is not None:
            raise CLIError("--data-home applies to --data hapt; the sample is bundled")
        return load_uci_protocol("sample")
    if data == "hapt":
        try:
            raw = load_hapt(data_home, download_if_missing=download, n_retries=0)
        except FileNotFoundError:
            home = get_data_home(data_home)
            raise CLIError(
                _where_to_put_it(f"the HAPT data set is not in {home}")
                + ", or drop --no-download to download it (27 MB) from UCI"
            ) from None
        except OSError as exc:
            raise CLIError(
                _where_to_put_it(f"downloading HAPT failed ({exc})")
                + ", or pass --no-download to never try"
            ) from None
        return load_uci_protocol(raw)
    if data_home is not None:
        raise CLIError(
            "--data-home applies to --data hapt; --data already names a path"
        )
    try:
        raw = load_hapt(data, download_if_missing=False)
    except (FileNotFoundError, ValueError, OSError) as exc:
        first = str(exc).splitlines()[0]
        raise CLIError(f"--data {data}: not the HAPT zip or folder ({first})") from None
    return load_uci_protocol(raw)


def _pct(mean, std, n):
    if not np.isfinite(mean):
        return "failed"
    if n > 1:
        return f"{100 * mean:.2f} ± {100 * std:.2f}"
    return f"{100 * mean:.2f}"


def _row(summary):
    s = summary
    n_ok = s["n_fits"] - s["n_failed"]
    windows_per_s = (
        s["n_test_mean"] / s["predict_time_mean"]
        if s.get("predict_time_mean")
        else np.nan
    )
    line = (
        f"{s['model']:<14} {_pct(s['accuracy_mean'], s['accuracy_std'], n_ok):>16} "
        f"{_pct(s['f1_macro_mean'], s['f1_macro_std'], n_ok):>16} {s['n_fits']:>5} "
        f"{s['fit_time_mean']:>8.1f} {windows_per_s:>14,.0f}"
    )
    if s["n_failed"]:
        line += f"  ({s['n_failed']} failed: {s['first_error']})"
    return line


def _printer(progress):
    """Print to stdout without breaking a tqdm bar on stderr."""
    if progress and importlib.util.find_spec("tqdm") is not None:
        from tqdm.auto import tqdm

        return lambda line: tqdm.write(line, file=sys.stdout)
    # no bar (--no-progress, or tqdm not installed): plain lines
    return lambda line: print(line, flush=True)


def run_benchmark(args):
    """Run the benchmark described by parsed command-line ``args``.

    Prints the data, the evaluation and one line per model as it finishes;
    writes the report folder when ``args.out`` is set.

    Parameters
    ----------
    args : argparse.Namespace
        The options of ``sklearn-har benchmark``.

    Returns
    -------
    result : ComparisonResult
    """
    from . import CLIError

    t_start = time.perf_counter()
    d = load_windows(args.data, args.data_home, download=not args.no_download)
    subjects = np.unique(d.subjects)
    if args.protocol == "uci":
        cv = UCIHARSplit()
        n_test = int((~d.train).sum())
        split = (
            f"official UCI HAR subject split: {d.X.shape[0] - n_test} train / "
            f"{n_test} test windows"
        )
    else:
        if subjects.size < 2:
            raise CLIError(
                "subject-wise evaluation needs windows of at least 2 subjects"
            )
        cv = GroupKFold(n_splits=min(args.folds, subjects.size))
        split = f"GroupKFold by subject, {cv.n_splits} folds"
    repeats = (
        f", {args.repeats} repeats of the stochastic models" if args.repeats > 1 else ""
    )
    names = list(d.target_names[np.unique(d.y)])
    header = [
        f"data: {args.data} — {d.X.shape[0]} windows {d.X.shape[1:]} from "
        f"{subjects.size} subjects, activities {', '.join(map(str, names))}",
        f"evaluation: {split}{repeats} (mean ± std over repeats × folds)",
    ]
    print("\n".join(header), end="\n\n", flush=True)
    models = {
        name: make_model(name, random_state=args.random_state, epochs=args.epochs)
        for name in args.models
    }
    show = _printer(not args.no_progress)
    print(_HEADER + "\n" + "-" * len(_HEADER), flush=True)

    finished = {}

    def on_fit(event):
        rows = finished.setdefault(event.model, [])
        rows.append(event.row)
        if event.model_done:
            summary = dict(event.summary)
            summary["n_test_mean"] = np.mean([r["n_test"] for r in rows])
            errors = [r["error"] for r in rows if r["error"]]
            summary["first_error"] = errors[0] if errors else None
            show(_row(summary))

    result = compare_models(
        models,
        d.X,
        d.y,
        groups=d.subjects,
        cv=cv,
        n_repeats=args.repeats,
        random_state=args.random_state,
        n_jobs=args.n_jobs,
        verbose=0 if args.no_progress else 1,
        callback=on_fit,
        return_estimators=args.out is not None,
    )
    wall = time.perf_counter() - t_start
    print(f"\nwall time: {wall:.0f} s", flush=True)
    if args.out is not None:
        command = "sklearn-har " + " ".join(shlex.quote(a) for a in args.argv)
        written = write_report(
            result,
            args.out,
            header=header,
            target_names=names,
            descriptions={m: MODELS[m][1] for m in args.models},
            command=command,
            wall_time=wall,
        )
        print(f"wrote {', '.join(written)} to {args.out}", flush=True)
    return result
