"""Sentence-embedding models (sentence-transformers) for the alignment's optional signal.

They load torch, so they live here with the translation models, and like them they come
only from this machine: a local folder or the Hugging Face cache, never the network.
"""

from __future__ import annotations

import importlib
from typing import Any

from workbench.errors import ModelNotAvailable


def load_encoder(model: str) -> Any:
    """A sentence-transformers model from this machine (never from the network)."""
    try:
        library = importlib.import_module("sentence_transformers")
    except ImportError:
        raise ModelNotAvailable(
            "The embeddings signal needs the sentence-transformers package: "
            "`pip install sentence-transformers`, or align without --embeddings."
        ) from None
    try:
        return library.SentenceTransformer(model, local_files_only=True)
    except Exception as exc:  # the library raises OSError, ValueError, HF errors...
        raise ModelNotAvailable(
            f"The embedding model {model!r} is not on this machine ({type(exc).__name__}): "
            "give a local folder, or a model already in the Hugging Face cache."
        ) from None
