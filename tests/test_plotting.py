"""Tests of the sklearn_har.plotting displays (matplotlib, Agg backend)."""

import importlib
import sys

import numpy as np
import pytest
from sklearn.base import BaseEstimator, ClassifierMixin
from sklearn.exceptions import NotFittedError
from sklearn.linear_model import LogisticRegression
from sklearn.pipeline import make_pipeline
from sklearn.preprocessing import FunctionTransformer, StandardScaler

from sklearn_har.features import StatisticalFeatureExtractor
from sklearn_har.plotting import (
    RecordingDisplay,
    ScoreDistributionDisplay,
    TrainingHistoryDisplay,
)
from sklearn_har.windowing import SlidingWindowTransformer, WindowedClassifier

mpl = pytest.importorskip("matplotlib")
mpl.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402
from matplotlib.colors import to_rgb  # noqa: E402


@pytest.fixture(autouse=True)
def close_figures():
    yield
    plt.close("all")


# ------------------------------------------------------------ optional import
def test_import_and_errors_without_matplotlib(monkeypatch):
    """The subpackage imports without matplotlib; plotting names the extra."""
    import sklearn_har

    # a fresh import, undone at teardown (modules and the package attribute)
    for name in list(sys.modules):
        if name.startswith("sklearn_har.plotting"):
            monkeypatch.delitem(sys.modules, name)
    monkeypatch.delattr(sklearn_har, "plotting", raising=False)
    monkeypatch.setitem(sys.modules, "matplotlib", None)  # import -> ImportError
    plotting = importlib.import_module("sklearn_har.plotting")
    assert set(plotting.__all__) == {
        "RecordingDisplay",
        "ScoreDistributionDisplay",
        "TrainingHistoryDisplay",
    }
    with pytest.raises(ImportError, match=r"ScoreDistributionDisplay\.plot .*\[plot\]"):
        plotting.ScoreDistributionDisplay({"a": [0.5]}).plot()
    with pytest.raises(ImportError, match=r"TrainingHistoryDisplay\.from_history"):
        plotting.TrainingHistoryDisplay.from_history({"loss": [1.0]})
    with pytest.raises(ImportError, match=r"RecordingDisplay\.from_predictions"):
        plotting.RecordingDisplay.from_predictions(np.zeros(5), None, None)


# ---------------------------------------------------- ScoreDistributionDisplay
SCORES = {
    "svm": np.array([0.90, 0.92, 0.91, 0.95, 0.60]),  # 0.60 is an outlier
    "cnn": np.array([0.88, 0.93, 0.94, 0.90]),
    "knn": np.array([0.80, 0.85, 0.83]),
}


class _Comparison:
    """Stand-in for a model comparison result: only get_scores(metric)."""

    def __init__(self, scores):
        self.scores = scores
        self.asked = []

    def get_scores(self, metric):
        self.asked.append(metric)
        if metric not in self.scores:
            raise KeyError(metric)
        return self.scores[metric]


def test_score_box_plot_draws_one_box_per_model_in_order():
    disp = ScoreDistributionDisplay.from_scores(SCORES, metric="f1_macro")
    assert isinstance(disp, ScoreDistributionDisplay)
    assert len(disp.boxes_["boxes"]) == 3
    assert [t.get_text() for t in disp.ax_.get_xticklabels()] == ["svm", "cnn", "knn"]
    np.testing.assert_array_equal(disp.ax_.get_xticks(), [1, 2, 3])
    assert disp.ax_.get_ylabel() == "f1_macro"
    for i, values in enumerate(SCORES.values()):
        median = disp.boxes_["medians"][i].get_ydata()
        np.testing.assert_allclose(median, np.median(values))
        # every score drawn once, near its model's position
        offsets = disp.points_[i].get_offsets()
        np.testing.assert_allclose(offsets[:, 1], values)
        assert np.all(np.abs(offsets[:, 0] - (i + 1)) <= 0.08)
    # the points are drawn, so the box outliers are not drawn twice
    assert all(len(f.get_ydata()) == 0 for f in disp.boxes_["fliers"])
    assert disp.means_ is None
    assert disp.figure_ is disp.ax_.figure


def test_score_box_without_points_shows_outliers():
    disp = ScoreDistributionDisplay(SCORES).plot(show_points=False)
    assert disp.points_ is None
    np.testing.assert_allclose(disp.boxes_["fliers"][0].get_ydata(), [0.60])
    assert disp.ax_.get_ylabel() == "accuracy"


