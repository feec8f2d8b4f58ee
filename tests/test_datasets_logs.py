"""Long-format logs -> recordings (sklearn_har.datasets.from_dataframe & co).

Real data: the bundled sample (and HAPT, slow) written out as a log with
50 Hz timestamps reads back exactly; perturbed clocks are resampled within
a stated tolerance, gaps split sessions and the report counts are right.
"""

import subprocess
import sys

import numpy as np
import pytest

from sklearn_har.datasets import (
    from_dataframe,
    load_sample,
    predictions_to_dataframe,
    read_csv,
)

pd = pytest.importorskip("pandas")

PERIOD_US = 20_000  # 50 Hz
# Resampling a jittered (±20 % of the period) and thinned (1 %) 50 Hz log of
# the sample back onto the grid, errors relative to each channel's standard
# deviation (measured with seed 0: RMS 0.022-0.078, 99.9th percentile
# 0.20-0.81, gyroscope worst; the raw 50 Hz signals change a lot between
# samples). Every resampled value also lies within the range of the original
# samples within 3 periods.
RMS_REL_ERROR = 0.1
P999_REL_ERROR = 1.0


def to_log(data, *, time_unit="ms"):
    """The loader's recordings as one long-format table with 50 Hz times."""
    lengths = [len(r) for r in data.recordings]
    step = {"ms": 20, "us": PERIOD_US}[time_unit]
    df = pd.DataFrame(np.vstack(data.recordings), columns=data.channel_names)
    df.insert(0, "time", np.concatenate([np.arange(n) * step for n in lengths]))
    df.insert(0, "subject", np.repeat(data.subjects, lengths))
    df.insert(0, "session", np.repeat(data.experiments, lengths))
    df["activity"] = np.concatenate(data.labels)
    return df


def assert_same(data, out):
    assert len(out.recordings) == len(data.recordings)
    for a, b in zip(out.recordings, data.recordings, strict=True):
        np.testing.assert_array_equal(a, b)
    for a, b in zip(out.labels, data.labels, strict=True):
        assert a.dtype == b.dtype
        np.testing.assert_array_equal(a, b)
    np.testing.assert_array_equal(out.subjects, data.subjects)
    np.testing.assert_array_equal(out.groups, data.subjects)
    np.testing.assert_array_equal(out.sessions, data.experiments)
    assert out.channel_names == list(data.channel_names)
    assert out.sampling_rate == 50.0
    assert out.report.n_interpolated.sum() == 0
    assert out.report.n_dropped.sum() == 0


READ = dict(session="session", subject="subject", target="activity", time="time")


@pytest.fixture(scope="module")
def sample():
    return load_sample()


@pytest.fixture(scope="module")
def sample_log(sample):
    return to_log(sample)


def test_works_without_pandas_until_called():
    # scikit-learn itself imports pandas when it is installed, so block it:
    # the package imports, and the functions name what to install.
    code = (
        "import sys; sys.modules['pandas'] = None\n"
        "import sklearn_har.datasets as d\n"
        "try:\n"
        "    d.from_dataframe(None, session='s')\n"
        "except ImportError as exc:\n"
        "    print(exc)\n"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    )
    assert "needs pandas" in out.stdout
    assert "pip install pandas" in out.stdout


def test_sample_round_trip_exact(sample, sample_log):
    out = from_dataframe(sample_log, **READ, time_unit="ms", sampling_rate=50)
    assert_same(sample, out)
    np.testing.assert_array_equal(out.times[1], np.arange(len(out.times[1])) * 20)


@pytest.mark.parametrize("clock", ["float_s", "datetime", "ns", "shuffled"])
def test_sample_round_trip_clocks(sample, sample_log, clock):
    df = sample_log
    unit = None
    if clock == "float_s":
        df = df.assign(time=df.time / 1000.0)
    elif clock == "datetime":
        df = df.assign(
            time=pd.Timestamp("2024-05-01 12:00") + pd.to_timedelta(df.time, unit="ms")
        )
    elif clock == "ns":
        df = df.assign(time=1_700_000_000_000_000_000 + df.time * 1_000_000)
        unit = "ns"
    else:
        df = df.sample(frac=1.0, random_state=0)  # rows in any order
        unit = "ms"
    out = from_dataframe(df, **READ, time_unit=unit)  # rate inferred
    assert_same(sample, out)


