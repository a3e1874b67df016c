"""Sentence-embedding models (sentence-transformers) for the alignment's optional signal.

They load torch, so they live here with the translation models, and like them they come
only from this machine: a local folder or the Hugging Face cache, never the network.
`installed_embedder` finds the catalog's embedder for a language pair when
`workbench models pull` has brought it here; the aligner then uses it by itself.
"""

from __future__ import annotations

import importlib
import importlib.util
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

from workbench.errors import ModelNotAvailable


@dataclass(frozen=True)
class InstalledEmbedder:
    """A catalog embedder found on this machine."""

    id: str
    revision: str  # the commit of the snapshot found
    path: Path

    @property
    def label(self) -> str:
        """How alignment signatures name it: the id at the commit loaded."""
        return f"{self.id}@{self.revision[:12]}"


def installed_embedder(src_lang: str, tgt_lang: str) -> InstalledEmbedder | None:
    """The catalog's embedder for the pair when it and sentence-transformers are installed."""
    from workbench.translate.catalog import load_catalog

    embedder = load_catalog().embedder_for(src_lang, tgt_lang)
    if embedder is None or importlib.util.find_spec("sentence_transformers") is None:
        return None
    path = _snapshot(embedder.id, embedder.revision)
    if path is None or not (path / "modules.json").is_file():
        return None  # not pulled, or an interrupted download
    return InstalledEmbedder(embedder.id, path.name, path)


def _snapshot(model: str, revision: str) -> Path | None:
    from huggingface_hub import constants

    repo = Path(constants.HF_HUB_CACHE) / ("models--" + model.replace("/", "--"))
    if not repo.is_dir():  # the usual case: say so without asking huggingface_hub
        return None
    from huggingface_hub import snapshot_download
    from huggingface_hub.errors import LocalEntryNotFoundError

    try:
        return Path(snapshot_download(model, revision=revision or None, local_files_only=True))
    except (LocalEntryNotFoundError, ValueError, OSError):
        return None


@lru_cache(maxsize=2)
def load_encoder(model: str) -> Any:
    """A sentence-transformers model from this machine (never from the network); kept per
    process, so a job aligning many reports loads it once."""
    try:
        library = importlib.import_module("sentence_transformers")
    except ImportError:
        raise ModelNotAvailable(
            "The embeddings signal needs the sentence-transformers package: "
            "`pip install sentence-transformers`, or align without --embeddings."
        ) from None
    from workbench.translate.hf import quiet_transformers

    quiet_transformers()
    try:
        return library.SentenceTransformer(model, local_files_only=True)
    except Exception as exc:  # the library raises OSError, ValueError, HF errors...
        raise ModelNotAvailable(
            f"The embedding model {model!r} is not on this machine ({type(exc).__name__}): "
            "give a local folder, or a model already in the Hugging Face cache "
            "(`workbench models pull sentence-transformers/LaBSE` on a connected machine)."
        ) from None