def test_score_strip_draws_points_and_means():
    disp = ScoreDistributionDisplay(SCORES).plot(kind="strip", jitter=0)
    assert disp.boxes_ is None
    np.testing.assert_allclose(
        disp.means_.get_ydata(), [v.mean() for v in SCORES.values()]
    )
    np.testing.assert_array_equal(disp.means_.get_xdata(), [1, 2, 3])
    assert len(disp.points_) == 3
    np.testing.assert_array_equal(disp.points_[2].get_offsets()[:, 0], [3, 3, 3])
    # one colour per model
    colors = {tuple(p.get_facecolor()[0][:3]) for p in disp.points_}
    assert len(colors) == 3


def test_score_plot_on_given_axes_and_style_kwargs():
    fig, ax = plt.subplots()
    disp = ScoreDistributionDisplay.from_scores(
        SCORES,
        ax=ax,
        xticks_rotation=30,
        points_kw={"c": "red"},
        box_kw={"widths": 0.3},
    )
    assert disp.ax_ is ax and disp.figure_ is fig
    assert disp.ax_.get_xticklabels()[0].get_rotation() == 30
    assert to_rgb(disp.points_[1].get_facecolor()[0]) == to_rgb("red")


def test_score_from_comparison_uses_get_scores():
    result = _Comparison({"balanced_accuracy": SCORES})
    disp = ScoreDistributionDisplay.from_comparison(
        result, metric="balanced_accuracy", kind="strip"
    )
    assert result.asked == ["balanced_accuracy"]
    assert disp.ax_.get_ylabel() == "balanced_accuracy"
    assert disp.metric == "balanced_accuracy"
    assert len(disp.points_) == 3


def test_score_from_comparison_errors():
    with pytest.raises(ValueError, match="Unknown metric 'f1'"):
        ScoreDistributionDisplay.from_comparison(
            _Comparison({"accuracy": SCORES}), metric="f1"
        )
    with pytest.raises(TypeError, match="get_scores"):
        ScoreDistributionDisplay.from_comparison(SCORES)
    with pytest.raises(ValueError, match="no 'accuracy' score"):
        ScoreDistributionDisplay.from_comparison(_Comparison({"accuracy": {}}))


@pytest.mark.parametrize(
    "scores, error, match",
    [
        ([0.9, 0.8], TypeError, "must be a dict"),
        ({}, ValueError, "scores is empty"),
        ({"a": [[0.9, 0.8]]}, ValueError, "model 'a' must be a 1-D array"),
        ({"a": []}, ValueError, "Model 'a' has no score"),
        ({"a": [0.9, np.nan]}, ValueError, "model 'a' contain NaN"),
        ({"a": ["high"]}, TypeError, "model 'a' must be numeric"),
    ],
)
def test_score_bad_scores(scores, error, match):
    with pytest.raises(error, match=match):
        ScoreDistributionDisplay.from_scores(scores)


def test_score_bad_options():
    disp = ScoreDistributionDisplay(SCORES)
    with pytest.raises(ValueError, match="kind must be one of"):
        disp.plot(kind="violin")
    with pytest.raises(ValueError, match="jitter"):
        disp.plot(jitter=2)
    with pytest.raises(TypeError, match="ax must be a matplotlib Axes"):
        disp.plot(ax="left")
    with pytest.raises(TypeError, match="box_kw must be a dict"):
        disp.plot(box_kw=["widths"])
    with pytest.raises(TypeError, match="metric must be a non-empty string"):
        ScoreDistributionDisplay(SCORES, metric=None).plot()


# ----------------------------------------------------- TrainingHistoryDisplay
HISTORY = {
    "accuracy": [0.5, 0.7, 0.8, 0.85],
    "loss": [1.3, 0.9, 0.6, 0.5],
    "val_accuracy": [0.45, 0.6, 0.7, 0.72],
    "val_loss": [1.4, 1.0, 0.8, 0.78],
}


class FakeNet(ClassifierMixin, BaseEstimator):
    """A 'deep classifier' whose fit only records a history_ (no TensorFlow)."""

    def __init__(self, epochs=3):
        self.epochs = epochs

    def fit(self, X, y):
        self.classes_ = np.unique(y)
        self.history_ = {"loss": list(np.linspace(1.0, 0.2, self.epochs))}
        return self

    def predict(self, X):
        return np.full(len(X), self.classes_[0])


