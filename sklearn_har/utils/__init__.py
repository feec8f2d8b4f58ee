"""Validation helpers and estimator discovery."""

from ._param_validation import InvalidParameterError
from ._validation import (
    check_recording_groups,
    check_recording_labels,
    check_recordings,
    check_windows,
    restore_structure,
    validate_windows,
)
from .discovery import all_estimators

__all__ = [
    "InvalidParameterError",
    "all_estimators",
    "check_recording_groups",
    "check_recording_labels",
    "check_recordings",
    "check_windows",
    "restore_structure",
    "validate_windows",
]
