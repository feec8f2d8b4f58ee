"""The window set of the published UCI HAR v1 files, rebuilt from HAPT.

UCI HAR v1 (10,299 windows) and the HAPT recordings (10,411 windows of
activities 1-6 with the official rule) come from the same 30 volunteers, but
v1's static segments hold a few windows fewer: they were cut before HAPT
labelled the postural transitions, whose neighbourhood v1 left out.  This
module holds v1's per subject x activity window counts (from the official
``y_train.txt`` / ``subject_train.txt`` / ``y_test.txt`` /
``subject_test.txt``) and the rule that trims HAPT's windows to them
(``docs/uci_har_features.md`` §10.2 step 6).
"""

import numpy as np

# Windows per subject (rows: 1-30) and activity (columns: 1-6) in UCI HAR v1,
# train and test files together (10,299 windows).  tests/test_datasets_protocol.py
# checks this table against the official files.
UCI_HAR_V1_COUNTS = np.array(
    [
        [95, 53, 49, 47, 53, 50],
        [59, 48, 47, 46, 54, 48],
        [58, 59, 49, 52, 61, 62],
        [60, 52, 45, 50, 56, 54],
        [56, 47, 47, 44, 56, 52],
        [57, 51, 48, 55, 57, 57],
        [57, 51, 47, 48, 53, 52],
        [48, 41, 38, 46, 54, 54],
        [52, 49, 42, 50, 45, 50],
        [53, 47, 38, 54, 44, 58],
        [59, 54, 46, 53, 47, 57],
        [50, 52, 46, 51, 61, 60],
        [57, 55, 47, 49, 57, 62],
        [59, 54, 45, 54, 60, 51],
        [54, 48, 42, 59, 53, 72],
        [51, 51, 47, 69, 78, 70],
        [61, 48, 46, 64, 78, 71],
        [56, 58, 55, 57, 73, 65],
        [52, 40, 39, 73, 73, 83],
        [51, 51, 45, 66, 73, 68],
        [52, 47, 45, 85, 89, 90],
        [46, 42, 36, 62, 63, 72],
        [59, 51, 54, 68, 68, 72],
        [58, 59, 55, 68, 69, 72],
        [74, 65, 58, 65, 74, 73],
        [59, 55, 50, 78, 74, 76],
        [57, 51, 44, 70, 80, 74],
        [54, 51, 46, 72, 79, 80],
        [53, 49, 48, 60, 65, 69],
        [65, 65, 62, 62, 59, 70],
    ]
)
UCI_HAR_V1_COUNTS.setflags(write=False)

#: Activity ids of the postural transitions (HAPT labels 7-12).
_TRANSITIONS = np.arange(7, 13)


def _transition_distance(labels, recording, start, window_size):
    """Samples between each window and the nearest postural-transition sample
    of its recording (``inf`` where the recording has none)."""
    distance = np.full(len(start), np.inf)
    for r in np.unique(recording):
        rows = np.flatnonzero(recording == r)
        marks = np.flatnonzero(np.isin(np.asarray(labels[r]), _TRANSITIONS))
        if marks.size == 0:
            continue
        first, last = start[rows], start[rows] + window_size - 1
        # nearest transition sample before the window and after it
        i = np.searchsorted(marks, first, side="left")
        before = np.where(i > 0, first - marks[np.maximum(i - 1, 0)], np.inf)
        j = np.searchsorted(marks, last, side="right")
        after = np.where(
            j < marks.size, marks[np.minimum(j, marks.size - 1)] - last, np.inf
        )
        distance[rows] = np.minimum(before, after)
    return distance


def _v1_window_mask(y, subjects, distance):
    """Which windows to keep so that every subject x activity cell holds at
    most v1's count: the surplus windows nearest a postural transition go
    first (ties: the later window)."""
    keep = np.ones(len(y), dtype=bool)
    for subject, activity in set(zip(subjects.tolist(), y.tolist(), strict=True)):
        if not (1 <= subject <= 30 and 1 <= activity <= 6):
            continue
        rows = np.flatnonzero((subjects == subject) & (y == activity))
        surplus = rows.size - UCI_HAR_V1_COUNTS[subject - 1, activity - 1]
        if surplus > 0:
            # nearest first; among equal distances the later window first
            order = np.lexsort((-rows, distance[rows]))
            keep[rows[order[:surplus]]] = False
    return keep
