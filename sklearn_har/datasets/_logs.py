"""Your own sensor logs: from a long-format table to recordings, and back.

A log in *long format* has one row per sample: a session id, a timestamp,
sensor columns and (optionally) an activity label, a subject and a device.
:func:`from_dataframe` (and :func:`read_csv` for CSV and Parquet files)
turns it into the :class:`~sklearn.utils.Bunch` the loaders return: evenly
sampled recordings, per-sample labels and groups. Irregular clocks are
resampled onto an exact grid with :func:`scipy.interpolate.interp1d` (linear
for the signals, previous sample for the labels), sessions are split at long
gaps, and several devices are aligned on one clock; every dropped,
duplicated or interpolated sample is counted per session in ``report``.
:func:`predictions_to_dataframe` writes per-sample predictions back as a
table with the session and time columns, ready to join to the log.

pandas is an optional dependency, imported only when these functions run.
"""

import os
import warnings
from collections.abc import Hashable
from numbers import Integral, Real

import numpy as np
from scipy.interpolate import interp1d
from sklearn.utils import Bunch

from ..utils._param_validation import Interval, StrOptions, validate_params

__all__ = ["from_dataframe", "predictions_to_dataframe", "read_csv"]

# Seconds per unit of a numeric time column.
_UNITS = {"s": 1.0, "ms": 1e-3, "us": 1e-6, "µs": 1e-6, "ns": 1e-9}
# Times within this fraction of a period of a grid point are on the grid.
_SNAP = 1e-6
_REPORT_COLUMNS = (
    "n_rows",
    "n_duplicates",
    "n_nan",
    "n_outside_overlap",
    "n_short",
    "n_dropped",
    "n_splits",
    "n_recordings",
    "n_samples",
    "n_interpolated",
)

_PARAMS = {
    "session": [Hashable],
    "target": [Hashable, None],
    "channels": ["array-like", None],
    "time": [Hashable, None],
    "time_unit": [StrOptions(set(_UNITS)), None],
    "subject": [Hashable, None],
    "device": [Hashable, None],
    "sampling_rate": [Interval(Real, 0, None, closed="neither"), None],
    "max_gap": [Interval(Real, 0, None, closed="neither"), None],
    "duplicates": [StrOptions({"mean", "first", "last"})],
    "min_samples": [Interval(Integral, 1, None, closed="left")],
}


def _import_pandas(caller):
    try:
        import pandas as pd
    except ImportError as exc:
        raise ImportError(
            f"{caller} needs pandas, which is not installed. Install it with "
            "`pip install 'sklearn_har[pandas]'` (or `pip install pandas`)."
        ) from exc
    return pd


def _column(df, name, role):
    if name not in df.columns:
        raise ValueError(
            f"The {role} column {name!r} is not in the DataFrame; its columns "
            f"are {list(df.columns)!r}."
        )
    return df[name]


def _sessions_where(sessions, mask, limit=10):
    found = list(dict.fromkeys(np.asarray(sessions)[mask].tolist()))
    more = f" and {len(found) - limit} more" if len(found) > limit else ""
    return ", ".join(repr(s) for s in found[:limit]) + more


