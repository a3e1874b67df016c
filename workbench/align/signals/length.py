"""Length: translations of long sentences are long (Gale & Church 1993).

The target length of a bead is modelled as normal with mean c * source length and variance
s2 * (mean length), where c, the character ratio of the language pair, is estimated from the
two documents themselves (total target characters / total source characters). The evidence
is log P(|delta| this large | the groups match), Gale–Church's own term: 0 for a perfect
fit, about -2.4 at two standard deviations, always <= 0 (length alone can rule a bead out but
never prove it). Characters are counted without spaces, so tokenized and untokenized text
measure the same.
"""

from __future__ import annotations

import numpy as np

from workbench.align.cells import Cells
from workbench.align.signals.base import Evidence, Pair, Signal

VARIANCE = 6.8  # Gale & Church's estimate of s2, per character
FLOOR = -12.0  # no bead is ruled out by length alone more strongly than this


def char_lengths(sentences) -> np.ndarray:
    return np.fromiter((len("".join(s.split())) for s in sentences), dtype=np.float64)


def log_erfc(x: np.ndarray) -> np.ndarray:
    """ln(erfc(x)) for x >= 0, stable for large x (Abramowitz & Stegun 7.1.26)."""
    t = 1.0 / (1.0 + 0.3275911 * x)
    poly = t * (
        0.254829592 + t * (-0.284496736 + t * (1.421413741 + t * (-1.453152027 + t * 1.061405429)))
    )
    return np.log(poly) - x * x


class LengthSignal(Signal):
    """Gale–Church length evidence with the ratio estimated from the documents."""

    name = "length"
    default_weight = 1.0

    def __init__(self, weight: float | None = None, variance: float = VARIANCE):
        super().__init__(weight)
        self.variance = variance
        self.ratio = 1.0

    def parameters(self) -> dict:
        return {"ratio": round(self.ratio, 3), "s2": self.variance}

    def prepare(self, pair: Pair) -> Evidence:
        src, tgt = char_lengths(pair.src), char_lengths(pair.tgt)
        total_src, total_tgt = src.sum(), tgt.sum()
        self.ratio = float(total_tgt / total_src) if total_src > 0 and total_tgt > 0 else 1.0
        return LengthEvidence(src, tgt, self.ratio, self.variance)


class LengthEvidence(Evidence):
    def __init__(self, src: np.ndarray, tgt: np.ndarray, ratio: float, variance: float):
        self.src, self.tgt, self.ratio, self.variance = src, tgt, ratio, variance

    def coarser(self) -> Evidence:
        return LengthEvidence(_pairs(self.src), _pairs(self.tgt), self.ratio, self.variance)

    def score(self, cells: Cells) -> np.ndarray:
        ls = cells.group_sums(self.src, "src")
        lt = cells.group_sums(self.tgt, "tgt")
        mean = np.maximum((ls + lt / self.ratio) / 2.0, 1.0)
        delta = np.abs(lt - self.ratio * ls) / np.sqrt(self.variance * self.ratio * mean)
        evidence = np.maximum(log_erfc(delta / np.sqrt(2.0)), FLOOR)
        return np.where(cells.match[None, :, None], evidence, 0.0).astype(np.float32)


def _pairs(values: np.ndarray) -> np.ndarray:
    padded = np.concatenate([values, [0.0]]) if len(values) % 2 else values
    return padded.reshape(-1, 2).sum(axis=1)
