"""The five public Keras window classifiers.

Each class only declares its constructor (network parameters, then the
training parameters), its docstring and the network module of
:mod:`sklearn_har.deep.networks` it trains (``_network``). Which parameters
reach the builder, their constraints and the shortest window the network
reads are taken from that module; training, prediction, routing and
persistence live in :class:`~sklearn_har.deep._base.BaseDeepClassifier`.
"""

from ._base import AUTO_SPLIT_MIN_WINDOWS, BaseDeepClassifier
from .networks import cnn, cnn_lstm, convlstm, lstm, multihead

__all__ = [
    "CNNClassifier",
    "CNNLSTMClassifier",
    "ConvLSTMClassifier",
    "LSTMClassifier",
    "MultiHeadCNNClassifier",
]

_COMMON_PARAMS_DOC = """\
    window_stats : bool or "auto", default="auto"
        Give the dense layer the per-channel mean and log standard deviation
        of the whole window besides the learnt features
        (:class:`~sklearn_har.deep.networks.layers.WindowStatistics`). The
        means are the orientation to gravity and the log standard
        deviations the (tiny) movements of still postures, which together
        separate sitting from standing. ``"auto"``: {auto_rule};
        the value used is :attr:`window_stats_`.
    center_windows : bool or "auto", default="auto"
        Subtract every channel's window mean before the learnt layers
        (:class:`~sklearn_har.deep.networks.layers.WindowCentering`): they
        read the movement, and the orientation reaches the network only
        through ``window_stats``. ``"auto"`` as for ``window_stats``; the
        value used is :attr:`center_windows_`. With both ``False`` the
        network is the published one (for :class:`CNNClassifier`, with
        ``kernel_size=3`` too). The split gains about 2 points of
        subject-wise accuracy on the thousands of windows of UCI HAR, but
        with a few dozen windows of a few subjects the window level lets
        the network memorise its subjects and costs up to 15 points,
        hence ``"auto"`` (``benchmarks/RESULTS.md``, "Defaults at every
        training-set size").
    noise_std : float, default={noise_std}
        Standard deviation of Gaussian noise added to every input value
        during training only (data augmentation with
        :class:`keras.layers.GaussianNoise`; predictions see clean windows).
        In the units of the input: the default suits standardised channels
        (:class:`~sklearn_har.preprocessing.ChannelStandardScaler`); 0
        turns it off.
    epochs : int, default={epochs}
        Passes over the training windows.
    batch_size : int, default={batch_size}
        Windows per gradient step (``predict`` uses batches of at least 512
        unless ``predict__batch_size`` is set).
    optimizer : str, keras optimizer class or instance, default="adam"
        A Keras optimizer name (``"adam"``, ``"rmsprop"``, ``"adamw"``, ...),
        class or instance (copied at every fit). Names and classes take
        routed arguments, e.g. ``optimizer__weight_decay=1e-4``.
    learning_rate : float or None, default={learning_rate}
        (Initial) learning rate given to the optimizer; ``None`` keeps the
        optimizer's own (and ignores ``lr_schedule``).
    lr_schedule : {{"constant", "cosine"}}, default="cosine"
        ``"cosine"`` decays the learning rate from ``learning_rate`` to 0
        along a half cosine over all the training steps of ``epochs``
        epochs (Loshchilov & Hutter, 2017, "SGDR"), which makes the final
        network less dependent on the exact number of epochs.
    validation_split : float in [0, 1), default=0.0
        Fraction held out of training to report ``val_*`` metrics in
        :attr:`history_` (and to monitor early stopping). With ``groups``
        passed to :meth:`fit` (directly, as ``<step>__groups`` of a
        Pipeline, or by metadata routing), it is a fraction of the
        *groups*: whole subjects (rounded up, at least one, and at least
        one left to train on), drawn with ``random_state`` and recorded in
        :attr:`validation_groups_`, so that the validation loss measures
        generalisation to new subjects. Without ``groups`` it is, as in
        Keras, the *last* fraction of the windows, taken before shuffling
        (windows ordered by subject then give a subject-wise validation
        set).
    early_stopping : bool, default=False
        Stop when the validation loss (the training loss if
        ``validation_split=0``) has not improved for ``patience`` epochs,
        and restore the weights of the epoch with the best such loss (also
        when training runs all ``epochs``).
    patience : int, default=10
        Epochs without improvement before early stopping.
    class_weight : dict, "balanced" or None, default=None
        Weights ``{{label: weight}}`` multiplying the loss of each class;
        ``"balanced"`` uses ``n_samples / (n_classes * count(label))``.
    random_state : int, RandomState instance or None, default=None
        Seed of weight initialisation, dropout and shuffling. When set,
        ``fit`` seeds Python, NumPy, TensorFlow and Keras
        (:func:`keras.utils.set_random_seed`) and turns on TensorFlow's
        deterministic ops (:func:`tf.config.experimental.enable_op_determinism`),
        so the same seed gives identical predictions on CPU. Python's and
        NumPy's global random states are restored afterwards; TensorFlow's
        global seed and op determinism stay set, as TensorFlow has no public
        API to read and restore them.
    verbose : int, default=0
        Keras verbosity during ``fit`` (0 silent, 1 progress bar, 2 one line
        per epoch).
    run_eagerly : bool, default=False
        Run Keras eagerly instead of tracing a graph: slower per step, but
        no tracing cost, so faster for tiny data (as in the estimator
        checks); also handy for debugging.
    **kwargs : dict
        Routed parameters, as in scikeras: ``model__<name>`` (extra network
        builder arguments, e.g. ``model__activation="elu"``),
        ``fit__<name>`` (:meth:`keras.Model.fit`, e.g. ``fit__callbacks``,
        ``fit__shuffle``), ``compile__<name>`` (:meth:`keras.Model.compile`,
        e.g. ``compile__jit_compile=True``), ``optimizer__<name>`` and
        ``predict__batch_size``. They appear in ``get_params`` and can be
        searched over with ``GridSearchCV``; names are checked by ``fit``."""

