"""Finding a model's files on this machine, never on the network.

A model is named by a Hugging Face id (looked for among the imported models in
<models_dir>/hub/, then in the Hugging Face cache) or by a local folder in any format the
workbench runs (transformers, CTranslate2, Marian-native: see folders.py). What is loaded is
recorded exactly: the commit of a downloaded model, or a fingerprint of a folder's files.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

from workbench.config import Settings
from workbench.errors import ModelNotAvailable
from workbench.translate.folders import TRANSFORMERS, Layout, inspect_folder, read_vocabulary

MANIFEST = "workbench-model.json"
FINGERPRINTED = (".json", ".spm", ".safetensors", ".bin", ".model", ".npz", ".yml", ".txt")


@dataclass(frozen=True)
class ModelFiles:
    """A model folder ready to load, and how it was found."""

    id: str
    path: Path
    revision: str
    found_in: str  # "folder" | "imported" | "hf-cache"
    tiny: bool = False
    layout: Layout = Layout(TRANSFORMERS, "marian", ())

    @property
    def architecture(self) -> str:
        return self.layout.architecture

    @property
    def format(self) -> str:
        return self.layout.format

    def vocabulary(self) -> list[str]:
        try:
            return read_vocabulary(self.path, self.layout)
        except (OSError, ValueError) as exc:
            raise ModelNotAvailable(
                f"Cannot read the vocabulary of {self.id} in {self.path} ({exc}): download or "
                "copy the model again."
            ) from None

    def language_tokens(self) -> list[str]:
        """The language tokens in the model's vocabulary (>>xxx<<, eng_Latn, __en__)."""
        from workbench.translate.architectures import ARCHITECTURES

        return ARCHITECTURES[self.architecture].language_tokens(self.vocabulary())


def locate(model: str, revision: str, settings: Settings) -> ModelFiles:
    """Where `model` (id or folder) is here, or ModelNotAvailable saying how to get it."""
    folder = Path(model).expanduser()
    if folder.is_dir():
        return _from_folder(model, folder)
    looked = []
    imported = imported_path(settings, model)
    looked.append(str(imported))
    if imported.is_dir():
        files = _from_folder(model, imported, found_in="imported")
        if not revision or files.revision == revision:
            return files
    elif _looks_like_path(model):
        return _from_folder(model, folder)
    cached = _from_hf_cache(model, revision)
    looked.append(f"the Hugging Face cache ({hf_cache_dir()})")
    if cached is not None:
        return cached
    at = f" at revision {revision}" if revision else ""
    raise ModelNotAvailable(
        f"The model {model}{at} is not on this machine (looked in {' and '.join(looked)}). "
        f"Run `workbench models pull {model}` on a machine with internet access, or bring it "
        "here with `workbench models export` there and `workbench models import BUNDLE` here."
    )


def imported_path(settings: Settings, model: str) -> Path:
    return settings.models_path / "hub" / model.replace("/", "--")


def hf_cache_dir() -> Path:
    from huggingface_hub import constants

    return Path(constants.HF_HUB_CACHE)


def _looks_like_path(model: str) -> bool:
    return model.startswith((".", "/", "~")) or model.count("/") > 1 or "\\" in model


def _from_folder(model: str, folder: Path, found_in: str = "folder") -> ModelFiles:
    if not folder.is_dir():
        raise ModelNotAvailable(
            f"The model folder {folder} does not exist. Check the path given with --model or in "
            "workbench.toml [models], or build a test model with `workbench models build-tiny`."
        )
    layout = inspect_folder(folder)
    manifest = _manifest(folder)
    return ModelFiles(
        id=manifest.get("id") or (model if found_in == "imported" else str(folder.resolve())),
        path=folder.resolve(),
        revision=manifest.get("revision") or folder_fingerprint(folder.resolve()),
        found_in=found_in,
        tiny=bool(manifest.get("tiny")),
        layout=layout,
    )


def _from_hf_cache(model: str, revision: str) -> ModelFiles | None:
    from huggingface_hub import snapshot_download
    from huggingface_hub.errors import LocalEntryNotFoundError

    try:
        path = Path(snapshot_download(model, revision=revision or None, local_files_only=True))
    except (LocalEntryNotFoundError, ValueError, OSError):
        return None
    try:
        files = _from_folder(model, path, found_in="hf-cache")
    except ModelNotAvailable:
        return None  # an interrupted download: say "not available", not "broken folder"
    return ModelFiles(model, path, path.name, "hf-cache", files.tiny, files.layout)


def _manifest(folder: Path) -> dict[str, Any]:
    try:
        found: dict[str, Any] = json.loads((folder / MANIFEST).read_text(encoding="utf-8"))
        return found
    except (OSError, ValueError):
        return {}


def folder_fingerprint(folder: Path) -> str:
    """ "sha256:" + a hash of the files that decide the output, so an edited folder is new."""
    names = sorted(
        p.name
        for p in folder.iterdir()
        if p.is_file() and p.suffix in FINGERPRINTED and p.name != MANIFEST
    )
    stats = tuple((n, (folder / n).stat().st_size, (folder / n).stat().st_mtime_ns) for n in names)
    return _fingerprint(folder, stats)


@lru_cache(maxsize=32)
def _fingerprint(folder: Path, stats: tuple[tuple[str, int, int], ...]) -> str:
    digest = hashlib.sha256()
    for name, _, _ in stats:
        digest.update(name.encode("utf-8") + b"\0")
        with open(folder / name, "rb") as fh:
            while block := fh.read(1 << 20):
                digest.update(block)
    return "sha256:" + digest.hexdigest()[:16]
