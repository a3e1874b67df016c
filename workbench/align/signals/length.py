"""Length: translations of long sentences are long (Gale & Church 1993).

The target length of a bead is modelled as normal with mean c * source length and variance
s2 * (mean length), where c, the character ratio of the language pair, is estimated from the
two documents themselves (total target characters / total source characters). The evidence
is log P(|delta| this large | the groups match), Gale–Church's own term: 0 for a perfect
fit, about -2.4 at two standard deviations, always <= 0 (length alone can rule a bead out but
never prove it). Characters are counted without spaces, so tokenized and untokenized text
measure the same.

A sentence translated as several strays further than that: on the gold beads of Text+Berg
dev and of TICO-19's long sentences, 1-3 and larger beads deviate per character two to
four times as much as 1-1 beads (each cut gains or loses a subject, a connective). So
each sentence one side has beyond one more than the other adds `growth` times the
variance again: s2 * (mean length) * (1 + growth * max(|a - b| - 1, 0)) for an a-b bead
(1-1, 1-2 and 2-2 keep Gale–Church's; 1-3 doubles it, 1-6 has five times as much).

A sentence left out (a 1-0 or 0-1 bead) gets Gale–Church's own term too, scaled down: a
line of a few characters (a caption, a page number, an OCR fragment) is far likelier to have
no counterpart than a sentence is. Its omission is cheaper by up to `short` (for an empty
line), falling to half at 15 characters and to nothing at 25; longer sentences cost the common
skip cost.

When the source has been machine-translated (the "mt" signal), the translations' lengths
stand in for the source's: a translation's length predicts its target's far better than the
original's does across languages as different as Arabic and English.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import numpy as np

from workbench.align.cells import Cells
from workbench.align.signals.base import Evidence, Pair, Signal

VARIANCE = 6.8  # Gale & Church's estimate of s2, per character
GROWTH = 1.0  # variance added per sentence of a 1-n bead beyond 1-2 (tuned: bench/align_eval)
SHORT = 1.5  # most an omitted line is cheaper than the skip cost (tuned: bench/align_eval)
SHORT_SCALE = 0.3  # of Gale–Church's term for an omission: sets how short is "short"
FLOOR = -12.0  # no bead is ruled out by length alone more strongly than this


def char_lengths(sentences: Sequence[str]) -> np.ndarray:
    return np.fromiter((len("".join(s.split())) for s in sentences), dtype=np.float64)


def log_erfc(x: np.ndarray) -> np.ndarray:
    """ln(erfc(x)) for x >= 0, stable for large x (Abramowitz & Stegun 7.1.26)."""
    x = np.asarray(x, dtype=np.float32)
    t = x * np.float32(0.3275911)
    t += 1.0
    np.reciprocal(t, out=t)
    poly = t * np.float32(1.061405429)
    for c in (-1.453152027, 1.421413741, -0.284496736, 0.254829592):
        poly += np.float32(c)
        poly *= t
    del t
    np.log(poly, out=poly)
    poly -= x * x
    return poly


class LengthSignal(Signal):
    """Gale–Church length evidence with the ratio estimated from the documents."""

    name = "length"
    default_weight = 1.0

    def __init__(
        self,
        weight: float | None = None,
        variance: float = VARIANCE,
        use_mt: bool = True,
        growth: float = GROWTH,
        short: float = SHORT,
    ):
        super().__init__(weight)
        self.variance, self.use_mt, self.growth = variance, use_mt, growth
        self.short = short
        self.ratio = 1.0
        self.measured = "src"  # or "mt": what the source side's lengths were taken from

    def parameters(self) -> dict[str, Any]:
        return {
            "ratio": round(self.ratio, 3),
            "s2": self.variance,
            "growth": self.growth,
            "short": self.short,
            "of": self.measured,
        }

    def prepare(self, pair: Pair) -> Evidence:
        translated = pair.extra.get("src_mt") if self.use_mt else None
        self.measured = "mt" if translated is not None else "src"
        src = char_lengths(translated if translated is not None else pair.src)
        tgt = char_lengths(pair.tgt)
        total_src, total_tgt = src.sum(), tgt.sum()
        self.ratio = float(total_tgt / total_src) if total_src > 0 and total_tgt > 0 else 1.0
        return LengthEvidence(src, tgt, self.ratio, self.variance, self.growth, self.short)


class LengthEvidence(Evidence):
    def __init__(
        self,
        src: np.ndarray,
        tgt: np.ndarray,
        ratio: float,
        variance: float,
        growth: float,
        short: float = 0.0,
    ):
        self.src, self.tgt, self.ratio = src, tgt, ratio
        self.variance, self.growth, self.short = variance, growth, short

    def coarser(self) -> Evidence:
        return LengthEvidence(
            _pairs(self.src), _pairs(self.tgt), self.ratio, self.variance, self.growth, self.short
        )

    def score(self, cells: Cells) -> np.ndarray:
        ls = cells.group_sums(self.src, "src")
        lt = cells.group_sums(self.tgt, "tgt")
        c = np.float32(self.ratio)
        spread = (ls + lt / c) * np.float32(self.variance * self.ratio / 2.0)  # s2 * c * mean
        spread *= self.size_factor(cells.types)[None, :, None]
        np.maximum(spread, np.float32(self.variance * self.ratio), out=spread)
        np.sqrt(spread, out=spread)
        ls *= c
        lt -= ls
        np.abs(lt, out=lt)
        lt /= spread
        lt *= np.float32(1 / np.sqrt(2.0))
        del ls, spread
        evidence = log_erfc(lt)
        np.maximum(evidence, np.float32(FLOOR), out=evidence)
        evidence[:, ~cells.match, :] = self.omission(evidence[:, ~cells.match, :])
        return evidence

    def omission(self, fit: np.ndarray) -> np.ndarray:
        """Evidence for leaving a group out, from Gale–Church's term for its length against
        nothing: `short` for an empty line, half of it at 15 characters, 0 from 25 on."""
        scaled = fit * np.float32(SHORT_SCALE)
        np.maximum(scaled, np.float32(-self.short), out=scaled)
        scaled += np.float32(self.short)
        return scaled

    def size_factor(self, types: np.ndarray) -> np.ndarray:
        """(T,) float32: how much the variance of each bead type exceeds Gale–Church's."""
        beyond = np.maximum(np.abs(types[:, 0] - types[:, 1]) - 1, 0)
        return np.asarray((1.0 + self.growth * beyond).astype(np.float32))


def _pairs(values: np.ndarray) -> np.ndarray:
    padded = np.concatenate([values, [0.0]]) if len(values) % 2 else values
    return np.asarray(padded.reshape(-1, 2).sum(axis=1))
