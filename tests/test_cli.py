"""Tests of the command line and of the UCI protocol loader."""

import subprocess
import sys

import numpy as np
import pytest

from sklearn_har.cli import main
from sklearn_har.cli._benchmark import run_benchmark
from sklearn_har.datasets import load_sample, load_uci_protocol


def test_protocol_on_sample_is_consistent():
    d = load_uci_protocol("sample")
    assert d.X.ndim == 3 and d.X.shape[1:] == (128, 9)
    assert d.X.shape[0] == d.y.shape[0] == d.subjects.shape[0] == d.train.shape[0]
    assert set(np.unique(d.y)) <= {1, 2, 3, 4, 5, 6}
    test_subjects = set(np.unique(d.subjects[~d.train]))
    assert test_subjects and test_subjects <= set(d.test_subjects)
    assert not set(np.unique(d.subjects[d.train])) & set(d.test_subjects)
    assert d.target_names.tolist()[0] == "WALKING"
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


def test_benchmark_table_on_sample():
    table = run_benchmark("sample", models=["baseline"], folds=3)
    lines = table.splitlines()
    assert "GroupKFold by subject, 3 folds" in table
    row = [ln for ln in lines if ln.startswith("baseline")][0]
    acc = float(row.split()[1])
    assert 60.0 < acc <= 100.0  # a real, non-trivial subject-wise score


def test_benchmark_uci_protocol_on_sample():
    table = run_benchmark("sample", models=["baseline"], protocol="uci")
    assert "official UCI HAR split" in table


def test_cli_errors_are_reported(capsys):
    assert main(["benchmark", "--models", "nope"]) == 2
    assert "Unknown model" in capsys.readouterr().err
    with pytest.raises(SystemExit):
        main(["benchmark", "--protocol", "bogus"])


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
