"""Structure of sklearn_har.deep: public APIs only, network modules, validation.

Most tests here need no training; those that fit use a one-epoch network
of a few parameters.
"""

import ast
import inspect
import json
import pathlib
import random
import zipfile

import numpy as np
import pytest

import sklearn_har.deep as deep_pkg
from sklearn_har.deep import (
    CNNClassifier,
    CNNLSTMClassifier,
    ConvLSTMClassifier,
    LSTMClassifier,
    MultiHeadCNNClassifier,
)
from sklearn_har.deep._base import BaseDeepClassifier
from sklearn_har.deep._inputs import check_sample_weight
from sklearn_har.deep._routing import unflatten_params
from sklearn_har.deep.networks import cnn, cnn_lstm, convlstm, lstm, multihead

ALL = [
    CNNClassifier,
    MultiHeadCNNClassifier,
    LSTMClassifier,
    CNNLSTMClassifier,
    ConvLSTMClassifier,
]
MODULES = {
    CNNClassifier: cnn,
    MultiHeadCNNClassifier: multihead,
    LSTMClassifier: lstm,
    CNNLSTMClassifier: cnn_lstm,
    ConvLSTMClassifier: convlstm,
}
DEEP_DIR = pathlib.Path(deep_pkg.__file__).parent


def _imports(path):
    tree = ast.parse(path.read_text())
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and node.level == 0:
            yield node.module, [a.name for a in node.names]
        elif isinstance(node, ast.Import):
            for alias in node.names:
                yield alias.name, []


@pytest.mark.parametrize(
    "path",
    sorted(DEEP_DIR.rglob("*.py")),
    ids=lambda p: str(p.relative_to(DEEP_DIR)),
)
def test_no_private_api_of_a_dependency(path):
    for module, names in _imports(path):
        parts = module.split(".")
        # the five classifiers do without scikeras (the wrapper of
        # user-built models is the only module built on it)
        assert parts[0] != "scikeras" or path.name == "_keras_wrapper.py", module
        # tensorflow.python, sklearn.utils._param_validation, ...: private
        assert not any(p.startswith("_") or p == "python" for p in parts[1:]), (
            path,
            module,
        )
        assert not any(n.startswith("_") for n in names), (path, module, names)


# -- network parameters come from the network modules ---------------------------


@pytest.mark.parametrize("cls", ALL)
def test_network_parameters_are_the_builder_keywords(cls):
    module = MODULES[cls]
    assert cls._network is module.NETWORK
    builder = inspect.signature(module.NETWORK.build).parameters
    keywords = [n for n, p in builder.items() if p.kind is p.KEYWORD_ONLY]
    own = cls._get_param_names()
    assert cls._network_param_names() == tuple(k for k in keywords if k in own)
    # every constructor parameter is a network or a training parameter
    training = set(BaseDeepClassifier._parameter_constraints)
    assert set(own) == set(cls._network_param_names()) | training
    # and every one is constrained, network ones by their module
    assert set(cls._parameter_constraints) == set(own)
    for name in cls._network_param_names():
        if name in ("window_stats", "center_windows"):
            # the classifier also takes "auto", resolved before building
            assert cls._parameter_constraints[name][0] == "boolean"
            assert module.PARAMETER_CONSTRAINTS[name] == ["boolean"]
            continue
        assert cls._parameter_constraints[name] is module.PARAMETER_CONSTRAINTS[name]


@pytest.mark.parametrize("cls", ALL)
def test_every_parameter_is_documented(cls):
    for name in cls._get_param_names():
        assert f"\n    {name} : " in cls.__doc__, name


def test_a_new_builder_keyword_reaches_the_classifier(monkeypatch):
    """The list of network parameters is not written by hand anywhere."""

    def build(input_shape, n_classes, *, width=3, activation="relu"):
        raise AssertionError

    network = cnn.NETWORK._replace(build=build, parameter_constraints={})

    class Custom(BaseDeepClassifier):
        _network = network

        def __init__(self, *, width=3, epochs=1, **kwargs):
            self.width = width
            self.epochs = epochs
            self._set_routed_params(kwargs)

    assert Custom._network_param_names() == ("width",)
    assert Custom(width=5, model__activation="tanh")._network_kwargs() == {
        "width": 5,
        "activation": "tanh",
    }


