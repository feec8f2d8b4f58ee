"""sklearn_har.deep must import cheaply and work as far as possible without TensorFlow."""

import subprocess
import sys
import textwrap

HEAVY = ("tensorflow", "keras", "scikeras")


def _run(code):
    result = subprocess.run(
        [sys.executable, "-c", textwrap.dedent(code)],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    return result.stdout


def test_import_does_not_load_tensorflow_keras_or_scikeras():
    out = _run(
        f"""
        import sys
        import sklearn_har.deep
        import sklearn_har.deep.networks
        from sklearn_har import CNNClassifier
        from sklearn.base import clone, is_classifier
        clf = clone(CNNClassifier(filters=8, optimizer__beta_1=0.8))
        assert is_classifier(clf) and clf.get_params()["optimizer__beta_1"] == 0.8
        print(sorted(m for m in sys.modules if m.split(".")[0] in {HEAVY!r}))
        """
    )
    assert out.strip() == "[]"


def test_without_tensorflow_estimators_exist_and_fit_explains():
    # Block the heavy imports as if the 'deep' extra were not installed.
    out = _run(
        f"""
        import sys
        for name in {HEAVY!r}:
            sys.modules[name] = None
        import numpy as np
        from sklearn.base import clone, is_classifier
        from sklearn_har.deep import (CNNClassifier, CNNLSTMClassifier,
            ConvLSTMClassifier, LSTMClassifier, MultiHeadCNNClassifier)
        for cls in (CNNClassifier, CNNLSTMClassifier, ConvLSTMClassifier,
                    LSTMClassifier, MultiHeadCNNClassifier):
            est = clone(cls(epochs=1))
            assert is_classifier(est)
            assert est.__sklearn_tags__().input_tags.three_d_array
        try:
            CNNClassifier(epochs=1).fit(np.zeros((4, 16, 2)), [0, 1, 0, 1])
        except ImportError as exc:
            print(exc)
        """
    )
    assert "pip install 'sklearn_har[deep]'" in out


def test_keras_model_classifier_is_imported_lazily():
    # Listed in __all__ and dir(), but scikeras (hence TensorFlow) is imported
    # only when the name is accessed.
    out = _run(
        f"""
        import importlib.util, sys
        import sklearn_har.deep as deep
        assert "KerasModelClassifier" in deep.__all__
        assert "KerasModelClassifier" in dir(deep)
        heavy = lambda: sorted(
            {{m.split(".")[0] for m in sys.modules}} & set({HEAVY!r}))
        print(heavy())
        if importlib.util.find_spec("scikeras") is not None:
            cls = deep.KerasModelClassifier
            assert cls.__module__ == "sklearn_har.deep._keras_wrapper"
            assert "scikeras" in heavy()
        try:
            deep.NotAName
        except AttributeError as exc:
            print(exc)
        """
    )
    assert out.splitlines()[0] == "[]"
    assert "has no attribute 'NotAName'" in out
