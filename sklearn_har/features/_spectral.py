"""Batched amplitude spectra and the frequency-domain UCI HAR primitives.

All functions work on many signals at once, with time (or frequency) along
the last axis, so one ``np.fft.rfft`` call transforms every window and
signal of a chunk.
"""

import numpy as np

__all__ = [
    "amplitude_spectrum",
    "band_energies",
    "max_inds",
    "mean_freq",
    "spectrum_frequencies",
    "uci_har_bands",
]

# The 14 bands of the published features, as 1-based inclusive bins of the
# 64-bin spectrum: eight 1/8 bands, four 1/4 bands and two 3/8 bands that
# cover bins 1-48 only.  ``uci_har_bands`` rescales them to other lengths.
_EIGHTHS_OF_BANDS = (
    (0, 1),
    (1, 2),
    (2, 3),
    (3, 4),
    (4, 5),
    (5, 6),
    (6, 7),
    (7, 8),
    (0, 2),
    (2, 4),
    (4, 6),
    (6, 8),
    (0, 3),
    (3, 6),
)


def amplitude_spectrum(x, *, n_fft=None):
    """One-sided amplitude spectrum without DC, ``2 |X_k| / n_fft`` for k >= 1.

    Parameters
    ----------
    x : ndarray of shape (..., n)
        Real signals, time along the last axis.
    n_fft : int, default=None
        FFT length; shorter signals are zero-padded (the UCI HAR jerk
        signals have 127 samples and a 128-point FFT).  ``None`` uses ``n``.

    Returns
    -------
    A : ndarray of shape (..., n_fft // 2)
        Amplitudes of bins ``k = 1 .. n_fft // 2`` at frequencies
        ``k * fs / n_fft``: the DC bin is dropped and, for even ``n_fft``,
        the Nyquist bin kept.  Amplitudes at the level of floating-point
        round-off of the whole spectrum are set to exactly 0, so a constant
        signal has an all-zero spectrum.

    Notes
    -----
    No taper and no mean removal: the DC bin simply is not returned.

    Examples
    --------
    >>> import numpy as np
    >>> from sklearn_har.features._spectral import amplitude_spectrum
    >>> t = np.arange(128)
    >>> A = amplitude_spectrum(3.0 + 0.5 * np.sin(2 * np.pi * 10 * t / 128))
    >>> A.shape, int(A.argmax()) + 1, round(float(A.max()), 6)
    ((64,), 10, 0.5)
    """
    x = np.asarray(x, dtype=float)
    if n_fft is None:
        n_fft = x.shape[-1]
    spec = np.abs(np.fft.rfft(x, n=n_fft, axis=-1))
    # Round-off level of the transform, relative to the whole spectrum's norm
    # (DC included): anything below it is numerical noise, e.g. the non-DC
    # bins of a constant signal.
    tol = 64 * np.finfo(float).eps * np.sqrt(np.einsum("...i,...i->...", spec, spec))
    A = spec[..., 1 : n_fft // 2 + 1]
    A[A <= tol[..., np.newaxis]] = 0.0
    A *= 2.0 / n_fft
    return A


def spectrum_frequencies(n_fft, sampling_rate):
    """Frequencies in Hz of the bins returned by :func:`amplitude_spectrum`.

    Examples
    --------
    >>> from sklearn_har.features._spectral import spectrum_frequencies
    >>> f = spectrum_frequencies(128, 50.0)
    >>> len(f), float(f[0]), float(f[-1])
    (64, 0.390625, 25.0)
    """
    return np.arange(1, n_fft // 2 + 1) * (sampling_rate / n_fft)


def uci_har_bands(n_bins=64):
    """The 14 ``bandsEnergy()`` bands for a spectrum of ``n_bins`` bins.

    For the 64 bins of a 128-sample window these are the published bands
    ``1-8, 9-16, ..., 57-64, 1-16, 17-32, 33-48, 49-64, 1-24, 25-48``.  For
    other lengths the band edges follow the spectrum's resolution: the bins
    are cut into eighths at ``floor(j * n_bins / 8 + 1/2)``, j = 0..8, and
    the bands are the eight eighths, the four quarters and the first two
    three-eighths, so every band covers the same fraction of the 0 to
    Nyquist range as the published one.

    Parameters
    ----------
    n_bins : int, default=64
        Number of non-DC bins (``n_fft // 2``); at least 8.

    Returns
    -------
    bands : ndarray of shape (14, 2)
        First and last bin (1-based, inclusive) of every band.

    Examples
    --------
    >>> from sklearn_har.features._spectral import uci_har_bands
    >>> uci_har_bands(64)[[0, 8, 13]].tolist()
    [[1, 8], [1, 16], [25, 48]]
    >>> uci_har_bands(32)[[0, 8, 13]].tolist()
    [[1, 4], [1, 8], [13, 24]]
    """
    if n_bins < 8:
        raise ValueError(
            f"bandsEnergy needs at least 8 spectral bins (windows of 16 samples "
            f"or more), got {n_bins}."
        )
    edges = np.floor(np.arange(9) * n_bins / 8 + 0.5).astype(int)
    return np.array([(edges[i] + 1, edges[j]) for i, j in _EIGHTHS_OF_BANDS])


def band_energies(A, bands):
    """Sum of squared amplitudes inside each band, ``sum_{k=a}^{b} A_k**2``.

    Parameters
    ----------
    A : ndarray of shape (..., n_bins)
        Amplitude spectra from :func:`amplitude_spectrum` (bin 1 first).
    bands : array-like of shape (n_bands, 2)
        1-based inclusive bin ranges, e.g. from :func:`uci_har_bands`.

    Returns
    -------
    E : ndarray of shape (..., n_bands)

    Examples
    --------
    >>> import numpy as np
    >>> from sklearn_har.features._spectral import band_energies
    >>> band_energies(np.array([1.0, 2.0, 3.0, 4.0]), [(1, 2), (2, 4)]).tolist()
    [5.0, 29.0]
    """
    A = np.asarray(A, dtype=float)
    bands = np.asarray(bands)
    cum = np.zeros(A.shape[:-1] + (A.shape[-1] + 1,))
    np.cumsum(A * A, axis=-1, out=cum[..., 1:])
    return cum[..., bands[:, 1]] - cum[..., bands[:, 0] - 1]


def max_inds(A):
    """1-based bin of the largest amplitude (the first one on ties).

    Bin ``k`` lies at ``k * fs / n_fft`` Hz.

    Examples
    --------
    >>> import numpy as np
    >>> from sklearn_har.features._spectral import max_inds
    >>> max_inds(np.array([[0.0, 5.0, 5.0, 1.0], [0.0, 0.0, 0.0, 0.0]])).tolist()
    [2.0, 1.0]
    """
    return (np.argmax(A, axis=-1) + 1).astype(float)


def mean_freq(A, freqs):
    """Amplitude-weighted mean frequency ``sum f_k A_k / sum A_k``.

    Parameters
    ----------
    A : ndarray of shape (..., n_bins)
        Amplitude spectra.
    freqs : ndarray of shape (n_bins,)
        Frequency of every bin (:func:`spectrum_frequencies`).

    Returns
    -------
    f : ndarray of shape (...)
        In the unit of ``freqs``; 0 for an all-zero spectrum.

    Examples
    --------
    >>> import numpy as np
    >>> from sklearn_har.features._spectral import mean_freq
    >>> float(mean_freq(np.array([1.0, 0.0, 3.0]), np.array([1.0, 2.0, 3.0])))
    2.5
    """
    A = np.asarray(A, dtype=float)
    total = A.sum(axis=-1)
    num = A @ np.asarray(freqs, dtype=float)
    ok = total > 0
    return np.divide(num, np.where(ok, total, 1.0), out=np.zeros_like(total), where=ok)