class _KerasHistory:
    """Stand-in for keras.callbacks.History."""

    def __init__(self, history):
        self.history = history
        self.epoch = list(range(len(history["loss"])))


def test_history_default_loss_and_accuracy_panels():
    disp = TrainingHistoryDisplay(HISTORY).plot()
    assert disp.axes_.shape == (2,)
    # loss first, whatever the order of the history
    assert [ax.get_title() for ax in disp.axes_] == ["loss", "accuracy"]
    assert set(disp.lines_) == set(HISTORY)
    for key, values in HISTORY.items():
        np.testing.assert_allclose(disp.lines_[key].get_ydata(), values)
        np.testing.assert_array_equal(disp.lines_[key].get_xdata(), [1, 2, 3, 4])
    loss_ax = disp.axes_[0]
    assert disp.lines_["loss"].axes is loss_ax
    assert disp.lines_["val_loss"].axes is loss_ax
    assert disp.lines_["val_accuracy"].axes is disp.axes_[1]
    assert loss_ax.get_xlabel() == "epoch" and loss_ax.get_ylabel() == "loss"
    legend = [t.get_text() for t in loss_ax.get_legend().get_texts()]
    assert legend == ["training", "validation"]
    # validation: dashed, in the colour of the training curve
    assert disp.lines_["val_loss"].get_linestyle() == "--"
    assert disp.lines_["val_loss"].get_color() == disp.lines_["loss"].get_color()
    assert disp.figure_ is loss_ax.figure


def test_history_without_validation_and_extra_keys():
    history = {
        "loss": [1.0, 0.5],
        "accuracy": [0.6, 0.8],
        "learning_rate": [1e-3, 5e-4],
    }
    disp = TrainingHistoryDisplay.from_history(history)
    assert [ax.get_title() for ax in disp.axes_] == [
        "loss",
        "accuracy",
        "learning_rate",
    ]
    assert set(disp.lines_) == {"loss", "accuracy", "learning_rate"}
    assert len(disp.axes_[0].get_lines()) == 1


def test_history_selected_metric_and_name():
    disp = TrainingHistoryDisplay.from_history(HISTORY, metrics="accuracy", name="CNN")
    assert disp.axes_.shape == (1,)
    assert set(disp.lines_) == {"accuracy", "val_accuracy"}
    labels = [t.get_text() for t in disp.axes_[0].get_legend().get_texts()]
    assert labels == ["CNN (training)", "CNN (validation)"]
    assert disp.estimator_name == "CNN"


def test_history_validation_only_metric():
    history = {"loss": [1.0, 0.8], "val_loss": [1.1, 0.9], "val_f1": [0.3, 0.5]}
    disp = TrainingHistoryDisplay(history).plot(metrics=["f1"])
    assert set(disp.lines_) == {"val_f1"}
    # metrics=None: only metrics with a training entry
    assert set(TrainingHistoryDisplay(history).plot().lines_) == {"loss", "val_loss"}


def test_history_keras_history_object_and_overlay():
    first = TrainingHistoryDisplay.from_history(HISTORY, name="A")
    second = TrainingHistoryDisplay.from_history(
        _KerasHistory({"loss": [2.0, 1.0, 0.5], "accuracy": [0.3, 0.5, 0.9]}),
        axes=first.axes_,
        name="B",
    )
    assert list(second.axes_) == list(first.axes_)
    assert len(first.axes_[0].get_lines()) == 3  # A train, A val, B train
    np.testing.assert_allclose(second.lines_["loss"].get_ydata(), [2.0, 1.0, 0.5])
    assert second.lines_["loss"].get_color() != first.lines_["loss"].get_color()


def test_history_from_estimator_in_pipeline():
    pipe = make_pipeline(FunctionTransformer(), FakeNet(epochs=5)).fit(
        [[0], [1]], [0, 1]
    )
    disp = TrainingHistoryDisplay.from_estimator(pipe)
    np.testing.assert_allclose(
        disp.lines_["loss"].get_ydata(), np.linspace(1.0, 0.2, 5)
    )
    assert disp.lines_["loss"].get_label() == "FakeNet (training)"
    # the estimator itself, and a given name
    net = FakeNet().fit([[0], [1]], [0, 1])
    disp = TrainingHistoryDisplay.from_estimator(net, name="net")
    assert disp.estimator_name == "net"


