"""The bundled HAPT sample: six volunteers, shipped inside the package.

``data/hapt_sample.npz`` is written by ``tools/make_hapt_sample.py`` from the
official HAPT archive. Every sensor column is dictionary-coded: the
accelerometer takes about 2,300 distinct values (multiples of 1/720 g,
rounded to float32) and the gyroscope about 17,000 (float32 readings), so a
``uint16`` code per sample indexing a ``float64`` table of the distinct
values reproduces the parsed text files bit for bit at a fraction of the
size. Labels are stored as the original ``labels.txt`` rows of the chosen
experiments and decoded exactly as :func:`load_hapt` does.
"""

from importlib import resources

import numpy as np

from ._base import _cached, _read_descr
from ._hapt import _make_bunch

__all__ = ["load_sample"]

SAMPLE_FILE = "hapt_sample.npz"
SAMPLE_FORMAT = 1


def load_sample():
    """Load the bundled HAPT sample: six volunteers, no download needed.

    A few-subject excerpt of the HAPT recordings, shipped with the package
    for examples, tests and quick experiments. It holds the 12 complete
    experiments of volunteers 1-6 (227,031 samples, about 76 minutes):
    subjects 1, 3, 5 and 6 belong to the UCI HAR train split, subjects 2 and
    4 to its test split. Values and labels are identical to those
    :func:`load_hapt` returns for these experiments.

    Read more in the :ref:`User Guide <datasets>`.

    Returns
    -------
    data : :class:`~sklearn.utils.Bunch`
        The same attributes as :func:`load_hapt`:

        recordings : list of ndarray of shape (n_samples_i, 6), dtype float64
            acc x, y, z (g) and gyro x, y, z (rad/s) of each experiment.
        labels : list of ndarray of shape (n_samples_i,), dtype int64
            Per-sample activity id (0 = unlabelled, else 1-12).
        subjects : ndarray of shape (12,), dtype int64
            Volunteer of each recording.
        experiments : ndarray of shape (12,), dtype int64
            Experiment id of each recording.
        target_names : ndarray of shape (13,), dtype str
            Activity names indexed by label id (0 is ``"UNLABELLED"``).
        channel_names : list of str
            ``["acc_x", "acc_y", "acc_z", "gyro_x", "gyro_y", "gyro_z"]``.
        sampling_rate : float
            50.0 (Hz).
        segments : numpy.recarray of shape (n_segments,)
            Labelled segments with fields ``experiment``, ``subject``,
            ``activity``, ``start`` (0-based) and ``stop`` (exclusive).
        DESCR : str
            Description of the sample and its source.

    See Also
    --------
    load_hapt : The full data set (61 experiments, 30 volunteers).

    Notes
    -----
    The sample is derived from the HAPT data set (CC BY 4.0) by selecting
    volunteers 1-6 and changing only the storage format; see
    ``sklearn_har/datasets/data/README.md``. Cite:

    J.-L. Reyes-Ortiz, L. Oneto, A. Samà, X. Parra, D. Anguita,
    "Transition-Aware Human Activity Recognition Using Smartphones",
    Neurocomputing 171 (2016) 754-767.

    Examples
    --------
    >>> from sklearn_har.datasets import load_sample
    >>> data = load_sample()
    >>> data.subjects
    array([1, 1, 2, 2, 3, 3, 4, 4, 5, 5, 6, 6])
    >>> X, y = data.recordings[0], data.labels[0]
    >>> X.shape, y.shape
    ((20598, 6), (20598,))
    >>> [str(name) for name in data.target_names[[0, 1, 12]]]
    ['UNLABELLED', 'WALKING', 'LIE_TO_STAND']
    """
    resource = resources.files("sklearn_har.datasets").joinpath("data", SAMPLE_FILE)
    with resources.as_file(resource) as path:
        stat = path.stat()
        key = ("sample", str(path), stat.st_mtime_ns, stat.st_size)
        parsed = _cached(key, lambda: _decode(path))
    return _make_bunch(**parsed, descr=_read_descr("hapt_sample.rst"), copy=True)


def _decode(path):
    """Read ``hapt_sample.npz`` into the arguments of ``_make_bunch``."""
    with np.load(path, allow_pickle=False) as npz:
        version = int(npz["format_version"])
        if version != SAMPLE_FORMAT:
            raise ValueError(
                f"{path} has sample format {version}; this version of "
                f"sklearn_har reads format {SAMPLE_FORMAT}."
            )
        acc = npz["acc_values"][npz["acc_codes"]]
        gyro = npz["gyro_values"][npz["gyro_codes"]]
        lengths = npz["lengths"].astype(np.int64)
        streams = np.hstack([acc, gyro])
        return {
            "recordings": np.split(streams, np.cumsum(lengths)[:-1]),
            "experiments": npz["experiments"].astype(np.int64),
            "subjects": npz["subjects"].astype(np.int64),
            "label_rows": npz["label_rows"].astype(np.int64),
            "activity_names": [str(name) for name in npz["activity_names"]],
            "source": f"the bundled sample {path.name}",
        }
