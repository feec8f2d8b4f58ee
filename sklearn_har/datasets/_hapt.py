"""Loader for the HAPT raw recordings (UCI data set 341, version 2.1).

The official distribution holds one pair of text files per experiment,
``RawData/acc_expNN_userMM.txt`` (acceleration, g) and
``RawData/gyro_expNN_userMM.txt`` (angular velocity, rad/s), sampled at
50 Hz, plus ``RawData/labels.txt`` with one labelled segment per row:
``experiment user activity start end``, where ``start`` and ``end`` are
1-based, inclusive sample numbers. :func:`load_hapt` reads the archive
exactly as downloaded (members are read from the zip, nothing is
extracted) or its extracted folder.
"""

import re

import numpy as np
from sklearn.utils import Bunch

from ..utils._param_validation import validate_params
from ._base import (
    _FETCH_PARAMS,
    _cached,
    _Dataset,
    _loadtxt,
    _read_descr,
    _read_id_names,
)

__all__ = ["HAPT_URL", "load_hapt"]

#: Official address of the HAPT archive in the UCI Machine Learning
#: Repository (data set 341). No checksum is published for it, so a download
#: is verified by its zip CRCs and by the presence of the expected members.
HAPT_URL = (
    "https://archive.ics.uci.edu/static/public/341/"
    "smartphone+based+recognition+of+human+activities+and+postural+transitions.zip"
)

CHANNEL_NAMES = ("acc_x", "acc_y", "acc_z", "gyro_x", "gyro_y", "gyro_z")
SAMPLING_RATE = 50.0
UNLABELLED = "UNLABELLED"

_RECORDING = re.compile(r"^RawData/(acc|gyro)_exp(\d+)_user(\d+)\.txt$")
_SEGMENT_FIELDS = ("experiment", "subject", "activity", "start", "stop")


@validate_params(_FETCH_PARAMS)
def load_hapt(data_home=None, *, download_if_missing=True, n_retries=3, delay=1.0):
    """Load the HAPT continuous recordings of the 30 UCI HAR volunteers.

    Reads the official "Smartphone-Based Recognition of Human Activities and
    Postural Transitions" distribution (HAPT, version 2.1): 61 experiments,
    each a 50 Hz stream of a waist-worn smartphone's accelerometer and
    gyroscope, with the official activity labels. The zip archive is read as
    downloaded, without extracting it; an extracted folder works as well.

    The archive is searched in the data home (see :func:`get_data_home`) as
    ``HAPT Data Set.zip``, then as an extracted ``HAPT Data Set/`` folder. A
    folder that directly contains ``RawData/``, or the path of the zip file
    itself, may also be given. When nothing is found and
    ``download_if_missing`` is true, the archive is downloaded from
    :data:`HAPT_URL` (about 80 MB) to ``<data_home>/HAPT Data Set.zip``.

    Parsed data are kept in memory for the rest of the process, keyed by the
    file's path, size and modification time, so loading again is quick;
    each call returns fresh copies.

    Read more in the :ref:`User Guide <datasets>`.

    Parameters
    ----------
    data_home : str or path-like, default=None
        Folder holding the data set, or the path of ``HAPT Data Set.zip``.
        ``None`` uses the environment variable ``SKLEARN_HAR_DATA``, then
        ``~/.cache/sklearn_har``.
    download_if_missing : bool, default=True
        Download the archive when it is not found. If False, a missing
        archive raises :class:`FileNotFoundError`.
    n_retries : int, default=3
        Extra download attempts after a transient network error.
    delay : float, default=1.0
        Seconds between download attempts.

    Returns
    -------
    data : :class:`~sklearn.utils.Bunch`
        Dictionary-like object with the following attributes.

        recordings : list of ndarray of shape (n_samples_i, 6), dtype float64
            One continuous recording per experiment, in increasing
            experiment order. Columns: acceleration x, y, z (g), then
            angular velocity x, y, z (rad/s).
        labels : list of ndarray of shape (n_samples_i,), dtype int64
            Per-sample activity id: 0 where no labelled segment covers the
            sample, else the official id 1-12.
        subjects : ndarray of shape (n_recordings,), dtype int64
            Volunteer (1-30) of each recording.
        experiments : ndarray of shape (n_recordings,), dtype int64
            Experiment id (1-61) of each recording.
        target_names : ndarray of shape (13,), dtype str
            Activity name indexed by label id: ``target_names[0]`` is
            ``"UNLABELLED"``, ``target_names[1]`` is ``"WALKING"``, ...,
            ``target_names[12]`` is ``"LIE_TO_STAND"``.
        channel_names : list of str
            ``["acc_x", "acc_y", "acc_z", "gyro_x", "gyro_y", "gyro_z"]``.
        sampling_rate : float
            50.0 (Hz).
        segments : numpy.recarray of shape (n_segments,)
            The rows of ``RawData/labels.txt`` sorted by experiment and
            start, with integer fields ``experiment``, ``subject``,
            ``activity``, ``start`` (0-based, inclusive) and ``stop``
            (exclusive): ``labels[i][start:stop] == activity`` for the
            recording ``i`` of that experiment.
        DESCR : str
            Description of the data set.

    Raises
    ------
    FileNotFoundError
        If the data set is not found and ``download_if_missing`` is False.
    ValueError
        If the archive is corrupt, lacks expected members, or its files are
        inconsistent (e.g. accelerometer and gyroscope files of an
        experiment with different lengths).
    OSError
        If the download fails.

    See Also
    --------
    load_sample : A bundled six-subject excerpt with the same structure.
    load_uci_har : The windowed UCI HAR v1 data set.
    get_data_home : Where the archive is looked for.

    Notes
    -----
    ``labels.txt`` gives 1-based inclusive sample numbers ``start`` and
    ``end`` (MATLAB convention). Samples ``start - 1`` to ``end - 1``
    (0-based, inclusive) get the label, i.e. ``segments.start = start - 1``
    and ``segments.stop = end``.

    The data set is licensed under CC BY 4.0. Cite:

    J.-L. Reyes-Ortiz, L. Oneto, A. Samà, X. Parra, D. Anguita,
    "Transition-Aware Human Activity Recognition Using Smartphones",
    Neurocomputing 171 (2016) 754-767.

    Examples
    --------
    The full data set needs the archive (or a download); the bundled
    :func:`load_sample` has the same structure:

    >>> from sklearn_har.datasets import load_hapt
    >>> data = load_hapt()  # doctest: +SKIP
    >>> n_samples = sum(len(r) for r in data.recordings)  # doctest: +SKIP
    >>> len(data.recordings), n_samples  # doctest: +SKIP
    (61, 1122772)
    >>> from sklearn_har.datasets import load_sample
    >>> data = load_sample()
    >>> data.recordings[0].shape, data.channel_names[:3]
    ((20598, 6), ['acc_x', 'acc_y', 'acc_z'])
    >>> str(data.target_names[data.segments.activity[0]])
    'STANDING'
    """
    parsed = HAPT.load(
        data_home,
        download_if_missing=download_if_missing,
        n_retries=n_retries,
        delay=delay,
    )
    return _make_bunch(**parsed, descr=_read_descr("hapt.rst"), copy=True)