def test_expected_failed_checks_are_shared_and_explained():
    expected = BaseDeepClassifier._get_expected_failed_checks()
    assert set(expected) == {
        "check_sample_weight_equivalence_on_dense_data",
        "check_n_features_in",
        "check_n_features_in_after_fitting",
    }
    assert "channels" in expected["check_n_features_in_after_fitting"]
    for cls in ALL:
        assert "_get_expected_failed_checks" not in vars(cls)
        assert cls._get_expected_failed_checks() == expected
        for check in expected:
            assert check in cls.__doc__


# -- window length rules of the network modules ---------------------------------

PARAM_GRID = {
    CNNClassifier: [
        dict(kernel_size=k, n_conv_layers=n, pool_size=p, padding=pad)
        for k in (1, 3, 5)
        for n in (1, 2)
        for p in (1, 2, 3)
        for pad in ("valid", "same")
    ],
    MultiHeadCNNClassifier: [
        dict(kernel_sizes=ks, n_conv_layers=n, pool_size=p, padding=pad)
        for ks in ((3,), (2, 7))
        for n in (1, 2)
        for p in (1, 2)
        for pad in ("valid", "same")
    ],
    LSTMClassifier: [{}],
    CNNLSTMClassifier: [
        dict(n_subsequences=s, kernel_size=k, n_conv_layers=n, pool_size=p, padding=pad)
        for s in (1, 2, 4)
        for k in (1, 3)
        for n in (1, 2)
        for p in (1, 2)
        for pad in ("valid", "same")
    ],
    ConvLSTMClassifier: [
        dict(n_subsequences=s, kernel_size=k, padding=pad)
        for s in (1, 3, 4)
        for k in (1, 2, 5)
        for pad in ("valid", "same")
    ],
}


@pytest.mark.parametrize("cls", ALL)
def test_min_timesteps_is_the_shortest_window_accepted(cls):
    network = cls._network
    for params in PARAM_GRID[cls]:
        kwargs = cls(**params)._network_kwargs()
        minimum = network.min_timesteps(**kwargs)
        accepted = [
            n for n in range(1, 80) if network.check_timesteps(n, **kwargs) is None
        ]
        assert accepted and min(accepted) == minimum, params
        assert all(n >= minimum for n in accepted)
        # every refusal is explained
        for n in set(range(1, 80)) - set(accepted):
            assert isinstance(network.check_timesteps(n, **kwargs), str)


def test_min_timesteps_of_the_default_networks():
    assert cnn.min_timesteps(
        kernel_size=3, n_conv_layers=2, pool_size=2, padding="valid"
    ) == (6)
    assert (
        multihead.min_timesteps(
            kernel_sizes=(3, 5, 11), n_conv_layers=1, pool_size=2, padding="valid"
        )
        == 12
    )
    assert lstm.min_timesteps(units=3) == 1
    assert (
        cnn_lstm.min_timesteps(
            n_subsequences=4,
            kernel_size=3,
            n_conv_layers=2,
            pool_size=2,
            padding="valid",
        )
        == 24
    )
    assert (
        convlstm.min_timesteps(n_subsequences=4, kernel_size=3, padding="valid") == 12
    )


@pytest.mark.parametrize(
    "est, n_timesteps, minimum",
    [
        (CNNClassifier(), 13, 14),
        (CNNClassifier(kernel_size=3), 5, 6),
        (MultiHeadCNNClassifier(), 10, 12),
        (CNNLSTMClassifier(n_subsequences=8), 32, 48),
        (ConvLSTMClassifier(n_subsequences=16, kernel_size=3), 32, 48),
    ],
)
def test_too_short_error_names_classifier_length_and_minimum(est, n_timesteps, minimum):
    with pytest.raises(ValueError) as info:
        est._check_n_timesteps(n_timesteps, est._network_kwargs())
    message = str(info.value)
    assert f"Windows of {n_timesteps} time steps are too short" in message
    assert type(est).__name__ in message
    assert f"at least {minimum} time steps" in message


def test_windows_not_divisible_into_subsequences_are_explained():
    est = ConvLSTMClassifier()
    with pytest.raises(ValueError, match="30 time steps do not fit this ConvLSTM.*"):
        est._check_n_timesteps(30, est._network_kwargs())


def test_multihead_kernel_sizes_are_checked_by_the_network_module():
    assert multihead.check_kernel_sizes([3, np.int64(5)]) == (3, 5)
    for bad in ((), (3, 0), (3, True), (2.5,), 3):
        with pytest.raises(ValueError, match="kernel_sizes must be a non-empty"):
            multihead.check_kernel_sizes(bad)


