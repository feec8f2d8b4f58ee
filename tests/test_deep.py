"""Tests of the Keras window classifiers of sklearn_har.deep (need TensorFlow).

The networks are tiny and trained for a few epochs on synthetic windows
whose classes differ by frequency, so the whole file runs in about a minute.
"""

import pickle
import random

import joblib
import numpy as np
import pytest

pytest.importorskip("tensorflow")

from sklearn.base import clone, is_classifier  # noqa: E402
from sklearn.exceptions import NotFittedError  # noqa: E402
from sklearn.model_selection import GridSearchCV, GroupKFold  # noqa: E402
from sklearn.pipeline import make_pipeline  # noqa: E402

from sklearn_har.deep import (  # noqa: E402
    CNNClassifier,
    CNNLSTMClassifier,
    ConvLSTMClassifier,
    LSTMClassifier,
    MultiHeadCNNClassifier,
)
from sklearn_har.deep.networks import (  # noqa: E402
    build_cnn,
    build_cnn_lstm,
    build_convlstm,
    build_lstm,
    build_multihead_cnn,
)
from sklearn_har.preprocessing import ChannelStandardScaler  # noqa: E402

pytestmark = pytest.mark.deep

ALL = [
    CNNClassifier,
    MultiHeadCNNClassifier,
    LSTMClassifier,
    CNNLSTMClassifier,
    ConvLSTMClassifier,
]

# Small but trainable networks (a few hundred parameters, valid padding).
TINY = {
    CNNClassifier: dict(filters=8, n_conv_layers=1, dense_units=16),
    MultiHeadCNNClassifier: dict(kernel_sizes=(3, 5), filters=8, dense_units=16),
    LSTMClassifier: dict(units=8, dense_units=0),
    CNNLSTMClassifier: dict(filters=8, n_conv_layers=1, lstm_units=8, dense_units=0),
    ConvLSTMClassifier: dict(filters=4, dense_units=0),
}
LABELS = np.array(["WALKING", "SITTING", "LAYING"])


def make_windows(n=90, n_timesteps=32, n_channels=3, seed=0):
    """Noisy sines: class k oscillates with k + 1 cycles per window."""
    rng = np.random.default_rng(seed)
    y = np.arange(n) % 3
    t = np.arange(n_timesteps) / n_timesteps
    phase = rng.uniform(0, 2 * np.pi, size=(n, 1, n_channels))
    X = np.sin(2 * np.pi * (y[:, None, None] + 1) * t[None, :, None] + phase)
    X += 0.3 * rng.normal(size=X.shape)
    return X, LABELS[y]


@pytest.fixture(scope="module")
def data():
    return make_windows()


def tiny(cls, **params):
    """A tiny network, trained eagerly (no graph tracing: faster on tiny data).

    The level/movement split is switched on explicitly: ``"auto"`` would
    leave it out on these few windows (``tests/test_deep_auto_split.py``).
    """
    defaults = {
        "epochs": 2,
        "batch_size": 32,
        "random_state": 0,
        "run_eagerly": True,
        "window_stats": True,
        "center_windows": True,
    }
    return cls(**{**TINY[cls], **defaults, **params})


@pytest.fixture(scope="module")
def fitted(data):
    """One fitted tiny classifier of each kind (shared by several tests)."""
    X, y = data
    return {cls: tiny(cls).fit(X, y) for cls in ALL}


# -- sklearn API ---------------------------------------------------------------


@pytest.mark.parametrize("cls", ALL)
def test_is_a_real_classifier(cls):
    est = cls()
    assert is_classifier(est)
    tags = est.__sklearn_tags__()
    assert tags.input_tags.three_d_array
    assert tags.estimator_type == "classifier"


@pytest.mark.parametrize("cls", ALL)
def test_fit_predict_string_labels(cls, fitted, data):
    X, y = data
    clf = fitted[cls]
    assert clf.classes_.tolist() == sorted(LABELS.tolist())
    proba = clf.predict_proba(X)
    assert proba.shape == (len(X), 3) and proba.dtype == np.float32
    np.testing.assert_allclose(proba.sum(axis=1), 1.0, rtol=1e-6)
    pred = clf.predict(X)
    assert set(pred) <= set(LABELS)
    np.testing.assert_array_equal(pred, clf.classes_[proba.argmax(axis=1)])
    assert clf.n_timesteps_in_ == 32 and clf.n_channels_in_ == 3
    # n_features_in_ counts channels, as in every window estimator
    assert clf.n_features_in_ == 3
    assert set(clf.history_) == {"loss", "accuracy"}
    assert len(clf.history_["loss"]) == clf.n_iter_ == 2
    assert clf.model_.output_shape == (None, 3)


