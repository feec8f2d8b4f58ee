"""The time-series networks: ResNet, InceptionTime and the residual BiLSTM.

Declared exactly like the classifiers of :mod:`._classifiers` (a
constructor, a docstring and the network module of
:mod:`sklearn_har.deep.networks` they train, ``_network``); everything
else comes from :class:`~sklearn_har.deep._base.BaseDeepClassifier`.
"""

from ._base import AUTO_SPLIT_MIN_WINDOWS, BaseDeepClassifier
from ._classifiers import _fill
from .networks import bilstm, inception, resnet

__all__ = [
    "InceptionTimeClassifier",
    "ResNetClassifier",
    "ResidualBiLSTMClassifier",
]

# The "auto" threshold of the three time-series networks
# (``_auto_split_min_windows``; the docstrings quote it), chosen for each
# of them by the study of benchmarks/RESULTS.md.
_OWN_MIN_WINDOWS = 4000

_TRAINING_NOTE = """\
    The published networks were trained for 1,500 epochs (ResNet: batches
    of 16, learning rate reduced on plateaus; InceptionTime: batches of
    64) on the small UCR data sets; on the thousands of windows of a HAR
    data set a few dozen epochs with a cosine-decayed learning rate are
    enough, and ``epochs``, ``batch_size``, ``learning_rate`` and
    ``lr_schedule`` reach any other schedule."""


def _own_auto_note(evidence):
    """The Notes paragraph on the time-series networks' "auto" threshold."""
    return (
        '\n\n    ``"auto"`` switches this network\'s level/movement split on from\n'
        f"    {_OWN_MIN_WINDOWS:,} training windows, as for the other time-series\n"
        f"    networks, not {AUTO_SPLIT_MIN_WINDOWS:,} as for the classic ones. In the\n"
        "    subject-wise study of ``benchmarks/RESULTS.md`` " + evidence
    )


_RESNET_AUTO_NOTE = _own_auto_note(
    """the split cost
    ResNet on small data (60 windows: 32.1 against 57.2 %; 600: 70.5
    against 86.9 %), was a gamble at 2,500 (90.0 against 89.4 % on
    average, but from −5.1 to +5.7 points fold by fold) and gained 2.9
    points at 4,900 (94.6 against 91.7 %, one seed)."""
)


_BILSTM_AUTO_NOTE = _own_auto_note(
    """the split cost
    the residual BiLSTM up to 2,500 windows (60 windows: 18.4 against
    42.1 %; 600: 53.3 against 80.0 %; 2,500: 85.0 against 87.6 %) and
    gained 1.2 points at 4,900 (90.9 against 89.7 %, 2 seeds)."""
)

_INCEPTION_EPOCHS_NOTE = """

    ``epochs=10`` (not the 20 of the other time-series networks) keeps
    the fit on CPU under 5 minutes for the 7,415 UCI HAR training windows
    on 2 cores (about 160 s for 4,900 windows); with it, the subject-wise
    cross-validated accuracy was 93.6 % on the UCI HAR training subjects
    (3 folds, one seed) and 86.0 % on the smartwatch exercises of
    ``benchmarks/RESULTS.md`` (``GroupKFold(5)``, one seed; 2,900 training
    windows, so the split is off). 20 epochs have not been compared yet.""" + _own_auto_note(
    """the split cost
    InceptionTime 1.1 points at 2,500 UCI HAR windows (88.8 against 89.9 %,
    3 seeds) and gained 1.7 at 4,900 (93.6 against 91.9 %, one seed) and
    0.7 on the smartwatch exercises (86.7 against 86.0 %). The threshold
    lies between the sizes where it did not pay off and the size where it
    did."""
)