_COMMON_ATTRIBUTES_DOC = """\
    classes_ : ndarray of shape (n_classes,)
        Class labels, in the order of the columns of :meth:`predict_proba`.
    model_ : keras.Model
        The trained network.
    history_ : dict of str to list of float
        Per-epoch ``loss`` and ``accuracy`` (and ``val_loss``,
        ``val_accuracy`` with ``validation_split``), for learning curves.
    validation_groups_ : ndarray of shape (n_validation_groups,) or None
        The groups held out as the validation set (sorted) when ``groups``
        were passed to :meth:`fit` with ``validation_split > 0``; None
        otherwise.
    window_stats_ : bool
        Whether the network was built with ``window_stats`` (``"auto"``
        resolved for the training windows).
    center_windows_ : bool
        Whether the network was built with ``center_windows``.
    n_iter_ : int
        Epochs actually run (fewer than ``epochs`` after early stopping).
    n_timesteps_in_ : int
        Window length seen during :meth:`fit`.
    n_channels_in_ : int
        Number of channels seen during :meth:`fit` (1 for 2-D input).
    n_features_in_ : int
        Number of channels, the same as ``n_channels_in_`` (as in every
        window estimator of ``sklearn_har``; the window length is
        ``n_timesteps_in_``).
    feature_names_in_ : ndarray of shape (`n_timesteps_in_`,)
        Column names (one per time step), only when a 2-D
        :class:`pandas.DataFrame` of univariate windows was given."""

_COMMON_NOTES_DOC = """\
    TensorFlow is imported by ``fit``, not when this module is imported; the
    estimator can be created, cloned and inspected without it. Input is a
    batch of windows ``(n_windows, n_timesteps, n_channels)``, e.g. from
    :func:`sklearn_har.datasets.load_uci_protocol`; put
    :class:`~sklearn_har.preprocessing.ChannelStandardScaler` in front of it
    in a :class:`~sklearn.pipeline.Pipeline`. A 2-D array is read as
    univariate windows ``(n_windows, n_timesteps)``. A fitted classifier
    survives pickle/joblib, and :meth:`save` / :meth:`load` write and read
    a ``.keras`` file. With ``random_state`` set, two fits give identical
    predictions on CPU (TensorFlow's deterministic ops; GPUs may differ);
    such a fit leaves TensorFlow's global seed and op determinism set.

    Three of scikit-learn's estimator checks are expected to fail:
    ``check_n_features_in`` and ``check_n_features_in_after_fitting``,
    because ``n_features_in_`` counts channels, not ``X.shape[1]`` (2-D
    input is a batch of univariate windows), and
    ``check_sample_weight_equivalence_on_dense_data``: with
    mini-batch gradient descent, a weight of 2 is not the same as repeating
    a window (the batches and the number of steps differ).

{auto_notes}"""