@pytest.mark.slow
def test_learns_an_easy_problem():
    X, y = make_windows(n=240)
    Xt, yt = make_windows(n=90, seed=1)
    clf = CNNClassifier(
        filters=16,
        dense_units=32,
        epochs=10,
        batch_size=32,
        learning_rate=0.01,
        random_state=0,
    )
    clf.fit(X, y)
    assert clf.score(Xt, yt) > 0.9
    # graph mode (the default) is deterministic too
    again = clone(clf).fit(X, y)
    np.testing.assert_array_equal(again.predict_proba(Xt), clf.predict_proba(Xt))
    # the loss went down over the epochs (learning curve in history_)
    assert clf.history_["loss"][-1] < 0.5 * clf.history_["loss"][0]


def test_integer_labels_and_binary(data):
    X, _ = data
    y = np.arange(len(X)) % 2 + 1
    clf = tiny(CNNClassifier).fit(X, y)
    assert clf.classes_.tolist() == [1, 2]
    assert clf.predict(X).dtype == y.dtype
    assert clf.predict_proba(X).shape == (len(X), 2)


def test_two_dimensional_input_is_univariate(data):
    X, y = data
    clf = tiny(CNNClassifier).fit(X[:, :, 0], y)
    assert clf.n_channels_in_ == 1 and clf.model_.input_shape == (None, 32, 1)
    np.testing.assert_array_equal(clf.predict(X[:, :, 0]), clf.predict(X[:, :, :1]))


