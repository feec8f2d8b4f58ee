"""KerasModelClassifier: the user's own Keras model through scikeras' public API.

scikit-learn's estimator checks run on it in ``tests/test_common.py`` (it is
discovered like every public estimator; its expected failures are declared
by ``_get_expected_failed_checks``); the checks of the behaviours that the
subclass changes are repeated here.
"""

import pickle
import subprocess
import sys
import textwrap

import numpy as np
import pytest

pytest.importorskip("tensorflow")
pytest.importorskip("scikeras")

import keras  # noqa: E402
from scikeras.wrappers import KerasClassifier  # noqa: E402
from sklearn.base import clone, is_classifier  # noqa: E402
from sklearn.exceptions import DataConversionWarning  # noqa: E402
from sklearn.model_selection import GridSearchCV, GroupKFold  # noqa: E402
from sklearn.pipeline import make_pipeline  # noqa: E402
from sklearn.utils import get_tags  # noqa: E402
from sklearn.utils.estimator_checks import (  # noqa: E402
    check_estimator_sparse_array,
    check_n_features_in_after_fitting,
    check_supervised_y_2d,
)

from sklearn_har.deep import KerasModelClassifier  # noqa: E402
from sklearn_har.model_selection import compare_models  # noqa: E402
from sklearn_har.preprocessing import ChannelStandardScaler  # noqa: E402
from sklearn_har.utils import all_estimators  # noqa: E402
from sklearn_har.windowing import SlidingWindowTransformer, WindowedClassifier  # noqa: E402


def build_model(meta, compile_kwargs, units=4):
    """A user's network: Conv1D on the windows, softmax over the classes."""
    inputs = keras.Input(shape=meta["X_shape_"][1:])
    x = keras.layers.Conv1D(units, 3, activation="relu")(inputs)
    x = keras.layers.GlobalAveragePooling1D()(x)
    outputs = keras.layers.Dense(meta["n_classes_"], activation="softmax")(x)
    model = keras.Model(inputs, outputs)
    model.compile(
        loss="sparse_categorical_crossentropy", optimizer=compile_kwargs["optimizer"]
    )
    return model


def _clf(**params):
    defaults = dict(
        model=build_model, epochs=1, batch_size=16, verbose=0, run_eagerly=True
    )
    return KerasModelClassifier(**{**defaults, **params})