_AUTO_SOURCE = ":data:`~sklearn_har.deep.AUTO_SPLIT_MIN_WINDOWS`"

_SPLIT_DESCRIPTION = """the learnt layers read
    window-centred channels and the dense layer also gets each channel's
    window mean and log standard deviation (``center_windows``,
    ``window_stats``)"""


def _auto_texts(min_windows):
    """The ``"auto"`` rule for the parameter list and for the notes.

    ``min_windows`` is the network's ``_auto_split_min_windows`` (None: the
    global :data:`AUTO_SPLIT_MIN_WINDOWS`).
    """
    if min_windows is None:
        windows, source = f"{AUTO_SPLIT_MIN_WINDOWS:,}", _AUTO_SOURCE
    else:
        windows, source = f"{min_windows:,}", "this network's own threshold, see Notes"
    return (
        f"on when the network is\n        trained on at least {windows} "
        f"training windows\n        ({source}), off with fewer",
        f"    By default, from {windows} training windows on, "
        f"{_SPLIT_DESCRIPTION}; with fewer windows, and with both ``False``, "
        "the\n    network is the published one (for :class:`CNNClassifier`, "
        "with\n    ``kernel_size=3`` too). On the UCI HAR protocol this split "
        "raised\n    the subject-wise cross-validated accuracy by about 2 "
        "points; on 60\n    windows of 4 subjects it lowered it by 10–15 "
        '(user guide, "Level and\n    movement").',
    )


def _fill(doc, min_windows=None, **defaults):
    """The class docstring with the common sections filled in.

    ``min_windows`` is the network's own ``"auto"`` threshold, the value of
    its ``_auto_split_min_windows`` (see :func:`_auto_texts`); ``defaults``
    are the training defaults quoted in the parameter descriptions.
    """
    auto_rule, auto_notes = _auto_texts(min_windows)
    params = _COMMON_PARAMS_DOC.format(auto_rule=auto_rule, **defaults)
    notes = _COMMON_NOTES_DOC.replace("{auto_notes}", auto_notes)
    return (
        doc.replace("{common_params}", params)
        .replace("{common_attributes}", _COMMON_ATTRIBUTES_DOC)
        .replace("{common_notes}", notes)
    )