class ResNetClassifier(BaseDeepClassifier):
    __doc__ = _fill(
        """Residual network (ResNet) of Wang et al. (2017) for windows.

    Three residual blocks of three ``"same"``-padded convolutions (kernels
    8, 5 and 3) with batch normalisation and ReLU, 64, 128 and 128 filters,
    a shortcut per block (a 1×1 convolution + batch normalisation when the
    number of channels changes, a batch normalisation otherwise), global
    average pooling over time and a softmax (built by
    :func:`sklearn_har.deep.networks.build_resnet`).

    Parameters
    ----------
    filters : tuple of int, default=(64, 128, 128)
        Filters of each residual block (one block per entry).
    kernel_sizes : tuple of int, default=(8, 5, 3)
        Kernel lengths of the convolutions inside every block.
    dropout : float in [0, 1), default=0.0
        Dropout rate after the global average pooling (not in the paper).
    dense_units : int, default=0
        Units of a hidden dense layer after the pooling (0: none, as in the
        paper).
{common_params}

    Attributes
    ----------
{common_attributes}

    See Also
    --------
    InceptionTimeClassifier : Inception modules with long kernels.
    CNNClassifier : The classic, much smaller HAR CNN.

    Notes
    -----
{common_notes}

    The architecture is the ResNet of Z. Wang, W. Yan and T. Oates (2017),
    "Time series classification from scratch with deep neural networks: a
    strong baseline", IJCNN, with its published sizes as defaults (about
    512,000 weights for 9 channels and 6 classes). Every convolution is
    ``"same"``-padded, so windows of any length are accepted.
{training_note}

    Examples
    --------
    >>> from sklearn_har.deep import ResNetClassifier
    >>> ResNetClassifier(filters=(32, 64, 64)).get_params()["filters"]
    (32, 64, 64)
    """,
        noise_std=0.0,
        epochs=20,
        batch_size=64,
        learning_rate=0.001,
        min_windows=_OWN_MIN_WINDOWS,
    ).replace("{training_note}", _TRAINING_NOTE + _RESNET_AUTO_NOTE)

    _network = resnet.NETWORK
    _auto_split_min_windows = _OWN_MIN_WINDOWS

    def __init__(
        self,
        *,
        filters=(64, 128, 128),
        kernel_sizes=(8, 5, 3),
        dropout=0.0,
        dense_units=0,
        window_stats="auto",
        center_windows="auto",
        noise_std=0.0,
        epochs=20,
        batch_size=64,
        optimizer="adam",
        learning_rate=0.001,
        lr_schedule="cosine",
        validation_split=0.0,
        early_stopping=False,
        patience=10,
        class_weight=None,
        random_state=None,
        verbose=0,
        run_eagerly=False,
        **kwargs,
    ):
        self.filters = filters
        self.kernel_sizes = kernel_sizes
        self.dropout = dropout
        self.dense_units = dense_units
        self.window_stats = window_stats
        self.center_windows = center_windows
        self.noise_std = noise_std
        self.epochs = epochs
        self.batch_size = batch_size
        self.optimizer = optimizer
        self.learning_rate = learning_rate
        self.lr_schedule = lr_schedule
        self.validation_split = validation_split
        self.early_stopping = early_stopping
        self.patience = patience
        self.class_weight = class_weight
        self.random_state = random_state
        self.verbose = verbose
        self.run_eagerly = run_eagerly
        self._set_routed_params(kwargs)

    @classmethod
    def _get_test_params(cls):
        return {
            "filters": (4,),
            "kernel_sizes": (3, 2),
            "epochs": 1,
            "batch_size": 256,
            "optimizer": "sgd",
            "run_eagerly": True,
        }


