"""Subject-wise splitters and the check that no subject sits on both sides."""

import warnings
from numbers import Integral

import numpy as np
from sklearn.model_selection import BaseCrossValidator, GroupKFold, check_cv
from sklearn.utils.validation import check_consistent_length

from ..datasets._uci_har import UCI_HAR_TEST_SUBJECTS

__all__ = ["GroupLeakageWarning", "UCIHARSplit", "check_group_leakage"]


class GroupLeakageWarning(UserWarning):
    """A split puts windows of the same group (subject) in train and test."""


def _check_groups(groups, n_samples, what):
    if groups is None:
        raise ValueError(
            f"{what} needs the subject (group) of every sample: pass groups=..."
        )
    groups = np.asarray(groups)
    if groups.dtype.kind == "f" and np.isnan(groups).any():
        raise ValueError("groups contains NaN: every sample needs its subject.")
    if groups.ndim != 1 or groups.shape[0] != n_samples:
        raise ValueError(
            f"groups must be 1-D with one entry per sample ({n_samples}), got "
            f"shape {groups.shape}."
        )
    return groups


def _n_samples(X):
    if hasattr(X, "shape") and len(X.shape) > 0:
        return X.shape[0]
    if X is None or not hasattr(X, "__len__") or isinstance(X, (str, bytes)):
        raise TypeError(
            "X must be array-like (windows) or a list of recordings, got "
            f"{type(X).__name__}."
        )
    return len(X)


class UCIHARSplit(BaseCrossValidator):
    """The official UCI HAR split: fixed test subjects, all others train.

    One split, by subject: the windows of ``test_subjects`` form the test
    set and every other subject's windows the training set.  Usable as
    ``cv=`` wherever scikit-learn accepts a splitter (``cross_validate``,
    ``GridSearchCV``, :func:`compare_models`), given ``groups=subjects``.

    Parameters
    ----------
    test_subjects : sequence of int, default=UCI_HAR_TEST_SUBJECTS
        The test subjects; the default is the published UCI HAR split
        (2 4 9 10 12 13 18 20 24), 9 of the 30 volunteers.

    See Also
    --------
    sklearn_har.datasets.load_uci_protocol : Windows of the UCI HAR protocol.
    check_group_leakage : Verify that a splitter keeps subjects apart.

    Examples
    --------
    >>> import numpy as np
    >>> from sklearn_har.model_selection import UCIHARSplit
    >>> subjects = np.array([1, 1, 2, 3, 4, 4])
    >>> [(train.tolist(), test.tolist()) for train, test in
    ...  UCIHARSplit().split(np.zeros((6, 1)), groups=subjects)]
    [([0, 1, 3], [2, 4, 5])]
    >>> UCIHARSplit().get_n_splits()
    1
    """

    # groups are routed to split() under scikit-learn's metadata routing
    __metadata_request__split = {"groups": True}

    def __init__(self, test_subjects=UCI_HAR_TEST_SUBJECTS):
        self.test_subjects = test_subjects

    def get_n_splits(self, X=None, y=None, groups=None):
        """Number of splits: always 1.

        Parameters
        ----------
        X, y, groups : object
            Ignored, for API compatibility.

        Returns
        -------
        n_splits : int
            1.
        """
        return 1

    def test_mask(self, groups):
        """Boolean mask of the samples that belong to the test subjects.

        Parameters
        ----------
        groups : array-like of shape (n_samples,)
            Subject of every sample.

        Returns
        -------
        mask : ndarray of bool of shape (n_samples,)
        """
        groups = np.asarray(groups)
        test_subjects = np.asarray(self.test_subjects)
        if test_subjects.ndim != 1 or test_subjects.size == 0:
            raise ValueError(
                "test_subjects must be a non-empty sequence of subject ids, got "
                f"{self.test_subjects!r}."
            )
        return np.isin(groups, test_subjects)

    def _iter_test_masks(self, X=None, y=None, groups=None):
        groups = _check_groups(groups, _n_samples(X), "UCIHARSplit")
        test = self.test_mask(groups)
        if not test.any():
            raise ValueError(
                f"None of the test subjects {tuple(self.test_subjects)} is in groups "
                f"(subjects {np.unique(groups).tolist()})."
            )
        if test.all():
            raise ValueError(
                "Every sample belongs to a test subject: no training data."
            )
        yield test

    def split(self, X, y=None, groups=None):
        """Indices of the training and the test samples.

        Parameters
        ----------
        X : array-like or list of recordings
            Samples; only their number is used.
        y : object
            Ignored.
        groups : array-like of shape (n_samples,)
            Subject of every sample.  Required.

        Yields
        ------
        train : ndarray
            Indices of the samples of the training subjects.
        test : ndarray
            Indices of the samples of the test subjects.
        """
        for test in self._iter_test_masks(X, y, groups):
            yield np.flatnonzero(~test), np.flatnonzero(test)