def test_sample_round_trip_csv(sample, sample_log, tmp_path):
    path = tmp_path / "log.csv"
    df = sample_log[sample_log.session.isin([1, 2])]
    df = df.assign(
        time=pd.Timestamp("2024-05-01") + pd.to_timedelta(df.time, unit="ms")
    )
    df.to_csv(path, index=False)
    out = read_csv(path, **READ, sampling_rate=50)
    assert len(out.recordings) == 2
    for a, b in zip(out.recordings, sample.recordings[:2], strict=True):
        np.testing.assert_allclose(a, b, rtol=1e-15, atol=0)  # text round trip
    np.testing.assert_array_equal(out.labels[1], sample.labels[1])
    assert out.times[0].dtype == np.dtype("datetime64[ns]")


def test_parquet_needs_pyarrow(tmp_path):
    try:
        import pyarrow  # noqa: F401
    except ImportError:
        with pytest.raises(ImportError, match="pyarrow"):
            read_csv(tmp_path / "log.parquet", session="s", sampling_rate=50)
        return
    df = pd.DataFrame({"s": [1, 1, 1], "x": [1.0, 2.0, 3.0]})
    df.to_parquet(tmp_path / "log.parquet")
    out = read_csv(tmp_path / "log.parquet", session="s", sampling_rate=50)
    np.testing.assert_array_equal(out.recordings[0][:, 0], [1.0, 2.0, 3.0])


def test_hapt_round_trip_exact(hapt):
    out = from_dataframe(to_log(hapt), **READ, time_unit="ms", sampling_rate=50)
    assert_same(hapt, out)


