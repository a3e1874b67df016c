"""Embeddings (optional): any sentence-transformers model the user has installed.

Never required and never downloaded: the model must already be on this machine (a local
folder or the Hugging Face cache). Without a model named, the catalog's embedder for the
language pair (LaBSE) is used once `workbench models pull` has brought it here. A group of
sentences is the sum of their normalised embeddings; like the translation signal, its
cosine is read against off-diagonal pairs of the same documents, so models with different
similarity ranges need no tuning.
"""

from __future__ import annotations

from typing import Any

import numpy as np

from workbench.align.cells import Cells
from workbench.align.choices import AUTO
from workbench.align.features import Features
from workbench.align.signals.base import Evidence, Pair, VectorEvidence
from workbench.align.signals.calibrate import ZScoredSignal
from workbench.errors import InputError


class EmbeddingSignal(ZScoredSignal):
    """Cosine of sentence embeddings from a model with `.encode(texts) -> (n, dim)`."""

    name = "embeddings"
    # Text+Berg dev and TICO-19 (tuning) are best at 2 to 3 and lower at 1; 1.5 is the
    # largest that keeps the sample reports' en-ar pairs exact (docs/align.md)
    default_weight = 1.5

    def __init__(
        self,
        weight: float | None = None,
        encoder: Any = None,
        *,
        model: str = "",
        label: str = "",
        scale: float = 1.0,
        center: float = 2.0,
        floor: float = 4.0,
    ):
        super().__init__(weight, scale=scale, center=center, floor=floor)
        if encoder is None and not model:
            raise InputError(
                "The embeddings signal needs a sentence-transformers model: pass --embeddings "
                "MODEL (a local folder or a model in the Hugging Face cache), or run `workbench "
                "models pull sentence-transformers/LaBSE` on a connected machine."
            )
        self.encoder, self.model = encoder, model or type(encoder).__name__
        self.label = label or self.model

    @classmethod
    def from_options(
        cls, *, embedder: Any = None, src_lang: str = "", tgt_lang: str = "", **_: Any
    ) -> EmbeddingSignal:
        """`embedder`: a model name or folder, an object with `.encode`, an installed catalog
        embedder, or "auto" (None): the catalog's embedder for the pair when it is here."""
        from workbench.translate.embeddings import (
            InstalledEmbedder,
            catalog_embedder,
            installed_embedder,
        )

        if embedder is None or embedder == AUTO:
            embedder = installed_embedder(src_lang, tgt_lang)
            if embedder is None:
                return cls()  # the error that says what to do
        if isinstance(embedder, str):
            embedder = catalog_embedder(embedder) or embedder
        if isinstance(embedder, InstalledEmbedder):
            if embedder.path is None:  # a package's model
                return cls(encoder=embedder.load(), model=embedder.id, label=embedder.label)
            return cls(model=str(embedder.path), label=embedder.label)
        if isinstance(embedder, str):
            return cls(model=embedder)
        return cls(encoder=embedder)

    def parameters(self) -> dict[str, Any]:
        return {"model": self.label}

    def raw_vectors(self, pair: Pair) -> tuple[Features, Features]:
        encoder = self._encoder()
        return Features.from_dense(_embedded(encoder, pair.src)), Features.from_dense(
            _embedded(encoder, pair.tgt)
        )

    def prepare(self, pair: Pair) -> Evidence:
        src, tgt = self.vectors(pair)
        encoder = self._encoder()
        return JoinedEvidence(self, Groups(encoder, pair.src, src), Groups(encoder, pair.tgt, tgt))

    def _encoder(self) -> Any:
        if self.encoder is None:  # models that load torch live in the translation layer
            from workbench.translate.embeddings import load_encoder

            self.encoder = load_encoder(self.model)
        return self.encoder


class Groups:
    """One side's runs of consecutive sentences, each embedded as one text (made when first
    asked for, one size at a time)."""

    def __init__(self, encoder: Any, sentences: Any, single: Features):
        self.encoder, self.sentences = encoder, list(sentences)
        self.single = single
        self.known: dict[int, np.ndarray] = {}

    def of_size(self, size: int) -> np.ndarray:
        """(n - size + 1, dim) normalised embeddings of sentences k..k+size-1, joined."""
        if size == 1 and self.single.dense is not None:
            return self.single.dense
        if size not in self.known:
            runs = range(len(self.sentences) - size + 1)
            joined = [" ".join(self.sentences[k : k + size]) for k in runs]
            self.known[size] = _embedded(self.encoder, joined)
        return self.known[size]


class JoinedEvidence(Evidence):
    """The finest level: each candidate's groups compared as joined texts."""

    ROWS = 1 << 22  # embedding values gathered at once (bounds memory)

    def __init__(self, signal: EmbeddingSignal, src: Groups, tgt: Groups):
        self.signal, self.src, self.tgt = signal, src, tgt

    def coarser(self) -> Evidence:
        return VectorEvidence(self.signal, self.src.single.merged(), self.tgt.single.merged())

    def score(self, cells: Cells) -> np.ndarray:
        out = np.zeros(cells.shape, dtype=np.float32)
        for t, (a, b) in enumerate(cells.types):
            src, tgt = self.src.of_size(a), self.tgt.of_size(b)
            if a and b and len(src) and len(tgt):
                cosine = _cosines(src, tgt, cells.i - a, cells.j - b, self.ROWS)
                none = np.zeros(cosine.shape, dtype=bool)
                out[:, t, :] = self.signal.from_cosine(cosine, none, none)
                out[:, t, :][~cells.ok[:, t, :]] = 0.0
        return out


def _cosines(
    src: np.ndarray, tgt: np.ndarray, rows: np.ndarray, cols: np.ndarray, budget: int
) -> np.ndarray:
    """(D, W) cosine of src[rows] and tgt[cols] (normalised rows; out of range: 0)."""
    rows, cols = np.clip(rows, 0, len(src) - 1), np.clip(cols, 0, len(tgt) - 1)
    out = np.empty(rows.shape, dtype=np.float32)
    step = max(1, budget // max(1, rows.shape[1] * src.shape[1]))
    for d in range(0, len(rows), step):
        r, c = rows[d : d + step], cols[d : d + step]
        out[d : d + step] = np.einsum("dwk,dwk->dw", src[r], tgt[c])
    return out


def _embedded(encoder: Any, texts: Any) -> np.ndarray:
    """Normalised embeddings of `texts`, one row each."""
    if not len(texts):
        return np.zeros((0, 1), dtype=np.float32)
    matrix = np.asarray(encoder.encode(list(texts)), dtype=np.float32)
    if matrix.ndim != 2 or len(matrix) != len(texts):
        raise InputError("An embedding model must return one vector per sentence.")
    norms = np.linalg.norm(matrix, axis=1, keepdims=True)
    return np.asarray(matrix / np.maximum(norms, 1e-12), dtype=np.float32)
