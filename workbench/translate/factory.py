"""`get_translator()`: from a direction and the settings to a ready translator.

The catalog gives the legs for the profile (one model, or two through a pivot); each leg's
model is found on this machine in whatever format it is, given its language tokens by its
architecture, loaded on the chosen engine and device, and wrapped in the translation memory
when a database is given.
"""

from __future__ import annotations

import logging
import os
from pathlib import Path

from workbench.config import Settings
from workbench.errors import InputError, ModelNotAvailable
from workbench.memory.first import MemoryPolicy
from workbench.privacy import quiet_environment
from workbench.store.db import Database
from workbench.translate.architectures import ARCHITECTURES, Tokens
from workbench.translate.base import Decoding, Engine, Runtime, Translator
from workbench.translate.catalog import Catalog, Direction, load_catalog
from workbench.translate.choices import (
    COMPUTE_TYPES,
    DEVICES,
    ENGINE_CLASSES,
    ENGINES,
    PROFILES,
    check,
)
from workbench.translate.folders import TRANSFORMERS
from workbench.translate.locate import ModelFiles, locate

log = logging.getLogger(__name__)
MAX_BEAM = 64
MAX_BATCH_TOKENS = 1 << 20


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
    profile: str | None = None,
    device: str | None = None,
    batch_tokens: int | None = None,
) -> Translator:
    """A translator for src -> tgt. `model` (an id or folder) replaces the profile's choice for
    this direction; `db` makes every segment go through the machine-translation cache, and with
    `memory` exact human matches of the translation memory come first (see
    workbench.translate.tmfirst). Each option left None comes from the settings
    (workbench.toml, WORKBENCH_*)."""

    quiet_environment()  # offline before huggingface_hub or transformers is imported
    catalog = load_catalog()
    overrides = dict(settings.models)
    if model:
        overrides[catalog.direction(src, tgt).name] = model
    profile = check("profile", profile or settings.profile, PROFILES)
    legs = catalog.route(src, tgt, overrides, profile=profile)
    beam = _beam(settings.beam if beam is None else beam)
    decoding = Decoding(
        beam=beam,
        batch_tokens=_batch_tokens(settings.batch_tokens if batch_tokens is None else batch_tokens),
        max_length=_max_length(max_length),
    )
    compute = compute_type or settings.compute_type
    runtime = Runtime(
        device=check("device", device or settings.device, DEVICES),
        threads=_cores(),
        compute_type=check("compute type", compute, COMPUTE_TYPES) if compute else "",
        convert_dir=settings.models_path / "ct2",
    )
    name = check("engine", engine or settings.engine, ENGINES)
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
    tokens = language_tokens(leg, files, catalog)
    translator: Translator = load_engine(engine, files, leg, tokens, decoding, runtime)
    if db is not None:
        from workbench.translate.cache import CachedTranslator

        translator = CachedTranslator(translator, db)
    return translator


def language_tokens(leg: Direction, files: ModelFiles, catalog: Catalog) -> Tokens:
    """The language tokens the model needs for leg.src -> leg.tgt (its architecture says how)."""
    return ARCHITECTURES[files.architecture].tokens(
        leg.src,
        leg.tgt,
        "" if leg.overridden else leg.target_token,
        files.vocabulary(),
        catalog.token_names,
        files.id,
    )


def load_engine(
    engine: str,
    files: ModelFiles,
    leg: Direction,
    tokens: Tokens,
    decoding: Decoding,
    runtime: Runtime,
) -> Engine:
    """`auto` is CTranslate2 (the faster) unless it cannot run this model, or it has no GPU
    where transformers has one; then transformers. A CTranslate2 or Marian-native folder runs
    on CTranslate2 only."""
    if engine == "auto":
        if files.format != TRANSFORMERS:
            return load_engine("ct2", files, leg, tokens, decoding, runtime)
        if runtime.device != "cpu" and not _ct2_has_gpu() and _torch_has_gpu():
            return load_engine("hf", files, leg, tokens, decoding, runtime)
        try:
            return load_engine("ct2", files, leg, tokens, decoding, runtime)
        except (ImportError, OSError, RuntimeError, ModelNotAvailable) as exc:
            log.warning("CTranslate2 cannot run %s (%s); using transformers.", files.id, exc)
            return load_engine("hf", files, leg, tokens, decoding, runtime)
    made: Engine = ENGINE_CLASSES.load(engine)(files, leg.src, leg.tgt, tokens, decoding, runtime)
    return made


def _ct2_has_gpu() -> bool:
    try:
        import ctranslate2

        return int(ctranslate2.get_cuda_device_count()) > 0
    except (ImportError, RuntimeError, OSError):
        return False


def _torch_has_gpu() -> bool:
    """Whether torch sees a GPU; torch is only imported when an NVIDIA device is there."""
    if not any(Path("/dev").glob("nvidia[0-9]*")):
        return False
    import torch

    return bool(torch.cuda.is_available())


def _beam(beam: int) -> int:
    # a beam of thousands would hold thousands of hypotheses per sentence in memory
    if isinstance(beam, bool) or not isinstance(beam, int) or not 1 <= beam <= MAX_BEAM:
        raise InputError(
            f"The beam size must be a whole number from 1 to {MAX_BEAM}, not {beam!r} "
            "(4 is usual; wider beams rarely help MarianMT models)."
        )
    return beam


def _batch_tokens(value: int) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or not 1 <= value <= MAX_BATCH_TOKENS:
        raise InputError(
            f"The batch size must be a whole number of tokens from 1 to {MAX_BATCH_TOKENS}, "
            f"not {value!r} (4096 is usual: more uses more memory)."
        )
    return value


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
