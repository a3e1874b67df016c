"""The dynamic-programming core: the cheapest monotone path of beads through a band of cells.

Pure functions over numpy arrays; no text, no signals. Vocabulary:

- a *corner* (i, j) means "the first i source and the first j target sentences are aligned";
  the path runs from (0, 0) to (n, m);
- a *bead type* (a, b) steps from corner (i - a, j - b) to (i, j), joining source sentences
  i-a..i-1 with target sentences j-b..j-1 (a or b may be 0: an omission or an addition);
- the *band* is the set of corners searched. It is stored by antidiagonal d = i + j: on
  antidiagonal d the corners i = start[d] + k for k in [0, width) (so j = d - i). Every step
  moves to a later antidiagonal, and a band around a path that crosses each antidiagonal once
  has the same width everywhere, however steep or flat the path is (Vecalign stores its
  search band the same way).

Shapes: D = n + m + 1 antidiagonals, T bead types, W = band width.
`cost` is (D, T, W) float32: the cost of the bead of type t that ends at corner (d, k), inf
where that bead is not allowed. `forward` returns F (D, W) float64, the cheapest cost from
(0, 0) to each corner, and `back` (D, W) int8, the bead type that got there.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np


@dataclass(frozen=True)
class Band:
    """Corners searched on each antidiagonal: i in [start[d], start[d] + width)."""

    n: int
    m: int
    start: np.ndarray  # (D,) int64
    width: int

    @classmethod
    def full(cls, n: int, m: int) -> Band:
        """Every corner of the n x m grid (quadratic: for small or coarse documents only)."""
        d = np.arange(n + m + 1, dtype=np.int64)
        return cls(n, m, np.maximum(0, d - m), min(n, m) + 1)

    @classmethod
    def around(cls, path_i: np.ndarray, n: int, m: int, radius: int) -> Band:
        """Corners within `radius` of a path given by its i on each antidiagonal."""
        return cls(n, m, np.asarray(path_i, dtype=np.int64) - radius, 2 * radius + 1)

    @property
    def corners(self) -> tuple[np.ndarray, np.ndarray]:
        """(D, W) arrays i and j of every corner of the band (some may lie off the grid)."""
        d = np.arange(len(self.start), dtype=np.int64)[:, None]
        i = self.start[:, None] + np.arange(self.width, dtype=np.int64)[None, :]
        return i, d - i


def bead_types(max_side: int = 3, max_many: int = 4) -> np.ndarray:
    """(T, 2) bead types: 1-0 and 0-1, then, by size, every 1-b and a-1 with a side of at most
    `max_side` sentences, and every a-b with a, b >= 2 and a + b <= `max_many` (1-0, 0-1, 1-1,
    1-2, 2-1, 1-3, 2-2, 3-1 for the defaults; 2-3 and 3-2 come with max_many 5)."""
    types = [(1, 0), (0, 1)]
    for total in range(2, max(max_side + 1, max_many) + 1):
        for a in range(1, total):
            b = total - a
            if (min(a, b) == 1 and max(a, b) <= max_side) or (min(a, b) >= 2 and total <= max_many):
                types.append((a, b))
    return np.asarray(types, dtype=np.int64)


def predecessors(band: Band, types: np.ndarray, pad: int) -> np.ndarray:
    """(D, T, W) flat indices into a (D + 1, W + 2 * pad) array of F values: where the bead of
    type t ending at (d, k) starts. Row D is all inf (no predecessor before antidiagonal 0);
    columns outside the band land in the inf padding."""
    D, W = len(band.start), band.width
    wide = W + 2 * pad
    dtype = np.int32 if (D + 1) * wide < 2**31 else np.int64
    out = np.empty((D, len(types), W), dtype=dtype)
    d = np.arange(D, dtype=np.int64)
    k = np.arange(W, dtype=np.int64)[None, :]
    for t, (a, b) in enumerate(types):
        prev = d - a - b
        ok = prev >= 0
        shift = band.start - band.start[np.maximum(prev, 0)] - a
        col = np.clip(k + (shift + pad)[:, None], 0, wide - 1)
        out[:, t, :] = (np.where(ok, prev, D) * wide)[:, None] + col
    return out


def forward(band: Band, types: np.ndarray, cost: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Cheapest path costs F (D, W) and the bead type chosen at each corner, back (D, W)."""
    D, W = len(band.start), band.width
    pad = int(types.max())
    idx = predecessors(band, types, pad)
    padded = np.full((D + 1, W + 2 * pad), np.inf)
    F = padded[:, pad : pad + W]
    flat = padded.reshape(-1)
    back = np.zeros((D, W), dtype=np.int8)
    k0 = -int(band.start[0])
    if not 0 <= k0 < W:
        raise ValueError("the band does not contain the corner (0, 0)")
    F[0, k0] = 0.0
    cols = np.arange(W)
    for d in range(1, D):
        cand = flat[idx[d]]
        cand += cost[d]
        t = cand.argmin(0)
        back[d] = t
        F[d] = cand[t, cols]
    return F[:D].copy(), back


