"""Tests of the command line and of the UCI protocol loader."""

import importlib.util
import json
import os
import subprocess
import sys
import urllib.error
import warnings

import numpy as np
import pytest

from sklearn_har import __version__
from sklearn_har.cli import main
from sklearn_har.datasets import _base as base_module
from sklearn_har.datasets import load_sample, load_uci_protocol


@pytest.fixture(autouse=True)
def _keep_tensorflow_log_level(monkeypatch):
    """main() quiets TensorFlow through the environment; undo it after a test."""
    monkeypatch.setenv(
        "TF_CPP_MIN_LOG_LEVEL", os.environ.get("TF_CPP_MIN_LOG_LEVEL", "0")
    )


def test_protocol_on_sample_is_consistent():
    d = load_uci_protocol("sample")
    assert d.X.ndim == 3 and d.X.shape[1:] == (128, 9)
    assert d.X.shape[0] == d.y.shape[0] == d.subjects.shape[0] == d.train.shape[0]
    assert set(np.unique(d.y)) <= {1, 2, 3, 4, 5, 6}
    test_subjects = set(np.unique(d.subjects[~d.train]))
    assert test_subjects and test_subjects <= set(d.test_subjects)
    assert not set(np.unique(d.subjects[d.train])) & set(d.test_subjects)
    assert d.target_names.tolist()[1] == "WALKING"
    assert list(d.channel_names[:3]) == ["body_acc_x", "body_acc_y", "body_acc_z"]
    # every window is the slice of the preprocessed recording its origin names
    from sklearn_har.preprocessing import UCIHARPreprocessor

    raw = load_sample()
    i = len(d.y) // 2
    rec = UCIHARPreprocessor().fit_transform(raw.recordings[d.origin.recording[i]])
    np.testing.assert_array_equal(
        d.X[i], rec[d.origin.start[i] : d.origin.start[i] + 128]
    )
    assert raw.subjects[d.origin.recording[i]] == d.subjects[i]


def test_protocol_bad_data_argument():
    with pytest.raises(ValueError, match="data must be None, 'hapt', 'sample'"):
        load_uci_protocol("nope")


@pytest.mark.slow
def test_protocol_on_full_hapt(hapt):
    d = load_uci_protocol(hapt)
    # 10,411 windows of activities 1-6; official split by subject
    assert d.X.shape == (10411, 128, 9)
    assert d.train.sum() == 7415 and (~d.train).sum() == 2996
    assert np.unique(d.subjects).tolist() == list(range(1, 31))


def _model_rows(out, names):
    return {
        line.split()[0]: line.split()
        for line in out.splitlines()
        if line.split() and line.split()[0] in names
    }


def test_benchmark_streams_a_table_on_the_sample(capsys):
    assert main(["benchmark", "--models", "baseline,svm", "--folds", "3"]) == 0
    out, err = capsys.readouterr()
    assert "GroupKFold by subject, 3 folds" in out
    rows = _model_rows(out, {"baseline", "svm"})
    # a real, non-trivial subject-wise score, and the fits counted (deterministic)
    assert 60.0 < float(rows["baseline"][1]) <= 100.0
    assert 60.0 < float(rows["svm"][1]) <= 100.0
    assert rows["svm"][-3] == "3"  # fits: 3 folds
    assert out.index("baseline ") < out.index("svm ")
    assert "wall time" in out
    # the progress bar goes to stderr, naming model and fold
    assert "svm repeat 1/1 fold" in err


def test_benchmark_uci_protocol_with_repeats(capsys):
    argv = ["benchmark", "--models", "baseline", "--protocol", "uci", "--repeats", "2"]
    assert main([*argv, "--no-progress"]) == 0
    out, err = capsys.readouterr()
    assert "official UCI HAR subject split" in out and "2 repeats" in out
    assert err == ""


def test_benchmark_report_folder(tmp_path, capsys):
    out_dir = tmp_path / "report"
    argv = ["benchmark", "--models", "baseline", "--folds", "2", "--no-progress"]
    assert main([*argv, "--out", str(out_dir)]) == 0
    out, _ = capsys.readouterr()
    assert f"to {out_dir}" in out
    names = sorted(p.name for p in out_dir.iterdir())
    for name in ("report.md", "results.json", "scores.csv", "subjects.csv"):
        assert name in names
    pytest.importorskip("matplotlib")
    assert {"scores_accuracy.png", "confusion_baseline.png"} <= set(names)
    report = (out_dir / "report.md").read_text()
    assert "| baseline |" in report and "WALKING" in report
    assert "![scores_accuracy.png](scores_accuracy.png)" in report
    data = json.loads((out_dir / "results.json").read_text())
    assert data["models"] == ["baseline"] and len(data["rows"]) == 2
    assert not [p for p in names if p.endswith(".tmp")]


