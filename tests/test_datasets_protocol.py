"""load_uci_protocol: the window position and the v1-like window set (#11)."""

import numpy as np
import pytest
from sklearn.utils import Bunch

from sklearn_har.datasets import load_sample, load_uci_protocol
from sklearn_har.datasets._replication import (
    UCI_HAR_V1_COUNTS,
    _transition_distance,
    _v1_window_mask,
)
from sklearn_har.preprocessing import UCIHARPreprocessor
from sklearn_har.utils._param_validation import InvalidParameterError


@pytest.fixture(scope="module")
def sample():
    return load_sample()


@pytest.fixture(scope="module")
def default(sample):
    return load_uci_protocol(sample)


def _cells(d):
    counts = np.zeros((30, 6), dtype=int)
    np.add.at(counts, (d.subjects - 1, d.y - 1), 1)
    return counts


# ------------------------------------------------------------ window_offset
@pytest.mark.parametrize("offset", [-1, 1, -64])
def test_window_offset_moves_every_window_in_its_stream(sample, default, offset):
    d = load_uci_protocol(sample, window_offset=offset)
    assert d.X.shape == default.X.shape
    for key in ("y", "subjects", "train"):
        np.testing.assert_array_equal(d[key], default[key])
    np.testing.assert_array_equal(d.origin.recording, default.origin.recording)
    np.testing.assert_array_equal(d.origin.start, default.origin.start + offset)
    # the same streams, cut `offset` samples later
    streams = UCIHARPreprocessor().fit_transform(list(sample.recordings))
    for i in (0, len(d.y) // 2, len(d.y) - 1):
        r, s = d.origin.recording[i], d.origin.start[i]
        np.testing.assert_array_equal(d.X[i], streams[r][s : s + 128])
    if abs(offset) < 128:
        k = abs(offset)
        if offset < 0:
            np.testing.assert_array_equal(d.X[:, k:], default.X[:, :-k])
        else:
            np.testing.assert_array_equal(d.X[:, :-k], default.X[:, k:])
    assert not np.array_equal(d.X, default.X)


def test_window_offset_zero_is_the_official_rule(sample, default):
    d = load_uci_protocol(sample, window_offset=0)
    np.testing.assert_array_equal(d.X, default.X)
    # the first window starts at the first labelled sample of its segment
    seg = sample.segments
    first = seg[seg["experiment"] == sample.experiments[0]][0]
    assert default.origin.start[0] == first["start"]


@pytest.mark.parametrize(
    "offset, match", [(-(10**6), "before the start"), (10**6, "past the end")]
)
def test_window_offset_outside_the_recording_is_refused(sample, offset, match):
    with pytest.raises(ValueError, match=f"window_offset={offset} moves .*{match}"):
        load_uci_protocol(sample, window_offset=offset)


@pytest.mark.parametrize(
    "kwargs, name",
    [
        ({"window_offset": 1.5}, "window_offset"),
        ({"window_offset": "-1"}, "window_offset"),
        ({"window_offset": True}, "window_offset"),
        ({"window_set": "v1"}, "window_set"),
        ({"window_set": None}, "window_set"),
    ],
)
def test_bad_window_parameters_are_refused_by_name(kwargs, name):
    with pytest.raises(
        InvalidParameterError, match=f"'{name}' parameter of load_uci_protocol"
    ):
        load_uci_protocol("sample", **kwargs)


# ----------------------------------------------------------- uci_har_v1 set
def test_v1_counts_are_those_of_the_published_files(uci_meta):
    counts = np.zeros((30, 6), dtype=int)
    for part in ("train", "test"):
        y = np.loadtxt(uci_meta / f"y_{part}.txt", dtype=int)
        subjects = np.loadtxt(uci_meta / f"subject_{part}.txt", dtype=int)
        np.add.at(counts, (subjects - 1, y - 1), 1)
    np.testing.assert_array_equal(UCI_HAR_V1_COUNTS, counts)
    assert UCI_HAR_V1_COUNTS.sum() == 7352 + 2947


def _check_v1_set(data, full, v1):
    """v1 holds min(HAPT, v1) windows per cell, a subset of the full set;
    in every trimmed cell the dropped windows are the nearest to a
    transition."""
    np.testing.assert_array_equal(
        _cells(v1), np.minimum(_cells(full), UCI_HAR_V1_COUNTS)
    )
    key = list(
        zip(full.origin.recording.tolist(), full.origin.start.tolist(), strict=True)
    )
    kept = set(zip(v1.origin.recording.tolist(), v1.origin.start.tolist(), strict=True))
    mask = np.array([k in kept for k in key])
    assert mask.sum() == len(v1.y)
    np.testing.assert_array_equal(full.X[mask], v1.X)
    for name in ("y", "subjects", "train"):
        np.testing.assert_array_equal(full[name][mask], v1[name])
    distance = _transition_distance(
        list(data.labels), full.origin.recording, full.origin.start, 128
    )
    trimmed = 0
    for s, a in set(zip(full.subjects.tolist(), full.y.tolist(), strict=True)):
        cell = (full.subjects == s) & (full.y == a)
        if (cell & ~mask).any():
            trimmed += 1
            # static cells, and one WALKING_DOWNSTAIRS cell of subject 17
            assert a in (4, 5, 6) or (s, a) == (17, 3)
            assert distance[cell & ~mask].max() <= distance[cell & mask].min()
    return mask, trimmed


def test_v1_window_set_on_the_sample(sample, default):
    v1 = load_uci_protocol(sample, window_set="uci_har_v1")
    mask, trimmed = _check_v1_set(sample, default, v1)
    assert 0 < (~mask).sum() < 50 and trimmed > 0
    # the dropped windows touch a postural transition (within one window)
    distance = _transition_distance(
        list(sample.labels), default.origin.recording, default.origin.start, 128
    )
    assert distance[~mask].max() <= 128
    # with the published window position too: the same windows, one earlier
    both = load_uci_protocol(sample, window_set="uci_har_v1", window_offset=-1)
    np.testing.assert_array_equal(both.origin.start, v1.origin.start - 1)
    np.testing.assert_array_equal(both.y, v1.y)


def test_v1_window_mask_drops_the_nearest_then_the_later():
    v1 = UCI_HAR_V1_COUNTS[0]  # subject 1: 95 walking, 47 sitting, ...
    y = np.array([4, 4, 4, 4, 1, 1])
    distance = np.array([5.0, 1.0, np.inf, 1.0, np.inf, np.inf])
    keep = _v1_window_mask(y, np.ones(6, dtype=int), distance)
    assert keep.all()  # no cell above v1's counts
    y = np.full(v1[3] + 2, 4)  # two sitting windows too many
    distance = np.full(y.size, np.inf)
    distance[[3, 10]] = [7.0, 2.0]
    keep = _v1_window_mask(y, np.ones(y.size, dtype=int), distance)
    assert np.flatnonzero(~keep).tolist() == [3, 10]
    distance[:] = 4.0  # all tied: the later windows go
    keep = _v1_window_mask(y, np.ones(y.size, dtype=int), distance)
    assert np.flatnonzero(~keep).tolist() == [y.size - 2, y.size - 1]


def test_transition_distance():
    labels = [np.array([0, 5, 5, 5, 5, 5, 7, 7, 4, 4, 4, 4, 4, 4]), np.full(10, 4)]
    recording = np.array([0, 0, 0, 1])
    start = np.array([1, 2, 8, 0])
    distance = _transition_distance(labels, recording, start, 3)
    # window [1, 3] -> 6 is 3 after its end; [2, 4] -> 2; [8, 10] -> 7 is 1 before
    np.testing.assert_array_equal(distance, [3.0, 2.0, 1.0, np.inf])


@pytest.mark.parametrize("activities", [(1, 7), (12,)])
def test_v1_window_set_refuses_transition_activities(activities):
    with pytest.raises(ValueError, match="UCI HAR v1, which has only the activities"):
        load_uci_protocol("sample", activities=activities, window_set="uci_har_v1")


def test_v1_window_set_refuses_unknown_subjects(sample):
    data = Bunch(**sample)
    data.subjects = np.asarray(sample.subjects) + 100
    with pytest.raises(ValueError, match="needs the HAPT volunteers 1-30"):
        load_uci_protocol(data, window_set="uci_har_v1")
    load_uci_protocol(data)  # the official window set takes any subject


# --------------------------------------------------------------- full data
@pytest.mark.slow
def test_full_data_counts(hapt):
    full = load_uci_protocol(hapt)
    early = load_uci_protocol(hapt, window_offset=-1)
    assert full.X.shape == early.X.shape == (10411, 128, 9)
    np.testing.assert_array_equal(early.y, full.y)
    np.testing.assert_array_equal(early.subjects, full.subjects)
    np.testing.assert_array_equal(early.X[:, 1:], full.X[:, :-1])
    every = load_uci_protocol(hapt, activities=range(1, 13), window_offset=-1)
    assert len(every.y) == 10929  # the official 7,767 + 3,162 windows

    v1 = load_uci_protocol(hapt, window_set="uci_har_v1")
    assert len(v1.y) == 10276
    assert (_cells(v1) == UCI_HAR_V1_COUNTS).sum() == 165
    # the other 15 cells: HAPT has fewer windows than v1 (23 in all)
    assert (UCI_HAR_V1_COUNTS - _cells(v1)).sum() == 10299 - 10276
    mask, trimmed = _check_v1_set(hapt, full, v1)
    assert (~mask).sum() == 135
    assert set(full.y[~mask].tolist()) == {3, 4, 5, 6}
