"""Where data sets live on disk, how they are read, and how they get there.

Pieces shared by the loaders:

* :func:`get_data_home` resolves the folder that holds the data sets
  (argument, then the ``SKLEARN_HAR_DATA`` environment variable, then a user
  cache folder).
* :class:`_Dataset` describes one official distribution once (address,
  archive and folder names, required members, reader); its :meth:`~_Dataset.load`
  is the one locate / download / verify / read path of every archive loader.
* :class:`_Archive` reads the members of an official distribution, either
  straight from its zip file (nothing is extracted) or from an extracted
  folder, with the same relative names in both cases.
* :func:`_download_zip` fetches an archive over HTTP(S) into a temporary file
  next to its destination, checks it and only then moves it into place with
  :func:`os.replace`, so that an interrupted or bad download never leaves a
  half-written file under the final name.

The transfer does not use :func:`sklearn.datasets.fetch_file`: that function
has no timeout (a stalled server blocks it for ever), retries client errors
such as HTTP 404, shows no progress, and moves the file to its final name
before the contents can be checked. The transfer here times out after
:data:`_TIMEOUT` seconds, retries only transient failures (network errors,
HTTP 408, 429 and 5xx, a short read), and checks the archive before it lands.
"""

import http.client
import io
import os
import shutil
import sys
import tempfile
import time
import urllib.error
import urllib.request
import warnings
import zipfile
import zlib
from collections import OrderedDict
from collections.abc import Callable
from dataclasses import dataclass
from importlib import resources
from numbers import Integral, Real
from pathlib import Path

import numpy as np

from ..utils._param_validation import Interval

__all__ = ["DATA_HOME_ENV", "get_data_home"]

#: Environment variable that sets the default data home.
DATA_HOME_ENV = "SKLEARN_HAR_DATA"

# Members whose path starts with this prefix are resource-fork debris that
# macOS adds to zip files; they are never data.
_MACOS_DEBRIS = "__MACOSX/"


def get_data_home(data_home=None):
    """Return the folder where sklearn_har looks for and downloads data sets.

    The folder is chosen in this order:

    1. ``data_home``, when given;
    2. the environment variable ``SKLEARN_HAR_DATA``, when set and not empty;
    3. ``$XDG_CACHE_HOME/sklearn_har`` when ``XDG_CACHE_HOME`` is set,
       else ``~/.cache/sklearn_har``.

    A leading ``~`` is expanded. The folder is not created here; the loaders
    create it only when they download something into it.

    Parameters
    ----------
    data_home : str or path-like, default=None
        Explicit folder. ``None`` falls back to the environment variable and
        then to the user cache folder.

    Returns
    -------
    data_home : pathlib.Path
        The data folder (it may not exist yet).

    See Also
    --------
    load_hapt : Load the HAPT recordings found in (or downloaded to) this folder.
    load_uci_har : Load the UCI HAR v1 windows found in this folder.

    Examples
    --------
    >>> from sklearn_har.datasets import get_data_home
    >>> get_data_home("/data/har").as_posix()
    '/data/har'
    """
    if data_home is None:
        data_home = os.environ.get(DATA_HOME_ENV) or None
    if data_home is None:
        cache = os.environ.get("XDG_CACHE_HOME") or os.path.join("~", ".cache")
        data_home = os.path.join(cache, "sklearn_har")
    if not isinstance(data_home, (str, os.PathLike)):
        raise TypeError(
            "data_home must be a str, a path-like object or None, got "
            f"{type(data_home).__name__}."
        )
    return Path(os.fspath(data_home)).expanduser()


def _read_descr(name):
    """Text of ``descr/<name>`` shipped with the package."""
    return (
        resources.files("sklearn_har.datasets")
        .joinpath("descr", name)
        .read_text(encoding="utf-8")
    )


# --------------------------------------------------------------------------
# Reading an official distribution: zip file or extracted folder
# --------------------------------------------------------------------------


def _find_root(names, anchor):
    """Folder prefix under which ``anchor`` sits among archive member names.

    Returns the shortest prefix ``p`` such that ``p + anchor`` is a member
    (``""`` when the anchor is at the top level), or ``None``.
    """
    prefixes = [
        name[: -len(anchor)]
        for name in names
        if name.endswith(anchor)
        and not name.startswith(_MACOS_DEBRIS)
        and (len(name) == len(anchor) or name[-len(anchor) - 1] == "/")
    ]
    if not prefixes:
        return None
    return min(prefixes, key=len)