class CNNClassifier(BaseDeepClassifier):
    __doc__ = _fill(
        """1D convolutional network for windows of inertial signals.

    The default network is the classic HAR 1D CNN with wider kernels: two
    Conv1D(64, 7) with ReLU, dropout 0.5, max-pooling 2, a dense layer of
    100 units and a softmax (built by
    :func:`sklearn_har.deep.networks.build_cnn`), reading window-centred
    channels, with the window statistics joining the flattened convolution
    features in front of the dense layer. The published network (kernels
    of 3, no level/movement split) is
    ``CNNClassifier(kernel_size=3, window_stats=False, center_windows=False)``;
    add ``lr_schedule="constant"`` for its constant learning rate too.

    Parameters
    ----------
    filters : int, default=64
        Filters of every convolution.
    kernel_size : int, default=7
        Kernel length of every convolution (3 in the published network).
        7 was chosen by subject-wise cross-validation on the UCI HAR
        training subjects, where it beat 3, 5 and 9 (95.2 % against 94.1 %,
        94.8 % and 94.7 %, 3 seeds), and checked at 60 to 2,500 training
        windows and on a second data set (``benchmarks/RESULTS.md``).
    n_conv_layers : int, default=2
        Number of stacked convolutions.
    dropout : float in [0, 1), default=0.5
        Dropout rate after the convolutions.
    pool_size : int, default=2
        Max-pooling size (1: no pooling).
    dense_units : int, default=100
        Units of the hidden dense layer (0: none).
    padding : {"valid", "same"}, default="valid"
        Padding of convolutions and pooling; ``"same"`` accepts any window
        length.
{common_params}

    Attributes
    ----------
{common_attributes}

    See Also
    --------
    MultiHeadCNNClassifier : Parallel heads with different kernel sizes.
    CNNLSTMClassifier : A CNN per subsequence followed by an LSTM.

    Notes
    -----
{common_notes}

    The architecture is the 1D CNN of J. Brownlee (2018), "How to Develop 1D
    Convolutional Neural Network Models for Human Activity Recognition"
    (Machine Learning Mastery), evaluated on the UCI HAR data of D. Anguita
    et al. (2013), "A Public Domain Dataset for Human Activity Recognition
    Using Smartphones", ESANN. The training defaults (batch size, epochs,
    cosine learning-rate decay) were chosen by subject-wise validation on
    the training subjects; batches of 32, as in the published experiment,
    beat 64 for every one of 5 seeds of 3-fold cross-validation (94.54 %
    against 94.33 % on average).

    Examples
    --------
    >>> from sklearn.pipeline import make_pipeline
    >>> from sklearn_har.deep import CNNClassifier
    >>> from sklearn_har.preprocessing import ChannelStandardScaler
    >>> clf = make_pipeline(ChannelStandardScaler(), CNNClassifier(random_state=0))
    >>> clf.fit(X_train, y_train)  # doctest: +SKIP
    >>> clf.score(X_test, y_test)  # doctest: +SKIP
    """,
        noise_std=0.0,
        epochs=10,
        batch_size=32,
        learning_rate=0.001,
    )

    _network = cnn.NETWORK

    def __init__(
        self,
        *,
        filters=64,
        kernel_size=7,
        n_conv_layers=2,
        dropout=0.5,
        pool_size=2,
        dense_units=100,
        padding="valid",
        window_stats="auto",
        center_windows="auto",
        noise_std=0.0,
        epochs=10,
        batch_size=32,
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
        self.kernel_size = kernel_size
        self.n_conv_layers = n_conv_layers
        self.dropout = dropout
        self.pool_size = pool_size
        self.dense_units = dense_units
        self.padding = padding
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
            "filters": 4,
            "kernel_size": 3,
            "n_conv_layers": 1,
            "dense_units": 8,
            "padding": "same",
            "epochs": 1,
            "batch_size": 256,
            "optimizer": "sgd",
            "run_eagerly": True,
        }


class MultiHeadCNNClassifier(BaseDeepClassifier):
    __doc__ = _fill(
        """Multi-head 1D CNN: parallel convolution heads with different kernel sizes.

    Every head (one per entry of ``kernel_sizes``) reads the whole window
    with ``n_conv_layers`` Conv1D layers, dropout and max-pooling; the
    flattened heads are concatenated and followed by a dense layer and the
    softmax (built by :func:`sklearn_har.deep.networks.build_multihead_cnn`).

    Parameters
    ----------
    kernel_sizes : tuple of int, default=(3, 5, 11)
        Kernel length of each head.
    filters : int, default=64
        Filters of every convolution.
    n_conv_layers : int, default=1
        Convolutions per head.
    dropout : float in [0, 1), default=0.5
        Dropout rate in each head.
    pool_size : int, default=2
        Max-pooling size (1: no pooling).
    dense_units : int, default=100
        Units of the dense layer after the concatenation (0: none).
    padding : {"valid", "same"}, default="valid"
        Padding of convolutions and pooling.
{common_params}

    Attributes
    ----------
{common_attributes}

    See Also
    --------
    CNNClassifier : A single convolution stack.

    Notes
    -----
{common_notes}

    After the multi-headed 1D CNN of Brownlee (2018), "How to Develop 1D
    Convolutional Neural Network Models for Human Activity Recognition".

    Examples
    --------
    >>> from sklearn_har.deep import MultiHeadCNNClassifier
    >>> MultiHeadCNNClassifier(kernel_sizes=(3, 7)).get_params()["kernel_sizes"]
    (3, 7)
    """,
        noise_std=0.0,
        epochs=20,
        batch_size=64,
        learning_rate=0.001,
    )

    _network = multihead.NETWORK

    def __init__(
        self,
        *,
        kernel_sizes=(3, 5, 11),
        filters=64,
        n_conv_layers=1,
        dropout=0.5,
        pool_size=2,
        dense_units=100,
        padding="valid",
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
        self.kernel_sizes = kernel_sizes
        self.filters = filters
        self.n_conv_layers = n_conv_layers
        self.dropout = dropout
        self.pool_size = pool_size
        self.dense_units = dense_units
        self.padding = padding
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
            "kernel_sizes": (2, 3),
            "filters": 4,
            "dense_units": 8,
            "padding": "same",
            "epochs": 1,
            "batch_size": 256,
            "optimizer": "sgd",
            "run_eagerly": True,
        }


