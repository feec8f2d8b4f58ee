"""Features computed from windows: UCI HAR 561, tsfresh, simple statistics."""

from ._basic import StatisticalFeatureExtractor
from ._feature_names import uci_har_feature_names
from ._pipelines import make_svm_pipeline
from ._tsfresh import TsfreshFeatureExtractor
from ._uci_har import UCIHARFeatureExtractor

__all__ = [
    "StatisticalFeatureExtractor",
    "TsfreshFeatureExtractor",
    "UCIHARFeatureExtractor",
    "make_svm_pipeline",
    "uci_har_feature_names",
]