def _unpaired_recordings(names):
    """Recordings of ``names`` (relative to the root) that lack their other half."""
    pairs = {"acc": set(), "gyro": set()}
    for name in names:
        match = _RECORDING.match(name)
        if match:
            pairs[match[1]].add((match[2], match[3]))
    missing = [] if pairs["acc"] else ["RawData/acc_expNN_userNN.txt files"]
    for sensor, other in (("acc", "gyro"), ("gyro", "acc")):
        for exp, user in sorted(pairs[other] - pairs[sensor]):
            missing.append(f"RawData/{sensor}_exp{exp}_user{user}.txt")
    return missing


def _parse(archive):
    """Read every recording and the labels of a complete HAPT archive."""
    activity_names = _read_id_names(archive, "activity_labels.txt")

    files = {}
    for name in archive.names:
        match = _RECORDING.match(name)
        if match and match[1] == "acc":
            experiment, subject = int(match[2]), int(match[3])
            if experiment in files:
                raise ValueError(
                    f"{archive.path} has two recordings for experiment "
                    f"{experiment}: {files[experiment][1]} and {name}."
                )
            files[experiment] = (subject, name)

    experiments = np.array(sorted(files), dtype=np.int64)
    subjects = np.array([files[e][0] for e in experiments], dtype=np.int64)
    recordings = []
    for experiment in experiments:
        acc_name = files[experiment][1]
        gyro_name = acc_name.replace("RawData/acc_", "RawData/gyro_", 1)
        acc = _loadtxt(archive, acc_name, n_columns=3)
        gyro = _loadtxt(archive, gyro_name, n_columns=3)
        if len(acc) != len(gyro):
            raise ValueError(
                f"In {archive.path}, {acc_name} has {len(acc)} samples but "
                f"{gyro_name} has {len(gyro)}: the accelerometer and gyroscope "
                "files of an experiment must have the same length."
            )
        recordings.append(np.hstack([acc, gyro]))

    rows = _loadtxt(archive, "RawData/labels.txt", dtype=np.int64, n_columns=5)
    return {
        "recordings": recordings,
        "experiments": experiments,
        "subjects": subjects,
        "label_rows": rows,
        "activity_names": activity_names,
        "source": str(archive.path),
    }


