"""Tests for sklearn_har.datasets: HAPT, UCI HAR v1, the bundled sample.

Synthetic distributions are written in tmp_path in the official formats;
real-data tests use the ``data_home``/``hapt`` fixtures of conftest.py. No
test touches the network: downloads are served from ``file://`` URLs or by
a fake opener.
"""

import importlib.util
import io
import os
import time
import urllib.error
import warnings
import zipfile
from contextlib import nullcontext
from dataclasses import replace
from pathlib import Path

import numpy as np
import pytest

import sklearn_har.datasets._base as base_module
import sklearn_har.datasets._hapt as hapt_module
import sklearn_har.datasets._uci_har as uci_module
from sklearn_har.datasets import (
    HAPT_URL,
    UCI_HAR_TEST_SUBJECTS,
    UCI_HAR_URL,
    get_data_home,
    load_hapt,
    load_sample,
    load_uci_har,
    load_uci_protocol,
)

ROOT = Path(__file__).resolve().parents[1]
ENV = "SKLEARN_HAR_DATA"
ACTIVITIES = [
    "WALKING",
    "WALKING_UPSTAIRS",
    "WALKING_DOWNSTAIRS",
    "SITTING",
    "STANDING",
    "LAYING",
    "STAND_TO_SIT",
    "SIT_TO_STAND",
    "SIT_TO_LIE",
    "LIE_TO_SIT",
    "STAND_TO_LIE",
    "LIE_TO_STAND",
]
HAPT_KEYS = {
    "recordings",
    "labels",
    "subjects",
    "experiments",
    "target_names",
    "channel_names",
    "sampling_rate",
    "segments",
    "DESCR",
}


# --------------------------------------------------------------------------
# Writing small distributions in the official formats
# --------------------------------------------------------------------------


def _text_rows(array, fmt="{!r}"):
    return "".join(" ".join(fmt.format(float(v)) for v in row) + "\n" for row in array)


def _activity_labels(names=ACTIVITIES):
    # The official file pads names with trailing spaces.
    return "".join(f"{i} {name:<18}\n" for i, name in enumerate(names, start=1))


# (experiment, user) -> length; labels.txt rows (1-based inclusive).
SYNTH_LENGTHS = {(1, 1): 300, (2, 1): 260, (3, 2): 280}
SYNTH_ROWS = [
    (1, 1, 5, 1, 100),
    (1, 1, 7, 101, 150),
    (1, 1, 4, 200, 300),
    (2, 1, 1, 10, 20),
    (3, 2, 12, 1, 1),
]


def make_hapt_files(seed=0, lengths=SYNTH_LENGTHS, rows=SYNTH_ROWS):
    """Member name -> text of a small HAPT distribution, and its arrays."""
    rng = np.random.default_rng(seed)
    files = {"activity_labels.txt": _activity_labels(), "README.txt": "synthetic\n"}
    arrays = {}
    for (exp, user), n in lengths.items():
        acc = np.round(rng.normal(size=(n, 3)) * 720) / 720
        gyro = rng.normal(size=(n, 3)).astype(np.float32).astype(np.float64)
        files[f"RawData/acc_exp{exp:02d}_user{user:02d}.txt"] = _text_rows(acc)
        files[f"RawData/gyro_exp{exp:02d}_user{user:02d}.txt"] = _text_rows(gyro)
        arrays[exp] = np.hstack([acc, gyro])
    files["RawData/labels.txt"] = "".join(" ".join(map(str, r)) + "\n" for r in rows)
    return files, arrays


def write_zip(path, files, prefix=""):
    path.parent.mkdir(parents=True, exist_ok=True)
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as zf:
        for name, content in files.items():
            zf.writestr(prefix + name, content)
    return path


def write_folder(root, files):
    for name, content in files.items():
        target = root / name
        target.parent.mkdir(parents=True, exist_ok=True)
        data = content.encode() if isinstance(content, str) else content
        target.write_bytes(data)
    return root


def listing(folder):
    """Names in a folder; a folder that does not exist holds nothing."""
    folder = Path(folder)
    return sorted(p.name for p in folder.iterdir()) if folder.exists() else []


@pytest.fixture
def hapt_files():
    return make_hapt_files()


@pytest.fixture
def no_env(monkeypatch, tmp_path):
    """No SKLEARN_HAR_DATA and a private home/cache: nothing real is found."""
    monkeypatch.delenv(ENV, raising=False)
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))


def _refuse(url, timeout):
    raise AssertionError(f"the test tried to open {url}")


@pytest.fixture
def no_network(monkeypatch):
    monkeypatch.setattr(base_module, "_urlopen", _refuse)


# --------------------------------------------------------------------------
# get_data_home
# --------------------------------------------------------------------------


def test_get_data_home_order(monkeypatch, tmp_path):
    monkeypatch.setenv(ENV, str(tmp_path / "env"))
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    assert get_data_home(tmp_path / "arg") == tmp_path / "arg"
    assert get_data_home(str(tmp_path / "arg")) == tmp_path / "arg"
    assert get_data_home() == tmp_path / "env"
    monkeypatch.setenv(ENV, "")  # empty counts as unset
    assert get_data_home() == tmp_path / "xdg" / "sklearn_har"
    monkeypatch.delenv(ENV)
    monkeypatch.delenv("XDG_CACHE_HOME")
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    assert get_data_home() == tmp_path / "home" / ".cache" / "sklearn_har"
    assert get_data_home("~/x") == tmp_path / "home" / "x"
    assert not (tmp_path / "home").exists()  # resolving creates nothing


def test_get_data_home_rejects_non_paths():
    with pytest.raises(TypeError, match="data_home"):
        get_data_home(3)


# --------------------------------------------------------------------------
# load_hapt on synthetic distributions
# --------------------------------------------------------------------------


