"""Loader for the windowed UCI HAR data set, version 1.0 (UCI data set 240).

The official distribution (``UCI HAR Dataset/``) splits 10,299 windows of
128 samples (2.56 s at 50 Hz, 50 % overlap) into a train part (21 subjects,
7,352 windows) and a test part (9 subjects, 2,947 windows). For each part it
gives the 561 published features (``X_<part>.txt``), the activity
(``y_<part>.txt``), the subject (``subject_<part>.txt``) and the nine
pre-processed signals of every window (``Inertial Signals/``).
"""

import numpy as np
from sklearn.utils import Bunch

from ..utils._param_validation import StrOptions, validate_params
from ._base import (
    _FETCH_PARAMS,
    _cached,
    _Dataset,
    _loadtxt,
    _read_descr,
    _read_id_names,
)
from ._hapt import SAMPLING_RATE, UNLABELLED

__all__ = ["UCI_HAR_TEST_SUBJECTS", "UCI_HAR_URL", "load_uci_har"]

#: Official address of the UCI HAR data set (UCI data set 240). The file
#: served there wraps the actual ``UCI HAR Dataset.zip``; the loader keeps
#: only that inner archive. No checksum is published for it.
UCI_HAR_URL = (
    "https://archive.ics.uci.edu/static/public/240/"
    "human+activity+recognition+using+smartphones.zip"
)

#: The nine volunteers of the official UCI HAR test split; the other 21 form
#: the train split.
UCI_HAR_TEST_SUBJECTS = (2, 4, 9, 10, 12, 13, 18, 20, 24)

SIGNALS = (
    "body_acc_x",
    "body_acc_y",
    "body_acc_z",
    "body_gyro_x",
    "body_gyro_y",
    "body_gyro_z",
    "total_acc_x",
    "total_acc_y",
    "total_acc_z",
)

_SUBSETS = ("train", "test")


def _members(subset):
    """Relative names of the files of one part of the distribution."""
    return [
        f"{subset}/X_{subset}.txt",
        f"{subset}/y_{subset}.txt",
        f"{subset}/subject_{subset}.txt",
        *(f"{subset}/Inertial Signals/{s}_{subset}.txt" for s in SIGNALS),
    ]


@validate_params({**_FETCH_PARAMS, "subset": [StrOptions({"all", "train", "test"})]})
def load_uci_har(
    data_home=None, *, subset="all", download_if_missing=True, n_retries=3, delay=1.0
):
    """Load the UCI HAR data set (version 1.0): windows, features and labels.

    Reads the official ``UCI HAR Dataset`` distribution, either its zip file
    ``UCI HAR Dataset.zip`` (read without extracting) or the extracted
    ``UCI HAR Dataset/`` folder, found in the data home (see
    :func:`get_data_home`). A folder that directly contains ``train/`` and
    ``test/``, or the path of the zip file itself, may also be given. When
    nothing is found and ``download_if_missing`` is true, the archive is
    downloaded from :data:`UCI_HAR_URL` (about 60 MB) and stored as
    ``<data_home>/UCI HAR Dataset.zip``.

    Read more in the :ref:`User Guide <datasets>`.

    Parameters
    ----------
    data_home : str or path-like, default=None
        Folder holding the data set, or the path of the zip file. ``None``
        uses the environment variable ``SKLEARN_HAR_DATA``, then
        ``~/.cache/sklearn_har``.
    subset : {"all", "train", "test"}, default="all"
        Which official split to load; ``"all"`` stacks train then test.
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

        X : ndarray of shape (n_windows, 128, 9), dtype float64
            The ``Inertial Signals`` of every window, channels in the order
            of ``channel_names``: body acceleration x, y, z (g), body
            angular velocity x, y, z (rad/s), total acceleration x, y, z (g).
        features : ndarray of shape (n_windows, 561), dtype float64
            The published features (``X_train.txt`` / ``X_test.txt``),
            normalised to [-1, 1].
        feature_names : ndarray of shape (561,), dtype str
            Names from ``features.txt`` (some names repeat, as published).
        y : ndarray of shape (n_windows,), dtype int64
            Activity id, 1-6.
        subjects : ndarray of shape (n_windows,), dtype int64
            Volunteer (1-30) of every window.
        subset : ndarray of shape (n_windows,), dtype str
            ``"train"`` or ``"test"``: the official split of every window.
        target_names : ndarray of shape (7,), dtype str
            Activity name indexed by label id, as for :func:`load_hapt`:
            ``target_names[0]`` is ``"UNLABELLED"`` (unused here),
            ``target_names[1]`` is ``"WALKING"``, ..., ``target_names[6]`` is
            ``"LAYING"``.
        channel_names : list of str
            ``["body_acc_x", ..., "body_gyro_x", ..., "total_acc_z"]``.
        sampling_rate : float
            50.0 (Hz).
        DESCR : str
            Description of the data set.

    Raises
    ------
    FileNotFoundError
        If the data set is not found and ``download_if_missing`` is False.
    ValueError
        If the archive is corrupt, lacks expected files, or its files
        disagree (different numbers of rows, wrong number of features).
    OSError
        If the download fails.

    See Also
    --------
    load_hapt : The continuous raw recordings behind these windows.
    UCI_HAR_TEST_SUBJECTS : The subjects of the official test split.

    Notes
    -----
    The data set is licensed under CC BY 4.0. Cite:

    D. Anguita, A. Ghio, L. Oneto, X. Parra, J. L. Reyes-Ortiz, "A Public
    Domain Dataset for Human Activity Recognition Using Smartphones",
    ESANN 2013.

    Examples
    --------
    >>> from sklearn_har.datasets import load_uci_har
    >>> data = load_uci_har(subset="train")  # doctest: +SKIP
    >>> data.X.shape, data.features.shape  # doctest: +SKIP
    ((7352, 128, 9), (7352, 561))
    >>> from sklearn_har.datasets import UCI_HAR_TEST_SUBJECTS
    >>> UCI_HAR_TEST_SUBJECTS
    (2, 4, 9, 10, 12, 13, 18, 20, 24)
    """
    subsets = _SUBSETS if subset == "all" else (subset,)
    meta, parts = UCI_HAR.load(
        data_home,
        download_if_missing=download_if_missing,
        n_retries=n_retries,
        delay=delay,
        subsets=subsets,
    )
    subset_column = np.concatenate(
        [np.full(len(part["y"]), s) for s, part in zip(subsets, parts, strict=True)]
    )
    return Bunch(
        X=np.concatenate([part["X"] for part in parts]),
        features=np.concatenate([part["features"] for part in parts]),
        feature_names=np.array(meta["feature_names"], dtype=str),
        y=np.concatenate([part["y"] for part in parts]),
        subjects=np.concatenate([part["subjects"] for part in parts]),
        subset=subset_column,
        target_names=np.array([UNLABELLED, *meta["activity_names"]], dtype=str),
        channel_names=list(SIGNALS),
        sampling_rate=SAMPLING_RATE,
        DESCR=_read_descr("uci_har.rst"),
    )