class _Archive:
    """Read-only access to one distribution, zipped or extracted.

    Member names are relative to the distribution root (for HAPT, the folder
    that holds ``RawData/``) and always use ``/``.

    Use :meth:`open`, which finds the root from an ``anchor`` member.
    """

    def __init__(self, path, root="", zip_file=None):
        # ``root`` is the folder prefix of the members inside a zip file.
        self.path = path
        self._root = root
        self._zip = zip_file
        if zip_file is None:
            self.names = sorted(
                p.relative_to(path).as_posix() for p in path.rglob("*") if p.is_file()
            )
        else:
            n = len(root)
            self.names = sorted(
                info.filename[n:]
                for info in zip_file.infolist()
                if info.filename.startswith(root) and not info.is_dir()
            )

    @classmethod
    def open(cls, path, anchor, *, kind):
        """Open the zip file or folder ``path`` and locate ``anchor`` in it.

        Raises ``ValueError`` when ``path`` is a corrupt zip file or does not
        contain ``anchor``; ``kind`` names the data set in that message.
        """
        path = Path(path)
        if path.is_dir():
            if not (path / anchor).is_file():
                raise ValueError(
                    f"{path} does not contain {anchor}: it is not an extracted "
                    f"{kind} folder."
                )
            return cls(path)
        try:
            zip_file = zipfile.ZipFile(path)
        except (zipfile.BadZipFile, EOFError) as exc:
            raise ValueError(
                f"{path} is not a readable zip file ({exc}). Delete it so that "
                f"the {kind} data set can be downloaded again, or replace it "
                "with the official archive."
            ) from exc
        root = _find_root(zip_file.namelist(), anchor)
        if root is None:
            zip_file.close()
            raise ValueError(
                f"{path} does not contain {anchor}: it is not the official "
                f"{kind} archive."
            )
        return cls(path, root, zip_file)

    def read(self, name):
        """Bytes of member ``name``; ``ValueError`` if missing or corrupt."""
        if self._zip is None:
            file = self.path / name
            if not file.is_file():
                raise ValueError(f"{self.path} is missing the file {name}.")
            return file.read_bytes()
        try:
            return self._zip.read(self._root + name)
        except KeyError:
            raise ValueError(f"{self.path} is missing the member {name}.") from None
        except (zipfile.BadZipFile, EOFError, zlib.error) as exc:
            raise ValueError(
                f"Cannot read {name} from {self.path}: the zip file is corrupt ({exc})."
            ) from exc

    def cache_key(self):
        """Identity of the content: resolved path plus size and mtime stamps."""
        if self._zip is not None:
            stat = self.path.stat()
            return ("zip", str(self.path.resolve()), stat.st_mtime_ns, stat.st_size)
        stamps = []
        for name in self.names:
            stat = (self.path / name).stat()
            stamps.append((name, stat.st_mtime_ns, stat.st_size))
        return ("dir", str(self.path.resolve()), tuple(stamps))

    def close(self):
        if self._zip is not None:
            self._zip.close()

    def __enter__(self):
        return self

    def __exit__(self, *exc_info):
        self.close()


def _loadtxt(archive, name, *, dtype=np.float64, n_columns=None):
    """Parse a whitespace-separated numeric text member as a 2-D array."""
    data = archive.read(name)
    if not data.strip():
        raise ValueError(f"{name} in {archive.path} is empty.")
    try:
        array = np.loadtxt(io.BytesIO(data), dtype=dtype, ndmin=2)
    except ValueError as exc:
        raise ValueError(f"Cannot parse {name} in {archive.path}: {exc}") from exc
    if n_columns is not None and array.shape[1] != n_columns:
        raise ValueError(
            f"{name} in {archive.path} has {array.shape[1]} columns per row, "
            f"expected {n_columns}."
        )
    return array


def _read_id_names(archive, name):
    """Parse ``<int id> <NAME>`` lines (activity_labels.txt, features.txt)."""
    text = archive.read(name).decode("utf-8", errors="replace")
    ids, names = [], []
    for lineno, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        parts = line.split(maxsplit=1)
        if len(parts) != 2 or not parts[0].lstrip("-").isdigit():
            raise ValueError(
                f"{name} in {archive.path}, line {lineno}: expected "
                f"'<id> <name>', got {line!r}."
            )
        ids.append(int(parts[0]))
        names.append(parts[1].strip())
    if ids != list(range(1, len(ids) + 1)):
        raise ValueError(
            f"{name} in {archive.path} must number its entries 1, 2, ..., "
            f"{len(ids)} in order; got ids {ids}."
        )
    return names


