"""Validation helpers and estimator discovery."""

from ._validation import (
    check_recording_groups,
    check_recording_labels,
    check_recordings,
    check_windows,
    restore_structure,
)
from .discovery import all_estimators

__all__ = [
    "all_estimators",
    "check_recording_groups",
    "check_recording_labels",
    "check_recordings",
    "check_windows",
    "restore_structure",
]
