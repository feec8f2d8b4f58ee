"""Base class for transformers that filter continuous recordings."""

import numpy as np
from sklearn.base import BaseEstimator, TransformerMixin
from sklearn.utils.validation import check_is_fitted

from ..utils import check_recordings, restore_structure
from ..utils._param_validation import fit_context
from ..utils._validation import _all_finite

__all__ = ["BaseStreamTransformer"]


class BaseStreamTransformer(TransformerMixin, BaseEstimator):
    """Stateless filter of recordings that keeps the number of samples.

    Subclasses implement ``_transform_one(recording)`` for one validated 2-D
    float array (and may override ``_check_params``, ``_min_samples`` and
    ``_output_names``).  ``fit`` only validates the parameters and records the
    number of channels; ``transform`` accepts one recording ``(n, c)`` or a
    list of recordings and returns the same structure.  Each recording is
    filtered on its own: no filter state crosses from one recording into the
    next.

    sklearn's ``check_methods_sample_order_invariance`` and
    ``check_methods_subset_invariance`` cannot pass for a filter over time
    (each output sample depends on its neighbours); they are the documented
    expected failures of every stream transformer.
    """

    def _check_params(self):
        """Validate parameter combinations that the constraints cannot express."""

    def _min_samples(self):
        """Shortest recording the filter can process."""
        return 1

    def _expected_channels(self):
        """Number of input channels the transformer needs, or None for any."""
        return None

    @fit_context
    def fit(self, X, y=None):
        """Validate parameters and input; nothing is learned from the data.

        Parameters
        ----------
        X : array-like of shape (n_samples, n_channels) or list of such
            One recording or a list of recordings.
        y : None
            Ignored.

        Returns
        -------
        self : object
            Fitted transformer.
        """
        self._check_params()
        expected = self._expected_channels()
        try:
            recordings, is_list = check_recordings(
                X, n_channels=expected, min_samples=self._min_samples()
            )
        except ValueError as exc:
            if expected is None or "channels, but" not in str(exc):
                raise
            raise ValueError(
                f"{type(self).__name__} needs {expected} channels in this order: "
                f"{self._channel_order()}. {exc}"
            ) from None
        self.n_features_in_ = recordings[0].shape[1]
        names = getattr(X, "columns", None) if not is_list else None
        if names is not None and all(isinstance(c, str) for c in names):
            self.feature_names_in_ = np.asarray(names, dtype=object)
        elif hasattr(self, "feature_names_in_"):
            del self.feature_names_in_
        return self

    def _channel_order(self):
        """The meaning of the fixed input channels (when there is a fixed count)."""
        return "see the class documentation"

    def transform(self, X):
        """Filter every recording.

        Parameters
        ----------
        X : array-like of shape (n_samples, n_channels) or list of such
            One recording or a list of recordings, with the channel count
            seen in :meth:`fit`.

        Returns
        -------
        Xt : ndarray of shape (n_samples, n_channels_out) or list of such
            The filtered recording(s), same structure and lengths as ``X``.
        """
        check_is_fitted(self)
        recordings, is_list = check_recordings(
            X,
            n_channels=self.n_features_in_,
            min_samples=self._min_samples(),
            estimator=self,
        )
        out = []
        for i, rec in enumerate(recordings):
            where = f"recording {i}" if is_list else "the recording"
            try:
                with np.errstate(over="ignore", invalid="ignore"):
                    result = self._transform_one(rec).astype(rec.dtype, copy=False)
            except ValueError as exc:
                raise ValueError(
                    f"{type(self).__name__} failed on {where}: {exc}"
                ) from exc
            if not _all_finite(result):
                raise ValueError(
                    f"{type(self).__name__}: the filtered signal of {where} "
                    "overflowed the floating-point range although the input is "
                    f"finite (largest magnitude {float(np.max(np.abs(rec))):.3g}). "
                    "Rescale the signals (for example to g and rad/s) first."
                )
            out.append(result)
        return restore_structure(out, is_list)

    def _output_names(self, input_features):
        return np.asarray(input_features, dtype=object)

    def get_feature_names_out(self, input_features=None):
        """Output channel names.

        Parameters
        ----------
        input_features : array-like of str, default=None
            Input channel names; defaults to ``feature_names_in_`` or
            ``x0, x1, ...``.

        Returns
        -------
        feature_names_out : ndarray of str
        """
        check_is_fitted(self)
        if input_features is None:
            input_features = getattr(self, "feature_names_in_", None)
        if input_features is None:
            input_features = [f"x{i}" for i in range(self.n_features_in_)]
        elif len(input_features) != self.n_features_in_:
            raise ValueError(
                f"input_features has {len(input_features)} names but "
                f"{self.n_features_in_} channels were seen in fit."
            )
        return self._output_names(list(input_features))

    def __sklearn_tags__(self):
        tags = super().__sklearn_tags__()
        tags.transformer_tags.preserves_dtype = ["float64", "float32"]
        return tags

    @classmethod
    def _get_expected_failed_checks(cls):
        why = (
            "a filter over time mixes neighbouring samples, so the output of a "
            "sample depends on the order and on the other samples of the recording."
        )
        return {
            "check_methods_sample_order_invariance": why,
            "check_methods_subset_invariance": why,
        }
