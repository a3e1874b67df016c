"""Managing models: what each direction uses, how good it is published to be, whether it is
here, downloading (with the licence confirmed where it is not permissive), converting.

`pull_model` is the only code in the workbench that uses the network, and only when a user
runs `workbench models pull`.
"""

from __future__ import annotations

import json
import os
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from workbench.config import Settings
from workbench.errors import InputError, ModelNotAvailable, WorkbenchError
from workbench.translate.catalog import Catalog, Direction, Licence, load_catalog
from workbench.translate.locate import ModelFiles, locate
from workbench.translate.quality import ExpectedQuality, route_quality

# Everything but the weights that a MarianMT, NLLB-200 or M2M100 repository holds for loading.
MODEL_FILES = [
    "config.json",
    "generation_config.json",
    "vocab.json",
    "source.spm",
    "target.spm",
    "sentencepiece.bpe.model",
    "tokenizer.json",
    "tokenizer_config.json",
    "special_tokens_map.json",
]


SAFETENSORS = ("model.safetensors", "model.safetensors.index.json")
WEIGHTS = ["*.safetensors", "model.safetensors.index.json"]
PICKLED = ["pytorch_model.bin", "pytorch_model-*.bin", "pytorch_model.bin.index.json"]
# A sentence-transformers model: its configuration, tokenizer and weights, in its own folder
# and in its module folders (1_Pooling, 2_Dense, ...), never its ONNX or OpenVINO copies.
EMBEDDER_FILES = ["*.json", "*.txt", "*.model", "*.safetensors", "*/*.json", "*/*.safetensors"]


@dataclass(frozen=True)
class DirectionStatus:
    """One row of `workbench models list`."""

    direction: str
    route: str  # "en-ar", or "ar-en-ckb" through a pivot
    models: tuple[str, ...]
    tokens: tuple[str, ...]
    files: tuple[ModelFiles | None, ...]  # per leg; None when not on this machine
    problem: str = ""
    quality: ExpectedQuality | None = None

    @property
    def available(self) -> bool:
        return all(self.files) and not self.problem


def direction_status(
    settings: Settings, catalog: Catalog | None = None, profile: str | None = None
) -> list[DirectionStatus]:
    """Every direction as the profile (default: the settings') routes it."""
    catalog = catalog or load_catalog()
    profile = profile or settings.profile
    return [_status(d, catalog, settings, profile) for d in catalog.directions.values()]


def _status(
    direction: Direction, catalog: Catalog, settings: Settings, profile: str
) -> DirectionStatus:
    legs = catalog.route(direction.src, direction.tgt, settings.models, profile=profile)
    files: list[ModelFiles | None] = []
    problem = ""
    for leg in legs:
        try:
            files.append(locate(leg.model, leg.revision, settings))
        except ModelNotAvailable as exc:
            files.append(None)
            problem = problem or ("" if "not on this machine" in str(exc) else str(exc))
    path = [legs[0].src, *(leg.tgt for leg in legs)]
    return DirectionStatus(
        direction.name,
        "-".join(path),
        tuple(leg.model for leg in legs),
        tuple(leg.target_token or ("auto" if leg.overridden else "") for leg in legs),
        tuple(files),
        problem,
        route_quality(legs, catalog),
    )


def folder_size(path: Path) -> int:
    """Bytes on disk, following the Hugging Face cache's links to its blobs."""
    return sum(p.stat().st_size for p in path.rglob("*") if p.is_file())


def catalog_models(
    settings: Settings, catalog: Catalog | None = None, profile: str | None = None
) -> list[tuple[str, str]]:
    """(model, revision) of every direction under the profile, overrides included, each once."""
    catalog = catalog or load_catalog()
    profile = profile or settings.profile
    pairs = []
    for d in catalog.directions.values():
        for leg in catalog.route(d.src, d.tgt, settings.models, profile=profile):
            pairs.append((leg.model, leg.revision))
    return list(dict.fromkeys(pairs))


def restricted_licences(models: list[str], catalog: Catalog | None = None) -> dict[str, Licence]:
    """The models among `models` whose catalog licence is not permissive, with the licence."""
    catalog = catalog or load_catalog()
    infos = [catalog.models_info.get(m) for m in models]
    return {i.id: i.licence for i in infos if i is not None and not i.licence.permissive}


def manual_download(model: str, catalog: Catalog | None = None) -> str:
    """ "" for a model on the Hugging Face Hub; else how to bring it here by hand."""
    catalog = catalog or load_catalog()
    info = catalog.models_info.get(model)
    if info is None or not info.download:
        return ""
    return (
        f"{model} is a Marian-native release, not on the Hugging Face Hub: download "
        f"{info.download}, unpack it, then run `workbench models import FOLDER --id {model}` "
        "(it is converted for CTranslate2 on import)."
    )


