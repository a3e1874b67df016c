"""Machine translation between en, ar, ckb and kmr with MarianMT models.

`get_translator(src, tgt, settings, ...)` gives a `Translator` (`.translate(texts)`,
`.signature`); `workbench.translate.api.translate()` is the one-call public function. Nothing
heavy is imported until a translator is made.
"""

from __future__ import annotations

import sys
import types
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

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


class _CallableModule(types.ModuleType):
    """`workbench.translate` is this package once anything in it is imported, and the public
    function before: calling the package calls the function, so both spellings work."""

    def __call__(self, texts: Sequence[str], src: str = "en", tgt: str = "ar", **options: Any):
        from workbench.translate.api import translate

        return translate(texts, src, tgt, **options)


sys.modules[__name__].__class__ = _CallableModule
