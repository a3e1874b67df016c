"""What every similarity signal shares.

The aligner asks each signal, at each resolution of its coarse-to-fine search, for the
*evidence* that each candidate bead joins sentences that say the same thing: a number per
candidate, positive for "these match", negative for "these do not", 0 for "no opinion"
(roughly a log-likelihood ratio, in the same units for every signal). The bead's cost is its
type's prior cost minus the weighted sum of all evidence.

`Signal` fixes that flow; a subclass fills in what it measures:
- `prepare()` reads the two documents once and returns the signal's `Evidence` for them;
- `Evidence.coarser()` gives the same evidence for the documents with each pair of
  consecutive sentences merged (the search starts coarse);
- `Evidence.score(cells)` scores every candidate bead of a band.
`VectorSignal` goes further for signals that see a sentence as a vector (anchors, n-grams,
embeddings): a group of sentences is the sum of their vectors, the similarity is the cosine,
and a subclass only says how to turn a sentence into a vector and a cosine into evidence.
"""

from __future__ import annotations

from abc import ABC, abstractmethod
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any, ClassVar

import numpy as np

from workbench.align.cells import Cells
from workbench.align.features import Features


@dataclass(frozen=True)
class Pair:
    """The two documents being aligned, and what is known about them."""

    src: Sequence[str]
    tgt: Sequence[str]
    src_lang: str
    tgt_lang: str
    src_paragraphs: Sequence[int] | None = None  # paragraph number of each sentence
    tgt_paragraphs: Sequence[int] | None = None
    extra: dict[str, Any] = field(default_factory=dict)


class Evidence(ABC):
    """A signal's view of one document pair at one resolution."""

    @abstractmethod
    def coarser(self) -> Evidence:
        """The same evidence with sentences 2k and 2k+1 of each side merged into one."""

    @abstractmethod
    def score(self, cells: Cells) -> np.ndarray:
        """(D, T, W) float32 evidence for every candidate bead (0 where it has no opinion)."""


class Signal(ABC):
    """A kind of evidence that two groups of sentences are translations of each other."""

    name: ClassVar[str]
    default_weight: ClassVar[float] = 1.0
    # True for signals that learn from a first alignment made without them: the aligner
    # aligns with the others first and hands the beads over in `pair.extra["first"]`
    after_first_pass: ClassVar[bool] = False

    def __init__(self, weight: float | None = None):
        self.weight = self.default_weight if weight is None else float(weight)

    @classmethod
    def from_options(cls, **options: Any) -> Signal:
        """The signal `align()` makes by name; `options` are what it was given (src_mt,
        settings, embedder, db, src_lang, tgt_lang, lexicon, lexicon_params, params)."""
        return cls()

    @abstractmethod
    def prepare(self, pair: Pair) -> Evidence:
        """Read both documents once; the result scores candidate beads at any resolution."""

    def source_translations(self, pair: Pair) -> Sequence[str] | None:
        """This signal's machine translation of the source sentences, when it has one (other
        signals may use it: the length signal measures it instead of the source)."""
        return None

    def parameters(self) -> dict[str, Any]:
        """What, besides the weight, this signal's results depend on (goes in signatures)."""
        return {}

    def signature(self) -> str:
        params = "".join(f",{k}={v}" for k, v in sorted(self.parameters().items()))
        return f"{self.name}(w={self.weight:g}{params})"


class VectorSignal(Signal):
    """A signal that sees each sentence as a vector and compares groups by cosine."""

    @abstractmethod
    def vectors(self, pair: Pair) -> tuple[Features, Features]:
        """One vector per source sentence and one per target sentence."""

    @abstractmethod
    def from_cosine(
        self, cosine: np.ndarray, src_empty: np.ndarray, tgt_empty: np.ndarray
    ) -> np.ndarray:
        """Evidence (float32, same shape) from the cosine of each candidate's group vectors;
        `*_empty` mark groups whose vector is zero (nothing to compare on that side). May
        reuse `cosine`'s memory."""

    def prepare(self, pair: Pair) -> Evidence:
        src, tgt = self.vectors(pair)
        return VectorEvidence(self, src, tgt)


class VectorEvidence(Evidence):
    def __init__(self, signal: VectorSignal, src: Features, tgt: Features):
        self.signal, self.src, self.tgt = signal, src, tgt

    def coarser(self) -> Evidence:
        return VectorEvidence(self.signal, self.src.merged(), self.tgt.merged())

    def score(self, cells: Cells) -> np.ndarray:
        # in place where possible: these arrays are the largest the aligner holds
        cosine = cells.cross_dots(self.src, self.tgt)
        norms = cells.group_norms2(self.src, "src")
        src_empty = norms <= 1e-12
        other = cells.group_norms2(self.tgt, "tgt")
        tgt_empty = other <= 1e-12
        norms *= other
        del other
        np.sqrt(norms, out=norms)
        np.maximum(norms, np.float32(1e-12), out=norms)
        cosine /= norms
        del norms
        cosine[src_empty | tgt_empty] = 0.0
        np.clip(cosine, -1.0, 1.0, out=cosine)
        out = self.signal.from_cosine(cosine, src_empty, tgt_empty)
        out[:, ~cells.match, :] = 0.0
        return out