def check_licences(models: list[str], accepted: bool, catalog: Catalog | None = None) -> None:
    """An InputError naming each non-permissive licence among `models`, unless accepted."""
    restricted = restricted_licences(models, catalog)
    if restricted and not accepted:
        named = "; ".join(f"{m}: {licence.name}" for m, licence in restricted.items())
        raise InputError(
            f"These models are not under a permissive licence: {named}. Read the licence, then "
            "run the command again with --accept-licence (or use --profile open)."
        )


@contextmanager
def _online() -> Iterator[None]:
    """Allow huggingface_hub to download for the duration of an explicit pull."""
    from huggingface_hub import constants

    saved = (os.environ.get("HF_HUB_OFFLINE"), constants.HF_HUB_OFFLINE)
    os.environ["HF_HUB_OFFLINE"] = "0"
    constants.HF_HUB_OFFLINE = False  # read once at import; the CLI imported it offline
    try:
        yield
    finally:
        if saved[0] is None:
            os.environ.pop("HF_HUB_OFFLINE", None)
        else:
            os.environ["HF_HUB_OFFLINE"] = saved[0]
        constants.HF_HUB_OFFLINE = saved[1]


def pull_model(model: str, revision: str = "", *, embedder: bool = False) -> Path:
    """Download `model` into the Hugging Face cache (safetensors weights when the revision has
    them); returns the snapshot folder. An `embedder` (a sentence-transformers model) brings
    its module folders (pooling, dense layer) as well."""
    from huggingface_hub import snapshot_download
    from huggingface_hub.errors import (
        HfHubHTTPError,
        RepositoryNotFoundError,
        RevisionNotFoundError,
    )

    wanted = EMBEDDER_FILES if embedder else [*MODEL_FILES, *WEIGHTS]
    _one_log_line_each()
    try:
        with _online():
            path = Path(snapshot_download(model, revision=revision or None, allow_patterns=wanted))
            pickled = _pickled_instead(path)
            if pickled:
                path = Path(
                    snapshot_download(model, revision=revision or None, allow_patterns=pickled)
                )
    except RepositoryNotFoundError:
        raise WorkbenchError(
            f"There is no model {model} on the Hugging Face Hub: check the id."
        ) from None
    except RevisionNotFoundError:
        raise WorkbenchError(
            f"The model {model} has no revision {revision}: check models/catalog.toml."
        ) from None
    except (HfHubHTTPError, OSError, ValueError) as exc:
        raise WorkbenchError(
            f"Could not download {model} ({_first_line(exc)}). Check the connection (or "
            "HTTPS_PROXY), or bring the model from another machine with `workbench models "
            "export` / `import`."
        ) from None
    return path


def _pickled_instead(path: Path) -> list[str]:
    """The pickled weights to fetch where a download found no safetensors: the model's own,
    and those of a sentence-transformers model's dense layers."""
    wanted = [] if any((path / n).is_file() for n in SAFETENSORS) else PICKLED
    try:
        modules = json.loads((path / "modules.json").read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return wanted
    for module in modules if isinstance(modules, list) else []:
        if not isinstance(module, dict) or "Dense" not in str(module.get("type")):
            continue
        folder = path / str(module.get("path", ""))
        if folder != path and not (folder / "model.safetensors").is_file():
            wanted = [*wanted, f"{folder.name}/pytorch_model.bin"]
    return wanted


def _first_line(exc: BaseException) -> str:
    """An error's first line, its spaces collapsed: the hub's messages run over several
    lines, which a one-line error would show as \\x0a."""
    lines = [" ".join(line.split()) for line in str(exc).splitlines() if line.strip()]
    return lines[0] if lines else type(exc).__name__


def _one_log_line_each() -> None:
    """huggingface_hub adds a handler of its own and also passes its records on to ours, so
    each retry warning came out twice; its own is removed, ours (private, formatted) stays."""
    import logging

    hub = logging.getLogger("huggingface_hub")
    for handler in list(hub.handlers):
        if type(handler) is logging.StreamHandler:
            hub.removeHandler(handler)


def convert_model(model: str, revision: str, settings: Settings) -> Path:
    """Make (or find) the CTranslate2 copy of a model that is on this machine."""
    from workbench.translate.ct2 import ensure_converted

    return ensure_converted(locate(model, revision, settings), settings.models_path / "ct2")
