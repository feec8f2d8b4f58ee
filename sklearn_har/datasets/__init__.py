"""Loaders for human activity recognition data sets.

* :func:`load_hapt` -- the HAPT continuous raw recordings (30 volunteers,
  61 experiments, 50 Hz accelerometer and gyroscope, 12 activities), read
  from the official zip file or its extracted folder, downloaded on demand.
* :func:`load_uci_har` -- the windowed UCI HAR data set, version 1.0.
* :func:`load_sample` -- a six-volunteer excerpt of HAPT bundled with the
  package (no download).
* :func:`load_uci_protocol` -- UCI HAR protocol windows (activities 1-6,
  official windowing and subject split) rebuilt from HAPT.
* :func:`from_dataframe`, :func:`read_csv` -- your own long-format sensor
  logs (a pandas DataFrame, a CSV or Parquet file) as recordings, labels
  and groups, resampled onto an exact grid; :func:`predictions_to_dataframe`
  writes per-sample predictions back as a table (these need pandas).
* :func:`get_data_home` -- where data sets are looked for: the ``data_home``
  argument, the ``SKLEARN_HAR_DATA`` environment variable, or
  ``~/.cache/sklearn_har``.
"""

from ._base import get_data_home
from ._hapt import HAPT_URL, load_hapt
from ._logs import from_dataframe, predictions_to_dataframe, read_csv
from ._protocol import load_uci_protocol
from ._sample import load_sample
from ._uci_har import UCI_HAR_TEST_SUBJECTS, UCI_HAR_URL, load_uci_har

__all__ = [
    "HAPT_URL",
    "UCI_HAR_TEST_SUBJECTS",
    "UCI_HAR_URL",
    "from_dataframe",
    "get_data_home",
    "load_hapt",
    "load_sample",
    "load_uci_har",
    "load_uci_protocol",
    "predictions_to_dataframe",
    "read_csv",
]
