"""Named model factories for the command line (built lazily, by name)."""

from sklearn.linear_model import LogisticRegression
from sklearn.pipeline import make_pipeline
from sklearn.preprocessing import StandardScaler

__all__ = ["MODELS", "make_model"]


def _baseline(random_state, epochs):
    from ..features import StatisticalFeatureExtractor

    return make_pipeline(
        StatisticalFeatureExtractor(
            stats=("mean", "std", "min", "max", "iqr", "energy")
        ),
        StandardScaler(),
        LogisticRegression(max_iter=2000),
    )


def _svm(random_state, epochs):
    from ..pipeline import make_svm_pipeline

    return make_svm_pipeline()


def _deep(class_name):
    def factory(random_state, epochs):
        from .. import deep
        from ..preprocessing import ChannelStandardScaler

        params = {"random_state": random_state}
        if epochs is not None:
            params["epochs"] = epochs
        return make_pipeline(
            ChannelStandardScaler(), getattr(deep, class_name)(**params)
        )

    return factory


#: name -> (factory(random_state, epochs), one-line description)
MODELS = {
    "baseline": (_baseline, "per-channel statistics + logistic regression"),
    "svm": (_svm, "561 UCI HAR features + scaler + SVM"),
    "cnn": (_deep("CNNClassifier"), "1D CNN (Keras)"),
    "multihead": (_deep("MultiHeadCNNClassifier"), "multi-head 1D CNN (Keras)"),
    "lstm": (_deep("LSTMClassifier"), "LSTM (Keras)"),
    "cnn_lstm": (_deep("CNNLSTMClassifier"), "CNN-LSTM (Keras)"),
    "convlstm": (_deep("ConvLSTMClassifier"), "ConvLSTM (Keras)"),
    "resnet": (_deep("ResNetClassifier"), "ResNet, Wang et al. 2017 (Keras)"),
    "inception": (
        _deep("InceptionTimeClassifier"),
        "InceptionTime network, Ismail Fawaz et al. 2020 (Keras)",
    ),
    "bilstm": (
        _deep("ResidualBiLSTMClassifier"),
        "residual bidirectional LSTM, Zhao et al. 2018 (Keras)",
    ),
}


def make_model(name, *, random_state=0, epochs=None):
    """Build the estimator registered as ``name``."""
    if name not in MODELS:
        raise ValueError(f"Unknown model {name!r}; choose from {', '.join(MODELS)}.")
    return MODELS[name][0](random_state, epochs)
