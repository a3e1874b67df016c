"""Coarse-to-fine search: linear time and memory in the documents' length.

Merging each pair of consecutive sentences halves both documents; after a few halvings the
whole grid is small enough to search completely. The best path found there, drawn back on
the grid twice as fine, is searched again only within `radius` corners of it, and so on
down to the sentences themselves (Vecalign's recursive down-sampling). Every level holds
O((n + m) * radius) candidates, and the levels shrink geometrically.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass, field

import numpy as np

from workbench.align import dp
from workbench.align.cells import Cells
from workbench.align.choices import SKIP_FIT, SearchParams
from workbench.align.signals.base import Evidence

FIRST_SIDE, FIRST_MANY = 3, 4  # bead limits of the coarse-to-fine pass


def first_types(params: SearchParams) -> np.ndarray:
    """(T, 2) the bead types of the coarse-to-fine pass."""
    return dp.bead_types(min(params.max_side, FIRST_SIDE), min(params.max_many, FIRST_MANY))


def all_types(params: SearchParams) -> np.ndarray:
    """(T, 2) every bead type the parameters allow (the first pass's first, in order)."""
    return dp.bead_types(params.max_side, params.max_many)


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
    types = first_types(params)
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
        cells, parts, cost, F, steps = _pass(band, types, pyramid[depth], params)
    larger = all_types(params)
    if len(larger) > len(types):  # the larger beads, near the path found
        path = project(steps, types, (n, m), (n, m), scale=1)
        band = dp.Band.around(path, n, m, params.refine_radius)
        types = larger
        cells, parts, cost, F, steps = _pass(band, types, evidence, params)
    shift = skip_shift(steps, types)
    if any(shift):  # once more on the same band, each side's omissions priced by the path
        cost = costs(cells, parts, params, shift)
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


def _pass(
    band: dp.Band,
    types: np.ndarray,
    evidence: Sequence[tuple[float, Evidence]],
    params: SearchParams,
) -> tuple[Cells, list[np.ndarray], np.ndarray, np.ndarray, list[tuple[int, int, int]]]:
    """Score every candidate bead of the band and find the cheapest path through it."""
    cells = Cells(band, types)
    parts = [w * e.score(cells) for w, e in evidence]
    cost = costs(cells, parts, params)
    F, back = dp.forward(band, types, cost)
    return cells, parts, cost, F, dp.traceback(band, types, back)


def skip_shift(steps: Sequence[tuple[int, int, int]], types: np.ndarray) -> tuple[float, float]:
    """What to add to the cost of a 1-0 and of a 0-1 bead, from a first path's omissions.

    Gale and Church estimated their bead priors from aligned text; a document pair teaches
    its own: when the path leaves out sentences of one side far more often than of the
    other (captions and notes that only one version has), an omission on the other side is
    rarer than the common skip cost says. That side's cost rises by `SKIP_FIT` times the
    log of the ratio of the two counts (plus one each); the frequent side's stays, so a
    wrong first guess is not reinforced.
    """
    omitted = [0, 0]  # source sentences left out (1-0), target sentences (0-1)
    for t, _, _ in steps:
        a, b = int(types[t, 0]), int(types[t, 1])
        if a + b == 1:
            omitted[b] += 1
    lean = math.log((omitted[1] + 1) / (omitted[0] + 1))
    return SKIP_FIT * max(lean, 0.0), SKIP_FIT * max(-lean, 0.0)


def costs(
    cells: Cells,
    parts: Sequence[np.ndarray],
    params: SearchParams,
    shift: tuple[float, float] = (0.0, 0.0),
) -> np.ndarray:
    """(D, T, W) float32 cost of every candidate bead; `shift` is added to the cost of a
    1-0 and of a 0-1 bead."""
    types = cells.types
    skip = params.skip_cost + np.where(types[:, 0] > 0, shift[0], shift[1])
    prior = np.where(cells.match, params.merge_cost * (types.sum(axis=1) - 2), skip).astype(
        np.float32
    )
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
    scale: int = 2,
) -> np.ndarray:
    """(n + m + 1,) the i of a fine path on each antidiagonal, drawn through the coarse beads
    (`scale` times finer; 1 draws a path on its own grid).

    Runs of omissions and additions are crossed on a straight slant rather than the DP's
    arbitrary order, as Vecalign does, so the fine search may pair them up.
    """
    n, m = fine
    corners = [(0, 0)]
    for t, i, j in steps:
        if types[t, 0] and types[t, 1]:
            corners.append((min(scale * i, n), min(scale * j, m)))
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
    return np.asarray(x0 + np.floor(dx * (d - d0) / span + 0.5).astype(np.int64))
