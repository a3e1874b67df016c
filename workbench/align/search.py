"""Coarse-to-fine search: linear time and memory in the documents' length.

Merging each pair of consecutive sentences halves both documents; after a few halvings the
whole grid is small enough to search completely. The best path found there, drawn back on
the grid twice as fine, is searched again only within `radius` corners of it, and so on
down to the sentences themselves (Vecalign's recursive down-sampling). Every level holds
O((n + m) * radius) candidates, and the levels shrink geometrically.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

import numpy as np

from workbench.align import dp
from workbench.align.cells import Cells
from workbench.align.signals.base import Evidence


@dataclass(frozen=True)
class SearchParams:
    """How the aligner searches and what a bead costs before any signal speaks.

    A bead's cost is `merge_cost` per sentence beyond the first on each side (so 1-1 costs 0,
    2-1 costs merge_cost, 2-2 and 1-3 twice that), minus the weighted evidence of the signals;
    leaving a sentence unaligned (1-0 or 0-1) costs `skip_cost`. The confidence of a bead is
    1 - exp(-margin / confidence_scale), where the margin is how much dearer the best
    alignment without that bead is.
    """

    max_bead: int = 4  # sentences in one bead, both sides together
    max_side: int = 3  # sentences on one side of a bead
    radius: int = 10  # corners searched on each side of the coarse path
    full_cells: int = 40_000  # search the whole grid when n * m is at most this
    skip_cost: float = 3.0
    merge_cost: float = 2.5
    confidence_scale: float = 3.0

    def signature(self) -> str:
        return (
            f"max:{self.max_bead}/{self.max_side}|radius:{self.radius}"
            f"|skip:{self.skip_cost:g}|merge:{self.merge_cost:g}"
        )


@dataclass
class Found:
    """The best path at the finest level, with what each signal said about its beads."""

    types: np.ndarray  # (T, 2)
    steps: list[tuple[int, int, int]]  # (type, end i, end j) per bead
    evidence: np.ndarray  # (beads, signals) weighted evidence of each bead
    cost: np.ndarray  # (beads,)
    margin: np.ndarray  # (beads,)
    levels: list[tuple[int, int]] = field(default_factory=list)


def search(
    evidence: Sequence[tuple[float, Evidence]], n: int, m: int, params: SearchParams
) -> Found:
    """The cheapest alignment of n source with m target sentences (n, m >= 1)."""
    types = dp.bead_types(params.max_bead, params.max_side)
    levels = [(n, m)]
    pyramid = [list(evidence)]
    while levels[-1][0] * levels[-1][1] > params.full_cells and min(levels[-1]) > 1:
        pyramid.append([(w, e.coarser()) for w, e in pyramid[-1]])
        levels.append(((levels[-1][0] + 1) // 2, (levels[-1][1] + 1) // 2))
    band = dp.Band.full(*levels[-1])
    steps: list[tuple[int, int, int]] = []
    for depth in range(len(levels) - 1, -1, -1):
        if depth < len(levels) - 1:
            path = project(steps, types, levels[depth + 1], levels[depth])
            band = dp.Band.around(path, *levels[depth], params.radius)
        cells = Cells(band, types)
        parts = [w * e.score(cells) for w, e in pyramid[depth]]
        cost = costs(cells, parts, params)
        F, back = dp.forward(band, types, cost)
        steps = dp.traceback(band, types, back)
    G = dp.backward(band, types, cost)
    margin = dp.margins(band, types, cost, F, G, steps)
    where = [(i + j, t, i - int(band.start[i + j])) for t, i, j in steps]
    d, t, k = (np.asarray(x, dtype=np.int64) for x in zip(*where, strict=True))
    per_signal = (
        np.stack([p[d, t, k] for p in parts], axis=1) if parts else np.zeros((len(steps), 0))
    )
    return Found(types, steps, per_signal, cost[d, t, k], margin, levels)


def costs(cells: Cells, parts: Sequence[np.ndarray], params: SearchParams) -> np.ndarray:
    """(D, T, W) float32 cost of every candidate bead."""
    types = cells.types
    prior = np.where(
        cells.match, params.merge_cost * (types.sum(axis=1) - 2), params.skip_cost
    ).astype(np.float32)
    cost = np.broadcast_to(prior[None, :, None], cells.shape).copy()
    for part in parts:
        cost -= part
    cost[~cells.ok] = np.inf
    return cost


def project(
    steps: Sequence[tuple[int, int, int]],
    types: np.ndarray,
    coarse: tuple[int, int],
    fine: tuple[int, int],
) -> np.ndarray:
    """(n + m + 1,) the i of a fine path on each antidiagonal, drawn through the coarse beads.

    Runs of omissions and additions are crossed on a straight slant rather than the DP's
    arbitrary order, as Vecalign does, so the fine search may pair them up.
    """
    n, m = fine
    corners = [(0, 0)]
    for t, i, j in steps:
        if types[t, 0] and types[t, 1]:
            corners.append((min(2 * i, n), min(2 * j, m)))
    corners.append((n, m))
    x = np.asarray([c[0] for c in corners], dtype=np.int64)
    y = np.asarray([c[1] for c in corners], dtype=np.int64)
    keep = np.concatenate([[True], (x[1:] + y[1:]) > (x[:-1] + y[:-1])])
    x, y = x[keep], y[keep]
    d_corner = x + y
    d = np.arange(n + m + 1, dtype=np.int64)
    seg = np.clip(np.searchsorted(d_corner, d, side="right") - 1, 0, len(x) - 2)
    x0, d0 = x[seg], d_corner[seg]
    dx = x[seg + 1] - x0
    span = np.maximum(d_corner[seg + 1] - d0, 1)
    return x0 + np.floor(dx * (d - d0) / span + 0.5).astype(np.int64)