class InceptionTimeClassifier(BaseDeepClassifier):
    __doc__ = _fill(
        """One InceptionTime network (Ismail Fawaz et al., 2020) for windows.

    ``depth`` inception modules: a 1×1 bottleneck convolution to
    ``bottleneck_size`` channels feeding three convolutions of ``n_filters``
    filters (kernels ``kernel_size``, its half and its quarter) in parallel
    with a max-pooling + 1×1 convolution branch, concatenated, batch
    normalised and activated; a residual shortcut every ``residual_every``
    modules; global average pooling over time and a softmax (built by
    :func:`sklearn_har.deep.networks.build_inception_time`).

    Parameters
    ----------
    n_filters : int, default=32
        Filters of each of the four branches of a module.
    kernel_size : int, default=20
        Longest kernel of a module (the others are its half and its
        quarter: 20, 10, 5). The paper uses 40 (40, 20, 10).
    bottleneck_size : int, default=32
        Channels of the bottleneck convolution (0: none).
    depth : int, default=6
        Number of inception modules.
    residual_every : int, default=3
        Modules between residual shortcuts (0: none).
    dropout : float in [0, 1), default=0.0
        Dropout rate after the global average pooling (not in the paper).
    dense_units : int, default=0
        Units of a hidden dense layer after the pooling (0: none, as in the
        paper).
{common_params}

    Attributes
    ----------
{common_attributes}

    See Also
    --------
    ResNetClassifier : Residual blocks of short convolutions.
    MultiHeadCNNClassifier : Parallel kernel sizes without depth.

    Notes
    -----
{common_notes}

    The architecture is one network of the InceptionTime ensemble of H.
    Ismail Fawaz, B. Lucas, G. Forestier, C. Pelletier, D. F. Schmidt, J.
    Weber, G. I. Webb, L. Idoumghar, P.-A. Muller and F. Petitjean (2020),
    "InceptionTime: Finding AlexNet for time series classification", Data
    Mining and Knowledge Discovery 34, 1936-1962. The published values are
    the defaults except ``kernel_size``: 40 samples is a third of a
    128-sample window (0.8 s at 50 Hz), and halving the kernels nearly
    halves the weights (about 279,000 instead of 494,000 for 9 channels
    and 6 classes) and the training time on CPU; ``kernel_size=40`` gives
    the published network. The paper's InceptionTime is an *ensemble* of
    five such networks with different initialisations: build it with
    :class:`~sklearn.ensemble.VotingClassifier` (``voting="soft"``) over
    five classifiers with different ``random_state``, at five times the
    cost.
{training_note}

    Examples
    --------
    >>> from sklearn_har.deep import InceptionTimeClassifier
    >>> published = InceptionTimeClassifier(kernel_size=40)
    >>> published.get_params()["depth"]
    6
    """,
        noise_std=0.0,
        epochs=10,
        batch_size=64,
        learning_rate=0.001,
        min_windows=_OWN_MIN_WINDOWS,
    ).replace("{training_note}", _TRAINING_NOTE + _INCEPTION_EPOCHS_NOTE)

    _network = inception.NETWORK
    _auto_split_min_windows = _OWN_MIN_WINDOWS

    def __init__(
        self,
        *,
        n_filters=32,
        kernel_size=20,
        bottleneck_size=32,
        depth=6,
        residual_every=3,
        dropout=0.0,
        dense_units=0,
        window_stats="auto",
        center_windows="auto",
        noise_std=0.0,
        epochs=10,
        batch_size=64,
        optimizer="adam",
        learning_rate=0.001,
        lr_schedule="cosine",
        validation_split=0.0,
        early_stopping=False,
        patience=10,
        class_weight=None,
        random_state=None,
        verbose=0,
        run_eagerly=False,
        **kwargs,
    ):
        self.n_filters = n_filters
        self.kernel_size = kernel_size
        self.bottleneck_size = bottleneck_size
        self.depth = depth
        self.residual_every = residual_every
        self.dropout = dropout
        self.dense_units = dense_units
        self.window_stats = window_stats
        self.center_windows = center_windows
        self.noise_std = noise_std
        self.epochs = epochs
        self.batch_size = batch_size
        self.optimizer = optimizer
        self.learning_rate = learning_rate
        self.lr_schedule = lr_schedule
        self.validation_split = validation_split
        self.early_stopping = early_stopping
        self.patience = patience
        self.class_weight = class_weight
        self.random_state = random_state
        self.verbose = verbose
        self.run_eagerly = run_eagerly
        self._set_routed_params(kwargs)

    @classmethod
    def _get_test_params(cls):
        return {
            "n_filters": 2,
            "kernel_size": 4,
            "bottleneck_size": 2,
            "depth": 1,
            "residual_every": 1,
            "epochs": 1,
            "batch_size": 256,
            "optimizer": "sgd",
            "run_eagerly": True,
        }