def check_synthetic_hapt(data, arrays):
    assert set(data) == HAPT_KEYS
    assert data.experiments.tolist() == [1, 2, 3]
    assert data.subjects.tolist() == [1, 1, 2]
    assert data.experiments.dtype == np.int64 and data.subjects.dtype == np.int64
    for i, exp in enumerate(data.experiments):
        assert data.recordings[i].dtype == np.float64
        assert data.recordings[i].flags.c_contiguous
        np.testing.assert_array_equal(data.recordings[i], arrays[exp])
        assert data.labels[i].shape == (len(arrays[exp]),)
        assert data.labels[i].dtype.kind == "i"
    expected = np.zeros(300, dtype=int)
    expected[0:100] = 5  # labels.txt "1 100": 0-based 0..99
    expected[100:150] = 7
    expected[199:300] = 4  # the inclusive end is the last sample
    np.testing.assert_array_equal(data.labels[0], expected)
    expected = np.zeros(260, dtype=int)
    expected[9:20] = 1
    np.testing.assert_array_equal(data.labels[1], expected)
    assert data.labels[2][0] == 12 and not data.labels[2][1:].any()
    seg = data.segments
    assert seg.dtype.names == ("experiment", "subject", "activity", "start", "stop")
    assert seg.start.tolist() == [0, 100, 199, 9, 0]
    assert seg.stop.tolist() == [100, 150, 300, 20, 1]
    assert seg.subject.tolist() == [1, 1, 1, 1, 2]
    assert data.target_names.tolist() == ["UNLABELLED", *ACTIVITIES]
    assert data.channel_names == [
        "acc_x",
        "acc_y",
        "acc_z",
        "gyro_x",
        "gyro_y",
        "gyro_z",
    ]
    assert data.sampling_rate == 50
    assert "HAPT" in data.DESCR


@pytest.mark.parametrize("prefix", ["", "HAPT Data Set/"])
def test_load_hapt_zip(tmp_path, hapt_files, no_network, prefix):
    files, arrays = hapt_files
    write_zip(tmp_path / "HAPT Data Set.zip", files, prefix=prefix)
    check_synthetic_hapt(load_hapt(tmp_path, download_if_missing=False), arrays)
    # The zip path itself is accepted too.
    data = load_hapt(tmp_path / "HAPT Data Set.zip")
    check_synthetic_hapt(data, arrays)


@pytest.mark.parametrize("layout", ["HAPT Data Set", "."])
def test_load_hapt_folder(tmp_path, hapt_files, no_network, layout):
    files, arrays = hapt_files
    write_folder(tmp_path / layout, files)
    check_synthetic_hapt(load_hapt(tmp_path, download_if_missing=False), arrays)
    check_synthetic_hapt(load_hapt(tmp_path / layout), arrays)


def test_load_hapt_env_var(tmp_path, monkeypatch, hapt_files, no_network):
    files, arrays = hapt_files
    write_zip(tmp_path / "env" / "HAPT Data Set.zip", files)
    monkeypatch.setenv(ENV, str(tmp_path / "env"))
    check_synthetic_hapt(load_hapt(download_if_missing=False), arrays)
    # An explicit argument wins over the variable.
    monkeypatch.setenv(ENV, str(tmp_path / "elsewhere"))
    check_synthetic_hapt(load_hapt(tmp_path / "env"), arrays)
    with pytest.raises(FileNotFoundError):
        load_hapt(download_if_missing=False)


def test_load_hapt_returns_copies(tmp_path, hapt_files):
    files, arrays = hapt_files
    write_zip(tmp_path / "HAPT Data Set.zip", files)
    first = load_hapt(tmp_path)
    first.recordings[0][:] = -1.0
    first.labels[0][:] = 3
    first.subjects[:] = 99
    second = load_hapt(tmp_path)
    check_synthetic_hapt(second, arrays)


def test_load_hapt_cache_follows_file_changes(tmp_path):
    path = tmp_path / "HAPT Data Set.zip"
    files, _ = make_hapt_files(seed=0)
    write_zip(path, files)
    first = load_hapt(tmp_path)
    files, arrays = make_hapt_files(
        seed=1, lengths={(1, 1): 400, (2, 1): 260, (3, 2): 280}
    )
    write_zip(path, files)
    os.utime(path, ns=(1, 1))  # a different mtime whatever the clock resolution
    second = load_hapt(tmp_path)
    assert len(first.recordings[0]) == 300 and len(second.recordings[0]) == 400
    np.testing.assert_array_equal(second.recordings[1], arrays[2])


def test_load_hapt_missing(tmp_path, no_env, no_network):
    home = tmp_path / "empty"
    home.mkdir()
    with pytest.raises(FileNotFoundError) as excinfo:
        load_hapt(home, download_if_missing=False)
    message = str(excinfo.value)
    assert str(home / "HAPT Data Set.zip") in message
    assert ENV in message
    assert listing(home) == []
    # Default location: mentions the cache folder and the variable.
    with pytest.raises(FileNotFoundError, match=ENV) as excinfo:
        load_hapt(download_if_missing=False)
    assert str(tmp_path / "xdg" / "sklearn_har") in str(excinfo.value)
    assert not (tmp_path / "xdg").exists()


def test_load_hapt_corrupt_zip(tmp_path, no_network):
    path = tmp_path / "HAPT Data Set.zip"
    path.write_bytes(b"PK\x03\x04 this is not really a zip file" * 10)
    with pytest.raises(ValueError, match="not a readable zip") as excinfo:
        load_hapt(tmp_path)
    assert str(path) in str(excinfo.value)
    assert listing(tmp_path) == ["HAPT Data Set.zip"]


