"""Features computed from windows: UCI HAR 561, tsfresh, simple statistics."""

from ._basic import StatisticalFeatureExtractor

__all__ = ["StatisticalFeatureExtractor"]
