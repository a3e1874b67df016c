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

from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from functools import partial

import numpy as np

PRODUCTS = 1 << 22  # non-zero products computed at once (bounds memory)


@dataclass(frozen=True)
class Features:
    """One vector per sentence: sparse (CSR) when `dense` is None, else the dense matrix."""

    indptr: np.ndarray
    indices: np.ndarray
    data: np.ndarray
    dense: np.ndarray | None = None
    # self_dots by offset, computed once: every pass of a search asks for them again
    known: dict[int, np.ndarray] = field(default_factory=dict, compare=False, repr=False)

    @property
    def n(self) -> int:
        return len(self.dense) if self.dense is not None else len(self.indptr) - 1

    @classmethod
    def from_counts(cls, rows: Iterable[Mapping[int, float]]) -> Features:
        """Sparse rows from one {feature id: weight} mapping per sentence."""
        indptr: list[int] = [0]
        indices: list[int] = []
        data: list[float] = []
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
            return np.asarray(np.einsum("ij,ij->i", self.dense, self.dense))
        sq = np.concatenate([[0.0], np.cumsum(self.data.astype(np.float64) ** 2)])
        return np.asarray((sq[self.indptr[1:]] - sq[self.indptr[:-1]]).astype(np.float32))


def window_dots(
    a: Features,
    b: Features,
    lo: np.ndarray,
    hi: np.ndarray,
    slot: Callable[[np.ndarray, np.ndarray], np.ndarray],
    size: int,
) -> np.ndarray:
    """(size,) float32: for every row r of `a` and every row c of `b` in [lo[r], hi[r]),
    dot(a[r], b[c]) added at position slot(r, c) (an array function giving flat positions).

    Sparse rows are joined on their features, so the work is the number of non-zero
    products in the windows, however many features the documents have; dense rows are
    multiplied pair by pair in slices. Memory stays bounded either way.
    """
    out = np.zeros(size, dtype=np.float64)
    lo = np.clip(np.asarray(lo, dtype=np.int64), 0, b.n)
    hi = np.clip(np.asarray(hi, dtype=np.int64), 0, b.n)
    if a.n == 0 or b.n == 0:
        return out.astype(np.float32)
    if a.dense is not None and b.dense is not None:
        for r, c in _window_pairs(lo, hi):
            dots = np.einsum("ij,ij->i", a.dense[r], b.dense[c])
            out += np.bincount(slot(r, c), weights=dots, minlength=size)
        return out.astype(np.float32)
    rows_a = np.repeat(np.arange(a.n, dtype=np.int64), np.diff(a.indptr))
    rows_b = np.repeat(np.arange(b.n, dtype=np.int64), np.diff(b.indptr))
    order = np.lexsort((rows_b, b.indices))  # by feature, then row
    span = b.n + 1
    keys = b.indices[order].astype(np.int64) * span + rows_b[order]
    cols_b, vals_b = rows_b[order], b.data[order]
    feats = a.indices.astype(np.int64) * span
    first = np.searchsorted(keys, feats + lo[rows_a])
    counts = np.searchsorted(keys, feats + hi[rows_a]) - first
    counts = np.maximum(counts, 0)
    ends = np.cumsum(counts)
    for e0, e1 in _slices(ends, PRODUCTS):
        c = counts[e0:e1]
        total = int(c.sum())
        if total == 0:
            continue
        which = np.repeat(np.arange(e0, e1), c)
        step = np.arange(total) - np.repeat(np.cumsum(c) - c, c)
        k = first[which] + step
        r = rows_a[which]
        out += np.bincount(slot(r, cols_b[k]), weights=a.data[which] * vals_b[k], minlength=size)
    return out.astype(np.float32)


def _slices(ends: np.ndarray, budget: int) -> list[tuple[int, int]]:
    """Cut entries into runs whose products (running totals `ends`) stay near `budget`."""
    out, start, done = [], 0, 0
    n = len(ends)
    while start < n:
        stop = int(np.searchsorted(ends, done + budget, side="right"))
        stop = max(stop, start + 1)
        out.append((start, min(stop, n)))
        done = int(ends[min(stop, n) - 1])
        start = stop
    return out


def _window_pairs(
    lo: np.ndarray, hi: np.ndarray, chunk: int = 8192
) -> Iterator[tuple[np.ndarray, np.ndarray]]:
    """Explicit (rows, cols) of the windows, a slice at a time."""
    sizes = np.maximum(hi - lo, 0)
    ends = np.cumsum(sizes)
    for r0, r1 in _slices(ends, chunk):
        s = sizes[r0:r1]
        rows = np.repeat(np.arange(r0, r1), s)
        cols = np.repeat(lo[r0:r1], s) + (np.arange(int(s.sum())) - np.repeat(np.cumsum(s) - s, s))
        if len(rows):
            yield rows, cols


def pair_dots(a: Features, b: Features, rows: np.ndarray, cols: np.ndarray) -> np.ndarray:
    """(len(rows),) float32: dot(a[rows[p]], b[cols[p]]) for every pair p."""
    rows = np.asarray(rows, dtype=np.int64)
    cols = np.asarray(cols, dtype=np.int64)
    out = np.zeros(len(rows), dtype=np.float32)
    if len(rows) == 0:
        return out
    order = np.lexsort((cols, rows))
    ranked = rows[order]
    repeat = np.arange(len(rows)) - np.searchsorted(ranked, ranked, side="left")
    for k in range(int(repeat.max()) + 1):  # each round gives every row one window of one col
        chosen = order[repeat == k]
        lo = np.zeros(a.n, dtype=np.int64)
        lo[rows[chosen]] = cols[chosen]
        hi = lo.copy()
        hi[rows[chosen]] += 1
        where = np.full(a.n, len(rows), dtype=np.int64)
        where[rows[chosen]] = chosen
        out += window_dots(a, b, lo, hi, partial(_row_slot, where), len(rows) + 1)[:-1]
    return out


def self_dots(a: Features, offset: int) -> np.ndarray:
    """(n,) float32: dot(a[r], a[r + offset]) (0 where r + offset is past the end)."""
    if offset not in a.known:
        if offset == 0:
            a.known[offset] = a.norms2()
        else:
            r = np.arange(a.n, dtype=np.int64)
            pairs = window_dots(a, a, r + offset, r + offset + 1, lambda rows, cols: rows, a.n)
            a.known[offset] = pairs
    return a.known[offset]


def _row_slot(where: np.ndarray, rows: np.ndarray, cols: np.ndarray) -> np.ndarray:
    """The slot of each (row, col) window when every row has one window: the row's own."""
    return np.asarray(where[rows])
