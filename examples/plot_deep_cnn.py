"""
========================================
A 1D CNN on raw windows, next to the SVM
========================================

Deep networks learn their features from the raw windows instead of using
handcrafted ones.  :class:`~sklearn_har.deep.CNNClassifier` is a Keras 1D
convolutional network behind the scikit-learn classifier API: it goes into
a :class:`~sklearn.pipeline.Pipeline`, clones, and records its learning
curve in ``history_``.

This example trains it for a few epochs on the UCI HAR windows of the
bundled sample and compares it with the 561-feature SVM.  It needs the
``deep`` extra (TensorFlow).  Training is kept very short so that the
gallery builds quickly; the scores are not representative of a fully
trained network.
"""

# %%
# Data: the UCI HAR protocol on the sample
# ----------------------------------------
# Windows of 128 samples and 9 channels; the official subject split gives
# four training subjects and two test subjects.
import matplotlib.pyplot as plt
import numpy as np

from sklearn_har.datasets import load_uci_protocol

d = load_uci_protocol("sample")
X_train, y_train = d.X[d.train], d.y[d.train]
X_test, y_test = d.X[~d.train], d.y[~d.train]
print(X_train.shape, X_test.shape)

# %%
# Scaling and the network in one pipeline
# ---------------------------------------
# :class:`~sklearn_har.preprocessing.ChannelStandardScaler` standardises
# each channel with a mean and a standard deviation pooled over all time
# steps of the *training* windows, which keeps the shape of each signal.
# Inside the pipeline it is refitted on the training data of every fit.
#
# ``validation_split`` with ``groups`` holds out whole training subjects
# to monitor generalisation (a subject-wise validation): here a quarter of
# the four training subjects, one subject, chosen with ``random_state``,
# which also makes the run reproducible on CPU.  Inside a pipeline,
# ``groups`` reaches the classifier as ``cnnclassifier__groups``.
#
# The level/movement split (below) is ``"auto"`` by default: on from 1,000
# training windows.  The three subjects left to train on hold about
# 1,000 windows, around that threshold, so it is switched on explicitly
# here.
from sklearn.pipeline import make_pipeline

from sklearn_har.deep import CNNClassifier
from sklearn_har.preprocessing import ChannelStandardScaler

cnn = make_pipeline(
    ChannelStandardScaler(),
    CNNClassifier(
        epochs=5,
        batch_size=32,
        validation_split=0.25,
        window_stats=True,
        center_windows=True,
        random_state=0,
    ),
)
cnn.fit(X_train, y_train, cnnclassifier__groups=d.subjects[d.train])
print(f"validation subject(s): {cnn[-1].validation_groups_}")
print(f"CNN test accuracy: {cnn.score(X_test, y_test):.3f}")

# %%
# Learning curves
# ---------------
# ``history_`` holds the per-epoch loss and accuracy on the training
# windows and on the validation subject.
history = cnn[-1].history_
epochs = np.arange(1, len(history["loss"]) + 1)
fig, axes = plt.subplots(1, 2, figsize=(9, 3.5), layout="constrained")
for ax, metric in zip(axes, ("loss", "accuracy"), strict=True):
    ax.plot(epochs, history[metric], "o-", label="training windows")
    ax.plot(epochs, history[f"val_{metric}"], "o-", label="validation subject")
    ax.set_xlabel("epoch")
    ax.set_title(metric)
    ax.set_xticks(epochs)
axes[0].legend()
plt.show()

# %%
# Typically the training accuracy keeps rising while the validation
# accuracy levels off after a few epochs: the difference between subjects,
# not the fit to the training windows, limits the accuracy.  Early stopping
# on a validation subject (``early_stopping=True``) guards against training
# past that point.

# %%
# Comparison with the SVM
# -----------------------
# The same split with the 561 UCI HAR features and an SVM
# (:func:`~sklearn_har.pipeline.make_svm_pipeline`).  Both models take the
# same windows, so they can be compared, cross-validated or tuned with the
# same scikit-learn tools.
from sklearn.metrics import accuracy_score, f1_score

from sklearn_har.pipeline import make_svm_pipeline

svm = make_svm_pipeline().fit(X_train, y_train)

# %%
# The published network, for reference
# -------------------------------------
# With enough training windows every classifier splits a window into its
# *level* and its *movement*: the learnt layers read each channel minus its window mean
# (``center_windows``), and the per-channel mean and log standard deviation
# of the window go straight to the dense layer (``window_stats``).  The
# means are the orientation to gravity, the log standard deviations the
# tiny movements of still postures, and the two together separate sitting
# from standing (about 3 points of subject-wise accuracy on the full data,
# see the user guide).  Both ``False``, with the published kernels of 3
# samples instead of the default 7, give the published network.
published = make_pipeline(
    ChannelStandardScaler(),
    CNNClassifier(
        epochs=5,
        batch_size=32,
        kernel_size=3,
        window_stats=False,
        center_windows=False,
        random_state=0,
    ),
).fit(X_train, y_train)

rows = []
models = [
    ("1D CNN, 5 epochs", cnn),
    ("published CNN, 5 epochs", published),
    ("561 features + SVM", svm),
]
for name, model in models:
    pred = model.predict(X_test)
    rows.append(
        (name, accuracy_score(y_test, pred), f1_score(y_test, pred, average="macro"))
    )
    print(f"{name:>24}: accuracy {rows[-1][1]:.3f}, macro F1 {rows[-1][2]:.3f}")

fig, ax = plt.subplots(figsize=(6, 3), layout="constrained")
colors = ["tab:orange", "tab:gray", "tab:blue"]
ax.barh([r[0] for r in rows], [r[1] for r in rows], color=colors)
for k, r in enumerate(rows):
    ax.text(r[1] - 0.01, k, f"{r[1]:.3f}", va="center", ha="right", color="white")
ax.set_xlim(0, 1)
ax.set_xlabel("test accuracy (subjects 2 and 4)")
plt.show()

# %%
# With a handful of subjects and epochs, neither number ranks the methods:
# evaluate both with ``GroupKFold`` on the full data
# (``sklearn-har benchmark --data hapt --models svm,cnn``) before drawing
# conclusions.
