"""The 561 UCI HAR columns: their names and where the extractor computes them.

One description serves both purposes.  :func:`_columns` walks the signal
groups and feature functions in the official order of ``features.txt``
(Anguita et al., ESANN 2013; CC BY 4.0) and yields, for every column, its
name **and** its position in the extractor's unordered block matrix.
:func:`uci_har_feature_names` keeps the names, :func:`column_index` the
positions, so the names and the values can never drift apart.  The tests
compare the names string for string with the official file.  Typos of the
official list are kept on purpose (``fBodyBody...``,
``angle(tBodyAccJerkMean),gravityMean)``) so that the names can be matched
with published material.

The extractor computes time-domain statistics on two stacks of signals, one
of full window length ``T`` and one of jerk length ``T - 1``, which together
make 20 "time signals", and spectra of 13 "frequency signals"; every feature
family fills one block of columns of an unordered matrix (:data:`BLOCKS`).
"""

import functools

import numpy as np

from ._spectral import uci_har_bands

__all__ = ["column_index", "uci_har_feature_names"]

AXES = ("X", "Y", "Z")
AR_ORDER = 4

# time-domain signal groups: 3-axial, then magnitudes
T3 = ("tBodyAcc", "tGravityAcc", "tBodyAccJerk", "tBodyGyro", "tBodyGyroJerk")
TM = (
    "tBodyAccMag",
    "tGravityAccMag",
    "tBodyAccJerkMag",
    "tBodyGyroMag",
    "tBodyGyroJerkMag",
)
# frequency-domain groups (the official names double "Body" for three of them)
F3 = ("fBodyAcc", "fBodyAccJerk", "fBodyGyro")
FM = ("fBodyAccMag", "fBodyBodyAccJerkMag", "fBodyBodyGyroMag", "fBodyBodyGyroJerkMag")
ANGLES = (
    "angle(tBodyAccMean,gravity)",
    "angle(tBodyAccJerkMean),gravityMean)",
    "angle(tBodyGyroMean,gravityMean)",
    "angle(tBodyGyroJerkMean,gravityMean)",
    "angle(X,gravityMean)",
    "angle(Y,gravityMean)",
    "angle(Z,gravityMean)",
)

# Positions of the groups in the 20 time signals: the full-length stack
# (0-11), then the jerk stack (12-19).  In each stack the signals that get a
# spectrum come first, so a view, not a copy, goes to the FFT.
T_SIGNAL = {
    "tBodyAcc": (0, 1, 2),
    "tBodyGyro": (3, 4, 5),
    "tBodyAccMag": 6,
    "tBodyGyroMag": 7,
    "tGravityAcc": (8, 9, 10),
    "tGravityAccMag": 11,
    "tBodyAccJerk": (12, 13, 14),
    "tBodyAccJerkMag": 15,
    "tBodyGyroJerkMag": 16,
    "tBodyGyroJerk": (17, 18, 19),
}
N_FULL, N_FULL_FFT, N_JERK_FFT = 12, 8, 5
N_T, N_F, N_BANDS = 20, 13, 14
# Positions of the groups in the 13 frequency signals: spectra of the full
# signals 0-7, then of the jerk signals 12-16 (zero-padded to T samples).
F_SIGNAL = {
    "fBodyAcc": (0, 1, 2),
    "fBodyGyro": (3, 4, 5),
    "fBodyAccMag": 6,
    "fBodyBodyGyroMag": 7,
    "fBodyAccJerk": (8, 9, 10),
    "fBodyBodyAccJerkMag": 11,
    "fBodyBodyGyroJerkMag": 12,
}
# The feature of a 3-axial group whose value combines its axes (sma) or
# pairs them (correlation) sits in the slot of the group in these tuples.
SMA_T, SMA_F = T3 + TM, F3 + FM
PAIRS = (("X,Y", 0, 1), ("X,Z", 0, 2), ("Y,Z", 1, 2))

# statistics of every signal (a column of row_statistics each)
STATISTICS = ("mean", "std", "mad", "max", "min", "energy", "iqr", "entropy")
_BASIC = STATISTICS[:5]
_AFTER_SMA = STATISTICS[5:]
# spectral families whose official name has no "()"
_BARE = {"maxInds"}

# block of the unordered matrix -> width
BLOCKS = {
    **{f"t_{f}": N_T for f in STATISTICS},
    "t_sma": len(SMA_T),
    "t_ar": N_T * AR_ORDER,
    "t_corr": len(T3) * len(PAIRS),
    **{f"f_{f}": N_F for f in STATISTICS},
    **{f"f_{f}": N_F for f in ("maxInds", "meanFreq", "skewness", "kurtosis")},
    "f_sma": len(SMA_F),
    "f_bands": N_F * N_BANDS,
    "angle": len(ANGLES),
}
OFFSETS = dict(
    zip(BLOCKS, np.cumsum([0] + list(BLOCKS.values()))[:-1].tolist(), strict=True)
)
N_UNORDERED = sum(BLOCKS.values())