def _time_ticks(pd, col, name, time_unit):
    """Time column as ``(ticks, seconds_per_tick, kind)``; ticks int64 or float64.

    ``kind`` is ``"datetime"``, ``"timedelta"``, ``"int"`` or ``"float"``.
    """
    if col.dtype == object or pd.api.types.is_string_dtype(col.dtype):
        inferred = pd.api.types.infer_dtype(col, skipna=True)
        if inferred in ("integer", "floating", "mixed-integer-float", "decimal"):
            col = pd.to_numeric(col)
        elif inferred in ("string", "datetime", "datetime64", "date"):
            try:
                col = pd.to_datetime(col, format="ISO8601", utc=True)
            except (ValueError, TypeError) as exc:
                raise ValueError(
                    f"The time column {name!r} holds strings that are not "
                    f"ISO 8601 times ({exc})."
                ) from exc
        else:
            raise TypeError(
                f"The time column {name!r} mixes types ({inferred}): its "
                "values cannot be ordered. Give numbers (with time_unit) or "
                "datetimes."
            )
    if col.isna().any():
        raise ValueError(f"The time column {name!r} has missing values.")
    if isinstance(col.dtype, pd.DatetimeTZDtype):
        col = col.dt.tz_convert("UTC").dt.tz_localize(None)
    if pd.api.types.is_datetime64_dtype(col.dtype):
        if time_unit is not None:
            raise ValueError(
                f"The time column {name!r} holds datetimes; time_unit must be None."
            )
        ticks = col.to_numpy().astype("datetime64[ns]").astype(np.int64)
        return ticks, 1e-9, "datetime"
    if pd.api.types.is_timedelta64_dtype(col.dtype):
        ticks = col.to_numpy().astype("timedelta64[ns]").astype(np.int64)
        return ticks, 1e-9, "timedelta"
    if pd.api.types.is_bool_dtype(col.dtype) or not pd.api.types.is_numeric_dtype(
        col.dtype
    ):
        raise TypeError(
            f"The time column {name!r} has dtype {col.dtype}; give numbers "
            "(with time_unit), datetimes or timedeltas."
        )
    scale = _UNITS["s" if time_unit is None else time_unit]
    values = col.to_numpy()
    if pd.api.types.is_integer_dtype(col.dtype):
        return values.astype(np.int64), scale, "int"
    values = values.astype(np.float64)
    if not np.isfinite(values).all():
        raise ValueError(f"The time column {name!r} has infinite values.")
    return values, scale, "float"


def _snap(p):
    """Positions in periods; those within ``_SNAP`` of an integer become it."""
    r = np.round(p)
    return np.where(np.abs(p - r) < _SNAP, r, p)


def _dedup(t, values, how):
    """Merge rows of equal time ``t`` (sorted); return ``(t, values, n_removed)``."""
    first = np.ones(t.shape[0], bool)
    first[1:] = t[1:] != t[:-1]
    n_removed = int(t.shape[0] - first.sum())
    if n_removed == 0:
        return t, values, 0
    starts = np.flatnonzero(first)
    if how == "first":
        return t[starts], values[starts], n_removed
    if how == "last":
        ends = np.append(starts[1:], t.shape[0]) - 1
        return t[ends], values[ends], n_removed
    counts = np.diff(np.append(starts, t.shape[0]))
    sums = np.add.reduceat(values, starts, axis=0)
    return t[starts], sums / counts[:, None], n_removed


