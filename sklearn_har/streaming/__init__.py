"""Predictions on live sensor streams, chunk by chunk.

:class:`StreamPredictor` feeds chunks of one or many streams through the
causal stream preprocessing, cuts the same windows as offline prediction
and predicts all the windows completed by a call in one batch.
"""

from ._predictor import StreamPredictor

__all__ = ["StreamPredictor"]
