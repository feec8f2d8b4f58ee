"""The time-series networks: ResNet, InceptionTime and the residual BiLSTM.

Builder shapes and weight counts need no training; the estimators are fitted
for one epoch with the tiny networks of their ``_get_test_params``.
"""

import pickle

import numpy as np
import pytest

pytest.importorskip("tensorflow")

from sklearn.base import clone, is_classifier  # noqa: E402

from sklearn_har.deep import (  # noqa: E402
    InceptionTimeClassifier,
    ResidualBiLSTMClassifier,
    ResNetClassifier,
)
from sklearn_har.deep.networks import (  # noqa: E402
    bilstm,
    build_inception_time,
    build_residual_bilstm,
    build_resnet,
    inception,
    resnet,
)

NEW = [ResNetClassifier, InceptionTimeClassifier, ResidualBiLSTMClassifier]
MODULES = {
    ResNetClassifier: resnet,
    InceptionTimeClassifier: inception,
    ResidualBiLSTMClassifier: bilstm,
}


def _n_weights(model):
    return sum(int(np.prod(w.shape)) for w in model.weights)


@pytest.fixture(scope="module")
def data():
    rng = np.random.default_rng(0)
    X = rng.standard_normal((24, 16, 3)).astype(np.float32)
    y = np.array(["walk", "sit", "lie"] * 8)
    X[y == "walk"] += 1.0
    return X, y


def _tiny(cls, **params):
    # the split explicitly on: "auto" would leave it out on these few windows
    base = {"random_state": 0, "window_stats": True, "center_windows": True}
    return cls(**{**cls._get_test_params(), **base, **params})


# -- builders ------------------------------------------------------------------


@pytest.mark.parametrize(
    "build", [build_resnet, build_inception_time, build_residual_bilstm]
)
@pytest.mark.parametrize("input_shape", [(128, 9), (20, 1)])
def test_builder_output_shape(build, input_shape):
    model = build(input_shape, 6)
    assert model.input_shape == (None, *input_shape)
    assert model.output_shape == (None, 6)


# Weight counts (trainable + batch-norm statistics) of the published
# networks for windows of 128 x 9 and 6 classes, computed by hand:
#
# ResNet: Conv1D(k, c_in -> c_out) has k*c_in*c_out + c_out weights, a
# batch normalisation 4*c. Block 1 (9 -> 64): 8*9*64+64 + 5*64*64+64 +
# 3*64*64+64 + shortcut 1*9*64+64 + 4 BN of 64 = 39,232. Block 2 (64 ->
# 128): 65,664 + 82,048 + 49,280 + shortcut 8,320 + 4 BN of 128 = 207,360.
# Block 3 (128 -> 128, shortcut = BN only): 131,200 + 82,048 + 49,280 +
# 4 BN of 128 = 264,576. Softmax 128*6+6 = 774. Total 511,942.
#
# InceptionTime (no biases in the convolutions): module 1 reads 9 channels:
# bottleneck 9*32 + kernels (40+20+10)*32*32 + pool branch 9*32 + BN of 128
# = 72,768; modules 2-6 read 128: 4,096 + 71,680 + 4,096 + 512 = 80,384
# each (401,920); shortcut after module 3 from the 9 input channels
# 9*128 + 512 = 1,664, after module 6 128*128 + 512 = 16,896; softmax 774.
# Total 494,022. With kernel_size=20 (the estimator's default) the
# convolutions lose 6 * (70-35)*32*32 = 215,040: 278,982.
#
# Residual BiLSTM (units=32: 16 per direction): input projection 9*32+32 =
# 320; a bidirectional layer reading 32 features 2 * 4*(16*(32+16)+16) =
# 6,272, four of them 25,088; two BN of 32 = 256; softmax 32*6+6 = 198.
# Total 25,862.
@pytest.mark.parametrize(
    "build, params, expected",
    [
        (build_resnet, {}, 511_942),
        (build_inception_time, {}, 494_022),
        (build_inception_time, {"kernel_size": 20}, 278_982),
        (build_residual_bilstm, {}, 25_862),
    ],
)
def test_published_weight_counts(build, params, expected):
    assert _n_weights(build((128, 9), 6, **params)) == expected


def test_resnet_shortcuts_convolve_only_when_the_width_changes():
    names = {layer.name for layer in build_resnet((32, 9), 3).layers}
    assert {"block1_shortcut_conv", "block2_shortcut_conv"} <= names
    assert "block3_shortcut_conv" not in names
    assert "block3_shortcut_bn" in names


def test_inception_structure():
    model = build_inception_time((32, 1), 3, kernel_size=40, depth=6)
    names = {layer.name for layer in model.layers}
    assert {"shortcut3_add", "shortcut6_add"} <= names
    assert "shortcut2_add" not in names
    # no bottleneck on a univariate input (as in the reference code)
    assert "inception1_bottleneck" not in names
    assert "inception2_bottleneck" in names
    assert {"inception1_conv40", "inception1_conv20", "inception1_conv10"} <= names
    assert inception.inception_kernel_sizes(20) == (20, 10, 5)
    assert inception.inception_kernel_sizes(2) == (2, 1, 1)
    no_res = build_inception_time((32, 9), 3, depth=2, residual_every=0)
    assert not any("shortcut" in layer.name for layer in no_res.layers)