# -- routed parameters, sample weights -------------------------------------------


def test_unflatten_params():
    assert unflatten_params({}) == {}
    assert unflatten_params({"beta_1": 0.5}) == {"beta_1": 0.5}

    class Inner:
        def __init__(self, a, b=0):
            self.a, self.b = a, b

    out = unflatten_params({"x": Inner, "x__a": 1, "x__b": 2, "y": 3})
    assert isinstance(out["x"], Inner) and (out["x"].a, out["x"].b) == (1, 2)
    assert out["y"] == 3
    with pytest.raises(ValueError, match=r"optimizer__x__a needs optimizer__x to be"):
        unflatten_params({"x__a": 1}, prefix="optimizer__")
    with pytest.raises(ValueError, match="to be a class"):
        unflatten_params({"x": 2, "x__a": 1})


def test_check_sample_weight():
    sw = [1, 0, 2.5]
    out = check_sample_weight(sw, 3)
    assert out.dtype == np.float64 and out.tolist() == [1.0, 0.0, 2.5]
    given = np.array([1.0, 2.0, 3.0])
    check_sample_weight(given, 3)
    assert given.tolist() == [1.0, 2.0, 3.0]
    cases = [
        (np.ones(2), r"sample_weight.shape == \(2,\), expected \(3,\)"),
        (np.ones((3, 1)), r"sample_weight.shape == \(3, 1\), expected \(3,\)"),
        ([1.0, np.nan, 1.0], "sample_weight contains NaN"),
        ([1.0, np.inf, 1.0], "sample_weight contains infinity"),
        ([1.0, -1.0, 1.0], "non-negative"),
        (np.zeros(3), "zero for every sample"),
    ]
    for bad, match in cases:
        with pytest.raises(ValueError, match=match):
            check_sample_weight(bad, 3)


def test_routed_names_still_checked_without_keras():
    est = CNNClassifier(optimizer__beta_1=0.8, bogus=1)
    with pytest.raises(ValueError, match="unexpected parameter 'bogus'"):
        est._check_routed_names()
    with pytest.raises(ValueError, match="model__filters duplicates"):
        CNNClassifier(model__filters=3)._network_kwargs()


# -- with TensorFlow -------------------------------------------------------------

needs_tf = pytest.mark.deep


def _tiny(**params):
    return CNNClassifier(
        **{
            "filters": 2,
            "n_conv_layers": 1,
            "dense_units": 0,
            "epochs": 1,
            "batch_size": 32,
            "run_eagerly": True,
            "random_state": 0,
            **params,
        }
    )


def _windows(n=24, n_timesteps=16, n_channels=3):
    rng = np.random.default_rng(0)
    return rng.normal(size=(n, n_timesteps, n_channels)), np.arange(n) % 2


@needs_tf
def test_make_optimizer_public_keras():
    keras = pytest.importorskip("keras")
    from sklearn_har.deep._optimizer import make_optimizer

    adamw = make_optimizer("adamw", {"weight_decay": 0.05, "beta_1": 0.7}, 0.01)
    assert type(adamw) is keras.optimizers.AdamW
    assert np.isclose(float(adamw.weight_decay), 0.05)
    assert np.isclose(float(adamw.beta_1), 0.7)
    assert np.isclose(float(adamw.learning_rate), 0.01)
    sgd = make_optimizer(keras.optimizers.SGD, {"momentum": 0.3}, None)
    assert type(sgd) is keras.optimizers.SGD and np.isclose(float(sgd.momentum), 0.3)
    given = keras.optimizers.RMSprop(rho=0.8)
    copy = make_optimizer(given, {}, 0.2)
    assert copy is not given and type(copy) is keras.optimizers.RMSprop
    assert np.isclose(float(copy.rho), 0.8) and np.isclose(
        float(copy.learning_rate), 0.2
    )
    with pytest.raises(ValueError, match="Unknown optimizer 'adamm'"):
        make_optimizer("adamm", {}, None)
    with pytest.raises(TypeError, match="must be a Keras optimizer name"):
        make_optimizer(3, {}, None)
    with pytest.raises(TypeError, match="must be a Keras optimizer name"):
        make_optimizer(dict, {}, None)
    with pytest.raises(ValueError, match="not an optimizer instance"):
        make_optimizer(given, {"rho": 0.5}, None)
    with pytest.raises(
        ValueError, match="Could not create the optimizer SGD.*optimizer__"
    ):
        make_optimizer("sgd", {"no_such_argument": 1}, None)


