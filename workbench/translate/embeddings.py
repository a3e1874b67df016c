"""Sentence-embedding models for the alignment's optional signal.

They load torch, so they live here with the translation models, and like them they come
only from this machine: a local folder or the Hugging Face cache (sentence-transformers
models, brought by `workbench models pull`), or a Python package that carries its model
(USE multilingual). `installed_embedder` finds the catalog's first embedder for a language
pair that is here; the aligner then uses it by itself. `$WORKBENCH_AUTO_EMBEDDERS` (catalog
ids, comma-separated; empty: none) narrows the ones it may pick.
"""

from __future__ import annotations

import importlib
import importlib.metadata
import importlib.util
import inspect
import os
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

from workbench.errors import ModelNotAvailable

if TYPE_CHECKING:
    from workbench.translate.catalog import Embedder

AUTO_EMBEDDERS = "WORKBENCH_AUTO_EMBEDDERS"


@dataclass(frozen=True)
class InstalledEmbedder:
    """A catalog embedder found on this machine."""

    id: str
    revision: str  # the commit of the snapshot found, or the package's version
    path: Path | None  # the snapshot (None: the model is in a package)
    encoder: str = ""  # a package's encoder class, "module:Class"

    @property
    def label(self) -> str:
        """How alignment signatures name it: the id at the commit (or version) loaded."""
        return f"{self.id}@{self.revision[:12]}"

    def load(self) -> Any:
        """The encoder: `.encode(texts) -> (n, dim)`."""
        if self.path is not None:
            return load_encoder(str(self.path))
        return load_packaged(self.encoder)


def installed_embedder(src_lang: str, tgt_lang: str) -> InstalledEmbedder | None:
    """The catalog's first embedder for the pair that is here (and that
    `$WORKBENCH_AUTO_EMBEDDERS`, when set, names)."""
    from workbench.translate.catalog import load_catalog

    for embedder in load_catalog().embedders_for(src_lang, tgt_lang):
        found = find_embedder(embedder) if picked_by_itself(embedder.id) else None
        if found is not None:
            return found
    return None


def picked_by_itself(embedder_id: str) -> bool:
    """Whether "auto" may pick this embedder (`$WORKBENCH_AUTO_EMBEDDERS`; unset: any)."""
    allowed = os.environ.get(AUTO_EMBEDDERS)
    return allowed is None or embedder_id in {x.strip() for x in allowed.split(",")}


def find_embedder(embedder: Embedder) -> InstalledEmbedder | None:
    """`embedder` as found on this machine, or None."""
    if embedder.package:
        try:
            version = importlib.metadata.version(embedder.package)
        except importlib.metadata.PackageNotFoundError:
            return None
        return InstalledEmbedder(embedder.id, version, None, embedder.encoder)
    if importlib.util.find_spec("sentence_transformers") is None:
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


@lru_cache(maxsize=2)
def load_packaged(encoder: str) -> Any:
    """A package's encoder ("module:Class"); kept per process. Made without arguments, but
    for `threads`, when it takes one: as many as this process may run on (more threads than
    cores make BLAS spin, many times slower on a busy machine)."""
    module, _, name = encoder.partition(":")
    try:
        made = getattr(importlib.import_module(module), name)
    except (ImportError, AttributeError) as exc:
        raise ModelNotAvailable(
            f"The embedding model's package does not load ({encoder}: {exc}): reinstall it "
            "with `pip install 'workbench[embeddings]'`, or align without --embeddings."
        ) from None
    if "threads" in inspect.signature(made).parameters:
        return made(threads=len(os.sched_getaffinity(0)))
    return made()


def catalog_embedder(name: str) -> InstalledEmbedder | None:
    """The package embedder the catalog names `name`, found here (None: `name` is not one)."""
    from workbench.translate.catalog import load_catalog

    embedder = load_catalog().embedders.get(name)
    if embedder is None or not embedder.package:
        return None
    found = find_embedder(embedder)
    if found is None:
        raise ModelNotAvailable(
            f"{name} comes with the Python package {embedder.package}, which is not installed: "
            f"`pip install 'workbench[embeddings]'` (or `pip install {embedder.package}`)."
        )
    return found