def perturb(data, rng):
    """Jittered, thinned, duplicated log of ``data`` with one 10 s gap.

    Each kept sample is measured at ``k * T + U(-0.2 T, 0.2 T)`` (integer
    µs): its values are the original signal linearly interpolated there.
    """
    frames, expected = [], {}
    for i, (rec, lab) in enumerate(zip(data.recordings, data.labels, strict=True)):
        n = rec.shape[0]
        grid = np.arange(n) * PERIOD_US
        t = grid + rng.integers(-PERIOD_US // 5, PERIOD_US // 5 + 1, size=n)
        t[0], t[-1] = grid[0], grid[-1]
        t = np.clip(t, 0, grid[-1])
        keep = np.ones(n, bool)
        keep[1 + rng.choice(n - 2, size=n // 100, replace=False)] = False
        gap = None
        if i == 3:  # one 10 s gap in the middle of the 4th session
            mid = n // 2
            keep[mid : mid + 500] = False
            gap = (t[mid - 1], t[mid + 500])
        t = np.unique(t[keep])
        values = np.column_stack(
            [np.interp(t, grid, rec[:, c]) for c in range(rec.shape[1])]
        )
        labels = lab[np.searchsorted(grid, t, side="right") - 1]
        df = pd.DataFrame(values, columns=data.channel_names)
        df.insert(0, "time", t)
        df.insert(0, "subject", data.subjects[i])
        df.insert(0, "session", data.experiments[i])
        df["activity"] = labels
        dup = df.sample(n=len(df) // 200, random_state=i)
        df = pd.concat([df, dup])
        expected[data.experiments[i]] = dict(times=t, n_dup=len(dup), gap=gap)
        frames.append(df)
    return pd.concat(frames).sample(frac=1.0, random_state=1), expected


def test_perturbed_sample(sample):
    rng = np.random.default_rng(0)
    log, expected = perturb(sample, rng)
    out = from_dataframe(log, **READ, time_unit="us", sampling_rate=50, max_gap=1.0)
    report = out.report
    # the gap splits the 4th session, and only it
    assert list(out.sessions).count(sample.experiments[3]) == 2
    assert len(out.recordings) == len(sample.recordings) + 1
    for session, info in expected.items():
        row = report.loc[session]
        t = info["times"]
        pieces = [(t[0], t[-1])]
        if info["gap"] is not None:
            g0, g1 = info["gap"]
            pieces = [(t[0], g0), (g1, t[-1])]
        assert row.n_rows == len(t) + info["n_dup"]
        assert row.n_duplicates == info["n_dup"]
        assert row.n_dropped == info["n_dup"]
        assert row.n_splits == (info["gap"] is not None)
        assert row.n_recordings == len(pieces)
        n_samples = sum((b - a) // PERIOD_US + 1 for a, b in pieces)
        on_grid = sum(
            np.count_nonzero((t >= a) & (t <= b) & ((t - a) % PERIOD_US == 0))
            for a, b in pieces
        )
        assert row.n_samples == n_samples
        assert row.n_interpolated == n_samples - on_grid
    # resampled signals vs the original signal at the output times
    index = {e: i for i, e in enumerate(sample.experiments)}
    std = np.vstack(sample.recordings).std(axis=0)
    sq, big = 0.0, 0
    for rec, times, session in zip(
        out.recordings, out.times, out.sessions, strict=True
    ):
        orig = sample.recordings[index[session]]
        grid = np.arange(orig.shape[0]) * PERIOD_US
        ref = np.column_stack(
            [np.interp(times, grid, orig[:, c]) for c in range(orig.shape[1])]
        )
        err = (rec - ref) / std
        sq = sq + (err**2).sum(axis=0)
        big += np.count_nonzero(np.abs(err) > P999_REL_ERROR)
        # every value lies within the range of the original samples around it
        k = np.round(times / PERIOD_US).astype(int)
        padded = np.pad(orig, ((3, 3), (0, 0)), mode="edge")
        win = np.lib.stride_tricks.sliding_window_view(padded, 7, axis=0)[k]
        assert np.all(rec >= win.min(axis=-1) - 1e-12)
        assert np.all(rec <= win.max(axis=-1) + 1e-12)
    n = sum(len(r) for r in out.recordings)
    rms = np.sqrt(sq / n)
    assert np.all(rms < RMS_REL_ERROR), rms
    assert big <= 0.001 * n * len(std)
    # labels: previous sample, so they agree with the original nearly everywhere
    agree = np.mean(
        np.concatenate(
            [
                lab == sample.labels[index[s]][np.round(t / PERIOD_US).astype(int)]
                for lab, t, s in zip(out.labels, out.times, out.sessions, strict=True)
            ]
        )
    )
    assert agree > 0.995


def test_duplicates_mean_first_last():
    df = pd.DataFrame(
        {"s": 1, "t": [0, 0, 20, 40], "x": [1.0, 3.0, 5.0, 7.0], "y": [1, 2, 2, 2]}
    )
    kw = dict(session="s", time="t", time_unit="ms", target="y", sampling_rate=50)
    mean = from_dataframe(df, **kw)
    assert mean.recordings[0][:, 0].tolist() == [2.0, 5.0, 7.0]
    assert mean.labels[0].tolist() == [1, 2, 2]
    assert mean.report.n_duplicates.tolist() == [1]
    first = from_dataframe(df, **kw, duplicates="first")
    assert first.recordings[0][0, 0] == 1.0
    last = from_dataframe(df, **kw, duplicates="last")
    assert last.recordings[0][0, 0] == 3.0


def test_several_devices(sample):
    rec = sample.recordings[0]
    n = rec.shape[0]
    phone = pd.DataFrame(rec[:, :3], columns=["acc_x", "acc_y", "acc_z"])
    phone["t"] = np.arange(n) * 0.02
    phone["device"] = "phone"
    phone["activity"] = sample.labels[0]
    watch_idx = np.arange(50, n - 100, 5)[:-1]  # 10 Hz, starts 1 s later
    watch = pd.DataFrame(rec[watch_idx, 3:], columns=["gx", "gy", "gz"])
    watch["t"] = watch_idx * 0.02
    watch["device"] = "watch"
    log = pd.concat([phone, watch], ignore_index=True)
    log["session"] = "s1"
    out = from_dataframe(
        log, session="session", time="t", device="device", target="activity"
    )
    assert out.sampling_rate == 50.0
    assert out.channel_names == [
        "phone_acc_x",
        "phone_acc_y",
        "phone_acc_z",
        "watch_gx",
        "watch_gy",
        "watch_gz",
    ]
    first, last = watch_idx[0], watch_idx[-1]
    (r,) = out.recordings
    assert r.shape == (last - first + 1, 6)
    np.testing.assert_array_equal(r[:, :3], rec[first : last + 1, :3])
    np.testing.assert_array_equal(r[::5, 3:], rec[watch_idx, 3:])
    np.testing.assert_array_equal(out.labels[0], sample.labels[0][first : last + 1])
    row = out.report.loc["s1"]
    assert row.n_outside_overlap == n - (last - first + 1)
    assert row.n_interpolated == len(r) - len(watch_idx)
    np.testing.assert_allclose(out.times[0][[0, -1]], [first * 0.02, last * 0.02])


def test_predictions_round_trip(sample, sample_log):
    from sklearn.linear_model import LogisticRegression
    from sklearn.pipeline import make_pipeline
    from sklearn.preprocessing import StandardScaler

    from sklearn_har.features import StatisticalFeatureExtractor
    from sklearn_har.windowing import SlidingWindowTransformer, WindowedClassifier

    log = sample_log[sample_log.session.isin([1, 2])]
    data = from_dataframe(log, **READ, time_unit="ms", sampling_rate=50)
    clf = WindowedClassifier(
        SlidingWindowTransformer(128, 64),
        make_pipeline(
            StatisticalFeatureExtractor(), StandardScaler(), LogisticRegression()
        ),
    ).fit(data.recordings, data.labels)
    table = predictions_to_dataframe(data, clf.predict(data.recordings))
    assert list(table.columns) == ["session", "time", "recording", "prediction"]
    joined = log.merge(table, on=["session", "time"], validate="one_to_one")
    assert len(joined) == len(log)
    proba = predictions_to_dataframe(
        data, clf.predict_proba(data.recordings), columns=list(clf.classes_)
    )
    assert proba.shape == (len(log), 3 + len(clf.classes_))
    with pytest.raises(ValueError, match="recording 0"):
        predictions_to_dataframe(data, [np.zeros(3), np.zeros(3)])


# ---------------------------------------------------------------- bad input


@pytest.fixture
def small():
    return pd.DataFrame(
        {
            "s": ["a"] * 4 + ["b"] * 4,
            "t": [0, 20, 40, 60] * 2,
            "x": np.arange(8.0),
            "y": [1, 1, 2, 2, 3, 3, 3, 3],
        }
    )


KW = dict(session="s", time="t", time_unit="ms", sampling_rate=50)


def test_missing_column(small):
    with pytest.raises(ValueError, match="target column 'label' is not in"):
        from_dataframe(small, **KW, target="label")
    with pytest.raises(ValueError, match="session column 'sess'"):
        from_dataframe(small, **{**KW, "session": "sess"})
    with pytest.raises(ValueError, match="channel column 'z'"):
        from_dataframe(small, **KW, channels=["x", "z"])


def test_non_numeric_channel(small):
    with pytest.raises(TypeError, match="channel column 'name'.*numeric"):
        from_dataframe(small.assign(name="walk"), **KW, channels=["x", "name"])


def test_all_nan_channel(small):
    with pytest.raises(ValueError, match=r"\['z'\].*all missing"):
        from_dataframe(small.assign(z=np.nan), **KW)


def test_short_session_warns(small):
    df = pd.concat([small, small.iloc[:2].assign(s="c")])
    with pytest.warns(UserWarning, match="min_samples=3.*'c'"):
        out = from_dataframe(df, **KW, min_samples=3)
    assert list(out.sessions) == ["a", "b"]
    assert out.report.loc["c"].n_short == 2
    with pytest.raises(ValueError, match="No recording"):
        with pytest.warns(UserWarning):
            from_dataframe(df, **KW, min_samples=10)


def test_mixed_time_types(small):
    df = small.assign(t=pd.Series([0, "20", 40.5, "x", 0, 20, 40, 60], dtype=object))
    with pytest.raises(TypeError, match="time column 't' mixes types"):
        from_dataframe(df, **{**KW, "time_unit": None})


@pytest.mark.parametrize("rate", [0, -50.0])
def test_bad_sampling_rate(small, rate):
    with pytest.raises(ValueError, match="sampling_rate"):
        from_dataframe(small, **{**KW, "sampling_rate": rate})


def test_nan_label(small):
    df = small.astype({"y": float})
    df.loc[5, "y"] = np.nan
    with pytest.raises(ValueError, match="target column 'y'.*sessions 'b'"):
        from_dataframe(df, **KW, target="y")


def test_subject_changes_within_session(small):
    with pytest.raises(ValueError, match="subject column 'u'.*'a'"):
        from_dataframe(small.assign(u=[1, 2, 1, 1, 3, 3, 3, 3]), **KW, subject="u")


def test_no_time_needs_rate(small):
    with pytest.raises(ValueError, match="sampling_rate"):
        from_dataframe(small, session="s")
    out = from_dataframe(small, session="s", sampling_rate=50, channels=["x"])
    assert out.times[1].tolist() == [0, 1, 2, 3]
    assert out.groups.tolist() == ["a", "b"]