@needs_tf
def test_unknown_optimizer_argument_is_reported_by_fit():
    pytest.importorskip("tensorflow")
    X, y = _windows()
    with pytest.raises(ValueError, match="Could not create the optimizer Adam"):
        _tiny(optimizer__no_such_argument=1).fit(X, y)


@needs_tf
def test_seeded_fit_uses_only_public_seeding_and_restores_python_numpy(monkeypatch):
    keras = pytest.importorskip("keras")
    tf = pytest.importorskip("tensorflow")
    calls = []
    set_seed = keras.utils.set_random_seed
    enable = tf.config.experimental.enable_op_determinism
    monkeypatch.setattr(
        keras.utils,
        "set_random_seed",
        lambda s: (calls.append(("seed", s)), set_seed(s)),
    )
    monkeypatch.setattr(
        tf.config.experimental,
        "enable_op_determinism",
        lambda: (calls.append(("determinism",)), enable()),
    )
    X, y = _windows()
    random.seed(5)
    np.random.seed(5)  # noqa: NPY002
    expected = random.random(), np.random.random()  # noqa: NPY002
    random.seed(5)
    np.random.seed(5)  # noqa: NPY002
    _tiny().fit(X, y)
    assert (random.random(), np.random.random()) == expected  # noqa: NPY002
    assert [c[0] for c in calls] == ["seed", "determinism"]
    calls.clear()
    _tiny(random_state=None).fit(X, y)
    assert calls == []


@needs_tf
def test_n_features_in_counts_channels_and_2d_dataframes_keep_names():
    pd = pytest.importorskip("pandas")
    pytest.importorskip("tensorflow")
    X, y = _windows()
    clf = _tiny().fit(X, y)
    assert (clf.n_features_in_, clf.n_channels_in_, clf.n_timesteps_in_) == (3, 3, 16)
    frame = pd.DataFrame(X[:, :, 0], columns=[f"t{i}" for i in range(16)])
    clf = _tiny().fit(frame, y)
    assert (clf.n_features_in_, clf.n_timesteps_in_) == (1, 16)
    assert clf.feature_names_in_.tolist() == list(frame.columns)
    assert clf.predict(frame).shape == (24,)
    with pytest.raises(ValueError, match="feature names"):
        clf.predict(frame.rename(columns={"t0": "other"}))


@needs_tf
def test_float32_overflow_is_refused():
    pytest.importorskip("tensorflow")
    X, y = _windows()
    with pytest.raises(ValueError, match="too large for float32"):
        _tiny().fit(X * 1e300, y)


@needs_tf
def test_labels_are_checked_with_public_sklearn():
    pytest.importorskip("tensorflow")
    X, y = _windows()
    with pytest.raises(ValueError, match="inconsistent numbers of samples"):
        _tiny().fit(X, y[:-1])
    with pytest.raises(ValueError, match="y contains NaN"):
        _tiny().fit(X, np.where(y == 0, np.nan, 1.0))
    with pytest.raises(ValueError, match="requires y to be passed"):
        _tiny().fit(X, None)
    from sklearn.exceptions import DataConversionWarning

    with pytest.warns(DataConversionWarning):
        _tiny().fit(X, y[:, None])


@needs_tf
def test_files_of_the_previous_format_load_with_channels(tmp_path):
    pytest.importorskip("tensorflow")
    X, y = _windows()
    clf = _tiny().fit(X, y)
    path = tmp_path / "new.keras"
    clf.save(path)
    # the previous format stored n_features_in = the window length
    old = tmp_path / "old.keras"
    with zipfile.ZipFile(path) as src, zipfile.ZipFile(old, "w") as dst:
        for item in src.infolist():
            data = src.read(item.filename)
            if item.filename == "sklearn_har.json":
                meta = json.loads(data)
                assert meta["n_features_in"] == 3
                meta["n_features_in"] = 16
                data = json.dumps(meta)
            dst.writestr(item, data)
    for file in (path, old):
        restored = CNNClassifier.load(file)
        assert restored.n_features_in_ == 3 == restored.n_channels_in_
        np.testing.assert_array_equal(restored.predict_proba(X), clf.predict_proba(X))