# --------------------------------------------------------------------------
# In-process cache of parsed data sets (never written to disk)
# --------------------------------------------------------------------------

_CACHE = OrderedDict()
# Parsed data sets kept per process: at most this many bytes of arrays and
# this many entries, least recently used first out. The full HAPT data set
# takes about 65 MB, UCI HAR about 190 MB.
_CACHE_MAX_BYTES = 512 * 2**20
_CACHE_MAX_ENTRIES = 16


def _nbytes(value):
    """Total size of the arrays in a (nested) dict/list/tuple."""
    if isinstance(value, np.ndarray):
        return value.nbytes
    if isinstance(value, dict):
        return sum(_nbytes(v) for v in value.values())
    if isinstance(value, (list, tuple)):
        return sum(_nbytes(v) for v in value)
    return 0


def _cached(key, parse):
    """Return ``parse()``, memoised on ``key`` for this process.

    Nothing is written to disk. Callers must copy mutable arrays before
    handing them to users.
    """
    if key in _CACHE:
        _CACHE.move_to_end(key)
        return _CACHE[key][0]
    value = parse()
    _CACHE[key] = (value, _nbytes(value))
    while len(_CACHE) > 1 and (
        len(_CACHE) > _CACHE_MAX_ENTRIES
        or sum(size for _, size in _CACHE.values()) > _CACHE_MAX_BYTES
    ):
        _CACHE.popitem(last=False)
    return value


# --------------------------------------------------------------------------
# Safe download
# --------------------------------------------------------------------------

_CHUNK_SIZE = 1 << 20
_TIMEOUT = 60
# Transient failures worth another try; HTTP 4xx errors are not.
_RETRYABLE = (
    urllib.error.URLError,
    ConnectionError,
    TimeoutError,
    http.client.HTTPException,
)


class _IncompleteDownload(ConnectionError):
    """The connection closed before Content-Length bytes arrived."""


def _urlopen(url, timeout):
    """Open ``url``; a module-level indirection so tests can replace it."""
    request = urllib.request.Request(url, headers={"User-Agent": "sklearn_har"})
    return urllib.request.urlopen(request, timeout=timeout)


def _copy_with_progress(response, fileobj, label):
    """Stream ``response`` into ``fileobj``, printing progress on stderr."""
    headers = getattr(response, "headers", None)
    total = headers.get("Content-Length") if headers is not None else None
    total = int(total) if total and str(total).isdigit() else None
    done = 0
    last_shown = -1.0
    started = time.monotonic()
    while True:
        chunk = response.read(_CHUNK_SIZE)
        if not chunk:
            break
        fileobj.write(chunk)
        done += len(chunk)
        now = time.monotonic()
        if now - last_shown >= 0.5:
            last_shown = now
            _show_progress(label, done, total)
    _show_progress(label, done, total)
    sys.stderr.write(f" done in {time.monotonic() - started:.1f} s\n")
    sys.stderr.flush()
    if total is not None and done != total:
        raise _IncompleteDownload(
            f"received {done} bytes of the {total} announced by the server"
        )
    return done


def _show_progress(label, done, total):
    if total:
        text = f"{done / 1e6:.1f} / {total / 1e6:.1f} MB ({100 * done / total:3.0f}%)"
    else:
        text = f"{done / 1e6:.1f} MB"
    sys.stderr.write(f"\rDownloading {label}: {text}")
    sys.stderr.flush()


def _is_retryable(exc):
    if isinstance(exc, urllib.error.HTTPError):
        return exc.code >= 500 or exc.code in (408, 429)
    return isinstance(exc, _RETRYABLE)


#: a partial download not written to for this long was abandoned (killed)
_STALE_PARTIAL_S = 600


def _remove_stale_partial_files(target):
    """Remove partial downloads of ``target`` left by a killed process.

    A download in progress writes to its ``.part`` file continuously, so a
    file untouched for :data:`_STALE_PARTIAL_S` seconds is abandoned.
    """
    now = time.time()
    for path in target.parent.glob(f".{target.name}.*.part"):
        try:
            if now - path.stat().st_mtime > _STALE_PARTIAL_S:
                path.unlink()
        except FileNotFoundError:
            pass  # removed meanwhile by its owner


