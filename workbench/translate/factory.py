"""`get_translator()`: from a direction and the settings to a ready translator.

The catalog gives the legs (one model, or two through a pivot); each leg's model is found on
this machine, given its target token, loaded on the chosen engine, and wrapped in the
translation memory when a database is given.
"""

from __future__ import annotations

import logging
import os
from pathlib import Path

from workbench.config import Settings
from workbench.errors import ConfigError, InputError, ModelNotAvailable
from workbench.memory.first import MemoryPolicy
from workbench.store.db import Database
from workbench.translate.base import Decoding, MarianEngine, Runtime, Translator
from workbench.translate.catalog import Catalog, Direction, load_catalog
from workbench.translate.locate import ModelFiles, locate

ENGINES = ("auto", "hf", "ct2")
log = logging.getLogger(__name__)
MAX_BEAM = 64


def get_translator(
    src: str,
    tgt: str,
    settings: Settings,
    *,
    engine: str | None = None,
    model: str | None = None,
    beam: int | None = None,
    db: Database | None = None,
    compute_type: str | None = None,
    max_length: int | None = None,
    memory: MemoryPolicy | None = None,
) -> Translator:
    """A translator for src -> tgt. `model` (an id or folder) replaces the catalog's choice for
    this direction; `db` makes every segment go through the machine-translation cache, and with
    `memory` exact human matches of the translation memory come first (see
    workbench.translate.tmfirst)."""
    from workbench.privacy import quiet_environment

    quiet_environment()  # offline before huggingface_hub or transformers is imported
    catalog = load_catalog()
    overrides = dict(settings.models)
    if model:
        overrides[catalog.direction(src, tgt).name] = model
    legs = catalog.route(src, tgt, overrides)
    beam = _beam(settings.beam if beam is None else beam)
    decoding = Decoding(
        beam=beam, batch_tokens=settings.batch_tokens, max_length=_max_length(max_length)
    )
    runtime = Runtime(
        device=settings.device,
        threads=_cores(),
        compute_type=compute_type or "",
        convert_dir=settings.models_path / "ct2",
    )
    name = _engine_name(engine or settings.engine)
    translators = [_leg(leg, catalog, settings, name, decoding, runtime, db) for leg in legs]
    translator = translators[0]
    if len(translators) > 1:
        from workbench.translate.pivot import PivotTranslator

        translator = PivotTranslator(translators, [legs[0].src, *(leg.tgt for leg in legs)])
    if memory is not None and db is not None:
        from workbench.translate.tmfirst import MemoryFirstTranslator

        translator = MemoryFirstTranslator(translator, db, legs[0].src, legs[-1].tgt, memory)
    return translator


def _leg(
    leg: Direction,
    catalog: Catalog,
    settings: Settings,
    engine: str,
    decoding: Decoding,
    runtime: Runtime,
    db: Database | None,
) -> Translator:
    files = locate(leg.model, leg.revision, settings)
    token = target_token(leg, files, catalog)
    translator: Translator = load_engine(engine, files, leg, token, decoding, runtime)
    if db is not None:
        from workbench.translate.cache import CachedTranslator

        translator = CachedTranslator(translator, db)
    return translator


def target_token(leg: Direction, files: ModelFiles, catalog: Catalog) -> str:
    """The token the model needs to translate into leg.tgt ("" for a one-target model)."""
    known = files.language_tokens()
    if not leg.overridden:
        if leg.target_token and leg.target_token not in known:
            raise ConfigError(
                f"The catalog asks {files.id} for the target token {leg.target_token}, which its "
                f"vocabulary lacks ({_some(known)}). Fix {leg.name} in {catalog.path}."
            )
        return leg.target_token
    if not known:
        return ""
    for name in catalog.token_names.get(leg.tgt, ()):
        if name in known:
            return name
    raise ConfigError(
        f"The model {files.id} is asked for its language by a target token ({_some(known)}), "
        f"but has none for {leg.tgt}. Choose another model for {leg.name}."
    )


def load_engine(
    engine: str,
    files: ModelFiles,
    leg: Direction,
    token: str,
    decoding: Decoding,
    runtime: Runtime,
) -> MarianEngine:
    """`auto` is CTranslate2 (the faster) unless it cannot run this model, or it has no GPU
    where transformers has one; then transformers."""
    if engine == "auto":
        if runtime.device != "cpu" and not _ct2_has_gpu() and _torch_has_gpu():
            return load_engine("hf", files, leg, token, decoding, runtime)
        try:
            return load_engine("ct2", files, leg, token, decoding, runtime)
        except (ImportError, OSError, RuntimeError, ModelNotAvailable) as exc:
            log.warning("CTranslate2 cannot run %s (%s); using transformers.", files.id, exc)
            return load_engine("hf", files, leg, token, decoding, runtime)
    if engine == "ct2":
        from workbench.translate.ct2 import Ct2Engine as Engine
    else:
        from workbench.translate.hf import HfEngine as Engine
    return Engine(files, leg.src, leg.tgt, token, decoding, runtime)


def _ct2_has_gpu() -> bool:
    try:
        import ctranslate2

        return ctranslate2.get_cuda_device_count() > 0
    except (ImportError, RuntimeError, OSError):
        return False


def _torch_has_gpu() -> bool:
    """Whether torch sees a GPU; torch is only imported when an NVIDIA device is there."""
    if not any(Path("/dev").glob("nvidia[0-9]*")):
        return False
    import torch

    return torch.cuda.is_available()


def _engine_name(name: str) -> str:
    value = str(name).strip().lower()
    if value not in ENGINES:
        raise ConfigError(f"Unknown engine {name!r}: use one of {', '.join(ENGINES)}.")
    return value


def _beam(beam: int) -> int:
    # a beam of thousands would hold thousands of hypotheses per sentence in memory
    if isinstance(beam, bool) or not isinstance(beam, int) or not 1 <= beam <= MAX_BEAM:
        raise InputError(
            f"The beam size must be a whole number from 1 to {MAX_BEAM}, not {beam!r} "
            "(4 is usual; wider beams rarely help MarianMT models)."
        )
    return beam


def _max_length(value: int | None) -> int:
    if value is None:
        return 0
    if not isinstance(value, int) or not 1 <= value <= 510:
        raise InputError(f"The maximum length must be between 1 and 510 pieces, not {value!r}.")
    return value


def _cores() -> int:
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # not Linux
        return max(1, os.cpu_count() or 1)


def _some(tokens: list[str]) -> str:
    if not tokens:
        return "it has no target tokens"
    return ", ".join(tokens[:8]) + (f" and {len(tokens) - 8} more" if len(tokens) > 8 else "")
