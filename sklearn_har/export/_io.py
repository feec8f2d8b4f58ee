"""Atomic file writes: a failed export never leaves a half-written file."""

import json
import os
import tempfile
from pathlib import Path

__all__ = ["check_writable", "write_files_atomically"]


def check_writable(path):
    """Return ``path`` as a :class:`~pathlib.Path` after checking it can be written.

    Checked before any conversion work, so that a wrong path fails at once
    with a message that names it.

    Raises
    ------
    FileNotFoundError
        If the directory of ``path`` does not exist.
    IsADirectoryError
        If ``path`` is an existing directory.
    PermissionError
        If the directory, or an existing file at ``path``, is not writable.
    """
    path = Path(os.fspath(path))
    parent = path.parent if str(path.parent) else Path(".")
    if path.is_dir():
        raise IsADirectoryError(
            f"Cannot export to {str(path)!r}: it is a directory; give a file name."
        )
    if not parent.is_dir():
        raise FileNotFoundError(
            f"Cannot export to {str(path)!r}: the directory {str(parent)!r} does "
            "not exist."
        )
    if not os.access(parent, os.W_OK | os.X_OK):
        raise PermissionError(
            f"Cannot export to {str(path)!r}: the directory {str(parent)!r} is not "
            "writable."
        )
    if path.exists() and not os.access(path, os.W_OK):
        raise PermissionError(
            f"Cannot export to {str(path)!r}: the existing file is read-only."
        )
    return path


def write_files_atomically(contents, *, verify=None):
    """Write several files so that each is either complete or untouched.

    Every file is first written to a temporary file in its own directory
    (same file system, so :func:`os.replace` is atomic), then ``verify`` is
    called with the temporary paths, and only then are the files moved to
    their names. On any error the temporary files are removed and the
    existing files at the target paths stay as they were.

    Parameters
    ----------
    contents : dict of Path to bytes or dict
        What to write where; a dict is written as indented JSON.
    verify : callable, default=None
        Called with ``{path: temporary_path}`` before the files are moved;
        it raises to abort the export.
    """
    temporary = {}
    try:
        for path, data in contents.items():
            if isinstance(data, dict):
                data = (json.dumps(data, indent=2, allow_nan=False) + "\n").encode()
            fd, name = tempfile.mkstemp(
                dir=path.parent, prefix=f".{path.name}.", suffix=".tmp"
            )
            temporary[path] = Path(name)
            with os.fdopen(fd, "wb") as f:
                f.write(data)
                f.flush()
                os.fsync(f.fileno())
        if verify is not None:
            verify(dict(temporary))
        for path, name in temporary.items():
            os.replace(name, path)
    finally:
        for name in temporary.values():
            if name.exists():
                name.unlink()


class ExportVerificationError(RuntimeError):
    """The exported model does not reproduce the Python model.

    Raised before anything is written: the file at the target path is left
    as it was.
    """


def manifest_path(path):
    """Where the manifest of the model at ``path`` goes: ``<path>.json``."""
    return path.with_name(path.name + ".json")


def finish_export(path, model_bytes, make_manifest, verify):
    """Write the model and its manifest, moving them in place only once verified.

    ``verify(model_path)`` runs on the written temporary model file and
    returns the verification record; ``make_manifest(verification, n_bytes,
    sha256)`` returns the manifest dictionary. Both files are written to
    temporary files first and replace ``path`` and ``<path>.json`` only when
    everything succeeded.
    """
    import hashlib

    from sklearn.utils import Bunch

    target = manifest_path(path)
    check_writable(target)
    record = {}

    def verify_and_describe(temporary):
        record.update(verify(temporary[path]))
        manifest = make_manifest(
            record, len(model_bytes), hashlib.sha256(model_bytes).hexdigest()
        )
        record["manifest"] = manifest
        write_files_atomically({target: manifest})

    write_files_atomically({path: model_bytes}, verify=verify_and_describe)
    return Bunch(path=path, manifest_path=target, manifest=record["manifest"])