def _windows(n_per_subject=8, n_subjects=4, n_timesteps=16, n_channels=3, seed=0):
    """Two separable classes (the walk windows have 3x the amplitude)."""
    rng = np.random.default_rng(seed)
    n = n_per_subject * n_subjects
    y = np.tile(np.repeat(["sit", "walk"], n_per_subject // 2), n_subjects)
    X = (
        rng.normal(size=(n, n_timesteps, n_channels))
        * np.where(y == "walk", 3, 1)[:, None, None]
    )
    groups = np.repeat(np.arange(n_subjects), n_per_subject)
    return X.astype(np.float32), y, groups


def test_tags_are_those_of_a_classifier_of_windows():
    # scikeras' own class: the tags scikit-learn >= 1.6 reads are wrong
    assert not is_classifier(KerasClassifier(build_model))
    assert get_tags(KerasClassifier(build_model)).classifier_tags is None

    clf = _clf()
    assert is_classifier(clf)
    tags = get_tags(clf)
    assert tags.estimator_type == "classifier"
    assert tags.classifier_tags.multi_class and tags.classifier_tags.multi_label
    assert tags.classifier_tags.poor_score
    assert tags.target_tags.required
    assert not tags.target_tags.multi_output
    assert tags.input_tags.two_d_array and tags.input_tags.three_d_array
    assert not tags.input_tags.sparse and not tags.input_tags.allow_nan
    assert not tags.non_deterministic and tags.requires_fit


def test_fit_predict_on_windows_and_seeded_reproducibility():
    X, y, _ = _windows()
    clf = _clf(random_state=0, epochs=2).fit(X, y)
    assert clf.X_shape_ == X.shape and clf.n_features_in_ == X.shape[1]
    np.testing.assert_array_equal(clf.classes_, ["sit", "walk"])
    pred = clf.predict(X)
    proba = clf.predict_proba(X)
    assert pred.shape == (len(X),) and set(pred) <= {"sit", "walk"}
    assert proba.shape == (len(X), 2)
    np.testing.assert_allclose(proba.sum(axis=1), 1, rtol=1e-5)
    np.testing.assert_array_equal(pred, clf.classes_[proba.argmax(axis=1)])
    assert 0 <= clf.score(X, y) <= 1
    again = _clf(random_state=0, epochs=2).fit(X, y)
    np.testing.assert_allclose(again.predict_proba(X), proba, rtol=1e-5)


def test_sklearn_errors_and_conversions():
    X, y, _ = _windows()
    clf = _clf(random_state=0).fit(X, y)
    with pytest.raises(ValueError, match=r"X has windows of shape \(16, 2\), but"):
        clf.predict(X[:, :, :2])
    # 2-D tables (the dense network of the estimator checks)
    tabular = KerasModelClassifier(**KerasModelClassifier._get_test_params())
    with pytest.raises(ValueError, match="X has 5 features, but"):
        tabular.fit(X[:, :, 0], y).predict_proba(np.zeros((2, 5)))
    from scipy.sparse import csr_matrix

    with pytest.raises(TypeError, match="does not accept sparse input"):
        clone(tabular).fit(csr_matrix(X[:, :, 0]), y)
    with pytest.warns(DataConversionWarning):
        fitted = _clf(random_state=0).fit(X, y[:, None])
    assert fitted.predict(X).shape == (len(X),)
    # the three behaviours, as scikit-learn's own checks see them
    name = "KerasModelClassifier"
    params = KerasModelClassifier._get_test_params()
    for check in (
        check_n_features_in_after_fitting,
        check_supervised_y_2d,
        check_estimator_sparse_array,
    ):
        check(name, KerasModelClassifier(**params))


def test_in_a_pipeline_with_channel_scaler():
    X, y, _ = _windows()
    pipe = make_pipeline(ChannelStandardScaler(), _clf(random_state=0)).fit(X, y)
    assert is_classifier(pipe)
    assert pipe.predict_proba(X).shape == (len(X), 2)
    assert pipe.predict(X).shape == (len(X),)


def test_in_windowed_classifier_on_recordings():
    rng = np.random.default_rng(0)
    labels = np.repeat([1, 2, 1, 2], 40)
    recording = rng.normal(size=(160, 3)) * np.where(labels == 2, 3.0, 1.0)[:, None]
    clf = WindowedClassifier(
        SlidingWindowTransformer(window_size=16, step=8),
        _clf(random_state=0),
    ).fit([recording], [labels])
    assert clf.estimator_.X_shape_[1:] == (16, 3)
    np.testing.assert_array_equal(clf.classes_, [1, 2])
    (pred,) = clf.predict([recording])
    assert pred.shape == (160,) and set(pred) <= {1, 2}
    assert clf.predict_proba([recording])[0].shape == (160, 2)


def test_grid_search_over_a_parameter_of_the_model_function():
    X, y, groups = _windows()
    search = GridSearchCV(
        make_pipeline(ChannelStandardScaler(), _clf(random_state=0)),
        {"kerasmodelclassifier__model__units": [2, 4]},
        cv=GroupKFold(n_splits=2),
        error_score="raise",
    ).fit(X, y, groups=groups)
    assert search.best_params_["kerasmodelclassifier__model__units"] in (2, 4)
    assert len(search.cv_results_["mean_test_score"]) == 2
    best = search.best_estimator_[-1]
    # the routed parameter reached the user's function
    conv = next(
        layer for layer in best.model_.layers if isinstance(layer, keras.layers.Conv1D)
    )
    assert conv.filters == best.model__units


def test_compare_models_with_groups():
    X, y, groups = _windows()
    result = compare_models(
        {"own": make_pipeline(ChannelStandardScaler(), _clf())},
        X,
        y,
        groups=groups,
        cv=2,
        random_state=0,
        error_score="raise",
    )
    scores = result.get_scores("accuracy")["own"]
    assert scores.shape == (2,) and np.all((scores >= 0) & (scores <= 1))
    # random_state was found and seeded like any stochastic model's
    assert result.seeds


def test_clone_and_pickle_round_trip():
    X, y, _ = _windows()
    clf = _clf(random_state=0, model__units=3)
    cloned = clone(clf)
    assert cloned.get_params()["model__units"] == 3
    assert cloned.model is build_model
    clf.fit(X, y)
    restored = pickle.loads(pickle.dumps(clf))
    np.testing.assert_allclose(restored.predict_proba(X), clf.predict_proba(X))
    np.testing.assert_array_equal(restored.classes_, clf.classes_)


def test_discovered_for_the_common_estimator_checks():
    found = dict(all_estimators())
    assert found["KerasModelClassifier"] is KerasModelClassifier
    failed = KerasModelClassifier._get_expected_failed_checks()
    assert set(failed) == {
        "check_sample_weight_equivalence_on_dense_data",
        "check_mixin_order",
        "check_estimator_tags_renamed",
    }
    for check in failed:
        assert check in KerasModelClassifier.__doc__


def test_seeded_fit_leaves_unseeded_training_working():
    # scikeras' seeding context sets TF_DETERMINISTIC_OPS=1; if TensorFlow
    # reads that variable for the first time inside it, op determinism stays
    # on and every later unseeded random op fails. A fresh process, so that
    # nothing has settled TensorFlow's flag before.
    code = textwrap.dedent(
        """
        import keras, numpy as np
        from sklearn_har.deep import KerasModelClassifier

        def build(meta, compile_kwargs):
            inputs = keras.Input(shape=meta["X_shape_"][1:])
            x = keras.layers.Dropout(0.5)(keras.layers.Flatten()(inputs))
            out = keras.layers.Dense(meta["n_classes_"], activation="softmax")(x)
            model = keras.Model(inputs, out)
            model.compile(loss="sparse_categorical_crossentropy", optimizer="sgd")
            return model

        X = np.random.default_rng(0).normal(size=(8, 4, 2))
        y = np.repeat([0, 1], 4)
        KerasModelClassifier(build, verbose=0, random_state=0).fit(X, y)
        KerasModelClassifier(build, verbose=0, shuffle=True).fit(X, y)
        print("ok")
        """
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, timeout=120
    )
    assert result.returncode == 0, result.stderr[-2000:]
    assert result.stdout.strip().endswith("ok")