def test_history_from_estimator_in_windowed_classifier():
    rng = np.random.default_rng(0)
    X, y = rng.normal(size=(60, 2)), np.repeat([1, 2], 30)
    clf = WindowedClassifier(
        SlidingWindowTransformer(window_size=10, step=5),
        make_pipeline(StatisticalFeatureExtractor(), FakeNet(epochs=4)),
    ).fit([X], [y])
    disp = TrainingHistoryDisplay.from_estimator(clf)
    assert disp.lines_["loss"].get_xdata().tolist() == [1, 2, 3, 4]


def test_history_from_estimator_errors():
    with pytest.raises(NotFittedError):
        TrainingHistoryDisplay.from_estimator(
            make_pipeline(StandardScaler(), FakeNet())
        )
    fitted = make_pipeline(StandardScaler(), LogisticRegression()).fit(
        [[0.0], [1.0]], [0, 1]
    )
    with pytest.raises(ValueError, match=r"No training history .*Pipeline -> "):
        TrainingHistoryDisplay.from_estimator(fitted)


@pytest.mark.parametrize(
    "history, error, match",
    [
        ([1.0, 0.5], TypeError, "history must be a dict"),
        ({}, ValueError, "history is empty"),
        ({"loss": [[1.0, 0.5]]}, ValueError, r"history\['loss'\] must be 1-D"),
        ({"loss": []}, ValueError, r"history\['loss'\] is empty"),
        ({"loss": ["high"]}, TypeError, "must be numeric"),
        ({"val_loss": [1.0]}, ValueError, "no training entry"),
    ],
)
def test_history_bad_history(history, error, match):
    with pytest.raises(error, match=match):
        TrainingHistoryDisplay.from_history(history)


def test_history_bad_metrics_and_axes():
    disp = TrainingHistoryDisplay(HISTORY)
    with pytest.raises(
        ValueError, match=r"Unknown metric 'f1'.*\['accuracy', 'loss'\]"
    ):
        disp.plot(metrics=["loss", "f1"])
    with pytest.raises(ValueError, match="without the 'val_' prefix"):
        disp.plot(metrics="val_loss")
    with pytest.raises(ValueError, match="metrics is empty"):
        disp.plot(metrics=[])
    with pytest.raises(ValueError, match="duplicates"):
        disp.plot(metrics=["loss", "loss"])
    _, ax = plt.subplots()
    with pytest.raises(ValueError, match="1 axes but 2 metrics"):
        disp.plot(axes=ax)
    with pytest.raises(TypeError, match="axes must be matplotlib Axes"):
        disp.plot(axes=["a", "b"])


# ------------------------------------------------------------ RecordingDisplay
SR = 10.0


def _synthetic():
    n = 100
    t = np.arange(n) / SR
    X = np.column_stack([np.sin(t), np.cos(t), 0.1 * t])
    y_true = np.repeat([0, 1, 2, 1], 25)  # 0: unlabelled
    y_pred = np.repeat([1, 2, 2, 1, 3], 20)
    return X, y_true, y_pred


def _span_intervals(collection):
    """(start, stop) in x of every rectangle of a span collection."""
    out = []
    for path in collection.get_paths():
        x = path.vertices[:, 0]
        out.append((x.min(), x.max()))
    return sorted(out)


