"""The names of the 561 UCI HAR features, generated from their construction rule.

The names are not shipped as a file: they follow from the signal groups and
the feature functions (``docs/user_guide/features.rst``), and the tests
compare the generated list string for string with the data set's official
``features.txt`` (Anguita et al., ESANN 2013; CC BY 4.0).  Typos of the
official list are kept on purpose (``fBodyBody...``,
``angle(tBodyAccJerkMean),gravityMean)``) so that the names can be matched
with published material.
"""

from ._spectral import uci_har_bands

__all__ = ["uci_har_feature_names"]

AXES = ("X", "Y", "Z")

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

_BASIC = ("mean()", "std()", "mad()", "max()", "min()")
_AFTER_SMA = ("energy()", "iqr()", "entropy()")
_MAG = _BASIC + ("sma()",) + _AFTER_SMA


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
    bands = [f"{a},{b}" for a, b in uci_har_bands(window_size // 2)]
    names = []
    for s in T3:
        names += [f"{s}-{f}-{a}" for f in _BASIC for a in AXES]
        names.append(f"{s}-sma()")
        names += [f"{s}-{f}-{a}" for f in _AFTER_SMA for a in AXES]
        names += [f"{s}-arCoeff()-{a},{k}" for a in AXES for k in range(1, 5)]
        names += [f"{s}-correlation()-{p}" for p in ("X,Y", "X,Z", "Y,Z")]
    for s in TM:
        names += [f"{s}-{f}" for f in _MAG]
        names += [f"{s}-arCoeff(){k}" for k in range(1, 5)]
    for s in F3:
        names += [f"{s}-{f}-{a}" for f in _BASIC for a in AXES]
        names.append(f"{s}-sma()")
        names += [f"{s}-{f}-{a}" for f in _AFTER_SMA for a in AXES]
        names += [f"{s}-maxInds-{a}" for a in AXES]
        names += [f"{s}-meanFreq()-{a}" for a in AXES]
        names += [f"{s}-{f}-{a}" for a in AXES for f in ("skewness()", "kurtosis()")]
        suffix = (lambda a: f"-{a}") if unique else (lambda a: "")
        names += [f"{s}-bandsEnergy()-{b}{suffix(a)}" for a in AXES for b in bands]
    for s in FM:
        names += [f"{s}-{f}" for f in _MAG]
        names += [
            f"{s}-{f}" for f in ("maxInds", "meanFreq()", "skewness()", "kurtosis()")
        ]
    names += list(ANGLES)
    return names