@validate_params({"df": "no_validation", **_PARAMS})
def from_dataframe(
    df,
    *,
    session,
    target=None,
    channels=None,
    time=None,
    time_unit=None,
    subject=None,
    device=None,
    sampling_rate=None,
    max_gap=None,
    duplicates="mean",
    min_samples=1,
):
    """Turn a long-format table of sensor logs into recordings and labels.

    Each row of ``df`` is one sample: a session id, optionally a timestamp,
    a subject, a device and an activity label, and the sensor readings.
    The rows of each session (one continuous logging run) are sorted by
    time and resampled onto an exact grid at ``sampling_rate``; the result
    is the same :class:`~sklearn.utils.Bunch` as :func:`load_hapt`'s, ready
    for :class:`~sklearn_har.windowing.WindowedClassifier` and
    ``GroupKFold(...).split(..., groups=data.groups)``.

    Read more in the :ref:`User Guide <your_own_data>`.

    Parameters
    ----------
    df : pandas.DataFrame
        The log, one row per sample.
    session : hashable
        Column of the session id. Each session yields one recording, or
        several when it has gaps longer than ``max_gap``.
    target : hashable, default=None
        Column of the per-sample activity label (no missing values). None:
        no labels.
    channels : list of hashable, default=None
        Sensor columns, in the order of the recording columns. None: every
        numeric column that is not the session, target, time, subject or
        device column.
    time : hashable, default=None
        Column of the timestamps: integers or floats in ``time_unit``,
        datetimes (``datetime64``, also time-zone aware, or ISO 8601
        strings as read from a CSV file) or timedeltas. None: the rows of a
        session are taken, in order, as evenly sampled at ``sampling_rate``
        (nothing is resampled).
    time_unit : {"s", "ms", "us", "µs", "ns"}, default=None
        Unit of a numeric time column; None means seconds. Must be None for
        datetimes.
    subject : hashable, default=None
        Column of the subject id, constant within a session. It gives the
        ``groups`` for subject-wise cross-validation; None: the session is
        the group.
    device : hashable, default=None
        Column naming the device that logged the row, for sessions logged by
        several devices at once (e.g. ``"phone"`` and ``"watch"``). The rows
        of all devices share one clock; each device contributes the channels
        it fills (columns that are not all missing in its rows), named
        ``"<device>_<channel>"``. See Notes.
    sampling_rate : float, default=None
        Rate of the output grid, in Hz (> 0). None: inferred from the
        median time step (the largest rate of the devices), rounded to 6
        significant digits. Required when ``time`` is None.
    max_gap : float, default=None
        Longest time step, in seconds, that is interpolated over; a session
        is split into several recordings at every longer gap. None means 10
        sampling periods.
    duplicates : {"mean", "first", "last"}, default="mean"
        What to do with rows of the same session (and device) and the same
        timestamp: average their channels (the label of the first row is
        kept), or keep the first or the last row.
    min_samples : int, default=1
        Recordings shorter than this (in output samples) are dropped with a
        :class:`UserWarning` that lists their sessions. Set it to the window
        size of the classifier, so that every recording yields a window.

    Returns
    -------
    data : :class:`~sklearn.utils.Bunch`
        Dictionary-like object with the following attributes.

        recordings : list of ndarray of shape (n_samples_i, n_channels)
            Evenly sampled float64 recordings, by session (sorted) and time.
        labels : list of ndarray of shape (n_samples_i,) or None
            Per-sample labels, with the dtype of the target column.
        groups : ndarray of shape (n_recordings,)
            Subject of each recording, or its session when ``subject`` is
            None.
        subjects : ndarray of shape (n_recordings,) or None
            Subject of each recording.
        sessions : ndarray of shape (n_recordings,)
            Session of each recording (repeated when a session is split).
        times : list of ndarray of shape (n_samples_i,)
            Time of every output sample on the input clock: ``datetime64[ns]``
            (UTC) for datetimes, ``timedelta64[ns]`` for timedeltas, numbers
            in ``time_unit`` otherwise (integers when integral and the
            column is integer); the sample position in the session when
            ``time`` is None.
        channel_names : list of str
            Name of each recording column.
        sampling_rate : float
            Rate of the recordings, in Hz.
        report : pandas.DataFrame
            One row per session, with the columns ``n_rows`` (input rows),
            ``n_duplicates`` (rows merged into another of the same time),
            ``n_nan`` (rows with a missing channel value, dropped),
            ``n_outside_overlap`` (rows outside the time span that all
            devices cover), ``n_short`` (rows of pieces shorter than
            ``min_samples``), ``n_dropped`` (sum of the four),
            ``n_splits`` (gaps longer than ``max_gap``), ``n_recordings``,
            ``n_samples`` (output samples) and ``n_interpolated`` (output
            samples that fall between input samples of some device).
        session_column, time_column : hashable
            The ``session`` and ``time`` arguments, used by
            :func:`predictions_to_dataframe`.

    Raises
    ------
    ImportError
        If pandas is not installed.
    ValueError
        If a column is missing, a channel is all missing, a label or a
        timestamp is missing, the subject changes within a session, devices
        do not overlap in time, or no recording is left.
    TypeError
        If ``df`` is not a DataFrame, a channel is not numeric, or the time
        column mixes types that cannot be ordered.

    See Also
    --------
    read_csv : The same from a CSV or Parquet file.
    predictions_to_dataframe : Per-sample predictions back as a table.
    load_sample : Recordings in the same format, bundled.

    Notes
    -----
    Time handling, session by session:

    1. Times are made relative to the first row of the session (integer
       and datetime clocks are subtracted exactly, as integers) and the rows
       are sorted by time (stable: equal times keep their order).
    2. Rows with a missing channel value are dropped; rows with the same
       time are merged as ``duplicates`` says.
    3. The session is split at every step longer than ``max_gap`` (of any
       device); nothing is interpolated across such a gap.
    4. Each piece is resampled onto the grid ``t0 + k / sampling_rate``
       from its first to its last time: signals by linear interpolation,
       labels by the previous sample (``interp1d(kind="linear")`` and
       ``kind="previous"``). Times within 1e-6 period of a grid point count
       as on it, so logs that are already evenly sampled come back exactly.

    With ``device``, each piece starts at the latest first time and ends at
    the earliest last time of the devices: rows outside that overlap yield
    no output sample (the ones next to its edges still anchor the
    interpolation) and are counted in ``n_outside_overlap``. Labels are
    read from the rows that have one; a device whose rows all lack the
    label is not a label source. To combine one DataFrame per device, use
    ``pd.concat(frames, keys=names, names=["device"]).reset_index(0)``.

    Examples
    --------
    >>> import pandas as pd
    >>> from sklearn_har.datasets import from_dataframe
    >>> log = pd.DataFrame({
    ...     "session": ["a"] * 5 + ["b"] * 4,
    ...     "t_ms": [0, 21, 39, 60, 80, 1000, 1019, 1041, 1060],
    ...     "acc_x": [0.0, 1.0, 2.0, 3.0, 4.0, 1.0, 1.0, 1.0, 1.0],
    ...     "activity": [1, 1, 1, 2, 2, 3, 3, 3, 3],
    ... })
    >>> data = from_dataframe(log, session="session", target="activity",
    ...                       time="t_ms", time_unit="ms", sampling_rate=50)
    >>> [r.shape for r in data.recordings], data.channel_names
    ([(5, 1), (4, 1)], ['acc_x'])
    >>> data.labels[0], data.times[0]
    (array([1, 1, 1, 2, 2]), array([ 0, 20, 40, 60, 80]))
    >>> data.report[["n_rows", "n_samples", "n_interpolated"]].loc["a"].tolist()
    [5, 5, 2]
    """
    pd = _import_pandas("from_dataframe")
    if not isinstance(df, pd.DataFrame):
        raise TypeError(f"df must be a pandas DataFrame, got {type(df).__name__}.")
    if df.shape[0] == 0:
        raise ValueError("df has no rows.")
    if time is None and sampling_rate is None:
        raise ValueError("Give sampling_rate when there is no time column.")
    sess_col = _column(df, session, "session")
    special = {session}
    lab_col = subj_col = dev_col = None
    if target is not None:
        lab_col = _column(df, target, "target")
        special.add(target)
    if subject is not None:
        subj_col = _column(df, subject, "subject")
        special.add(subject)
    if device is not None:
        dev_col = _column(df, device, "device")
        special.add(device)
    if time is not None:
        _column(df, time, "time")
        special.add(time)
    if channels is None:
        channels = [
            c
            for c in df.columns
            if c not in special
            and pd.api.types.is_numeric_dtype(df[c].dtype)
            and not pd.api.types.is_bool_dtype(df[c].dtype)
        ]
        if not channels:
            raise ValueError(
                "df has no numeric column left for the channels; name them "
                "with channels=[...]."
            )
    else:
        channels = list(channels)
        if not channels:
            raise ValueError("channels is empty.")
        for c in channels:
            _column(df, c, "channel")
            if not pd.api.types.is_numeric_dtype(
                df[c].dtype
            ) or pd.api.types.is_bool_dtype(df[c].dtype):
                raise TypeError(
                    f"The channel column {c!r} has dtype {df[c].dtype}; "
                    "channels must be numeric."
                )
    values = df[channels].to_numpy(dtype=np.float64)
    empty = np.isnan(values).all(axis=0)
    if empty.any():
        raise ValueError(
            f"The channel columns {[c for c, e in zip(channels, empty, strict=True) if e]!r} "
            "have no value (all missing)."
        )

    if sess_col.isna().any():
        raise ValueError(f"The session column {session!r} has missing values.")
    try:
        sess_codes, sess_ids = pd.factorize(sess_col, sort=True)
    except TypeError:
        sess_codes, sess_ids = pd.factorize(sess_col)
    sess_ids = np.asarray(sess_ids)
    n_sessions = sess_ids.shape[0]

    if lab_col is not None:
        lab_codes, lab_ids = pd.factorize(lab_col)
        lab_ids = np.asarray(lab_ids)
        if dev_col is None and (lab_codes < 0).any():
            raise ValueError(
                f"The target column {target!r} has missing values in the "
                f"sessions {_sessions_where(sess_col, lab_codes < 0)}."
            )

    if subj_col is not None:
        if subj_col.isna().any():
            raise ValueError(
                f"The subject column {subject!r} has missing values in the "
                f"sessions {_sessions_where(sess_col, subj_col.isna().to_numpy())}."
            )
        per_session = subj_col.groupby(sess_codes).nunique()
        if (per_session > 1).any():
            raise ValueError(
                f"The subject column {subject!r} changes within the sessions "
                f"{', '.join(repr(sess_ids[i]) for i in per_session.index[per_session > 1])}."
            )
        subj_first = subj_col.groupby(sess_codes).first()
        subject_of = np.asarray(subj_first.reindex(range(n_sessions)).to_numpy())

    if dev_col is not None:
        if dev_col.isna().any():
            raise ValueError(f"The device column {device!r} has missing values.")
        dev_codes, dev_ids = pd.factorize(dev_col, sort=True)
        dev_ids = np.asarray(dev_ids)
        # a device owns the channels it fills
        filled = (
            pd.DataFrame(~np.isnan(values)).groupby(dev_codes).any().to_numpy()
        )  # (n_devices, n_channels)
        dev_channels = [np.flatnonzero(filled[d]) for d in range(dev_ids.shape[0])]
        names = [
            f"{dev_ids[d]}_{channels[c]}"
            for d in range(dev_ids.shape[0])
            for c in dev_channels[d]
        ]
        if lab_col is not None:
            has_label = lab_codes >= 0
            per_dev = pd.Series(has_label).groupby(dev_codes).agg(["any", "all"])
            partial = per_dev["any"] & ~per_dev["all"]
            if partial.any():
                bad = dev_ids[partial.to_numpy()]
                mask = ~has_label & np.isin(dev_codes, np.flatnonzero(partial))
                raise ValueError(
                    f"The target column {target!r} has missing values in rows "
                    f"of the devices {bad.tolist()!r} (sessions "
                    f"{_sessions_where(sess_col, mask)})."
                )
    else:
        dev_codes = np.zeros(df.shape[0], np.int64)
        dev_ids = None
        dev_channels = [np.arange(len(channels))]
        names = [str(c) for c in channels]

    # --- the clock: seconds since the first row of the session ---
    if time is None:
        kind, scale = "index", 1.0 / sampling_rate
        ticks = (
            pd.Series(np.zeros(df.shape[0])).groupby([sess_codes, dev_codes]).cumcount()
        ).to_numpy(dtype=np.int64)
        origin = np.zeros(n_sessions, np.int64)
    else:
        ticks, scale, kind = _time_ticks(pd, df[time], time, time_unit)
        origin = pd.Series(ticks).groupby(sess_codes).min().to_numpy()
    rel = (ticks - origin[sess_codes]).astype(np.float64) * scale

    order = np.lexsort((rel, dev_codes, sess_codes))  # stable within equal times
    bounds = np.searchsorted(sess_codes[order], np.arange(n_sessions + 1))

    if sampling_rate is None:
        steps = np.diff(rel[order])
        same = (np.diff(sess_codes[order]) == 0) & (np.diff(dev_codes[order]) == 0)
        rates = []
        for d in np.unique(dev_codes):
            ok = same & (dev_codes[order][1:] == d) & (steps > 0)
            if ok.any():
                rates.append(1.0 / np.median(steps[ok]))
        if not rates:
            raise ValueError(
                "Cannot infer sampling_rate: no session has two distinct times."
            )
        sampling_rate = float(f"{max(rates):.6g}")
    sampling_rate = float(sampling_rate)
    period = 1.0 / sampling_rate
    if max_gap is None:
        max_gap = 10 * period

    recordings, labels, times, rec_session = [], [], [], []
    report = np.zeros((n_sessions, len(_REPORT_COLUMNS)), np.int64)
    col = {name: i for i, name in enumerate(_REPORT_COLUMNS)}
    short_sessions = []
    for s in range(n_sessions):
        rows = order[bounds[s] : bounds[s + 1]]
        report[s, col["n_rows"]] = rows.shape[0]
        streams = []  # per device: times, values
        label_t, label_v = [], []
        for d in np.unique(dev_codes[rows]):
            r = rows[dev_codes[rows] == d]
            v = values[np.ix_(r, dev_channels[d])]
            t = rel[r]
            if lab_col is not None and (lab_codes[r] >= 0).all():
                lt, lv, _ = _dedup(t, lab_codes[r][:, None], "first")
                label_t.append(lt)
                label_v.append(lv[:, 0])
            ok = ~np.isnan(v).any(axis=1)
            report[s, col["n_nan"]] += int((~ok).sum())
            t, v, n_dup = _dedup(t[ok], v[ok], duplicates)
            report[s, col["n_duplicates"]] += n_dup
            if t.shape[0] == 0:
                raise ValueError(
                    f"Session {sess_ids[s]!r}"
                    + ("" if dev_ids is None else f", device {dev_ids[d]!r},")
                    + " has no row with all its channel values."
                )
            streams.append((d, t, v))
        if dev_ids is not None and len(streams) < dev_ids.shape[0]:
            missing = sorted(set(range(dev_ids.shape[0])) - {d for d, _, _ in streams})
            raise ValueError(
                f"Session {sess_ids[s]!r} has no rows of the devices "
                f"{dev_ids[missing].tolist()!r}: devices cannot be aligned."
            )
        start = max(t[0] for _, t, _ in streams)
        end = min(t[-1] for _, t, _ in streams)
        if start > end:
            raise ValueError(
                f"The devices of session {sess_ids[s]!r} do not overlap in time."
            )
        outside = sum(int(((t < start) | (t > end)).sum()) for _, t, _ in streams)
        report[s, col["n_outside_overlap"]] = outside
        # gaps of any device split the session
        gaps = [
            np.column_stack([t[:-1][big], t[1:][big]])
            for _, t, _ in streams
            for big in [np.diff(t) > max_gap]
        ]
        gaps = np.concatenate(gaps) if gaps else np.empty((0, 2))
        gaps = gaps[(gaps[:, 1] > start) & (gaps[:, 0] < end)]
        gaps = gaps[np.argsort(gaps[:, 0])]
        pieces, lo = [], start
        for g_lo, g_hi in gaps:
            if g_lo >= lo:
                pieces.append((lo, g_lo))
            lo = max(lo, g_hi)
        if lo <= end:
            pieces.append((lo, end))
        report[s, col["n_splits"]] = len(gaps)
        if lab_col is not None:
            if not label_t:
                raise ValueError(
                    f"Session {sess_ids[s]!r} has no row with a label in the "
                    f"target column {target!r}."
                )
            lt = np.concatenate(label_t)
            lv = np.concatenate(label_v)
            lo_ = np.argsort(lt, kind="stable")
            lt, lv, _ = _dedup(lt[lo_], lv[lo_, None], "first")
            lv = lv[:, 0]
        for a, b in pieces:
            n = int(np.floor((b - a) * sampling_rate + _SNAP)) + 1
            q = np.arange(n, dtype=np.float64)
            cols, on_grid = [], np.ones(n, bool)
            for _, t, v in streams:
                i0 = max(np.searchsorted(t, a, side="right") - 1, 0)
                i1 = np.searchsorted(t, b, side="left") + 1
                p = _snap((t[i0:i1] - a) * sampling_rate)
                if p.shape[0] == 1:
                    cols.append(np.repeat(v[i0:i1], n, axis=0))
                else:
                    f = interp1d(
                        p, v[i0:i1], axis=0, assume_sorted=True, copy=False,
                        bounds_error=False, fill_value=(v[i0], v[i1 - 1]),
                    )  # fmt: skip
                    cols.append(f(q))
                # samples on the grid are copied, not recomputed (exact)
                exact = (p == np.round(p)) & (p >= 0) & (p < n)
                cols[-1][p[exact].astype(np.int64)] = v[i0:i1][exact]
                on_grid &= np.isin(q, p)
            if n < min_samples:
                report[s, col["n_short"]] += sum(
                    int(((t >= a) & (t <= b)).sum()) for _, t, _ in streams
                )
                short_sessions.append(sess_ids[s])
                continue
            recordings.append(np.hstack(cols))
            report[s, col["n_recordings"]] += 1
            report[s, col["n_samples"]] += n
            report[s, col["n_interpolated"]] += int(n - on_grid.sum())
            rec_session.append(s)
            if lab_col is not None:
                pl = _snap((lt - a) * sampling_rate)
                if pl.shape[0] == 1:
                    codes = np.repeat(lv, n)
                else:
                    f = interp1d(
                        pl, lv.astype(np.float64), kind="previous",
                        assume_sorted=True, bounds_error=False,
                        fill_value=(lv[0], lv[-1]),
                    )  # fmt: skip
                    codes = f(q).astype(np.int64)
                labels.append(lab_ids[codes])
            times.append(_output_times(a, n, sampling_rate, origin[s], scale, kind))

    report[:, col["n_dropped"]] = report[
        :,
        [
            col["n_duplicates"],
            col["n_nan"],
            col["n_outside_overlap"],
            col["n_short"],
        ],
    ].sum(axis=1)
    if short_sessions:
        found = list(dict.fromkeys(short_sessions))
        warnings.warn(
            f"Dropped recordings shorter than min_samples={min_samples} "
            f"samples in the sessions {', '.join(repr(x) for x in found)}.",
            UserWarning,
            stacklevel=2,
        )
    if not recordings:
        raise ValueError(
            f"No recording is left: every session is shorter than "
            f"min_samples={min_samples}."
        )
    rec_session = np.asarray(rec_session, dtype=np.int64)
    sessions_out = sess_ids[rec_session]
    subjects_out = None if subj_col is None else subject_of[rec_session]
    report_df = pd.DataFrame(report, columns=list(_REPORT_COLUMNS))
    report_df.index = pd.Index(sess_ids, name=session)
    return Bunch(
        recordings=recordings,
        labels=labels if lab_col is not None else None,
        groups=sessions_out if subjects_out is None else subjects_out,
        subjects=subjects_out,
        sessions=sessions_out,
        times=times,
        channel_names=names,
        sampling_rate=sampling_rate,
        report=report_df,
        session_column=session,
        time_column=time,
    )


