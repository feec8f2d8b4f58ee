"""Helpers shared by the displays (matplotlib is imported lazily, never here)."""

import numbers

import numpy as np

__all__ = []


def _check_matplotlib_support(caller_name):
    """Raise an ImportError naming the ``plot`` extra when matplotlib is missing.

    The same contract as scikit-learn's helper of the same purpose (which is
    not public API): displays call it first, then import matplotlib.

    Parameters
    ----------
    caller_name : str
        The method that needs matplotlib, e.g. ``"RecordingDisplay.plot"``.
    """
    try:
        import matplotlib  # noqa: F401
    except ImportError as exc:
        raise ImportError(
            f"{caller_name} requires matplotlib. Install it with "
            "`pip install 'sklearn_har[plot]'` (or `pip install matplotlib`)."
        ) from exc


def _new_figure(**kwargs):
    """A new figure and axes from ``pyplot.subplots`` (the display default)."""
    import matplotlib.pyplot as plt

    return plt.subplots(**kwargs)


def _check_axes(ax, name="ax"):
    """Check that ``ax`` is a matplotlib Axes (or None)."""
    from matplotlib.axes import Axes

    if ax is not None and not isinstance(ax, Axes):
        raise TypeError(
            f"{name} must be a matplotlib Axes or None, got {type(ax).__name__}."
        )
    return ax


def _check_positive(value, name):
    """A positive finite real number, as float."""
    if (
        isinstance(value, bool)
        or not isinstance(value, numbers.Real)
        or not np.isfinite(value)
        or value <= 0
    ):
        raise ValueError(f"{name} must be a positive number, got {value!r}.")
    return float(value)


def _merge_kw(defaults, user, name, artist_class=None):
    """``defaults`` updated with the user's style dict ``user`` (checked).

    With ``artist_class`` (e.g. ``matplotlib.lines.Line2D``), aliases such as
    ``lw``/``linewidth`` or ``c``/``color`` are normalised first, so that a
    user's alias overrides the default's full name instead of clashing.
    """
    if user is None:
        user = {}
    if not isinstance(user, dict):
        raise TypeError(f"{name} must be a dict or None, got {type(user).__name__}.")
    if artist_class is not None:
        from matplotlib import cbook

        defaults = cbook.normalize_kwargs(defaults, artist_class)
        user = cbook.normalize_kwargs(user, artist_class)
    return {**defaults, **user}