@pytest.mark.parametrize(
    "argv, message",
    [
        (["--epochs", "0"], "argument --epochs: must be at least 1, got 0"),
        (["--repeats", "-1"], "argument --repeats: must be at least 1"),
        (["--folds", "two"], "expected a whole number, got 'two'"),
        (["--models", "nope"], "unknown model(s) nope; choose from baseline"),
        (["--models", "svm,svm"], "a model is named twice"),
        (["--models", ","], "name at least one model"),
        (["--n-jobs", "0"], "must not be 0"),
        (["--protocol", "bogus"], "invalid choice: 'bogus'"),
    ],
)
def test_bad_options_give_one_line_and_exit_2(argv, message, capsys):
    with pytest.raises(SystemExit) as info:
        main(["benchmark", *argv])
    assert info.value.code == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and message in err
    assert err.startswith("sklearn-har benchmark: error:")


def test_version_and_help(capsys):
    with pytest.raises(SystemExit) as info:
        main(["--version"])
    assert info.value.code == 0
    assert capsys.readouterr().out.strip() == f"sklearn-har {__version__}"
    with pytest.raises(SystemExit):
        main(["benchmark", "--help"])
    help_text = " ".join(capsys.readouterr().out.split())
    for option in ("--random-state", "--repeats", "--out", "--no-download", "--n-jobs"):
        assert option in help_text
    assert "(default: 5)" in help_text and "(default: baseline,svm)" in help_text


def test_missing_data_is_one_line_and_creates_nothing(tmp_path, monkeypatch, capsys):
    home = tmp_path / "data"
    monkeypatch.setenv("SKLEARN_HAR_DATA", str(home))
    assert main(["benchmark", "--data", "hapt", "--no-download"]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1
    for name in ("SKLEARN_HAR_DATA", "--data-home", "--no-download", str(home)):
        assert name in err
    assert not home.exists()


def test_failed_download_is_one_line_and_creates_nothing(tmp_path, monkeypatch, capsys):
    def offline(url, timeout):
        raise urllib.error.URLError("no network")

    monkeypatch.setattr(base_module, "_urlopen", offline)
    home = tmp_path / "new" / "data"
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # no retry warnings
        status = main(["benchmark", "--data", "hapt", "--data-home", str(home)])
    assert status == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "downloading HAPT failed" in err
    for name in ("SKLEARN_HAR_DATA", "--data-home", "--no-download"):
        assert name in err
    assert not (tmp_path / "new").exists()


def test_data_home_with_the_sample_is_an_error(tmp_path, capsys):
    assert main(["benchmark", "--data-home", str(tmp_path)]) == 2
    assert "--data-home applies to --data hapt" in capsys.readouterr().err


def test_data_path_that_is_not_hapt(tmp_path, capsys):
    assert main(["benchmark", "--data", str(tmp_path / "missing.zip")]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "not the HAPT zip or folder" in err


def test_python_dash_m_entry_point():
    out = subprocess.run(
        [
            sys.executable,
            "-m",
            "sklearn_har",
            "benchmark",
            "--models",
            "baseline",
            "--folds",
            "2",
        ],
        capture_output=True,
        text=True,
        check=True,
    )
    assert "baseline" in out.stdout and "accuracy" in out.stdout


@pytest.mark.deep
def test_deep_models_run_quietly(tmp_path):
    """No TensorFlow log lines or retracing warnings on stderr."""
    if importlib.util.find_spec("tensorflow") is None:  # not imported here
        pytest.skip("needs the deep extra")
    env = {k: v for k, v in os.environ.items() if not k.startswith("TF_")}
    proc = subprocess.run(
        [
            sys.executable,
            "-m",
            "sklearn_har",
            "benchmark",
            "--models",
            "cnn",
            "--epochs",
            "1",
            "--folds",
            "2",
            "--repeats",
            "2",
            "--no-progress",
        ],
        capture_output=True,
        text=True,
        env=env,
        cwd=tmp_path,
    )
    assert proc.returncode == 0, proc.stderr
    assert proc.stderr == ""
    assert _model_rows(proc.stdout, {"cnn"})["cnn"][-3] == "4"  # 2 repeats x 2 folds
    assert list(tmp_path.iterdir()) == []  # nothing written to the working folder


@pytest.mark.parametrize(
    "kwargs, error, match",
    [
        ({"activities": (99,)}, ValueError, r"Unknown activity ids \[99\]"),
        ({"activities": ("WALKING",)}, TypeError, "integer activity ids"),
        ({"activities": ()}, ValueError, "non-empty sequence"),
        ({"window_size": 5000}, ValueError, "No window of 5000 samples"),
    ],
)
def test_protocol_bad_arguments_are_named(kwargs, error, match):
    with pytest.raises(error, match=match):
        load_uci_protocol("sample", **kwargs)


def test_protocol_data_of_the_wrong_type():
    with pytest.raises(TypeError, match="got int"):
        load_uci_protocol(42)
