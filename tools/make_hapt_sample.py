"""Build the HAPT sample bundled in ``sklearn_har/datasets/data/``.

Reads the official ``HAPT Data Set.zip`` (or its extracted folder) with
:func:`sklearn_har.datasets.load_hapt`, keeps the experiments of a few
volunteers, and writes them losslessly to ``hapt_sample.npz``:

* each sensor (accelerometer, gyroscope) is dictionary-coded: a ``float64``
  table of its distinct values and a ``uint16`` code per sample and axis,
  so decoding reproduces the parsed text values bit for bit;
* labels are kept as the original ``RawData/labels.txt`` rows of those
  experiments (1-based, inclusive ``start``/``end``).

The output is deterministic for a given input: arrays are written in a fixed
order into a zip with fixed timestamps. The script checks its output by
decoding it with :func:`sklearn_har.datasets.load_sample`'s reader and
comparing it with the source, and prints its size and SHA-256.

Usage::

    python tools/make_hapt_sample.py [--data-home PATH] [--subjects 1 2 3 4 5 6]
"""

import argparse
import hashlib
import io
import os
import sys
import zipfile
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_OUTPUT = ROOT / "sklearn_har" / "datasets" / "data" / "hapt_sample.npz"
DEFAULT_SUBJECTS = (1, 2, 3, 4, 5, 6)
FORMAT_VERSION = 1
_FIXED_DATE = (1980, 1, 1, 0, 0, 0)


def _dictionary_code(values):
    """Return (table, codes) with ``table[codes] == values`` exactly."""
    table, codes = np.unique(values, return_inverse=True)
    if table.size > np.iinfo(np.uint16).max + 1:
        raise ValueError(f"{table.size} distinct values do not fit uint16 codes")
    return table, codes.reshape(values.shape).astype(np.uint16)


def build_sample_arrays(data_home=None, subjects=DEFAULT_SUBJECTS):
    """Arrays of the sample file for ``subjects``, from the real HAPT data.

    Parameters
    ----------
    data_home : str or path-like, default=None
        Where :func:`~sklearn_har.datasets.load_hapt` finds the archive.
    subjects : sequence of int, default=(1, 2, 3, 4, 5, 6)
        Volunteers to keep (all their experiments).

    Returns
    -------
    arrays : dict of str to ndarray
        The members of ``hapt_sample.npz``, in writing order.
    """
    from sklearn_har.datasets import load_hapt

    data = load_hapt(data_home, download_if_missing=False)
    keep = np.flatnonzero(np.isin(data.subjects, subjects))
    missing = sorted(set(subjects) - set(data.subjects[keep].tolist()))
    if missing:
        raise ValueError(f"subjects {missing} are not in the HAPT data set")
    experiments = data.experiments[keep]
    streams = np.concatenate([data.recordings[i] for i in keep])
    acc_values, acc_codes = _dictionary_code(streams[:, :3])
    gyro_values, gyro_codes = _dictionary_code(streams[:, 3:])
    segments = data.segments[np.isin(data.segments.experiment, experiments)]
    # Back to the labels.txt convention: 1-based start, inclusive end.
    label_rows = np.column_stack(
        [
            segments.experiment,
            segments.subject,
            segments.activity,
            segments.start + 1,
            segments.stop,
        ]
    ).astype(np.int32)
    return {
        "format_version": np.array(FORMAT_VERSION, dtype=np.int32),
        "experiments": experiments.astype(np.int32),
        "subjects": data.subjects[keep].astype(np.int32),
        "lengths": np.array([len(data.recordings[i]) for i in keep], dtype=np.int32),
        "acc_values": acc_values,
        "acc_codes": acc_codes,
        "gyro_values": gyro_values,
        "gyro_codes": gyro_codes,
        "label_rows": label_rows,
        "activity_names": np.array(data.target_names[1:], dtype=str),
    }


def write_npz(path, arrays):
    """Write ``arrays`` as a compressed ``.npz`` with reproducible bytes.

    The file is written next to ``path`` and moved into place atomically.
    """
    path = Path(path)
    tmp = path.with_name(f".{path.name}.tmp")
    try:
        with zipfile.ZipFile(tmp, "w") as zip_file:
            for name, array in arrays.items():
                buffer = io.BytesIO()
                np.lib.format.write_array(
                    buffer, np.asarray(array, order="C"), allow_pickle=False
                )
                info = zipfile.ZipInfo(f"{name}.npy", date_time=_FIXED_DATE)
                info.external_attr = 0o644 << 16
                zip_file.writestr(
                    info,
                    buffer.getvalue(),
                    compress_type=zipfile.ZIP_DEFLATED,
                    compresslevel=9,
                )
        os.replace(tmp, path)
    finally:
        tmp.unlink(missing_ok=True)
    return path


def _verify(path, data_home, subjects):
    """Decode ``path`` like ``load_sample`` does and compare with the source."""
    from sklearn_har.datasets import load_hapt
    from sklearn_har.datasets._hapt import _make_bunch
    from sklearn_har.datasets._sample import _decode

    sample = _make_bunch(**_decode(path), descr="", copy=False)
    full = load_hapt(data_home, download_if_missing=False)
    keep = np.flatnonzero(np.isin(full.subjects, subjects))
    assert np.array_equal(sample.experiments, full.experiments[keep])
    for j, i in enumerate(keep):
        assert np.array_equal(sample.recordings[j], full.recordings[i])
        assert np.array_equal(sample.labels[j], full.labels[i])
    mask = np.isin(full.segments.experiment, sample.experiments)
    assert np.array_equal(sample.segments, full.segments[mask])
    assert np.array_equal(sample.target_names, full.target_names)


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--data-home",
        default=None,
        help="HAPT zip file or folder holding it (default: SKLEARN_HAR_DATA)",
    )
    parser.add_argument(
        "--subjects", type=int, nargs="+", default=list(DEFAULT_SUBJECTS)
    )
    parser.add_argument("--output", type=Path, default=DEFAULT_OUTPUT)
    args = parser.parse_args(argv)

    arrays = build_sample_arrays(args.data_home, args.subjects)
    path = write_npz(args.output, arrays)
    _verify(path, args.data_home, args.subjects)
    content = path.read_bytes()
    print(
        f"wrote {path} ({len(content):,} bytes, sha256 "
        f"{hashlib.sha256(content).hexdigest()}): subjects {args.subjects}, "
        f"{len(arrays['experiments'])} experiments, "
        f"{int(arrays['lengths'].sum()):,} samples, "
        f"{len(arrays['label_rows'])} segments; verified lossless"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
