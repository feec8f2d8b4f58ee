"""Export fitted models for devices and apps: TensorFlow Lite and ONNX.

:func:`to_tflite` and :func:`to_onnx` write a verified model file and,
beside it, a JSON manifest (``<path>.json``) that describes everything the
app needs to rebuild the stream side without Python: window size and step,
sampling rate, channels and units, the stream preprocessing as numpy/scipy
operations (:func:`describe_preprocessing`), the classes, and the versions.

Importing this module imports neither TensorFlow nor ONNX; each export
imports what it needs (the ``export`` extra).
"""

from ._io import ExportVerificationError
from ._manifest import build_manifest, describe_preprocessing
from ._onnx import to_onnx
from ._tflite import to_tflite

__all__ = [
    "ExportVerificationError",
    "build_manifest",
    "describe_preprocessing",
    "to_onnx",
    "to_tflite",
]