def test_bilstm_keeps_the_width_and_reads_the_last_step():
    model = build_residual_bilstm((16, 9), 4, units=6, n_blocks=3)
    assert model.get_layer("block3_add").output.shape == (None, 16, 6)
    assert model.get_layer("last_step").output.shape == (None, 1, 6)


# -- minimum window length -------------------------------------------------------


@pytest.mark.parametrize("cls", NEW)
def test_min_window_length_rule(cls):
    module = MODULES[cls]
    kwargs = cls()._network_kwargs()
    # "same" padding everywhere / recurrent layers: any window of 1+ samples
    assert module.min_timesteps(**kwargs) == 1
    assert module.check_timesteps(1, **kwargs) is None
    assert module.check_timesteps(128, **kwargs) is None
    assert module.check_timesteps(0, **kwargs)


@pytest.mark.parametrize("cls", NEW)
def test_too_short_windows_error(cls):
    clf = cls()
    with pytest.raises(ValueError, match="too short .* at least 1 time steps"):
        clf._check_n_timesteps(0, clf._network_kwargs())


@pytest.mark.parametrize("cls", NEW)
def test_one_sample_windows_fit(cls, data):
    X, y = data
    clf = _tiny(cls).fit(X[:, :1], y)
    assert clf.predict(X[:, :1]).shape == (len(y),)


@pytest.mark.parametrize("params", [{"filters": ()}, {"kernel_sizes": (3, 0)}])
def test_resnet_bad_sizes_fail_before_building(params, data):
    X, y = data
    with pytest.raises(ValueError, match="non-empty sequence of positive ints"):
        _tiny(ResNetClassifier, **params).fit(X, y)


@pytest.mark.parametrize(
    "cls, params",
    [
        (InceptionTimeClassifier, {"depth": 0}),
        (ResidualBiLSTMClassifier, {"units": 0}),
        (ResNetClassifier, {"dropout": 1.0}),
    ],
)
def test_bad_parameters(cls, params, data):
    X, y = data
    with pytest.raises(ValueError, match=next(iter(params))):
        _tiny(cls, **params).fit(X, y)


# -- estimators --------------------------------------------------------------------


@pytest.mark.parametrize("cls", NEW)
def test_defaults_and_tags(cls):
    clf = cls()
    assert is_classifier(clf)
    assert clf.__sklearn_tags__().input_tags.three_d_array
    assert clf.window_stats == "auto" and clf.center_windows == "auto"
    assert set(cls._network_param_names()) <= set(clf.get_params())


def test_published_values_are_reachable():
    assert ResNetClassifier().get_params()["filters"] == (64, 128, 128)
    assert ResNetClassifier().get_params()["kernel_sizes"] == (8, 5, 3)
    published = InceptionTimeClassifier(kernel_size=40)._network_kwargs()
    assert published["n_filters"] == published["bottleneck_size"] == 32
    assert (published["depth"], published["residual_every"]) == (6, 3)


@pytest.fixture(scope="module")
def fitted(data):
    X, y = data
    return {cls: _tiny(cls).fit(X, y) for cls in NEW}


@pytest.mark.parametrize("cls", NEW)
def test_fit_predict_proba(cls, fitted, data):
    X, y = data
    clf = fitted[cls]
    proba = clf.predict_proba(X)
    assert proba.shape == (len(y), 3)
    np.testing.assert_allclose(proba.sum(axis=1), 1, rtol=1e-5)
    assert set(clf.predict(X)) <= set(y)
    assert list(clf.classes_) == ["lie", "sit", "walk"]
    assert clf.n_iter_ == 1 and len(clf.history_["loss"]) == 1


@pytest.mark.parametrize("cls", NEW)
def test_save_load_and_pickle_round_trip(cls, fitted, data, tmp_path):
    X, _ = data
    clf = fitted[cls]
    expected = clf.predict_proba(X)
    clf.save(tmp_path / "model.keras")
    restored = cls.load(tmp_path / "model.keras")
    np.testing.assert_array_equal(restored.predict_proba(X), expected)
    # tuples (filters, kernel_sizes) come back as tuples, not JSON lists
    assert restored.get_params() == clf.get_params()
    unpickled = pickle.loads(pickle.dumps(clf))
    np.testing.assert_array_equal(unpickled.predict_proba(X), expected)


@pytest.mark.parametrize("cls", NEW)
def test_seeded_fits_are_identical(cls, fitted, data):
    X, y = data
    again = clone(fitted[cls]).fit(X, y)
    np.testing.assert_array_equal(again.predict_proba(X), fitted[cls].predict_proba(X))


@pytest.mark.parametrize("cls", NEW)
def test_routed_model_parameter(cls, data):
    X, y = data
    clf = _tiny(cls, model__activation="elu").fit(X, y)
    activations = [
        layer.get_config().get("activation")
        for layer in clf.model_.layers
        if layer.__class__.__name__ in ("Activation", "Dense")
    ]
    assert "elu" in activations


def test_cli_models_are_registered():
    from sklearn_har.cli._models import MODELS, make_model

    for name, cls in [
        ("resnet", ResNetClassifier),
        ("inception", InceptionTimeClassifier),
        ("bilstm", ResidualBiLSTMClassifier),
    ]:
        assert name in MODELS
        pipe = make_model(name, random_state=1, epochs=2)
        assert isinstance(pipe[-1], cls)
        assert pipe[-1].get_params()["epochs"] == 2