class LSTMClassifier(BaseDeepClassifier):
    __doc__ = _fill(
        """LSTM network (stacked, optionally bidirectional) for windows.

    ``n_layers`` LSTM layers of ``units`` units read the window sample by
    sample; the last hidden state goes through dropout, a dense layer and
    the softmax (built by :func:`sklearn_har.deep.networks.build_lstm`).
    The defaults give the single LSTM(100) network of the published
    examples; ``units=32, n_layers=2`` the stacked 2 × 32 one.

    Parameters
    ----------
    units : int, default=100
        Units of every LSTM layer (per direction).
    n_layers : int, default=1
        Number of stacked LSTM layers.
    bidirectional : bool, default=False
        Make every LSTM layer bidirectional.
    dropout : float in [0, 1), default=0.5
        Dropout rate after the last LSTM layer.
    dense_units : int, default=100
        Units of the hidden dense layer (0: none).
{common_params}

    Attributes
    ----------
{common_attributes}

    See Also
    --------
    CNNLSTMClassifier : Convolutions per subsequence feeding an LSTM.

    Notes
    -----
{common_notes}

    Recurrent layers on CPU are several times slower to train than the
    convolutional classifiers. After Brownlee (2018), "How to Develop RNN
    Models for Human Activity Recognition Time Series Classification", and
    Chevalier (2016), "LSTMs for Human Activity Recognition".

    Examples
    --------
    >>> from sklearn_har.deep import LSTMClassifier
    >>> LSTMClassifier(units=32, n_layers=2).get_params()["n_layers"]
    2
    """,
        noise_std=0.0,
        epochs=20,
        batch_size=64,
        learning_rate=0.001,
    )

    _network = lstm.NETWORK

    def __init__(
        self,
        *,
        units=100,
        n_layers=1,
        bidirectional=False,
        dropout=0.5,
        dense_units=100,
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
        self.n_layers = n_layers
        self.bidirectional = bidirectional
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
            "units": 4,
            "dense_units": 0,
            "epochs": 1,
            "batch_size": 256,
            "optimizer": "sgd",
            "run_eagerly": True,
        }


