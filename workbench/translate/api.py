"""The public translation function: `workbench.translate(texts, src="en", tgt="ar")`."""

from __future__ import annotations

from collections.abc import Sequence

from workbench.config import Settings, load_settings
from workbench.errors import InputError
from workbench.memory.first import MemoryPolicy
from workbench.memory.search import OFFER_SCORE
from workbench.store.db import Database


def translate(
    texts: Sequence[str],
    src: str = "en",
    tgt: str = "ar",
    *,
    engine: str | None = None,
    model: str | None = None,
    beam: int | None = None,
    compute_type: str | None = None,
    max_length: int | None = None,
    profile: str | None = None,
    device: str | None = None,
    batch_tokens: int | None = None,
    settings: Settings | None = None,
    db: Database | None = None,
    tm: bool = True,
    tm_threshold: int = OFFER_SCORE,
    tm_fill: int | None = None,
) -> list[str]:
    """Translate each text from `src` into `tgt`; the result has one string per text, in order.

    `engine`: auto | hf | ct2; `model`: a Hugging Face id or a local folder (transformers,
    CTranslate2 or Marian-native) instead of the profile's model; `profile`: open (permissive
    licences) | best (best published score); `device`: auto | cpu | cuda; `compute_type`:
    int8 | int8_float16 | float16 | float32; `batch_tokens`: input pieces x beam per batch;
    `beam`: 1 for greedy; `max_length`: a fixed output limit in pieces; `db`: a workbench
    database: its machine-translation cache, and (unless `tm` is False) its translation
    memory, whose exact human matches are used before the model; `tm_fill` inserts fuzzy
    matches scoring at least that much too (`tm_threshold` is what counts as a match worth
    offering). Settings come from workbench.toml and WORKBENCH_* unless given.
    """
    if isinstance(texts, str):
        raise InputError("translate() takes a list of texts; wrap a single text as [text].")
    from workbench.translate.factory import get_translator

    translator = get_translator(
        src,
        tgt,
        settings or load_settings(),
        engine=engine,
        model=model,
        beam=beam,
        db=db,
        compute_type=compute_type,
        max_length=max_length,
        memory=MemoryPolicy(tm_threshold, tm_fill) if tm and db is not None else None,
        profile=profile,
        device=device,
        batch_tokens=batch_tokens,
    )
    return translator.translate(list(texts))
