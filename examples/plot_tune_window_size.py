"""
=========================================================
Tuning the window size with subject-wise cross-validation
=========================================================

How long should a window be?  Short windows react quickly but see little
of a periodic movement such as walking; long ones smooth over short
activities.  :class:`~sklearn_har.windowing.WindowedClassifier` cuts the
windows *inside* ``fit`` and ``predict``, so the window size and step are
ordinary hyper-parameters: this example searches them with
:class:`~sklearn.model_selection.GridSearchCV` and a subject-wise
:class:`~sklearn.model_selection.GroupKFold`, then predicts the activity of
every sample of an unseen subject's recording.
"""

# %%
# Recordings, per-sample labels and subjects
# ------------------------------------------
# The classifier takes whole recordings: ``X`` is a list of arrays
# ``(n_samples_i, n_channels)``, ``y`` a list of per-sample label arrays and
# the groups one subject per recording.  Cross-validation therefore splits
# whole recordings, and grouping them by subject keeps each volunteer on
# one side of every split.
#
# The stream filters of
# :class:`~sklearn_har.preprocessing.UCIHARPreprocessor` learn nothing from
# the data, so we apply them once, before the search.  We keep the six basic
# activities and mark the short postural transitions (ids 7-12) as
# unlabelled (0): no window is trained on them and their samples are not
# scored.
import matplotlib.pyplot as plt
import numpy as np

from sklearn_har.datasets import UCI_HAR_TEST_SUBJECTS, load_sample
from sklearn_har.preprocessing import UCIHARPreprocessor

data = load_sample()
recordings = UCIHARPreprocessor().fit_transform(data.recordings)
labels = [np.where(lab <= 6, lab, 0) for lab in data.labels]
subjects = data.subjects

# the official UCI HAR split: subjects 2 and 4 are test subjects
test = np.isin(subjects, UCI_HAR_TEST_SUBJECTS)
train_idx, test_idx = np.flatnonzero(~test), np.flatnonzero(test)
X_train = [recordings[i] for i in train_idx]
y_train = [labels[i] for i in train_idx]
print(
    f"train subjects {np.unique(subjects[~test]).tolist()}, "
    f"test subjects {np.unique(subjects[test]).tolist()}"
)

# %%
# A windowed classifier
# ---------------------
# The windows go through per-channel statistics, a scaler and a linear
# discriminant analysis (fast to fit, with class probabilities).  Training
# windows take the majority label of their samples;
# at prediction time every sample receives the averaged class probabilities
# of the windows that cover it.
from sklearn.discriminant_analysis import LinearDiscriminantAnalysis
from sklearn.pipeline import make_pipeline
from sklearn.preprocessing import StandardScaler

from sklearn_har.features import StatisticalFeatureExtractor
from sklearn_har.windowing import SlidingWindowTransformer, WindowedClassifier

clf = WindowedClassifier(
    windows=SlidingWindowTransformer(window_size=128, step=64, label="majority"),
    estimator=make_pipeline(
        StatisticalFeatureExtractor(stats=("mean", "std", "min", "max", "iqr")),
        StandardScaler(),
        LinearDiscriminantAnalysis(),
    ),
)

# %%
# Searching window size and step together
# ---------------------------------------
# A list of grids ties the step to the window size (50 % overlap).  The
# score is the accuracy over labelled samples, so candidates with different
# window sizes are compared on the same samples.  ``GroupKFold`` must be
# given explicitly: an integer ``cv`` would ask for stratification, which a
# list of label arrays cannot provide.
from sklearn.model_selection import GridSearchCV, GroupKFold

sizes = [32, 64, 128, 256, 512]
param_grid = [{"windows__window_size": [w], "windows__step": [w // 2]} for w in sizes]
search = GridSearchCV(clf, param_grid, cv=GroupKFold(n_splits=4))
search.fit(X_train, y_train, groups=subjects[~test])
print("best:", search.best_params_, f"CV accuracy {search.best_score_:.3f}")

# %%
# The cross-validated accuracy per window size, with one standard deviation
# over the held-out subjects.  The basic activities of HAPT last 12 to 20
# seconds each, so long windows pay little for blurring their boundaries
# while gaining steadier statistics; recordings with short activities, or
# the postural transitions, would favour shorter windows.
res = search.cv_results_
seconds = np.array(sizes) / data.sampling_rate
fig, ax = plt.subplots(figsize=(6, 3.5), layout="constrained")
ax.errorbar(
    seconds, res["mean_test_score"], yerr=res["std_test_score"], marker="o", capsize=4
)
ax.set_xscale("log", base=2)
ax.set_xticks(
    seconds, [f"{w}\n({s:.2f} s)" for w, s in zip(sizes, seconds, strict=True)]
)
ax.set_xlabel("window size in samples (seconds), step = size / 2")
ax.set_ylabel("per-sample accuracy")
ax.set_title("GroupKFold by subject, 4 training subjects")
plt.show()

# %%
# Per-sample predictions on an unseen subject
# -------------------------------------------
# ``best_estimator_`` was refitted on all training subjects.  It predicts
# one label per sample of the test subjects' recordings.
best = search.best_estimator_
X_test = [recordings[i] for i in test_idx]
y_test = [labels[i] for i in test_idx]
print(f"accuracy on the test subjects: {best.score(X_test, y_test):.3f}")

i = test_idx[-1]  # the last recording of a test subject
y_pred = best.predict(recordings[i])
t = np.arange(len(y_pred)) / data.sampling_rate
truth = np.where(labels[i] > 0, labels[i], np.nan)  # gaps where unlabelled

fig, ax = plt.subplots(figsize=(10, 3.5), layout="constrained")
ax.plot(t, y_pred, lw=1, color="tab:orange", label="predicted")
ax.plot(t, truth, lw=3, alpha=0.6, color="tab:blue", label="true (labelled samples)")
ax.set_yticks(range(1, 7), data.target_names[1:7])
ax.set_xlabel("time (s)")
ax.set_title(f"Recording of subject {subjects[i]}, experiment {data.experiments[i]}")
ax.legend(loc="upper right", fontsize="small")
plt.show()

# %%
# Errors, where there are any, sit at the boundaries between activities and
# between the static postures (sitting and standing look alike to a phone
# on the waist).  Samples between labelled segments, where the volunteer was
# changing posture, also receive a prediction: in use, every sample does.
