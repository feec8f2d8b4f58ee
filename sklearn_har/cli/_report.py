"""The report folder of ``sklearn-har benchmark --out DIR``."""

import datetime
import os
import tempfile
from pathlib import Path

from .. import __version__

__all__ = ["write_report"]


def _write(path, write):
    """Write a file through a temporary one, so a failure leaves no half file."""
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    os.close(fd)
    try:
        write(tmp)
        os.replace(tmp, path)
    finally:
        if os.path.exists(tmp):
            os.unlink(tmp)


def _write_text(path, text):
    def write(tmp):
        with open(tmp, "w", encoding="utf-8") as f:
            f.write(text)

    _write(path, write)


def _plots(result, out, target_names):
    """PNG plots with matplotlib (Agg); returns the file names written."""
    try:
        import matplotlib
    except ImportError:
        return [], "matplotlib is not installed: no plots (pip install matplotlib)"
    matplotlib.use("Agg", force=True)
    import matplotlib.pyplot as plt

    from ..plotting import TrainingHistoryDisplay

    written = []

    def save(fig, name):
        def write(tmp):
            fig.savefig(tmp, format="png", dpi=110, bbox_inches="tight")

        _write(out / name, write)
        plt.close(fig)
        written.append(name)

    for metric in ("accuracy", "f1_macro"):
        fig, ax = plt.subplots(figsize=(1.2 + 1.1 * len(result.models), 4))
        result.plot_scores(metric, ax=ax)
        ax.set_title(f"{metric} over repeats × folds")
        save(fig, f"scores_{metric}.png")
    for name in result.models:
        if not len(result.get_scores()[name]):
            continue  # every fit failed
        fig, ax = plt.subplots(figsize=(6.5, 6))
        result.plot_confusion_matrix(
            name, target_names=target_names, ax=ax, colorbar=False
        )
        save(fig, f"confusion_{name}.png")
        fitted = [e for e in (result.estimators_ or {}).get(name, []) if e is not None]
        if fitted:
            try:
                display = TrainingHistoryDisplay.from_estimator(fitted[0], name=name)
            except ValueError:  # no history_: not a deep model
                continue
            save(display.figure_, f"history_{name}.png")
    return written, None


def write_report(
    result, out, *, header, target_names, descriptions, command, wall_time
):
    """Write report.md, results.json, scores.csv, subjects.csv and PNG plots.

    Parameters
    ----------
    result : ComparisonResult
    out : str or path-like
        The folder; created if needed.
    header : list of str
        Lines that describe the data and the evaluation.
    target_names : sequence of str
        Class names, in ``result.labels`` order.
    descriptions : dict of str -> str
        One line per model.
    command : str
        The command line, for the record.
    wall_time : float
        Seconds of the whole run.

    Returns
    -------
    written : list of str
        File names written.
    """
    out = Path(out)
    out.mkdir(parents=True, exist_ok=True)
    written = []
    _write_text(out / "results.json", result.to_json())
    written.append("results.json")
    _write_text(out / "scores.csv", result.to_csv())
    _write_text(out / "subjects.csv", result.to_csv(table="subjects"))
    written += ["scores.csv", "subjects.csv"]
    plots, no_plots = _plots(result, out, target_names)
    now = datetime.datetime.now(datetime.timezone.utc).strftime("%Y-%m-%d %H:%M UTC")
    lines = [
        "# sklearn-har benchmark",
        "",
        f"`{command}` — sklearn_har {__version__}, {now}, wall time "
        f"{wall_time:.0f} s on {os.cpu_count()} cores.",
        "",
        *[f"- {line}" for line in header],
        "",
        "Models:",
        "",
        *[f"- `{name}`: {desc}" for name, desc in descriptions.items()],
        "",
        result.to_markdown(target_names=target_names),
        "## Files",
        "",
        "- `results.json`: everything (long table, per-subject scores, confusion "
        "matrices per fit, seeds); `scores.csv`: one row per model × repeat × fold; "
        "`subjects.csv`: per test subject.",
    ]
    if plots:
        lines += ["", "## Plots", ""]
        lines += [f"![{name}]({name})" for name in plots]
    elif no_plots:
        lines += ["", no_plots]
    _write_text(out / "report.md", "\n".join(lines) + "\n")
    return ["report.md", *written, *plots]