def traceback(band: Band, types: np.ndarray, back: np.ndarray) -> list[tuple[int, int, int]]:
    """The beads of the best path, first to last, as (type index, end i, end j)."""
    n, m = band.n, band.m
    d, i = n + m, n
    steps = []
    while d > 0:
        k = i - int(band.start[d])
        t = int(back[d, k])
        a, b = int(types[t, 0]), int(types[t, 1])
        steps.append((t, i, d - i))
        d, i = d - a - b, i - a
    steps.reverse()
    return steps


def backward(band: Band, types: np.ndarray, cost: np.ndarray) -> np.ndarray:
    """G (D, W) float64: the cheapest cost from each corner to (n, m)."""
    D, W = len(band.start), band.width
    pad = int(types.max())
    nxt, step_cost = _successors(band, types, cost, pad)
    padded = np.full((D + 1, W + 2 * pad), np.inf)
    G = padded[:, pad : pad + W]
    flat = padded.reshape(-1)
    G[D - 1, band.n - int(band.start[D - 1])] = 0.0
    for d in range(D - 2, -1, -1):
        cand = flat[nxt[d]]
        cand += step_cost[d]
        G[d] = cand.min(0)
    return G[:D].copy()


def _successors(
    band: Band, types: np.ndarray, cost: np.ndarray, pad: int
) -> tuple[np.ndarray, np.ndarray]:
    """For each corner (d, k) and type t: the flat index of the corner the bead reaches, and
    the bead's cost (inf when it leaves the band or the grid)."""
    D, W = len(band.start), band.width
    wide = W + 2 * pad
    flat = np.empty((D, len(types), W), dtype=np.int32 if (D + 1) * wide < 2**31 else np.int64)
    step_cost = np.full((D, len(types), W), np.inf, dtype=np.float32)
    d = np.arange(D, dtype=np.int64)
    k = np.arange(W, dtype=np.int64)[None, :]
    for t, (a, b) in enumerate(types):
        nxt = d + a + b
        ok = nxt < D
        nxt_c = np.minimum(nxt, D - 1)
        k_next = k + (band.start + a - band.start[nxt_c])[:, None]
        inside = ok[:, None] & (k_next >= 0) & (k_next < W)
        got = cost[nxt_c[:, None], t, np.clip(k_next, 0, W - 1)]
        step_cost[:, t, :] = np.where(inside, got, np.inf)
        flat[:, t, :] = (np.where(ok, nxt, D) * wide)[:, None] + np.clip(k_next + pad, 0, wide - 1)
    return flat, step_cost


def margins(
    band: Band,
    types: np.ndarray,
    cost: np.ndarray,
    F: np.ndarray,
    G: np.ndarray,
    steps: list[tuple[int, int, int]],
) -> np.ndarray:
    """(len(steps),) for each bead of the best path: how much dearer the best path *without*
    that bead is (0 = a tie, another alignment is as good).

    Every path crosses the cut just before the bead's end antidiagonal with exactly one bead,
    so the best path avoiding the bead is the cheapest other bead crossing that cut, each bead
    priced at F(its start) + its cost + G(its end).
    """
    D, W = len(band.start), band.width
    pad = int(types.max())
    idx = predecessors(band, types, pad)
    padded = np.full((D + 1, W + 2 * pad), np.inf)
    padded[:D, pad : pad + W] = F
    best = F[D - 1, band.n - int(band.start[D - 1])]
    flat = padded.reshape(-1)
    two = np.full((D, len(types), 2), np.inf)
    first_k = np.zeros((D, len(types)), dtype=np.int64)
    for lo in range(0, D, 2048):  # in slices, to keep memory flat
        hi = min(D, lo + 2048)
        through = flat[idx[lo:hi]] + cost[lo:hi] + G[lo:hi, None, :] - best  # (d, T, W)
        through = np.nan_to_num(through, nan=np.inf)
        first_k[lo:hi] = through.argmin(axis=2)
        if W > 1:
            two[lo:hi] = np.partition(through, 1, axis=2)[:, :, :2]
        else:
            two[lo:hi, :, 0] = through[:, :, 0]
    if not steps:
        return np.zeros(0)
    t_star, i, j = (np.asarray(x, dtype=np.int64) for x in zip(*steps, strict=True))
    cut = i + j
    k_star = i - band.start[cut]
    alt = np.full(len(steps), np.inf)
    for t, size in enumerate(types.sum(axis=1)):
        for offset in range(int(size)):
            d = cut + offset
            inside = d < D
            dd = np.minimum(d, D - 1)
            first, second = two[dd, t, 0], two[dd, t, 1]
            itself = (offset == 0) & (t_star == t) & (first_k[dd, t] == k_star)
            alt = np.minimum(alt, np.where(inside, np.where(itself, second, first), np.inf))
    return np.asarray(np.maximum(alt, 0.0))
