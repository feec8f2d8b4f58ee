"""Do the deep classifiers' defaults hold at every training-set size? (issue #13)

Run:  python benchmarks/bench_deep_defaults.py --regime hapt7 \\
          --models cnn lstm --settings default off --seeds 0 1 2 \\
          [--param NAME=JSON] [--output results.jsonl]

Model selection only: the UCI HAR test subjects are never read.  Every run
is subject-wise cross-validation, with ``ChannelStandardScaler`` →
classifier fitted on the training part of each fold only.

Regimes (``--regime``):

* ``hapt21``, ``hapt7``, ``hapt_tiny`` -- the 21 UCI HAR *train* subjects
  (``load_uci_protocol``, 128-sample windows, step 64, 9 channels).  Fold k
  of 3 holds out the train subjects ``train_subjects[k::3]`` (7 subjects;
  the split of ``bench_deep.py --cv 3``).  The model is trained on a
  subsample of the other 14 subjects, and scored on all windows of the 7
  held-out ones:

  - ``hapt21``: all 14 (the full-data regime);
  - ``hapt7``: 7 of them (every second one);
  - ``hapt_tiny``: 10 windows per class (``--per-class``; or all, if
    fewer) from 4 of them (every third, the first four), drawn with
    ``numpy.random`` seeded by the run's seed and the fold -- 60 windows.

* ``watch`` -- ``watch_exercises.npz`` (smartwatch, 10 subjects, 7
  exercises, 6 channels), every recording cut into windows of 128 samples
  with step 64, ``GroupKFold(5)`` over subjects.

``--models svm`` is the reference 561 features + SVM
(``make_svm_pipeline()``; on ``watch`` every recording then goes through
``UCIHARPreprocessor`` first, for the 9 channels it needs; run it alone).

Settings (``--settings``): ``default`` (the classifier's defaults; since
this study, ``window_stats="auto", center_windows="auto"``), ``on`` (both
``True``: the defaults before this study), ``off``
(``window_stats=False, center_windows=False``: the published networks),
``stats`` (``window_stats`` only), ``center`` (``center_windows`` only),
or ``NAME=JSON,NAME=JSON`` for any other parameters.

Every (regime, model, setting, seed, fold) is appended as one JSON line to
``--output`` as soon as it is done (accuracy, macro-F1, fit seconds,
number of training windows), so a long run can be stopped and resumed
(``--resume`` skips lines already there).  Printed: per (model, setting),
the accuracy as the mean over folds, per seed, and the mean ± std over the
seeds.  TensorFlow uses ``--threads`` threads (default 2).

``python benchmarks/bench_deep_defaults.py --summarize results.jsonl``
prints every (regime, model, setting, parameters) of such a file as a
Markdown table: accuracy % as the mean ± std over seeds of the fold means,
the per-seed values, the folds per seed, the mean training windows and
the mean fit time.
"""

import argparse
import json
import os
import sys
import time

import numpy as np


