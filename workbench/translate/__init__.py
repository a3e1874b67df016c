"""Machine translation between en, ar, ckb and kmr with MarianMT models.

`get_translator(src, tgt, settings, ...)` gives a `Translator` (`.translate(texts)`,
`.signature`); `workbench.translate.api.translate()` is the one-call public function. Nothing
heavy is imported until a translator is made.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from workbench.registry import call_through

if TYPE_CHECKING:
    from workbench.config import Settings
    from workbench.store.db import Database
    from workbench.translate.base import Translator


def get_translator(
    src: str,
    tgt: str,
    settings: Settings,
    *,
    engine: str | None = None,
    model: str | None = None,
    beam: int | None = None,
    db: Database | None = None,
    **options: Any,
) -> Translator:
    """A translator for src -> tgt (see workbench.translate.factory.get_translator)."""
    from workbench.translate.factory import get_translator as make

    return make(src, tgt, settings, engine=engine, model=model, beam=beam, db=db, **options)


call_through(__name__, "workbench.translate.api:translate")
