"""Features computed from windows: UCI HAR 561, tsfresh, simple statistics."""

import warnings

from ._layout import uci_har_feature_names
from ._statistical import StatisticalFeatureExtractor
from ._tsfresh import TsfreshFeatureExtractor
from ._uci_har import UCIHARFeatureExtractor

__all__ = [
    "StatisticalFeatureExtractor",
    "TsfreshFeatureExtractor",
    "UCIHARFeatureExtractor",
    "uci_har_feature_names",
]


def __getattr__(name):
    # Deprecated in 0.1: pipelines live in sklearn_har.pipeline.
    if name == "make_svm_pipeline":
        warnings.warn(
            "sklearn_har.features.make_svm_pipeline is deprecated and will be "
            "removed in a future release; use "
            "`from sklearn_har.pipeline import make_svm_pipeline` instead.",
            FutureWarning,
            stacklevel=2,
        )
        from ..pipeline import make_svm_pipeline

        return make_svm_pipeline
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
