"""
=======================================
From raw recordings to labelled windows
=======================================

Activity recognition models classify short *windows* of signal, while data
sets come as continuous recordings with one label per sample.  This example
follows recordings of the bundled HAPT sample through the UCI HAR stream
preprocessing and the sliding window, compares two ways of labelling
windows, and uses the *origin* of each window to go back to the raw samples.
"""

# %%
# The bundled sample
# ------------------
# :func:`~sklearn_har.datasets.load_sample` returns 12 recordings (two
# experiments of each of six volunteers) of a smartphone worn on the waist,
# sampled at 50 Hz: three accelerometer axes (in g) and three gyroscope axes
# (in rad/s), with one activity id per sample (0 means unlabelled).
import matplotlib.pyplot as plt
import numpy as np
from matplotlib.patches import Patch

from sklearn_har.datasets import load_sample

data = load_sample()
fs = data.sampling_rate
print(f"{len(data.recordings)} recordings, subjects {data.subjects.tolist()}")
print("channels:", data.channel_names)

X, y = data.recordings[0], data.labels[0]
print(f"recording 0: {X.shape[0]} samples ({X.shape[0] / fs:.0f} s)")

# %%
# The labels are stored per sample and, equivalently, as segments
# (``start`` inclusive, ``stop`` exclusive).  We shade each labelled segment
# of the first recording with the colour of its activity.
# one colour per activity id 1-12 (the dark tab20 colours, then two light ones)
tab20 = plt.get_cmap("tab20").colors
colors = [None] + [tab20[(2 * k) % 20 + (k >= 10)] for k in range(12)]


def shade_segments(ax, segments, t0=0.0, t1=np.inf):
    """Shade labelled segments between t0 and t1 seconds; return legend handles."""
    seen = {}
    for seg in segments:
        start, stop = seg.start / fs, seg.stop / fs
        if stop < t0 or start > t1:
            continue
        ax.axvspan(start, stop, color=colors[seg.activity], alpha=0.3, lw=0)
        seen[seg.activity] = Patch(
            color=colors[seg.activity], alpha=0.3, label=data.target_names[seg.activity]
        )
    return [seen[k] for k in sorted(seen)]


segments = data.segments[data.segments.experiment == data.experiments[0]]
t = np.arange(X.shape[0]) / fs
fig, axes = plt.subplots(2, 1, figsize=(10, 5), sharex=True, layout="constrained")
for ax, cols, unit in [(axes[0], range(3), "g"), (axes[1], range(3, 6), "rad/s")]:
    for c in cols:
        ax.plot(t, X[:, c], lw=0.5, label=data.channel_names[c])
    handles = shade_segments(ax, segments)
    ax.set_ylabel(unit)
    ax.legend(loc="upper left", fontsize="small", ncols=3)
axes[1].set_xlabel("time (s)")
fig.legend(handles=handles, loc="outside right center", fontsize="small")
fig.suptitle("Recording 0 (subject 1): accelerometer and gyroscope")
plt.show()

# %%
# UCI HAR channels: body and gravity
# ----------------------------------
# :class:`~sklearn_har.preprocessing.UCIHARPreprocessor` filters each
# continuous recording (median filter, 20 Hz low-pass) and splits the
# acceleration into a slow *gravity* part (0.3 Hz low-pass) and the *body*
# motion.  It returns the nine channels of the UCI HAR "Inertial Signals":
# body acceleration, gyroscope and total acceleration.  Filters run on whole
# recordings, before windowing, so that windows carry no filter edge
# effects; they learn nothing from the data, so applying them before a
# cross-validation leaks nothing.
from sklearn_har.preprocessing import UCIHARPreprocessor

pre = UCIHARPreprocessor().fit(X)
S = pre.transform(X)
names = pre.get_feature_names_out()
print(S.shape, names.tolist())

# %%
# Around the postural transitions of the first recording, gravity (total
# minus body acceleration) shows the orientation of the phone: it moves
# between axes when the volunteer lies down, while body acceleration stays
# near zero except during the movements themselves.
gravity = S[:, 6:9] - S[:, 0:3]
t0, t1 = 40.0, 80.0
zoom = (t >= t0) & (t <= t1)
fig, axes = plt.subplots(2, 1, figsize=(10, 5), sharex=True, layout="constrained")
for c, axis in enumerate("xyz"):
    axes[0].plot(t[zoom], gravity[zoom, c], label=f"gravity {axis}")
    axes[1].plot(t[zoom], S[zoom, c], lw=0.7, label=names[c])
