"""Translation memory first, as a translator: the organisation's own translations before a model.

Wraps any translator (an engine, a pivot, the machine-translation cache). Sentences with an
exact human match in the memory take it and never reach the wrapped translator; the rest go
to it in one call. `sources` lists, per sentence translated so far, where its translation
came from (see workbench.memory.first); the signature starts with the memory's part
("tm:exact|..." or "tm:exact+fill85|...").
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from workbench.memory.first import MemoryPolicy, SegmentSource, from_memory
from workbench.signature import Signature
from workbench.store.db import Database
from workbench.translate.base import Translator


class MemoryFirstTranslator:
    def __init__(
        self,
        inner: Translator,
        db: Database,
        src: str,
        tgt: str,
        policy: MemoryPolicy | None = None,
    ):
        self.inner, self.db, self.src, self.tgt = inner, db, src, tgt
        self.policy = policy or MemoryPolicy()
        self.sources: list[SegmentSource] = []
        self._previous = ""  # the last sentence of the previous call: the next one's context

    @property
    def signature(self) -> str:
        return self._after_policy(self.inner.signature)

    @property
    def leg_signature(self) -> str:
        return self._after_policy(getattr(self.inner, "leg_signature", self.inner.signature))

    def _after_policy(self, inner: str) -> str:
        return Signature.parse(self.policy.signature).then(Signature.parse(inner)).format()

    @property
    def legs(self) -> list[Any]:
        return getattr(self.inner, "legs", [self.inner])

    @property
    def path(self) -> tuple[str, ...]:
        return tuple(getattr(self.inner, "path", (self.src, self.tgt)))

    def translate(self, texts: Sequence[str]) -> list[str]:
        texts = [str(t) for t in texts]
        decided = from_memory(
            self.db, texts, self.src, self.tgt, self.policy, before=self._previous
        )
        todo = [text for text, (found, _) in zip(texts, decided, strict=True) if found is None]
        made = iter(self.inner.translate(todo) if todo else [])
        self.sources += [source for _, source in decided]
        if texts:
            self._previous = texts[-1]
        return [found if found is not None else next(made) for found, _ in decided]

    def counts(self) -> dict[str, int]:
        """Sentences so far by where their translation came from, and fuzzy matches offered."""
        found = {origin: 0 for origin in ("memory", "fill", "machine")}
        for source in self.sources:
            found[source.origin] += 1
        found["offered"] = sum(1 for s in self.sources if s.offers and s.origin == "machine")
        return found