def _output_times(a, n, rate, origin, scale, kind):
    """Times of ``n`` grid samples from ``a`` seconds after ``origin`` ticks."""
    k = np.arange(n)
    if kind == "index":
        return np.round(a * rate).astype(np.int64) + k
    offset = a + k / rate  # seconds since the session origin
    if kind in ("datetime", "timedelta"):
        ns = origin + np.round(offset * 1e9).astype(np.int64)
        unit = "datetime64[ns]" if kind == "datetime" else "timedelta64[ns]"
        return ns.astype(unit)
    ticks = offset / scale
    if kind == "int":
        rounded = np.round(ticks)
        if np.all(np.abs(ticks - rounded) < _SNAP * (1.0 / (rate * scale))):
            return origin + rounded.astype(np.int64)
    return origin + ticks


@validate_params({"path": [str, os.PathLike], **_PARAMS})
def read_csv(
    path,
    *,
    session,
    target=None,
    channels=None,
    time=None,
    time_unit=None,
    subject=None,
    device=None,
    sampling_rate=None,
    max_gap=None,
    duplicates="mean",
    min_samples=1,
):
    """Read a long-format log file (CSV or Parquet) into recordings and labels.

    The file is read with :func:`pandas.read_csv` (also compressed, e.g.
    ``.csv.gz``), or with :func:`pandas.read_parquet` when its name ends in
    ``.parquet`` or ``.pq`` (which needs ``pyarrow``), then passed to
    :func:`from_dataframe`. ISO 8601 time strings are read as datetimes.

    Read more in the :ref:`User Guide <your_own_data>`.

    Parameters
    ----------
    path : str or path-like
        The file.
    session, target, channels, time, time_unit, subject, device, \
sampling_rate, max_gap, duplicates, min_samples
        As in :func:`from_dataframe`.

    Returns
    -------
    data : :class:`~sklearn.utils.Bunch`
        As returned by :func:`from_dataframe`.

    Raises
    ------
    ImportError
        If pandas (or, for Parquet, pyarrow) is not installed.

    See Also
    --------
    from_dataframe : The same from a DataFrame, with the time-handling rules.

    Examples
    --------
    >>> import pandas as pd
    >>> import os, tempfile
    >>> from sklearn_har.datasets import read_csv
    >>> path = os.path.join(tempfile.mkdtemp(), "log.csv")
    >>> pd.DataFrame({"session": [1, 1, 1], "time": [0.0, 0.5, 1.0],
    ...               "gyro": [0.0, 1.0, 2.0]}).to_csv(path, index=False)
    >>> data = read_csv(path, session="session", time="time", sampling_rate=4)
    >>> data.recordings[0].ravel()
    array([0. , 0.5, 1. , 1.5, 2. ])
    """
    pd = _import_pandas("read_csv")
    name = os.fspath(path).lower()
    if name.endswith((".parquet", ".pq")):
        try:
            df = pd.read_parquet(path)
        except ImportError as exc:
            raise ImportError(
                f"Reading the Parquet file {os.fspath(path)!r} needs pyarrow: "
                "`pip install 'sklearn_har[parquet]'` (or `pip install pyarrow`)."
            ) from exc
    else:
        df = pd.read_csv(path)
    return from_dataframe(
        df,
        session=session,
        target=target,
        channels=channels,
        time=time,
        time_unit=time_unit,
        subject=subject,
        device=device,
        sampling_rate=sampling_rate,
        max_gap=max_gap,
        duplicates=duplicates,
        min_samples=min_samples,
    )