def _download_zip(url, target, *, check, n_retries=3, delay=1.0):
    """Download the zip archive at ``url`` to ``target``, safely.

    The bytes go to a temporary file in ``target``'s folder. The file must be
    a readable zip (every member's CRC is verified) whose members pass
    ``check``; if it does not but it wraps another zip member that does (the
    new-style UCI downloads are such wrappers), that inner archive is used
    instead. Only a checked archive is moved to ``target``, with
    :func:`os.replace`; the temporary files are always removed, and so are
    the folders this call created when no archive lands in them.

    Parameters
    ----------
    url : str
        Address of the archive (``https://``, or ``file://`` in tests).
    target : pathlib.Path
        Final path of the archive.
    check : callable
        ``check(names)`` with the member names of a candidate zip; returns
        ``None`` when the archive is the expected one, else a short reason.
    n_retries : int, default=3
        Extra attempts after a transient network failure.
    delay : float, default=1.0
        Seconds to wait between attempts.

    Returns
    -------
    target : pathlib.Path
        The downloaded, checked archive.
    """
    target = Path(target)
    # folders this call creates, removed again if no archive lands in them
    created = [p for p in (target.parent, *target.parent.parents) if not p.exists()]
    target.parent.mkdir(parents=True, exist_ok=True)
    _remove_stale_partial_files(target)
    temporaries = []

    def new_temporary():
        fd, name = tempfile.mkstemp(
            dir=target.parent, prefix=f".{target.name}.", suffix=".part"
        )
        os.close(fd)
        temporaries.append(Path(name))
        return Path(name)

    try:
        download = new_temporary()
        for attempt in range(n_retries + 1):
            try:
                with _urlopen(url, _TIMEOUT) as response, open(download, "wb") as f:
                    _copy_with_progress(response, f, target.name)
                break
            except Exception as exc:
                if not _is_retryable(exc):
                    raise OSError(f"Downloading {url} failed: {exc}") from exc
                if attempt == n_retries:
                    raise OSError(
                        f"Downloading {url} failed after {n_retries + 1} "
                        f"attempts: {exc}"
                    ) from exc
                warnings.warn(
                    f"Downloading {url} failed ({exc}); retrying in {delay} s "
                    f"({n_retries - attempt} retries left).",
                    RuntimeWarning,
                    stacklevel=2,
                )
                time.sleep(delay)
        final = _checked_archive(download, url, check, new_temporary)
        os.replace(final, target)
    finally:
        for path in temporaries:
            try:
                path.unlink()
            except FileNotFoundError:
                pass  # already moved into place or never created: nothing to clean
        if not target.exists():
            for folder in created:  # deepest first
                try:
                    folder.rmdir()
                except OSError:
                    break  # not empty (another process wrote there): keep it
    return target


def _checked_archive(path, url, check, new_temporary):
    """Return ``path`` or an inner zip extracted from it that passes ``check``."""
    try:
        with zipfile.ZipFile(path) as zip_file:
            _verify_crcs(zip_file, url)
            names = [n for n in zip_file.namelist() if not n.endswith("/")]
            reason = check(names)
            if reason is None:
                return path
            inner_zips = [
                n
                for n in names
                if n.lower().endswith(".zip") and not n.startswith(_MACOS_DEBRIS)
            ]
            for inner in inner_zips:
                extracted = new_temporary()
                with zip_file.open(inner) as src, open(extracted, "wb") as dst:
                    shutil.copyfileobj(src, dst, _CHUNK_SIZE)
                try:
                    return _checked_archive(extracted, url, check, new_temporary)
                except ValueError:
                    continue
    except (zipfile.BadZipFile, EOFError) as exc:
        raise ValueError(
            f"The file downloaded from {url} is not a readable zip file ({exc})."
        ) from exc
    raise ValueError(
        f"The file downloaded from {url} is not the expected archive: {reason}."
    )


def _verify_crcs(zip_file, url):
    """Decompress every member, so a damaged download fails here, not later."""
    for info in zip_file.infolist():
        try:
            with zip_file.open(info) as member:
                while member.read(_CHUNK_SIZE):
                    pass  # reading to the end makes zipfile verify the member's CRC
        except (zipfile.BadZipFile, EOFError, zlib.error) as exc:
            raise ValueError(
                f"The file downloaded from {url} is corrupt: member "
                f"{info.filename} cannot be read ({exc})."
            ) from exc


