"""Bad input that used to give unclear errors (findings of the bad-input matrix)."""

import numpy as np
import pytest

from sklearn_har.datasets import load_uci_protocol
from sklearn_har.features import (
    StatisticalFeatureExtractor,
    UCIHARFeatureExtractor,
    make_svm_pipeline,
)
from sklearn_har.preprocessing import ButterworthFilter

W = np.random.default_rng(0).normal(size=(3, 32, 9))


@pytest.mark.parametrize(
    "call, error, match",
    [
        (
            lambda: load_uci_protocol("sample", preprocessor="median"),
            TypeError,
            "preprocessor must be a stream transformer",
        ),
        (
            lambda: load_uci_protocol("sample", activities=(1, 1)),
            ValueError,
            "more than once",
        ),
        (
            lambda: UCIHARFeatureExtractor(n_jobs=0).fit(W),
            ValueError,
            "n_jobs",
        ),
        (lambda: make_svm_pipeline(scaler=42), TypeError, "scaler must be one of"),
        (
            lambda: make_svm_pipeline(extractor="uci"),
            TypeError,
            "extractor must be a feature extractor",
        ),
        (
            lambda: StatisticalFeatureExtractor(stats=("mean", "mean")).fit(W),
            ValueError,
            r"stats names \['mean'\] more than once",
        ),
        (
            lambda: ButterworthFilter((np.nan, 5.0), btype="band").fit_transform(
                np.zeros((100, 2))
            ),
            ValueError,
            "cutoff must be finite",
        ),
        (
            lambda: StatisticalFeatureExtractor().fit([W[0], W[1, :10]]),
            ValueError,
            "windows of one shape",
        ),
        (
            lambda: UCIHARFeatureExtractor().fit([W[0], W[1, :10]]),
            ValueError,
            "windows of one shape",
        ),
    ],
    ids=[
        "protocol-preprocessor-str",
        "protocol-duplicate-activity",
        "uci-n_jobs-0",
        "svm-scaler-int",
        "svm-extractor-str",
        "stats-duplicate",
        "butterworth-nan-cutoff",
        "stats-ragged-windows",
        "uci-ragged-windows",
    ],
)
def test_errors_name_the_problem(call, error, match):
    with pytest.raises(error, match=match):
        call()