@pytest.mark.parametrize("cls", ALL)
def test_predictions_do_not_depend_on_window_order(cls, fitted, data):
    # Row order inside a batch may move the last float32 digit, never more
    # (a window's output must not depend on the other windows).
    X, _ = data
    clf = fitted[cls]
    proba = clf.predict_proba(X)
    for seed in range(5):
        perm = np.random.default_rng(seed).permutation(len(X))
        np.testing.assert_allclose(
            clf.predict_proba(X[perm]), proba[perm], rtol=1e-5, atol=1e-7
        )
        small = perm[: len(X) // 3]
        np.testing.assert_allclose(
            clf.predict_proba(X[small]), proba[small], rtol=1e-5, atol=1e-7
        )


@pytest.mark.parametrize("cls", ALL)
def test_same_random_state_gives_identical_predictions(cls, fitted, data):
    X, y = data
    again = tiny(cls).fit(X, y)
    np.testing.assert_array_equal(again.predict_proba(X), fitted[cls].predict_proba(X))
    assert again.history_ == fitted[cls].history_


def test_different_random_state_differs(fitted, data):
    X, y = data
    other = tiny(CNNClassifier, random_state=1).fit(X, y)
    assert not np.allclose(
        other.predict_proba(X), fitted[CNNClassifier].predict_proba(X)
    )


def test_seeding_does_not_leak_python_or_numpy_state(data):
    import tensorflow as tf

    # The legacy global NumPy generator is the global state being tested.
    X, y = data
    np.random.seed(123)  # noqa: NPY002
    random.seed(123)
    expected_np, expected_py = np.random.random(), random.random()  # noqa: NPY002
    np.random.seed(123)  # noqa: NPY002
    random.seed(123)
    tiny(CNNClassifier, epochs=1).fit(X, y)
    assert np.random.random() == expected_np  # noqa: NPY002
    assert random.random() == expected_py
    # TensorFlow's global seed and op determinism stay set (documented: no
    # public API restores them); unseeded TensorFlow ops still work
    tf.random.uniform((2,))


def test_clone_get_set_params_with_routed_parameters():
    clf = CNNClassifier(filters=8, optimizer="adamw", optimizer__weight_decay=0.01)
    params = clf.get_params()
    assert params["optimizer__weight_decay"] == 0.01 and params["filters"] == 8
    cloned = clone(clf)
    assert cloned.get_params() == params
    cloned.set_params(optimizer__weight_decay=0.1, fit__shuffle=False, kernel_size=5)
    assert cloned.get_params()["optimizer__weight_decay"] == 0.1
    assert cloned.get_params()["fit__shuffle"] is False
    assert cloned.kernel_size == 5
    assert clf.get_params()["optimizer__weight_decay"] == 0.01
    assert "optimizer__weight_decay=0.01" in repr(clf)
    with pytest.raises(ValueError, match="Invalid parameter"):
        clf.set_params(filtres=3)


def test_routed_parameters_reach_keras(data):
    X, y = data
    clf = tiny(
        CNNClassifier,
        optimizer="adamw",
        learning_rate=0.01,
        lr_schedule="constant",
        optimizer__weight_decay=0.05,
        model__activation="tanh",
        compile__metrics=["accuracy", "sparse_top_k_categorical_accuracy"],
        fit__shuffle=False,
        predict__batch_size=7,
    ).fit(X, y)
    optimizer = clf.model_.optimizer
    assert type(optimizer).__name__ == "AdamW"
    assert np.isclose(float(optimizer.weight_decay), 0.05)
    assert np.isclose(float(optimizer.learning_rate), 0.01)
    assert clf.model_.get_layer("cnn_conv1").get_config()["activation"] == "tanh"
    assert "sparse_top_k_categorical_accuracy" in clf.history_
    assert clf.predict(X).shape == (len(X),)


@pytest.mark.parametrize("cls", ALL)
def test_input_noise_only_while_training(cls, data):
    import keras

    X, y = data
    clf = tiny(cls, noise_std=0.3, epochs=1).fit(X, y)  # GaussianNoise after input
    noise = clf.model_.get_layer("input_noise")
    assert clf.model_.layers[1] is noise
    assert noise.get_config()["stddev"] == clf.noise_std == 0.3
    x = X[:4].astype("float32")
    clean = keras.ops.convert_to_numpy(noise(keras.ops.convert_to_tensor(x)))
    np.testing.assert_array_equal(clean, x)
    noisy = keras.ops.convert_to_numpy(noise(x, training=True))
    assert 0.5 * clf.noise_std < np.std(noisy - x) < 2 * clf.noise_std
    np.testing.assert_array_equal(clf.predict_proba(X), clf.predict_proba(X))
    plain = tiny(cls, noise_std=0.0, epochs=1).fit(X, y)
    assert "input_noise" not in [layer.name for layer in plain.model_.layers]


def test_optimizer_instance_is_copied(data):
    import keras

    X, y = data
    opt = keras.optimizers.SGD(momentum=0.5)
    clf = tiny(CNNClassifier, optimizer=opt, learning_rate=0.05, lr_schedule="constant")
    clf.fit(X, y)
    assert clf.model_.optimizer is not opt
    assert np.isclose(float(clf.model_.optimizer.learning_rate), 0.05)
    assert np.isclose(float(opt.learning_rate), 0.01)  # the user's object is untouched


def test_cosine_schedule_decays_over_all_training_steps(data):
    X, y = data
    clf = tiny(CNNClassifier, epochs=3, batch_size=32, learning_rate=0.02).fit(X, y)
    schedule = clf.model_.optimizer.get_config()["learning_rate"]
    assert schedule["class_name"] == "CosineDecay"
    assert schedule["config"]["initial_learning_rate"] == 0.02
    assert schedule["config"]["decay_steps"] == 3 * 3  # 90 windows / 32 -> 3 steps
    assert float(clf.model_.optimizer.learning_rate) < 1e-3  # decayed by the end


@pytest.mark.parametrize(
    "params, match",
    [
        (dict(filtres=3), "unexpected parameter 'filtres'"),
        (dict(model__filters=3), "model__filters duplicates the parameter 'filters'"),
        (dict(fit__epochs=3), "fit__epochs cannot be routed"),
        (
            dict(optimizer__learning_rate=0.1),
            "optimizer__learning_rate cannot be routed",
        ),
        (dict(predict__verbose=1), "predict__verbose is not supported"),
        (dict(optimizer="no-such-optimizer"), "Unknown optimizer"),
        (dict(model__no_such_argument=1), "Could not build the network"),
        (dict(epochs=0), "epochs"),
        (dict(noise_std=-0.1), "noise_std"),
        (dict(window_stats="yes"), "window_stats"),
        (dict(center_windows=1.5), "center_windows"),
        (dict(padding="causal"), "padding"),
    ],
)
def test_bad_parameters_are_reported_by_fit(params, match, data):
    X, y = data
    clf = tiny(CNNClassifier, **{"epochs": 1, **params})
    with pytest.raises((ValueError, TypeError), match=match):
        clf.fit(X, y)
        clf.predict(X)


def test_grid_search_with_group_kfold_over_network_and_routed_params(data):
    X, y = data
    groups = np.repeat(np.arange(3), len(X) // 3)
    pipe = make_pipeline(
        ChannelStandardScaler(),
        CNNClassifier(
            filters=4,
            n_conv_layers=1,
            dense_units=0,
            epochs=1,
            batch_size=32,
            random_state=0,
            run_eagerly=True,
        ),
    )
    grid = GridSearchCV(
        pipe,
        {
            "cnnclassifier__kernel_size": [3, 5],
            "cnnclassifier__optimizer__beta_1": [0.5],
        },
        cv=GroupKFold(n_splits=2),
    )
    grid.fit(X, y, groups=groups)
    assert len(grid.cv_results_["params"]) == 2
    best = grid.best_estimator_[-1]
    assert best.kernel_size in (3, 5)
    assert best.get_params()["optimizer__beta_1"] == 0.5
    assert float(best.model_.optimizer.beta_1) == 0.5
    assert grid.predict(X).shape == (len(X),)


def test_class_weight_and_sample_weight(data):
    X, y = data
    favour = tiny(CNNClassifier, class_weight={"LAYING": 50.0}, learning_rate=0.01)
    favour.fit(X, y)
    assert (favour.predict(X) == "LAYING").mean() > 0.5
    balanced = tiny(CNNClassifier, class_weight="balanced").fit(X[:70], y[:70])
    assert balanced.classes_.size == 3
    with pytest.raises(ValueError, match="not among the classes"):
        tiny(CNNClassifier, class_weight={"RUNNING": 2.0}).fit(X, y)
    # Zero weights drop the windows: same model as fitting without them.
    sw = np.ones(len(X))
    sw[::4] = 0
    weighted = tiny(CNNClassifier).fit(X, y, sample_weight=sw)
    subset = tiny(CNNClassifier).fit(X[sw > 0], y[sw > 0], sample_weight=sw[sw > 0])
    np.testing.assert_array_equal(weighted.predict_proba(X), subset.predict_proba(X))
    with pytest.raises(ValueError, match="zero"):
        tiny(CNNClassifier).fit(X, y, sample_weight=np.zeros(len(X)))
    with pytest.raises(ValueError, match="non-negative"):
        tiny(CNNClassifier).fit(X, y, sample_weight=-sw)


def test_validation_split_and_early_stopping(data):
    X, y = data
    # Shuffled labels: the validation loss soon stops improving.
    y_noise = np.random.default_rng(0).permutation(y)
    clf = tiny(
        CNNClassifier,
        epochs=20,
        learning_rate=0.01,
        validation_split=0.3,
        early_stopping=True,
        patience=1,
    )
    clf.fit(X, y_noise)
    assert {"val_loss", "val_accuracy"} <= set(clf.history_)
    assert 2 <= clf.n_iter_ < 20
    assert len(clf.history_["val_loss"]) == clf.n_iter_


# -- persistence ---------------------------------------------------------------


@pytest.mark.parametrize("cls", ALL)
def test_pickle_round_trip(cls, fitted, data):
    X, _ = data
    clf = fitted[cls]
    restored = pickle.loads(pickle.dumps(clf))
    np.testing.assert_array_equal(restored.predict_proba(X), clf.predict_proba(X))
    assert restored.history_ == clf.history_


def test_joblib_round_trip(fitted, data, tmp_path):
    X, _ = data
    clf = fitted[LSTMClassifier]
    joblib.dump(clf, tmp_path / "lstm.joblib")
    restored = joblib.load(tmp_path / "lstm.joblib")
    np.testing.assert_array_equal(restored.predict(X), clf.predict(X))


@pytest.mark.parametrize("cls", [CNNClassifier, ConvLSTMClassifier])
def test_keras_file_round_trip(cls, fitted, data, tmp_path):
    import keras

    X, _ = data
    clf = fitted[cls]
    path = tmp_path / "model.keras"
    clf.save(path)
    restored = cls.load(path)
    np.testing.assert_array_equal(restored.predict_proba(X), clf.predict_proba(X))
    np.testing.assert_array_equal(restored.predict(X), clf.predict(X))
    assert restored.get_params() == clf.get_params()
    assert restored.history_ == clf.history_
    # still a plain Keras file
    plain = keras.saving.load_model(path)
    np.testing.assert_allclose(
        plain.predict(X, verbose=0), clf.predict_proba(X), rtol=1e-5
    )
    # refitting the restored estimator works (parameters came back)
    assert clone(restored).get_params() == clf.get_params()


def test_keras_file_errors(fitted, tmp_path):
    clf = fitted[CNNClassifier]
    with pytest.raises(ValueError, match=".keras"):
        clf.save(tmp_path / "model.h5")
    clf.save(tmp_path / "cnn.keras")
    with pytest.raises(ValueError, match="holds a CNNClassifier"):
        LSTMClassifier.load(tmp_path / "cnn.keras")
    clf.model_.save(tmp_path / "plain.keras")
    with pytest.raises(ValueError, match="plain Keras file"):
        CNNClassifier.load(tmp_path / "plain.keras")


# -- bad input -------------------------------------------------------------------


def test_bad_input_messages(fitted, data):
    X, y = data
    clf = fitted[CNNClassifier]
    with pytest.raises(ValueError, match="ndim=1.*Reshape your data"):
        clf.predict(X[0, :, 0])
    with pytest.raises(ValueError, match="ndim=4"):
        tiny(CNNClassifier).fit(X[:, :, :, None], y)
    with pytest.raises(ValueError, match="2 channels, but .* 3 channels"):
        clf.predict(X[:, :, :2])
    with pytest.raises(ValueError, match="30 time steps, but .* 32 time steps"):
        clf.predict(X[:, :30])
    with pytest.raises(
        ValueError, match="31 time steps, but CNNClassifier was fitted on .* 32"
    ):
        tiny(CNNClassifier).fit(X[:, :, 0], y).predict(X[:, :31, 0])
    with pytest.raises(ValueError, match="only 1 class"):
        tiny(CNNClassifier).fit(X, np.full(len(X), "WALKING"))
    bad = X.copy()
    bad[3, 4, 1] = np.nan
    with pytest.raises(ValueError, match="NaN"):
        tiny(CNNClassifier).fit(bad, y)
    bad[3, 4, 1] = np.inf
    with pytest.raises(ValueError, match="infinity"):
        clf.predict(bad)
    with pytest.raises(ValueError, match="Unknown label type"):
        tiny(CNNClassifier).fit(X, np.linspace(0, 1, len(X)))


@pytest.mark.parametrize(
    "est, n_timesteps, match",
    [
        (CNNClassifier(), 5, "2 convolution.* kernel_size=7 and pool_size=2"),
        (
            CNNClassifier(kernel_size=9, n_conv_layers=1, pool_size=1),
            8,
            "leave 0 steps",
        ),
        (MultiHeadCNNClassifier(), 10, "head with kernel size 11"),
        (CNNLSTMClassifier(), 30, "n_subsequences=4 does not divide"),
        (CNNLSTMClassifier(n_subsequences=8), 32, "subsequences of 4 samples"),
        (ConvLSTMClassifier(), 30, "n_subsequences=4 does not divide"),
        (
            ConvLSTMClassifier(n_subsequences=16, kernel_size=3),
            32,
            "shorter than kernel_size=3",
        ),
    ],
)
def test_too_short_windows(est, n_timesteps, match):
    X, y = make_windows(n=12, n_timesteps=n_timesteps)
    with pytest.raises(ValueError, match=match):
        est.fit(X, y)


def test_same_padding_accepts_short_windows():
    X, y = make_windows(n=12, n_timesteps=2)
    clf = CNNClassifier(
        padding="same", filters=2, dense_units=0, epochs=1, run_eagerly=True
    )
    assert clf.fit(X, y).predict(X).shape == (12,)


def test_unfitted_errors():
    from sklearn.exceptions import NotFittedError

    with pytest.raises(NotFittedError):
        CNNClassifier().predict(np.zeros((2, 32, 3)))
    with pytest.raises(NotFittedError):
        CNNClassifier().save("never.keras")


# -- networks ----------------------------------------------------------------------


def test_classic_cnn_has_the_published_shape():
    model = build_cnn((128, 9), 6)
    # Conv(9->64, k3) + Conv(64->64, k3) + Dense(62*64 -> 100) + Dense(100 -> 6)
    expected = (
        (3 * 9 * 64 + 64) + (3 * 64 * 64 + 64) + (62 * 64 * 100 + 100) + (100 * 6 + 6)
    )
    assert model.count_params() == expected
    assert model.output_shape == (None, 6)
    assert not model.compiled


@pytest.mark.parametrize(
    "builder, kwargs",
    [
        (build_multihead_cnn, {}),
        (build_lstm, dict(units=32, n_layers=2, bidirectional=True)),
        (build_cnn_lstm, {}),
        (build_convlstm, {}),
    ],
)
def test_builders_output_softmax_over_classes(builder, kwargs):
    model = builder((128, 9), 6, **kwargs)
    assert model.input_shape == (None, 128, 9)
    assert model.output_shape == (None, 6)
    assert model.layers[-1].get_config()["activation"] == "softmax"


def test_multihead_has_one_head_per_kernel_size():
    model = build_multihead_cnn((128, 9), 6)
    convs = [layer.name for layer in model.layers if "conv" in layer.name]
    assert convs == ["head3_conv1", "head5_conv1", "head11_conv1"]


def test_convlstm_and_cnn_lstm_frame_subsequences():
    assert build_cnn_lstm((128, 9), 6).get_layer("subsequences").output.shape == (
        None,
        4,
        32,
        9,
    )
    assert build_convlstm((128, 9), 6, n_subsequences=8).get_layer(
        "subsequences"
    ).output.shape == (None, 8, 1, 16, 9)


# -- real data ---------------------------------------------------------------------


@pytest.mark.slow
def test_cnn_on_real_uci_protocol_sample():
    """A few epochs of the default CNN on the bundled HAPT sample, subject-wise."""
    from sklearn_har.datasets import load_uci_protocol

    data = load_uci_protocol("sample")
    subjects = np.unique(data.subjects)
    test = data.subjects == subjects[-1]
    cnn = CNNClassifier(epochs=3, random_state=0)
    clf = make_pipeline(ChannelStandardScaler(), cnn)
    clf.fit(data.X[~test], data.y[~test])
    assert clf.score(data.X[test], data.y[test]) > 0.8


# -- window statistics -----------------------------------------------------------


def test_window_statistics_layer_computes_mean_and_log_std():
    import keras

    from sklearn_har.deep.networks.layers import WindowStatistics

    rng = np.random.default_rng(0)
    x = rng.normal(size=(5, 40, 3)).astype("float32")
    x[:, :, 1] *= 1e-3  # a still channel: tiny but resolved by the log
    x[0, :, 2] = 7.0  # a constant channel: floored by epsilon
    layer = WindowStatistics(epsilon=1e-6)
    out = keras.ops.convert_to_numpy(layer(x))
    assert out.shape == (5, 6) and layer.compute_output_shape((None, 40, 3)) == (
        None,
        6,
    )
    np.testing.assert_allclose(out[:, :3], x.mean(axis=1), rtol=1e-5, atol=1e-6)
    expected = 0.5 * np.log(x.astype(np.float64).var(axis=1) + 1e-6)
    np.testing.assert_allclose(out[:, 3:], expected, rtol=1e-4, atol=1e-4)
    assert out[0, 5] == pytest.approx(0.5 * np.log(1e-6), rel=1e-5)
    assert WindowStatistics.from_config(layer.get_config()).epsilon == 1e-6


def test_window_centering_layer_removes_the_window_mean():
    import keras

    from sklearn_har.deep.networks.layers import WindowCentering

    rng = np.random.default_rng(1)
    x = (rng.normal(size=(4, 30, 2)) + [5.0, -3.0]).astype("float32")
    out = keras.ops.convert_to_numpy(WindowCentering()(x))
    np.testing.assert_allclose(out, x - x.mean(axis=1, keepdims=True), atol=1e-5)
    np.testing.assert_allclose(out.mean(axis=1), 0.0, atol=1e-5)


@pytest.mark.parametrize("cls", ALL)
def test_window_stats_feed_the_dense_head(cls, data):
    X, y = data
    with_stats = tiny(cls, window_stats=True, center_windows=True, epochs=1).fit(X, y)
    model = with_stats.model_
    # statistics of the (uncentred) input window; the learnt layers read it centred
    assert model.get_layer("window_statistics").input is model.inputs[0]
    assert model.get_layer("window_centering").input is model.inputs[0]
    without = tiny(cls, window_stats=False, center_windows=False, epochs=1).fit(X, y)
    names = [layer.name for layer in without.model_.layers]
    assert not {
        "window_statistics",
        "features_and_statistics",
        "window_centering",
    } & set(names)
    # the first dense layer sees the learnt features plus 2 statistics per channel
    head = "dense" if TINY[cls].get("dense_units", 100) else "probabilities"
    n_with = with_stats.model_.get_layer(head).input.shape[-1]
    n_without = without.model_.get_layer(head).input.shape[-1]
    assert n_with == n_without + 2 * X.shape[2]


def test_window_statistics_skip_the_training_noise(data):
    X, y = data
    model = tiny(CNNClassifier, noise_std=0.3, epochs=1).fit(X, y).model_
    noise = model.get_layer("input_noise")
    assert model.get_layer("window_statistics").input is model.inputs[0]
    assert model.get_layer("window_centering").input is noise.output


@pytest.mark.parametrize("cls", ALL)
def test_defaults_split_windows_into_level_and_movement(cls):
    params = cls().get_params()
    assert params["window_stats"] == "auto" and params["center_windows"] == "auto"


def test_centred_network_ignores_the_level_without_stats(data):
    """center_windows alone makes the network blind to a constant offset."""
    X, y = data
    clf = tiny(CNNClassifier, window_stats=False, center_windows=True).fit(X, y)
    shifted = X + np.array([3.0, -2.0, 0.5])
    np.testing.assert_allclose(
        clf.predict_proba(shifted), clf.predict_proba(X), rtol=1e-4, atol=1e-5
    )
    with_stats = tiny(CNNClassifier).fit(X, y)
    assert not np.allclose(
        with_stats.predict_proba(shifted), with_stats.predict_proba(X)
    )


def test_pickle_in_a_fresh_interpreter_registers_the_custom_layers(fitted, data):
    """Unpickling must not depend on sklearn_har.deep.networks.layers being imported."""
    import subprocess
    import sys

    X, _ = data
    clf = fitted[CNNClassifier]
    assert clf.window_stats_  # the custom layers are in the network
    payload = pickle.dumps((clf, X[:5]))
    code = (
        "import pickle, sys\n"
        "clf, X = pickle.loads(sys.stdin.buffer.read())\n"
        "sys.stdout.buffer.write(pickle.dumps(clf.predict_proba(X)))\n"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], input=payload, capture_output=True, check=True
    )
    np.testing.assert_array_equal(pickle.loads(out.stdout), clf.predict_proba(X[:5]))


def test_soft_voting_ensemble_of_deep_pipelines(data):
    """The classifiers compose with scikit-learn's ensembles on 3-D windows."""
    from sklearn.ensemble import VotingClassifier

    X, y = data
    members = [
        (name, make_pipeline(ChannelStandardScaler(), tiny(cls)))
        for name, cls in [("cnn", CNNClassifier), ("lstm", LSTMClassifier)]
    ]
    vote = VotingClassifier(members, voting="soft").fit(X, y)
    expected = np.mean([est.predict_proba(X) for est in vote.estimators_], axis=0)
    np.testing.assert_allclose(vote.predict_proba(X), expected, rtol=1e-6)
    assert set(vote.predict(X)) <= set(LABELS)


@pytest.mark.parametrize("cls", ALL, ids=lambda c: c.__name__)
def test_diverging_training_raises_and_leaves_the_model_unfitted(cls, data):
    X, y = data
    clf = tiny(cls)
    with pytest.raises(ValueError, match="Training diverged.*unscaled or extreme"):
        clf.fit(X * 1e20, y)
    assert not hasattr(clf, "model_")
    with pytest.raises(NotFittedError):
        clf.predict(X)


@pytest.mark.parametrize("cls", ALL, ids=lambda c: c.__name__)
def test_extreme_input_never_gives_nan_probabilities(cls, data):
    X, y = data
    for scale in (1e15, 1e30):
        try:
            clf = tiny(cls).fit(X * scale, y)
        except ValueError as exc:  # training diverged: a clear error
            assert "Training diverged" in str(exc)
            continue
        try:
            proba = clf.predict_proba(X * scale)
        except ValueError as exc:
            assert "not finite" in str(exc)
        else:
            assert np.all(np.isfinite(proba))