for ax in axes:
    handles = shade_segments(ax, segments, t0, t1)
    ax.set_ylabel("g")
    ax.legend(loc="upper left", fontsize="small", ncols=3)
axes[1].set_xlabel("time (s)")
axes[1].set_xlim(t0, t1)
fig.legend(handles=handles, loc="outside right center", fontsize="small")
fig.suptitle("Gravity and body acceleration from UCIHARPreprocessor")
plt.show()

# %%
# Windows and their labels
# ------------------------
# :class:`~sklearn_har.windowing.SlidingWindowTransformer` cuts windows of
# 128 samples (2.56 s) every 64 samples (50 % overlap).  Its
# :meth:`~sklearn_har.windowing.SlidingWindowTransformer.segment` method
# returns the windows together with their labels and groups (here the
# subject of each recording), so the three can never fall out of step.
#
# Two labelling rules are compared:
#
# * ``label="segment"``, the official UCI HAR rule: windows restart at every
#   label change and never cross one; the short tail of a segment is
#   dropped;
# * ``label="majority"``: windows lie on a regular grid over the whole
#   recording and take their most frequent label.
from sklearn_har.windowing import SlidingWindowTransformer

streams = pre.fit_transform(data.recordings)  # the 12 recordings, 9 channels
windowed = {}
for rule in ("segment", "majority"):
    sw = SlidingWindowTransformer(window_size=128, step=64, label=rule)
    windowed[rule] = sw.segment(
        streams, data.labels, groups=data.subjects, return_origin=True
    )
    Xw, yw, subjects_w, origin = windowed[rule]
    print(f"{rule:>8}: windows {Xw.shape}, subjects {np.unique(subjects_w).tolist()}")

# %%
# The majority rule keeps more windows, mostly from the short postural
# transitions (ids 7-12), which last only a few seconds.
activities = np.arange(1, 13)
fig, ax = plt.subplots(figsize=(9, 4), layout="constrained")
for k, rule in enumerate(("segment", "majority")):
    counts = np.bincount(windowed[rule][1], minlength=13)[activities]
    ax.barh(activities + 0.2 - 0.4 * k, counts, height=0.4, label=f'label="{rule}"')
ax.set_yticks(activities, data.target_names[activities])
ax.invert_yaxis()
ax.set_xlabel("number of windows")
ax.legend()
ax.set_title("Windows per activity, 12 recordings of the sample")
plt.show()

# %%
# Where each window comes from
# ----------------------------
# With ``return_origin=True`` every window knows its recording and its
# first sample.  This takes us back to the per-sample labels, for instance
# to count the majority windows that mix two activities (the segment rule
# produces none, by construction).
Xw, yw, _, origin = windowed["majority"]
window_labels = np.stack(
    [
        data.labels[r][s : s + 128]
        for r, s in zip(origin.recording, origin.start, strict=True)
    ]
)
mixed = (window_labels != window_labels[:, :1]).any(axis=1)
print(f"majority windows mixing labels: {mixed.sum()} of {len(mixed)}")

# %%
# Drawn over the label timeline of the first recording, the segment windows
# (top) start again at each label change and skip the unlabelled gaps; the
# majority windows (bottom) follow the regular grid and straddle the
# changes.  Overlapping windows are drawn on alternate rows.
t0, t1 = 20.0, 52.0
fig, ax = plt.subplots(figsize=(10, 3.5), layout="constrained")
handles = shade_segments(ax, segments, t0, t1)
for row, rule in [(1.0, "segment"), (0.0, "majority")]:
    _, yw, _, origin = windowed[rule]
    sel = np.flatnonzero(
        (origin.recording == 0)
        & (origin.start / fs >= t0 - 2.56)
        & (origin.start / fs <= t1)
    )
    for j, i in enumerate(sel):
        start = origin.start[i] / fs
        level = row + 0.15 * (j % 2)
        ax.plot([start, start + 128 / fs], [level, level], lw=5, color=colors[yw[i]])
        ax.plot([start], [level], "k|", ms=8)
ax.set_yticks([0.075, 1.075], ['label="majority"', 'label="segment"'])
ax.set_ylim(-0.4, 1.5)
ax.set_xlim(t0, t1)
ax.set_xlabel("time (s), recording 0")
fig.legend(handles=handles, loc="outside right center", fontsize="small")
ax.set_title("Windows (coloured by their label) over the labelled segments")
plt.show()

# sphinx_gallery_thumbnail_number = 4