def _columns(*, window_size, unique, replicate_gravitymag_bug):
    """``(name, position in the unordered matrix)`` of the 561 columns, in order."""
    bands = [f"{a},{b}" for a, b in uci_har_bands(window_size // 2)]
    t_sig, t_sma = dict(T_SIGNAL), {g: i for i, g in enumerate(SMA_T)}
    if replicate_gravitymag_bug:
        # The published files repeat the tBodyAccMag columns here (spec §2.4).
        t_sig["tGravityAccMag"] = t_sig["tBodyAccMag"]
        t_sma["tGravityAccMag"] = t_sma["tBodyAccMag"]
    f_sma = {g: i for i, g in enumerate(SMA_F)}
    o = OFFSETS
    cols = []

    def label(f):
        return f if f in _BARE else f"{f}()"

    def per_axis(g, block, families, signals):
        """Family-major, then axis: mean-X, mean-Y, mean-Z, std-X, ..."""
        for f in families:
            cols.extend(
                (f"{g}-{label(f)}-{a}", o[f"{block}{f}"] + i)
                for a, i in zip(AXES, signals, strict=True)
            )

    def single(g, block, families, i):
        cols.extend((f"{g}-{label(f)}", o[f"{block}{f}"] + i) for f in families)

    for slot, g in enumerate(T3):
        s = t_sig[g]
        per_axis(g, "t_", _BASIC, s)
        cols.append((f"{g}-sma()", o["t_sma"] + t_sma[g]))
        per_axis(g, "t_", _AFTER_SMA, s)
        cols.extend(
            (f"{g}-arCoeff()-{a},{k + 1}", o["t_ar"] + i * AR_ORDER + k)
            for a, i in zip(AXES, s, strict=True)
            for k in range(AR_ORDER)
        )
        cols.extend(
            (f"{g}-correlation()-{p}", o["t_corr"] + len(PAIRS) * slot + j)
            for j, (p, _, _) in enumerate(PAIRS)
        )
    for g in TM:
        i = t_sig[g]
        single(g, "t_", _BASIC, i)
        cols.append((f"{g}-sma()", o["t_sma"] + t_sma[g]))
        single(g, "t_", _AFTER_SMA, i)
        cols.extend(
            (f"{g}-arCoeff(){k + 1}", o["t_ar"] + i * AR_ORDER + k)
            for k in range(AR_ORDER)
        )
    for g in F3:
        s = F_SIGNAL[g]
        per_axis(g, "f_", _BASIC, s)
        cols.append((f"{g}-sma()", o["f_sma"] + f_sma[g]))
        per_axis(g, "f_", _AFTER_SMA + ("maxInds", "meanFreq"), s)
        cols.extend(
            (f"{g}-{label(f)}-{a}", o[f"f_{f}"] + i)
            for a, i in zip(AXES, s, strict=True)
            for f in ("skewness", "kurtosis")
        )
        cols.extend(
            (
                f"{g}-bandsEnergy()-{b}" + (f"-{a}" if unique else ""),
                o["f_bands"] + i * N_BANDS + k,
            )
            for a, i in zip(AXES, s, strict=True)
            for k, b in enumerate(bands)
        )
    for g in FM:
        i = F_SIGNAL[g]
        single(g, "f_", _BASIC, i)
        cols.append((f"{g}-sma()", o["f_sma"] + f_sma[g]))
        single(g, "f_", _AFTER_SMA + ("maxInds", "meanFreq", "skewness", "kurtosis"), i)
    cols.extend((name, o["angle"] + k) for k, name in enumerate(ANGLES))
    return cols


def uci_har_feature_names(*, unique=True, window_size=128):
    """Names of the 561 UCI HAR features, in the official column order.

    Parameters
    ----------
    unique : bool, default=True
        The official ``features.txt`` writes the 126 ``bandsEnergy()`` names
        without their axis, so each appears three times.  With
        ``unique=True`` the axis is appended (``fBodyAcc-bandsEnergy()-1,8-X``,
        ``-Y``, ``-Z``, in the official X, Y, Z block order); with
        ``unique=False`` the official, repeated names are returned.
    window_size : int, default=128
        Window length.  Only the ``bandsEnergy()`` names depend on it: their
        bin ranges follow the spectrum of ``window_size // 2`` bins (see
        :func:`~sklearn_har.features._spectral.uci_har_bands`).  128 gives
        the official names.

    Returns
    -------
    names : list of str
        561 names.

    Examples
    --------
    >>> from sklearn_har.features import uci_har_feature_names
    >>> names = uci_har_feature_names()
    >>> len(names), names[0], names[302], names[316]
    (561, 'tBodyAcc-mean()-X', 'fBodyAcc-bandsEnergy()-1,8-X', 'fBodyAcc-bandsEnergy()-1,8-Y')
    >>> len(set(uci_har_feature_names(unique=False)))
    477
    """
    cols = _columns(
        window_size=window_size, unique=unique, replicate_gravitymag_bug=False
    )
    return [name for name, _ in cols]


@functools.cache
def column_index(replicate_gravitymag_bug=False):
    """Positions in the unordered block matrix of the 561 columns, in order.

    Examples
    --------
    >>> from sklearn_har.features._layout import OFFSETS, column_index
    >>> int(column_index()[0]) == OFFSETS["t_mean"]
    True
    """
    cols = _columns(
        window_size=128, unique=True, replicate_gravitymag_bug=replicate_gravitymag_bug
    )
    index = np.asarray([i for _, i in cols], dtype=np.intp)
    index.flags.writeable = False
    return index