def test_recording_spans_lines_and_windows():
    X, y_true, y_pred = _synthetic()
    starts = np.arange(0, 81, 10)
    disp = RecordingDisplay.from_predictions(
        X,
        y_true,
        y_pred,
        window_starts=starts,
        window_size=20,
        sampling_rate=SR,
        channel_names=["acc_x", "acc_y", "acc_z"],
        target_names={1: "WALKING", 2: "SITTING", 3: "LAYING"},
    )
    ax = disp.ax_
    # signals against time in seconds
    assert len(disp.lines_) == 3
    np.testing.assert_allclose(disp.lines_[1].get_xdata(), np.arange(100) / SR)
    np.testing.assert_allclose(disp.lines_[1].get_ydata(), X[:, 1])
    assert ax.get_xlabel() == "time (s)"
    np.testing.assert_allclose(ax.get_xlim(), (0, 10.0))
    # true activity: label 0 is unlabelled, no span
    assert sorted(disp.true_spans_) == [1, 2]
    assert _span_intervals(disp.true_spans_[1]) == [(2.5, 5.0), (7.5, 10.0)]
    assert _span_intervals(disp.true_spans_[2]) == [(5.0, 7.5)]
    # predictions: a strip in their own axes, above the signals
    assert disp.pred_ax_ is not None and disp.pred_ax_ is not ax
    assert [t.get_text() for t in disp.pred_ax_.get_yticklabels()] == ["predicted"]
    assert sorted(disp.pred_spans_) == [1, 2, 3]
    assert _span_intervals(disp.pred_spans_[2]) == [(2.0, 6.0)]
    assert _span_intervals(disp.pred_spans_[1]) == [(0.0, 2.0), (6.0, 8.0)]
    assert _span_intervals(disp.pred_spans_[3]) == [(8.0, 10.0)]
    # one colour per class, shared by spans and strip
    for label in (1, 2):
        assert np.allclose(
            disp.true_spans_[label].get_facecolor()[0][:3],
            disp.pred_spans_[label].get_facecolor()[0][:3],
        )
    assert disp.colors_[1] != disp.colors_[2]
    # window starts and ends (start + 20) as vertical lines
    xs = sorted(seg[0, 0] for seg in disp.window_lines_.get_segments())
    np.testing.assert_allclose(xs, np.arange(0, 101, 10) / SR)
    # the spans and window lines do not change the y limits of the signals
    assert ax.get_ylim()[0] < X.min() and ax.get_ylim()[1] < 3 * X.max()
    # legends: activity names on the right, channels in the axes
    legend_texts = [t.get_text() for t in ax.get_legend().get_texts()]
    assert legend_texts == ["WALKING", "SITTING", "LAYING"]
    assert disp.figure_ is ax.figure


def test_recording_unlabelled_values_and_string_labels():
    X, y_true, y_pred = _synthetic()
    y_neg = np.where(y_true == 0, -1, y_true)
    disp = RecordingDisplay(X, y_true=y_neg, unlabelled=-1, sampling_rate=SR).plot()
    assert sorted(disp.true_spans_) == [1, 2]
    assert disp.pred_ax_ is None and disp.pred_spans_ == {}
    assert disp.window_lines_ is None
    # unlabelled=None: every value is a class
    disp = RecordingDisplay(X, y_true=y_true, unlabelled=None).plot()
    assert sorted(disp.true_spans_) == [0, 1, 2]
    names = np.array(["", "walk", "sit", "lie"])[y_true]
    disp = RecordingDisplay(X, y_true=names, unlabelled="").plot()
    assert sorted(disp.true_spans_) == ["sit", "walk"]


def test_recording_target_names_sequence_and_channels():
    X, y_true, y_pred = _synthetic()
    disp = RecordingDisplay.from_predictions(
        X[:, 0],  # 1-D: one channel
        y_true,
        None,
        target_names=["UNLABELLED", "WALKING", "SITTING"],
    )
    assert len(disp.lines_) == 1
    assert [t.get_text() for t in disp.ax_.get_legend().get_texts()] == [
        "WALKING",
        "SITTING",
    ]
    disp = RecordingDisplay(X, channel_names=["a", "b", "c"]).plot(channels=["c", 0])
    np.testing.assert_allclose(disp.lines_[0].get_ydata(), X[:, 2])
    assert [line.get_label() for line in disp.lines_] == ["c", "a"]
    disp = RecordingDisplay(X, channel_names=["a", "b", "c"]).plot(channels="b")
    assert disp.ax_.get_ylabel() == "b"


def test_recording_on_given_axes():
    X, y_true, y_pred = _synthetic()
    fig, (ax1, ax2) = plt.subplots(2, 1)
    disp = RecordingDisplay(X, y_true=y_true, y_pred=y_pred).plot(ax=ax2, legend=False)
    assert disp.ax_ is ax2 and disp.figure_ is fig
    assert ax2.get_legend() is None
    assert not ax1.has_data()