class CNNLSTMClassifier(BaseDeepClassifier):
    __doc__ = _fill(
        """CNN-LSTM: a CNN reads each subsequence of the window, an LSTM the results.

    Each window of ``n_timesteps`` samples is split into ``n_subsequences``
    consecutive subsequences; the same CNN (``n_conv_layers`` Conv1D,
    dropout, max-pooling, flatten) is applied to each one, an LSTM reads the
    sequence of CNN outputs, then dropout, a dense layer and the softmax
    (built by :func:`sklearn_har.deep.networks.build_cnn_lstm`).

    Parameters
    ----------
    n_subsequences : int, default=4
        Number of subsequences; must divide the window length.
    filters : int, default=64
        Filters of every convolution.
    kernel_size : int, default=3
        Kernel length of every convolution.
    n_conv_layers : int, default=2
        Convolutions per subsequence.
    dropout : float in [0, 1), default=0.5
        Dropout rate after the convolutions and after the LSTM.
    pool_size : int, default=2
        Max-pooling size (1: no pooling).
    lstm_units : int, default=100
        Units of the LSTM.
    dense_units : int, default=100
        Units of the hidden dense layer (0: none).
    padding : {"valid", "same"}, default="valid"
        Padding of convolutions and pooling.
{common_params}

    Attributes
    ----------
{common_attributes}

    See Also
    --------
    ConvLSTMClassifier : Convolutions inside the LSTM gates instead.

    Notes
    -----
{common_notes}

    After the CNN-LSTM of Brownlee (2018), "How to Develop RNN Models for
    Human Activity Recognition Time Series Classification".

    Examples
    --------
    >>> from sklearn_har.deep import CNNLSTMClassifier
    >>> CNNLSTMClassifier(n_subsequences=8).get_params()["n_subsequences"]
    8
    """,
        noise_std=0.0,
        epochs=10,
        batch_size=64,
        learning_rate=0.001,
    )

    _network = cnn_lstm.NETWORK

    def __init__(
        self,
        *,
        n_subsequences=4,
        filters=64,
        kernel_size=3,
        n_conv_layers=2,
        dropout=0.5,
        pool_size=2,
        lstm_units=100,
        dense_units=100,
        padding="valid",
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
        self.n_subsequences = n_subsequences
        self.filters = filters
        self.kernel_size = kernel_size
        self.n_conv_layers = n_conv_layers
        self.dropout = dropout
        self.pool_size = pool_size
        self.lstm_units = lstm_units
        self.dense_units = dense_units
        self.padding = padding
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
            "n_subsequences": 1,
            "filters": 4,
            "n_conv_layers": 1,
            "lstm_units": 4,
            "dense_units": 0,
            "padding": "same",
            "epochs": 1,
            "batch_size": 256,
            "optimizer": "sgd",
            "run_eagerly": True,
        }


class ConvLSTMClassifier(BaseDeepClassifier):
    __doc__ = _fill(
        """ConvLSTM: a convolutional LSTM over the subsequences of each window.

    Each window is split into ``n_subsequences`` consecutive subsequences
    that are the time steps of a ConvLSTM2D layer whose gates are
    convolutions (kernel ``(1, kernel_size)``) along the samples of a
    subsequence; then dropout, flatten, a dense layer and the softmax
    (built by :func:`sklearn_har.deep.networks.build_convlstm`).

    Parameters
    ----------
    n_subsequences : int, default=4
        Number of subsequences; must divide the window length.
    filters : int, default=64
        Filters of the ConvLSTM2D layer.
    kernel_size : int, default=3
        Kernel length along the samples of a subsequence.
    dropout : float in [0, 1), default=0.5
        Dropout rate after the ConvLSTM layer.
    dense_units : int, default=100
        Units of the hidden dense layer (0: none).
    padding : {"valid", "same"}, default="valid"
        Padding of the ConvLSTM2D convolutions.
{common_params}

    Attributes
    ----------
{common_attributes}

    See Also
    --------
    CNNLSTMClassifier : A CNN per subsequence followed by a plain LSTM.

    Notes
    -----
{common_notes}

    After the ConvLSTM of Shi et al. (2015), "Convolutional LSTM Network: A
    Machine Learning Approach for Precipitation Nowcasting", NeurIPS, as
    applied to UCI HAR by Brownlee (2018).

    Examples
    --------
    >>> from sklearn_har.deep import ConvLSTMClassifier
    >>> ConvLSTMClassifier(filters=32).get_params()["filters"]
    32
    """,
        noise_std=0.0,
        epochs=20,
        batch_size=64,
        learning_rate=0.001,
    )

    _network = convlstm.NETWORK

    def __init__(
        self,
        *,
        n_subsequences=4,
        filters=64,
        kernel_size=3,
        dropout=0.5,
        dense_units=100,
        padding="valid",
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
        self.n_subsequences = n_subsequences
        self.filters = filters
        self.kernel_size = kernel_size
        self.dropout = dropout
        self.dense_units = dense_units
        self.padding = padding
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
            "n_subsequences": 1,
            "filters": 2,
            "kernel_size": 2,
            "dense_units": 0,
            "padding": "same",
            "epochs": 1,
            "batch_size": 256,
            "optimizer": "sgd",
            "run_eagerly": True,
        }
