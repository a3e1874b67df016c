"""The translation memory as a translator: what was translated before is never translated again.

Wraps any translator that has an `identity` (engines, pivots, or any translator given the
languages); each new segment translation is stored with its signature.
"""

from __future__ import annotations

from collections.abc import Sequence

from workbench.records import Translation
from workbench.store.db import Database
from workbench.store.translations import find_translations, save_translations, translation_key
from workbench.translate.base import Identity, Translator


class CachedTranslator:
    def __init__(
        self, inner: Translator, db: Database, *, src: str | None = None, tgt: str | None = None
    ):
        self.inner = inner
        self.db = db
        identity = getattr(inner, "identity", None)
        if identity is None:
            if not (src and tgt):
                raise ValueError("a translator without an identity needs src and tgt")
            identity = Identity(inner.signature, "", "", "", src, tgt)
        self.identity: Identity = identity
        self.hits = 0  # segments found in the memory
        self.translated = 0  # segments the inner translator had to translate

    @property
    def signature(self) -> str:
        return self.inner.signature

    @property
    def leg_signature(self) -> str:
        return getattr(self.inner, "leg_signature", self.inner.signature)

    def translate(self, texts: Sequence[str]) -> list[str]:
        texts = [str(t) for t in texts]
        keys = {t: self._key(t) for t in texts if t.strip()}
        found = find_translations(self.db, keys.values())
        todo = [t for t in keys if keys[t] not in found]
        new = dict(zip(todo, self.inner.translate(todo), strict=True)) if todo else {}
        save_translations(self.db, [self._record(t, out) for t, out in new.items()])
        self.hits += len(keys) - len(todo)
        self.translated += len(todo)
        outputs = {t: found[k].output for t, k in keys.items() if k in found} | new
        return [outputs.get(t, "") for t in texts]

    def _key(self, text: str) -> str:
        i = self.identity
        return translation_key(
            model=i.model,
            revision=i.revision,
            engine=i.engine,
            settings=i.settings,
            src_lang=i.src,
            tgt_lang=i.tgt,
            source=text,
        )

    def _record(self, source: str, output: str) -> Translation:
        i = self.identity
        return Translation(
            source=source,
            output=output,
            src_lang=i.src,
            tgt_lang=i.tgt,
            model=i.model,
            revision=i.revision,
            engine=i.engine,
            settings=i.settings,
            signature=self.signature,
        )
