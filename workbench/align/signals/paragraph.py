"""Paragraph boundaries as anchors.

A bead that ends where a paragraph ends on both sides earns a bonus; a bead that joins
sentences of two paragraphs on one side pays. Both are soft: translators do split and join
paragraphs, and a boundary missing on one side costs nothing by itself.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import numpy as np

from workbench.align.cells import Cells
from workbench.align.signals.base import Evidence, Pair, Signal


def starts(paragraphs: Sequence[int] | None, n: int) -> np.ndarray:
    """(n + 1,) 1.0 at corner i when sentence i begins a new paragraph (and at 0 and n)."""
    out = np.zeros(n + 1)
    out[0] = out[n] = 1.0
    if paragraphs is not None and n:
        p = np.asarray(paragraphs)
        out[1:n] = p[1:] != p[:-1]
    return out


class ParagraphSignal(Signal):
    """Bonus for beads that end on a shared paragraph boundary, cost for crossing one."""

    name = "paragraph"
    default_weight = 1.0

    def __init__(self, weight: float | None = None, bonus: float = 2.0, crossing: float = 3.0):
        super().__init__(weight)
        self.bonus, self.crossing = bonus, crossing

    def parameters(self) -> dict[str, Any]:
        return {"bonus": self.bonus, "crossing": self.crossing}

    def prepare(self, pair: Pair) -> Evidence:
        return ParagraphEvidence(
            starts(pair.src_paragraphs, len(pair.src)),
            starts(pair.tgt_paragraphs, len(pair.tgt)),
            self.bonus,
            self.crossing,
        )


class ParagraphEvidence(Evidence):
    def __init__(self, src: np.ndarray, tgt: np.ndarray, bonus: float, crossing: float):
        self.src, self.tgt, self.bonus, self.crossing = src, tgt, bonus, crossing

    def coarser(self) -> Evidence:
        return ParagraphEvidence(
            _every_other(self.src), _every_other(self.tgt), self.bonus, self.crossing
        )

    def score(self, cells: Cells) -> np.ndarray:
        both_end = _at(self.src, cells.i) * _at(self.tgt, cells.j)
        inside = _inside(cells, self.src, "src") + _inside(cells, self.tgt, "tgt")
        scores = self.bonus * both_end[:, None, :] - self.crossing * inside
        return np.asarray(scores.astype(np.float32))


def _every_other(flags: np.ndarray) -> np.ndarray:
    """Coarse corner I is fine corner 2I; the last coarse corner is the document's end."""
    out = flags[0::2].copy()
    if (len(flags) - 1) % 2:
        out = np.concatenate([out, [1.0]])
    out[-1] = 1.0
    return out


def _at(flags: np.ndarray, corners: np.ndarray) -> np.ndarray:
    return np.asarray(flags[np.clip(corners, 0, len(flags) - 1)])


def _inside(cells: Cells, flags: np.ndarray, side: str) -> np.ndarray:
    """(D, T, W) paragraph starts strictly inside each candidate's group of sentences."""
    n = len(flags) - 1
    begins = np.concatenate([[0.0], flags[1:n]]) if n else np.zeros(0)  # sentence r opens one
    ends = cells.i if side == "src" else cells.j
    sizes = cells.types[:, 0] if side == "src" else cells.types[:, 1]
    first = np.clip(ends[:, None, :] - sizes[None, :, None], 0, max(n - 1, 0))
    opening = np.where(sizes[None, :, None] > 0, begins[first] if n else 0.0, 0.0)
    return np.asarray(np.maximum(cells.group_sums(begins, side) - opening, 0.0))
