"""sklearn_har: human activity recognition from inertial sensors, the scikit-learn way.

Load recordings (:mod:`sklearn_har.datasets`), filter the continuous streams
(:mod:`sklearn_har.preprocessing`), cut them into windows
(:mod:`sklearn_har.windowing`), turn windows into features
(:mod:`sklearn_har.features`, ready-made pipelines in
:mod:`sklearn_har.pipeline`) or feed them to Keras networks
(:mod:`sklearn_har.deep`), and evaluate subject-wise
(:mod:`sklearn_har.model_selection`, plots in :mod:`sklearn_har.plotting`),
and scale out on Dask (:mod:`sklearn_har.scale_out`).

Public names are imported on first use, so ``import sklearn_har`` is cheap
and never imports TensorFlow or Dask.
"""

import importlib

__version__ = "0.1.0.dev0"

# public name -> module that defines it
_LAZY = {
    # windowing
    "SlidingWindowTransformer": "sklearn_har.windowing",
    "WindowedClassifier": "sklearn_har.windowing",
    # preprocessing
    "MedianFilter": "sklearn_har.preprocessing",
    "ButterworthFilter": "sklearn_har.preprocessing",
    "GravitySeparator": "sklearn_har.preprocessing",
    "UCIHARPreprocessor": "sklearn_har.preprocessing",
    "ChannelStandardScaler": "sklearn_har.preprocessing",
    # features
    "UCIHARFeatureExtractor": "sklearn_har.features",
    "TsfreshFeatureExtractor": "sklearn_har.features",
    # pipelines
    "make_svm_pipeline": "sklearn_har.pipeline",
    # datasets
    "load_hapt": "sklearn_har.datasets",
    "load_uci_har": "sklearn_har.datasets",
    "load_sample": "sklearn_har.datasets",
    # model selection
    "compare_models": "sklearn_har.model_selection",
    "UCIHARSplit": "sklearn_har.model_selection",
    # deep (TensorFlow is imported only when a network is built)
    "CNNClassifier": "sklearn_har.deep",
    "MultiHeadCNNClassifier": "sklearn_har.deep",
    "LSTMClassifier": "sklearn_har.deep",
    "CNNLSTMClassifier": "sklearn_har.deep",
    "ConvLSTMClassifier": "sklearn_har.deep",
    "ResNetClassifier": "sklearn_har.deep",
    "InceptionTimeClassifier": "sklearn_har.deep",
    "ResidualBiLSTMClassifier": "sklearn_har.deep",
    # streaming
    "StreamPredictor": "sklearn_har.streaming",
}

_SUBMODULES = [
    "datasets",
    "deep",
    "export",
    "features",
    "model_selection",
    "pipeline",
    "plotting",
    "preprocessing",
    "scale_out",
    "streaming",
    "utils",
    "windowing",
]

__all__ = sorted(_LAZY) + _SUBMODULES + ["__version__"]


def __getattr__(name):
    if name in _LAZY:
        value = getattr(importlib.import_module(_LAZY[name]), name)
        globals()[name] = value
        return value
    if name in _SUBMODULES:
        return importlib.import_module(f"sklearn_har.{name}")
    raise AttributeError(f"module 'sklearn_har' has no attribute {name!r}")


def __dir__():
    return sorted(set(globals()) | set(__all__))
