"""
=================================================
561 handcrafted features against deep 1D networks
=================================================

Two traditions meet on the UCI HAR data set.  Its authors (Anguita et al.,
ESANN 2013) computed 561 handcrafted features per 2.56 s window (time and
frequency statistics of body acceleration, gravity and rotation) and
reported about 96 % accuracy on the test subjects with a multiclass support
vector machine.  Deep networks instead learn their features from the raw
windows: the 1D CNN, LSTM and CNN-LSTM models published for the same
windows report roughly 90 to 95 %, usually *below* that SVM.

This example puts both on identical subject-wise folds of the bundled
sample with :func:`~sklearn_har.model_selection.compare_models`: the
pipeline of :func:`~sklearn_har.pipeline.make_svm_pipeline` against
:class:`~sklearn_har.deep.CNNClassifier` networks behind a
:class:`~sklearn_har.preprocessing.ChannelStandardScaler`.  The networks
are trained for 3 epochs only so that the gallery builds in minutes:
the scores show how the comparison is set up, not which method wins.
"""

# %%
# Windows of the UCI HAR protocol
# -------------------------------
# :func:`~sklearn_har.datasets.load_uci_protocol` rebuilds the UCI HAR
# windows (128 samples, the nine "Inertial Signals" channels, six
# activities) from the raw recordings of the sample, with the subject of
# every window.  TensorFlow's logs are quieted before the first ``fit``
# imports it.
import logging
import os

os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "3")
logging.getLogger("tensorflow").setLevel(logging.ERROR)

import matplotlib.pyplot as plt
import numpy as np

from sklearn_har.datasets import load_uci_protocol

d = load_uci_protocol("sample")
print(f"windows {d.X.shape}, subjects {np.unique(d.subjects).tolist()}")

# %%
# Three models
# ------------
# * **561 features + SVM**: :func:`~sklearn_har.pipeline.make_svm_pipeline`
#   (the features of
#   :class:`~sklearn_har.features.UCIHARFeatureExtractor`, min-max scaling
#   fitted on the training windows, an RBF-kernel SVM).  It has no
#   ``random_state`` in use, so it is fitted once per fold.
# * **published CNN**: the classic HAR 1D CNN (two convolutions of 64
#   filters of length 3, dropout, max-pooling, a dense layer), with
#   ``kernel_size=3, window_stats=False, center_windows=False``, i.e. the
#   network of the literature.
# * **CNN + window stats**: the package's default CNN (kernels of 7) with
#   the level/movement split switched on: its convolutions read
#   window-centred channels and the dense layer also gets each channel's
#   window mean and log standard deviation (see the
#   :ref:`user guide <deep_level_movement>`).  The split is set explicitly
#   because the default, ``"auto"``, leaves it off below 1,000 training
#   windows, and a fold of this sample has about 500.
#
# Both networks train for 3 epochs with a learning rate of 0.003, three
# times the default, to make the most of so few epochs.
from sklearn.pipeline import make_pipeline

from sklearn_har.deep import CNNClassifier
from sklearn_har.pipeline import make_svm_pipeline
from sklearn_har.preprocessing import ChannelStandardScaler

short = {"epochs": 3, "learning_rate": 0.003, "random_state": 0}
models = {
    "561 features + SVM": make_svm_pipeline(),
    "published CNN": make_pipeline(
        ChannelStandardScaler(),
        CNNClassifier(kernel_size=3, window_stats=False, center_windows=False, **short),
    ),
    "CNN + window stats": make_pipeline(
        ChannelStandardScaler(),
        CNNClassifier(window_stats=True, center_windows=True, **short),
    ),
}

# %%
# Identical folds, repeated seeds
# -------------------------------
# ``cv=2`` is a :class:`~sklearn.model_selection.GroupKFold` by subject
# with two folds: each trains on three volunteers and tests the three
# others, whom no model saw in training, and every model gets exactly the
# same folds.  (Two folds rather than more keep the gallery fast; the
# training sets are small.)  With ``n_repeats=2`` each network is
# trained twice per fold with new seeds (for weights, dropout and
# shuffling), so its boxes show the spread over seeds as well as over
# subjects; the deterministic SVM is fitted once per fold.
from sklearn_har.model_selection import compare_models

result = compare_models(
    models, d.X, d.y, groups=d.subjects, cv=2, n_repeats=2, random_state=0
)

# %%
# The summary: mean ± standard deviation over all fits, the number of fits,
# and the mean fit and prediction times per fold (on whatever machine built
# this page), from
# :meth:`~sklearn_har.model_selection.ComparisonResult.summary`.
# (:meth:`~sklearn_har.model_selection.ComparisonResult.to_markdown` writes
# the whole report, with per-class F1, per-subject scores and confusion
# matrices, as Markdown.)
print(f"{'model':>20} | fits | accuracy        | macro-F1        | fit s | pred s")
for s in result.summary():
    print(
        f"{s['model']:>20} | {s['n_fits']:4d} | "
        f"{s['accuracy_mean']:.3f} ± {s['accuracy_std']:.3f} | "
        f"{s['f1_macro_mean']:.3f} ± {s['f1_macro_std']:.3f} | "
        f"{s['fit_time_mean']:5.1f} | {s['predict_time_mean']:.2f}"
    )