class ResidualBiLSTMClassifier(BaseDeepClassifier):
    __doc__ = _fill(
        """Deep residual bidirectional LSTM (Zhao et al., 2018) for windows.

    A dense layer projects every sample to ``units`` features; ``n_blocks``
    residual blocks of ``n_layers_per_block`` bidirectional LSTM layers
    (``units // 2`` units per direction, concatenated) add their output to
    their input and batch-normalise it; the last time step goes through
    dropout and the softmax (built by
    :func:`sklearn_har.deep.networks.build_residual_bilstm`).

    Parameters
    ----------
    units : int, default=32
        Features per time step inside the network (``units // 2`` LSTM
        units per direction).
    n_blocks : int, default=2
        Number of residual blocks.
    n_layers_per_block : int, default=2
        Bidirectional LSTM layers per block.
    dropout : float in [0, 1), default=0.15
        Dropout rate before the output layer (the reference code keeps 85 %).
    dense_units : int, default=0
        Units of a hidden dense layer (0: none, as in the paper).
{common_params}

    Attributes
    ----------
{common_attributes}

    See Also
    --------
    LSTMClassifier : A plain (stacked, optionally bidirectional) LSTM.

    Notes
    -----
{common_notes}

    After Y. Zhao, R. Yang, G. Chevalier, X. Xu and Z. Zhang (2018), "Deep
    Residual Bidir-LSTM for Human Activity Recognition Using Wearable
    Sensors", Mathematical Problems in Engineering, 7316954 (about 94 %
    accuracy reported on UCI HAR), and its reference code (G. Chevalier,
    "HAR-stacked-residual-bidir-LSTMs"): a ReLU dense input projection,
    residual blocks of bidirectional LSTMs whose concatenated directions
    keep the width, batch normalisation after each residual sum, dropout
    and the last time step. The reference code's ``n_hidden``,
    ``n_stacked_layers`` and ``n_layers_in_highway`` are ``units``,
    ``n_blocks`` and ``n_layers_per_block`` here; its deepest
    configurations (3 × 3) are reachable with ``n_blocks=3,
    n_layers_per_block=3``. Differences: the layers of a block are stacked
    (each reads the previous one, as in the paper's figure) rather than
    summed side by side as in the reference code, and its L2 penalty and
    gradient clipping are left to ``optimizer__weight_decay`` and
    ``optimizer__clipnorm``. The default of 2 blocks of 2 layers (4
    recurrent layers) keeps the fit time on 2 CPU cores bearable: a
    recurrent layer cannot be parallelised over time, so each one costs
    about as much as the whole :class:`LSTMClassifier`.{auto_note}

    Examples
    --------
    >>> from sklearn_har.deep import ResidualBiLSTMClassifier
    >>> ResidualBiLSTMClassifier(n_blocks=3, n_layers_per_block=3).get_params()["n_blocks"]
    3
    """,
        noise_std=0.0,
        epochs=20,
        batch_size=64,
        learning_rate=0.001,
        min_windows=_OWN_MIN_WINDOWS,
    ).replace("{auto_note}", _BILSTM_AUTO_NOTE)

    _network = bilstm.NETWORK
    _auto_split_min_windows = _OWN_MIN_WINDOWS

    def __init__(
        self,
        *,
        units=32,
        n_blocks=2,
        n_layers_per_block=2,
        dropout=0.15,
        dense_units=0,
        window_stats="auto",
        center_windows="auto",
        noise_std=0.0,
        epochs=20,
        batch_size=64,
        optimizer="adam",
        learning_rate=0.001,
        lr_schedule="cosine",
        validation_split=0.0,
        early_stopping=False,
        patience=10,
        class_weight=None,
        random_state=None,
        verbose=0,
        run_eagerly=False,
        **kwargs,
    ):
        self.units = units
        self.n_blocks = n_blocks
        self.n_layers_per_block = n_layers_per_block
        self.dropout = dropout
        self.dense_units = dense_units
        self.window_stats = window_stats
        self.center_windows = center_windows
        self.noise_std = noise_std
        self.epochs = epochs
        self.batch_size = batch_size
        self.optimizer = optimizer
        self.learning_rate = learning_rate
        self.lr_schedule = lr_schedule
        self.validation_split = validation_split
        self.early_stopping = early_stopping
        self.patience = patience
        self.class_weight = class_weight
        self.random_state = random_state
        self.verbose = verbose
        self.run_eagerly = run_eagerly
        self._set_routed_params(kwargs)

    @classmethod
    def _get_test_params(cls):
        return {
            "units": 2,
            "n_blocks": 1,
            "n_layers_per_block": 1,
            "epochs": 1,
            "batch_size": 256,
            "optimizer": "sgd",
            "run_eagerly": True,
        }