def test_recording_from_estimator_on_sample_data():
    from sklearn_har.datasets import load_sample

    data = load_sample()
    clf = WindowedClassifier(
        SlidingWindowTransformer(window_size=128, step=64),
        make_pipeline(StatisticalFeatureExtractor(), LogisticRegression(max_iter=200)),
    ).fit(data.recordings[:2], data.labels[:2])
    X, y = data.recordings[2][:3000], data.labels[2][:3000]
    disp = RecordingDisplay.from_estimator(
        clf,
        X,
        y_true=y,
        channel_names=data.channel_names,
        target_names=data.target_names,
    )
    y_pred = clf.predict(X)
    assert set(disp.pred_spans_) == set(np.unique(y_pred).tolist())
    np.testing.assert_array_equal(disp.y_pred, y_pred)
    # every sample is predicted: the strip covers the whole recording
    widths = sum(
        b - a for coll in disp.pred_spans_.values() for a, b in _span_intervals(coll)
    )
    assert widths == pytest.approx(3000 / 50.0)
    # the regular window grid of predict: starts 0, 64, ..., ends start + 128
    starts = np.arange(0, 3000 - 128 + 1, 64)
    np.testing.assert_array_equal(disp.window_starts, starts)
    assert disp.window_size == 128
    expected = np.unique(np.concatenate([starts, starts + 128])) / 50.0
    xs = sorted(seg[0, 0] for seg in disp.window_lines_.get_segments())
    np.testing.assert_allclose(xs, expected)
    # true spans: the unlabelled value of the windows (0) gets no colour
    assert 0 not in disp.true_spans_
    assert sorted(disp.true_spans_) == [4, 5, 7, 8]
    legend = [t.get_text() for t in disp.ax_.get_legend().get_texts()]
    assert "SITTING" in legend and "UNLABELLED" not in legend


def test_recording_from_estimator_errors():
    X, y_true, _ = _synthetic()
    clf = WindowedClassifier(SlidingWindowTransformer(10, 5), LogisticRegression())
    with pytest.raises(NotFittedError):
        RecordingDisplay.from_estimator(clf, X)
    plain = LogisticRegression().fit(X, y_true)
    with pytest.raises(TypeError, match="fitted WindowedClassifier"):
        RecordingDisplay.from_estimator(plain, X)


@pytest.mark.parametrize(
    "kwargs, error, match",
    [
        (
            {"y_true": np.zeros(5)},
            ValueError,
            "y_true has 5 labels but the recording has 100",
        ),
        ({"y_pred": np.zeros((100, 2))}, ValueError, "y_pred must be 1-D"),
        (
            {"window_starts": [0, 100]},
            ValueError,
            r"window_starts must lie in \[0, 100\)",
        ),
        ({"window_starts": [0.5]}, TypeError, "integer sample indices"),
        ({"window_size": 10}, ValueError, "window_size is given without window_starts"),
        ({"window_starts": [0], "window_size": 0}, ValueError, "window_size must be"),
        ({"sampling_rate": 0}, ValueError, "sampling_rate must be a positive"),
        (
            {"channel_names": ["a"]},
            ValueError,
            "channel_names has 1 names but the recording has 3",
        ),
        (
            {"y_true": np.repeat([1, 7], 50), "target_names": {1: "WALK"}},
            ValueError,
            "no name for label 7",
        ),
        (
            {"y_true": np.repeat([1, 7], 50), "target_names": ["A", "B"]},
            ValueError,
            "label 7 is not an index",
        ),
        ({"target_names": "WALKING"}, TypeError, "target_names must be"),
    ],
)
def test_recording_bad_input(kwargs, error, match):
    X, _, _ = _synthetic()
    with pytest.raises(error, match=match):
        RecordingDisplay(X, **kwargs).plot()


@pytest.mark.parametrize(
    "recording, error, match",
    [
        (np.zeros((0, 3)), ValueError, "recording is empty"),
        (np.zeros((4, 5, 3)), ValueError, "one recording at a time"),
        ([np.zeros((5, 3)), np.zeros((6, 3))], ValueError, "not a list of recordings"),
        ("signal", TypeError, "recording must be an array"),
    ],
)
def test_recording_bad_recording(recording, error, match):
    with pytest.raises(error, match=match):
        RecordingDisplay.from_predictions(recording, None, None)


def test_recording_bad_channels():
    X, _, _ = _synthetic()
    disp = RecordingDisplay(X, channel_names=["a", "b", "c"])
    with pytest.raises(ValueError, match="Unknown channel 'd'"):
        disp.plot(channels="d")
    with pytest.raises(ValueError, match="Channel index 3 is out of range"):
        disp.plot(channels=[3])
    with pytest.raises(ValueError, match="channels is empty"):
        disp.plot(channels=[])
    with pytest.raises(ValueError, match="Unknown channel 'a'.*unnamed"):
        RecordingDisplay(X).plot(channels="a")
