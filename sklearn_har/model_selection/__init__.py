"""Subject-wise evaluation: models compared on identical splits, with repeats.

:func:`compare_models` fits every model on the same subject-wise splits
(``GroupKFold`` by subject by default, or the official UCI HAR split with
:class:`UCIHARSplit`), repeats stochastic models over seeds, refuses splits
that put a subject on both sides (:func:`check_group_leakage`), and returns a
:class:`ComparisonResult` with the long table, per-subject scores, confusion
matrices, summaries, exports and plots.
"""

from ._compare import compare_models
from ._result import ComparisonResult
from ._split import GroupLeakageWarning, UCIHARSplit, check_group_leakage

__all__ = [
    "ComparisonResult",
    "GroupLeakageWarning",
    "UCIHARSplit",
    "check_group_leakage",
    "compare_models",
]
