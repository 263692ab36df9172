"""Feature hashing in NumPy, bit for bit as scikit-learn does it, so a model trained with
scikit-learn scores without importing it.

The hash is MurmurHash3 (x86, 32-bit, seed 0) of a string's UTF-8 bytes, as
``sklearn.utils.murmurhash3_32``; a hashed feature's column is ``abs(signed hash) %
n_features``, as ``FeatureHasher`` and ``HashingVectorizer`` place it. Strings are hashed
in groups of equal byte length, so the work is a few array operations per length.

>>> murmur3_32(["framing", ""]).tolist()
[568025437, 0]
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

_C1, _C2 = np.uint32(0xCC9E2D51), np.uint32(0x1B873593)
_F1, _F2 = np.uint32(0x85EBCA6B), np.uint32(0xC2B2AE35)


def _rotl(x: np.ndarray, r: int) -> np.ndarray:
    return (x << np.uint32(r)) | (x >> np.uint32(32 - r))


def _scramble(k: np.ndarray) -> np.ndarray:
    return _rotl(k * _C1, 15) * _C2


def _hash_equal_length(data: np.ndarray, length: int) -> np.ndarray:
    """Hashes of the rows of a (n, length) uint8 array."""
    h = np.zeros(len(data), np.uint32)
    n_blocks = length // 4
    if n_blocks:
        blocks = np.ascontiguousarray(data[:, : 4 * n_blocks]).view("<u4")
        for b in range(n_blocks):
            h ^= _scramble(blocks[:, b].astype(np.uint32))
            h = _rotl(h, 13) * np.uint32(5) + np.uint32(0xE6546B64)
    tail = data[:, 4 * n_blocks :].astype(np.uint32)
    if tail.shape[1]:
        k = np.zeros(len(data), np.uint32)
        for i in reversed(range(tail.shape[1])):
            k ^= tail[:, i] << np.uint32(8 * i)
        h ^= _scramble(k)
    return _finalised(h, length)


def _finalised(h: np.ndarray, length: int) -> np.ndarray:
    """MurmurHash3's last step: mix in the length, then avalanche the bits."""
    h ^= np.uint32(length)
    h ^= h >> np.uint32(16)
    h *= _F1
    h ^= h >> np.uint32(13)
    h *= _F2
    h ^= h >> np.uint32(16)
    return h


def murmur3_32(strings: Sequence[str]) -> np.ndarray:
    """The unsigned 32-bit MurmurHash3 of each string's UTF-8 bytes (as uint32)."""
    encoded = [s.encode("utf-8") for s in strings]
    lengths = np.fromiter(map(len, encoded), np.int64, len(encoded))
    order = np.argsort(lengths, kind="stable")
    # One buffer of every string, shortest first: each length is then one block of rows.
    buffer = np.frombuffer(b"".join([encoded[i] for i in order.tolist()]), np.uint8)
    sorted_lengths = lengths[order]
    out = np.zeros(len(encoded), np.uint32)
    offset = 0
    with np.errstate(over="ignore"):
        for length, first, count in zip(*_runs(sorted_lengths), strict=True):
            data = buffer[offset : offset + length * count].reshape(count, length)
            out[order[first : first + count]] = _hash_equal_length(data, length)
            offset += length * count
    return out


def _runs(values: np.ndarray) -> tuple[list[int], list[int], list[int]]:
    """(value, first index, count) of each run of equal values in a sorted array."""
    if not len(values):
        return [], [], []
    starts = np.flatnonzero(np.r_[True, values[1:] != values[:-1]])
    counts = np.diff(np.r_[starts, len(values)])
    return values[starts].tolist(), starts.tolist(), counts.tolist()


def hashed_columns(strings: Sequence[str], n_features: int) -> np.ndarray:
    """The column scikit-learn's feature hashers give each string (``alternate_sign``
    aside): the absolute signed hash, modulo ``n_features``."""
    signed = murmur3_32(strings).view(np.int32).astype(np.int64)
    return np.abs(signed) % n_features


def char_wb_grams(word: str, low: int, high: int) -> list[str]:
    """The character ``low``- to ``high``-grams of one word padded with spaces, as
    scikit-learn's ``char_wb`` analyzer makes them: a padded word shorter than ``n`` is
    one gram, and longer n are then skipped.

    >>> char_wb_grams("it", 2, 5)
    [' i', 'it', 't ', ' it', 'it ', ' it ']
    """
    padded = f" {word} "
    grams: list[str] = []
    for n in range(low, high + 1):
        grams.extend(padded[i : i + n] for i in range(max(len(padded) - n + 1, 1)))
        if len(padded) <= n:
            break
    return grams


def ascii_gram_hashes(words: Sequence[str], low: int, high: int) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """The ``char_wb`` n-grams of ASCII words, hashed without building their strings.

    Returns (owner word index, n, unsigned hash) per gram, for n from ``low`` to ``high``
    (at most 5, so a gram is one 4-byte block and a tail): the same grams, in another
    order, as :func:`char_wb_grams` makes for each word.
    """
    padded = [f" {w} ".encode("ascii") for w in words]
    lengths = np.fromiter(map(len, padded), np.int64, len(padded))
    starts = np.concatenate([[0], np.cumsum(lengths)[:-1]]) if len(padded) else np.zeros(0, np.int64)
    buffer = np.frombuffer(b"".join(padded) + b"\0" * 8, np.uint8).astype(np.uint32)
    owners, sizes, hashes = [], [], []
    with np.errstate(over="ignore"):
        for n in range(low, high + 1):
            # A padded word of length L has L - n + 1 grams of each n up to L.
            counts = np.maximum(lengths - n + 1, 0)
            owner = np.repeat(np.arange(len(padded)), counts)
            offset = np.arange(counts.sum()) - np.repeat(np.cumsum(counts) - counts, counts)
            at = starts[owner] + offset
            h = np.zeros(len(at), np.uint32)
            if n >= 4:
                block = (buffer[at] | buffer[at + 1] << np.uint32(8) | buffer[at + 2] << np.uint32(16)
                         | buffer[at + 3] << np.uint32(24))
                h ^= _scramble(block)
                h = _rotl(h, 13) * np.uint32(5) + np.uint32(0xE6546B64)
            if n % 4:
                k = np.zeros(len(at), np.uint32)
                first = 4 * (n // 4)
                for i in reversed(range(n % 4)):
                    k ^= buffer[at + first + i] << np.uint32(8 * i)
                h ^= _scramble(k)
            h = _finalised(h, n)
            owners.append(owner)
            sizes.append(np.full(len(at), n))
            hashes.append(h)
    if not owners:
        return np.zeros(0, np.int64), np.zeros(0, np.int64), np.zeros(0, np.uint32)
    return np.concatenate(owners), np.concatenate(sizes), np.concatenate(hashes)


def columns_of(hashes: np.ndarray, n_features: int) -> np.ndarray:
    """The column scikit-learn's hashers give an unsigned hash (see :func:`hashed_columns`)."""
    return np.abs(hashes.view(np.int32).astype(np.int64)) % n_features
