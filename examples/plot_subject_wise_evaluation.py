"""
==========================================
Why evaluate subject-wise: random vs group
==========================================

An activity recogniser is used on people it has never seen.  Its
evaluation must therefore test on *subjects* absent from training.  Windows
cut from the same recording are strongly correlated (with 50 % overlap,
neighbouring windows even share half their samples), so a random split of
windows puts near-copies of the test windows in the training set and
overestimates the accuracy.

This example measures that optimistic bias on the bundled sample with a
small statistics baseline, comparing a shuffled
:class:`~sklearn.model_selection.KFold` with
:class:`~sklearn.model_selection.GroupKFold` by subject.
"""

# %%
# Windows, labels and subjects
# ----------------------------
# :func:`~sklearn_har.datasets.load_uci_protocol` rebuilds the UCI HAR
# windows (128 samples, 9 channels, six basic activities) from the raw
# recordings, with the subject of every window.
import matplotlib.pyplot as plt
import numpy as np

from sklearn_har.datasets import load_uci_protocol

d = load_uci_protocol("sample")
X, y, subjects = d.X, d.y, d.subjects
print(f"windows {X.shape}, subjects {np.unique(subjects).tolist()}")

# %%
# The baseline: per-channel statistics, scaled, then a linear model
# -----------------------------------------------------------------
# :class:`~sklearn_har.features.StatisticalFeatureExtractor` summarises each
# channel of a window by its mean, standard deviation, minimum and maximum
# (36 features for 9 channels).  The scaler sits *inside* the
# pipeline: cross-validation refits it on the training folds only, so the
# test windows never influence the scaling.  (Scaling ``X`` once before
# cross-validation would let test statistics into training.)
from sklearn.linear_model import LogisticRegression
from sklearn.neighbors import KNeighborsClassifier
from sklearn.pipeline import make_pipeline
from sklearn.preprocessing import StandardScaler

from sklearn_har.features import StatisticalFeatureExtractor

models = {
    "logistic regression": make_pipeline(
        StatisticalFeatureExtractor(),
        StandardScaler(),
        LogisticRegression(max_iter=1000),
    ),
    "1-nearest neighbour": make_pipeline(
        StatisticalFeatureExtractor(),
        StandardScaler(),
        KNeighborsClassifier(n_neighbors=1),
    ),
}

# %%
# Random folds vs subject folds
# -----------------------------
# Both splitters use six folds.  ``KFold(shuffle=True)`` scatters the
# windows of every subject over all folds; ``GroupKFold`` with
# ``groups=subjects`` keeps each subject in a single fold, so here every
# fold tests one unseen subject.
from sklearn.model_selection import GroupKFold, KFold, cross_val_score

splitters = {
    "random KFold": KFold(n_splits=6, shuffle=True, random_state=0),
    "GroupKFold by subject": GroupKFold(n_splits=6),
}
scores = {}
for model_name, model in models.items():
    for cv_name, cv in splitters.items():
        groups = subjects if cv_name.startswith("Group") else None  # KFold takes none
        scores[model_name, cv_name] = cross_val_score(model, X, y, groups=groups, cv=cv)
        s = scores[model_name, cv_name]
        print(
            f"{model_name:>20} | {cv_name:<22} accuracy {s.mean():.3f} ± {s.std():.3f}"
        )

# %%
# The random split is optimistic for both models, and most for the nearest
# neighbour, which can simply find the overlapping twin of a test window in
# the training set.  Subject folds also reveal how much the accuracy varies
# from one person to the next, which a random split hides.
fig, ax = plt.subplots(figsize=(8, 4), layout="constrained")
positions = []
for i, key in enumerate(scores):
    pos = i + (i // 2) * 0.5
    positions.append(pos)
    color = "tab:red" if key[1] == "random KFold" else "tab:blue"
    ax.boxplot(
        scores[key],
        positions=[pos],
        widths=0.6,
        patch_artist=True,
        boxprops={"facecolor": color, "alpha": 0.4},
    )
    ax.plot(np.full(len(scores[key]), pos), scores[key], "o", color=color, ms=4)
ax.set_xticks(positions, [f"{m}\n{c}" for m, c in scores], fontsize="small")
ax.set_ylabel("accuracy per fold")
ax.set_title("Random folds overestimate the accuracy on new subjects")
plt.show()

# %%
# Accuracy per held-out subject
# -----------------------------
# With ``GroupKFold(n_splits=6)`` each test fold is one volunteer.  The
# spread is large: a few people move differently from the others, which is
# exactly what a model must cope with in use.
cv = splitters["GroupKFold by subject"]
held_out = [np.unique(subjects[test])[0] for _, test in cv.split(X, y, groups=subjects)]
for model_name in models:
    per_subject = dict(
        zip(held_out, scores[model_name, "GroupKFold by subject"], strict=True)
    )
    text = ", ".join(f"{s}: {a:.2f}" for s, a in sorted(per_subject.items()))
    print(f"{model_name:>20} | {text}")

# %%
# Take-aways
# ----------
# * Split by subject (``GroupKFold``, ``LeaveOneGroupOut``, or the official
#   UCI HAR subject split ``d.train``), never by window.
# * Keep every step that learns from data (scalers, feature selection,
#   the classifier) inside the :class:`~sklearn.pipeline.Pipeline` given to
#   the cross-validation.
# * Stateless stream filters (:mod:`sklearn_har.preprocessing`) and the
#   windowing itself learn nothing and can run once before it.
