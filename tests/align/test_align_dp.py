"""The DP core on hand-made costs: shapes, the best path, margins, the coarse-to-fine path."""

from __future__ import annotations

import numpy as np
import pytest

from workbench.align import dp
from workbench.align.cells import Cells
from workbench.align.choices import SKIP_FIT, SearchParams
from workbench.align.search import costs, project, skip_shift


def test_default_bead_types_are_the_issues_list():
    kinds = {f"{a}-{b}" for a, b in dp.bead_types()}
    assert kinds == {"1-0", "0-1", "1-1", "1-2", "2-1", "2-2", "1-3", "3-1"}


def test_full_band_holds_every_corner_once():
    band = dp.Band.full(3, 2)
    i, j = band.corners
    inside = (i >= 0) & (i <= 3) & (j >= 0) & (j <= 2)
    corners = sorted(zip(i[inside].tolist(), j[inside].tolist(), strict=True))
    assert corners == [(a, b) for a in range(4) for b in range(3)]


def _costs(band: dp.Band, types: np.ndarray, table: dict[tuple[int, int, int, int], float]):
    """inf everywhere except the beads in `table` ((a, b, end i, end j) -> cost); skips cost 5."""
    cells = Cells(band, types)
    cost = np.full(cells.shape, np.inf, dtype=np.float32)
    for t, (a, b) in enumerate(types):
        for d in range(len(band.start)):
            for k in range(band.width):
                if not cells.ok[d, t, k]:
                    continue
                i, j = int(cells.i[d, k]), int(cells.j[d, k])
                cost[d, t, k] = table.get((int(a), int(b), i, j), 5.0 if a + b == 1 else np.inf)
    return cost


def _beads(band, types, steps):
    return [(int(types[t, 0]), int(types[t, 1]), i, j) for t, i, j in steps]


def test_forward_and_traceback_find_the_cheapest_path():
    types = dp.bead_types()
    band = dp.Band.full(3, 2)
    cost = _costs(band, types, {(1, 1, 1, 1): 0.0, (2, 1, 3, 2): 1.0, (1, 1, 3, 2): 0.5})
    F, back = dp.forward(band, types, cost)
    steps = dp.traceback(band, types, back)
    # 1-1 then 2-1 costs 1.0; 1-1, 1-0, 1-1 costs 0 + 5 + 0.5
    assert _beads(band, types, steps) == [(1, 1, 1, 1), (2, 1, 3, 2)]
    assert F[5, 3 - band.start[5]] == pytest.approx(1.0)


def test_backward_meets_forward_on_the_best_path():
    types = dp.bead_types()
    band = dp.Band.full(3, 2)
    cost = _costs(band, types, {(1, 1, 1, 1): 0.0, (2, 1, 3, 2): 1.0})
    F, back = dp.forward(band, types, cost)
    G = dp.backward(band, types, cost)
    for _t, i, j in dp.traceback(band, types, back):
        k = i - band.start[i + j]
        assert F[i + j, k] + G[i + j, k] == pytest.approx(1.0)


def test_margin_is_zero_for_a_tie_and_the_gap_otherwise():
    types = dp.bead_types()
    band = dp.Band.full(1, 1)
    tie = _costs(band, types, {(1, 1, 1, 1): 10.0})  # = 1-0 + 0-1 at 5 each
    clear = _costs(band, types, {(1, 1, 1, 1): 4.0})
    for cost, expected in ((tie, 0.0), (clear, 6.0)):
        F, back = dp.forward(band, types, cost)
        G = dp.backward(band, types, cost)
        steps = dp.traceback(band, types, back)
        assert dp.margins(band, types, cost, F, G, steps)[0] == pytest.approx(expected)


@pytest.mark.parametrize(
    ("steps", "coarse", "fine"),
    [
        ([(2, 1, 1), (2, 2, 2)], (2, 2), (4, 4)),
        ([(2, 1, 1), (0, 2, 1), (2, 3, 2)], (3, 2), (5, 4)),
        ([(1, 0, 1), (1, 0, 2), (2, 1, 3)], (1, 3), (2, 6)),
    ],
    ids=["diagonal", "with-omission", "steep"],
)
def test_projected_path_steps_once_per_antidiagonal(steps, coarse, fine):
    path = project(steps, dp.bead_types(), coarse, fine)
    n, m = fine
    assert len(path) == n + m + 1
    assert path[0] == 0 and path[-1] == n
    assert set(np.diff(path).tolist()) <= {0, 1}


def _omissions(skipped_src: int, skipped_tgt: int) -> list[tuple[int, int, int]]:
    """A path's steps (type index, i, j) with that many 1-0 and 0-1 beads and a 1-1."""
    types = [tuple(t) for t in dp.bead_types().tolist()]
    one_zero, zero_one, one_one = types.index((1, 0)), types.index((0, 1)), types.index((1, 1))
    steps = [(one_zero, 0, 0)] * skipped_src + [(zero_one, 0, 0)] * skipped_tgt
    return [*steps, (one_one, 0, 0)]


def test_skip_shift_prices_the_rarer_sides_omissions_up():
    types = dp.bead_types()
    assert skip_shift(_omissions(0, 9), types) == pytest.approx((SKIP_FIT * np.log(10), 0.0))
    assert skip_shift(_omissions(4, 0), types) == pytest.approx((0.0, SKIP_FIT * np.log(5)))
    assert skip_shift(_omissions(3, 3), types) == (0.0, 0.0)
    assert skip_shift(_omissions(0, 0), types) == (0.0, 0.0)


def test_costs_add_the_shift_to_one_kind_of_omission_only():
    band, types = dp.Band.full(3, 3), dp.bead_types()
    cells = Cells(band, types)
    plain = costs(cells, [], SearchParams())
    shifted = costs(cells, [], SearchParams(), (1.5, 0.0))
    finite = np.isfinite(plain)
    diff = np.zeros_like(plain)
    diff[finite] = shifted[finite] - plain[finite]
    one_zero = [tuple(t) for t in types.tolist()].index((1, 0))
    assert np.allclose(diff[:, one_zero, :][finite[:, one_zero, :]], 1.5)
    diff[:, one_zero, :] = 0.0
    assert not diff.any()
