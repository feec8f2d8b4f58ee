"""Plotting: matplotlib displays of scores, training curves and recordings.

scikit-learn style displays (``from_...`` constructors, ``plot(ax=...)``,
fitted ``ax_``/``figure_`` attributes) to compare models' cross-validated
scores, follow the training of deep classifiers and inspect per-sample
predictions on a recording. Importing this module is free; plotting needs
matplotlib, the ``plot`` extra: ``pip install 'sklearn_har[plot]'``.
"""

from ._history import TrainingHistoryDisplay
from ._recording import RecordingDisplay
from ._scores import ScoreDistributionDisplay

__all__ = ["RecordingDisplay", "ScoreDistributionDisplay", "TrainingHistoryDisplay"]
