"""The candidate beads of one search: every bead type ending at every corner of a band.

Signals score candidates through this object, so none of them needs to know how the band is
laid out. All arrays are (D, T, W) like the DP's cost (see `dp`): antidiagonal, bead type,
position on the antidiagonal. The bead of type (a, b) ending at corner (i, j) joins source
sentences i-a..i-1 with target sentences j-b..j-1.
"""

from __future__ import annotations

from functools import cached_property

import numpy as np

from workbench.align.dp import Band
from workbench.align.features import Features, self_dots, window_dots


class Cells:
    """Candidate beads of a band, with the group sums signals need."""

    def __init__(self, band: Band, types: np.ndarray):
        self.band = band
        self.types = types
        self.i, self.j = band.corners  # (D, W)
        a = types[:, 0][None, :, None]
        b = types[:, 1][None, :, None]
        i, j = self.i[:, None, :], self.j[:, None, :]
        # a bead is possible when it stays on the grid
        self.ok = (i - a >= 0) & (j - b >= 0) & (i <= band.n) & (j <= band.m)  # (D, T, W)

    @property
    def shape(self) -> tuple[int, int, int]:
        d, t, w = self.ok.shape
        return d, t, w

    @cached_property
    def match(self) -> np.ndarray:
        """(T,) True for types with sentences on both sides."""
        return (self.types[:, 0] > 0) & (self.types[:, 1] > 0)

    def group_sums(self, per_sentence: np.ndarray, side: str) -> np.ndarray:
        """(D, T, W) sum of a per-sentence value over each candidate's source or target group."""
        values = np.asarray(per_sentence, dtype=np.float64)
        # exact for the integer counts signals sum here (characters, boundaries)
        prefix = np.concatenate([[0.0], np.cumsum(values)]).astype(np.float32)
        ends = self.i if side == "src" else self.j
        sizes = self.types[:, 0] if side == "src" else self.types[:, 1]
        top = len(prefix) - 1
        end = np.clip(ends, 0, top)[:, None, :]
        begin = np.clip(ends[:, None, :] - sizes[None, :, None], 0, top)
        out = prefix[np.broadcast_to(end, begin.shape)]
        out -= prefix[begin]
        return np.asarray(out)

    def group_norms2(self, features: Features, side: str) -> np.ndarray:
        """(D, T, W) squared length of the sum of each candidate's group of vectors."""
        sizes = self.types[:, 0] if side == "src" else self.types[:, 1]
        top = int(sizes.max())
        n = features.n
        dots = [self_dots(features, o) for o in range(top)]  # dots[o][r] = <f_r, f_{r+o}>
        per_size = np.zeros((top + 1, n + 1), dtype=np.float64)
        for size in range(1, top + 1):
            # corner e: the group e-size..e-1; sum of all <f_r, f_s> for r, s in it
            for o in range(size):
                weight = 1.0 if o == 0 else 2.0
                prefix = np.concatenate([[0.0], np.cumsum(dots[o].astype(np.float64))])
                end = np.arange(n + 1) - o  # r runs e-size .. e-1-o
                begin = np.arange(n + 1) - size
                valid = begin >= 0
                s = prefix[np.clip(end, 0, n)] - prefix[np.clip(begin, 0, n)]
                per_size[size] += np.where(valid, weight * s, 0.0)
        ends = np.clip(self.i if side == "src" else self.j, 0, n)
        return np.asarray(per_size.astype(np.float32)[sizes[None, :, None], ends[:, None, :]])

    def cross_dots(self, src: Features, tgt: Features) -> np.ndarray:
        """(D, T, W) dot product of each candidate's summed source and target vectors."""
        band, types = self.band, self.types
        left, right = int(types[:, 0].max()) - 1, int(types[:, 1].max()) - 1
        D, W = len(band.start), band.width
        wide = W + left + right
        start = band.start - left
        # corner (i, j) stands for the sentence pair (i - 1, j - 1); row r of the source meets
        # the target sentences c whose corner (r + 1, c + 1) lies in the widened band
        r = np.arange(band.n, dtype=np.int64)
        first_d = np.searchsorted(start, r + 1 - wide, side="right")
        last_d = np.searchsorted(start, r + 1, side="right") - 1

        def slot(rows: np.ndarray, cols: np.ndarray) -> np.ndarray:
            d = rows + cols + 2
            return np.asarray(d * wide + (rows + 1 - start[d]))

        lo, hi = first_d - r - 2, last_d - r - 1
        pairs = window_dots(src, tgt, lo, hi, slot, D * wide).reshape(D, wide)
        out = np.zeros(self.shape, dtype=np.float32)
        d = np.arange(D)[:, None]
        k = np.arange(W)[None, :]
        shifted: dict[tuple[int, int], np.ndarray] = {}
        for t, (a, b) in enumerate(types):
            for p in range(a):
                for q in range(b):
                    if (p, q) not in shifted:
                        prev = d - p - q
                        ok = prev >= 0
                        col = k + band.start[:, None] - p - start[np.maximum(prev, 0)]
                        inside = ok & (col >= 0) & (col < wide)
                        got = pairs[np.maximum(prev, 0), np.clip(col, 0, wide - 1)]
                        shifted[(p, q)] = np.where(inside, got, 0.0)
                    out[:, t, :] += shifted[(p, q)]
        return out
