"""Windowing: cut recordings into windows, and classify recordings through windows."""

from ._meta import WindowedClassifier
from ._sliding import SlidingWindowTransformer

__all__ = ["SlidingWindowTransformer", "WindowedClassifier"]