def test_load_hapt_truncated_zip(tmp_path, hapt_files, no_network):
    files, _ = hapt_files
    good = write_zip(tmp_path / "good.zip", files).read_bytes()
    home = tmp_path / "home"
    home.mkdir()
    (home / "HAPT Data Set.zip").write_bytes(good[: len(good) // 2])
    with pytest.raises(ValueError, match="HAPT Data Set.zip"):
        load_hapt(home)


@pytest.mark.parametrize(
    "drop, match",
    [
        ("RawData/gyro_exp02_user01.txt", "gyro_exp02_user01"),
        ("RawData/acc_exp03_user02.txt", "acc_exp03_user02"),
        ("activity_labels.txt", "activity_labels.txt"),
    ],
)
def test_load_hapt_missing_member(tmp_path, hapt_files, no_network, drop, match):
    files, _ = hapt_files
    del files[drop]
    path = write_zip(tmp_path / "HAPT Data Set.zip", files)
    with pytest.raises(ValueError, match=match) as excinfo:
        load_hapt(tmp_path)
    assert str(path) in str(excinfo.value)
    with pytest.raises(ValueError, match=match):
        load_hapt(write_folder(tmp_path / "folder", files))


def test_load_hapt_not_hapt(tmp_path, no_network):
    write_zip(tmp_path / "HAPT Data Set.zip", {"something.txt": "1 2 3\n"})
    with pytest.raises(ValueError, match="RawData/labels.txt"):
        load_hapt(tmp_path)


def test_load_hapt_length_mismatch(tmp_path, hapt_files, no_network):
    files, _ = hapt_files
    gyro = files["RawData/gyro_exp02_user01.txt"].splitlines(keepends=True)
    files["RawData/gyro_exp02_user01.txt"] = "".join(gyro[:-3])
    write_zip(tmp_path / "HAPT Data Set.zip", files)
    with pytest.raises(ValueError, match=r"260 samples.*257.*same length"):
        load_hapt(tmp_path)


@pytest.mark.parametrize(
    "member, content, match",
    [
        ("RawData/acc_exp01_user01.txt", "0.1 0.2\n0.3 0.4\n", "acc_exp01"),
        ("RawData/acc_exp01_user01.txt", "0.1 0.2 abc\n", "acc_exp01"),
        ("RawData/labels.txt", "1 1 5 1 301\n", "not inside experiment 1"),
        ("RawData/labels.txt", "1 1 5 0 10\n", "not inside experiment 1"),
        ("RawData/labels.txt", "1 2 5 1 10\n", "belongs to subject 1"),
        ("RawData/labels.txt", "4 1 5 1 10\n", "without recordings"),
        ("RawData/labels.txt", "1 1 13 1 10\n", "activity 13"),
        ("RawData/labels.txt", "1 1 5 1 10\n1 1 4 10 20\n", "overlap"),
        ("RawData/labels.txt", "1 1 5 1\n", "columns"),
        ("activity_labels.txt", "1 WALKING\n3 SITTING\n", "1, 2"),
    ],
)
def test_load_hapt_bad_content(tmp_path, hapt_files, member, content, match):
    files, _ = hapt_files
    files[member] = content
    write_zip(tmp_path / "HAPT Data Set.zip", files)
    with pytest.raises(ValueError, match=match):
        load_hapt(tmp_path)


def test_load_hapt_validates_parameters(tmp_path):
    with pytest.raises(ValueError, match="download_if_missing"):
        load_hapt(tmp_path, download_if_missing="no")
    with pytest.raises(ValueError, match="n_retries"):
        load_hapt(tmp_path, n_retries=-1)
    with pytest.raises((TypeError, ValueError), match="data_home"):
        load_hapt(3)


# --------------------------------------------------------------------------
# Downloads (file:// URLs and fake openers, never the network)
# --------------------------------------------------------------------------


def test_official_urls():
    assert HAPT_URL.startswith("https://archive.ics.uci.edu/static/public/341/")
    assert UCI_HAR_URL.startswith("https://archive.ics.uci.edu/static/public/240/")
    assert HAPT_URL.endswith(".zip") and UCI_HAR_URL.endswith(".zip")


def serve_hapt(monkeypatch, path):
    """Make load_hapt download ``path`` instead of the official address."""
    serve(monkeypatch, hapt_module, "HAPT", path)


def serve(monkeypatch, module, name, path):
    """Point the description ``module.name`` of a data set at ``path``."""
    description = getattr(module, name)
    monkeypatch.setattr(module, name, replace(description, url=path.as_uri()))


def test_download_hapt(tmp_path, monkeypatch, hapt_files, capsys):
    files, arrays = hapt_files
    source = write_zip(tmp_path / "server" / "hapt.zip", files)
    serve_hapt(monkeypatch, source)
    home = tmp_path / "new" / "home"  # does not exist yet
    data = load_hapt(home)
    check_synthetic_hapt(data, arrays)
    assert listing(home) == ["HAPT Data Set.zip"]
    assert (home / "HAPT Data Set.zip").read_bytes() == source.read_bytes()
    assert "Downloading HAPT Data Set.zip" in capsys.readouterr().err
    # Found on disk the second time: no download.
    monkeypatch.setattr(base_module, "_urlopen", _refuse)
    check_synthetic_hapt(load_hapt(home, download_if_missing=False), arrays)


def test_download_hapt_to_zip_path(tmp_path, monkeypatch, hapt_files):
    files, arrays = hapt_files
    serve_hapt(monkeypatch, write_zip(tmp_path / "server" / "x.zip", files))
    target = tmp_path / "data" / "my copy.zip"
    check_synthetic_hapt(load_hapt(target), arrays)
    assert listing(target.parent) == ["my copy.zip"]


def test_download_unwraps_inner_zip(tmp_path, monkeypatch, hapt_files):
    files, arrays = hapt_files
    inner = write_zip(tmp_path / "inner.zip", files).read_bytes()
    wrapper = write_zip(
        tmp_path / "server" / "wrapper.zip",
        {
            "__MACOSX/._HAPT Data Set.zip": b"junk",
            "notes.names": "text",
            "HAPT Data Set.zip": inner,
        },
    )
    serve_hapt(monkeypatch, wrapper)
    check_synthetic_hapt(load_hapt(tmp_path / "home"), arrays)
    assert listing(tmp_path / "home") == ["HAPT Data Set.zip"]
    assert (tmp_path / "home" / "HAPT Data Set.zip").read_bytes() == inner


@pytest.mark.parametrize("kind", ["corrupt", "truncated", "missing", "other"])
def test_download_bad_archive_leaves_nothing(tmp_path, monkeypatch, hapt_files, kind):
    files, _ = hapt_files
    source = tmp_path / "server" / "bad.zip"
    if kind == "corrupt":
        source.parent.mkdir()
        source.write_bytes(b"<html>Service unavailable</html>")
        match = "not a readable zip"
    elif kind == "truncated":
        good = write_zip(tmp_path / "good.zip", files).read_bytes()
        source.parent.mkdir()
        source.write_bytes(good[:-200])
        match = "not a readable zip"
    elif kind == "missing":
        del files["RawData/gyro_exp01_user01.txt"]
        write_zip(source, files)
        match = "gyro_exp01_user01"
    else:
        write_zip(source, {"readme.txt": "nothing here"})
        match = "RawData/labels.txt"
    serve_hapt(monkeypatch, source)
    home = tmp_path / "home"
    with pytest.raises(ValueError, match=match):
        load_hapt(home)
    assert listing(home) == []  # no final file, no temporary file


@pytest.mark.parametrize(
    "compression",
    [zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED],
    ids=["stored", "deflated"],
)
def test_download_corrupt_member(tmp_path, monkeypatch, hapt_files, compression):
    """Damaged member data (bad CRC or bad deflate stream) is caught."""
    files, _ = hapt_files
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression) as zf:
        for name, text in files.items():
            zf.writestr(name, text)
        info = zf.getinfo("RawData/acc_exp01_user01.txt")
    content = bytearray(buffer.getvalue())
    offset = info.header_offset + 30 + len(info.filename.encode()) + 5
    content[offset : offset + 2] = bytes(b ^ 0xFF for b in content[offset : offset + 2])
    source = tmp_path / "server" / "damaged.zip"
    source.parent.mkdir()
    source.write_bytes(bytes(content))
    serve_hapt(monkeypatch, source)
    with pytest.raises(ValueError, match="corrupt: member RawData/acc_exp01_user01"):
        load_hapt(tmp_path / "home")
    assert listing(tmp_path / "home") == []


class FakeResponse:
    def __init__(self, payload, *, announce=None, fail_after=None, exc=None):
        self._buffer = io.BytesIO(payload)
        size = len(payload) if announce is None else announce
        self.headers = {"Content-Length": str(size)}
        self._fail_after = fail_after
        self._exc = exc

    def read(self, n):
        if self._fail_after is not None and self._buffer.tell() >= self._fail_after:
            raise self._exc
        return self._buffer.read(min(n, 1000))

    def __enter__(self):
        return self

    def __exit__(self, *args):
        return False


def fake_opener(responses, calls):
    def opener(url, timeout):
        calls.append(url)
        item = responses[min(len(calls), len(responses)) - 1]
        if isinstance(item, BaseException):
            raise item
        return item()

    return opener


def test_download_retries_transient_errors(tmp_path, monkeypatch, hapt_files):
    files, arrays = hapt_files
    payload = write_zip(tmp_path / "good.zip", files).read_bytes()
    calls = []
    responses = [
        urllib.error.URLError("temporary failure in name resolution"),
        lambda: FakeResponse(payload, announce=len(payload) + 10),  # truncated
        lambda: FakeResponse(payload),
    ]
    monkeypatch.setattr(base_module, "_urlopen", fake_opener(responses, calls))
    with pytest.warns(RuntimeWarning, match="retrying"):
        data = load_hapt(tmp_path / "home", n_retries=2, delay=0)
    check_synthetic_hapt(data, arrays)
    assert calls == [HAPT_URL] * 3
    assert listing(tmp_path / "home") == ["HAPT Data Set.zip"]


@pytest.mark.parametrize(
    "error, n_calls",
    [
        (urllib.error.URLError("no route to host"), 3),
        (urllib.error.HTTPError(HAPT_URL, 404, "Not Found", {}, None), 1),
        (urllib.error.HTTPError(HAPT_URL, 503, "Unavailable", {}, None), 3),
    ],
)
def test_download_failure_leaves_nothing(tmp_path, monkeypatch, error, n_calls):
    calls = []
    monkeypatch.setattr(base_module, "_urlopen", fake_opener([error], calls))
    home = tmp_path / "home"
    with pytest.raises(OSError, match="Downloading") as excinfo:
        with pytest.warns(RuntimeWarning) if n_calls > 1 else nullcontext():
            load_hapt(home, n_retries=2, delay=0)
    assert HAPT_URL in str(excinfo.value)
    assert len(calls) == n_calls
    assert listing(home) == []
    # the folders the download created are removed again; existing ones stay
    assert not home.exists() and tmp_path.exists()
    nested = tmp_path / "a" / "b"
    (tmp_path / "a").mkdir()
    monkeypatch.setattr(base_module, "_urlopen", fake_opener([error], []))
    with pytest.raises(OSError), warnings.catch_warnings():
        warnings.simplefilter("ignore", RuntimeWarning)
        load_hapt(nested, n_retries=0, delay=0)
    assert not nested.exists() and (tmp_path / "a").is_dir()


def test_download_interrupted_leaves_nothing(tmp_path, monkeypatch, hapt_files):
    files, _ = hapt_files
    payload = write_zip(tmp_path / "good.zip", files).read_bytes()
    calls = []
    response = lambda: FakeResponse(  # noqa: E731
        payload, fail_after=3000, exc=KeyboardInterrupt()
    )
    monkeypatch.setattr(base_module, "_urlopen", fake_opener([response], calls))
    with pytest.raises(KeyboardInterrupt):
        load_hapt(tmp_path / "home")
    assert listing(tmp_path / "home") == []


def test_download_keeps_existing_file_on_failure(tmp_path, monkeypatch, hapt_files):
    # A download into an explicit zip path that fails must not touch other files.
    files, _ = hapt_files
    home = tmp_path / "home"
    write_zip(home / "other.zip", files)
    monkeypatch.setattr(
        base_module, "_urlopen", fake_opener([urllib.error.URLError("down")], [])
    )
    with pytest.raises(OSError):
        load_hapt(home / "HAPT Data Set.zip", n_retries=0)
    assert listing(home) == ["other.zip"]


# --------------------------------------------------------------------------
# Real HAPT data
# --------------------------------------------------------------------------


@pytest.mark.slow
def test_hapt_real_counts(hapt):
    assert set(hapt) == HAPT_KEYS
    assert len(hapt.recordings) == 61
    assert hapt.experiments.tolist() == list(range(1, 62))
    assert sum(len(r) for r in hapt.recordings) == 1_122_772
    assert len(hapt.segments) == 1214
    assert np.unique(hapt.subjects).tolist() == list(range(1, 31))
    per_subject = np.bincount(hapt.subjects)[1:]
    assert per_subject[10 - 1] == 3
    assert np.all(np.delete(per_subject, 10 - 1) == 2)
    assert np.unique(np.concatenate(hapt.labels)).tolist() == list(range(13))
    assert hapt.target_names.tolist() == ["UNLABELLED", *ACTIVITIES]
    for rec, lab in zip(hapt.recordings, hapt.labels, strict=True):
        assert rec.dtype == np.float64 and rec.ndim == 2 and rec.shape[1] == 6
        assert lab.shape == (len(rec),) and lab.dtype == np.int64
        assert np.isfinite(rec).all()
    # Units: g for the accelerometer (about 1 g at rest), rad/s for the gyro.
    static = np.concatenate(
        [
            r[np.isin(lab, (4, 5, 6))]
            for r, lab in zip(hapt.recordings, hapt.labels, strict=True)
        ]
    )
    assert np.linalg.norm(static[:, :3], axis=1).mean() == pytest.approx(1.0, abs=0.05)
    assert np.abs(static[:, 3:]).mean() < 0.1


@pytest.mark.slow
def test_hapt_real_segments(hapt, data_home):
    seg = hapt.segments
    # First row of labels.txt is "1 1 5 250 1232" (1-based, inclusive).
    assert tuple(seg[0]) == (1, 1, 5, 249, 1232)
    position = {e: i for i, e in enumerate(hapt.experiments)}
    labelled = sum(int(np.count_nonzero(lab)) for lab in hapt.labels)
    assert labelled == int((seg.stop - seg.start).sum())
    for e, a, start, stop in zip(
        seg.experiment, seg.activity, seg.start, seg.stop, strict=True
    ):
        labels = hapt.labels[position[e]]
        assert np.all(labels[start:stop] == a)
    # The official windows (128 samples, step 64, inside each segment) give
    # the per-subject, per-activity counts of Train/ and Test/ y files.
    length = seg.stop - seg.start
    n_windows = np.where(length >= 128, (length - 128) // 64 + 1, 0)
    ours = np.zeros((31, 13), dtype=int)
    np.add.at(ours, (seg.subject, seg.activity), n_windows)
    official = np.zeros((31, 13), dtype=int)
    with zipfile.ZipFile(data_home / "HAPT Data Set.zip") as zf:
        for part in ("Train/y_train.txt", "Test/y_test.txt"):
            y = np.loadtxt(io.BytesIO(zf.read(part)), dtype=int)
            subjects_file = part.replace("y_", "subject_id_")
            s = np.loadtxt(io.BytesIO(zf.read(subjects_file)), dtype=int)
            np.add.at(official, (s, y), 1)
    assert official.sum() == 10_929
    np.testing.assert_array_equal(ours, official)


@pytest.mark.slow
def test_hapt_real_zip_vs_folder(hapt, data_home, tmp_path):
    """A reduced copy (experiments 1 and 23) loads identically as zip and folder."""
    wanted = {"activity_labels.txt"}
    with zipfile.ZipFile(data_home / "HAPT Data Set.zip") as zf:
        for name in zf.namelist():
            if name.startswith(("RawData/acc_exp01_", "RawData/gyro_exp01_")) or (
                name.startswith(("RawData/acc_exp23_", "RawData/gyro_exp23_"))
            ):
                wanted.add(name)
        files = {name: zf.read(name) for name in sorted(wanted)}
        rows = np.loadtxt(io.BytesIO(zf.read("RawData/labels.txt")), dtype=int)
    keep = np.isin(rows[:, 0], (1, 23))
    files["RawData/labels.txt"] = _text_rows(rows[keep], "{:.0f}")
    small_zip = write_zip(tmp_path / "zip" / "HAPT Data Set.zip", files)
    folder = write_folder(tmp_path / "folder" / "HAPT Data Set", files)
    from_zip = load_hapt(small_zip.parent, download_if_missing=False)
    from_folder = load_hapt(folder.parent, download_if_missing=False)
    for data in (from_zip, from_folder):
        assert data.experiments.tolist() == [1, 23]
        for j, i in enumerate([0, 22]):
            np.testing.assert_array_equal(data.recordings[j], hapt.recordings[i])
            np.testing.assert_array_equal(data.labels[j], hapt.labels[i])
        np.testing.assert_array_equal(
            data.segments, hapt.segments[np.isin(hapt.segments.experiment, [1, 23])]
        )
    np.testing.assert_array_equal(from_zip.target_names, from_folder.target_names)


# --------------------------------------------------------------------------
# The bundled sample
# --------------------------------------------------------------------------

SAMPLE_PATH = ROOT / "sklearn_har" / "datasets" / "data" / "hapt_sample.npz"


def test_sample_structure(no_env, no_network):
    data = load_sample()
    assert set(data) == HAPT_KEYS
    subjects = set(data.subjects.tolist())
    assert 4 <= len(subjects) <= 6
    assert len(subjects & set(UCI_HAR_TEST_SUBJECTS)) >= 2
    assert len(subjects - set(UCI_HAR_TEST_SUBJECTS)) >= 3
    assert data.experiments.tolist() == sorted(data.experiments.tolist())
    for rec, lab in zip(data.recordings, data.labels, strict=True):
        assert rec.dtype == np.float64 and rec.shape[1] == 6 and rec.flags.c_contiguous
        assert lab.shape == (len(rec),)
    assert data.target_names.tolist() == ["UNLABELLED", *ACTIVITIES]
    assert data.sampling_rate == 50
    assert "sample" in data.DESCR.lower()
    assert set(data.segments.experiment.tolist()) == set(data.experiments.tolist())
    # The sample covers all 12 activities.
    assert np.unique(np.concatenate(data.labels)).tolist() == list(range(13))


def test_sample_file_is_small_and_attributed():
    assert SAMPLE_PATH.stat().st_size <= 5 * 2**20
    readme = (SAMPLE_PATH.parent / "README.md").read_text(encoding="utf-8")
    for text in ("CC BY 4.0", "Reyes-Ortiz", "Neurocomputing 171", "754"):
        assert text in readme


def test_sample_returns_copies():
    first = load_sample()
    original = first.recordings[0].copy()
    first.recordings[0][:] = 0
    first.labels[0][:] = 0
    second = load_sample()
    np.testing.assert_array_equal(second.recordings[0], original)
    assert second.labels[0].any()


@pytest.mark.slow
def test_sample_equals_real_data(hapt):
    sample = load_sample()
    position = {e: i for i, e in enumerate(hapt.experiments)}
    for j, exp in enumerate(sample.experiments):
        i = position[exp]
        assert sample.subjects[j] == hapt.subjects[i]
        # Lossless storage: bit-identical, not merely close.
        np.testing.assert_array_equal(sample.recordings[j], hapt.recordings[i])
        np.testing.assert_array_equal(sample.labels[j], hapt.labels[i])
    mask = np.isin(hapt.segments.experiment, sample.experiments)
    np.testing.assert_array_equal(sample.segments, hapt.segments[mask])
    # Each sampled subject is complete.
    assert set(sample.experiments.tolist()) == set(
        hapt.experiments[np.isin(hapt.subjects, sample.subjects)].tolist()
    )


@pytest.mark.slow
def test_sample_tool_rebuilds_bundled_file(hapt, data_home, tmp_path):
    spec = importlib.util.spec_from_file_location(
        "make_hapt_sample", ROOT / "tools" / "make_hapt_sample.py"
    )
    tool = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(tool)
    arrays = tool.build_sample_arrays(data_home)
    with np.load(SAMPLE_PATH) as bundled:
        assert sorted(bundled.files) == sorted(arrays)
        for name, array in arrays.items():
            np.testing.assert_array_equal(bundled[name], array, err_msg=name)
            assert bundled[name].dtype == array.dtype, name
    path = tool.write_npz(tmp_path / "rebuilt.npz", arrays)
    assert listing(tmp_path) == ["rebuilt.npz"]
    with np.load(path) as rebuilt:
        for name, array in arrays.items():
            np.testing.assert_array_equal(rebuilt[name], array)


# --------------------------------------------------------------------------
# load_uci_har on small files in the official v1 format
# --------------------------------------------------------------------------


def _v1_number(value):
    # The official files print "%.7e" with three exponent digits, "e-001".
    mantissa, exponent = f"{value:.7e}".split("e")
    return f"{mantissa}e{int(exponent):+04d}"


def _v1_rows(array):
    return "".join(
        "".join(f" {_v1_number(v):>15}" for v in row) + "\n" for row in array
    )


def make_uci_files(n_features=561, n_train=5, n_test=3):
    """Member name -> text of a small UCI HAR v1 distribution, and its arrays."""
    rng = np.random.default_rng(42)
    signals = uci_module.SIGNALS
    files = {
        "features.txt": "".join(
            f"{i} f{i}-mean()-X\n" for i in range(1, n_features + 1)
        ),
        "activity_labels.txt": "".join(
            f"{i} {n}\n" for i, n in enumerate(ACTIVITIES[:6], start=1)
        ),
        "README.txt": "synthetic\n",
    }
    arrays = {}
    for subset, n, subject_ids in (
        ("train", n_train, [1, 1, 3, 3, 3]),
        ("test", n_test, [2, 2, 4]),
    ):
        # Value k*10 + channel lets the test check the channel order.
        X = np.round(rng.normal(size=(n, 128, 9)), 4) + 10 * np.arange(9)
        features = np.round(rng.uniform(-1, 1, size=(n, n_features)), 7)
        y = rng.integers(1, 7, size=n)
        for k, name in enumerate(signals):
            files[f"{subset}/Inertial Signals/{name}_{subset}.txt"] = _v1_rows(
                X[:, :, k]
            )
        files[f"{subset}/X_{subset}.txt"] = _v1_rows(features)
        files[f"{subset}/y_{subset}.txt"] = "".join(f"{v}\n" for v in y)
        files[f"{subset}/subject_{subset}.txt"] = "".join(f"{v}\n" for v in subject_ids)
        arrays[subset] = (X, features, y, np.array(subject_ids))
    return files, arrays


@pytest.fixture(scope="module")
def uci_files():
    return make_uci_files()


def check_uci(data, arrays, subset):
    parts = ["train", "test"] if subset == "all" else [subset]
    X = np.concatenate([arrays[p][0] for p in parts])
    np.testing.assert_allclose(data.X, X, rtol=1e-7, atol=0)
    np.testing.assert_allclose(
        data.features, np.concatenate([arrays[p][1] for p in parts]), atol=1e-12
    )
    np.testing.assert_array_equal(data.y, np.concatenate([arrays[p][2] for p in parts]))
    np.testing.assert_array_equal(
        data.subjects, np.concatenate([arrays[p][3] for p in parts])
    )
    assert data.subset.tolist() == sum(([p] * len(arrays[p][2]) for p in parts), [])
    assert data.X.dtype == np.float64 and data.X.shape[1:] == (128, 9)
    assert data.features.shape[1] == 561
    assert data.feature_names.shape == (561,)
    assert data.feature_names[0] == "f1-mean()-X"
    assert data.y.dtype == np.int64 and data.subjects.dtype == np.int64
    assert data.target_names.tolist() == ["UNLABELLED", *ACTIVITIES[:6]]
    assert data.channel_names == list(uci_module.SIGNALS)
    assert data.channel_names[:3] == ["body_acc_x", "body_acc_y", "body_acc_z"]
    assert data.channel_names[3:6] == ["body_gyro_x", "body_gyro_y", "body_gyro_z"]
    assert data.channel_names[6:] == ["total_acc_x", "total_acc_y", "total_acc_z"]
    # Channel k holds the file of signal k (values centred on 10 * k).
    np.testing.assert_allclose(data.X.mean(axis=(0, 1)), 10 * np.arange(9), atol=1)
    assert data.sampling_rate == 50
    assert "UCI HAR" in data.DESCR


@pytest.mark.parametrize("subset", ["all", "train", "test"])
def test_load_uci_har_folder_and_zip(tmp_path, uci_files, no_network, subset):
    files, arrays = uci_files
    write_folder(tmp_path / "folder" / "UCI HAR Dataset", files)
    write_zip(tmp_path / "zip" / "UCI HAR Dataset.zip", files, "UCI HAR Dataset/")
    with zipfile.ZipFile(tmp_path / "zip" / "UCI HAR Dataset.zip", "a") as zf:
        zf.writestr("__MACOSX/UCI HAR Dataset/train/._y_train.txt", b"\x00junk")
    from_folder = load_uci_har(tmp_path / "folder", subset=subset)
    from_zip = load_uci_har(tmp_path / "zip", subset=subset, download_if_missing=False)
    for data in (from_folder, from_zip):
        check_uci(data, arrays, subset)
    for key in ("X", "features", "y", "subjects", "subset"):
        np.testing.assert_array_equal(from_folder[key], from_zip[key])
    # Direct paths: the extracted folder itself, the zip file itself.
    check_uci(
        load_uci_har(tmp_path / "folder" / "UCI HAR Dataset", subset=subset),
        arrays,
        subset,
    )
    check_uci(
        load_uci_har(tmp_path / "zip" / "UCI HAR Dataset.zip", subset=subset),
        arrays,
        subset,
    )


def test_load_uci_har_env_var_and_missing(tmp_path, monkeypatch, uci_files, no_network):
    files, arrays = uci_files
    write_zip(tmp_path / "env" / "UCI HAR Dataset.zip", files, "UCI HAR Dataset/")
    monkeypatch.setenv(ENV, str(tmp_path / "env"))
    check_uci(load_uci_har(subset="test", download_if_missing=False), arrays, "test")
    empty = tmp_path / "empty"
    empty.mkdir()
    with pytest.raises(FileNotFoundError, match=ENV) as excinfo:
        load_uci_har(empty, download_if_missing=False)
    assert str(empty / "UCI HAR Dataset.zip") in str(excinfo.value)
    assert listing(empty) == []


def test_load_uci_har_download_unwraps(tmp_path, monkeypatch, uci_files, capsys):
    files, arrays = uci_files
    inner = write_zip(tmp_path / "inner.zip", files, "UCI HAR Dataset/").read_bytes()
    wrapper = write_zip(
        tmp_path / "server" / "human+activity+recognition+using+smartphones.zip",
        {
            "UCI HAR Dataset.names": "description",
            "__MACOSX/._UCI HAR Dataset.zip": b"junk",
            "UCI HAR Dataset.zip": inner,
        },
    )
    serve(monkeypatch, uci_module, "UCI_HAR", wrapper)
    check_uci(load_uci_har(tmp_path / "home"), arrays, "all")
    assert listing(tmp_path / "home") == ["UCI HAR Dataset.zip"]
    assert (tmp_path / "home" / "UCI HAR Dataset.zip").read_bytes() == inner
    assert "Downloading" in capsys.readouterr().err


def test_load_uci_har_download_wrong_archive(tmp_path, monkeypatch, hapt_files):
    files, _ = hapt_files  # a HAPT archive is not a UCI HAR archive
    source = write_zip(tmp_path / "server" / "x.zip", files)
    serve(monkeypatch, uci_module, "UCI_HAR", source)
    with pytest.raises(ValueError, match="train/y_train.txt"):
        load_uci_har(tmp_path / "home")
    assert listing(tmp_path / "home") == []


@pytest.mark.parametrize(
    "member, transform, match",
    [
        ("test/y_test.txt", lambda t: t + "5\n", "different numbers of rows"),
        (
            "train/Inertial Signals/total_acc_z_train.txt",
            lambda t: "".join(line.rsplit(" ", 1)[0] + "\n" for line in t.splitlines()),
            "window lengths",
        ),
        ("train/X_train.txt", lambda t: t.replace("e-00", "x-00", 1), "X_train.txt"),
        ("train/y_train.txt", lambda t: "7\n" + t.split("\n", 1)[1], "outside 1..6"),
        ("features.txt", lambda t: "\n".join(t.splitlines()[:-1]) + "\n", "560"),
        ("test/subject_test.txt", None, "subject_test.txt"),
    ],
)
def test_load_uci_har_bad_files(tmp_path, uci_files, member, transform, match):
    files, _ = uci_files
    files = dict(files)
    if transform is None:
        del files[member]
    else:
        files[member] = transform(files[member])
    write_zip(tmp_path / "UCI HAR Dataset.zip", files, "UCI HAR Dataset/")
    with pytest.raises(ValueError, match=match):
        load_uci_har(tmp_path)


def test_load_uci_har_bad_subset(tmp_path):
    with pytest.raises(ValueError, match="subset"):
        load_uci_har(tmp_path, subset="validation")


def test_uci_har_test_subjects(uci_meta):
    official = np.unique(np.loadtxt(uci_meta / "subject_test.txt", dtype=int))
    assert tuple(official.tolist()) == UCI_HAR_TEST_SUBJECTS


def test_public_namespace():
    import sklearn_har.datasets as datasets

    assert set(datasets.__all__) >= {
        "HAPT_URL",
        "UCI_HAR_TEST_SUBJECTS",
        "UCI_HAR_URL",
        "get_data_home",
        "load_hapt",
        "load_sample",
        "load_uci_har",
    }
    for name in datasets.__all__:
        assert hasattr(datasets, name)


def test_stale_partial_downloads_are_removed(tmp_path, monkeypatch, hapt_files):
    """A download killed mid-way leaves a .part file; the next call removes it."""
    files, arrays = hapt_files
    payload = write_zip(tmp_path / "good.zip", files).read_bytes()
    home = tmp_path / "home"
    home.mkdir()
    stale = home / ".HAPT Data Set.zip.abc123.part"
    live = home / ".HAPT Data Set.zip.def456.part"
    stale.write_bytes(b"half")
    live.write_bytes(b"in progress")
    old = time.time() - 3600
    os.utime(stale, (old, old))
    monkeypatch.setattr(
        base_module, "_urlopen", fake_opener([lambda: FakeResponse(payload)], [])
    )
    check_synthetic_hapt(load_hapt(home), arrays)
    assert not stale.exists()
    assert live.exists()  # recent: possibly another process downloading


# --------------------------------------------------------------------------
# target_names[y] names the activity of every label, for every loader
# --------------------------------------------------------------------------


def official_names(text):
    """Label id -> name, parsed from the text of an activity_labels.txt."""
    rows = [line.split() for line in text.splitlines() if line.strip()]
    return {0: "UNLABELLED", **{int(i): name for i, name in rows}}


def check_names(data, labels, names_by_id):
    """``data.target_names[labels]`` is the official name of every label."""
    labels = np.asarray(labels)
    assert labels.size and data.target_names.dtype.kind == "U"
    expected = [names_by_id[int(label)] for label in labels]
    assert data.target_names[labels].tolist() == expected


def test_target_names_sample():
    data = load_sample()
    by_id = dict(enumerate(["UNLABELLED", *ACTIVITIES]))
    for labels in data.labels:
        check_names(data, labels, by_id)
    check_names(data, data.segments.activity, by_id)
    assert set(np.concatenate(data.labels).tolist()) == set(range(13))


@pytest.mark.parametrize(
    "activities", [(1, 2, 3, 4, 5, 6), (4, 5, 6), (1, 2, 3), (12, 7)]
)
def test_target_names_protocol_sample(activities):
    """Names by label id whatever ``activities`` keeps (they used to be by
    position in ``activities``: an IndexError or the wrong names)."""
    raw = load_sample()
    d = load_uci_protocol("sample", activities=activities)
    assert set(d.y.tolist()) == set(activities)
    check_names(d, d.y, dict(enumerate(["UNLABELLED", *ACTIVITIES])))
    # the name of every window is that of the raw samples it was cut from
    source = [raw.labels[r][s] for r, s in zip(*d.origin.values(), strict=True)]
    assert d.target_names[d.y].tolist() == raw.target_names[source].tolist()


@pytest.mark.slow
def test_target_names_hapt_real(hapt, data_home):
    with zipfile.ZipFile(data_home / "HAPT Data Set.zip") as zf:
        member = next(n for n in zf.namelist() if n.endswith("activity_labels.txt"))
        by_id = official_names(zf.read(member).decode())
    for labels in hapt.labels:
        check_names(hapt, labels, by_id)
    check_names(hapt, hapt.segments.activity, by_id)
    d = load_uci_protocol(hapt)
    check_names(d, d.y, by_id)
    assert set(d.target_names[d.y].tolist()) == set(ACTIVITIES[:6])


def test_target_names_uci_har_real_labels(tmp_path, uci_meta):
    """UCI HAR with the official names, labels and subjects (every 250th
    window; the large X files are not available here)."""
    files = {
        name: (uci_meta / name).read_text()
        for name in ("features.txt", "activity_labels.txt")
    }
    for subset in ("train", "test"):
        rows = slice(None, None, 250)
        y = (uci_meta / f"y_{subset}.txt").read_text().split()[rows]
        subjects = (uci_meta / f"subject_{subset}.txt").read_text().split()[rows]
        files[f"{subset}/y_{subset}.txt"] = "\n".join(y) + "\n"
        files[f"{subset}/subject_{subset}.txt"] = "\n".join(subjects) + "\n"
        files[f"{subset}/X_{subset}.txt"] = _v1_rows(np.zeros((len(y), 561)))
        for signal in uci_module.SIGNALS:
            name = f"{subset}/Inertial Signals/{signal}_{subset}.txt"
            files[name] = _v1_rows(np.zeros((len(y), 128)))
    write_zip(tmp_path / "UCI HAR Dataset.zip", files, "UCI HAR Dataset/")
    data = load_uci_har(tmp_path, download_if_missing=False)
    assert set(data.y.tolist()) == set(range(1, 7))
    check_names(data, data.y, official_names(files["activity_labels.txt"]))


@pytest.mark.parametrize(
    "kwargs, match",
    [
        ({"download_if_missing": "no"}, "'download_if_missing' parameter"),
        ({"data_home": 3}, "'data_home' parameter"),
        ({"window_size": 0}, "'window_size' parameter"),
        ({"step": 2.5}, "'step' parameter"),
        ({"preprocessor": "median"}, "'preprocessor' parameter"),
    ],
)
def test_load_uci_protocol_validates_parameters(kwargs, match):
    with pytest.raises((TypeError, ValueError), match=match + " of load_uci_protocol"):
        load_uci_protocol("sample", **kwargs)