#: Constraints of the parameters every archive loader takes.
_FETCH_PARAMS = {
    "data_home": [str, os.PathLike, None],
    "download_if_missing": ["boolean"],
    "n_retries": [Interval(Integral, 0, None, closed="left")],
    "delay": [Interval(Real, 0.0, None, closed="left")],
}


@dataclass(frozen=True)
class _Dataset:
    """One official distribution, described once, and the way to load it.

    :meth:`load` is the one path of every archive loader: find the zip file or
    extracted folder under the data home (:meth:`locate`), else download it
    safely (:func:`_download_zip`), check that it is complete
    (:meth:`problem`), then parse it with ``read(archive, **options)``.

    Parameters
    ----------
    title : str
        Name of the data set in messages, e.g. ``"HAPT"``.
    url : str
        Official address of the archive.
    archive_name, folder_name : str
        Names of the archive and of the extracted folder in the data home.
    anchor : str
        Member that locates the distribution root in an archive or folder.
    required : tuple of str
        Members (relative to the root) of a complete distribution.
    read : callable
        ``read(archive, **options)`` parses an opened :class:`_Archive`.
    more_missing : callable, default=None
        ``more_missing(names)``: further missing members, given the member
        names relative to the root (e.g. unpaired HAPT recordings).

    Examples
    --------
    >>> from sklearn_har.datasets._hapt import HAPT
    >>> HAPT.archive_name
    'HAPT Data Set.zip'
    >>> HAPT.problem(["x/RawData/labels.txt", "x/RawData/acc_exp01_user01.txt"])
    'missing activity_labels.txt, RawData/gyro_exp01_user01.txt'
    """

    title: str
    url: str
    archive_name: str
    folder_name: str
    anchor: str
    required: tuple
    read: Callable
    more_missing: Callable | None = None

    def problem(self, names):
        """Why the member ``names`` are not a complete distribution, or None."""
        root = _find_root(names, self.anchor)
        if root is None:
            return f"no member {self.anchor}"
        present = {n[len(root) :] for n in names if n.startswith(root)}
        missing = [n for n in self.required if n not in present]
        if self.more_missing is not None:
            missing += self.more_missing(present)
        return "missing " + ", ".join(missing) if missing else None

    def locate(self, home):
        """The zip file or extracted folder under ``home``, or None.

        ``home`` may be the zip itself, a folder holding the anchor directly,
        a folder holding the archive, or one holding the extracted folder.
        """
        if home.is_file() or (home / self.anchor).is_file():
            return home
        if (home / self.archive_name).is_file():
            return home / self.archive_name
        if (home / self.folder_name / self.anchor).is_file():
            return home / self.folder_name
        return None

    def not_found_message(self, home, data_home):
        """Where the data set was looked for and how to provide it."""
        if data_home is not None:
            origin = "the data_home argument"
        elif os.environ.get(DATA_HOME_ENV):
            origin = f"the environment variable {DATA_HOME_ENV}"
        else:
            origin = f"the default (no data_home, {DATA_HOME_ENV} not set)"
        looked = [
            home / self.archive_name,
            home / self.folder_name / self.anchor,
            home / self.anchor,
        ]
        looked = "\n".join(f"  {p}" for p in looked)
        return (
            f"The {self.title} data set was not found in {home} (from {origin}). "
            f"Looked for:\n{looked}\n"
            f"Pass data_home=<folder or zip path>, set {DATA_HOME_ENV} to the "
            f"folder that holds '{self.archive_name}', or use "
            f"download_if_missing=True to download it from {self.url}."
        )

    def load(self, data_home, *, download_if_missing, n_retries, delay, **options):
        """Locate (or download), check and read the data set.

        Returns ``read(archive, **options)``. Raises ``FileNotFoundError``
        when the data set is missing and ``download_if_missing`` is false,
        ``ValueError`` when it is corrupt or incomplete, ``OSError`` when the
        download fails.
        """
        home = get_data_home(data_home)
        path = self.locate(home)
        if path is None:
            if not download_if_missing:
                raise FileNotFoundError(self.not_found_message(home, data_home))
            target = home if home.suffix.lower() == ".zip" else home / self.archive_name
            path = _download_zip(
                self.url, target, check=self.problem, n_retries=n_retries, delay=delay
            )
        with _Archive.open(path, self.anchor, kind=self.title) as archive:
            problem = self.problem(archive.names)
            if problem is not None:
                raise ValueError(
                    f"{archive.path} is not a complete {self.title} distribution: "
                    f"{problem}."
                )
            return self.read(archive, **options)