def _read(archive, subsets):
    """Names, then the arrays of each of ``subsets``, memoised per split."""
    key = archive.cache_key()
    meta = _cached(
        (key, "meta"),
        lambda: {
            "feature_names": _read_id_names(archive, "features.txt"),
            "activity_names": _read_id_names(archive, "activity_labels.txt"),
        },
    )
    parts = [
        _cached((key, s), lambda s=s: _parse_subset(archive, s, meta)) for s in subsets
    ]
    return meta, parts


def _parse_subset(archive, subset, meta):
    """Read the windows, features, labels and subjects of one split."""
    n_features = len(meta["feature_names"])
    y = _loadtxt(archive, f"{subset}/y_{subset}.txt", dtype=np.int64, n_columns=1)
    subjects = _loadtxt(
        archive, f"{subset}/subject_{subset}.txt", dtype=np.int64, n_columns=1
    )
    features = _loadtxt(archive, f"{subset}/X_{subset}.txt", n_columns=n_features)
    signals = [
        _loadtxt(archive, f"{subset}/Inertial Signals/{s}_{subset}.txt")
        for s in SIGNALS
    ]
    n_windows = len(y)
    counts = {
        f"y_{subset}.txt": len(y),
        f"subject_{subset}.txt": len(subjects),
        f"X_{subset}.txt": len(features),
        **{f"{s}_{subset}.txt": len(a) for s, a in zip(SIGNALS, signals, strict=True)},
    }
    if len(set(counts.values())) != 1:
        raise ValueError(
            f"The {subset} files of {archive.path} have different numbers of "
            f"rows: {counts}."
        )
    widths = {
        f"{s}_{subset}.txt": a.shape[1] for s, a in zip(SIGNALS, signals, strict=True)
    }
    if len(set(widths.values())) != 1:
        raise ValueError(
            f"The {subset} Inertial Signals of {archive.path} have different "
            f"window lengths: {widths}."
        )
    n_activities = len(meta["activity_names"])
    y = y[:, 0]
    if n_windows and (y.min() < 1 or y.max() > n_activities):
        raise ValueError(
            f"y_{subset}.txt in {archive.path} has labels outside "
            f"1..{n_activities} (activity_labels.txt)."
        )
    return {
        "X": np.stack(signals, axis=-1),
        "features": features,
        "y": y,
        "subjects": subjects[:, 0],
    }


#: The UCI HAR v1 distribution: where it comes from, what it holds, how it is read.
UCI_HAR = _Dataset(
    title="UCI HAR",
    url=UCI_HAR_URL,
    archive_name="UCI HAR Dataset.zip",
    folder_name="UCI HAR Dataset",
    anchor="train/y_train.txt",
    required=(
        "features.txt",
        "activity_labels.txt",
        *_members("train"),
        *_members("test"),
    ),
    read=_read,
)