def default_cv(groups, n_splits=5):
    """``GroupKFold`` by subject with at most ``n_splits`` folds."""
    n_groups = np.unique(groups).shape[0]
    if n_groups < 2:
        raise ValueError(
            f"Subject-wise evaluation needs at least 2 subjects (groups), got "
            f"{n_groups}."
        )
    return GroupKFold(n_splits=min(n_splits, n_groups))


def check_group_leakage(cv, X, y=None, *, groups, allow_leakage=False):
    """Check that no group (subject) has samples in both train and test.

    Splits are computed once and returned, so that the caller evaluates on
    exactly the splits that were checked.

    Parameters
    ----------
    cv : int, cross-validation generator or iterable of (train, test)
        A splitter (``GroupKFold``, :class:`UCIHARSplit`, ``KFold`` ...), an
        iterable of index pairs, or an int: that many ``GroupKFold`` folds.
    X : array-like or list of recordings
        The samples (windows, or recordings).
    y : array-like, default=None
        Targets, passed to the splitter.
    groups : array-like of shape (n_samples,)
        Subject (group) of every sample.
    allow_leakage : bool, default=False
        Warn (:class:`GroupLeakageWarning`) instead of raising when a split
        leaks.

    Returns
    -------
    splits : list of (ndarray, ndarray)
        The ``(train, test)`` index arrays of every split.

    Raises
    ------
    ValueError
        If a split has a group on both sides (naming the split and the
        groups), if a split is empty, or if ``groups`` is missing.

    Examples
    --------
    >>> import numpy as np
    >>> from sklearn.model_selection import GroupKFold, KFold
    >>> from sklearn_har.model_selection import check_group_leakage
    >>> X, subjects = np.zeros((8, 1)), np.array([1, 1, 2, 3, 3, 4, 4, 4])
    >>> len(check_group_leakage(GroupKFold(2), X, groups=subjects))
    2
    >>> check_group_leakage(KFold(2), X, groups=subjects)  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    ValueError: Split 0 of KFold(n_splits=2, random_state=None, shuffle=False) puts subjects [3] in both train and test...
    """
    n_samples = _n_samples(X)
    groups = _check_groups(groups, n_samples, "check_group_leakage")
    if y is not None:
        check_consistent_length(X, y, groups)
    if cv is None:
        cv = default_cv(groups)
    elif isinstance(cv, Integral) and not isinstance(cv, bool):
        cv = GroupKFold(n_splits=cv)
    cv = check_cv(cv)
    with warnings.catch_warnings():
        # a splitter that ignores groups says so; the check below tells more
        warnings.filterwarnings("ignore", message="The groups parameter is ignored")
        splits = [
            (np.asarray(train), np.asarray(test))
            for train, test in cv.split(X, y, groups)
        ]
    if not splits:
        raise ValueError(f"The splitter {cv!r} gave no split.")
    for i, (train, test) in enumerate(splits):
        for side, idx in (("train", train), ("test", test)):
            if idx.size and (idx.min() < -n_samples or idx.max() >= n_samples):
                raise ValueError(
                    f"Split {i} has {side} indices outside the {n_samples} samples "
                    f"(from {idx.min()} to {idx.max()})."
                )
        if train.size == 0 or test.size == 0:
            raise ValueError(
                f"Split {i} of {cv!r} has an empty {'train' if train.size == 0 else 'test'} set."
            )
        shared = np.intersect1d(groups[train], groups[test])
        if shared.size:
            message = (
                f"Split {i} of {cv!r} puts subjects {shared.tolist()} in both train "
                "and test: windows of one person on both sides overstate the "
                "accuracy on new people. Use a group splitter (GroupKFold, "
                "LeaveOneGroupOut, UCIHARSplit) with groups=subjects"
            )
            if not allow_leakage:
                raise ValueError(message + ", or pass allow_leakage=True.")
            warnings.warn(message + ".", GroupLeakageWarning, stacklevel=2)
    return splits
