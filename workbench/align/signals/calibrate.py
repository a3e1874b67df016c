"""How alike are sentences that are *not* translations of each other, in these two documents?

Signals whose raw similarity depends on the language pair, the model or the text (the
cosine of translated n-grams, of embeddings) are read against this baseline: pairs about
`offset` sentences off the documents' diagonal, which in real documents are almost never
translations of each other but share their topic and style.
"""

from __future__ import annotations

from abc import abstractmethod

import numpy as np

from workbench.align.features import Features, pair_dots
from workbench.align.signals.base import Pair, VectorSignal

OFFSETS = (-13, -9, 9, 13)
SAMPLES = 4000


def baseline(
    src: Features, tgt: Features, default: tuple[float, float] = (0.1, 0.1)
) -> tuple[float, float]:
    """(mean, standard deviation) of the cosine of off-diagonal sentence pairs; `default`
    for documents too short to have enough of them."""
    n, m = src.n, tgt.n
    if n == 0 or m == 0:
        return default
    step = max(1, n // (SAMPLES // len(OFFSETS)))
    rows = np.arange(0, n, step)
    diagonal = np.floor(rows * m / n).astype(np.int64)
    all_rows, all_cols = [], []
    for offset in OFFSETS:
        cols = diagonal + offset
        keep = (cols >= 0) & (cols < m)
        all_rows.append(rows[keep])
        all_cols.append(cols[keep])
    rows_, cols_ = np.concatenate(all_rows), np.concatenate(all_cols)
    if len(rows_) < 20:
        return default
    order = np.lexsort((cols_, rows_))
    rows_, cols_ = rows_[order], cols_[order]
    dots = pair_dots(src, tgt, rows_, cols_)
    norms = np.sqrt(src.norms2()[rows_] * tgt.norms2()[cols_])
    cosines = np.where(norms > 0, dots / np.maximum(norms, 1e-12), 0.0)
    return float(cosines.mean()), float(max(cosines.std(), 1e-3))


class ZScoredSignal(VectorSignal):
    """A vector signal read against the baseline: evidence = scale * (z - center), where z is
    how many standard deviations a cosine lies above off-diagonal pairs'. It is not capped
    above (a diluted group must keep scoring below a clean one), only below, at -floor."""

    def __init__(
        self,
        weight: float | None = None,
        *,
        scale: float = 1.0,
        center: float = 2.0,
        floor: float = 4.0,
    ):
        super().__init__(weight)
        self.scale, self.center, self.floor = scale, center, floor
        self.mean, self.spread = 0.0, 1.0

    @abstractmethod
    def raw_vectors(self, pair: Pair) -> tuple[Features, Features]:
        """The vectors before calibration."""

    def vectors(self, pair: Pair) -> tuple[Features, Features]:
        src, tgt = self.raw_vectors(pair)
        self.mean, self.spread = baseline(src, tgt)
        return src, tgt

    def from_cosine(
        self, cosine: np.ndarray, src_empty: np.ndarray, tgt_empty: np.ndarray
    ) -> np.ndarray:
        cosine -= np.float32(self.mean + self.center * self.spread)
        cosine *= np.float32(self.scale / self.spread)
        np.maximum(cosine, np.float32(-self.floor), out=cosine)
        cosine[src_empty | tgt_empty] = 0.0
        return cosine