@validate_params(
    {
        "data": [Bunch],
        "y_pred": ["array-like"],
        "columns": ["array-like", None],
        "name": [Hashable],
    }
)
def predictions_to_dataframe(data, y_pred, *, columns=None, name="prediction"):
    """Per-sample predictions as a table with the session and time columns.

    Use it to join the predictions of a
    :class:`~sklearn_har.windowing.WindowedClassifier` (``predict`` or
    ``predict_proba`` of ``data.recordings``) back to the log with
    :meth:`pandas.DataFrame.merge` on the session and time columns. The
    times are those of the resampled grid (``data.times``); use
    :func:`pandas.merge_asof` to match an irregular log.

    Parameters
    ----------
    data : :class:`~sklearn.utils.Bunch`
        The output of :func:`from_dataframe` or :func:`read_csv`.
    y_pred : list of ndarray of shape (n_samples_i,) or (n_samples_i, n_outputs)
        Per-sample predictions, one array per recording of ``data``.
    columns : list of str, default=None
        Column names of 2-D predictions (e.g. ``clf.classes_`` for
        ``predict_proba``); None: ``"<name>_<j>"``.
    name : hashable, default="prediction"
        Column name of 1-D predictions.

    Returns
    -------
    table : pandas.DataFrame
        Columns: the session column, the time column (``"sample"`` when the
        data had no time column), ``recording`` (index into
        ``data.recordings``) and the predictions.

    See Also
    --------
    from_dataframe : Where ``data`` comes from.

    Examples
    --------
    >>> import pandas as pd
    >>> from sklearn_har.datasets import from_dataframe, predictions_to_dataframe
    >>> log = pd.DataFrame({"session": ["a", "a", "a"], "t": [0.0, 0.1, 0.2],
    ...                     "x": [1.0, 2.0, 3.0]})
    >>> data = from_dataframe(log, session="session", time="t", sampling_rate=10)
    >>> predictions_to_dataframe(data, [["sit", "sit", "walk"]])
      session    t  recording prediction
    0       a  0.0          0        sit
    1       a  0.1          0        sit
    2       a  0.2          0       walk
    """
    pd = _import_pandas("predictions_to_dataframe")
    for key in ("recordings", "times", "sessions", "session_column"):
        if key not in data:
            raise ValueError(
                f"data has no {key!r}: give the Bunch returned by from_dataframe."
            )
    if len(y_pred) != len(data.times):
        raise ValueError(
            f"y_pred has {len(y_pred)} arrays; data has {len(data.times)} recordings."
        )
    preds = [np.asarray(p) for p in y_pred]
    for i, (p, t) in enumerate(zip(preds, data.times, strict=True)):
        if p.shape[0] != t.shape[0]:
            raise ValueError(
                f"y_pred[{i}] has {p.shape[0]} samples; recording {i} (session "
                f"{data.sessions[i]!r}) has {t.shape[0]}."
            )
    lengths = [t.shape[0] for t in data.times]
    time_name = "sample" if data.time_column is None else data.time_column
    table = {
        data.session_column: np.repeat(data.sessions, lengths),
        time_name: np.concatenate(data.times),
        "recording": np.repeat(np.arange(len(lengths)), lengths),
    }
    stacked = np.concatenate(preds)
    if stacked.ndim == 1:
        table[name] = stacked
    else:
        stacked = stacked.reshape(stacked.shape[0], -1)
        if columns is None:
            columns = [f"{name}_{j}" for j in range(stacked.shape[1])]
        elif len(columns) != stacked.shape[1]:
            raise ValueError(
                f"columns has {len(columns)} names for {stacked.shape[1]} "
                "prediction columns."
            )
        for j, c in enumerate(columns):
            table[c] = stacked[:, j]
    return pd.DataFrame(table)
