"""TensorFlow and Keras: their import, seeding and the callbacks of training.

Nothing here imports TensorFlow at module import; :func:`import_keras` does,
on the first ``fit`` (or load) of a deep classifier. Only public APIs of
TensorFlow and Keras are used.
"""

import logging
import os
import random
import sys
from contextlib import contextmanager

import numpy as np

__all__ = [
    "import_keras",
    "no_retracing_notice",
    "seeded",
    "stop_on_non_finite_loss",
]


@contextmanager
def _native_stderr_silenced(silence):
    """Send what native code writes to file descriptor 2 to /dev/null."""
    if not silence:
        yield
        return
    sys.stderr.flush()
    saved = os.dup(2)
    try:
        with open(os.devnull, "w") as devnull:
            os.dup2(devnull.fileno(), 2)
            yield
    finally:
        os.dup2(saved, 2)
        os.close(saved)


def import_keras():
    """Import Keras (and TensorFlow) with a helpful error when missing.

    With ``TF_CPP_MIN_LOG_LEVEL=3`` (errors hidden, as the command line sets
    it) the first import also hides the lines that TensorFlow's C++ runtime
    writes to stderr before its log level is read (oneDNN and CPU-feature
    notices); a failed import still raises with its message.

    Returns
    -------
    keras, tf : module
        The ``keras`` and ``tensorflow`` modules.

    Raises
    ------
    ImportError
        If TensorFlow or Keras is not installed, naming the ``deep`` extra.
    """
    quiet = (
        "tensorflow" not in sys.modules
        and os.environ.get("TF_CPP_MIN_LOG_LEVEL", "") == "3"
    )
    try:
        with _native_stderr_silenced(quiet):
            import keras
            import tensorflow as tf
    except ImportError as exc:  # pragma: no cover - depends on the environment
        raise ImportError(
            "The deep classifiers of sklearn_har need TensorFlow and Keras: "
            "pip install 'sklearn_har[deep]'."
        ) from exc
    return keras, tf


@contextmanager
def seeded(seed):
    """Seed Python, NumPy, TensorFlow and Keras and make TF ops deterministic.

    Used around building and training when ``random_state`` is given, through
    public APIs only: :func:`keras.utils.set_random_seed` and
    :func:`tf.config.experimental.enable_op_determinism`.

    On exit the global states of Python's :mod:`random` and of NumPy's
    legacy generator are put back as they were. TensorFlow's global seed
    and its op-determinism flag **stay set**: TensorFlow has no public API
    to read them, so they cannot be restored. Unseeded TensorFlow random
    ops keep working afterwards (the global seed is set).

    Parameters
    ----------
    seed : int or None
        The seed; ``None`` changes nothing.
    """
    if seed is None:
        yield
        return
    keras, tf = import_keras()
    py_state = random.getstate()
    np_state = np.random.get_state()  # noqa: NPY002 (restored below)
    try:
        keras.utils.set_random_seed(int(seed))
        tf.config.experimental.enable_op_determinism()
        yield
    finally:
        random.setstate(py_state)
        np.random.set_state(np_state)  # noqa: NPY002


def stop_on_non_finite_loss():
    """A Keras callback that stops training when the batch loss is NaN or inf.

    Returns
    -------
    callback : keras.callbacks.Callback
        An instance of ``StopOnNonFiniteLoss``; ``fit`` then reports the
        divergence with a ValueError.
    """
    keras, _ = import_keras()

    class StopOnNonFiniteLoss(keras.callbacks.Callback):
        def on_train_batch_end(self, batch, logs=None):
            loss = (logs or {}).get("loss")
            if loss is not None and not np.isfinite(float(loss)):
                self.model.stop_training = True

    return StopOnNonFiniteLoss()


class _DropRetracingNotice(logging.Filter):
    """Drop TensorFlow's "triggered tf.function retracing" notice.

    Every fitted network traces its own predict function once per batch
    shape.  TensorFlow counts the traces of all networks together, so
    after five fitted networks in one process (repeats, folds, grid
    searches) it warns of "excessive retracing" that is not there.
    """

    def filter(self, record):
        return "triggered tf.function retracing" not in record.getMessage()


@contextmanager
def no_retracing_notice():
    """Hide TensorFlow's (spurious) retracing notice inside the block."""
    logger = logging.getLogger("tensorflow")
    notice_filter = _DropRetracingNotice()
    logger.addFilter(notice_filter)
    try:
        yield
    finally:
        logger.removeFilter(notice_filter)
