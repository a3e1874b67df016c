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

from workbench.align.choices import AUTO
from workbench.align.features import Features
from workbench.align.signals.base import Pair
from workbench.align.signals.calibrate import ZScoredSignal
from workbench.errors import InputError


class EmbeddingSignal(ZScoredSignal):
    """Cosine of sentence embeddings from a model with `.encode(texts) -> (n, dim)`."""

    name = "embeddings"
    default_weight = 1.0

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
        from workbench.translate.embeddings import InstalledEmbedder, installed_embedder

        if embedder is None or embedder == AUTO:
            embedder = installed_embedder(src_lang, tgt_lang)
            if embedder is None:
                return cls()  # the error that says what to do
        if isinstance(embedder, InstalledEmbedder):
            return cls(model=str(embedder.path), label=embedder.label)
        if isinstance(embedder, str):
            return cls(model=embedder)
        return cls(encoder=embedder)

    def parameters(self) -> dict[str, Any]:
        return {"model": self.label}

    def raw_vectors(self, pair: Pair) -> tuple[Features, Features]:
        if self.encoder is None:  # models that load torch live in the translation layer
            from workbench.translate.embeddings import load_encoder

            self.encoder = load_encoder(self.model)
        encoder = self.encoder
        return _normalised(encoder.encode(list(pair.src))), _normalised(
            encoder.encode(list(pair.tgt))
        )


def _normalised(vectors: Any) -> Features:
    matrix = np.asarray(vectors, dtype=np.float32)
    if matrix.ndim != 2:
        raise InputError("An embedding model must return one vector per sentence.")
    norms = np.linalg.norm(matrix, axis=1, keepdims=True)
    return Features.from_dense(matrix / np.maximum(norms, 1e-12))
