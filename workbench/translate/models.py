"""Managing models: what each direction uses and whether it is here, downloading, converting.

`pull_model` is the only code in the workbench that uses the network, and only when a user
runs `workbench models pull`.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from workbench.config import Settings
from workbench.errors import ModelNotAvailable, WorkbenchError
from workbench.translate.catalog import Catalog, Direction, load_catalog
from workbench.translate.locate import ModelFiles, locate

MODEL_FILES = [
    "config.json",
    "generation_config.json",
    "vocab.json",
    "source.spm",
    "target.spm",
    "tokenizer_config.json",
    "special_tokens_map.json",
]


@dataclass(frozen=True)
class DirectionStatus:
    """One row of `workbench models list`."""

    direction: str
    route: str  # "en-ar", or "ar-en-ckb" through a pivot
    models: tuple[str, ...]
    tokens: tuple[str, ...]
    files: tuple[ModelFiles | None, ...]  # per leg; None when not on this machine
    problem: str = ""

    @property
    def available(self) -> bool:
        return all(self.files) and not self.problem


def direction_status(settings: Settings, catalog: Catalog | None = None) -> list[DirectionStatus]:
    catalog = catalog or load_catalog()
    return [_status(d, catalog, settings) for d in catalog.directions.values()]


def _status(direction: Direction, catalog: Catalog, settings: Settings) -> DirectionStatus:
    legs = catalog.route(direction.src, direction.tgt, settings.models)
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
    )


def folder_size(path: Path) -> int:
    """Bytes on disk, following the Hugging Face cache's links to its blobs."""
    return sum(p.stat().st_size for p in path.rglob("*") if p.is_file())


def catalog_models(settings: Settings, catalog: Catalog | None = None) -> list[tuple[str, str]]:
    """(model, revision) of every direction, overrides included, each once."""
    catalog = catalog or load_catalog()
    pairs = []
    for d in catalog.directions.values():
        for leg in catalog.route(d.src, d.tgt, settings.models):
            pairs.append((leg.model, leg.revision))
    return list(dict.fromkeys(pairs))


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


def pull_model(model: str, revision: str = "") -> Path:
    """Download `model` into the Hugging Face cache (safetensors weights when the revision has
    them); returns the snapshot folder."""
    from huggingface_hub import snapshot_download
    from huggingface_hub.errors import (
        HfHubHTTPError,
        RepositoryNotFoundError,
        RevisionNotFoundError,
    )

    _one_log_line_each()
    try:
        with _online():
            path = Path(
                snapshot_download(
                    model, revision=revision or None, allow_patterns=[*MODEL_FILES, "*.safetensors"]
                )
            )
            if not (path / "model.safetensors").is_file():
                path = Path(
                    snapshot_download(
                        model, revision=revision or None, allow_patterns=["pytorch_model.bin"]
                    )
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