def parse_args(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--summarize", metavar="JSONL", default=None)
    parser.add_argument(
        "--regime",
        choices=["hapt21", "hapt7", "hapt_tiny", "watch"],
        default=None,
    )
    parser.add_argument("--models", nargs="+", default=["cnn"])
    parser.add_argument("--settings", nargs="+", default=["default", "off"])
    parser.add_argument("--seeds", nargs="+", type=int, default=[0, 1, 2])
    parser.add_argument("--folds", nargs="+", type=int, default=None)
    parser.add_argument(
        "--param",
        action="append",
        default=[],
        help="NAME=JSON set for every model of the run (e.g. epochs=20)",
    )
    parser.add_argument(
        "--per-class", type=int, default=10, help="hapt_tiny: windows per class"
    )
    parser.add_argument("--threads", type=int, default=2)
    parser.add_argument("--data-home", default=None)
    parser.add_argument("--output", default=None)
    parser.add_argument("--resume", action="store_true")
    return parser.parse_args(argv)


SETTINGS = {
    "default": {},
    "on": {"window_stats": True, "center_windows": True},
    "off": {"window_stats": False, "center_windows": False},
    "stats": {"window_stats": True, "center_windows": False},
    "center": {"window_stats": False, "center_windows": True},
}


def setting_params(name):
    """Parameters of a named setting, or of ``NAME=JSON,NAME=JSON``."""
    if name in SETTINGS:
        return dict(SETTINGS[name])
    params = {}
    for item in name.split(","):
        key, _, value = item.partition("=")
        params[key] = json.loads(value)
    return params


def load_hapt_train(data_home):
    """Windows, labels and subjects of the 21 UCI HAR train subjects only."""
    from sklearn_har.datasets import UCI_HAR_TEST_SUBJECTS, load_uci_protocol

    d = load_uci_protocol(data_home=data_home)
    train = ~np.isin(d.subjects, UCI_HAR_TEST_SUBJECTS)
    return d.X[train], d.y[train], d.subjects[train]


def load_watch(data_home, uci_har_channels=False):
    """Windows (128, step 64) of every recording of watch_exercises.npz.

    With ``uci_har_channels``, every recording first goes through
    ``UCIHARPreprocessor`` (9 channels, as the 561 features need).
    """
    from numpy.lib.stride_tricks import sliding_window_view

    home = data_home or os.environ.get("SKLEARN_HAR_DATA", "../shared/data")
    with np.load(os.path.join(home, "watch_exercises.npz")) as f:
        samples, offsets = f["samples"], f["offsets"]
        activity, subject = f["activity"], f["subject"]
    X, y, groups = [], [], []
    for i in range(len(activity)):
        rec = samples[offsets[i] : offsets[i + 1]]
        if uci_har_channels:
            from sklearn_har.preprocessing import UCIHARPreprocessor

            rec = UCIHARPreprocessor().fit_transform(rec.astype(np.float64))
        w = sliding_window_view(rec, 128, axis=0)[::64]  # (n, 6, 128)
        X.append(np.transpose(w, (0, 2, 1)))
        y.append(np.full(len(w), activity[i]))
        groups.append(np.full(len(w), subject[i]))
    return (
        np.ascontiguousarray(np.concatenate(X), dtype=np.float32),
        np.concatenate(y),
        np.concatenate(groups),
    )


def folds(regime, y, groups, seed, per_class=10):
    """``(name, train_indices, test_indices)`` of every fold of a regime."""
    if regime == "watch":
        from sklearn.model_selection import GroupKFold

        for k, (tr, te) in enumerate(GroupKFold(5).split(y, y, groups)):
            yield k, tr, te
        return
    subjects = np.unique(groups)
    for k in range(3):
        held_out = subjects[k::3]
        pool = np.setdiff1d(subjects, held_out)
        if regime == "hapt7":
            pool = pool[::2]
        elif regime == "hapt_tiny":
            pool = pool[::3][:4]
        train = np.flatnonzero(np.isin(groups, pool))
        if regime == "hapt_tiny":
            rng = np.random.default_rng([seed, k])
            picked = []
            for label in np.unique(y[train]):
                candidates = train[y[train] == label]
                n = min(per_class, len(candidates))
                picked.append(rng.choice(candidates, n, replace=False))
            train = np.sort(np.concatenate(picked))
        yield k, train, np.flatnonzero(np.isin(groups, held_out))


def make_model(key, params):
    from sklearn.pipeline import make_pipeline

    if key == "svm":  # the 561 features + SVM reference (no random state)
        from sklearn_har.pipeline import make_svm_pipeline

        return make_svm_pipeline()

    from sklearn_har import deep
    from sklearn_har.preprocessing import ChannelStandardScaler

    classes = {
        "cnn": "CNNClassifier",
        "multihead": "MultiHeadCNNClassifier",
        "lstm": "LSTMClassifier",
        "cnn_lstm": "CNNLSTMClassifier",
        "convlstm": "ConvLSTMClassifier",
        "resnet": "ResNetClassifier",
        "inception": "InceptionTimeClassifier",
        "bilstm": "ResidualBiLSTMClassifier",
    }
    return make_pipeline(ChannelStandardScaler(), getattr(deep, classes[key])(**params))


def summarize(path):
    """Markdown table of a results file (see the module docstring)."""
    runs = {}
    with open(path) as f:
        for line in f:
            r = json.loads(line)
            extra = ",".join(
                f"{k}={json.dumps(v)}" for k, v in sorted(r["extra"].items())
            )
            key = (r["regime"], r["model"], r["setting"], extra)
            runs.setdefault(key, []).append(r)
    print(
        "| regime | model | setting | parameters | accuracy % | per seed | "
        "folds | train windows | fit s |"
    )
    print("|---|---|---|---|---|---|---|---|---|")
    for key in sorted(runs):
        rows = runs[key]
        by_seed = {}
        for r in rows:
            by_seed.setdefault(r["seed"], []).append(r["accuracy"])
        per_seed = [100 * np.mean(v) for _, v in sorted(by_seed.items())]
        folds = "/".join(str(len(v)) for _, v in sorted(by_seed.items()))
        print(
            f"| {' | '.join(key[:3])} | {key[3] or '-'} | "
            f"{np.mean(per_seed):.2f} ± {np.std(per_seed):.2f} | "
            f"{' / '.join(f'{v:.2f}' for v in per_seed)} | {folds} | "
            f"{np.mean([r['n_train'] for r in rows]):.0f} | "
            f"{np.mean([r['fit_s'] for r in rows]):.0f} |"
        )


def main(argv=None):
    args = parse_args(argv)
    if args.summarize:
        summarize(args.summarize)
        return 0
    if args.regime is None:
        raise SystemExit("--regime is required (or --summarize FILE)")
    import tensorflow as tf

    tf.config.threading.set_intra_op_parallelism_threads(args.threads)
    tf.config.threading.set_inter_op_parallelism_threads(args.threads)
    from sklearn.metrics import accuracy_score, f1_score

    if args.regime == "watch":
        X, y, groups = load_watch(args.data_home, uci_har_channels="svm" in args.models)
    else:
        X, y, groups = load_hapt_train(args.data_home)
    extra = {k: json.loads(v) for k, v in (p.split("=", 1) for p in args.param)}
    regime = args.regime
    if regime == "hapt_tiny" and args.per_class != 10:
        regime = f"hapt_tiny{args.per_class}"
    done = set()
    if args.output and args.resume and os.path.exists(args.output):
        with open(args.output) as f:
            for line in f:
                r = json.loads(line)
                done.add(
                    (
                        r["regime"],
                        r["model"],
                        r["setting"],
                        r["seed"],
                        r["fold"],
                        json.dumps(r["extra"], sort_keys=True),
                    )
                )
    print(
        f"{args.regime}: {len(y)} windows, {len(np.unique(groups))} subjects, "
        f"{len(np.unique(y))} classes; extra {extra}",
        flush=True,
    )
    summary = {}
    for model in args.models:
        for setting in args.settings:
            for seed in args.seeds:
                accs = []
                for k, train, test in folds(
                    args.regime, y, groups, seed, args.per_class
                ):
                    if args.folds is not None and k not in args.folds:
                        continue
                    key = (
                        regime,
                        model,
                        setting,
                        seed,
                        k,
                        json.dumps(extra, sort_keys=True),
                    )
                    if key in done:
                        continue
                    params = {**setting_params(setting), **extra, "random_state": seed}
                    est = make_model(model, params)
                    t0 = time.perf_counter()
                    est.fit(X[train], y[train])
                    fit_s = time.perf_counter() - t0
                    pred = est.predict(X[test])
                    row = {
                        "regime": regime,
                        "model": model,
                        "setting": setting,
                        "seed": seed,
                        "fold": k,
                        "extra": extra,
                        "accuracy": float(accuracy_score(y[test], pred)),
                        "macro_f1": float(f1_score(y[test], pred, average="macro")),
                        "fit_s": round(fit_s, 2),
                        "n_train": int(len(train)),
                        "n_test": int(len(test)),
                        "epochs": None if model == "svm" else int(est[-1].n_iter_),
                    }
                    accs.append(row["accuracy"])
                    print(json.dumps(row), flush=True)
                    if args.output:
                        with open(args.output, "a") as f:
                            f.write(json.dumps(row) + "\n")
                if accs:
                    summary.setdefault((model, setting), []).append(np.mean(accs))
    for (model, setting), values in summary.items():
        v = 100 * np.asarray(values)
        print(
            f"{model:10s} {setting:30s} {v.mean():6.2f} ± {v.std():4.2f}  "
            f"per seed {' / '.join(f'{x:.2f}' for x in v)}"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
