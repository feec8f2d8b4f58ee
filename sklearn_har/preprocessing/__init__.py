"""Stream preprocessing (filters on continuous recordings) and window scaling."""

from ._filters import ButterworthFilter, GravitySeparator, MedianFilter
from ._scaling import ChannelStandardScaler
from ._uci_har import UCI_HAR_CHANNELS, UCIHARPreprocessor

__all__ = [
    "ButterworthFilter",
    "ChannelStandardScaler",
    "GravitySeparator",
    "MedianFilter",
    "UCIHARPreprocessor",
    "UCI_HAR_CHANNELS",
]