# %%
# Scores per fold
# ---------------
# :meth:`~sklearn_har.model_selection.ComparisonResult.plot_scores` draws
# one box per model and one point per (repeat, fold) fit.
fig, axes = plt.subplots(1, 2, figsize=(10, 4), layout="constrained")
for ax, metric in zip(axes, ("accuracy", "f1_macro"), strict=True):
    result.plot_scores(metric, ax=ax, xticks_rotation=15)
    ax.set_title(metric)
fig.suptitle("GroupKFold(2) by subject, 2 seeds per network")
plt.show()

# %%
# Part of that spread is the seeds, part the subjects.  With repeats, the
# summary's ``accuracy_std_repeats`` is the standard deviation of the
# repeats' mean accuracies, the seeds alone; the accuracy of each held-out
# subject, averaged over the seeds, shows the rest.
for s in result.summary():
    seeds = s.get("accuracy_std_repeats", 0.0)  # absent for a deterministic model
    print(f"{s['model']:>20}: spread over the seeds alone {seeds:.3f}")
for name in result.models:
    per_subject = result.subject_scores(name)
    print(f"{name:>20}: " + ", ".join(f"{k}: {v:.2f}" for k, v in per_subject.items()))

# %%
# Training and prediction time
# ----------------------------
# ``fit_time`` and ``predict_time`` are recorded for every fit; we show
# their median over the fits, because the first network's fit also counts
# the one-off import of TensorFlow.  The SVM trains in well under a second
# on these ~1,000 windows; even three epochs of a small network take
# seconds, much of it building and tracing the Keras graph.
fit_times = result.get_scores("fit_time")
predict_times = result.get_scores("predict_time")
y_pos = np.arange(len(result.models))
fit_med = [np.median(fit_times[m]) for m in result.models]
predict_med = [np.median(predict_times[m]) for m in result.models]
fig, ax = plt.subplots(figsize=(7, 3), layout="constrained")
ax.barh(y_pos - 0.2, fit_med, 0.4, label="fit")
ax.barh(y_pos + 0.2, predict_med, 0.4, label="predict")
for k, (f, p) in enumerate(zip(fit_med, predict_med, strict=True)):
    ax.text(f, k - 0.2, f" {f:.2f} s", va="center", fontsize="small")
    ax.text(p, k + 0.2, f" {p:.2f} s", va="center", fontsize="small")
ax.set_yticks(y_pos, result.models)
ax.invert_yaxis()
ax.set_xlim(0, 1.2 * max(fit_med))
ax.set_xlabel("median seconds per fit")
ax.legend(loc="upper right")
plt.show()

# %%
# Confusion matrices
# ------------------
# Summed over folds and repeats and normalised per true activity
# (:meth:`~sklearn_har.model_selection.ComparisonResult.plot_confusion_matrix`).
# The classic confusions of this data set are sitting taken for standing
# and between the three walking activities.
fig, axes = plt.subplots(1, 3, figsize=(15, 5.2), layout="constrained")
for ax, name in zip(axes, result.models, strict=True):
    result.plot_confusion_matrix(
        name,
        target_names=d.target_names[result.labels],
        ax=ax,
        colorbar=False,
        xticks_rotation=45,
    )
    plt.setp(ax.get_xticklabels(), ha="right", rotation_mode="anchor")
for ax in axes[1:]:
    ax.set_ylabel("")
plt.show()

# %%
# What the literature says, and what this run shows
# -------------------------------------------------
# * Anguita et al. report about 96 % for the SVM on the 561 published
#   features (the official test subjects).  The package's own
#   re-implementation reaches 96.5 % there (:ref:`uci_har_features`).
# * Published 1D CNN, LSTM and CNN-LSTM results on the same test subjects,
#   as compiled in the :ref:`user guide on deep learning <deep>`, lie
#   between about 90 and 92 %.  With their full training budget (10 to 20
#   epochs) the package's networks reach 94 to 95 % there (measurements
#   in ``benchmarks/RESULTS.md``): close to the handcrafted features, not
#   above them.
# * On this sample, with three training subjects per fold and three epochs,
#   read the numbers above as a demonstration.  The SVM needs no training
#   budget and is within a few points of its full-data level already; the
#   networks are far from trained, and their ranking against each other and
#   against the SVM can change with more epochs, more subjects or other
#   seeds.  In particular the window statistics, which on the full data
#   with full training gain about 3 points, mostly by telling sitting from
#   standing, need not help after three epochs.
#
# The handcrafted pipeline is also far cheaper to train, even against
# networks trained for three epochs instead of ten to twenty.
# What deep models buy is not accuracy on UCI HAR but the absence of
# feature engineering, which matters on new sensors, placements or
# activities.
#
# To run the full comparison (30 volunteers, 10,411 windows), on the
# official split or with subject-wise folds::
#
#     sklearn-har benchmark --data hapt --protocol uci --models svm,cnn,cnn_lstm --repeats 3
#     sklearn-har benchmark --data hapt --folds 5 --models svm,cnn,lstm --repeats 3 --out results/
#
# or call :func:`~sklearn_har.model_selection.compare_models` on
# ``load_uci_protocol()`` (the full data, downloaded once) with the default
# epochs of each network.
