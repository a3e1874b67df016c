"""Sentence feature vectors, and the dot products the aligner needs from them.

A signal turns each sentence into a vector (bag of anchors, character n-grams of a
translation, a sentence embedding); a group of consecutive sentences is the *sum* of its
vectors, so the similarity of any bead follows from the dot products of single sentences.
The aligner only ever asks for the dot products of sentence pairs near its search path, so
they are computed block by block along that path: memory and time stay linear in the
documents' length.

Shapes: a `Features` has `n` rows (one per sentence). Sparse rows are CSR arrays
(`indptr` (n+1,), `indices` (nnz,) int32 feature ids, `data` (nnz,) float32); dense rows are
one (n, dim) float32 array.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass

import numpy as np

BLOCK = 256  # pairs are gathered from (rows x cols) blocks at most this wide
PAIRS = 16384  # pairs per block at most


@dataclass(frozen=True)
class Features:
    """One vector per sentence: sparse (CSR) when `dense` is None, else the dense matrix."""

    indptr: np.ndarray
    indices: np.ndarray
    data: np.ndarray
    dense: np.ndarray | None = None

    @property
    def n(self) -> int:
        return len(self.dense) if self.dense is not None else len(self.indptr) - 1

    @classmethod
    def from_counts(cls, rows: Iterable[Mapping[int, float]]) -> Features:
        """Sparse rows from one {feature id: weight} mapping per sentence."""
        indptr, indices, data = [0], [], []
        for row in rows:
            ids = sorted(row)
            indices.extend(ids)
            data.extend(row[i] for i in ids)
            indptr.append(len(indices))
        return cls(
            np.asarray(indptr, dtype=np.int64),
            np.asarray(indices, dtype=np.int32),
            np.asarray(data, dtype=np.float32),
        )

    @classmethod
    def from_dense(cls, matrix: np.ndarray) -> Features:
        empty = np.zeros(0, dtype=np.int64)
        return cls(
            empty,
            empty.astype(np.int32),
            empty.astype(np.float32),
            np.asarray(matrix, dtype=np.float32),
        )

    def scaled(self, weights: np.ndarray) -> Features:
        """Multiply each feature by a weight per feature id (e.g. inverse document frequency)."""
        if self.dense is not None:
            return Features.from_dense(self.dense * weights[None, :])
        return Features(self.indptr, self.indices, self.data * weights[self.indices])

    def merged(self, size: int = 2) -> Features:
        """Sum each run of `size` consecutive rows (the last run may be shorter)."""
        if self.dense is not None:
            n = self.n
            out = np.zeros(((n + size - 1) // size, self.dense.shape[1]), dtype=np.float32)
            np.add.at(out, np.arange(n) // size, self.dense)
            return Features.from_dense(out)
        n = self.n
        rows = np.repeat(np.arange(n, dtype=np.int64) // size, np.diff(self.indptr))
        width = int(self.indices.max()) + 1 if len(self.indices) else 1
        keys = rows * width + self.indices
        unique, inverse = np.unique(keys, return_inverse=True)
        data = np.bincount(inverse, weights=self.data, minlength=len(unique)).astype(np.float32)
        new_rows = unique // width
        counts = np.bincount(new_rows, minlength=(n + size - 1) // size)
        indptr = np.concatenate([[0], np.cumsum(counts)]).astype(np.int64)
        return Features(indptr, (unique % width).astype(np.int32), data)

    def norms2(self) -> np.ndarray:
        """(n,) squared length of each row."""
        if self.dense is not None:
            return np.einsum("ij,ij->i", self.dense, self.dense)
        sq = np.concatenate([[0.0], np.cumsum(self.data.astype(np.float64) ** 2)])
        return (sq[self.indptr[1:]] - sq[self.indptr[:-1]]).astype(np.float32)

    def _block(self, lo: int, hi: int, vocab: np.ndarray | None) -> np.ndarray:
        """Rows lo..hi-1 as a dense (hi-lo, len(vocab)) array over the given feature ids."""
        if self.dense is not None:
            return self.dense[lo:hi]
        start, stop = self.indptr[lo], self.indptr[hi]
        ids = self.indices[start:stop]
        out = np.zeros((hi - lo, len(vocab)), dtype=np.float32)
        where = np.searchsorted(vocab, ids)
        where = np.minimum(where, max(len(vocab) - 1, 0))
        keep = vocab[where] == ids if len(vocab) else np.zeros(len(ids), dtype=bool)
        rows = np.repeat(np.arange(hi - lo), np.diff(self.indptr[lo : hi + 1]))
        out[rows[keep], where[keep]] = self.data[start:stop][keep]
        return out

    def _ids(self, lo: int, hi: int) -> np.ndarray:
        return self.indices[self.indptr[lo] : self.indptr[hi]]


def pair_dots(a: Features, b: Features, rows: np.ndarray, cols: np.ndarray) -> np.ndarray:
    """(len(rows),) float32: dot(a[rows[p]], b[cols[p]]) for every pair p.

    Pairs should come in path order (rows and cols both roughly increasing), as the band
    gives them; they are cut into chunks whose rows and cols each span at most BLOCK, and each
    chunk is one small matrix product over the features the two sides share.
    """
    out = np.zeros(len(rows), dtype=np.float32)
    if len(rows) == 0 or a.n == 0 or b.n == 0:
        return out
    for lo, hi in _chunks(rows, cols):
        r, c = rows[lo:hi], cols[lo:hi]
        r0, r1, c0, c1 = int(r.min()), int(r.max()) + 1, int(c.min()), int(c.max()) + 1
        if a.dense is not None:
            block = a.dense[r0:r1] @ b.dense[c0:c1].T
        else:
            vocab = np.intersect1d(a._ids(r0, r1), b._ids(c0, c1))
            if len(vocab) == 0:
                continue
            block = a._block(r0, r1, vocab) @ b._block(c0, c1, vocab).T
        out[lo:hi] = block[r - r0, c - c0]
    return out


def _chunks(rows: np.ndarray, cols: np.ndarray) -> list[tuple[int, int]]:
    """Consecutive index ranges whose rows and cols each span less than BLOCK."""
    out: list[tuple[int, int]] = []
    todo = [(lo, min(lo + PAIRS, len(rows))) for lo in range(0, len(rows), PAIRS)]
    while todo:
        lo, hi = todo.pop()
        r, c = rows[lo:hi], cols[lo:hi]
        small = r.max() - r.min() < BLOCK and c.max() - c.min() < BLOCK
        if small or hi - lo == 1:
            out.append((lo, hi))
        else:
            mid = (lo + hi) // 2
            todo += [(mid, hi), (lo, mid)]
    return out


def self_dots(a: Features, offset: int) -> np.ndarray:
    """(n,) float32: dot(a[r], a[r + offset]) (0 where r + offset is past the end)."""
    n = a.n
    out = np.zeros(n, dtype=np.float32)
    if offset == 0:
        return a.norms2()
    if n > offset:
        r = np.arange(n - offset)
        out[: n - offset] = pair_dots(a, a, r, r + offset)
    return out
