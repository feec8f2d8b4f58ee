"""
=========================================
Your own sensor logs: from a CSV and back
=========================================

Most activity data do not come as a curated data set but as logs: one row
per sample with a session id, a timestamp, the sensor readings and a label,
as a phone or smartwatch app writes them. Their clocks are irregular: the
nominal 50 Hz jitters, samples are dropped or written twice.

This example writes such a CSV from the bundled sample, reads it back with
:func:`~sklearn_har.datasets.read_csv` (resampling onto an exact 50 Hz
grid), evaluates a :class:`~sklearn_har.windowing.WindowedClassifier` with
``GroupKFold`` by subject, and writes the per-sample predictions back as a
CSV that joins to the log on its session and time columns.
"""

# %%
# A smartwatch-style log
# ----------------------
# Each of the 12 sessions of the sample (two per volunteer) becomes rows with
# a millisecond timestamp that jitters by up to ±20 % of the period, with
# 1 % of the samples missing and a few written twice.
import os
import tempfile

import matplotlib.pyplot as plt
import numpy as np
import pandas as pd

from sklearn_har.datasets import load_sample

data = load_sample()
rng = np.random.default_rng(0)
frames = []
for rec, lab, subject, session in zip(
    data.recordings, data.labels, data.subjects, data.experiments, strict=True
):
    n = rec.shape[0]
    grid = np.arange(n) * 20.0  # ms
    t = np.round(grid + rng.uniform(-4, 4, n)).astype(np.int64)
    keep = rng.random(n) > 0.01
    t = np.unique(np.clip(t[keep], 0, None))
    frame = pd.DataFrame(
        {c: np.interp(t, grid, rec[:, j]) for j, c in enumerate(data.channel_names)}
    )
    frame.insert(0, "timestamp_ms", 1_700_000_000_000 + t)
    frame.insert(0, "user", subject)
    frame.insert(0, "session_id", session)
    frame["activity"] = data.target_names[lab[np.round(t / 20).astype(int)]]
    frames.append(pd.concat([frame, frame.sample(frac=0.002, random_state=0)]))
log = pd.concat(frames, ignore_index=True)
folder = tempfile.mkdtemp()
log_path = os.path.join(folder, "watch_log.csv")
log.to_csv(log_path, index=False)
print(log.head())

# %%
# Recordings, labels and groups
# -----------------------------
# :func:`~sklearn_har.datasets.read_csv` sorts each session by time, averages
# duplicate timestamps, splits sessions at gaps longer than ``max_gap``, and
# resamples onto the 50 Hz grid: linear interpolation for the signals, the
# previous sample for the labels. ``groups`` holds the subject of each
# recording, and ``report`` counts what happened to each session.
from sklearn_har.datasets import read_csv

rec = read_csv(
    log_path,
    session="session_id",
    subject="user",
    target="activity",
    time="timestamp_ms",
    time_unit="ms",
    sampling_rate=50,
    min_samples=128,
)
print(rec.channel_names, rec.sampling_rate, len(rec.recordings))
print(rec.report[["n_rows", "n_duplicates", "n_samples", "n_interpolated"]])

# %%
# The resampled signal follows the original one closely:
i = 0
seconds = np.arange(500) / 50
fig, ax = plt.subplots(figsize=(8, 3))
ax.plot(seconds, data.recordings[i][:500, 0], label="original 50 Hz", lw=2)
ax.plot(seconds, rec.recordings[i][:500, 0], "--", label="from the irregular log")
ax.set(xlabel="time (s)", ylabel="acc x (g)")
ax.legend()
plt.show()

# %%
# Subject-wise evaluation
# -----------------------
# The labels are activity names; ``"UNLABELLED"`` marks samples between
# activities and is not trained on or scored.
from sklearn.linear_model import LogisticRegression
from sklearn.model_selection import GroupKFold, cross_val_score
from sklearn.pipeline import make_pipeline
from sklearn.preprocessing import StandardScaler

from sklearn_har.features import StatisticalFeatureExtractor
from sklearn_har.windowing import SlidingWindowTransformer, WindowedClassifier

clf = WindowedClassifier(
    SlidingWindowTransformer(128, 64, unlabelled="UNLABELLED"),
    make_pipeline(
        StatisticalFeatureExtractor(), StandardScaler(), LogisticRegression(C=0.1)
    ),
)
scores = cross_val_score(
    clf, rec.recordings, rec.labels, groups=rec.groups, cv=GroupKFold(3)
)
print("per-sample accuracy by held-out subjects:", np.round(scores, 3))

# %%
# Predictions back into the log
# -----------------------------
# :func:`~sklearn_har.datasets.predictions_to_dataframe` gives one row per
# resampled sample with the session and time columns. Here the model is
# trained on four volunteers and predicts the sessions of the other two;
# ``pandas.merge_asof`` attaches to every row of the irregular log the
# prediction of the grid sample at or before it.
from sklearn_har.datasets import predictions_to_dataframe

train = np.isin(rec.groups, [1, 2, 3, 4])
clf.fit(
    [r for r, m in zip(rec.recordings, train, strict=True) if m],
    [y for y, m in zip(rec.labels, train, strict=True) if m],
)
pred = clf.predict(rec.recordings)
table = predictions_to_dataframe(rec, pred)
table = table[~train[table["recording"]]]
pred_path = os.path.join(folder, "predictions.csv")
table.to_csv(pred_path, index=False)

held_out = log[log.user.isin([5, 6])].sort_values("timestamp_ms")
joined = pd.merge_asof(
    held_out,
    table.sort_values("timestamp_ms"),
    on="timestamp_ms",
    by="session_id",
    direction="backward",
)
labelled = joined.activity != "UNLABELLED"
accuracy = (joined.activity == joined.prediction)[labelled].mean()
print(f"accuracy on the log rows of volunteers 5 and 6: {accuracy:.3f}")
print(joined[["session_id", "timestamp_ms", "activity", "prediction"]].head())