#: The HAPT distribution: where it comes from, what it holds, how it is read.
HAPT = _Dataset(
    title="HAPT",
    url=HAPT_URL,
    archive_name="HAPT Data Set.zip",
    folder_name="HAPT Data Set",
    anchor="RawData/labels.txt",
    required=("RawData/labels.txt", "activity_labels.txt"),
    read=lambda archive: _cached(archive.cache_key(), lambda: _parse(archive)),
    more_missing=_unpaired_recordings,
)


def _make_bunch(
    *,
    recordings,
    experiments,
    subjects,
    label_rows,
    activity_names,
    source,
    descr,
    copy,
):
    """Build the public Bunch shared by :func:`load_hapt` and ``load_sample``.

    ``label_rows`` are rows ``experiment user activity start end`` as in
    ``RawData/labels.txt`` (1-based, inclusive).
    """
    lengths = np.array([len(r) for r in recordings], dtype=np.int64)
    segments = _segments_from_rows(
        label_rows, experiments, subjects, lengths, len(activity_names), source
    )
    labels = [np.zeros(n, dtype=np.int64) for n in lengths]
    position = {int(e): i for i, e in enumerate(experiments)}
    for experiment, activity, start, stop in zip(
        segments.experiment,
        segments.activity,
        segments.start,
        segments.stop,
        strict=True,
    ):
        labels[position[int(experiment)]][start:stop] = activity
    if copy:
        recordings = [np.array(r, dtype=np.float64, order="C") for r in recordings]
        experiments = experiments.copy()
        subjects = subjects.copy()
    return Bunch(
        recordings=recordings,
        labels=labels,
        subjects=subjects,
        experiments=experiments,
        target_names=np.array([UNLABELLED, *activity_names], dtype=str),
        channel_names=list(CHANNEL_NAMES),
        sampling_rate=SAMPLING_RATE,
        segments=segments,
        DESCR=descr,
    )


def _segments_from_rows(rows, experiments, subjects, lengths, n_activities, source):
    """Check labels.txt rows and convert them to 0-based half-open segments."""
    rows = np.asarray(rows, dtype=np.int64).reshape(-1, 5)
    experiment, subject, activity, start, end = rows.T
    where = f"RawData/labels.txt in {source}"

    position = np.searchsorted(experiments, experiment)
    position = np.minimum(position, max(len(experiments) - 1, 0))
    known = experiments[position] == experiment
    if not np.all(known):
        bad = np.unique(experiment[~known])
        raise ValueError(f"{where} labels experiments without recordings: {bad}.")
    if np.any(subjects[position] != subject):
        i = int(np.flatnonzero(subjects[position] != subject)[0])
        raise ValueError(
            f"{where}, row {i + 1}: experiment {experiment[i]} belongs to "
            f"subject {subjects[position[i]]}, not {subject[i]}."
        )
    if np.any((activity < 1) | (activity > n_activities)):
        i = int(np.flatnonzero((activity < 1) | (activity > n_activities))[0])
        raise ValueError(
            f"{where}, row {i + 1}: activity {activity[i]} is not in "
            f"1..{n_activities} (activity_labels.txt)."
        )
    out_of_range = (start < 1) | (end < start) | (end > lengths[position])
    if np.any(out_of_range):
        i = int(np.flatnonzero(out_of_range)[0])
        raise ValueError(
            f"{where}, row {i + 1}: samples {start[i]}..{end[i]} are not "
            f"inside experiment {experiment[i]} (1..{lengths[position[i]]})."
        )

    order = np.lexsort((start, experiment))
    experiment, subject, activity, start, end = (c[order] for c in rows.T)
    same = experiment[1:] == experiment[:-1]
    overlap = same & (start[1:] <= end[:-1])
    if np.any(overlap):
        i = int(np.flatnonzero(overlap)[0])
        raise ValueError(
            f"{where}: segments {start[i]}..{end[i]} and "
            f"{start[i + 1]}..{end[i + 1]} of experiment {experiment[i]} overlap."
        )
    return np.rec.fromarrays(
        [experiment, subject, activity, start - 1, end], names=list(_SEGMENT_FIELDS)
    )
